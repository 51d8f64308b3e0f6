using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Nop.Core.Domain.Payments;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Benchmarks;

/// <summary>
/// Measurements that are not micro-benchmarks: the plugin's overhead beyond emulated Opn round trips, and a webhook
/// burst against the DevStore over loopback. Each prints a Markdown section
/// </summary>
public static class LoadRuns
{
    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// With the emulator adding latency to every API call: checkout (PostProcessPayment to redirect) and webhook
    /// handling, minus the measured Opn round trips; and the Opn calls each one made. A webhook is timed three ways:
    /// in the plugin's controller, across the host's whole pipeline, and as the sender sees it over loopback. A second
    /// run times the plugin's calls into nopCommerce's services too, which gives the plugin's own share
    /// </summary>
    public static async Task<string> OverheadAsync(int orders, int latencyMs, int warmUpOrders)
    {
        var spans = await MeasureOverheadAsync(orders, latencyMs, warmUpOrders, timeNopServices: false);
        var own = await MeasureOverheadAsync(orders, latencyMs, warmUpOrders, timeNopServices: true);

        string Row(string path, string span, List<Sample> samples, Func<Sample, double> elapsed, double? allocatedKilobytes)
        {
            var overhead = samples.Select(sample => elapsed(sample) - sample.OpnMs).OrderBy(value => value).ToList();
            var raw = samples.Select(elapsed).OrderBy(value => value).ToList();
            var calls = samples.Select(sample => sample.Calls).Distinct().OrderBy(value => value);
            var withoutGc = samples.Where(sample => sample.GcMs == 0).Select(sample => elapsed(sample) - sample.OpnMs).OrderBy(value => value).ToList();
            var p99 = BenchStore.Percentile(overhead, 99);
            return $"| {path} | {span} | {string.Join(" or ", calls)} | {F(BenchStore.Percentile(raw, 50))} | {F(BenchStore.Percentile(raw, 99))} | " +
                $"{F(BenchStore.Percentile(overhead, 50))} | {F(p99)} | {F(p99 / latencyMs * 100)} % | {F(BenchStore.Percentile(withoutGc, 99))} | " +
                $"{(allocatedKilobytes is { } kilobytes ? kilobytes.ToString("0.0", CultureInfo.InvariantCulture) : "")} |";
        }

        const string OWN = "plugin's own code: the plugin span without its calls into nopCommerce services (second run)";
        var text = new StringBuilder();
        text.AppendLine($"Emulator latency {latencyMs} ms on every API call; {orders} orders one after the other, after {warmUpOrders} warm-up " +
            $"orders without latency. Measured Opn round trip (the plugin's OpnClient, loopback, emulator): p50 {F(BenchStore.Percentile(spans.RoundTrips, 50))} ms, " +
            $"p99 {F(BenchStore.Percentile(spans.RoundTrips, 99))} ms. Overhead = elapsed − the time the same run spent waiting for Opn's answers " +
            "(measured around each HttpClient call the plugin makes, the body read included).");
        text.AppendLine();
        text.AppendLine("The plugin span includes the nopCommerce services the plugin calls (orders, notes, generic attributes, settings, " +
            "log), here the DevStore's in-memory stand-ins; in nopCommerce they are database calls whose cost depends on the " +
            "installation. The rows \"plugin's own code\" come from a second, identical run in which each of those calls passes " +
            "through a timing proxy and its duration is taken off the span; the proxy's own dispatch still counts as plugin time, " +
            "so they are upper bounds. The lock (`ILocker`) is not taken off: the plugin's work runs inside it.");
        text.AppendLine();
        text.AppendLine($"Allocated = bytes allocated in the process during the plugin's span minus those allocated during its Opn calls (the " +
            $"emulator runs in the same process), median of {spans.AllocationOrders} further orders counted separately, as the precise allocation counter costs time.");
        text.AppendLine();
        text.AppendLine("| Path | Measured span | Opn calls | elapsed p50 (ms) | elapsed p99 (ms) | overhead p50 (ms) | overhead p99 (ms) | p99 overhead / latency | overhead p99 without GC pauses (ms) | allocated (KB) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        text.AppendLine(Row("Checkout", "plugin: PostProcessPayment to redirect", spans.Checkout, sample => sample.ClientMs, spans.AllocatedKb[0]));
        text.AppendLine(Row("Checkout", OWN, own.Checkout, sample => sample.ClientMs - sample.NopServicesMs, null));
        text.AppendLine(Row("Webhook, first delivery", "plugin: webhook controller, answer included", spans.Webhook, sample => sample.PluginMs, spans.AllocatedKb[1]));
        text.AppendLine(Row("Webhook, first delivery", OWN, own.Webhook, sample => sample.PluginMs - sample.NopServicesMs, null));
        text.AppendLine(Row("Webhook, first delivery", "host: whole DevStore pipeline", spans.Webhook, sample => sample.HostMs, null));
        text.AppendLine(Row("Webhook, first delivery", "sender: HTTP POST over loopback", spans.Webhook, sample => sample.ClientMs, null));
        text.AppendLine(Row("Webhook, duplicate", "plugin: webhook controller, answer included", spans.Duplicate, sample => sample.PluginMs, spans.AllocatedKb[2]));
        text.AppendLine(Row("Webhook, duplicate", OWN, own.Duplicate, sample => sample.PluginMs - sample.NopServicesMs, null));
        text.AppendLine(Row("Webhook, duplicate", "host: whole DevStore pipeline", spans.Duplicate, sample => sample.HostMs, null));
        text.AppendLine(Row("Webhook, duplicate", "sender: HTTP POST over loopback", spans.Duplicate, sample => sample.ClientMs, null));
        text.AppendLine();
        text.AppendLine($"For each order the whole process (harness, DevStore, emulator, plugin) allocated {spans.ProcessKbPerOrder:N0} KB, " +
            $"of which {spans.AllocatedKb.Sum():N0} KB in the plugin's three spans.");
        foreach (var (name, run) in new[] { ("first", spans), ("second", own) })
        {
            var all = run.Checkout.Concat(run.Webhook).Concat(run.Duplicate).ToList();
            var withGc = all.Where(sample => sample.GcMs > 0).ToList();
            text.AppendLine($"Garbage collections paused {withGc.Count} of {all.Count} samples of the {name} run" +
                (withGc.Count == 0 ? "." : $", for {F(withGc.Min(sample => sample.GcMs))}–{F(withGc.Max(sample => sample.GcMs))} ms each."));
        }
        text.AppendLine("The overhead columns include those pauses; the column \"without GC pauses\" leaves the paused samples out. The DevStore " +
            "and the emulator keep every order, note, charge and event in memory, so their collections are slower than a plugin in nopCommerce would see.");
        text.AppendLine($"Orders paid exactly once: {spans.PaidOnce} of {orders} and {own.PaidOnce} of {orders}. Machine: {BenchStore.Machine()}.");
        return text.ToString();
    }

    /// <summary>
    /// One overhead run in a fresh DevStore and emulator
    /// </summary>
    private static async Task<OverheadRun> MeasureOverheadAsync(int orders, int latencyMs, int warmUpOrders, bool timeNopServices)
    {
        await using var bench = await BenchStore.StartAsync(timeSpans: true, timeNopServices: timeNopServices);
        using var http = new HttpClient();

        //warm up without latency, so that the measured runs use tier-1 code and open connections
        for (var i = 0; i < warmUpOrders; i++)
        {
            var (warm, _) = await bench.CheckoutAsync();
            bench.Opn.CompleteCharge(warm.AuthorizationTransactionId);
            var body = bench.EventBody(warm.AuthorizationTransactionId);
            for (var delivery = 0; delivery < 2; delivery++)
            {
                using var response = await http.SendAsync(bench.WebhookRequest(body));
            }
        }
        //background tier-1 compilation finishes while nothing runs
        await Task.Delay(TimeSpan.FromSeconds(2));

        bench.Opn.AddFault(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(latencyMs) });

        //the emulated round trip as the plugin's own client sees it
        var (probe, _) = await bench.CheckoutAsync();
        var client = new Opn.OpnClient(new SingleClientFactory());
        var credentials = new Opn.OpnCredentials(bench.Opn.PublicKey, bench.Opn.SecretKey, bench.Opn.BaseAddress.ToString());
        var run = new OverheadRun();
        for (var i = 0; i < 30; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.GetChargeAsync(credentials, probe.AuthorizationTransactionId);
            run.RoundTrips.Add(BenchStore.Ms(Stopwatch.GetTimestamp() - started));
        }
        run.RoundTrips.Sort();

        //one order: checkout, its first webhook and a duplicate, each a sample
        async Task<(Sample Checkout, Sample Webhook, Sample Duplicate, bool PaidOnce)> RunOrderAsync()
        {
            var calls = bench.OpnCalls;
            var opnTicks = bench.OpnTicks;
            var opnBytes = bench.OpnAllocatedBytes;
            long started = 0, ended = 0, allocated = 0;
            var gcBefore = TimeSpan.Zero;
            bench.HostServices.Clear();
            var (order, location) = await bench.CheckoutAsync(async run =>
            {
                gcBefore = GC.GetTotalPauseDuration();
                allocated = bench.CountBytes ? GC.GetTotalAllocatedBytes(true) : 0;
                started = Stopwatch.GetTimestamp();
                await run();
                ended = Stopwatch.GetTimestamp();
                allocated = bench.CountBytes ? GC.GetTotalAllocatedBytes(true) - allocated : 0;
            });
            var checkoutMs = BenchStore.Ms(ended - started);
            var checkoutSample = new Sample(checkoutMs, checkoutMs, checkoutMs, bench.OpnCalls - calls, BenchStore.Ms(bench.OpnTicks - opnTicks),
                (GC.GetTotalPauseDuration() - gcBefore).TotalMilliseconds, allocated - (bench.OpnAllocatedBytes - opnBytes),
                BenchStore.Ms(bench.HostServices.TicksWithin(started, ended)));
            if (!location.StartsWith(bench.Opn.BaseAddress.ToString(), StringComparison.Ordinal) && !location.Contains("authorize", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"checkout did not redirect to Opn: {location}");

            bench.Opn.CompleteCharge(order.AuthorizationTransactionId);
            var body = bench.EventBody(order.AuthorizationTransactionId);
            var deliveries = new List<Sample>();
            for (var delivery = 0; delivery < 2; delivery++)
            {
                calls = bench.OpnCalls;
                opnTicks = bench.OpnTicks;
                opnBytes = bench.OpnAllocatedBytes;
                using var request = bench.WebhookRequest(body);
                bench.HostServices.Clear();
                gcBefore = GC.GetTotalPauseDuration();
                started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                ended = Stopwatch.GetTimestamp();
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new InvalidOperationException($"webhook answered {(int)response.StatusCode}");
                deliveries.Add(new Sample(BenchStore.Ms(ended - started), BenchStore.Ms(bench.LastHostTicks), BenchStore.Ms(bench.LastPluginTicks),
                    bench.OpnCalls - calls, BenchStore.Ms(bench.OpnTicks - opnTicks), (GC.GetTotalPauseDuration() - gcBefore).TotalMilliseconds,
                    bench.CountBytes ? bench.LastPluginAllocatedBytes - (bench.OpnAllocatedBytes - opnBytes) : 0,
                    BenchStore.Ms(bench.HostServices.TicksWithin(bench.LastPluginSpan.Start, bench.LastPluginSpan.End))));
            }

            var paidOnce = bench.Store.GetOrder(order.Id).PaymentStatus == PaymentStatus.Paid && bench.PaidNotes(order.Id) == 1;
            return (checkoutSample, deliveries[0], deliveries[1], paidOnce);
        }

        for (var i = 0; i < orders; i++)
        {
            var order = await RunOrderAsync();
            run.Checkout.Add(order.Checkout);
            run.Webhook.Add(order.Webhook);
            run.Duplicate.Add(order.Duplicate);
            run.PaidOnce += order.PaidOnce ? 1 : 0;
        }

        if (timeNopServices)
            return run;

        //allocations in a separate pass: the precise allocation counter would cost time inside the timed spans
        run.AllocationOrders = Math.Min(orders, 100);
        var bytes = new[] { new List<double>(), new List<double>(), new List<double>() };
        bench.CountBytes = true;
        var processBytes = GC.GetTotalAllocatedBytes(true);
        for (var i = 0; i < run.AllocationOrders; i++)
        {
            var order = await RunOrderAsync();
            bytes[0].Add(order.Checkout.PluginBytes);
            bytes[1].Add(order.Webhook.PluginBytes);
            bytes[2].Add(order.Duplicate.PluginBytes);
        }
        run.ProcessKbPerOrder = (GC.GetTotalAllocatedBytes(true) - processBytes) / 1024.0 / run.AllocationOrders;
        bench.CountBytes = false;
        run.AllocatedKb = bytes.Select(list => BenchStore.Percentile(list.OrderBy(value => value).ToList(), 50) / 1024).ToArray();
        return run;
    }

    /// <summary>The samples of one overhead run</summary>
    private sealed class OverheadRun
    {
        public List<double> RoundTrips { get; } = new();
        public List<Sample> Checkout { get; } = new();
        public List<Sample> Webhook { get; } = new();
        public List<Sample> Duplicate { get; } = new();
        public int PaidOnce { get; set; }
        public int AllocationOrders { get; set; }
        public double[] AllocatedKb { get; set; } = [0, 0, 0];
        public double ProcessKbPerOrder { get; set; }
    }

    /// <summary>
    /// One measured run: elapsed as the sender, the host and the plugin saw it; the Opn calls and time within it; GC
    /// pauses; bytes the plugin's span allocated besides its Opn calls; time in nopCommerce's services within it
    /// </summary>
    private sealed record Sample(double ClientMs, double HostMs, double PluginMs, long Calls, double OpnMs, double GcMs, long PluginBytes,
        double NopServicesMs);

    /// <summary>
    /// What the same work costs right after the CPU was idle, as it is when every step waits 50 ms for Opn: reading
    /// the KMA guide's example charge back to back, and each time after an idle pause
    /// </summary>
    public static string IdleCost(int runs, int idleMs)
    {
        var json = BenchmarkData.SeedChargeJson;
        for (var i = 0; i < 5000; i++)
            Opn.OpnJson.ParseCharge(json);
        //background tier-1 compilation finishes while nothing runs
        Thread.Sleep(TimeSpan.FromSeconds(2));

        List<double> Measure(int pauseMs)
        {
            var times = new List<double>(runs);
            for (var i = 0; i < runs; i++)
            {
                if (pauseMs > 0)
                    Thread.Sleep(pauseMs);
                var started = Stopwatch.GetTimestamp();
                Opn.OpnJson.ParseCharge(json);
                times.Add(BenchStore.Ms(Stopwatch.GetTimestamp() - started));
            }
            times.Sort();
            return times;
        }

        var busy = Measure(0);
        var idle = Measure(idleMs);
        var text = new StringBuilder();
        text.AppendLine($"Reading the example charge ({json.Length:N0} characters) {runs} times: back to back, and each time after {idleMs} ms idle.");
        text.AppendLine();
        text.AppendLine("| CPU before the call | p50 (ms) | p99 (ms) |");
        text.AppendLine("|---|---|---|");
        string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
        text.AppendLine($"| busy (back to back) | {Ms(BenchStore.Percentile(busy, 50))} | {Ms(BenchStore.Percentile(busy, 99))} |");
        text.AppendLine($"| idle for {idleMs} ms | {Ms(BenchStore.Percentile(idle, 50))} | {Ms(BenchStore.Percentile(idle, 99))} |");
        text.AppendLine();
        text.AppendLine($"Machine: {BenchStore.Machine()}.");
        return text.ToString();
    }

    /// <summary>
    /// Deliveries (a share of them duplicates) fired at the DevStore's webhook endpoint over loopback, bounded in time
    /// </summary>
    public static async Task<string> BurstAsync(int deliveries, double duplicateShare, int concurrency, int maxSeconds)
    {
        await using var bench = await BenchStore.StartAsync();
        var unique = (int)Math.Round(deliveries * (1 - duplicateShare));

        //orders with completed charges, made by the plugin's own checkout
        var orders = new ConcurrentBag<(int OrderId, string ChargeId)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, unique), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, _) =>
        {
            var (order, _) = await bench.CheckoutAsync();
            bench.Opn.CompleteCharge(order.AuthorizationTransactionId);
            orders.Add((order.Id, order.AuthorizationTransactionId));
        });
        var byOrder = orders.ToList();
        var bodies = byOrder.ToDictionary(pair => pair.OrderId, pair => bench.EventBody(pair.ChargeId));
        var random = new Random(8);
        var plan = byOrder.Select(pair => pair.OrderId)
            .Concat(Enumerable.Range(0, deliveries - unique).Select(_ => byOrder[random.Next(byOrder.Count)].OrderId))
            .OrderBy(_ => random.Next())
            .ToList();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new ConcurrentBag<double>();
        var retries = 0;
        var failed = 0;
        var callsBefore = bench.OpnCalls;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds));
        var wall = Stopwatch.StartNew();
        var loadBefore = BenchStore.Machine();
        try
        {
            await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = deadline.Token }, async (orderId, token) =>
            {
                for (var attempt = 1; attempt <= 10; attempt++)
                {
                    using var request = bench.WebhookRequest(bodies[orderId]);
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request, token);
                    latencies.Add(BenchStore.Ms(Stopwatch.GetTimestamp() - started));
                    if (response.StatusCode == HttpStatusCode.OK)
                        return;
                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                        break;
                    //Opn delivers a refused event again later; here after a short pause
                    Interlocked.Increment(ref retries);
                    await Task.Delay(20, token);
                }
                Interlocked.Increment(ref failed);
            });
        }
        catch (OperationCanceledException)
        {
            //bounded in time: reported below as not delivered
        }
        wall.Stop();

        var sorted = latencies.OrderBy(value => value).ToList();
        var lost = byOrder.Count(pair => bench.Store.GetOrder(pair.OrderId).PaymentStatus != PaymentStatus.Paid);
        var doubled = byOrder.Count(pair => bench.PaidNotes(pair.OrderId) > 1);
        var delivered = plan.Count;

        var text = new StringBuilder();
        text.AppendLine($"{delivered:N0} signed `charge.complete` deliveries ({unique:N0} orders, {delivered - unique:N0} duplicates = {duplicateShare:P0}) " +
            $"in random order, {concurrency} concurrent connections, over loopback HTTP to the DevStore's webhook endpoint (the plugin's real " +
            "controller, sync service, OpnClient → emulator without added latency). The load generator, the DevStore and the emulator share the machine.");
        text.AppendLine();
        text.AppendLine("| deliveries/s | p50 (ms) | p99 (ms) | 503 answers retried | not acknowledged | lost (order not paid) | double-applied | Opn calls | wall time (s) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        text.AppendLine($"| {F(delivered / wall.Elapsed.TotalSeconds)} | {F(BenchStore.Percentile(sorted, 50))} | {F(BenchStore.Percentile(sorted, 99))} | {retries} | {failed + (deadline.IsCancellationRequested ? delivered - sorted.Count : 0)} | {lost} | {doubled} | {bench.OpnCalls - callsBefore:N0} | {F(wall.Elapsed.TotalSeconds)} |");
        text.AppendLine();
        text.AppendLine($"Machine at start: {loadBefore}; at end: {BenchStore.Machine()}.");
        return text.ToString();
    }

    private sealed class SingleClientFactory : IHttpClientFactory
    {
        private readonly HttpMessageHandler _handler = Opn.OpnClient.CreatePrimaryHandler();

        public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
