using Moq;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Tests.Flow;

[TestFixture]
public class KmaStartPaymentTests
{
    private static void VerifyCreated(CheckoutHarness harness, int times)
    {
        harness.Opn.Verify(client => client.CreateChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<CreateKmaChargeRequest>(), It.IsAny<CancellationToken>()),
            Times.Exactly(times));
    }

    [Test]
    public async Task TheFirstCallCreatesOneChargeWithEverythingTheContractAsksFor()
    {
        var harness = new CheckoutHarness();

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 1);
        var request = harness.CreateRequests.Single();
        var token = harness.Attribute(KmaDefaults.OrderAttributes.ReturnToken);
        Assert.Multiple(() =>
        {
            Assert.That(request.Amount, Is.EqualTo(150000));
            Assert.That(request.Currency, Is.EqualTo("THB"));
            Assert.That(request.PlatformType, Is.EqualTo("IOS"));
            Assert.That(token, Has.Length.GreaterThanOrEqualTo(40));
            Assert.That(request.ReturnUri, Is.EqualTo($"https://shop.example/Plugins/PaymentKma/Return?orderGuid={harness.Order.OrderGuid}&token={token}"));
            Assert.That(request.Metadata["order_id"], Is.EqualTo("7"));
            Assert.That(request.Metadata["order_guid"], Is.EqualTo(harness.Order.OrderGuid.ToString()));
            Assert.That(request.Metadata["custom_order_number"], Is.EqualTo("7"));
            Assert.That(request.Metadata["store_id"], Is.EqualTo("1"));
            Assert.That(request.Metadata["attempt"], Is.EqualTo("1"));
            Assert.That(request.Description, Does.Contain("7"));
            Assert.That(request.WebhookEndpoints, Is.EqualTo(new[] { "https://shop.example/Plugins/PaymentKma/Webhook" }));
            Assert.That(harness.LockKeys, Is.EqualTo(new[] { KmaDefaults.OrderLockKey(7) }));
        });

        var charge = result.Charge;
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.Redirect));
            Assert.That(result.RedirectUrl, Is.EqualTo(charge.AuthorizeUri), "a phone goes straight to the app");
            Assert.That(harness.Order.AuthorizationTransactionId, Is.EqualTo(charge.Id));
            Assert.That(harness.SavedChargeIds, Is.EqualTo(new[] { charge.Id }), "the charge id is saved on the order");
            Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.ChargeAttempt), Is.EqualTo("1"));
            Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.ChargeAmountSatang), Is.EqualTo("150000"));
            Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.ChargeLivemode), Is.EqualTo("false"));
            Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.AuthorizeUri), Is.EqualTo(charge.AuthorizeUri));
            Assert.That(DateTime.Parse(harness.Attribute(KmaDefaults.OrderAttributes.ChargeExpiresAtUtc)).ToUniversalTime(),
                Is.EqualTo(charge.ExpiresAt.Value).Within(TimeSpan.FromSeconds(1)));
            Assert.That(harness.Notes, Has.Some.Contains(charge.Id));
            Assert.That(harness.Written, Has.None.Contains(CheckoutHarness.SecretKey));
        });
    }

    [Test]
    public async Task NoWebhookEndpointWhenDynamicWebhooksAreOff()
    {
        var harness = new CheckoutHarness();
        harness.Settings.UseDynamicWebhooks = false;

        await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.That(harness.CreateRequests.Single().WebhookEndpoints, Is.Empty);
    }

    [Test]
    public async Task ADesktopShopperGoesToThePayOnYourPhonePage()
    {
        var harness = new CheckoutHarness();

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.DesktopUserAgent);

        var token = harness.Attribute(KmaDefaults.OrderAttributes.ReturnToken);
        Assert.That(harness.CreateRequests.Single().PlatformType, Is.EqualTo("WEB"));
        Assert.That(result.RedirectUrl, Is.EqualTo($"https://shop.example/Plugins/PaymentKma/Pay?orderGuid={harness.Order.OrderGuid}&token={token}"));
    }

    [Test]
    public async Task AUsdOrderIsChargedInSatangAtTheThbRate()
    {
        var harness = new CheckoutHarness();
        harness.CurrencySettings.PrimaryStoreCurrencyId = harness.Usd.Id;
        harness.Thb.Rate = 35.123m;
        harness.StoreCurrencies = [harness.Usd, harness.Thb];
        harness.Order.OrderTotal = 100m;
        harness.Order.CustomerCurrencyCode = "USD";

        await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.That(harness.CreateRequests.Single().Amount, Is.EqualTo(351230));
        Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.ChargeAmountSatang), Is.EqualTo("351230"));
    }

    [Test]
    public async Task AShopperWhoSawThbIsChargedWhatTheySaw()
    {
        var harness = new CheckoutHarness();
        harness.CurrencySettings.PrimaryStoreCurrencyId = harness.Usd.Id;
        harness.Thb.Rate = 99m; //today's rate differs from the order's
        harness.StoreCurrencies = [harness.Usd, harness.Thb];
        harness.Order.OrderTotal = 100m;
        harness.Order.CustomerCurrencyCode = "THB";
        harness.Order.CurrencyRate = 34.5m;

        await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.That(harness.CreateRequests.Single().Amount, Is.EqualTo(345000));
    }

    [Test]
    public async Task APendingValidChargeIsReusedAndNoSecondOneIsCreated()
    {
        var harness = new CheckoutHarness();
        var existing = harness.GiveOrderCharge(harness.NewCharge());

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        harness.Opn.Verify(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(result.RedirectUrl, Is.EqualTo(existing.AuthorizeUri));
        Assert.That(harness.Order.AuthorizationTransactionId, Is.EqualTo(existing.Id));
    }

    [Test]
    public async Task CallingTwiceGivesTheSameCharge()
    {
        var harness = new CheckoutHarness();
        var service = harness.CreateService();

        var first = await service.StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);
        harness.Opn.Setup(client => client.GetChargeAsync(It.IsAny<OpnCredentials>(), first.Charge.Id, It.IsAny<CancellationToken>())).ReturnsAsync(first.Charge);
        var second = await service.StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 1);
        Assert.That(second.RedirectUrl, Is.EqualTo(first.RedirectUrl));
    }

    [Test]
    public async Task APendingChargeAboutToExpireIsExpiredAndTheNextAttemptCreated()
    {
        var harness = new CheckoutHarness();
        var old = harness.GiveOrderCharge(harness.NewCharge(expiresIn: TimeSpan.FromSeconds(30)));
        harness.Opn.Setup(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), old.Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => { old.Status = OpnChargeStatuses.Expired; return old; });

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        harness.Opn.Verify(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), old.Id, It.IsAny<CancellationToken>()), Times.Once);
        VerifyCreated(harness, 1);
        Assert.Multiple(() =>
        {
            Assert.That(harness.CreateRequests.Single().Metadata["attempt"], Is.EqualTo("2"));
            Assert.That(harness.Order.AuthorizationTransactionId, Is.EqualTo(result.Charge.Id).And.Not.EqualTo(old.Id));
            Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.ChargeAttempt), Is.EqualTo("2"));
            Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.PreviousChargeIds), Is.EqualTo(old.Id));
            Assert.That(harness.CreateRequests.Single().ReturnUri, Does.Contain("existing-token-value-0123456789abcdef"), "the order keeps its token");
        });
    }

    [Test]
    public async Task APendingChargeForAnotherAmountIsReplaced()
    {
        var harness = new CheckoutHarness();
        var old = harness.GiveOrderCharge(harness.NewCharge(amount: 140000)); //e.g. created at another exchange rate
        harness.Opn.Setup(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), old.Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => { old.Status = OpnChargeStatuses.Expired; return old; });

        await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        harness.Opn.Verify(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), old.Id, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(harness.CreateRequests.Single().Amount, Is.EqualTo(150000));
    }

    [Test]
    public async Task AFailedChargeIsFollowedByTheNextAttemptWithoutExpiringAnything()
    {
        var harness = new CheckoutHarness();
        harness.Attributes.Values[(harness.Order.Id, KmaDefaults.OrderAttributes.LastFailureCode)] = OpnFailureCodes.InsufficientFund;
        var old = harness.GiveOrderCharge(harness.NewCharge(status: OpnChargeStatuses.Failed));

        await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        harness.Opn.Verify(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        VerifyCreated(harness, 1);
        Assert.That(harness.CreateRequests.Single().Metadata["attempt"], Is.EqualTo("2"));
        Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.PreviousChargeIds), Is.EqualTo(old.Id));
        Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.LastFailureCode), Is.Null, "the new attempt starts without the old failure");
    }

    [Test]
    public async Task AChargeForAnotherPlatformIsReplaced()
    {
        var harness = new CheckoutHarness();
        var old = harness.GiveOrderCharge(harness.NewCharge(platformType: OpnPlatformTypes.Web));
        harness.Opn.Setup(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), old.Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => { old.Status = OpnChargeStatuses.Expired; return old; });

        await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        harness.Opn.Verify(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), old.Id, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(harness.CreateRequests.Single().PlatformType, Is.EqualTo("IOS"));
    }

    [Test]
    public async Task ASuccessfulChargeIsNeverFollowedByAnother()
    {
        var harness = new CheckoutHarness();
        harness.GiveOrderCharge(harness.NewCharge(status: OpnChargeStatuses.Successful));

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.AlreadyPaid));
        Assert.That(result.RedirectUrl, Does.StartWith("https://shop.example/Plugins/PaymentKma/Return?orderGuid="));
    }

    [Test]
    public async Task AChargePaidWhileBeingExpiredIsNotReplaced()
    {
        var harness = new CheckoutHarness();
        var old = harness.GiveOrderCharge(harness.NewCharge(expiresIn: TimeSpan.FromSeconds(10)));
        harness.Opn.Setup(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), old.Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => { old.Status = OpnChargeStatuses.Successful; return old; });

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.AlreadyPaid));
    }

    [Test]
    public async Task WhenTheCurrentChargeCannotBeReadNoNewOneIsCreated()
    {
        var harness = new CheckoutHarness();
        var old = harness.GiveOrderCharge(harness.NewCharge());
        harness.Opn.Setup(client => client.GetChargeAsync(It.IsAny<OpnCredentials>(), old.Id, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnTransportException("connection refused", isTimeout: false));

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.Failed));
        Assert.That(result.MessageResourceKey, Is.EqualTo("Plugins.Payments.Kma.Checkout.RetryLater"));
        Assert.That(harness.Order.AuthorizationTransactionId, Is.EqualTo(old.Id));
    }

    [Test]
    public async Task WhenThePendingChargeCannotBeExpiredNoNewOneIsCreated()
    {
        var harness = new CheckoutHarness();
        var old = harness.GiveOrderCharge(harness.NewCharge(expiresIn: TimeSpan.FromSeconds(30)));
        harness.Opn.Setup(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), old.Id, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnApiException(503, "service_unavailable", "try later", null));

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.Failed));
    }

    [Test]
    public async Task AnAmbiguousCreateAdoptsTheChargeOpnMadeAndNeverCreatesASecond()
    {
        var harness = new CheckoutHarness();
        var madeAnyway = harness.NewCharge();
        harness.Opn.Setup(client => client.CreateChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<CreateKmaChargeRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnTransportException("timed out", isTimeout: true));
        harness.Opn.Setup(client => client.FindChargesByOrderAsync(It.IsAny<OpnCredentials>(), harness.Order.OrderGuid, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new List<OpnCharge> { madeAnyway });

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 1);
        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.Redirect));
        Assert.That(result.RedirectUrl, Is.EqualTo(madeAnyway.AuthorizeUri));
        Assert.That(harness.Order.AuthorizationTransactionId, Is.EqualTo(madeAnyway.Id));
        Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.ChargeAmountSatang), Is.EqualTo("150000"));
    }

    [Test]
    public async Task AnAmbiguousCreateWithNothingFoundAsksTheShopperToRetryAndTheRetryLooksFirst()
    {
        var harness = new CheckoutHarness();
        harness.Opn.Setup(client => client.CreateChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<CreateKmaChargeRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnApiException(502, "bad_gateway", "upstream failed", null));

        var first = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 1);
        Assert.That(first.Outcome, Is.EqualTo(KmaCheckoutOutcome.Failed));
        Assert.That(first.MessageResourceKey, Is.EqualTo("Plugins.Payments.Kma.Checkout.RetryLater"));
        Assert.That(harness.Order.AuthorizationTransactionId, Is.Null);
        Assert.That(harness.Notes, Has.Some.Contains("no second charge"));

        //the charge did exist after all: the retry finds and adopts it instead of creating a second one
        var lateArrival = harness.NewCharge();
        harness.Opn.Setup(client => client.FindChargesByOrderAsync(It.IsAny<OpnCredentials>(), harness.Order.OrderGuid, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new List<OpnCharge> { lateArrival });

        var retry = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 1);
        Assert.That(retry.RedirectUrl, Is.EqualTo(lateArrival.AuthorizeUri));
        Assert.That(harness.Order.AuthorizationTransactionId, Is.EqualTo(lateArrival.Id));
    }

    [Test]
    public async Task ARetryAfterAnAmbiguousCreateUsesTheNextAttemptNumber()
    {
        var harness = new CheckoutHarness();
        harness.Opn.Setup(client => client.CreateChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<CreateKmaChargeRequest>(), It.IsAny<CancellationToken>()))
            .Callback((OpnCredentials _, CreateKmaChargeRequest request, CancellationToken _) => harness.CreateRequests.Add(request))
            .ThrowsAsync(new OpnTransportException("timed out", isTimeout: true));
        await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        harness.Opn.Setup(client => client.CreateChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<CreateKmaChargeRequest>(), It.IsAny<CancellationToken>()))
            .Callback((OpnCredentials _, CreateKmaChargeRequest request, CancellationToken _) => harness.CreateRequests.Add(request))
            .ReturnsAsync(() => harness.NewCharge(attempt: 2));
        var retry = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.That(harness.CreateRequests.Select(request => request.Metadata["attempt"]), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(retry.Outcome, Is.EqualTo(KmaCheckoutOutcome.Redirect));
    }

    [Test]
    public async Task AnUnknownPendingChargeFoundOnReentryIsAdoptedAndAStaleOneExpired()
    {
        var harness = new CheckoutHarness();
        var current = harness.GiveOrderCharge(harness.NewCharge(status: OpnChargeStatuses.Failed));
        var stale = harness.NewCharge(attempt: 2, expiresIn: TimeSpan.FromSeconds(20));
        var live = harness.NewCharge(attempt: 3);
        harness.Opn.Setup(client => client.FindChargesByOrderAsync(It.IsAny<OpnCredentials>(), harness.Order.OrderGuid, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new List<OpnCharge> { live, stale, current });
        harness.Opn.Setup(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), stale.Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => { stale.Status = OpnChargeStatuses.Expired; return stale; });

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        harness.Opn.Verify(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), stale.Id, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(result.RedirectUrl, Is.EqualTo(live.AuthorizeUri));
        Assert.That(harness.Order.AuthorizationTransactionId, Is.EqualTo(live.Id));
        Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.ChargeAttempt), Is.EqualTo("3"));
        Assert.That(harness.Attribute(KmaDefaults.OrderAttributes.PreviousChargeIds).Split(','), Is.EquivalentTo(new[] { current.Id, stale.Id }));
    }

    [Test]
    public async Task AnOpnFailureLeavesTheOrderPayableWithANoteAndNoSecret()
    {
        var harness = new CheckoutHarness();
        harness.Opn.Setup(client => client.CreateChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<CreateKmaChargeRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnApiException(400, "invalid_charge", "amount is invalid", null));

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.Failed));
            Assert.That(result.MessageResourceKey, Is.EqualTo("Plugins.Payments.Kma.Checkout.PaymentUnavailable"));
            Assert.That(harness.Order.PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
            Assert.That(harness.Order.OrderStatus, Is.EqualTo(OrderStatus.Pending));
            Assert.That(harness.Order.AuthorizationTransactionId, Is.Null);
            Assert.That(harness.Notes, Has.Some.Contains("invalid_charge"));
            Assert.That(harness.Logs, Has.Some.Contains("invalid_charge"));
            Assert.That(harness.Written, Has.None.Contains(CheckoutHarness.SecretKey));
            Assert.That(harness.Written, Has.None.Contains("skey_"));
        });
    }

    [Test]
    public async Task AnUnexpectedErrorIsLoggedAndNeverReachesTheShopper()
    {
        var harness = new CheckoutHarness();
        harness.OrderService.Setup(service => service.GetOrderByIdAsync(It.IsAny<int>())).ThrowsAsync(new InvalidOperationException("database is gone"));

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.Failed));
        Assert.That(harness.Logs, Has.Some.Contains("database is gone"));
    }

    [Test]
    public async Task ABusyOrderLockCreatesNothing()
    {
        var harness = new CheckoutHarness { LockHeld = true };

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.Failed));
        Assert.That(result.MessageResourceKey, Is.EqualTo("Plugins.Payments.Kma.Checkout.Busy"));
        Assert.That(harness.LockKeys, Has.Count.EqualTo(5).And.All.EqualTo(KmaDefaults.OrderLockKey(7)));
    }

    [Test]
    public async Task AnotherWebNodeHoldingThePaymentClaimCreatesNothing()
    {
        //the order lock is no help across nodes; the claim in the shared database is
        var harness = new CheckoutHarness();
        harness.Database.PluginTable<Nop.Plugin.Payments.Kma.Domain.KmaPaymentClaim>()
            .Insert(new Nop.Plugin.Payments.Kma.Domain.KmaPaymentClaim { OrderId = 7, Holder = "other-node/1/0", TakenOnUtc = DateTime.UtcNow });

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.Failed));
        Assert.That(result.MessageResourceKey, Is.EqualTo("Plugins.Payments.Kma.Checkout.Busy"));
    }

    [Test]
    public async Task StartingAPaymentReleasesItsClaim()
    {
        var harness = new CheckoutHarness();

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 1);
        Assert.That(result.Outcome, Is.Not.EqualTo(KmaCheckoutOutcome.Failed));
        Assert.That(harness.Database.PluginTable<Nop.Plugin.Payments.Kma.Domain.KmaPaymentClaim>().Count, Is.Zero);
    }

    [Test]
    public async Task APaidOrderIsNotChargedAgain()
    {
        var harness = new CheckoutHarness();
        harness.Order.PaymentStatus = PaymentStatus.Paid;

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.AlreadyPaid));
    }

    [Test]
    public async Task ACancelledOrderIsNotCharged()
    {
        var harness = new CheckoutHarness();
        harness.Order.OrderStatus = OrderStatus.Cancelled;

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        Assert.That(result.MessageResourceKey, Is.EqualTo("Plugins.Payments.Kma.Checkout.OrderCancelled"));
    }

    [Test]
    public async Task AnOrderOutsideTheLimitsIsNotCharged()
    {
        var harness = new CheckoutHarness();
        harness.Order.OrderTotal = 150000.01m;

        var result = await harness.CreateService().StartPaymentAsync(harness.Order, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.Failed));
    }

    [Test]
    public async Task TheOrderIsReReadUnderTheLock()
    {
        var harness = new CheckoutHarness();
        var stale = new Order { Id = harness.Order.Id, OrderGuid = harness.Order.OrderGuid, PaymentStatus = PaymentStatus.Pending };
        harness.Order.PaymentStatus = PaymentStatus.Paid; //paid by a webhook meanwhile

        var result = await harness.CreateService().StartPaymentAsync(stale, CheckoutHarness.IphoneUserAgent);

        VerifyCreated(harness, 0);
        Assert.That(result.Outcome, Is.EqualTo(KmaCheckoutOutcome.AlreadyPaid));
    }
}
