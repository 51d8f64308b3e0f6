using System.Net;
using System.Text.Json;

namespace Nop.Plugin.Payments.Kma.Tests.Emulator;

/// <summary>
/// The emulator's HTML pages: the authorize page's three outcomes (Let it expire expires the charge as Opn does)
/// and the index page at the emulator's address
/// </summary>
[TestFixture]
public class EmulatorPageTests : EmulatorFixtureBase
{
    private HttpClient _browser;

    [OneTimeSetUp]
    public void CreateBrowser() =>
        _browser = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = Emulator.BaseAddress };

    [OneTimeTearDown]
    public void DisposeBrowser() => _browser?.Dispose();

    private async Task<HttpResponseMessage> ChooseAsync(string authorizeUri, params (string Name, string Value)[] fields) =>
        await _browser.PostAsync(authorizeUri, new FormUrlEncodedContent(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value))));

    [Test]
    public async Task TheAuthorizePageOffersLetItExpireBesideSuccessfulAndFailed()
    {
        var charge = await Secret.CreateChargeAsync();
        var html = await _browser.GetStringAsync(charge.GetProperty("authorize_uri").GetString());

        Assert.That(html, Does.Contain("id=\"pay-successful\""));
        Assert.That(html, Does.Contain("id=\"pay-failed\""));
        Assert.That(html, Does.Contain("id=\"pay-expire\"").And.Contain("Let it expire"));
        Assert.That(html, Does.Contain("name=\"outcome\" value=\"expired\""));
        Assert.That(html, Does.Contain("value=\"payment_rejected\" selected"), "the control API's default failure, not payment_expired");
    }

    [Test]
    public async Task LetItExpireExpiresTheChargeAsOpnDoesAndSendsTheShopperBack()
    {
        await using var listener = await WebhookListener.StartAsync();
        Emulator.ConfigureWebhooks(new[] { listener.Url });
        var charge = await Secret.CreateChargeAsync(returnUri: "https://shop.example/return?token=abc");
        var id = charge.GetProperty("id").GetString();

        using var answer = await ChooseAsync(charge.GetProperty("authorize_uri").GetString(), ("outcome", "expired"));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(answer.Headers.Location!.ToString(), Is.EqualTo("https://shop.example/return?token=abc"));

        // what the plugin reads: the charge from the API
        var expired = (await Secret.GetAsync($"charges/{id}")).Json;
        Assert.That(expired.GetProperty("status").GetString(), Is.EqualTo("expired"));
        Assert.That(expired.GetProperty("expired").GetBoolean(), Is.True);
        Assert.That(expired.GetProperty("paid").GetBoolean(), Is.False);
        Assert.That(expired.GetProperty("failure_code").ValueKind, Is.EqualTo(JsonValueKind.Null), "an expiry is not a failure code");
        Assert.That(expired.GetProperty("expired_at").GetString(), Is.Not.Null);
        Assert.That(expired.GetProperty("source").GetProperty("charge_status").GetString(), Is.EqualTo("expired"));

        // the same event as an expiry by the clock or the control API
        var events = (await Secret.GetAsync($"charges/{id}/events")).Json.GetProperty("data").EnumerateArray()
            .Select(e => e.GetProperty("key").GetString()).ToList();
        Assert.That(events, Is.EqualTo(new[] { "charge.create", "charge.expire" }));
        var delivered = await listener.WaitForAsync(webhook => webhook.ChargeId == id && webhook.EventKey == "charge.expire");
        Assert.That(delivered, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task TheFailureCodePaymentExpiredStillMakesAFailedCharge()
    {
        var charge = await Secret.CreateChargeAsync();
        var id = charge.GetProperty("id").GetString();

        using var answer = await ChooseAsync(charge.GetProperty("authorize_uri").GetString(), ("outcome", "failed"), ("failure_code", "payment_expired"));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var failed = (await Secret.GetAsync($"charges/{id}")).Json;
        Assert.That(failed.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(failed.GetProperty("failure_code").GetString(), Is.EqualTo("payment_expired"));
        Assert.That(failed.GetProperty("expired").GetBoolean(), Is.False);
    }

    [Test]
    public async Task AnEndedChargeCannotBeExpiredFromItsPage()
    {
        var charge = await Secret.CreateChargeAsync();
        var id = charge.GetProperty("id").GetString();
        Assert.That(Emulator.CompleteCharge(id), Is.True);

        using var answer = await ChooseAsync(charge.GetProperty("authorize_uri").GetString(), ("outcome", "expired"));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "back to the merchant, as for any ended charge");
        Assert.That(Emulator.GetChargeStatus(id), Is.EqualTo("successful"));
        var html = await _browser.GetStringAsync(charge.GetProperty("authorize_uri").GetString());
        Assert.That(html, Does.Contain("already <strong>successful</strong>").And.Not.Contain("pay-expire"));
    }

    [Test]
    public async Task AnUnknownOutcomeIsRefused()
    {
        var charge = await Secret.CreateChargeAsync();

        using var answer = await ChooseAsync(charge.GetProperty("authorize_uri").GetString(), ("outcome", "maybe"));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Emulator.GetChargeStatus(charge.GetProperty("id").GetString()), Is.EqualTo("pending"));
    }

    [Test]
    public async Task TheIndexPageListsTheChargesWithTheirStateAndPages()
    {
        var paid = await Secret.CreateChargeAsync(2500, extra: ("description", "Order #7 <b>"));
        var failed = await Secret.CreateChargeAsync(3000);
        var pending = await Secret.CreateChargeAsync(3500);
        Emulator.CompleteCharge(paid.GetProperty("id").GetString());
        Emulator.FailCharge(failed.GetProperty("id").GetString(), "insufficient_fund");

        using var response = await _browser.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        foreach (var (charge, state) in new[] { (paid, "successful"), (failed, "failed (insufficient_fund)"), (pending, "pending") })
        {
            var id = charge.GetProperty("id").GetString();
            var row = Row(html, id);
            Assert.That(row, Does.Contain(">" + state + "</td>"), id);
            var page = new Uri(charge.GetProperty("authorize_uri").GetString()!).AbsolutePath;
            Assert.That(row, Does.Contain($"<a href=\"{page}\">{id}</a>"), id);
        }
        Assert.That(Row(html, paid.GetProperty("id").GetString()), Does.Contain("THB 25.00").And.Contain("Order #7 &lt;b&gt;"));
        Assert.That(html.IndexOf(pending.GetProperty("id").GetString()!, StringComparison.Ordinal),
            Is.LessThan(html.IndexOf(paid.GetProperty("id").GetString()!, StringComparison.Ordinal)), "newest first");
    }

    [Test]
    public async Task TheIndexPageDescribesTheControlApiAndKeepsTheSecretKeyOut()
    {
        var html = await _browser.GetStringAsync("/");

        Assert.That(html, Does.Contain("id=\"no-charges\""));
        foreach (var path in new[] { "/_emulator/charges/{id}/complete", "/_emulator/charges/{id}/fail", "/_emulator/charges/{id}/expire", "/_emulator/clock/advance", "/_emulator/reset" })
            Assert.That(html, Does.Contain($"<code>{path}</code>"), path);
        Assert.That(html, Does.Contain(Emulator.BaseAddress.ToString().TrimEnd('/')));
        Assert.That(html, Does.Not.Contain(Emulator.SecretKey));
        Assert.That(html, Does.Not.Contain(Emulator.WebhookSecret));
    }

    [Test]
    public async Task TheIndexPageIsNotHitByApiFaults()
    {
        Emulator.AddFault(new OpnEmulator.FaultRule { Kind = OpnEmulator.FaultKind.Status, Status = 503 });

        using var response = await _browser.GetAsync("/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static string Row(string html, string chargeId)
    {
        var start = html.IndexOf($"<tr data-charge-id=\"{chargeId}\">", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no row for {chargeId}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
