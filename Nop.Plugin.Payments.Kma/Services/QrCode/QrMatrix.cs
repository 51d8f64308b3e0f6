namespace Nop.Plugin.Payments.Kma.Services.QrCode;

/// <summary>
/// The module matrix of one symbol: function patterns, codeword placement, data masks and format/version information
/// </summary>
internal sealed class QrMatrix
{
    #region Fields

    // Level M is 00 in the format information's error correction bits.
    private const int LevelMBits = 0b00;
    private const int FormatGenerator = 0b101_0011_0111;
    private const int FormatXorMask = 0b101_0100_0001_0010;
    private const int VersionGenerator = 0b1_1111_0010_0101;

    private readonly int _version;
    private readonly int _size;
    private readonly bool[,] _modules;
    private readonly bool[,] _isFunction;
    private readonly int[] _maskPenalties = new int[8];

    #endregion

    #region Ctor

    /// <summary>
    /// Creates the matrix of a version with all function patterns drawn and format/version areas reserved
    /// </summary>
    public QrMatrix(int version)
    {
        _version = version;
        _size = QrVersionTable.GetSize(version);
        _modules = new bool[_size, _size];
        _isFunction = new bool[_size, _size];
        DrawFunctionPatterns();
    }

    #endregion

    #region Utilities

    private void SetFunction(int row, int column, bool dark)
    {
        _modules[row, column] = dark;
        _isFunction[row, column] = true;
    }

    private void DrawFunctionPatterns()
    {
        // Timing patterns first: finders and alignments drawn later overwrite their ends.
        for (var i = 0; i < _size; i++)
        {
            SetFunction(6, i, i % 2 == 0);
            SetFunction(i, 6, i % 2 == 0);
        }

        DrawFinder(0, 0);
        DrawFinder(0, _size - 7);
        DrawFinder(_size - 7, 0);

        var centres = QrVersionTable.GetAlignmentCentres(_version);
        foreach (var row in centres)
        {
            foreach (var column in centres)
            {
                // No alignment pattern where a finder already sits.
                var onFinder = (row == 6 && column == 6) || (row == 6 && column == _size - 7) || (row == _size - 7 && column == 6);
                if (!onFinder)
                    DrawAlignment(row, column);
            }
        }

        // Reserve format and version areas now so codewords go around them; their bits are written after masking.
        DrawFormatInformation(0);
        DrawVersionInformation();
    }

    private void DrawFinder(int top, int left)
    {
        // A 7x7 finder plus its one-module light separator, clipped at the symbol's edge.
        for (var dy = -1; dy <= 7; dy++)
        {
            for (var dx = -1; dx <= 7; dx++)
            {
                var row = top + dy;
                var column = left + dx;
                if (row < 0 || row >= _size || column < 0 || column >= _size)
                    continue;

                var ring = Math.Max(Math.Abs(dy - 3), Math.Abs(dx - 3));
                SetFunction(row, column, ring != 2 && ring != 4);
            }
        }
    }

    private void DrawAlignment(int centreRow, int centreColumn)
    {
        for (var dy = -2; dy <= 2; dy++)
        {
            for (var dx = -2; dx <= 2; dx++)
                SetFunction(centreRow + dy, centreColumn + dx, Math.Max(Math.Abs(dy), Math.Abs(dx)) != 1);
        }
    }

    private void DrawFormatInformation(int mask)
    {
        var bits = GetFormatBits(mask);
        bool Bit(int index) => ((bits >> index) & 1) != 0;

        // First copy around the top-left finder: bits 0..7 up column 8 (skipping the timing row), bits 8..14 along row 8 leftwards.
        for (var i = 0; i <= 5; i++)
            SetFunction(i, 8, Bit(i));
        SetFunction(7, 8, Bit(6));
        SetFunction(8, 8, Bit(7));
        SetFunction(8, 7, Bit(8));
        for (var i = 9; i < 15; i++)
            SetFunction(8, 14 - i, Bit(i));

        // Second copy: bits 0..7 along row 8 from the right edge, bits 8..14 down column 8 near the bottom.
        for (var i = 0; i < 8; i++)
            SetFunction(8, _size - 1 - i, Bit(i));
        for (var i = 8; i < 15; i++)
            SetFunction(_size - 15 + i, 8, Bit(i));

        // The dark module is always dark, whatever the format.
        SetFunction(_size - 8, 8, true);
    }

    private void DrawVersionInformation()
    {
        if (_version < 7)
            return;

        var bits = GetVersionBits(_version);
        for (var i = 0; i < 18; i++)
        {
            var dark = ((bits >> i) & 1) != 0;
            var near = i / 3;
            var far = _size - 11 + i % 3;

            // The 6x3 block above the bottom-left finder and its transpose left of the top-right finder.
            SetFunction(far, near, dark);
            SetFunction(near, far, dark);
        }
    }

    /// <summary>
    /// Whether a data mask pattern flips the module at a position
    /// </summary>
    private static bool IsMasked(int mask, int row, int column)
    {
        return mask switch
        {
            0 => (row + column) % 2 == 0,
            1 => row % 2 == 0,
            2 => column % 3 == 0,
            3 => (row + column) % 3 == 0,
            4 => (row / 2 + column / 3) % 2 == 0,
            5 => row * column % 2 + row * column % 3 == 0,
            6 => (row * column % 2 + row * column % 3) % 2 == 0,
            7 => ((row + column) % 2 + row * column % 3) % 2 == 0,
            _ => throw new ArgumentOutOfRangeException(nameof(mask))
        };
    }

    private void ApplyMask(int mask)
    {
        // XOR is its own inverse: applying the same mask twice restores the matrix.
        for (var row = 0; row < _size; row++)
        {
            for (var column = 0; column < _size; column++)
            {
                if (!_isFunction[row, column] && IsMasked(mask, row, column))
                    _modules[row, column] = !_modules[row, column];
            }
        }
    }

    /// <summary>
    /// Remainder of a polynomial division over GF(2), the core of the BCH codes of format and version information
    /// </summary>
    private static int BchRemainder(int value, int generator)
    {
        var generatorDegree = 31 - int.LeadingZeroCount(generator);
        var remainder = value << generatorDegree;
        for (var bit = 31 - int.LeadingZeroCount(remainder); bit >= generatorDegree; bit--)
        {
            if (((remainder >> bit) & 1) != 0)
                remainder ^= generator << (bit - generatorDegree);
        }

        return remainder;
    }

    #endregion

    #region Methods

    /// <summary>
    /// The 15 format information bits for level M and a mask: 5 data bits, 10 BCH bits, XOR-masked so they are never all light
    /// </summary>
    public static int GetFormatBits(int mask)
    {
        var data = (LevelMBits << 3) | mask;
        return ((data << 10) | BchRemainder(data, FormatGenerator)) ^ FormatXorMask;
    }

    /// <summary>
    /// The 18 version information bits: 6 bits of version, 12 BCH bits
    /// </summary>
    public static int GetVersionBits(int version)
    {
        return (version << 12) | BchRemainder(version, VersionGenerator);
    }

    /// <summary>
    /// Writes the codewords (most significant bit first) into the non-function modules in the standard's zigzag order
    /// </summary>
    public void PlaceCodewords(byte[] codewords)
    {
        var bitIndex = 0;
        var totalBits = codewords.Length * 8;
        var upwards = true;

        // Two-module-wide columns from the right edge leftwards, alternating up and down; column 6 is the vertical timing pattern.
        for (var right = _size - 1; right >= 1; right -= 2)
        {
            if (right == 6)
                right = 5;

            for (var step = 0; step < _size; step++)
            {
                var row = upwards ? _size - 1 - step : step;
                for (var offset = 0; offset < 2; offset++)
                {
                    var column = right - offset;
                    if (_isFunction[row, column])
                        continue;

                    // Leftover modules (remainder bits) stay light.
                    if (bitIndex < totalBits)
                        _modules[row, column] = ((codewords[bitIndex >> 3] >> (7 - (bitIndex & 7))) & 1) != 0;
                    bitIndex++;
                }
            }

            upwards = !upwards;
        }
    }

    /// <summary>
    /// Tries all eight masks, keeps the one with the lowest penalty and writes its format information
    /// </summary>
    /// <returns>The mask chosen</returns>
    public int ApplyBestMask()
    {
        var best = 0;
        for (var mask = 0; mask < 8; mask++)
        {
            ApplyMask(mask);
            DrawFormatInformation(mask);
            _maskPenalties[mask] = QrMaskPenalty.Compute(_modules);
            if (_maskPenalties[mask] < _maskPenalties[best])
                best = mask;

            ApplyMask(mask);
        }

        ApplyMask(best);
        DrawFormatInformation(best);
        return best;
    }

    /// <summary>
    /// Counts the modules that carry codewords (not function patterns nor format/version information)
    /// </summary>
    public int CountDataModules()
    {
        var count = 0;
        foreach (var isFunction in _isFunction)
        {
            if (!isFunction)
                count++;
        }

        return count;
    }

    #endregion

    #region Properties

    /// <summary>
    /// The modules [row, column], true for dark
    /// </summary>
    public bool[,] Modules => _modules;

    /// <summary>
    /// The penalty of each mask, once ApplyBestMask has run
    /// </summary>
    public IReadOnlyList<int> MaskPenalties => _maskPenalties;

    #endregion
}
