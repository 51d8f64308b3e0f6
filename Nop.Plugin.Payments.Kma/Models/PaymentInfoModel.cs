using Nop.Web.Framework.Models;

namespace Nop.Plugin.Payments.Kma.Models;

/// <summary>
/// Represents the checkout payment info model
/// </summary>
public record PaymentInfoModel : BaseNopModel
{
    #region Properties

    /// <summary>
    /// Gets or sets a value indicating whether the shopper sees prices in a currency other than THB
    /// </summary>
    public bool ShowThbAmount { get; set; }

    /// <summary>
    /// Gets or sets the order total in THB, formatted (for example ฿1,234.50)
    /// </summary>
    public string ThbAmount { get; set; }

    /// <summary>
    /// Gets or sets the order total in THB
    /// </summary>
    public decimal? ThbAmountValue { get; set; }

    #endregion
}
