using DevStore.Data;
using DevStore.Services;
using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Core.Domain.Payments;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Messages;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Services.ScheduleTasks;
using Nop.Services.Security;
using Nop.Services.Stores;
using Nop.Web.Framework;
using Nop.Web.Framework.Controllers;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Web.Areas.Admin.Controllers;

/// <summary>
/// Base of the admin controllers, as nopCommerce's BaseAdminController: admin access, admin area, antiforgery on posts
/// </summary>
[AuthorizeAdmin]
[Area(AreaNames.ADMIN)]
[AutoValidateAntiforgeryToken]
public abstract class BaseAdminController : BaseController
{
}

public class HomeController : BaseAdminController
{
    public IActionResult Index() => View();
}

public class SecurityController : BaseAdminController
{
    [AuthorizeAdmin(true)]
    public IActionResult AccessDenied(string pageUrl) => View(model: pageUrl);
}

public class SettingController : BaseAdminController
{
    private readonly IGenericAttributeService _genericAttributeService;
    private readonly Nop.Services.Localization.ILocalizationService _localizationService;
    private readonly INotificationService _notificationService;
    private readonly ISettingService _settingService;
    private readonly IStoreContext _storeContext;
    private readonly IStoreService _storeService;
    private readonly IWorkContext _workContext;

    public SettingController(IGenericAttributeService genericAttributeService,
        Nop.Services.Localization.ILocalizationService localizationService,
        INotificationService notificationService,
        ISettingService settingService,
        IStoreContext storeContext,
        IStoreService storeService,
        IWorkContext workContext)
    {
        _genericAttributeService = genericAttributeService;
        _localizationService = localizationService;
        _notificationService = notificationService;
        _settingService = settingService;
        _storeContext = storeContext;
        _storeService = storeService;
        _workContext = workContext;
    }

    /// <summary>
    /// The DevStore's settings, per store, edited the way a plugin's Configure page edits its settings
    /// </summary>
    [CheckPermission(StandardPermission.Configuration.MANAGE_SETTINGS)]
    public async Task<IActionResult> DevStore()
    {
        var storeScope = await _storeContext.GetActiveStoreScopeConfigurationAsync();
        var orderSettings = await _settingService.LoadSettingAsync<Nop.Core.Domain.Orders.OrderSettings>(storeScope);
        var paymentSettings = await _settingService.LoadSettingAsync<PaymentSettings>(storeScope);
        var model = new global::DevStore.Models.DevStoreSettingsModel
        {
            ActiveStoreScopeConfiguration = storeScope,
            OnePageCheckoutEnabled = orderSettings.OnePageCheckoutEnabled,
            AllowRePostingPayments = paymentSettings.AllowRePostingPayments,
            SkipPaymentInfoStepForRedirectionPaymentMethods = paymentSettings.SkipPaymentInfoStepForRedirectionPaymentMethods,
            ThemeName = global::DevStore.Infrastructure.ThemeableViewLocationExpander.ThemeName
        };

        if (storeScope > 0)
        {
            model.OnePageCheckoutEnabled_OverrideForStore = await _settingService.SettingExistsAsync(orderSettings, x => x.OnePageCheckoutEnabled, storeScope);
            model.AllowRePostingPayments_OverrideForStore = await _settingService.SettingExistsAsync(paymentSettings, x => x.AllowRePostingPayments, storeScope);
            model.SkipPaymentInfoStepForRedirectionPaymentMethods_OverrideForStore = await _settingService.SettingExistsAsync(paymentSettings, x => x.SkipPaymentInfoStepForRedirectionPaymentMethods, storeScope);
        }

        return View(model);
    }

    [HttpPost]
    [CheckPermission(StandardPermission.Configuration.MANAGE_SETTINGS)]
    public async Task<IActionResult> DevStore(global::DevStore.Models.DevStoreSettingsModel model)
    {
        if (!ModelState.IsValid)
            return await DevStore();

        var storeScope = await _storeContext.GetActiveStoreScopeConfigurationAsync();
        var orderSettings = await _settingService.LoadSettingAsync<Nop.Core.Domain.Orders.OrderSettings>(storeScope);
        var paymentSettings = await _settingService.LoadSettingAsync<PaymentSettings>(storeScope);
        orderSettings.OnePageCheckoutEnabled = model.OnePageCheckoutEnabled;
        paymentSettings.AllowRePostingPayments = model.AllowRePostingPayments;
        paymentSettings.SkipPaymentInfoStepForRedirectionPaymentMethods = model.SkipPaymentInfoStepForRedirectionPaymentMethods;

        await _settingService.SaveSettingOverridablePerStoreAsync(orderSettings, x => x.OnePageCheckoutEnabled, model.OnePageCheckoutEnabled_OverrideForStore, storeScope, false);
        await _settingService.SaveSettingOverridablePerStoreAsync(paymentSettings, x => x.AllowRePostingPayments, model.AllowRePostingPayments_OverrideForStore, storeScope, false);
        await _settingService.SaveSettingOverridablePerStoreAsync(paymentSettings, x => x.SkipPaymentInfoStepForRedirectionPaymentMethods, model.SkipPaymentInfoStepForRedirectionPaymentMethods_OverrideForStore, storeScope, false);
        await _settingService.ClearCacheAsync();

        if (!string.IsNullOrWhiteSpace(model.ThemeName))
            global::DevStore.Infrastructure.ThemeableViewLocationExpander.ThemeName = model.ThemeName.Trim();

        _notificationService.SuccessNotification(await _localizationService.GetResourceAsync("Admin.Plugins.Saved"));
        return await DevStore();
    }

    /// <summary>
    /// Chooses the store whose settings the admin pages edit (0 = all stores), kept on the customer as nopCommerce does
    /// </summary>
    public async Task<IActionResult> ChangeStoreScopeConfiguration(int storeid, string returnUrl = "")
    {
        var store = await _storeService.GetStoreByIdAsync(storeid);
        if (store != null || storeid == 0)
            await _genericAttributeService.SaveAttributeAsync(await _workContext.GetCurrentCustomerAsync(), DevStoreDefaults.StoreScopeAttribute, storeid);

        return Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Action("Index", "Home", new { area = AreaNames.ADMIN }));
    }
}

public class PaymentController : BaseAdminController
{
    private readonly IPaymentPluginManager _paymentPluginManager;
    private readonly ISettingService _settingService;

    public PaymentController(IPaymentPluginManager paymentPluginManager, ISettingService settingService)
    {
        _paymentPluginManager = paymentPluginManager;
        _settingService = settingService;
    }

    [CheckPermission(StandardPermission.Configuration.MANAGE_PAYMENT_METHODS)]
    public async Task<IActionResult> Methods()
    {
        var settings = await _settingService.LoadSettingAsync<PaymentSettings>();
        ViewBag.Active = settings.ActivePaymentMethodSystemNames;
        return View(await _paymentPluginManager.LoadAllPluginsAsync());
    }

    [HttpPost]
    [CheckPermission(StandardPermission.Configuration.MANAGE_PAYMENT_METHODS)]
    public async Task<IActionResult> MethodUpdate(string systemName, bool active)
    {
        var settings = await _settingService.LoadSettingAsync<PaymentSettings>();
        settings.ActivePaymentMethodSystemNames.RemoveAll(name => name.Equals(systemName, StringComparison.InvariantCultureIgnoreCase));
        if (active)
            settings.ActivePaymentMethodSystemNames.Add(systemName);
        await _settingService.SaveSettingAsync(settings, x => x.ActivePaymentMethodSystemNames);
        return RedirectToAction(nameof(Methods));
    }
}

public class OrderController : BaseAdminController
{
    private readonly INotificationService _notificationService;
    private readonly IOrderProcessingService _orderProcessingService;
    private readonly IOrderService _orderService;

    public OrderController(INotificationService notificationService, IOrderProcessingService orderProcessingService, IOrderService orderService)
    {
        _notificationService = notificationService;
        _orderProcessingService = orderProcessingService;
        _orderService = orderService;
    }

    [CheckPermission(StandardPermission.Orders.ORDERS_VIEW)]
    public async Task<IActionResult> List() => View(await _orderService.SearchOrdersAsync());

    [CheckPermission(StandardPermission.Orders.ORDERS_VIEW)]
    public async Task<IActionResult> Edit(int id)
    {
        var order = await _orderService.GetOrderByIdAsync(id);
        if (order == null || order.Deleted)
            return RedirectToAction(nameof(List));

        ViewBag.Notes = await _orderService.GetOrderNotesByOrderIdAsync(id);
        ViewBag.CanMarkAsPaid = _orderProcessingService.CanMarkOrderAsPaid(order);
        ViewBag.CanCancel = _orderProcessingService.CanCancelOrder(order);
        return View(order);
    }

    [HttpPost]
    [CheckPermission(StandardPermission.Orders.ORDERS_CREATE_EDIT_DELETE)]
    public async Task<IActionResult> MarkAsPaid(int id)
    {
        var order = await _orderService.GetOrderByIdAsync(id);
        if (order != null && _orderProcessingService.CanMarkOrderAsPaid(order))
            await _orderProcessingService.MarkOrderAsPaidAsync(order);
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpPost]
    [CheckPermission(StandardPermission.Orders.ORDERS_CREATE_EDIT_DELETE)]
    public async Task<IActionResult> CancelOrder(int id)
    {
        var order = await _orderService.GetOrderByIdAsync(id);
        if (order != null && _orderProcessingService.CanCancelOrder(order))
        {
            await _orderProcessingService.CancelOrderAsync(order, true);
            _notificationService.SuccessNotification($"Order #{id} cancelled");
        }
        return RedirectToAction(nameof(Edit), new { id });
    }
}

public class ScheduleTaskController : BaseAdminController
{
    private readonly ScheduleTaskRunner _runner;
    private readonly IScheduleTaskService _scheduleTaskService;

    public ScheduleTaskController(ScheduleTaskRunner runner, IScheduleTaskService scheduleTaskService)
    {
        _runner = runner;
        _scheduleTaskService = scheduleTaskService;
    }

    [CheckPermission(StandardPermission.System.MANAGE_SCHEDULE_TASKS)]
    public async Task<IActionResult> List() => View(await _scheduleTaskService.GetAllTasksAsync(true));

    [HttpPost]
    [CheckPermission(StandardPermission.System.MANAGE_SCHEDULE_TASKS)]
    public async Task<IActionResult> RunNow(int id)
    {
        var task = await _scheduleTaskService.GetTaskByIdAsync(id);
        if (task != null)
            await _runner.ExecuteAsync(task);
        return RedirectToAction(nameof(List));
    }
}
