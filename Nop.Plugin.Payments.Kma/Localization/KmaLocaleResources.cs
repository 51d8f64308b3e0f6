namespace Nop.Plugin.Payments.Kma.Localization;

/// <summary>
/// Every string a person sees, in English and Thai. Installed on install, removed on uninstall.
/// </summary>
/// <remarks>
/// Each area of the plugin adds its own entries in a part of this class
/// (KmaLocaleResources.Admin.cs, KmaLocaleResources.Checkout.cs, ...).
/// </remarks>
public static partial class KmaLocaleResources
{
    #region Utilities

    static partial void AddAdmin(IDictionary<string, string> english, IDictionary<string, string> thai);

    static partial void AddCheckout(IDictionary<string, string> english, IDictionary<string, string> thai);

    private static (IDictionary<string, string> English, IDictionary<string, string> Thai) Build()
    {
        var english = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Plugins.Payments.Kma.PaymentMethodDescription"] = "Pay with the Krungsri (KMA) mobile banking app"
        };
        var thai = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Plugins.Payments.Kma.PaymentMethodDescription"] = "ชำระเงินผ่านแอปกรุงศรี (KMA)"
        };

        AddAdmin(english, thai);
        AddCheckout(english, thai);

        return (english, thai);
    }

    #endregion

    #region Properties

    private static readonly Lazy<(IDictionary<string, string> English, IDictionary<string, string> Thai)> _resources = new(Build);

    /// <summary>
    /// Gets the English resources, installed for every language
    /// </summary>
    public static IDictionary<string, string> English => _resources.Value.English;

    /// <summary>
    /// Gets the Thai resources, installed for the language whose culture is th-TH
    /// </summary>
    public static IDictionary<string, string> Thai => _resources.Value.Thai;

    /// <summary>
    /// Gets the method's name in Thai, installed as nopCommerce's localized friendly name of the plugin
    /// (English keeps plugin.json's FriendlyName)
    /// </summary>
    public static string ThaiFriendlyName => "กรุงศรี (KMA)";

    #endregion
}
