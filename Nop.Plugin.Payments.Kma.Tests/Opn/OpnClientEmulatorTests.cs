using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Tests.Emulator;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

/// <summary>
/// The real client, over its real primary handler, against the OpnEmulator
/// </summary>
[TestFixture]
[Category("Integration")]
public class OpnClientEmulatorTests : EmulatorFixtureBase
{
    private sealed class HandlerFactory : IHttpClientFactory
    {
        private readonly HttpMessageHandler _handler = OpnClient.CreatePrimaryHandler();

        public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private OpnClient _client;
    private OpnCredentials _credentials;
    private List<TimeSpan> _delays;

    [SetUp]
    public void CreateClient()
    {
        _delays = new List<TimeSpan>();
        _client = new OpnClient(new HandlerFactory(), new OpnClientOptions
        {
            DelayAsync = (delay, _) =>
            {
                _delays.Add(delay);
                return Task.CompletedTask;
            }
        });
        _credentials = new OpnCredentials(Emulator.PublicKey, Emulator.SecretKey, Emulator.BaseAddress.ToString());
    }

    private static CreateKmaChargeRequest Request(Guid orderGuid)
    {
        var request = new CreateKmaChargeRequest
        {
            Amount = 123456,
            PlatformType = OpnPlatformTypes.Android,
            ReturnUri = "https://shop.example/Plugins/PaymentKma/Return?token=t",
            Description = "Order 7"
        };
        request.Metadata[OpnMetadataKeys.OrderGuid] = orderGuid.ToString("D");
        request.Metadata[OpnMetadataKeys.OrderId] = "7";
        return request;
    }

    [Test]
    public async Task ChargeLifecycleReadsBack()
    {
        var orderGuid = Guid.NewGuid();

        var created = await _client.CreateChargeAsync(_credentials, Request(orderGuid));

        Assert.That(created.Status, Is.EqualTo(OpnChargeStatuses.Pending));
        Assert.That(created.Amount, Is.EqualTo(123456));
        Assert.That(created.Source.Type, Is.EqualTo("mobile_banking_bay"));
        Assert.That(created.Source.PlatformType, Is.EqualTo(OpnPlatformTypes.Android));
        Assert.That(created.AuthorizeUri, Is.Not.Empty);
        Assert.That(created.GetMetadata(OpnMetadataKeys.OrderGuid), Is.EqualTo(orderGuid.ToString("D")));

        Emulator.CompleteCharge(created.Id);
        var paid = await _client.GetChargeAsync(_credentials, created.Id);
        var events = await _client.ListChargeEventsAsync(_credentials, created.Id);
        var complete = events.Data.Single(item => item.Key == OpnEventKeys.ChargeComplete);
        var fetched = await _client.GetEventAsync(_credentials, complete.Id);

        Assert.That(paid.IsSuccessful, Is.True);
        Assert.That(complete.Charge.Id, Is.EqualTo(created.Id));
        Assert.That(fetched.Charge.Status, Is.EqualTo(OpnChargeStatuses.Successful));
    }

    [Test]
    public async Task PendingChargeCanBeExpired()
    {
        var created = await _client.CreateChargeAsync(_credentials, Request(Guid.NewGuid()));

        var expired = await _client.ExpireChargeAsync(_credentials, created.Id);

        Assert.That(expired.Status, Is.EqualTo(OpnChargeStatuses.Expired));
        Assert.That(expired.Expired, Is.True);
    }

    [Test]
    public async Task CapabilityAndAccountAreRead()
    {
        var capability = await _client.GetCapabilityAsync(_credentials);
        var account = await _client.GetAccountAsync(_credentials);

        Assert.That(capability.Supports(KmaDefaults.SourceType), Is.True);
        Assert.That(account.Livemode, Is.False);
    }

    [Test]
    public void WrongKeyAndUnknownChargeAreApiErrors()
    {
        var wrong = new OpnCredentials(Emulator.PublicKey, "skey_test_not_the_right_one", Emulator.BaseAddress.ToString());

        var unauthorized = Assert.ThrowsAsync<OpnApiException>(() => _client.GetChargeAsync(wrong, "chrg_test_x"));
        var notFound = Assert.ThrowsAsync<OpnApiException>(() => _client.GetChargeAsync(_credentials, "chrg_test_does_not_exist"));

        Assert.That(unauthorized.StatusCode, Is.EqualTo(401));
        Assert.That(unauthorized.Code, Is.EqualTo(OpnErrorCodes.AuthenticationFailure));
        Assert.That(notFound.StatusCode, Is.EqualTo(404));
        Assert.That(notFound.Code, Is.EqualTo(OpnErrorCodes.NotFound));
    }

    [Test]
    public async Task AmbiguousCreateIsNotRetriedAndIsFoundBySearch()
    {
        var orderGuid = Guid.NewGuid();
        await _client.CreateChargeAsync(_credentials, Request(Guid.NewGuid()));
        Emulator.AddFault(new FaultRule { Kind = FaultKind.AmbiguousCreate, Method = "POST", Path = "/charges", Count = 1 });

        var exception = Assert.CatchAsync<OpnException>(() => _client.CreateChargeAsync(_credentials, Request(orderGuid)));
        var found = await _client.FindChargesByOrderAsync(_credentials, orderGuid);

        Assert.That(exception.IsAmbiguous, Is.True);
        Assert.That(Emulator.ChargeIds, Has.Count.EqualTo(2), "the create was sent once");
        Assert.That(found, Has.Count.EqualTo(1));
        Assert.That(found[0].GetMetadata(OpnMetadataKeys.OrderGuid), Is.EqualTo(orderGuid.ToString("D")));
    }

    [Test]
    public async Task GetSurvivesTransientFaults()
    {
        var created = await _client.CreateChargeAsync(_credentials, Request(Guid.NewGuid()));
        Emulator.AddFault(new FaultRule { Kind = FaultKind.Status, Status = 503, Method = "GET", Path = "/charges/*", Count = 2 });

        var charge = await _client.GetChargeAsync(_credentials, created.Id);

        Assert.That(charge.Id, Is.EqualTo(created.Id));
        Assert.That(_delays, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task GetSurvivesADroppedConnection()
    {
        var created = await _client.CreateChargeAsync(_credentials, Request(Guid.NewGuid()));
        Emulator.AddFault(new FaultRule { Kind = FaultKind.DropConnection, Method = "GET", Path = "/charges/*", Count = 1 });

        var charge = await _client.GetChargeAsync(_credentials, created.Id);

        Assert.That(charge.Id, Is.EqualTo(created.Id));
        Assert.That(_delays, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task EmulatorWebhooksPassTheVerifierAndParse()
    {
        await using var listener = await WebhookListener.StartAsync();
        Emulator.ConfigureWebhooks(new[] { listener.Url });
        var created = await _client.CreateChargeAsync(_credentials, Request(Guid.NewGuid()));
        Emulator.CompleteCharge(created.Id);

        var received = await listener.WaitForAsync(item => item.ChargeId == created.Id, count: 2);

        var verifier = new WebhookSignatureVerifier();
        foreach (var delivery in received)
        {
            Assert.That(verifier.Verify(delivery.Signature, delivery.Timestamp, delivery.Body, Emulator.WebhookSecret), Is.EqualTo(WebhookSignatureResult.Valid));
            var opnEvent = OpnJson.ParseEvent(System.Text.Encoding.UTF8.GetString(delivery.Body));
            Assert.That(opnEvent.Charge.Id, Is.EqualTo(created.Id));
        }

        var tampered = received[^1].Body.ToArray();
        tampered[^2] ^= 1;
        Assert.That(verifier.Verify(received[^1].Signature, received[^1].Timestamp, tampered, Emulator.WebhookSecret).Failure,
            Is.EqualTo(WebhookSignatureFailure.Mismatch));
    }
}
