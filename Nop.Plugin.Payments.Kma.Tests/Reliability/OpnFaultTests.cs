using Nop.Core.Domain.Logging;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Tests.TestSupport;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Reliability;

/// <summary>
/// Opn misbehaves (the emulator's fault injection) on create, retrieve and expire: the order stays payable, nothing is
/// guessed, and one order never gets two live charges
/// </summary>
public class OpnFaultTests : ReliabilityFixture
{
    private const string CreatePath = "/charges";
    private const string ChargePath = "/charges/*";
    private const string ExpirePath = "/charges/*/expire";

    private string OrderDetails(int orderId) => ReliabilityStore.Store1Url + "orderdetails/" + orderId;

    private FaultRule Fault(FaultKind kind, string method, string path, int status = 500, int? count = null, int delayMs = 0) =>
        Store.Opn.AddFault(new FaultRule { Kind = kind, Method = method, Path = path, Status = status, Count = count, Delay = TimeSpan.FromMilliseconds(delayMs) });

    private string AuthorizeUriOf(string chargeId) =>
        Newtonsoft.Json.Linq.JObject.Parse(Store.Opn.GetChargeJson(chargeId))["authorize_uri"]!.ToString();

    /// <summary>A paid order through the happy path after the fault: one charge, paid once</summary>
    private async Task PayAndReturnAsync(Order order)
    {
        order = Store.Order(order.Id);
        Assert.That(Store.Opn.CompleteCharge(order.AuthorizationTransactionId), Is.True);
        var answer = await Store.ReturnAsync(order.OrderGuid.ToString(), Store.TokenOf(order.Id));
        Assert.That(answer, Is.EqualTo("route:CheckoutCompleted"));
        Assert.That(Store.Order(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.EqualTo(1));
    }

    #region Create

    [TestCase(500)]
    [TestCase(503)]
    [TestCase(429)]
    public async Task Create_answers_an_error_status_the_order_stays_payable_and_a_retry_makes_one_charge(int status)
    {
        var order = Store.AddOrder();
        Fault(FaultKind.Status, "POST", CreatePath, status);

        var location = await Store.CheckoutAsync(order.Id);

        Assert.That(location, Is.EqualTo(OrderDetails(order.Id)), "the shopper lands on the order page, never an error page");
        var stored = Store.Order(order.Id);
        Assert.That(stored.PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(stored.OrderStatus, Is.EqualTo(OrderStatus.Pending));
        Assert.That(stored.AuthorizationTransactionId, Is.Null);
        Assert.That(Store.ChargesAtOpn(order), Is.Empty);
        Assert.That(Store.OpnCalls.Count("POST", CreatePath), Is.EqualTo(1), "a create is never retried blindly");
        Assert.That(Store.NoteCount(order.Id, "stays payable"), Is.EqualTo(1));
        Assert.That(Store.Logger.Has(LogLevel.Warning, $"order #{order.Id}"), Is.True);

        //"Complete payment" once Opn is back: exactly one charge
        Store.Opn.ClearFaults();
        location = await Store.CheckoutAsync(order.Id);
        Assert.That(Store.ChargesAtOpn(order), Has.Count.EqualTo(1));
        Assert.That(location, Is.EqualTo(AuthorizeUriOf(Store.Order(order.Id).AuthorizationTransactionId)));
        await PayAndReturnAsync(order);
    }

    [Test]
    public async Task Create_times_out_before_Opn_handles_it_no_charge_and_the_retry_makes_one()
    {
        var order = Store.AddOrder();
        Fault(FaultKind.Latency, "POST", CreatePath, delayMs: 1500, count: 1);

        var location = await Store.CheckoutAsync(order.Id);

        Assert.That(location, Is.EqualTo(OrderDetails(order.Id)));
        Assert.That(Store.Order(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(Store.NoteCount(order.Id, "no clear answer"), Is.EqualTo(1), "a timeout is ambiguous: the order's charges are searched, none is found");
        Assert.That(Store.ChargesAtOpn(order), Is.Empty);

        await Store.CheckoutAsync(order.Id);
        Assert.That(Store.ChargesAtOpn(order), Has.Count.EqualTo(1));
        await PayAndReturnAsync(order);
    }

    [Test]
    public async Task Create_connection_dropped_no_charge_and_the_retry_makes_one()
    {
        var order = Store.AddOrder();
        Fault(FaultKind.DropConnection, "POST", CreatePath, count: 1);

        var location = await Store.CheckoutAsync(order.Id);

        Assert.That(location, Is.EqualTo(OrderDetails(order.Id)));
        Assert.That(Store.ChargesAtOpn(order), Is.Empty);
        Assert.That(Store.Order(order.Id).AuthorizationTransactionId, Is.Null);

        await Store.CheckoutAsync(order.Id);
        Assert.That(Store.ChargesAtOpn(order), Has.Count.EqualTo(1));
        await PayAndReturnAsync(order);
    }

    [Test]
    public async Task Create_answered_with_malformed_json_the_charge_Opn_made_is_found_and_adopted()
    {
        var order = Store.AddOrder();
        Fault(FaultKind.MalformedJson, "POST", CreatePath, count: 1);

        var location = await Store.CheckoutAsync(order.Id);

        var charges = Store.ChargesAtOpn(order);
        Assert.That(charges, Has.Count.EqualTo(1), "Opn made the charge; the plugin must not make a second one");
        Assert.That(Store.Order(order.Id).AuthorizationTransactionId, Is.EqualTo(charges[0]));
        Assert.That(location, Is.EqualTo(AuthorizeUriOf(charges[0])));
        Assert.That(Store.NoteCount(order.Id, "adopted"), Is.EqualTo(1));
        await PayAndReturnAsync(order);
    }

    [Test]
    public async Task Create_is_slow_but_within_the_timeout_one_charge_one_call()
    {
        var order = Store.AddOrder();
        Fault(FaultKind.Latency, "POST", CreatePath, delayMs: 300);

        var location = await Store.CheckoutAsync(order.Id);

        Assert.That(Store.ChargesAtOpn(order), Has.Count.EqualTo(1));
        Assert.That(location, Is.EqualTo(AuthorizeUriOf(Store.Order(order.Id).AuthorizationTransactionId)));
        Assert.That(Store.OpnCalls.Count("POST", CreatePath), Is.EqualTo(1));
        Assert.That(Store.OpnCalls.Total, Is.EqualTo(1), "exactly one Opn call for a first checkout");
    }

    [Test]
    public async Task Ambiguous_create_Opn_made_the_charge_but_the_answer_was_lost_no_second_charge()
    {
        var order = Store.AddOrder();
        Fault(FaultKind.AmbiguousCreate, "POST", CreatePath, count: 1, delayMs: 50);

        await Store.CheckoutAsync(order.Id);
        //the shopper presses "Complete payment" again, twice
        await Store.CheckoutAsync(order.Id);
        var location = await Store.CheckoutAsync(order.Id);

        var charges = Store.ChargesAtOpn(order);
        Assert.That(charges, Has.Count.EqualTo(1), "one order, one charge");
        Assert.That(Store.Order(order.Id).AuthorizationTransactionId, Is.EqualTo(charges[0]));
        Assert.That(location, Is.EqualTo(AuthorizeUriOf(charges[0])));
        //on a loaded machine the client may give up before the emulator took the call: then no charge exists and
        //"Complete payment" creates it; either way there is never a second charge
        Assert.That(Store.OpnCalls.Count("POST", CreatePath), Is.InRange(1, 2));
        await PayAndReturnAsync(order);
    }

    #endregion

    #region Retrieve

    [TestCase(FaultKind.Status, 500)]
    [TestCase(FaultKind.Status, 503)]
    [TestCase(FaultKind.Status, 429)]
    [TestCase(FaultKind.DropConnection, 0)]
    [TestCase(FaultKind.MalformedJson, 0)]
    [TestCase(FaultKind.Latency, 0)]
    public async Task Retrieve_keeps_failing_on_return_the_shopper_waits_and_nothing_changes(FaultKind kind, int status)
    {
        var order = Store.AddOrder();
        await Store.CheckoutAsync(order.Id);
        var chargeId = Store.Order(order.Id).AuthorizationTransactionId;
        Store.Opn.CompleteCharge(chargeId);
        Store.OpnCalls.Reset();
        Fault(kind, "GET", ChargePath, status, delayMs: kind == FaultKind.Latency ? 1500 : 0);

        var answer = await Store.ReturnAsync(order.OrderGuid.ToString(), Store.TokenOf(order.Id));

        Assert.That(answer, Is.EqualTo("route:" + KmaDefaults.Checkout.WaitingRouteName), "the waiting page polls until Opn answers");
        Assert.That(Store.Order(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Pending), "money is never guessed");
        Assert.That(Store.Notes(order.Id).Where(note => note.Contains("failed") || note.Contains("expired")), Is.Empty);
        Assert.That(Store.Logger.Has(LogLevel.Warning, $"charge {chargeId} could not be fetched"), Is.True);
        //an unreadable answer is not retried (the call may have been handled); the others are, up to MaxAttempts
        Assert.That(Store.OpnCalls.Count("GET", "/charges/{id}"), Is.EqualTo(kind == FaultKind.MalformedJson ? 1 : Store.ClientOptions.MaxAttempts));

        Store.Opn.ClearFaults();
        Assert.That(await Store.ReturnAsync(order.OrderGuid.ToString(), Store.TokenOf(order.Id)), Is.EqualTo("route:CheckoutCompleted"));
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task Retrieve_fails_once_the_client_retries_and_the_return_completes()
    {
        var order = Store.AddOrder();
        await Store.CheckoutAsync(order.Id);
        Store.Opn.CompleteCharge(Store.Order(order.Id).AuthorizationTransactionId);
        Store.OpnCalls.Reset();
        Fault(FaultKind.Status, "GET", ChargePath, 503, count: 1);

        var answer = await Store.ReturnAsync(order.OrderGuid.ToString(), Store.TokenOf(order.Id));

        Assert.That(answer, Is.EqualTo("route:CheckoutCompleted"));
        Assert.That(Store.OpnCalls.Count("GET", "/charges/{id}"), Is.EqualTo(2));
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task Retrieve_is_slow_but_within_the_timeout_the_webhook_applies_the_charge()
    {
        var order = Store.AddOrder();
        await Store.CheckoutAsync(order.Id);
        var chargeId = Store.Order(order.Id).AuthorizationTransactionId;
        Store.Opn.CompleteCharge(chargeId);
        Fault(FaultKind.Latency, "GET", ChargePath, delayMs: 300);

        var (status, text) = await Store.PostWebhookAsync(Store.EventFor(chargeId));

        Assert.That((int)status, Is.EqualTo(200));
        Assert.That(text, Is.EqualTo("Paid"));
        Assert.That(Store.Order(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
    }

    #endregion

    #region Expire

    [TestCase(500)]
    [TestCase(503)]
    [TestCase(429)]
    public async Task Expire_fails_when_a_new_attempt_needs_it_no_second_live_charge(int status)
    {
        var order = Store.AddOrder();
        await Store.CheckoutAsync(order.Id, ReliabilityStore.IphoneUserAgent);
        var first = Store.Order(order.Id).AuthorizationTransactionId;
        Fault(FaultKind.Status, "POST", ExpirePath, status);

        //on a desktop the phone charge cannot be reused: it must be expired before another is made
        var location = await Store.CheckoutAsync(order.Id, ReliabilityStore.DesktopUserAgent);

        Assert.That(location, Is.EqualTo(OrderDetails(order.Id)));
        Assert.That(Store.ChargesAtOpn(order), Is.EqualTo(new[] { first }), "no new charge while the old one may still be paid");
        Assert.That(Store.Opn.GetChargeStatus(first), Is.EqualTo("pending"));
        Assert.That(Store.Order(order.Id).AuthorizationTransactionId, Is.EqualTo(first));
        Assert.That(Store.NoteCount(order.Id, "could not be expired"), Is.EqualTo(1));

        Store.Opn.ClearFaults();
        await Store.CheckoutAsync(order.Id, ReliabilityStore.DesktopUserAgent);
        Assert.That(Store.ChargesAtOpn(order), Has.Count.EqualTo(2));
        Assert.That(Store.Opn.GetChargeStatus(first), Is.EqualTo("expired"));
        await PayAndReturnAsync(order);
    }

    #endregion
}
