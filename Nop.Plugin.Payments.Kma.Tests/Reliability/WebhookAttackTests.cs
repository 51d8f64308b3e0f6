using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;
using Nop.Core.Domain.Logging;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Plugin.Payments.Kma.Tests.TestSupport;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Reliability;

/// <summary>
/// The webhook endpoint under forged, replayed, duplicated, reordered, mismatched and malformed deliveries, over
/// loopback HTTP. The body is only ever a hint: the charge is re-fetched with the order's store keys
/// </summary>
public class WebhookAttackTests : ReliabilityFixture
{
    #region Utilities

    /// <summary>A checked-out order whose charge Opn holds (pending), returned fresh</summary>
    private async Task<(Order Order, string ChargeId)> CheckedOutOrderAsync(int storeId = 1)
    {
        var order = Store.AddOrder(storeId);
        await Store.CheckoutAsync(order.Id);
        order = Store.Order(order.Id);
        Assert.That(order.AuthorizationTransactionId, Does.StartWith("chrg_"));
        return (order, order.AuthorizationTransactionId);
    }

    /// <summary>A charge made straight at Opn (not by the plugin) naming the order in its metadata</summary>
    private async Task<string> ChargeMadeElsewhereAsync(EmulatorHost opn, Order order, long amount, string sourceType = "mobile_banking_bay")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(opn.BaseAddress, "charges"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["amount"] = amount.ToString(),
                ["currency"] = "THB",
                ["source[type]"] = sourceType,
                ["source[platform_type]"] = "IOS",
                ["return_uri"] = "https://elsewhere.example/",
                ["metadata[order_guid]"] = order.OrderGuid.ToString(),
                ["metadata[order_id]"] = order.Id.ToString()
            })
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(opn.SecretKey + ":")));
        using var response = await Store.Http.SendAsync(request);
        var json = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, "the emulator refused the charge");
        return JObject.Parse(json)["id"]!.ToString();
    }

    private static string WithField(string json, string field, JToken value)
    {
        var charge = JObject.Parse(json);
        charge[field] = value;
        return charge.ToString(Newtonsoft.Json.Formatting.None);
    }

    private void AssertUntouched(int orderId)
    {
        var order = Store.Order(orderId);
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(order.OrderStatus, Is.EqualTo(OrderStatus.Pending));
        Assert.That(Store.Processing.MarkPaidCount(orderId), Is.Zero);
    }

    #endregion

    #region Signature and timestamps

    [Test]
    public async Task Forged_signature_is_refused_with_401_before_Opn_is_asked()
    {
        var (order, chargeId) = await CheckedOutOrderAsync();
        Store.Opn.CompleteCharge(chargeId);
        Store.OpnCalls.Reset();

        var (status, _) = await Store.PostWebhookAsync(Store.EventFor(chargeId), signature: new string('a', 64));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        AssertUntouched(order.Id);
        Assert.That(Store.OpnCalls.Total, Is.Zero);
        Assert.That(Store.Logger.Has(LogLevel.Warning, $"webhook charge.complete for charge {chargeId} (order #{order.Id}, store #1) rejected"), Is.True);
    }

    [TestCase(-60, Description = "stale: signed an hour ago")]
    [TestCase(60, Description = "from the future: signed an hour ahead")]
    public async Task Timestamp_outside_the_tolerance_is_refused_with_401(int minutes)
    {
        var (order, chargeId) = await CheckedOutOrderAsync();
        Store.Opn.CompleteCharge(chargeId);

        var (status, _) = await Store.PostWebhookAsync(Store.EventFor(chargeId), signedAt: DateTimeOffset.UtcNow.AddMinutes(minutes));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        AssertUntouched(order.Id);
        Assert.That(Store.Logger.Has(LogLevel.Warning, minutes < 0 ? "signature Stale" : "signature FromTheFuture"), Is.True);
    }

    [Test]
    public async Task Replay_of_a_valid_delivery_captured_earlier_is_refused_and_a_fresh_replay_changes_nothing()
    {
        var (order, chargeId) = await CheckedOutOrderAsync();
        Store.Opn.CompleteCharge(chargeId);
        var body = Store.EventFor(chargeId);
        var signedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var captured = TestSupport.ReliabilityStore.EventBody(Store.Opn.GetChargeJson(chargeId));

        Assert.That((await Store.PostWebhookAsync(body)).Status, Is.EqualTo(HttpStatusCode.OK));
        var notes = Store.Notes(order.Id).Count;

        //the same delivery ten minutes later: refused by its timestamp
        Assert.That((await Store.PostWebhookAsync(captured, signedAt: signedAt)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        //replayed within the tolerance: harmless
        var (status, text) = await Store.PostWebhookAsync(body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Is.EqualTo("Paid"));
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.EqualTo(1));
        Assert.That(Store.Notes(order.Id), Has.Count.EqualTo(notes), "a replay adds no note");
    }

    #endregion

    #region Duplicates and order of events

    [Test]
    public async Task Twenty_concurrent_duplicate_deliveries_pay_the_order_once()
    {
        Store.EnableWebhooks();
        Store.Opn.AddFault(new FaultRule { Kind = FaultKind.DuplicateDelivery, EventKey = "charge.complete", Copies = 20 });
        var (order, chargeId) = await CheckedOutOrderAsync();

        Store.Opn.CompleteCharge(chargeId);
        var delivered = await Store.Opn.WaitForDeliveriesAsync(delivery => delivery.ChargeId == chargeId && delivery.EventKey == "charge.complete" && delivery.Succeeded,
            count: 20, timeout: TimeSpan.FromSeconds(30));

        Assert.That(delivered.Select(delivery => delivery.Copy).Distinct().Count(), Is.EqualTo(20), "every copy was finally acknowledged");
        Assert.That(Store.Order(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.EqualTo(1));
        Assert.That(Store.NoteCount(order.Id, "the order is paid"), Is.EqualTo(1));
        Assert.That(Store.Opn.Deliveries.Where(delivery => delivery.ChargeId == chargeId).Select(delivery => delivery.StatusCode),
            Is.All.EqualTo(200).Or.EqualTo(503), "a copy that loses the lock race asks Opn to deliver it again");
    }

    [Test]
    public async Task Duplicate_charge_complete_for_the_charge_that_paid_the_order_costs_no_Opn_call()
    {
        var (order, chargeId) = await CheckedOutOrderAsync();
        Store.Opn.CompleteCharge(chargeId);
        var body = Store.EventFor(chargeId);
        Store.OpnCalls.Reset();
        Assert.That((await Store.PostWebhookAsync(body)).Text, Is.EqualTo("Paid"));
        Assert.That(Store.OpnCalls.Total, Is.EqualTo(1), "the first delivery re-fetches the charge");
        Store.OpnCalls.Reset();

        var (status, text) = await Store.PostWebhookAsync(body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Is.EqualTo("Paid"));
        Assert.That(Store.OpnCalls.Total, Is.Zero, "the order is already paid by this very charge");
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.EqualTo(1));
    }

    [TestCase("charge.update")]
    [TestCase("charge.expire")]
    public async Task Other_events_about_the_charge_that_paid_the_order_are_still_checked_with_Opn(string key)
    {
        var (order, chargeId) = await CheckedOutOrderAsync();
        Store.Opn.CompleteCharge(chargeId);
        Assert.That((await Store.PostWebhookAsync(Store.EventFor(chargeId))).Text, Is.EqualTo("Paid"));
        Store.OpnCalls.Reset();

        var (status, _) = await Store.PostWebhookAsync(Store.EventFor(chargeId, key));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Store.OpnCalls.Count("GET", "/charges/{id}"), Is.EqualTo(1));
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task Charge_complete_for_another_charge_of_a_paid_order_is_still_checked_with_Opn()
    {
        var (order, chargeId) = await CheckedOutOrderAsync();
        Store.Opn.CompleteCharge(chargeId);
        Assert.That((await Store.PostWebhookAsync(Store.EventFor(chargeId))).Text, Is.EqualTo("Paid"));
        var second = await ChargeMadeElsewhereAsync(Store.Opn, order, 150_000);
        Store.Opn.CompleteCharge(second);
        Store.OpnCalls.Reset();

        var (_, text) = await Store.PostWebhookAsync(Store.EventFor(second));

        Assert.That(Store.OpnCalls.Count("GET", "/charges/{id}"), Is.EqualTo(1));
        Assert.That(text, Is.EqualTo("NotApplied"), "money arrived twice: alerted, never applied");
        Assert.That(Store.NoteCount(order.Id, KmaDefaults.AlertNotePrefix), Is.EqualTo(1));
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task Events_delivered_out_of_order_end_with_the_charge_as_Opn_holds_it()
    {
        Store.EnableWebhooks();
        //charge.create is held back until charge.complete was delivered
        Store.Opn.AddFault(new FaultRule { Kind = FaultKind.OutOfOrderDelivery, EventKey = "charge.create" });
        var (order, chargeId) = await CheckedOutOrderAsync();

        Store.Opn.CompleteCharge(chargeId);
        await Store.Opn.WaitForDeliveriesAsync(delivery => delivery.ChargeId == chargeId && delivery.Succeeded, count: 2, timeout: TimeSpan.FromSeconds(30));

        var keys = Store.Opn.Deliveries.Where(delivery => delivery.ChargeId == chargeId && delivery.Succeeded).Select(delivery => delivery.EventKey).ToList();
        Assert.That(keys, Is.EqualTo(new[] { "charge.complete", "charge.create" }));
        Assert.That(Store.Order(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task A_failed_event_after_the_successful_one_does_not_touch_the_paid_order()
    {
        var (order, chargeId) = await CheckedOutOrderAsync();
        Store.Opn.CompleteCharge(chargeId);
        Assert.That((await Store.PostWebhookAsync(Store.EventFor(chargeId))).Text, Is.EqualTo("Paid"));

        var failedBody = TestSupport.ReliabilityStore.EventBody(WithField(WithField(Store.Opn.GetChargeJson(chargeId), "status", "failed"), "failure_code", "payment_rejected"));
        var (status, text) = await Store.PostWebhookAsync(failedBody);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Is.EqualTo("Paid"), "the charge is re-fetched: Opn says successful");
        var stored = Store.Order(order.Id);
        Assert.That(stored.PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(stored.OrderStatus, Is.Not.EqualTo(OrderStatus.Cancelled));
        Assert.That(Store.Attribute(order.Id, KmaDefaults.OrderAttributes.LastFailureCode), Is.Null);
        Assert.That(Store.NoteCount(order.Id, "failed"), Is.Zero);
    }

    [Test]
    public async Task A_complete_event_after_the_charge_expired_does_not_pay_the_order()
    {
        var (order, chargeId) = await CheckedOutOrderAsync();
        Store.Opn.ExpireCharge(chargeId);
        Assert.That((await Store.PostWebhookAsync(Store.EventFor(chargeId, "charge.expire"))).Text, Is.EqualTo("Expired"));
        Assert.That(Store.Order(order.Id).OrderStatus, Is.EqualTo(OrderStatus.Cancelled), "the store cancels on expiry");

        var lateComplete = TestSupport.ReliabilityStore.EventBody(WithField(WithField(Store.Opn.GetChargeJson(chargeId), "status", "successful"), "paid", true));
        var (status, _) = await Store.PostWebhookAsync(lateComplete);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.Zero);
        Assert.That(Store.Order(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(Store.NoteCount(order.Id, KmaDefaults.AlertNotePrefix), Is.Zero, "no money arrived: no alert");
    }

    #endregion

    #region Which charge, which store

    [Test]
    public async Task Unknown_charge_is_acknowledged_and_changes_nothing()
    {
        var (status, text) = await Store.PostWebhookAsync(TestSupport.ReliabilityStore.EventBody(
            "{\"object\":\"charge\",\"id\":\"chrg_test_nobodyknowsthis1\",\"status\":\"successful\",\"amount\":150000,\"currency\":\"THB\",\"metadata\":{}}"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Is.EqualTo("Unknown charge"));
        Assert.That(Store.OpnCalls.Total, Is.Zero);
        Assert.That(Store.Logger.Has(LogLevel.Information, "no KMA order knows this charge"), Is.True);
    }

    [Test]
    public async Task Another_stores_charge_pointed_at_this_stores_order_is_refetched_with_this_stores_keys_and_refused()
    {
        var order = Store.AddOrder(storeId: 1);
        await Store.CheckoutAsync(order.Id);
        //a successful charge in store 2's Opn account whose metadata names store 1's order
        var foreign = await ChargeMadeElsewhereAsync(Store.OtherOpn, order, 150_000);
        Store.OtherOpn.CompleteCharge(foreign);

        var (status, text) = await Store.PostWebhookAsync(Store.EventFor(foreign, opn: Store.OtherOpn));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Is.EqualTo("NotFound"), "store 1's Opn account does not know the charge");
        AssertUntouched(order.Id);
        Assert.That(Store.Logger.Has(LogLevel.Warning, $"Opn does not know charge {foreign} with the keys of store #1"), Is.True);
    }

    [Test]
    public async Task Delivery_signed_with_another_stores_secret_is_refused()
    {
        var (order, chargeId) = await CheckedOutOrderAsync(storeId: 1);
        Store.Opn.CompleteCharge(chargeId);

        var (status, _) = await Store.PostWebhookAsync(Store.EventFor(chargeId), secret: Store.OtherOpn.WebhookSecret);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        AssertUntouched(order.Id);
    }

    [Test]
    public async Task Each_stores_order_is_checked_with_its_own_keys_and_secret()
    {
        var (order, chargeId) = await CheckedOutOrderAsync(storeId: 2);
        Assert.That(Store.ChargesAtOpn(order, Store.OtherOpn), Has.Count.EqualTo(1), "store 2 charges through its own Opn account");
        Store.OtherOpn.CompleteCharge(chargeId);
        Store.OpnCalls.Reset();

        var (status, text) = await Store.PostWebhookAsync(Store.EventFor(chargeId, opn: Store.OtherOpn), secret: Store.OtherOpn.WebhookSecret);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Is.EqualTo("Paid"));
        Assert.That(Store.Processing.MarkPaidCount(order.Id), Is.EqualTo(1));
        Assert.That(Store.OpnCalls.Total, Is.EqualTo(1), "one re-fetch, with store 2's keys");
    }

    #endregion

    #region Mismatches

    [Test]
    public async Task Amount_mismatch_a_cheaper_charge_naming_the_order_is_refused_and_alerted()
    {
        var (order, _) = await CheckedOutOrderAsync();
        var cheap = await ChargeMadeElsewhereAsync(Store.Opn, order, 2_000);
        Store.Opn.CompleteCharge(cheap);

        var (status, text) = await Store.PostWebhookAsync(Store.EventFor(cheap));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Is.EqualTo("Mismatch"));
        AssertUntouched(order.Id);
        Assert.That(Store.NoteCount(order.Id, KmaDefaults.AlertNotePrefix), Is.EqualTo(1), "money arrived: the admin must see it");
        Assert.That(Store.NoteCount(order.Id, "its amount is 2000 satang but the order recorded 150000 satang"), Is.EqualTo(1));
        Assert.That(Store.Logger.Has(LogLevel.Warning, "was refused"), Is.True);
    }

    [TestCase("currency", "USD", "its currency is USD")]
    [TestCase("livemode", true, "it is a live charge but the store uses test keys")]
    public async Task Currency_or_livemode_that_Opn_reports_differently_is_refused(string field, object value, string reason)
    {
        var (order, chargeId) = await CheckedOutOrderAsync();
        Store.Opn.CompleteCharge(chargeId);
        Store.OpnCalls.Rewrite = (path, json) => path.EndsWith(chargeId, StringComparison.Ordinal) ? WithField(json, field, JToken.FromObject(value)) : json;

        var (status, text) = await Store.PostWebhookAsync(Store.EventFor(chargeId));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Is.EqualTo("Mismatch"));
        AssertUntouched(order.Id);
        Assert.That(Store.NoteCount(order.Id, reason), Is.EqualTo(1));
    }

    [Test]
    public async Task Event_for_a_non_KMA_charge_naming_the_order_is_refused()
    {
        var (order, _) = await CheckedOutOrderAsync();
        var scb = await ChargeMadeElsewhereAsync(Store.Opn, order, 150_000, "mobile_banking_scb");
        Store.Opn.CompleteCharge(scb);

        var (status, text) = await Store.PostWebhookAsync(Store.EventFor(scb));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Is.EqualTo("Mismatch"));
        AssertUntouched(order.Id);
        Assert.That(Store.NoteCount(order.Id, "its source type is mobile_banking_scb"), Is.EqualTo(1));
    }

    #endregion

    #region Malformed deliveries

    [Test]
    public async Task Oversized_body_is_refused_with_413_without_reading_it_all()
    {
        var body = Encoding.UTF8.GetBytes("{\"object\":\"event\",\"pad\":\"" + new string('x', 100 * 1024) + "\"}");

        var (status, _) = await Store.PostWebhookAsync(body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(Store.OpnCalls.Total, Is.Zero);
    }

    [TestCase("this is not json")]
    [TestCase("{\"object\":\"event\",\"data\":")]
    [TestCase("[1,2,3]")]
    public async Task Body_that_is_not_an_Opn_event_is_refused_with_400(string body)
    {
        var (status, _) = await Store.PostWebhookAsync(Encoding.UTF8.GetBytes(body));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Store.OpnCalls.Total, Is.Zero);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("application/json; charset=utf-16")]
    public async Task Unexpected_content_type_is_refused_with_415(string contentType)
    {
        var (order, chargeId) = await CheckedOutOrderAsync();
        Store.Opn.CompleteCharge(chargeId);

        var (status, _) = await Store.PostWebhookAsync(Store.EventFor(chargeId), contentType: contentType);

        Assert.That(status, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        AssertUntouched(order.Id);
    }

    [Test]
    public async Task Event_that_is_not_about_a_charge_is_acknowledged_and_ignored()
    {
        var body = Encoding.UTF8.GetBytes("{\"object\":\"event\",\"id\":\"evnt_test_cust\",\"key\":\"customer.create\",\"data\":{\"object\":\"customer\",\"id\":\"cust_test_1\"}}");

        var (status, text) = await Store.PostWebhookAsync(body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Is.EqualTo("Ignored"));
        Assert.That(Store.OpnCalls.Total, Is.Zero);
    }

    #endregion
}
