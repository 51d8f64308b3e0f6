using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Controllers;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Plugin.Payments.Kma.Tests.Emulator;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Sync;

/// <summary>
/// The plugin's webhook controller, sync service, task and consumer with the real Opn client against two OpnEmulators
/// (one Opn account per store). Webhooks travel over HTTP from the emulator to a local site that runs the controller
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class EmulatorSyncTests
{
    private const string Store2WebhookSecret = "c3RvcmUtdHdvLWVtdWxhdG9yLXdlYmhvb2stc2VjcmV0IQ==";

    private EmulatorHost _store1Opn;
    private EmulatorHost _store2Opn;
    private WebhookListener _site;
    private OpnClient _client;
    private SyncHarness _harness;

    private sealed class SimpleHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(OpnClient.CreatePrimaryHandler()) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static EmulatorOptions Options(string publicKey, string secretKey, string webhookSecret) => new()
    {
        PublicKey = publicKey,
        SecretKey = secretKey,
        WebhookSecret = webhookSecret,
        WebhookRetryDelays = new List<TimeSpan> { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(400) },
        WebhookTimeout = TimeSpan.FromSeconds(5)
    };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _store1Opn = await EmulatorHost.StartAsync(Options(EmulatorOptions.DefaultPublicKey, EmulatorOptions.DefaultSecretKey, EmulatorOptions.DefaultWebhookSecret));
        _store2Opn = await EmulatorHost.StartAsync(Options("pkey_test_5kmastoretwo", "skey_test_5kmastoretwo", Store2WebhookSecret));
        _site = await WebhookListener.StartAsync("/Plugins/PaymentKma/Webhook");
        _site.Responder = DeliverToPluginAsync;
        _client = new OpnClient(new SimpleHttpClientFactory(), new OpnClientOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(50) });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _site.DisposeAsync();
        await _store1Opn.DisposeAsync();
        await _store2Opn.DisposeAsync();
    }

    [SetUp]
    public void SetUp()
    {
        _store1Opn.Reset();
        _store2Opn.Reset();
        _harness = new SyncHarness();
        _harness.Settings[1] = StoreSettings(_store1Opn);
        _harness.Settings[2] = StoreSettings(_store2Opn);
    }

    #region Utilities

    private static KmaPaymentSettings StoreSettings(EmulatorHost opn) => new()
    {
        PublicKey = opn.PublicKey,
        SecretKey = opn.SecretKey,
        WebhookSecret = opn.WebhookSecret,
        ApiBaseUrl = opn.BaseAddress.ToString(),
        CancelOrderOnExpiredCharge = true
    };

    private static OpnCredentials Credentials(EmulatorHost opn) => new(opn.PublicKey, opn.SecretKey, opn.BaseAddress.ToString());

    private EmulatorHost OpnOf(int storeId) => storeId == 2 ? _store2Opn : _store1Opn;

    private KmaPaymentSyncService Service() => _harness.CreateService(opnClient: _client);

    /// <summary>
    /// One web request to the plugin's webhook endpoint: a new controller and service, the shared "database" and lock
    /// </summary>
    private async Task<int> DeliverToPluginAsync(ReceivedWebhook received)
    {
        var harness = _harness;
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = received.ContentType;
        context.Request.ContentLength = received.Body.Length;
        context.Request.Body = new MemoryStream(received.Body);
        context.Request.Headers["Omise-Signature"] = received.Signature;
        context.Request.Headers["Omise-Signature-Timestamp"] = received.Timestamp;

        var controller = new PaymentKmaWebhookController(harness.Attributes, harness.CreateService(opnClient: _client), harness.Logger.Object,
            harness.Orders, harness.SettingService.Object, new WebhookSignatureVerifier())
        {
            ControllerContext = new ControllerContext { HttpContext = context }
        };

        var result = await controller.Webhook();
        return result is ContentResult content ? content.StatusCode ?? 200 : 500;
    }

    /// <summary>
    /// A placed order with its charge created at its store's Opn, as checkout leaves it
    /// </summary>
    private async Task<(Order Order, OpnCharge Charge)> PlaceOrderAsync(int orderId, int storeId = 1, long orderSatang = 150_000,
        long? chargeSatang = null, bool withWebhook = true)
    {
        var order = _harness.AddOrder(orderId, null, orderSatang, storeId);
        var charge = await CreateChargeAsync(order, chargeSatang ?? orderSatang, withWebhook);
        order.AuthorizationTransactionId = charge.Id;
        _harness.Orders.Save(order);
        return (order, charge);
    }

    private async Task<OpnCharge> CreateChargeAsync(Order order, long amount, bool withWebhook = true)
    {
        var request = new CreateKmaChargeRequest { Amount = amount, ReturnUri = "https://shop.example/return", PlatformType = OpnPlatformTypes.Ios };
        request.Metadata["order_guid"] = order.OrderGuid.ToString();
        request.Metadata["order_id"] = order.Id.ToString();
        if (withWebhook)
            request.WebhookEndpoints.Add(_site.Url);

        return await _client.CreateChargeAsync(Credentials(OpnOf(order.StoreId)), request);
    }

    private Task WaitForAnsweredAsync(string chargeId, string eventKey, int answered = 200, int count = 1)
    {
        return _site.WaitForAsync(webhook => webhook.ChargeId == chargeId && webhook.EventKey == eventKey && webhook.AnsweredStatus == answered, count, 20);
    }

    #endregion

    [Test]
    public async Task WebhookBeforeReturnPaysTheOrderOnce()
    {
        var (order, charge) = await PlaceOrderAsync(1);

        Assert.That(_store1Opn.CompleteCharge(charge.Id), Is.True);
        await WaitForAnsweredAsync(charge.Id, OpnEventKeys.ChargeComplete);
        var returned = await Service().SyncAsync(order, null, KmaSyncOrigin.Return);

        Assert.That(returned.Outcome, Is.EqualTo(KmaSyncOutcome.Paid));
        Assert.That(returned.OrderChanged, Is.False);
        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
        Assert.That(_harness.Orders.Get(1).CaptureTransactionId, Is.EqualTo(charge.Id));
    }

    [Test]
    public async Task ReturnBeforeWebhookPaysTheOrderOnce()
    {
        var (order, charge) = await PlaceOrderAsync(1);
        _store1Opn.AddFault(new FaultRule { Kind = FaultKind.DelayedDelivery, EventKey = OpnEventKeys.ChargeComplete, Delay = TimeSpan.FromMilliseconds(500) });

        _store1Opn.CompleteCharge(charge.Id);
        var returned = await Service().SyncAsync(order, null, KmaSyncOrigin.Return);
        await WaitForAnsweredAsync(charge.Id, OpnEventKeys.ChargeComplete);

        Assert.That(returned.Outcome, Is.EqualTo(KmaSyncOutcome.Paid));
        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
        Assert.That(_harness.Orders.Get(1).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
    }

    [Test]
    public async Task TwentyConcurrentDuplicateWebhooksMarkThePaymentExactlyOnce()
    {
        var (_, charge) = await PlaceOrderAsync(1);
        //charge.create lands first, so that the payment is applied by the 20 copies and not by that earlier event
        await WaitForAnsweredAsync(charge.Id, OpnEventKeys.ChargeCreate);
        _store1Opn.AddFault(new FaultRule { Kind = FaultKind.DuplicateDelivery, EventKey = OpnEventKeys.ChargeComplete, Copies = 20 });

        _store1Opn.CompleteCharge(charge.Id);
        await _site.WaitForAsync(webhook => webhook.ChargeId == charge.Id && webhook.EventKey == OpnEventKeys.ChargeComplete, 20, 20);
        await WaitForAnsweredAsync(charge.Id, OpnEventKeys.ChargeComplete);

        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
        Assert.That(_harness.Orders.Get(1).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(_site.Received.Where(webhook => webhook.EventKey == OpnEventKeys.ChargeComplete).Select(webhook => webhook.AnsweredStatus),
            Is.All.EqualTo(200).Or.EqualTo(503));
    }

    [Test]
    public async Task OpnOutageAnswers503AndTheRetryPaysTheOrder()
    {
        var (_, charge) = await PlaceOrderAsync(1);
        await WaitForAnsweredAsync(charge.Id, OpnEventKeys.ChargeCreate);
        //the client retries GETs itself; enough failures to exhaust it once, then Opn recovers
        _store1Opn.AddFault(new FaultRule { Kind = FaultKind.Status, Status = 503, Method = "GET", Path = $"/charges/{charge.Id}", Count = 3 });

        _store1Opn.CompleteCharge(charge.Id);
        await WaitForAnsweredAsync(charge.Id, OpnEventKeys.ChargeComplete, 503);
        await WaitForAnsweredAsync(charge.Id, OpnEventKeys.ChargeComplete);

        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task AmountMismatchIsRefused()
    {
        var (order, charge) = await PlaceOrderAsync(1, orderSatang: 150_000, chargeSatang: 140_000);

        _store1Opn.CompleteCharge(charge.Id);
        await WaitForAnsweredAsync(charge.Id, OpnEventKeys.ChargeComplete);

        Assert.That(_harness.MarkPaidCalls, Is.Zero);
        Assert.That(_harness.Orders.Get(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(_harness.NoteCount(order.Id, "140000 satang but the order recorded 150000"), Is.EqualTo(1));
    }

    [Test]
    public async Task EachStoresOrderIsCheckedWithThatStoresKeysAndSecret()
    {
        var (storeOneOrder, storeOneCharge) = await PlaceOrderAsync(1, storeId: 1);
        var (storeTwoOrder, storeTwoCharge) = await PlaceOrderAsync(2, storeId: 2);

        _store2Opn.CompleteCharge(storeTwoCharge.Id);
        _store1Opn.FailCharge(storeOneCharge.Id, OpnFailureCodes.InsufficientFund);
        await WaitForAnsweredAsync(storeTwoCharge.Id, OpnEventKeys.ChargeComplete);
        await WaitForAnsweredAsync(storeOneCharge.Id, OpnEventKeys.ChargeComplete);

        Assert.That(_harness.Orders.Get(storeTwoOrder.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(_harness.Orders.Get(storeOneOrder.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(_harness.Attributes[storeOneOrder.Id, KmaDefaults.OrderAttributes.LastFailureCode], Is.EqualTo(OpnFailureCodes.InsufficientFund));
        //each account knows only its own store's charge
        Assert.That(_store1Opn.ChargeIds, Does.Not.Contain(storeTwoCharge.Id));
    }

    [Test]
    public async Task WebhookSignedWithAnotherStoresSecretIsRejected()
    {
        var (order, charge) = await PlaceOrderAsync(1, storeId: 1);
        //charge.create was signed with the right secret: let it land first, or its re-fetch would find the paid charge
        await WaitForAnsweredAsync(charge.Id, OpnEventKeys.ChargeCreate);
        _store1Opn.ConfigureWebhooks(Array.Empty<string>(), Store2WebhookSecret);

        _store1Opn.CompleteCharge(charge.Id);
        await WaitForAnsweredAsync(charge.Id, OpnEventKeys.ChargeComplete, 401);

        Assert.That(_harness.MarkPaidCalls, Is.Zero);
        Assert.That(_harness.Orders.Get(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
    }

    [Test]
    public async Task AdminCancelExpiresThePendingCharge()
    {
        var (order, charge) = await PlaceOrderAsync(1, storeId: 2, withWebhook: false);
        var consumer = new KmaOrderEventConsumer(_harness.Attributes, _harness.Logger.Object, _client, _harness.Orders, _harness.SettingService.Object);

        order.OrderStatus = OrderStatus.Cancelled;
        _harness.Orders.Save(order);
        await consumer.HandleEventAsync(new OrderStatusChangedEvent(order, OrderStatus.Pending));

        Assert.That(_store2Opn.GetChargeStatus(charge.Id), Is.EqualTo(OpnChargeStatuses.Expired));
        //it can no longer be paid
        Assert.That(_store2Opn.CompleteCharge(charge.Id), Is.False);
    }

    [Test]
    public async Task LostWebhooksAreRecoveredByTheTask()
    {
        var (paidOrder, paidCharge) = await PlaceOrderAsync(1, withWebhook: false);
        var (failedOrder, failedCharge) = await PlaceOrderAsync(2, storeId: 2, withWebhook: false);
        var (expiringOrder, expiringCharge) = await PlaceOrderAsync(3, withWebhook: false);
        _store1Opn.CompleteCharge(paidCharge.Id);
        _store2Opn.FailCharge(failedCharge.Id, OpnFailureCodes.PaymentRejected);
        var task = new KmaReconciliationTask(_harness.Attributes, _harness.CreateClaimService(), Service(), _harness.Logger.Object, _harness.Orders, _harness.SettingService.Object)
        {
            //an hour later by the task's clock: the third charge is past its expires_at but still pending at Opn
            TimeProvider = new ManualClock(DateTimeOffset.UtcNow.AddHours(1))
        };

        await task.ExecuteAsync();

        Assert.That(_harness.Orders.Get(paidOrder.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(_harness.Attributes[failedOrder.Id, KmaDefaults.OrderAttributes.LastFailureCode], Is.EqualTo(OpnFailureCodes.PaymentRejected));
        Assert.That(_store1Opn.GetChargeStatus(expiringCharge.Id), Is.EqualTo(OpnChargeStatuses.Expired));
        Assert.That(_harness.Orders.Get(expiringOrder.Id).OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task StaleChargesLateSuccessRaisesTheAlertAndExpiresTheCurrentCharge()
    {
        var (order, firstCharge) = await PlaceOrderAsync(1);
        //the shopper retried: checkout made a second charge current and listed the first as previous
        var secondCharge = await CreateChargeAsync(order, 150_000);
        order.AuthorizationTransactionId = secondCharge.Id;
        _harness.Orders.Save(order);
        _harness.Attributes[1, KmaDefaults.OrderAttributes.PreviousChargeIds] = firstCharge.Id;

        _store1Opn.CompleteCharge(firstCharge.Id);
        await WaitForAnsweredAsync(firstCharge.Id, OpnEventKeys.ChargeComplete);

        Assert.That(_harness.NoteCount(1, KmaDefaults.AlertNotePrefix), Is.EqualTo(1));
        Assert.That(_harness.Warnings.Any(message => message.Contains(firstCharge.Id) && message.Contains("Money arrived")), Is.True);
        Assert.That(_harness.Orders.Get(1).CaptureTransactionId, Is.EqualTo(firstCharge.Id));
        Assert.That(_store1Opn.GetChargeStatus(secondCharge.Id), Is.EqualTo(OpnChargeStatuses.Expired));
        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task LateSuccessOnACancelledOrderRaisesTheAlertAndChangesNothing()
    {
        var (order, charge) = await PlaceOrderAsync(1);
        order.OrderStatus = OrderStatus.Cancelled;
        _harness.Orders.Save(order);

        _store1Opn.CompleteCharge(charge.Id);
        await WaitForAnsweredAsync(charge.Id, OpnEventKeys.ChargeComplete);

        Assert.That(_harness.NoteCount(1, KmaDefaults.AlertNotePrefix), Is.EqualTo(1));
        Assert.That(_harness.Attributes[1, KmaDefaults.OrderAttributes.PaymentAlert], Is.EqualTo(charge.Id));
        Assert.That(_harness.Orders.Get(1).OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
        Assert.That(_harness.MarkPaidCalls, Is.Zero);
    }
}
