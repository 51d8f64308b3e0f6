namespace StoreCheck;

/// <summary>
/// What StoreCheck is told: from the command line (--name value) or the environment (STORECHECK_NAME)
/// </summary>
public sealed class StoreCheckOptions
{
    public const string Usage = """
        StoreCheck: smoke checks of the Krungsri (KMA) payment plugin in a running nopCommerce 4.90 store.

          dotnet run --project build/StoreCheck -- --store URL --admin-email EMAIL --admin-password PASSWORD [options]

          --store URL             the store's URL (e.g. https://staging.example.com/)
          --admin-email EMAIL     an administrator of the store
          --admin-password PW     (or STORECHECK_ADMIN_PASSWORD)
          --zip PATH              upload and install this plugin zip first (the store restarts twice);
                                  without it the installed plugin is checked
          --reinstall             with --zip: uninstall the installed plugin first (its settings and texts are
                                  removed and installed again; needed when the zip has the installed version)
          --expect-version V      fail unless the installed plugin has this version
          --public-key KEY        Opn public key  \  real Opn test keys: the store talks to Opn's test mode and
          --secret-key KEY        Opn secret key   > StoreCheck stops at each authorize page and tells you what
          --webhook-secret B64    webhook secret  /  to choose there (or STORECHECK_SECRET_KEY, ..._WEBHOOK_SECRET)
          --api-base-url URL      Opn API base URL (default https://api.omise.co with keys, else the emulator's)
          --emulator-url URL      where the in-process OpnEmulator listens (default http://127.0.0.1:0, a free port);
                                  it must be reachable from the store's server and from this machine's browser
          --add-thb RATE          when THB is not a currency of the store, add it at RATE baht per primary currency unit
          --product PATH          the product page to buy (default: the first home-page product that goes in the cart)
          --keep-orders           leave the orders StoreCheck made (default: deleted where the store allows)
          --screenshots DIR       save a screenshot of each checkout page into DIR

        Exit code 0 when every check passed, 1 when one failed, 2 for wrong arguments.
        """;

    /// <summary>Gets or sets the store URL (ends with /)</summary>
    public Uri Store { get; set; }

    public string AdminEmail { get; set; }

    public string AdminPassword { get; set; }

    /// <summary>Gets or sets the plugin zip to upload (null: check what is installed)</summary>
    public string Zip { get; set; }

    public string ExpectVersion { get; set; }

    public string PublicKey { get; set; }

    public string SecretKey { get; set; }

    public string WebhookSecret { get; set; }

    public string ApiBaseUrl { get; set; }

    public string EmulatorUrl { get; set; } = "http://127.0.0.1:0";

    public string Product { get; set; }

    /// <summary>Gets or sets the rate at which THB is added when the store lacks it (null: only report)</summary>
    public decimal? AddThbRate { get; set; }

    public bool KeepOrders { get; set; }

    /// <summary>Gets or sets whether an installed plugin is uninstalled before the zip is installed</summary>
    public bool Reinstall { get; set; }

    public string Screenshots { get; set; }

    /// <summary>Gets whether the store talks to the real Opn (keys given) rather than the in-process emulator</summary>
    public bool UsesRealOpn => !string.IsNullOrWhiteSpace(SecretKey);

    /// <summary>
    /// Reads the options; returns null with an error message when they are wrong
    /// </summary>
    public static StoreCheckOptions Parse(string[] args, out string error)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "keep-orders", "reinstall", "help" };
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"unexpected argument {args[i]}";
                return null;
            }

            var name = args[i][2..];
            if (flags.Contains(name))
                values[name] = "true";
            else if (i + 1 < args.Length)
                values[name] = args[++i];
            else
            {
                error = $"--{name} needs a value";
                return null;
            }
        }

        string Get(string name) => values.TryGetValue(name, out var value) ? value
            : Environment.GetEnvironmentVariable("STORECHECK_" + name.Replace('-', '_').ToUpperInvariant());

        if (Get("help") != null)
        {
            error = null;
            return null;
        }

        var options = new StoreCheckOptions
        {
            AdminEmail = Get("admin-email"),
            AdminPassword = Get("admin-password"),
            Zip = Get("zip"),
            ExpectVersion = Get("expect-version"),
            PublicKey = Get("public-key"),
            SecretKey = Get("secret-key"),
            WebhookSecret = Get("webhook-secret"),
            ApiBaseUrl = Get("api-base-url"),
            EmulatorUrl = Get("emulator-url") ?? "http://127.0.0.1:0",
            Product = Get("product"),
            KeepOrders = string.Equals(Get("keep-orders"), "true", StringComparison.OrdinalIgnoreCase),
            Reinstall = string.Equals(Get("reinstall"), "true", StringComparison.OrdinalIgnoreCase),
            Screenshots = Get("screenshots")
        };

        if (Get("add-thb") is { } rate)
        {
            if (!decimal.TryParse(rate, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var thbRate) || thbRate <= 0)
            {
                error = "--add-thb needs a positive rate (baht per primary currency unit)";
                return null;
            }
            options.AddThbRate = thbRate;
        }

        var store = Get("store");
        if (string.IsNullOrWhiteSpace(store) || !Uri.TryCreate(store.TrimEnd('/') + "/", UriKind.Absolute, out var storeUri))
        {
            error = "--store URL is required";
            return null;
        }
        options.Store = storeUri;

        if (string.IsNullOrWhiteSpace(options.AdminEmail) || string.IsNullOrEmpty(options.AdminPassword))
        {
            error = "--admin-email and --admin-password are required";
            return null;
        }

        if (options.UsesRealOpn && string.IsNullOrWhiteSpace(options.PublicKey))
        {
            error = "--public-key is required with --secret-key";
            return null;
        }

        if (options.Zip != null && !File.Exists(options.Zip))
        {
            error = $"no such file: {options.Zip}";
            return null;
        }

        error = null;
        return options;
    }
}
