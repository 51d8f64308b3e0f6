using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using System.Web;

namespace FarmCheck;

/// <summary>
/// What a shopper and a store owner do in nopCommerce 4.90, over HTTP: log in to the admin, configure the plugin,
/// add THB, activate a payment method, check out as a guest in the one-page checkout, return from the bank app,
/// run a scheduled task
/// </summary>
internal sealed partial class NopStore
{
    public const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public NopStore(string baseUrl) => BaseUrl = baseUrl.TrimEnd('/');

    public string BaseUrl { get; }

    public static HttpClient NewSession(int timeoutSeconds = 60) =>
        new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            DefaultRequestHeaders = { { "User-Agent", UserAgent } }
        };

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on the page");

    private async Task<string> GetTokenAsync(HttpClient session, string path) => Token(await session.GetStringAsync(BaseUrl + path));

    private async Task<HttpResponseMessage> PostAsync(HttpClient session, string path, params (string Name, string Value)[] fields)
    {
        var content = new FormUrlEncodedContent(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + path) { Content = content };
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        return await session.SendAsync(request);
    }

    private async Task<string> PostTextAsync(HttpClient session, string path, params (string Name, string Value)[] fields)
    {
        using var response = await PostAsync(session, path, fields);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 400)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text[..Math.Min(200, text.Length)]}");
        return text;
    }

    #region Admin

    public async Task<HttpClient> AdminSessionAsync(string email, string password)
    {
        var session = NewSession();
        var token = await GetTokenAsync(session, "/login");
        using var response = await PostAsync(session, "/login", ("Email", email), ("Password", password), ("RememberMe", "false"), ("__RequestVerificationToken", token));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"admin login answered {(int)response.StatusCode}");
        return session;
    }

    /// <summary>Saves the plugin's settings for all stores on its Configure page</summary>
    public async Task ConfigureKmaAsync(HttpClient admin, string publicKey, string secretKey, string webhookSecret, string apiBaseUrl)
    {
        var token = await GetTokenAsync(admin, "/Admin/PaymentKma/Configure");
        var page = await PostTextAsync(admin, "/Admin/PaymentKma/Configure",
            ("ActiveStoreScopeConfiguration", "0"), ("PublicKey", publicKey), ("SecretKey", secretKey), ("WebhookSecret", webhookSecret),
            ("ApiBaseUrl", apiBaseUrl), ("AdditionalFee", "0"), ("AdditionalFeePercentage", "false"),
            ("CancelOrderOnFailedCharge", "false"), ("CancelOrderOnExpiredCharge", "false"), ("UseDynamicWebhooks", "false"),
            ("CheckCapability", "false"), ("__RequestVerificationToken", token));
        if (page.Contains("field-validation-error", StringComparison.Ordinal) || page.Contains("validation-summary-errors", StringComparison.Ordinal))
            throw new InvalidOperationException("the plugin's Configure page refused the settings");
    }

    /// <summary>Adds Thai baht as a published currency of every store (Admin › Configuration › Currencies › Add new)</summary>
    public async Task AddThbAsync(HttpClient admin, decimal ratePerPrimaryUnit)
    {
        var token = await GetTokenAsync(admin, "/Admin/Currency/Create");
        using var response = await PostAsync(admin, "/Admin/Currency/Create",
            ("Name", "Thai baht"), ("CurrencyCode", "THB"), ("DisplayLocale", "th-TH"), ("Rate", ratePerPrimaryUnit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("CustomFormatting", ""), ("Published", "true"), ("DisplayOrder", "10"), ("RoundingTypeId", "0"), ("save", "save"),
            ("__RequestVerificationToken", token));
        if ((int)response.StatusCode >= 400)
            throw new InvalidOperationException($"adding THB answered {(int)response.StatusCode}");
    }

    /// <summary>Marks an installed payment method active (Admin › Configuration › Payment methods › Is active)</summary>
    public async Task ActivatePaymentMethodAsync(HttpClient admin, string systemName, string friendlyName, int displayOrder)
    {
        var token = await GetTokenAsync(admin, "/Admin/Payment/Methods");
        await PostTextAsync(admin, "/Admin/Payment/MethodUpdate", ("SystemName", systemName), ("FriendlyName", friendlyName),
            ("DisplayOrder", displayOrder.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("IsActive", "true"), ("__RequestVerificationToken", token));
    }

    /// <summary>Admin › System › Maintenance › Clear cache (with a distributed cache: every node's)</summary>
    public async Task ClearCacheAsync(HttpClient admin)
    {
        var token = await GetTokenAsync(admin, "/Admin/Payment/Methods");
        using var response = await PostAsync(admin, "/Admin/Common/ClearCache", ("__RequestVerificationToken", token));
        if ((int)response.StatusCode >= 400)
            throw new InvalidOperationException($"ClearCache answered {(int)response.StatusCode}");
    }

    /// <summary>Admin › System › Schedule tasks › Run now (the task runs inside this request, on this node)</summary>
    public async Task RunTaskNowAsync(HttpClient admin, int taskId)
    {
        using var response = await admin.GetAsync($"{BaseUrl}/Admin/ScheduleTask/RunNow/{taskId}");
        if ((int)response.StatusCode >= 400)
            throw new InvalidOperationException($"RunNow answered {(int)response.StatusCode}");
    }

    #endregion

    #region Shopper

    /// <summary>A placed order as the shopper's browser saw it</summary>
    public sealed record PlacedOrder(Guid OrderGuid, string ReturnToken, string Node, double ConfirmMs, double TotalMs);

    /// <summary>
    /// A guest buys one product through the one-page checkout (desktop browser). For KMA the order's charge is
    /// created by the plugin when the browser follows OpcCompleteRedirectionPayment; the pay page's link gives the
    /// order GUID and its return token
    /// </summary>
    public async Task<PlacedOrder> GuestCheckoutAsync(int productId, string paymentMethod, int countryId, int stateId)
    {
        using var session = NewSession();
        var total = Stopwatch.StartNew();
        var token = await GetTokenAsync(session, "/");
        await PostTextAsync(session, $"/addproducttocart/catalog/{productId}/1/1", ("__RequestVerificationToken", token));
        token = await GetTokenAsync(session, "/cart");
        //the sample data's required "Gift wrapping" checkout attribute ("No" = 1)
        using (await PostAsync(session, "/cart", ("__RequestVerificationToken", token), ("checkout_attribute_1", "1"), ("checkout", "checkout"), ("termsofservice", "on")))
        {
        }
        using (await session.GetAsync(BaseUrl + "/checkout"))
        {
        }
        token = await GetTokenAsync(session, "/onepagecheckout");
        await PostTextAsync(session, "/checkout/OpcSaveBilling/", ("__RequestVerificationToken", token),
            ("BillingNewAddress.FirstName", "Farm"), ("BillingNewAddress.LastName", "Check"), ("BillingNewAddress.Email", "farmcheck@example.com"),
            ("BillingNewAddress.CountryId", countryId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("BillingNewAddress.StateProvinceId", stateId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("BillingNewAddress.City", "New York"), ("BillingNewAddress.Address1", "1 Main St"), ("BillingNewAddress.ZipPostalCode", "10001"),
            ("BillingNewAddress.PhoneNumber", "5551234567"), ("ShipToSameAddress", "true"));
        await PostTextAsync(session, "/checkout/OpcSaveShippingMethod/", ("__RequestVerificationToken", token), ("shippingoption", "Ground___Shipping.FixedByWeightByTotal"));
        await PostTextAsync(session, "/checkout/OpcSavePaymentMethod/", ("__RequestVerificationToken", token), ("paymentmethod", paymentMethod));
        await PostTextAsync(session, "/checkout/OpcSavePaymentInfo/", ("__RequestVerificationToken", token));

        //from "Confirm" to the page the shopper lands on next
        var confirm = Stopwatch.StartNew();
        var answer = await PostTextAsync(session, "/checkout/OpcConfirmOrder/", ("__RequestVerificationToken", token));
        string next;
        if (answer.Contains("\"redirect\"", StringComparison.Ordinal))
        {
            using var redirect = await session.GetAsync(BaseUrl + "/checkout/OpcCompleteRedirectionPayment");
            var location = redirect.Headers.Location?.ToString() ?? throw new InvalidOperationException($"OpcCompleteRedirectionPayment answered {(int)redirect.StatusCode} without a redirect");
            next = location.StartsWith("http", StringComparison.Ordinal) ? location : BaseUrl + location;
        }
        else if (answer.Contains("\"success\":1", StringComparison.Ordinal) || answer.Contains("\"success\":true", StringComparison.Ordinal))
        {
            next = BaseUrl + "/checkout/completed";
        }
        else
        {
            throw new InvalidOperationException($"OpcConfirmOrder: {answer[..Math.Min(300, answer.Length)]}");
        }

        //the landing page on this node (the store URL may name another node)
        var nextUri = new Uri(next);
        using (var landing = await session.GetAsync(BaseUrl + nextUri.PathAndQuery))
        {
            if ((int)landing.StatusCode >= 400)
                throw new InvalidOperationException($"{nextUri.AbsolutePath} answered {(int)landing.StatusCode}");
            await landing.Content.ReadAsStringAsync();
        }
        confirm.Stop();
        total.Stop();

        var query = HttpUtility.ParseQueryString(nextUri.Query);
        Guid.TryParse(query["orderGuid"], out var orderGuid);
        if (paymentMethod == "Payments.Kma" && orderGuid == Guid.Empty)
            throw new InvalidOperationException($"the KMA checkout ended on {nextUri.AbsolutePath}, not on the pay page");
        return new PlacedOrder(orderGuid, query["token"], BaseUrl, confirm.Elapsed.TotalMilliseconds, total.Elapsed.TotalMilliseconds);
    }

    /// <summary>The shopper's return from the bank app; answers the status code</summary>
    public async Task<int> ReturnAsync(HttpClient session, Guid orderGuid, string returnToken)
    {
        using var response = await session.GetAsync($"{BaseUrl}/Plugins/PaymentKma/Return?orderGuid={orderGuid}&token={Uri.EscapeDataString(returnToken)}");
        return (int)response.StatusCode;
    }

    #endregion
}
