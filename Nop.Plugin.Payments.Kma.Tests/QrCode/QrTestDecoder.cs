using ZXing;
using ZXing.Common;
using ZXing.QrCode;
using ZXing.QrCode.Internal;

namespace Nop.Plugin.Payments.Kma.Tests.QrCode;

/// <summary>
/// Reads the plugin's QR codes back with ZXing, an independent decoder
/// </summary>
internal static class QrTestDecoder
{
    private static readonly Dictionary<DecodeHintType, object> _hints = new()
    {
        // Byte mode carries no charset of its own; the plugin writes UTF-8 as phone scanners expect.
        [DecodeHintType.CHARACTER_SET] = "UTF-8"
    };

    // Phone scanners search every line of the picture for finder patterns; TRY_HARDER does the same.
    private static readonly Dictionary<DecodeHintType, object> _imageHints = new(_hints)
    {
        [DecodeHintType.TRY_HARDER] = true
    };

    /// <summary>
    /// Decodes the module matrix itself (no image, no detection): checks the codewords, format and error correction exactly
    /// </summary>
    public static DecoderResult DecodeModules(bool[,] modules)
    {
        var size = modules.GetLength(0);
        var rows = new bool[size][];
        for (var row = 0; row < size; row++)
        {
            rows[row] = new bool[size];
            for (var column = 0; column < size; column++)
                rows[row][column] = modules[row, column];
        }

        return new Decoder().decode(rows, _hints);
    }

    /// <summary>
    /// Draws the matrix as a greyscale picture (quiet zone of 4, several pixels a module) and scans it as a camera image would be
    /// </summary>
    public static Result DecodeImage(bool[,] modules, int pixelsPerModule = 3)
    {
        var size = modules.GetLength(0);
        var width = (size + 8) * pixelsPerModule;
        var pixels = new byte[width * width];
        Array.Fill(pixels, (byte)255);
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                if (!modules[row, column])
                    continue;

                for (var dy = 0; dy < pixelsPerModule; dy++)
                {
                    var y = (row + 4) * pixelsPerModule + dy;
                    Array.Fill(pixels, (byte)0, y * width + (column + 4) * pixelsPerModule, pixelsPerModule);
                }
            }
        }

        var source = new RGBLuminanceSource(pixels, width, width, RGBLuminanceSource.BitmapFormat.Gray8);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), _imageHints);
    }
}
