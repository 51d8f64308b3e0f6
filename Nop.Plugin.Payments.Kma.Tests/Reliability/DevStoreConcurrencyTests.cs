using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using DevStore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Services.Payments;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Reliability;

/// <summary>
/// 200 orders at once through the DevStore (the plugin hosted as nopCommerce hosts it): each order's return page and
/// 5 duplicate webhooks over HTTP, and the reconciliation task run by the store's task runner, all interleaved
/// </summary>
[Category("Reliability")]
[NonParallelizable]
public class DevStoreConcurrencyTests
{
    private const int Orders = 200;
    private const int DuplicateWebhooks = 5;
    private EmulatorHost _opn;
    private DevStoreHost _store;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _opn = await EmulatorHost.StartAsync(new EmulatorOptions());
        _store = await DevStoreHost.StartAsync(new DevStoreOptions
        {
            OpnPublicKey = _opn.PublicKey,
            OpnSecretKey = _opn.SecretKey,
            OpnWebhookSecret = _opn.WebhookSecret,
            OpnApiBaseUrl = _opn.BaseAddress.ToString(),
            UseEmulator = false
        });
        var settings = await _store.GetSettingsAsync<KmaPaymentSettings>();
        settings.UseDynamicWebhooks = false;
        await _store.SaveSettingsAsync(settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_store != null)
            await _store.DisposeAsync();
        if (_opn != null)
            await _opn.DisposeAsync();
    }

    private async Task<Order> CheckedOutOrderAsync()
    {
        var placed = await _store.PlaceOrderAsync(productId: 2);
        Assert.That(placed.PlacedOrder, Is.Not.Null, string.Join("; ", placed.Errors));
        await _store.InScopeAsync(async services =>
        {
            var accessor = services.GetRequiredService<IHttpContextAccessor>();
            var context = new DefaultHttpContext { RequestServices = services };
            context.Request.Headers.UserAgent = TestSupport.ReliabilityStore.IphoneUserAgent;
            accessor.HttpContext = context;
            var processor = ActivatorUtilities.CreateInstance<KmaPaymentProcessor>(services);
            await processor.PostProcessPaymentAsync(new PostProcessPaymentRequest { Order = _store.GetOrder(placed.PlacedOrder.Id) });
            accessor.HttpContext = null;
        });

        //old enough for the reconciliation task to look at it
        var order = _store.GetOrder(placed.PlacedOrder.Id);
        order.CreatedOnUtc = DateTime.UtcNow.AddMinutes(-10);
        _store.Data.Orders.Update(order);
        return _store.GetOrder(order.Id);
    }

    private HttpRequestMessage Webhook(byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(_opn.WebhookSecret),
            Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray()));
        var request = new HttpRequestMessage(HttpMethod.Post, KmaDefaults.Webhook.RoutePath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add(KmaDefaults.Webhook.SignatureHeader, signature);
        request.Headers.Add(KmaDefaults.Webhook.TimestampHeader, timestamp);
        return request;
    }

    [Test]
    public async Task Two_hundred_orders_paid_through_the_DevStore_with_returns_duplicate_webhooks_and_the_task_interleaved()
    {
        var orders = new ConcurrentBag<Order>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Orders), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, _) => orders.Add(await CheckedOutOrderAsync()));
        var charges = orders.ToDictionary(order => order.Id, order => order.AuthorizationTransactionId);
        Assert.That(charges.Values.Distinct().Count(), Is.EqualTo(Orders));
        Assert.That(charges.Values, Is.All.StartWith("chrg_"));
        foreach (var chargeId in charges.Values)
            Assert.That(_opn.CompleteCharge(chargeId), Is.True);

        using var http = _store.CreateClient();
        //the shopper who placed the orders comes back (another browser would get the plugin's own result page)
        (await http.GetAsync("login/?as=shopper")).Dispose();
        var taskType = _store.GetScheduleTasks().Single(task => task.Type.Contains("KmaReconciliationTask", StringComparison.Ordinal)).Type;
        var returns = new ConcurrentBag<string>();
        var webhookAnswers = new ConcurrentBag<HttpStatusCode>();
        var work = new List<Func<Task>>();
        foreach (var order in orders)
        {
            var token = await _store.GetOrderAttributeAsync<string>(order.Id, KmaDefaults.OrderAttributes.ReturnToken);
            var body = Encoding.UTF8.GetBytes($"{{\"object\":\"event\",\"id\":\"evnt_test_{order.Id}\",\"key\":\"charge.complete\",\"data\":{_opn.GetChargeJson(charges[order.Id])}}}");
            work.Add(async () =>
            {
                using var response = await http.GetAsync($"{KmaDefaults.Checkout.ReturnPath}?orderGuid={order.OrderGuid}&token={Uri.EscapeDataString(token)}");
                returns.Add(response.Headers.Location?.ToString() ?? response.StatusCode.ToString());
            });
            for (var copy = 0; copy < DuplicateWebhooks; copy++)
            {
                work.Add(async () =>
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        using var response = await http.SendAsync(Webhook(body));
                        if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 20)
                        {
                            webhookAnswers.Add(response.StatusCode);
                            return;
                        }
                        //Opn delivers a refused event again
                        await Task.Delay(Random.Shared.Next(5, 30));
                    }
                });
            }
        }
        work.Insert(work.Count / 2, () => _store.RunScheduleTaskAsync(taskType));

        await Task.WhenAll(work.OrderBy(_ => Random.Shared.Next()).Select(action => Task.Run(action)));

        Assert.That(webhookAnswers, Has.Count.EqualTo(Orders * DuplicateWebhooks));
        Assert.That(webhookAnswers, Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(returns.Where(location => !location.Contains("checkout/completed/") && !location.Contains("Waiting", StringComparison.OrdinalIgnoreCase)), Is.Empty,
            "every return goes to the completed page, or to the waiting page when the order was busy");
        foreach (var order in orders)
        {
            var stored = _store.GetOrder(order.Id);
            var notes = _store.GetOrderNotes(order.Id).Select(note => note.Note).ToList();
            Assert.That(stored.PaymentStatus, Is.EqualTo(PaymentStatus.Paid), $"order #{order.Id}");
            Assert.That(stored.AuthorizationTransactionId, Is.EqualTo(charges[order.Id]), "no lost update");
            Assert.That(stored.CaptureTransactionId, Is.EqualTo(charges[order.Id]));
            Assert.That(notes.Count(note => note.Contains("; the order is paid.", StringComparison.Ordinal)), Is.EqualTo(1), string.Join(" | ", notes));
            Assert.That(notes.Count(note => note.Contains(" created (attempt 1", StringComparison.Ordinal) || note.Contains("adopted", StringComparison.Ordinal)), Is.EqualTo(1));
        }

        var logs = _store.GetLogs().Select(log => log.ShortMessage + " " + log.FullMessage).ToList();
        Assert.That(logs.Where(text => text.Contains(_opn.SecretKey) || text.Contains(_opn.WebhookSecret)), Is.Empty);
        Assert.That(_store.GetLogs().Where(log => log.LogLevel == Nop.Core.Domain.Logging.LogLevel.Error), Is.Empty);
    }
}
