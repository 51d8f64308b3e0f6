using System.Net;
using DevStore.Data;
using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Events;
using Nop.Services;
using Nop.Services.Localization;
using Nop.Services.Orders;
using Nop.Services.Payments;

namespace DevStore.Services;

/// <summary>
/// Orders and order notes kept in memory, searched as nopCommerce's OrderService does (newest first, no deleted orders)
/// </summary>
public class OrderService : IOrderService
{
    private readonly DevStoreData _data;

    public OrderService(DevStoreData data)
    {
        _data = data;
    }

    public Task<Order> GetOrderByIdAsync(int orderId) => Task.FromResult(orderId == 0 ? null : _data.Orders.GetById(orderId));

    public Task<Order> GetOrderByGuidAsync(Guid orderGuid) =>
        Task.FromResult(orderGuid == Guid.Empty ? null : _data.Orders.Lookup(nameof(Order.OrderGuid), orderGuid).FirstOrDefault());

    public Task<Order> GetOrderByCustomOrderNumberAsync(string customOrderNumber) =>
        Task.FromResult(string.IsNullOrEmpty(customOrderNumber) ? null : _data.Orders.Query(order => order.CustomOrderNumber == customOrderNumber).FirstOrDefault());

    public Task<IList<Order>> GetOrdersByIdsAsync(int[] orderIds)
    {
        IList<Order> orders = orderIds.Distinct().Select(_data.Orders.GetById).Where(order => order is { Deleted: false }).OrderBy(order => order.Id).ToList();
        return Task.FromResult(orders);
    }

    public Task<IList<Order>> GetOrdersByGuidsAsync(Guid[] orderGuids)
    {
        IList<Order> orders = _data.Orders.Query(order => orderGuids.Contains(order.OrderGuid));
        return Task.FromResult(orders);
    }

    public Task<IPagedList<Order>> SearchOrdersAsync(int storeId = 0, int vendorId = 0, int customerId = 0, int productId = 0, int affiliateId = 0, int warehouseId = 0,
        int billingCountryId = 0, string paymentMethodSystemName = null, DateTime? createdFromUtc = null, DateTime? createdToUtc = null,
        List<int> osIds = null, List<int> psIds = null, List<int> ssIds = null, string billingPhone = null, string billingEmail = null, string billingLastName = "",
        string orderNotes = null, int pageIndex = 0, int pageSize = int.MaxValue, bool getOnlyTotalCount = false)
    {
        var noteOrderIds = string.IsNullOrEmpty(orderNotes)
            ? null
            : _data.OrderNotes.Query(note => note.Note?.Contains(orderNotes, StringComparison.InvariantCultureIgnoreCase) == true).Select(note => note.OrderId).ToHashSet();

        var orders = _data.Orders.Query(order => !order.Deleted
                && (storeId == 0 || order.StoreId == storeId)
                && (customerId == 0 || order.CustomerId == customerId)
                && (affiliateId == 0 || order.AffiliateId == affiliateId)
                && (string.IsNullOrEmpty(paymentMethodSystemName) || order.PaymentMethodSystemName == paymentMethodSystemName)
                && (!createdFromUtc.HasValue || createdFromUtc.Value <= order.CreatedOnUtc)
                && (!createdToUtc.HasValue || createdToUtc.Value >= order.CreatedOnUtc)
                && (osIds == null || osIds.Count == 0 || osIds.Contains(order.OrderStatusId))
                && (psIds == null || psIds.Count == 0 || psIds.Contains(order.PaymentStatusId))
                && (ssIds == null || ssIds.Count == 0 || ssIds.Contains(order.ShippingStatusId))
                && (noteOrderIds == null || noteOrderIds.Contains(order.Id)))
            .OrderByDescending(order => order.CreatedOnUtc)
            .ThenByDescending(order => order.Id)
            .ToList();

        IPagedList<Order> page = new PagedList<Order>(orders, pageIndex, pageSize, getOnlyTotalCount);
        return Task.FromResult(page);
    }

    public Task InsertOrderAsync(Order order)
    {
        _data.Orders.Insert(order);
        return Task.CompletedTask;
    }

    public Task UpdateOrderAsync(Order order)
    {
        _data.Orders.Update(order);
        return Task.CompletedTask;
    }

    public Task DeleteOrderAsync(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.Deleted = true;
        _data.Orders.Update(order);
        return Task.CompletedTask;
    }

    public Task<IList<OrderNote>> GetOrderNotesByOrderIdAsync(int orderId, bool? displayToCustomer = null)
    {
        IList<OrderNote> notes = _data.OrderNotes.Lookup(nameof(OrderNote.OrderId), orderId, note => (!displayToCustomer.HasValue || note.DisplayToCustomer == displayToCustomer.Value));
        return Task.FromResult(notes);
    }

    public Task<OrderNote> GetOrderNoteByIdAsync(int orderNoteId) => Task.FromResult(orderNoteId == 0 ? null : _data.OrderNotes.GetById(orderNoteId));

    public Task DeleteOrderNoteAsync(OrderNote orderNote)
    {
        ArgumentNullException.ThrowIfNull(orderNote);
        _data.OrderNotes.Delete(note => note.Id == orderNote.Id);
        return Task.CompletedTask;
    }

    public string FormatOrderNoteText(OrderNote orderNote)
    {
        ArgumentNullException.ThrowIfNull(orderNote);
        return string.IsNullOrEmpty(orderNote.Note) ? string.Empty : WebUtility.HtmlEncode(orderNote.Note).Replace("\r\n", "<br />").Replace("\n", "<br />");
    }

    public Task InsertOrderNoteAsync(OrderNote orderNote)
    {
        _data.OrderNotes.Insert(orderNote);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The result of placing an order (nopCommerce's PlaceOrderResult lives in Nop.Services; the plugin does not use it)
/// </summary>
public sealed class PlaceOrderResult : BaseNopResult
{
    public Order PlacedOrder { get; set; }
}

/// <summary>
/// Order state changes with nopCommerce 4.90's rules and events (no e-mails, stock or reward points here)
/// </summary>
public class OrderProcessingService : IOrderProcessingService
{
    private readonly IEventPublisher _eventPublisher;
    private readonly ILocalizationService _localizationService;
    private readonly IOrderService _orderService;
    private readonly IPaymentService _paymentService;
    private readonly IWorkContext _workContext;

    public OrderProcessingService(IEventPublisher eventPublisher,
        ILocalizationService localizationService,
        IOrderService orderService,
        IPaymentService paymentService,
        IWorkContext workContext)
    {
        _eventPublisher = eventPublisher;
        _localizationService = localizationService;
        _orderService = orderService;
        _paymentService = paymentService;
        _workContext = workContext;
    }

    private Task AddOrderNoteAsync(Order order, string note) => _orderService.InsertOrderNoteAsync(new OrderNote
    {
        OrderId = order.Id,
        Note = note,
        DisplayToCustomer = false,
        CreatedOnUtc = DateTime.UtcNow
    });

    private async Task SetOrderStatusAsync(Order order, OrderStatus status)
    {
        ArgumentNullException.ThrowIfNull(order);

        var previous = order.OrderStatus;
        if (previous == status)
            return;

        order.OrderStatusId = (int)status;
        await _orderService.UpdateOrderAsync(order);

        await _eventPublisher.PublishAsync(new OrderStatusChangedEvent(order, previous));
        if (previous == order.OrderStatus)
            return;

        await AddOrderNoteAsync(order, $"Order status has been changed to {await _localizationService.GetLocalizedEnumAsync(status)}");
    }

    private async Task ProcessOrderPaidAsync(Order order)
    {
        await _eventPublisher.PublishAsync(new OrderPaidEvent(order));
    }

    public async Task CheckOrderStatusAsync(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);

        var completed = false;
        var saved = true;
        if (order.PaymentStatus == PaymentStatus.Paid)
        {
            if (!order.PaidDateUtc.HasValue)
            {
                order.PaidDateUtc = DateTime.UtcNow;
                saved = false;
            }

            // nopCommerce's default: an order that needs shipping completes once shipped or delivered
            completed = order.ShippingStatus is Nop.Core.Domain.Shipping.ShippingStatus.ShippingNotRequired
                or Nop.Core.Domain.Shipping.ShippingStatus.Shipped
                or Nop.Core.Domain.Shipping.ShippingStatus.Delivered;
        }

        switch (order.OrderStatus)
        {
            case OrderStatus.Pending:
                if (order.PaymentStatus is PaymentStatus.Authorized or PaymentStatus.Paid)
                {
                    await SetOrderStatusAsync(order, OrderStatus.Processing);
                    saved = true;
                }

                if (order.ShippingStatus is Nop.Core.Domain.Shipping.ShippingStatus.PartiallyShipped
                    or Nop.Core.Domain.Shipping.ShippingStatus.Shipped
                    or Nop.Core.Domain.Shipping.ShippingStatus.Delivered)
                {
                    await SetOrderStatusAsync(order, OrderStatus.Processing);
                    saved = true;
                }

                break;
            case OrderStatus.Cancelled:
            case OrderStatus.Complete:
                if (!saved)
                    await _orderService.UpdateOrderAsync(order);
                return;
        }

        if (completed)
        {
            await SetOrderStatusAsync(order, OrderStatus.Complete);
            saved = true;
        }

        if (!saved)
            await _orderService.UpdateOrderAsync(order);
    }

    public bool CanCancelOrder(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.OrderStatus != OrderStatus.Cancelled;
    }

    public async Task CancelOrderAsync(Order order, bool notifyCustomer)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!CanCancelOrder(order))
            throw new NopException("Cannot do cancel for order.");

        await SetOrderStatusAsync(order, OrderStatus.Cancelled);

        // nopCommerce reads the current customer here (to notify the store owner); on a cookie-less request that inserts a guest
        await _workContext.GetCurrentCustomerAsync();

        await AddOrderNoteAsync(order, "Order has been cancelled");
    }

    public bool CanMarkOrderAsAuthorized(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.OrderStatus != OrderStatus.Cancelled && order.PaymentStatus == PaymentStatus.Pending;
    }

    public async Task MarkAsAuthorizedAsync(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.PaymentStatusId = (int)PaymentStatus.Authorized;
        await _orderService.UpdateOrderAsync(order);
        await AddOrderNoteAsync(order, "Order has been marked as authorized");
        await CheckOrderStatusAsync(order);
    }

    public bool CanMarkOrderAsPaid(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.OrderStatus == OrderStatus.Cancelled)
            return false;

        return order.PaymentStatus is not (PaymentStatus.Paid or PaymentStatus.Refunded or PaymentStatus.Voided);
    }

    public async Task MarkOrderAsPaidAsync(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!CanMarkOrderAsPaid(order))
            throw new NopException("You can't mark this order as paid");

        order.PaymentStatusId = (int)PaymentStatus.Paid;
        order.PaidDateUtc = DateTime.UtcNow;
        await _orderService.UpdateOrderAsync(order);

        await AddOrderNoteAsync(order, "Order has been marked as paid");

        await CheckOrderStatusAsync(order);

        if (order.PaymentStatus == PaymentStatus.Paid)
            await ProcessOrderPaidAsync(order);
    }

    /// <summary>
    /// Places an order as nopCommerce's PlaceOrderAsync does: payment first (skipped for a zero total), then the order
    /// (Pending, the payment result copied onto it), the "Order placed" note, OrderPlacedEvent and the status check
    /// </summary>
    public async Task<PlaceOrderResult> PlaceOrderAsync(ProcessPaymentRequest request, PlaceOrderDetails details)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.OrderGuid == Guid.Empty)
            throw new Exception("Order GUID is not generated");

        var result = new PlaceOrderResult();
        request.OrderTotal = details.OrderTotal;

        var paymentResult = await _paymentService.ProcessPaymentAsync(request) ?? throw new NopException("processPaymentResult is not available");
        if (!paymentResult.Success)
        {
            foreach (var error in paymentResult.Errors)
                result.AddError(string.Format(await _localizationService.GetResourceAsync("Checkout.PaymentError"), error));
            return result;
        }

        var order = new Order
        {
            StoreId = request.StoreId,
            OrderGuid = request.OrderGuid,
            CustomerId = request.CustomerId,
            CustomerLanguageId = details.CustomerLanguageId,
            CustomerTaxDisplayType = Nop.Core.Domain.Tax.TaxDisplayType.IncludingTax,
            CustomerIp = details.CustomerIp,
            OrderSubtotalInclTax = details.Subtotal,
            OrderSubtotalExclTax = details.Subtotal,
            PaymentMethodAdditionalFeeInclTax = details.PaymentFee,
            PaymentMethodAdditionalFeeExclTax = details.PaymentFee,
            OrderTotal = details.OrderTotal,
            CustomerCurrencyCode = details.CustomerCurrencyCode,
            CurrencyRate = details.CurrencyRate,
            PaymentMethodSystemName = request.PaymentMethodSystemName,
            AllowStoringCreditCardNumber = paymentResult.AllowStoringCreditCardNumber,
            AuthorizationTransactionId = paymentResult.AuthorizationTransactionId,
            AuthorizationTransactionCode = paymentResult.AuthorizationTransactionCode,
            AuthorizationTransactionResult = paymentResult.AuthorizationTransactionResult,
            CaptureTransactionId = paymentResult.CaptureTransactionId,
            CaptureTransactionResult = paymentResult.CaptureTransactionResult,
            SubscriptionTransactionId = paymentResult.SubscriptionTransactionId,
            PaymentStatus = paymentResult.NewPaymentStatus,
            PaidDateUtc = null,
            OrderStatus = OrderStatus.Pending,
            ShippingStatus = details.RequiresShipping ? Nop.Core.Domain.Shipping.ShippingStatus.NotYetShipped : Nop.Core.Domain.Shipping.ShippingStatus.ShippingNotRequired,
            CustomValuesXml = request.CustomValues.SerializeToXml(),
            CreatedOnUtc = DateTime.UtcNow
        };

        await _orderService.InsertOrderAsync(order);
        order.CustomOrderNumber = order.Id.ToString();
        await _orderService.UpdateOrderAsync(order);
        result.PlacedOrder = order;

        await AddOrderNoteAsync(order, "Order placed");

        await _eventPublisher.PublishAsync(new OrderPlacedEvent(order));

        await CheckOrderStatusAsync(order);

        if (order.PaymentStatus == PaymentStatus.Paid)
            await ProcessOrderPaidAsync(order);

        return result;
    }
}

/// <summary>
/// What the cart contributes to a new order
/// </summary>
public sealed record PlaceOrderDetails(decimal Subtotal, decimal PaymentFee, decimal OrderTotal, bool RequiresShipping,
    int CustomerLanguageId, string CustomerCurrencyCode, decimal CurrencyRate, string CustomerIp);
