using System.Globalization;
using System.Text;

namespace Nop.Plugin.Payments.Kma.Services.QrCode;

/// <summary>
/// Writes a module matrix as a scalable SVG: one path in module units, a quiet zone, no fixed pixel size
/// </summary>
internal static class QrCodeSvgWriter
{
    #region Fields

    /// <summary>The light border scanners need around the symbol, in modules</summary>
    public const int QuietZone = 4;

    #endregion

    #region Methods

    /// <summary>
    /// Writes the SVG element
    /// </summary>
    /// <param name="modules">The module matrix [row, column], true for dark</param>
    /// <returns>An svg element; the page labels it (the element itself is hidden from assistive technology)</returns>
    public static string Write(bool[,] modules)
    {
        var size = modules.GetLength(0);
        var extent = (size + 2 * QuietZone).ToString(CultureInfo.InvariantCulture);
        var svg = new StringBuilder(size * size * 4);

        // No width/height: the page's CSS sizes it; crispEdges keeps module edges sharp at any scale.
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(extent).Append(' ').Append(extent)
            .Append("\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\">")
            .Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>")
            .Append("<path fill=\"#000\" d=\"");

        // A horizontal run of dark modules is one rectangle: the same picture as unit squares, in far fewer bytes.
        for (var row = 0; row < size; row++)
        {
            var column = 0;
            while (column < size)
            {
                if (!modules[row, column])
                {
                    column++;
                    continue;
                }

                var start = column;
                while (column < size && modules[row, column])
                    column++;

                svg.Append('M').Append(start + QuietZone).Append(',').Append(row + QuietZone)
                    .Append('h').Append(column - start).Append("v1h-").Append(column - start).Append('z');
            }
        }

        svg.Append("\"/></svg>");
        return svg.ToString();
    }

    #endregion
}
