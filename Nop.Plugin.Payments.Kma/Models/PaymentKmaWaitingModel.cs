using Nop.Web.Framework.Models;

namespace Nop.Plugin.Payments.Kma.Models;

/// <summary>
/// The page a shopper waits on while the charge is pending
/// </summary>
public record PaymentKmaWaitingModel : BaseNopModel
{
    /// <summary>Gets or sets the order id</summary>
    public int OrderId { get; set; }

    /// <summary>Gets or sets the order number shown to the shopper</summary>
    public string CustomOrderNumber { get; set; }

    /// <summary>Gets or sets the URL of the status JSON the page polls</summary>
    public string StatusUrl { get; set; }

    /// <summary>Gets or sets the URL the page goes to when the shopper stops waiting</summary>
    public string ReturnUrl { get; set; }

    /// <summary>Gets or sets the charge's authorize_uri while it can still be paid (opens the KMA app again); null otherwise</summary>
    public string AuthorizeUri { get; set; }

    /// <summary>Gets or sets the URL of nopCommerce's order page, for the customer who placed the order only</summary>
    public string OrderUrl { get; set; }
}
