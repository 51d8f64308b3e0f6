namespace Nop.Plugin.Payments.Kma.Services.QrCode;

/// <summary>
/// Reed–Solomon error correction over GF(256) as QR codes use it (field polynomial x^8+x^4+x^3+x^2+1, generator roots α^0..α^(n-1))
/// </summary>
internal static class QrReedSolomon
{
    #region Fields

    private const int FieldPolynomial = 0x11D;

    // Log/antilog tables turn multiplication into addition of exponents.
    private static readonly byte[] _exp = new byte[512];
    private static readonly byte[] _log = new byte[256];
    // Level M uses at most 30 error correction codewords a block.
    private static readonly byte[][] _generators = new byte[31][];

    #endregion

    #region Ctor

    static QrReedSolomon()
    {
        var value = 1;
        for (var power = 0; power < 255; power++)
        {
            _exp[power] = (byte)value;
            _log[value] = (byte)power;
            value <<= 1;
            if (value > 0xFF)
                value ^= FieldPolynomial;
        }

        // A doubled table saves a modulo in Multiply.
        for (var power = 255; power < _exp.Length; power++)
            _exp[power] = _exp[power - 255];
    }

    #endregion

    #region Methods

    /// <summary>
    /// Multiplies two field elements
    /// </summary>
    public static byte Multiply(byte a, byte b)
    {
        return a == 0 || b == 0 ? (byte)0 : _exp[_log[a] + _log[b]];
    }

    /// <summary>
    /// The generator polynomial (x - α^0)(x - α^1)...(x - α^(degree-1)), coefficients from the highest power down; the leading 1 included
    /// </summary>
    public static byte[] GetGenerator(int degree)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(degree, _generators.Length - 1);

        var cached = Volatile.Read(ref _generators[degree]);
        if (cached != null)
            return cached;

        var polynomial = new byte[] { 1 };
        for (var root = 0; root < degree; root++)
        {
            // Multiply by (x + α^root): subtraction is XOR in GF(2^8).
            var next = new byte[polynomial.Length + 1];
            for (var i = 0; i < polynomial.Length; i++)
            {
                next[i] ^= polynomial[i];
                next[i + 1] ^= Multiply(polynomial[i], _exp[root]);
            }

            polynomial = next;
        }

        Volatile.Write(ref _generators[degree], polynomial);
        return polynomial;
    }

    /// <summary>
    /// The error correction codewords of one block: the remainder of data·x^degree divided by the generator
    /// </summary>
    public static byte[] ComputeRemainder(ReadOnlySpan<byte> data, int degree)
    {
        var generator = GetGenerator(degree);
        var remainder = new byte[degree];
        foreach (var codeword in data)
        {
            // Long division, one data codeword at a time, keeping only the running remainder.
            var factor = (byte)(codeword ^ remainder[0]);
            Array.Copy(remainder, 1, remainder, 0, degree - 1);
            remainder[degree - 1] = 0;
            if (factor == 0)
                continue;

            for (var i = 0; i < degree; i++)
                remainder[i] ^= Multiply(generator[i + 1], factor);
        }

        return remainder;
    }

    #endregion
}
