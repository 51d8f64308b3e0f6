using Nop.Plugin.Payments.Kma.Domain;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// Takes and releases the per-order payment claim: an atomic, database-wide "only I apply this order now" that holds
/// across every web node sharing the store's database
/// </summary>
public interface IKmaPaymentClaimService
{
    /// <summary>
    /// Takes the claim on an order, or takes over a claim whose lease has run out
    /// </summary>
    /// <param name="orderId">Order identifier</param>
    /// <returns>
    /// A task that represents the asynchronous operation
    /// The task result contains the claim, or null when another holder has a live claim on the order
    /// </returns>
    Task<KmaPaymentClaim> TryTakeAsync(int orderId);

    /// <summary>
    /// Checks that the claim is still this holder's (it was not taken over after its lease ran out)
    /// </summary>
    /// <param name="claim">Claim taken by TryTakeAsync</param>
    /// <returns>
    /// A task that represents the asynchronous operation
    /// The task result is true while the claim is held
    /// </returns>
    Task<bool> IsHeldAsync(KmaPaymentClaim claim);

    /// <summary>
    /// Releases the claim (deletes exactly this claim's row; a claim taken over meanwhile is another row and stays).
    /// Never throws: when the database cannot be reached, the failure is logged and the claim lapses after its lease
    /// </summary>
    /// <param name="claim">Claim taken by TryTakeAsync</param>
    /// <returns>A task that represents the asynchronous operation</returns>
    Task ReleaseAsync(KmaPaymentClaim claim);

    /// <summary>
    /// Deletes claims whose lease ran out: left by a node that died or could not release them, on orders no sync
    /// comes back to (already settled). A bounded batch per call
    /// </summary>
    /// <returns>
    /// A task that represents the asynchronous operation
    /// The task result contains the number of claims deleted
    /// </returns>
    Task<int> DeleteAbandonedAsync();
}
