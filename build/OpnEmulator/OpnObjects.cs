using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpnEmulator;

// The objects the API returns, field for field in the order of Opn's 2019-05-29 answers (nulls included): the KMA
// guide's examples plus the fields today's objects carry. The test data beside the emulator tests lists every field
// with where it was seen.

internal sealed class TransactionFeesObject
{
    [JsonPropertyName("fee_flat")] public string FeeFlat { get; set; } = "10.0";
    [JsonPropertyName("fee_rate")] public string FeeRate { get; set; } = "0.0";
    [JsonPropertyName("vat_rate")] public string VatRate { get; set; } = "7.0";
}

internal sealed class PlatformFeeObject
{
    [JsonPropertyName("fixed")] public long? Fixed { get; set; }
    [JsonPropertyName("amount")] public long? Amount { get; set; }
    [JsonPropertyName("percentage")] public decimal? Percentage { get; set; }
}

internal sealed class ProviderReferencesObject
{
    [JsonPropertyName("reference_number_1")] public string ReferenceNumber1 { get; set; }
    [JsonPropertyName("reference_number_2")] public string ReferenceNumber2 { get; set; }
}

internal sealed class ListObject<T>
{
    [JsonPropertyName("object")] public string Object { get; set; } = "list";
    [JsonPropertyName("data")] public IList<T> Data { get; set; } = new List<T>();
    [JsonPropertyName("limit")] public int Limit { get; set; } = 20;
    [JsonPropertyName("offset")] public int Offset { get; set; }
    [JsonPropertyName("total")] public int Total { get; set; }
    [JsonPropertyName("location")] public string Location { get; set; }
    [JsonPropertyName("order")] public string Order { get; set; } = "chronological";
    [JsonPropertyName("from")] public DateTimeOffset From { get; set; }
    [JsonPropertyName("to")] public DateTimeOffset To { get; set; }
}

internal sealed class SearchObject<T>
{
    [JsonPropertyName("object")] public string Object { get; set; } = "search";
    [JsonPropertyName("export")] public object Export { get; set; }
    [JsonPropertyName("data")] public IList<T> Data { get; set; } = new List<T>();
    [JsonPropertyName("page")] public int Page { get; set; } = 1;
    [JsonPropertyName("per_page")] public int PerPage { get; set; } = 30;
    [JsonPropertyName("total")] public int Total { get; set; }
    [JsonPropertyName("total_pages")] public int TotalPages { get; set; }
    [JsonPropertyName("filters")] public IDictionary<string, string> Filters { get; set; } = new Dictionary<string, string>();
    [JsonPropertyName("location")] public string Location { get; set; } = "/search";
    [JsonPropertyName("order")] public string Order { get; set; } = "chronological";
    [JsonPropertyName("query")] public string Query { get; set; }
    [JsonPropertyName("scope")] public string Scope { get; set; }
    [JsonPropertyName("aggregate_level")] public string AggregateLevel { get; set; }
}

internal sealed class SourceObject
{
    [JsonPropertyName("object")] public string Object { get; set; } = "source";
    [JsonPropertyName("id")] public string Id { get; set; }
    [JsonPropertyName("livemode")] public bool Livemode { get; set; }
    [JsonPropertyName("location")] public string Location { get; set; }
    [JsonPropertyName("amount")] public long Amount { get; set; }
    [JsonPropertyName("barcode")] public string Barcode { get; set; }
    [JsonPropertyName("bank")] public string Bank { get; set; }
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; set; }
    [JsonPropertyName("currency")] public string Currency { get; set; }
    [JsonPropertyName("email")] public string Email { get; set; }
    [JsonPropertyName("flow")] public string Flow { get; set; }
    [JsonPropertyName("installment_term")] public int? InstallmentTerm { get; set; }
    [JsonPropertyName("ip")] public string Ip { get; set; }
    [JsonPropertyName("absorption_type")] public string AbsorptionType { get; set; }
    [JsonPropertyName("name")] public string Name { get; set; }
    [JsonPropertyName("mobile_number")] public string MobileNumber { get; set; }
    [JsonPropertyName("phone_number")] public string PhoneNumber { get; set; }
    [JsonPropertyName("platform_type")] public string PlatformType { get; set; }
    [JsonPropertyName("scannable_code")] public object ScannableCode { get; set; }
    [JsonPropertyName("qr_settings")] public object QrSettings { get; set; }
    [JsonPropertyName("billing")] public object Billing { get; set; }
    [JsonPropertyName("shipping")] public object Shipping { get; set; }
    [JsonPropertyName("items")] public IList<object> Items { get; set; } = new List<object>();
    [JsonPropertyName("references")] public object References { get; set; }
    [JsonPropertyName("provider_references")] public ProviderReferencesObject ProviderReferences { get; set; }
    [JsonPropertyName("store_id")] public string StoreId { get; set; }
    [JsonPropertyName("store_name")] public string StoreName { get; set; }
    [JsonPropertyName("terminal_id")] public string TerminalId { get; set; }
    [JsonPropertyName("type")] public string Type { get; set; }
    [JsonPropertyName("zero_interest_installments")] public bool? ZeroInterestInstallments { get; set; }
    [JsonPropertyName("charge_status")] public string ChargeStatus { get; set; } = "unknown";
    [JsonPropertyName("receipt_amount")] public long? ReceiptAmount { get; set; }
    [JsonPropertyName("discounts")] public IList<object> Discounts { get; set; } = new List<object>();
    [JsonPropertyName("promotion_code")] public string PromotionCode { get; set; }
}

internal sealed class ChargeObject
{
    [JsonPropertyName("object")] public string Object { get; set; } = "charge";
    [JsonPropertyName("id")] public string Id { get; set; }
    [JsonPropertyName("location")] public string Location { get; set; }
    [JsonPropertyName("amount")] public long Amount { get; set; }
    [JsonPropertyName("acquirer_reference_number")] public string AcquirerReferenceNumber { get; set; }
    [JsonPropertyName("net")] public long Net { get; set; }
    [JsonPropertyName("fee")] public long Fee { get; set; }
    [JsonPropertyName("fee_vat")] public long FeeVat { get; set; }
    [JsonPropertyName("interest")] public long Interest { get; set; }
    [JsonPropertyName("interest_vat")] public long InterestVat { get; set; }
    [JsonPropertyName("funding_amount")] public long FundingAmount { get; set; }
    [JsonPropertyName("refunded_amount")] public long RefundedAmount { get; set; }
    [JsonPropertyName("transaction_fees")] public TransactionFeesObject TransactionFees { get; set; } = new();
    [JsonPropertyName("platform_fee")] public PlatformFeeObject PlatformFee { get; set; } = new();
    [JsonPropertyName("currency")] public string Currency { get; set; }
    [JsonPropertyName("funding_currency")] public string FundingCurrency { get; set; }
    [JsonPropertyName("ip")] public string Ip { get; set; }
    [JsonPropertyName("refunds")] public ListObject<object> Refunds { get; set; }
    [JsonPropertyName("link")] public string Link { get; set; }
    [JsonPropertyName("description")] public string Description { get; set; }
    [JsonPropertyName("metadata")] public IDictionary<string, object> Metadata { get; set; } = new Dictionary<string, object>();
    [JsonPropertyName("card")] public object Card { get; set; }
    [JsonPropertyName("source")] public SourceObject Source { get; set; }
    [JsonPropertyName("schedule")] public string Schedule { get; set; }
    [JsonPropertyName("linked_account")] public object LinkedAccount { get; set; }
    [JsonPropertyName("customer")] public string Customer { get; set; }
    [JsonPropertyName("dispute")] public object Dispute { get; set; }
    [JsonPropertyName("transaction")] public string Transaction { get; set; }
    [JsonPropertyName("failure_code")] public string FailureCode { get; set; }
    [JsonPropertyName("failure_message")] public string FailureMessage { get; set; }
    [JsonPropertyName("merchant_advice")] public string MerchantAdvice { get; set; }
    [JsonPropertyName("merchant_advice_code")] public string MerchantAdviceCode { get; set; }
    [JsonPropertyName("status")] public string Status { get; set; } = "pending";
    [JsonPropertyName("authorize_uri")] public string AuthorizeUri { get; set; }
    [JsonPropertyName("return_uri")] public string ReturnUri { get; set; }
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; set; }
    [JsonPropertyName("paid_at")] public DateTimeOffset? PaidAt { get; set; }
    [JsonPropertyName("authorized_at")] public DateTimeOffset? AuthorizedAt { get; set; }
    [JsonPropertyName("expires_at")] public DateTimeOffset? ExpiresAt { get; set; }
    [JsonPropertyName("expired_at")] public DateTimeOffset? ExpiredAt { get; set; }
    [JsonPropertyName("reversed_at")] public DateTimeOffset? ReversedAt { get; set; }
    [JsonPropertyName("multi_capture")] public bool MultiCapture { get; set; }
    [JsonPropertyName("zero_interest_installments")] public bool ZeroInterestInstallments { get; set; }
    [JsonPropertyName("branch")] public object Branch { get; set; }
    [JsonPropertyName("terminal")] public object Terminal { get; set; }
    [JsonPropertyName("device")] public object Device { get; set; }
    [JsonPropertyName("authorized")] public bool Authorized { get; set; }
    [JsonPropertyName("capturable")] public bool Capturable { get; set; }
    [JsonPropertyName("capture")] public bool Capture { get; set; } = true;
    [JsonPropertyName("disputable")] public bool Disputable { get; set; }
    [JsonPropertyName("livemode")] public bool Livemode { get; set; }
    [JsonPropertyName("refundable")] public bool Refundable { get; set; }
    [JsonPropertyName("partially_refundable")] public bool PartiallyRefundable { get; set; }
    [JsonPropertyName("reversed")] public bool Reversed { get; set; }
    [JsonPropertyName("reversible")] public bool Reversible { get; set; }
    [JsonPropertyName("voided")] public bool Voided { get; set; }
    [JsonPropertyName("paid")] public bool Paid { get; set; }
    [JsonPropertyName("expired")] public bool Expired { get; set; }
    [JsonPropertyName("can_perform_void")] public bool CanPerformVoid { get; set; }
    [JsonPropertyName("approval_code")] public string ApprovalCode { get; set; }
}

internal sealed class WebhookDeliveryObject
{
    [JsonPropertyName("object")] public string Object { get; set; } = "webhook_delivery";
    [JsonPropertyName("id")] public string Id { get; set; }
    [JsonPropertyName("uri")] public string Uri { get; set; }
    [JsonPropertyName("status")] public int? Status { get; set; }
    [JsonPropertyName("key")] public string Key { get; set; }
    [JsonPropertyName("error")] public string Error { get; set; }

    /// <summary>Gets or sets the body that was sent, as text</summary>
    [JsonPropertyName("payload")] public string Payload { get; set; }

    /// <summary>Gets or sets when the attempt was made, written as Opn writes it here: "2023-03-02 10:27:09 UTC"</summary>
    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(OpnUtcTextTimestampConverter))]
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class EventObject
{
    [JsonPropertyName("object")] public string Object { get; set; } = "event";
    [JsonPropertyName("id")] public string Id { get; set; }
    [JsonPropertyName("livemode")] public bool Livemode { get; set; }
    [JsonPropertyName("location")] public string Location { get; set; }
    [JsonPropertyName("webhook_deliveries")] public IList<WebhookDeliveryObject> WebhookDeliveries { get; set; } = new List<WebhookDeliveryObject>();
    [JsonPropertyName("data")] public RawJson Data { get; set; }
    [JsonPropertyName("key")] public string Key { get; set; }
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Already-serialized JSON written as it is (the charge snapshot inside an event)
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
internal sealed class RawJson
{
    public RawJson(byte[] utf8)
    {
        Utf8 = utf8;
    }

    public byte[] Utf8 { get; }
}

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        writer.WriteRawValue(value.Utf8, skipInputValidation: true);
    }
}

internal sealed class ErrorObject
{
    [JsonPropertyName("object")] public string Object { get; set; } = "error";
    [JsonPropertyName("location")] public string Location { get; set; }
    [JsonPropertyName("code")] public string Code { get; set; }
    [JsonPropertyName("message")] public string Message { get; set; }
}

/// <summary>
/// Writes timestamps as Opn does: UTC, whole seconds, "Z"
/// </summary>
internal sealed class OpnTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return DateTimeOffset.Parse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        writer.WriteStringValue(Format(value));
    }

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// Writes timestamps the way Opn writes them on webhook deliveries: "2023-03-02 10:27:09 UTC"
/// </summary>
internal sealed class OpnUtcTextTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string FORMAT = "yyyy-MM-dd HH:mm:ss 'UTC'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return DateTimeOffset.ParseExact(reader.GetString(), FORMAT, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        writer.WriteStringValue(Format(value));
    }

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(FORMAT, CultureInfo.InvariantCulture);
}

internal static class OpnJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new OpnTimestampConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}
