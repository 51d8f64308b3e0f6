using System.Collections.Concurrent;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Tests.Sync;
using Nop.Services.Orders;

namespace Nop.Plugin.Payments.Kma.Tests.TestSupport;

/// <summary>
/// nopCommerce's order processing (the DevStore's) on the in-memory order store, counting every MarkOrderAsPaid per
/// order and recording a second one for an order that is already paid in the store (a double payment)
/// </summary>
public sealed class FakeOrderProcessing : IOrderProcessingService
{
    private readonly FakeOrderStore _orders;
    private readonly IOrderProcessingService _inner;

    public FakeOrderProcessing(FakeOrderStore orders)
    {
        _orders = orders;
        _inner = DevStoreServices.OrderProcessing(orders);
    }

    public ConcurrentDictionary<int, int> MarkPaidCalls { get; } = new();

    public ConcurrentQueue<int> PaidTwice { get; } = new();

    public int CancelCalls;

    public int MarkPaidCount(int orderId) => MarkPaidCalls.GetValueOrDefault(orderId);

    public Task CheckOrderStatusAsync(Order order) => _inner.CheckOrderStatusAsync(order);

    public bool CanCancelOrder(Order order) => _inner.CanCancelOrder(order);

    public async Task CancelOrderAsync(Order order, bool notifyCustomer)
    {
        Interlocked.Increment(ref CancelCalls);
        await Task.Yield();
        await _inner.CancelOrderAsync(order, notifyCustomer);
    }

    public bool CanMarkOrderAsAuthorized(Order order) => _inner.CanMarkOrderAsAuthorized(order);

    public Task MarkAsAuthorizedAsync(Order order) => _inner.MarkAsAuthorizedAsync(order);

    public bool CanMarkOrderAsPaid(Order order) => _inner.CanMarkOrderAsPaid(order);

    public async Task MarkOrderAsPaidAsync(Order order)
    {
        MarkPaidCalls.AddOrUpdate(order.Id, 1, (_, count) => count + 1);
        if (_orders.Get(order.Id).PaymentStatus == PaymentStatus.Paid)
            PaidTwice.Enqueue(order.Id);

        await Task.Yield();
        await _inner.MarkOrderAsPaidAsync(order);
    }
}
