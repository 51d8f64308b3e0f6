using BenchmarkDotNet.Attributes;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Benchmarks;

/// <summary>
/// Reading a webhook event: charge.complete carrying the full seed charge (parsed into OpnEvent.Charge)
/// </summary>
[MemoryDiagnoser]
public class EventParsingBenchmarks
{
    private string _event;

    [GlobalSetup]
    public void Setup()
    {
        _event = BenchmarkData.ChargeCompleteEventJson;
    }

    [Benchmark]
    public OpnEvent ParseChargeCompleteEvent() => OpnJson.ParseEvent(_event);
}
