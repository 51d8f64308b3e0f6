using System.Collections.Concurrent;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Tests.Sync;
using Nop.Services.Orders;

namespace Nop.Plugin.Payments.Kma.Tests.TestSupport;

/// <summary>
/// nopCommerce's rules for marking paid and cancelling, on the in-memory order store. Counts every MarkOrderAsPaid
/// per order and records a second one for an order that is already paid in the store (a double payment)
/// </summary>
public sealed class FakeOrderProcessing : IOrderProcessingService
{
    private readonly FakeOrderStore _orders;

    public FakeOrderProcessing(FakeOrderStore orders) => _orders = orders;

    public ConcurrentDictionary<int, int> MarkPaidCalls { get; } = new();

    public ConcurrentQueue<int> PaidTwice { get; } = new();

    public int CancelCalls;

    public int MarkPaidCount(int orderId) => MarkPaidCalls.GetValueOrDefault(orderId);

    public Task CheckOrderStatusAsync(Order order) => Task.CompletedTask;

    public bool CanCancelOrder(Order order) => order.OrderStatus != OrderStatus.Cancelled;

    public async Task CancelOrderAsync(Order order, bool notifyCustomer)
    {
        Interlocked.Increment(ref CancelCalls);
        await Task.Yield();
        order.OrderStatus = OrderStatus.Cancelled;
        _orders.Save(order);
        await _orders.InsertOrderNoteAsync(new OrderNote { OrderId = order.Id, Note = "Order has been cancelled", CreatedOnUtc = DateTime.UtcNow });
    }

    public bool CanMarkOrderAsAuthorized(Order order) => false;

    public Task MarkAsAuthorizedAsync(Order order) => throw new NotSupportedException();

    public bool CanMarkOrderAsPaid(Order order) =>
        order.OrderStatus != OrderStatus.Cancelled && order.PaymentStatus is not (PaymentStatus.Paid or PaymentStatus.Refunded or PaymentStatus.Voided);

    public async Task MarkOrderAsPaidAsync(Order order)
    {
        MarkPaidCalls.AddOrUpdate(order.Id, 1, (_, count) => count + 1);
        if (_orders.Get(order.Id).PaymentStatus == PaymentStatus.Paid)
            PaidTwice.Enqueue(order.Id);

        await Task.Yield();
        order.PaymentStatus = PaymentStatus.Paid;
        order.PaidDateUtc = DateTime.UtcNow;
        if (order.OrderStatus == OrderStatus.Pending)
            order.OrderStatus = OrderStatus.Processing;
        _orders.Save(order);
        await _orders.InsertOrderNoteAsync(new OrderNote { OrderId = order.Id, Note = "Order has been marked as paid", CreatedOnUtc = DateTime.UtcNow });
    }
}
