using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Web.Framework.Models;

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

    [Test]
    public void CustomValuesRoundTripThroughTheOrderXml()
    {
        var values = new CustomValues { new CustomValue("Charge", "chrg_test_1"), new CustomValue("Hidden", "x", CustomValueDisplayLocation.Shipping, displayToCustomer: false) };
        values["Charge"] = "chrg_test_2";

        var xml = values.SerializeToXml();
        var restored = new CustomValues();
        restored.FillByXml(xml);
        var visible = new CustomValues();
        visible.FillByXml(xml, displayToCustomerOnly: true);

        Assert.That(xml, Does.StartWith("<DictionarySerializer><item><key>"));
        Assert.That(restored.Select(value => (value.Name, value.Value, value.DisplayLocation, value.DisplayToCustomer)), Is.EqualTo(new[]
        {
            ("Hidden", "x", CustomValueDisplayLocation.Shipping, false),
            ("Charge", "chrg_test_2", CustomValueDisplayLocation.Payment, true)
        }));
        Assert.That(visible.Select(value => value.Name), Is.EqualTo(new[] { "Charge" }));
        Assert.That(new CustomValues().SerializeToXml(), Is.Empty);
        Assert.That(() => restored["missing"], Throws.InvalidOperationException);
    }

    [Test]
    public void ModelsStartWithCustomProperties()
    {
        var model = new TestModel { Name = "a" };
        var copy = model with { Name = "b" };

        Assert.That(model.CustomProperties, Is.Not.Null);
        Assert.That(copy.Name, Is.EqualTo("b"));
        Assert.That(copy.CustomProperties, Is.SameAs(model.CustomProperties));
    }

    private sealed record TestModel : BaseNopModel
    {
        public string Name { get; init; }
    }
}
