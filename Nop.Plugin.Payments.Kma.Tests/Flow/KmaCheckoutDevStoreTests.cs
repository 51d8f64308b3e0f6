using System.Net;
using System.Text.RegularExpressions;
using DevStore;
using Newtonsoft.Json.Linq;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Localization;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Tests.Flow;

/// <summary>
/// The whole checkout and return through the DevStore's HTTP endpoints, against the in-process OpnEmulator:
/// the plugin's real processor, controllers, services and views
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class KmaCheckoutDevStoreTests
{
    private const int ProductId = 2; //฿1,500

    private DevStoreHost _store;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _store = await DevStoreHost.StartAsync(new DevStoreOptions());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_store != null)
            await _store.DisposeAsync();
    }

    [SetUp]
    public async Task ResetAsync()
    {
        _store.Emulator.ClearFaults();
        var settings = await _store.GetSettingsAsync<KmaPaymentSettings>();
        settings.CancelOrderOnFailedCharge = false;
        settings.CancelOrderOnExpiredCharge = true;
        await _store.SaveSettingsAsync(settings);
    }

    private HttpClient Shopper(string userAgent, Uri baseAddress = null)
    {
        var client = _store.CreateClient(baseAddress: baseAddress);
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        return client;
    }

    private async Task<(Order Order, string Location)> CheckoutAsync(HttpClient client, bool onePage = false)
    {
        var result = await _store.CheckoutOverHttpAsync(client, ProductId, onePage: onePage);
        Assert.That(result.Order, Is.Not.Null, await result.Response.Content.ReadAsStringAsync());
        Assert.That(result.Response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await result.Response.Content.ReadAsStringAsync());
        var location = result.Response.Headers.Location!.ToString();
        result.Response.Dispose();
        return (_store.GetOrder(result.Order.Id), location);
    }

    /// <summary>
    /// What the KMA app does: the shopper confirms (or not) on the emulator's authorize page, which sends the browser back
    /// </summary>
    private static async Task<string> AuthorizeAsync(HttpClient client, string authorizeUri, string outcome, string failureCode = null)
    {
        using var page = await client.GetAsync(authorizeUri);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var form = new Dictionary<string, string> { ["outcome"] = outcome };
        if (failureCode != null)
            form["failure_code"] = failureCode;
        using var answer = await client.PostAsync(authorizeUri, new FormUrlEncodedContent(form));
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        return answer.Headers.Location!.ToString();
    }

    private static async Task<(HttpStatusCode Status, string Location)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return (response.StatusCode, response.Headers.Location?.ToString());
    }

    private static async Task<string> GetHtmlAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task<string> RePostPaymentAsync(HttpClient client, Order order)
    {
        var html = await GetHtmlAsync(client, $"orderdetails/{order.Id}");
        var form = new Dictionary<string, string> { ["repost-payment"] = "repost" };
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        if (!token.Success)
            token = Regex.Match(html, "value=\"([^\"]+)\" name=\"__RequestVerificationToken\"");
        if (token.Success)
            form["__RequestVerificationToken"] = token.Groups[1].Value;

        using var response = await client.PostAsync($"orderdetails/{order.Id}", new FormUrlEncodedContent(form));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.ToString();
    }

    private static string English(string key) => KmaLocaleResources.English[key];

    [TestCase(false)]
    [TestCase(true)]
    public async Task APhoneShopperPaysInTheAppAndLandsOnTheCompletedPage(bool onePage)
    {
        if (onePage)
            await _store.UseOnePageCheckoutAsync(true, storeId: 2);
        try
        {
            using var client = Shopper(CheckoutHarness.IphoneUserAgent, onePage ? _store.SecondStoreAddress : null);
            var (order, location) = await CheckoutAsync(client, onePage);

            var charge = JObject.Parse(_store.Emulator.GetChargeJson(order.AuthorizationTransactionId));
            Assert.That(location, Is.EqualTo(charge["authorize_uri"]!.ToString()), "a phone goes straight to the app");
            Assert.That(charge["source"]!["platform_type"]!.ToString(), Is.EqualTo("IOS"));
            Assert.That(charge["amount"]!.Value<long>(), Is.EqualTo(KmaAmountRule.ToSatang(order.OrderTotal)));

            var returnUrl = await AuthorizeAsync(client, location, "successful");
            var (status, next) = await GetAsync(client, returnUrl);

            Assert.That(status, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(next, Does.EndWith($"checkout/completed/{order.Id}"));
            Assert.That(_store.GetOrder(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
            Assert.That(await GetHtmlAsync(client, next), Does.Contain(order.CustomOrderNumber));
        }
        finally
        {
            if (onePage)
                await _store.UseOnePageCheckoutAsync(false, storeId: 2);
        }
    }

    [TestCase(OpnFailureCodes.PaymentRejected)]
    [TestCase(OpnFailureCodes.FailedProcessing)]
    [TestCase(OpnFailureCodes.InvalidAccount)]
    [TestCase(OpnFailureCodes.InsufficientFund)]
    [TestCase(OpnFailureCodes.PaymentExpired)]
    public async Task AFailedPaymentShowsItsReasonAndLeavesTheOrderPayable(string failureCode)
    {
        using var client = Shopper(CheckoutHarness.IphoneUserAgent);
        var (order, location) = await CheckoutAsync(client);

        var returnUrl = await AuthorizeAsync(client, location, "failed", failureCode);
        var (status, next) = await GetAsync(client, returnUrl);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(next, Does.EndWith($"orderdetails/{order.Id}"));
        var html = await GetHtmlAsync(client, next);
        Assert.That(html, Does.Contain(English($"Plugins.Payments.Kma.Failure.{failureCode}")));
        var stored = _store.GetOrder(order.Id);
        Assert.That(stored.PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(stored.OrderStatus, Is.Not.EqualTo(OrderStatus.Cancelled));
        Assert.That(html, Does.Contain("repost-payment"), "the order can still be paid");
    }

    [Test]
    public async Task AnExpiredChargeShowsTheExpiredReason()
    {
        using var client = Shopper(CheckoutHarness.IphoneUserAgent);
        var (order, _) = await CheckoutAsync(client);
        var returnUrl = JObject.Parse(_store.Emulator.GetChargeJson(order.AuthorizationTransactionId))["return_uri"]!.ToString();

        Assert.That(_store.Emulator.ExpireCharge(order.AuthorizationTransactionId), Is.True);
        var (_, next) = await GetAsync(client, returnUrl);

        Assert.That(next, Does.EndWith($"orderdetails/{order.Id}"));
        Assert.That(await GetHtmlAsync(client, next), Does.Contain(English("Plugins.Payments.Kma.Failure.Expired")));
        Assert.That(_store.GetOrder(order.Id).OrderStatus, Is.EqualTo(OrderStatus.Cancelled), "the store cancels expired orders by default");
    }

    [Test]
    public async Task RetryAfterAFailureIsASecondAttemptAndTheFirstChargeIsOver()
    {
        using var client = Shopper(CheckoutHarness.IphoneUserAgent);
        var (order, location) = await CheckoutAsync(client);
        var firstId = order.AuthorizationTransactionId;
        await GetAsync(client, await AuthorizeAsync(client, location, "failed", OpnFailureCodes.InsufficientFund));

        var retryLocation = await RePostPaymentAsync(client, order);

        var secondId = _store.GetOrder(order.Id).AuthorizationTransactionId;
        var second = JObject.Parse(_store.Emulator.GetChargeJson(secondId));
        Assert.That(secondId, Is.Not.EqualTo(firstId));
        Assert.That(second["metadata"]!["attempt"]!.ToString(), Is.EqualTo("2"));
        Assert.That(retryLocation, Is.EqualTo(second["authorize_uri"]!.ToString()));
        Assert.That(_store.Emulator.GetChargeStatus(firstId), Is.EqualTo("failed"));

        var (_, next) = await GetAsync(client, await AuthorizeAsync(client, retryLocation, "successful"));
        Assert.That(next, Does.EndWith($"checkout/completed/{order.Id}"));
        Assert.That(_store.GetOrder(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
    }

    [Test]
    public async Task CompletePaymentOnAPhoneAfterTheDesktopExpiresTheFirstCharge()
    {
        using var desktop = Shopper(CheckoutHarness.DesktopUserAgent);
        var (order, _) = await CheckoutAsync(desktop);
        var firstId = order.AuthorizationTransactionId;
        desktop.DefaultRequestHeaders.Remove("User-Agent");
        desktop.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", CheckoutHarness.IphoneUserAgent);

        var location = await RePostPaymentAsync(desktop, order);

        var secondId = _store.GetOrder(order.Id).AuthorizationTransactionId;
        Assert.That(secondId, Is.Not.EqualTo(firstId));
        Assert.That(_store.Emulator.GetChargeStatus(firstId), Is.EqualTo("expired"), "never two live charges for one order");
        Assert.That(JObject.Parse(_store.Emulator.GetChargeJson(secondId))["metadata"]!["attempt"]!.ToString(), Is.EqualTo("2"));
        Assert.That(location, Does.Contain("/payments/"));
    }

    [Test]
    public async Task ADesktopShopperScansTheQrCodeAndThePageMovesOnWhenTheChargeCompletes()
    {
        using var client = Shopper(CheckoutHarness.DesktopUserAgent);
        var (order, location) = await CheckoutAsync(client);
        Assert.That(location, Does.StartWith($"{_store.BaseAddress}Plugins/PaymentKma/Pay?orderGuid={order.OrderGuid}&token="));

        var html = await GetHtmlAsync(client, location);
        Assert.That(html, Does.Contain("<svg"));
        Assert.That(html, Does.Contain("฿1,500.00"));
        Assert.That(html, Does.Contain(English("Plugins.Payments.Kma.Pay.Title")));
        var statusUrl = Regex.Match(html, "data-kma-status-url=\"([^\"]+)\"").Groups[1].Value;
        Assert.That(statusUrl, Does.Contain("Plugins/PaymentKma/Status"));

        var pending = JObject.Parse(await client.GetStringAsync(statusUrl));
        Assert.That(pending["status"]!.ToString(), Is.EqualTo("pending"));

        //the shopper confirms on the phone: the emulator completes the charge and the webhook (or the status sync) applies it
        Assert.That(_store.Emulator.CompleteCharge(order.AuthorizationTransactionId), Is.True);
        JObject status = null;
        for (var poll = 0; poll < 60; poll++)
        {
            status = JObject.Parse(await client.GetStringAsync(statusUrl));
            if (status["status"]!.ToString() != "pending")
                break;
            await Task.Delay(500);
        }

        Assert.That(status!["status"]!.ToString(), Is.EqualTo("paid"));
        var (_, next) = await GetAsync(client, status["redirectUrl"]!.ToString());
        Assert.That(next, Does.EndWith($"checkout/completed/{order.Id}"));
    }

    [Test]
    public async Task AReturnWhileStillPendingWaitsOnThePollingPage()
    {
        using var client = Shopper(CheckoutHarness.IphoneUserAgent);
        var (order, _) = await CheckoutAsync(client);
        var returnUrl = JObject.Parse(_store.Emulator.GetChargeJson(order.AuthorizationTransactionId))["return_uri"]!.ToString();

        var (status, waiting) = await GetAsync(client, returnUrl);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(waiting, Does.Contain("Plugins/PaymentKma/Waiting?orderGuid="));
        var html = await GetHtmlAsync(client, waiting);
        Assert.That(html, Does.Contain(English("Plugins.Payments.Kma.Waiting.Title")));
        Assert.That(html, Does.Contain("Plugins/PaymentKma/Status?orderGuid="));
    }

    [Test]
    public async Task AWrongTokenRevealsNothing()
    {
        using var client = Shopper(CheckoutHarness.IphoneUserAgent);
        var (order, _) = await CheckoutAsync(client);

        using var stranger = Shopper(CheckoutHarness.IphoneUserAgent);
        var (wrongStatus, wrongLocation) = await GetAsync(stranger, $"Plugins/PaymentKma/Return?orderGuid={order.OrderGuid}&token=guess");
        var (unknownStatus, unknownLocation) = await GetAsync(stranger, $"Plugins/PaymentKma/Return?orderGuid={Guid.NewGuid()}&token=guess");
        using var statusAnswer = await stranger.GetAsync($"Plugins/PaymentKma/Status?orderGuid={order.OrderGuid}&token=guess");

        Assert.That(wrongStatus, Is.EqualTo(unknownStatus));
        Assert.That(wrongLocation, Is.EqualTo(unknownLocation));
        Assert.That(statusAnswer.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(_store.GetOrder(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
    }

    [Test]
    public async Task AnOpnOutageAtCheckoutLandsOnTheOrderWithAMessageAndTheOrderStaysPayable()
    {
        _store.Emulator.AddFault(new OpnEmulator.FaultRule { Kind = OpnEmulator.FaultKind.Status, Status = 400, Method = "POST", Path = "/charges" });
        using var client = Shopper(CheckoutHarness.IphoneUserAgent);

        var (order, location) = await CheckoutAsync(client);

        Assert.That(location, Does.EndWith($"orderdetails/{order.Id}"));
        var html = await GetHtmlAsync(client, location);
        Assert.That(html, Does.Contain(English("Plugins.Payments.Kma.Checkout.PaymentUnavailable")));
        Assert.That(html, Does.Contain("repost-payment"));
        Assert.That(_store.GetOrderNotes(order.Id).Select(note => note.Note), Has.Some.Contains("could not be created"));
        Assert.That(_store.GetOrderNotes(order.Id).Select(note => note.Note), Has.None.Contains(_store.Emulator.SecretKey));

        _store.Emulator.ClearFaults();
        var retry = await RePostPaymentAsync(client, order);
        Assert.That(retry, Does.Contain("/payments/"));
    }
}
