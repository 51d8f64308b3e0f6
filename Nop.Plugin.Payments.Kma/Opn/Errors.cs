namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Base of every failure talking to Opn. Messages never contain keys or secrets.
/// </summary>
public abstract class OpnException : Exception
{
    protected OpnException(string message, Exception innerException = null) : base(message, innerException)
    {
    }

    /// <summary>
    /// Gets a value indicating whether the outcome on Opn's side is unknown (timeout, dropped connection, 5xx):
    /// a create may or may not have happened
    /// </summary>
    public abstract bool IsAmbiguous { get; }

    /// <summary>
    /// Gets a value indicating whether trying again later may succeed
    /// </summary>
    public abstract bool IsTransient { get; }
}

/// <summary>
/// Opn answered with a non-2xx status and (usually) an error object
/// </summary>
public class OpnApiException : OpnException
{
    public OpnApiException(int statusCode, string code, string opnMessage, string location)
        : base($"Opn API error {statusCode} {code}: {opnMessage}")
    {
        StatusCode = statusCode;
        Code = code;
        OpnMessage = opnMessage;
        Location = location;
    }

    /// <summary>Gets the HTTP status</summary>
    public int StatusCode { get; }

    /// <summary>Gets Opn's error code, e.g. authentication_failure, not_found, invalid_charge</summary>
    public string Code { get; }

    /// <summary>Gets Opn's message</summary>
    public string OpnMessage { get; }

    /// <summary>Gets Opn's documentation location for the error</summary>
    public string Location { get; }

    /// <summary>Gets the delay the answer's Retry-After header asked for, when it had one</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <inheritdoc />
    public override bool IsAmbiguous => StatusCode >= 500;

    /// <inheritdoc />
    public override bool IsTransient => StatusCode == 429 || StatusCode >= 500;
}

/// <summary>
/// The request did not get an answer: network failure, timeout, or an unreadable answer
/// </summary>
public class OpnTransportException : OpnException
{
    public OpnTransportException(string message, bool isTimeout, Exception innerException = null)
        : base(message, innerException)
    {
        IsTimeout = isTimeout;
    }

    /// <summary>
    /// Initializes the exception for a 2xx answer whose body could not be read as the expected object
    /// </summary>
    public OpnTransportException(string message, bool isTimeout, bool isUnreadableResponse, Exception innerException = null)
        : this(message, isTimeout, innerException)
    {
        IsUnreadableResponse = isUnreadableResponse;
    }

    /// <summary>Gets a value indicating whether the request timed out</summary>
    public bool IsTimeout { get; }

    /// <summary>
    /// Gets a value indicating whether Opn answered 2xx but the body was not the expected JSON (not retried:
    /// the call reached Opn)
    /// </summary>
    public bool IsUnreadableResponse { get; }

    /// <inheritdoc />
    public override bool IsAmbiguous => true;

    /// <inheritdoc />
    public override bool IsTransient => true;
}

/// <summary>
/// The amount of a KMA charge is outside <see cref="KmaAmountRule"/>; thrown before any request is sent
/// </summary>
public class KmaAmountOutOfRangeException : ArgumentOutOfRangeException
{
    public KmaAmountOutOfRangeException(long amountSatang)
        : base(nameof(CreateKmaChargeRequest.Amount), amountSatang,
            $"A KMA charge must be between {KmaAmountRule.MinSatang} and {KmaAmountRule.MaxSatang} satang.")
    {
        AmountSatang = amountSatang;
    }

    /// <summary>Gets the refused amount in satang</summary>
    public long AmountSatang { get; }
}
