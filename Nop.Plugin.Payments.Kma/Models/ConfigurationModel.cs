using System.ComponentModel.DataAnnotations;
using Nop.Web.Framework.Models;
using Nop.Web.Framework.Mvc.ModelBinding;

namespace Nop.Plugin.Payments.Kma.Models;

/// <summary>
/// Represents the admin configuration model
/// </summary>
/// <remarks>
/// The secret key and the webhook secret are write-only: the GET model never carries them, only whether
/// they are set and a short tail to recognise them by. An empty field on save keeps the stored value.
/// </remarks>
public record ConfigurationModel : BaseNopModel
{
    #region Properties

    public int ActiveStoreScopeConfiguration { get; set; }

    [NopResourceDisplayName("Plugins.Payments.Kma.Fields.PublicKey")]
    public string PublicKey { get; set; }
    public bool PublicKey_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Payments.Kma.Fields.SecretKey")]
    [DataType(DataType.Password)]
    public string SecretKey { get; set; }
    public bool SecretKey_OverrideForStore { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a secret key is stored for the scope (display only)
    /// </summary>
    public bool SecretKeyIsSet { get; set; }

    /// <summary>
    /// Gets or sets the last characters of the stored secret key, or empty (display only)
    /// </summary>
    public string SecretKeyTail { get; set; }

    [NopResourceDisplayName("Plugins.Payments.Kma.Fields.WebhookSecret")]
    [DataType(DataType.Password)]
    public string WebhookSecret { get; set; }
    public bool WebhookSecret_OverrideForStore { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a webhook secret is stored for the scope (display only)
    /// </summary>
    public bool WebhookSecretIsSet { get; set; }

    /// <summary>
    /// Gets or sets the last characters of the stored webhook secret, or empty (display only)
    /// </summary>
    public string WebhookSecretTail { get; set; }

    [NopResourceDisplayName("Plugins.Payments.Kma.Fields.ApiBaseUrl")]
    public string ApiBaseUrl { get; set; }
    public bool ApiBaseUrl_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Payments.Kma.Fields.AdditionalFee")]
    public decimal AdditionalFee { get; set; }
    public bool AdditionalFee_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Payments.Kma.Fields.AdditionalFeePercentage")]
    public bool AdditionalFeePercentage { get; set; }
    public bool AdditionalFeePercentage_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Payments.Kma.Fields.CancelOrderOnFailedCharge")]
    public bool CancelOrderOnFailedCharge { get; set; }
    public bool CancelOrderOnFailedCharge_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Payments.Kma.Fields.CancelOrderOnExpiredCharge")]
    public bool CancelOrderOnExpiredCharge { get; set; }
    public bool CancelOrderOnExpiredCharge_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Payments.Kma.Fields.UseDynamicWebhooks")]
    public bool UseDynamicWebhooks { get; set; }
    public bool UseDynamicWebhooks_OverrideForStore { get; set; }

    [NopResourceDisplayName("Plugins.Payments.Kma.Fields.CheckCapability")]
    public bool CheckCapability { get; set; }
    public bool CheckCapability_OverrideForStore { get; set; }

    /// <summary>
    /// Gets or sets the webhook URL to paste into the Opn dashboard (display only)
    /// </summary>
    public string WebhookUrl { get; set; }

    /// <summary>
    /// Gets or sets the result of "Test connection", when it was run
    /// </summary>
    public ConnectionTestModel ConnectionTest { get; set; }

    #endregion
}
