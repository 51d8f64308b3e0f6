namespace OpnEmulator;

/// <summary>
/// Settings of one emulator instance. The defaults are development values, never real keys.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>Default test public key</summary>
    public const string DefaultPublicKey = "pkey_test_5kmaemulatordev";

    /// <summary>Default test secret key</summary>
    public const string DefaultSecretKey = "skey_test_5kmaemulatordev";

    /// <summary>Default webhook secret (Base64, as Opn shows it)</summary>
    public const string DefaultWebhookSecret = "a21hLWVtdWxhdG9yLXdlYmhvb2stc2VjcmV0LWRldiE=";

    /// <summary>Gets or sets the public key accepted for sources and capability</summary>
    public string PublicKey { get; set; } = DefaultPublicKey;

    /// <summary>Gets or sets the secret key accepted everywhere</summary>
    public string SecretKey { get; set; } = DefaultSecretKey;

    /// <summary>Gets or sets the Base64 webhook secret used to sign deliveries</summary>
    public string WebhookSecret { get; set; } = DefaultWebhookSecret;

    /// <summary>Gets the static webhook endpoints (the dashboard's); loopback URLs only</summary>
    public IList<string> WebhookUrls { get; set; } = new List<string>();

    /// <summary>Gets or sets how long a new charge stays pending before it expires</summary>
    public TimeSpan ChargeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the URLs Kestrel listens on; loopback only (port 0 picks a free port)</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>Gets or sets the base URL used in authorize_uri; null uses the address the request came to</summary>
    public string PublicBaseUrl { get; set; }

    /// <summary>Gets or sets the clock the emulator starts from (the control API moves it forward); null is the system clock</summary>
    public TimeProvider TimeProvider { get; set; }

    /// <summary>Gets or sets the delays between webhook attempts after a failure (compressed from Opn's hours to seconds)</summary>
    public IList<TimeSpan> WebhookRetryDelays { get; set; } = new List<TimeSpan>
    {
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)
    };

    /// <summary>Gets or sets how long a webhook endpoint may take to answer before the attempt counts as failed</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets whether a charge's webhook_endpoints replace the static URLs for its events (as Opn documents);
    /// false sends to both
    /// </summary>
    public bool ChargeEndpointsReplaceStaticUrls { get; set; } = true;

    /// <summary>Gets or sets whether Kestrel and request logs are written to the console</summary>
    public bool EnableConsoleLogging { get; set; }
}
