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
    /// Gets the culture of the language that receives the Thai locale resources
    /// </summary>
    public static string ThaiLanguageCulture => "th-TH";

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

    /// <summary>
    /// Gets the prefix of every public view name of the plugin (themes override views by these names)
    /// </summary>
    public static string ViewNamePrefix => "PaymentKma.";

    /// <summary>
    /// Gets the name of the checkout payment info view component
    /// </summary>
    public static string PaymentInfoViewComponentName => "PaymentKma";

    /// <summary>
    /// Gets the view name of the checkout payment info
    /// </summary>
    public static string PaymentInfoViewName => "PaymentKma.PaymentInfo";

    /// <summary>
    /// Gets the plugin's views folder
    /// </summary>
    public static string ViewsPath => "/Plugins/Payments.Kma/Views/";

    /// <summary>
    /// Gets the plugin's own view location, searched after the theme's and nopCommerce's
    /// </summary>
    public static string ViewLocationFormat => ViewsPath + "{0}.cshtml";

    /// <summary>
    /// Gets the path of the admin configuration view
    /// </summary>
    public static string ConfigureViewPath => "~/Plugins/Payments.Kma/Views/Configure.cshtml";

    /// <summary>
    /// Gets the path (relative to the store URL) of the webhook endpoint to register in the Opn dashboard
    /// </summary>
    public static string WebhookPath => "Plugins/PaymentKma/Webhook";

    /// <summary>
    /// Gets the key of the per-order lock (ILocker) that serialises every change to an order's payment
    /// </summary>
    /// <param name="orderId">Order identifier</param>
    public static string OrderLockKey(int orderId) => $"Nop.Plugin.Payments.Kma.order-{orderId}";

    /// <summary>
    /// Generic attribute keys stored on the Order
    /// </summary>
    public static class OrderAttributes
    {
        /// <summary>Gets the key of the per-order secret carried by the return URL</summary>
        public static string ReturnToken => "Kma.ReturnToken";

        /// <summary>Gets the key of the attempt number of the current charge (1, 2, ...)</summary>
        public static string ChargeAttempt => "Kma.ChargeAttempt";

        /// <summary>Gets the key of the amount in satang the current charge was created for</summary>
        public static string ChargeAmountSatang => "Kma.ChargeAmountSatang";

        /// <summary>Gets the key of the livemode the current charge was created in ("true"/"false")</summary>
        public static string ChargeLivemode => "Kma.ChargeLivemode";

        /// <summary>Gets the key of the UTC expiry of the current charge (ISO 8601)</summary>
        public static string ChargeExpiresAtUtc => "Kma.ChargeExpiresAtUtc";

        /// <summary>Gets the key of the authorize_uri of the current charge (reused while it is pending)</summary>
        public static string AuthorizeUri => "Kma.AuthorizeUri";

        /// <summary>Gets the key of the comma-separated ids of the order's earlier charges</summary>
        public static string PreviousChargeIds => "Kma.PreviousChargeIds";

        /// <summary>Gets the key of the failure code of the last failed or expired charge (shown to the shopper)</summary>
        public static string LastFailureCode => "Kma.LastFailureCode";
    }
}
