using Nop.Plugin.Payments.Kma.Services.QrCode;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// Renders QR codes as SVG on the server (no image request leaves the store). The plugin encodes them itself rather than
/// shipping a QR library: nopCommerce refuses a plugin whose DLL collides with another plugin's copy of the same library.
/// </summary>
public static class KmaQrCode
{
    /// <summary>
    /// Renders text as an SVG QR code (byte mode, error correction level M, the smallest version that fits)
    /// </summary>
    /// <param name="text">The text, e.g. a charge's authorize_uri</param>
    /// <returns>An SVG element</returns>
    /// <exception cref="ArgumentException">The text is empty or too long for a QR code</exception>
    public static string ToSvg(string text)
    {
        var symbol = QrCodeEncoder.Encode(text);

        return QrCodeSvgWriter.Write(symbol.Modules);
    }
}
