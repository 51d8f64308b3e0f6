using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DevStore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Nop.Core.Domain.Orders;
using Nop.Plugin.Payments.Kma.Controllers;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Benchmarks;

/// <summary>
/// The DevStore (the plugin in an in-memory nopCommerce host, over loopback HTTP) wired to an in-process OpnEmulator,
/// with every Opn call the plugin makes counted
/// </summary>
public sealed class BenchStore : IAsyncDisposable
{
    public const string IphoneUserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

    private readonly CallCounter _counter = new();
    private readonly ServerSpans _spans = new();

    private BenchStore()
    {
    }

    public EmulatorHost Opn { get; private set; }
    public DevStoreHost Store { get; private set; }
    public long OpnCalls => Interlocked.Read(ref _counter.Count);

    /// <summary>Gets the time spent waiting for Opn's answers (Stopwatch ticks, summed over all calls)</summary>
    public long OpnTicks => Interlocked.Read(ref _counter.Ticks);
    /// <summary>Gets how long the last request took in the host, from the front of its pipeline to the response (Stopwatch ticks)</summary>
    public long LastHostTicks => Interlocked.Read(ref _spans.Host);

    /// <summary>Gets how long the last request took in the plugin's controller: action and answer (Stopwatch ticks)</summary>
    public long LastPluginTicks => Interlocked.Read(ref _spans.Plugin);

    /// <summary>Gets the bytes the process allocated during the last request's plugin span</summary>
    public long LastPluginAllocatedBytes => Interlocked.Read(ref _spans.PluginBytes);

    /// <summary>Gets the bytes the process allocated while Opn calls were under way (summed over all calls)</summary>
    public long OpnAllocatedBytes => Interlocked.Read(ref _counter.Bytes);

    /// <summary>
    /// Gets or sets whether Opn calls and plugin spans also count the bytes the process allocated; off while timing,
    /// as the precise allocation counter costs time inside the spans
    /// </summary>
    public bool CountBytes
    {
        get => _counter.CountBytes;
        set => _counter.CountBytes = value;
    }

    /// <summary>Gets the record of calls into nopCommerce's services (with span timing only)</summary>
    public HostServiceTiming HostServices { get; } = new();

    /// <summary>Gets when the last request's plugin span started and ended (Stopwatch timestamps)</summary>
    public (long Start, long End) LastPluginSpan => (Interlocked.Read(ref _spans.PluginStart), Interlocked.Read(ref _spans.PluginEnd));

    public Uri WebhookUrl => new(Store.BaseAddress, KmaDefaults.Webhook.RoutePath);

    /// <summary>Starts the emulator and the DevStore</summary>
    /// <param name="timeSpans">Whether to time each request in the host and in the plugin (see <see cref="CountBytes"/>)</param>
    /// <param name="timeNopServices">Whether to record the plugin's calls into nopCommerce's services too (see
    /// <see cref="HostServices"/>); the timing proxies slow those calls down</param>
    public static async Task<BenchStore> StartAsync(bool timeSpans = false, bool timeNopServices = false)
    {
        var bench = new BenchStore();
        bench.Opn = await EmulatorHost.StartAsync(new EmulatorOptions { ChargeLifetime = TimeSpan.FromHours(2) });
        bench.Store = await DevStoreHost.StartAsync(new DevStoreOptions
        {
            OpnPublicKey = bench.Opn.PublicKey,
            OpnSecretKey = bench.Opn.SecretKey,
            OpnWebhookSecret = bench.Opn.WebhookSecret,
            OpnApiBaseUrl = bench.Opn.BaseAddress.ToString(),
            UseEmulator = false,
            ConsoleLogLevel = Microsoft.Extensions.Logging.LogLevel.Error,
            ConfigureServices = services =>
            {
                //first in the list, so that its handler wraps the factory's logging handlers too: the Opn time is the
                //whole HttpClient.SendAsync the plugin awaits
                services.Insert(0, ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter>(new CountingHandlerFilter(bench._counter)));
                if (!timeSpans)
                    return;
                services.AddSingleton<IStartupFilter>(new HostSpanStartupFilter(bench._spans));
                services.Configure<MvcOptions>(options => options.Filters.Add(new PluginSpanFilter(bench._spans, bench._counter)));
                if (!timeNopServices)
                    return;
                //nopCommerce's services the plugin calls (the lock is left out: the plugin's own work runs inside it)
                bench.HostServices.Decorate(services, typeof(Nop.Services.Common.IGenericAttributeService), typeof(Nop.Services.Orders.IOrderService),
                    typeof(Nop.Services.Orders.IOrderProcessingService), typeof(Nop.Services.Orders.IOrderTotalCalculationService),
                    typeof(Nop.Services.Configuration.ISettingService), typeof(Nop.Services.Logging.ILogger), typeof(Nop.Services.Directory.ICurrencyService),
                    typeof(Nop.Core.IStoreContext), typeof(Nop.Services.Stores.IStoreService), typeof(Nop.Core.IWebHelper),
                    typeof(Nop.Services.Localization.ILocalizationService), typeof(Nop.Services.Localization.ILanguageService),
                    typeof(Nop.Services.Messages.INotificationService), typeof(Nop.Services.ScheduleTasks.IScheduleTaskService));
            }
        });
        var settings = await bench.Store.GetSettingsAsync<KmaPaymentSettings>();
        settings.UseDynamicWebhooks = false;
        await bench.Store.SaveSettingsAsync(settings);
        return bench;
    }

    /// <summary>Places a ฿1,500 KMA order in-process and runs PostProcessPayment as checkout does; returns the order and the redirect</summary>
    public async Task<(Order Order, string Location)> CheckoutAsync(Func<Func<Task>, Task> measure = null)
    {
        var placed = await Store.PlaceOrderAsync(productId: 2);
        var order = placed.PlacedOrder ?? throw new InvalidOperationException(string.Join("; ", placed.Errors));
        var location = await Store.InScopeAsync(async services =>
        {
            var accessor = services.GetRequiredService<IHttpContextAccessor>();
            var context = new DefaultHttpContext { RequestServices = services };
            context.Request.Headers.UserAgent = IphoneUserAgent;
            accessor.HttpContext = context;
            var processor = ActivatorUtilities.CreateInstance<KmaPaymentProcessor>(services);
            var request = new Nop.Services.Payments.PostProcessPaymentRequest { Order = Store.GetOrder(order.Id) };
            if (measure == null)
                await processor.PostProcessPaymentAsync(request);
            else
                await measure(() => processor.PostProcessPaymentAsync(request));
            accessor.HttpContext = null;
            return context.Response.Headers.Location.ToString();
        });
        return (Store.GetOrder(order.Id), location);
    }

    /// <summary>Runs the plugin's webhook controller in a request scope, without HTTP</summary>
    public Task<int> HandleInProcessAsync(byte[] body, string signature, string timestamp) => Store.InScopeAsync(async services =>
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.Headers[KmaDefaults.Webhook.SignatureHeader] = signature;
        context.Request.Headers[KmaDefaults.Webhook.TimestampHeader] = timestamp;
        var controller = ActivatorUtilities.CreateInstance<PaymentKmaWebhookController>(services);
        controller.ControllerContext = new ControllerContext { HttpContext = context };
        var result = await controller.Webhook();
        return (result as ContentResult)?.StatusCode ?? 200;
    });

    public byte[] EventBody(string chargeId, string key = "charge.complete")
    {
        var json = $"{{\"object\":\"event\",\"id\":\"evnt_test_{Guid.NewGuid():N}\",\"livemode\":false,\"key\":\"{key}\",\"created_at\":\"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\",\"data\":{Opn.GetChargeJson(chargeId)}}}";
        return Encoding.UTF8.GetBytes(json);
    }

    public (string Signature, string Timestamp) Sign(byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var message = Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray();
        return (Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(Opn.WebhookSecret), message)), timestamp);
    }

    public HttpRequestMessage WebhookRequest(byte[] body)
    {
        var (signature, timestamp) = Sign(body);
        var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        request.Headers.Add(KmaDefaults.Webhook.SignatureHeader, signature);
        request.Headers.Add(KmaDefaults.Webhook.TimestampHeader, timestamp);
        return request;
    }

    public int PaidNotes(int orderId) => Store.GetOrderNotes(orderId).Count(note => note.Note.Contains("; the order is paid.", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Opn.DisposeAsync();
    }

    private sealed class ServerSpans
    {
        public long Host;
        public long Plugin;
        public long PluginBytes;
        public long PluginStart;
        public long PluginEnd;
    }

    /// <summary>Times each request from the front of the host's pipeline until its response is complete</summary>
    private sealed class HostSpanStartupFilter : IStartupFilter
    {
        private readonly ServerSpans _spans;

        public HostSpanStartupFilter(ServerSpans spans) => _spans = spans;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var started = Stopwatch.GetTimestamp();
                await nextMiddleware(context);
                Interlocked.Exchange(ref _spans.Host, Stopwatch.GetTimestamp() - started);
            });
            next(app);
        };
    }

    /// <summary>Times the plugin's controllers: everything after routing and controller creation, the answer included</summary>
    private sealed class PluginSpanFilter : IAsyncResourceFilter
    {
        private readonly ServerSpans _spans;
        private readonly CallCounter _counter;

        public PluginSpanFilter(ServerSpans spans, CallCounter counter)
        {
            _spans = spans;
            _counter = counter;
        }

        public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
        {
            var countBytes = _counter.CountBytes;
            var allocated = countBytes ? GC.GetTotalAllocatedBytes(true) : 0;
            var started = Stopwatch.GetTimestamp();
            await next();
            var ended = Stopwatch.GetTimestamp();
            Interlocked.Exchange(ref _spans.Plugin, ended - started);
            Interlocked.Exchange(ref _spans.PluginStart, started);
            Interlocked.Exchange(ref _spans.PluginEnd, ended);
            if (countBytes)
                Interlocked.Exchange(ref _spans.PluginBytes, GC.GetTotalAllocatedBytes(true) - allocated);
        }
    }

    private sealed class CallCounter
    {
        public long Count;
        public long Ticks;
        public long Bytes;
        public volatile bool CountBytes;
    }

    /// <summary>Puts the counting handler outside every other handler of the plugin's Opn client</summary>
    private sealed class CountingHandlerFilter : IHttpMessageHandlerBuilderFilter
    {
        private readonly CallCounter _counter;

        public CountingHandlerFilter(CallCounter counter) => _counter = counter;

        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            if (builder.Name == OpnClient.HttpClientName)
                builder.AdditionalHandlers.Insert(0, new CountingHandler(_counter));
        };
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private readonly CallCounter _counter;

        public CountingHandler(CallCounter counter) => _counter = counter;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _counter.Count);
            var countBytes = _counter.CountBytes;
            var allocated = countBytes ? GC.GetTotalAllocatedBytes(true) : 0;
            var started = Stopwatch.GetTimestamp();
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                //the body is read after this returns: buffer it here so its transfer counts as Opn time
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            finally
            {
                Interlocked.Add(ref _counter.Ticks, Stopwatch.GetTimestamp() - started);
                if (countBytes)
                    Interlocked.Add(ref _counter.Bytes, GC.GetTotalAllocatedBytes(true) - allocated);
            }
        }
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Machine()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ').Take(3) : ["n/a"];
        return $"{Environment.ProcessorCount} cores, load average {string.Join(" ", load)}, .NET {Environment.Version}";
    }

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
