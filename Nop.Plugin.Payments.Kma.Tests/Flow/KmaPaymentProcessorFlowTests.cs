using Microsoft.AspNetCore.Http;
using Moq;
using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Components;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Plugin.Payments.Kma.Tests.TestSupport;
using Nop.Services.Configuration;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Orders;
using Nop.Services.Payments;

namespace Nop.Plugin.Payments.Kma.Tests.Flow;

[TestFixture]
public class KmaPaymentProcessorFlowTests
{
    private Mock<IKmaCheckoutService> _checkout;
    private Mock<INotificationService> _notifications;
    private Mock<IKmaShopperMessageService> _messages;
    private DefaultHttpContext _httpContext;
    private KmaPaymentProcessor _processor;
    private Order _order;
    private Order _storedOrder;

    [SetUp]
    public void SetUp()
    {
        _checkout = new Mock<IKmaCheckoutService>(MockBehavior.Strict);
        _notifications = new Mock<INotificationService>();
        _httpContext = new DefaultHttpContext();
        _httpContext.Request.Headers.UserAgent = CheckoutHarness.IphoneUserAgent;
        var accessor = new Mock<IHttpContextAccessor>();
        accessor.Setup(a => a.HttpContext).Returns(_httpContext);
        var localization = new Mock<ILocalizationService>();
        localization.Setup(service => service.GetResourceAsync(It.IsAny<string>())).ReturnsAsync((string key) => "text:" + key);
        var webHelper = new Mock<IWebHelper>();
        webHelper.Setup(helper => helper.GetStoreLocation(It.IsAny<bool?>())).Returns("https://shop.example/");

        _order = new Order { Id = 7, PaymentStatus = PaymentStatus.Pending, OrderStatus = OrderStatus.Pending };
        _messages = new Mock<IKmaShopperMessageService>();
        _messages.Setup(service => service.GetMessageAsync(It.IsAny<Order>(), It.IsAny<string>(), It.IsAny<int>()))
            .ReturnsAsync((Order order, string key, int _) => $"{key} (next step for order {order.Id}, {order.OrderStatus})");
        var orders = new Mock<IOrderService>();
        orders.Setup(service => service.GetOrderByIdAsync(7)).ReturnsAsync(() => _storedOrder ?? _order);

        _processor = MockConstructor.Create<KmaPaymentProcessor>(accessor.Object, _checkout.Object, _messages.Object, localization.Object,
            _notifications.Object, orders.Object, webHelper.Object);
    }

    [Test]
    public async Task PostProcessRedirectsToWhereTheCheckoutServiceSays()
    {
        _checkout.Setup(service => service.StartPaymentAsync(_order, CheckoutHarness.IphoneUserAgent, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new KmaCheckoutResult { Outcome = KmaCheckoutOutcome.Redirect, RedirectUrl = "https://pay.example/authorize/1" });

        await _processor.PostProcessPaymentAsync(new PostProcessPaymentRequest { Order = _order });

        Assert.That(_httpContext.Response.StatusCode, Is.EqualTo(302));
        Assert.That(_httpContext.Response.Headers.Location.ToString(), Is.EqualTo("https://pay.example/authorize/1"));
        _notifications.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AFailureSendsTheShopperToTheOrderPageWithALocalizedMessage()
    {
        _checkout.Setup(service => service.StartPaymentAsync(_order, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new KmaCheckoutResult { Outcome = KmaCheckoutOutcome.Failed, MessageResourceKey = "Plugins.Payments.Kma.Checkout.RetryLater" });

        await _processor.PostProcessPaymentAsync(new PostProcessPaymentRequest { Order = _order });

        _notifications.Verify(service => service.ErrorNotification("Plugins.Payments.Kma.Checkout.RetryLater (next step for order 7, Pending)", It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
        Assert.That(_httpContext.Response.StatusCode, Is.EqualTo(302));
        Assert.That(_httpContext.Response.Headers.Location.ToString(), Is.EqualTo("https://shop.example/orderdetails/7"));
    }

    [Test]
    public async Task TheFailureMessageFollowsTheOrderAsStoredNotTheCopyItWasGiven()
    {
        _storedOrder = new Order { Id = 7, PaymentStatus = PaymentStatus.Pending, OrderStatus = OrderStatus.Cancelled };
        _checkout.Setup(service => service.StartPaymentAsync(_order, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new KmaCheckoutResult { Outcome = KmaCheckoutOutcome.Failed, MessageResourceKey = "Plugins.Payments.Kma.Checkout.OrderCancelled" });

        await _processor.PostProcessPaymentAsync(new PostProcessPaymentRequest { Order = _order });

        _notifications.Verify(service => service.ErrorNotification("Plugins.Payments.Kma.Checkout.OrderCancelled (next step for order 7, Cancelled)", It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
    }

    [Test]
    public async Task HideIsTheOppositeOfAvailable()
    {
        var cart = new List<ShoppingCartItem>();
        _checkout.SetupSequence(service => service.IsAvailableAsync(cart)).ReturnsAsync(true).ReturnsAsync(false);

        Assert.That(await _processor.HidePaymentMethodAsync(cart), Is.False);
        Assert.That(await _processor.HidePaymentMethodAsync(cart), Is.True);
    }

    [Test]
    public async Task ProcessPaymentAndTheFeeComeFromTheCheckoutService()
    {
        var request = new ProcessPaymentRequest { OrderTotal = 10m };
        var failed = new ProcessPaymentResult();
        failed.AddError("out of range");
        _checkout.Setup(service => service.ValidatePaymentAsync(request)).ReturnsAsync(failed);
        _checkout.Setup(service => service.GetAdditionalFeeAsync(It.IsAny<IList<ShoppingCartItem>>())).ReturnsAsync(12.5m);

        Assert.That((await _processor.ProcessPaymentAsync(request)).Errors, Is.EqualTo(new[] { "out of range" }));
        Assert.That(await _processor.GetAdditionalHandlingFeeAsync(new List<ShoppingCartItem>()), Is.EqualTo(12.5m));
    }

    [Test]
    public async Task CompletePaymentIsOfferedWhilePendingOnly()
    {
        Assert.That(await _processor.CanRePostProcessPaymentAsync(_order), Is.True);

        _order.PaymentStatus = PaymentStatus.Paid;
        Assert.That(await _processor.CanRePostProcessPaymentAsync(_order), Is.False);

        _order.PaymentStatus = PaymentStatus.Pending;
        _order.OrderStatus = OrderStatus.Cancelled;
        Assert.That(await _processor.CanRePostProcessPaymentAsync(_order), Is.False);
    }

    [Test]
    public void ThePaymentInfoComponentIsThePluginsOwn()
    {
        Assert.That(_processor.GetPublicViewComponent(), Is.EqualTo(typeof(PaymentKmaViewComponent)));
        Assert.That(_processor.PaymentMethodType, Is.EqualTo(PaymentMethodType.Redirection));
    }
}
