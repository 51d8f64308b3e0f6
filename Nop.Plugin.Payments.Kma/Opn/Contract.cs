using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Nop.Plugin.Payments.Kma.Opn;

// The public shape the payment flow codes against. The client may add members; it must not rename these.

/// <summary>
/// Known values of a charge's status (an open set: unknown values are kept as they are)
/// </summary>
public static class OpnChargeStatuses
{
    public const string Pending = "pending";
    public const string Successful = "successful";
    public const string Failed = "failed";
    public const string Expired = "expired";
    public const string Reversed = "reversed";
}

/// <summary>
/// Known platform types
/// </summary>
public static class OpnPlatformTypes
{
    public const string Ios = "IOS";
    public const string Android = "ANDROID";
    public const string Web = "WEB";
}

/// <summary>
/// Known failure codes of mobile banking charges
/// </summary>
public static class OpnFailureCodes
{
    public const string PaymentExpired = "payment_expired";
    public const string PaymentRejected = "payment_rejected";
    public const string FailedProcessing = "failed_processing";
    public const string InvalidAccount = "invalid_account";
    public const string InsufficientFund = "insufficient_fund";
}

/// <summary>
/// Known event keys
/// </summary>
public static class OpnEventKeys
{
    public const string ChargeCreate = "charge.create";
    public const string ChargeUpdate = "charge.update";
    public const string ChargeComplete = "charge.complete";
    public const string ChargeExpire = "charge.expire";
}

/// <summary>
/// Represents a source object
/// </summary>
public class OpnSource
{
    [JsonProperty("object")] public string Object { get; set; }
    [JsonProperty("id")] public string Id { get; set; }
    [JsonProperty("livemode")] public bool Livemode { get; set; }
    [JsonProperty("type")] public string Type { get; set; }
    [JsonProperty("flow")] public string Flow { get; set; }
    [JsonProperty("amount")] public long Amount { get; set; }
    [JsonProperty("currency")] public string Currency { get; set; }
    [JsonProperty("platform_type")] public string PlatformType { get; set; }
    [JsonProperty("charge_status")] public string ChargeStatus { get; set; }
}

/// <summary>
/// Represents a charge object
/// </summary>
public class OpnCharge
{
    [JsonProperty("object")] public string Object { get; set; }
    [JsonProperty("id")] public string Id { get; set; }
    [JsonProperty("livemode")] public bool Livemode { get; set; }
    [JsonProperty("amount")] public long Amount { get; set; }
    [JsonProperty("currency")] public string Currency { get; set; }
    [JsonProperty("status")] public string Status { get; set; }
    [JsonProperty("paid")] public bool Paid { get; set; }
    [JsonProperty("expired")] public bool Expired { get; set; }
    [JsonProperty("failure_code")] public string FailureCode { get; set; }
    [JsonProperty("failure_message")] public string FailureMessage { get; set; }
    [JsonProperty("authorize_uri")] public string AuthorizeUri { get; set; }
    [JsonProperty("return_uri")] public string ReturnUri { get; set; }
    [JsonProperty("transaction")] public string Transaction { get; set; }
    [JsonProperty("source")] public OpnSource Source { get; set; }
    [JsonProperty("metadata")] public IDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>();
    [JsonProperty("paid_at")] public DateTime? PaidAt { get; set; }
    [JsonProperty("expires_at")] public DateTime? ExpiresAt { get; set; }
    [JsonProperty("expired_at")] public DateTime? ExpiredAt { get; set; }
    /// <summary>created_at (2019-05-29) or created (2017-11-02)</summary>
    public DateTime? CreatedAt { get; set; }
}

/// <summary>
/// Represents an event object; <see cref="Data"/> holds the raw object, <see cref="Charge"/> the parsed charge when it is one
/// </summary>
public class OpnEvent
{
    [JsonProperty("object")] public string Object { get; set; }
    [JsonProperty("id")] public string Id { get; set; }
    [JsonProperty("livemode")] public bool Livemode { get; set; }
    [JsonProperty("key")] public string Key { get; set; }
    [JsonProperty("data")] public JObject Data { get; set; }
    public OpnCharge Charge { get; set; }
    public DateTime? CreatedAt { get; set; }
}

/// <summary>
/// Represents a list object
/// </summary>
public class OpnList<T>
{
    [JsonProperty("object")] public string Object { get; set; }
    [JsonProperty("data")] public IList<T> Data { get; set; } = new List<T>();
    [JsonProperty("limit")] public int Limit { get; set; }
    [JsonProperty("offset")] public int Offset { get; set; }
    [JsonProperty("total")] public int Total { get; set; }
}

/// <summary>
/// Represents a search result object
/// </summary>
public class OpnSearchResult<T>
{
    [JsonProperty("object")] public string Object { get; set; }
    [JsonProperty("data")] public IList<T> Data { get; set; } = new List<T>();
    [JsonProperty("page")] public int Page { get; set; }
    [JsonProperty("per_page")] public int PerPage { get; set; }
    [JsonProperty("total")] public int Total { get; set; }
    [JsonProperty("total_pages")] public int TotalPages { get; set; }
}

/// <summary>
/// Represents the account object
/// </summary>
public class OpnAccount
{
    [JsonProperty("id")] public string Id { get; set; }
    [JsonProperty("email")] public string Email { get; set; }
    [JsonProperty("country")] public string Country { get; set; }
    [JsonProperty("currency")] public string Currency { get; set; }
    [JsonProperty("livemode")] public bool Livemode { get; set; }
}

/// <summary>
/// Represents the capability object, normalised over both API shapes
/// </summary>
public class OpnCapability
{
    [JsonProperty("country")] public string Country { get; set; }

    /// <summary>Gets the payment methods by name (from payment_methods or payment_backends)</summary>
    public IList<OpnPaymentMethod> PaymentMethods { get; set; } = new List<OpnPaymentMethod>();

    /// <summary>Gets or sets limits.charge_amount.min in satang, when given</summary>
    public long? ChargeAmountMin { get; set; }

    /// <summary>Gets or sets limits.charge_amount.max in satang, when given</summary>
    public long? ChargeAmountMax { get; set; }

    /// <summary>Gets a value indicating whether the named method is enabled for the currency</summary>
    public bool Supports(string paymentMethodName, string currency = "THB")
    {
        return PaymentMethods.Any(method => string.Equals(method.Name, paymentMethodName, StringComparison.Ordinal)
            && (method.Currencies.Count == 0 || method.Currencies.Contains(currency, StringComparer.OrdinalIgnoreCase)));
    }
}

/// <summary>
/// Represents one payment method of the capability
/// </summary>
public class OpnPaymentMethod
{
    [JsonProperty("name")] public string Name { get; set; }
    [JsonProperty("currencies")] public IList<string> Currencies { get; set; } = new List<string>();
}
