using System.Text;

namespace Nop.Plugin.Payments.Kma.Services.QrCode;

/// <summary>
/// Encodes text as a QR Code Model 2 symbol (ISO/IEC 18004): byte mode (UTF-8), error correction level M, the smallest version that fits
/// </summary>
internal static class QrCodeEncoder
{
    #region Fields

    private const int ByteModeIndicator = 0b0100;

    #endregion

    #region Utilities

    /// <summary>
    /// Mode indicator, character count, the bytes, terminator and padding: exactly the data codewords of the version
    /// </summary>
    private static byte[] BuildDataCodewords(byte[] bytes, int version)
    {
        var capacity = QrVersionTable.GetDataCodewords(version);
        var codewords = new byte[capacity];
        var bitLength = 0;

        void Append(int value, int bitCount)
        {
            for (var bit = bitCount - 1; bit >= 0; bit--, bitLength++)
            {
                if (((value >> bit) & 1) != 0)
                    codewords[bitLength >> 3] |= (byte)(0x80 >> (bitLength & 7));
            }
        }

        Append(ByteModeIndicator, 4);
        Append(bytes.Length, QrVersionTable.GetCountBits(version));
        foreach (var value in bytes)
            Append(value, 8);

        // The terminator (up to four zero bits) and the zero bits up to a byte boundary are already zero in the array;
        // the remaining codewords alternate the two pad bytes the standard prescribes.
        var used = (bitLength + 7) / 8;
        for (var i = used; i < capacity; i++)
            codewords[i] = (i - used) % 2 == 0 ? (byte)0xEC : (byte)0x11;

        return codewords;
    }

    /// <summary>
    /// Splits the data into blocks, adds each block's error correction and interleaves them as the symbol carries them
    /// </summary>
    private static byte[] AddErrorCorrection(byte[] data, int version)
    {
        var (ecPerBlock, dataPerBlock) = QrVersionTable.GetBlocks(version);
        var blocks = dataPerBlock.Length;
        var ecBlocks = new byte[blocks][];
        var offsets = new int[blocks];
        var offset = 0;
        for (var block = 0; block < blocks; block++)
        {
            offsets[block] = offset;
            ecBlocks[block] = QrReedSolomon.ComputeRemainder(data.AsSpan(offset, dataPerBlock[block]), ecPerBlock);
            offset += dataPerBlock[block];
        }

        // Column by column: the i-th data codeword of every block (long blocks have one more at the end), then the same for error correction.
        var result = new byte[data.Length + blocks * ecPerBlock];
        var position = 0;
        var longest = dataPerBlock[^1];
        for (var i = 0; i < longest; i++)
        {
            for (var block = 0; block < blocks; block++)
            {
                if (i < dataPerBlock[block])
                    result[position++] = data[offsets[block] + i];
            }
        }

        for (var i = 0; i < ecPerBlock; i++)
        {
            for (var block = 0; block < blocks; block++)
                result[position++] = ecBlocks[block][i];
        }

        return result;
    }

    #endregion

    #region Methods

    /// <summary>
    /// The largest number of UTF-8 bytes a symbol of the largest version holds at level M
    /// </summary>
    public static int MaxBytes => QrVersionTable.GetByteCapacity(QrVersionTable.MaxVersion);

    /// <summary>
    /// Encodes text
    /// </summary>
    /// <param name="text">The text; stored as UTF-8 bytes</param>
    /// <returns>The symbol</returns>
    /// <exception cref="ArgumentException">The text is empty or too long for a QR code</exception>
    public static QrCodeSymbol Encode(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);

        var bytes = Encoding.UTF8.GetBytes(text);
        var version = 1;
        while (version <= QrVersionTable.MaxVersion && QrVersionTable.GetByteCapacity(version) < bytes.Length)
            version++;

        if (version > QrVersionTable.MaxVersion)
        {
            throw new ArgumentException(
                $"The text is {bytes.Length} bytes in UTF-8; a QR code at error correction level M holds at most {MaxBytes}", nameof(text));
        }

        var codewords = AddErrorCorrection(BuildDataCodewords(bytes, version), version);
        var matrix = new QrMatrix(version);
        matrix.PlaceCodewords(codewords);
        var mask = matrix.ApplyBestMask();

        return new QrCodeSymbol(version, mask, matrix.Modules, matrix.MaskPenalties);
    }

    #endregion
}
