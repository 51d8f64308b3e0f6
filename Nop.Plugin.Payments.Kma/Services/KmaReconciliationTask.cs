using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Logging;
using Nop.Services.Orders;
using Nop.Services.ScheduleTasks;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// Finds pending KMA orders of every store (oldest first, a bounded batch per run) and syncs each with its charge
/// using its own store's keys; expires at Opn the charges still pending after their expires_at. An Opn error or an
/// answer it does not understand is skipped, never taken as an expiry
/// </summary>
public class KmaReconciliationTask : IScheduleTask
{
    #region Fields

    private readonly IGenericAttributeService _genericAttributeService;
    private readonly IKmaPaymentClaimService _kmaPaymentClaimService;
    private readonly IKmaPaymentSyncService _kmaPaymentSyncService;
    private readonly ILogger _logger;
    private readonly IOrderService _orderService;
    private readonly ISettingService _settingService;

    #endregion

    #region Ctor

    public KmaReconciliationTask(IGenericAttributeService genericAttributeService,
        IKmaPaymentClaimService kmaPaymentClaimService,
        IKmaPaymentSyncService kmaPaymentSyncService,
        ILogger logger,
        IOrderService orderService,
        ISettingService settingService)
    {
        _genericAttributeService = genericAttributeService;
        _kmaPaymentClaimService = kmaPaymentClaimService;
        _kmaPaymentSyncService = kmaPaymentSyncService;
        _logger = logger;
        _orderService = orderService;
        _settingService = settingService;
    }

    #endregion

    #region Utilities

    private static DateTime ToUtc(DateTime value)
    {
        return value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
    }

    private Task<Nop.Core.IPagedList<Order>> SearchAsync(DateTime createdFromUtc, DateTime createdToUtc, int pageIndex)
    {
        //nopCommerce returns the newest first; the caller walks the pages from the end
        return _orderService.SearchOrdersAsync(paymentMethodSystemName: KmaDefaults.SystemName,
            createdFromUtc: createdFromUtc,
            createdToUtc: createdToUtc,
            osIds: [(int)OrderStatus.Pending, (int)OrderStatus.Processing],
            psIds: [(int)PaymentStatus.Pending],
            pageIndex: pageIndex,
            pageSize: PageSize);
    }

    #endregion

    #region Methods

    /// <summary>
    /// Executes the task
    /// </summary>
    /// <returns>A task that represents the asynchronous operation</returns>
    public async Task ExecuteAsync()
    {
        //claims nobody released (their node died) on orders no sync comes back to; a pending order's claim is taken
        //over by its own sync below anyway
        try
        {
            await _kmaPaymentClaimService.DeleteAbandonedAsync();
        }
        catch (Exception exception)
        {
            await _logger.ErrorAsync("Payments.Kma: abandoned payment claims could not be deleted", exception);
        }

        var started = TimeProvider.GetTimestamp();
        var now = TimeProvider.GetUtcNow().UtcDateTime;
        var createdFromUtc = now - LookBack;
        var createdToUtc = now - MinimumAge;

        var firstPage = await SearchAsync(createdFromUtc, createdToUtc, 0);
        if (firstPage == null || firstPage.TotalCount == 0)
            return;

        var storesWithKeys = new Dictionary<int, bool>();
        var unavailableByStore = new Dictionary<int, int>();
        int synced = 0, changed = 0, expired = 0, unavailable = 0;
        var lastPage = (firstPage.TotalCount - 1) / PageSize;

        for (var pageIndex = lastPage; pageIndex >= 0; pageIndex--)
        {
            var page = pageIndex == 0 ? firstPage : await SearchAsync(createdFromUtc, createdToUtc, pageIndex);
            foreach (var order in page.OrderBy(order => order.CreatedOnUtc).ThenBy(order => order.Id))
            {
                if (synced >= BatchSize || TimeProvider.GetElapsedTime(started) > TimeBudget)
                    goto done;

                if (string.IsNullOrWhiteSpace(order.AuthorizationTransactionId) || order.OrderStatus == OrderStatus.Cancelled)
                    continue;

                if (!storesWithKeys.TryGetValue(order.StoreId, out var hasKeys))
                {
                    var settings = await _settingService.LoadSettingAsync<KmaPaymentSettings>(order.StoreId);
                    storesWithKeys[order.StoreId] = hasKeys = !string.IsNullOrWhiteSpace(settings?.SecretKey);
                }

                //a store without keys, or whose Opn did not answer several times in this run, waits for the next run
                if (!hasKeys || unavailableByStore.GetValueOrDefault(order.StoreId) >= MaxUnavailablePerStore)
                    continue;

                //a terminal charge that left the order pending (no auto-cancel) is settled once, not re-fetched every run
                var settledChargeId = await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.ReconciledChargeId);
                if (string.Equals(settledChargeId, order.AuthorizationTransactionId, StringComparison.Ordinal))
                    continue;

                synced++;
                try
                {
                    var result = await _kmaPaymentSyncService.SyncAsync(order, null, KmaSyncOrigin.Reconciliation);

                    if (result.Outcome == KmaSyncOutcome.Pending && result.Charge?.ExpiresAt is DateTime expiresAt
                        && ToUtc(expiresAt) + ExpiryGrace < now)
                    {
                        result = await _kmaPaymentSyncService.ExpireChargeAsync(order, result.Charge.Id, KmaSyncOrigin.Reconciliation);
                        if (result.Outcome == KmaSyncOutcome.Expired)
                            expired++;
                    }

                    if (result.OrderChanged)
                        changed++;

                    switch (result.Outcome)
                    {
                        case KmaSyncOutcome.Failed:
                        case KmaSyncOutcome.Expired:
                        case KmaSyncOutcome.Mismatch:
                        case KmaSyncOutcome.NotApplied:
                            await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.ReconciledChargeId, order.AuthorizationTransactionId);
                            break;
                        case KmaSyncOutcome.Unavailable:
                            unavailable++;
                            unavailableByStore[order.StoreId] = unavailableByStore.GetValueOrDefault(order.StoreId) + 1;
                            break;
                    }
                }
                catch (Exception exception)
                {
                    //one order never stops the others
                    await _logger.ErrorAsync($"Payments.Kma: reconciliation of order #{order.Id} failed", exception);
                }
            }
        }

        done:
        if (changed > 0 || unavailable > 0)
        {
            await _logger.InformationAsync($"Payments.Kma: reconciliation checked {synced} pending order(s): {changed} changed, {expired} expired at Opn, {unavailable} skipped because Opn was unavailable");
        }
    }

    #endregion

    #region Properties

    /// <summary>Gets or sets the largest number of orders synced in one run</summary>
    internal int BatchSize { get; set; } = 50;

    /// <summary>Gets or sets the number of orders read from the database at once</summary>
    internal int PageSize { get; set; } = 100;

    /// <summary>Gets or sets the time one run may take before it stops and leaves the rest for the next run</summary>
    internal TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets how far back orders are looked at (older pending orders are left to the admin)</summary>
    internal TimeSpan LookBack { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Gets or sets the age below which an order is left alone (the shopper is probably paying)</summary>
    internal TimeSpan MinimumAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the margin after expires_at before a pending charge is expired (clock differences)</summary>
    internal TimeSpan ExpiryGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many Unavailable answers from one store's Opn end that store's share of the run</summary>
    internal int MaxUnavailablePerStore { get; set; } = 3;

    /// <summary>Gets or sets the clock</summary>
    internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    #endregion
}
