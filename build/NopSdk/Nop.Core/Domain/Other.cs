using Nop.Core.Configuration;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.Stores;

namespace Nop.Core.Domain.Common
{
    public partial interface ISoftDeletedEntity
    {
        bool Deleted { get; set; }
    }

    public partial class GenericAttribute : BaseEntity
    {
        public int EntityId { get; set; }
        public string KeyGroup { get; set; }
        public string Key { get; set; }
        public string Value { get; set; }
        public int StoreId { get; set; }
        public DateTime? CreatedOrUpdatedDateUTC { get; set; }
    }
}

namespace Nop.Core.Domain.Payments
{
    public enum PaymentStatus
    {
        Pending = 10,
        Authorized = 20,
        Paid = 30,
        PartiallyRefunded = 35,
        Refunded = 40,
        Voided = 50
    }

    public partial class PaymentSettings : ISettings
    {
        public PaymentSettings()
        {
            ActivePaymentMethodSystemNames = new List<string>();
        }

        public List<string> ActivePaymentMethodSystemNames { get; set; }
        public bool AllowRePostingPayments { get; set; }
        public bool BypassPaymentMethodSelectionIfOnlyOne { get; set; }
        public bool ShowPaymentMethodDescriptions { get; set; }
        public bool SkipPaymentInfoStepForRedirectionPaymentMethods { get; set; }
        public bool CancelRecurringPaymentsAfterFailedPayment { get; set; }
        public int RegenerateOrderGuidInterval { get; set; }
    }
}

namespace Nop.Core.Domain.Shipping
{
    public enum ShippingStatus
    {
        ShippingNotRequired = 10,
        NotYetShipped = 20,
        PartiallyShipped = 25,
        Shipped = 30,
        Delivered = 40
    }
}

namespace Nop.Core.Domain.Tax
{
    public enum TaxDisplayType
    {
        IncludingTax = 0,
        ExcludingTax = 10
    }
}

namespace Nop.Core.Domain.Catalog
{
    public enum RecurringProductCyclePeriod
    {
        Days = 0,
        Weeks = 10,
        Months = 20,
        Years = 30
    }
}

namespace Nop.Core.Domain.Customers
{
    using Nop.Core.Domain.Common;

    public partial class Customer : BaseEntity, ISoftDeletedEntity
    {
        public Customer()
        {
            CustomerGuid = Guid.NewGuid();
        }

        public Guid CustomerGuid { get; set; }
        public string Username { get; set; }
        public string Email { get; set; }
        public string FirstName { get; set; }
        public string LastName { get; set; }
        public string Gender { get; set; }
        public DateTime? DateOfBirth { get; set; }
        public string Company { get; set; }
        public string StreetAddress { get; set; }
        public string StreetAddress2 { get; set; }
        public string ZipPostalCode { get; set; }
        public string City { get; set; }
        public string County { get; set; }
        public int CountryId { get; set; }
        public int StateProvinceId { get; set; }
        public string Phone { get; set; }
        public string Fax { get; set; }
        public string VatNumber { get; set; }
        public int VatNumberStatusId { get; set; }
        public string TimeZoneId { get; set; }
        public string CustomCustomerAttributesXML { get; set; }
        public int? CurrencyId { get; set; }
        public int? LanguageId { get; set; }
        public int? TaxDisplayTypeId { get; set; }
        public string EmailToRevalidate { get; set; }
        public string AdminComment { get; set; }
        public bool IsTaxExempt { get; set; }
        public int AffiliateId { get; set; }
        public int VendorId { get; set; }
        public bool HasShoppingCartItems { get; set; }
        public bool RequireReLogin { get; set; }
        public int FailedLoginAttempts { get; set; }
        public DateTime? CannotLoginUntilDateUtc { get; set; }
        public bool Active { get; set; }
        public bool Deleted { get; set; }
        public bool IsSystemAccount { get; set; }
        public string SystemName { get; set; }
        public string LastIpAddress { get; set; }
        public DateTime CreatedOnUtc { get; set; }
        public DateTime? LastLoginDateUtc { get; set; }
        public DateTime LastActivityDateUtc { get; set; }
        public int RegisteredInStoreId { get; set; }
        public int? BillingAddressId { get; set; }
        public bool MustChangePassword { get; set; }
        public int? ShippingAddressId { get; set; }
    }
}

namespace Nop.Core.Domain.Stores
{
    using Nop.Core.Domain.Common;

    public partial interface IStoreMappingSupported
    {
        bool LimitedToStores { get; set; }
    }

    public partial class Store : BaseEntity, ILocalizedEntity, ISoftDeletedEntity
    {
        public string Name { get; set; }
        public string DefaultMetaKeywords { get; set; }
        public string DefaultMetaDescription { get; set; }
        public string DefaultTitle { get; set; }
        public string HomepageTitle { get; set; }
        public string HomepageDescription { get; set; }
        public string Url { get; set; }
        public bool SslEnabled { get; set; }
        public string Hosts { get; set; }
        public int DefaultLanguageId { get; set; }
        public int DisplayOrder { get; set; }
        public string CompanyName { get; set; }
        public string CompanyAddress { get; set; }
        public string CompanyPhoneNumber { get; set; }
        public string CompanyVat { get; set; }
        public bool Deleted { get; set; }
    }
}

namespace Nop.Core.Domain.Localization
{
    public partial interface ILocalizedEntity
    {
    }

    public partial class Language : BaseEntity, IStoreMappingSupported
    {
        public string Name { get; set; }
        public string LanguageCulture { get; set; }
        public string UniqueSeoCode { get; set; }
        public string FlagImageFileName { get; set; }
        public bool Rtl { get; set; }
        public bool LimitedToStores { get; set; }
        public int DefaultCurrencyId { get; set; }
        public bool Published { get; set; }
        public int DisplayOrder { get; set; }
    }
}

namespace Nop.Core.Domain.Directory
{
    public partial class Currency : BaseEntity, ILocalizedEntity, IStoreMappingSupported
    {
        public string Name { get; set; }
        public string CurrencyCode { get; set; }
        public decimal Rate { get; set; }
        public string DisplayLocale { get; set; }
        public string CustomFormatting { get; set; }
        public bool LimitedToStores { get; set; }
        public bool Published { get; set; }
        public int DisplayOrder { get; set; }
        public DateTime CreatedOnUtc { get; set; }
        public DateTime UpdatedOnUtc { get; set; }
        public int RoundingTypeId { get; set; }

        public RoundingType RoundingType
        {
            get => (RoundingType)RoundingTypeId;
            set => RoundingTypeId = (int)value;
        }
    }

    public enum RoundingType
    {
        Rounding001 = 0,
        Rounding005Up = 10,
        Rounding005Down = 20,
        Rounding01Up = 30,
        Rounding01Down = 40,
        Rounding05 = 50,
        Rounding1 = 60,
        Rounding1Up = 70
    }

    public partial class CurrencySettings : ISettings
    {
        public bool DisplayCurrencyLabel { get; set; }
        public int PrimaryStoreCurrencyId { get; set; }
        public int PrimaryExchangeRateCurrencyId { get; set; }
        public string ActiveExchangeRateProviderSystemName { get; set; }
        public bool AutoUpdateEnabled { get; set; }
        public bool DisplayCurrencySymbolInCurrencySelector { get; set; }
    }
}

namespace Nop.Core.Domain.ScheduleTasks
{
    public partial class ScheduleTask : BaseEntity
    {
        public string Name { get; set; }
        public int Seconds { get; set; }
        public string Type { get; set; }
        public DateTime? LastEnabledUtc { get; set; }
        public bool Enabled { get; set; }
        public bool StopOnError { get; set; }
        public DateTime? LastStartUtc { get; set; }
        public DateTime? LastEndUtc { get; set; }
        public DateTime? LastSuccessUtc { get; set; }
    }
}

namespace Nop.Core.Domain.Logging
{
    public enum LogLevel
    {
        Debug = 10,
        Information = 20,
        Warning = 30,
        Error = 40,
        Fatal = 50
    }
}

namespace Nop.Core.Domain.Security
{
    public partial class ProxySettings : ISettings
    {
        public bool Enabled { get; set; }
        public string Address { get; set; }
        public string Port { get; set; }
        public string Username { get; set; }
        public string Password { get; set; }
        public bool BypassOnLocal { get; set; }
        public bool PreAuthenticate { get; set; }
    }
}
