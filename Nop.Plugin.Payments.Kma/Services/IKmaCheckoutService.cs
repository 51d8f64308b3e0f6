using Nop.Core.Domain.Orders;
using Nop.Services.Payments;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// What starting (or resuming) the payment of an order came to
/// </summary>
public enum KmaCheckoutOutcome
{
    /// <summary>The shopper goes to the charge: the KMA app on a phone, the "pay on your phone" page on a desktop</summary>
    Redirect = 0,

    /// <summary>The order is paid already, or its charge succeeded: the shopper goes to the return page, which applies it</summary>
    AlreadyPaid = 1,

    /// <summary>No charge could be handed to the shopper; the order stays payable and the shopper sees a message</summary>
    Failed = 2
}

/// <summary>
/// The result of <see cref="IKmaCheckoutService.StartPaymentAsync"/>
/// </summary>
public sealed class KmaCheckoutResult
{
    /// <summary>Gets or sets the outcome</summary>
    public KmaCheckoutOutcome Outcome { get; set; }

    /// <summary>Gets or sets where to send the shopper (absolute URL); null when the caller decides</summary>
    public string RedirectUrl { get; set; }

    /// <summary>Gets or sets the locale resource of the message to show the shopper, when the outcome is Failed</summary>
    public string MessageResourceKey { get; set; }

    /// <summary>Gets or sets the charge handed to the shopper, when there is one</summary>
    public Opn.OpnCharge Charge { get; set; }
}

/// <summary>
/// The checkout side of KMA payments: when the method is offered, what it costs, and the one charge per order
/// </summary>
public interface IKmaCheckoutService
{
    /// <summary>
    /// Gets a value indicating whether the current store can offer KMA for the cart
    /// (keys set, THB available, total within ฿20–฿150,000, and Opn's capability when the store checks it)
    /// </summary>
    /// <param name="cart">Shopping cart</param>
    Task<bool> IsAvailableAsync(IList<ShoppingCartItem> cart);

    /// <summary>
    /// Gets the additional fee of the method for the cart, in the primary store currency
    /// </summary>
    /// <param name="cart">Shopping cart</param>
    Task<decimal> GetAdditionalFeeAsync(IList<ShoppingCartItem> cart);

    /// <summary>
    /// Checks an order about to be placed; the payment stays pending until the charge completes
    /// </summary>
    /// <param name="processPaymentRequest">Payment info</param>
    Task<ProcessPaymentResult> ValidatePaymentAsync(ProcessPaymentRequest processPaymentRequest);

    /// <summary>
    /// Gives the shopper the order's one live charge: reuses the pending one while it is valid, otherwise expires it
    /// and creates the next attempt. Runs under the order lock. Never throws for Opn failures.
    /// </summary>
    /// <param name="order">The placed order</param>
    /// <param name="userAgent">The shopper's User-Agent</param>
    /// <param name="cancellationToken">Cancellation token</param>
    Task<KmaCheckoutResult> StartPaymentAsync(Order order, string userAgent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets the order total in THB: the amount the shopper saw when they paid in THB, otherwise the primary
    /// currency amount converted at the current THB rate. Null when THB is not a currency of the store.
    /// </summary>
    /// <param name="order">The order</param>
    Task<decimal?> GetOrderTotalInThbAsync(Order order);

    /// <summary>
    /// Gets the absolute URL of a public plugin page for the order (return, waiting, status or pay)
    /// </summary>
    /// <param name="order">The order</param>
    /// <param name="path">A path of <see cref="KmaDefaults.Checkout"/></param>
    /// <param name="token">The order's return token</param>
    Task<string> GetOrderPageUrlAsync(Order order, string path, string token);
}
