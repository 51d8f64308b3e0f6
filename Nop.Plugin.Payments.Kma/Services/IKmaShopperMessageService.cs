using Nop.Core.Domain.Orders;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// What a shopper is told about an order's payment: the reason, then only the next step that exists for the order
/// as it is now (nopCommerce's retry button where re-posting is allowed, a new order when it is cancelled, the store otherwise)
/// </summary>
public interface IKmaShopperMessageService
{
    /// <summary>
    /// Gets the locale resource of the reason a charge failed or expired
    /// </summary>
    /// <param name="failureCode">Opn's failure code, when known</param>
    /// <param name="expired">Whether the charge expired</param>
    /// <returns>The resource key</returns>
    string GetFailureResourceKey(string failureCode, bool expired);

    /// <summary>
    /// Gets the next step the shopper can take for the order as it is now
    /// </summary>
    /// <param name="order">The order, read after any change</param>
    /// <param name="languageId">Language identifier; 0 for the working language</param>
    /// <returns>A task that represents the asynchronous operation. The task result contains the localized text, empty when nothing is left to do</returns>
    Task<string> GetNextStepAsync(Order order, int languageId = 0);

    /// <summary>
    /// Gets a message: the text of a resource followed by the next step for the order as it is now
    /// </summary>
    /// <param name="order">The order, read after any change</param>
    /// <param name="resourceKey">Locale resource of the reason</param>
    /// <param name="languageId">Language identifier; 0 for the working language</param>
    /// <returns>A task that represents the asynchronous operation. The task result contains the localized message</returns>
    Task<string> GetMessageAsync(Order order, string resourceKey, int languageId = 0);

    /// <summary>
    /// Shows the reason of the last failed or expired charge on the order page: one customer-visible order note in the
    /// customer's language, replacing the previous one
    /// </summary>
    /// <param name="order">The order, read after any change</param>
    /// <param name="failureCode">Opn's failure code</param>
    /// <param name="expired">Whether the charge expired</param>
    /// <returns>A task that represents the asynchronous operation</returns>
    Task ShowFailureNoteAsync(Order order, string failureCode, bool expired);

    /// <summary>
    /// Removes the customer-visible failure note once the order is paid or cancelled
    /// </summary>
    /// <param name="order">The order</param>
    /// <returns>A task that represents the asynchronous operation</returns>
    Task RemoveFailureNoteAsync(Order order);
}
