using Microsoft.AspNetCore.Http;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.Stores;
using Nop.Core.Domain.Tax;

namespace Nop.Core;

public abstract partial class BaseEntity
{
    public int Id { get; set; }
}

public partial interface IWebHelper
{
    string GetUrlReferrer();
    string GetCurrentIpAddress();
    string GetThisPageUrl(bool includeQueryString, bool? useSsl = null, bool lowercaseUrl = false);
    bool IsCurrentConnectionSecured();
    string GetStoreHost(bool useSsl);
    string GetStoreLocation(bool? useSsl = null);
    bool IsStaticResource();
    string ModifyQueryString(string url, string key, params string[] values);
    string RemoveQueryString(string url, string key, string value = null);
    T QueryString<T>(string name);
    void RestartAppDomain();
    bool IsRequestBeingRedirected { get; }
    bool IsPostBeingDone { get; set; }
    string GetCurrentRequestProtocol();
    bool IsLocalRequest(HttpRequest req);
    string GetRawUrl(HttpRequest request);
    bool IsAjaxRequest(HttpRequest request);
}

public partial interface IStoreContext
{
    Task<Store> GetCurrentStoreAsync();
    Store GetCurrentStore();
    Task<int> GetActiveStoreScopeConfigurationAsync();
}

public partial interface IWorkContext
{
    Task<Customer> GetCurrentCustomerAsync();
    Task SetCurrentCustomerAsync(Customer customer = null);
    Customer OriginalCustomerIfImpersonated { get; }
    Task<Language> GetWorkingLanguageAsync();
    Task SetWorkingLanguageAsync(Language language);
    Task<Currency> GetWorkingCurrencyAsync();
    Task SetWorkingCurrencyAsync(Currency currency);
    Task<TaxDisplayType> GetTaxDisplayTypeAsync();
    Task SetTaxDisplayTypeAsync(TaxDisplayType taxDisplayType);
}

public partial class NopException : Exception
{
    public NopException()
    {
    }

    public NopException(string message)
        : base(message)
    {
    }

    public NopException(string messageFormat, params object[] args)
        : base(string.Format(messageFormat, args))
    {
    }

    public NopException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

public partial interface IPagedList<T> : IList<T>
{
    int PageIndex { get; }
    int PageSize { get; }
    int TotalCount { get; }
    int TotalPages { get; }
    bool HasPreviousPage { get; }
    bool HasNextPage { get; }
}

public static partial class NopVersion
{
    public const string CURRENT_VERSION = "4.90";
    public const string MINOR_VERSION = "3";
    public const string FULL_VERSION = CURRENT_VERSION + "." + MINOR_VERSION;
}
