using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nop.Core.Domain.Security;
using Nop.Plugin.Payments.Kma.Infrastructure;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

/// <summary>
/// nopCommerce's proxy settings apply to the Opn client, the way WithProxy() applies them to the official plugins
/// </summary>
[TestFixture]
public class OpnProxyTests
{
    private const string PROXY_USER = "shop-proxy-user";
    private const string PROXY_PASSWORD = "proxy-pass-Zq81";

    private static ProxySettings Enabled(string address = "http://proxy.example", string port = "3128") => new()
    {
        Enabled = true,
        Address = address,
        Port = port,
        Username = PROXY_USER,
        Password = PROXY_PASSWORD,
        BypassOnLocal = true,
        PreAuthenticate = true
    };

    [Test]
    public void WithoutEnabledSettingsTheSystemProxyIsKept()
    {
        foreach (var settings in new[] { null, new ProxySettings { Enabled = false, Address = "http://proxy.example", Port = "3128" } })
        {
            var handler = (SocketsHttpHandler)KmaProxy.CreatePrimaryHandler(settings);

            Assert.That(handler.Proxy, Is.Null, "null means the system proxy");
            Assert.That(handler.UseProxy, Is.True);
            Assert.That(handler.AllowAutoRedirect, Is.False);
        }
    }

    [Test]
    public void EnabledSettingsBuildTheProxyAsNopCommerceDoes()
    {
        var options = new OpnClientOptions { ConnectTimeout = TimeSpan.FromSeconds(3) };

        var handler = (SocketsHttpHandler)KmaProxy.CreatePrimaryHandler(Enabled(), options);

        var proxy = handler.Proxy as WebProxy;
        Assert.That(proxy, Is.Not.Null);
        Assert.That(proxy.Address, Is.EqualTo(new Uri("http://proxy.example:3128/")));
        Assert.That(proxy.BypassProxyOnLocal, Is.True);
        Assert.That(proxy.UseDefaultCredentials, Is.False);
        var credentials = proxy.Credentials as NetworkCredential;
        Assert.That(credentials?.UserName, Is.EqualTo(PROXY_USER));
        Assert.That(credentials?.Password, Is.EqualTo(PROXY_PASSWORD));
        Assert.That(handler.PreAuthenticate, Is.True);
        Assert.That(handler.ConnectTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)), "the client's own settings stay");
        Assert.That(handler.AllowAutoRedirect, Is.False);
    }

    [Test]
    public void AHostWithoutSchemeIsTakenAsHttp()
    {
        var handler = (SocketsHttpHandler)KmaProxy.CreatePrimaryHandler(Enabled("proxy.example", "8080"));

        Assert.That(((WebProxy)handler.Proxy).Address, Is.EqualTo(new Uri("http://proxy.example:8080/")));
    }

    [Test]
    public void WithoutAUserNameAndPasswordTheDefaultCredentialsAreUsed()
    {
        var settings = Enabled();
        settings.Password = null;

        var proxy = (WebProxy)((SocketsHttpHandler)KmaProxy.CreatePrimaryHandler(settings)).Proxy;

        Assert.That(proxy.UseDefaultCredentials, Is.True);
    }

    [Test]
    public void AnUnusableAddressFailsEveryCallAsANetworkErrorThatNamesTheSettingButNotItsValue()
    {
        var settings = Enabled("http://[user:" + PROXY_PASSWORD + "@bad-proxy-host-x", "99999");
        var factory = new HandlerFactory(KmaProxy.CreatePrimaryHandler(settings));
        var client = new OpnClient(factory, new OpnClientOptions { DelayAsync = (_, _) => Task.CompletedTask });

        var exception = Assert.ThrowsAsync<OpnTransportException>(() =>
            client.GetChargeAsync(new OpnCredentials("pkey_test_1", "skey_test_1", "http://api.opn.test/"), "chrg_test_1"));

        Assert.That(exception.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(exception.InnerException.Message, Does.Contain("proxy is enabled in nopCommerce's general settings"));
        foreach (var text in new[] { exception.ToString(), exception.InnerException.ToString() })
            Assert.That(text, Does.Not.Contain(PROXY_PASSWORD).And.Not.Contain("bad-proxy-host-x"));
    }

    [Test]
    public async Task RequestsGoThroughTheConfiguredProxyWithItsCredentials()
    {
        using var proxy = new StubProxy(OpnTestData.SeedChargeJson);
        var services = new ServiceCollection();
        services.AddLogging();
        new NopStartup().ConfigureServices(services, new ConfigurationBuilder().Build());
        var settings = Enabled("http://127.0.0.1", proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        settings.BypassOnLocal = false;
        settings.PreAuthenticate = false;
        //nopCommerce registers every ISettings as a scoped service
        services.AddScoped(_ => settings);
        await using var provider = services.BuildServiceProvider();

        var charge = await provider.GetRequiredService<IOpnClient>()
            .GetChargeAsync(new OpnCredentials("pkey_test_5kmaproxy", "skey_test_5kmaproxy", "http://api.opn.test/"), "chrg_test_5xkcm7za6qgtfifwi34");

        Assert.That(charge.Id, Is.EqualTo("chrg_test_5xkcm7za6qgtfifwi34"), "the answer came back through the proxy");
        var requests = proxy.Requests.ToArray();
        Assert.That(requests, Has.Length.EqualTo(2), "a challenge, then the request with the proxy credentials");
        Assert.That(requests.Select(request => request.Line), Is.All.EqualTo("GET http://api.opn.test/charges/chrg_test_5xkcm7za6qgtfifwi34 HTTP/1.1"));
        Assert.That(requests[0].ProxyAuthorization, Is.Null);
        Assert.That(requests[1].ProxyAuthorization,
            Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PROXY_USER}:{PROXY_PASSWORD}"))));
    }

    [Test]
    public async Task ASettingsReadThatFailsOnceDoesNotStopLaterOpnCalls()
    {
        //nopCommerce reads ProxySettings through its cache; with Redis a read can time out. IHttpClientFactory keeps a
        //handler build that threw for good, so the plugin must not throw there
        using var proxy = new StubProxy(OpnTestData.SeedChargeJson);
        var services = new ServiceCollection();
        services.AddLogging();
        new NopStartup().ConfigureServices(services, new ConfigurationBuilder().Build());
        var settings = Enabled("http://127.0.0.1", proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        settings.BypassOnLocal = false;
        settings.PreAuthenticate = false;
        var readable = false;
        services.AddScoped(_ => Volatile.Read(ref readable) ? settings : throw new TimeoutException("Timeout performing GET (5000ms)"));
        await using var provider = services.BuildServiceProvider();
        var credentials = new OpnCredentials("pkey_test_5kmaproxy", "skey_test_5kmaproxy", "http://api.opn.test/");
        var client = provider.GetRequiredService<IOpnClient>();

        var first = Assert.CatchAsync(() => client.GetChargeAsync(credentials, "chrg_test_5xkcm7za6qgtfifwi34"));
        Volatile.Write(ref readable, true);
        var charge = await client.GetChargeAsync(credentials, "chrg_test_5xkcm7za6qgtfifwi34");

        Assert.That(first, Is.InstanceOf<OpnTransportException>(), "while the settings can't be read, Opn is unreachable");
        Assert.That(charge.Id, Is.EqualTo("chrg_test_5xkcm7za6qgtfifwi34"), "the next call reads the settings again and goes through the proxy");
        Assert.That(proxy.Requests.Select(request => request.Line), Has.All.StartWith("GET http://api.opn.test/charges/"));
    }

    private sealed class HandlerFactory : IHttpClientFactory
    {
        private readonly HttpMessageHandler _handler;

        public HandlerFactory(HttpMessageHandler handler) => _handler = handler;

        public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// A forward proxy on loopback that asks for Basic credentials first and then answers every request itself
    /// </summary>
    private sealed class StubProxy : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly string _answer;
        private readonly CancellationTokenSource _stop = new();

        public StubProxy(string answer)
        {
            _answer = answer;
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public ConcurrentQueue<(string Line, string ProxyAuthorization)> Requests { get; } = new();

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient connection;
                try
                {
                    connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception)
                {
                    return;
                }

                _ = ServeAsync(connection);
            }
        }

        private async Task ServeAsync(TcpClient connection)
        {
            using (connection)
            {
                var stream = connection.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
                while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 } line)
                {
                    string authorization = null;
                    while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 } header)
                    {
                        if (header.StartsWith("Proxy-Authorization:", StringComparison.OrdinalIgnoreCase))
                            authorization = header["Proxy-Authorization:".Length..].Trim();
                    }

                    Requests.Enqueue((line, authorization));
                    var body = authorization == null ? string.Empty : _answer;
                    var head = authorization == null
                        ? "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"shop\"\r\n"
                        : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
                    var bytes = Encoding.UTF8.GetBytes(body);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{head}Content-Length: {bytes.Length}\r\n\r\n"));
                    await stream.WriteAsync(bytes);
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
