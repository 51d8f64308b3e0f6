using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Moq;
using Newtonsoft.Json;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Payments.Kma.Controllers;
using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Tests.Sync;

[TestFixture]
public class PaymentKmaWebhookControllerTests
{
    private static readonly DateTimeOffset _now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private SyncHarness _harness;
    private Mock<IKmaPaymentSyncService> _sync;
    private Order _order;

    [SetUp]
    public void SetUp()
    {
        _harness = new SyncHarness();
        _sync = new Mock<IKmaPaymentSyncService>();
        _sync.Setup(service => service.SyncAsync(It.IsAny<Order>(), It.IsAny<string>(), It.IsAny<KmaSyncOrigin>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new KmaSyncResult { Outcome = KmaSyncOutcome.Paid });
        _order = _harness.AddOrder(1, "chrg_test_1");
    }

    #region Utilities

    private static string EventJson(string chargeId, Guid? orderGuid, string key = "charge.complete", string dataObject = "charge")
    {
        var metadata = orderGuid == null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["order_guid"] = orderGuid.ToString() };
        return JsonConvert.SerializeObject(new
        {
            @object = "event",
            id = "evnt_test_1",
            livemode = false,
            key,
            created_at = "2026-03-01T08:00:00Z",
            data = new { @object = dataObject, id = chargeId, status = "successful", amount = 150000, currency = "THB", metadata }
        });
    }

    private async Task<(int Status, HttpResponse Response)> PostAsync(string body, string contentType = "application/json",
        string secret = TestSignatures.Store1Secret, long? timestamp = null, string signature = null, bool sendLength = true, byte[] rawBody = null,
        int? bytesPerRead = null)
    {
        var bytes = rawBody ?? Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.Body = bytesPerRead is { } chunk ? new TrickleStream(bytes, chunk) : new MemoryStream(bytes);
        if (sendLength)
            context.Request.ContentLength = bytes.Length;

        var ts = timestamp ?? _now.ToUnixTimeSeconds();
        if (secret != null || signature != null)
        {
            context.Request.Headers["Omise-Signature"] = signature ?? TestSignatures.Sign(secret, ts, bytes);
            context.Request.Headers["Omise-Signature-Timestamp"] = ts.ToString();
        }

        var controller = new PaymentKmaWebhookController(_harness.Attributes, _sync.Object, _harness.Logger.Object, _harness.Orders,
            _harness.SettingService.Object, TestSignatures.CreateVerifier(new ManualClock(_now)))
        {
            ControllerContext = new ControllerContext { HttpContext = context }
        };

        var result = await controller.Webhook();
        var status = result switch
        {
            ContentResult content => content.StatusCode ?? 200,
            IStatusCodeActionResult statusCode => statusCode.StatusCode ?? 200,
            _ => throw new InvalidOperationException(result.GetType().Name)
        };

        return (status, context.Response);
    }

    private void VerifyNotSynced()
    {
        _sync.Verify(service => service.SyncAsync(It.IsAny<Order>(), It.IsAny<string>(), It.IsAny<KmaSyncOrigin>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    #endregion

    #region Signature

    [Test]
    public async Task SignedChargeEventIsSyncedWithTheRefetchedChargeAndAnswered200()
    {
        var (status, _) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid));

        Assert.That(status, Is.EqualTo(200));
        _sync.Verify(service => service.SyncAsync(It.Is<Order>(order => order.Id == 1), "chrg_test_1", KmaSyncOrigin.Webhook, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ForgedSignatureIsRejectedWith401()
    {
        var (status, _) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid), signature: new string('a', 64));

        Assert.That(status, Is.EqualTo(401));
        VerifyNotSynced();
        Assert.That(_harness.Warnings.Any(message => message.Contains("Mismatch")), Is.True);
        Assert.That(_harness.Warnings.Any(message => message.Contains(TestSignatures.Store1Secret)), Is.False);
    }

    [Test]
    public async Task UnsignedDeliveryIsRejectedWhenTheStoreHasASecret()
    {
        var (status, _) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid), secret: null);

        Assert.That(status, Is.EqualTo(401));
        VerifyNotSynced();
    }

    [TestCase(-600, TestName = "StaleTimestampIsRejectedWith401")]
    [TestCase(600, TestName = "FutureTimestampIsRejectedWith401")]
    public async Task TimestampOutsideTheToleranceIsRejected(int offsetSeconds)
    {
        var (status, _) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid), timestamp: _now.ToUnixTimeSeconds() + offsetSeconds);

        Assert.That(status, Is.EqualTo(401));
        VerifyNotSynced();
    }

    [Test]
    public async Task AnotherStoresSecretIsRejected()
    {
        var (status, _) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid), secret: TestSignatures.Store2Secret);

        Assert.That(status, Is.EqualTo(401));
        VerifyNotSynced();
    }

    [Test]
    public async Task EachOrderIsVerifiedWithItsOwnStoresSecret()
    {
        var storeTwoOrder = _harness.AddOrder(2, "chrg_test_2", storeId: 2);

        var (status, _) = await PostAsync(EventJson("chrg_test_2", storeTwoOrder.OrderGuid), secret: TestSignatures.Store2Secret);

        Assert.That(status, Is.EqualTo(200));
        _sync.Verify(service => service.SyncAsync(It.Is<Order>(order => order.Id == 2), "chrg_test_2", KmaSyncOrigin.Webhook, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task StoreWithoutASecretReliesOnTheRefetch()
    {
        _harness.Settings[1].WebhookSecret = null;

        var (status, _) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid), secret: null);

        Assert.That(status, Is.EqualTo(200));
        _sync.Verify(service => service.SyncAsync(It.IsAny<Order>(), "chrg_test_1", KmaSyncOrigin.Webhook, It.IsAny<CancellationToken>()), Times.Once);
    }

    #endregion

    #region Request shape

    [Test]
    public async Task MalformedJsonIsRejectedWith400()
    {
        var (status, _) = await PostAsync("{\"object\":\"event\",\"data\":{");

        Assert.That(status, Is.EqualTo(400));
        VerifyNotSynced();
    }

    [TestCase("[1,2,3]")]
    [TestCase("{\"object\":\"charge\",\"id\":\"chrg_test_1\"}")]
    [TestCase("{\"object\":{\"nested\":true}}")]
    public async Task JsonThatIsNotAnEventIsRejectedWith400(string body)
    {
        var (status, _) = await PostAsync(body);

        Assert.That(status, Is.EqualTo(400));
        VerifyNotSynced();
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("application/json; charset=iso-8859-1")]
    [TestCase(null)]
    public async Task WrongContentTypeIsRejectedWith415(string contentType)
    {
        var (status, _) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid), contentType);

        Assert.That(status, Is.EqualTo(415));
        VerifyNotSynced();
    }

    [TestCase("application/json; charset=utf-8")]
    [TestCase("Application/JSON")]
    public async Task JsonContentTypesAreAccepted(string contentType)
    {
        var (status, _) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid), contentType);

        Assert.That(status, Is.EqualTo(200));
    }

    [TestCase(true, TestName = "OversizedBodyWithLengthIsRejectedWith413")]
    [TestCase(false, TestName = "OversizedChunkedBodyIsRejectedWith413")]
    public async Task OversizedBodyIsRejected(bool sendLength)
    {
        var padding = new string(' ', KmaDefaults.Webhook.MaxBodyBytes);
        var (status, _) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid) + padding, sendLength: sendLength);

        Assert.That(status, Is.EqualTo(413));
        VerifyNotSynced();
    }

    [TestCase(true, TestName = "LongBodyWithLengthIsReadWhole")]
    [TestCase(false, TestName = "LongChunkedBodyIsReadWhole")]
    public async Task LongBodyArrivingInPiecesIsReadWhole(bool sendLength)
    {
        var body = EventJson("chrg_test_1", _order.OrderGuid) + new string(' ', 10_000);

        var (status, _) = await PostAsync(body, sendLength: sendLength, bytesPerRead: 1000);

        Assert.That(status, Is.EqualTo(200), "the signature covers every byte, so a byte lost or repeated would fail it");
        _sync.Verify(service => service.SyncAsync(It.Is<Order>(order => order.Id == 1), "chrg_test_1", KmaSyncOrigin.Webhook, It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase(true, 0, 200)]
    [TestCase(false, 0, 200)]
    [TestCase(true, 1, 413)]
    [TestCase(false, 1, 413)]
    public async Task BodyAtTheLimitIsAcceptedAndOneByteMoreIsNot(bool sendLength, int overLimit, int expected)
    {
        var json = EventJson("chrg_test_1", _order.OrderGuid);
        var body = json + new string(' ', KmaDefaults.Webhook.MaxBodyBytes - Encoding.UTF8.GetByteCount(json) + overLimit);

        var (status, _) = await PostAsync(body, sendLength: sendLength, bytesPerRead: 3000);

        Assert.That(status, Is.EqualTo(expected));
    }

    #endregion

    #region Events and orders

    [TestCase("refund.create", "refund")]
    [TestCase("customer.create", "customer")]
    [TestCase("transfer.create", "charge")]
    public async Task IrrelevantEventIsAcknowledgedWith200(string key, string dataObject)
    {
        var (status, _) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid, key, dataObject), secret: null);

        Assert.That(status, Is.EqualTo(200));
        VerifyNotSynced();
    }

    [Test]
    public async Task UnknownChargeIsAcknowledgedWith200AndChangesNothing()
    {
        var (status, _) = await PostAsync(EventJson("chrg_test_unknown", Guid.NewGuid()), secret: null);

        Assert.That(status, Is.EqualTo(200));
        VerifyNotSynced();
        _harness.Logger.Verify(logger => logger.InformationAsync(It.Is<string>(message => message.Contains("chrg_test_unknown")), null, null), Times.Once);
    }

    [Test]
    public async Task ChargeEventWithoutMetadataFindsTheOrderByChargeId()
    {
        var (status, _) = await PostAsync(EventJson("chrg_test_1", null));

        Assert.That(status, Is.EqualTo(200));
        _sync.Verify(service => service.SyncAsync(It.Is<Order>(order => order.Id == 1), "chrg_test_1", KmaSyncOrigin.Webhook, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task EarlierChargeWithoutMetadataFindsTheOrderByItsPreviousCharges()
    {
        _harness.Attributes[1, KmaDefaults.OrderAttributes.PreviousChargeIds] = "chrg_test_0,chrg_test_old";

        var (status, _) = await PostAsync(EventJson("chrg_test_old", null));

        Assert.That(status, Is.EqualTo(200));
        _sync.Verify(service => service.SyncAsync(It.Is<Order>(order => order.Id == 1), "chrg_test_old", KmaSyncOrigin.Webhook, It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase(KmaSyncOutcome.Unavailable)]
    [TestCase(KmaSyncOutcome.Busy)]
    public async Task TransientFailureAnswers503SoOpnDeliversAgain(KmaSyncOutcome outcome)
    {
        _sync.Setup(service => service.SyncAsync(It.IsAny<Order>(), It.IsAny<string>(), It.IsAny<KmaSyncOrigin>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new KmaSyncResult { Outcome = outcome });

        var (status, response) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid));

        Assert.That(status, Is.EqualTo(503));
        Assert.That(response.Headers.RetryAfter.ToString(), Is.Not.Empty);
    }

    [TestCase(KmaSyncOutcome.Pending)]
    [TestCase(KmaSyncOutcome.Failed)]
    [TestCase(KmaSyncOutcome.Mismatch)]
    [TestCase(KmaSyncOutcome.NotCurrentCharge)]
    [TestCase(KmaSyncOutcome.NotApplied)]
    [TestCase(KmaSyncOutcome.NotFound)]
    public async Task SettledOutcomesAnswer200(KmaSyncOutcome outcome)
    {
        _sync.Setup(service => service.SyncAsync(It.IsAny<Order>(), It.IsAny<string>(), It.IsAny<KmaSyncOrigin>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new KmaSyncResult { Outcome = outcome });

        var (status, _) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid));

        Assert.That(status, Is.EqualTo(200));
    }

    [Test]
    public async Task UnexpectedErrorAnswers500AndIsLogged()
    {
        _sync.Setup(service => service.SyncAsync(It.IsAny<Order>(), It.IsAny<string>(), It.IsAny<KmaSyncOrigin>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("database down"));

        var (status, _) = await PostAsync(EventJson("chrg_test_1", _order.OrderGuid));

        Assert.That(status, Is.EqualTo(500));
        Assert.That(_harness.Errors, Is.Not.Empty);
    }

    #endregion

    /// <summary>
    /// A body that arrives a few bytes at a time, as from a slow client
    /// </summary>
    private sealed class TrickleStream : MemoryStream
    {
        private readonly int _bytesPerRead;

        public TrickleStream(byte[] bytes, int bytesPerRead) : base(bytes) => _bytesPerRead = bytesPerRead;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, _bytesPerRead)], cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _bytesPerRead));
    }
}
