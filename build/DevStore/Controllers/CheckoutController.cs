using DevStore.Data;
using DevStore.Infrastructure;
using DevStore.Models;
using DevStore.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Http;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Localization;
using Nop.Services.Logging;
using Nop.Services.Orders;
using Nop.Services.Payments;

namespace DevStore.Controllers;

/// <summary>
/// What nopCommerce's CheckoutModelFactory and checkout session do, for the DevStore's cart
/// </summary>
public class CheckoutHelper
{
    private readonly DevStoreData _data;
    private readonly IGenericAttributeService _genericAttributeService;
    private readonly ILocalizationService _localizationService;
    private readonly IPaymentPluginManager _paymentPluginManager;
    private readonly IPaymentService _paymentService;
    private readonly PriceFormatter _priceFormatter;
    private readonly ISettingService _settingService;
    private readonly ShoppingCartService _shoppingCartService;
    private readonly IStoreContext _storeContext;
    private readonly IWebHelper _webHelper;
    private readonly IWorkContext _workContext;

    public CheckoutHelper(DevStoreData data,
        IGenericAttributeService genericAttributeService,
        ILocalizationService localizationService,
        IPaymentPluginManager paymentPluginManager,
        IPaymentService paymentService,
        PriceFormatter priceFormatter,
        ISettingService settingService,
        ShoppingCartService shoppingCartService,
        IStoreContext storeContext,
        IWebHelper webHelper,
        IWorkContext workContext)
    {
        _data = data;
        _genericAttributeService = genericAttributeService;
        _localizationService = localizationService;
        _paymentPluginManager = paymentPluginManager;
        _paymentService = paymentService;
        _priceFormatter = priceFormatter;
        _settingService = settingService;
        _shoppingCartService = shoppingCartService;
        _storeContext = storeContext;
        _webHelper = webHelper;
        _workContext = workContext;
    }

    public async Task<IList<ShoppingCartItem>> GetCartAsync() =>
        _shoppingCartService.GetShoppingCart(await _workContext.GetCurrentCustomerAsync(), (await _storeContext.GetCurrentStoreAsync()).Id);

    public async Task<bool> IsOnePageCheckoutAsync() =>
        await _settingService.GetSettingByKeyAsync(DevStoreDefaults.OnePageCheckoutSetting, false, (await _storeContext.GetCurrentStoreAsync()).Id, true);

    public async Task<PaymentSettings> GetPaymentSettingsAsync() =>
        await _settingService.LoadSettingAsync<PaymentSettings>((await _storeContext.GetCurrentStoreAsync()).Id);

    public async Task<string> GetSelectedPaymentMethodAsync() => await _genericAttributeService.GetAttributeAsync<string>(
        await _workContext.GetCurrentCustomerAsync(), DevStoreDefaults.SelectedPaymentMethodAttribute, (await _storeContext.GetCurrentStoreAsync()).Id);

    public async Task SaveSelectedPaymentMethodAsync(string systemName) => await _genericAttributeService.SaveAttributeAsync(
        await _workContext.GetCurrentCustomerAsync(), DevStoreDefaults.SelectedPaymentMethodAttribute, systemName, (await _storeContext.GetCurrentStoreAsync()).Id);

    public async Task<ProcessPaymentRequest> GetProcessPaymentRequestAsync() =>
        _data.ProcessPaymentRequests.TryGetValue((await _workContext.GetCurrentCustomerAsync()).Id, out var request) ? request : null;

    public async Task SetProcessPaymentRequestAsync(ProcessPaymentRequest request)
    {
        var customerId = (await _workContext.GetCurrentCustomerAsync()).Id;
        if (request == null)
            _data.ProcessPaymentRequests.TryRemove(customerId, out _);
        else
            _data.ProcessPaymentRequests[customerId] = request;
    }

    public async Task<CartModel> PrepareCartModelAsync(string paymentMethodSystemName)
    {
        var cart = await GetCartAsync();
        var thai = (await _workContext.GetWorkingLanguageAsync()).Id == DevStoreDefaults.ThaiLanguageId;
        var model = new CartModel { OnePageCheckout = await IsOnePageCheckoutAsync() };
        foreach (var item in cart)
        {
            var product = _shoppingCartService.GetProduct(item.ProductId);
            model.Lines.Add(new CartLineModel(product.Id, thai ? product.NameThai : product.Name, item.Quantity,
                await _priceFormatter.FormatAsync(product.Price), await _priceFormatter.FormatAsync(product.Price * item.Quantity)));
        }

        var subtotal = _shoppingCartService.GetSubtotal(cart);
        var fee = await _paymentService.GetAdditionalHandlingFeeAsync(cart, paymentMethodSystemName);
        model.SubtotalText = await _priceFormatter.FormatAsync(subtotal);
        model.PaymentFeeText = fee > decimal.Zero ? await _priceFormatter.FormatAsync(fee) : null;
        model.Total = subtotal + fee;
        model.TotalText = await _priceFormatter.FormatAsync(model.Total);
        return model;
    }

    /// <summary>
    /// The payment methods offered: active, Standard or Redirection, not hidden by the plugin for this cart
    /// </summary>
    public async Task<CheckoutPaymentMethodModel> PreparePaymentMethodModelAsync(IList<ShoppingCartItem> cart)
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        var store = await _storeContext.GetCurrentStoreAsync();
        var settings = await GetPaymentSettingsAsync();
        var selected = await GetSelectedPaymentMethodAsync();
        var language = await _workContext.GetWorkingLanguageAsync();
        var model = new CheckoutPaymentMethodModel();

        foreach (var method in await _paymentPluginManager.LoadActivePluginsAsync(customer, store.Id))
        {
            if (method.PaymentMethodType is not (PaymentMethodType.Standard or PaymentMethodType.Redirection))
                continue;
            if (await method.HidePaymentMethodAsync(cart))
                continue;

            var systemName = method.PluginDescriptor.SystemName;
            var name = await _localizationService.GetResourceAsync($"Plugins.FriendlyName.{systemName}", language.Id, false, method.PluginDescriptor.FriendlyName);
            var description = settings.ShowPaymentMethodDescriptions ? await method.GetPaymentMethodDescriptionAsync() : null;
            var fee = await _paymentService.GetAdditionalHandlingFeeAsync(cart, systemName);
            model.PaymentMethods.Add(new PaymentMethodItemModel(systemName, name, description,
                fee > decimal.Zero ? await _priceFormatter.FormatAsync(fee) : null,
                await _paymentPluginManager.GetPluginLogoUrlAsync(method),
                systemName.Equals(selected, StringComparison.InvariantCultureIgnoreCase)));
        }

        if (model.PaymentMethods.Any() && !model.PaymentMethods.Any(method => method.Selected))
            model.PaymentMethods[0] = model.PaymentMethods[0] with { Selected = true };

        return model;
    }

    public async Task<PlaceOrderDetails> PreparePlaceOrderDetailsAsync(IList<ShoppingCartItem> cart, string paymentMethodSystemName)
    {
        var subtotal = _shoppingCartService.GetSubtotal(cart);
        var fee = await _paymentService.GetAdditionalHandlingFeeAsync(cart, paymentMethodSystemName);
        var currency = await _workContext.GetWorkingCurrencyAsync();
        return new PlaceOrderDetails(subtotal, fee, subtotal + fee, _shoppingCartService.RequiresShipping(cart),
            (await _workContext.GetWorkingLanguageAsync()).Id, currency.CurrencyCode, currency.Rate, _webHelper.GetCurrentIpAddress());
    }

    public async Task ClearCartAsync() =>
        _shoppingCartService.ClearCart(await _workContext.GetCurrentCustomerAsync(), (await _storeContext.GetCurrentStoreAsync()).Id);
}

/// <summary>
/// Both checkout styles, as nopCommerce 4.90's CheckoutController runs them (no addresses or shipping steps)
/// </summary>
[AutoValidateAntiforgeryToken]
public class CheckoutController : BasePublicController
{
    private readonly CheckoutHelper _checkoutHelper;
    private readonly ILogger _logger;
    private readonly IOrderService _orderService;
    private readonly OrderProcessingService _orderProcessingService;
    private readonly IPaymentPluginManager _paymentPluginManager;
    private readonly IPaymentService _paymentService;
    private readonly IStoreContext _storeContext;
    private readonly IWebHelper _webHelper;
    private readonly IWorkContext _workContext;

    public CheckoutController(CheckoutHelper checkoutHelper,
        ILogger logger,
        IOrderService orderService,
        OrderProcessingService orderProcessingService,
        IPaymentPluginManager paymentPluginManager,
        IPaymentService paymentService,
        IStoreContext storeContext,
        IWebHelper webHelper,
        IWorkContext workContext)
    {
        _checkoutHelper = checkoutHelper;
        _logger = logger;
        _orderService = orderService;
        _orderProcessingService = orderProcessingService;
        _paymentPluginManager = paymentPluginManager;
        _paymentService = paymentService;
        _storeContext = storeContext;
        _webHelper = webHelper;
        _workContext = workContext;
    }

    private async Task<IPaymentMethod> LoadSelectedPaymentMethodAsync()
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        var store = await _storeContext.GetCurrentStoreAsync();
        return await _paymentPluginManager.LoadPluginBySystemNameAsync(await _checkoutHelper.GetSelectedPaymentMethodAsync(), customer, store.Id);
    }

    private async Task<bool> SkipPaymentInfoAsync(IPaymentMethod method) =>
        method.SkipPaymentInfo || (method.PaymentMethodType == PaymentMethodType.Redirection && (await _checkoutHelper.GetPaymentSettingsAsync()).SkipPaymentInfoStepForRedirectionPaymentMethods);

    public async Task<IActionResult> Index()
    {
        if (!(await _checkoutHelper.GetCartAsync()).Any())
            return RedirectToRoute(NopRouteNames.General.CART);

        return await _checkoutHelper.IsOnePageCheckoutAsync()
            ? RedirectToRoute(NopRouteNames.Standard.CHECKOUT_ONE_PAGE)
            : RedirectToRoute(NopRouteNames.Standard.CHECKOUT_PAYMENT_METHOD);
    }

    #region Multi-step checkout

    public async Task<IActionResult> PaymentMethod()
    {
        var cart = await _checkoutHelper.GetCartAsync();
        if (!cart.Any())
            return RedirectToRoute(NopRouteNames.General.CART);
        if (await _checkoutHelper.IsOnePageCheckoutAsync())
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_ONE_PAGE);

        var model = await _checkoutHelper.PreparePaymentMethodModelAsync(cart);
        var settings = await _checkoutHelper.GetPaymentSettingsAsync();
        if (settings.BypassPaymentMethodSelectionIfOnlyOne && model.PaymentMethods.Count == 1)
        {
            await _checkoutHelper.SaveSelectedPaymentMethodAsync(model.PaymentMethods[0].SystemName);
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_PAYMENT_INFO);
        }

        return View(model);
    }

    [HttpPost, ActionName("PaymentMethod")]
    [FormValueRequired("nextstep")]
    public async Task<IActionResult> SelectPaymentMethod(string paymentmethod)
    {
        var cart = await _checkoutHelper.GetCartAsync();
        if (!cart.Any())
            return RedirectToRoute(NopRouteNames.General.CART);
        if (await _checkoutHelper.IsOnePageCheckoutAsync())
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_ONE_PAGE);

        var store = await _storeContext.GetCurrentStoreAsync();
        if (string.IsNullOrEmpty(paymentmethod) || !await _paymentPluginManager.IsPluginActiveAsync(paymentmethod, await _workContext.GetCurrentCustomerAsync(), store.Id))
            return await PaymentMethod();

        await _checkoutHelper.SaveSelectedPaymentMethodAsync(paymentmethod);
        return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_PAYMENT_INFO);
    }

    public async Task<IActionResult> PaymentInfo()
    {
        var cart = await _checkoutHelper.GetCartAsync();
        if (!cart.Any())
            return RedirectToRoute(NopRouteNames.General.CART);
        if (await _checkoutHelper.IsOnePageCheckoutAsync())
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_ONE_PAGE);

        var method = await LoadSelectedPaymentMethodAsync();
        if (method == null)
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_PAYMENT_METHOD);

        if (await SkipPaymentInfoAsync(method))
        {
            await _checkoutHelper.SetProcessPaymentRequestAsync(new ProcessPaymentRequest());
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_CONFIRM);
        }

        return View(new CheckoutPaymentInfoModel { PaymentViewComponent = method.GetPublicViewComponent(), PaymentMethodSystemName = method.PluginDescriptor.SystemName });
    }

    [HttpPost, ActionName("PaymentInfo")]
    [FormValueRequired("nextstep")]
    public async Task<IActionResult> EnterPaymentInfo(IFormCollection form)
    {
        var cart = await _checkoutHelper.GetCartAsync();
        if (!cart.Any())
            return RedirectToRoute(NopRouteNames.General.CART);
        if (await _checkoutHelper.IsOnePageCheckoutAsync())
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_ONE_PAGE);

        var method = await LoadSelectedPaymentMethodAsync();
        if (method == null)
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_PAYMENT_METHOD);

        foreach (var warning in await method.ValidatePaymentFormAsync(form))
            ModelState.AddModelError(string.Empty, warning);

        if (ModelState.IsValid)
        {
            await _checkoutHelper.SetProcessPaymentRequestAsync(await method.GetPaymentInfoAsync(form));
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_CONFIRM);
        }

        return View(new CheckoutPaymentInfoModel { PaymentViewComponent = method.GetPublicViewComponent(), PaymentMethodSystemName = method.PluginDescriptor.SystemName });
    }

    public async Task<IActionResult> Confirm()
    {
        var cart = await _checkoutHelper.GetCartAsync();
        if (!cart.Any())
            return RedirectToRoute(NopRouteNames.General.CART);
        if (await _checkoutHelper.IsOnePageCheckoutAsync())
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_ONE_PAGE);

        return View(await PrepareConfirmModelAsync());
    }

    private async Task<CheckoutConfirmModel> PrepareConfirmModelAsync()
    {
        var method = await LoadSelectedPaymentMethodAsync();
        return new CheckoutConfirmModel
        {
            Cart = await _checkoutHelper.PrepareCartModelAsync(method?.PluginDescriptor.SystemName),
            PaymentMethodName = method?.PluginDescriptor.FriendlyName
        };
    }

    [HttpPost, ActionName("Confirm")]
    public async Task<IActionResult> ConfirmOrder()
    {
        var cart = await _checkoutHelper.GetCartAsync();
        if (!cart.Any())
            return RedirectToRoute(NopRouteNames.General.CART);
        if (await _checkoutHelper.IsOnePageCheckoutAsync())
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_ONE_PAGE);

        var model = await PrepareConfirmModelAsync();
        try
        {
            var request = await _checkoutHelper.GetProcessPaymentRequestAsync();
            if (request == null)
                return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_PAYMENT_INFO);

            var placeOrderResult = await PlaceOrderAsync(request, cart);
            if (placeOrderResult.Success)
            {
                await _checkoutHelper.SetProcessPaymentRequestAsync(null);
                await _paymentService.PostProcessPaymentAsync(new PostProcessPaymentRequest { Order = placeOrderResult.PlacedOrder });

                if (_webHelper.IsRequestBeingRedirected || _webHelper.IsPostBeingDone)
                    return new EmptyResult();

                return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_COMPLETED, new { orderId = placeOrderResult.PlacedOrder.Id });
            }

            model.Warnings.AddRange(placeOrderResult.Errors);
        }
        catch (Exception exception)
        {
            await _logger.WarningAsync(exception.Message, exception);
            model.Warnings.Add(exception.Message);
        }

        return View(model);
    }

    private async Task<PlaceOrderResult> PlaceOrderAsync(ProcessPaymentRequest request, IList<ShoppingCartItem> cart)
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        request.StoreId = (await _storeContext.GetCurrentStoreAsync()).Id;
        request.CustomerId = customer.Id;
        request.PaymentMethodSystemName = await _checkoutHelper.GetSelectedPaymentMethodAsync();
        await _checkoutHelper.SetProcessPaymentRequestAsync(request);

        var result = await _orderProcessingService.PlaceOrderAsync(request, await _checkoutHelper.PreparePlaceOrderDetailsAsync(cart, request.PaymentMethodSystemName));
        if (result.Success)
            await _checkoutHelper.ClearCartAsync();

        return result;
    }

    public async Task<IActionResult> Completed(int? orderId)
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        Order order = null;
        if (orderId.HasValue)
            order = await _orderService.GetOrderByIdAsync(orderId.Value);
        if (order == null)
        {
            var store = await _storeContext.GetCurrentStoreAsync();
            order = (await _orderService.SearchOrdersAsync(storeId: store.Id, customerId: customer.Id, pageSize: 1)).FirstOrDefault();
        }

        if (order == null || order.Deleted || customer.Id != order.CustomerId)
            return RedirectToRoute(NopRouteNames.General.HOMEPAGE);

        return View(new CheckoutCompletedModel { OrderId = order.Id, CustomOrderNumber = order.CustomOrderNumber });
    }

    #endregion

    #region One-page checkout

    public async Task<IActionResult> OnePageCheckout()
    {
        var cart = await _checkoutHelper.GetCartAsync();
        if (!cart.Any())
            return RedirectToRoute(NopRouteNames.General.CART);
        if (!await _checkoutHelper.IsOnePageCheckoutAsync())
            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT);

        // as nopCommerce: the page holds the steps; payment info and confirmation arrive later by AJAX (update_section)
        var method = await LoadSelectedPaymentMethodAsync();
        return View(new OnePageCheckoutModel
        {
            Cart = await _checkoutHelper.PrepareCartModelAsync(method?.PluginDescriptor.SystemName),
            PaymentMethods = await _checkoutHelper.PreparePaymentMethodModelAsync(cart)
        });
    }

    /// <summary>
    /// nopCommerce's OpcLoadStepAfterPaymentMethod: the payment info step (the method's view component in the partial
    /// OpcPaymentInfo, rendered on its own) or, when it is skipped, the confirm step
    /// </summary>
    private async Task<JsonResult> OpcLoadStepAfterPaymentMethodAsync(IPaymentMethod method)
    {
        if (await SkipPaymentInfoAsync(method))
        {
            await _checkoutHelper.SetProcessPaymentRequestAsync(new ProcessPaymentRequest());
            return Json(new
            {
                update_section = new { name = "confirm-order", html = await RenderPartialViewToStringAsync("OpcConfirmOrder", await PrepareConfirmModelAsync()) },
                goto_section = "confirm_order"
            });
        }

        return Json(new
        {
            update_section = new { name = "payment-info", html = await RenderPartialViewToStringAsync("OpcPaymentInfo", PreparePaymentInfoModel(method)) },
            goto_section = "payment_info"
        });
    }

    private static CheckoutPaymentInfoModel PreparePaymentInfoModel(IPaymentMethod method) =>
        new() { PaymentViewComponent = method.GetPublicViewComponent(), PaymentMethodSystemName = method.PluginDescriptor.SystemName };

    [HttpPost]
    public async Task<IActionResult> OpcSavePaymentMethod(string paymentmethod)
    {
        try
        {
            if (!(await _checkoutHelper.GetCartAsync()).Any())
                throw new Exception("Your cart is empty");
            if (!await _checkoutHelper.IsOnePageCheckoutAsync())
                throw new Exception("One page checkout is disabled");

            var customer = await _workContext.GetCurrentCustomerAsync();
            var store = await _storeContext.GetCurrentStoreAsync();
            if (string.IsNullOrEmpty(paymentmethod) || !await _paymentPluginManager.IsPluginActiveAsync(paymentmethod, customer, store.Id))
                throw new Exception("Selected payment method can't be parsed");

            await _checkoutHelper.SaveSelectedPaymentMethodAsync(paymentmethod);
            var method = await _paymentPluginManager.LoadPluginBySystemNameAsync(paymentmethod, customer, store.Id);
            return await OpcLoadStepAfterPaymentMethodAsync(method);
        }
        catch (Exception exception)
        {
            await _logger.WarningAsync(exception.Message, exception);
            return Json(new { error = 1, message = exception.Message });
        }
    }

    [HttpPost]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> OpcSavePaymentInfo(IFormCollection form)
    {
        try
        {
            if (!(await _checkoutHelper.GetCartAsync()).Any())
                throw new Exception("Your cart is empty");
            if (!await _checkoutHelper.IsOnePageCheckoutAsync())
                throw new Exception("One page checkout is disabled");

            var method = await LoadSelectedPaymentMethodAsync() ?? throw new Exception("Payment method is not selected");
            foreach (var warning in await method.ValidatePaymentFormAsync(form))
                ModelState.AddModelError(string.Empty, warning);

            if (ModelState.IsValid)
            {
                await _checkoutHelper.SetProcessPaymentRequestAsync(await method.GetPaymentInfoAsync(form));
                return Json(new
                {
                    update_section = new { name = "confirm-order", html = await RenderPartialViewToStringAsync("OpcConfirmOrder", await PrepareConfirmModelAsync()) },
                    goto_section = "confirm_order"
                });
            }

            // the step again, with the warnings in its validation summary
            return Json(new
            {
                update_section = new { name = "payment-info", html = await RenderPartialViewToStringAsync("OpcPaymentInfo", PreparePaymentInfoModel(method)) }
            });
        }
        catch (Exception exception)
        {
            await _logger.WarningAsync(exception.Message, exception);
            return Json(new { error = 1, message = exception.Message });
        }
    }

    [HttpPost]
    public async Task<IActionResult> OpcConfirmOrder()
    {
        try
        {
            var cart = await _checkoutHelper.GetCartAsync();
            if (!cart.Any())
                throw new Exception("Your cart is empty");
            if (!await _checkoutHelper.IsOnePageCheckoutAsync())
                throw new Exception("One page checkout is disabled");

            var request = await _checkoutHelper.GetProcessPaymentRequestAsync() ?? throw new Exception("Payment information is not entered");
            var placeOrderResult = await PlaceOrderAsync(request, cart);
            if (placeOrderResult.Success)
            {
                await _checkoutHelper.SetProcessPaymentRequestAsync(null);
                var customer = await _workContext.GetCurrentCustomerAsync();
                var method = await _paymentPluginManager.LoadPluginBySystemNameAsync(placeOrderResult.PlacedOrder.PaymentMethodSystemName, customer, placeOrderResult.PlacedOrder.StoreId);
                if (method == null)
                    return Json(new { success = 1 });

                // a redirect cannot happen inside this AJAX request: the browser goes to the next action, which redirects
                if (method.PaymentMethodType == PaymentMethodType.Redirection)
                    return Json(new { redirect = $"{_webHelper.GetStoreLocation()}checkout/OpcCompleteRedirectionPayment" });

                await _paymentService.PostProcessPaymentAsync(new PostProcessPaymentRequest { Order = placeOrderResult.PlacedOrder });
                return Json(new { success = 1 });
            }

            var confirmModel = await PrepareConfirmModelAsync();
            confirmModel.Warnings.AddRange(placeOrderResult.Errors);
            return Json(new
            {
                update_section = new { name = "confirm-order", html = await RenderPartialViewToStringAsync("OpcConfirmOrder", confirmModel) },
                goto_section = "confirm_order"
            });
        }
        catch (Exception exception)
        {
            await _logger.WarningAsync(exception.Message, exception, await _workContext.GetCurrentCustomerAsync());
            return Json(new { error = 1, message = exception.Message });
        }
    }

    public async Task<IActionResult> OpcCompleteRedirectionPayment()
    {
        try
        {
            if (!await _checkoutHelper.IsOnePageCheckoutAsync())
                return RedirectToRoute(NopRouteNames.General.HOMEPAGE);

            var customer = await _workContext.GetCurrentCustomerAsync();
            var store = await _storeContext.GetCurrentStoreAsync();
            var order = (await _orderService.SearchOrdersAsync(storeId: store.Id, customerId: customer.Id, pageSize: 1)).FirstOrDefault();
            if (order == null)
                return RedirectToRoute(NopRouteNames.General.HOMEPAGE);

            var method = await _paymentPluginManager.LoadPluginBySystemNameAsync(order.PaymentMethodSystemName, customer, store.Id);
            if (method == null || method.PaymentMethodType != PaymentMethodType.Redirection)
                return RedirectToRoute(NopRouteNames.General.HOMEPAGE);

            // only an order placed in the last three minutes
            if ((DateTime.UtcNow - order.CreatedOnUtc).TotalMinutes > 3)
                return RedirectToRoute(NopRouteNames.General.HOMEPAGE);

            await _paymentService.PostProcessPaymentAsync(new PostProcessPaymentRequest { Order = order });

            if (_webHelper.IsRequestBeingRedirected || _webHelper.IsPostBeingDone)
                return new EmptyResult();

            return RedirectToRoute(NopRouteNames.Standard.CHECKOUT_COMPLETED, new { orderId = order.Id });
        }
        catch (Exception exception)
        {
            await _logger.WarningAsync(exception.Message, exception, await _workContext.GetCurrentCustomerAsync());
            return Content(exception.Message);
        }
    }

    #endregion
}
