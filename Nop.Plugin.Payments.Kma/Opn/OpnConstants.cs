namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Known values of a charge's status (an open set: unknown values are kept as they are)
/// </summary>
public static class OpnChargeStatuses
{
    public const string Pending = "pending";
    public const string Successful = "successful";
    public const string Failed = "failed";
    public const string Expired = "expired";
    public const string Reversed = "reversed";

    /// <summary>Only on sources: no charge has been created for the source yet</summary>
    public const string Unknown = "unknown";
}

/// <summary>
/// Known platform types
/// </summary>
public static class OpnPlatformTypes
{
    public const string Ios = "IOS";
    public const string Android = "ANDROID";
    public const string Web = "WEB";
}

/// <summary>
/// Known source flows (an open set)
/// </summary>
public static class OpnFlows
{
    public const string Redirect = "redirect";
    public const string AppRedirect = "app_redirect";
    public const string Offline = "offline";
}

/// <summary>
/// Known failure codes of mobile banking charges
/// </summary>
public static class OpnFailureCodes
{
    public const string PaymentExpired = "payment_expired";
    public const string PaymentRejected = "payment_rejected";
    public const string FailedProcessing = "failed_processing";
    public const string InvalidAccount = "invalid_account";
    public const string InsufficientFund = "insufficient_fund";
    public const string PaymentCancelled = "payment_cancelled";
    public const string Timeout = "timeout";
}

/// <summary>
/// Known event keys
/// </summary>
public static class OpnEventKeys
{
    public const string ChargeCreate = "charge.create";
    public const string ChargeUpdate = "charge.update";
    public const string ChargeComplete = "charge.complete";
    public const string ChargeExpire = "charge.expire";
}

/// <summary>
/// Known values of the "object" field
/// </summary>
public static class OpnObjectTypes
{
    public const string Charge = "charge";
    public const string Source = "source";
    public const string Event = "event";
    public const string List = "list";
    public const string Search = "search";
    public const string Account = "account";
    public const string Capability = "capability";
    public const string PaymentMethod = "payment_method";
    public const string Error = "error";
    public const string WebhookDelivery = "webhook_delivery";
}

/// <summary>
/// Known error codes (an open set)
/// </summary>
public static class OpnErrorCodes
{
    public const string AuthenticationFailure = "authentication_failure";
    public const string NotFound = "not_found";
    public const string BadRequest = "bad_request";
    public const string InvalidCharge = "invalid_charge";
    public const string InvalidAmount = "invalid_amount";
    public const string FailedExpire = "failed_expire";
    public const string ExpiredCharge = "expired_charge";
    public const string BackendError = "backend_error";
    public const string InvalidScope = "invalid_scope";
    public const string InvalidFilters = "invalid_filters";
    public const string InvalidPage = "invalid_page";
}

/// <summary>
/// Metadata keys the plugin writes on its charges
/// </summary>
public static class OpnMetadataKeys
{
    /// <summary>The order GUID (format "D"); <see cref="IOpnClient.FindChargesByOrderAsync"/> matches on it</summary>
    public const string OrderGuid = "order_guid";

    public const string OrderId = "order_id";
    public const string CustomOrderNumber = "custom_order_number";
    public const string StoreId = "store_id";
    public const string Attempt = "attempt";
}
