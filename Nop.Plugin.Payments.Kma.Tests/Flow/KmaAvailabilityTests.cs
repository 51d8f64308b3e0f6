using Moq;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Services.Payments;

namespace Nop.Plugin.Payments.Kma.Tests.Flow;

[TestFixture]
public class KmaAvailabilityTests
{
    private static readonly IList<ShoppingCartItem> _cart = new List<ShoppingCartItem> { new() { Id = 1, Quantity = 1 } };

    private static OpnCapability Capability(params string[] methods)
    {
        var capability = new OpnCapability { Country = "TH" };
        foreach (var method in methods)
            capability.PaymentMethods.Add(new OpnPaymentMethod { Name = method, Currencies = { "THB" } });
        return capability;
    }

    [Test]
    public async Task ShownForAThbCartWithinTheLimits()
    {
        var harness = new CheckoutHarness { CartTotal = 1500m };

        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.True);
    }

    [TestCase(null, "skey_test_x")]
    [TestCase("pkey_test_x", null)]
    [TestCase("", "")]
    public async Task HiddenWithoutKeys(string publicKey, string secretKey)
    {
        var harness = new CheckoutHarness();
        harness.Settings.PublicKey = publicKey;
        harness.Settings.SecretKey = secretKey;

        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.False);
    }

    [TestCase(19.99, false)]
    [TestCase(20.00, true)]
    [TestCase(150000.00, true)]
    [TestCase(150000.01, false)]
    public async Task HiddenOutsideTwentyToOneHundredFiftyThousandBaht(decimal total, bool shown)
    {
        var harness = new CheckoutHarness { CartTotal = total };

        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.EqualTo(shown));
    }

    [Test]
    public async Task TheMethodsOwnFeeCountsTowardsTheLimit()
    {
        var harness = new CheckoutHarness { CartTotal = 19m };
        harness.Settings.AdditionalFee = 2m;

        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.True, "฿19 + ฿2 fee = ฿21");
        harness.OrderTotals.Verify(service => service.GetShoppingCartTotalAsync(_cart, It.IsAny<bool?>(), false), Times.Once);
    }

    [TestCase(50, true)]       // $50 × 35 = ฿1,750
    [TestCase(0.5, false)]     // $0.50 × 35 = ฿17.50
    [TestCase(4300, false)]    // $4,300 × 35 = ฿150,500
    public async Task AUsdStoreConvertsTheCartToThbBeforeTheLimits(decimal usdTotal, bool shown)
    {
        var harness = new CheckoutHarness { CartTotal = usdTotal };
        harness.CurrencySettings.PrimaryStoreCurrencyId = harness.Usd.Id;
        harness.Thb.Rate = 35m;
        harness.StoreCurrencies = [harness.Usd, harness.Thb];

        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.EqualTo(shown));
        harness.CurrencyService.Verify(service => service.ConvertFromPrimaryStoreCurrencyAsync(usdTotal, harness.Thb), Times.Once);
    }

    [Test]
    public async Task HiddenWhenThbIsNotACurrencyOfTheStore()
    {
        var harness = new CheckoutHarness { CartTotal = 50m };
        harness.CurrencySettings.PrimaryStoreCurrencyId = harness.Usd.Id;
        harness.StoreCurrencies = [harness.Usd];

        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.False);
    }

    [Test]
    public async Task TheCapabilityIsNotAskedWhenTheCheckIsOff()
    {
        var harness = new CheckoutHarness();

        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.True);
        harness.Opn.Verify(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task HiddenWhenTheCapabilityLacksKma()
    {
        var harness = new CheckoutHarness();
        harness.Settings.CheckCapability = true;
        harness.Opn.Setup(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Capability("promptpay", "mobile_banking_kbank"));

        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.False);
    }

    [Test]
    public async Task TheCapabilityIsAskedOncePerStoreAndThenCached()
    {
        var harness = new CheckoutHarness();
        harness.Settings.CheckCapability = true;
        harness.Opn.Setup(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Capability("mobile_banking_bay"));

        for (var i = 0; i < 5; i++)
            Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.True);
        harness.Opn.Verify(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()), Times.Once);

        harness.Store = new Nop.Core.Domain.Stores.Store { Id = 2, Url = "https://second.example/" };
        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.True);
        harness.Opn.Verify(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task AnOpnOutageKeepsTheMethodShownAndIsNotRetriedOnEveryRequest()
    {
        var harness = new CheckoutHarness();
        harness.Settings.CheckCapability = true;
        harness.Opn.Setup(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnTransportException("timed out", isTimeout: true));

        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.True);
        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.True);
        harness.Opn.Verify(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task AnOutageAfterAKnownNoKeepsTheMethodHidden()
    {
        var harness = new CheckoutHarness();
        harness.Settings.CheckCapability = true;
        harness.Opn.Setup(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Capability("promptpay"));
        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.False);

        //the positive cache entry lapses; the "last known" answer stays
        harness.MemoryCache.Remove($"Nop.Plugin.Payments.Kma.capability-1-{harness.Settings.PublicKey}-{harness.Settings.ApiBaseUrl}");
        harness.Opn.Setup(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnApiException(503, "service_unavailable", "down", null));

        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.False);
    }

    [Test]
    public async Task RefusedKeysHideTheMethod()
    {
        var harness = new CheckoutHarness();
        harness.Settings.CheckCapability = true;
        harness.Opn.Setup(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnApiException(401, "authentication_failure", "authentication failed", null));

        Assert.That(await harness.CreateService().IsAvailableAsync(_cart), Is.False);
        Assert.That(harness.Logs, Has.None.Contains(CheckoutHarness.SecretKey));
    }

    [Test]
    public async Task TheFeeIsFixedOrAPercentageThroughNopCommercesCalculation()
    {
        var harness = new CheckoutHarness { CartTotal = 1000m };
        harness.Settings.AdditionalFee = 10m;

        Assert.That(await harness.CreateService().GetAdditionalFeeAsync(_cart), Is.EqualTo(10m));

        harness.Settings.AdditionalFeePercentage = true;
        Assert.That(await harness.CreateService().GetAdditionalFeeAsync(_cart), Is.EqualTo(100m));
        harness.OrderTotals.Verify(service => service.CalculatePaymentAdditionalFeeAsync(_cart, 10m, true), Times.Once);
    }

    [Test]
    public async Task PlacingAnOrderOutsideTheLimitsGivesAClearError()
    {
        var harness = new CheckoutHarness();
        harness.Localization.Setup(service => service.GetResourceAsync("Plugins.Payments.Kma.Checkout.AmountOutOfRange"))
            .ReturnsAsync("KMA takes ฿20.00 to ฿150,000.00; this order is {0}.");

        var result = await harness.CreateService().ValidatePaymentAsync(new ProcessPaymentRequest { StoreId = 1, OrderTotal = 15m });

        Assert.That(result.Success, Is.False);
        Assert.That(result.Errors.Single(), Is.EqualTo("KMA takes ฿20.00 to ฿150,000.00; this order is ฿15.00."));
    }

    [Test]
    public async Task PlacingAnOrderWithinTheLimitsStaysPending()
    {
        var harness = new CheckoutHarness();

        var result = await harness.CreateService().ValidatePaymentAsync(new ProcessPaymentRequest { StoreId = 1, OrderTotal = 1500m });

        Assert.That(result.Success, Is.True);
        Assert.That(result.NewPaymentStatus, Is.EqualTo(Nop.Core.Domain.Payments.PaymentStatus.Pending));
    }

    [Test]
    public async Task PlacingAnOrderWithoutKeysOrThbFails()
    {
        var harness = new CheckoutHarness();
        harness.Settings.SecretKey = null;
        var noKeys = await harness.CreateService().ValidatePaymentAsync(new ProcessPaymentRequest { StoreId = 1, OrderTotal = 1500m });
        Assert.That(noKeys.Errors, Is.EqualTo(new[] { "text:Plugins.Payments.Kma.Checkout.NotConfigured" }));

        harness.Settings.SecretKey = CheckoutHarness.SecretKey;
        harness.CurrencySettings.PrimaryStoreCurrencyId = harness.Usd.Id;
        harness.StoreCurrencies = [harness.Usd];
        var noThb = await harness.CreateService().ValidatePaymentAsync(new ProcessPaymentRequest { StoreId = 1, OrderTotal = 50m });
        Assert.That(noThb.Errors, Is.EqualTo(new[] { "text:Plugins.Payments.Kma.Checkout.ThbUnavailable" }));
    }
}
