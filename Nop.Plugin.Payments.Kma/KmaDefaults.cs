namespace Nop.Plugin.Payments.Kma;

/// <summary>
/// Represents the plugin's constants
/// </summary>
public static class KmaDefaults
{
    /// <summary>
    /// Gets the plugin system name
    /// </summary>
    public static string SystemName => "Payments.Kma";

    /// <summary>
    /// Gets the prefix of every locale resource the plugin installs
    /// </summary>
    public static string LocaleResourcePrefix => "Plugins.Payments.Kma";

    /// <summary>
    /// Gets the Opn source type of Krungsri (KMA) mobile banking
    /// </summary>
    public static string SourceType => "mobile_banking_bay";

    /// <summary>
    /// Gets the default Opn API base URL
    /// </summary>
    public static string DefaultApiBaseUrl => "https://api.omise.co";

    /// <summary>
    /// Gets the Opn API version the plugin speaks
    /// </summary>
    public static string ApiVersion => "2019-05-29";
}
