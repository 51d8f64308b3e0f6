using Nop.Web.Framework.Models;

namespace Nop.Plugin.Payments.Kma.Models;

/// <summary>
/// The desktop "pay on your phone" page
/// </summary>
public record PaymentKmaPayModel : BaseNopModel
{
    /// <summary>Gets or sets the order id</summary>
    public int OrderId { get; set; }

    /// <summary>Gets or sets the order number shown to the shopper</summary>
    public string CustomOrderNumber { get; set; }

    /// <summary>Gets or sets the amount of the charge in THB, formatted</summary>
    public string AmountThb { get; set; }

    /// <summary>Gets or sets the charge's authorize_uri, the link the QR code holds</summary>
    public string AuthorizeUri { get; set; }

    /// <summary>Gets or sets the QR code of the authorize_uri as an SVG document rendered on the server</summary>
    public string QrCodeSvg { get; set; }

    /// <summary>Gets or sets when the charge expires (UTC, ISO 8601), when known</summary>
    public string ExpiresAtUtc { get; set; }

    /// <summary>Gets or sets the URL of the status JSON the page polls</summary>
    public string StatusUrl { get; set; }

    /// <summary>Gets or sets the URL the page goes to when the shopper stops waiting</summary>
    public string ReturnUrl { get; set; }
}
