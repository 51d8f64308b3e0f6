using System.Text.RegularExpressions;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// A problem found in the settings an admin is about to save
/// </summary>
/// <param name="Field">The model property the problem belongs to</param>
/// <param name="ResourceKey">The locale resource that explains it</param>
public sealed record KmaSettingsProblem(string Field, string ResourceKey);

/// <summary>
/// Sanity checks on keys, webhook secret and API base URL before they are saved.
/// Pure functions: no I/O, and nothing it returns contains a key.
/// </summary>
public static partial class KmaSettingsValidator
{
    #region Fields

    private const int MIN_WEBHOOK_SECRET_BYTES = 16;

    #endregion

    #region Utilities

    [GeneratedRegex("^pkey_(test_)?[A-Za-z0-9]{4,}$", RegexOptions.CultureInvariant)]
    private static partial Regex PublicKeyRegex();

    [GeneratedRegex("^skey_(test_)?[A-Za-z0-9]{4,}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretKeyRegex();

    private static bool IsTestKey(string key) => key.Contains("_test_", StringComparison.Ordinal);

    #endregion

    #region Methods

    /// <summary>
    /// Checks what the admin entered
    /// </summary>
    /// <param name="publicKey">Public key entered (empty when unchanged)</param>
    /// <param name="secretKey">Secret key entered (empty keeps the stored one)</param>
    /// <param name="storedSecretKey">Secret key in effect for the scope</param>
    /// <param name="webhookSecret">Webhook secret entered (empty keeps the stored one)</param>
    /// <param name="apiBaseUrl">API base URL entered (empty means the default)</param>
    /// <returns>The problems found; empty when everything looks right</returns>
    public static IList<KmaSettingsProblem> Validate(string publicKey, string secretKey, string storedSecretKey,
        string webhookSecret, string apiBaseUrl)
    {
        var problems = new List<KmaSettingsProblem>();
        publicKey = publicKey?.Trim();
        secretKey = secretKey?.Trim();

        var publicKeyValid = false;
        if (!string.IsNullOrEmpty(publicKey))
        {
            if (publicKey.StartsWith("skey_", StringComparison.Ordinal))
                problems.Add(new("PublicKey", "Plugins.Payments.Kma.Fields.PublicKey.IsSecretKey"));
            else if (!PublicKeyRegex().IsMatch(publicKey))
                problems.Add(new("PublicKey", "Plugins.Payments.Kma.Fields.PublicKey.Malformed"));
            else
                publicKeyValid = true;
        }

        var secretKeyValid = false;
        if (!string.IsNullOrEmpty(secretKey))
        {
            if (secretKey.StartsWith("pkey_", StringComparison.Ordinal))
                problems.Add(new("SecretKey", "Plugins.Payments.Kma.Fields.SecretKey.IsPublicKey"));
            else if (!SecretKeyRegex().IsMatch(secretKey))
                problems.Add(new("SecretKey", "Plugins.Payments.Kma.Fields.SecretKey.Malformed"));
            else
                secretKeyValid = true;
        }
        else if (!string.IsNullOrEmpty(storedSecretKey) && SecretKeyRegex().IsMatch(storedSecretKey))
        {
            secretKey = storedSecretKey;
            secretKeyValid = true;
        }

        if (publicKeyValid && secretKeyValid && IsTestKey(publicKey) != IsTestKey(secretKey))
            problems.Add(new("SecretKey", "Plugins.Payments.Kma.Fields.Keys.ModeMismatch"));

        if (!string.IsNullOrEmpty(webhookSecret) && !IsWebhookSecretWellFormed(webhookSecret.Trim()))
            problems.Add(new("WebhookSecret", "Plugins.Payments.Kma.Fields.WebhookSecret.Malformed"));

        if (!string.IsNullOrWhiteSpace(apiBaseUrl) && !IsApiBaseUrlWellFormed(apiBaseUrl.Trim()))
            problems.Add(new("ApiBaseUrl", "Plugins.Payments.Kma.Fields.ApiBaseUrl.Malformed"));

        return problems;
    }

    /// <summary>
    /// Gets a value indicating whether the webhook secret is Base64 of at least 16 bytes, as Opn issues it
    /// </summary>
    /// <param name="webhookSecret">Webhook secret</param>
    /// <returns>True when it can key the signature check</returns>
    public static bool IsWebhookSecretWellFormed(string webhookSecret)
    {
        if (string.IsNullOrEmpty(webhookSecret))
            return false;

        var buffer = new byte[webhookSecret.Length];
        return Convert.TryFromBase64String(webhookSecret, buffer, out var written) && written >= MIN_WEBHOOK_SECRET_BYTES;
    }

    /// <summary>
    /// Gets a value indicating whether the URL is an absolute http(s) URL without query or fragment
    /// </summary>
    /// <param name="apiBaseUrl">API base URL</param>
    /// <returns>True when it can be used as the Opn API base URL</returns>
    public static bool IsApiBaseUrlWellFormed(string apiBaseUrl)
    {
        return Uri.TryCreate(apiBaseUrl, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !string.IsNullOrEmpty(uri.Host)
            && string.IsNullOrEmpty(uri.Query)
            && string.IsNullOrEmpty(uri.Fragment)
            && string.IsNullOrEmpty(uri.UserInfo);
    }

    /// <summary>
    /// Gets the last characters of a secret the admin may see to recognise it, or empty when the secret is too short to show any
    /// </summary>
    /// <param name="secret">Secret</param>
    /// <returns>At most the last 4 characters</returns>
    public static string GetVisibleTail(string secret)
    {
        //short secrets show nothing: 4 characters of a short value would give away too much of it
        if (string.IsNullOrEmpty(secret) || secret.Length < 16)
            return string.Empty;

        return secret[^4..];
    }

    #endregion
}
