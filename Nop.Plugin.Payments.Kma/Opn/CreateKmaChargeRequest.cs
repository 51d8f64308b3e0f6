namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// What the plugin sends to create one KMA charge
/// </summary>
public sealed class CreateKmaChargeRequest
{
    /// <summary>
    /// Gets or sets the amount in satang (THB × 100); must satisfy <see cref="KmaAmountRule"/>
    /// </summary>
    public long Amount { get; set; }

    /// <summary>
    /// Gets or sets the currency; always THB for KMA
    /// </summary>
    public string Currency { get; set; } = "THB";

    /// <summary>
    /// Gets or sets the platform type (see <see cref="OpnPlatformTypes"/>); null to omit
    /// </summary>
    public string PlatformType { get; set; }

    /// <summary>
    /// Gets or sets the URL the shopper returns to after authorizing
    /// </summary>
    public string ReturnUri { get; set; }

    /// <summary>
    /// Gets or sets the description
    /// </summary>
    public string Description { get; set; }

    /// <summary>
    /// Gets the metadata (for example order_guid, order_id, custom_order_number, store_id, attempt)
    /// </summary>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>();

    /// <summary>
    /// Gets the charge's own webhook endpoints (dynamic webhooks); empty to use the dashboard's
    /// </summary>
    public IList<string> WebhookEndpoints { get; } = new List<string>();
}
