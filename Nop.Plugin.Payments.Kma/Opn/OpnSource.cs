using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Represents a source object. Type, flow, platform_type and charge_status are open strings.
/// </summary>
public class OpnSource
{
    [JsonProperty("object"), OpnStrict] public string Object { get; set; }
    [JsonProperty("id"), OpnStrict] public string Id { get; set; }
    [JsonProperty("livemode"), OpnStrict] public bool Livemode { get; set; }
    [JsonProperty("location")] public string Location { get; set; }
    [JsonProperty("type"), OpnStrict] public string Type { get; set; }
    [JsonProperty("flow")] public string Flow { get; set; }
    [JsonProperty("amount"), OpnStrict] public long Amount { get; set; }
    [JsonProperty("currency"), OpnStrict] public string Currency { get; set; }
    [JsonProperty("platform_type")] public string PlatformType { get; set; }

    /// <summary>Gets or sets the status of the source's charge, or "unknown" while it has none</summary>
    [JsonProperty("charge_status")] public string ChargeStatus { get; set; }

    [JsonProperty("barcode")] public string Barcode { get; set; }
    [JsonProperty("bank")] public string Bank { get; set; }
    [JsonProperty("email")] public string Email { get; set; }
    [JsonProperty("installment_term")] public int? InstallmentTerm { get; set; }
    [JsonProperty("ip")] public string Ip { get; set; }
    [JsonProperty("absorption_type")] public string AbsorptionType { get; set; }
    [JsonProperty("name")] public string Name { get; set; }
    [JsonProperty("mobile_number")] public string MobileNumber { get; set; }
    [JsonProperty("phone_number")] public string PhoneNumber { get; set; }
    [JsonProperty("scannable_code")] public JToken ScannableCode { get; set; }
    [JsonProperty("billing")] public JToken Billing { get; set; }
    [JsonProperty("shipping")] public JToken Shipping { get; set; }
    [JsonProperty("items")] public JToken Items { get; set; }
    [JsonProperty("references")] public JToken References { get; set; }
    [JsonProperty("provider_references")] public OpnProviderReferences ProviderReferences { get; set; }
    [JsonProperty("store_id")] public string StoreId { get; set; }
    [JsonProperty("store_name")] public string StoreName { get; set; }
    [JsonProperty("terminal_id")] public string TerminalId { get; set; }
    [JsonProperty("zero_interest_installments")] public bool? ZeroInterestInstallments { get; set; }
    [JsonProperty("receipt_amount")] public long? ReceiptAmount { get; set; }
    [JsonProperty("discounts")] public JToken Discounts { get; set; }
    [JsonProperty("promotion_code")] public string PromotionCode { get; set; }
    [JsonProperty("qr_settings")] public JToken QrSettings { get; set; }

    /// <summary>created_at (2019-05-29) or created (2017-11-02)</summary>
    [JsonProperty("created_at")] public DateTime? CreatedAt { get; set; }

    [JsonProperty("created")]
    private DateTime? Created { set => CreatedAt ??= value; }
}

/// <summary>
/// Represents the bank's references of a source
/// </summary>
public class OpnProviderReferences
{
    [JsonProperty("reference_number_1")] public string ReferenceNumber1 { get; set; }
    [JsonProperty("reference_number_2")] public string ReferenceNumber2 { get; set; }
}
