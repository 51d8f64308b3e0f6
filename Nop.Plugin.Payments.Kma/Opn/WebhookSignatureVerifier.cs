namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Why a webhook signature was rejected
/// </summary>
public enum WebhookSignatureFailure
{
    None = 0,
    MissingSignature = 1,
    MissingTimestamp = 2,
    BadTimestamp = 3,
    Stale = 4,
    FromTheFuture = 5,
    Mismatch = 6,
    BadSecret = 7
}

/// <summary>
/// The outcome of verifying Omise-Signature
/// </summary>
public readonly record struct WebhookSignatureResult(bool IsValid, WebhookSignatureFailure Failure)
{
    public static WebhookSignatureResult Valid => new(true, WebhookSignatureFailure.None);

    public static WebhookSignatureResult Rejected(WebhookSignatureFailure failure) => new(false, failure);
}

/// <summary>
/// Verifies Omise-Signature: hex HMAC-SHA256 over "{Omise-Signature-Timestamp}.{raw body}", keyed with the
/// Base64-decoded webhook secret; several comma-separated signatures are accepted during secret rotation
/// </summary>
public class WebhookSignatureVerifier
{
    /// <summary>Gets the default tolerance between the signature timestamp and now</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _tolerance;

    public WebhookSignatureVerifier(TimeProvider timeProvider = null, TimeSpan? tolerance = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _tolerance = tolerance ?? DefaultTolerance;
    }

    /// <summary>
    /// Verifies a delivery's signature headers against its raw body bytes
    /// </summary>
    public virtual WebhookSignatureResult Verify(string signatureHeader, string timestampHeader, ReadOnlySpan<byte> body, string base64Secret)
    {
        throw new NotImplementedException("Implemented with the Opn client.");
    }
}
