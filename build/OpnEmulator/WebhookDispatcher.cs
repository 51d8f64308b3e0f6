using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace OpnEmulator;

/// <summary>
/// Delivers events by POST, signed, in the order they happened (unless a fault says otherwise), retrying
/// failed attempts on the configured schedule in the background. Records every attempt.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    #region Fields

    private readonly Channel<(EventRecord Event, IList<string> Recipients)> _queue = Channel.CreateUnbounded<(EventRecord, IList<string>)>();
    private readonly WebhookSettings _settings;
    private readonly FaultRegistry _faults;
    private readonly EmulatorClock _clock;
    private readonly IList<TimeSpan> _retryDelays;
    private readonly TimeSpan _timeout;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _lock = new();
    private readonly List<WebhookDelivery> _deliveries = new();
    private readonly Task _loop;
    private (EventRecord Event, IList<string> Recipients, List<FaultRule> Faults)? _held;
    private int _generation;
    private int _inFlight;
    private long _nextId;

    #endregion

    #region Ctor

    public WebhookDispatcher(WebhookSettings settings, FaultRegistry faults, EmulatorClock clock, IList<TimeSpan> retryDelays, TimeSpan timeout)
    {
        _settings = settings;
        _faults = faults;
        _clock = clock;
        _retryDelays = retryDelays?.ToList() ?? new List<TimeSpan>();
        _timeout = timeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = LoopbackGuard.ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            UseProxy = false,
            AllowAutoRedirect = false
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        _loop = Task.Run(RunAsync);
    }

    #endregion

    #region Properties

    /// <summary>Called after each attempt so the event's webhook_deliveries can list it</summary>
    public Action<string, WebhookDeliveryObject> Delivered { get; set; }

    /// <summary>Gets whether deliveries are queued, held, delayed or being retried</summary>
    public bool IsBusy => _queue.Reader.Count > 0 || Volatile.Read(ref _inFlight) > 0;

    #endregion

    #region Methods

    public void Publish(EventRecord ev, IList<string> recipients)
    {
        if (recipients.Count > 0)
            _queue.Writer.TryWrite((ev, recipients));
    }

    public IReadOnlyList<WebhookDelivery> Deliveries()
    {
        lock (_lock)
            return _deliveries.ToList();
    }

    /// <summary>Forgets deliveries and stops pending retries and held events</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _generation++;
            _deliveries.Clear();
            _held = null;
        }
        while (_queue.Reader.TryRead(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _http.Dispose();
        _stopping.Dispose();
    }

    #endregion

    #region Utilities

    private async Task RunAsync()
    {
        try
        {
            await foreach (var (ev, recipients) in _queue.Reader.ReadAllAsync(_stopping.Token))
            {
                Interlocked.Increment(ref _inFlight);
                try
                {
                    await ProcessAsync(ev, recipients);
                }
                catch (Exception) when (!_stopping.IsCancellationRequested)
                {
                    // A broken delivery must never stop the ones after it; attempts record their own errors.
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ProcessAsync(EventRecord ev, IList<string> recipients)
    {
        var faults = _faults.HitDelivery(ev.Event.Key);
        int generation;
        lock (_lock)
            generation = _generation;

        var outOfOrder = faults.FirstOrDefault(rule => rule.Kind == FaultKind.OutOfOrderDelivery);
        if (outOfOrder is not null)
        {
            var holdFor = outOfOrder.Delay > TimeSpan.Zero ? outOfOrder.Delay : TimeSpan.FromSeconds(2);
            lock (_lock)
            {
                if (_held is null)
                {
                    _held = (ev, recipients, faults);
                    RunInBackground(async () =>
                    {
                        await Task.Delay(holdFor, _stopping.Token);
                        await ReleaseHeldAsync();
                    });
                    return;
                }
            }
        }

        var delayed = faults.FirstOrDefault(rule => rule.Kind == FaultKind.DelayedDelivery);
        if (delayed is not null && delayed.Delay > TimeSpan.Zero)
        {
            RunInBackground(async () =>
            {
                await Task.Delay(delayed.Delay, _stopping.Token);
                await SendEventAsync(ev, recipients, faults, generation);
            });
        }
        else
        {
            await SendEventAsync(ev, recipients, faults, generation);
        }

        // An event held back for out-of-order delivery goes after the one that came later.
        await ReleaseHeldAsync();
    }

    private async Task ReleaseHeldAsync()
    {
        (EventRecord Event, IList<string> Recipients, List<FaultRule> Faults)? held;
        int generation;
        lock (_lock)
        {
            held = _held;
            _held = null;
            generation = _generation;
        }
        if (held is { } h)
            await SendEventAsync(h.Event, h.Recipients, h.Faults, generation);
    }

    /// <summary>Sends the first attempt to every recipient (and every copy) at once and waits for them; retries go on in the background</summary>
    private Task SendEventAsync(EventRecord ev, IList<string> recipients, List<FaultRule> faults, int generation)
    {
        var copies = faults.Where(rule => rule.Kind == FaultKind.DuplicateDelivery).Select(rule => rule.Copies).DefaultIfEmpty(1).Max();
        var tamper = faults.Any(rule => rule.Kind == FaultKind.TamperedSignature);

        var sends = new List<Task>();
        foreach (var url in recipients)
            for (var copy = 1; copy <= copies; copy++)
                sends.Add(SendWithRetriesAsync(ev, url, copy, tamper, generation));
        return Task.WhenAll(sends);
    }

    private async Task SendWithRetriesAsync(EventRecord ev, string url, int copy, bool tamperFirst, int generation)
    {
        // A refused (non-loopback) URL is recorded once and never retried.
        if (await AttemptAsync(ev, url, 1, copy, tamperFirst, generation) || _retryDelays.Count == 0 || !LoopbackGuard.IsLoopbackUrl(url))
            return;

        RunInBackground(async () =>
        {
            for (var retry = 0; retry < _retryDelays.Count; retry++)
            {
                await Task.Delay(_retryDelays[retry], _stopping.Token);
                if (!IsCurrent(generation) || await AttemptAsync(ev, url, retry + 2, copy, false, generation))
                    return;
            }
        });
    }

    /// <summary>One POST; true when the endpoint answered 2xx</summary>
    private async Task<bool> AttemptAsync(EventRecord ev, string url, int attempt, int copy, bool tamper, int generation)
    {
        if (!IsCurrent(generation))
            return true;

        var timestamp = _clock.BaseClock.GetUtcNow().ToUnixTimeSeconds();
        var secret = _settings.Secret;
        var signature = WebhookSigner.Sign(ev.Body, timestamp, secret);
        if (tamper)
            signature = WebhookSigner.Tamper(signature);

        int? status = null;
        string error = null;
        string responseBody = null;
        var sentAt = _clock.BaseClock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();

        if (!LoopbackGuard.IsLoopbackUrl(url))
        {
            error = "refused: the emulator only delivers to loopback addresses";
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(_timeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(ev.Body) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.TryAddWithoutValidation("Omise-Signature", signature);
                request.Headers.TryAddWithoutValidation("Omise-Signature-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.UserAgent.ParseAdd("OpnEmulator/1.0");
                using var response = await _http.SendAsync(request, timeout.Token);
                status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                responseBody = text.Length > 2000 ? text[..2000] : text;
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                error = $"timeout after {_timeout.TotalMilliseconds:0} ms";
            }
            catch (HttpRequestException exception)
            {
                error = exception.Message;
            }
        }

        var delivery = new WebhookDelivery
        {
            Id = $"whdl_test_{Interlocked.Increment(ref _nextId):D8}",
            EventId = ev.Event.Id,
            EventKey = ev.Event.Key,
            ChargeId = ev.ChargeId,
            Url = url,
            Attempt = attempt,
            Copy = copy,
            SentAt = sentAt,
            Signature = signature,
            Timestamp = timestamp,
            SignatureTampered = tamper,
            Body = Encoding.UTF8.GetString(ev.Body),
            StatusCode = status,
            ResponseBody = responseBody,
            Error = error,
            DurationMilliseconds = stopwatch.Elapsed.TotalMilliseconds
        };

        // The event's webhook_deliveries is updated before the record appears, so whoever waits on the record sees both.
        if (!IsCurrent(generation))
            return true;
        Delivered?.Invoke(ev.Event.Id, new WebhookDeliveryObject
        {
            Id = delivery.Id,
            Uri = url,
            Status = status,
            Key = ev.Event.Key,
            Error = error,
            Payload = delivery.Body,
            CreatedAt = sentAt
        });
        lock (_lock)
        {
            if (generation != _generation)
                return true;
            _deliveries.Add(delivery);
        }
        return delivery.Succeeded;
    }

    private bool IsCurrent(int generation)
    {
        lock (_lock)
            return generation == _generation;
    }

    private void RunInBackground(Func<Task> work)
    {
        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception)
            {
                // Cancelled at shutdown or reset; attempts record their own errors.
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
    }

    #endregion
}
