namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Calls the Opn Payments API. Every call names the credentials (and base URL) of the store it acts for.
/// </summary>
/// <remarks>
/// Non-2xx answers throw <see cref="OpnApiException"/>; network failures and timeouts throw
/// <see cref="OpnTransportException"/>. GETs and expiry are retried on 429, 5xx and network errors;
/// creating a charge is never retried blindly (see <see cref="FindChargesByOrderAsync"/>).
/// </remarks>
public interface IOpnClient
{
    /// <summary>
    /// Creates a KMA charge with an inline mobile_banking_bay source (one request)
    /// </summary>
    Task<OpnCharge> CreateChargeAsync(OpnCredentials credentials, CreateKmaChargeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Retrieves a charge: the only source of truth about money
    /// </summary>
    Task<OpnCharge> GetChargeAsync(OpnCredentials credentials, string chargeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Expires a pending charge (POST /charges/{id}/expire)
    /// </summary>
    Task<OpnCharge> ExpireChargeAsync(OpnCredentials credentials, string chargeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists a charge's events
    /// </summary>
    Task<OpnList<OpnEvent>> ListChargeEventsAsync(OpnCredentials credentials, string chargeId, int offset = 0, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>
    /// Retrieves an event
    /// </summary>
    Task<OpnEvent> GetEventAsync(OpnCredentials credentials, string eventId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Retrieves the account the secret key belongs to
    /// </summary>
    Task<OpnAccount> GetAccountAsync(OpnCredentials credentials, CancellationToken cancellationToken = default);

    /// <summary>
    /// Retrieves the account's capability (both the 2019 payment_methods and the legacy payment_backends shapes)
    /// </summary>
    Task<OpnCapability> GetCapabilityAsync(OpnCredentials credentials, CancellationToken cancellationToken = default);

    /// <summary>
    /// Searches charges (GET /search?scope=charge)
    /// </summary>
    Task<OpnSearchResult<OpnCharge>> SearchChargesAsync(OpnCredentials credentials, string query, IDictionary<string, string> filters = null, int page = 1, int perPage = 20, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the charges created for an order (by its metadata order GUID), newest first; used after an
    /// ambiguous create (timeout or 5xx) before creating another charge
    /// </summary>
    Task<IList<OpnCharge>> FindChargesByOrderAsync(OpnCredentials credentials, Guid orderGuid, CancellationToken cancellationToken = default);
}
