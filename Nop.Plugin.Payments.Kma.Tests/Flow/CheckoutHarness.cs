using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using Moq;
using Nop.Core;
using Nop.Core.Caching;
using Nop.Core.Domain.Common;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Discounts;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Domain.Stores;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Plugin.Payments.Kma.Tests.Sync;
using Nop.Plugin.Payments.Kma.Tests.TestSupport;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Directory;
using Nop.Services.Localization;
using Nop.Services.Logging;
using Nop.Services.Orders;
using Nop.Services.Stores;

namespace Nop.Plugin.Payments.Kma.Tests.Flow;

/// <summary>
/// The DevStore's generic attributes (as nopCommerce converts and stores them, empty deletes), with a view of the
/// values by entity and key for tests to set up and read
/// </summary>
internal sealed class InMemoryGenericAttributeService : FakeGenericAttributes
{
    public InMemoryGenericAttributeService()
    {
        Values = new AttributeValues(this);
    }

    public AttributeValues Values { get; }

    /// <summary>
    /// The order attributes by (entity id, key): setting null or empty deletes, as saving does
    /// </summary>
    internal sealed class AttributeValues(FakeGenericAttributes attributes)
    {
        public string this[(int EntityId, string Key) entry]
        {
            get => attributes[entry.EntityId, entry.Key];
            set => attributes[entry.EntityId, entry.Key] = value;
        }

        public bool Remove((int EntityId, string Key) entry)
        {
            var existed = attributes[entry.EntityId, entry.Key] != null;
            attributes[entry.EntityId, entry.Key] = null;
            return existed;
        }
    }
}

/// <summary>
/// One store, one order and the mocks around the checkout service
/// </summary>
internal sealed class CheckoutHarness
{
    public const string SecretKey = "skey_test_5kmaflowSECRETvalue";
    public const string IphoneUserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    public const string DesktopUserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

    private int _chargeNumber;

    public CheckoutHarness()
    {
        Order = new Order
        {
            Id = 7,
            OrderGuid = Guid.Parse("0b0c5a52-3f44-4f59-9d1f-6b9e0f3c2a11"),
            StoreId = 1,
            OrderTotal = 1500m,
            CustomerCurrencyCode = "THB",
            CurrencyRate = 1m,
            PaymentMethodSystemName = "Payments.Kma",
            CustomOrderNumber = "7",
            PaymentStatus = PaymentStatus.Pending,
            OrderStatus = OrderStatus.Pending
        };
        Settings = new KmaPaymentSettings
        {
            PublicKey = "pkey_test_5kmaflowpublic",
            SecretKey = SecretKey,
            ApiBaseUrl = "http://127.0.0.1:9",
            UseDynamicWebhooks = true,
            CheckCapability = false
        };
        Store = new Store { Id = 1, Name = "Demo Store", Url = "https://shop.example/" };
        Thb = new Currency { Id = 1, CurrencyCode = "THB", Rate = 1m, Published = true };
        Usd = new Currency { Id = 2, CurrencyCode = "USD", Rate = 1m, Published = true };
        CurrencySettings = new CurrencySettings { PrimaryStoreCurrencyId = Thb.Id };
        StoreCurrencies = new List<Currency> { Thb };

        SettingService.Setup(service => service.LoadSettingAsync<KmaPaymentSettings>(It.IsAny<int>())).ReturnsAsync(() => Settings);
        StoreService.Setup(service => service.GetStoreByIdAsync(It.IsAny<int>())).ReturnsAsync(() => Store);
        StoreContext.Setup(context => context.GetCurrentStoreAsync()).ReturnsAsync(() => Store);
        WebHelper.Setup(helper => helper.GetStoreLocation(It.IsAny<bool?>())).Returns("https://fallback.example/");

        CurrencyService.Setup(service => service.GetCurrencyByIdAsync(It.IsAny<int>()))
            .ReturnsAsync((int id) => new[] { Thb, Usd }.FirstOrDefault(currency => currency.Id == id));
        CurrencyService.Setup(service => service.GetCurrencyByCodeAsync(It.IsAny<string>()))
            .ReturnsAsync((string code) => StoreCurrencies.FirstOrDefault(currency => currency.CurrencyCode == code));
        CurrencyService.Setup(service => service.GetAllCurrenciesAsync(It.IsAny<bool>(), It.IsAny<int>()))
            .ReturnsAsync(() => StoreCurrencies);
        CurrencyService.Setup(service => service.ConvertFromPrimaryStoreCurrencyAsync(It.IsAny<decimal>(), It.IsAny<Currency>()))
            .ReturnsAsync((decimal amount, Currency target) => amount * target.Rate);

        OrderTotals.Setup(service => service.GetShoppingCartTotalAsync(It.IsAny<IList<ShoppingCartItem>>(), It.IsAny<bool?>(), It.IsAny<bool>()))
            .ReturnsAsync(() => (CartTotal, 0m, new List<Discount>(), new List<AppliedGiftCard>(), 0, 0m));
        OrderTotals.Setup(service => service.CalculatePaymentAdditionalFeeAsync(It.IsAny<IList<ShoppingCartItem>>(), It.IsAny<decimal>(), It.IsAny<bool>()))
            .ReturnsAsync((IList<ShoppingCartItem> _, decimal fee, bool percentage) => percentage ? Math.Round((CartTotal ?? 0m) * fee / 100m, 2) : fee);

        OrderService.Setup(service => service.GetOrderByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => id == Order.Id ? Order : null);
        OrderService.Setup(service => service.GetOrderByGuidAsync(It.IsAny<Guid>())).ReturnsAsync((Guid guid) => guid == Order.OrderGuid ? Order : null);
        OrderService.Setup(service => service.InsertOrderNoteAsync(It.IsAny<OrderNote>()))
            .Callback((OrderNote note) => Notes.Add(note.Note))
            .Returns(Task.CompletedTask);
        OrderService.Setup(service => service.UpdateOrderAsync(It.IsAny<Order>()))
            .Callback((Order order) => SavedChargeIds.Add(order.AuthorizationTransactionId))
            .Returns(Task.CompletedTask);

        Logger.Setup(logger => logger.WarningAsync(It.IsAny<string>(), It.IsAny<Exception>(), It.IsAny<Customer>()))
            .Callback((string message, Exception exception, Customer _) => Logs.Add(message + " " + exception?.Message))
            .Returns(Task.CompletedTask);
        Logger.Setup(logger => logger.ErrorAsync(It.IsAny<string>(), It.IsAny<Exception>(), It.IsAny<Customer>()))
            .Callback((string message, Exception exception, Customer _) => Logs.Add(message + " " + exception?.Message))
            .Returns(Task.CompletedTask);

        //nopCommerce's lock (the DevStore's), recording the keys and refusing them all while LockHeld
        var locker = DevStoreServices.Locker();
        Locker.Setup(mock => mock.PerformActionWithLockAsync(It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<Func<Task>>()))
            .Returns((string key, TimeSpan expirationTime, Func<Task> action) =>
            {
                LockKeys.Add(key);
                return LockHeld ? Task.FromResult(false) : locker.PerformActionWithLockAsync(key, expirationTime, action);
            });

        Localization.Setup(service => service.GetResourceAsync(It.IsAny<string>())).ReturnsAsync((string key) => "text:" + key);

        Opn.Setup(client => client.CreateChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<CreateKmaChargeRequest>(), It.IsAny<CancellationToken>()))
            .Callback((OpnCredentials credentials, CreateKmaChargeRequest request, CancellationToken _) => CreateRequests.Add(request))
            .ReturnsAsync((OpnCredentials _, CreateKmaChargeRequest request, CancellationToken _) =>
                NewCharge(request.Amount, request.PlatformType, int.Parse(request.Metadata["attempt"], CultureInfo.InvariantCulture)));
        Opn.Setup(client => client.FindChargesByOrderAsync(It.IsAny<OpnCredentials>(), It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new List<OpnCharge>());
    }

    public Order Order { get; }
    public KmaPaymentSettings Settings { get; set; }
    public Store Store { get; set; }
    public Currency Thb { get; }
    public Currency Usd { get; }
    public CurrencySettings CurrencySettings { get; }
    public List<Currency> StoreCurrencies { get; set; }
    public decimal? CartTotal { get; set; } = 1500m;
    public bool LockHeld { get; set; }
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public List<string> Notes { get; } = new();
    public List<string> Logs { get; } = new();
    public List<string> LockKeys { get; } = new();
    public List<string> SavedChargeIds { get; } = new();
    public List<CreateKmaChargeRequest> CreateRequests { get; } = new();

    public InMemoryGenericAttributeService Attributes { get; } = new();
    public Mock<IOpnClient> Opn { get; } = new(MockBehavior.Strict);
    public Mock<ICurrencyService> CurrencyService { get; } = new();
    public Mock<ILocalizationService> Localization { get; } = new();
    public Mock<ILocker> Locker { get; } = new();
    public Mock<ILogger> Logger { get; } = new();
    public Mock<IOrderService> OrderService { get; } = new();
    public Mock<IOrderTotalCalculationService> OrderTotals { get; } = new();
    public Mock<ISettingService> SettingService { get; } = new();
    public Mock<IStoreContext> StoreContext { get; } = new();
    public Mock<IStoreService> StoreService { get; } = new();
    public Mock<IWebHelper> WebHelper { get; } = new();
    public IMemoryCache MemoryCache { get; } = new MemoryCache(new MemoryCacheOptions());

    /// <summary>The plugin's claim table (created as its migration does) and the claim service over it</summary>
    public global::DevStore.Data.DevStoreData Database { get; } = global::DevStore.Data.PluginSchema.CreateDatabase(typeof(KmaPaymentProcessor));

    public KmaPaymentClaimService Claims => new(Logger.Object, new global::DevStore.Data.DevStoreRepository<Nop.Plugin.Payments.Kma.Domain.KmaPaymentClaim>(Database));


    public KmaCheckoutService CreateService(IOpnClient opnClient = null)
    {
        return new KmaCheckoutService(CurrencySettings, CurrencyService.Object, Attributes, Claims, Localization.Object, Locker.Object,
            Logger.Object, MemoryCache, opnClient ?? Opn.Object, OrderService.Object, OrderTotals.Object, SettingService.Object,
            StoreContext.Object, StoreService.Object, WebHelper.Object)
        {
            LockRetryDelay = TimeSpan.Zero,
            Clock = Clock
        };
    }

    public OpnCharge NewCharge(long amount = 150000, string platformType = OpnPlatformTypes.Ios, int attempt = 1,
        string status = OpnChargeStatuses.Pending, TimeSpan? expiresIn = null)
    {
        var id = $"chrg_test_flow{++_chargeNumber:D4}";
        return new OpnCharge
        {
            Object = "charge",
            Id = id,
            Amount = amount,
            Currency = "THB",
            Status = status,
            Livemode = false,
            AuthorizeUri = $"https://pay.example/authorize/{id}",
            ExpiresAt = DateTime.UtcNow + (expiresIn ?? TimeSpan.FromMinutes(15)),
            Source = new OpnSource { Type = "mobile_banking_bay", PlatformType = platformType, Amount = amount, Currency = "THB" },
            Metadata = new Dictionary<string, string>
            {
                ["order_guid"] = Order.OrderGuid.ToString(),
                ["order_id"] = Order.Id.ToString(CultureInfo.InvariantCulture),
                ["attempt"] = attempt.ToString(CultureInfo.InvariantCulture)
            }
        };
    }

    /// <summary>
    /// Makes the order look like one whose charge attempt was already handed out
    /// </summary>
    public OpnCharge GiveOrderCharge(OpnCharge charge, int attempt = 1)
    {
        Order.AuthorizationTransactionId = charge.Id;
        Attributes.Values[(Order.Id, KmaDefaults.OrderAttributes.ReturnToken)] = "existing-token-value-0123456789abcdef";
        Attributes.Values[(Order.Id, KmaDefaults.OrderAttributes.ChargeAttempt)] = attempt.ToString(CultureInfo.InvariantCulture);
        Attributes.Values[(Order.Id, KmaDefaults.OrderAttributes.ChargeAmountSatang)] = charge.Amount.ToString(CultureInfo.InvariantCulture);
        Attributes.Values[(Order.Id, KmaDefaults.OrderAttributes.AuthorizeUri)] = charge.AuthorizeUri;
        Opn.Setup(client => client.GetChargeAsync(It.IsAny<OpnCredentials>(), charge.Id, It.IsAny<CancellationToken>())).ReturnsAsync(charge);
        return charge;
    }

    public string Attribute(string key) => Attributes[Order.Id, key];

    /// <summary>
    /// Everything written where people or logs can read it
    /// </summary>
    public IEnumerable<string> Written => Notes.Concat(Logs);
}
