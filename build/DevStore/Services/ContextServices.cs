using DevStore.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Nop.Core;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.Stores;
using Nop.Core.Domain.Tax;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Customers;
using Nop.Services.Directory;
using Nop.Services.Localization;
using Nop.Services.Security;
using Nop.Services.Stores;

namespace DevStore.Services;

/// <summary>
/// Names the DevStore shares between its services, controllers and tests
/// </summary>
public static class DevStoreDefaults
{
    /// <summary>nopCommerce's customer cookie (holds the customer GUID)</summary>
    public const string CustomerCookie = ".Nop.Customer";

    /// <summary>Development switch of the current store (query string and cookie)</summary>
    public const string StoreSwitch = "storeid";

    public const string StoreCookie = ".DevStore.Store";

    public const string SelectedPaymentMethodAttribute = "SelectedPaymentMethod";

    public const string StoreScopeAttribute = "AdminAreaStoreScopeConfiguration";

    public const string RoleAdministrators = "Administrators";
    public const string RoleRegistered = "Registered";
    public const string RoleGuests = "Guests";
    public const string RoleBackgroundTask = "BackgroundTask";

    public const int AdminCustomerId = 1;
    public const int ShopperCustomerId = 2;
    public const int BackgroundTaskCustomerId = 3;

    public const int EnglishLanguageId = 1;
    public const int ThaiLanguageId = 2;

    public const int ThbCurrencyId = 1;
    public const int UsdCurrencyId = 2;

    public const string OnePageCheckoutSetting = "ordersettings.onepagecheckoutenabled";
}

public class StoreService : IStoreService
{
    private readonly DevStoreData _data;

    public StoreService(DevStoreData data)
    {
        _data = data;
    }

    public Task<IList<Store>> GetAllStoresAsync()
    {
        IList<Store> stores = _data.Stores.Query(store => !store.Deleted).OrderBy(store => store.DisplayOrder).ThenBy(store => store.Id).ToList();
        return Task.FromResult(stores);
    }

    public Task<Store> GetStoreByIdAsync(int storeId)
    {
        return Task.FromResult(storeId == 0 ? null : _data.Stores.GetById(storeId));
    }
}

/// <summary>
/// The request's store: a development switch (?storeid=, remembered in a cookie) or the store whose Hosts
/// contain the request host, else the first store (nopCommerce's rule without the switch)
/// </summary>
public class StoreContext : IStoreContext
{
    private readonly IGenericAttributeService _genericAttributeService;
    private readonly IHttpContextAccessor _httpContextAccessor;
    private readonly IStoreService _storeService;
    private readonly IWorkContext _workContext;
    private Store _cachedStore;

    public StoreContext(IGenericAttributeService genericAttributeService,
        IHttpContextAccessor httpContextAccessor,
        IStoreService storeService,
        IWorkContext workContext)
    {
        _genericAttributeService = genericAttributeService;
        _httpContextAccessor = httpContextAccessor;
        _storeService = storeService;
        _workContext = workContext;
    }

    public async Task<Store> GetCurrentStoreAsync()
    {
        if (_cachedStore != null)
            return _cachedStore;

        var stores = await _storeService.GetAllStoresAsync();
        var request = _httpContextAccessor.HttpContext?.Request;
        Store store = null;
        if (request != null)
        {
            var queryValue = request.Query[DevStoreDefaults.StoreSwitch].FirstOrDefault();
            var switchValue = queryValue ?? request.Cookies[DevStoreDefaults.StoreCookie];
            if (int.TryParse(switchValue, out var storeId))
                store = stores.FirstOrDefault(candidate => candidate.Id == storeId);

            // the development switch sticks to the browser until switched again (?storeid=0 goes back to "by host")
            var response = _httpContextAccessor.HttpContext.Response;
            if (queryValue != null && !response.HasStarted)
            {
                if (store != null)
                    response.Cookies.Append(DevStoreDefaults.StoreCookie, store.Id.ToString(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax });
                else
                    response.Cookies.Delete(DevStoreDefaults.StoreCookie);
            }

            var host = request.Host.Host;
            store ??= stores.FirstOrDefault(candidate => (candidate.Hosts ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Any(item => item.Equals(host, StringComparison.InvariantCultureIgnoreCase)));
        }

        _cachedStore = store ?? stores.FirstOrDefault() ?? throw new Exception("No store could be loaded");
        return _cachedStore;
    }

    public Store GetCurrentStore() => GetCurrentStoreAsync().GetAwaiter().GetResult();

    public async Task<int> GetActiveStoreScopeConfigurationAsync()
    {
        if ((await _storeService.GetAllStoresAsync()).Count < 2)
            return 0;

        var customer = await _workContext.GetCurrentCustomerAsync();
        var storeId = await _genericAttributeService.GetAttributeAsync<int>(customer, DevStoreDefaults.StoreScopeAttribute);
        return await _storeService.GetStoreByIdAsync(storeId) != null ? storeId : 0;
    }
}

/// <summary>
/// The request's customer (from nopCommerce's customer cookie; a new guest is inserted when there is none),
/// working language and currency. Outside a request it is the built-in background task customer.
/// </summary>
public class WorkContext : IWorkContext
{
    private readonly DevStoreData _data;
    private readonly IHttpContextAccessor _httpContextAccessor;
    private Customer _cachedCustomer;

    public WorkContext(DevStoreData data, IHttpContextAccessor httpContextAccessor)
    {
        _data = data;
        _httpContextAccessor = httpContextAccessor;
    }

    public Customer OriginalCustomerIfImpersonated => null;

    public Task<Customer> GetCurrentCustomerAsync()
    {
        if (_cachedCustomer != null)
            return Task.FromResult(_cachedCustomer);

        var httpContext = _httpContextAccessor.HttpContext;
        if (httpContext == null)
        {
            _cachedCustomer = _data.Customers.GetById(DevStoreDefaults.BackgroundTaskCustomerId);
            return Task.FromResult(_cachedCustomer);
        }

        Customer customer = null;
        if (Guid.TryParse(httpContext.Request.Cookies[DevStoreDefaults.CustomerCookie], out var guid))
            customer = _data.Customers.Query(candidate => candidate.CustomerGuid == guid && !candidate.Deleted).FirstOrDefault();

        if (customer == null)
        {
            customer = new Customer
            {
                CustomerGuid = Guid.NewGuid(),
                Active = true,
                CreatedOnUtc = DateTime.UtcNow,
                LastActivityDateUtc = DateTime.UtcNow
            };
            _data.Customers.Insert(customer);
            _data.CustomerRoles[customer.Id] = [DevStoreDefaults.RoleGuests];
            SetCookie(httpContext, customer.CustomerGuid);
        }

        _cachedCustomer = customer;
        return Task.FromResult(customer);
    }

    private static void SetCookie(HttpContext httpContext, Guid customerGuid)
    {
        if (httpContext.Response.HasStarted)
            return;

        httpContext.Response.Cookies.Append(DevStoreDefaults.CustomerCookie, customerGuid.ToString(), new CookieOptions
        {
            HttpOnly = true,
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            SameSite = SameSiteMode.Lax
        });
    }

    public Task SetCurrentCustomerAsync(Customer customer = null)
    {
        _cachedCustomer = customer;
        var httpContext = _httpContextAccessor.HttpContext;
        if (httpContext != null && customer != null)
            SetCookie(httpContext, customer.CustomerGuid);

        return Task.CompletedTask;
    }

    public async Task<Language> GetWorkingLanguageAsync()
    {
        var customer = await GetCurrentCustomerAsync();
        var language = customer?.LanguageId is int languageId ? _data.Languages.GetById(languageId) : null;
        return language ?? _data.Languages.GetById(DevStoreDefaults.EnglishLanguageId);
    }

    public async Task SetWorkingLanguageAsync(Language language)
    {
        var customer = await GetCurrentCustomerAsync();
        customer.LanguageId = language?.Id;
        _data.Customers.Update(customer);
    }

    public async Task<Currency> GetWorkingCurrencyAsync()
    {
        var customer = await GetCurrentCustomerAsync();
        var currency = customer?.CurrencyId is int currencyId ? _data.Currencies.GetById(currencyId) : null;
        return currency ?? _data.Currencies.GetById(DevStoreDefaults.ThbCurrencyId);
    }

    public async Task SetWorkingCurrencyAsync(Currency currency)
    {
        var customer = await GetCurrentCustomerAsync();
        customer.CurrencyId = currency?.Id;
        _data.Customers.Update(customer);
    }

    public Task<TaxDisplayType> GetTaxDisplayTypeAsync() => Task.FromResult(TaxDisplayType.IncludingTax);

    public Task SetTaxDisplayTypeAsync(TaxDisplayType taxDisplayType) => Task.CompletedTask;
}

/// <summary>
/// IWebHelper of the request, with nopCommerce's rules: the store location ends with "/",
/// a 301/302 response means "being redirected", IsPostBeingDone lives in the request items
/// </summary>
public class WebHelper : IWebHelper
{
    private const string PostBeingDoneKey = "nop.IsPOSTBeingDone";

    private readonly IHttpContextAccessor _httpContextAccessor;
    private readonly IStoreContext _storeContext;

    public WebHelper(IHttpContextAccessor httpContextAccessor, IStoreContext storeContext)
    {
        _httpContextAccessor = httpContextAccessor;
        _storeContext = storeContext;
    }

    private HttpRequest Request => _httpContextAccessor.HttpContext?.Request;

    public string GetUrlReferrer() => Request?.Headers.Referer.ToString() ?? string.Empty;

    public string GetCurrentIpAddress() => _httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? string.Empty;

    public string GetThisPageUrl(bool includeQueryString, bool? useSsl = null, bool lowercaseUrl = false)
    {
        if (Request == null)
            return string.Empty;

        var url = $"{GetStoreHost(useSsl ?? IsCurrentConnectionSecured()).TrimEnd('/')}{Request.PathBase}{Request.Path}{(includeQueryString ? Request.QueryString.ToString() : string.Empty)}";
        return lowercaseUrl ? url.ToLowerInvariant() : url;
    }

    public bool IsCurrentConnectionSecured() => Request?.IsHttps ?? false;

    public string GetStoreHost(bool useSsl)
    {
        if (Request == null)
            return _storeContext.GetCurrentStore().Url;

        return $"{(useSsl ? Uri.UriSchemeHttps : Uri.UriSchemeHttp)}://{Request.Host}/";
    }

    public string GetStoreLocation(bool? useSsl = null)
    {
        if (Request == null)
        {
            var url = _storeContext.GetCurrentStore().Url ?? string.Empty;
            return url.EndsWith('/') ? url : url + "/";
        }

        var location = $"{GetStoreHost(useSsl ?? IsCurrentConnectionSecured()).TrimEnd('/')}{Request.PathBase}";
        return location.TrimEnd('/') + "/";
    }

    public bool IsStaticResource() => Request != null && Path.HasExtension(Request.Path.Value);

    public string ModifyQueryString(string url, string key, params string[] values)
    {
        var (path, query) = Split(url);
        query[key] = string.Join(",", values ?? []);
        return QueryHelpersJoin(path, query);
    }

    public string RemoveQueryString(string url, string key, string value = null)
    {
        var (path, query) = Split(url);
        if (value == null || (query.TryGetValue(key, out var current) && current == value))
            query.Remove(key);
        return QueryHelpersJoin(path, query);
    }

    private static (string Path, Dictionary<string, string> Query) Split(string url)
    {
        var parts = (url ?? string.Empty).Split('?', 2);
        var query = parts.Length > 1
            ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(parts[1]).ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.InvariantCultureIgnoreCase)
            : new Dictionary<string, string>(StringComparer.InvariantCultureIgnoreCase);
        return (parts[0], query);
    }

    private static string QueryHelpersJoin(string path, Dictionary<string, string> query) =>
        query.Count == 0 ? path : Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, query);

    public T QueryString<T>(string name)
    {
        var value = Request?.Query[name].ToString();
        return string.IsNullOrEmpty(value) ? default : ValueConverter.To<T>(value);
    }

    public void RestartAppDomain()
    {
    }

    public bool IsRequestBeingRedirected
    {
        get
        {
            var statusCode = _httpContextAccessor.HttpContext?.Response.StatusCode;
            return statusCode is StatusCodes.Status301MovedPermanently or StatusCodes.Status302Found;
        }
    }

    public bool IsPostBeingDone
    {
        get => _httpContextAccessor.HttpContext?.Items[PostBeingDoneKey] is true;
        set
        {
            if (_httpContextAccessor.HttpContext != null)
                _httpContextAccessor.HttpContext.Items[PostBeingDoneKey] = value;
        }
    }

    public string GetCurrentRequestProtocol() => IsCurrentConnectionSecured() ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;

    public bool IsLocalRequest(HttpRequest req)
    {
        var connection = req.HttpContext.Connection;
        return connection.RemoteIpAddress == null
            || (connection.LocalIpAddress != null ? connection.RemoteIpAddress.Equals(connection.LocalIpAddress) : System.Net.IPAddress.IsLoopback(connection.RemoteIpAddress));
    }

    public string GetRawUrl(HttpRequest request) => request.GetEncodedPathAndQuery();

    public bool IsAjaxRequest(HttpRequest request) => request.Headers.XRequestedWith == "XMLHttpRequest";
}

/// <summary>
/// Currencies: THB (primary, rate 1) and USD, converted as nopCommerce's CurrencyService does
/// </summary>
public class CurrencyService : ICurrencyService
{
    private readonly DevStoreData _data;
    private readonly ISettingService _settingService;

    public CurrencyService(DevStoreData data, ISettingService settingService)
    {
        _data = data;
        _settingService = settingService;
    }

    public Task<Currency> GetCurrencyByIdAsync(int currencyId) => Task.FromResult(currencyId == 0 ? null : _data.Currencies.GetById(currencyId));

    public Task<Currency> GetCurrencyByCodeAsync(string currencyCode) =>
        Task.FromResult(string.IsNullOrEmpty(currencyCode) ? null : _data.Currencies.Query(currency => currency.CurrencyCode.Equals(currencyCode, StringComparison.InvariantCultureIgnoreCase)).FirstOrDefault());

    public Task<IList<Currency>> GetAllCurrenciesAsync(bool showHidden = false, int storeId = 0)
    {
        IList<Currency> currencies = _data.Currencies.Query(currency => showHidden || currency.Published).OrderBy(currency => currency.DisplayOrder).ToList();
        return Task.FromResult(currencies);
    }

    public decimal ConvertCurrency(decimal amount, decimal exchangeRate) => amount != decimal.Zero && exchangeRate != decimal.Zero ? amount * exchangeRate : decimal.Zero;

    private async Task<Currency> GetPrimaryAsync(bool exchangeRateCurrency)
    {
        var settings = await _settingService.LoadSettingAsync<CurrencySettings>();
        var id = exchangeRateCurrency ? settings.PrimaryExchangeRateCurrencyId : settings.PrimaryStoreCurrencyId;
        return await GetCurrencyByIdAsync(id) ?? throw new Exception("Primary currency cannot be loaded");
    }

    public async Task<decimal> ConvertToPrimaryStoreCurrencyAsync(decimal amount, Currency sourceCurrencyCode)
    {
        ArgumentNullException.ThrowIfNull(sourceCurrencyCode);
        var primary = await GetPrimaryAsync(false);
        if (sourceCurrencyCode.Id == primary.Id)
            return amount;

        if (sourceCurrencyCode.Rate == decimal.Zero)
            throw new Exception($"Exchange rate not found for currency [{sourceCurrencyCode.Name}]");

        return amount / sourceCurrencyCode.Rate;
    }

    public async Task<decimal> ConvertFromPrimaryStoreCurrencyAsync(decimal amount, Currency targetCurrencyCode)
    {
        ArgumentNullException.ThrowIfNull(targetCurrencyCode);
        var primary = await GetPrimaryAsync(false);
        return await ConvertCurrencyAsync(amount, primary, targetCurrencyCode);
    }

    public async Task<decimal> ConvertCurrencyAsync(decimal amount, Currency sourceCurrencyCode, Currency targetCurrencyCode)
    {
        ArgumentNullException.ThrowIfNull(sourceCurrencyCode);
        ArgumentNullException.ThrowIfNull(targetCurrencyCode);
        if (sourceCurrencyCode.Id == targetCurrencyCode.Id || amount == decimal.Zero)
            return amount;

        var primary = await GetPrimaryAsync(true);
        var result = amount;
        if (sourceCurrencyCode.Id != primary.Id)
        {
            if (sourceCurrencyCode.Rate == decimal.Zero)
                throw new Exception($"Exchange rate not found for currency [{sourceCurrencyCode.Name}]");
            result /= sourceCurrencyCode.Rate;
        }

        if (targetCurrencyCode.Id != primary.Id)
        {
            if (targetCurrencyCode.Rate == decimal.Zero)
                throw new Exception($"Exchange rate not found for currency [{targetCurrencyCode.Name}]");
            result *= targetCurrencyCode.Rate;
        }

        return result;
    }
}

public class CustomerService : ICustomerService
{
    private readonly DevStoreData _data;

    public CustomerService(DevStoreData data)
    {
        _data = data;
    }

    public Task<Customer> GetCustomerByIdAsync(int customerId) => Task.FromResult(customerId == 0 ? null : _data.Customers.GetById(customerId));

    public Task<Customer> GetCustomerByGuidAsync(Guid customerGuid) =>
        Task.FromResult(customerGuid == Guid.Empty ? null : _data.Customers.Query(customer => customer.CustomerGuid == customerGuid).FirstOrDefault());

    public bool IsInRole(Customer customer, string role) =>
        customer != null && _data.CustomerRoles.TryGetValue(customer.Id, out var roles) && roles.Contains(role);

    public Task<bool> IsGuestAsync(Customer customer, bool onlyActiveCustomerRoles = true) => Task.FromResult(IsInRole(customer, DevStoreDefaults.RoleGuests));

    public Task<bool> IsRegisteredAsync(Customer customer, bool onlyActiveCustomerRoles = true) => Task.FromResult(IsInRole(customer, DevStoreDefaults.RoleRegistered));

    public Task<string> GetCustomerFullNameAsync(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return Task.FromResult($"{customer.FirstName} {customer.LastName}".Trim());
    }
}

/// <summary>
/// Permissions of the development sign-in: administrators have every permission, everyone else none of the admin ones
/// </summary>
public class PermissionService : IPermissionService
{
    private readonly CustomerService _customerService;
    private readonly IWorkContext _workContext;

    public PermissionService(CustomerService customerService, IWorkContext workContext)
    {
        _customerService = customerService;
        _workContext = workContext;
    }

    public async Task<bool> AuthorizeAsync(string permissionSystemName) =>
        await AuthorizeAsync(permissionSystemName, await _workContext.GetCurrentCustomerAsync());

    public Task<bool> AuthorizeAsync(string permissionSystemName, Customer customer) =>
        Task.FromResult(!string.IsNullOrEmpty(permissionSystemName) && _customerService.IsInRole(customer, DevStoreDefaults.RoleAdministrators));

    // role 1 is "Administrators", as in a fresh nopCommerce installation
    public Task<bool> AuthorizeAsync(string permissionSystemName, int customerRoleId) => Task.FromResult(customerRoleId == 1);
}
