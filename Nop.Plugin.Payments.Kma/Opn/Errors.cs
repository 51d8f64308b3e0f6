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

    /// <summary>Gets a value indicating whether the request timed out</summary>
    public bool IsTimeout { get; }

    /// <inheritdoc />
    public override bool IsAmbiguous => true;

    /// <inheritdoc />
    public override bool IsTransient => true;
}
