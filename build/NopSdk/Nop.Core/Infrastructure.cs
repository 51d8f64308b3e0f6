using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Nop.Core.Configuration
{
    public partial interface ISettings
    {
    }
}

namespace Nop.Core.Infrastructure
{
    public partial interface INopStartup
    {
        void ConfigureServices(IServiceCollection services, IConfiguration configuration);

        void Configure(IApplicationBuilder application);

        int Order { get; }
    }
}

namespace Nop.Core.Caching
{
    public partial class CacheKey
    {
        public CacheKey(string key)
        {
            Key = key;
        }

        public string Key { get; protected set; }
    }

    public partial interface ICacheKeyService
    {
    }

    public partial interface ILocker
    {
        Task<bool> PerformActionWithLockAsync(string resource, TimeSpan expirationTime, Func<Task> action);

        Task RunWithHeartbeatAsync(string key, TimeSpan expirationTime, TimeSpan heartbeatInterval, Func<CancellationToken, Task> action, CancellationTokenSource cancellationTokenSource = default);

        Task CancelTaskAsync(string key, TimeSpan expirationTime);

        Task<bool> IsTaskRunningAsync(string key);
    }
}

namespace Nop.Core.Http
{
    public static partial class NopRouteNames
    {
        public static partial class General
        {
            public const string HOMEPAGE = "Homepage";
            public const string CART = "ShoppingCart";
            public const string LOGIN = "Login";
        }

        public static partial class Standard
        {
            public const string CHECKOUT_COMPLETED = "CheckoutCompleted";
            public const string ORDER_DETAILS = "OrderDetails";
            public const string CHECKOUT_PAYMENT_INFO = "CheckoutPaymentInfo";
            public const string CHECKOUT_PAYMENT_METHOD = "CheckoutPaymentMethod";
            public const string CHECKOUT_CONFIRM = "CheckoutConfirm";
            public const string CHECKOUT = "Checkout";
            public const string CHECKOUT_ONE_PAGE = "CheckoutOnePage";
        }
    }
}

namespace Nop.Core.Events
{
    public partial interface IEventPublisher
    {
        Task PublishAsync<TEvent>(TEvent @event);

        void Publish<TEvent>(TEvent @event);
    }
}
