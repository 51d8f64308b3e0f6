using Microsoft.Extensions.DependencyInjection;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Flow;

/// <summary>
/// The checkout service with the real Opn client against the OpnEmulator: what Opn ends up holding
/// </summary>
[TestFixture]
[Category("Integration")]
public class KmaCheckoutEmulatorTests
{
    private EmulatorHost _emulator;
    private ServiceProvider _services;
    private OpnClient _opnClient;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions());
        var options = new OpnClientOptions
        {
            CreateChargeTimeout = TimeSpan.FromSeconds(2),
            RequestTimeout = TimeSpan.FromSeconds(5),
            BaseRetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50)
        };
        var collection = new ServiceCollection();
        collection.AddHttpClient(OpnClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => OpnClient.CreatePrimaryHandler(options));
        _services = collection.BuildServiceProvider();
        _opnClient = new OpnClient(_services.GetRequiredService<IHttpClientFactory>(), options);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _services?.Dispose();
        if (_emulator != null)
            await _emulator.DisposeAsync();
    }

    [SetUp]
    public void Reset() => _emulator.Reset();

    private CheckoutHarness Harness()
    {
        var harness = new CheckoutHarness { Clock = _emulator.Clock };
        harness.Settings.PublicKey = _emulator.PublicKey;
        harness.Settings.SecretKey = _emulator.SecretKey;
        harness.Settings.ApiBaseUrl = _emulator.BaseAddress.ToString();
        harness.Settings.UseDynamicWebhooks = false;
        return harness;
    }

    private OpnCredentials Credentials => new(_emulator.PublicKey, _emulator.SecretKey, _emulator.BaseAddress.ToString());

    [Test]
    public async Task OneOrderGetsOneChargeWithItsMetadataEvenWhenAskedTwice()
    {
        var harness = Harness();
        var service = harness.CreateService(_opnClient);

        var first = await service.StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);
        var second = await service.StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.That(first.Outcome, Is.EqualTo(KmaCheckoutOutcome.Redirect));
        Assert.That(second.RedirectUrl, Is.EqualTo(first.RedirectUrl));
        Assert.That(_emulator.ChargeIds, Has.Count.EqualTo(1));
        var charge = await _opnClient.GetChargeAsync(Credentials, harness.Order.AuthorizationTransactionId);
        Assert.Multiple(() =>
        {
            Assert.That(charge.Status, Is.EqualTo("pending"));
            Assert.That(charge.Amount, Is.EqualTo(150000));
            Assert.That(charge.Currency, Is.EqualTo("THB"));
            Assert.That(charge.Source.Type, Is.EqualTo("mobile_banking_bay"));
            Assert.That(charge.Source.PlatformType, Is.EqualTo("IOS"));
            Assert.That(charge.Metadata["order_guid"], Is.EqualTo(harness.Order.OrderGuid.ToString()));
            Assert.That(charge.Metadata["attempt"], Is.EqualTo("1"));
            Assert.That(charge.ReturnUri, Does.StartWith("https://shop.example/Plugins/PaymentKma/Return?orderGuid="));
            Assert.That(first.RedirectUrl, Is.EqualTo(charge.AuthorizeUri));
        });
    }

    [Test]
    public async Task RetryAfterAFailureCreatesTheSecondAttempt()
    {
        var harness = Harness();
        var service = harness.CreateService(_opnClient);
        await service.StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);
        var firstId = harness.Order.AuthorizationTransactionId;
        Assert.That(_emulator.FailCharge(firstId, OpnFailureCodes.InsufficientFund), Is.True);

        await service.StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        var secondId = harness.Order.AuthorizationTransactionId;
        var second = await _opnClient.GetChargeAsync(Credentials, secondId);
        Assert.That(secondId, Is.Not.EqualTo(firstId));
        Assert.That(second.Metadata["attempt"], Is.EqualTo("2"));
        Assert.That(_emulator.GetChargeStatus(firstId), Is.EqualTo("failed"));
        Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.PreviousChargeIds), Is.EqualTo(firstId));
    }

    [Test]
    public async Task ACompletePaymentOnAnotherDeviceExpiresTheFirstChargeAtOpn()
    {
        var harness = Harness();
        var service = harness.CreateService(_opnClient);
        await service.StartPaymentAsync(harness.Order, CheckoutHarness.DesktopUserAgent);
        var firstId = harness.Order.AuthorizationTransactionId;

        var phone = await service.StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.That(_emulator.GetChargeStatus(firstId), Is.EqualTo("expired"), "never two live charges for one order");
        Assert.That(harness.Order.AuthorizationTransactionId, Is.Not.EqualTo(firstId));
        Assert.That(_emulator.GetChargeStatus(harness.Order.AuthorizationTransactionId), Is.EqualTo("pending"));
        Assert.That(phone.RedirectUrl, Is.EqualTo(phone.Charge.AuthorizeUri));
    }

    [Test]
    public async Task AChargeNearItsExpiryIsReplaced()
    {
        var harness = Harness();
        var service = harness.CreateService(_opnClient);
        await service.StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);
        var firstId = harness.Order.AuthorizationTransactionId;

        _emulator.AdvanceClock(TimeSpan.FromMinutes(14));
        await service.StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.That(harness.Order.AuthorizationTransactionId, Is.Not.EqualTo(firstId));
        Assert.That(_emulator.GetChargeStatus(firstId), Is.EqualTo("expired"));
        Assert.That(_emulator.ChargeIds, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task AnAmbiguousCreateIsAdoptedNotRepeated()
    {
        var harness = Harness();
        _emulator.AddFault(new FaultRule { Kind = FaultKind.AmbiguousCreate, Method = "POST", Path = "/charges", Count = 1, Delay = TimeSpan.FromSeconds(3) });

        var result = await harness.CreateService(_opnClient).StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.That(_emulator.ChargeIds, Has.Count.EqualTo(1), "the charge Opn made was found, not made again");
        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.Redirect));
        Assert.That(harness.Order.AuthorizationTransactionId, Is.EqualTo(_emulator.ChargeIds.Single()));
    }

    [Test]
    public async Task AnOpnOutageLeavesTheOrderPayableAndTheNextTryWorks()
    {
        var harness = Harness();
        _emulator.AddFault(new FaultRule { Kind = FaultKind.Status, Status = 503, Method = "POST", Path = "/charges" });

        var failed = await harness.CreateService(_opnClient).StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.That(failed.Outcome, Is.EqualTo(KmaCheckoutOutcome.Failed));
        Assert.That(_emulator.ChargeIds, Is.Empty);
        Assert.That(harness.Written, Has.None.Contains(_emulator.SecretKey));

        _emulator.ClearFaults();
        var retry = await harness.CreateService(_opnClient).StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.That(retry.Outcome, Is.EqualTo(KmaCheckoutOutcome.Redirect));
        Assert.That(_emulator.ChargeIds, Has.Count.EqualTo(1));
    }
}
