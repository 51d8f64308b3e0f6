using Nop.Core.Domain.Orders;
using Nop.Services.Events;
using Nop.Services.Orders;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// Removes the customer-visible failure note once a KMA order is no longer payable (paid or cancelled): the reason
/// is shown while the shopper can still act on it
/// </summary>
public class KmaShopperNoteEventConsumer : IConsumer<OrderPaidEvent>, IConsumer<OrderStatusChangedEvent>
{
    #region Fields

    private readonly IKmaShopperMessageService _kmaShopperMessageService;

    #endregion

    #region Ctor

    public KmaShopperNoteEventConsumer(IKmaShopperMessageService kmaShopperMessageService)
    {
        _kmaShopperMessageService = kmaShopperMessageService;
    }

    #endregion

    #region Utilities

    private static bool IsKmaOrder(Order order)
    {
        return order != null && string.Equals(order.PaymentMethodSystemName, KmaDefaults.SystemName, StringComparison.OrdinalIgnoreCase);
    }

    #endregion

    #region Methods

    /// <summary>
    /// Handles the event
    /// </summary>
    /// <param name="eventMessage">The event message</param>
    /// <returns>A task that represents the asynchronous operation</returns>
    public async Task HandleEventAsync(OrderPaidEvent eventMessage)
    {
        if (IsKmaOrder(eventMessage?.Order))
            await _kmaShopperMessageService.RemoveFailureNoteAsync(eventMessage.Order);
    }

    /// <summary>
    /// Handles the event
    /// </summary>
    /// <param name="eventMessage">The event message</param>
    /// <returns>A task that represents the asynchronous operation</returns>
    public async Task HandleEventAsync(OrderStatusChangedEvent eventMessage)
    {
        if (IsKmaOrder(eventMessage?.Order) && eventMessage.Order.OrderStatus == OrderStatus.Cancelled)
            await _kmaShopperMessageService.RemoveFailureNoteAsync(eventMessage.Order);
    }

    #endregion
}
