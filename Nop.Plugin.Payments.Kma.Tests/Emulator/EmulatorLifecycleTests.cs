using System.Net;
using System.Text.Json;

namespace Nop.Plugin.Payments.Kma.Tests.Emulator;

[TestFixture]
[Category("Integration")]
public class EmulatorLifecycleTests : EmulatorFixtureBase
{
    private HttpClient _browser;

    [OneTimeSetUp]
    public void CreateBrowser()
    {
        _browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
    }

    [OneTimeTearDown]
    public void DisposeBrowser() => _browser.Dispose();

    [Test]
    public async Task AuthorizePage_ShowsAmountAndBothOutcomes()
    {
        var charge = await Secret.CreateChargeAsync(123456, extra: ("description", "Order <b>#7</b>"));

        var page = await _browser.GetAsync(charge.GetProperty("authorize_uri").GetString());
        var html = await page.Content.ReadAsStringAsync();

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("1,234.56"));
        Assert.That(html, Does.Contain("Successful").And.Contain("Failed"));
        foreach (var code in new[] { "payment_expired", "payment_rejected", "failed_processing", "invalid_account", "insufficient_fund" })
            Assert.That(html, Does.Contain($"value=\"{code}\""));
        Assert.That(html, Does.Not.Contain("<b>#7</b>"), "text is HTML-encoded");
    }

    [Test]
    public async Task AuthorizePage_Successful_PaysChargeAndReturnsToMerchant()
    {
        var charge = await Secret.CreateChargeAsync(returnUri: "https://shop.example/orders/9/complete?token=abc");
        var id = charge.GetProperty("id").GetString();

        var answer = await _browser.PostAsync(charge.GetProperty("authorize_uri").GetString(), new FormUrlEncodedContent(new Dictionary<string, string> { ["outcome"] = "successful" }));
        var fetched = (await Secret.GetAsync("charges/" + id)).Json;

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(answer.Headers.Location?.ToString(), Is.EqualTo("https://shop.example/orders/9/complete?token=abc"));
        Assert.Multiple(() =>
        {
            Assert.That(fetched.GetProperty("status").GetString(), Is.EqualTo("successful"));
            Assert.That(fetched.GetProperty("paid").GetBoolean(), Is.True);
            Assert.That(fetched.GetProperty("authorized").GetBoolean(), Is.True);
            Assert.That(fetched.GetProperty("paid_at").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(fetched.GetProperty("transaction").GetString(), Does.StartWith("trxn_test_"));
            Assert.That(fetched.GetProperty("source").GetProperty("charge_status").GetString(), Is.EqualTo("successful"));
            Assert.That(fetched.GetProperty("failure_code").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [TestCase("insufficient_fund")]
    [TestCase("payment_rejected")]
    [TestCase("payment_expired")]
    public async Task AuthorizePage_Failed_FailsChargeWithCode(string failureCode)
    {
        var charge = await Secret.CreateChargeAsync();
        var id = charge.GetProperty("id").GetString();

        var answer = await _browser.PostAsync(charge.GetProperty("authorize_uri").GetString(),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["outcome"] = "failed", ["failure_code"] = failureCode }));
        var fetched = (await Secret.GetAsync("charges/" + id)).Json;

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(fetched.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(fetched.GetProperty("failure_code").GetString(), Is.EqualTo(failureCode));
        Assert.That(fetched.GetProperty("failure_message").GetString(), Is.Not.Empty);
        Assert.That(fetched.GetProperty("paid").GetBoolean(), Is.False);
        Assert.That(fetched.GetProperty("source").GetProperty("charge_status").GetString(), Is.EqualTo("failed"));
    }

    [Test]
    public async Task AuthorizePage_AfterTheChargeEnded_ShowsStatusAndDoesNotChangeIt()
    {
        var charge = await Secret.CreateChargeAsync();
        var id = charge.GetProperty("id").GetString();
        Emulator.ExpireCharge(id);

        var page = await (await _browser.GetAsync(charge.GetProperty("authorize_uri").GetString())).Content.ReadAsStringAsync();
        await _browser.PostAsync(charge.GetProperty("authorize_uri").GetString(), new FormUrlEncodedContent(new Dictionary<string, string> { ["outcome"] = "successful" }));

        Assert.That(page, Does.Contain("expired"));
        Assert.That(Emulator.GetChargeStatus(id), Is.EqualTo("expired"));
    }

    [Test]
    public async Task ExpireEndpoint_ExpiresPendingCharge_AndRefusesOthersWithFailedExpire()
    {
        var charge = await Secret.CreateChargeAsync();
        var id = charge.GetProperty("id").GetString();

        var expired = await Secret.PostAsync($"charges/{id}/expire");
        var again = await Secret.PostAsync($"charges/{id}/expire");

        Assert.That(expired.Status, Is.EqualTo(HttpStatusCode.OK), expired.Text);
        var json = expired.Json;
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("expired"));
            Assert.That(json.GetProperty("expired").GetBoolean(), Is.True);
            Assert.That(json.GetProperty("expired_at").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(json.GetProperty("expired_at").GetString(), Is.EqualTo(json.GetProperty("expires_at").GetString()));
            Assert.That(json.GetProperty("source").GetProperty("charge_status").GetString(), Is.EqualTo("expired"));
            Assert.That(json.GetProperty("paid").GetBoolean(), Is.False);
        });
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(again.ErrorCode, Is.EqualTo("failed_expire"));

        var paid = await Secret.CreateChargeAsync();
        Emulator.CompleteCharge(paid.GetProperty("id").GetString());
        var refused = await Secret.PostAsync($"charges/{paid.GetProperty("id").GetString()}/expire");
        Assert.That(refused.ErrorCode, Is.EqualTo("failed_expire"));
        Assert.That(Emulator.GetChargeStatus(paid.GetProperty("id").GetString()), Is.EqualTo("successful"));
    }

    [Test]
    public async Task Clock_MovedPastExpiresAt_ExpiresCharge_ThroughControlApi()
    {
        var charge = await Secret.CreateChargeAsync();
        var id = charge.GetProperty("id").GetString();
        using var control = new HttpClient { BaseAddress = Emulator.BaseAddress };

        await control.PostAsync("_emulator/clock/advance?seconds=899", null);
        var stillPending = (await Secret.GetAsync("charges/" + id)).Json.GetProperty("status").GetString();
        var advanced = await control.PostAsync("_emulator/clock/advance?seconds=2", null);
        var after = (await Secret.GetAsync("charges/" + id)).Json;

        Assert.That(advanced.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stillPending, Is.EqualTo("pending"));
        Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("expired"));
        Assert.That(after.GetProperty("expired_at").GetString(), Is.EqualTo(charge.GetProperty("expires_at").GetString()));
        Assert.That(Emulator.CompleteCharge(id), Is.False, "an expired charge cannot be paid");
    }

    [Test]
    public async Task ChargeLifetime_IsConfigurable()
    {
        Emulator.ChargeLifetime = TimeSpan.FromMinutes(3);
        var charge = await Secret.CreateChargeAsync();

        var lifetime = charge.GetProperty("expires_at").GetDateTimeOffset() - charge.GetProperty("created_at").GetDateTimeOffset();
        Assert.That(lifetime, Is.EqualTo(TimeSpan.FromMinutes(3)));
    }

    [Test]
    public async Task Events_RecordEveryStateChange_WithChargeSnapshot()
    {
        var paid = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        var expired = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        Emulator.CompleteCharge(paid);
        await Secret.PostAsync($"charges/{expired}/expire");

        var paidEvents = (await Secret.GetAsync($"charges/{paid}/events")).Json;
        var expiredEvents = (await Secret.GetAsync($"charges/{expired}/events")).Json;

        var keys = paidEvents.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("key").GetString()).ToList();
        Assert.That(keys, Is.EqualTo(new[] { "charge.create", "charge.complete" }));
        Assert.That(expiredEvents.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("key").GetString()), Is.EqualTo(new[] { "charge.create", "charge.expire" }));
        Assert.That(paidEvents.GetProperty("location").GetString(), Is.EqualTo($"/charges/{paid}/events"));

        var complete = paidEvents.GetProperty("data")[1];
        var eventId = complete.GetProperty("id").GetString();
        Assert.That(eventId, Does.StartWith("evnt_test_"));
        Assert.That(complete.GetProperty("data").GetProperty("status").GetString(), Is.EqualTo("successful"));
        Assert.That(paidEvents.GetProperty("data")[0].GetProperty("data").GetProperty("status").GetString(), Is.EqualTo("pending"), "the create event keeps the charge as it was");

        var single = await Secret.GetAsync("events/" + eventId);
        Assert.That(single.Json.GetProperty("object").GetString(), Is.EqualTo("event"));
        Assert.That(single.Json.GetProperty("location").GetString(), Is.EqualTo("/events/" + eventId));
        Assert.That(single.Json.GetProperty("key").GetString(), Is.EqualTo("charge.complete"));
    }

    [Test]
    public async Task ControlApi_CompleteFailExpireAndReset()
    {
        using var control = new HttpClient { BaseAddress = Emulator.BaseAddress };
        var a = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        var b = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        var c = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();

        var completed = await control.PostAsync($"_emulator/charges/{a}/complete", null);
        var failed = await control.PostAsync($"_emulator/charges/{b}/fail", new FormUrlEncodedContent(new Dictionary<string, string> { ["failure_code"] = "invalid_account" }));
        var expired = await control.PostAsync($"_emulator/charges/{c}/expire", null);
        var conflict = await control.PostAsync($"_emulator/charges/{a}/fail", null);
        var unknown = await control.PostAsync("_emulator/charges/chrg_test_nope/complete", null);
        var badCode = await control.PostAsync($"_emulator/charges/{c}/fail?failure_code=made_up", null);

        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonDocument.Parse(await completed.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString(), Is.EqualTo("successful"));
        Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Secret.GetAsync("charges/" + b)).Json.GetProperty("failure_code").GetString(), Is.EqualTo("invalid_account"));
        Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Emulator.GetChargeStatus(c), Is.EqualTo("expired"));
        Assert.That(conflict.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(badCode.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var reset = await control.PostAsync("_emulator/reset", null);
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Secret.GetAsync("charges/" + a)).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task ControlApi_Info_ListsKeysAndUrls()
    {
        using var control = new HttpClient { BaseAddress = Emulator.BaseAddress };
        var info = JsonDocument.Parse(await control.GetStringAsync("_emulator/")).RootElement;

        Assert.That(info.GetProperty("public_key").GetString(), Is.EqualTo("pkey_test_5kmaemulatordev"));
        Assert.That(info.GetProperty("secret_key").GetString(), Is.EqualTo("skey_test_5kmaemulatordev"));
        Assert.That(info.GetProperty("base_url").GetString(), Is.EqualTo(Emulator.BaseAddress.ToString()));
        Assert.That(info.GetProperty("config").GetProperty("charge_lifetime_seconds").GetDouble(), Is.EqualTo(900));
    }
}
