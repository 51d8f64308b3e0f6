using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// Tells which platform a shopper's browser runs on, for the charge's platform_type
/// </summary>
public static class KmaPlatform
{
    /// <summary>
    /// Gets the Opn platform type for a User-Agent: IOS for iPhone, iPad and iPod, ANDROID for Android, otherwise WEB
    /// </summary>
    /// <param name="userAgent">The User-Agent request header</param>
    /// <returns>One of <see cref="OpnPlatformTypes"/></returns>
    public static string FromUserAgent(string userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
            return OpnPlatformTypes.Web;

        if (userAgent.Contains("iPhone", StringComparison.OrdinalIgnoreCase)
            || userAgent.Contains("iPad", StringComparison.OrdinalIgnoreCase)
            || userAgent.Contains("iPod", StringComparison.OrdinalIgnoreCase))
            return OpnPlatformTypes.Ios;

        if (userAgent.Contains("Android", StringComparison.OrdinalIgnoreCase))
            return OpnPlatformTypes.Android;

        return OpnPlatformTypes.Web;
    }

    /// <summary>
    /// Gets a value indicating whether the platform type is a phone that opens the KMA app directly
    /// </summary>
    /// <param name="platformType">One of <see cref="OpnPlatformTypes"/></param>
    public static bool IsMobile(string platformType)
    {
        return platformType is OpnPlatformTypes.Ios or OpnPlatformTypes.Android;
    }
}
