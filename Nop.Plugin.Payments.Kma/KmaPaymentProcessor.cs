using Microsoft.AspNetCore.Http;
using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Domain.ScheduleTasks;
using Nop.Plugin.Payments.Kma.Components;
using Nop.Plugin.Payments.Kma.Localization;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Services.Plugins;
using Nop.Services.ScheduleTasks;
using Nop.Services.Stores;

namespace Nop.Plugin.Payments.Kma;

/// <summary>
/// Krungsri (KMA) mobile banking through Opn Payments
/// </summary>
public class KmaPaymentProcessor : BasePlugin, IPaymentMethod
{
    #region Fields

    private readonly IGenericAttributeService _genericAttributeService;
    private readonly IHttpContextAccessor _httpContextAccessor;
    private readonly IKmaCheckoutService _kmaCheckoutService;
    private readonly IKmaShopperMessageService _kmaShopperMessageService;
    private readonly ILanguageService _languageService;
    private readonly ILocalizationService _localizationService;
    private readonly INotificationService _notificationService;
    private readonly IOrderService _orderService;
    private readonly IScheduleTaskService _scheduleTaskService;
    private readonly ISettingService _settingService;
    private readonly IStoreService _storeService;
    private readonly IWebHelper _webHelper;

    #endregion

    #region Ctor

    public KmaPaymentProcessor(IGenericAttributeService genericAttributeService,
        IHttpContextAccessor httpContextAccessor,
        IKmaCheckoutService kmaCheckoutService,
        IKmaShopperMessageService kmaShopperMessageService,
        ILanguageService languageService,
        ILocalizationService localizationService,
        INotificationService notificationService,
        IOrderService orderService,
        IScheduleTaskService scheduleTaskService,
        ISettingService settingService,
        IStoreService storeService,
        IWebHelper webHelper)
    {
        _genericAttributeService = genericAttributeService;
        _httpContextAccessor = httpContextAccessor;
        _kmaCheckoutService = kmaCheckoutService;
        _kmaShopperMessageService = kmaShopperMessageService;
        _languageService = languageService;
        _localizationService = localizationService;
        _notificationService = notificationService;
        _orderService = orderService;
        _scheduleTaskService = scheduleTaskService;
        _settingService = settingService;
        _storeService = storeService;
        _webHelper = webHelper;
    }

    #endregion

    #region Utilities

    /// <summary>
    /// Gets the URL of a public page of nopCommerce for the order (route patterns "orderdetails/{orderId}" and
    /// "checkout/completed/{orderId}"; nopCommerce adds the language code itself when URLs carry one)
    /// </summary>
    protected virtual string GetOrderPageUrl(string path, Order order)
    {
        return $"{_webHelper.GetStoreLocation()}{path}{order.Id}";
    }

    /// <summary>
    /// Adds the reconciliation task unless it exists
    /// </summary>
    /// <returns>A task that represents the asynchronous operation</returns>
    private async Task EnsureReconciliationTaskAsync()
    {
        if (await _scheduleTaskService.GetTaskByTypeAsync(KmaDefaults.ReconciliationTask.Type) is not null)
            return;

        await _scheduleTaskService.InsertTaskAsync(new ScheduleTask
        {
            Name = KmaDefaults.ReconciliationTask.Name,
            Type = KmaDefaults.ReconciliationTask.Type,
            Seconds = KmaDefaults.ReconciliationTask.Seconds,
            Enabled = true,
            StopOnError = false,
            LastEnabledUtc = DateTime.UtcNow
        });
    }

    /// <summary>
    /// Installs the locale resources: English for every language, then Thai over it for the th-TH language
    /// </summary>
    /// <returns>A task that represents the asynchronous operation</returns>
    private async Task InstallLocaleResourcesAsync()
    {
        await _localizationService.AddOrUpdateLocaleResourceAsync(KmaLocaleResources.English);

        var languages = await _languageService.GetAllLanguagesAsync(showHidden: true);
        var thai = languages.FirstOrDefault(language => string.Equals(language.LanguageCulture, KmaDefaults.ThaiLanguageCulture, StringComparison.OrdinalIgnoreCase));
        if (thai != null)
        {
            await _localizationService.AddOrUpdateLocaleResourceAsync(KmaLocaleResources.Thai, thai.Id);

            //nopCommerce names the method by this resource, falling back to plugin.json's FriendlyName (which the
            //admin's plugin search matches, so the list still finds "Krungsri (KMA)")
            await _localizationService.AddOrUpdateLocaleResourceAsync(new Dictionary<string, string>
            {
                [KmaDefaults.FriendlyNameResourceName] = KmaLocaleResources.ThaiFriendlyName
            }, thai.Id);
        }
    }

    /// <summary>
    /// Takes the method off the active payment methods of every store scope, so that a reinstall starts inactive
    /// </summary>
    /// <returns>A task that represents the asynchronous operation</returns>
    private async Task DeactivateAsync()
    {
        var storeIds = new List<int> { 0 }.Concat((await _storeService.GetAllStoresAsync()).Select(store => store.Id));
        foreach (var storeId in storeIds)
        {
            var paymentSettings = await _settingService.LoadSettingAsync<PaymentSettings>(storeId);
            if (storeId > 0 && !await _settingService.SettingExistsAsync(paymentSettings, settings => settings.ActivePaymentMethodSystemNames, storeId))
                continue;

            if (paymentSettings.ActivePaymentMethodSystemNames.RemoveAll(name => string.Equals(name, KmaDefaults.SystemName, StringComparison.OrdinalIgnoreCase)) > 0)
                await _settingService.SaveSettingAsync(paymentSettings, settings => settings.ActivePaymentMethodSystemNames, storeId, false);
        }

        await _settingService.ClearCacheAsync();
    }

    /// <summary>
    /// Deletes the return token of every KMA order: a bearer key to the order's public pages must not outlive the plugin
    /// </summary>
    /// <returns>A task that represents the asynchronous operation</returns>
    private async Task DeleteReturnTokensAsync()
    {
        const int pageSize = 500;
        for (var pageIndex = 0; ; pageIndex++)
        {
            var orders = await _orderService.SearchOrdersAsync(paymentMethodSystemName: KmaDefaults.SystemName, pageIndex: pageIndex, pageSize: pageSize);
            foreach (var order in orders)
            {
                //an empty value deletes the attribute
                if (!string.IsNullOrEmpty(await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.ReturnToken)))
                    await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.ReturnToken, string.Empty);
            }

            if (!orders.HasNextPage)
                break;
        }
    }

    #endregion

    #region Methods

    /// <inheritdoc />
    public Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest processPaymentRequest)
    {
        //the charge is created once the order exists (PostProcessPaymentAsync), so that it carries the order's id
        return _kmaCheckoutService.ValidatePaymentAsync(processPaymentRequest);
    }

    /// <inheritdoc />
    public async Task PostProcessPaymentAsync(PostProcessPaymentRequest postProcessPaymentRequest)
    {
        ArgumentNullException.ThrowIfNull(postProcessPaymentRequest?.Order);

        var order = postProcessPaymentRequest.Order;
        var httpContext = _httpContextAccessor.HttpContext;
        var result = await _kmaCheckoutService.StartPaymentAsync(order, httpContext?.Request.Headers.UserAgent.ToString(),
            httpContext?.RequestAborted ?? CancellationToken.None);

        var redirectUrl = result.RedirectUrl;
        if (result.Outcome == KmaCheckoutOutcome.Failed)
        {
            //the shopper lands on the order page; the message offers only the next step nopCommerce really shows there
            var current = await _orderService.GetOrderByIdAsync(order.Id) ?? order;
            _notificationService.ErrorNotification(await _kmaShopperMessageService.GetMessageAsync(current, result.MessageResourceKey
                ?? "Plugins.Payments.Kma.Checkout.PaymentUnavailable"));
            redirectUrl = GetOrderPageUrl("orderdetails/", order);
        }
        else if (string.IsNullOrEmpty(redirectUrl))
            redirectUrl = GetOrderPageUrl("checkout/completed/", order);

        httpContext?.Response.Redirect(redirectUrl);
    }

    /// <inheritdoc />
    public async Task<bool> HidePaymentMethodAsync(IList<ShoppingCartItem> cart)
    {
        return !await _kmaCheckoutService.IsAvailableAsync(cart);
    }

    /// <inheritdoc />
    public Task<decimal> GetAdditionalHandlingFeeAsync(IList<ShoppingCartItem> cart)
    {
        return _kmaCheckoutService.GetAdditionalFeeAsync(cart);
    }

    /// <inheritdoc />
    public Task<CapturePaymentResult> CaptureAsync(CapturePaymentRequest capturePaymentRequest)
    {
        return Task.FromResult(new CapturePaymentResult { Errors = ["Capture method not supported"] });
    }

    /// <inheritdoc />
    public Task<RefundPaymentResult> RefundAsync(RefundPaymentRequest refundPaymentRequest)
    {
        return Task.FromResult(new RefundPaymentResult { Errors = ["Refund method not supported"] });
    }

    /// <inheritdoc />
    public Task<VoidPaymentResult> VoidAsync(VoidPaymentRequest voidPaymentRequest)
    {
        return Task.FromResult(new VoidPaymentResult { Errors = ["Void method not supported"] });
    }

    /// <inheritdoc />
    public Task<ProcessPaymentResult> ProcessRecurringPaymentAsync(ProcessPaymentRequest processPaymentRequest)
    {
        return Task.FromResult(new ProcessPaymentResult { Errors = ["Recurring payment not supported"] });
    }

    /// <inheritdoc />
    public Task<CancelRecurringPaymentResult> CancelRecurringPaymentAsync(CancelRecurringPaymentRequest cancelPaymentRequest)
    {
        return Task.FromResult(new CancelRecurringPaymentResult { Errors = ["Recurring payment not supported"] });
    }

    /// <inheritdoc />
    public Task<bool> CanRePostProcessPaymentAsync(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);

        //"Retry payment" resumes the pending charge or starts the next attempt; nopCommerce has already checked
        //that the order is pending and not cancelled
        return Task.FromResult(order.PaymentStatus == Nop.Core.Domain.Payments.PaymentStatus.Pending
            && order.OrderStatus != OrderStatus.Cancelled);
    }

    /// <inheritdoc />
    public Task<IList<string>> ValidatePaymentFormAsync(IFormCollection form)
    {
        return Task.FromResult<IList<string>>(new List<string>());
    }

    /// <inheritdoc />
    public Task<ProcessPaymentRequest> GetPaymentInfoAsync(IFormCollection form)
    {
        return Task.FromResult(new ProcessPaymentRequest());
    }

    /// <inheritdoc />
    public Type GetPublicViewComponent()
    {
        return typeof(PaymentKmaViewComponent);
    }

    /// <inheritdoc />
    public Task<string> GetPaymentMethodDescriptionAsync()
    {
        return _localizationService.GetResourceAsync("Plugins.Payments.Kma.PaymentMethodDescription");
    }

    /// <summary>
    /// Gets a configuration page URL
    /// </summary>
    public override string GetConfigurationPageUrl()
    {
        return $"{_webHelper.GetStoreLocation()}{KmaDefaults.ConfigurePath}";
    }

    /// <inheritdoc />
    public override async Task InstallAsync()
    {
        //default settings for all stores
        await _settingService.SaveSettingAsync(new KmaPaymentSettings
        {
            ApiBaseUrl = KmaDefaults.DefaultApiBaseUrl,
            CheckCapability = true,
            UseDynamicWebhooks = true,
            CancelOrderOnExpiredCharge = true
        }, storeId: 0);

        await InstallLocaleResourcesAsync();
        await EnsureReconciliationTaskAsync();

        await base.InstallAsync();
    }

    /// <summary>
    /// Brings an installed older version up to this one: nopCommerce calls this at the restart after an upgrade
    /// upload, instead of InstallAsync, so texts the new version adds or rewords are installed here
    /// </summary>
    /// <param name="currentVersion">The installed version</param>
    /// <param name="targetVersion">The version being installed</param>
    /// <returns>A task that represents the asynchronous operation</returns>
    public override async Task UpdateAsync(string currentVersion, string targetVersion)
    {
        //the plugin's own texts are replaced as a reinstall would; settings, keys and the task are kept
        await InstallLocaleResourcesAsync();
        await EnsureReconciliationTaskAsync();

        await base.UpdateAsync(currentVersion, targetVersion);
    }

    /// <inheritdoc />
    public override async Task UninstallAsync()
    {
        await DeactivateAsync();
        await DeleteReturnTokensAsync();

        await _settingService.DeleteSettingAsync<KmaPaymentSettings>();
        if (await _scheduleTaskService.GetTaskByTypeAsync(KmaDefaults.ReconciliationTask.Type) is ScheduleTask task)
            await _scheduleTaskService.DeleteTaskAsync(task);
        await _localizationService.DeleteLocaleResourcesAsync(KmaDefaults.LocaleResourcePrefix);
        await _localizationService.DeleteLocaleResourceAsync(KmaDefaults.FriendlyNameResourceName);

        await base.UninstallAsync();
    }

    #endregion

    #region Properties

    /// <inheritdoc />
    public bool SupportCapture => false;

    /// <inheritdoc />
    public bool SupportPartiallyRefund => false;

    /// <inheritdoc />
    public bool SupportRefund => false;

    /// <inheritdoc />
    public bool SupportVoid => false;

    /// <inheritdoc />
    public RecurringPaymentType RecurringPaymentType => RecurringPaymentType.NotSupported;

    /// <inheritdoc />
    public PaymentMethodType PaymentMethodType => PaymentMethodType.Redirection;

    /// <inheritdoc />
    public bool SkipPaymentInfo => false;

    #endregion
}
