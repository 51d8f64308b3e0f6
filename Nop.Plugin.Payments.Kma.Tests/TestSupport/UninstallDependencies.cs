using Moq;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Domain.Stores;
using Nop.Services.Configuration;
using Nop.Services.Orders;
using Nop.Services.Stores;

namespace Nop.Plugin.Payments.Kma.Tests.TestSupport;

/// <summary>
/// What uninstalling reads besides the plugin's own settings: a store with no stores, active methods and KMA orders
/// </summary>
public static class UninstallDependencies
{
    /// <summary>Sets up a setting service mock to answer PaymentSettings, and returns mocks of the store and order services</summary>
    public static object[] For(Mock<ISettingService> settingService, PaymentSettings paymentSettings = null)
    {
        settingService.Setup(service => service.LoadSettingAsync<PaymentSettings>(It.IsAny<int>())).ReturnsAsync(paymentSettings ?? new PaymentSettings());

        var stores = new Mock<IStoreService>();
        stores.Setup(service => service.GetAllStoresAsync()).ReturnsAsync(new List<Store>());

        var orders = new Mock<IOrderService>();
        orders.Setup(service => service.SearchOrdersAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(),
                It.IsAny<int>(), It.IsAny<string>(), It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<List<int>>(), It.IsAny<List<int>>(), It.IsAny<List<int>>(),
                It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<bool>()))
            .ReturnsAsync(new global::DevStore.Data.PagedList<Order>(new List<Order>(), 0, 1, false));

        return [settingService.Object, stores.Object, orders.Object];
    }
}
