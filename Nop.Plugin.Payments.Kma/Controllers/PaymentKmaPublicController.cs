using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Http;
using Nop.Plugin.Payments.Kma.Models;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Services.Common;
using Nop.Services.Localization;
using Nop.Services.Logging;
using Nop.Services.Messages;
using Nop.Services.Orders;
using Nop.Web.Framework.Controllers;

namespace Nop.Plugin.Payments.Kma.Controllers;

/// <summary>
/// The shopper's pages after checkout: the return from the KMA app, the waiting page, the status the pages poll,
/// and the desktop "pay on your phone" page. Every action takes the order GUID and the order's token; anything
/// that does not match gets the same answer, whether the order exists or not.
/// </summary>
public class PaymentKmaPublicController : BasePaymentController
{
    #region Fields

    private readonly IGenericAttributeService _genericAttributeService;
    private readonly IKmaCheckoutService _kmaCheckoutService;
    private readonly IKmaPaymentSyncService _kmaPaymentSyncService;
    private readonly IKmaShopperMessageService _kmaShopperMessageService;
    private readonly ILocalizationService _localizationService;
    private readonly ILogger _logger;
    private readonly IMemoryCache _memoryCache;
    private readonly INotificationService _notificationService;
    private readonly IOrderService _orderService;
    private readonly IWorkContext _workContext;

    #endregion

    #region Ctor

    public PaymentKmaPublicController(IGenericAttributeService genericAttributeService,
        IKmaCheckoutService kmaCheckoutService,
        IKmaPaymentSyncService kmaPaymentSyncService,
        IKmaShopperMessageService kmaShopperMessageService,
        ILocalizationService localizationService,
        ILogger logger,
        IMemoryCache memoryCache,
        INotificationService notificationService,
        IOrderService orderService,
        IWorkContext workContext)
    {
        _genericAttributeService = genericAttributeService;
        _kmaCheckoutService = kmaCheckoutService;
        _kmaPaymentSyncService = kmaPaymentSyncService;
        _kmaShopperMessageService = kmaShopperMessageService;
        _localizationService = localizationService;
        _logger = logger;
        _memoryCache = memoryCache;
        _notificationService = notificationService;
        _orderService = orderService;
        _workContext = workContext;
    }

    #endregion

    #region Utilities

    /// <summary>
    /// Finds the KMA order the GUID and token name; null for a missing, unknown or wrong one
    /// </summary>
    protected virtual async Task<Order> GetOrderAsync(string orderGuid, string token)
    {
        if (!Guid.TryParse(orderGuid, out var guid) || string.IsNullOrEmpty(token))
            return null;

        var order = await _orderService.GetOrderByGuidAsync(guid);
        var isKmaOrder = order != null && !order.Deleted
            && string.Equals(order.PaymentMethodSystemName, KmaDefaults.SystemName, StringComparison.OrdinalIgnoreCase);
        var expected = isKmaOrder
            ? await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.ReturnToken)
            : null;

        //compare even when there is nothing to compare with, so that both cases cost the same
        var matches = KmaReturnToken.Matches(expected ?? "-", token) && expected != null;

        return matches ? order : null;
    }

    /// <summary>
    /// The one answer for a missing, unknown or wrong order or token
    /// </summary>
    protected virtual IActionResult InvalidLink()
    {
        return RedirectToRoute(NopRouteNames.General.HOMEPAGE);
    }

    /// <summary>
    /// Gets a plugin URL for the order, relative to the current host (the pages poll their own origin)
    /// </summary>
    protected virtual string GetLocalUrl(string path, Order order, string token)
    {
        return $"{Request.PathBase}/{path}?orderGuid={order.OrderGuid}&token={Uri.EscapeDataString(token)}";
    }

    /// <summary>
    /// Gets the locale resource of the reason a charge failed or expired
    /// </summary>
    protected virtual async Task<string> GetFailureResourceKeyAsync(Order order, KmaSyncOutcome outcome, OpnCharge charge)
    {
        var code = charge?.FailureCode;
        if (string.IsNullOrEmpty(code))
            code = await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.LastFailureCode);

        return _kmaShopperMessageService.GetFailureResourceKey(code, outcome == KmaSyncOutcome.Expired);
    }

    /// <summary>
    /// Sends the order's owner to nopCommerce's order page with the reason and the next step for the order as it is now
    /// </summary>
    protected virtual async Task<IActionResult> ToOrderDetailsAsync(Order order, string resourceKey)
    {
        _notificationService.ErrorNotification(await _kmaShopperMessageService.GetMessageAsync(order, resourceKey));

        return RedirectToRoute(NopRouteNames.Standard.ORDER_DETAILS, new { orderId = order.Id });
    }

    /// <summary>
    /// Gets a value indicating whether this browser belongs to the customer who placed the order (nopCommerce's order
    /// pages open for that customer only; a phone that paid by scanning the QR code is someone else)
    /// </summary>
    protected virtual async Task<bool> IsOrderOwnerAsync(Order order)
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        return customer != null && customer.Id == order.CustomerId;
    }

    /// <summary>
    /// The page of a browser that cannot open the order: the outcome, the order number and amount, nothing more
    /// </summary>
    protected virtual async Task<IActionResult> ResultPageAsync(Order order, KmaSyncResult result)
    {
        var amountSatang = await _genericAttributeService.GetAttributeAsync<long>(order, KmaDefaults.OrderAttributes.ChargeAmountSatang);
        var model = new PaymentKmaResultModel
        {
            CustomOrderNumber = order.CustomOrderNumber,
            AmountThb = amountSatang > 0 ? "฿" + (amountSatang / 100m).ToString("N2", CultureInfo.InvariantCulture) : null
        };

        if (result.Outcome == KmaSyncOutcome.Paid || order.PaymentStatus is PaymentStatus.Paid or PaymentStatus.Authorized)
            model.Paid = true;
        else if (result.Outcome == KmaSyncOutcome.NotApplied)
        {
            //money arrived for an order that can't take it: the admin was alerted
            model.Paid = true;
            model.Message = await _localizationService.GetResourceAsync("Plugins.Payments.Kma.Return.NotApplied");
        }
        else
        {
            var resourceKey = result.Outcome is KmaSyncOutcome.Failed or KmaSyncOutcome.Expired
                ? await GetFailureResourceKeyAsync(order, result.Outcome, result.Charge)
                : "Plugins.Payments.Kma.Failure.Generic";
            model.Message = await _kmaShopperMessageService.GetMessageAsync(order, resourceKey);
        }

        return View("PaymentKma.Result", model);
    }

    /// <summary>
    /// Gets the status the waiting and pay pages show, from the order as stored
    /// </summary>
    protected virtual async Task<string> GetLocalStatusAsync(Order order)
    {
        if (order.PaymentStatus is PaymentStatus.Paid or PaymentStatus.Authorized)
            return "paid";

        if (order.OrderStatus == OrderStatus.Cancelled || order.PaymentStatus != PaymentStatus.Pending)
            return "cancelled";

        var failureCode = await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.LastFailureCode);
        if (string.IsNullOrEmpty(failureCode))
            return "pending";

        return failureCode == OpnFailureCodes.PaymentExpired ? "expired" : "failed";
    }

    #endregion

    #region Methods

    /// <summary>
    /// Where Opn sends the shopper back: fetches and applies the charge, then moves the shopper on
    /// </summary>
    [HttpGet]
    public virtual async Task<IActionResult> Return(string orderGuid, string token)
    {
        var order = await GetOrderAsync(orderGuid, token);
        if (order == null)
            return InvalidLink();

        var result = await _kmaPaymentSyncService.SyncAsync(order, null, KmaSyncOrigin.Return, HttpContext.RequestAborted);
        var unsettled = result.Outcome is KmaSyncOutcome.Pending or KmaSyncOutcome.Busy or KmaSyncOutcome.Unavailable;

        //what the shopper is told follows the order as the sync left it (it may have been paid or cancelled)
        order = await _orderService.GetOrderByIdAsync(order.Id) ?? order;
        var paid = result.Outcome == KmaSyncOutcome.Paid || order.PaymentStatus is PaymentStatus.Paid or PaymentStatus.Authorized;

        if (unsettled && !paid && order.OrderStatus != OrderStatus.Cancelled)
            return RedirectToRoute(KmaDefaults.Checkout.WaitingRouteName, new { orderGuid = order.OrderGuid, token });

        if (!await IsOrderOwnerAsync(order))
            return await ResultPageAsync(order, result);

        if (paid)
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_COMPLETED, new { orderId = order.Id });

        switch (result.Outcome)
        {
            case KmaSyncOutcome.Failed:
            case KmaSyncOutcome.Expired:
                return await ToOrderDetailsAsync(order, await GetFailureResourceKeyAsync(order, result.Outcome, result.Charge));

            case KmaSyncOutcome.NotApplied:
                //money arrived for an order that can't take it: the admin was alerted; tell the shopper so
                _notificationService.WarningNotification(await _localizationService.GetResourceAsync("Plugins.Payments.Kma.Return.NotApplied"));
                return RedirectToRoute(NopRouteNames.Standard.ORDER_DETAILS, new { orderId = order.Id });

            default:
                //never claim a payment that was not applied
                return await ToOrderDetailsAsync(order, "Plugins.Payments.Kma.Failure.Generic");
        }
    }

    /// <summary>
    /// The page a shopper waits on while the charge is still pending; it polls the status and moves on by itself
    /// </summary>
    [HttpGet]
    public virtual async Task<IActionResult> Waiting(string orderGuid, string token)
    {
        var order = await GetOrderAsync(orderGuid, token);
        if (order == null)
            return InvalidLink();

        //settled: the return page knows where this browser goes
        if (order.PaymentStatus != PaymentStatus.Pending)
            return Redirect(GetLocalUrl(KmaDefaults.Checkout.ReturnPath, order, token));

        var model = new PaymentKmaWaitingModel
        {
            OrderId = order.Id,
            CustomOrderNumber = order.CustomOrderNumber,
            StatusUrl = GetLocalUrl(KmaDefaults.Checkout.StatusPath, order, token),
            ReturnUrl = GetLocalUrl(KmaDefaults.Checkout.ReturnPath, order, token)
        };

        //the way back into the app, while the charge can still be paid in it
        if (await GetLocalStatusAsync(order) == "pending")
        {
            var authorizeUri = await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.AuthorizeUri);
            var expiresAt = await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.ChargeExpiresAtUtc);
            var notNearExpiry = !DateTime.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var expiresAtUtc)
                || expiresAtUtc > DateTime.UtcNow + KmaDefaults.Checkout.ChargeReuseMargin;
            if (notNearExpiry && Uri.TryCreate(authorizeUri, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                model.AuthorizeUri = authorizeUri;
        }

        //only the customer who placed the order can open it
        if (await IsOrderOwnerAsync(order))
            model.OrderUrl = Url.RouteUrl(NopRouteNames.Standard.ORDER_DETAILS, new { orderId = order.Id });

        return View("PaymentKma.Waiting", model);
    }

    /// <summary>
    /// The order's payment status as JSON: {status: pending|paid|failed|expired|cancelled, redirectUrl}
    /// </summary>
    [HttpGet]
    public virtual async Task<IActionResult> Status(string orderGuid, string token)
    {
        Response.Headers.CacheControl = "no-store";

        var order = await GetOrderAsync(orderGuid, token);
        if (order == null)
            return NotFound(new { status = "unknown" });

        var status = await GetLocalStatusAsync(order);

        //a lost webhook must not leave the page waiting forever: sync now and then, never on every poll
        var throttleKey = $"Nop.Plugin.Payments.Kma.status-sync-{order.Id}";
        if (status == "pending" && !_memoryCache.TryGetValue(throttleKey, out _))
        {
            _memoryCache.Set(throttleKey, true, KmaDefaults.Checkout.StatusSyncInterval);
            try
            {
                var result = await _kmaPaymentSyncService.SyncAsync(order, null, KmaSyncOrigin.Return, HttpContext.RequestAborted);
                if (result.OrderChanged || result.Outcome is KmaSyncOutcome.Paid or KmaSyncOutcome.Failed or KmaSyncOutcome.Expired)
                {
                    order = await _orderService.GetOrderByIdAsync(order.Id) ?? order;
                    status = await GetLocalStatusAsync(order);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await _logger.WarningAsync($"Krungsri (KMA): the status check of order #{order.Id} could not sync its charge. {exception.Message}");
            }
        }

        var redirectUrl = status == "pending" ? null : GetLocalUrl(KmaDefaults.Checkout.ReturnPath, order, token);

        return Json(new { status, redirectUrl });
    }

    /// <summary>
    /// The desktop "pay on your phone" page: a QR code of the charge's authorize_uri and the live status
    /// </summary>
    [HttpGet]
    public virtual async Task<IActionResult> Pay(string orderGuid, string token)
    {
        var order = await GetOrderAsync(orderGuid, token);
        if (order == null)
            return InvalidLink();

        var returnUrl = GetLocalUrl(KmaDefaults.Checkout.ReturnPath, order, token);
        if (await GetLocalStatusAsync(order) != "pending")
            return Redirect(returnUrl);

        var authorizeUri = await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.AuthorizeUri);
        if (!Uri.TryCreate(authorizeUri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return Redirect(returnUrl);

        var amountSatang = await _genericAttributeService.GetAttributeAsync<long>(order, KmaDefaults.OrderAttributes.ChargeAmountSatang);
        var model = new PaymentKmaPayModel
        {
            OrderId = order.Id,
            CustomOrderNumber = order.CustomOrderNumber,
            AmountThb = "฿" + (amountSatang / 100m).ToString("N2", CultureInfo.InvariantCulture),
            AuthorizeUri = authorizeUri,
            QrCodeSvg = KmaQrCode.ToSvg(authorizeUri),
            ExpiresAtUtc = await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.ChargeExpiresAtUtc),
            StatusUrl = GetLocalUrl(KmaDefaults.Checkout.StatusPath, order, token),
            ReturnUrl = returnUrl
        };

        return View("PaymentKma.Pay", model);
    }

    #endregion
}
