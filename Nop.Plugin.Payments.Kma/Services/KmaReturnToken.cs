using System.Security.Cryptography;
using System.Text;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// The per-order secret that the return, waiting, status and pay URLs carry
/// </summary>
public static class KmaReturnToken
{
    /// <summary>
    /// Creates a new unguessable token (256 random bits, URL-safe Base64 without padding)
    /// </summary>
    public static string Create()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);

        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// Compares a presented token with the order's token in constant time
    /// </summary>
    /// <param name="expected">The token stored on the order</param>
    /// <param name="presented">The token from the request</param>
    /// <returns>True when both are present and equal</returns>
    public static bool Matches(string expected, string presented)
    {
        if (string.IsNullOrEmpty(expected) || string.IsNullOrEmpty(presented))
            return false;

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
    }
}
