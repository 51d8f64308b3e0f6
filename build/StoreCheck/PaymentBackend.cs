using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using OpnEmulator;

namespace StoreCheck;

/// <summary>
/// The Opn side of the checks: the in-process OpnEmulator (default), or Opn's test mode with the owner's keys,
/// where a person chooses the outcome on each authorize page and StoreCheck waits for the charge to change
/// </summary>
public sealed class PaymentBackend : IAsyncDisposable
{
    private static readonly TimeSpan _ownerTimeout = TimeSpan.FromMinutes(10);

    private readonly HttpClient _api;
    private readonly TextWriter _output;

    private PaymentBackend(EmulatorHost emulator, string publicKey, string secretKey, string webhookSecret, string apiBaseUrl, TextWriter output)
    {
        Emulator = emulator;
        PublicKey = publicKey;
        SecretKey = secretKey;
        WebhookSecret = webhookSecret;
        ApiBaseUrl = apiBaseUrl.TrimEnd('/');
        _output = output;
        _api = new HttpClient { BaseAddress = new Uri(ApiBaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(secretKey + ":")));
        _api.DefaultRequestHeaders.Add("Omise-Version", "2019-05-29");
    }

    /// <summary>Gets the in-process emulator (null with real Opn keys)</summary>
    public EmulatorHost Emulator { get; }

    public bool IsEmulator => Emulator != null;

    public string PublicKey { get; }

    public string SecretKey { get; }

    /// <summary>Gets the Base64 webhook secret (null when the owner gave none)</summary>
    public string WebhookSecret { get; }

    public string ApiBaseUrl { get; }

    /// <summary>
    /// Starts the emulator (its webhooks go to the store's webhook URL) or prepares to talk to Opn
    /// </summary>
    public static async Task<PaymentBackend> StartAsync(StoreCheckOptions options, Uri webhookUrl, TextWriter output)
    {
        if (options.UsesRealOpn)
            return new PaymentBackend(null, options.PublicKey, options.SecretKey, options.WebhookSecret,
                string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? "https://api.omise.co" : options.ApiBaseUrl, output);

        var emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Urls = options.EmulatorUrl,
            WebhookUrls = new List<string> { webhookUrl.ToString() },
            // nothing in the checks waits for Opn's retry schedule: a failed delivery is simply lost
            WebhookRetryDelays = new List<TimeSpan>()
        });
        return new PaymentBackend(emulator, emulator.PublicKey, emulator.SecretKey, emulator.WebhookSecret,
            options.ApiBaseUrl ?? emulator.BaseAddress.ToString(), output);
    }

    /// <summary>Gets a charge as the API returns it</summary>
    public async Task<JsonElement> GetChargeAsync(string chargeId)
    {
        using var response = await _api.GetAsync("charges/" + Uri.EscapeDataString(chargeId));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new CheckException($"GET /charges/{chargeId} answered {(int)response.StatusCode}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Gets the newest charge whose metadata names the order (null when there is none)</summary>
    public async Task<JsonElement?> FindChargeForOrderAsync(int orderId)
    {
        using var response = await _api.GetAsync("charges?limit=50&order=reverse_chronological");
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new CheckException($"GET /charges answered {(int)response.StatusCode}");

        var id = orderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var matches = JsonDocument.Parse(text).RootElement.GetProperty("data").EnumerateArray()
            .Where(charge => charge.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("order_id", out var value) && value.GetString() == id)
            .Select(charge => charge.Clone())
            .ToList();
        return matches.Count == 0 ? null : matches.MaxBy(charge => charge.GetProperty("created_at").GetString());
    }

    /// <summary>Gets the charge a shopper was sent to pay (matched by its authorize_uri among the newest charges)</summary>
    public async Task<JsonElement?> FindChargeByAuthorizeUriAsync(string authorizeUri)
    {
        using var response = await _api.GetAsync("charges?limit=50&order=reverse_chronological");
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new CheckException($"GET /charges answered {(int)response.StatusCode}");

        foreach (var charge in JsonDocument.Parse(text).RootElement.GetProperty("data").EnumerateArray())
            if (charge.TryGetProperty("authorize_uri", out var uri) && string.Equals(uri.GetString(), authorizeUri, StringComparison.Ordinal))
                return charge.Clone();
        return null;
    }

    /// <summary>Waits until the order has a charge and returns its id</summary>
    public async Task<string> WaitForChargeOfOrderAsync(int orderId)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await FindChargeForOrderAsync(orderId) is { } charge)
                return charge.GetProperty("id").GetString();
            await Task.Delay(500);
        }
        throw new CheckException($"no charge at Opn names order #{orderId} in its metadata");
    }

    public async Task<string> GetStatusAsync(string chargeId) => (await GetChargeAsync(chargeId)).GetProperty("status").GetString();

    /// <summary>
    /// The shopper's browser is on a charge's authorize page: choose the outcome there (emulator), or ask the owner
    /// to choose it on Opn's test page and wait until the charge changes; then the browser follows the return URI
    /// </summary>
    public async Task ChooseOutcomeAsync(IPage page, string chargeId, bool successful, string failureCode = "payment_rejected")
    {
        if (IsEmulator)
        {
            if (successful)
                await page.ClickAsync("#pay-successful");
            else
            {
                await page.SelectOptionAsync("#failure-code", failureCode);
                await page.ClickAsync("#pay-failed");
            }
            return;
        }

        var charge = await GetChargeAsync(chargeId);
        await AskOwnerAsync(charge, successful);
        await page.GotoAsync(charge.GetProperty("return_uri").GetString());
    }

    /// <summary>
    /// Pays or fails a charge with nobody at the store's pages (the shopper closed the tab)
    /// </summary>
    public async Task SettleWithoutShopperAsync(string chargeId, bool successful)
    {
        if (IsEmulator)
        {
            var changed = successful ? Emulator.CompleteCharge(chargeId) : Emulator.FailCharge(chargeId);
            if (!changed)
                throw new CheckException($"charge {chargeId} is {Emulator.GetChargeStatus(chargeId)}, not pending");
            return;
        }

        await AskOwnerAsync(await GetChargeAsync(chargeId), successful);
    }

    /// <summary>
    /// Emulator only: while this is open no webhook reaches the store. The dashboard URL is taken away, and the
    /// charge's own webhook endpoint (the plugin's "dynamic webhooks") gets deliveries signed with another secret,
    /// which the store refuses (401; its log says so) and the emulator does not retry.
    /// </summary>
    public IDisposable LoseWebhooks()
    {
        var urls = Emulator.WebhookUrls.ToList();
        var secret = Emulator.WebhookSecret;
        Emulator.ConfigureWebhooks(Array.Empty<string>(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        return new Restore(() => Emulator.ConfigureWebhooks(urls, secret));
    }

    /// <summary>Signs a webhook body as Opn does (null signature when no webhook secret is known)</summary>
    public (string Signature, string Timestamp) Sign(byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = string.IsNullOrEmpty(WebhookSecret) ? null : WebhookSigner.Sign(body, timestamp, WebhookSecret);
        return (signature, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (Emulator != null)
            await Emulator.DisposeAsync();
    }

    private async Task AskOwnerAsync(JsonElement charge, bool successful)
    {
        var id = charge.GetProperty("id").GetString();
        var before = charge.GetProperty("status").GetString();
        _output.WriteLine();
        _output.WriteLine($"  >>> Open {charge.GetProperty("authorize_uri").GetString()}");
        _output.WriteLine(successful
            ? "  >>> and choose the SUCCESSFUL outcome there (Opn's test page offers success or fail)."
            : "  >>> and choose the FAILED outcome there (Opn's test page offers success or fail).");
        _output.WriteLine($"  >>> StoreCheck carries on when charge {id} is no longer {before} (waits up to {_ownerTimeout.TotalMinutes:0} minutes).");

        var deadline = DateTime.UtcNow + _ownerTimeout;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var status = await GetStatusAsync(id);
            if (status != before)
            {
                _output.WriteLine($"  >>> charge {id} is {status}");
                return;
            }
        }
        throw new CheckException($"charge {id} was still {before} after {_ownerTimeout.TotalMinutes:0} minutes");
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
