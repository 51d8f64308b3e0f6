using Nop.Data;
using Nop.Plugin.Payments.Kma.Domain;
using Nop.Services.Logging;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// Per-order payment claims in the plugin's own table, whose unique key on the order id makes taking a claim atomic in
/// the database itself, whatever nopCommerce's cache or locker is. Works the same on SQL Server, MySQL and PostgreSQL:
/// after a failed insert the row is read again, and a row present means another node won
/// </summary>
public class KmaPaymentClaimService : IKmaPaymentClaimService
{
    #region Fields

    private readonly ILogger _logger;
    private readonly IRepository<KmaPaymentClaim> _claimRepository;

    #endregion

    #region Ctor

    public KmaPaymentClaimService(ILogger logger,
        IRepository<KmaPaymentClaim> claimRepository)
    {
        _logger = logger;
        _claimRepository = claimRepository;
    }

    #endregion

    #region Utilities

    private async Task<KmaPaymentClaim> GetClaimAsync(int orderId)
    {
        //no cache key: always read from the database
        var claims = await _claimRepository.GetAllAsync(query => query.Where(claim => claim.OrderId == orderId));
        return claims.FirstOrDefault();
    }

    private static DateTime ToUtc(DateTime value)
    {
        return value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
    }

    /// <summary>
    /// Names the holder: machine and process for the admin, and a random part so that every claim is told apart
    /// </summary>
    private static string NewHolder()
    {
        var holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return holder.Length <= KmaDefaults.Claims.HolderMaxLength ? holder : holder[^KmaDefaults.Claims.HolderMaxLength..];
    }

    #endregion

    #region Methods

    /// <inheritdoc />
    public virtual async Task<KmaPaymentClaim> TryTakeAsync(int orderId)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = TimeProvider.GetUtcNow().UtcDateTime;

            var current = await GetClaimAsync(orderId);
            if (current != null)
            {
                if (ToUtc(current.TakenOnUtc) > now - Lease)
                    return null;

                //abandoned (its node died or hung past the lease): delete exactly that row, by its own id (ids are
                //never reused, so this can never delete a newer claim); the insert below is what decides anyway
                await _claimRepository.DeleteAsync(current, false);
                await _logger.WarningAsync($"Payments.Kma: order #{orderId}: the payment claim of {current.Holder}, taken at {ToUtc(current.TakenOnUtc):O}, outlived its lease and was taken over");
            }

            var taken = new KmaPaymentClaim { OrderId = orderId, Holder = NewHolder(), TakenOnUtc = now };
            try
            {
                await _claimRepository.InsertAsync(taken, false);
                return taken;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                //a unique-key violation, whatever the database: another node's row is there now
                if (await GetClaimAsync(orderId) != null)
                    return null;

                //or it was, and its holder already released it: take another turn; an insert that keeps failing with
                //no row in the way is a real error
                if (attempt >= MaxInsertAttempts)
                    throw;
            }
        }
    }

    /// <inheritdoc />
    public virtual async Task<bool> IsHeldAsync(KmaPaymentClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);

        var current = await GetClaimAsync(claim.OrderId);
        return current != null && string.Equals(current.Holder, claim.Holder, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public virtual async Task ReleaseAsync(KmaPaymentClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);

        //by the row's own id: a claim taken over meanwhile is another row and stays. Not DeleteAsync(predicate):
        //nopCommerce runs that in a serializable TransactionScope, which PostgreSQL aborts (40001) when several
        //nodes release claims at once
        try
        {
            await _claimRepository.DeleteAsync(claim, false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            //called from finally blocks: never hide what happened before; the row lapses after the lease
            await _logger.WarningAsync($"Payments.Kma: order #{claim.OrderId}: the payment claim could not be released; it lapses after {Lease.TotalMinutes:0} minutes. {exception.Message}");
        }
    }

    /// <inheritdoc />
    public virtual async Task<int> DeleteAbandonedAsync()
    {
        //each row by its own id, as a takeover does: a claim taken after the read is another row and stays
        var abandonedBefore = TimeProvider.GetUtcNow().UtcDateTime - Lease;
        var abandoned = await _claimRepository.GetAllAsync(query => query
            .Where(claim => claim.TakenOnUtc < abandonedBefore)
            .OrderBy(claim => claim.Id)
            .Take(AbandonedBatchSize));

        foreach (var claim in abandoned)
            await _claimRepository.DeleteAsync(claim, false);

        if (abandoned.Count > 0)
        {
            await _logger.WarningAsync($"Payments.Kma: {abandoned.Count} payment claim(s) outlived their lease and were deleted (orders {string.Join(", ", abandoned.Select(claim => $"#{claim.OrderId}"))})");
        }

        return abandoned.Count;
    }

    #endregion

    #region Properties

    /// <summary>
    /// Gets how many abandoned claims one call deletes at most
    /// </summary>
    private static int AbandonedBatchSize => 100;

    /// <summary>
    /// Gets how many failed inserts with no other claim in the way are taken as a real error
    /// </summary>
    private static int MaxInsertAttempts => 3;

    /// <summary>
    /// Gets or sets how long a claim protects its holder
    /// </summary>
    internal TimeSpan Lease { get; set; } = KmaDefaults.Claims.Lease;

    /// <summary>
    /// Gets or sets the clock
    /// </summary>
    internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    #endregion
}
