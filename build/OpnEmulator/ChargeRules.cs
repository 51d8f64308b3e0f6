namespace OpnEmulator;

/// <summary>
/// What the emulator knows about payment methods, amounts and failure codes
/// </summary>
internal static class ChargeRules
{
    public const long MinAmount = 2000;
    public const long MaxAmount = 15000000;
    public const string Currency = "THB";
    public const string SupportedApiVersion = "2019-05-29";

    /// <summary>Mobile banking source types; all use the app_redirect flow and the same limits</summary>
    public static readonly IReadOnlySet<string> SourceTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "mobile_banking_bay", "mobile_banking_kbank", "mobile_banking_scb", "mobile_banking_bbl", "mobile_banking_ktb"
    };

    public static readonly IReadOnlySet<string> PlatformTypes = new HashSet<string>(StringComparer.Ordinal) { "IOS", "ANDROID", "WEB" };

    /// <summary>The failure codes of the KMA guide and their messages</summary>
    public static readonly IReadOnlyDictionary<string, string> FailureMessages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["payment_expired"] = "payment expired",
        ["payment_rejected"] = "payment rejected by issuer",
        ["failed_processing"] = "general payment processing failure",
        ["invalid_account"] = "valid account for payment method not found",
        ["insufficient_fund"] = "insufficient funds in the account or the payment method has reached its limit"
    };

    /// <summary>Flat fee of 10 THB plus 7% VAT on it, as in the guide's example</summary>
    public const long Fee = 1000;
    public const long FeeVat = 70;

    public static long ParseAmount(string raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            throw OpnError.InvalidCharge("amount is required");
        if (!long.TryParse(raw, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var amount))
            throw OpnError.InvalidCharge("amount must be an integer");
        return amount;
    }

    public static void CheckAmount(long amount, string sourceType)
    {
        if (amount < MinAmount)
            throw new OpnError(400, "invalid_charge", $"amount must be at least {MinAmount} for {sourceType}");
        if (amount > MaxAmount)
            throw new OpnError(400, "invalid_charge", $"amount must be at most {MaxAmount} for {sourceType}");
    }

    public static string CheckCurrency(string currency)
    {
        if (string.IsNullOrWhiteSpace(currency))
            throw OpnError.InvalidCharge("currency is required");
        if (!string.Equals(currency, Currency, StringComparison.OrdinalIgnoreCase))
            throw OpnError.InvalidCharge($"currency {currency} is not supported (THB only)");
        return Currency;
    }

    public static string CheckPlatformType(string platformType)
    {
        if (string.IsNullOrWhiteSpace(platformType))
            return null;
        var upper = platformType.ToUpperInvariant();
        if (!PlatformTypes.Contains(upper))
            throw OpnError.BadRequest($"platform_type {platformType} is not supported (IOS, ANDROID or WEB)");
        return upper;
    }
}
