using System.Globalization;
using System.Xml.Linq;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Plugin.Payments.Kma.Services.QrCode;

namespace Nop.Plugin.Payments.Kma.Tests.QrCode;

/// <summary>
/// The SVG the Pay page embeds
/// </summary>
[TestFixture]
public class QrCodeSvgTests
{
    private const string AuthorizeUri = "https://pay.omise.co/offsites/ofsp_test_5xuy4w91xqz7d1w9u0t/pay";
    private static readonly XNamespace _svg = "http://www.w3.org/2000/svg";

    [Test]
    public void TheSvgIsWellFormedAndScalesWithCss()
    {
        var symbol = QrCodeEncoder.Encode(AuthorizeUri);
        var root = XElement.Parse(KmaQrCode.ToSvg(AuthorizeUri));
        var extent = symbol.Size + 8;

        Assert.Multiple(() =>
        {
            Assert.That(root.Name, Is.EqualTo(_svg + "svg"));
            Assert.That(root.Attribute("viewBox")?.Value, Is.EqualTo($"0 0 {extent} {extent}"));
            Assert.That(root.Attribute("shape-rendering")?.Value, Is.EqualTo("crispEdges"));
            Assert.That(root.Attribute("width"), Is.Null);
            Assert.That(root.Attribute("height"), Is.Null);
            Assert.That(root.Descendants(_svg + "path").Count(), Is.EqualTo(1));
            Assert.That(root.Descendants().Select(element => element.Name.LocalName), Has.None.EqualTo("script"));
        });
    }

    [Test]
    public void ThePathDrawsExactlyTheDarkModulesInsideTheQuietZone()
    {
        var symbol = QrCodeEncoder.Encode(AuthorizeUri);
        var path = XElement.Parse(KmaQrCode.ToSvg(AuthorizeUri)).Descendants(_svg + "path").Single().Attribute("d")!.Value;

        // Paint the path's rectangles ("Mx,yhNv1h-Nz") back onto a grid and compare with the matrix.
        var extent = symbol.Size + 8;
        var painted = new bool[extent, extent];
        foreach (var part in path.Split('M', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = part.TrimEnd('z').Split(['h', 'v', ','], StringSplitOptions.RemoveEmptyEntries);
            var x = int.Parse(fields[0], CultureInfo.InvariantCulture);
            var y = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var width = int.Parse(fields[2], CultureInfo.InvariantCulture);
            Assert.That(fields[3], Is.EqualTo("1"));
            Assert.That(fields[4], Is.EqualTo("-" + fields[2]));
            for (var i = 0; i < width; i++)
            {
                Assert.That(painted[y, x + i], Is.False, "no module is drawn twice");
                painted[y, x + i] = true;
            }
        }

        for (var row = 0; row < extent; row++)
        {
            for (var column = 0; column < extent; column++)
            {
                var inside = row >= 4 && column >= 4 && row < extent - 4 && column < extent - 4;
                var expected = inside && symbol.Modules[row - 4, column - 4];
                Assert.That(painted[row, column], Is.EqualTo(expected), $"module ({row}, {column})");
            }
        }
    }

    [Test]
    public void TheSvgOfATypicalAuthorizeUriIsSmall()
    {
        // An inline SVG rendered on every Pay page: keep it a few kilobytes.
        Assert.That(KmaQrCode.ToSvg(AuthorizeUri).Length, Is.LessThan(12_000));
    }

    [Test]
    public void TextTooLongForAQrCodeIsAClearArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(() => KmaQrCode.ToSvg(new string('x', 5000)));

        Assert.That(exception!.ParamName, Is.EqualTo("text"));
        Assert.That(exception.Message, Does.Contain("5000 bytes"));
    }
}
