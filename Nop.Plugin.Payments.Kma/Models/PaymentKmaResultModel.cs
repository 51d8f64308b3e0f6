using Nop.Web.Framework.Models;

namespace Nop.Plugin.Payments.Kma.Models;

/// <summary>
/// The page of a browser that paid but cannot open the order (a phone that scanned the QR code): the outcome,
/// the order number and the amount, nothing more
/// </summary>
public record PaymentKmaResultModel : BaseNopModel
{
    /// <summary>Gets or sets a value indicating whether the payment was received</summary>
    public bool Paid { get; set; }

    /// <summary>Gets or sets the order number shown to the shopper</summary>
    public string CustomOrderNumber { get; set; }

    /// <summary>Gets or sets the amount of the charge in THB, formatted; null when unknown</summary>
    public string AmountThb { get; set; }

    /// <summary>Gets or sets what happened and what to do next, localized; null for a plain success</summary>
    public string Message { get; set; }
}
