using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OpnEmulator;

/// <summary>
/// A running emulator: the Opn-shaped API, the authorize page, webhook delivery and the control surface,
/// in process (tests) or standalone (Program)
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    #region Fields

    private readonly WebApplication _app;
    private readonly EmulatorOptions _options;
    private readonly EmulatorState _state;
    private readonly WebhookDispatcher _dispatcher;
    private readonly WebhookSettings _webhooks;
    private readonly FaultRegistry _faults;
    private readonly EmulatorClock _clock;
    private readonly CancellationTokenSource _stopping = new();
    private Task _expirySweep = Task.CompletedTask;

    #endregion

    #region Ctor

    private EmulatorHost(EmulatorOptions options)
    {
        _options = options;
        _clock = new EmulatorClock(options.TimeProvider);
        _faults = new FaultRegistry();
        _webhooks = new WebhookSettings(options.WebhookUrls, options.WebhookSecret, options.ChargeEndpointsReplaceStaticUrls);
        _dispatcher = new WebhookDispatcher(_webhooks, _faults, _clock, options.WebhookRetryDelays, options.WebhookTimeout);
        _state = new EmulatorState(_clock, _webhooks, options.ChargeLifetime, _dispatcher.Publish) { ChargeLifetime = options.ChargeLifetime };
        _dispatcher.Delivered = _state.AddDeliveryToEvent;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory
        });
        if (!options.EnableConsoleLogging)
            builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Urls);
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();

        _app = builder.Build();
        FaultMiddleware.Use(_app, _faults);
        ControlEndpoints.Map(_app, this);
        AuthorizePage.Map(_app, _state);
        IndexPage.Map(_app, this, _state);
        ApiEndpoints.Map(_app, _state, new EmulatorKeys(options.PublicKey, options.SecretKey), options.PublicBaseUrl?.TrimEnd('/'));
    }

    #endregion

    #region Methods

    /// <summary>
    /// Starts an emulator on the options' loopback URLs (a free port by default)
    /// </summary>
    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        CheckLoopbackUrls(options.Urls);
        if (string.IsNullOrWhiteSpace(options.PublicKey) || string.IsNullOrWhiteSpace(options.SecretKey))
            throw new ArgumentException("the emulator needs a public key and a secret key");

        var host = new EmulatorHost(options);
        try
        {
            await host._app.StartAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        var addresses = host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("the emulator is not listening on any address");
        host.BaseAddress = new Uri(first.TrimEnd('/') + "/");
        host._expirySweep = host.SweepExpiredChargesAsync();
        return host;
    }

    /// <summary>Marks a pending charge successful (as the authorize page's Successful button does); false when it is not pending</summary>
    public bool CompleteCharge(string chargeId) => Control(() => _state.Complete(chargeId));

    /// <summary>Marks a pending charge failed with a failure code (payment_expired, payment_rejected, failed_processing, invalid_account, insufficient_fund); false when it is not pending</summary>
    public bool FailCharge(string chargeId, string failureCode = "payment_rejected") => Control(() => _state.Fail(chargeId, failureCode));

    /// <summary>Expires a pending charge now; false when it is not pending</summary>
    public bool ExpireCharge(string chargeId) => Control(() => _state.ExpireNow(chargeId));

    /// <summary>Gets a charge's status (pending, successful, failed, expired)</summary>
    public string GetChargeStatus(string chargeId) => Control(() => _state.GetChargeStatus(chargeId));

    /// <summary>Gets a charge as the API returns it (JSON)</summary>
    public string GetChargeJson(string chargeId) => Control(() => System.Text.Encoding.UTF8.GetString(_state.GetCharge(chargeId)));

    /// <summary>Moves the emulator's clock and expires the charges whose time has come</summary>
    public void AdvanceClock(TimeSpan by)
    {
        _clock.Advance(by);
        _state.ExpireDueCharges();
    }

    /// <summary>Expires every pending charge whose expires_at has passed; returns how many</summary>
    public int ExpireDueCharges() => _state.ExpireDueCharges();

    /// <summary>Replaces the static webhook URLs (when not null; loopback only) and the Base64 secret (when not null)</summary>
    public void ConfigureWebhooks(IEnumerable<string> urls, string secret = null) => _webhooks.Configure(urls, secret);

    /// <summary>Adds a fault rule and returns it with its id</summary>
    public FaultRule AddFault(FaultRule rule) => _faults.Add(rule ?? throw new ArgumentNullException(nameof(rule)));

    /// <summary>Removes one fault rule</summary>
    public bool RemoveFault(string id) => _faults.Remove(id);

    /// <summary>Removes every fault rule</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>Waits until at least <paramref name="count"/> recorded deliveries match; returns the matches (throws TimeoutException)</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> WaitForDeliveriesAsync(Func<WebhookDelivery, bool> predicate, int count = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var matches = _dispatcher.Deliveries().Where(predicate).ToList();
            if (matches.Count >= count)
                return matches;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{matches.Count} of {count} expected webhook deliveries were recorded");
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Forgets all charges, sources, events, deliveries and faults; puts the clock, webhook settings and charge lifetime back to the options</summary>
    public void Reset()
    {
        _faults.Clear();
        _dispatcher.Reset();
        _state.Reset();
        _clock.ResetOffset();
        _state.ChargeLifetime = _options.ChargeLifetime;
        _webhooks.Configure(_options.WebhookUrls, _options.WebhookSecret);
        _webhooks.ChargeEndpointsReplaceStaticUrls = _options.ChargeEndpointsReplaceStaticUrls;
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        try
        {
            await _expirySweep;
        }
        catch (OperationCanceledException)
        {
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _dispatcher.DisposeAsync();
        _stopping.Dispose();
    }

    #endregion

    #region Properties

    /// <summary>Gets the emulator's base address (with a trailing slash); set this as the plugin's ApiBaseUrl</summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>Gets the options the emulator started with</summary>
    public EmulatorOptions Options => _options;

    /// <summary>Gets the accepted public key</summary>
    public string PublicKey => _options.PublicKey;

    /// <summary>Gets the accepted secret key</summary>
    public string SecretKey => _options.SecretKey;

    /// <summary>Gets the current Base64 webhook secret</summary>
    public string WebhookSecret => _webhooks.Secret;

    /// <summary>Gets the current static webhook URLs</summary>
    public IReadOnlyList<string> WebhookUrls => _webhooks.Urls;

    /// <summary>Gets or sets whether a charge's webhook_endpoints replace the static URLs</summary>
    public bool ChargeEndpointsReplaceStaticUrls
    {
        get => _webhooks.ChargeEndpointsReplaceStaticUrls;
        set => _webhooks.ChargeEndpointsReplaceStaticUrls = value;
    }

    /// <summary>Gets or sets the lifetime of charges created from now on</summary>
    public TimeSpan ChargeLifetime
    {
        get => _state.ChargeLifetime;
        set => _state.ChargeLifetime = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Gets the emulator's clock (moved by <see cref="AdvanceClock"/>)</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Gets the emulator's current time</summary>
    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>Gets how far the clock has been moved</summary>
    public TimeSpan ClockOffset => _clock.Offset;

    /// <summary>Gets the ids of all charges, oldest first</summary>
    public IReadOnlyList<string> ChargeIds => _state.ChargeIds();

    /// <summary>Gets every recorded webhook attempt, in the order they finished</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries => _dispatcher.Deliveries();

    /// <summary>Gets whether webhook deliveries are queued, held, delayed or waiting for a retry</summary>
    public bool HasPendingDeliveries => _dispatcher.IsBusy;

    /// <summary>Gets the active fault rules</summary>
    public IReadOnlyList<FaultRule> Faults => _faults.Rules;

    #endregion

    #region Utilities

    private static T Control<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (OpnError error) when (error.Status == 404)
        {
            throw new KeyNotFoundException(error.Message);
        }
        catch (OpnError error)
        {
            throw new ArgumentException(error.Message);
        }
    }

    private async Task SweepExpiredChargesAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(_stopping.Token))
            _state.ExpireDueCharges();
    }

    private static void CheckLoopbackUrls(string urls)
    {
        foreach (var url in (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
                throw new ArgumentException($"{url} is not a URL");
            var host = uri.Host.Trim('[', ']');
            var isLoopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
            if (!isLoopback)
                throw new ArgumentException($"{url} is refused: the emulator only listens on loopback addresses (127.0.0.1, ::1, localhost)");
        }
    }

    #endregion
}
