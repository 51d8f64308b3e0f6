namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// The amount rule of mobile_banking_bay: THB only, 2,000 to 15,000,000 satang (฿20 to ฿150,000)
/// </summary>
public static class KmaAmountRule
{
    /// <summary>Gets the smallest chargeable amount in satang</summary>
    public const long MinSatang = 2_000;

    /// <summary>Gets the largest chargeable amount in satang</summary>
    public const long MaxSatang = 15_000_000;

    /// <summary>
    /// Converts a THB amount to satang exactly (away from zero at the half satang)
    /// </summary>
    public static long ToSatang(decimal thb)
    {
        return (long)Math.Round(thb * 100m, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Gets a value indicating whether the amount in satang may be charged
    /// </summary>
    public static bool IsWithinLimits(long satang)
    {
        return satang is >= MinSatang and <= MaxSatang;
    }
}
