using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nop.Plugin.Payments.Kma.Tests.Emulator;

/// <summary>
/// A small webhook receiver on 127.0.0.1 that records each POST (headers and raw body) and answers
/// with the status its responder chooses
/// </summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _count;

    private WebhookListener(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Gets or sets how to answer a delivery (default 200); may be slow to simulate a timeout</summary>
    public Func<ReceivedWebhook, Task<int>> Responder { get; set; } = _ => Task.FromResult(200);

    public string Url { get; private set; }

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToList();

    public static async Task<WebhookListener> StartAsync(string path = "/webhook")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var listener = new WebhookListener(app);

        app.MapPost(path, async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var received = new ReceivedWebhook(
                Interlocked.Increment(ref listener._count),
                context.Request.Headers["Omise-Signature"].ToString(),
                context.Request.Headers["Omise-Signature-Timestamp"].ToString(),
                context.Request.ContentType,
                buffer.ToArray());
            var status = await listener.Responder(received);
            received.AnsweredStatus = status;
            listener._received.Enqueue(received);
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(status == 200 ? "ok" : "no");
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
        listener.Url = address.TrimEnd('/') + path;
        return listener;
    }

    /// <summary>Waits until <paramref name="count"/> recorded requests match</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<ReceivedWebhook, bool> predicate, int count = 1, int timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var matches = _received.Where(predicate).ToList();
            if (matches.Count >= count)
                return matches;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"the listener received {matches.Count} of {count} expected webhooks (all: {string.Join(", ", _received.Select(r => r.EventKey))})");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// One request the listener received, in arrival order (<see cref="Sequence"/>)
/// </summary>
public sealed class ReceivedWebhook
{
    public ReceivedWebhook(int sequence, string signature, string timestamp, string contentType, byte[] body)
    {
        Sequence = sequence;
        Signature = signature;
        Timestamp = timestamp;
        ContentType = contentType;
        Body = body;
        using var document = System.Text.Json.JsonDocument.Parse(body);
        EventId = document.RootElement.GetProperty("id").GetString();
        EventKey = document.RootElement.GetProperty("key").GetString();
        ChargeId = document.RootElement.GetProperty("data").GetProperty("id").GetString();
    }

    public int Sequence { get; }
    public string Signature { get; }
    public string Timestamp { get; }
    public string ContentType { get; }
    public byte[] Body { get; }
    public string EventId { get; }
    public string EventKey { get; }
    public string ChargeId { get; }
    public int AnsweredStatus { get; set; }
}
