using System.Collections.Concurrent;
using System.Globalization;
using Nop.Core.Caching;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Domain;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Logging;
using Nop.Services.Orders;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// Brings an order in line with its KMA charge. The charge is always fetched from Opn with the order's store keys;
/// every change happens under the per-order payment claim (a unique row in the database, so it holds across web
/// nodes) on a freshly read order, and is guarded so that running it twice (duplicate webhooks, the return page and
/// the webhook together, two web nodes) changes nothing the second time.
/// </summary>
public class KmaPaymentSyncService : IKmaPaymentSyncService
{
    #region Fields

    private const int MaxNotedChargeEvents = 40;

    //orders being applied in this process: a strict, non-blocking gate in front of ILocker, whose nopCommerce
    //implementations can let two callers in together (MemoryCacheLocker's GetOrCreate is not atomic)
    private static readonly ConcurrentDictionary<int, byte> _ordersInProgress = new();

    private readonly IGenericAttributeService _genericAttributeService;
    private readonly IKmaPaymentClaimService _kmaPaymentClaimService;
    private readonly IKmaShopperMessageService _kmaShopperMessageService;
    private readonly ILocker _locker;
    private readonly ILogger _logger;
    private readonly IOpnClient _opnClient;
    private readonly IOrderProcessingService _orderProcessingService;
    private readonly IOrderService _orderService;
    private readonly ISettingService _settingService;

    #endregion

    #region Ctor

    public KmaPaymentSyncService(IGenericAttributeService genericAttributeService,
        IKmaPaymentClaimService kmaPaymentClaimService,
        IKmaShopperMessageService kmaShopperMessageService,
        ILocker locker,
        ILogger logger,
        IOpnClient opnClient,
        IOrderProcessingService orderProcessingService,
        IOrderService orderService,
        ISettingService settingService)
    {
        _genericAttributeService = genericAttributeService;
        _kmaPaymentClaimService = kmaPaymentClaimService;
        _kmaShopperMessageService = kmaShopperMessageService;
        _locker = locker;
        _logger = logger;
        _opnClient = opnClient;
        _orderProcessingService = orderProcessingService;
        _orderService = orderService;
        _settingService = settingService;
    }

    #endregion

    #region Utilities

    private static KmaSyncResult Result(KmaSyncOutcome outcome, string message, OpnCharge charge = null, bool orderChanged = false)
    {
        return new KmaSyncResult { Outcome = outcome, Message = message, Charge = charge, OrderChanged = orderChanged };
    }

    private static bool SameId(string left, string right)
    {
        return !string.IsNullOrEmpty(left) && string.Equals(left, right, StringComparison.Ordinal);
    }

    private static List<string> SplitList(string value)
    {
        return (value ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
    }

    private static string Describe(OpnCharge charge)
    {
        var amount = (charge.Amount / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        return $"{charge.Id} ({amount} {charge.Currency})";
    }

    /// <summary>
    /// Gets the store's Opn credentials, or null when the store has no secret key
    /// </summary>
    private async Task<(KmaPaymentSettings Settings, OpnCredentials Credentials)> GetCredentialsAsync(int storeId)
    {
        var settings = await _settingService.LoadSettingAsync<KmaPaymentSettings>(storeId);
        if (string.IsNullOrWhiteSpace(settings?.SecretKey))
            return (settings, null);

        return (settings, new OpnCredentials(settings.PublicKey, settings.SecretKey, settings.ApiBaseUrl));
    }

    /// <summary>
    /// Fetches a charge; returns the failed result instead when Opn does not answer with that charge
    /// </summary>
    private async Task<(OpnCharge Charge, KmaSyncResult Failure)> FetchChargeAsync(Order order, OpnCredentials credentials, string chargeId, CancellationToken cancellationToken)
    {
        try
        {
            var charge = await _opnClient.GetChargeAsync(credentials, chargeId, cancellationToken);
            if (charge == null || !SameId(charge.Id, chargeId))
            {
                await _logger.WarningAsync($"Payments.Kma: order #{order.Id}: Opn answered for charge {chargeId} with another object; nothing was changed");
                return (null, Result(KmaSyncOutcome.Unavailable, "Unexpected answer from Opn"));
            }

            return (charge, null);
        }
        catch (OpnApiException exception) when (exception.StatusCode == 404)
        {
            await _logger.WarningAsync($"Payments.Kma: order #{order.Id}: Opn does not know charge {chargeId} with the keys of store #{order.StoreId}");
            return (null, Result(KmaSyncOutcome.NotFound, "Opn does not know the charge"));
        }
        catch (OpnException exception)
        {
            await _logger.WarningAsync($"Payments.Kma: order #{order.Id}: charge {chargeId} could not be fetched from Opn; nothing was changed. {exception.Message}");
            return (null, Result(KmaSyncOutcome.Unavailable, "Opn is unavailable"));
        }
    }

    /// <summary>
    /// Gets why the charge (as fetched from Opn) cannot belong to the order, or null when it matches
    /// </summary>
    private async Task<string> FindMismatchAsync(Order order, OpnCharge charge, OpnCredentials credentials, bool requireOrderGuid)
    {
        var metadata = charge.Metadata ?? new Dictionary<string, string>();
        if (metadata.TryGetValue("order_guid", out var orderGuid) && !string.IsNullOrWhiteSpace(orderGuid))
        {
            if (!Guid.TryParse(orderGuid, out var guid) || guid != order.OrderGuid)
                return "its metadata names another order";
        }
        else if (requireOrderGuid)
            return "it carries no order_guid metadata, so it cannot be tied to this order";

        if (metadata.TryGetValue("order_id", out var orderId) && !string.IsNullOrWhiteSpace(orderId)
            && (!int.TryParse(orderId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id != order.Id))
        {
            return "its metadata names another order id";
        }

        if (!string.Equals(charge.Currency, "THB", StringComparison.OrdinalIgnoreCase))
            return $"its currency is {charge.Currency ?? "missing"}, not THB";

        if (!string.Equals(charge.Source?.Type, KmaDefaults.SourceType, StringComparison.Ordinal))
            return $"its source type is {charge.Source?.Type ?? "missing"}, not {KmaDefaults.SourceType}";

        if (charge.Livemode == credentials.IsTestMode)
            return charge.Livemode ? "it is a live charge but the store uses test keys" : "it is a test charge but the store uses live keys";

        var recorded = await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.ChargeAmountSatang);
        if (!long.TryParse(recorded, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expectedSatang))
            return "the order has no recorded charge amount";

        if (charge.Amount != expectedSatang)
            return $"its amount is {charge.Amount} satang but the order recorded {expectedSatang} satang";

        return null;
    }

    /// <summary>
    /// Adds an order note once per charge and kind (not once per delivery). Returns false when it was already noted
    /// </summary>
    private async Task<bool> NoteOnceAsync(Order order, string chargeId, string kind, string text)
    {
        var marker = $"{chargeId}:{kind}";
        var noted = SplitList(await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.NotedChargeEvents));
        if (noted.Contains(marker, StringComparer.Ordinal))
            return false;

        await InsertNoteAsync(order, text);

        noted.Add(marker);
        await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.NotedChargeEvents,
            string.Join(",", noted.TakeLast(MaxNotedChargeEvents)));

        return true;
    }

    private async Task InsertNoteAsync(Order order, string text)
    {
        await _orderService.InsertOrderNoteAsync(new OrderNote
        {
            OrderId = order.Id,
            Note = text,
            DisplayToCustomer = false,
            CreatedOnUtc = DateTime.UtcNow
        });
    }

    /// <summary>
    /// Money arrived but cannot pay the order: an order note that stands out, a warning in the log and the charge id
    /// kept in an order attribute the admin can list. Never silent, never a change to the order
    /// </summary>
    private async Task<bool> RaiseAlertAsync(Order order, OpnCharge charge, string reason,
        string advice = "Check the charge in the Opn dashboard and refund or settle it by hand.")
    {
        var text = $"{KmaDefaults.AlertNotePrefix} Money arrived: KMA charge {Describe(charge)} is successful (Opn transaction {charge.Transaction ?? "n/a"}) but {reason}. {advice}";

        var alerts = SplitList(await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.PaymentAlert));
        if (!alerts.Contains(charge.Id, StringComparer.Ordinal))
        {
            alerts.Add(charge.Id);
            await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.PaymentAlert, string.Join(",", alerts));
        }

        var noted = await NoteOnceAsync(order, charge.Id, "alert", text);
        await _logger.WarningAsync($"Payments.Kma: order #{order.Id}: {text}");

        return noted;
    }

    private async Task SaveFailureCodeAsync(Order order, string failureCode)
    {
        var current = await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.LastFailureCode);
        if (!string.Equals(current, failureCode, StringComparison.Ordinal))
            await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.LastFailureCode, failureCode);
    }

    private bool CanCancel(Order order)
    {
        //never cancel an order whose payment went past pending (paid, refunded...), whatever nopCommerce would allow
        return order.PaymentStatus == PaymentStatus.Pending && order.OrderStatus != OrderStatus.Cancelled && _orderProcessingService.CanCancelOrder(order);
    }

    /// <summary>
    /// Checks, just before a change nopCommerce cannot undo, that the claim was not taken over meanwhile (its holder
    /// stalled past the lease); the other holder then applies the charge on the order as it finds it
    /// </summary>
    private async Task GuardClaimAsync(KmaPaymentClaim claim)
    {
        if (!await _kmaPaymentClaimService.IsHeldAsync(claim))
            throw new ClaimLostException();
    }

    private async Task MarkPaidAsync(Order order, OpnCharge charge, KmaPaymentClaim claim)
    {
        await GuardClaimAsync(claim);
        order.CaptureTransactionId = charge.Id;
        order.CaptureTransactionResult = charge.Transaction;
        await _orderService.UpdateOrderAsync(order);
        await _orderProcessingService.MarkOrderAsPaidAsync(order);
    }

    private static KmaSyncOutcome OutcomeOf(OpnCharge charge)
    {
        return charge.Status switch
        {
            OpnChargeStatuses.Successful => KmaSyncOutcome.Paid,
            OpnChargeStatuses.Pending => KmaSyncOutcome.Pending,
            OpnChargeStatuses.Failed => KmaSyncOutcome.Failed,
            OpnChargeStatuses.Expired => KmaSyncOutcome.Expired,
            _ => KmaSyncOutcome.Unavailable
        };
    }

    /// <summary>
    /// Applies the charge under the order lock and the order's payment claim, retrying briefly while another request
    /// (on this node or another) holds either
    /// </summary>
    private async Task<KmaSyncResult> ApplyAsync(int orderId, KmaPaymentSettings settings, OpnCredentials credentials, OpnCharge charge,
        KmaSyncOrigin origin, CancellationToken cancellationToken)
    {
        KmaSyncResult result = null;
        string supersededChargeId = null;

        for (var attempt = 1; ; attempt++)
        {
            var acquired = false;
            if (OrdersInProgress.TryAdd(orderId, 0))
            {
                try
                {
                    var claimed = false;
                    var locked = await _locker.PerformActionWithLockAsync(KmaDefaults.OrderLockKey(orderId), LockLifetime, async () =>
                    {
                        //ILocker is not atomic across nodes; the claim is: only its holder applies the charge
                        var claim = await _kmaPaymentClaimService.TryTakeAsync(orderId);
                        if (claim == null)
                            return;

                        claimed = true;
                        try
                        {
                            (result, supersededChargeId) = await ApplyLockedAsync(orderId, settings, credentials, charge, origin, claim);
                        }
                        catch (ClaimLostException)
                        {
                            await _logger.WarningAsync($"Payments.Kma: order #{orderId}: the payment claim was taken over before charge {charge.Id} was applied; the new holder applies it");
                            result = Result(KmaSyncOutcome.Busy, "Another request is updating the order");
                        }
                        finally
                        {
                            await _kmaPaymentClaimService.ReleaseAsync(claim);
                        }
                    });
                    acquired = locked && claimed;
                }
                finally
                {
                    OrdersInProgress.TryRemove(orderId, out _);
                }
            }

            if (acquired)
                break;

            if (attempt >= LockAttempts)
                return Result(KmaSyncOutcome.Busy, "Another request is updating the order", charge);

            await Task.Delay(LockRetryDelay, cancellationToken);
        }

        result.Charge = charge;

        //an earlier charge paid the order: make sure the charge that was current can no longer be paid too
        if (!string.IsNullOrEmpty(supersededChargeId))
            await ExpireSupersededAsync(orderId, credentials, supersededChargeId);

        return result;
    }

    private async Task ExpireSupersededAsync(int orderId, OpnCredentials credentials, string chargeId)
    {
        try
        {
            var charge = await _opnClient.ExpireChargeAsync(credentials, chargeId);
            await _logger.InformationAsync($"Payments.Kma: order #{orderId}: charge {chargeId} was expired at Opn (status {charge?.Status}) because an earlier charge paid the order");
        }
        catch (OpnException exception)
        {
            await _logger.WarningAsync($"Payments.Kma: order #{orderId}: charge {chargeId} could not be expired at Opn after an earlier charge paid the order; if it is paid too, refund it. {exception.Message}");
        }
    }

    /// <summary>
    /// The decision itself. Runs inside the order lock and the payment claim, on the order as it is in the database now
    /// </summary>
    private async Task<(KmaSyncResult Result, string SupersededChargeId)> ApplyLockedAsync(int orderId, KmaPaymentSettings settings,
        OpnCredentials credentials, OpnCharge charge, KmaSyncOrigin origin, KmaPaymentClaim claim)
    {
        //re-read: GetOrdersByIdsAsync is not cached, unlike GetOrderByIdAsync (per-request cache)
        var order = (await _orderService.GetOrdersByIdsAsync([orderId]))?.FirstOrDefault();
        if (order == null || order.Deleted)
            return (Result(KmaSyncOutcome.NotFound, "The order no longer exists"), null);

        var isCurrent = SameId(charge.Id, order.AuthorizationTransactionId);
        var isCapture = SameId(charge.Id, order.CaptureTransactionId);
        var successful = string.Equals(charge.Status, OpnChargeStatuses.Successful, StringComparison.Ordinal);
        var status = charge.Status ?? "unknown";

        //1. it must be this order's KMA charge, for the amount recorded when it was created
        var mismatch = await FindMismatchAsync(order, charge, credentials, requireOrderGuid: !isCurrent && !isCapture);
        if (mismatch != null)
        {
            var text = $"KMA charge {Describe(charge)} ({status}) was refused: {mismatch}.";
            await _logger.WarningAsync($"Payments.Kma: order #{order.Id} ({origin}): {text}");
            var noted = successful
                ? await RaiseAlertAsync(order, charge, $"it was refused: {mismatch}")
                : await NoteOnceAsync(order, charge.Id, "mismatch", text);

            return (new KmaSyncResult { Outcome = KmaSyncOutcome.Mismatch, Message = mismatch, OrderChanged = noted, AlertRaised = successful }, null);
        }

        //2. the order already went past pending (paid, refunded...) or was cancelled: never change it
        if (order.PaymentStatus != PaymentStatus.Pending || order.OrderStatus == OrderStatus.Cancelled)
        {
            if (successful && isCapture)
                return (Result(KmaSyncOutcome.Paid, "The order is already paid with this charge"), null);

            if (successful)
            {
                var reason = order.OrderStatus == OrderStatus.Cancelled
                    ? "the order is cancelled"
                    : $"the order is already {order.PaymentStatus} (capture {order.CaptureTransactionId ?? "none"})";
                var alerted = await RaiseAlertAsync(order, charge, reason);

                return (new KmaSyncResult { Outcome = KmaSyncOutcome.NotApplied, Message = reason, OrderChanged = alerted, AlertRaised = true }, null);
            }

            var ignoredNote = await NoteOnceAsync(order, charge.Id, status,
                $"KMA charge {Describe(charge)} is {status}; the order is {order.OrderStatus} / {order.PaymentStatus}, so nothing was changed.");

            return (Result(isCurrent ? OutcomeOf(charge) : KmaSyncOutcome.NotCurrentCharge, "The order is no longer payable", orderChanged: ignoredNote), null);
        }

        //3. a charge that is not the order's current one
        if (!isCurrent)
        {
            var previous = SplitList(await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.PreviousChargeIds));
            var known = previous.Contains(charge.Id, StringComparer.Ordinal) ? "an earlier charge of this order" : "a charge this order does not list";

            if (successful)
            {
                //money arrived for this very order (order_guid and amount checked above) while it is still payable:
                //it pays the order, and the admin is told because the current charge must not be paid as well
                if (!_orderProcessingService.CanMarkOrderAsPaid(order))
                {
                    var alerted = await RaiseAlertAsync(order, charge, "nopCommerce does not allow marking the order as paid");
                    return (new KmaSyncResult { Outcome = KmaSyncOutcome.NotApplied, OrderChanged = alerted, AlertRaised = true }, null);
                }

                var superseded = order.AuthorizationTransactionId;
                await MarkPaidAsync(order, charge, claim);
                await RaiseAlertAsync(order, charge,
                    $"it is {known}, not the current charge {superseded ?? "(none)"}",
                    "It paid the order. The current charge is expired at Opn; if it was paid as well, refund one of them.");

                return (new KmaSyncResult { Outcome = KmaSyncOutcome.Paid, OrderChanged = true, AlertRaised = true, Message = "Paid by an earlier charge" }, superseded);
            }

            var staleNote = await NoteOnceAsync(order, charge.Id, status,
                $"KMA charge {Describe(charge)} is {status}. It is {known}, not the current charge {order.AuthorizationTransactionId ?? "(none)"}: noted only.");

            return (Result(KmaSyncOutcome.NotCurrentCharge, "Not the order's current charge", orderChanged: staleNote), null);
        }

        //4. the order's current charge, order still payable
        switch (charge.Status)
        {
            case OpnChargeStatuses.Successful:
                if (!_orderProcessingService.CanMarkOrderAsPaid(order))
                {
                    var alerted = await RaiseAlertAsync(order, charge, "nopCommerce does not allow marking the order as paid");
                    return (new KmaSyncResult { Outcome = KmaSyncOutcome.NotApplied, OrderChanged = alerted, AlertRaised = true }, null);
                }

                await MarkPaidAsync(order, charge, claim);
                await InsertNoteAsync(order, $"KMA charge {Describe(charge)} is successful (Opn transaction {charge.Transaction ?? "n/a"}); the order is paid. {KmaDefaults.RefundHelpNote}");

                return (Result(KmaSyncOutcome.Paid, "Paid", orderChanged: true), null);

            case OpnChargeStatuses.Pending:
                return (Result(KmaSyncOutcome.Pending, "The charge is still pending"), null);

            case OpnChargeStatuses.Failed:
            {
                var code = string.IsNullOrWhiteSpace(charge.FailureCode) ? OpnFailureCodes.FailedProcessing : charge.FailureCode;
                await SaveFailureCodeAsync(order, code);
                var cancel = settings.CancelOrderOnFailedCharge && CanCancel(order);
                var noted = await NoteOnceAsync(order, charge.Id, "failed",
                    $"KMA charge {Describe(charge)} failed: {code} - {charge.FailureMessage ?? "no message"}. " +
                    (cancel ? "The order is cancelled (store setting)." : "The order stays pending so the shopper can pay again."));
                if (cancel)
                {
                    await GuardClaimAsync(claim);
                    await _orderProcessingService.CancelOrderAsync(order, false);
                }
                if (noted)
                    await _kmaShopperMessageService.ShowFailureNoteAsync(order, code, expired: false);

                return (Result(KmaSyncOutcome.Failed, code, orderChanged: noted || cancel), null);
            }

            case OpnChargeStatuses.Expired:
            {
                var code = string.IsNullOrWhiteSpace(charge.FailureCode) ? OpnFailureCodes.PaymentExpired : charge.FailureCode;
                await SaveFailureCodeAsync(order, code);
                var cancel = settings.CancelOrderOnExpiredCharge && CanCancel(order);
                var noted = await NoteOnceAsync(order, charge.Id, "expired",
                    $"KMA charge {Describe(charge)} expired. " +
                    (cancel ? "The order is cancelled (store setting)." : "The order stays pending."));
                if (cancel)
                {
                    await GuardClaimAsync(claim);
                    await _orderProcessingService.CancelOrderAsync(order, false);
                }
                if (noted)
                    await _kmaShopperMessageService.ShowFailureNoteAsync(order, code, expired: true);

                return (Result(KmaSyncOutcome.Expired, code, orderChanged: noted || cancel), null);
            }

            default:
                //an answer we do not understand is never taken as a failure or an expiry
                await _logger.WarningAsync($"Payments.Kma: order #{order.Id}: charge {charge.Id} has status '{status}'; nothing was changed");
                return (Result(KmaSyncOutcome.Unavailable, $"Unknown charge status '{status}'"), null);
        }
    }

    #endregion

    #region Methods

    /// <inheritdoc />
    public virtual async Task<KmaSyncResult> SyncAsync(Order order, string chargeId = null, KmaSyncOrigin origin = KmaSyncOrigin.Return, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);

        chargeId = string.IsNullOrWhiteSpace(chargeId) ? order.AuthorizationTransactionId : chargeId.Trim();
        if (string.IsNullOrWhiteSpace(chargeId))
            return Result(KmaSyncOutcome.NotFound, "The order has no KMA charge");

        var (settings, credentials) = await GetCredentialsAsync(order.StoreId);
        if (credentials == null)
        {
            await _logger.WarningAsync($"Payments.Kma: order #{order.Id}: store #{order.StoreId} has no Opn secret key; the charge cannot be checked");
            return Result(KmaSyncOutcome.Unavailable, "The store has no Opn keys");
        }

        var (charge, failure) = await FetchChargeAsync(order, credentials, chargeId, cancellationToken);
        if (failure != null)
            return failure;

        return await ApplyAsync(order.Id, settings, credentials, charge, origin, cancellationToken);
    }

    /// <inheritdoc />
    public virtual async Task<KmaSyncResult> ExpireChargeAsync(Order order, string chargeId = null, KmaSyncOrigin origin = KmaSyncOrigin.Reconciliation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);

        chargeId = string.IsNullOrWhiteSpace(chargeId) ? order.AuthorizationTransactionId : chargeId.Trim();
        if (string.IsNullOrWhiteSpace(chargeId))
            return Result(KmaSyncOutcome.NotFound, "The order has no KMA charge");

        var (settings, credentials) = await GetCredentialsAsync(order.StoreId);
        if (credentials == null)
            return Result(KmaSyncOutcome.Unavailable, "The store has no Opn keys");

        var (charge, failure) = await FetchChargeAsync(order, credentials, chargeId, cancellationToken);
        if (failure != null)
            return failure;

        if (string.Equals(charge.Status, OpnChargeStatuses.Pending, StringComparison.Ordinal))
        {
            OpnCharge expired = null;
            try
            {
                expired = await _opnClient.ExpireChargeAsync(credentials, chargeId, cancellationToken);
            }
            catch (OpnApiException exception) when (!exception.IsTransient)
            {
                //Opn refused (for example the charge completed meanwhile): what it is now is fetched below
                await _logger.InformationAsync($"Payments.Kma: order #{order.Id}: Opn refused to expire charge {chargeId}: {exception.Code}");
            }
            catch (OpnException exception)
            {
                await _logger.WarningAsync($"Payments.Kma: order #{order.Id}: charge {chargeId} could not be expired at Opn; nothing was changed. {exception.Message}");
                return Result(KmaSyncOutcome.Unavailable, "Opn is unavailable", charge);
            }

            if (expired != null && SameId(expired.Id, chargeId))
                charge = expired;
            else
            {
                (charge, failure) = await FetchChargeAsync(order, credentials, chargeId, cancellationToken);
                if (failure != null)
                    return failure;
            }
        }

        return await ApplyAsync(order.Id, settings, credentials, charge, origin, cancellationToken);
    }

    #endregion

    #region Nested classes

    /// <summary>
    /// The payment claim was taken over while this request held it
    /// </summary>
    private sealed class ClaimLostException : Exception
    {
    }

    #endregion

    #region Properties

    /// <summary>
    /// Gets how long the order lock lives if its holder dies
    /// </summary>
    public static TimeSpan LockLifetime => TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets the in-process gate (one per process; a test gives each simulated web node its own)
    /// </summary>
    internal ConcurrentDictionary<int, byte> OrdersInProgress { get; set; } = _ordersInProgress;

    /// <summary>
    /// Gets or sets how many times the lock is tried before the result is Busy
    /// </summary>
    internal int LockAttempts { get; set; } = 5;

    /// <summary>
    /// Gets or sets the pause between two tries of the lock
    /// </summary>
    internal TimeSpan LockRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    #endregion
}
