using Moq;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Tests.Sync;

[TestFixture]
public class KmaOrderEventConsumerTests
{
    private SyncHarness _harness;

    [SetUp]
    public void SetUp()
    {
        _harness = new SyncHarness();
    }

    private Task CancelAsync(Order order, OrderStatus previous = OrderStatus.Pending)
    {
        order.OrderStatus = OrderStatus.Cancelled;
        _harness.Orders.Save(order);
        var consumer = new KmaOrderEventConsumer(_harness.Attributes, _harness.Logger.Object, _harness.Opn.Object, _harness.Orders, _harness.SettingService.Object);
        return consumer.HandleEventAsync(new OrderStatusChangedEvent(order, previous));
    }

    [Test]
    public async Task AdminCancelExpiresThePendingChargeWithTheStoresKeys()
    {
        var order = _harness.AddOrder(1, "chrg_test_1", storeId: 2);
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Pending), SyncHarness.Store2SecretKey);
        _harness.Opn.Setup(client => client.ExpireChargeAsync(It.Is<OpnCredentials>(c => c.SecretKey == SyncHarness.Store2SecretKey), "chrg_test_1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Expired));

        await CancelAsync(order);

        _harness.Opn.Verify(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_1", It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_harness.NoteCount(1, "expired at Opn"), Is.EqualTo(1));
    }

    [TestCase(OpnChargeStatuses.Successful)]
    [TestCase(OpnChargeStatuses.Failed)]
    [TestCase(OpnChargeStatuses.Expired)]
    public async Task ChargeThatIsNoLongerPendingIsNotTouched(string status)
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", status));

        await CancelAsync(order);

        _harness.Opn.Verify(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task OpnFailureIsLoggedAndNotThrown()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Pending));
        _harness.Opn.Setup(client => client.ExpireChargeAsync(It.IsAny<OpnCredentials>(), "chrg_test_1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OpnTransportException("timeout", true));

        Assert.DoesNotThrowAsync(() => CancelAsync(order));

        Assert.That(_harness.Warnings.Any(message => message.Contains("could not be expired")), Is.True);
        Assert.That(_harness.NoteCount(1, "could not be expired"), Is.EqualTo(1));
    }

    [Test]
    public async Task OrderCancelledByTheSyncAfterAFailedChargeCallsNoOpn()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.Attributes[1, KmaDefaults.OrderAttributes.NotedChargeEvents] = "chrg_test_1:failed";

        await CancelAsync(order);

        _harness.Opn.VerifyNoOtherCalls();
    }

    [Test]
    public async Task OtherPaymentMethodsAndOtherStatusChangesAreIgnored()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        order.PaymentMethodSystemName = "Payments.CheckMoneyOrder";
        await CancelAsync(order);

        var processing = _harness.AddOrder(2, "chrg_test_2");
        processing.OrderStatus = OrderStatus.Processing;
        var consumer = new KmaOrderEventConsumer(_harness.Attributes, _harness.Logger.Object, _harness.Opn.Object, _harness.Orders, _harness.SettingService.Object);
        await consumer.HandleEventAsync(new OrderStatusChangedEvent(processing, OrderStatus.Pending));

        _harness.Opn.VerifyNoOtherCalls();
    }
}
