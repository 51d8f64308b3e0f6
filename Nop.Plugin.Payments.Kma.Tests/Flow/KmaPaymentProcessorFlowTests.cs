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
using Nop.Services.Payments;

namespace Nop.Plugin.Payments.Kma.Tests.Flow;

[TestFixture]
public class KmaPaymentProcessorFlowTests
{
    private Mock<IKmaCheckoutService> _checkout;
    private Mock<INotificationService> _notifications;
    private DefaultHttpContext _httpContext;
    private KmaPaymentProcessor _processor;
    private Order _order;

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

        _processor = MockConstructor.Create<KmaPaymentProcessor>(accessor.Object, _checkout.Object, localization.Object, _notifications.Object, webHelper.Object);
        _order = new Order { Id = 7, PaymentStatus = PaymentStatus.Pending, OrderStatus = OrderStatus.Pending };
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

        _notifications.Verify(service => service.ErrorNotification("text:Plugins.Payments.Kma.Checkout.RetryLater", It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
        Assert.That(_httpContext.Response.StatusCode, Is.EqualTo(302));
        Assert.That(_httpContext.Response.Headers.Location.ToString(), Is.EqualTo("https://shop.example/orderdetails/7"));
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
