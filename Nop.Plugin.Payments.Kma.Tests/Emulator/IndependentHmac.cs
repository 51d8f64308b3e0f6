using System.Security.Cryptography;
using System.Text;

namespace Nop.Plugin.Payments.Kma.Tests.Emulator;

/// <summary>
/// The test's own computation of Omise-Signature, written apart from the emulator's signer:
/// HMAC-SHA256 over the ASCII timestamp, a dot and the raw body, keyed with the Base64-decoded secret, as lower-case hex
/// </summary>
public static class IndependentHmac
{
    public static string Compute(string timestamp, byte[] body, string base64Secret)
    {
        using var hmac = new HMACSHA256(Convert.FromBase64String(base64Secret));
        hmac.TransformBlock(Encoding.ASCII.GetBytes(timestamp), 0, timestamp.Length, null, 0);
        hmac.TransformBlock(new[] { (byte)'.' }, 0, 1, null, 0);
        hmac.TransformFinalBlock(body, 0, body.Length);
        var hex = new StringBuilder();
        foreach (var b in hmac.Hash!)
            hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return hex.ToString();
    }
}
