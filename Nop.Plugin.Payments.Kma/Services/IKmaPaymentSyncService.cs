using Nop.Core.Domain.Orders;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// Where a request to bring an order in line with its charge came from
/// </summary>
public enum KmaSyncOrigin
{
    Return = 0,
    Webhook = 1,
    Reconciliation = 2,
    Checkout = 3,
    Admin = 4
}

/// <summary>
/// What syncing an order with its charge found and did
/// </summary>
public enum KmaSyncOutcome
{
    /// <summary>The charge is successful and the order is paid (now or already)</summary>
    Paid = 0,

    /// <summary>The charge is still pending</summary>
    Pending = 1,

    /// <summary>The charge failed; the order stays payable or was cancelled, as the store chose</summary>
    Failed = 2,

    /// <summary>The charge expired</summary>
    Expired = 3,

    /// <summary>The charge is not the order's current charge (only noted, or alerted when it is a late success)</summary>
    NotCurrentCharge = 4,

    /// <summary>The charge does not match the order (amount, currency, source type, livemode or metadata): refused</summary>
    Mismatch = 5,

    /// <summary>Opn could not be reached or answered with an error: nothing was changed; try again later</summary>
    Unavailable = 6,

    /// <summary>Another request holds the order's lock: nothing was changed; try again shortly</summary>
    Busy = 7,

    /// <summary>The order has no KMA charge, or Opn does not know the charge</summary>
    NotFound = 8,

    /// <summary>
    /// The charge is successful (money arrived) but the order cannot take it: it is cancelled, or already paid
    /// by something else. Nothing was changed on the order; it was noted and alerted for the admin
    /// </summary>
    NotApplied = 9
}

/// <summary>
/// The result of <see cref="IKmaPaymentSyncService.SyncAsync"/>
/// </summary>
public sealed class KmaSyncResult
{
    /// <summary>Gets or sets the outcome</summary>
    public KmaSyncOutcome Outcome { get; set; }

    /// <summary>Gets or sets the charge as fetched from Opn, when it was fetched</summary>
    public OpnCharge Charge { get; set; }

    /// <summary>Gets or sets a value indicating whether this call changed the order</summary>
    public bool OrderChanged { get; set; }

    /// <summary>Gets or sets a value indicating whether a successful charge needs the admin's attention (see <see cref="KmaSyncOutcome.NotApplied"/>)</summary>
    public bool AlertRaised { get; set; }

    /// <summary>Gets or sets a short, secret-free explanation for logs and the admin</summary>
    public string Message { get; set; }
}

/// <summary>
/// Brings an order in line with its charge: fetches the charge from Opn with the order's store keys
/// (never trusting the caller's copy), checks it against the order, and applies it under the order lock,
/// idempotently. Used by the return page, the webhook and the reconciliation task.
/// </summary>
public interface IKmaPaymentSyncService
{
    /// <summary>
    /// Syncs the order with a charge
    /// </summary>
    /// <param name="order">The order</param>
    /// <param name="chargeId">The charge to sync, or null for the order's current charge</param>
    /// <param name="origin">Who asks</param>
    /// <param name="cancellationToken">Cancellation token</param>
    /// <returns>A task that represents the asynchronous operation. The task result contains what was found and done</returns>
    Task<KmaSyncResult> SyncAsync(Order order, string chargeId = null, KmaSyncOrigin origin = KmaSyncOrigin.Return, CancellationToken cancellationToken = default);

    /// <summary>
    /// Expires a pending charge at Opn (so it can no longer be paid), then syncs the order with what Opn answers.
    /// A charge that already left pending is not touched; an Opn failure leaves everything unchanged (Unavailable)
    /// </summary>
    /// <param name="order">The order</param>
    /// <param name="chargeId">The charge to expire, or null for the order's current charge</param>
    /// <param name="origin">Who asks</param>
    /// <param name="cancellationToken">Cancellation token</param>
    /// <returns>A task that represents the asynchronous operation. The task result contains what was found and done</returns>
    Task<KmaSyncResult> ExpireChargeAsync(Order order, string chargeId = null, KmaSyncOrigin origin = KmaSyncOrigin.Reconciliation, CancellationToken cancellationToken = default);
}
