using System.Text.Json.Serialization;

namespace OpnEmulator;

/// <summary>
/// Kinds of injected faults. The first five act on API calls, the rest on webhook deliveries.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>Adds <see cref="FaultRule.Delay"/> before the call is handled</summary>
    [JsonStringEnumMemberName("latency")] Latency,

    /// <summary>Answers <see cref="FaultRule.Status"/> (500, 503, 429...) with an Opn error, without handling the call</summary>
    [JsonStringEnumMemberName("status")] Status,

    /// <summary>Closes the connection without an answer, without handling the call</summary>
    [JsonStringEnumMemberName("drop_connection")] DropConnection,

    /// <summary>Handles the call, then answers 200 with the JSON cut in half</summary>
    [JsonStringEnumMemberName("malformed_json")] MalformedJson,

    /// <summary>Handles the call (the charge IS created), then waits <see cref="FaultRule.Delay"/> and closes the connection: the client sees a timeout or a dropped connection</summary>
    [JsonStringEnumMemberName("ambiguous_create")] AmbiguousCreate,

    /// <summary>Sends <see cref="FaultRule.Copies"/> concurrent copies of each delivery</summary>
    [JsonStringEnumMemberName("duplicate_delivery")] DuplicateDelivery,

    /// <summary>Holds an event until the next one has been delivered (or <see cref="FaultRule.Delay"/>, default 2 s, passes)</summary>
    [JsonStringEnumMemberName("out_of_order_delivery")] OutOfOrderDelivery,

    /// <summary>Delivers an event <see cref="FaultRule.Delay"/> late</summary>
    [JsonStringEnumMemberName("delayed_delivery")] DelayedDelivery,

    /// <summary>Sends the first attempt with a wrong Omise-Signature (retries are signed correctly)</summary>
    [JsonStringEnumMemberName("tampered_signature")] TamperedSignature
}

/// <summary>
/// One injected fault: what, where (method, path or event key), how often (rate) and how many times (count)
/// </summary>
public sealed class FaultRule
{
    private int _remaining = -1;

    /// <summary>Gets the id the emulator gave the rule</summary>
    [JsonPropertyName("id")] public string Id { get; set; }

    [JsonPropertyName("kind")] public FaultKind Kind { get; set; }

    /// <summary>Gets or sets the HTTP method the rule applies to; null for any</summary>
    [JsonPropertyName("method")] public string Method { get; set; }

    /// <summary>Gets or sets the API path the rule applies to, "*" matching one segment (e.g. /charges/*); null for any</summary>
    [JsonPropertyName("path")] public string Path { get; set; }

    /// <summary>Gets or sets the event key a delivery fault applies to (e.g. charge.complete); null for any</summary>
    [JsonPropertyName("event_key")] public string EventKey { get; set; }

    /// <summary>Gets or sets the probability (0..1) that a matching call is hit</summary>
    [JsonPropertyName("rate")] public double Rate { get; set; } = 1.0;

    /// <summary>Gets or sets how many hits the rule has before it is removed; null for no limit</summary>
    [JsonPropertyName("count")] public int? Count { get; set; }

    /// <summary>Gets or sets the HTTP status of a Status fault</summary>
    [JsonPropertyName("status")] public int Status { get; set; } = 500;

    /// <summary>Gets or sets the delay of Latency, AmbiguousCreate, DelayedDelivery and OutOfOrderDelivery faults (milliseconds over HTTP)</summary>
    [JsonIgnore] public TimeSpan Delay { get; set; }

    [JsonPropertyName("delay_ms")]
    public double DelayMilliseconds
    {
        get => Delay.TotalMilliseconds;
        set => Delay = TimeSpan.FromMilliseconds(value);
    }

    /// <summary>Gets or sets the number of copies of a DuplicateDelivery fault</summary>
    [JsonPropertyName("copies")] public int Copies { get; set; } = 2;

    /// <summary>Gets how many hits are left (null for no limit)</summary>
    [JsonPropertyName("remaining")] public int? Remaining => Count is null ? null : Volatile.Read(ref _remaining);

    internal bool IsDeliveryFault => Kind >= FaultKind.DuplicateDelivery;

    internal void Arm()
    {
        if (Count is < 0)
            throw new ArgumentException("count must be 0 or more");
        if (Rate is < 0 or > 1)
            throw new ArgumentException("rate must be between 0 and 1");
        if (Kind == FaultKind.Status && (Status < 400 || Status > 599))
            throw new ArgumentException("status must be a 4xx or 5xx code");
        if (Kind == FaultKind.DuplicateDelivery && Copies < 2)
            throw new ArgumentException("copies must be 2 or more");
        _remaining = Count ?? -1;
    }

    /// <summary>Takes one hit if the dice say so and hits are left; false when the rule is used up</summary>
    internal bool TryHit()
    {
        if (Rate < 1.0 && Random.Shared.NextDouble() >= Rate)
            return false;
        if (Count is null)
            return true;
        while (true)
        {
            var left = Volatile.Read(ref _remaining);
            if (left <= 0)
                return false;
            if (Interlocked.CompareExchange(ref _remaining, left - 1, left) == left)
                return true;
        }
    }

    internal bool IsUsedUp => Count is not null && Volatile.Read(ref _remaining) <= 0;

    internal bool MatchesCall(string method, string path)
    {
        if (!string.IsNullOrEmpty(Method) && Method != "*" && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
            return false;
        if (string.IsNullOrEmpty(Path) || Path == "*")
            return true;

        var pattern = Path.Trim('/').Split('/');
        var actual = path.Trim('/').Split('/');
        if (pattern.Length != actual.Length)
            return false;
        for (var i = 0; i < pattern.Length; i++)
            if (pattern[i] != "*" && !string.Equals(pattern[i], actual[i], StringComparison.Ordinal))
                return false;
        return true;
    }

    internal bool MatchesEvent(string key) => string.IsNullOrEmpty(EventKey) || EventKey == "*" || string.Equals(EventKey, key, StringComparison.Ordinal);
}
