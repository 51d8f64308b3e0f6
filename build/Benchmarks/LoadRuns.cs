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
    /// handling end to end, minus the measured Opn round trips; and the Opn calls each one made
    /// </summary>
    public static async Task<string> OverheadAsync(int orders, int latencyMs)
    {
        await using var bench = await BenchStore.StartAsync();
        using var http = new HttpClient();

        //warm up without latency (JIT, connection pools)
        for (var i = 0; i < 5; i++)
        {
            var (warm, _) = await bench.CheckoutAsync();
            bench.Opn.CompleteCharge(warm.AuthorizationTransactionId);
            using var response = await http.SendAsync(bench.WebhookRequest(bench.EventBody(warm.AuthorizationTransactionId)));
        }

        bench.Opn.AddFault(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(latencyMs) });

        //the emulated round trip as the plugin's own client sees it
        var (probe, _) = await bench.CheckoutAsync();
        var client = new Opn.OpnClient(new SingleClientFactory());
        var credentials = new Opn.OpnCredentials(bench.Opn.PublicKey, bench.Opn.SecretKey, bench.Opn.BaseAddress.ToString());
        var roundTrips = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.GetChargeAsync(credentials, probe.AuthorizationTransactionId);
            roundTrips.Add(BenchStore.Ms(Stopwatch.GetTimestamp() - started));
        }
        roundTrips.Sort();
        var roundTrip = BenchStore.Percentile(roundTrips, 50);

        var checkout = new List<(double Ms, long Calls, double OpnMs)>();
        var webhook = new List<(double Ms, long Calls, double OpnMs)>();
        var duplicate = new List<(double Ms, long Calls, double OpnMs)>();
        var paidOnce = 0;
        for (var i = 0; i < orders; i++)
        {
            var calls = bench.OpnCalls;
            var opnTicks = bench.OpnTicks;
            long started = 0, ended = 0;
            var (order, location) = await bench.CheckoutAsync(async run =>
            {
                started = Stopwatch.GetTimestamp();
                await run();
                ended = Stopwatch.GetTimestamp();
            });
            checkout.Add((BenchStore.Ms(ended - started), bench.OpnCalls - calls, BenchStore.Ms(bench.OpnTicks - opnTicks)));
            if (!location.StartsWith(bench.Opn.BaseAddress.ToString(), StringComparison.Ordinal) && !location.Contains("authorize", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"checkout did not redirect to Opn: {location}");

            bench.Opn.CompleteCharge(order.AuthorizationTransactionId);
            var body = bench.EventBody(order.AuthorizationTransactionId);
            foreach (var list in new[] { webhook, duplicate })
            {
                calls = bench.OpnCalls;
                opnTicks = bench.OpnTicks;
                using var request = bench.WebhookRequest(body);
                started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                ended = Stopwatch.GetTimestamp();
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new InvalidOperationException($"webhook answered {(int)response.StatusCode}");
                list.Add((BenchStore.Ms(ended - started), bench.OpnCalls - calls, BenchStore.Ms(bench.OpnTicks - opnTicks)));
            }

            if (bench.Store.GetOrder(order.Id).PaymentStatus == PaymentStatus.Paid && bench.PaidNotes(order.Id) == 1)
                paidOnce++;
        }

        string Row(string what, List<(double Ms, long Calls, double OpnMs)> samples)
        {
            var overhead = samples.Select(sample => sample.Ms - sample.OpnMs).OrderBy(value => value).ToList();
            var raw = samples.Select(sample => sample.Ms).OrderBy(value => value).ToList();
            var calls = samples.Select(sample => sample.Calls).Distinct().OrderBy(value => value);
            var p99 = BenchStore.Percentile(overhead, 99);
            return $"| {what} | {string.Join(" or ", calls)} | {F(BenchStore.Percentile(raw, 50))} | {F(BenchStore.Percentile(raw, 99))} | {F(BenchStore.Percentile(overhead, 50))} | {F(p99)} | {F(p99 / latencyMs * 100)} % |";
        }

        var text = new StringBuilder();
        text.AppendLine($"Emulator latency {latencyMs} ms on every API call; {orders} orders, one after the other. Measured Opn round trip " +
            $"(plugin's OpnClient, loopback, emulator): p50 {F(roundTrip)} ms, p99 {F(BenchStore.Percentile(roundTrips, 99))} ms. " +
            "Overhead = elapsed − the time the same run spent waiting for Opn's answers (measured around each call in the plugin's HttpClient).");
        text.AppendLine();
        text.AppendLine("| Path | Opn calls | elapsed p50 (ms) | elapsed p99 (ms) | overhead p50 (ms) | overhead p99 (ms) | p99 overhead / latency |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        text.AppendLine(Row("Checkout: PostProcessPayment to redirect (in-process)", checkout));
        text.AppendLine(Row("Webhook, first delivery (HTTP POST to the DevStore, re-fetch, mark paid)", webhook));
        text.AppendLine(Row("Webhook, duplicate already applied (HTTP POST to the DevStore)", duplicate));
        text.AppendLine();
        text.AppendLine($"Orders paid exactly once: {paidOnce} of {orders}. Machine: {BenchStore.Machine()}.");
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
