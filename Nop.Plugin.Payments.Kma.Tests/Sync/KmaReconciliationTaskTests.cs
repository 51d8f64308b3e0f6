using Moq;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Tests.Sync;

[TestFixture]
public class KmaReconciliationTaskTests
{
    private SyncHarness _harness;

    [SetUp]
    public void SetUp()
    {
        _harness = new SyncHarness();
    }

    private KmaReconciliationTask CreateTask(IKmaPaymentSyncService sync = null)
    {
        return new KmaReconciliationTask(_harness.Attributes, _harness.CreateClaimService(), sync ?? _harness.CreateService(), _harness.Logger.Object, _harness.Orders, _harness.SettingService.Object);
    }

    [Test]
    public async Task PendingOrdersAreSyncedOldestFirstInABoundedBatch()
    {
        var start = DateTime.UtcNow.AddDays(-3);
        //inserted in shuffled order so that only the task's own ordering can make them come out oldest first
        foreach (var id in Enumerable.Range(1, 130).OrderBy(id => (id * 37) % 131))
            _harness.AddOrder(id, $"chrg_test_{id}", createdOnUtc: start.AddMinutes(id));
        var paid = _harness.AddOrder(500, "chrg_test_500", createdOnUtc: start.AddMinutes(-10));
        paid.PaymentStatus = PaymentStatus.Paid;
        _harness.Orders.Save(paid);
        var otherMethod = _harness.AddOrder(501, "chrg_test_501", createdOnUtc: start.AddMinutes(-10));
        otherMethod.PaymentMethodSystemName = "Payments.CheckMoneyOrder";
        _harness.Orders.Save(otherMethod);

        var synced = new List<int>();
        var sync = new Mock<IKmaPaymentSyncService>();
        sync.Setup(service => service.SyncAsync(It.IsAny<Order>(), It.IsAny<string>(), KmaSyncOrigin.Reconciliation, It.IsAny<CancellationToken>()))
            .Callback((Order order, string _, KmaSyncOrigin _, CancellationToken _) => synced.Add(order.Id))
            .ReturnsAsync(new KmaSyncResult { Outcome = KmaSyncOutcome.Pending });
        var task = CreateTask(sync.Object);
        task.BatchSize = 50;
        task.PageSize = 40;

        await task.ExecuteAsync();

        Assert.That(synced, Is.EqualTo(Enumerable.Range(1, 50).ToList()));
    }

    [Test]
    public async Task EachOrderIsFetchedWithItsOwnStoresKeys()
    {
        var one = _harness.AddOrder(1, "chrg_test_1", storeId: 1);
        var two = _harness.AddOrder(2, "chrg_test_2", storeId: 2);
        _harness.OpnReturns(SyncHarness.Charge(one, "chrg_test_1", OpnChargeStatuses.Successful), SyncHarness.Store1SecretKey);
        _harness.OpnReturns(SyncHarness.Charge(two, "chrg_test_2", OpnChargeStatuses.Successful), SyncHarness.Store2SecretKey);

        await CreateTask().ExecuteAsync();

        Assert.That(_harness.Orders.Get(1).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(_harness.Orders.Get(2).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        _harness.Opn.Verify(client => client.GetChargeAsync(It.Is<OpnCredentials>(c => c.SecretKey == SyncHarness.Store2SecretKey), "chrg_test_2", It.IsAny<CancellationToken>()), Times.Once);
        _harness.Opn.Verify(client => client.GetChargeAsync(It.Is<OpnCredentials>(c => c.SecretKey == SyncHarness.Store1SecretKey), "chrg_test_1", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task OpnDownCancelsNothing()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = true;
        _harness.Settings[1].CancelOrderOnFailedCharge = true;
        foreach (var id in Enumerable.Range(1, 5))
            _harness.AddOrder(id, $"chrg_test_{id}", createdOnUtc: DateTime.UtcNow.AddDays(-2));
        _harness.Opn.Setup(client => client.GetChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnTransportException("connection refused", false));

        await CreateTask().ExecuteAsync();

        Assert.That(_harness.CancelCalls, Is.Zero);
        Assert.That(_harness.Orders.All.Select(order => order.OrderStatus), Is.All.EqualTo(OrderStatus.Pending));
        Assert.That(_harness.Orders.Notes, Is.Empty);
        _harness.Opn.Verify(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        //after a few failures in a row the store is left for the next run
        _harness.Opn.Verify(client => client.GetChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Test]
    public async Task ChargeExpiredAtOpnIsApplied()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = true;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Expired));

        await CreateTask().ExecuteAsync();

        Assert.That(_harness.Orders.Get(1).OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
    }

    [Test]
    public async Task ChargeStillPendingAfterItsExpiryIsExpiredAtOpnThenApplied()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = true;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Pending, expiresAt: DateTime.UtcNow.AddMinutes(-5)));
        _harness.Opn.Setup(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Expired));

        await CreateTask().ExecuteAsync();

        _harness.Opn.Verify(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_1", It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_harness.Orders.Get(1).OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
    }

    [Test]
    public async Task ChargePendingBeforeItsExpiryIsLeftAlone()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = true;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Pending, expiresAt: DateTime.UtcNow.AddMinutes(30)));

        await CreateTask().ExecuteAsync();

        _harness.Opn.Verify(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_harness.Orders.Get(1).OrderStatus, Is.EqualTo(OrderStatus.Pending));
    }

    [Test]
    public async Task LostWebhookOfASuccessfulChargeIsRecovered()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));

        await CreateTask().ExecuteAsync();

        Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task TerminalChargeLeftPendingIsSettledOnceNotRefetchedEveryRun()
    {
        _harness.Settings[1].CancelOrderOnFailedCharge = false;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Failed, failureCode: "payment_rejected"));
        var task = CreateTask();

        await task.ExecuteAsync();
        await task.ExecuteAsync();

        _harness.Opn.Verify(client => client.GetChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_1", It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_harness.Orders.Get(1).OrderStatus, Is.EqualTo(OrderStatus.Pending));
    }

    [Test]
    public async Task StoreWithoutKeysIsSkippedWithoutUsingTheBatch()
    {
        foreach (var id in Enumerable.Range(1, 3))
            _harness.AddOrder(id, $"chrg_test_{id}", storeId: 9, createdOnUtc: DateTime.UtcNow.AddHours(-5));
        var order = _harness.AddOrder(10, "chrg_test_10", storeId: 1);
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_10", OpnChargeStatuses.Successful));
        var task = CreateTask();
        task.BatchSize = 1;

        await task.ExecuteAsync();

        Assert.That(_harness.Orders.Get(10).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
    }
}
