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
    /// Gets the locale resource nopCommerce reads the plugin's localized friendly name from
    /// </summary>
    public static string FriendlyNameResourceName => "Plugins.FriendlyName." + SystemName;

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
    /// Gets the key (HttpContext.Items) that marks the payment info's styles as written into the current response
    /// </summary>
    public static string PaymentInfoStyleItemKey => "Nop.Plugin.Payments.Kma.payment-info-style";

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
    /// Gets the path of the admin view of a connection test's result
    /// </summary>
    public static string ConnectionTestViewPath => "~/Plugins/Payments.Kma/Views/_ConnectionTest.cshtml";

    /// <summary>
    /// Gets the path (relative to the store URL) of the admin configuration page
    /// </summary>
    public static string ConfigurePath => "Admin/PaymentKma/Configure";

    /// <summary>
    /// Gets the key of the per-order lock (ILocker) that serialises every change to an order's payment
    /// </summary>
    /// <param name="orderId">Order identifier</param>
    public static string OrderLockKey(int orderId) => $"Nop.Plugin.Payments.Kma.order-{orderId}";

    /// <summary>
    /// Payment claims: the database row that lets one web node at a time apply an order's charge
    /// </summary>
    public static class Claims
    {
        /// <summary>Gets how long a claim protects its holder; an older claim is taken to be abandoned (its node died)</summary>
        public static TimeSpan Lease => TimeSpan.FromMinutes(2);

        /// <summary>Gets the length of the holder column</summary>
        public static int HolderMaxLength => 100;
    }

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

        /// <summary>Gets the key of the "{chargeId}:{what}" markers of the charge events already noted on the order (once per charge, not per delivery)</summary>
        public static string NotedChargeEvents => "Kma.NotedChargeEvents";

        /// <summary>Gets the key of the ids of successful charges that could not pay the order (money arrived; the admin must act)</summary>
        public static string PaymentAlert => "Kma.PaymentAlert";

        /// <summary>Gets the key of the id of the terminal charge the reconciliation task has already settled (skipped until the order gets a new charge)</summary>
        public static string ReconciledChargeId => "Kma.ReconciledChargeId";

        /// <summary>Gets the key of the id of the customer-visible order note that shows the last failure reason</summary>
        public static string FailureNoteId => "Kma.FailureNoteId";
    }

    /// <summary>
    /// Gets what the admin reads on a paid order about refunds (the payment method has no refund or void through the API)
    /// </summary>
    public static string RefundHelpNote => "Refunds: Opn's KMA guide says mobile banking charges cannot be voided or refunded through Opn Payments (API or dashboard). Pay the shopper back yourself, for example by bank transfer (Opn support can advise), then record it on this order with \"Refund (Offline)\".";

    /// <summary>
    /// Gets the prefix of the order notes that need the admin: a successful charge (money arrived) that could not pay the order
    /// </summary>
    public static string AlertNotePrefix => "[KMA ALERT]";

    /// <summary>
    /// Webhook constants
    /// </summary>
    public static class Webhook
    {
        /// <summary>Gets the name of the webhook route</summary>
        public static string RouteName => "Plugin.Payments.Kma.Webhook";

        /// <summary>Gets the path of the webhook route (POST)</summary>
        public static string RoutePath => "Plugins/PaymentKma/Webhook";

        /// <summary>Gets the header carrying the hex HMAC signature(s)</summary>
        public static string SignatureHeader => "Omise-Signature";

        /// <summary>Gets the header carrying the signature timestamp (Unix seconds)</summary>
        public static string TimestampHeader => "Omise-Signature-Timestamp";

        /// <summary>Gets the largest accepted body in bytes</summary>
        public static int MaxBodyBytes => 64 * 1024;
    }

    /// <summary>
    /// Reconciliation task constants
    /// </summary>
    public static class ReconciliationTask
    {
        /// <summary>Gets the task name shown in System > Schedule tasks</summary>
        public static string Name => "Krungsri (KMA) payment reconciliation";

        /// <summary>Gets the task type stored in the schedule task table</summary>
        public static string Type => "Nop.Plugin.Payments.Kma.Services.KmaReconciliationTask";

        /// <summary>Gets the default period in seconds</summary>
        public static int Seconds => 300;
    }

    /// <summary>
    /// Public route names and paths of the checkout and return pages
    /// </summary>
    public static class Checkout
    {
        /// <summary>Gets the only currency KMA charges take</summary>
        public static string Currency => "THB";

        /// <summary>Gets nopCommerce's locale resource of the order details button that re-posts a payment ("Retry payment")</summary>
        public static string RetryPaymentResource => "Order.RetryPayment";

        /// <summary>Gets the route name of the return page (Opn sends the shopper back here)</summary>
        public static string ReturnRouteName => "Plugin.Payments.Kma.Return";

        /// <summary>Gets the route name of the page that waits for a pending charge</summary>
        public static string WaitingRouteName => "Plugin.Payments.Kma.Waiting";

        /// <summary>Gets the route name of the JSON status the waiting and pay pages poll</summary>
        public static string StatusRouteName => "Plugin.Payments.Kma.Status";

        /// <summary>Gets the route name of the desktop "pay on your phone" page</summary>
        public static string PayRouteName => "Plugin.Payments.Kma.Pay";

        /// <summary>Gets the path of the return page, relative to the store URL</summary>
        public static string ReturnPath => "Plugins/PaymentKma/Return";

        /// <summary>Gets the path of the waiting page, relative to the store URL</summary>
        public static string WaitingPath => "Plugins/PaymentKma/Waiting";

        /// <summary>Gets the path of the status JSON, relative to the store URL</summary>
        public static string StatusPath => "Plugins/PaymentKma/Status";

        /// <summary>Gets the path of the "pay on your phone" page, relative to the store URL</summary>
        public static string PayPath => "Plugins/PaymentKma/Pay";

        /// <summary>Gets how long Opn's capability answer is kept per store</summary>
        public static TimeSpan CapabilityCacheTime => TimeSpan.FromMinutes(15);

        /// <summary>Gets how long a failed capability look-up is remembered before Opn is asked again</summary>
        public static TimeSpan CapabilityFailureCacheTime => TimeSpan.FromMinutes(1);

        /// <summary>Gets the shortest time between two syncs of one order triggered by status polling</summary>
        public static TimeSpan StatusSyncInterval => TimeSpan.FromSeconds(10);

        /// <summary>Gets how long before its expiry a pending charge is no longer handed to a shopper</summary>
        public static TimeSpan ChargeReuseMargin => TimeSpan.FromMinutes(2);

        /// <summary>Gets how long the checkout holds the order lock at most</summary>
        public static TimeSpan OrderLockTime => TimeSpan.FromSeconds(60);
    }
}
