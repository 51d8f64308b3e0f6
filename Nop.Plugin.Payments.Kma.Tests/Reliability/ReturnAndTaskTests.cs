using Nop.Core.Domain.Logging;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Plugin.Payments.Kma.Tests.TestSupport;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Reliability;

/// <summary>
/// The return URL under wrong, foreign, missing, hostile and replayed parameters, and the reconciliation task and the
/// admin-cancel consumer when Opn is down, when a charge expired at Opn, and when money arrives after a local cancel
/// </summary>
public class ReturnAndTaskTests : ReliabilityFixture
{
    private const string Home = "route:Homepage";

    private async Task<(Order Order, string ChargeId, string Token)> CheckedOutOrderAsync(DateTime? createdOnUtc = null)
    {
        var order = Store.AddOrder(createdOnUtc: createdOnUtc);
        await Store.CheckoutAsync(order.Id);
        order = Store.Order(order.Id);
        return (order, order.AuthorizationTransactionId, Store.TokenOf(order.Id));
    }

    #region Return URL

    [Test]
    public async Task Return_with_a_wrong_token_reveals_nothing_and_asks_Opn_nothing()
    {
        var (order, chargeId, token) = await CheckedOutOrderAsync();
        Store.Opn.CompleteCharge(chargeId);
        Store.OpnCalls.Reset();

        var wrong = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        Assert.That(await Store.ReturnAsync(order.OrderGuid.ToString(), wrong), Is.EqualTo(Home));
        Assert.That(await Store.ReturnAsync(Guid.NewGuid().ToString(), token), Is.EqualTo(Home), "an unknown order looks the same");

        Assert.That(Store.OpnCalls.Total, Is.Zero);
        Assert.That(Store.Order(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
    }

    [Test]
    public async Task Return_with_another_orders_guid_and_this_orders_token_reveals_nothing()
    {
        var (mine, _, myToken) = await CheckedOutOrderAsync();
        var (theirs, theirCharge, _) = await CheckedOutOrderAsync();
        Store.Opn.CompleteCharge(theirCharge);
        Store.OpnCalls.Reset();

        Assert.That(await Store.ReturnAsync(theirs.OrderGuid.ToString(), myToken), Is.EqualTo(Home));
        Assert.That(Store.OpnCalls.Total, Is.Zero);
        Assert.That(Store.Order(theirs.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(Store.Order(mine.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
    }

    [TestCase(null, "token")]
    [TestCase("guid", null)]
    [TestCase(null, null)]
    [TestCase("", "")]
    [TestCase("not-a-guid", "token")]
    public async Task Return_with_missing_or_malformed_parameters_goes_home(string orderGuid, string token)
    {
        var (order, _, realToken) = await CheckedOutOrderAsync();
        orderGuid = orderGuid == "guid" ? order.OrderGuid.ToString() : orderGuid;
        token = token == "token" ? realToken : token;
        Store.OpnCalls.Reset();

        Assert.That(await Store.ReturnAsync(orderGuid, token), Is.EqualTo(Home));
        Assert.That(Store.OpnCalls.Total, Is.Zero);
    }

    [TestCase("<script>alert(1)</script>")]
    [TestCase("\"><img src=x onerror=alert(1)>")]
    [TestCase("'; DROP TABLE [Order]; --")]
    [TestCase("%0d%0aSet-Cookie:%20x=1")]
    public async Task Return_with_script_payloads_goes_home_and_writes_the_payload_nowhere(string payload)
    {
        var (order, _, token) = await CheckedOutOrderAsync();

        Assert.That(await Store.ReturnAsync(payload, token), Is.EqualTo(Home));
        Assert.That(await Store.ReturnAsync(order.OrderGuid.ToString(), payload), Is.EqualTo(Home));

        var written = Store.Logger.Entries.Select(entry => entry.ToString()).Concat(Store.Orders.Notes.Select(note => note.Note)).Concat(Store.Answers);
        Assert.That(written.Where(text => text.Contains(payload, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task Return_replayed_after_the_order_was_paid_changes_nothing()
    {
        var (order, chargeId, token) = await CheckedOutOrderAsync();
        Store.Opn.CompleteCharge(chargeId);
        Assert.That(await Store.ReturnAsync(order.OrderGuid.ToString(), token), Is.EqualTo("route:CheckoutCompleted"));
        var notes = Store.Notes(order.Id).Count;

        for (var i = 0; i < 3; i++)
            Assert.That(await Store.ReturnAsync(order.OrderGuid.ToString(), token), Is.EqualTo("route:CheckoutCompleted"));

        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.EqualTo(1));
        Assert.That(Store.Notes(order.Id), Has.Count.EqualTo(notes));
    }

    [Test]
    public async Task Return_after_a_failed_payment_shows_the_reason_and_the_order_stays_payable()
    {
        var (order, chargeId, token) = await CheckedOutOrderAsync();
        Store.Opn.FailCharge(chargeId, "insufficient_fund");

        Assert.That(await Store.ReturnAsync(order.OrderGuid.ToString(), token), Is.EqualTo("route:OrderDetails"));
        Assert.That(Store.Answers, Has.Some.StartsWith("Plugins.Payments.Kma.Failure.insufficient_fund"));
        var stored = Store.Order(order.Id);
        Assert.That(stored.PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(stored.OrderStatus, Is.EqualTo(OrderStatus.Pending));
        Assert.That(Store.NoteCount(order.Id, "failed: insufficient_fund"), Is.EqualTo(1));
    }

    #endregion

    #region Reconciliation task and admin cancel

    [TestCase(FaultKind.Status, 503)]
    [TestCase(FaultKind.DropConnection, 0)]
    [TestCase(FaultKind.Latency, 0)]
    public async Task Opn_down_during_reconciliation_cancels_nothing(FaultKind kind, int status)
    {
        var (order, chargeId, _) = await CheckedOutOrderAsync(DateTime.UtcNow.AddHours(-2));
        Store.Opn.ExpireCharge(chargeId);
        Store.Opn.AddFault(new FaultRule { Kind = kind, Status = status, Delay = TimeSpan.FromMilliseconds(1500) });
        var task = Store.CreateTask();
        task.ExpiryGrace = TimeSpan.FromMinutes(-60);
        task.MaxUnavailablePerStore = 1;
        var cancels = Store.Processing.CancelCalls;

        await task.ExecuteAsync();

        var stored = Store.Order(order.Id);
        Assert.That(stored.OrderStatus, Is.EqualTo(OrderStatus.Pending), "an API error is never taken as an expiry");
        Assert.That(stored.PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(Store.Processing.CancelCalls, Is.EqualTo(cancels));
        Assert.That(Store.Logger.Has(LogLevel.Information, "skipped because Opn was unavailable"), Is.True);
        Assert.That(Store.Attribute(order.Id, KmaDefaults.OrderAttributes.ReconciledChargeId), Is.Null, "it is looked at again next run");

        Store.Opn.ClearFaults();
        await Store.CreateTask().ExecuteAsync();
        Assert.That(Store.Order(order.Id).OrderStatus, Is.EqualTo(OrderStatus.Cancelled), "once Opn answers, the expiry is applied");
    }

    [Test]
    public async Task Charge_that_expired_at_Opn_is_applied_by_the_task_once()
    {
        var (order, chargeId, _) = await CheckedOutOrderAsync(DateTime.UtcNow.AddHours(-1));
        Store.Opn.AdvanceClock(TimeSpan.FromMinutes(16));
        Store.Opn.ExpireDueCharges();
        Assert.That(Store.Opn.GetChargeStatus(chargeId), Is.EqualTo("expired"));

        await Store.CreateTask().ExecuteAsync();
        await Store.CreateTask().ExecuteAsync();

        Assert.That(Store.Order(order.Id).OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
        Assert.That(Store.NoteCount(order.Id, "expired. The order is cancelled"), Is.EqualTo(1));
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.Zero);
    }

    [Test]
    public async Task Charge_still_pending_past_its_expiry_is_expired_at_Opn_by_the_task_and_not_when_expire_fails()
    {
        var (order, chargeId, _) = await CheckedOutOrderAsync(DateTime.UtcNow.AddHours(-1));
        var task = Store.CreateTask();
        task.ExpiryGrace = TimeSpan.FromMinutes(-60);
        Store.Opn.AddFault(new FaultRule { Kind = FaultKind.Status, Method = "POST", Path = "/charges/*/expire", Status = 503 });

        await task.ExecuteAsync();
        Assert.That(Store.Opn.GetChargeStatus(chargeId), Is.EqualTo("pending"));
        Assert.That(Store.Order(order.Id).OrderStatus, Is.EqualTo(OrderStatus.Pending));

        Store.Opn.ClearFaults();
        await task.ExecuteAsync();
        Assert.That(Store.Opn.GetChargeStatus(chargeId), Is.EqualTo("expired"));
        Assert.That(Store.Order(order.Id).OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
    }

    [Test]
    public async Task Late_success_after_a_local_cancel_is_never_applied_but_alerted()
    {
        var (order, chargeId, _) = await CheckedOutOrderAsync();
        //the admin cancels while Opn refuses to expire the charge: the shopper can still pay it
        Store.Opn.AddFault(new FaultRule { Kind = FaultKind.Status, Method = "POST", Path = "/charges/*/expire", Status = 503 });
        var cancelled = Store.Order(order.Id);
        await Store.Processing.CancelOrderAsync(cancelled, false);
        await Store.CreateOrderEventConsumer().HandleEventAsync(new OrderStatusChangedEvent(Store.Order(order.Id), OrderStatus.Pending));
        Assert.That(Store.NoteCount(order.Id, "could not be expired at Opn; it might still be paid"), Is.EqualTo(1));
        Store.Opn.ClearFaults();

        Store.Opn.CompleteCharge(chargeId);
        var (status, text) = await Store.PostWebhookAsync(Store.EventFor(chargeId));
        await Store.CreateTask().ExecuteAsync();

        Assert.That((int)status, Is.EqualTo(200));
        Assert.That(text, Is.EqualTo(nameof(KmaSyncOutcome.NotApplied)));
        var stored = Store.Order(order.Id);
        Assert.That(stored.OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
        Assert.That(stored.PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.Zero);
        Assert.That(Store.NoteCount(order.Id, KmaDefaults.AlertNotePrefix), Is.EqualTo(1), "one alert, however many deliveries");
        Assert.That(Store.Logger.Has(LogLevel.Warning, "Money arrived"), Is.True);
    }

    [Test]
    public async Task Admin_cancel_expires_the_pending_charge_so_it_cannot_be_paid()
    {
        var (order, chargeId, _) = await CheckedOutOrderAsync();
        await Store.Processing.CancelOrderAsync(Store.Order(order.Id), false);

        await Store.CreateOrderEventConsumer().HandleEventAsync(new OrderStatusChangedEvent(Store.Order(order.Id), OrderStatus.Pending));

        Assert.That(Store.Opn.GetChargeStatus(chargeId), Is.EqualTo("expired"));
        Assert.That(Store.Opn.CompleteCharge(chargeId), Is.False, "Opn refuses to complete an expired charge");
        Assert.That(Store.NoteCount(order.Id, "was expired at Opn"), Is.EqualTo(1));
    }

    #endregion
}
