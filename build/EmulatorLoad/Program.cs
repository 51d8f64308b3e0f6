using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpnEmulator;

// Usage: dotnet run -c Release --project build/EmulatorLoad -- [--url http://127.0.0.1:5090] [--scenario get|post|both]
//        [--concurrency 32] [--seconds 10] [--max-requests 50000]
// Without --url the emulator is started in this process on a free 127.0.0.1 port.

var url = Arg("--url", null);
var scenario = Arg("--scenario", "both");
var concurrency = int.Parse(Arg("--concurrency", "32"), CultureInfo.InvariantCulture);
var seconds = double.Parse(Arg("--seconds", "10"), CultureInfo.InvariantCulture);
var maxRequests = int.Parse(Arg("--max-requests", "50000"), CultureInfo.InvariantCulture);
var secretKey = Arg("--secret-key", EmulatorOptions.DefaultSecretKey);

EmulatorHost inProcess = null;
if (url is null)
{
    inProcess = await EmulatorHost.StartAsync(new EmulatorOptions());
    url = inProcess.BaseAddress.ToString();
}

var baseAddress = new Uri(url.TrimEnd('/') + "/");
if (!baseAddress.IsLoopback)
{
    Console.Error.WriteLine("refused: the load generator only targets loopback addresses");
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = baseAddress,
    Timeout = TimeSpan.FromSeconds(30)
};
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(secretKey + ":")));
http.DefaultRequestHeaders.Add("Omise-Version", "2019-05-29");

Console.WriteLine($"target {baseAddress} ({(inProcess is null ? "separate process" : "in process")}), concurrency {concurrency}, up to {seconds} s or {maxRequests} requests per scenario, {Environment.ProcessorCount} logical CPUs");

var ids = new List<string>();
for (var i = 0; i < 200; i++)
    ids.Add(await CreateChargeAsync());

if (scenario is "get" or "both")
{
    await RunAsync("GET /charges/{id}", 1000, async n => (await http.GetAsync("charges/" + ids[n % ids.Count])).EnsureSuccessStatusCode());
    Report(await RunAsync("GET /charges/{id}", maxRequests, async n => (await http.GetAsync("charges/" + ids[n % ids.Count])).EnsureSuccessStatusCode()));
}
if (scenario is "post" or "both")
{
    await RunAsync("POST /charges", 1000, async _ => await CreateChargeAsync());
    Report(await RunAsync("POST /charges", maxRequests, async _ => await CreateChargeAsync()));
}

if (inProcess is not null)
    await inProcess.DisposeAsync();
return 0;

async Task<string> CreateChargeAsync()
{
    using var content = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["amount"] = "150000",
        ["currency"] = "THB",
        ["return_uri"] = "https://shop.example/return",
        ["source[type]"] = "mobile_banking_bay",
        ["source[platform_type]"] = "IOS",
        ["metadata[order_guid]"] = "load-test"
    });
    using var response = await http.PostAsync("charges", content);
    response.EnsureSuccessStatusCode();
    await using var stream = await response.Content.ReadAsStreamAsync();
    using var document = await JsonDocument.ParseAsync(stream);
    return document.RootElement.GetProperty("id").GetString();
}

async Task<(string Name, int Count, int Errors, TimeSpan Elapsed, double[] Latencies)> RunAsync(string name, int limit, Func<int, Task> call)
{
    var issued = -1;
    var errors = 0;
    var latencies = new double[limit];
    var deadline = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        while (deadline.Elapsed.TotalSeconds < seconds)
        {
            var n = Interlocked.Increment(ref issued);
            if (n >= limit)
                return;
            var started = Stopwatch.GetTimestamp();
            try
            {
                await call(n);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref errors);
            }
            latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    })).ToArray();
    await Task.WhenAll(workers);
    var elapsed = deadline.Elapsed;
    var count = Math.Min(issued, limit);
    return (name, count, errors, elapsed, latencies.Take(count).Where(l => l > 0).OrderBy(l => l).ToArray());
}

void Report((string Name, int Count, int Errors, TimeSpan Elapsed, double[] Latencies) run)
{
    double Percentile(double p) => run.Latencies.Length == 0 ? 0 : run.Latencies[(int)Math.Min(run.Latencies.Length - 1, p * run.Latencies.Length)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{run.Name,-20} {run.Count,7} requests in {run.Elapsed.TotalSeconds,5:0.00} s = {run.Count / run.Elapsed.TotalSeconds,8:0} req/s, errors {run.Errors}, p50 {Percentile(0.50):0.00} ms, p99 {Percentile(0.99):0.00} ms"));
}

string Arg(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
