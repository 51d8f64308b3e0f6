using System.Globalization;
using OpnEmulator;

namespace FarmCheck;

/// <summary>
/// dotnet run --project build/FarmCheck -c Release -- &lt;command&gt; [name=value ...]
/// </summary>
internal static class Program
{
    private const string Usage = """
        FarmCheck: measures the KMA plugin in a running nopCommerce 4.90 (one node or a web farm)
          setup         configure the plugin for this tool's emulator, add THB, activate the method
          serve         setup, then keep the emulator running until Ctrl+C (to try the store by hand)
          race          web farm race: orders x rounds x 4 signed deliveries at once, split across the nodes;
                        then return-versus-webhook across nodes; then a round in which a node is killed
          concurrency   orders, each with its return, 5 duplicate webhooks and reconciliation runs interleaved
          burst         signed deliveries with duplicates against the webhook route (one node, then all) and the floor
          overhead      checkout with KMA against Check / Money Order, same cart; statements per delivery
        Options as name=value (defaults in brackets): nodes [http://127.0.0.1:5180,http://127.0.0.1:5181]
          emulator [http://127.0.0.1:5270] orders [50] rounds [2] product [38] thbrate [35] country [237] state [1828]
          kill [pid file of the node to kill in the last race round; none = no kill round] killparallel [8] deliveries [10000]
          duplicates [0.3] concurrency [32] floor [/Plugins/KmaWebhookFloor/Webhook] parallel [4] returnrace [true]
        Environment: NOP_ADMIN_EMAIL, NOP_ADMIN_PASSWORD (admin login), PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD (psql)
        Output: Markdown on stdout, progress on stderr.
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var options = args.Skip(1).Select(arg => arg.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "true");
        var run = new Runs(options);
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Urls = run.EmulatorUrl });
        run.Opn = emulator;
        await run.SetupAsync();
        switch (args[0])
        {
            case "setup":
                Console.WriteLine("Store configured for the emulator at " + run.EmulatorUrl);
                return 0;
            case "serve":
                Console.WriteLine($"Store configured for the emulator at {run.EmulatorUrl}; it runs until Ctrl+C (control API {run.EmulatorUrl}/_emulator/)");
                var stop = new TaskCompletionSource();
                Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
                using (System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => stop.TrySetResult()))
                    await stop.Task;
                return 0;
            case "race":
                Console.WriteLine(await run.RaceAsync());
                return 0;
            case "concurrency":
                Console.WriteLine(await run.ConcurrencyAsync());
                return 0;
            case "burst":
                Console.WriteLine(await run.BurstAsync());
                return 0;
            case "overhead":
                Console.WriteLine(await run.OverheadAsync());
                return 0;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    public static void Log(string text) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");

    public static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
