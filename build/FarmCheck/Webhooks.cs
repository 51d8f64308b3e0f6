using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpnEmulator;

namespace FarmCheck;

/// <summary>
/// Signed charge events, built from the emulator's charge as Opn would send them, and posted to a node
/// </summary>
internal sealed class Webhooks
{
    private readonly EmulatorHost _opn;
    private readonly string _path;

    public const string PluginPath = "/Plugins/PaymentKma/Webhook";

    public Webhooks(EmulatorHost opn, string path = null)
    {
        _opn = opn;
        _path = path ?? PluginPath;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(60)
        };
    }

    public HttpClient Http { get; }

    public byte[] EventBody(string chargeId, string key = "charge.complete")
    {
        var json = $"{{\"object\":\"event\",\"id\":\"evnt_test_{Guid.NewGuid():N}\",\"livemode\":false,\"key\":\"{key}\",\"created_at\":\"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\",\"data\":{_opn.GetChargeJson(chargeId)}}}";
        return Encoding.UTF8.GetBytes(json);
    }

    public HttpRequestMessage Request(string node, byte[] body, string path = null)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, node + (path ?? _path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        request.Headers.Add("Omise-Signature", WebhookSigner.Sign(body, timestamp, _opn.WebhookSecret));
        request.Headers.Add("Omise-Signature-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        return request;
    }

    /// <summary>Posts one delivery and answers the status and the start of the body (to show what the endpoint said)</summary>
    public async Task<string> ProbeAsync(string node, byte[] body, string path = null)
    {
        using var request = Request(node, body, path);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return $"{(int)response.StatusCode} {text[..Math.Min(120, text.Length)]}";
    }

    /// <summary>Posts one delivery; answers the status code (0 when there was no answer) and the elapsed milliseconds</summary>
    public async Task<(int Status, double Ms)> SendAsync(string node, byte[] body, string path = null, CancellationToken cancellationToken = default)
    {
        using var request = Request(node, body, path);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await Http.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return ((int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// Delivers like Opn: a delivery that gets no 2xx is sent again after a pause, here to the next node (what a
    /// load balancer does when a node is down); gives up after the attempts. Answers whether one attempt got 2xx
    /// </summary>
    public async Task<bool> DeliverAsync(IReadOnlyList<string> nodes, int firstNode, byte[] body, int attempts = 20, int pauseMs = 250)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var (status, _) = await SendAsync(nodes[(firstNode + attempt) % nodes.Count], body);
            if (status is >= 200 and < 300)
                return true;
            await Task.Delay(pauseMs);
        }
        return false;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
