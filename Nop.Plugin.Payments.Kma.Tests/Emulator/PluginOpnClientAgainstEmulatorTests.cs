using Nop.Plugin.Payments.Kma.Opn;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Emulator;

/// <summary>
/// The plugin's real OpnClient and WebhookSignatureVerifier, unchanged, against the emulator over HTTP
/// </summary>
[TestFixture]
[Category("Integration")]
public class PluginOpnClientAgainstEmulatorTests : EmulatorFixtureBase
{
    private PrimaryHandlerFactory _factory;
    private OpnClient _client;
    private OpnCredentials _credentials;

    [OneTimeSetUp]
    public void CreateClient()
    {
        var options = new OpnClientOptions
        {
            RequestTimeout = TimeSpan.FromSeconds(5),
            CreateChargeTimeout = TimeSpan.FromSeconds(2),
            DelayAsync = (_, _) => Task.CompletedTask
        };
        _factory = new PrimaryHandlerFactory(options);
        _client = new OpnClient(_factory, options);
        _credentials = new OpnCredentials(Emulator.PublicKey, Emulator.SecretKey, Emulator.BaseAddress.ToString());
    }

    [OneTimeTearDown]
    public void DisposeClient() => _factory.Dispose();

    private CreateKmaChargeRequest NewRequest(Guid orderGuid, long amount = 150000)
    {
        var request = new CreateKmaChargeRequest
        {
            Amount = amount,
            PlatformType = OpnPlatformTypes.Ios,
            ReturnUri = "https://shop.example/Plugins/PaymentKma/Return?orderGuid=" + orderGuid,
            Description = "Order 42"
        };
        request.Metadata["order_guid"] = orderGuid.ToString();
        request.Metadata["order_id"] = "42";
        return request;
    }

    [Test]
    public async Task CreateAndGetCharge_RoundTrip()
    {
        var orderGuid = Guid.NewGuid();
        var created = await _client.CreateChargeAsync(_credentials, NewRequest(orderGuid));
        var fetched = await _client.GetChargeAsync(_credentials, created.Id);

        Assert.Multiple(() =>
        {
            Assert.That(created.Id, Does.StartWith("chrg_test_"));
            Assert.That(created.Status, Is.EqualTo(OpnChargeStatuses.Pending));
            Assert.That(created.Amount, Is.EqualTo(150000));
            Assert.That(created.Currency, Is.EqualTo("THB"));
            Assert.That(created.AuthorizeUri, Does.StartWith(Emulator.BaseAddress.ToString()));
            Assert.That(created.Source.Type, Is.EqualTo("mobile_banking_bay"));
            Assert.That(created.Source.Flow, Is.EqualTo("app_redirect"));
            Assert.That(created.Source.PlatformType, Is.EqualTo("IOS"));
            Assert.That(created.Source.ChargeStatus, Is.EqualTo(OpnChargeStatuses.Pending));
            Assert.That(created.Metadata["order_guid"], Is.EqualTo(orderGuid.ToString()));
            Assert.That(created.CreatedAt, Is.Not.Null);
            Assert.That(created.ExpiresAt - created.CreatedAt, Is.EqualTo(TimeSpan.FromMinutes(15)));
            Assert.That(fetched.Id, Is.EqualTo(created.Id));
            Assert.That(fetched.Description, Is.EqualTo("Order 42"));
        });
    }

    [Test]
    public async Task Lifecycle_SuccessfulFailedExpired_AreReadCorrectly()
    {
        var paid = await _client.CreateChargeAsync(_credentials, NewRequest(Guid.NewGuid()));
        var failed = await _client.CreateChargeAsync(_credentials, NewRequest(Guid.NewGuid()));
        var abandoned = await _client.CreateChargeAsync(_credentials, NewRequest(Guid.NewGuid()));
        Emulator.CompleteCharge(paid.Id);
        Emulator.FailCharge(failed.Id, OpnFailureCodes.InsufficientFund);

        var paidNow = await _client.GetChargeAsync(_credentials, paid.Id);
        var failedNow = await _client.GetChargeAsync(_credentials, failed.Id);
        var expired = await _client.ExpireChargeAsync(_credentials, abandoned.Id);
        var refused = Assert.ThrowsAsync<OpnApiException>(() => _client.ExpireChargeAsync(_credentials, paid.Id));

        Assert.Multiple(() =>
        {
            Assert.That(paidNow.Status, Is.EqualTo(OpnChargeStatuses.Successful));
            Assert.That(paidNow.Paid, Is.True);
            Assert.That(paidNow.Transaction, Is.Not.Null);
            Assert.That(paidNow.PaidAt, Is.Not.Null);
            Assert.That(failedNow.Status, Is.EqualTo(OpnChargeStatuses.Failed));
            Assert.That(failedNow.FailureCode, Is.EqualTo(OpnFailureCodes.InsufficientFund));
            Assert.That(expired.Status, Is.EqualTo(OpnChargeStatuses.Expired));
            Assert.That(expired.Expired, Is.True);
            Assert.That(expired.ExpiredAt, Is.Not.Null);
            Assert.That(refused.StatusCode, Is.EqualTo(400));
            Assert.That(refused.Code, Is.EqualTo("failed_expire"));
        });
    }

    [Test]
    public async Task EventsAccountCapability_AreParsed()
    {
        var charge = await _client.CreateChargeAsync(_credentials, NewRequest(Guid.NewGuid()));
        Emulator.CompleteCharge(charge.Id);

        var events = await _client.ListChargeEventsAsync(_credentials, charge.Id);
        var complete = await _client.GetEventAsync(_credentials, events.Data[1].Id);
        var account = await _client.GetAccountAsync(_credentials);
        var capability = await _client.GetCapabilityAsync(new OpnCredentials(Emulator.PublicKey, null, Emulator.BaseAddress.ToString()));

        Assert.That(events.Total, Is.EqualTo(2));
        Assert.That(events.Data.Select(e => e.Key), Is.EqualTo(new[] { OpnEventKeys.ChargeCreate, OpnEventKeys.ChargeComplete }));
        Assert.That(complete.Key, Is.EqualTo(OpnEventKeys.ChargeComplete));
        Assert.That(complete.Charge?.Id, Is.EqualTo(charge.Id));
        Assert.That(complete.Charge?.Status, Is.EqualTo(OpnChargeStatuses.Successful));
        Assert.That(account.Country, Is.EqualTo("TH"));
        Assert.That(account.Livemode, Is.False);
        Assert.That(capability.Supports("mobile_banking_bay"), Is.True);
        Assert.That(capability.ChargeAmountMin, Is.EqualTo(2000));
        Assert.That(capability.ChargeAmountMax, Is.EqualTo(15000000));
    }

    [Test]
    public void WrongKeyAndUnknownCharge_AreOpnApiErrors()
    {
        var wrong = new OpnCredentials(Emulator.PublicKey, "skey_test_not_this_one", Emulator.BaseAddress.ToString());

        var unauthorized = Assert.ThrowsAsync<OpnApiException>(() => _client.GetAccountAsync(wrong));
        var notFound = Assert.ThrowsAsync<OpnApiException>(() => _client.GetChargeAsync(_credentials, "chrg_test_doesnotexist"));

        Assert.That(unauthorized.StatusCode, Is.EqualTo(401));
        Assert.That(unauthorized.Code, Is.EqualTo("authentication_failure"));
        Assert.That(unauthorized.Message, Does.Not.Contain("skey_test_not_this_one"));
        Assert.That(notFound.StatusCode, Is.EqualTo(404));
        Assert.That(notFound.Code, Is.EqualTo("not_found"));
    }

    [Test]
    public async Task TransientFaults_OnGets_AreRetriedByTheClient()
    {
        var charge = await _client.CreateChargeAsync(_credentials, NewRequest(Guid.NewGuid()));
        Emulator.AddFault(new FaultRule { Kind = FaultKind.Status, Status = 503, Method = "GET", Path = "/charges/*", Count = 1 });
        Emulator.AddFault(new FaultRule { Kind = FaultKind.DropConnection, Method = "GET", Path = "/charges/*", Count = 1 });

        var fetched = await _client.GetChargeAsync(_credentials, charge.Id);

        Assert.That(fetched.Id, Is.EqualTo(charge.Id));
        Assert.That(Emulator.Faults, Is.Empty, "both faults were spent on the client's first two attempts");
    }

    [Test]
    public void PersistentFaults_SurfaceAsTheRightExceptions()
    {
        Emulator.AddFault(new FaultRule { Kind = FaultKind.Status, Status = 429, Path = "/account" });
        Emulator.AddFault(new FaultRule { Kind = FaultKind.MalformedJson, Path = "/capability" });

        var limited = Assert.ThrowsAsync<OpnApiException>(() => _client.GetAccountAsync(_credentials));
        var unreadable = Assert.ThrowsAsync<OpnTransportException>(() => _client.GetCapabilityAsync(_credentials));

        Assert.That(limited.StatusCode, Is.EqualTo(429));
        Assert.That(limited.IsTransient, Is.True);
        Assert.That(unreadable.IsUnreadableResponse, Is.True);
    }

    [Test]
    public async Task AmbiguousCreate_IsReportedAsAmbiguous_AndTheChargeIsFoundByOrder()
    {
        var orderGuid = Guid.NewGuid();
        Emulator.AddFault(new FaultRule { Kind = FaultKind.AmbiguousCreate, Delay = TimeSpan.FromSeconds(30), Count = 1 });

        var exception = Assert.CatchAsync<OpnException>(() => _client.CreateChargeAsync(_credentials, NewRequest(orderGuid)));
        await WaitUntilAsync(() => Emulator.ChargeIds.Count > 0, "the server has handled the create");
        var found = await _client.FindChargesByOrderAsync(_credentials, orderGuid);

        Assert.That(exception!.IsAmbiguous, Is.True);
        Assert.That(Emulator.ChargeIds, Has.Count.EqualTo(1), "the create was sent once, never retried");
        Assert.That(found.Select(c => c.Id), Is.EqualTo(Emulator.ChargeIds));
    }

    [Test]
    public async Task DroppedCreate_IsAmbiguous_AndNotRetried()
    {
        Emulator.AddFault(new FaultRule { Kind = FaultKind.DropConnection, Method = "POST", Path = "/charges" });

        var exception = Assert.CatchAsync<OpnException>(() => _client.CreateChargeAsync(_credentials, NewRequest(Guid.NewGuid())));
        await Task.Yield();

        Assert.That(exception!.IsAmbiguous, Is.True);
        Assert.That(Emulator.ChargeIds, Is.Empty);
    }

    [Test]
    public async Task WebhookSignatureVerifier_AcceptsTheEmulatorsDeliveries_AndRejectsTamperedOnes()
    {
        await using var listener = await WebhookListener.StartAsync();
        var verifier = new WebhookSignatureVerifier();
        var secret = Emulator.WebhookSecret;
        listener.Responder = r => Task.FromResult(verifier.Verify(r.Signature, r.Timestamp, r.Body, secret).IsValid ? 200 : 401);
        Emulator.ConfigureWebhooks(new[] { listener.Url });
        Emulator.AddFault(new FaultRule { Kind = FaultKind.TamperedSignature, EventKey = OpnEventKeys.ChargeComplete, Count = 1 });

        var charge = await _client.CreateChargeAsync(_credentials, NewRequest(Guid.NewGuid()));
        Emulator.CompleteCharge(charge.Id);
        var received = await listener.WaitForAsync(r => r.ChargeId == charge.Id, count: 3);

        var create = received.Single(r => r.EventKey == OpnEventKeys.ChargeCreate);
        var completes = received.Where(r => r.EventKey == OpnEventKeys.ChargeComplete).OrderBy(r => r.Sequence).ToList();
        Assert.That(create.AnsweredStatus, Is.EqualTo(200));
        Assert.That(verifier.Verify(completes[0].Signature, completes[0].Timestamp, completes[0].Body, secret).Failure, Is.EqualTo(WebhookSignatureFailure.Mismatch));
        Assert.That(completes[1].AnsweredStatus, Is.EqualTo(200), "the retry is signed correctly");

        var parsed = OpnJson.ParseEvent(System.Text.Encoding.UTF8.GetString(completes[1].Body));
        Assert.That(parsed.Charge?.Status, Is.EqualTo(OpnChargeStatuses.Successful));
    }

    /// <summary>Hands out HttpClients over the plugin's own primary handler, as the host's factory would</summary>
    private sealed class PrimaryHandlerFactory : IHttpClientFactory, IDisposable
    {
        private readonly HttpMessageHandler _handler;

        public PrimaryHandlerFactory(OpnClientOptions options)
        {
            _handler = OpnClient.CreatePrimaryHandler(options);
        }

        public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

        public void Dispose() => _handler.Dispose();
    }
}
