using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DevStore;

/// <summary>
/// What "dotnet run --project build/DevStore" does: the DevStore plus a payment backend (real Opn with configured keys,
/// otherwise the in-process OpnEmulator with the matching keys and webhook secret)
/// </summary>
public sealed class DevStoreRunner : IAsyncDisposable
{
    private DevStoreRunner(DevStoreHost store)
    {
        Store = store;
    }

    public DevStoreHost Store { get; }

    public static async Task<DevStoreRunner> StartAsync(IConfiguration configuration, TextWriter output)
    {
        var options = new DevStoreOptions
        {
            Urls = configuration["DevStore:Urls"] ?? "http://127.0.0.1:5080",
            RunScheduleTasksInBackground = true,
            ConsoleLogLevel = LogLevel.Information,
            UseEmulator = true,
            ConfigureEmulator = emulator =>
            {
                emulator.Urls = configuration["OpnEmulator:Urls"] ?? "http://127.0.0.1:5081";
                emulator.EnableConsoleLogging = false;
            }
        };

        var publicKey = configuration["Kma:PublicKey"];
        var secretKey = configuration["Kma:SecretKey"];
        var useOpn = !string.IsNullOrWhiteSpace(publicKey) && !string.IsNullOrWhiteSpace(secretKey);
        if (useOpn)
        {
            options.OpnPublicKey = publicKey;
            options.OpnSecretKey = secretKey;
            options.OpnWebhookSecret = configuration["Kma:WebhookSecret"];
            options.OpnApiBaseUrl = configuration["Kma:ApiBaseUrl"];
        }

        var store = await DevStoreHost.StartAsync(options);

        output.WriteLine();
        output.WriteLine($"DevStore storefront:  {store.BaseAddress}   (second store: {store.SecondStoreAddress})");
        output.WriteLine($"DevStore admin:       {store.AdminAddress}   (development sign-in: {store.BaseAddress}login/)");
        if (useOpn)
        {
            output.WriteLine("Payments:             talking to Opn Payments with the configured keys (Kma:PublicKey / Kma:SecretKey).");
            output.WriteLine($"                      Point an Opn webhook at {store.BaseAddress}Plugins/PaymentKma/Webhook (it must be reachable from the internet).");
        }
        else
        {
            output.WriteLine($"OpnEmulator:          {store.Emulator.BaseAddress}   (in-process; keys {store.Emulator.PublicKey} / skey_..., webhooks to {store.WebhookUrl})");
            output.WriteLine("                      that page lists the charges; each charge's page lets you pay, fail (with a failure code) or let it expire;");
            output.WriteLine($"                      control API under {store.Emulator.BaseAddress}_emulator/");
        }

        output.WriteLine("Press Ctrl+C to stop.");
        return new DevStoreRunner(store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
    }
}
