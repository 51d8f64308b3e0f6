using System.Net;
using System.Text;
using System.Text.Json;

namespace Nop.Plugin.Payments.Kma.Tests.Emulator;

[TestFixture]
[Category("Integration")]
public class EmulatorWebhookTests : EmulatorFixtureBase
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
    public async Task Events_AreDeliveredSignedInOrder_WithAValidIndependentHmac()
    {
        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        Emulator.CompleteCharge(id);

        var received = await _listener.WaitForAsync(r => r.ChargeId == id, count: 2);

        Assert.That(received.Select(r => r.EventKey), Is.EqualTo(new[] { "charge.create", "charge.complete" }));
        foreach (var delivery in received)
        {
            Assert.That(delivery.ContentType, Does.StartWith("application/json"));
            Assert.That(long.Parse(delivery.Timestamp), Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(60));
            Assert.That(delivery.Signature, Is.EqualTo(IndependentHmac.Compute(delivery.Timestamp, delivery.Body, "a21hLWVtdWxhdG9yLXdlYmhvb2stc2VjcmV0LWRldiE=")));
            Assert.That(delivery.Signature, Is.Not.EqualTo(IndependentHmac.Compute(delivery.Timestamp, delivery.Body, Convert.ToBase64String(Encoding.UTF8.GetBytes("another secret")))));
        }

        var body = JsonDocument.Parse(received[1].Body).RootElement;
        Assert.That(body.GetProperty("object").GetString(), Is.EqualTo("event"));
        Assert.That(body.GetProperty("data").GetProperty("status").GetString(), Is.EqualTo("successful"));
        var fetched = await Secret.GetAsync("events/" + received[1].EventId);
        Assert.That(fetched.Status, Is.EqualTo(HttpStatusCode.OK), "the delivered event can be fetched by id");
    }

    [Test]
    public async Task HasPendingDeliveries_IsFalseOnceEveryEventIsDelivered()
    {
        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        await _listener.WaitForAsync(r => r.ChargeId == id);

        var idle = false;
        for (var wait = 0; wait < 100 && !(idle = !Emulator.HasPendingDeliveries); wait++)
            await Task.Delay(50);

        Assert.That(idle, Is.True);
    }

    [Test]
    public async Task ChangedSecret_SignsWithTheNewSecret()
    {
        var secret = Convert.ToBase64String(Encoding.UTF8.GetBytes("a rotated webhook secret for tests"));
        using var control = new HttpClient { BaseAddress = Emulator.BaseAddress };
        var configured = await control.PutAsync("_emulator/config", new StringContent($$"""{"webhook_secret":"{{secret}}"}""", Encoding.UTF8, "application/json"));
        Assert.That(configured.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        var delivery = (await _listener.WaitForAsync(r => r.ChargeId == id)).Single();

        Assert.That(delivery.Signature, Is.EqualTo(IndependentHmac.Compute(delivery.Timestamp, delivery.Body, secret)));
    }

    [Test]
    public async Task Expiry_DeliversChargeExpire()
    {
        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        Emulator.AdvanceClock(TimeSpan.FromMinutes(16));

        var expire = (await _listener.WaitForAsync(r => r.ChargeId == id && r.EventKey == "charge.expire")).Single();
        Assert.That(JsonDocument.Parse(expire.Body).RootElement.GetProperty("data").GetProperty("status").GetString(), Is.EqualTo("expired"));
    }

    [Test]
    public async Task ChargeWebhookEndpoints_ReceiveTheChargesEvents()
    {
        await using var dynamicListener = await WebhookListener.StartAsync("/dynamic");
        var id = (await Secret.CreateChargeAsync(extra: ("webhook_endpoints[]", dynamicListener.Url))).GetProperty("id").GetString();
        var other = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();

        await dynamicListener.WaitForAsync(r => r.ChargeId == id);
        await _listener.WaitForAsync(r => r.ChargeId == other);

        Assert.That(_listener.Received.Where(r => r.ChargeId == id), Is.Empty, "webhook_endpoints replace the static URL, as Opn documents");
        Assert.That(dynamicListener.Received.Where(r => r.ChargeId == other), Is.Empty);
    }

    [Test]
    public async Task ChargeWebhookEndpoints_CanBeSentAlongsideTheStaticUrl()
    {
        await using var dynamicListener = await WebhookListener.StartAsync("/dynamic");
        Emulator.ChargeEndpointsReplaceStaticUrls = false;

        var id = (await Secret.CreateChargeAsync(extra: ("webhook_endpoints[0]", dynamicListener.Url))).GetProperty("id").GetString();

        await dynamicListener.WaitForAsync(r => r.ChargeId == id);
        await _listener.WaitForAsync(r => r.ChargeId == id);
    }

    [Test]
    public async Task Failures_AreRetried_AndEveryAttemptIsRecordedWithItsAnswer()
    {
        var answers = 0;
        _listener.Responder = _ => Task.FromResult(Interlocked.Increment(ref answers) <= 2 ? 500 : 200);

        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        await _listener.WaitForAsync(r => r.ChargeId == id && r.AnsweredStatus == 200);
        var attempts = await Emulator.WaitForDeliveriesAsync(d => d.ChargeId == id, count: 3);

        Assert.That(attempts.Select(a => a.Attempt), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(attempts.Select(a => a.StatusCode), Is.EqualTo(new int?[] { 500, 500, 200 }));
        Assert.That(attempts.Select(a => a.EventId).Distinct().Count(), Is.EqualTo(1), "a retry sends the same event");
        Assert.That(attempts.Select(a => a.Body).Distinct().Count(), Is.EqualTo(1), "and the same body");
        Assert.That(attempts[2].ResponseBody, Is.EqualTo("ok"));

        using var control = new HttpClient { BaseAddress = Emulator.BaseAddress };
        var recorded = JsonDocument.Parse(await control.GetStringAsync($"_emulator/deliveries?charge_id={id}")).RootElement;
        Assert.That(recorded.GetArrayLength(), Is.EqualTo(3));
        Assert.That(recorded[0].GetProperty("status_code").GetInt32(), Is.EqualTo(500));

        var ev = (await Secret.GetAsync("events/" + attempts[0].EventId)).Json;
        Assert.That(ev.GetProperty("webhook_deliveries").GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public async Task Timeouts_AreRetried()
    {
        var answers = 0;
        _listener.Responder = async _ =>
        {
            if (Interlocked.Increment(ref answers) == 1)
                await Task.Delay(TimeSpan.FromSeconds(6));
            return 200;
        };

        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        var attempts = await Emulator.WaitForDeliveriesAsync(d => d.ChargeId == id && d.Succeeded);
        var all = Emulator.Deliveries.Where(d => d.ChargeId == id).ToList();

        Assert.That(all[0].StatusCode, Is.Null);
        Assert.That(all[0].Error, Does.Contain("timeout"));
        Assert.That(attempts.Single().Attempt, Is.EqualTo(2));
    }

    [Test]
    public async Task Retries_StopAfterTheSchedule()
    {
        _listener.Responder = _ => Task.FromResult(503);

        var id = (await Secret.CreateChargeAsync()).GetProperty("id").GetString();
        var attempts = await Emulator.WaitForDeliveriesAsync(d => d.ChargeId == id, count: 4);
        await Task.Delay(800);

        Assert.That(Emulator.Deliveries.Count(d => d.ChargeId == id), Is.EqualTo(4), "one attempt and three retries");
        Assert.That(attempts.All(a => !a.Succeeded));
    }

    [Test]
    public async Task NonLoopbackUrls_AreRefused()
    {
        using var control = new HttpClient { BaseAddress = Emulator.BaseAddress };
        var answer = await control.PutAsync("_emulator/config", new StringContent("""{"webhook_urls":["https://example.com/hook"]}""", Encoding.UTF8, "application/json"));
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.Throws<ArgumentException>(() => Emulator.ConfigureWebhooks(new[] { "http://10.0.0.1/hook" }));

        var id = (await Secret.CreateChargeAsync(extra: ("webhook_endpoints[]", "https://example.com/hook"))).GetProperty("id").GetString();
        var refused = (await Emulator.WaitForDeliveriesAsync(d => d.ChargeId == id)).First();

        Assert.That(refused.StatusCode, Is.Null);
        Assert.That(refused.Error, Does.Contain("refused"));
        await Task.Delay(700);
        Assert.That(Emulator.Deliveries.Count(d => d.ChargeId == id), Is.EqualTo(1), "a refused URL is not retried");
        Assert.That(Emulator.WebhookUrls, Is.EqualTo(new[] { _listener.Url }));
    }
}
