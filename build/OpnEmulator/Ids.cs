using System.Security.Cryptography;

namespace OpnEmulator;

/// <summary>
/// Opn-looking identifiers: prefix, "test_", then a digit and lower-case base-36 characters
/// </summary>
internal static class Ids
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix) => $"{prefix}_test_6{Random(18)}";

    public static string Random(int length)
    {
        return RandomNumberGenerator.GetString(Alphabet, length);
    }

    public static string RandomMixedCase(int length)
    {
        return RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", length);
    }
}
