using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Represents a charge object (2019-05-29, also readable in the 2017-11-02 shape).
/// Status and failure_code are open strings; see <see cref="OpnChargeStatuses"/> and <see cref="OpnFailureCodes"/>.
/// Fields marked <see cref="OpnStrictAttribute"/> must have their JSON type; all others are read tolerantly.
/// </summary>
public class OpnCharge
{
    [JsonProperty("object"), OpnStrict] public string Object { get; set; }
    [JsonProperty("id"), OpnStrict] public string Id { get; set; }
    [JsonProperty("livemode"), OpnStrict] public bool Livemode { get; set; }
    [JsonProperty("location")] public string Location { get; set; }

    /// <summary>Gets or sets the amount in satang</summary>
    [JsonProperty("amount"), OpnStrict] public long Amount { get; set; }

    /// <summary>Gets or sets the currency as Opn sent it (upper-case since 2019-05-29, lower-case before)</summary>
    [JsonProperty("currency"), OpnStrict] public string Currency { get; set; }

    [JsonProperty("status"), OpnStrict] public string Status { get; set; }
    [JsonProperty("paid"), OpnStrict] public bool Paid { get; set; }
    [JsonProperty("expired")] public bool Expired { get; set; }
    [JsonProperty("failure_code")] public string FailureCode { get; set; }
    [JsonProperty("failure_message")] public string FailureMessage { get; set; }
    [JsonProperty("authorize_uri")] public string AuthorizeUri { get; set; }
    [JsonProperty("return_uri")] public string ReturnUri { get; set; }
    [JsonProperty("transaction")] public string Transaction { get; set; }
    [JsonProperty("source"), OpnStrict] public OpnSource Source { get; set; }

    /// <summary>Gets or sets the metadata; values that are not strings in the JSON are kept as their JSON text</summary>
    [JsonProperty("metadata"), OpnStrict]
    [JsonConverter(typeof(OpnMetadataConverter))]
    public IDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>();

    [JsonProperty("paid_at")] public DateTime? PaidAt { get; set; }
    [JsonProperty("expires_at"), OpnStrict] public DateTime? ExpiresAt { get; set; }
    [JsonProperty("expired_at")] public DateTime? ExpiredAt { get; set; }

    /// <summary>created_at (2019-05-29) or created (2017-11-02)</summary>
    [JsonProperty("created_at")] public DateTime? CreatedAt { get; set; }

    [JsonProperty("created")]
    private DateTime? Created { set => CreatedAt ??= value; }

    [JsonProperty("description")] public string Description { get; set; }
    [JsonProperty("net")] public long? Net { get; set; }
    [JsonProperty("fee")] public long? Fee { get; set; }
    [JsonProperty("fee_vat")] public long? FeeVat { get; set; }
    [JsonProperty("interest")] public long? Interest { get; set; }
    [JsonProperty("interest_vat")] public long? InterestVat { get; set; }
    [JsonProperty("funding_amount")] public long? FundingAmount { get; set; }
    [JsonProperty("funding_currency")] public string FundingCurrency { get; set; }

    /// <summary>refunded_amount (2019-05-29) or refunded (2017-11-02)</summary>
    [JsonProperty("refunded_amount")] public long? RefundedAmount { get; set; }

    [JsonProperty("refunded")]
    private long? Refunded { set => RefundedAmount ??= value; }

    [JsonProperty("transaction_fees")] public OpnTransactionFees TransactionFees { get; set; }
    [JsonProperty("platform_fee")] public OpnPlatformFee PlatformFee { get; set; }
    [JsonProperty("ip")] public string Ip { get; set; }
    [JsonProperty("refunds")] public OpnList<JObject> Refunds { get; set; }
    [JsonProperty("link")] public JToken Link { get; set; }
    [JsonProperty("card")] public JToken Card { get; set; }
    [JsonProperty("schedule")] public JToken Schedule { get; set; }
    [JsonProperty("customer")] public JToken Customer { get; set; }
    [JsonProperty("dispute")] public JToken Dispute { get; set; }
    [JsonProperty("branch")] public JToken Branch { get; set; }
    [JsonProperty("terminal")] public JToken Terminal { get; set; }
    [JsonProperty("device")] public JToken Device { get; set; }
    [JsonProperty("reversed_at")] public DateTime? ReversedAt { get; set; }
    [JsonProperty("zero_interest_installments")] public bool? ZeroInterestInstallments { get; set; }
    [JsonProperty("authorized")] public bool Authorized { get; set; }
    [JsonProperty("capturable")] public bool Capturable { get; set; }
    [JsonProperty("capture")] public bool Capture { get; set; }
    [JsonProperty("disputable")] public bool Disputable { get; set; }
    [JsonProperty("refundable")] public bool Refundable { get; set; }
    [JsonProperty("partially_refundable")] public bool PartiallyRefundable { get; set; }
    [JsonProperty("reversed")] public bool Reversed { get; set; }
    [JsonProperty("reversible")] public bool Reversible { get; set; }
    [JsonProperty("voided")] public bool Voided { get; set; }
    [JsonProperty("can_perform_void")] public bool? CanPerformVoid { get; set; }
    [JsonProperty("merchant_advice")] public string MerchantAdvice { get; set; }
    [JsonProperty("merchant_advice_code")] public string MerchantAdviceCode { get; set; }
    [JsonProperty("approval_code")] public string ApprovalCode { get; set; }
    [JsonProperty("acquirer_reference_number")] public string AcquirerReferenceNumber { get; set; }
    [JsonProperty("linked_account")] public JToken LinkedAccount { get; set; }
    [JsonProperty("authorized_at")] public DateTime? AuthorizedAt { get; set; }
    [JsonProperty("multi_capture")] public bool? MultiCapture { get; set; }

    /// <summary>Gets a value indicating whether the charge is paid (status successful and paid)</summary>
    [JsonIgnore]
    public bool IsSuccessful => string.Equals(Status, OpnChargeStatuses.Successful, StringComparison.Ordinal) && Paid;

    /// <summary>Gets the metadata value for a key, or null</summary>
    public string GetMetadata(string key)
    {
        return Metadata != null && Metadata.TryGetValue(key, out var value) ? value : null;
    }
}

/// <summary>
/// Represents the fee rates applied to a charge (decimal strings as Opn sends them)
/// </summary>
public class OpnTransactionFees
{
    [JsonProperty("fee_flat")] public string FeeFlat { get; set; }
    [JsonProperty("fee_rate")] public string FeeRate { get; set; }
    [JsonProperty("vat_rate")] public string VatRate { get; set; }
}

/// <summary>
/// Represents a platform fee of a charge
/// </summary>
public class OpnPlatformFee
{
    [JsonProperty("fixed")] public long? Fixed { get; set; }
    [JsonProperty("amount")] public long? Amount { get; set; }
    [JsonProperty("percentage")] public decimal? Percentage { get; set; }
}
