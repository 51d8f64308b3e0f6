using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Payments.Kma.Models;
using Nop.Services.Directory;
using Nop.Services.Orders;
using Nop.Web.Framework.Components;

namespace Nop.Plugin.Payments.Kma.Components;

/// <summary>
/// The KMA payment info shown during checkout. Its view is found by name
/// (Components/PaymentKma/PaymentKma.PaymentInfo), so a theme can override it.
/// </summary>
public class PaymentKmaViewComponent : NopViewComponent
{
    #region Fields

    private readonly ICurrencyService _currencyService;
    private readonly IOrderTotalCalculationService _orderTotalCalculationService;
    private readonly IShoppingCartService _shoppingCartService;
    private readonly IStoreContext _storeContext;
    private readonly IWorkContext _workContext;

    #endregion

    #region Ctor

    public PaymentKmaViewComponent(ICurrencyService currencyService,
        IOrderTotalCalculationService orderTotalCalculationService,
        IShoppingCartService shoppingCartService,
        IStoreContext storeContext,
        IWorkContext workContext)
    {
        _currencyService = currencyService;
        _orderTotalCalculationService = orderTotalCalculationService;
        _shoppingCartService = shoppingCartService;
        _storeContext = storeContext;
        _workContext = workContext;
    }

    #endregion

    #region Utilities

    /// <summary>
    /// Gets the cart total in THB when the shopper sees another currency
    /// </summary>
    /// <returns>A task that represents the asynchronous operation. The task result contains the THB total, or null when it need not (or cannot) be shown</returns>
    protected virtual async Task<decimal?> GetThbTotalAsync()
    {
        var workingCurrency = await _workContext.GetWorkingCurrencyAsync();
        if (string.Equals(workingCurrency?.CurrencyCode, "THB", StringComparison.OrdinalIgnoreCase))
            return null;

        var thb = await _currencyService.GetCurrencyByCodeAsync("THB");
        if (thb is null)
            return null;

        var customer = await _workContext.GetCurrentCustomerAsync();
        var store = await _storeContext.GetCurrentStoreAsync();
        var cart = await _shoppingCartService.GetShoppingCartAsync(customer, ShoppingCartType.ShoppingCart, store.Id);
        if (!cart.Any())
            return null;

        //the total is in the primary store currency; the charge is made in THB
        var (total, _, _, _, _, _) = await _orderTotalCalculationService.GetShoppingCartTotalAsync(cart);
        if (!total.HasValue)
            return null;

        var thbTotal = await _currencyService.ConvertFromPrimaryStoreCurrencyAsync(total.Value, thb);
        return Math.Round(thbTotal, 2, MidpointRounding.AwayFromZero);
    }

    #endregion

    #region Methods

    /// <summary>
    /// Invokes the view component
    /// </summary>
    /// <returns>A task that represents the asynchronous operation. The task result contains the view</returns>
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var model = new PaymentInfoModel();

        var thbTotal = await GetThbTotalAsync();
        if (thbTotal.HasValue)
        {
            model.ShowThbAmount = true;
            model.ThbAmountValue = thbTotal;
            model.ThbAmount = $"฿{thbTotal.Value.ToString("N2", CultureInfo.InvariantCulture)}";
        }

        //by name, not by path: the theme's copy is found first, then the plugin's own
        return View(KmaDefaults.PaymentInfoViewName, model);
    }

    #endregion
}
