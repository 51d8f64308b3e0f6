using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Emulator;

[TestFixture]
[Category("Integration")]
public class EmulatorFaultTests : EmulatorFixtureBase
{
    private WebhookListener _listener;

    [SetUp]
    public async Task StartListenerAsync()
    {
        _listener = await WebhookListener.StartAsync();
        Emulator.ConfigureWebhooks(new[] { _listener.Url });
    }

    [TearDown]
    public async Task StopListenerAsync() => await _listener.DisposeAsync();

    [Test]
    public async Task Status_ForTheNextNCalls_ThenNormal_OverTheControlApi()
    {
        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        using var control = new HttpClient { BaseAddress = Emulator.BaseAddress };
        var added = await control.PostAsync("_emulator/faults", new StringContent("""{"kind":"status","status":503,"method":"GET","path":"/charges/*","count":2}""", Encoding.UTF8, "application/json"));
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.OK), await added.Content.ReadAsStringAsync());

        var first = await Secret.GetAsync("charges/" + id);
        var account = await Secret.GetAsync("account");
        var second = await Secret.GetAsync("charges/" + id);
        var third = await Secret.GetAsync("charges/" + id);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(first.Json.GetProperty("object").GetString(), Is.EqualTo("error"));
        Assert.That(account.Status, Is.EqualTo(HttpStatusCode.OK), "other routes are not hit");
        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(third.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Emulator.Faults, Is.Empty, "a used-up rule is removed");
    }

    [Test]
    public async Task Status429_CarriesRetryAfter_AndRateZeroNeverHits()
    {
        Emulator.AddFault(new FaultRule { Kind = FaultKind.Status, Status = 500, Rate = 0 });
        var unaffected = await Secret.GetAsync("account");
        Emulator.ClearFaults();
        Emulator.AddFault(new FaultRule { Kind = FaultKind.Status, Status = 429, Path = "/account" });

        using var request = new HttpRequestMessage(HttpMethod.Get, "account");
        using var limited = await Secret.Http.SendAsync(request);

        Assert.That(unaffected.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(limited.Headers.RetryAfter, Is.Not.Null);
    }

    [Test]
    public async Task Status_AtARate_HitsSomeCalls()
    {
        Emulator.AddFault(new FaultRule { Kind = FaultKind.Status, Status = 500, Rate = 0.5, Path = "/account" });
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
            answers.Add((await Secret.GetAsync("account")).Status);

        // With p = 0.5 over 60 calls, "none" or "all" has probability 2^-59.
        Assert.That(answers, Has.Some.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(answers, Has.Some.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Latency_DelaysTheAnswer()
    {
        Emulator.AddFault(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(400), Path = "/account", Count = 1 });
        var stopwatch = Stopwatch.StartNew();
        var slow = await Secret.GetAsync("account");
        stopwatch.Stop();

        Assert.That(slow.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380)), "the injected delay is a lower bound");
    }

    [Test]
    public void DropConnection_GivesTheClientNoAnswer()
    {
        Emulator.AddFault(new FaultRule { Kind = FaultKind.DropConnection, Method = "POST", Path = "/charges", Count = 1 });

        Assert.ThrowsAsync<HttpRequestException>(() => Secret.CreateChargeAsync());
        Assert.That(Emulator.ChargeIds, Is.Empty, "a dropped call is not handled");
    }

    [Test]
    public async Task MalformedJson_AnswersCutJson()
    {
        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        Emulator.AddFault(new FaultRule { Kind = FaultKind.MalformedJson, Path = "/charges/*", Count = 1 });

        var broken = await Secret.GetAsync("charges/" + id);

        Assert.That(broken.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(broken.MediaType, Is.EqualTo("application/json"));
        Assert.Catch<JsonException>(() => JsonDocument.Parse(broken.Text));
        Assert.That((await Secret.GetAsync("charges/" + id)).Json.GetProperty("id").GetString(), Is.EqualTo(id));
    }

    [Test]
    public async Task AmbiguousCreate_CreatesTheChargeButTheClientTimesOut()
    {
        var orderGuid = Guid.NewGuid().ToString();
        Emulator.AddFault(new FaultRule { Kind = FaultKind.AmbiguousCreate, Delay = TimeSpan.FromSeconds(30), Count = 1 });
        using var impatient = new OpnTestClient(Emulator.BaseAddress, Emulator.SecretKey, timeout: TimeSpan.FromSeconds(2));

        Assert.CatchAsync<Exception>(() => impatient.CreateChargeAsync(extra: ("metadata[order_guid]", orderGuid)));
        await WaitUntilAsync(() => Emulator.ChargeIds.Count == 1, "the server has handled the create");
        var found = await Secret.GetAsync($"search?scope=charge&query={orderGuid}");

        Assert.That(found.Json.GetProperty("total").GetInt32(), Is.EqualTo(1), "the charge exists although the client never heard of it");
        Assert.That(found.Json.GetProperty("data")[0].GetProperty("status").GetString(), Is.EqualTo("pending"));
    }

    [Test]
    public async Task AmbiguousCreate_WithoutDelay_DropsTheConnectionAfterCreating()
    {
        Emulator.AddFault(new FaultRule { Kind = FaultKind.AmbiguousCreate, Count = 1 });

        Assert.CatchAsync<HttpRequestException>(() => Secret.CreateChargeAsync());
        Assert.That(Emulator.ChargeIds, Has.Count.EqualTo(1), "the connection is only closed after the charge was made");
    }

    [Test]
    public async Task DuplicateDelivery_SendsNConcurrentCopies()
    {
        Emulator.AddFault(new FaultRule { Kind = FaultKind.DuplicateDelivery, Copies = 3, EventKey = "charge.complete" });
        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        Emulator.CompleteCharge(id);

        var copies = await _listener.WaitForAsync(r => r.ChargeId == id && r.EventKey == "charge.complete", count: 3);
        await _listener.WaitForAsync(r => r.ChargeId == id && r.EventKey == "charge.create");

        Assert.That(copies.Select(c => c.EventId).Distinct().Count(), Is.EqualTo(1), "the same event three times");
        Assert.That(_listener.Received.Count(r => r.ChargeId == id && r.EventKey == "charge.create"), Is.EqualTo(1), "the rule is for charge.complete only");
        // the emulator records a delivery once the listener has answered, so the last record may trail the request
        IEnumerable<int> RecordedCopies() => Emulator.Deliveries.Where(d => d.ChargeId == id && d.EventKey == "charge.complete").Select(d => d.Copy).OrderBy(c => c).ToList();
        for (var wait = 0; wait < 100 && RecordedCopies().Count() < 3; wait++)
            await Task.Delay(50);
        Assert.That(RecordedCopies(), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public async Task OutOfOrderDelivery_DeliversTheLaterEventFirst()
    {
        Emulator.AddFault(new FaultRule { Kind = FaultKind.OutOfOrderDelivery, EventKey = "charge.create", Count = 1, Delay = TimeSpan.FromSeconds(5) });
        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        Emulator.CompleteCharge(id);

        var received = await _listener.WaitForAsync(r => r.ChargeId == id, count: 2);

        Assert.That(received.OrderBy(r => r.Sequence).Select(r => r.EventKey), Is.EqualTo(new[] { "charge.complete", "charge.create" }));
    }

    [Test]
    public async Task DelayedDelivery_ArrivesAfterLaterEvents()
    {
        Emulator.AddFault(new FaultRule { Kind = FaultKind.DelayedDelivery, EventKey = "charge.create", Delay = TimeSpan.FromMilliseconds(1500), Count = 1 });
        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        Emulator.CompleteCharge(id);

        var received = await _listener.WaitForAsync(r => r.ChargeId == id, count: 2);

        Assert.That(received.OrderBy(r => r.Sequence).Select(r => r.EventKey), Is.EqualTo(new[] { "charge.complete", "charge.create" }));
    }

    [Test]
    public async Task TamperedSignature_FirstAttemptFailsVerification_RetryIsSignedCorrectly()
    {
        var secret = Emulator.WebhookSecret;
        _listener.Responder = r => Task.FromResult(r.Signature == IndependentHmac.Compute(r.Timestamp, r.Body, secret) ? 200 : 401);
        Emulator.AddFault(new FaultRule { Kind = FaultKind.TamperedSignature, Count = 1 });

        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        var received = await _listener.WaitForAsync(r => r.ChargeId == id, count: 2);

        Assert.That(received[0].AnsweredStatus, Is.EqualTo(401));
        Assert.That(received[1].AnsweredStatus, Is.EqualTo(200));
        Assert.That(received[0].Body, Is.EqualTo(received[1].Body));
        var attempts = (await Emulator.WaitForDeliveriesAsync(d => d.ChargeId == id, count: 2)).OrderBy(d => d.Attempt).ToList();
        Assert.That(attempts[0].SignatureTampered, Is.True);
        Assert.That(attempts[1].SignatureTampered, Is.False);
    }

    [Test]
    public async Task ControlApi_ListsAndClearsFaults_AndRejectsBadRules()
    {
        using var control = new HttpClient { BaseAddress = Emulator.BaseAddress };
        await control.PostAsync("_emulator/faults", new StringContent("""{"kind":"latency","delay_ms":10}""", Encoding.UTF8, "application/json"));
        await control.PostAsync("_emulator/faults", new StringContent("""{"kind":"duplicate_delivery","copies":2}""", Encoding.UTF8, "application/json"));
        var bad = await control.PostAsync("_emulator/faults", new StringContent("""{"kind":"status","status":200}""", Encoding.UTF8, "application/json"));
        var unknownKind = await control.PostAsync("_emulator/faults", new StringContent("""{"kind":"meteor_strike"}""", Encoding.UTF8, "application/json"));

        var listed = JsonDocument.Parse(await control.GetStringAsync("_emulator/faults")).RootElement;
        var cleared = await control.DeleteAsync("_emulator/faults");

        Assert.That(listed.EnumerateArray().Select(f => f.GetProperty("kind").GetString()), Is.EqualTo(new[] { "latency", "duplicate_delivery" }));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknownKind.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Emulator.Faults, Is.Empty);
    }

    [Test]
    public async Task Faults_NeverTouchTheControlApiOrTheAuthorizePage()
    {
        var charge = await Secret.CreateChargeAsync();
        Emulator.AddFault(new FaultRule { Kind = FaultKind.Status, Status = 500 });
        using var plain = new HttpClient { BaseAddress = Emulator.BaseAddress };

        var page = await plain.GetAsync(charge.GetProperty("authorize_uri").GetString());
        var info = await plain.GetAsync("_emulator/");
        var api = await Secret.GetAsync("account");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(info.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(api.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
    }
}
