using System.Text;
using System.Text.Json;

namespace OpnEmulator;

/// <summary>
/// Writes JSON answers and Opn-shaped errors, and checks the Basic-auth key and Omise-Version of API calls
/// </summary>
internal static class ApiResponses
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static Task WriteJsonAsync(HttpContext context, byte[] body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, OpnError error)
    {
        if (error.Status == 401)
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Opn Payments API\"";
        return WriteJsonAsync(context, OpnJson.Serialize(error.ToObject()), error.Status);
    }

    /// <summary>Runs a synchronous API action (see the asynchronous overload)</summary>
    public static Task HandleAsync(HttpContext context, EmulatorKeys keys, bool allowPublicKey, Func<byte[]> action)
    {
        return HandleAsync(context, keys, allowPublicKey, () => Task.FromResult(action()));
    }

    /// <summary>Runs an API action: checks the key (public keys only where Opn accepts them) and Omise-Version, then maps errors to Opn's shape</summary>
    public static async Task HandleAsync(HttpContext context, EmulatorKeys keys, bool allowPublicKey, Func<Task<byte[]>> action, int successStatus = 200)
    {
        try
        {
            var key = ReadBasicAuthKey(context.Request);
            var accepted = key is not null && (key == keys.SecretKey || (allowPublicKey && key == keys.PublicKey));
            if (!accepted)
                throw OpnError.AuthenticationFailure();

            var version = context.Request.Headers["Omise-Version"].ToString();
            if (!string.IsNullOrEmpty(version) && version != ChargeRules.SupportedApiVersion)
                throw OpnError.BadRequest($"Omise-Version {version} is not supported by the emulator (it speaks {ChargeRules.SupportedApiVersion})");

            var body = await action();
            await WriteJsonAsync(context, body, successStatus);
        }
        catch (OpnError error)
        {
            await WriteErrorAsync(context, error);
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, OpnError.BadRequest("the request body is not valid JSON"));
        }
        catch (FormatException exception)
        {
            await WriteErrorAsync(context, OpnError.BadRequest(exception.Message));
        }
    }

    private static string ReadBasicAuthKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var decoded = Encoding.Latin1.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? decoded : decoded[..colon];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// The keys the API accepts
/// </summary>
internal sealed record EmulatorKeys(string PublicKey, string SecretKey);
