using Microsoft.Extensions.Caching.Memory;
using Moq;
using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Core.Events;
using Nop.Services.Localization;
using Nop.Services.Orders;
using Nop.Services.Payments;
using NopOrderProcessingService = DevStore.Services.OrderProcessingService;
using NopMemoryCacheLocker = DevStore.Services.MemoryCacheLocker;

namespace Nop.Plugin.Payments.Kma.Tests.TestSupport;

/// <summary>
/// The DevStore's in-memory nopCommerce services (tested against nopCommerce's behaviour in Tests/DevStore) for the
/// unit and reliability tests, so each behaviour of nopCommerce is modelled once. The harnesses wrap them where a
/// test needs to count calls, interleave callers or inject a fault.
/// </summary>
public static class DevStoreServices
{
    /// <summary>
    /// nopCommerce's order processing (mark paid, cancel, status check and their notes) on the given orders; events
    /// go nowhere and status names are the enum names
    /// </summary>
    public static IOrderProcessingService OrderProcessing(IOrderService orders)
    {
        var localization = new Mock<ILocalizationService>();
        localization.Setup(service => service.GetLocalizedEnumAsync(It.IsAny<OrderStatus>(), It.IsAny<int?>()))
            .ReturnsAsync((OrderStatus status, int? _) => status.ToString());

        return new NopOrderProcessingService(new Mock<IEventPublisher>().Object, localization.Object, orders,
            new Mock<IPaymentService>().Object, new Mock<IWorkContext>().Object);
    }

    /// <summary>
    /// nopCommerce's single-server lock (non-blocking: a second holder gets false at once)
    /// </summary>
    public static NopMemoryCacheLocker Locker() => new(new MemoryCache(new MemoryCacheOptions()));
}
