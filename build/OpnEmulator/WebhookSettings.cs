namespace OpnEmulator;

/// <summary>
/// The static webhook URLs and the signing secret; changed at run time through the control API
/// </summary>
internal sealed class WebhookSettings
{
    private readonly object _lock = new();
    private List<string> _urls = new();
    private string _secret;
    private bool _chargeEndpointsReplaceStaticUrls;

    public WebhookSettings(IEnumerable<string> urls, string secret, bool chargeEndpointsReplaceStaticUrls)
    {
        Configure(urls, secret);
        _chargeEndpointsReplaceStaticUrls = chargeEndpointsReplaceStaticUrls;
    }

    public IReadOnlyList<string> Urls
    {
        get { lock (_lock) return _urls.ToList(); }
    }

    public string Secret
    {
        get { lock (_lock) return _secret; }
    }

    public bool ChargeEndpointsReplaceStaticUrls
    {
        get { lock (_lock) return _chargeEndpointsReplaceStaticUrls; }
        set { lock (_lock) _chargeEndpointsReplaceStaticUrls = value; }
    }

    /// <summary>Replaces the URLs (when not null) and the secret (when not null); rejects non-loopback URLs and non-Base64 secrets</summary>
    public void Configure(IEnumerable<string> urls, string secret)
    {
        var urlList = urls?.Where(url => !string.IsNullOrWhiteSpace(url)).Select(url => url.Trim()).ToList();
        var refused = urlList?.FirstOrDefault(url => !LoopbackGuard.IsLoopbackUrl(url));
        if (refused is not null)
            throw new ArgumentException($"webhook URL {refused} is refused: the emulator only calls loopback addresses (127.0.0.1, ::1, localhost)");
        if (secret is not null)
            WebhookSigner.DecodeSecret(secret);

        lock (_lock)
        {
            if (urlList is not null)
                _urls = urlList;
            if (secret is not null)
                _secret = secret;
        }
    }

    /// <summary>Where a charge's events go: its own webhook_endpoints (instead of, or as well as, the static URLs)</summary>
    public IList<string> RecipientsFor(IList<string> chargeEndpoints)
    {
        lock (_lock)
        {
            if (chargeEndpoints.Count == 0)
                return _urls.ToList();
            if (_chargeEndpointsReplaceStaticUrls)
                return chargeEndpoints.ToList();
            return chargeEndpoints.Concat(_urls).Distinct(StringComparer.Ordinal).ToList();
        }
    }
}
