using Moq;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Services.Localization;
using Nop.Services.Orders;
using Nop.Services.Payments;

namespace Nop.Plugin.Payments.Kma.Tests.Flow;

/// <summary>
/// What the shopper is told: the reason, then only the next step that exists; the failure note on the order page
/// </summary>
[TestFixture]
public class KmaShopperMessageServiceTests
{
    private const int ThaiLanguageId = 2;

    private InMemoryGenericAttributeService _attributes;
    private Mock<ILocalizationService> _localization;
    private Mock<IOrderService> _orders;
    private Mock<IPaymentService> _payments;
    private List<OrderNote> _notes;
    private Order _order;

    [SetUp]
    public void SetUp()
    {
        _attributes = new InMemoryGenericAttributeService();
        _notes = [];
        _order = new Order { Id = 7, CustomerLanguageId = ThaiLanguageId, PaymentStatus = PaymentStatus.Pending, OrderStatus = OrderStatus.Pending };

        //"th:" + key in the order's language, "en:" + key in the working language
        _localization = new Mock<ILocalizationService>();
        _localization.Setup(service => service.GetResourceAsync(It.IsAny<string>())).ReturnsAsync((string key) => "en:" + key);
        _localization.Setup(service => service.GetResourceAsync(It.IsAny<string>(), ThaiLanguageId, It.IsAny<bool>(), It.IsAny<string>(), It.IsAny<bool>()))
            .ReturnsAsync((string key, int _, bool _, string _, bool _) => "th:" + key);

        _orders = new Mock<IOrderService>();
        _orders.Setup(service => service.InsertOrderNoteAsync(It.IsAny<OrderNote>()))
            .Callback((OrderNote note) =>
            {
                note.Id = _notes.Count + 100;
                _notes.Add(note);
            })
            .Returns(Task.CompletedTask);
        _orders.Setup(service => service.GetOrderNoteByIdAsync(It.IsAny<int>())).ReturnsAsync((int id) => _notes.FirstOrDefault(note => note.Id == id));
        _orders.Setup(service => service.DeleteOrderNoteAsync(It.IsAny<OrderNote>())).Callback((OrderNote note) => _notes.Remove(note)).Returns(Task.CompletedTask);

        _payments = new Mock<IPaymentService>();
        _payments.Setup(service => service.CanRePostProcessPaymentAsync(It.IsAny<Order>()))
            .ReturnsAsync((Order order) => order.PaymentStatus == PaymentStatus.Pending && order.OrderStatus != OrderStatus.Cancelled);
    }

    private KmaShopperMessageService CreateService() => new(_attributes, _localization.Object, _orders.Object, _payments.Object);

    [Test]
    public async Task APayableOrderIsSentToNopCommercesRetryButtonByItsOwnLabel()
    {
        _localization.Setup(service => service.GetResourceAsync("Order.RetryPayment")).ReturnsAsync("Retry payment");
        _localization.Setup(service => service.GetResourceAsync("Plugins.Payments.Kma.Next.Retry")).ReturnsAsync("Use \"{0}\".");

        Assert.That(await CreateService().GetNextStepAsync(_order), Is.EqualTo("Use \"Retry payment\"."));
    }

    [Test]
    public async Task AStoreWithoutTheResourceStillNamesAButton()
    {
        //nopCommerce answers a missing resource with its key
        _localization.Setup(service => service.GetResourceAsync("Order.RetryPayment")).ReturnsAsync("order.retrypayment");
        _localization.Setup(service => service.GetResourceAsync("Plugins.Payments.Kma.Next.Retry")).ReturnsAsync("Use \"{0}\".");

        Assert.That(await CreateService().GetNextStepAsync(_order), Is.EqualTo("Use \"en:Plugins.Payments.Kma.Next.RetryButton\"."));
    }

    [Test]
    public async Task EachOrderStateGetsOnlyTheStepThatExists()
    {
        var service = CreateService();

        _order.OrderStatus = OrderStatus.Cancelled;
        Assert.That(await service.GetNextStepAsync(_order), Is.EqualTo("en:Plugins.Payments.Kma.Next.Cancelled"));

        _order.OrderStatus = OrderStatus.Pending;
        _payments.Setup(payments => payments.CanRePostProcessPaymentAsync(_order)).ReturnsAsync(false);
        Assert.That(await service.GetNextStepAsync(_order), Is.EqualTo("en:Plugins.Payments.Kma.Next.ContactStore"));

        _order.PaymentStatus = PaymentStatus.Paid;
        Assert.That(await service.GetNextStepAsync(_order), Is.Empty);
        Assert.That(await service.GetMessageAsync(_order, "Plugins.Payments.Kma.Return.NotApplied"), Is.EqualTo("en:Plugins.Payments.Kma.Return.NotApplied"));
    }

    [Test]
    public void FailureCodesMapToTheirReasonAndExpiryToItsOwn()
    {
        var service = CreateService();

        Assert.That(service.GetFailureResourceKey(OpnFailureCodes.InsufficientFund, false), Is.EqualTo("Plugins.Payments.Kma.Failure.insufficient_fund"));
        Assert.That(service.GetFailureResourceKey("something_new", false), Is.EqualTo("Plugins.Payments.Kma.Failure.Generic"));
        Assert.That(service.GetFailureResourceKey(null, false), Is.EqualTo("Plugins.Payments.Kma.Failure.Generic"));
        Assert.That(service.GetFailureResourceKey(OpnFailureCodes.PaymentExpired, true), Is.EqualTo("Plugins.Payments.Kma.Failure.Expired"));
    }

    [Test]
    public async Task TheLastFailureStaysOnTheOrderPageInTheCustomersLanguage()
    {
        var service = CreateService();

        await service.ShowFailureNoteAsync(_order, OpnFailureCodes.InsufficientFund, expired: false);
        await service.ShowFailureNoteAsync(_order, OpnFailureCodes.PaymentCancelled, expired: false);

        Assert.That(_notes, Has.Count.EqualTo(1), "one note: the last reason, not a history of them");
        Assert.That(_notes[0].DisplayToCustomer, Is.True);
        Assert.That(_notes[0].OrderId, Is.EqualTo(7));
        Assert.That(_notes[0].Note, Is.EqualTo("th:Plugins.Payments.Kma.Note.Failure"), "the order's language, not the caller's (a webhook has none)");
        _localization.Verify(localization => localization.GetResourceAsync("Plugins.Payments.Kma.Failure.payment_cancelled", ThaiLanguageId, It.IsAny<bool>(), It.IsAny<string>(), It.IsAny<bool>()));
        _localization.Verify(localization => localization.GetResourceAsync("Plugins.Payments.Kma.Next.Retry", ThaiLanguageId, It.IsAny<bool>(), It.IsAny<string>(), It.IsAny<bool>()));
    }

    [Test]
    public async Task TheNoteSaysCancelledWhenTheFailureCancelledTheOrder()
    {
        _localization.Setup(service => service.GetResourceAsync("Plugins.Payments.Kma.Note.Failure", ThaiLanguageId, It.IsAny<bool>(), It.IsAny<string>(), It.IsAny<bool>()))
            .ReturnsAsync("KMA: {0}");
        _order.OrderStatus = OrderStatus.Cancelled;

        await CreateService().ShowFailureNoteAsync(_order, OpnFailureCodes.PaymentRejected, expired: false);

        Assert.That(_notes.Single().Note, Is.EqualTo("KMA: th:Plugins.Payments.Kma.Failure.payment_rejected th:Plugins.Payments.Kma.Next.Cancelled"));
    }

    [Test]
    public async Task ThePaidOrCancelledOrderLosesTheFailureNote()
    {
        var service = CreateService();
        var consumer = new KmaShopperNoteEventConsumer(service);
        _order.PaymentMethodSystemName = KmaDefaults.SystemName;

        await service.ShowFailureNoteAsync(_order, OpnFailureCodes.InsufficientFund, expired: false);
        await consumer.HandleEventAsync(new OrderPaidEvent(_order));
        Assert.That(_notes, Is.Empty);
        Assert.That(_attributes[_order.Id, KmaDefaults.OrderAttributes.FailureNoteId], Is.Null);

        await service.ShowFailureNoteAsync(_order, OpnFailureCodes.InsufficientFund, expired: false);
        _order.OrderStatus = OrderStatus.Cancelled;
        await consumer.HandleEventAsync(new OrderStatusChangedEvent(_order, OrderStatus.Pending));
        Assert.That(_notes, Is.Empty);
    }

    [Test]
    public async Task AnotherMethodsOrderIsLeftAlone()
    {
        _order.PaymentMethodSystemName = "Payments.CheckMoneyOrder";
        _attributes.Values[(_order.Id, KmaDefaults.OrderAttributes.FailureNoteId)] = "100";
        _notes.Add(new OrderNote { Id = 100, OrderId = _order.Id, Note = "someone else's" });

        await new KmaShopperNoteEventConsumer(CreateService()).HandleEventAsync(new OrderPaidEvent(_order));

        Assert.That(_notes, Has.Count.EqualTo(1));
    }

    [TestCase("Plugins.Payments.Kma.Checkout.AmountOutOfRangeOrder")]
    [TestCase("Plugins.Payments.Kma.Checkout.ThbUnavailableOrder")]
    public async Task AReasonARetryCannotCureSendsTheShopperToTheStore(string reason)
    {
        var message = await CreateService().GetMessageAsync(_order, reason);

        Assert.That(message, Is.EqualTo($"en:{reason} en:Plugins.Payments.Kma.Next.ContactStore"));
        _payments.Verify(payments => payments.CanRePostProcessPaymentAsync(It.IsAny<Order>()), Times.Never);
    }
}
