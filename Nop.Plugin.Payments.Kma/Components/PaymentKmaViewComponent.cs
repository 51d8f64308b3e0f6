using Microsoft.AspNetCore.Mvc;
using Nop.Web.Framework.Components;

namespace Nop.Plugin.Payments.Kma.Components;

/// <summary>
/// The payment info shown in checkout when the shopper picks Krungsri (KMA)
/// </summary>
public class PaymentKmaViewComponent : NopViewComponent
{
    /// <summary>
    /// Invoke the view component
    /// </summary>
    /// <returns>The view component result</returns>
    public IViewComponentResult Invoke()
    {
        //requested by name so that a theme can override it
        return View("PaymentKma.PaymentInfo");
    }
}
