using Moq;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Tests.Sync;

/// <summary>
/// Wherever a failure arrives (return, webhook, task), the shopper's order page keeps its reason; the owner's paid note
/// says how to refund
/// </summary>
[TestFixture]
public class KmaSyncShopperNoteTests
{
    private SyncHarness _harness;

    [SetUp]
    public void SetUp()
    {
        _harness = new SyncHarness();
    }

    [Test]
    public async Task AFailedChargeShowsItsReasonToTheShopperOnceWhateverTheRedeliveries()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Failed, failureCode: OpnFailureCodes.InsufficientFund));

        await _harness.CreateService().SyncAsync(order, origin: KmaSyncOrigin.Webhook);
        await _harness.CreateService().SyncAsync(order, origin: KmaSyncOrigin.Webhook);
        await _harness.CreateService().SyncAsync(order, origin: KmaSyncOrigin.Return);

        _harness.ShopperMessages.Verify(service => service.ShowFailureNoteAsync(It.Is<Order>(shown => shown.Id == 1), OpnFailureCodes.InsufficientFund, false), Times.Once);
    }

    [Test]
    public async Task TheNoteIsWrittenAfterTheCancelSoItCanSaySo()
    {
        _harness.Settings[1].CancelOrderOnFailedCharge = true;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Failed, failureCode: OpnFailureCodes.PaymentRejected));
        OrderStatus? statusWhenShown = null;
        _harness.ShopperMessages.Setup(service => service.ShowFailureNoteAsync(It.IsAny<Order>(), It.IsAny<string>(), It.IsAny<bool>()))
            .Callback((Order shown, string _, bool _) => statusWhenShown = shown.OrderStatus)
            .Returns(Task.CompletedTask);

        await _harness.CreateService().SyncAsync(order);

        Assert.That(statusWhenShown, Is.EqualTo(OrderStatus.Cancelled));
    }

    [Test]
    public async Task AnExpiredChargeShowsTheExpiredReason()
    {
        _harness.Settings[1].CancelOrderOnExpiredCharge = false;
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Expired));

        await _harness.CreateService().SyncAsync(order);

        _harness.ShopperMessages.Verify(service => service.ShowFailureNoteAsync(It.Is<Order>(shown => shown.Id == 1), OpnFailureCodes.PaymentExpired, true), Times.Once);
    }

    [Test]
    public async Task ThePaidNoteTellsTheOwnerHowToRefund()
    {
        var order = _harness.AddOrder(1, "chrg_test_1");
        _harness.OpnReturns(SyncHarness.Charge(order, "chrg_test_1", OpnChargeStatuses.Successful));

        await _harness.CreateService().SyncAsync(order);

        Assert.That(_harness.NoteCount(1, "the order is paid. " + KmaDefaults.RefundHelpNote), Is.EqualTo(1));
        Assert.That(KmaDefaults.RefundHelpNote, Does.Contain("Refund (Offline)"));
        _harness.ShopperMessages.Verify(service => service.ShowFailureNoteAsync(It.IsAny<Order>(), It.IsAny<string>(), It.IsAny<bool>()), Times.Never);
    }
}
