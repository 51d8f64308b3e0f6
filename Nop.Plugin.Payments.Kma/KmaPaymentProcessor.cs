using Microsoft.AspNetCore.Http;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.ScheduleTasks;
using Nop.Plugin.Payments.Kma.Localization;
using Nop.Services.Configuration;
using Nop.Services.Localization;
using Nop.Services.Payments;
using Nop.Services.Plugins;
using Nop.Services.ScheduleTasks;

namespace Nop.Plugin.Payments.Kma;

/// <summary>
/// Krungsri (KMA) mobile banking through Opn Payments
/// </summary>
public class KmaPaymentProcessor : BasePlugin, IPaymentMethod
{
    #region Fields

    private readonly ILanguageService _languageService;
    private readonly ILocalizationService _localizationService;
    private readonly IScheduleTaskService _scheduleTaskService;
    private readonly ISettingService _settingService;

    #endregion

    #region Ctor

    public KmaPaymentProcessor(ILanguageService languageService,
        ILocalizationService localizationService,
        IScheduleTaskService scheduleTaskService,
        ISettingService settingService)
    {
        _languageService = languageService;
        _localizationService = localizationService;
        _scheduleTaskService = scheduleTaskService;
        _settingService = settingService;
    }

    #endregion

    #region Utilities

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
            await _localizationService.AddOrUpdateLocaleResourceAsync(KmaLocaleResources.Thai, thai.Id);
    }

    #endregion

    #region Methods

    /// <inheritdoc />
    public Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest processPaymentRequest)
    {
        return Task.FromResult(new ProcessPaymentResult());
    }

    /// <inheritdoc />
    public Task PostProcessPaymentAsync(PostProcessPaymentRequest postProcessPaymentRequest)
    {
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> HidePaymentMethodAsync(IList<ShoppingCartItem> cart)
    {
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<decimal> GetAdditionalHandlingFeeAsync(IList<ShoppingCartItem> cart)
    {
        return Task.FromResult(decimal.Zero);
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
        return Task.FromResult(false);
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
        return null;
    }

    /// <inheritdoc />
    public Task<string> GetPaymentMethodDescriptionAsync()
    {
        return _localizationService.GetResourceAsync("Plugins.Payments.Kma.PaymentMethodDescription");
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

        if (await _scheduleTaskService.GetTaskByTypeAsync(KmaDefaults.ReconciliationTask.Type) is null)
        {
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

        await base.InstallAsync();
    }

    /// <inheritdoc />
    public override async Task UninstallAsync()
    {
        await _settingService.DeleteSettingAsync<KmaPaymentSettings>();
        if (await _scheduleTaskService.GetTaskByTypeAsync(KmaDefaults.ReconciliationTask.Type) is ScheduleTask task)
            await _scheduleTaskService.DeleteTaskAsync(task);
        await _localizationService.DeleteLocaleResourcesAsync(KmaDefaults.LocaleResourcePrefix);

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
