namespace OpnEmulator;

/// <summary>
/// An error answered in Opn's shape: {"object":"error","location":...,"code":...,"message":...}
/// </summary>
internal sealed class OpnError : Exception
{
    public OpnError(int status, string code, string message) : base(message)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }

    public string Code { get; }

    public ErrorObject ToObject() => new()
    {
        Code = Code,
        Message = Message,
        Location = "https://www.omise.co/api-errors#" + Code.Replace('_', '-')
    };

    public static OpnError NotFound(string what, string id) => new(404, "not_found", $"{what} {id} was not found");

    public static OpnError InvalidCharge(string message) => new(400, "invalid_charge", message);

    public static OpnError BadRequest(string message) => new(400, "bad_request", message);

    public static OpnError AuthenticationFailure() => new(401, "authentication_failure", "authentication failed");
}
