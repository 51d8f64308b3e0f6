using Moq;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Tests.Flow;

/// <summary>
/// Opn saying it is overloaded is told as "busy", not as "did not answer in time"
/// </summary>
[TestFixture]
public class KmaCheckoutBusyTests
{
    [TestCase(503)]
    [TestCase(429)]
    public async Task AnOverloadedPaymentServiceIsDescribedAsBusy(int statusCode)
    {
        var harness = new CheckoutHarness();
        harness.Opn.Setup(client => client.CreateChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<CreateKmaChargeRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnApiException(statusCode, "service_unavailable", "try later", null));

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.Failed));
        Assert.That(result.MessageResourceKey, Is.EqualTo("Plugins.Payments.Kma.Checkout.ServiceBusy"));
    }

    [Test]
    public async Task ATimeoutIsStillDescribedAsNoAnswerInTime()
    {
        var harness = new CheckoutHarness();
        harness.Opn.Setup(client => client.CreateChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<CreateKmaChargeRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnTransportException("timed out", isTimeout: true));

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.That(result.MessageResourceKey, Is.EqualTo("Plugins.Payments.Kma.Checkout.RetryLater"));
    }
}
