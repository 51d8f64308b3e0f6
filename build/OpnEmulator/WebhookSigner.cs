using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpnEmulator;

/// <summary>
/// Signs a webhook body: lower-case hex HMAC-SHA256 of "{timestamp}.{body}", keyed with the Base64-decoded secret
/// </summary>
public static class WebhookSigner
{
    /// <summary>Computes the Omise-Signature value for a body and a Unix-seconds timestamp</summary>
    public static string Sign(ReadOnlySpan<byte> body, long timestamp, string base64Secret)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(DecodeSecret(base64Secret), message));
    }

    /// <summary>Decodes a Base64 secret; throws ArgumentException when it is not Base64</summary>
    public static byte[] DecodeSecret(string base64Secret)
    {
        try
        {
            var key = Convert.FromBase64String(base64Secret ?? string.Empty);
            if (key.Length == 0)
                throw new ArgumentException("the webhook secret is empty");
            return key;
        }
        catch (FormatException)
        {
            throw new ArgumentException("the webhook secret must be Base64");
        }
    }

    /// <summary>Changes a signature so it no longer verifies (same length, still hex)</summary>
    internal static string Tamper(string signature)
    {
        var chars = signature.ToCharArray();
        chars[0] = chars[0] == '0' ? '1' : '0';
        chars[^1] = chars[^1] == 'f' ? 'e' : 'f';
        return new string(chars);
    }
}
