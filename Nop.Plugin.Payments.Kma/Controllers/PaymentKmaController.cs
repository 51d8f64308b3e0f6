using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Nop.Core;
using Nop.Plugin.Payments.Kma.Models;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Services.Configuration;
using Nop.Services.Localization;
using Nop.Services.Logging;
using Nop.Services.Messages;
using Nop.Services.Security;
using Nop.Services.Stores;
using Nop.Web.Framework;
using Nop.Web.Framework.Controllers;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Plugin.Payments.Kma.Controllers;

/// <summary>
/// The plugin's admin configuration page
/// </summary>
[AuthorizeAdmin]
[Area(AreaNames.ADMIN)]
[AutoValidateAntiforgeryToken]
public class PaymentKmaController : BasePaymentController
{
    #region Fields

    private readonly ILocalizationService _localizationService;
    private readonly ILogger _logger;
    private readonly INotificationService _notificationService;
    private readonly IOpnClient _opnClient;
    private readonly ISettingService _settingService;
    private readonly IStoreContext _storeContext;
    private readonly IStoreService _storeService;
    private readonly IWebHelper _webHelper;

    #endregion

    #region Ctor

    public PaymentKmaController(ILocalizationService localizationService,
        ILogger logger,
        INotificationService notificationService,
        IOpnClient opnClient,
        ISettingService settingService,
        IStoreContext storeContext,
        IStoreService storeService,
        IWebHelper webHelper)
    {
        _localizationService = localizationService;
        _logger = logger;
        _notificationService = notificationService;
        _opnClient = opnClient;
        _settingService = settingService;
        _storeContext = storeContext;
        _storeService = storeService;
        _webHelper = webHelper;
    }

    #endregion

    #region Utilities

    /// <summary>
    /// Prepares the configuration model from the stored settings of the store scope (never the secrets themselves)
    /// </summary>
    /// <param name="storeScope">Store scope (0 for all stores)</param>
    /// <param name="settings">Settings loaded for the store scope</param>
    /// <returns>A task that represents the asynchronous operation. The task result contains the model</returns>
    protected virtual async Task<ConfigurationModel> PrepareConfigurationModelAsync(int storeScope, KmaPaymentSettings settings)
    {
        var model = new ConfigurationModel
        {
            ActiveStoreScopeConfiguration = storeScope,
            PublicKey = settings.PublicKey,
            SecretKeyIsSet = !string.IsNullOrEmpty(settings.SecretKey),
            SecretKeyTail = KmaSettingsValidator.GetVisibleTail(settings.SecretKey),
            WebhookSecretIsSet = !string.IsNullOrEmpty(settings.WebhookSecret),
            WebhookSecretTail = KmaSettingsValidator.GetVisibleTail(settings.WebhookSecret),
            ApiBaseUrl = string.IsNullOrEmpty(settings.ApiBaseUrl) ? KmaDefaults.DefaultApiBaseUrl : settings.ApiBaseUrl,
            AdditionalFee = settings.AdditionalFee,
            AdditionalFeePercentage = settings.AdditionalFeePercentage,
            CancelOrderOnFailedCharge = settings.CancelOrderOnFailedCharge,
            CancelOrderOnExpiredCharge = settings.CancelOrderOnExpiredCharge,
            UseDynamicWebhooks = settings.UseDynamicWebhooks,
            CheckCapability = settings.CheckCapability,
            WebhookUrl = await GetWebhookUrlAsync(storeScope)
        };

        if (storeScope > 0)
        {
            model.PublicKey_OverrideForStore = await _settingService.SettingExistsAsync(settings, x => x.PublicKey, storeScope);
            model.SecretKey_OverrideForStore = await _settingService.SettingExistsAsync(settings, x => x.SecretKey, storeScope);
            model.WebhookSecret_OverrideForStore = await _settingService.SettingExistsAsync(settings, x => x.WebhookSecret, storeScope);
            model.ApiBaseUrl_OverrideForStore = await _settingService.SettingExistsAsync(settings, x => x.ApiBaseUrl, storeScope);
            model.AdditionalFee_OverrideForStore = await _settingService.SettingExistsAsync(settings, x => x.AdditionalFee, storeScope);
            model.AdditionalFeePercentage_OverrideForStore = await _settingService.SettingExistsAsync(settings, x => x.AdditionalFeePercentage, storeScope);
            model.CancelOrderOnFailedCharge_OverrideForStore = await _settingService.SettingExistsAsync(settings, x => x.CancelOrderOnFailedCharge, storeScope);
            model.CancelOrderOnExpiredCharge_OverrideForStore = await _settingService.SettingExistsAsync(settings, x => x.CancelOrderOnExpiredCharge, storeScope);
            model.UseDynamicWebhooks_OverrideForStore = await _settingService.SettingExistsAsync(settings, x => x.UseDynamicWebhooks, storeScope);
            model.CheckCapability_OverrideForStore = await _settingService.SettingExistsAsync(settings, x => x.CheckCapability, storeScope);
        }

        return model;
    }

    /// <summary>
    /// Gets the webhook URL of the store in scope (or of the current store for "all stores")
    /// </summary>
    /// <param name="storeScope">Store scope</param>
    /// <returns>A task that represents the asynchronous operation. The task result contains the absolute URL</returns>
    protected virtual async Task<string> GetWebhookUrlAsync(int storeScope)
    {
        var store = storeScope > 0
            ? await _storeService.GetStoreByIdAsync(storeScope)
            : await _storeContext.GetCurrentStoreAsync();
        var storeUrl = !string.IsNullOrWhiteSpace(store?.Url) ? store.Url : _webHelper.GetStoreLocation();

        return $"{storeUrl?.TrimEnd('/')}/{KmaDefaults.Webhook.RoutePath}";
    }

    /// <summary>
    /// Forgets what was typed into the secret fields so that no page ever carries a secret back
    /// </summary>
    protected virtual void ForgetPostedSecrets()
    {
        foreach (var key in new[] { nameof(ConfigurationModel.SecretKey), nameof(ConfigurationModel.WebhookSecret) })
        {
            if (ModelState.TryGetValue(key, out var entry))
            {
                entry.RawValue = null;
                entry.AttemptedValue = null;
            }
        }
    }

    /// <summary>
    /// Calls Opn with the store scope's saved keys and describes what it found
    /// </summary>
    /// <param name="settings">Settings of the store scope</param>
    /// <returns>A task that represents the asynchronous operation. The task result contains the test result</returns>
    protected virtual async Task<ConnectionTestModel> TestConnectionAsync(KmaPaymentSettings settings)
    {
        var credentials = new OpnCredentials(settings.PublicKey, settings.SecretKey, settings.ApiBaseUrl);
        var result = new ConnectionTestModel { ApiBaseUrl = credentials.ApiBaseUrl };

        if (string.IsNullOrEmpty(settings.SecretKey))
        {
            result.Error = await _localizationService.GetResourceAsync("Plugins.Payments.Kma.TestConnection.NoSecretKey");
            return result;
        }

        try
        {
            var cancellationToken = HttpContext?.RequestAborted ?? CancellationToken.None;
            var account = await _opnClient.GetAccountAsync(credentials, cancellationToken);
            var capability = await _opnClient.GetCapabilityAsync(credentials, cancellationToken);

            result.Success = true;
            result.AccountEmail = account.Email;
            result.AccountCountry = account.Country;
            result.Livemode = account.Livemode;
            result.KmaEnabled = capability.Supports(KmaDefaults.SourceType, "THB");
            result.Limits = FormatThbRange(capability.ChargeAmountMin ?? KmaAmountRule.MinSatang,
                capability.ChargeAmountMax ?? KmaAmountRule.MaxSatang);

            if (!result.KmaEnabled)
                result.Warnings.Add(await _localizationService.GetResourceAsync("Plugins.Payments.Kma.TestConnection.KmaNotEnabled"));
            if (account.Livemode == credentials.IsTestMode)
                result.Warnings.Add(await _localizationService.GetResourceAsync("Plugins.Payments.Kma.TestConnection.ModeMismatch"));
            if (!string.IsNullOrEmpty(account.Country) && !string.Equals(account.Country, "TH", StringComparison.OrdinalIgnoreCase))
                result.Warnings.Add(await _localizationService.GetResourceAsync("Plugins.Payments.Kma.TestConnection.NotThaiAccount"));
        }
        catch (OpnException exception)
        {
            result.Success = false;
            result.Error = await DescribeOpnErrorAsync(exception, credentials.ApiBaseUrl);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            //not an Opn answer: keep the details in the log (the client keeps keys out of its exceptions)
            await _logger.ErrorAsync("Payments.Kma: test connection failed unexpectedly", exception);
            result.Success = false;
            result.Error = await _localizationService.GetResourceAsync("Plugins.Payments.Kma.TestConnection.Error.Unexpected");
        }

        return result;
    }

    /// <summary>
    /// Turns an Opn failure into what the store owner should do about it
    /// </summary>
    /// <param name="exception">The failure</param>
    /// <param name="apiBaseUrl">The API base URL that was called</param>
    /// <returns>A task that represents the asynchronous operation. The task result contains the localized explanation</returns>
    protected virtual async Task<string> DescribeOpnErrorAsync(OpnException exception, string apiBaseUrl)
    {
        string resourceKey;
        object[] arguments = [apiBaseUrl];

        switch (exception)
        {
            case OpnApiException { StatusCode: 401 }:
            case OpnApiException { Code: "authentication_failure" }:
                resourceKey = "Plugins.Payments.Kma.TestConnection.Error.Authentication";
                break;
            case OpnApiException { StatusCode: 403 }:
                resourceKey = "Plugins.Payments.Kma.TestConnection.Error.Forbidden";
                break;
            case OpnApiException { StatusCode: 404 }:
                resourceKey = "Plugins.Payments.Kma.TestConnection.Error.NotFound";
                break;
            case OpnApiException { StatusCode: 429 }:
                resourceKey = "Plugins.Payments.Kma.TestConnection.Error.RateLimited";
                break;
            case OpnApiException { StatusCode: >= 500 }:
                resourceKey = "Plugins.Payments.Kma.TestConnection.Error.Server";
                break;
            case OpnApiException api:
                resourceKey = "Plugins.Payments.Kma.TestConnection.Error.Other";
                arguments = [api.StatusCode.ToString(CultureInfo.InvariantCulture), api.Code ?? string.Empty];
                break;
            case OpnTransportException { IsTimeout: true }:
                resourceKey = "Plugins.Payments.Kma.TestConnection.Error.Timeout";
                break;
            default:
                resourceKey = "Plugins.Payments.Kma.TestConnection.Error.Network";
                break;
        }

        var format = await _localizationService.GetResourceAsync(resourceKey);
        return string.Format(CultureInfo.InvariantCulture, format, arguments);
    }

    /// <summary>
    /// Formats a satang range as baht, e.g. ฿20.00 – ฿150,000.00
    /// </summary>
    /// <param name="minSatang">Minimum in satang</param>
    /// <param name="maxSatang">Maximum in satang</param>
    /// <returns>The formatted range</returns>
    protected static string FormatThbRange(long minSatang, long maxSatang)
    {
        return $"฿{(minSatang / 100m).ToString("N2", CultureInfo.InvariantCulture)} – ฿{(maxSatang / 100m).ToString("N2", CultureInfo.InvariantCulture)}";
    }

    #endregion

    #region Methods

    /// <summary>
    /// Shows the configuration page
    /// </summary>
    /// <returns>A task that represents the asynchronous operation. The task result contains the page</returns>
    [CheckPermission(StandardPermission.Configuration.MANAGE_PAYMENT_METHODS)]
    public async Task<IActionResult> Configure()
    {
        var storeScope = await _storeContext.GetActiveStoreScopeConfigurationAsync();
        var settings = await _settingService.LoadSettingAsync<KmaPaymentSettings>(storeScope);
        var model = await PrepareConfigurationModelAsync(storeScope, settings);

        return View(KmaDefaults.ConfigureViewPath, model);
    }

    /// <summary>
    /// Saves the settings of the store scope
    /// </summary>
    /// <param name="model">The posted model</param>
    /// <returns>A task that represents the asynchronous operation. The task result contains the page</returns>
    [HttpPost]
    [CheckPermission(StandardPermission.Configuration.MANAGE_PAYMENT_METHODS)]
    public async Task<IActionResult> Configure(ConfigurationModel model)
    {
        ForgetPostedSecrets();

        if (!ModelState.IsValid)
            return await Configure();

        var storeScope = await _storeContext.GetActiveStoreScopeConfigurationAsync();
        var settings = await _settingService.LoadSettingAsync<KmaPaymentSettings>(storeScope);

        var problems = KmaSettingsValidator.Validate(model.PublicKey, model.SecretKey, settings.SecretKey,
            model.WebhookSecret, model.ApiBaseUrl);
        if (problems.Any())
        {
            foreach (var problem in problems)
                ModelState.AddModelError(problem.Field, await _localizationService.GetResourceAsync(problem.ResourceKey));
            _notificationService.ErrorNotification(await _localizationService.GetResourceAsync("Plugins.Payments.Kma.Configuration.NotSaved"));

            return await Configure();
        }

        settings.PublicKey = model.PublicKey?.Trim();
        //write-only secrets: an empty field keeps what is stored
        if (!string.IsNullOrWhiteSpace(model.SecretKey))
            settings.SecretKey = model.SecretKey.Trim();
        if (!string.IsNullOrWhiteSpace(model.WebhookSecret))
            settings.WebhookSecret = model.WebhookSecret.Trim();
        settings.ApiBaseUrl = string.IsNullOrWhiteSpace(model.ApiBaseUrl)
            ? KmaDefaults.DefaultApiBaseUrl
            : model.ApiBaseUrl.Trim().TrimEnd('/');
        settings.AdditionalFee = model.AdditionalFee;
        settings.AdditionalFeePercentage = model.AdditionalFeePercentage;
        settings.CancelOrderOnFailedCharge = model.CancelOrderOnFailedCharge;
        settings.CancelOrderOnExpiredCharge = model.CancelOrderOnExpiredCharge;
        settings.UseDynamicWebhooks = model.UseDynamicWebhooks;
        settings.CheckCapability = model.CheckCapability;

        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.PublicKey, model.PublicKey_OverrideForStore, storeScope, false);
        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.SecretKey, model.SecretKey_OverrideForStore, storeScope, false);
        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.WebhookSecret, model.WebhookSecret_OverrideForStore, storeScope, false);
        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.ApiBaseUrl, model.ApiBaseUrl_OverrideForStore, storeScope, false);
        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.AdditionalFee, model.AdditionalFee_OverrideForStore, storeScope, false);
        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.AdditionalFeePercentage, model.AdditionalFeePercentage_OverrideForStore, storeScope, false);
        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.CancelOrderOnFailedCharge, model.CancelOrderOnFailedCharge_OverrideForStore, storeScope, false);
        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.CancelOrderOnExpiredCharge, model.CancelOrderOnExpiredCharge_OverrideForStore, storeScope, false);
        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.UseDynamicWebhooks, model.UseDynamicWebhooks_OverrideForStore, storeScope, false);
        await _settingService.SaveSettingOverridablePerStoreAsync(settings, x => x.CheckCapability, model.CheckCapability_OverrideForStore, storeScope, false);

        await _settingService.ClearCacheAsync();

        _notificationService.SuccessNotification(await _localizationService.GetResourceAsync("Admin.Plugins.Saved"));

        return await Configure();
    }

    /// <summary>
    /// Calls Opn with what is in the form (an empty secret key field meaning the saved key) and shows what it found;
    /// saves nothing. The page calls it by AJAX and shows the answer in place, so nothing typed is lost
    /// </summary>
    /// <param name="model">The posted model</param>
    /// <returns>A task that represents the asynchronous operation. The task result contains the test result (AJAX) or the page</returns>
    [HttpPost]
    [CheckPermission(StandardPermission.Configuration.MANAGE_PAYMENT_METHODS)]
    public async Task<IActionResult> TestConnection(ConfigurationModel model)
    {
        var storeScope = await _storeContext.GetActiveStoreScopeConfigurationAsync();
        var saved = await _settingService.LoadSettingAsync<KmaPaymentSettings>(storeScope);

        //an empty field is one the page did not send (a store scope's fields that are not overridden are disabled and
        //show the inherited value) or a secret left empty: both mean the saved value
        var publicKey = string.IsNullOrWhiteSpace(model.PublicKey) ? saved.PublicKey : model.PublicKey.Trim();
        var apiBaseUrl = string.IsNullOrWhiteSpace(model.ApiBaseUrl) ? saved.ApiBaseUrl : model.ApiBaseUrl.Trim();

        var problems = KmaSettingsValidator.Validate(publicKey, model.SecretKey, saved.SecretKey, null, apiBaseUrl);
        ConnectionTestModel test;
        if (problems.Any())
        {
            var messages = new List<string>();
            foreach (var problem in problems)
                messages.Add(await _localizationService.GetResourceAsync(problem.ResourceKey));
            test = new ConnectionTestModel { Error = string.Join(" ", messages.Distinct()) };
        }
        else
        {
            test = await TestConnectionAsync(new KmaPaymentSettings
            {
                PublicKey = publicKey,
                SecretKey = string.IsNullOrWhiteSpace(model.SecretKey) ? saved.SecretKey : model.SecretKey.Trim(),
                ApiBaseUrl = string.IsNullOrWhiteSpace(apiBaseUrl) ? KmaDefaults.DefaultApiBaseUrl : apiBaseUrl.TrimEnd('/')
            });
        }

        if (string.Equals(Request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.OrdinalIgnoreCase))
            return PartialView(KmaDefaults.ConnectionTestViewPath, test);

        //without scripts: the page comes back with the typed values, except the secrets, which never go back to a page
        ForgetPostedSecrets();
        var page = await PrepareConfigurationModelAsync(storeScope, saved);
        page.ConnectionTest = test;

        return View(KmaDefaults.ConfigureViewPath, page);
    }

    #endregion
}
