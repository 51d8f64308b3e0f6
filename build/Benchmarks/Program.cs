using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

namespace Nop.Plugin.Payments.Kma.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (BenchmarkDotNet switches: --filter, --job, ...), or one of the
/// load measurements: "overhead [orders] [latencyMs] [warmUpOrders]", "idle [runs] [idleMs]" or "burst [deliveries] [duplicateShare] [concurrency] [maxSeconds]"
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        string Arg(int index, string fallback) => args.Length > index ? args[index] : fallback;

        switch (args.FirstOrDefault())
        {
            case "overhead":
                Console.WriteLine(await LoadRuns.OverheadAsync(int.Parse(Arg(1, "500")), int.Parse(Arg(2, "50")), int.Parse(Arg(3, "300"))));
                return;
            case "idle":
                Console.WriteLine(LoadRuns.IdleCost(int.Parse(Arg(1, "400")), int.Parse(Arg(2, "50"))));
                return;
            case "burst":
                Console.WriteLine(await LoadRuns.BurstAsync(int.Parse(Arg(1, "10000")), double.Parse(Arg(2, "0.3"), CultureInfo.InvariantCulture),
                    int.Parse(Arg(3, "32")), int.Parse(Arg(4, "120"))));
                return;
        }

        var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default).AddColumn(new PercentileColumn(99));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
