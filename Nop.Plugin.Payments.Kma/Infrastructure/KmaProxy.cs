using System.Net;
using Nop.Core.Domain.Security;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Infrastructure;

/// <summary>
/// Applies nopCommerce's proxy settings (Configuration › Settings › General settings › Proxy) to the Opn client,
/// as WithProxy() does for the official plugins, while keeping the client's own primary handler
/// </summary>
public static class KmaProxy
{
    #region Utilities

    /// <summary>
    /// Builds the proxy the way nopCommerce does: address and port joined, credentials when both a user name and a
    /// password are set, the default credentials otherwise
    /// </summary>
    private static IWebProxy CreateProxy(ProxySettings proxySettings)
    {
        var proxy = new WebProxy($"{proxySettings.Address}:{proxySettings.Port}", proxySettings.BypassOnLocal);
        if (!string.IsNullOrEmpty(proxySettings.Username) && !string.IsNullOrEmpty(proxySettings.Password))
        {
            proxy.UseDefaultCredentials = false;
            proxy.Credentials = new NetworkCredential(proxySettings.Username, proxySettings.Password);
        }
        else
            proxy.UseDefaultCredentials = true;

        return proxy;
    }

    #endregion

    #region Methods

    /// <summary>
    /// Creates the primary handler of the Opn HttpClient, sending through the configured proxy when it is enabled
    /// </summary>
    /// <param name="proxySettings">nopCommerce's proxy settings; null when the host has none</param>
    /// <param name="options">Timeouts; null for the defaults</param>
    /// <returns>The handler. When the proxy is enabled but its address cannot be used, a handler that fails every
    /// request with a network error that says so: Opn is then unreachable, which every caller already handles</returns>
    public static HttpMessageHandler CreatePrimaryHandler(ProxySettings proxySettings, OpnClientOptions options = null)
    {
        if (proxySettings?.Enabled != true)
            return OpnClient.CreatePrimaryHandler(options);

        IWebProxy proxy;
        try
        {
            proxy = CreateProxy(proxySettings);
        }
        catch (Exception exception) when (exception is UriFormatException or ArgumentException)
        {
            return new UnusableProxyHandler();
        }

        return OpnClient.CreatePrimaryHandler(options, proxy, proxySettings.PreAuthenticate);
    }

    /// <summary>
    /// Creates the primary handler of the Opn HttpClient from nopCommerce's proxy settings read through the given
    /// function. Never throws: IHttpClientFactory keeps a failed handler build for the life of the process
    /// (dotnet/runtime#80605), so one settings read that times out (a Redis hiccup) would stop every Opn call on the
    /// node until a restart. When the read fails, the settings are read again at the next request instead
    /// </summary>
    /// <param name="readProxySettings">Reads nopCommerce's proxy settings; may throw</param>
    /// <param name="options">Timeouts; null for the defaults</param>
    /// <returns>The handler</returns>
    public static HttpMessageHandler CreatePrimaryHandler(Func<ProxySettings> readProxySettings, OpnClientOptions options = null)
    {
        ArgumentNullException.ThrowIfNull(readProxySettings);

        try
        {
            return CreatePrimaryHandler(readProxySettings(), options);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new DeferredProxyHandler(readProxySettings, options);
        }
    }

    #endregion

    #region Nested classes

    /// <summary>
    /// Builds the real handler at the first request whose settings read succeeds; until then each request fails as a
    /// network error (Opn unreachable, which every caller handles) without calling Opn
    /// </summary>
    private sealed class DeferredProxyHandler : HttpMessageHandler
    {
        private readonly Func<ProxySettings> _readProxySettings;
        private readonly OpnClientOptions _options;
        private readonly Lock _lock = new();
        private HttpMessageInvoker _inner;

        public DeferredProxyHandler(Func<ProxySettings> readProxySettings, OpnClientOptions options)
        {
            _readProxySettings = readProxySettings;
            _options = options;
        }

        private HttpMessageInvoker GetInner()
        {
            lock (_lock)
            {
                if (_inner != null)
                    return _inner;

                ProxySettings proxySettings;
                try
                {
                    proxySettings = _readProxySettings();
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    throw new HttpRequestException(HttpRequestError.Unknown,
                        "nopCommerce's proxy settings could not be read; Opn was not called.", exception);
                }

                _inner = new HttpMessageInvoker(CreatePrimaryHandler(proxySettings, _options), disposeHandler: true);
                return _inner;
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            return GetInner().SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _inner?.Dispose();

            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// Fails every request: the proxy is enabled but its address is not usable. The message names the setting, never
    /// its value (an address may carry credentials)
    /// </summary>
    private sealed class UnusableProxyHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            throw new HttpRequestException(HttpRequestError.ProxyTunnelError,
                "The proxy is enabled in nopCommerce's general settings but its address and port do not form a valid address; Opn cannot be reached.");
        }
    }

    #endregion
}
