using System.Text;
using Nop.Plugin.Payments.Kma.Services.QrCode;
using ZXing.QrCode.Internal;

namespace Nop.Plugin.Payments.Kma.Tests.QrCode;

/// <summary>
/// What the encoder writes, ZXing reads back exactly: without a single corrected error and not as a mirror image
/// </summary>
[TestFixture]
public class QrCodeRoundTripTests
{
    // Byte-mode capacities at level M, versions 1..40 (ISO/IEC 18004, table 7): written out here, not computed.
    private static readonly int[] _capacities =
    [
        0, 14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
        711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331
    ];

    private static string RandomAscii(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = (char)random.Next(0x20, 0x7F);

        return new string(chars);
    }

    private static void AssertReadsBack(string text, QrCodeSymbol symbol)
    {
        var result = QrTestDecoder.DecodeModules(symbol.Modules);

        Assert.That(result.Text, Is.EqualTo(text), $"version {symbol.Version}, mask {symbol.Mask}");
        Assert.That(result.ErrorsCorrected, Is.Zero, "every codeword, error correction included, is exactly as ZXing computes it");
        Assert.That(result.ECLevel, Is.EqualTo("M"));
        var metadata = (QRCodeDecoderMetaData)result.Other;
        Assert.That(metadata.IsMirrored, Is.False, "read in the standard orientation, not as a mirror image");
        Assert.That(metadata.DataMask, Is.EqualTo(symbol.Mask), "the format information names the mask that was applied");
    }

    private static void AssertScans(string text, QrCodeSymbol symbol)
    {
        // ZXing's finder search misses the odd clean synthetic picture at one scale (a version 9 symbol at 3 px a module and
        // above, found at 2); the codewords are checked exactly by AssertReadsBack, so a few sizes are tried here.
        var result = new[] { 3, 4, 2, 5 }.Select(scale => QrTestDecoder.DecodeImage(symbol.Modules, scale)).FirstOrDefault(found => found != null);

        Assert.That(result, Is.Not.Null, $"version {symbol.Version} not found in the picture at any size");
        Assert.That(result.Text, Is.EqualTo(text));
    }

    [Test]
    public void EveryVersionHoldsExactlyItsCapacityAndTheSmallestVersionIsChosen()
    {
        var random = new Random(18004);
        for (var version = 1; version <= 40; version++)
        {
            var full = RandomAscii(random, _capacities[version]);
            var symbol = QrCodeEncoder.Encode(full);
            Assert.That(symbol.Version, Is.EqualTo(version), $"{full.Length} bytes");
            Assert.That(symbol.Size, Is.EqualTo(17 + 4 * version));
            AssertReadsBack(full, symbol);
            AssertScans(full, symbol);

            if (version == 40)
                continue;

            // One byte more needs the next version.
            var overflow = full + "x";
            var next = QrCodeEncoder.Encode(overflow);
            Assert.That(next.Version, Is.EqualTo(version + 1), $"{overflow.Length} bytes");
            AssertReadsBack(overflow, next);
            AssertScans(overflow, next);
        }
    }

    [Test]
    public void EveryLengthUpToVersion10AndASpreadBeyondReadsBack()
    {
        var random = new Random(7);
        var lengths = Enumerable.Range(1, _capacities[10]).Concat(Enumerable.Range(0, 60).Select(i => _capacities[10] + 1 + i * 37)).Append(_capacities[40]);
        foreach (var length in lengths.Where(length => length <= _capacities[40]))
        {
            var text = RandomAscii(random, length);
            AssertReadsBack(text, QrCodeEncoder.Encode(text));
        }
    }

    [TestCase("https://pay.omise.co/offsites/ofsp_test_5xuy4w91xqz7d1w9u0t/pay")]
    [TestCase("https://api.omise.co/payments/paym_test_5xuy4w91xqz7d1w9u0t/authorize?acs=false&platform_type=&source_type=mobile_banking_bay")]
    [TestCase("http://127.0.0.1:5080/_emulator/authorize/chrg_test_5xuy4w91xqz7d1w9u0t?return_uri=http%3A%2F%2Flocalhost%2FPlugins%2FPaymentKma%2FReturn%3ForderId%3D42%26token%3Dabc")]
    [TestCase("krungsri-kma://payment?ref=chrg_test_5xuy4w91xqz7d1w9u0t")]
    public void AuthorizeUrisScan(string uri)
    {
        var symbol = QrCodeEncoder.Encode(uri);

        AssertReadsBack(uri, symbol);
        AssertScans(uri, symbol);
    }

    [TestCase("ชำระเงินด้วยแอป KMA")]
    [TestCase("กรุงศรี")]
    [TestCase("คำสั่งซื้อ #1024 ยอดชำระ ฿1,250.00 — สแกนคิวอาร์โค้ดด้วยแอปกรุงศรีบนโทรศัพท์ของคุณเพื่อชำระเงิน")]
    [TestCase("https://example.co.th/ร้านค้า/คำสั่งซื้อ?id=๑๒๓")]
    public void ThaiTextIsStoredAsUtf8AndScans(string text)
    {
        var symbol = QrCodeEncoder.Encode(text);

        Assert.That(symbol.Version, Is.EqualTo(Array.FindIndex(_capacities, capacity => capacity >= Encoding.UTF8.GetByteCount(text))),
            "the version is chosen by UTF-8 bytes, not characters");
        AssertReadsBack(text, symbol);
        AssertScans(text, symbol);
    }

    [Test]
    public void RandomUnicodeStringsReadBack()
    {
        var random = new Random(4090);
        for (var i = 0; i < 200; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(1, 120);
            for (var j = 0; j < length; j++)
            {
                // ASCII, Thai and a few two-byte Latin letters.
                builder.Append(random.Next(3) switch
                {
                    0 => (char)random.Next(0x20, 0x7F),
                    1 => (char)random.Next(0x0E01, 0x0E3A),
                    _ => (char)random.Next(0x00C0, 0x0180)
                });
            }

            var text = builder.ToString();
            var symbol = QrCodeEncoder.Encode(text);
            AssertReadsBack(text, symbol);
            if (i % 10 == 0)
                AssertScans(text, symbol);
        }
    }

    [Test]
    public void EveryMaskIsUsedSomewhereAndEachReadsBack()
    {
        // The mask depends on the data; across many inputs all eight must appear, and each must decode.
        var random = new Random(8);
        var seen = new HashSet<int>();
        for (var i = 0; i < 400 && seen.Count < 8; i++)
        {
            var text = RandomAscii(random, random.Next(1, 200));
            var symbol = QrCodeEncoder.Encode(text);
            if (seen.Add(symbol.Mask))
                AssertReadsBack(text, symbol);
        }

        Assert.That(seen, Is.EquivalentTo(Enumerable.Range(0, 8)));
    }

    [Test]
    public void TooLongOrEmptyTextIsRefused()
    {
        var tooLong = new string('a', _capacities[40] + 1);

        var exception = Assert.Throws<ArgumentException>(() => QrCodeEncoder.Encode(tooLong));
        Assert.That(exception!.Message, Does.Contain("2331"));
        Assert.Throws<ArgumentException>(() => QrCodeEncoder.Encode(""));
        Assert.Throws<ArgumentNullException>(() => QrCodeEncoder.Encode(null));
        // Thai letters take three bytes each in UTF-8.
        Assert.Throws<ArgumentException>(() => QrCodeEncoder.Encode(new string('ก', 778)));
        Assert.DoesNotThrow(() => QrCodeEncoder.Encode(new string('ก', 777)));
    }

    [Test]
    public void AMirroredSymbolIsNoticed()
    {
        // Guards the orientation check above: the transposed matrix still decodes, but only as a mirror image.
        var symbol = QrCodeEncoder.Encode("https://pay.omise.co/offsites/ofsp_test_1/pay");
        var transposed = new bool[symbol.Size, symbol.Size];
        for (var row = 0; row < symbol.Size; row++)
        {
            for (var column = 0; column < symbol.Size; column++)
                transposed[row, column] = symbol.Modules[column, row];
        }

        Assert.That(((QRCodeDecoderMetaData)QrTestDecoder.DecodeModules(transposed).Other).IsMirrored, Is.True);
    }
}
