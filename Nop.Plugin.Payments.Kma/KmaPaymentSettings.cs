using Nop.Core.Configuration;

namespace Nop.Plugin.Payments.Kma;

/// <summary>
/// Represents the plugin settings, stored per store with fallback to all stores
/// </summary>
public class KmaPaymentSettings : ISettings
{
    /// <summary>
    /// Gets or sets the Opn public key (pkey_...)
    /// </summary>
    public string PublicKey { get; set; }

    /// <summary>
    /// Gets or sets the Opn secret key (skey_...). Never rendered back to a page or written to a log.
    /// </summary>
    public string SecretKey { get; set; }

    /// <summary>
    /// Gets or sets the Base64 webhook secret used to verify Omise-Signature. Never rendered or logged.
    /// </summary>
    public string WebhookSecret { get; set; }

    /// <summary>
    /// Gets or sets the Opn API base URL (advanced; points at the OpnEmulator during development)
    /// </summary>
    public string ApiBaseUrl { get; set; }

    /// <summary>
    /// Gets or sets the additional fee
    /// </summary>
    public decimal AdditionalFee { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the additional fee is a percentage of the order total
    /// </summary>
    public bool AdditionalFeePercentage { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a failed charge cancels the order (otherwise the shopper may retry)
    /// </summary>
    public bool CancelOrderOnFailedCharge { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether an expired charge cancels the order
    /// </summary>
    public bool CancelOrderOnExpiredCharge { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether each charge carries the plugin's webhook URL (webhook_endpoints)
    /// </summary>
    public bool UseDynamicWebhooks { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether checkout hides the method unless Opn's capability lists mobile_banking_bay
    /// </summary>
    public bool CheckCapability { get; set; }
}
