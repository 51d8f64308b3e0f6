using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Why a webhook signature was rejected
/// </summary>
public enum WebhookSignatureFailure
{
    None = 0,

    /// <summary>Omise-Signature is missing or empty</summary>
    MissingSignature = 1,

    /// <summary>Omise-Signature-Timestamp is missing or empty</summary>
    MissingTimestamp = 2,

    /// <summary>Omise-Signature-Timestamp is not a Unix time in seconds</summary>
    BadTimestamp = 3,

    /// <summary>The timestamp is older than the tolerance</summary>
    Stale = 4,

    /// <summary>The timestamp is further ahead than the tolerance</summary>
    FromTheFuture = 5,

    /// <summary>No candidate signature matches the body</summary>
    Mismatch = 6,

    /// <summary>The configured webhook secret is empty or not Base64 (a configuration problem, not the sender's)</summary>
    BadSecret = 7,

    /// <summary>Omise-Signature holds no candidate that looks like a hex SHA-256 HMAC</summary>
    MalformedSignature = 8
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
/// <remarks>
/// Checks run in this order: missing headers, secret, timestamp format, tolerance window (both ways), signatures.
/// Each candidate is trimmed and may carry a "v1=" or "sha256=" prefix; hex case does not matter. The comparison of
/// the HMAC bytes is constant-time. Buffers come from the stack or ArrayPool; the key buffer is zeroed after use.
/// </remarks>
public class WebhookSignatureVerifier
{
    #region Constants

    /// <summary>The name of the header carrying the signatures</summary>
    public const string SignatureHeaderName = "Omise-Signature";

    /// <summary>The name of the header carrying the Unix time in seconds that was signed</summary>
    public const string TimestampHeaderName = "Omise-Signature-Timestamp";

    private const int HMAC_SIZE = 32;
    private const int HEX_SIZE = HMAC_SIZE * 2;
    private const int STACK_KEY_LIMIT = 256;

    #endregion

    #region Fields

    /// <summary>Gets the default tolerance between the signature timestamp and now</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _tolerance;

    #endregion

    #region Ctor

    public WebhookSignatureVerifier(TimeProvider timeProvider = null, TimeSpan? tolerance = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _tolerance = tolerance ?? DefaultTolerance;
        if (_tolerance < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(tolerance), "The tolerance cannot be negative.");
    }

    #endregion

    #region Utilities

    private static bool TryParseTimestamp(ReadOnlySpan<char> text, out long seconds)
    {
        //digits only: no sign, no spaces inside, no decimals; the range keeps DateTimeOffset arithmetic safe
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds();
    }

    private static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> candidate)
    {
        if (candidate.StartsWith("v1=", StringComparison.OrdinalIgnoreCase))
            return candidate[3..].Trim();
        if (candidate.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
            return candidate[7..].Trim();

        return candidate;
    }

    private static bool TryDecodeHex(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        if (hex.Length != HEX_SIZE)
            return false;

        return Convert.FromHexString(hex, destination, out var charsConsumed, out var bytesWritten) == OperationStatus.Done
            && charsConsumed == HEX_SIZE && bytesWritten == HMAC_SIZE;
    }

    /// <summary>
    /// Compares every candidate of the header with the expected HMAC
    /// </summary>
    private static WebhookSignatureFailure MatchCandidates(ReadOnlySpan<char> header, ReadOnlySpan<byte> expected)
    {
        Span<byte> candidateBytes = stackalloc byte[HMAC_SIZE];
        var sawWellFormed = false;
        var matched = false;

        foreach (var range in header.Split(','))
        {
            var candidate = StripPrefix(header[range].Trim());
            if (!TryDecodeHex(candidate, candidateBytes))
                continue;

            sawWellFormed = true;
            //no early exit: every well-formed candidate costs the same
            matched |= CryptographicOperations.FixedTimeEquals(candidateBytes, expected);
        }

        if (matched)
            return WebhookSignatureFailure.None;

        return sawWellFormed ? WebhookSignatureFailure.Mismatch : WebhookSignatureFailure.MalformedSignature;
    }

    #endregion

    #region Methods

    /// <summary>
    /// Verifies a delivery's signature headers against its raw body bytes
    /// </summary>
    /// <param name="signatureHeader">The Omise-Signature value (one or more comma-separated hex signatures)</param>
    /// <param name="timestampHeader">The Omise-Signature-Timestamp value (Unix seconds)</param>
    /// <param name="body">The raw request body, exactly as received</param>
    /// <param name="base64Secret">The store's webhook secret, Base64 as Opn shows it</param>
    public virtual WebhookSignatureResult Verify(string signatureHeader, string timestampHeader, ReadOnlySpan<byte> body, string base64Secret)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader))
            return WebhookSignatureResult.Rejected(WebhookSignatureFailure.MissingSignature);
        if (string.IsNullOrWhiteSpace(timestampHeader))
            return WebhookSignatureResult.Rejected(WebhookSignatureFailure.MissingTimestamp);

        var secret = (base64Secret ?? string.Empty).AsSpan().Trim();
        if (secret.IsEmpty)
            return WebhookSignatureResult.Rejected(WebhookSignatureFailure.BadSecret);

        var keyCapacity = secret.Length / 4 * 3 + 3;
        byte[] rentedKey = null;
        var key = keyCapacity <= STACK_KEY_LIMIT
            ? stackalloc byte[STACK_KEY_LIMIT]
            : rentedKey = ArrayPool<byte>.Shared.Rent(keyCapacity);
        byte[] message = null;
        try
        {
            if (!Convert.TryFromBase64Chars(secret, key, out var keyLength) || keyLength == 0)
                return WebhookSignatureResult.Rejected(WebhookSignatureFailure.BadSecret);

            var timestamp = timestampHeader.AsSpan().Trim();
            if (!TryParseTimestamp(timestamp, out var seconds))
                return WebhookSignatureResult.Rejected(WebhookSignatureFailure.BadTimestamp);

            var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
            var toleranceSeconds = (long)_tolerance.TotalSeconds;
            if (seconds < now - toleranceSeconds)
                return WebhookSignatureResult.Rejected(WebhookSignatureFailure.Stale);
            if (seconds > now + toleranceSeconds)
                return WebhookSignatureResult.Rejected(WebhookSignatureFailure.FromTheFuture);

            //"{timestamp}.{body}" in one pooled buffer: the one-shot HMAC needs contiguous input
            var messageLength = timestamp.Length + 1 + body.Length;
            message = ArrayPool<byte>.Shared.Rent(messageLength);
            var written = Encoding.ASCII.GetBytes(timestamp, message);
            message[written] = (byte)'.';
            body.CopyTo(message.AsSpan(written + 1));

            Span<byte> expected = stackalloc byte[HMAC_SIZE];
            HMACSHA256.HashData(key[..keyLength], message.AsSpan(0, messageLength), expected);

            var failure = MatchCandidates(signatureHeader.AsSpan(), expected);

            return failure == WebhookSignatureFailure.None
                ? WebhookSignatureResult.Valid
                : WebhookSignatureResult.Rejected(failure);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (message is not null)
                ArrayPool<byte>.Shared.Return(message);
            if (rentedKey is not null)
                ArrayPool<byte>.Shared.Return(rentedKey);
        }
    }

    #endregion
}
