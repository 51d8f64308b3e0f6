using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DevStore;
using Microsoft.Extensions.DependencyInjection;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Services.Common;
using Nop.Services.Orders;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Sync;

/// <summary>
/// The whole flow through the DevStore's HTTP endpoints (checkout, return, webhook, admin) with the plugin's real
/// controllers and services, against two OpnEmulators: one Opn account for each of the DevStore's two stores
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class DevStoreSyncTests
{
    private const string PaidNote = "Order has been marked as paid";
    private const string Store2WebhookSecret = "ZGV2c3RvcmUtc3RvcmUtdHdvLXdlYmhvb2stc2VjcmV0";

    private EmulatorHost _opn;
    private EmulatorHost _store2Opn;
    private DevStoreHost _store;

    private static EmulatorOptions Options(string publicKey, string secretKey, string webhookSecret) => new()
    {
        PublicKey = publicKey,
        SecretKey = secretKey,
        WebhookSecret = webhookSecret,
        WebhookRetryDelays = new List<TimeSpan> { TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1600) },
        WebhookTimeout = TimeSpan.FromSeconds(10)
    };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _opn = await EmulatorHost.StartAsync(Options(EmulatorOptions.DefaultPublicKey, EmulatorOptions.DefaultSecretKey, EmulatorOptions.DefaultWebhookSecret));
        _store2Opn = await EmulatorHost.StartAsync(Options("pkey_test_5kmadevstoretwo", "skey_test_5kmadevstoretwo", Store2WebhookSecret));
        _store = await DevStoreHost.StartAsync(new DevStoreOptions
        {
            OpnPublicKey = _opn.PublicKey,
            OpnSecretKey = _opn.SecretKey,
            OpnWebhookSecret = _opn.WebhookSecret,
            OpnApiBaseUrl = _opn.BaseAddress.ToString(),
            //a database takes its time: concurrent deliveries really overlap between reading the order and marking it paid
            ConfigureServices = services => services.AddScoped<IOrderProcessingService>(provider =>
                new SlowOrderProcessing(provider.GetRequiredService<global::DevStore.Services.OrderProcessingService>()))
        });

        var settings = await _store.GetSettingsAsync<KmaPaymentSettings>();
        settings.CheckCapability = false;
        settings.UseDynamicWebhooks = true;
        settings.CancelOrderOnExpiredCharge = true;
        await _store.SaveSettingsAsync(settings);

        //the second store has its own Opn account
        var storeTwo = await _store.GetSettingsAsync<KmaPaymentSettings>();
        storeTwo.PublicKey = _store2Opn.PublicKey;
        storeTwo.SecretKey = _store2Opn.SecretKey;
        storeTwo.WebhookSecret = _store2Opn.WebhookSecret;
        storeTwo.ApiBaseUrl = _store2Opn.BaseAddress.ToString();
        await _store.SaveSettingsAsync(storeTwo, storeId: 2);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _store.DisposeAsync();
        await _opn.DisposeAsync();
        await _store2Opn.DisposeAsync();
    }

    [SetUp]
    public void SetUp()
    {
        _opn.Reset();
        _store2Opn.Reset();
    }

    #region Utilities

    /// <summary>
    /// The DevStore's order processing with database-like latency before a payment is recorded
    /// </summary>
    private sealed class SlowOrderProcessing : IOrderProcessingService
    {
        private readonly IOrderProcessingService _inner;

        public SlowOrderProcessing(IOrderProcessingService inner) => _inner = inner;

        public Task CheckOrderStatusAsync(Order order) => _inner.CheckOrderStatusAsync(order);
        public bool CanCancelOrder(Order order) => _inner.CanCancelOrder(order);
        public Task CancelOrderAsync(Order order, bool notifyCustomer) => _inner.CancelOrderAsync(order, notifyCustomer);
        public bool CanMarkOrderAsAuthorized(Order order) => _inner.CanMarkOrderAsAuthorized(order);
        public Task MarkAsAuthorizedAsync(Order order) => _inner.MarkAsAuthorizedAsync(order);
        public bool CanMarkOrderAsPaid(Order order) => _inner.CanMarkOrderAsPaid(order);

        public async Task MarkOrderAsPaidAsync(Order order)
        {
            await Task.Delay(50);
            await _inner.MarkOrderAsPaidAsync(order);
        }
    }

    private async Task<(HttpClient Shopper, Order Order, string ChargeId)> CheckoutAsync(int storeId = 1)
    {
        var shopper = _store.CreateClient(baseAddress: storeId == 2 ? _store.SecondStoreAddress : null);
        var result = await _store.CheckoutOverHttpAsync(shopper, productId: 2);
        Assert.That(result.Order, Is.Not.Null, await result.Response.Content.ReadAsStringAsync());
        var order = _store.GetOrder(result.Order.Id);
        Assert.That(order.AuthorizationTransactionId, Does.StartWith("chrg_test_"), "checkout created the charge");
        Assert.That(order.StoreId, Is.EqualTo(storeId));
        return (shopper, order, order.AuthorizationTransactionId);
    }

    private int PaidNotes(int orderId) => _store.GetOrderNotes(orderId).Count(note => note.Note == PaidNote);

    private static string ReturnUri(EmulatorHost opn, string chargeId)
    {
        using var charge = JsonDocument.Parse(opn.GetChargeJson(chargeId));
        return charge.RootElement.GetProperty("return_uri").GetString();
    }

    private Task<IReadOnlyList<WebhookDelivery>> AnsweredAsync(EmulatorHost opn, string chargeId, string eventKey, int count = 1)
    {
        return opn.WaitForDeliveriesAsync(delivery => delivery.ChargeId == chargeId && delivery.EventKey == eventKey && delivery.Succeeded, count, TimeSpan.FromSeconds(30));
    }

    private Task SetOrderAttributeAsync(Order order, string key, string value) => _store.InScopeAsync(async services =>
        await services.GetRequiredService<IGenericAttributeService>().SaveAttributeAsync(order, key, value));

    #endregion

    [Test]
    public async Task WebhookBeforeReturn()
    {
        var (shopper, order, chargeId) = await CheckoutAsync();

        _opn.CompleteCharge(chargeId);
        await AnsweredAsync(_opn, chargeId, OpnEventKeys.ChargeComplete);
        using var returned = await shopper.GetAsync(ReturnUri(_opn, chargeId));

        Assert.That(_store.GetOrder(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(returned.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(returned.Headers.Location!.ToString(), Does.Contain($"checkout/completed/{order.Id}"));
        Assert.That(PaidNotes(order.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task ReturnBeforeWebhook()
    {
        var (shopper, order, chargeId) = await CheckoutAsync();
        _opn.AddFault(new FaultRule { Kind = FaultKind.DelayedDelivery, EventKey = OpnEventKeys.ChargeComplete, Delay = TimeSpan.FromSeconds(1) });

        _opn.CompleteCharge(chargeId);
        using var returned = await shopper.GetAsync(ReturnUri(_opn, chargeId));
        await AnsweredAsync(_opn, chargeId, OpnEventKeys.ChargeComplete);

        Assert.That(returned.Headers.Location!.ToString(), Does.Contain($"checkout/completed/{order.Id}"));
        Assert.That(_store.GetOrder(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(PaidNotes(order.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task TwentyConcurrentDuplicateWebhooksMarkThePaymentExactlyOnce()
    {
        var (_, order, chargeId) = await CheckoutAsync();
        //charge.create lands first, so that the payment is applied by the 20 copies and not by that earlier event
        await AnsweredAsync(_opn, chargeId, OpnEventKeys.ChargeCreate);
        _opn.AddFault(new FaultRule { Kind = FaultKind.DuplicateDelivery, EventKey = OpnEventKeys.ChargeComplete, Copies = 20 });

        _opn.CompleteCharge(chargeId);
        await _opn.WaitForDeliveriesAsync(delivery => delivery.ChargeId == chargeId && delivery.EventKey == OpnEventKeys.ChargeComplete && delivery.StatusCode != null, 20, TimeSpan.FromSeconds(30));
        //every copy ends with a 2xx (a copy that met the lock busy got a 503 and was delivered again)
        await AnsweredAsync(_opn, chargeId, OpnEventKeys.ChargeComplete, 20);

        Assert.That(_store.GetOrder(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(PaidNotes(order.Id), Is.EqualTo(1));
        Assert.That(_opn.Deliveries.Where(delivery => delivery.ChargeId == chargeId && delivery.EventKey == OpnEventKeys.ChargeComplete)
            .Select(delivery => delivery.StatusCode), Is.All.EqualTo(200).Or.EqualTo(503));
    }

    [Test]
    public async Task AdminCancelExpiresTheCharge()
    {
        var (_, order, chargeId) = await CheckoutAsync();
        using var admin = await _store.CreateAdminClientAsync();
        var edit = await admin.GetStringAsync($"Admin/Order/Edit/{order.Id}");
        var token = Regex.Match(edit, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        if (string.IsNullOrEmpty(token))
            token = Regex.Match(edit, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        using var cancelled = await admin.PostAsync($"Admin/Order/CancelOrder/{order.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.That(_store.GetOrder(order.Id).OrderStatus, Is.EqualTo(OrderStatus.Cancelled), await cancelled.Content.ReadAsStringAsync());
        Assert.That(_opn.GetChargeStatus(chargeId), Is.EqualTo(OpnChargeStatuses.Expired));
        Assert.That(_store.GetOrderNotes(order.Id).Any(note => note.Note.Contains("expired at Opn")), Is.True);
    }

    [Test]
    public async Task LostWebhooksAreRecoveredByTheTask()
    {
        var settings = await _store.GetSettingsAsync<KmaPaymentSettings>();
        settings.UseDynamicWebhooks = false;
        await _store.SaveSettingsAsync(settings);
        try
        {
            var (_, order, chargeId) = await CheckoutAsync();
            _opn.CompleteCharge(chargeId);
            //the task leaves orders younger than two minutes to the shopper
            var stored = _store.GetOrder(order.Id);
            stored.CreatedOnUtc = DateTime.UtcNow.AddMinutes(-10);
            _store.Data.Orders.Update(stored);

            await _store.RunScheduleTaskAsync(KmaDefaults.ReconciliationTask.Type);

            Assert.That(_opn.Deliveries.Where(delivery => delivery.ChargeId == chargeId), Is.Empty, "no webhook reached the store");
            Assert.That(_store.GetOrder(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
            Assert.That(PaidNotes(order.Id), Is.EqualTo(1));
        }
        finally
        {
            settings.UseDynamicWebhooks = true;
            await _store.SaveSettingsAsync(settings);
        }
    }

    [Test]
    public async Task StaleChargesLateSuccessRaisesTheAlert()
    {
        var (_, order, firstCharge) = await CheckoutAsync();
        //a second charge became current (as a retry does), the first one is listed as previous
        var client = _store.Services.GetRequiredService<IOpnClient>();
        var request = new CreateKmaChargeRequest { Amount = 150_000, ReturnUri = ReturnUri(_opn, firstCharge) };
        request.Metadata["order_guid"] = order.OrderGuid.ToString();
        request.Metadata["order_id"] = order.Id.ToString();
        var second = await client.CreateChargeAsync(new OpnCredentials(_opn.PublicKey, _opn.SecretKey, _opn.BaseAddress.ToString()), request);
        var stored = _store.GetOrder(order.Id);
        stored.AuthorizationTransactionId = second.Id;
        _store.Data.Orders.Update(stored);
        await SetOrderAttributeAsync(stored, KmaDefaults.OrderAttributes.PreviousChargeIds, firstCharge);

        _opn.CompleteCharge(firstCharge);
        await AnsweredAsync(_opn, firstCharge, OpnEventKeys.ChargeComplete);

        Assert.That(_store.GetOrderNotes(order.Id).Count(note => note.Note.StartsWith(KmaDefaults.AlertNotePrefix)), Is.EqualTo(1));
        Assert.That(_store.GetLogs().Any(log => log.ShortMessage.Contains("Money arrived") && log.ShortMessage.Contains(firstCharge)), Is.True);
        Assert.That(await _store.GetOrderAttributeAsync<string>(order.Id, KmaDefaults.OrderAttributes.PaymentAlert), Is.EqualTo(firstCharge));
        Assert.That(_store.GetOrder(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(_opn.GetChargeStatus(second.Id), Is.EqualTo(OpnChargeStatuses.Expired));
    }

    [Test]
    public async Task AmountMismatchIsRefused()
    {
        var (_, order, chargeId) = await CheckoutAsync();
        //the order now expects another amount than the charge carries
        await SetOrderAttributeAsync(_store.GetOrder(order.Id), KmaDefaults.OrderAttributes.ChargeAmountSatang, "149900");

        _opn.CompleteCharge(chargeId);
        await AnsweredAsync(_opn, chargeId, OpnEventKeys.ChargeComplete);

        Assert.That(_store.GetOrder(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(PaidNotes(order.Id), Is.Zero);
        Assert.That(_store.GetOrderNotes(order.Id).Any(note => note.Note.Contains("refused")), Is.True);
    }

    [Test]
    public async Task EachStoresOrderUsesThatStoresKeys()
    {
        var (_, order, chargeId) = await CheckoutAsync(storeId: 2);

        Assert.That(_store2Opn.ChargeIds, Does.Contain(chargeId));
        Assert.That(_opn.ChargeIds, Does.Not.Contain(chargeId));

        _store2Opn.CompleteCharge(chargeId);
        await AnsweredAsync(_store2Opn, chargeId, OpnEventKeys.ChargeComplete);

        Assert.That(_store.GetOrder(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(PaidNotes(order.Id), Is.EqualTo(1));
    }
}
