using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DevStore;

/// <summary>
/// What "dotnet run --project build/DevStore" does: the DevStore plus a payment backend (real Opn with configured keys,
/// otherwise the in-process OpnEmulator with the matching keys and webhook secret)
/// </summary>
public sealed class DevStoreRunner : IAsyncDisposable
{
    private DevStoreRunner(DevStoreHost store, IAsyncDisposable emulator)
    {
        Store = store;
        Emulator = emulator;
    }

    public DevStoreHost Store { get; }

    public IAsyncDisposable Emulator { get; }

    public static async Task<DevStoreRunner> StartAsync(IConfiguration configuration, TextWriter output)
    {
        var options = new DevStoreOptions
        {
            Urls = configuration["DevStore:Urls"] ?? "http://127.0.0.1:5080",
            RunScheduleTasksInBackground = true,
            ConsoleLogLevel = LogLevel.Information
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
        IAsyncDisposable emulator = null;

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
            emulator = await EmulatorSeam.StartAsync(store, output);
        }

        output.WriteLine("Press Ctrl+C to stop.");
        return new DevStoreRunner(store, emulator);
    }

    public async ValueTask DisposeAsync()
    {
        if (Emulator != null)
            await Emulator.DisposeAsync();
        await Store.DisposeAsync();
    }
}

/// <summary>
/// Where the in-process OpnEmulator is started and wired to the store: its webhook URL is the plugin's webhook route,
/// and the plugin's shared settings get the emulator's keys, base URL and webhook secret
/// </summary>
public static class EmulatorSeam
{
    public static Task<IAsyncDisposable> StartAsync(DevStoreHost store, TextWriter output)
    {
        output.WriteLine("OpnEmulator:          not available in this build yet. Set real Opn test keys (Kma__PublicKey, Kma__SecretKey)");
        output.WriteLine("                      to pay against Opn; until then the payment method stays hidden at checkout.");
        return Task.FromResult<IAsyncDisposable>(null);
    }
}
