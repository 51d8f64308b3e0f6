using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Represents the account object
/// </summary>
public class OpnAccount
{
    [JsonProperty("object"), OpnStrict] public string Object { get; set; }
    [JsonProperty("id"), OpnStrict] public string Id { get; set; }
    [JsonProperty("location")] public string Location { get; set; }
    [JsonProperty("email")] public string Email { get; set; }
    [JsonProperty("country")] public string Country { get; set; }
    [JsonProperty("currency"), OpnStrict] public string Currency { get; set; }
    [JsonProperty("livemode"), OpnStrict] public bool Livemode { get; set; }
    [JsonProperty("team")] public string Team { get; set; }
    [JsonProperty("api_version")] public string ApiVersion { get; set; }
    [JsonProperty("last_updated_api_version")] public string LastUpdatedApiVersion { get; set; }
    [JsonProperty("supported_currencies")] public IList<string> SupportedCurrencies { get; set; } = new List<string>();
    [JsonProperty("webhook_uri")] public string WebhookUri { get; set; }
    [JsonProperty("auto_activate_recipients")] public bool? AutoActivateRecipients { get; set; }
    [JsonProperty("chain_enabled")] public bool? ChainEnabled { get; set; }
    [JsonProperty("chain_return_uri")] public string ChainReturnUri { get; set; }
    [JsonProperty("zero_interest_installments")] public bool? ZeroInterestInstallments { get; set; }
    [JsonProperty("metadata_export_keys")] public JToken MetadataExportKeys { get; set; }
    [JsonProperty("chaining_allowed")] public bool? ChainingAllowed { get; set; }
    [JsonProperty("transfer_config")] public JToken TransferConfig { get; set; }

    /// <summary>created_at (2019-05-29) or created (2017-11-02)</summary>
    [JsonProperty("created_at")] public DateTime? CreatedAt { get; set; }

    [JsonProperty("created")]
    private DateTime? Created { set => CreatedAt ??= value; }
}
