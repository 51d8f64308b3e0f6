using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using DevStore;
using DevStore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nop.Core.Domain.Payments;

namespace Nop.Plugin.Payments.Kma.Tests.DevStore;

/// <summary>
/// What the DevStore's console shows during a checkout, at the level `dotnet run` uses (Information): one line per
/// request to the plugin, one line per Opn call, the store log, warnings and errors; no HttpClient or hosting chatter
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class DevStoreConsoleLogTests
{
    private const int ProductId = 2;

    private readonly CapturingLoggerProvider _capture = new();
    private DevStoreHost _store;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // the same filters as the console: the provider sees exactly the lines the console writes
        _store = await DevStoreHost.StartAsync(new DevStoreOptions
        {
            ConsoleLogLevel = LogLevel.Information,
            ConfigureServices = services => services.AddSingleton<ILoggerProvider>(_capture)
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_store != null)
            await _store.DisposeAsync();
    }

    [SetUp]
    public void ClearCapture() => _capture.Entries.Clear();

    /// <summary>A desktop checkout: order, the plugin's pay page, the payment at the emulator, the webhook, the paid order</summary>
    private async Task<int> PayAnOrderAsync()
    {
        using var client = _store.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0 Safari/537.36");
        var result = await _store.CheckoutOverHttpAsync(client, ProductId);
        Assert.That(result.Order, Is.Not.Null);
        var payPage = result.Response.Headers.Location!.ToString();
        result.Response.Dispose();
        using (var page = await client.GetAsync(payPage))
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var chargeId = _store.Emulator.ChargeIds.Last();
        Assert.That(_store.Emulator.CompleteCharge(chargeId), Is.True);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_store.GetOrder(result.Order.Id).PaymentStatus != PaymentStatus.Paid)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the webhook did not pay the order");
            await Task.Delay(50);
        }
        return result.Order.Id;
    }

    [Test]
    public async Task ACheckoutWritesNoHttpClientOrHostingInformationLines()
    {
        await PayAnOrderAsync();

        var entries = _capture.Entries.ToList();
        Assert.That(entries, Is.Not.Empty);
        Assert.That(entries.Where(entry => entry.Level < LogLevel.Warning && (entry.Category.StartsWith("System.", StringComparison.Ordinal) || entry.Category.StartsWith("Microsoft.", StringComparison.Ordinal))),
            Is.Empty, "HttpClient writes four information lines per call, hosting two per request");
        Assert.That(entries.Where(entry => entry.Level < LogLevel.Warning).Select(entry => entry.Category).Distinct(),
            Is.SubsetOf(new[] { DevStoreLogging.RequestsCategory, DevStoreLogging.OpnCategory, DevStoreLogging.StoreLogCategory }));
    }

    [Test]
    public async Task EachOpnCallIsOneLineWithMethodPathStatusAndTime()
    {
        await PayAnOrderAsync();
        var chargeId = _store.Emulator.ChargeIds.Last();

        var opn = _capture.Lines(DevStoreLogging.OpnCategory);
        Assert.That(opn, Is.Not.Empty);
        Assert.That(opn, Has.All.Match(@"^(GET|POST) /[a-z_/0-9]+ \d{3} \d+ ms$"));
        Assert.That(opn.Count(line => Regex.IsMatch(line, @"^POST /charges 200 \d+ ms$")), Is.EqualTo(1), "one charge, one line");
        Assert.That(opn, Has.Some.Match($@"^GET /charges/{chargeId} 200 \d+ ms$"), "the webhook's re-fetch of the charge");
    }

    [Test]
    public async Task EachRequestToThePluginIsOneLineWithoutItsQueryString()
    {
        await PayAnOrderAsync();

        var plugin = _capture.Lines(DevStoreLogging.RequestsCategory);
        Assert.That(plugin, Has.Some.Match(@"^GET /Plugins/PaymentKma/Pay 200 \d+ ms$"));
        Assert.That(plugin, Has.Some.Match(@"^POST /Plugins/PaymentKma/Webhook 200 \d+ ms$"));
        Assert.That(plugin, Has.None.Contain("?"), "query strings carry return tokens");
        Assert.That(plugin, Has.None.Match("^(GET|POST) /(checkout|cart|addproducttocart|login)"), "the store's own pages are not the plugin's");
    }

    [Test]
    public async Task WarningsStillReachTheConsole()
    {
        _store.Emulator.AddFault(new OpnEmulator.FaultRule { Kind = OpnEmulator.FaultKind.Status, Status = 503, Method = "POST", Path = "/charges" });
        try
        {
            using var client = _store.CreateClient();
            var result = await _store.CheckoutOverHttpAsync(client, ProductId);
            result.Response.Dispose();
        }
        finally
        {
            _store.Emulator.ClearFaults();
        }

        Assert.That(_capture.Lines(DevStoreLogging.OpnCategory), Has.Some.Match(@"^POST /charges 503 \d+ ms$"));
        Assert.That(_capture.Entries.Where(entry => entry.Level >= LogLevel.Warning), Is.Not.Empty, "the plugin's warning about Opn");
    }

    /// <summary>Keeps every entry that passes the logging filters</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public IList<string> Lines(string category) => Entries.Where(entry => entry.Category == category).Select(entry => entry.Message).ToList();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception exception, Func<TState, Exception, string> formatter) =>
                provider.Entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
