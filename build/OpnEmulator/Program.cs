using System.Globalization;
using System.Runtime.InteropServices;

namespace OpnEmulator;

/// <summary>
/// Standalone entry point: dotnet run --project build/OpnEmulator -- --urls http://127.0.0.1:5090
/// </summary>
internal static class Program
{
    private const string Usage = """
        OpnEmulator: a local Opn Payments API (loopback only)
          --urls <url>                 listen URL(s), loopback only (default http://127.0.0.1:5090)
          --webhook-url <url>          static webhook URL, loopback only (repeatable)
          --webhook-secret <base64>    webhook signing secret
          --public-key <pkey_test_..>  accepted public key
          --secret-key <skey_test_..>  accepted secret key
          --charge-lifetime <minutes>  minutes until a pending charge expires (default 15)
          --public-base-url <url>      base URL written into authorize_uri (default: the address called)
          --verbose                    log requests
        """;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            return await RunAsync(args);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"OpnEmulator: {exception.Message}");
            return 2;
        }
    }

    private static async Task<int> RunAsync(string[] args)
    {
        var options = new EmulatorOptions { Urls = "http://127.0.0.1:5090" };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--urls": options.Urls = Next(); break;
                case "--webhook-url": options.WebhookUrls.Add(Next()); break;
                case "--webhook-secret": options.WebhookSecret = Next(); break;
                case "--public-key": options.PublicKey = Next(); break;
                case "--secret-key": options.SecretKey = Next(); break;
                case "--charge-lifetime": options.ChargeLifetime = TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--public-base-url": options.PublicBaseUrl = Next(); break;
                case "--verbose": options.EnableConsoleLogging = true; break;
                case "--help" or "-h": Console.WriteLine(Usage); return 0;
                default: Console.Error.WriteLine($"unknown argument {args[i]}\n{Usage}"); return 2;
            }
        }

        await using var host = await EmulatorHost.StartAsync(options);
        var baseUrl = host.BaseAddress.ToString().TrimEnd('/');
        Console.WriteLine($"""
            OpnEmulator listening on {baseUrl} (Omise-Version {ChargeRules.SupportedApiVersion})
              public key      {host.PublicKey}
              secret key      {host.SecretKey}
              webhook secret  {host.WebhookSecret}
              webhook URLs    {(host.WebhookUrls.Count == 0 ? "(none; set with PUT /_emulator/config)" : string.Join(", ", host.WebhookUrls))}
              charge lifetime {host.ChargeLifetime.TotalMinutes} min
              API             {baseUrl}/charges, /sources, /events, /search, /account, /capability
              index page      {baseUrl}/   (the charges, with links to their pages)
              authorize page  {baseUrl}/payments/<id>/authorize   (pay, fail with a failure code, or let the charge expire)
              control API     {baseUrl}/_emulator/
            Set the plugin's ApiBaseUrl to {baseUrl}. Ctrl+C stops.
            """);

        var stopped = new TaskCompletionSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stopped.Task;
        Console.WriteLine("OpnEmulator stopped.");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopped.TrySetResult();
        }
    }
}
