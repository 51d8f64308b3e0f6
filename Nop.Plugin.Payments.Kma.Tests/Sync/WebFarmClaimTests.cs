using Moq;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Domain;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Tests.Sync;

/// <summary>
/// Two web nodes sharing one database: each has its own process (its own in-process gate) and nopCommerce's
/// distributed locker lets both in at once, so only the payment claim stands between them and a double application
/// </summary>
[TestFixture]
public class WebFarmClaimTests
{
    private const int ORDERS = 20;

    private SyncHarness _harness;

    [SetUp]
    public void SetUp()
    {
        _harness = new SyncHarness();
    }

    /// <summary>
    /// For every order, four deliveries at the same instant: two on each node (as the farm measurement sends them)
    /// </summary>
    private static async Task<KmaSyncResult[]> DeliverTogetherAsync(IReadOnlyList<Order> orders, KmaPaymentSyncService nodeA, KmaPaymentSyncService nodeB)
    {
        using var start = new ManualResetEventSlim();
        var calls = orders.SelectMany(order => new[] { nodeA, nodeB, nodeA, nodeB }.Select(node => Task.Run(async () =>
        {
            start.Wait();
            return await node.SyncAsync(FakeOrderStore.Copy(order), order.AuthorizationTransactionId, KmaSyncOrigin.Webhook);
        }))).ToArray();
        start.Set();

        return await Task.WhenAll(calls);
    }

    private List<Order> AddOrders(string status, string failureCode = null)
    {
        var orders = Enumerable.Range(1, ORDERS).Select(id => _harness.AddOrder(id, $"chrg_test_{id}")).ToList();
        foreach (var order in orders)
            _harness.OpnReturns(SyncHarness.Charge(order, order.AuthorizationTransactionId, status, failureCode: failureCode));

        return orders;
    }

    #region Exactly once across nodes

    [Test]
    public async Task TwoNodesApplyingTheSameSuccessfulChargesMarkEachOrderPaidOnce()
    {
        var orders = AddOrders(OpnChargeStatuses.Successful);

        var results = await DeliverTogetherAsync(orders, _harness.CreateNode(), _harness.CreateNode());

        Assert.Multiple(() =>
        {
            Assert.That(_harness.MarkPaidCalls, Is.EqualTo(ORDERS), "one MarkOrderAsPaidAsync (one OrderPaidEvent, one set of e-mails) per order");
            foreach (var order in orders)
            {
                Assert.That(_harness.NoteCount(order.Id, "is successful"), Is.EqualTo(1), $"order #{order.Id}");
                Assert.That(_harness.Orders.Get(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid), $"order #{order.Id}");
            }
            Assert.That(results.Select(result => result.Outcome), Is.All.EqualTo(KmaSyncOutcome.Paid));
            Assert.That(_harness.Claims.Count, Is.Zero, "every claim is released");
        });
    }

    [Test]
    public async Task TwoNodesApplyingTheSameExpiredChargesCancelEachOrderOnce()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = true;
        var orders = AddOrders(OpnChargeStatuses.Expired, OpnFailureCodes.PaymentExpired);

        await DeliverTogetherAsync(orders, _harness.CreateNode(), _harness.CreateNode());

        Assert.Multiple(() =>
        {
            Assert.That(_harness.CancelCalls, Is.EqualTo(ORDERS), "one CancelOrderAsync (stock and reward points returned once) per order");
            foreach (var order in orders)
            {
                Assert.That(_harness.NoteCount(order.Id, "expired"), Is.EqualTo(1), $"order #{order.Id}");
                Assert.That(_harness.Orders.Get(order.Id).OrderStatus, Is.EqualTo(OrderStatus.Cancelled), $"order #{order.Id}");
            }
            Assert.That(_harness.MarkPaidCalls, Is.Zero);
        });
    }

    [Test]
    public async Task ALateSuccessOnOneNodeRacingTheExpiryOnAnotherNeverLeavesAnOrderPaidAndCancelled()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = true;
        //node A sees the charges successful (the webhook), node B expired (the reconciliation's expire, answered a moment earlier)
        var orders = AddOrders(OpnChargeStatuses.Successful);
        var expiredOpn = new Mock<IOpnClient>(MockBehavior.Strict);
        foreach (var order in orders)
        {
            var expired = SyncHarness.Charge(order, order.AuthorizationTransactionId, OpnChargeStatuses.Expired, failureCode: OpnFailureCodes.PaymentExpired);
            expiredOpn.Setup(client => client.GetChargeAsync(It.IsAny<OpnCredentials>(), expired.Id, It.IsAny<CancellationToken>())).ReturnsAsync(expired);
        }

        await DeliverTogetherAsync(orders, _harness.CreateNode(), _harness.CreateNode(expiredOpn.Object));

        Assert.Multiple(() =>
        {
            Assert.That(_harness.MarkPaidCalls + _harness.CancelCalls, Is.EqualTo(ORDERS), "each order is either paid or cancelled, once");
            foreach (var order in orders)
            {
                var stored = _harness.Orders.Get(order.Id);
                var paid = stored.PaymentStatus == PaymentStatus.Paid;
                var cancelled = stored.OrderStatus == OrderStatus.Cancelled;
                Assert.That(paid ^ cancelled, Is.True, $"order #{order.Id}: {stored.OrderStatus} / {stored.PaymentStatus}");
                if (cancelled)
                    Assert.That(_harness.NoteCount(order.Id, KmaDefaults.AlertNotePrefix), Is.EqualTo(1), $"order #{order.Id}: money arrived for a cancelled order");
            }
        });
    }

    #endregion

    #region A node that dies holding a claim

    [Test]
    public async Task AClaimLeftByADeadNodeIsTakenOverByTheNextSync()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));
        _harness.Claims.Insert(new KmaPaymentClaim { OrderId = 1, Holder = "dead-node/4242/0", TakenOnUtc = DateTime.UtcNow - KmaDefaults.Claims.Lease - TimeSpan.FromSeconds(1) });

        var result = await _harness.CreateNode().SyncAsync(order, origin: KmaSyncOrigin.Webhook);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Paid));
            Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
            Assert.That(_harness.Claims.Count, Is.Zero);
            Assert.That(_harness.Warnings, Has.Some.Contains("dead-node/4242/0").And.Contains("outlived its lease"));
        });
    }

    [Test]
    public async Task ALiveClaimOfAnotherNodeMakesTheSyncBusyUntilItsLeaseRunsOut()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        _harness.ClaimClock = clock;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));
        _harness.Claims.Insert(new KmaPaymentClaim { OrderId = 1, Holder = "other-node/1/0", TakenOnUtc = clock.Now.UtcDateTime });
        var node = _harness.CreateService(new PassThroughLocker());

        var busy = await node.SyncAsync(order);
        clock.Now += KmaDefaults.Claims.Lease + TimeSpan.FromSeconds(1);
        var after = await node.SyncAsync(order);

        Assert.Multiple(() =>
        {
            Assert.That(busy.Outcome, Is.EqualTo(KmaSyncOutcome.Busy));
            Assert.That(after.Outcome, Is.EqualTo(KmaSyncOutcome.Paid));
            Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task TheReconciliationTaskRecoversAnOrderWhoseClaimWasAbandoned()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));
        _harness.Claims.Insert(new KmaPaymentClaim { OrderId = 1, Holder = "dead-node/4242/0", TakenOnUtc = DateTime.UtcNow.AddHours(-1) });
        //an order a dead node had already settled: no sync comes back to it, the task deletes its claim
        _harness.Claims.Insert(new KmaPaymentClaim { OrderId = 99, Holder = "dead-node/4242/1", TakenOnUtc = DateTime.UtcNow.AddHours(-1) });
        //a live claim of another node is left alone
        _harness.Claims.Insert(new KmaPaymentClaim { OrderId = 98, Holder = "live-node/1/0", TakenOnUtc = DateTime.UtcNow });
        var task = new KmaReconciliationTask(_harness.Attributes, _harness.CreateClaimService(), _harness.CreateNode(), _harness.Logger.Object, _harness.Orders, _harness.SettingService.Object);

        await task.ExecuteAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_harness.Orders.Get(1).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
            Assert.That(_harness.MarkPaidCalls, Is.EqualTo(1));
            Assert.That(_harness.Claims.Query().Select(row => row.OrderId), Is.EqualTo(new[] { 98 }));
        });
    }

    [Test]
    public async Task AHolderWhoseClaimWasTakenOverStopsBeforeChangingTheOrder()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));
        //this node stalls past its lease after deciding; meanwhile another node takes the claim over
        var claims = _harness.CreateClaimService();
        var stalled = new Mock<IKmaPaymentClaimService>();
        stalled.Setup(service => service.TryTakeAsync(It.IsAny<int>())).Returns((int orderId) => claims.TryTakeAsync(orderId));
        stalled.Setup(service => service.IsHeldAsync(It.IsAny<KmaPaymentClaim>())).Returns(async (KmaPaymentClaim claim) =>
        {
            _harness.Claims.Delete(row => row.OrderId == claim.OrderId);
            _harness.Claims.Insert(new KmaPaymentClaim { OrderId = claim.OrderId, Holder = "new-holder/2/0", TakenOnUtc = DateTime.UtcNow });
            return await claims.IsHeldAsync(claim);
        });
        stalled.Setup(service => service.ReleaseAsync(It.IsAny<KmaPaymentClaim>())).Returns((KmaPaymentClaim claim) => claims.ReleaseAsync(claim));

        var result = await _harness.CreateNode(claimService: stalled.Object).SyncAsync(order);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Busy));
            Assert.That(_harness.MarkPaidCalls, Is.Zero);
            Assert.That(_harness.Orders.Get(1).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
            Assert.That(_harness.Claims.Query().Select(row => row.Holder), Is.EqualTo(new[] { "new-holder/2/0" }), "the new holder's claim is left alone");
        });
    }

    #endregion
}
