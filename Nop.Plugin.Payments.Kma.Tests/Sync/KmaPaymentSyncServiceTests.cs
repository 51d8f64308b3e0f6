using Moq;
using Nop.Core.Caching;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Tests.Sync;

[TestFixture]
public class KmaPaymentSyncServiceTests
{
    private SyncHarness _harness;

    [SetUp]
    public void SetUp()
    {
        _harness = new SyncHarness();
    }

    #region Status transitions

    [Test]
    public async Task SuccessfulCurrentChargeMarksTheOrderPaidAndStoresTheCapture()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));

        var result = await _harness.CreateService().SyncAsync(order, origin: KmaSyncOrigin.Webhook);

        var stored = _harness.Orders.Get(1);
        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Paid));
        Assert.That(result.OrderChanged, Is.True);
        Assert.That(result.Charge.Id, Is.EqualTo("chrg_test_1"));
        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
        Assert.That(stored.PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(stored.CaptureTransactionId, Is.EqualTo("chrg_test_1"));
        Assert.That(stored.CaptureTransactionResult, Is.EqualTo("trxn_test_chrg_test_1"));
    }

    [Test]
    public async Task PendingChargeChangesNothing()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Pending));

        var result = await _harness.CreateService().SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Pending));
        Assert.That(result.OrderChanged, Is.False);
        Assert.That(_harness.MarkPaidCalls, Is.Zero);
        Assert.That(_harness.Orders.Notes, Is.Empty);
        Assert.That(_harness.Orders.Get(1).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
    }

    [Test]
    public async Task FailedChargeIsNotedAndTheOrderStaysPayable()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Failed, failureCode: OpnFailureCodes.InsufficientFund));

        var result = await _harness.CreateService().SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Failed));
        Assert.That(_harness.NoteCount(1, "insufficient_fund - message for insufficient_fund"), Is.EqualTo(1));
        Assert.That(_harness.Attributes[1, KmaDefaults.OrderAttributes.LastFailureCode], Is.EqualTo("insufficient_fund"));
        Assert.That(_harness.CancelCalls, Is.Zero);
        Assert.That(_harness.Orders.Get(1).OrderStatus, Is.EqualTo(OrderStatus.Pending));
    }

    [Test]
    public async Task FailedChargeCancelsTheOrderWhenTheStoreChoseThat()
    {
        _harness.Settings[1].CancelOrderOnFailedCharge = true;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Failed, failureCode: OpnFailureCodes.PaymentRejected));

        var result = await _harness.CreateService().SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Failed));
        Assert.That(_harness.CancelCalls, Is.EqualTo(1));
        Assert.That(_harness.Orders.Get(1).OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
    }

    [Test]
    public async Task ExpiredChargeCancelsAPendingOrderWhenTheStoreChoseThat()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = true;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Expired));

        var result = await _harness.CreateService().SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Expired));
        Assert.That(_harness.CancelCalls, Is.EqualTo(1));
        Assert.That(_harness.Attributes[1, KmaDefaults.OrderAttributes.LastFailureCode], Is.EqualTo(OpnFailureCodes.PaymentExpired));
    }

    [Test]
    public async Task ExpiredChargeIsOnlyNotedWhenTheStoreKeepsOrders()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = false;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Expired));

        var result = await _harness.CreateService().SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Expired));
        Assert.That(_harness.CancelCalls, Is.Zero);
        Assert.That(_harness.NoteCount(1, "expired"), Is.EqualTo(1));
        Assert.That(_harness.Orders.Get(1).OrderStatus, Is.EqualTo(OrderStatus.Pending));
    }

    [Test]
    public async Task UnknownStatusIsNeverTakenAsAFailureOrExpiry()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = true;
        _harness.Settings[1].CancelOrderOnFailedCharge = true;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", "something_new"));

        var result = await _harness.CreateService().SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Unavailable));
        Assert.That(_harness.CancelCalls, Is.Zero);
        Assert.That(_harness.Orders.Get(1).OrderStatus, Is.EqualTo(OrderStatus.Pending));
    }

    #endregion

    #region Idempotency and concurrency

    [Test]
    public async Task TwoSyncsOfASuccessfulChargeMarkThePaymentOnceEvenWithAStaleOrderCopy()
    {
        var stale = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(stale, "chrg_test_1", OpnChargeStatuses.Successful));
        var service = _harness.CreateService();

        var first = await service.SyncAsync(stale, "chrg_test_1", KmaSyncOrigin.Return);
        var second = await service.SyncAsync(stale, "chrg_test_1", KmaSyncOrigin.Webhook);

        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
        Assert.That(first.Outcome, Is.EqualTo(KmaSyncOutcome.Paid));
        Assert.That(second.Outcome, Is.EqualTo(KmaSyncOutcome.Paid));
        Assert.That(second.OrderChanged, Is.False);
    }

    [Test]
    public async Task TwoDeliveriesOfAFailedChargeAddOneFailureNote()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Failed, failureCode: OpnFailureCodes.PaymentRejected));
        var service = _harness.CreateService();

        await service.SyncAsync(order, "chrg_test_1", KmaSyncOrigin.Webhook);
        var second = await service.SyncAsync(order, "chrg_test_1", KmaSyncOrigin.Webhook);

        Assert.That(_harness.NoteCount(1, "payment_rejected"), Is.EqualTo(1));
        Assert.That(second.OrderChanged, Is.False);
    }

    [Test]
    public async Task TwentyConcurrentSyncsOfAPaidChargeMarkThePaymentExactlyOnce()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));
        var service = _harness.CreateService();
        service.LockAttempts = 200;

        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await service.SyncAsync(FakeOrderStore.Copy(order), "chrg_test_1", KmaSyncOrigin.Webhook);
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(calls);

        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
        Assert.That(results.Select(result => result.Outcome), Is.All.EqualTo(KmaSyncOutcome.Paid).Or.EqualTo(KmaSyncOutcome.Busy));
        Assert.That(results.Count(result => result.OrderChanged), Is.EqualTo(1));
    }

    [Test]
    public async Task ALockerThatLetsEveryoneInStillGivesOneMarkOrderAsPaidInOneProcess()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));
        //nopCommerce's lockers check and then set; at worst they let concurrent callers in together
        var leakyLock = new Mock<ILocker>();
        leakyLock.Setup(locker => locker.PerformActionWithLockAsync(It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<Func<Task>>()))
            .Returns(async (string _, TimeSpan _, Func<Task> action) =>
            {
                await action();
                return true;
            });
        var service = _harness.CreateService(leakyLock.Object);
        service.LockAttempts = 200;

        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await service.SyncAsync(FakeOrderStore.Copy(order), "chrg_test_1", KmaSyncOrigin.Webhook);
        })).ToArray();
        start.Set();
        await Task.WhenAll(calls);

        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task HeldLockAnswersBusyAndChangesNothing()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));
        var heldLock = new Mock<ILocker>();
        heldLock.Setup(locker => locker.PerformActionWithLockAsync(It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<Func<Task>>())).ReturnsAsync(false);

        var result = await _harness.CreateService(heldLock.Object).SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Busy));
        Assert.That(_harness.MarkPaidCalls, Is.Zero);
        Assert.That(_harness.Orders.Get(1).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        heldLock.Verify(locker => locker.PerformActionWithLockAsync(KmaDefaults.OrderLockKey(1), It.IsAny<TimeSpan>(), It.IsAny<Func<Task>>()), Times.Exactly(3));
    }

    [Test]
    public async Task TheLockIsRetriedWhileBrieflyHeld()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));
        var refusals = 0;
        var flakyLock = new Mock<ILocker>();
        flakyLock.Setup(locker => locker.PerformActionWithLockAsync(It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<Func<Task>>()))
            .Returns(async (string _, TimeSpan _, Func<Task> action) =>
            {
                if (refusals++ < 2)
                    return false;
                await action();
                return true;
            });

        var result = await _harness.CreateService(flakyLock.Object).SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Paid));
        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
    }

    #endregion

    #region Opn unavailable

    [Test]
    public async Task OpnUnreachableAnswersUnavailableAndChangesNothing()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = true;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.Opn.Setup(client => client.GetChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnTransportException("connection refused", false));

        var result = await _harness.CreateService().SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Unavailable));
        Assert.That(result.OrderChanged, Is.False);
        Assert.That(_harness.Orders.Notes, Is.Empty);
        Assert.That(_harness.CancelCalls + _harness.MarkPaidCalls, Is.Zero);
    }

    [Test]
    public async Task OpnServerErrorAnswersUnavailable()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.Opn.Setup(client => client.GetChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnApiException(503, "service_unavailable", "try later", null));

        var result = await _harness.CreateService().SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Unavailable));
        Assert.That(_harness.Orders.Notes, Is.Empty);
    }

    [Test]
    public async Task ChargeUnknownToOpnIsNotFound()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.Opn.Setup(client => client.GetChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnApiException(404, "not_found", "charge was not found", null));

        var result = await _harness.CreateService().SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.NotFound));
        Assert.That(_harness.Orders.Notes, Is.Empty);
    }

    [Test]
    public async Task StoreWithoutKeysIsUnavailableWithoutCallingOpn()
    {
        var order = _harness.AddOrder(1, "chrg_test_1", storeId: 3);

        var result = await _harness.CreateService().SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Unavailable));
        _harness.Opn.VerifyNoOtherCalls();
    }

    #endregion

    #region Checks against the order

    private static IEnumerable<TestCaseData> Mismatches()
    {
        yield return new TestCaseData(new Action<OpnCharge>(charge => charge.Amount = 149_900)).SetName("MismatchedAmountIsRefused");
        yield return new TestCaseData(new Action<OpnCharge>(charge => charge.Currency = "USD")).SetName("MismatchedCurrencyIsRefused");
        yield return new TestCaseData(new Action<OpnCharge>(charge => charge.Source.Type = "mobile_banking_scb")).SetName("MismatchedSourceTypeIsRefused");
        yield return new TestCaseData(new Action<OpnCharge>(charge => charge.Livemode = true)).SetName("LiveChargeWithTestKeysIsRefused");
        yield return new TestCaseData(new Action<OpnCharge>(charge => charge.Metadata["order_guid"] = Guid.NewGuid().ToString())).SetName("ChargeOfAnotherOrderGuidIsRefused");
        yield return new TestCaseData(new Action<OpnCharge>(charge => charge.Metadata["order_id"] = "999")).SetName("ChargeOfAnotherOrderIdIsRefused");
    }

    [TestCaseSource(nameof(Mismatches))]
    public async Task MismatchedChargeIsRefusedNotedAndLogged(Action<OpnCharge> spoil)
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        var charge = SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful);
        spoil(charge);
        _harness.OpnReturns(charge);

        var result = await _harness.CreateService().SyncAsync(order, origin: KmaSyncOrigin.Webhook);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Mismatch));
        Assert.That(_harness.MarkPaidCalls, Is.Zero);
        Assert.That(_harness.Orders.Get(1).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(_harness.Warnings.Any(message => message.Contains("refused")), Is.True);
        Assert.That(_harness.NoteCount(1, "refused"), Is.EqualTo(1));
    }

    [Test]
    public async Task OrderWithoutARecordedAmountIsNotPaid()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.Attributes[1, KmaDefaults.OrderAttributes.ChargeAmountSatang] = null;
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));

        var result = await _harness.CreateService().SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Mismatch));
        Assert.That(_harness.MarkPaidCalls, Is.Zero);
    }

    [Test]
    public async Task EachOrderIsSyncedWithItsOwnStoreKeys()
    {
        var order = _harness.AddOrder(1, "chrg_test_1", storeId: 2);
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful), SyncHarness.Store2SecretKey);

        var result = await _harness.CreateService().SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Paid));
        _harness.Opn.Verify(client => client.GetChargeAsync(It.Is<OpnCredentials>(credentials =>
            credentials.SecretKey == SyncHarness.Store2SecretKey && credentials.ApiBaseUrl == "http://127.0.0.1:2"), "chrg_test_1", It.IsAny<CancellationToken>()), Times.Once);
    }

    #endregion

    #region Paid orders and stale charges

    [TestCase(OpnChargeStatuses.Expired)]
    [TestCase(OpnChargeStatuses.Failed)]
    public async Task PaidOrderIsNeverCancelledOrChanged(string status)
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = true;
        _harness.Settings[1].CancelOrderOnFailedCharge = true;
        var order = _harness.AddOrder(1, "chrg_test_1");
        order.PaymentStatus = PaymentStatus.Paid;
        order.OrderStatus = OrderStatus.Processing;
        order.CaptureTransactionId = "chrg_test_0";
        _harness.Orders.Save(order);
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", status, failureCode: "payment_rejected"));

        await _harness.CreateService().SyncAsync(order);

        var stored = _harness.Orders.Get(1);
        Assert.That(_harness.CancelCalls, Is.Zero);
        Assert.That(stored.OrderStatus, Is.EqualTo(OrderStatus.Processing));
        Assert.That(stored.PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(stored.CaptureTransactionId, Is.EqualTo("chrg_test_0"));
        Assert.That(_harness.Attributes[1, KmaDefaults.OrderAttributes.LastFailureCode], Is.Null);
    }

    [Test]
    public async Task StaleFailedChargeIsOnlyNoted()
    {
        _harness.Settings[1].CancelOrderOnFailedCharge = true;
        var order = _harness.AddOrder(1, "chrg_test_2");
        _harness.Attributes[1, KmaDefaults.OrderAttributes.PreviousChargeIds] = "chrg_test_1";
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Failed, failureCode: "payment_rejected"));
        var service = _harness.CreateService();

        var result = await service.SyncAsync(order, "chrg_test_1", KmaSyncOrigin.Webhook);
        await service.SyncAsync(order, "chrg_test_1", KmaSyncOrigin.Webhook);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.NotCurrentCharge));
        Assert.That(_harness.CancelCalls, Is.Zero);
        Assert.That(_harness.Attributes[1, KmaDefaults.OrderAttributes.LastFailureCode], Is.Null);
        Assert.That(_harness.NoteCount(1, "an earlier charge of this order"), Is.EqualTo(1));
    }

    [Test]
    public async Task LateSuccessOfAStaleChargeOnACancelledOrderRaisesTheAlert()
    {
        var order = _harness.AddOrder(1, "chrg_test_2");
        order.OrderStatus = OrderStatus.Cancelled;
        _harness.Orders.Save(order);
        _harness.Attributes[1, KmaDefaults.OrderAttributes.PreviousChargeIds] = "chrg_test_1";
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));
        var service = _harness.CreateService();

        var result = await service.SyncAsync(order, "chrg_test_1", KmaSyncOrigin.Webhook);
        await service.SyncAsync(order, "chrg_test_1", KmaSyncOrigin.Webhook);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.NotApplied));
        Assert.That(result.AlertRaised, Is.True);
        Assert.That(_harness.MarkPaidCalls, Is.Zero);
        Assert.That(_harness.Orders.Get(1).OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
        Assert.That(_harness.NoteCount(1, KmaDefaults.AlertNotePrefix), Is.EqualTo(1));
        Assert.That(_harness.Attributes[1, KmaDefaults.OrderAttributes.PaymentAlert], Is.EqualTo("chrg_test_1"));
        Assert.That(_harness.Warnings.Count(message => message.Contains("Money arrived") && message.Contains("chrg_test_1")), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task SecondSuccessfulChargeOfAPaidOrderRaisesTheAlert()
    {
        var order = _harness.AddOrder(1, "chrg_test_2");
        order.PaymentStatus = PaymentStatus.Paid;
        order.CaptureTransactionId = "chrg_test_2";
        _harness.Orders.Save(order);
        _harness.Attributes[1, KmaDefaults.OrderAttributes.PreviousChargeIds] = "chrg_test_1";
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));

        var result = await _harness.CreateService().SyncAsync(order, "chrg_test_1", KmaSyncOrigin.Reconciliation);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.NotApplied));
        Assert.That(_harness.MarkPaidCalls, Is.Zero);
        Assert.That(_harness.Orders.Get(1).CaptureTransactionId, Is.EqualTo("chrg_test_2"));
        Assert.That(_harness.NoteCount(1, KmaDefaults.AlertNotePrefix), Is.EqualTo(1));
    }

    [Test]
    public async Task LateSuccessOfAnEarlierChargePaysAStillPayableOrderAndExpiresTheCurrentOne()
    {
        var order = _harness.AddOrder(1, "chrg_test_2");
        _harness.Attributes[1, KmaDefaults.OrderAttributes.PreviousChargeIds] = "chrg_test_1";
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));
        _harness.Opn.Setup(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_2", It.IsAny<CancellationToken>()))
            .ReturnsAsync(SyncHarness.Charge(order, "chrg_test_2", OpnChargeStatuses.Expired));

        var result = await _harness.CreateService().SyncAsync(order, "chrg_test_1", KmaSyncOrigin.Webhook);

        var stored = _harness.Orders.Get(1);
        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Paid));
        Assert.That(result.AlertRaised, Is.True);
        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
        Assert.That(stored.CaptureTransactionId, Is.EqualTo("chrg_test_1"));
        Assert.That(_harness.NoteCount(1, KmaDefaults.AlertNotePrefix), Is.EqualTo(1));
        _harness.Opn.Verify(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_2", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task StaleChargeWithoutOrderMetadataIsRefused()
    {
        var order = _harness.AddOrder(1, "chrg_test_2");
        var charge = SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful);
        charge.Metadata.Clear();
        _harness.OpnReturns(charge);

        var result = await _harness.CreateService().SyncAsync(order, "chrg_test_1", KmaSyncOrigin.Webhook);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Mismatch));
        Assert.That(result.AlertRaised, Is.True);
        Assert.That(_harness.MarkPaidCalls, Is.Zero);
        Assert.That(_harness.NoteCount(1, KmaDefaults.AlertNotePrefix), Is.EqualTo(1));
    }

    #endregion

    #region Expiring

    [Test]
    public async Task ExpiringAPendingChargeExpiresItAtOpnThenAppliesIt()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = true;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Pending));
        _harness.Opn.Setup(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Expired));

        var result = await _harness.CreateService().ExpireChargeAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Expired));
        Assert.That(_harness.CancelCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task ExpiringAChargeThatCompletedMeanwhilePaysTheOrder()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        var answers = new Queue<OpnCharge>([
            SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Pending),
            SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful)]);
        _harness.Opn.Setup(client => client.GetChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => answers.Dequeue());
        _harness.Opn.Setup(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnApiException(400, "failed_expire", "charge is not pending", null));

        var result = await _harness.CreateService().ExpireChargeAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Paid));
        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
        Assert.That(_harness.CancelCalls, Is.Zero);
    }

    [Test]
    public async Task ExpiringWhileOpnIsDownChangesNothing()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = true;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Pending));
        _harness.Opn.Setup(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnTransportException("timeout", true));

        var result = await _harness.CreateService().ExpireChargeAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Unavailable));
        Assert.That(_harness.CancelCalls, Is.Zero);
        Assert.That(_harness.Orders.Notes, Is.Empty);
    }

    #endregion
}
