using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Moq;
using Newtonsoft.Json.Linq;
using Microsoft.AspNetCore.Mvc.Routing;
using Nop.Core;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Http;
using Nop.Plugin.Payments.Kma.Controllers;
using Nop.Plugin.Payments.Kma.Models;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Services.Logging;
using Nop.Services.Messages;
using Nop.Services.Payments;

namespace Nop.Plugin.Payments.Kma.Tests.Flow;

[TestFixture]
public class PaymentKmaPublicControllerTests
{
    private const string Token = "the-orders-token-0123456789abcdefghijkl";

    private CheckoutHarness _harness;
    private Mock<IKmaPaymentSyncService> _sync;
    private Mock<INotificationService> _notifications;
    private IMemoryCache _memoryCache;
    private Mock<IPaymentService> _payments;
    private Mock<IWorkContext> _workContext;
    private Customer _customer;
    private bool _allowRePosting;

    [SetUp]
    public void SetUp()
    {
        _harness = new CheckoutHarness();
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.ReturnToken)] = Token;
        _sync = new Mock<IKmaPaymentSyncService>(MockBehavior.Strict);
        _notifications = new Mock<INotificationService>();
        _memoryCache = new MemoryCache(new MemoryCacheOptions());

        //nopCommerce's rule for its retry button: the store allows re-posting, the order is pending and not cancelled
        _allowRePosting = true;
        _payments = new Mock<IPaymentService>();
        _payments.Setup(service => service.CanRePostProcessPaymentAsync(It.IsAny<Order>()))
            .ReturnsAsync((Order order) => _allowRePosting && order.PaymentStatus == PaymentStatus.Pending && order.OrderStatus != OrderStatus.Cancelled);

        //the browser that placed the order
        _harness.Order.CustomerId = 41;
        _customer = new Customer { Id = 41 };
        _workContext = new Mock<IWorkContext>();
        _workContext.Setup(context => context.GetCurrentCustomerAsync()).ReturnsAsync(() => _customer);
    }

    private PaymentKmaPublicController CreateController()
    {
        var messages = new KmaShopperMessageService(_harness.Attributes, _harness.Localization.Object, _harness.OrderService.Object, _payments.Object);
        var url = new Mock<IUrlHelper>();
        url.Setup(helper => helper.RouteUrl(It.IsAny<UrlRouteContext>()))
            .Returns((UrlRouteContext context) => $"/route/{context.RouteName}");

        return new PaymentKmaPublicController(_harness.Attributes, _harness.CreateService(), _sync.Object, messages, _harness.Localization.Object,
            _harness.Logger.Object, _memoryCache, _notifications.Object, _harness.OrderService.Object, _workContext.Object)
        {
            ControllerContext = new ControllerContext { HttpContext = new DefaultHttpContext() },
            Url = url.Object
        };
    }

    /// <summary>What the shopper reads: the reason, then the next step (the harness's resources read "text:" + key)</summary>
    private static string Message(string reason, string next = "Next.Retry")
    {
        return $"text:Plugins.Payments.Kma.{reason} text:Plugins.Payments.Kma.{next}";
    }

    /// <summary>The sync changes its own copy of the order, as the real one re-reads it under the lock</summary>
    private void SyncCancelsItsCopy(KmaSyncOutcome outcome, OpnCharge charge)
    {
        var order = _harness.Order;
        var copy = new Order
        {
            Id = order.Id, OrderGuid = order.OrderGuid, StoreId = order.StoreId, CustomerId = order.CustomerId,
            PaymentMethodSystemName = order.PaymentMethodSystemName, CustomOrderNumber = order.CustomOrderNumber,
            PaymentStatus = order.PaymentStatus, OrderStatus = order.OrderStatus
        };
        _sync.Setup(service => service.SyncAsync(_harness.Order, null, KmaSyncOrigin.Return, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                copy.OrderStatus = OrderStatus.Cancelled;
                _harness.OrderService.Setup(service => service.GetOrderByIdAsync(copy.Id)).ReturnsAsync(copy);
                return new KmaSyncResult { Outcome = outcome, Charge = charge, OrderChanged = true };
            });
    }

    private void SyncGives(KmaSyncOutcome outcome, OpnCharge charge = null, Action apply = null)
    {
        _sync.Setup(service => service.SyncAsync(_harness.Order, null, KmaSyncOrigin.Return, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                apply?.Invoke();
                return new KmaSyncResult { Outcome = outcome, Charge = charge, OrderChanged = apply != null };
            });
    }

    private string Guid => _harness.Order.OrderGuid.ToString();

    private static void AssertInvalidLink(IActionResult result)
    {
        Assert.That(result, Is.TypeOf<RedirectToRouteResult>());
        Assert.That(((RedirectToRouteResult)result).RouteName, Is.EqualTo(NopRouteNames.General.HOMEPAGE));
    }

    [Test]
    public async Task AWrongTokenRevealsNothingAndSyncsNothing()
    {
        AssertInvalidLink(await CreateController().Return(Guid, Token + "x"));
        AssertInvalidLink(await CreateController().Return(Guid, Token[..^1]));
        AssertInvalidLink(await CreateController().Return(Guid, "-"));
        _sync.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AnUnknownOrderOrMissingParametersGetTheSameAnswer()
    {
        AssertInvalidLink(await CreateController().Return(System.Guid.NewGuid().ToString(), Token));
        AssertInvalidLink(await CreateController().Return("not-a-guid", Token));
        AssertInvalidLink(await CreateController().Return(null, null));
        AssertInvalidLink(await CreateController().Return(Guid, null));
        _sync.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AnotherPaymentMethodsOrderGetsTheSameAnswer()
    {
        _harness.Order.PaymentMethodSystemName = "Payments.CheckMoneyOrder";

        AssertInvalidLink(await CreateController().Return(Guid, Token));
        _sync.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AnOrderWithoutATokenCannotBeOpened()
    {
        _harness.Attributes.Values.Remove((_harness.Order.Id, KmaDefaults.OrderAttributes.ReturnToken));

        AssertInvalidLink(await CreateController().Return(Guid, "-"));
        _sync.VerifyNoOtherCalls();
    }

    [Test]
    public async Task APaidChargeLandsOnCheckoutCompleted()
    {
        SyncGives(KmaSyncOutcome.Paid);

        var result = (RedirectToRouteResult)await CreateController().Return(Guid, Token);

        Assert.That(result.RouteName, Is.EqualTo(NopRouteNames.Standard.CHECKOUT_COMPLETED));
        Assert.That(result.RouteValues["orderId"], Is.EqualTo(7));
        _sync.Verify(service => service.SyncAsync(_harness.Order, null, KmaSyncOrigin.Return, It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase(KmaSyncOutcome.Pending)]
    [TestCase(KmaSyncOutcome.Busy)]
    [TestCase(KmaSyncOutcome.Unavailable)]
    public async Task AnUnsettledChargeLandsOnTheWaitingPage(KmaSyncOutcome outcome)
    {
        SyncGives(outcome);

        var result = (RedirectToRouteResult)await CreateController().Return(Guid, Token);

        Assert.That(result.RouteName, Is.EqualTo(KmaDefaults.Checkout.WaitingRouteName));
        Assert.That(result.RouteValues["orderGuid"], Is.EqualTo(_harness.Order.OrderGuid));
        Assert.That(result.RouteValues["token"], Is.EqualTo(Token));
    }

    [TestCase(OpnFailureCodes.PaymentRejected)]
    [TestCase(OpnFailureCodes.FailedProcessing)]
    [TestCase(OpnFailureCodes.InvalidAccount)]
    [TestCase(OpnFailureCodes.InsufficientFund)]
    [TestCase(OpnFailureCodes.PaymentExpired)]
    public async Task AFailedChargeLandsOnTheOrderWithItsReason(string failureCode)
    {
        SyncGives(KmaSyncOutcome.Failed, new OpnCharge { Status = OpnChargeStatuses.Failed, FailureCode = failureCode });

        var result = (RedirectToRouteResult)await CreateController().Return(Guid, Token);

        Assert.That(result.RouteName, Is.EqualTo(NopRouteNames.Standard.ORDER_DETAILS));
        Assert.That(result.RouteValues["orderId"], Is.EqualTo(7));
        _notifications.Verify(service => service.ErrorNotification(Message($"Failure.{failureCode}"), It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
    }

    [Test]
    public async Task AnUnknownFailureCodeGetsTheGenericReason()
    {
        SyncGives(KmaSyncOutcome.Failed, new OpnCharge { Status = OpnChargeStatuses.Failed, FailureCode = "something_new" });

        await CreateController().Return(Guid, Token);

        _notifications.Verify(service => service.ErrorNotification(Message("Failure.Generic"), It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
    }

    [Test]
    public async Task TheReasonFallsBackToTheOrdersLastFailureCode()
    {
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.LastFailureCode)] = OpnFailureCodes.InvalidAccount;
        SyncGives(KmaSyncOutcome.Failed);

        await CreateController().Return(Guid, Token);

        _notifications.Verify(service => service.ErrorNotification(Message("Failure.invalid_account"), It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
    }

    [Test]
    public async Task AnExpiredChargeLandsOnTheOrderWithTheExpiredReason()
    {
        SyncGives(KmaSyncOutcome.Expired, new OpnCharge { Status = OpnChargeStatuses.Expired }, () => _harness.Order.OrderStatus = OrderStatus.Cancelled);

        var result = (RedirectToRouteResult)await CreateController().Return(Guid, Token);

        Assert.That(result.RouteName, Is.EqualTo(NopRouteNames.Standard.ORDER_DETAILS));
        _notifications.Verify(service => service.ErrorNotification(Message("Failure.Expired", "Next.Cancelled"), It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
    }

    [TestCase(KmaSyncOutcome.Mismatch)]
    [TestCase(KmaSyncOutcome.NotFound)]
    [TestCase(KmaSyncOutcome.NotCurrentCharge)]
    public async Task AnythingElseNeverClaimsAPayment(KmaSyncOutcome outcome)
    {
        SyncGives(outcome);

        var result = (RedirectToRouteResult)await CreateController().Return(Guid, Token);

        Assert.That(result.RouteName, Is.EqualTo(NopRouteNames.Standard.ORDER_DETAILS));
        _notifications.Verify(service => service.ErrorNotification(Message("Failure.Generic"), It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
    }

    [Test]
    public async Task MoneyForACancelledOrderIsExplainedNotHidden()
    {
        _harness.Order.OrderStatus = OrderStatus.Cancelled;
        SyncGives(KmaSyncOutcome.NotApplied, new OpnCharge { Status = OpnChargeStatuses.Successful });

        var result = (RedirectToRouteResult)await CreateController().Return(Guid, Token);

        Assert.That(result.RouteName, Is.EqualTo(NopRouteNames.Standard.ORDER_DETAILS));
        _notifications.Verify(service => service.WarningNotification("text:Plugins.Payments.Kma.Return.NotApplied", It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
        _notifications.Verify(service => service.ErrorNotification(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<int>()), Times.Never);
    }

    [Test]
    public async Task TheWaitingPagePollsTheStatusOfItsOrder()
    {
        var result = (ViewResult)await CreateController().Waiting(Guid, Token);

        Assert.That(result.ViewName, Is.EqualTo("PaymentKma.Waiting"));
        var model = (PaymentKmaWaitingModel)result.Model;
        Assert.That(model.StatusUrl, Is.EqualTo($"/Plugins/PaymentKma/Status?orderGuid={Guid}&token={Token}"));
        AssertInvalidLink(await CreateController().Waiting(Guid, "wrong"));
    }

    private static JObject Json(IActionResult result)
    {
        return JObject.FromObject(((JsonResult)result).Value);
    }

    [Test]
    public async Task StatusIsPendingWithoutARedirectAndSyncsAtMostOncePerInterval()
    {
        SyncGives(KmaSyncOutcome.Pending);

        var first = Json(await CreateController().Status(Guid, Token));
        var second = Json(await CreateController().Status(Guid, Token));

        Assert.That(first["status"]!.ToString(), Is.EqualTo("pending"));
        Assert.That(first["redirectUrl"]!.Type, Is.EqualTo(JTokenType.Null));
        Assert.That(second["status"]!.ToString(), Is.EqualTo("pending"));
        _sync.Verify(service => service.SyncAsync(It.IsAny<Order>(), null, KmaSyncOrigin.Return, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task StatusTurnsPaidWhenTheSyncAppliesTheCharge()
    {
        SyncGives(KmaSyncOutcome.Paid, apply: () => _harness.Order.PaymentStatus = PaymentStatus.Paid);

        var status = Json(await CreateController().Status(Guid, Token));

        Assert.That(status["status"]!.ToString(), Is.EqualTo("paid"));
        Assert.That(status["redirectUrl"]!.ToString(), Is.EqualTo($"/Plugins/PaymentKma/Return?orderGuid={Guid}&token={Token}"));
    }

    [Test]
    public async Task StatusReadsAPaidOrderWithoutCallingOpn()
    {
        _harness.Order.PaymentStatus = PaymentStatus.Paid;

        Assert.That(Json(await CreateController().Status(Guid, Token))["status"]!.ToString(), Is.EqualTo("paid"));
        _sync.VerifyNoOtherCalls();
    }

    [TestCase(OpnFailureCodes.InsufficientFund, "failed")]
    [TestCase(OpnFailureCodes.PaymentExpired, "expired")]
    public async Task StatusReportsTheLastFailure(string failureCode, string expected)
    {
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.LastFailureCode)] = failureCode;

        var status = Json(await CreateController().Status(Guid, Token));

        Assert.That(status["status"]!.ToString(), Is.EqualTo(expected));
        Assert.That(status["redirectUrl"]!.ToString(), Does.StartWith("/Plugins/PaymentKma/Return?"));
    }

    [Test]
    public async Task StatusOfAWrongTokenIsNotFound()
    {
        var result = await CreateController().Status(Guid, "wrong");

        Assert.That(result, Is.TypeOf<NotFoundObjectResult>());
        _sync.VerifyNoOtherCalls();
    }

    [Test]
    public async Task StatusSurvivesASyncThatThrows()
    {
        _sync.Setup(service => service.SyncAsync(It.IsAny<Order>(), null, KmaSyncOrigin.Return, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("boom"));

        Assert.That(Json(await CreateController().Status(Guid, Token))["status"]!.ToString(), Is.EqualTo("pending"));
    }

    [Test]
    public async Task ThePayPageShowsAQrCodeOfTheAuthorizeUriAndTheAmountInThb()
    {
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.AuthorizeUri)] = "https://pay.example/authorize/chrg_test_1";
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.ChargeAmountSatang)] = "150000";

        var result = (ViewResult)await CreateController().Pay(Guid, Token);

        var model = (PaymentKmaPayModel)result.Model;
        Assert.That(result.ViewName, Is.EqualTo("PaymentKma.Pay"));
        Assert.That(model.AmountThb, Is.EqualTo("฿1,500.00"));
        Assert.That(model.QrCodeSvg, Does.StartWith("<svg").Or.Contains("<svg"));
        Assert.That(model.AuthorizeUri, Is.EqualTo("https://pay.example/authorize/chrg_test_1"));
    }

    [Test]
    public async Task ThePayPageRefusesALinkThatIsNotHttp()
    {
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.AuthorizeUri)] = "javascript:alert(1)";

        var result = await CreateController().Pay(Guid, Token);

        Assert.That(result, Is.TypeOf<RedirectResult>());
        Assert.That(((RedirectResult)result).Url, Does.StartWith("/Plugins/PaymentKma/Return?"));
    }

    [Test]
    public async Task ThePayPageOfAPaidOrderMovesOn()
    {
        _harness.Order.PaymentStatus = PaymentStatus.Paid;
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.AuthorizeUri)] = "https://pay.example/authorize/chrg_test_1";

        Assert.That(await CreateController().Pay(Guid, Token), Is.TypeOf<RedirectResult>());
        AssertInvalidLink(await CreateController().Pay(Guid, "wrong"));
    }

    [Test]
    public async Task AnOrderTheSyncCancelledIsToldSoAndOffersNoRetry()
    {
        //"Cancel the order when a payment fails": the sync cancels its own, fresher copy of the order
        SyncCancelsItsCopy(KmaSyncOutcome.Failed, new OpnCharge { Status = OpnChargeStatuses.Failed, FailureCode = OpnFailureCodes.PaymentRejected });

        var result = (RedirectToRouteResult)await CreateController().Return(Guid, Token);

        Assert.That(result.RouteName, Is.EqualTo(NopRouteNames.Standard.ORDER_DETAILS));
        _notifications.Verify(service => service.ErrorNotification(Message("Failure.payment_rejected", "Next.Cancelled"), It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
        _notifications.Verify(service => service.ErrorNotification(It.Is<string>(text => text.Contains("Next.Retry")), It.IsAny<bool>(), It.IsAny<int>()), Times.Never);
    }

    [Test]
    public async Task AnExpiredChargeOfAnOrderTheSyncCancelledSaysCancelled()
    {
        SyncCancelsItsCopy(KmaSyncOutcome.Expired, new OpnCharge { Status = OpnChargeStatuses.Expired });

        await CreateController().Return(Guid, Token);

        _notifications.Verify(service => service.ErrorNotification(Message("Failure.Expired", "Next.Cancelled"), It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
    }

    [Test]
    public async Task TheRetryButtonIsNamedByNopCommercesOwnResourceInTheShoppersLanguage()
    {
        _harness.Localization.Setup(service => service.GetResourceAsync("Order.RetryPayment")).ReturnsAsync("ลองชำระเงินอีกครั้ง");
        _harness.Localization.Setup(service => service.GetResourceAsync("Plugins.Payments.Kma.Next.Retry")).ReturnsAsync("กดปุ่ม \"{0}\"");
        SyncGives(KmaSyncOutcome.Failed, new OpnCharge { Status = OpnChargeStatuses.Failed, FailureCode = OpnFailureCodes.InsufficientFund });

        await CreateController().Return(Guid, Token);

        _notifications.Verify(service => service.ErrorNotification("text:Plugins.Payments.Kma.Failure.insufficient_fund กดปุ่ม \"ลองชำระเงินอีกครั้ง\"", It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
    }

    [Test]
    public async Task WithoutRePostingTheShopperIsSentToTheStoreNotToAButton()
    {
        _allowRePosting = false;
        SyncGives(KmaSyncOutcome.Failed, new OpnCharge { Status = OpnChargeStatuses.Failed, FailureCode = OpnFailureCodes.InvalidAccount });

        await CreateController().Return(Guid, Token);

        _notifications.Verify(service => service.ErrorNotification(Message("Failure.invalid_account", "Next.ContactStore"), It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
    }

    [Test]
    public async Task APhoneThatPaidGetsItsOwnPageWithTheOrderNumberAndAmountOnly()
    {
        _customer = new Customer { Id = 99 };
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.ChargeAmountSatang)] = "150000";
        SyncGives(KmaSyncOutcome.Paid, apply: () => _harness.Order.PaymentStatus = PaymentStatus.Paid);

        var result = await CreateController().Return(Guid, Token);

        Assert.That(result, Is.TypeOf<ViewResult>(), "not the order's owner: nopCommerce's completed page would send it to the home page");
        var view = (ViewResult)result;
        Assert.That(view.ViewName, Is.EqualTo("PaymentKma.Result"));
        var model = (PaymentKmaResultModel)view.Model;
        Assert.That(model.Paid, Is.True);
        Assert.That(model.CustomOrderNumber, Is.EqualTo("7"));
        Assert.That(model.AmountThb, Is.EqualTo("฿1,500.00"));
        Assert.That(model.Message, Is.Null);
        _notifications.VerifyNoOtherCalls();
    }

    [Test]
    public async Task APhoneWhosePaymentFailedGetsTheReasonAndTheNextStepOnItsOwnPage()
    {
        _customer = new Customer { Id = 99 };
        SyncGives(KmaSyncOutcome.Failed, new OpnCharge { Status = OpnChargeStatuses.Failed, FailureCode = OpnFailureCodes.PaymentCancelled });

        var model = (PaymentKmaResultModel)((ViewResult)await CreateController().Return(Guid, Token)).Model;

        Assert.That(model.Paid, Is.False);
        Assert.That(model.Message, Is.EqualTo(Message("Failure.payment_cancelled")));
    }

    [Test]
    public async Task APhoneWhoseChargeIsStillPendingWaitsOnTheWaitingPage()
    {
        _customer = new Customer { Id = 99 };
        SyncGives(KmaSyncOutcome.Pending);

        var result = (RedirectToRouteResult)await CreateController().Return(Guid, Token);

        Assert.That(result.RouteName, Is.EqualTo(KmaDefaults.Checkout.WaitingRouteName));
    }

    [Test]
    public async Task TheWaitingPageOffersTheAppAgainWhileTheChargeIsPayableAndTheOrderToItsOwner()
    {
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.AuthorizeUri)] = "https://pay.example/authorize/chrg_test_1";
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.ChargeExpiresAtUtc)] = DateTime.UtcNow.AddMinutes(30).ToString("o");

        var model = (PaymentKmaWaitingModel)((ViewResult)await CreateController().Waiting(Guid, Token)).Model;

        Assert.That(model.AuthorizeUri, Is.EqualTo("https://pay.example/authorize/chrg_test_1"));
        Assert.That(model.OrderUrl, Is.EqualTo($"/route/{NopRouteNames.Standard.ORDER_DETAILS}"));

        _customer = new Customer { Id = 99 };
        Assert.That(((PaymentKmaWaitingModel)((ViewResult)await CreateController().Waiting(Guid, Token)).Model).OrderUrl, Is.Null,
            "another browser cannot open the order");
    }

    [Test]
    public async Task TheWaitingPageDoesNotOfferAChargeAboutToExpire()
    {
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.AuthorizeUri)] = "https://pay.example/authorize/chrg_test_1";
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.ChargeExpiresAtUtc)] = DateTime.UtcNow.AddSeconds(30).ToString("o");

        var model = (PaymentKmaWaitingModel)((ViewResult)await CreateController().Waiting(Guid, Token)).Model;

        Assert.That(model.AuthorizeUri, Is.Null);
    }

    [Test]
    public async Task TheWaitingPageDoesNotOfferAFailedCharge()
    {
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.AuthorizeUri)] = "https://pay.example/authorize/chrg_test_1";
        _harness.Attributes.Values[(_harness.Order.Id, KmaDefaults.OrderAttributes.LastFailureCode)] = OpnFailureCodes.InsufficientFund;

        var model = (PaymentKmaWaitingModel)((ViewResult)await CreateController().Waiting(Guid, Token)).Model;

        Assert.That(model.AuthorizeUri, Is.Null);
    }
}
