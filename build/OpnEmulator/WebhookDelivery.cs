using System.Text.Json.Serialization;

namespace OpnEmulator;

/// <summary>
/// One attempt to deliver an event to one URL, with the endpoint's answer
/// </summary>
public sealed class WebhookDelivery
{
    [JsonPropertyName("id")] public string Id { get; init; }
    [JsonPropertyName("event_id")] public string EventId { get; init; }
    [JsonPropertyName("event_key")] public string EventKey { get; init; }
    [JsonPropertyName("charge_id")] public string ChargeId { get; init; }
    [JsonPropertyName("url")] public string Url { get; init; }

    /// <summary>Gets the attempt number (1 = first try, 2.. = retries)</summary>
    [JsonPropertyName("attempt")] public int Attempt { get; init; }

    /// <summary>Gets the copy number when duplicate_delivery is active (1 otherwise)</summary>
    [JsonPropertyName("copy")] public int Copy { get; init; }

    [JsonPropertyName("sent_at")] public DateTimeOffset SentAt { get; init; }
    [JsonPropertyName("signature")] public string Signature { get; init; }
    [JsonPropertyName("timestamp")] public long Timestamp { get; init; }
    [JsonPropertyName("signature_tampered")] public bool SignatureTampered { get; init; }
    [JsonPropertyName("body")] public string Body { get; init; }

    /// <summary>Gets the endpoint's HTTP status; null when there was no answer</summary>
    [JsonPropertyName("status_code")] public int? StatusCode { get; init; }

    /// <summary>Gets the start of the endpoint's answer body</summary>
    [JsonPropertyName("response_body")] public string ResponseBody { get; init; }

    /// <summary>Gets why the attempt failed without an answer (timeout, refused, connection error)</summary>
    [JsonPropertyName("error")] public string Error { get; init; }

    [JsonPropertyName("duration_ms")] public double DurationMilliseconds { get; init; }

    [JsonPropertyName("succeeded")] public bool Succeeded => StatusCode is >= 200 and < 300;
}
