using BenchmarkDotNet.Attributes;

namespace Nop.Plugin.Payments.Kma.Benchmarks;

/// <summary>
/// The whole webhook handling in-process (signature, parsing, order lookup, re-fetch from the emulator with no added
/// latency, the order lock, the decision) in a request scope of the DevStore, without HTTP in front
/// </summary>
[MemoryDiagnoser]
public class WebhookHandlingBenchmarks
{
    private BenchStore _bench;
    private byte[] _pendingEvent;
    private byte[] _paidEvent;

    [GlobalSetup]
    public void Setup()
    {
        _bench = BenchStore.StartAsync().GetAwaiter().GetResult();

        var (pending, _) = _bench.CheckoutAsync().GetAwaiter().GetResult();
        _pendingEvent = _bench.EventBody(pending.AuthorizationTransactionId, "charge.create");

        var (paid, _) = _bench.CheckoutAsync().GetAwaiter().GetResult();
        _bench.Opn.CompleteCharge(paid.AuthorizationTransactionId);
        _paidEvent = _bench.EventBody(paid.AuthorizationTransactionId);
        var (signature, timestamp) = _bench.Sign(_paidEvent);
        if (_bench.HandleInProcessAsync(_paidEvent, signature, timestamp).GetAwaiter().GetResult() != 200)
            throw new InvalidOperationException("the order was not paid");
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A charge event for a pending charge: one Opn call, the lock, nothing to change</summary>
    [Benchmark]
    public Task<int> PendingChargeEvent()
    {
        var (signature, timestamp) = _bench.Sign(_pendingEvent);
        return _bench.HandleInProcessAsync(_pendingEvent, signature, timestamp);
    }

    /// <summary>A duplicate charge.complete for the charge that paid the order: no Opn call</summary>
    [Benchmark]
    public Task<int> DuplicateCompleteOfPaidOrder()
    {
        var (signature, timestamp) = _bench.Sign(_paidEvent);
        return _bench.HandleInProcessAsync(_paidEvent, signature, timestamp);
    }
}
