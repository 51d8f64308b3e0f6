using System.Collections.Concurrent;
using System.Net;
using Nop.Core.Domain.Logging;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;

namespace Nop.Plugin.Payments.Kma.Tests.Reliability;

/// <summary>
/// Many orders paid at once while their returns, duplicate webhooks (over loopback HTTP) and a reconciliation run
/// interleave: every order ends paid exactly once, nothing is lost, the notes are as expected. The plugin's real
/// services and controllers run against the emulator; orders, attributes and the lock are in-memory stand-ins with
/// nopCommerce's semantics (every read is a copy, the lock never waits)
/// </summary>
public class ConcurrencyTests : ReliabilityFixture
{
    private const int Orders = 200;
    private const int DuplicateWebhooks = 5;

    /// <summary>Opn delivers again after a 5xx; here right away, at most a bounded number of times</summary>
    private async Task<HttpStatusCode> DeliverUntilAcceptedAsync(byte[] body)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (status, _) = await Store.PostWebhookAsync(body);
            if (status != HttpStatusCode.ServiceUnavailable || attempt == 20)
                return status;
            await Task.Delay(Random.Shared.Next(5, 30));
        }
    }

    [Test]
    public async Task Two_hundred_orders_with_returns_duplicate_webhooks_and_reconciliation_interleaved_are_each_paid_once()
    {
        var created = DateTime.UtcNow.AddMinutes(-10);
        var orders = Enumerable.Range(0, Orders).Select(_ => Store.AddOrder(createdOnUtc: created)).ToList();
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (order, _) => await Store.CheckoutAsync(order.Id));

        var charges = orders.ToDictionary(order => order.Id, order => Store.Order(order.Id).AuthorizationTransactionId);
        Assert.That(charges.Values.Distinct().Count(), Is.EqualTo(Orders), "one charge per order");
        foreach (var chargeId in charges.Values)
            Store.Opn.CompleteCharge(chargeId);
        var bodies = charges.ToDictionary(pair => pair.Key, pair => Store.EventFor(pair.Value));
        var logBefore = Store.Logger.Entries.Count(entry => entry.Level == LogLevel.Error);

        var returns = new ConcurrentBag<string>();
        var webhookAnswers = new ConcurrentBag<HttpStatusCode>();
        var work = new List<Func<Task>>();
        foreach (var order in orders)
        {
            var token = Store.TokenOf(order.Id);
            work.Add(async () => returns.Add(await Store.ReturnAsync(order.OrderGuid.ToString(), token)));
            for (var copy = 0; copy < DuplicateWebhooks; copy++)
                work.Add(async () => webhookAnswers.Add(await DeliverUntilAcceptedAsync(bodies[order.Id])));
        }
        //a reconciliation run in the middle of it
        work.Insert(work.Count / 2, () => Store.CreateTask().ExecuteAsync());
        var shuffled = work.OrderBy(_ => Random.Shared.Next()).ToList();

        await Task.WhenAll(shuffled.Select(action => Task.Run(action)));

        Assert.That(webhookAnswers, Has.Count.EqualTo(Orders * DuplicateWebhooks));
        Assert.That(webhookAnswers, Is.All.EqualTo(HttpStatusCode.OK), "every delivery is finally acknowledged");
        Assert.That(returns, Is.All.EqualTo("route:CheckoutCompleted").Or.EqualTo("route:" + KmaDefaults.Checkout.WaitingRouteName),
            "a return that meets a busy order waits and polls; it never fails the shopper");
        foreach (var order in orders)
        {
            var stored = Store.Order(order.Id);
            Assert.That(stored.PaymentStatus, Is.EqualTo(PaymentStatus.Paid), $"order #{order.Id}");
            Assert.That(stored.OrderStatus, Is.EqualTo(OrderStatus.Processing));
            Assert.That(stored.AuthorizationTransactionId, Is.EqualTo(charges[order.Id]), "no lost update of the charge id");
            Assert.That(stored.CaptureTransactionId, Is.EqualTo(charges[order.Id]));
            Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.EqualTo(1), $"order #{order.Id} marked paid once");
            Assert.That(Store.NoteCount(order.Id, "the order is paid"), Is.EqualTo(1));
            Assert.That(Store.NoteCount(order.Id, "Order has been marked as paid"), Is.EqualTo(1));
            //created, or (when a create timed out on a busy machine) found at Opn and adopted: one charge either way
            Assert.That(Store.NoteCount(order.Id, "created (attempt 1") + Store.NoteCount(order.Id, "adopted"), Is.EqualTo(1), string.Join(" | ", Store.Notes(order.Id)));
            //nopCommerce's own status note comes with marking paid (Pending to Processing), once
            Assert.That(Store.NoteCount(order.Id, "Order status has been changed to Processing"), Is.EqualTo(1));
            Assert.That(Store.Notes(order.Id), Has.Count.EqualTo(4), string.Join(" | ", Store.Notes(order.Id)));
            Assert.That(Store.Attribute(order.Id, KmaDefaults.OrderAttributes.ChargeAmountSatang), Is.EqualTo("150000"));
        }
        Assert.That(Store.Logger.Entries.Count(entry => entry.Level == LogLevel.Error), Is.EqualTo(logBefore));
        Assert.That(Store.Escaped, Is.Empty);
        TestContext.Out.WriteLine($"lock refusals (retried): {Store.Locker.Refusals}; Opn calls: {string.Join(", ", Store.OpnCalls.Calls.Select(pair => $"{pair.Key}={pair.Value}"))}");
    }
}
