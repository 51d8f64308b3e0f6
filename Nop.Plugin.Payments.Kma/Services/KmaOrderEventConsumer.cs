using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Events;
using Nop.Services.Logging;
using Nop.Services.Orders;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// When an order with a pending KMA charge is cancelled (by the admin), expires the charge at Opn so that
/// the shopper can no longer pay it
/// </summary>
public class KmaOrderEventConsumer : IConsumer<OrderStatusChangedEvent>
{
    #region Fields

    private readonly IGenericAttributeService _genericAttributeService;
    private readonly ILogger _logger;
    private readonly IOpnClient _opnClient;
    private readonly IOrderService _orderService;
    private readonly ISettingService _settingService;

    #endregion

    #region Ctor

    public KmaOrderEventConsumer(IGenericAttributeService genericAttributeService,
        ILogger logger,
        IOpnClient opnClient,
        IOrderService orderService,
        ISettingService settingService)
    {
        _genericAttributeService = genericAttributeService;
        _logger = logger;
        _opnClient = opnClient;
        _orderService = orderService;
        _settingService = settingService;
    }

    #endregion

    #region Utilities

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

    #endregion

    #region Methods

    /// <summary>
    /// Handles the event
    /// </summary>
    /// <param name="eventMessage">The event</param>
    /// <returns>A task that represents the asynchronous operation</returns>
    public async Task HandleEventAsync(OrderStatusChangedEvent eventMessage)
    {
        var order = eventMessage?.Order;
        if (order == null
            || order.OrderStatus != OrderStatus.Cancelled
            || eventMessage.PreviousOrderStatus == OrderStatus.Cancelled
            || order.PaymentStatus != PaymentStatus.Pending
            || !string.Equals(order.PaymentMethodSystemName, KmaDefaults.SystemName, StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(order.AuthorizationTransactionId))
        {
            return;
        }

        var chargeId = order.AuthorizationTransactionId;

        //the payment sync cancels orders itself after a failed or expired charge: the charge is already over
        var noted = await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.NotedChargeEvents) ?? string.Empty;
        if (noted.Contains($"{chargeId}:failed", StringComparison.Ordinal) || noted.Contains($"{chargeId}:expired", StringComparison.Ordinal))
            return;

        var settings = await _settingService.LoadSettingAsync<KmaPaymentSettings>(order.StoreId);
        if (string.IsNullOrWhiteSpace(settings?.SecretKey))
        {
            await _logger.WarningAsync($"Payments.Kma: order #{order.Id} was cancelled but store #{order.StoreId} has no Opn keys: charge {chargeId} was not expired");
            return;
        }

        var credentials = new OpnCredentials(settings.PublicKey, settings.SecretKey, settings.ApiBaseUrl);
        try
        {
            var charge = await _opnClient.GetChargeAsync(credentials, chargeId);
            if (!string.Equals(charge?.Status, OpnChargeStatuses.Pending, StringComparison.Ordinal))
                return;

            var expired = await _opnClient.ExpireChargeAsync(credentials, chargeId);
            await InsertNoteAsync(order, $"The order was cancelled: KMA charge {chargeId} was expired at Opn (status {expired?.Status ?? "unknown"}) so it can no longer be paid.");
        }
        catch (OpnException exception)
        {
            //never break the cancellation; a later success of this charge raises an alert on the order
            await _logger.WarningAsync($"Payments.Kma: order #{order.Id} was cancelled but charge {chargeId} could not be expired at Opn. {exception.Message}");
            await InsertNoteAsync(order, $"The order was cancelled but KMA charge {chargeId} could not be expired at Opn; it might still be paid. Expire it in the Opn dashboard.");
        }
    }

    #endregion
}
