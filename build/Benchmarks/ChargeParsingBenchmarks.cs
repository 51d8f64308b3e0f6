using BenchmarkDotNet.Attributes;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Benchmarks;

/// <summary>
/// Reading a charge: the KMA guide's example charge
/// </summary>
[MemoryDiagnoser]
public class ChargeParsingBenchmarks
{
    private string _charge;

    [GlobalSetup]
    public void Setup()
    {
        _charge = BenchmarkData.SeedChargeJson;
    }

    [Benchmark]
    public OpnCharge ParseSeedCharge() => OpnJson.ParseCharge(_charge);
}
