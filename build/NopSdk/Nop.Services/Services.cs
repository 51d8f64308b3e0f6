using System.Linq.Expressions;
using Nop.Core;
using Nop.Core.Configuration;
using Nop.Core.Domain.Common;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.Logging;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.ScheduleTasks;
using Nop.Core.Domain.Stores;

namespace Nop.Services.Configuration
{
    public partial interface ISettingService
    {
        Task<T> LoadSettingAsync<T>(int storeId = 0) where T : ISettings, new();

        Task<ISettings> LoadSettingAsync(Type type, int storeId = 0);

        Task SaveSettingAsync<T>(T settings, int storeId = 0) where T : ISettings, new();

        Task SaveSettingAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, int storeId = 0, bool clearCache = true) where T : ISettings, new();

        Task SaveSettingOverridablePerStoreAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, bool overrideForStore, int storeId = 0, bool clearCache = true) where T : ISettings, new();

        Task<bool> SettingExistsAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, int storeId = 0) where T : ISettings, new();

        Task DeleteSettingAsync<T>() where T : ISettings, new();

        Task DeleteSettingAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, int storeId = 0) where T : ISettings, new();

        Task ClearCacheAsync();

        Task<T> GetSettingByKeyAsync<T>(string key, T defaultValue = default, int storeId = 0, bool loadSharedValueIfNotFound = false);

        Task SetSettingAsync<T>(string key, T value, int storeId = 0, bool clearCache = true);

        string GetSettingKey<TSettings, T>(TSettings settings, Expression<Func<TSettings, T>> keySelector) where TSettings : ISettings, new();
    }
}

namespace Nop.Services.Localization
{
    public partial interface ILocalizationService
    {
        Task<string> GetResourceAsync(string resourceKey);

        Task<string> GetResourceAsync(string resourceKey, int languageId, bool logIfNotFound = true, string defaultValue = "", bool returnEmptyIfNotFound = false);

        Task AddOrUpdateLocaleResourceAsync(string resourceName, string resourceValue, string languageCulture = null);

        Task AddOrUpdateLocaleResourceAsync(IDictionary<string, string> resources, int? languageId = null);

        Task DeleteLocaleResourceAsync(string resourceName);

        Task DeleteLocaleResourcesAsync(IList<string> resourceNames, int? languageId = null);

        Task DeleteLocaleResourcesAsync(string resourceNamePrefix, int? languageId = null);

        Task<string> GetLocalizedEnumAsync<TEnum>(TEnum enumValue, int? languageId = null) where TEnum : struct;
    }

    public partial interface ILanguageService
    {
        Task<IList<Language>> GetAllLanguagesAsync(bool showHidden = false, int storeId = 0);

        Task<Language> GetLanguageByIdAsync(int languageId);

        string GetTwoLetterIsoLanguageName(Language language);
    }
}

namespace Nop.Services.Logging
{
    public partial interface ILogger
    {
        bool IsEnabled(LogLevel level);

        Task InsertLogAsync(LogLevel logLevel, string shortMessage, string fullMessage = "", Customer customer = null);

        Task InformationAsync(string message, Exception exception = null, Customer customer = null);

        void Information(string message, Exception exception = null, Customer customer = null);

        Task WarningAsync(string message, Exception exception = null, Customer customer = null);

        void Warning(string message, Exception exception = null, Customer customer = null);

        Task ErrorAsync(string message, Exception exception = null, Customer customer = null);

        void Error(string message, Exception exception = null, Customer customer = null);
    }
}

namespace Nop.Services.Messages
{
    public enum NotifyType
    {
        Success = 0,
        Error = 1,
        Warning = 2
    }

    public partial interface INotificationService
    {
        void Notification(NotifyType type, string message, bool encode = true, int timeout = 0);

        void SuccessNotification(string message, bool encode = true, int timeout = 0);

        void WarningNotification(string message, bool encode = true, int timeout = 0);

        void ErrorNotification(string message, bool encode = true, int timeout = 0);

        Task ErrorNotificationAsync(Exception exception, bool logException = true, int timeout = 0);
    }
}

namespace Nop.Services.Security
{
    public partial class StandardPermission
    {
        public partial class Configuration
        {
            public const string MANAGE_PAYMENT_METHODS = "Configuration.ManagePaymentMethods";
            public const string MANAGE_PLUGINS = "Configuration.ManagePlugins";
            public const string MANAGE_SETTINGS = "Configuration.ManageSettings";
        }

        public partial class Orders
        {
            public const string ORDERS_VIEW = "Orders.OrdersView";
            public const string ORDERS_CREATE_EDIT_DELETE = "Orders.OrdersCreateEditDelete";
        }

        public partial class Security
        {
            public const string ACCESS_ADMIN_PANEL = "Security.AccessAdminPanel";
        }

        public partial class System
        {
            public const string MANAGE_SCHEDULE_TASKS = "System.ManageScheduleTasks";
        }
    }

    public partial interface IPermissionService
    {
        Task<bool> AuthorizeAsync(string permissionRecordSystemName);

        Task<bool> AuthorizeAsync(string permissionRecordSystemName, Customer customer);

        Task<bool> AuthorizeAsync(string permissionRecordSystemName, int customerRoleId);
    }
}

namespace Nop.Services.ScheduleTasks
{
    public partial interface IScheduleTask
    {
        Task ExecuteAsync();
    }

    public partial interface IScheduleTaskService
    {
        Task DeleteTaskAsync(ScheduleTask task);

        Task<ScheduleTask> GetTaskByIdAsync(int taskId);

        Task<ScheduleTask> GetTaskByTypeAsync(string type);

        Task<IList<ScheduleTask>> GetAllTasksAsync(bool showHidden = false);

        Task InsertTaskAsync(ScheduleTask task);

        Task UpdateTaskAsync(ScheduleTask task);
    }
}

namespace Nop.Services.Events
{
    public partial interface IConsumer<T>
    {
        Task HandleEventAsync(T eventMessage);
    }
}

namespace Nop.Services.Common
{
    public partial interface IGenericAttributeService
    {
        Task DeleteAttributeAsync(GenericAttribute attribute);

        Task InsertAttributeAsync(GenericAttribute attribute);

        Task UpdateAttributeAsync(GenericAttribute attribute);

        Task<IList<GenericAttribute>> GetAttributesForEntityAsync(int entityId, string keyGroup);

        Task SaveAttributeAsync<TPropType>(BaseEntity entity, string key, TPropType value, int storeId = 0);

        Task<TPropType> GetAttributeAsync<TPropType>(BaseEntity entity, string key, int storeId = 0, TPropType defaultValue = default);

        Task<TPropType> GetAttributeAsync<TEntity, TPropType>(int entityId, string key, int storeId = 0, TPropType defaultValue = default)
            where TEntity : BaseEntity;
    }
}

namespace Nop.Services.Directory
{
    public partial interface ICurrencyService
    {
        Task<Currency> GetCurrencyByIdAsync(int currencyId);

        Task<Currency> GetCurrencyByCodeAsync(string currencyCode);

        Task<IList<Currency>> GetAllCurrenciesAsync(bool showHidden = false, int storeId = 0);

        decimal ConvertCurrency(decimal amount, decimal exchangeRate);

        Task<decimal> ConvertToPrimaryStoreCurrencyAsync(decimal amount, Currency sourceCurrencyCode);

        Task<decimal> ConvertFromPrimaryStoreCurrencyAsync(decimal amount, Currency targetCurrencyCode);

        Task<decimal> ConvertCurrencyAsync(decimal amount, Currency sourceCurrencyCode, Currency targetCurrencyCode);
    }
}

namespace Nop.Services.Stores
{
    public partial interface IStoreService
    {
        Task<IList<Store>> GetAllStoresAsync();

        Task<Store> GetStoreByIdAsync(int storeId);
    }
}

namespace Nop.Services.Customers
{
    public partial interface ICustomerService
    {
        Task<Customer> GetCustomerByIdAsync(int customerId);

        Task<Customer> GetCustomerByGuidAsync(Guid customerGuid);

        Task<bool> IsGuestAsync(Customer customer, bool onlyActiveCustomerRoles = true);

        Task<bool> IsRegisteredAsync(Customer customer, bool onlyActiveCustomerRoles = true);

        Task<string> GetCustomerFullNameAsync(Customer customer);
    }
}
