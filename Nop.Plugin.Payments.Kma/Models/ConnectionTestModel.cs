using Nop.Web.Framework.Models;

namespace Nop.Plugin.Payments.Kma.Models;

/// <summary>
/// Represents what "Test connection" found, in words the store owner can act on
/// </summary>
public record ConnectionTestModel : BaseNopModel
{
    #region Properties

    /// <summary>
    /// Gets or sets a value indicating whether Opn accepted the keys
    /// </summary>
    public bool Success { get; set; }

    /// <summary>
    /// Gets or sets the account email
    /// </summary>
    public string AccountEmail { get; set; }

    /// <summary>
    /// Gets or sets the account country
    /// </summary>
    public string AccountCountry { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the keys are live keys (otherwise test keys)
    /// </summary>
    public bool Livemode { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether mobile_banking_bay is enabled for THB
    /// </summary>
    public bool KmaEnabled { get; set; }

    /// <summary>
    /// Gets or sets the THB limits, formatted for display
    /// </summary>
    public string Limits { get; set; }

    /// <summary>
    /// Gets or sets the API base URL that was called
    /// </summary>
    public string ApiBaseUrl { get; set; }

    /// <summary>
    /// Gets or sets the localized explanation of a failure and what to do about it
    /// </summary>
    public string Error { get; set; }

    /// <summary>
    /// Gets or sets localized warnings (for example KMA not enabled, or test keys on a live account)
    /// </summary>
    public IList<string> Warnings { get; set; } = new List<string>();

    #endregion
}
