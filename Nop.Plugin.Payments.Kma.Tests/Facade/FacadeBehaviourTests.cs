using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Services.Payments;

namespace Nop.Plugin.Payments.Kma.Tests.Facade;

[TestFixture]
public class FacadeBehaviourTests
{
    [Test]
    public void ResultIsSuccessfulUntilAnErrorIsAdded()
    {
        var result = new ProcessPaymentResult();
        Assert.That(result.Success, Is.True);
        Assert.That(result.NewPaymentStatus, Is.EqualTo(PaymentStatus.Pending));

        result.AddError("declined");

        Assert.That(result.Success, Is.False);
        Assert.That(result.Errors, Is.EquivalentTo(new[] { "declined" }));
    }

    [Test]
    public void OrderStatusWrappersMapToTheStoredIds()
    {
        var order = new Order { PaymentStatus = PaymentStatus.Paid, OrderStatus = OrderStatus.Cancelled };

        Assert.That(order.PaymentStatusId, Is.EqualTo(30));
        Assert.That(order.OrderStatusId, Is.EqualTo(40));

        order.PaymentStatusId = 10;
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
    }

    [Test]
    public void ProcessPaymentRequestStartsWithANewOrderGuid()
    {
        var first = new ProcessPaymentRequest();
        var second = new ProcessPaymentRequest();

        Assert.That(first.OrderGuid, Is.Not.EqualTo(Guid.Empty));
        Assert.That(first.OrderGuid, Is.Not.EqualTo(second.OrderGuid));
        Assert.That(first.CustomValues, Is.Not.Null);
        Assert.That(first.OrderGuidGeneratedOnUtc, Is.Not.Null);
    }
}
