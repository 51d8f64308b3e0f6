namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// The keys and API base URL of one store. ToString never reveals the secret key.
/// </summary>
public sealed class OpnCredentials
{
    /// <summary>
    /// Initializes the credentials
    /// </summary>
    public OpnCredentials(string publicKey, string secretKey, string apiBaseUrl = null)
    {
        PublicKey = publicKey;
        SecretKey = secretKey;
        ApiBaseUrl = string.IsNullOrWhiteSpace(apiBaseUrl) ? KmaDefaults.DefaultApiBaseUrl : apiBaseUrl.TrimEnd('/');
    }

    /// <summary>
    /// Gets the public key (pkey_...)
    /// </summary>
    public string PublicKey { get; }

    /// <summary>
    /// Gets the secret key (skey_...)
    /// </summary>
    public string SecretKey { get; }

    /// <summary>
    /// Gets the API base URL without a trailing slash
    /// </summary>
    public string ApiBaseUrl { get; }

    /// <summary>
    /// Gets a value indicating whether the secret key is a test key
    /// </summary>
    public bool IsTestMode => SecretKey?.Contains("_test_", StringComparison.Ordinal) ?? false;

    /// <inheritdoc />
    public override string ToString()
    {
        return $"OpnCredentials({(IsTestMode ? "test" : "live")}, {ApiBaseUrl})";
    }
}
