using System.Net;
using System.Text;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

/// <summary>
/// A request as the fake handler saw it
/// </summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string ContentType, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Decodes a form body into its fields, in order</summary>
    public IList<KeyValuePair<string, string>> FormFields()
    {
        return (Body ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : string.Empty))
            .ToList();

        static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }
}

/// <summary>
/// Answers the Opn client's requests from a script and records them
/// </summary>
public sealed class FakeOpnHandler : HttpMessageHandler
{
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private Func<CancellationToken, Task<HttpResponseMessage>> _fallback;

    public List<RecordedRequest> Requests { get; } = new();

    public FakeOpnHandler Respond(HttpStatusCode status, string body, string contentType = "application/json", Action<HttpResponseMessage> configure = null)
    {
        _script.Enqueue(_ => Task.FromResult(Build(status, body, contentType, configure)));
        return this;
    }

    public FakeOpnHandler Throw(Exception exception)
    {
        _script.Enqueue(_ => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>Never answers: the client's timeout (or the caller) has to cancel</summary>
    public FakeOpnHandler Hang()
    {
        _script.Enqueue(async cancellationToken =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    public FakeOpnHandler Always(HttpStatusCode status, string body, string contentType = "application/json", Action<HttpResponseMessage> configure = null)
    {
        _fallback = _ => Task.FromResult(Build(status, body, contentType, configure));
        return this;
    }

    public FakeOpnHandler AlwaysThrow(Func<Exception> exception)
    {
        _fallback = _ => Task.FromException<HttpResponseMessage>(exception());
        return this;
    }

    public FakeOpnHandler AlwaysHang()
    {
        _fallback = async cancellationToken =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        //the values as they go on the wire, not re-parsed
        var headers = request.Headers.NonValidated.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri, headers, request.Content?.Headers.ContentType?.ToString(), body));

        var next = _script.Count > 0 ? _script.Dequeue() : _fallback
            ?? throw new InvalidOperationException($"No scripted answer for {request.Method} {request.RequestUri}");

        return await next(cancellationToken);
    }

    private static HttpResponseMessage Build(HttpStatusCode status, string body, string contentType, Action<HttpResponseMessage> configure)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body ?? string.Empty, Encoding.UTF8, contentType) };
        configure?.Invoke(response);
        return response;
    }
}

/// <summary>
/// Hands out clients over one fake handler and remembers the names asked for
/// </summary>
internal sealed class FakeHttpClientFactory : IHttpClientFactory
{
    private readonly HttpMessageHandler _handler;

    public FakeHttpClientFactory(HttpMessageHandler handler)
    {
        _handler = handler;
    }

    public List<string> Names { get; } = new();

    public HttpClient CreateClient(string name)
    {
        Names.Add(name);
        return new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }
}

/// <summary>
/// A clock that stands still unless moved
/// </summary>
internal sealed class FixedTimeProvider : TimeProvider
{
    public FixedTimeProvider(DateTimeOffset now)
    {
        Now = now;
    }

    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// An Opn client over a fake handler whose waits are recorded instead of slept
/// </summary>
internal sealed class OpnClientFixture
{
    public const string SecretKey = "skey_test_5kmaSECRETdoNotLeak9x";
    public const string PublicKey = "pkey_test_5kmapublic0000000000";
    public const string BaseUrl = "http://127.0.0.1:5099";

    public OpnClientFixture(Action<OpnClientOptions> configure = null)
    {
        Handler = new FakeOpnHandler();
        Factory = new FakeHttpClientFactory(Handler);
        Options = new OpnClientOptions
        {
            DelayAsync = (delay, _) =>
            {
                Delays.Add(delay);
                return Task.CompletedTask;
            },
            NextJitter = () => 0.5
        };
        configure?.Invoke(Options);
        Client = new OpnClient(Factory, Options);
    }

    public FakeOpnHandler Handler { get; }

    public FakeHttpClientFactory Factory { get; }

    public OpnClientOptions Options { get; }

    public OpnClient Client { get; }

    public List<TimeSpan> Delays { get; } = new();

    public OpnCredentials Credentials { get; } = new(PublicKey, SecretKey, BaseUrl);

    public static CreateKmaChargeRequest KmaRequest(long amount = 150000)
    {
        var request = new CreateKmaChargeRequest
        {
            Amount = amount,
            PlatformType = OpnPlatformTypes.Ios,
            ReturnUri = "https://shop.example/Plugins/PaymentKma/Return?orderGuid=9d3e&token=abc",
            Description = "Order #1042"
        };
        request.Metadata["order_guid"] = "2f1b1f0e-9a43-4c59-8d55-6d2b0c1a7e11";
        request.Metadata["order_id"] = "1042";
        request.Metadata["attempt"] = "1";
        return request;
    }
}
