namespace Nop.Plugin.Payments.Kma.Services.QrCode;

/// <summary>
/// The block structure of every QR Code Model 2 version at error correction level M (ISO/IEC 18004, table 9)
/// </summary>
internal static class QrVersionTable
{
    #region Fields

    /// <summary>The largest version</summary>
    public const int MaxVersion = 40;

    // Per version: error correction codewords per block, then (blocks, data codewords per block) for the short and long groups.
    private static readonly (int EcPerBlock, int ShortBlocks, int ShortData, int LongBlocks, int LongData)[] _levelM =
    [
        default,
        (10, 1, 16, 0, 0), (16, 1, 28, 0, 0), (26, 1, 44, 0, 0), (18, 2, 32, 0, 0), (24, 2, 43, 0, 0),
        (16, 4, 27, 0, 0), (18, 4, 31, 0, 0), (22, 2, 38, 2, 39), (22, 3, 36, 2, 37), (26, 4, 43, 1, 44),
        (30, 1, 50, 4, 51), (22, 6, 36, 2, 37), (22, 8, 37, 1, 38), (24, 4, 40, 5, 41), (24, 5, 41, 5, 42),
        (28, 7, 45, 3, 46), (28, 10, 46, 1, 47), (26, 9, 43, 4, 44), (26, 3, 44, 11, 45), (26, 3, 41, 13, 42),
        (26, 17, 42, 0, 0), (28, 17, 46, 0, 0), (28, 4, 47, 14, 48), (28, 6, 45, 14, 46), (28, 8, 47, 13, 48),
        (28, 19, 46, 4, 47), (28, 22, 45, 3, 46), (28, 3, 45, 23, 46), (28, 21, 45, 7, 46), (28, 19, 47, 10, 48),
        (28, 2, 46, 29, 47), (28, 10, 46, 23, 47), (28, 14, 46, 21, 47), (28, 14, 46, 23, 47), (28, 12, 47, 26, 48),
        (28, 6, 47, 34, 48), (28, 29, 46, 14, 47), (28, 13, 46, 32, 47), (28, 40, 47, 7, 48), (28, 18, 47, 31, 48)
    ];

    #endregion

    #region Methods

    /// <summary>
    /// The blocks of a version: error correction codewords per block and the data codewords of each block, short blocks first
    /// </summary>
    public static (int EcPerBlock, int[] DataPerBlock) GetBlocks(int version)
    {
        var row = _levelM[version];
        var blocks = new int[row.ShortBlocks + row.LongBlocks];
        for (var i = 0; i < blocks.Length; i++)
            blocks[i] = i < row.ShortBlocks ? row.ShortData : row.LongData;

        return (row.EcPerBlock, blocks);
    }

    /// <summary>
    /// The number of data codewords of a version
    /// </summary>
    public static int GetDataCodewords(int version)
    {
        var row = _levelM[version];
        return row.ShortBlocks * row.ShortData + row.LongBlocks * row.LongData;
    }

    /// <summary>
    /// The number of bits of the byte mode character count indicator
    /// </summary>
    public static int GetCountBits(int version)
    {
        return version < 10 ? 8 : 16;
    }

    /// <summary>
    /// How many bytes fit in a version in byte mode
    /// </summary>
    public static int GetByteCapacity(int version)
    {
        // 4 bits of mode indicator, then the count, then 8 bits a byte; the terminator may be cut short.
        return (GetDataCodewords(version) * 8 - 4 - GetCountBits(version)) / 8;
    }

    /// <summary>
    /// The number of modules that carry codewords (everything but function patterns and format/version information)
    /// </summary>
    public static int GetDataModules(int version)
    {
        var size = GetSize(version);
        var modules = size * size;
        modules -= 3 * 64;                 // finders with their separators
        modules -= 2 * (size - 16);        // timing patterns between the finders
        modules -= 31;                     // both copies of format information and the dark module
        var alignments = GetAlignmentCentres(version).Length;
        if (alignments > 0)
        {
            // All alignment patterns but the three that would sit on finders; those on the timing lines overlap 5 timing modules each.
            modules -= (alignments * alignments - 3) * 25;
            modules += (alignments - 2) * 2 * 5;
        }

        if (version >= 7)
            modules -= 2 * 18;

        return modules;
    }

    /// <summary>
    /// The side length in modules
    /// </summary>
    public static int GetSize(int version)
    {
        return 17 + 4 * version;
    }

    /// <summary>
    /// The row/column coordinates of alignment pattern centres (empty for version 1)
    /// </summary>
    public static int[] GetAlignmentCentres(int version)
    {
        if (version == 1)
            return [];

        // The first centre is always 6 and the last size-7; the ones between are evenly spaced by an even step,
        // with any slack put into the first gap (the standard's table follows this rule, version 32 included).
        var count = version / 7 + 2;
        var last = GetSize(version) - 7;
        var step = version == 32 ? 26 : (int)Math.Ceiling((last - 6) / (double)(count - 1) / 2) * 2;
        var centres = new int[count];
        centres[0] = 6;
        for (var i = count - 1; i >= 1; i--)
            centres[i] = last - (count - 1 - i) * step;

        return centres;
    }

    #endregion
}
