using DevStore.Data;
using DevStore.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Nop.Core;
using Nop.Core.Configuration;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Domain.Stores;
using Nop.Core.Events;
using Nop.Services.Events;
using Nop.Services.Localization;
using Nop.Services.Logging;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Services.Plugins;

namespace Nop.Plugin.Payments.Kma.Tests.DevStore;

/// <summary>
/// The DevStore's in-memory services behave as nopCommerce 4.90's do, where the plugin relies on it
/// </summary>
[TestFixture]
public class DevStoreServicesTests
{
    public class SampleSettings : ISettings
    {
        public string Name { get; set; }
        public decimal Fee { get; set; }
        public bool Enabled { get; set; }
        public List<string> Names { get; set; } = new();
    }

    private DevStoreData _data;
    private SettingService _settingService;

    [SetUp]
    public void SetUp()
    {
        _data = new DevStoreData();
        _settingService = new SettingService(_data);
    }

    #region Settings

    [Test]
    public async Task StoreSettingOverridesTheAllStoresOneAndOtherStoresFallBack()
    {
        await _settingService.SaveSettingAsync(new SampleSettings { Name = "shared", Fee = 10m, Enabled = true });
        await _settingService.SetSettingAsync("SampleSettings.Name", "store two", 2);

        var storeTwo = await _settingService.LoadSettingAsync<SampleSettings>(2);
        var storeOne = await _settingService.LoadSettingAsync<SampleSettings>(1);

        Assert.That(storeTwo.Name, Is.EqualTo("store two"));
        Assert.That(storeTwo.Fee, Is.EqualTo(10m));
        Assert.That(storeOne.Name, Is.EqualTo("shared"));
        Assert.That(storeOne.Enabled, Is.True);
    }

    [Test]
    public async Task KeysAreStoredLowerCasedAndFoundWhateverTheCase()
    {
        await _settingService.SetSettingAsync("SampleSettings.Name", "x");

        Assert.That(_data.Settings.Query().Single().Name, Is.EqualTo("samplesettings.name"));
        Assert.That(await _settingService.GetSettingByKeyAsync<string>("SAMPLESETTINGS.NAME"), Is.EqualTo("x"));
    }

    [Test]
    public async Task OverridablePerStoreSaveWritesWhenOverriddenAndDeletesTheStoreRowOtherwise()
    {
        var settings = new SampleSettings { Fee = 5m };
        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.Fee, true, 2);
        Assert.That(await _settingService.SettingExistsAsync(settings, x => x.Fee, 2), Is.True);

        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.Fee, false, 2);
        Assert.That(await _settingService.SettingExistsAsync(settings, x => x.Fee, 2), Is.False);

        // store 0 is always written, whatever the override flag
        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.Fee, false, 0);
        Assert.That(await _settingService.SettingExistsAsync(settings, x => x.Fee, 0), Is.True);
    }

    [Test]
    public async Task SettingExistsLooksAtTheGivenStoreOnly()
    {
        var settings = new SampleSettings { Name = "shared" };
        await _settingService.SaveSettingAsync(settings);

        Assert.That(await _settingService.SettingExistsAsync(settings, x => x.Name, 0), Is.True);
        Assert.That(await _settingService.SettingExistsAsync(settings, x => x.Name, 1), Is.False);
    }

    [Test]
    public async Task DeleteSettingRemovesTheClassForEveryStore()
    {
        await _settingService.SaveSettingAsync(new SampleSettings { Name = "shared" });
        await _settingService.SaveSettingAsync(new SampleSettings { Name = "one" }, 1);
        await _settingService.SetSettingAsync("OtherSettings.Name", "kept");

        await _settingService.DeleteSettingAsync<SampleSettings>();

        Assert.That(_data.Settings.Query().Select(setting => setting.Name), Is.EquivalentTo(new[] { "othersettings.name" }));
        Assert.That((await _settingService.LoadSettingAsync<SampleSettings>(1)).Name, Is.Null);
    }

    [Test]
    public async Task DeleteOneSettingOfOneStore()
    {
        var settings = new SampleSettings { Name = "v" };
        await _settingService.SaveSettingAsync(settings);
        await _settingService.SaveSettingAsync(settings, 1);

        await _settingService.DeleteSettingAsync(settings, x => x.Name, 1);

        Assert.That(await _settingService.SettingExistsAsync(settings, x => x.Name, 1), Is.False);
        Assert.That(await _settingService.SettingExistsAsync(settings, x => x.Name, 0), Is.True);
    }

    [Test]
    public async Task ListsAndDecimalsRoundTripInvariantly()
    {
        await _settingService.SaveSettingAsync(new SampleSettings { Fee = 1234.5m, Names = ["Payments.Kma", "Payments.Other"] });

        var loaded = await _settingService.LoadSettingAsync<SampleSettings>();

        Assert.That(loaded.Fee, Is.EqualTo(1234.5m));
        Assert.That(loaded.Names, Is.EqualTo(new[] { "Payments.Kma", "Payments.Other" }));
        Assert.That(_data.Settings.Query(setting => setting.Name == "samplesettings.fee").Single().Value, Is.EqualTo("1234.5"));
    }

    #endregion

    #region Localization

    private LocalizationService CreateLocalization(int workingLanguageId = 1)
    {
        _data.Languages.Insert(new Language { Name = "English", LanguageCulture = "en-US", UniqueSeoCode = "en", Published = true, DisplayOrder = 1 });
        _data.Languages.Insert(new Language { Name = "ไทย", LanguageCulture = "th-TH", UniqueSeoCode = "th", Published = true, DisplayOrder = 2 });
        var workContext = new Mock<IWorkContext>();
        workContext.Setup(context => context.GetWorkingLanguageAsync()).ReturnsAsync(() => _data.Languages.GetById(workingLanguageId));
        return new LocalizationService(_data, new LanguageService(_data), new Mock<ILogger>().Object, workContext.Object);
    }

    [Test]
    public async Task ResourcesWithoutALanguageGoToEveryLanguageAndThaiOverridesItsOwn()
    {
        var localization = CreateLocalization();
        await localization.AddOrUpdateLocaleResourceAsync(new Dictionary<string, string> { ["Plugins.Payments.Kma.Title"] = "Pay with KMA" });
        await localization.AddOrUpdateLocaleResourceAsync(new Dictionary<string, string> { ["Plugins.Payments.Kma.Title"] = "ชำระด้วย KMA" }, 2);

        Assert.That(await localization.GetResourceAsync("Plugins.Payments.Kma.Title", 1), Is.EqualTo("Pay with KMA"));
        Assert.That(await localization.GetResourceAsync("plugins.payments.kma.title", 2), Is.EqualTo("ชำระด้วย KMA"));
        Assert.That(localization.GetResources(1).Keys, Is.EquivalentTo(new[] { "plugins.payments.kma.title" }));
    }

    [Test]
    public async Task ResourceByCultureWritesOnlyThatLanguage()
    {
        var localization = CreateLocalization();
        await localization.AddOrUpdateLocaleResourceAsync("Plugins.Payments.Kma.Only", "ไทย", "th-TH");

        Assert.That(await localization.GetResourceAsync("Plugins.Payments.Kma.Only", 2), Is.EqualTo("ไทย"));
        Assert.That(await localization.GetResourceAsync("Plugins.Payments.Kma.Only", 1, returnEmptyIfNotFound: true), Is.Empty);
    }

    [Test]
    public async Task MissingResourceGivesTheLowerCasedKeyOrTheDefault()
    {
        var localization = CreateLocalization();

        Assert.That(await localization.GetResourceAsync("Plugins.Payments.Kma.Missing", 1), Is.EqualTo("plugins.payments.kma.missing"));
        Assert.That(await localization.GetResourceAsync("Plugins.Payments.Kma.Missing", 1, defaultValue: "fallback"), Is.EqualTo("fallback"));
    }

    [Test]
    public async Task WorkingLanguageIsUsedWithoutALanguageId()
    {
        var localization = CreateLocalization(workingLanguageId: 2);
        await localization.AddOrUpdateLocaleResourceAsync(new Dictionary<string, string> { ["Key"] = "english" }, 1);
        await localization.AddOrUpdateLocaleResourceAsync(new Dictionary<string, string> { ["Key"] = "ไทย" }, 2);

        Assert.That(await localization.GetResourceAsync("Key"), Is.EqualTo("ไทย"));
    }

    [Test]
    public async Task DeleteByPrefixRemovesOnlyThePluginsResources()
    {
        var localization = CreateLocalization();
        await localization.AddOrUpdateLocaleResourceAsync(new Dictionary<string, string> { ["Plugins.Payments.Kma.A"] = "a", ["Plugins.Payments.Other.B"] = "b" });

        await localization.DeleteLocaleResourcesAsync("Plugins.Payments.Kma");

        Assert.That(localization.GetResources(1).Keys, Is.EquivalentTo(new[] { "plugins.payments.other.b" }));
        Assert.That(localization.GetResources(2).Keys, Is.EquivalentTo(new[] { "plugins.payments.other.b" }));
    }

    #endregion

    #region Generic attributes

    [Test]
    public async Task AttributesArePerEntityTypeAndStoreAndEmptyValuesDeleteThem()
    {
        var attributes = new GenericAttributeService(_data);
        var order = new Order { Id = 7 };
        var customer = new Customer { Id = 7 };

        await attributes.SaveAttributeAsync(order, "Kma.ChargeAttempt", 2);
        await attributes.SaveAttributeAsync(order, "Kma.ChargeAttempt", 5, storeId: 1);

        Assert.That(await attributes.GetAttributeAsync<int>(order, "kma.chargeattempt"), Is.EqualTo(2));
        Assert.That(await attributes.GetAttributeAsync<Order, int>(7, "Kma.ChargeAttempt", 1), Is.EqualTo(5));
        Assert.That(await attributes.GetAttributeAsync<int>(customer, "Kma.ChargeAttempt"), Is.EqualTo(0));
        Assert.That(_data.GenericAttributes.Query().First().KeyGroup, Is.EqualTo("Order"));

        await attributes.SaveAttributeAsync<string>(order, "Kma.ChargeAttempt", null);
        Assert.That(await attributes.GetAttributeAsync(order, "Kma.ChargeAttempt", defaultValue: -1), Is.EqualTo(-1));
        Assert.That(_data.GenericAttributes.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task DatesAndGuidsRoundTrip()
    {
        var attributes = new GenericAttributeService(_data);
        var order = new Order { Id = 1 };
        var expires = new DateTime(2026, 11, 27, 10, 30, 0, DateTimeKind.Utc);
        var token = Guid.NewGuid();

        await attributes.SaveAttributeAsync(order, "Expires", expires);
        await attributes.SaveAttributeAsync(order, "Token", token);

        Assert.That(await attributes.GetAttributeAsync<DateTime?>(order, "Expires"), Is.EqualTo(expires));
        Assert.That(await attributes.GetAttributeAsync<Guid>(order, "Token"), Is.EqualTo(token));
    }

    #endregion

    #region Orders

    private static Order NewOrder(int storeId = 1, int customerId = 2, PaymentStatus paymentStatus = PaymentStatus.Pending, string method = "Payments.Kma", DateTime? created = null) => new()
    {
        OrderGuid = Guid.NewGuid(),
        StoreId = storeId,
        CustomerId = customerId,
        PaymentMethodSystemName = method,
        PaymentStatus = paymentStatus,
        OrderStatus = OrderStatus.Pending,
        ShippingStatus = Nop.Core.Domain.Shipping.ShippingStatus.ShippingNotRequired,
        OrderTotal = 100m,
        CreatedOnUtc = created ?? DateTime.UtcNow
    };

    [Test]
    public async Task SearchFiltersAsThePluginsReconciliationNeedsNewestFirst()
    {
        var orders = new OrderService(_data);
        var now = DateTime.UtcNow;
        var old = NewOrder(created: now.AddHours(-3));
        var pending = NewOrder(created: now.AddMinutes(-10));
        var paid = NewOrder(paymentStatus: PaymentStatus.Paid, created: now.AddMinutes(-5));
        var other = NewOrder(method: "Payments.Other", created: now.AddMinutes(-4));
        var otherStore = NewOrder(storeId: 2, created: now.AddMinutes(-2));
        var deleted = NewOrder(created: now.AddMinutes(-1));
        deleted.Deleted = true;
        foreach (var order in new[] { old, pending, paid, other, otherStore, deleted })
            await orders.InsertOrderAsync(order);

        var found = await orders.SearchOrdersAsync(paymentMethodSystemName: "Payments.Kma", psIds: [(int)PaymentStatus.Pending], createdFromUtc: now.AddHours(-1), createdToUtc: now);

        Assert.That(found.Select(order => order.Id), Is.EqualTo(new[] { otherStore.Id, pending.Id }));
        Assert.That((await orders.SearchOrdersAsync(storeId: 1, customerId: 2, pageSize: 1)).Single().Id, Is.EqualTo(other.Id));
        Assert.That((await orders.SearchOrdersAsync()).TotalCount, Is.EqualTo(5));
    }

    [Test]
    public async Task ReadsAreCopiesSoTwoRequestsNeverShareAnOrder()
    {
        var orders = new OrderService(_data);
        var order = NewOrder();
        await orders.InsertOrderAsync(order);

        var first = await orders.GetOrderByIdAsync(order.Id);
        var second = await orders.GetOrderByGuidAsync(order.OrderGuid);
        first.AuthorizationTransactionId = "chrg_test_1";

        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(second.AuthorizationTransactionId, Is.Null);
        await orders.UpdateOrderAsync(first);
        Assert.That((await orders.GetOrderByIdAsync(order.Id)).AuthorizationTransactionId, Is.EqualTo("chrg_test_1"));
    }

    [Test]
    public async Task NotesFilterOnDisplayToCustomerAndFormatAsHtml()
    {
        var orders = new OrderService(_data);
        await orders.InsertOrderNoteAsync(new OrderNote { OrderId = 1, Note = "internal", DisplayToCustomer = false, CreatedOnUtc = DateTime.UtcNow });
        await orders.InsertOrderNoteAsync(new OrderNote { OrderId = 1, Note = "<b>paid</b>\nthanks", DisplayToCustomer = true, CreatedOnUtc = DateTime.UtcNow });

        var visible = await orders.GetOrderNotesByOrderIdAsync(1, true);

        Assert.That(visible.Select(note => note.Note), Is.EqualTo(new[] { "<b>paid</b>\nthanks" }));
        Assert.That((await orders.GetOrderNotesByOrderIdAsync(1)).Count, Is.EqualTo(2));
        Assert.That(orders.FormatOrderNoteText(visible[0]), Is.EqualTo("&lt;b&gt;paid&lt;/b&gt;<br />thanks"));
    }

    #endregion

    #region Order processing and events

    private sealed class RecordingConsumer : IConsumer<OrderPaidEvent>, IConsumer<OrderStatusChangedEvent>
    {
        public List<object> Events { get; } = new();

        public Task HandleEventAsync(OrderPaidEvent eventMessage)
        {
            Events.Add(eventMessage);
            return Task.CompletedTask;
        }

        public Task HandleEventAsync(OrderStatusChangedEvent eventMessage)
        {
            Events.Add(eventMessage);
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingConsumer : IConsumer<OrderPaidEvent>
    {
        public Task HandleEventAsync(OrderPaidEvent eventMessage) => throw new InvalidOperationException("consumer failed");
    }

    private (OrderProcessingService Processing, OrderService Orders, RecordingConsumer Consumer, Mock<ILogger> Logger) CreateProcessing(bool withThrowingConsumer = false)
    {
        var consumer = new RecordingConsumer();
        var logger = new Mock<ILogger>();
        var services = new ServiceCollection();
        if (withThrowingConsumer)
            services.AddSingleton<IConsumer<OrderPaidEvent>>(new ThrowingConsumer());
        services.AddSingleton<IConsumer<OrderPaidEvent>>(consumer);
        services.AddSingleton<IConsumer<OrderStatusChangedEvent>>(consumer);
        services.AddSingleton(logger.Object);
        var publisher = new EventPublisher(services.BuildServiceProvider());

        var orders = new OrderService(_data);
        var localization = new Mock<ILocalizationService>();
        localization.Setup(service => service.GetLocalizedEnumAsync(It.IsAny<OrderStatus>(), It.IsAny<int?>())).ReturnsAsync((OrderStatus status, int? _) => status.ToString());
        var workContext = new Mock<IWorkContext>();
        workContext.Setup(context => context.GetCurrentCustomerAsync()).ReturnsAsync(new Customer { Id = 3 });
        var processing = new OrderProcessingService(publisher, localization.Object, orders, new Mock<IPaymentService>().Object, workContext.Object);
        return (processing, orders, consumer, logger);
    }

    [Test]
    public async Task MarkAsPaidSetsPaidDateCompletesAnOrderWithoutShippingAndPublishesOrderPaid()
    {
        var (processing, orders, consumer, _) = CreateProcessing();
        var order = NewOrder();
        await orders.InsertOrderAsync(order);

        Assert.That(processing.CanMarkOrderAsPaid(order), Is.True);
        await processing.MarkOrderAsPaidAsync(order);

        var stored = await orders.GetOrderByIdAsync(order.Id);
        Assert.That(stored.PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(stored.PaidDateUtc, Is.Not.Null);
        Assert.That(stored.OrderStatus, Is.EqualTo(OrderStatus.Complete));
        Assert.That(consumer.Events.OfType<OrderPaidEvent>().Count(), Is.EqualTo(1));
        Assert.That(consumer.Events.OfType<OrderStatusChangedEvent>().Select(e => e.PreviousOrderStatus), Is.EqualTo(new[] { OrderStatus.Pending, OrderStatus.Processing }));
        Assert.That((await orders.GetOrderNotesByOrderIdAsync(order.Id)).Select(note => note.Note), Does.Contain("Order has been marked as paid"));
    }

    [Test]
    public async Task AnOrderThatNeedsShippingStaysProcessingWhenPaid()
    {
        var (processing, orders, _, _) = CreateProcessing();
        var order = NewOrder();
        order.ShippingStatus = Nop.Core.Domain.Shipping.ShippingStatus.NotYetShipped;
        await orders.InsertOrderAsync(order);

        await processing.MarkOrderAsPaidAsync(order);

        Assert.That((await orders.GetOrderByIdAsync(order.Id)).OrderStatus, Is.EqualTo(OrderStatus.Processing));
    }

    [TestCase(PaymentStatus.Paid, OrderStatus.Processing)]
    [TestCase(PaymentStatus.Refunded, OrderStatus.Processing)]
    [TestCase(PaymentStatus.Voided, OrderStatus.Pending)]
    [TestCase(PaymentStatus.Pending, OrderStatus.Cancelled)]
    public async Task MarkAsPaidIsRefused(PaymentStatus paymentStatus, OrderStatus orderStatus)
    {
        var (processing, orders, consumer, _) = CreateProcessing();
        var order = NewOrder(paymentStatus: paymentStatus);
        order.OrderStatus = orderStatus;
        await orders.InsertOrderAsync(order);

        Assert.That(processing.CanMarkOrderAsPaid(order), Is.False);
        Assert.ThrowsAsync<NopException>(() => processing.MarkOrderAsPaidAsync(order));
        Assert.That(consumer.Events, Is.Empty);
    }

    [Test]
    public async Task CancelPublishesTheStatusChangeAndAddsTheNote()
    {
        var (processing, orders, consumer, _) = CreateProcessing();
        var order = NewOrder();
        await orders.InsertOrderAsync(order);

        await processing.CancelOrderAsync(order, true);

        var changed = consumer.Events.OfType<OrderStatusChangedEvent>().Single();
        Assert.That(changed.PreviousOrderStatus, Is.EqualTo(OrderStatus.Pending));
        Assert.That(changed.Order.OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
        Assert.That((await orders.GetOrderByIdAsync(order.Id)).OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
        Assert.That((await orders.GetOrderNotesByOrderIdAsync(order.Id)).Select(note => note.Note), Is.EqualTo(new[] { "Order status has been changed to Cancelled", "Order has been cancelled" }));
        Assert.That(processing.CanCancelOrder(order), Is.False);
        Assert.ThrowsAsync<NopException>(() => processing.CancelOrderAsync(order, false));
    }

    [Test]
    public void CanCancelOrderDoesNotLookAtThePaymentStatus()
    {
        var (processing, _, _, _) = CreateProcessing();
        var paid = NewOrder(paymentStatus: PaymentStatus.Paid);
        paid.OrderStatus = OrderStatus.Complete;

        // nopCommerce would cancel a paid order: the plugin must check the payment status itself
        Assert.That(processing.CanCancelOrder(paid), Is.True);
    }

    [Test]
    public async Task CheckOrderStatusMovesAPaidPendingOrderOnAndSetsThePaidDate()
    {
        var (processing, orders, _, _) = CreateProcessing();
        var order = NewOrder(paymentStatus: PaymentStatus.Paid);
        await orders.InsertOrderAsync(order);

        await processing.CheckOrderStatusAsync(order);

        var stored = await orders.GetOrderByIdAsync(order.Id);
        Assert.That(stored.OrderStatus, Is.EqualTo(OrderStatus.Complete));
        Assert.That(stored.PaidDateUtc, Is.Not.Null);
    }

    [Test]
    public async Task AConsumerThatThrowsIsLoggedAndTheOthersStillRun()
    {
        var (processing, orders, consumer, logger) = CreateProcessing(withThrowingConsumer: true);
        var order = NewOrder();
        await orders.InsertOrderAsync(order);

        await processing.MarkOrderAsPaidAsync(order);

        Assert.That(consumer.Events.OfType<OrderPaidEvent>().Count(), Is.EqualTo(1));
        logger.Verify(log => log.ErrorAsync("consumer failed", It.IsAny<Exception>(), null), Times.Once);
    }

    #endregion

    #region Locker

    [Test]
    public async Task LockerRefusesASecondHolderWithoutWaitingAndFreesTheKeyAfterwards()
    {
        var locker = new MemoryCacheLocker(new MemoryCache(new MemoryCacheOptions()));
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        var first = locker.PerformActionWithLockAsync("order-1", TimeSpan.FromMinutes(1), async () =>
        {
            entered.SetResult();
            await release.Task;
        });
        await entered.Task;

        var secondRan = false;
        var second = await locker.PerformActionWithLockAsync("order-1", TimeSpan.FromMinutes(1), () => { secondRan = true; return Task.CompletedTask; });
        var otherKey = await locker.PerformActionWithLockAsync("order-2", TimeSpan.FromMinutes(1), () => Task.CompletedTask);

        Assert.That(second, Is.False);
        Assert.That(secondRan, Is.False);
        Assert.That(otherKey, Is.True);
        Assert.That(await locker.IsTaskRunningAsync("order-1"), Is.True);

        release.SetResult();
        Assert.That(await first, Is.True);
        Assert.That(await locker.PerformActionWithLockAsync("order-1", TimeSpan.FromMinutes(1), () => Task.CompletedTask), Is.True);
    }

    [Test]
    public async Task LockerReleasesTheKeyWhenTheActionThrows()
    {
        var locker = new MemoryCacheLocker(new MemoryCache(new MemoryCacheOptions()));

        Assert.ThrowsAsync<InvalidOperationException>(() => locker.PerformActionWithLockAsync("k", TimeSpan.FromMinutes(1), () => throw new InvalidOperationException()));
        Assert.That(await locker.PerformActionWithLockAsync("k", TimeSpan.FromMinutes(1), () => Task.CompletedTask), Is.True);
    }

    #endregion

    #region Payments

    private (PaymentService Service, Mock<IPaymentMethod> Plugin, Order Order) CreatePaymentService(bool allowRePosting = true)
    {
        var plugin = new Mock<IPaymentMethod>();
        plugin.SetupGet(method => method.PaymentMethodType).Returns(PaymentMethodType.Redirection);
        plugin.Setup(method => method.CanRePostProcessPaymentAsync(It.IsAny<Order>())).ReturnsAsync(true);
        plugin.SetupGet(method => method.PluginDescriptor).Returns(new PluginDescriptor { SystemName = "Payments.Kma" });
        var manager = new Mock<IPaymentPluginManager>();
        manager.Setup(m => m.LoadPluginBySystemNameAsync("Payments.Kma", It.IsAny<Customer>(), It.IsAny<int>())).ReturnsAsync(plugin.Object);
        _settingService.SaveSettingAsync(new PaymentSettings { AllowRePostingPayments = allowRePosting }).GetAwaiter().GetResult();
        var service = new PaymentService(new CustomerService(_data), manager.Object, _settingService);
        return (service, plugin, NewOrder());
    }

    [Test]
    public async Task RePostIsAllowedForAPendingRedirectionOrderThePluginAccepts()
    {
        var (service, _, order) = CreatePaymentService();
        Assert.That(await service.CanRePostProcessPaymentAsync(order), Is.True);
    }

    [Test]
    public async Task RePostIsRefusedWhenAnyRuleFails()
    {
        var (service, plugin, order) = CreatePaymentService();

        var cancelled = Table<Order>.Copy(order);
        cancelled.OrderStatus = OrderStatus.Cancelled;
        var deleted = Table<Order>.Copy(order);
        deleted.Deleted = true;
        var paid = Table<Order>.Copy(order);
        paid.PaymentStatus = PaymentStatus.Paid;
        Assert.That(await service.CanRePostProcessPaymentAsync(cancelled), Is.False);
        Assert.That(await service.CanRePostProcessPaymentAsync(deleted), Is.False);
        Assert.That(await service.CanRePostProcessPaymentAsync(paid), Is.False);

        plugin.Setup(method => method.CanRePostProcessPaymentAsync(It.IsAny<Order>())).ReturnsAsync(false);
        Assert.That(await service.CanRePostProcessPaymentAsync(order), Is.False);

        plugin.Setup(method => method.CanRePostProcessPaymentAsync(It.IsAny<Order>())).ReturnsAsync(true);
        plugin.SetupGet(method => method.PaymentMethodType).Returns(PaymentMethodType.Standard);
        Assert.That(await service.CanRePostProcessPaymentAsync(order), Is.False);

        var (notAllowed, _, pending) = CreatePaymentService(allowRePosting: false);
        Assert.That(await notAllowed.CanRePostProcessPaymentAsync(pending), Is.False);
    }

    [Test]
    public async Task ZeroTotalIsPaidWithoutThePluginAndAPaidOrderIsNotPostProcessed()
    {
        var (service, plugin, order) = CreatePaymentService();

        var result = await service.ProcessPaymentAsync(new ProcessPaymentRequest { OrderTotal = 0m, PaymentMethodSystemName = "Payments.Kma" });
        order.PaymentStatus = PaymentStatus.Paid;
        await service.PostProcessPaymentAsync(new PostProcessPaymentRequest { Order = order });

        Assert.That(result.NewPaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        plugin.Verify(method => method.ProcessPaymentAsync(It.IsAny<ProcessPaymentRequest>()), Times.Never);
        plugin.Verify(method => method.PostProcessPaymentAsync(It.IsAny<PostProcessPaymentRequest>()), Times.Never);
    }

    [Test]
    public async Task AdditionalFeeIsNeverNegative()
    {
        var (service, plugin, _) = CreatePaymentService();
        plugin.Setup(method => method.GetAdditionalHandlingFeeAsync(It.IsAny<IList<ShoppingCartItem>>())).ReturnsAsync(-5m);

        Assert.That(await service.GetAdditionalHandlingFeeAsync(new List<ShoppingCartItem> { new() { CustomerId = 2, StoreId = 1 } }, "Payments.Kma"), Is.EqualTo(0m));
        Assert.That(await service.GetAdditionalHandlingFeeAsync(new List<ShoppingCartItem>(), null), Is.EqualTo(0m));
    }

    #endregion

    #region Currency, web helper, logger

    [Test]
    public async Task CurrenciesConvertThroughThePrimaryThb()
    {
        _data.Currencies.Insert(new Nop.Core.Domain.Directory.Currency { Name = "Thai Baht", CurrencyCode = "THB", Rate = 1m, Published = true });
        _data.Currencies.Insert(new Nop.Core.Domain.Directory.Currency { Name = "US Dollar", CurrencyCode = "USD", Rate = 0.025m, Published = true });
        await _settingService.SaveSettingAsync(new Nop.Core.Domain.Directory.CurrencySettings { PrimaryStoreCurrencyId = 1, PrimaryExchangeRateCurrencyId = 1 });
        var currencies = new CurrencyService(_data, _settingService);
        var usd = await currencies.GetCurrencyByCodeAsync("usd");

        Assert.That(await currencies.ConvertFromPrimaryStoreCurrencyAsync(1000m, usd), Is.EqualTo(25m));
        Assert.That(await currencies.ConvertToPrimaryStoreCurrencyAsync(25m, usd), Is.EqualTo(1000m));
        Assert.That(await currencies.ConvertCurrencyAsync(1000m, await currencies.GetCurrencyByIdAsync(1), usd), Is.EqualTo(25m));
        Assert.That(currencies.ConvertCurrency(10m, 0m), Is.EqualTo(0m));
    }

    [Test]
    public void WebHelperKnowsRedirectsPostsAndTheStoreLocation()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 5080);
        context.Request.PathBase = "/shop";
        var accessor = new HttpContextAccessor { HttpContext = context };
        var webHelper = new WebHelper(accessor, new Mock<IStoreContext>().Object);

        Assert.That(webHelper.GetStoreLocation(), Is.EqualTo("http://127.0.0.1:5080/shop/"));
        Assert.That(webHelper.IsRequestBeingRedirected, Is.False);
        context.Response.Redirect("https://pay.example/authorize");
        Assert.That(webHelper.IsRequestBeingRedirected, Is.True);
        context.Response.StatusCode = 301;
        Assert.That(webHelper.IsRequestBeingRedirected, Is.True);
        context.Response.StatusCode = 303;
        Assert.That(webHelper.IsRequestBeingRedirected, Is.False);

        Assert.That(webHelper.IsPostBeingDone, Is.False);
        webHelper.IsPostBeingDone = true;
        Assert.That(webHelper.IsPostBeingDone, Is.True);
    }

    [Test]
    public void WebHelperWithoutARequestUsesTheStoreUrl()
    {
        var storeContext = new Mock<IStoreContext>();
        storeContext.Setup(context => context.GetCurrentStore()).Returns(new Store { Url = "http://shop.example" });
        var webHelper = new WebHelper(new HttpContextAccessor(), storeContext.Object);

        Assert.That(webHelper.GetStoreLocation(), Is.EqualTo("http://shop.example/"));
    }

    [Test]
    public async Task LoggerKeepsEntriesForInspection()
    {
        var logger = new InMemoryLogger(_data, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        await logger.WarningAsync("late success", new InvalidOperationException("x"), new Customer { Id = 4 });
        logger.Information("info");

        var entries = logger.GetAll();
        Assert.That(entries.Select(entry => (entry.LogLevel, entry.ShortMessage)), Is.EqualTo(new[]
        {
            (Nop.Core.Domain.Logging.LogLevel.Warning, "late success"),
            (Nop.Core.Domain.Logging.LogLevel.Information, "info")
        }));
        Assert.That(entries[0].FullMessage, Does.Contain("InvalidOperationException"));
        Assert.That(entries[0].CustomerId, Is.EqualTo(4));
        Assert.That(logger.IsEnabled(Nop.Core.Domain.Logging.LogLevel.Debug), Is.False);
    }

    #endregion
}
