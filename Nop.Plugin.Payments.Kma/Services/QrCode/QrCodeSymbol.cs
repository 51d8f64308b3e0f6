namespace Nop.Plugin.Payments.Kma.Services.QrCode;

/// <summary>
/// An encoded QR code
/// </summary>
/// <param name="Version">The version (1..40)</param>
/// <param name="Mask">The data mask pattern chosen (0..7)</param>
/// <param name="Modules">The module matrix [row, column], true for dark; without the quiet zone</param>
/// <param name="MaskPenalties">The penalty each of the eight masks scored</param>
internal sealed record QrCodeSymbol(int Version, int Mask, bool[,] Modules, IReadOnlyList<int> MaskPenalties)
{
    /// <summary>The side length in modules</summary>
    public int Size => Modules.GetLength(0);
}
