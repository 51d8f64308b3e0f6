using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Tests.TestSupport;

/// <summary>
/// Sits between the real OpnClient and the network: counts the calls per "METHOD /path" (ids replaced by {id})
/// and can rewrite an answer's JSON, to play an Opn that answers something the emulator never would
/// (another currency, livemode)
/// </summary>
public sealed partial class OpnCallRecorder : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public OpnCallRecorder(HttpMessageHandler inner) : base(inner)
    {
    }

    /// <summary>Gets or sets a rewrite of the answer body of successful calls: (request path, JSON) → JSON</summary>
    public Func<string, string, string> Rewrite { get; set; }

    public int Total => _calls.Values.Sum();

    public int Count(string method, string pathPattern) => _calls.GetValueOrDefault($"{method} {pathPattern}");

    public IReadOnlyDictionary<string, int> Calls => _calls;

    public void Reset() => _calls.Clear();

    [GeneratedRegex("/(chrg|src|evnt|trxn)_[A-Za-z0-9_]+")]
    private static partial Regex IdPattern();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "/";
        _calls.AddOrUpdate($"{request.Method} {IdPattern().Replace(path, "/{id}")}", 1, (_, count) => count + 1);

        var response = await base.SendAsync(request, cancellationToken);
        var rewrite = Rewrite;
        if (rewrite == null || !response.IsSuccessStatusCode)
            return response;

        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        var content = new StringContent(rewrite(path, json), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        response.Content = content;
        return response;
    }

    /// <summary>
    /// An IHttpClientFactory over one handler chain, with the HttpClient timeout off as the plugin registers it
    /// </summary>
    public sealed class Factory : IHttpClientFactory
    {
        private readonly HttpMessageHandler _handler;

        public Factory(HttpMessageHandler handler) => _handler = handler;

        public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public static OpnCallRecorder Create(OpnClientOptions options) => new(OpnClient.CreatePrimaryHandler(options));
}
