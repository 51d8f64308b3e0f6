using Nop.Plugin.Payments.Kma.Services.QrCode;

namespace Nop.Plugin.Payments.Kma.Tests.QrCode;

/// <summary>
/// Fixed values published in ISO/IEC 18004, checked against what the encoder computes
/// </summary>
[TestFixture]
public class QrCodeStandardFactsTests
{
    [TestCase(0, "101010000010010")]
    [TestCase(1, "101000100100101")]
    [TestCase(2, "101111001111100")]
    [TestCase(3, "101101101001011")]
    [TestCase(4, "100010111111001")]
    [TestCase(5, "100000011001110")]
    [TestCase(6, "100111110010111")]
    [TestCase(7, "100101010100000")]
    public void FormatInformationForLevelM(int mask, string bits)
    {
        Assert.That(Convert.ToString(QrMatrix.GetFormatBits(mask), 2).PadLeft(15, '0'), Is.EqualTo(bits));
    }

    [TestCase(7, "000111110010010100")]
    [TestCase(8, "001000010110111100")]
    [TestCase(40, "101000110001101001")]
    public void VersionInformation(int version, string bits)
    {
        Assert.That(Convert.ToString(QrMatrix.GetVersionBits(version), 2).PadLeft(18, '0'), Is.EqualTo(bits));
    }

    [Test]
    public void VersionInformationWordsDifferInAtLeastEightBits()
    {
        // The (18,6) BCH code has minimum distance 8, so scanners can correct three bad bits.
        for (var a = 7; a <= 40; a++)
        {
            for (var b = a + 1; b <= 40; b++)
                Assert.That(int.PopCount(QrMatrix.GetVersionBits(a) ^ QrMatrix.GetVersionBits(b)), Is.GreaterThanOrEqualTo(8), $"{a} vs {b}");
        }
    }

    [Test]
    public void GeneratorPolynomialOfDegree7()
    {
        Assert.That(QrReedSolomon.GetGenerator(7), Is.EqualTo(new byte[] { 1, 127, 122, 154, 164, 11, 68, 117 }));
    }

    [Test]
    public void GeneratorPolynomialOfDegree2()
    {
        // (x - 1)(x - α) = x² + 3x + 2 in GF(256).
        Assert.That(QrReedSolomon.GetGenerator(2), Is.EqualTo(new byte[] { 1, 3, 2 }));
    }

    [Test]
    public void ErrorCorrectionOfAKnownVersion1MBlock()
    {
        // The data codewords of "HELLO WORLD" (alphanumeric, 1-M) and their ten error correction codewords.
        byte[] data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];

        Assert.That(QrReedSolomon.ComputeRemainder(data, 10), Is.EqualTo(new byte[] { 196, 35, 39, 119, 235, 215, 231, 226, 93, 23 }));
    }

    [TestCase(1, new int[0])]
    [TestCase(2, new[] { 6, 18 })]
    [TestCase(7, new[] { 6, 22, 38 })]
    [TestCase(14, new[] { 6, 26, 46, 66 })]
    [TestCase(22, new[] { 6, 26, 50, 74, 98 })]
    [TestCase(25, new[] { 6, 32, 58, 84, 110 })]
    [TestCase(32, new[] { 6, 34, 60, 86, 112, 138 })]
    [TestCase(36, new[] { 6, 24, 50, 76, 102, 128, 154 })]
    [TestCase(40, new[] { 6, 30, 58, 86, 114, 142, 170 })]
    public void AlignmentPatternCentres(int version, int[] centres)
    {
        Assert.That(QrVersionTable.GetAlignmentCentres(version), Is.EqualTo(centres));
    }

    [Test]
    public void TheBlockTableFillsEveryVersionExactly()
    {
        // Codeword modules left over after whole codewords (remainder bits), per version range.
        static int RemainderBits(int version) => version switch
        {
            1 => 0,
            <= 6 => 7,
            <= 13 => 0,
            <= 20 => 3,
            <= 27 => 4,
            <= 34 => 3,
            _ => 0
        };

        for (var version = 1; version <= QrVersionTable.MaxVersion; version++)
        {
            var (ecPerBlock, dataPerBlock) = QrVersionTable.GetBlocks(version);
            var codewords = dataPerBlock.Sum() + dataPerBlock.Length * ecPerBlock;
            var modules = new QrMatrix(version).CountDataModules();

            Assert.That(modules, Is.EqualTo(QrVersionTable.GetDataModules(version)), $"version {version}");
            Assert.That(modules, Is.EqualTo(codewords * 8 + RemainderBits(version)), $"version {version}");
            Assert.That(dataPerBlock, Is.Ordered, "short blocks come first");
            Assert.That(dataPerBlock[^1] - dataPerBlock[0], Is.LessThanOrEqualTo(1));
        }
    }

    [Test]
    public void TheChosenMaskHasTheLowestPenalty()
    {
        var random = new Random(3);
        for (var i = 0; i < 30; i++)
        {
            var symbol = QrCodeEncoder.Encode(new string('a', random.Next(1, 300)) + random.Next());

            Assert.That(symbol.MaskPenalties, Has.Count.EqualTo(8).And.All.GreaterThan(0));
            Assert.That(symbol.MaskPenalties[symbol.Mask], Is.EqualTo(symbol.MaskPenalties.Min()));
            Assert.That(symbol.MaskPenalties.Take(symbol.Mask), Has.All.GreaterThan(symbol.MaskPenalties[symbol.Mask]), "ties go to the lowest mask number");
            Assert.That(symbol.MaskPenalties[symbol.Mask], Is.EqualTo(QrMaskPenalty.Compute(symbol.Modules)), "the symbol is the matrix that was scored");
        }
    }

    private static bool[,] Matrix(params string[] rows)
    {
        var matrix = new bool[rows.Length, rows[0].Length];
        for (var row = 0; row < rows.Length; row++)
        {
            for (var column = 0; column < rows[row].Length; column++)
                matrix[row, column] = rows[row][column] == '1';
        }

        return matrix;
    }

    private static bool[,] Checkerboard(int size)
    {
        var matrix = new bool[size, size];
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
                matrix[row, column] = (row + column) % 2 == 0;
        }

        return matrix;
    }

    [Test]
    public void PenaltyRulesOnAnAllLightMatrix()
    {
        var light = new bool[6, 6];

        Assert.Multiple(() =>
        {
            // Twelve lines of six: 3 + 1 each.
            Assert.That(QrMaskPenalty.ScoreRuns(light), Is.EqualTo(12 * 4));
            Assert.That(QrMaskPenalty.ScoreBlocks(light), Is.EqualTo(25 * 3));
            Assert.That(QrMaskPenalty.ScoreFinderLikePatterns(light), Is.Zero);
            Assert.That(QrMaskPenalty.ScoreBalance(light), Is.EqualTo(100));
        });
    }

    [Test]
    public void PenaltyRulesOnACheckerboard()
    {
        var board = Checkerboard(12);

        Assert.Multiple(() =>
        {
            Assert.That(QrMaskPenalty.ScoreRuns(board), Is.Zero);
            Assert.That(QrMaskPenalty.ScoreBlocks(board), Is.Zero);
            Assert.That(QrMaskPenalty.ScoreFinderLikePatterns(board), Is.Zero);
            Assert.That(QrMaskPenalty.ScoreBalance(board), Is.Zero);
        });
    }

    [Test]
    public void FinderLikePatternsCostFortyEach()
    {
        var board = Checkerboard(15);
        // One row holds 0000 1011101 0000: the pattern with light on both sides, so both directions match.
        const string row = "000010111010000";
        for (var column = 0; column < 15; column++)
            board[7, column] = row[column] == '1';

        Assert.That(QrMaskPenalty.ScoreFinderLikePatterns(board), Is.EqualTo(80));
        Assert.That(QrMaskPenalty.ScoreRuns(Matrix("1111111", "0101010", "1010101", "0101010", "1010101", "0101010", "1010101")), Is.EqualTo(3 + 2));
        Assert.That(QrMaskPenalty.ScoreBalance(Matrix("1111", "1111", "1100", "0000")), Is.EqualTo(20), "10/16 dark is 62.5%: two full 5% steps");
    }
}
