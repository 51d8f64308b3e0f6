using System.Net;
using System.Net.Sockets;

namespace OpnEmulator;

/// <summary>
/// The emulator never talks to anything but this machine: webhook URLs must name a loopback host,
/// and every outgoing connection is checked again after name resolution
/// </summary>
internal static class LoopbackGuard
{
    public static bool IsLoopbackUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return false;
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>A connect callback for SocketsHttpHandler that only opens sockets to loopback addresses</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var loopback = addresses.FirstOrDefault(IPAddress.IsLoopback)
            ?? throw new HttpRequestException($"refused: {context.DnsEndPoint.Host} is not a loopback address");

        var socket = new Socket(loopback.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(loopback, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
