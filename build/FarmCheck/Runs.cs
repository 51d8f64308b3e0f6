using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpnEmulator;
using static FarmCheck.Program;

namespace FarmCheck;

/// <summary>
/// The measurements. Each places its own orders through the storefront, pays their charges at the emulator and
/// counts in the database what nopCommerce did
/// </summary>
internal sealed class Runs
{
    private readonly Dictionary<string, string> _options;
    private readonly List<NopStore> _nodes;
    private HttpClient _admin;

    public Runs(Dictionary<string, string> options)
    {
        _options = options;
        _nodes = Get("nodes", "http://127.0.0.1:5180,http://127.0.0.1:5181").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(url => new NopStore(url)).ToList();
        EmulatorUrl = Get("emulator", "http://127.0.0.1:5270");
    }

    public string EmulatorUrl { get; }

    public EmulatorHost Opn { get; set; }

    private string Get(string name, string fallback) => _options.TryGetValue(name, out var value) ? value : fallback;

    private int GetInt(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private List<string> NodeUrls => _nodes.Select(node => node.BaseUrl).ToList();

    #region Setup

    public async Task SetupAsync()
    {
        var email = Environment.GetEnvironmentVariable("NOP_ADMIN_EMAIL") ?? throw new InvalidOperationException("set NOP_ADMIN_EMAIL");
        var password = Environment.GetEnvironmentVariable("NOP_ADMIN_PASSWORD") ?? throw new InvalidOperationException("set NOP_ADMIN_PASSWORD");
        var store = _nodes[0];
        _admin = await store.AdminSessionAsync(email, password);

        if (await Db.ScalarAsync("select count(*) from \"Currency\" where \"CurrencyCode\" = 'THB'") == "0")
        {
            Log("adding THB");
            await store.AddThbAsync(_admin, decimal.Parse(Get("thbrate", "35"), CultureInfo.InvariantCulture));
        }

        var active = await Db.ScalarAsync("select \"Value\" from \"Setting\" where \"Name\" = 'paymentsettings.activepaymentmethodsystemnames' and \"StoreId\" = 0") ?? "";
        if (!active.Split(',').Contains("Payments.Kma"))
        {
            Log("activating Payments.Kma");
            await store.ActivatePaymentMethodAsync(_admin, "Payments.Kma", "Krungsri (KMA)", 1);
        }

        //the "Order #N paid" e-mails to the customer and the store owner are off in a new store: switch them on (what
        //Admin › Content management › Message templates › "Is active" does), so that a double payment shows as extra e-mails
        if (await Db.ScalarAsync("select count(*) from \"MessageTemplate\" where \"Name\" in ('OrderPaid.CustomerNotification', 'OrderPaid.StoreOwnerNotification') and not \"IsActive\"") != "0")
        {
            Log("activating the OrderPaid customer and store owner e-mails");
            await Db.QueryAsync("update \"MessageTemplate\" set \"IsActive\" = true where \"Name\" in ('OrderPaid.CustomerNotification', 'OrderPaid.StoreOwnerNotification')");
            try
            {
                await store.ClearCacheAsync(_admin);
            }
            catch (InvalidOperationException exception)
            {
                //nopCommerce's Redis cache needs allowAdmin=true in its connection string to clear (FLUSHDB)
                Log($"WARNING: Admin › Clear cache failed ({exception.Message}); clear the cached message templates by hand, " +
                    "e.g. redis-cli --scan --pattern '*messagetemplate*' | xargs redis-cli del, or the paid e-mails are not counted");
            }
        }

        await store.ConfigureKmaAsync(_admin, Opn.PublicKey, Opn.SecretKey, Opn.WebhookSecret, EmulatorUrl);
        Log($"plugin configured for the emulator at {EmulatorUrl}");
    }

    #endregion

    #region Orders

    private sealed record TestOrder(int Id, Guid Guid, string ChargeId, string ReturnToken, string Node);

    /// <summary>Places KMA orders as guests, spread over the nodes, a few at a time</summary>
    private async Task<List<TestOrder>> PlaceOrdersAsync(int count, string paymentMethod = "Payments.Kma")
    {
        var placed = new ConcurrentBag<NopStore.PlacedOrder>();
        var failures = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = GetInt("parallel", 4) }, async (i, _) =>
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    placed.Add(await _nodes[i % _nodes.Count].GuestCheckoutAsync(GetInt("product", 38), paymentMethod, GetInt("country", 237), GetInt("state", 1828)));
                    return;
                }
                catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    Log($"checkout failed ({exception.Message}); again");
                }
            }
        });
        Log($"{placed.Count} orders placed in {watch.Elapsed.TotalSeconds:0} s ({failures} checkout attempts failed)");

        var byGuid = await Db.OrdersAsync(placed.Select(order => order.OrderGuid));
        return placed.Where(order => byGuid.ContainsKey(order.OrderGuid))
            .Select(order => new TestOrder(byGuid[order.OrderGuid].Id, order.OrderGuid, byGuid[order.OrderGuid].ChargeId, order.ReturnToken, order.Node))
            .OrderBy(order => order.Id)
            .ToList();
    }

    private void CompleteCharges(IEnumerable<TestOrder> orders)
    {
        foreach (var order in orders)
        {
            if (!Opn.CompleteCharge(order.ChargeId))
                throw new InvalidOperationException($"charge {order.ChargeId} of order #{order.Id} is {Opn.GetChargeStatus(order.ChargeId)}");
        }
    }

    /// <summary>Per-order tally as a table row: orders, applied twice, lost, notes, e-mails</summary>
    private static async Task<(string Row, int Doubled, int Lost)> TallyAsync(string name, IReadOnlyCollection<TestOrder> orders, string answers)
    {
        var counts = await Db.CountsAsync(orders.Select(order => order.Id));
        var doubled = counts.Values.Where(count => count.MarkedPaidNotes > 1).ToList();
        var lost = counts.Values.Count(count => !count.Paid);
        //payment status Paid but the apply stopped part-way: nopCommerce's "marked as paid" note missing, or the
        //plugin's note that comes after the paid event and the e-mails
        var halfApplied = counts.Values.Count(count => count.Paid && (count.MarkedPaidNotes == 0 || count.SuccessfulNotes == 0));
        var paidOnce = counts.Values.Where(count => count.MarkedPaidNotes == 1).Select(count => count.PaidEmails).DefaultIfEmpty(0).Max();
        var row = $"| {name} | {orders.Count} | **{doubled.Count}** | **{lost}** | **{halfApplied}** | {counts.Values.Sum(count => count.MarkedPaidNotes)} | " +
            $"{counts.Values.Sum(count => count.SuccessfulNotes)} | {counts.Values.Sum(count => count.PaidEmails)} ({paidOnce} per order paid once) | " +
            $"{(doubled.Count == 0 ? "–" : string.Join(", ", doubled.Select(count => F(count.NotesSpreadMs))))} | {answers} |";
        return (row, doubled.Count, lost + halfApplied);
    }

    private const string TallyHeader = """
        | Round | Orders | Applied twice | Lost (not paid) | Half-applied (Paid, "marked as paid" or "is successful" note missing) | "marked as paid" notes | plugin "is successful" notes | paid e-mails queued | ms between the two "marked as paid" notes of a doubled order | HTTP answers |
        |---|---|---|---|---|---|---|---|---|---|
        """;

    private static string Answers(ConcurrentBag<int> statuses) =>
        string.Join(", ", statuses.GroupBy(status => status).OrderBy(group => group.Key).Select(group => $"{(group.Key == 0 ? "no answer" : group.Key.ToString(CultureInfo.InvariantCulture))}: {group.Count()}"));

    #endregion

    #region Race

    /// <summary>Sends jobs at the same instant: each waits for one gate, then all go</summary>
    private static async Task AtOnceAsync(IEnumerable<Func<Task>> jobs)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = jobs.Select(job => Task.Run(async () =>
        {
            await gate.Task;
            await job();
        })).ToList();
        await Task.Delay(5);
        gate.SetResult();
        await Task.WhenAll(tasks);
    }

    public async Task<string> RaceAsync()
    {
        var orders = GetInt("orders", 50);
        var rounds = GetInt("rounds", 2);
        var webhooks = new Webhooks(Opn);
        var nodes = NodeUrls;
        var text = new StringBuilder();
        var rows = new List<string>();
        var totalDoubled = 0;
        var totalLost = 0;

        //warm the connections so that "at once" is not spread by connection set-up
        foreach (var node in nodes)
            await webhooks.SendAsync(node, Encoding.UTF8.GetBytes("{}"));

        for (var round = 1; round <= rounds; round++)
        {
            Log($"race round {round}: placing {orders} orders");
            var placed = await PlaceOrdersAsync(orders);
            CompleteCharges(placed);
            var statuses = new ConcurrentBag<int>();
            foreach (var order in placed)
            {
                var body = webhooks.EventBody(order.ChargeId);
                //4 copies of the same event: two to each node (the first two nodes)
                await AtOnceAsync(Enumerable.Range(0, 4).Select(copy => (Func<Task>)(async () =>
                    statuses.Add((await webhooks.SendAsync(nodes[copy % nodes.Count], body)).Status))));
            }
            await Task.Delay(2000);
            var (row, doubled, lost) = await TallyAsync($"{round}: 4 deliveries at once, 2 per node", placed, Answers(statuses));
            rows.Add(row);
            totalDoubled += doubled;
            totalLost += lost;
            Log(row);
        }

        if (bool.Parse(Get("returnrace", "true")) && nodes.Count > 1)
        {
            Log($"return-versus-webhook: placing {orders} orders");
            var placed = await PlaceOrdersAsync(orders);
            CompleteCharges(placed);
            var statuses = new ConcurrentBag<int>();
            var index = 0;
            foreach (var order in placed)
            {
                var returnNode = _nodes[index % nodes.Count];
                var webhookNode = nodes[(index + 1) % nodes.Count];
                index++;
                var body = webhooks.EventBody(order.ChargeId);
                using var shopper = NopStore.NewSession();
                await AtOnceAsync([
                    async () => statuses.Add(await returnNode.ReturnAsync(shopper, order.Guid, order.ReturnToken)),
                    async () => statuses.Add((await webhooks.SendAsync(webhookNode, body)).Status)
                ]);
            }
            await Task.Delay(2000);
            var (row, doubled, lost) = await TallyAsync("return on one node, webhook on the other, at once", placed, Answers(statuses));
            rows.Add(row);
            totalDoubled += doubled;
            totalLost += lost;
            Log(row);
        }

        if (_options.TryGetValue("kill", out var pidFile) && nodes.Count > 1)
        {
            var (killRows, doubled, lost) = await KillRoundAsync(webhooks, orders, pidFile);
            rows.Add(killRows);
            totalDoubled += doubled;
            totalLost += lost;
            Log(rows[^1]);
        }

        text.AppendLine($"Nodes: {string.Join(", ", nodes)}; {orders} orders per round, placed as guests through the one-page checkout " +
            "(the plugin creates each charge at the emulator), each charge then made successful at the emulator.");
        text.AppendLine();
        text.AppendLine(TallyHeader);
        foreach (var row in rows)
            text.AppendLine(row);
        text.AppendLine();
        text.AppendLine($"Applied twice in all rounds: {totalDoubled}; lost or half-applied at the end of all rounds: {totalLost}.");
        return text.ToString();
    }

    /// <summary>
    /// 4 deliveries per order (2 per node), 8 orders at a time (option killparallel); part-way through, the last node's process is killed
    /// (SIGKILL). Deliveries that get no answer are sent again to the next node, as a load balancer would. Orders still
    /// unpaid afterwards get one reconciliation run once they are old enough; both counts are reported
    /// </summary>
    private async Task<(string Rows, int Doubled, int Lost)> KillRoundAsync(Webhooks webhooks, int orders, string pidFile)
    {
        var nodes = NodeUrls;
        Log($"kill round: placing {orders} orders");
        var placed = await PlaceOrdersAsync(orders);
        CompleteCharges(placed);
        var statuses = new ConcurrentBag<int>();
        var done = 0;
        var killed = 0;
        string killedPid = null;
        await Parallel.ForEachAsync(placed, new ParallelOptions { MaxDegreeOfParallelism = GetInt("killparallel", 8) }, async (order, _) =>
        {
            if (Interlocked.Increment(ref done) == Math.Max(2, orders / 3) && Interlocked.Exchange(ref killed, 1) == 0)
            {
                killedPid = File.ReadAllText(pidFile).Trim();
                Log($"killing pid {killedPid} ({pidFile})");
                Process.GetProcessById(int.Parse(killedPid, CultureInfo.InvariantCulture)).Kill();
            }
            var body = webhooks.EventBody(order.ChargeId);
            await AtOnceAsync(Enumerable.Range(0, 4).Select(copy => (Func<Task>)(async () =>
                statuses.Add(await webhooks.DeliverAsync(nodes, copy % nodes.Count, body, attempts: 45, pauseMs: 2000) ? 200 : 0))));
        });
        await Task.Delay(2000);
        var (row, doubled, lost) = await TallyAsync($"node killed (pid {killedPid}) after {orders / 3} orders; deliveries without 2xx sent again, alternating nodes, for up to 90 s", placed, Answers(statuses));
        if (lost == 0)
            return (row, doubled, lost);

        //whatever the killed node left must not block the order: the reconciliation task recovers it (it looks at
        //orders at least 2 minutes old)
        var age = double.Parse(await Db.ScalarAsync($"select extract(epoch from now() at time zone 'utc' - max(\"CreatedOnUtc\")) from \"Order\" where \"Id\" in ({string.Join(",", placed.Select(order => order.Id))})"), CultureInfo.InvariantCulture);
        var wait = TimeSpan.FromSeconds(Math.Max(0, 130 - age));
        Log($"{lost} orders unpaid or half-applied after the burst; reconciliation in {wait.TotalSeconds:0} s");
        await Task.Delay(wait);
        await RunReconciliationAsync();
        var (after, doubledAfter, lostAfter) = await TallyAsync("… the same orders after one reconciliation run", placed, "–");
        return (row + Environment.NewLine + after, Math.Max(doubled, doubledAfter), lostAfter);
    }

    private async Task RunReconciliationAsync()
    {
        var id = await Db.ScalarAsync("select \"Id\" from \"ScheduleTask\" where \"Type\" like 'Nop.Plugin.Payments.Kma.Services.KmaReconciliationTask%'")
            ?? throw new InvalidOperationException("the reconciliation task is not in the schedule task table");
        var watch = Stopwatch.StartNew();
        await _nodes[0].RunTaskNowAsync(_admin, int.Parse(id, CultureInfo.InvariantCulture));
        Log($"reconciliation ran in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    #endregion

    #region Concurrency

    /// <summary>
    /// Orders, each with its return and 5 duplicate webhooks, split over the nodes and interleaved across orders, with
    /// reconciliation runs started while they go on. Each order must be paid exactly once
    /// </summary>
    public async Task<string> ConcurrencyAsync()
    {
        var count = GetInt("orders", 200);
        var webhooks = new Webhooks(Opn);
        var nodes = NodeUrls;
        var placed = await PlaceOrdersAsync(count);

        //the task only looks at orders at least 2 minutes old: let the first ones reach that age
        var firstAge = await Db.ScalarAsync($"select extract(epoch from now() at time zone 'utc' - \"CreatedOnUtc\") from \"Order\" where \"Id\" = {placed[0].Id}");
        var wait = TimeSpan.FromSeconds(130 - double.Parse(firstAge, CultureInfo.InvariantCulture));
        if (wait > TimeSpan.Zero)
        {
            Log($"waiting {wait.TotalSeconds:0} s so that the reconciliation task sees the first orders");
            await Task.Delay(wait);
        }
        CompleteCharges(placed);

        var jobs = new List<Func<Task>>();
        var statuses = new ConcurrentBag<int>();
        var index = 0;
        foreach (var order in placed)
        {
            var body = webhooks.EventBody(order.ChargeId);
            var store = _nodes[index++ % _nodes.Count];
            jobs.Add(async () =>
            {
                using var shopper = NopStore.NewSession();
                statuses.Add(await store.ReturnAsync(shopper, order.Guid, order.ReturnToken));
            });
            for (var copy = 0; copy < 5; copy++)
            {
                var node = nodes[(index + copy) % nodes.Count];
                jobs.Add(async () => statuses.Add((await webhooks.SendAsync(node, body)).Status));
            }
        }
        var random = new Random(16);
        jobs = jobs.OrderBy(_ => random.Next()).ToList();

        var reconciliations = new List<Task>();
        var started = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = GetInt("concurrency", 32) }, async (job, _) =>
        {
            var n = Interlocked.Increment(ref started);
            if (n == 1 || n == jobs.Count / 3 || n == 2 * jobs.Count / 3)
                lock (reconciliations)
                    reconciliations.Add(RunReconciliationAsync());
            await job();
        });
        await Task.WhenAll(reconciliations);
        watch.Stop();
        await Task.Delay(2000);

        var (row, doubled, lost) = await TallyAsync($"{count} orders: return + 5 webhooks each, 3 reconciliation runs", placed, Answers(statuses));
        return $"""
            Nodes: {string.Join(", ", nodes)}. {placed.Count} orders placed as guests through the one-page checkout; their charges made
            successful at the emulator; then {jobs.Count} requests (per order its return and 5 signed deliveries of the same event,
            spread over the nodes) in random order, {GetInt("concurrency", 32)} at a time, with Admin › Schedule tasks › Run now of the
            reconciliation task started at the first request, at one third and at two thirds; {watch.Elapsed.TotalSeconds:0.0} s in all.

            {TallyHeader}
            {row}

            Applied twice: {doubled}; lost: {lost}.
            """;
    }

    #endregion

    #region Burst

    /// <summary>
    /// Makes paid-at-Opn orders fast: one storefront order is cloned in the database (order row, items, the
    /// plugin's attributes; new GUID), each clone getting its own charge at the emulator with the clone's GUID in its
    /// metadata, made successful. Webhook handling cannot tell a clone from a storefront order
    /// </summary>
    private async Task<List<TestOrder>> CloneOrdersAsync(int count)
    {
        var template = (await PlaceOrdersAsync(1)).Single();
        var amount = long.Parse(await Db.ScalarAsync($"select \"Value\" from \"GenericAttribute\" where \"KeyGroup\" = 'Order' and \"EntityId\" = {template.Id} and \"Key\" = 'Kma.ChargeAmountSatang'"), CultureInfo.InvariantCulture);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(Opn.SecretKey + ":")));
        var pairs = new ConcurrentBag<(Guid Guid, string ChargeId)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, token) =>
        {
            var guid = Guid.NewGuid();
            using var response = await http.PostAsync(EmulatorUrl + "/charges", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["amount"] = amount.ToString(CultureInfo.InvariantCulture),
                ["currency"] = "THB",
                ["source[type]"] = "mobile_banking_bay",
                ["return_uri"] = $"{_nodes[0].BaseUrl}/Plugins/PaymentKma/Return",
                ["metadata[order_guid]"] = guid.ToString()
            }), token);
            var json = await response.Content.ReadAsStringAsync(token);
            var id = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("id").GetString();
            Opn.CompleteCharge(id);
            pairs.Add((guid, id));
        });

        var values = string.Join(",", pairs.Select(pair => $"('{pair.Guid}','{pair.ChargeId}')"));
        var columns = (await Db.QueryAsync("select column_name from information_schema.columns where table_name = 'Order' and column_name not in ('Id','OrderGuid','AuthorizationTransactionId','CustomOrderNumber') order by ordinal_position"))
            .Select(row => $"\"{row[0]}\"").ToList();
        var itemColumns = (await Db.QueryAsync("select column_name from information_schema.columns where table_name = 'OrderItem' and column_name not in ('Id','OrderId','OrderItemGuid') order by ordinal_position"))
            .Select(row => $"\"{row[0]}\"").ToList();
        await Db.QueryAsync($"""
            begin;
            create temp table clone(g uuid, c text) on commit drop;
            insert into clone values {values};
            insert into "Order" ("OrderGuid", "AuthorizationTransactionId", "CustomOrderNumber", {string.Join(",", columns)})
              select clone.g, clone.c, 'clone', {string.Join(",", columns.Select(column => "o." + column))} from clone, "Order" o where o."Id" = {template.Id};
            update "Order" set "CustomOrderNumber" = "Id"::text where "CustomOrderNumber" = 'clone';
            insert into "OrderItem" ("OrderId", "OrderItemGuid", {string.Join(",", itemColumns)})
              select n."Id", gen_random_uuid(), {string.Join(",", itemColumns.Select(column => "i." + column))}
              from clone join "Order" n on n."OrderGuid" = clone.g, "OrderItem" i where i."OrderId" = {template.Id};
            insert into "GenericAttribute" ("EntityId", "KeyGroup", "Key", "Value", "StoreId", "CreatedOrUpdatedDateUTC")
              select n."Id", a."KeyGroup", a."Key", a."Value", a."StoreId", a."CreatedOrUpdatedDateUTC"
              from clone join "Order" n on n."OrderGuid" = clone.g, "GenericAttribute" a where a."KeyGroup" = 'Order' and a."EntityId" = {template.Id};
            commit;
            """);
        var byGuid = await Db.OrdersAsync(pairs.Select(pair => pair.Guid));
        return pairs.Select(pair => new TestOrder(byGuid[pair.Guid].Id, pair.Guid, pair.ChargeId, null, null)).ToList();
    }

    private sealed record BurstResult(string Target, int Deliveries, double Seconds, List<double> Latencies, int Failed, int Lost, int Doubled);

    private async Task<BurstResult> SendBurstAsync(string target, IReadOnlyList<string> nodes, string path, List<TestOrder> orders, List<int> plan, bool tally)
    {
        var webhooks = new Webhooks(Opn, path);
        var bodies = orders.Select(order => webhooks.EventBody(order.ChargeId)).ToList();
        Log($"{target}: first delivery of order #{orders[0].Id} answered {await webhooks.ProbeAsync(nodes[0], bodies[0])}");
        var latencies = new ConcurrentBag<double>();
        var failed = 0;
        var sent = 0;
        foreach (var node in nodes)
            await webhooks.SendAsync(node, Encoding.UTF8.GetBytes("{}"));
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = GetInt("concurrency", 32) }, async (orderIndex, _) =>
        {
            var node = nodes[Interlocked.Increment(ref sent) % nodes.Count];
            for (var attempt = 1; attempt <= 10; attempt++)
            {
                var (status, ms) = await webhooks.SendAsync(node, bodies[orderIndex]);
                latencies.Add(ms);
                if (status == 200)
                    return;
                //Opn delivers again after any other answer; here after a short pause (longer when it was not the plugin's 503)
                await Task.Delay(status == 503 ? 20 : 500);
            }
            Interlocked.Increment(ref failed);
        });
        watch.Stop();
        var lost = 0;
        var doubled = 0;
        if (tally)
        {
            await Task.Delay(2000);
            var counts = await Db.CountsAsync(orders.Select(order => order.Id));
            lost = counts.Values.Count(count => !count.Paid);
            doubled = counts.Values.Count(count => count.MarkedPaidNotes > 1);
        }
        return new BurstResult(target, plan.Count, watch.Elapsed.TotalSeconds, latencies.OrderBy(value => value).ToList(), failed, lost, doubled);
    }

    public async Task<string> BurstAsync()
    {
        var deliveries = GetInt("deliveries", 10000);
        var duplicateShare = double.Parse(Get("duplicates", "0.3"), CultureInfo.InvariantCulture);
        var unique = (int)Math.Round(deliveries * (1 - duplicateShare));
        var floorPath = Get("floor", "/Plugins/KmaWebhookFloor/Webhook");
        var random = new Random(8);
        List<int> Plan() => Enumerable.Range(0, unique)
            .Concat(Enumerable.Range(0, deliveries - unique).Select(_ => random.Next(unique)))
            .OrderBy(_ => random.Next())
            .ToList();

        var results = new List<BurstResult>();
        var targets = new List<(string Name, List<string> Nodes)> { ($"one node ({_nodes[0].BaseUrl})", [_nodes[0].BaseUrl]) };
        if (_nodes.Count > 1)
            targets.Add(($"farm ({_nodes.Count} nodes, round robin)", NodeUrls));
        foreach (var (name, nodes) in targets)
        {
            Log($"burst on {name}: cloning {unique} paid-at-Opn orders");
            var orders = await CloneOrdersAsync(unique);
            var plan = Plan();
            Log($"burst on {name}: {plan.Count} deliveries to the webhook route");
            results.Add(await SendBurstAsync("plugin webhook route, " + name, nodes, null, orders, plan, tally: true));
            Log($"burst on {name}: {plan.Count} deliveries to the floor");
            results.Add(await SendBurstAsync("floor endpoint, " + name, nodes, floorPath, orders, plan, tally: false));
        }

        var text = new StringBuilder();
        text.AppendLine($"{deliveries} signed `charge.complete` deliveries, {duplicateShare:P0} duplicates of an earlier event, shuffled, " +
            $"{GetInt("concurrency", 32)} in flight; a delivery without 200 is sent again (a 503 after 20 ms, anything else after 500 ms; at most 10 tries). Each order was paid at the emulator before.");
        text.AppendLine();
        text.AppendLine("| Target | Deliveries | Seconds | Deliveries/s | p50 (ms) | p99 (ms) | failed | lost | double-applied |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var result in results)
        {
            text.AppendLine($"| {result.Target} | {result.Deliveries} | {F(result.Seconds)} | {F(result.Deliveries / result.Seconds)} | " +
                $"{F(Webhooks.Percentile(result.Latencies, 50))} | {F(Webhooks.Percentile(result.Latencies, 99))} | {result.Failed} | " +
                $"{(result.Target.StartsWith("floor", StringComparison.Ordinal) ? "–" : result.Lost.ToString(CultureInfo.InvariantCulture))} | " +
                $"{(result.Target.StartsWith("floor", StringComparison.Ordinal) ? "–" : result.Doubled.ToString(CultureInfo.InvariantCulture))} |");
        }
        text.AppendLine();
        for (var i = 0; i + 1 < results.Count; i += 2)
        {
            var (plugin, floor) = (results[i], results[i + 1]);
            text.AppendLine($"- {plugin.Target[(plugin.Target.IndexOf(',') + 2)..]}: plugin/floor throughput {F(plugin.Deliveries / plugin.Seconds / (floor.Deliveries / floor.Seconds) * 100)} %, " +
                $"p50 ×{Webhooks.Percentile(plugin.Latencies, 50) / Webhooks.Percentile(floor.Latencies, 50):0.00}, p99 ×{Webhooks.Percentile(plugin.Latencies, 99) / Webhooks.Percentile(floor.Latencies, 99):0.00}");
        }
        return text.ToString();
    }

    #endregion

    #region Overhead

    /// <summary>
    /// The same cart bought with KMA and with Check / Money Order, alternately on the first node: from "Confirm" to the
    /// page the shopper lands on, and the whole checkout. Then the statements PostgreSQL ran per webhook delivery
    /// (pg_stat_statements, when the extension is loaded)
    /// </summary>
    public async Task<string> OverheadAsync()
    {
        var count = GetInt("orders", 100);
        var store = _nodes[0];
        var kma = new List<NopStore.PlacedOrder>();
        var check = new List<NopStore.PlacedOrder>();
        for (var i = 0; i < 10; i++)
        {
            await store.GuestCheckoutAsync(GetInt("product", 38), "Payments.Kma", GetInt("country", 237), GetInt("state", 1828));
            await store.GuestCheckoutAsync(GetInt("product", 38), "Payments.CheckMoneyOrder", GetInt("country", 237), GetInt("state", 1828));
        }
        Log($"overhead: {count} checkouts of each, alternately");
        for (var i = 0; i < count; i++)
        {
            kma.Add(await store.GuestCheckoutAsync(GetInt("product", 38), "Payments.Kma", GetInt("country", 237), GetInt("state", 1828)));
            check.Add(await store.GuestCheckoutAsync(GetInt("product", 38), "Payments.CheckMoneyOrder", GetInt("country", 237), GetInt("state", 1828)));
        }
        string Row(string name, Func<NopStore.PlacedOrder, double> span)
        {
            var a = kma.Select(span).OrderBy(value => value).ToList();
            var b = check.Select(span).OrderBy(value => value).ToList();
            var (a50, a99, b50, b99) = (Webhooks.Percentile(a, 50), Webhooks.Percentile(a, 99), Webhooks.Percentile(b, 50), Webhooks.Percentile(b, 99));
            return $"| {name} | {F(a50)} | {F(a99)} | {F(b50)} | {F(b99)} | {a50 / b50:0.00} | {a99 / b99:0.00} |";
        }

        var text = new StringBuilder();
        text.AppendLine($"{count} guest checkouts with each method on {store.BaseUrl}, alternately, same product and cart, after 10 of each to warm up.");
        text.AppendLine("KMA: Confirm, then OpcCompleteRedirectionPayment (the plugin creates the charge at the emulator, no added latency), then the");
        text.AppendLine("\"pay on your phone\" page. Check / Money Order: Confirm, then the order-completed page.");
        text.AppendLine();
        text.AppendLine("| Span | KMA p50 (ms) | KMA p99 (ms) | Check / Money Order p50 (ms) | p99 (ms) | ratio p50 | ratio p99 |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        text.AppendLine(Row("Confirm to the next page", order => order.ConfirmMs));
        text.AppendLine(Row("Whole checkout (home page to the next page, 9 requests)", order => order.TotalMs));
        text.AppendLine();
        text.AppendLine(await StatementsPerDeliveryAsync());
        return text.ToString();
    }

    /// <summary>
    /// The statements PostgreSQL ran per webhook delivery: pg_stat_statements calls when the extension is installed in
    /// the store's database, else the statements logged while log_statement = 'all' is switched on for the
    /// measurement (needs only a configuration reload, not a restart; option pglog = the server's log file). An equal
    /// window without deliveries is counted too and taken off (scheduled tasks keep running)
    /// </summary>
    private async Task<string> StatementsPerDeliveryAsync()
    {
        const int N = 200;
        var database = await Db.ScalarAsync("select current_database()");
        var useExtension = await Db.ScalarAsync("select count(*) from pg_extension where extname = 'pg_stat_statements'") != "0";
        var logFile = Get("pglog", null);
        if (!useExtension && logFile == null)
            return "Statements per delivery: not measured (neither pg_stat_statements in this database nor option pglog; see docs/web-farm-measurement.md).";

        var webhooks = new Webhooks(Opn);
        var orders = await CloneOrdersAsync(N);
        var bodies = orders.Select(order => webhooks.EventBody(order.ChargeId)).ToList();

        //(statements, connection resets): Npgsql's pool sends DISCARD ALL each time nopCommerce hands a connection back
        async Task<(double Statements, double Resets)> CountAsync(Func<Task> window)
        {
            if (useExtension)
            {
                const string Calls = "select coalesce(sum(calls) filter (where query not like 'DISCARD%'), 0), coalesce(sum(calls) filter (where query like 'DISCARD%'), 0) " +
                    "from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = current_database()";
                var before = (await Db.QueryAsync(Calls))[0].Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
                await window();
                var after = (await Db.QueryAsync(Calls))[0].Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
                return (after[0] - before[0] - 1, after[1] - before[1]);
            }

            var offset = new FileInfo(logFile).Length;
            await Db.QueryAsync("alter system set log_statement = 'all'");
            await Db.QueryAsync("alter system set log_line_prefix = '%m [%p] db=%d '");
            await Db.QueryAsync("select pg_reload_conf()");
            await Task.Delay(500);
            try
            {
                await window();
            }
            finally
            {
                await Db.QueryAsync("alter system reset log_statement");
                await Db.QueryAsync("alter system reset log_line_prefix");
                await Db.QueryAsync("select pg_reload_conf()");
            }
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(offset, SeekOrigin.Begin);
            //the store's statements; this tool's own (the switches above) are left out
            var logged = (await new StreamReader(stream).ReadToEndAsync()).Split('\n')
                .Where(line => line.Contains($"db={database} LOG:  ", StringComparison.Ordinal)
                    && (line.Contains(" statement: ", StringComparison.Ordinal) || line.Contains(" execute ", StringComparison.Ordinal))
                    && !line.Contains("pg_reload_conf", StringComparison.Ordinal) && !line.Contains("alter system", StringComparison.Ordinal))
                .ToList();
            var resets = logged.Count(line => line.EndsWith(": DISCARD ALL", StringComparison.Ordinal));
            return (logged.Count - resets, resets);
        }

        var idle = TimeSpan.Zero;
        async Task<(double Statements, double Resets)> DeliverAllAsync()
        {
            var watch = Stopwatch.StartNew();
            var count = await CountAsync(async () =>
            {
                foreach (var body in bodies)
                    await webhooks.SendAsync(_nodes[0].BaseUrl, body);
                await Task.Delay(1000);
            });
            idle = watch.Elapsed;
            return count;
        }

        var first = await DeliverAllAsync();
        var firstWindow = idle;
        var duplicate = await DeliverAllAsync();
        idle = firstWindow;
        var background = await CountAsync(() => Task.Delay(idle));
        string Per((double Statements, double Resets) count) =>
            $"**{F((count.Statements - background.Statements) / N)}** statements + {F((count.Resets - background.Resets) / N)} connection resets (`DISCARD ALL`)";
        return $"Statements per webhook delivery on {_nodes[0].BaseUrl} ({(useExtension ? "pg_stat_statements `calls`" : "statements logged with log_statement = 'all'")} " +
            $"in database {database} over {N} deliveries sent one at a time, minus what an equal window without deliveries counted: {background.Statements} statements, " +
            $"{background.Resets} resets): first delivery of a paid charge {Per(first)}; duplicate of an applied event {Per(duplicate)}.";
    }

    #endregion
}
