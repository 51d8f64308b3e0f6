using QRCoder;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// Renders QR codes as SVG on the server (no image request leaves the store)
/// </summary>
public static class KmaQrCode
{
    /// <summary>
    /// Renders text as an SVG QR code
    /// </summary>
    /// <param name="text">The text, e.g. a charge's authorize_uri</param>
    /// <returns>An SVG document</returns>
    public static string ToSvg(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);

        return new SvgQRCode(data).GetGraphic(6);
    }
}
