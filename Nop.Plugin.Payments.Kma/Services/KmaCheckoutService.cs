using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using Nop.Core;
using Nop.Core.Caching;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Directory;
using Nop.Services.Localization;
using Nop.Services.Logging;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Services.Stores;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// The checkout side of KMA payments
/// </summary>
public class KmaCheckoutService : IKmaCheckoutService
{
    #region Fields

    private readonly CurrencySettings _currencySettings;
    private readonly ICurrencyService _currencyService;
    private readonly IGenericAttributeService _genericAttributeService;
    private readonly IKmaPaymentClaimService _kmaPaymentClaimService;
    private readonly ILocalizationService _localizationService;
    private readonly ILocker _locker;
    private readonly ILogger _logger;
    private readonly IMemoryCache _memoryCache;
    private readonly IOpnClient _opnClient;
    private readonly IOrderService _orderService;
    private readonly IOrderTotalCalculationService _orderTotalCalculationService;
    private readonly ISettingService _settingService;
    private readonly IStoreContext _storeContext;
    private readonly IStoreService _storeService;
    private readonly IWebHelper _webHelper;

    #endregion

    #region Ctor

    public KmaCheckoutService(CurrencySettings currencySettings,
        ICurrencyService currencyService,
        IGenericAttributeService genericAttributeService,
        IKmaPaymentClaimService kmaPaymentClaimService,
        ILocalizationService localizationService,
        ILocker locker,
        ILogger logger,
        IMemoryCache memoryCache,
        IOpnClient opnClient,
        IOrderService orderService,
        IOrderTotalCalculationService orderTotalCalculationService,
        ISettingService settingService,
        IStoreContext storeContext,
        IStoreService storeService,
        IWebHelper webHelper)
    {
        _currencySettings = currencySettings;
        _currencyService = currencyService;
        _genericAttributeService = genericAttributeService;
        _kmaPaymentClaimService = kmaPaymentClaimService;
        _localizationService = localizationService;
        _locker = locker;
        _logger = logger;
        _memoryCache = memoryCache;
        _opnClient = opnClient;
        _orderService = orderService;
        _orderTotalCalculationService = orderTotalCalculationService;
        _settingService = settingService;
        _storeContext = storeContext;
        _storeService = storeService;
        _webHelper = webHelper;
    }

    #endregion

    #region Utilities

    private static bool HasKeys(KmaPaymentSettings settings)
    {
        return !string.IsNullOrWhiteSpace(settings.PublicKey) && !string.IsNullOrWhiteSpace(settings.SecretKey);
    }

    private static OpnCredentials GetCredentials(KmaPaymentSettings settings)
    {
        return new OpnCredentials(settings.PublicKey, settings.SecretKey, settings.ApiBaseUrl);
    }

    private static KmaCheckoutResult Failed(string messageResourceKey)
    {
        return new KmaCheckoutResult { Outcome = KmaCheckoutOutcome.Failed, MessageResourceKey = messageResourceKey };
    }

    private static string FormatThb(decimal thb)
    {
        return "฿" + thb.ToString("N2", CultureInfo.InvariantCulture);
    }

    private static int ParseAttempt(OpnCharge charge)
    {
        return charge.Metadata != null && charge.Metadata.TryGetValue("attempt", out var value)
            && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempt)
            ? attempt
            : 0;
    }

    /// <summary>
    /// Converts an amount in the primary store currency to THB; null when THB is not a currency of the store
    /// </summary>
    protected virtual async Task<decimal?> ConvertToThbAsync(decimal amount, int storeId)
    {
        var primaryCurrency = await _currencyService.GetCurrencyByIdAsync(_currencySettings.PrimaryStoreCurrencyId);
        if (string.Equals(primaryCurrency?.CurrencyCode, KmaDefaults.Checkout.Currency, StringComparison.OrdinalIgnoreCase))
            return amount;

        var thb = (await _currencyService.GetAllCurrenciesAsync(storeId: storeId))
            .FirstOrDefault(currency => string.Equals(currency.CurrencyCode, KmaDefaults.Checkout.Currency, StringComparison.OrdinalIgnoreCase));
        if (thb == null)
            return null;

        return await _currencyService.ConvertFromPrimaryStoreCurrencyAsync(amount, thb);
    }

    /// <summary>
    /// Asks Opn (at most once per cache period and store) whether the account offers mobile_banking_bay in THB
    /// </summary>
    /// <remarks>
    /// On an Opn outage (timeout, 5xx, 429) the method is SHOWN: the last known answer is used when there is one,
    /// otherwise the method is offered and the charge creation decides (the order stays payable if it fails).
    /// A definite answer (the method is missing, or the keys are refused) hides it.
    /// </remarks>
    protected virtual async Task<bool> IsCapableAsync(int storeId, KmaPaymentSettings settings)
    {
        var cacheKey = $"Nop.Plugin.Payments.Kma.capability-{storeId}-{settings.PublicKey}-{settings.ApiBaseUrl}";
        var lastKnownKey = cacheKey + "-last";
        if (_memoryCache.TryGetValue(cacheKey, out bool cached))
            return cached;

        bool capable;
        var cacheTime = KmaDefaults.Checkout.CapabilityCacheTime;
        try
        {
            var capability = await _opnClient.GetCapabilityAsync(GetCredentials(settings));
            capable = capability?.Supports(KmaDefaults.SourceType, KmaDefaults.Checkout.Currency) ?? false;
            _memoryCache.Set(lastKnownKey, capable, TimeSpan.FromDays(1));
        }
        catch (OpnException exception) when (exception.IsTransient)
        {
            capable = !_memoryCache.TryGetValue(lastKnownKey, out bool lastKnown) || lastKnown;
            cacheTime = KmaDefaults.Checkout.CapabilityFailureCacheTime;
            await _logger.WarningAsync($"Krungsri (KMA): Opn's capability could not be read for store #{storeId}; the method stays {(capable ? "shown" : "hidden")} for now. {exception.Message}");
        }
        catch (OpnException exception)
        {
            capable = false;
            cacheTime = KmaDefaults.Checkout.CapabilityFailureCacheTime;
            await _logger.WarningAsync($"Krungsri (KMA): Opn refused the capability request for store #{storeId}; the method is hidden. {exception.Message}");
        }

        _memoryCache.Set(cacheKey, capable, cacheTime);

        return capable;
    }

    /// <summary>
    /// Gets the store URL with a trailing slash
    /// </summary>
    protected virtual async Task<string> GetStoreUrlAsync(int storeId)
    {
        var store = await _storeService.GetStoreByIdAsync(storeId);
        var url = !string.IsNullOrWhiteSpace(store?.Url) ? store.Url : _webHelper.GetStoreLocation();

        return url.EndsWith('/') ? url : url + "/";
    }

    protected virtual async Task AddOrderNoteAsync(Order order, string note)
    {
        await _orderService.InsertOrderNoteAsync(new OrderNote
        {
            OrderId = order.Id,
            Note = note,
            DisplayToCustomer = false,
            CreatedOnUtc = DateTime.UtcNow
        });
    }

    /// <summary>
    /// Gets a value indicating whether a charge may be handed to the shopper again
    /// </summary>
    protected virtual bool IsReusable(OpnCharge charge, long amountSatang, string platformType)
    {
        if (charge == null || !string.Equals(charge.Status, OpnChargeStatuses.Pending, StringComparison.Ordinal))
            return false;

        if (charge.Amount != amountSatang || !string.Equals(charge.Currency, KmaDefaults.Checkout.Currency, StringComparison.OrdinalIgnoreCase))
            return false;

        if (string.IsNullOrEmpty(charge.AuthorizeUri))
            return false;

        if (charge.ExpiresAt.HasValue && charge.ExpiresAt.Value.ToUniversalTime() <= Clock.GetUtcNow().UtcDateTime + KmaDefaults.Checkout.ChargeReuseMargin)
            return false;

        // a charge made for a desktop browser does not open the app on a phone, and the other way round
        if (!string.IsNullOrEmpty(charge.Source?.PlatformType) && !string.Equals(charge.Source.PlatformType, platformType, StringComparison.OrdinalIgnoreCase))
            return false;

        return true;
    }

    /// <summary>
    /// Makes the charge the order's current one and records what the webhook and the task compare against
    /// </summary>
    protected virtual async Task SaveCurrentChargeAsync(Order order, OpnCharge charge, int attempt, long amountSatang, IList<string> previousChargeIds)
    {
        order.AuthorizationTransactionId = charge.Id;
        await _orderService.UpdateOrderAsync(order);

        await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.ChargeAttempt, attempt);
        await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.ChargeAmountSatang, amountSatang);
        await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.ChargeLivemode, charge.Livemode ? "true" : "false");
        await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.ChargeExpiresAtUtc,
            charge.ExpiresAt?.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture) ?? string.Empty);
        await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.AuthorizeUri, charge.AuthorizeUri ?? string.Empty);
        await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.PreviousChargeIds,
            string.Join(",", previousChargeIds.Where(id => !string.IsNullOrEmpty(id) && id != charge.Id).Distinct()));
        await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.LastFailureCode, string.Empty);
    }

    protected virtual async Task<KmaCheckoutResult> RedirectToChargeAsync(Order order, OpnCharge charge, string platformType, string token)
    {
        var url = KmaPlatform.IsMobile(platformType)
            ? charge.AuthorizeUri
            : await GetOrderPageUrlAsync(order, KmaDefaults.Checkout.PayPath, token);

        return new KmaCheckoutResult { Outcome = KmaCheckoutOutcome.Redirect, RedirectUrl = url, Charge = charge };
    }

    protected virtual async Task<KmaCheckoutResult> RedirectToReturnAsync(Order order, string token, OpnCharge charge = null)
    {
        return new KmaCheckoutResult
        {
            Outcome = KmaCheckoutOutcome.AlreadyPaid,
            RedirectUrl = await GetOrderPageUrlAsync(order, KmaDefaults.Checkout.ReturnPath, token),
            Charge = charge
        };
    }

    protected virtual async Task<KmaCheckoutResult> OpnFailedAsync(Order order, string what, OpnException exception, string messageResourceKey)
    {
        //Opn saying it is overloaded is not "did not answer in time"
        if (exception is OpnApiException { StatusCode: 429 or 503 })
            messageResourceKey = "Plugins.Payments.Kma.Checkout.ServiceBusy";

        // OpnException messages carry Opn's code and message only, never a key
        await AddOrderNoteAsync(order, $"Krungsri (KMA): {what}. The order stays payable. Opn said: {exception.Message}");
        await _logger.WarningAsync($"Krungsri (KMA): {what} for order #{order.Id}. {exception.Message}", exception);

        return Failed(messageResourceKey);
    }

    /// <summary>
    /// The body of <see cref="StartPaymentAsync"/>, run while holding the order lock
    /// </summary>
    protected virtual async Task<KmaCheckoutResult> StartPaymentUnderLockAsync(int orderId, string platformType, CancellationToken cancellationToken)
    {
        //re-read: another request may have changed the order while we waited for the lock
        var order = await _orderService.GetOrderByIdAsync(orderId);
        if (order == null || order.Deleted)
            return Failed("Plugins.Payments.Kma.Checkout.PaymentUnavailable");

        var token = await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.ReturnToken);
        var hadToken = !string.IsNullOrEmpty(token);

        if (order.PaymentStatus != PaymentStatus.Pending)
            return hadToken ? await RedirectToReturnAsync(order, token) : new KmaCheckoutResult { Outcome = KmaCheckoutOutcome.AlreadyPaid };

        if (order.OrderStatus == OrderStatus.Cancelled)
            return Failed("Plugins.Payments.Kma.Checkout.OrderCancelled");

        var settings = await _settingService.LoadSettingAsync<KmaPaymentSettings>(order.StoreId);
        if (!HasKeys(settings))
        {
            await AddOrderNoteAsync(order, "Krungsri (KMA): no charge was created because the store has no Opn keys. The order stays payable.");
            return Failed("Plugins.Payments.Kma.Checkout.PaymentUnavailable");
        }

        var totalThb = await GetOrderTotalInThbAsync(order);
        if (!totalThb.HasValue)
        {
            await AddOrderNoteAsync(order, "Krungsri (KMA): no charge was created because Thai baht (THB) is not a currency of the store.");
            return Failed("Plugins.Payments.Kma.Checkout.ThbUnavailableOrder");
        }

        var amountSatang = KmaAmountRule.ToSatang(totalThb.Value);
        if (!KmaAmountRule.IsWithinLimits(amountSatang))
        {
            await AddOrderNoteAsync(order, $"Krungsri (KMA): no charge was created because {FormatThb(totalThb.Value)} is outside ฿20.00–฿150,000.00.");
            return Failed("Plugins.Payments.Kma.Checkout.AmountOutOfRangeOrder");
        }

        if (!hadToken)
        {
            token = KmaReturnToken.Create();
            await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.ReturnToken, token);
        }

        var credentials = GetCredentials(settings);
        var attempt = await _genericAttributeService.GetAttributeAsync<int>(order, KmaDefaults.OrderAttributes.ChargeAttempt);
        var previousIds = ((await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.PreviousChargeIds)) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();

        //1. the current charge: reuse it while it is valid, otherwise make sure it can't be paid any more
        var currentId = order.AuthorizationTransactionId;
        if (!string.IsNullOrEmpty(currentId))
        {
            OpnCharge current;
            try
            {
                current = await _opnClient.GetChargeAsync(credentials, currentId, cancellationToken);
            }
            catch (OpnApiException exception) when (exception.StatusCode == 404)
            {
                current = null;
                await AddOrderNoteAsync(order, $"Krungsri (KMA): Opn does not know charge {currentId} with the store's keys; a new charge is created.");
            }
            catch (OpnException exception)
            {
                //without the current charge's state a new one could make two live charges
                return await OpnFailedAsync(order, $"charge {currentId} could not be read, so no new charge was created", exception, "Plugins.Payments.Kma.Checkout.RetryLater");
            }

            if (current != null)
            {
                if (string.Equals(current.Status, OpnChargeStatuses.Successful, StringComparison.Ordinal))
                    return await RedirectToReturnAsync(order, token, current);

                if (string.Equals(current.Status, OpnChargeStatuses.Pending, StringComparison.Ordinal))
                {
                    if (IsReusable(current, amountSatang, platformType))
                        return await RedirectToChargeAsync(order, current, platformType, token);

                    try
                    {
                        current = await _opnClient.ExpireChargeAsync(credentials, currentId, cancellationToken);
                    }
                    catch (OpnException exception)
                    {
                        return await OpnFailedAsync(order, $"charge {currentId} could not be expired, so no new charge was created", exception, "Plugins.Payments.Kma.Checkout.RetryLater");
                    }

                    //the shopper may have paid in the meantime
                    if (string.Equals(current?.Status, OpnChargeStatuses.Successful, StringComparison.Ordinal))
                        return await RedirectToReturnAsync(order, token, current);

                    await AddOrderNoteAsync(order, $"Krungsri (KMA): charge {currentId} was expired at Opn before a new attempt.");
                }
            }

            previousIds.Add(currentId);
        }

        //2. after an earlier visit (maybe an unanswered create), look for charges Opn made for this order that we don't know
        if (hadToken)
        {
            IList<OpnCharge> found;
            try
            {
                found = await _opnClient.FindChargesByOrderAsync(credentials, order.OrderGuid, cancellationToken);
            }
            catch (OpnException exception)
            {
                return await OpnFailedAsync(order, "the order's charges could not be searched, so no new charge was created", exception, "Plugins.Payments.Kma.Checkout.RetryLater");
            }

            var adopted = await AdoptUnknownChargeAsync(order, found ?? new List<OpnCharge>(), previousIds, currentId, amountSatang, platformType, attempt, credentials, cancellationToken);
            if (adopted.Result != null)
                return adopted.Result.Outcome == KmaCheckoutOutcome.Redirect
                    ? await RedirectToChargeAsync(order, adopted.Result.Charge, platformType, token)
                    : adopted.Result.Outcome == KmaCheckoutOutcome.AlreadyPaid ? await RedirectToReturnAsync(order, token, adopted.Result.Charge) : adopted.Result;

            attempt = Math.Max(attempt, adopted.HighestAttempt);
        }

        //3. create the next attempt
        attempt++;
        var request = await PrepareChargeRequestAsync(order, settings, amountSatang, platformType, token, attempt);
        OpnCharge charge;
        try
        {
            charge = await _opnClient.CreateChargeAsync(credentials, request, cancellationToken);
        }
        catch (OpnException exception) when (exception.IsAmbiguous)
        {
            //the charge may exist: look for it instead of creating another one
            IList<OpnCharge> found = null;
            try
            {
                found = await _opnClient.FindChargesByOrderAsync(credentials, order.OrderGuid, cancellationToken);
            }
            catch (OpnException)
            {
                //still unknown: handled below
            }

            var adopted = await AdoptUnknownChargeAsync(order, found ?? new List<OpnCharge>(), previousIds, currentId, amountSatang, platformType, attempt - 1, credentials, cancellationToken);
            if (adopted.Result?.Outcome == KmaCheckoutOutcome.Redirect)
                return await RedirectToChargeAsync(order, adopted.Result.Charge, platformType, token);
            if (adopted.Result?.Outcome == KmaCheckoutOutcome.AlreadyPaid)
                return await RedirectToReturnAsync(order, token, adopted.Result.Charge);

            //remember the attempt number so a later create never reuses it, and do not create a second charge now
            await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.ChargeAttempt, attempt);
            return await OpnFailedAsync(order, $"creating charge attempt {attempt} got no clear answer and no charge was found; no second charge was created in this request", exception, "Plugins.Payments.Kma.Checkout.RetryLater");
        }
        catch (OpnException exception)
        {
            return await OpnFailedAsync(order, $"charge attempt {attempt} could not be created", exception, "Plugins.Payments.Kma.Checkout.PaymentUnavailable");
        }

        if (charge == null || string.IsNullOrEmpty(charge.Id))
        {
            await AddOrderNoteAsync(order, $"Krungsri (KMA): Opn answered charge attempt {attempt} without a charge. The order stays payable.");
            return Failed("Plugins.Payments.Kma.Checkout.PaymentUnavailable");
        }

        await SaveCurrentChargeAsync(order, charge, attempt, amountSatang, previousIds);
        await AddOrderNoteAsync(order, $"Krungsri (KMA): charge {charge.Id} created (attempt {attempt}, {FormatThb(totalThb.Value)} = {amountSatang} satang, platform {platformType}, {(charge.Livemode ? "live" : "test")} mode)"
            + (previousIds.Count > 0 ? $"; earlier charges: {string.Join(", ", previousIds.Distinct())}." : "."));

        if (string.IsNullOrEmpty(charge.AuthorizeUri))
        {
            await AddOrderNoteAsync(order, $"Krungsri (KMA): charge {charge.Id} has no authorize_uri.");
            return Failed("Plugins.Payments.Kma.Checkout.PaymentUnavailable");
        }

        return await RedirectToChargeAsync(order, charge, platformType, token);
    }

    /// <summary>
    /// Looks through the charges Opn holds for the order: adopts a successful or still valid pending one that the
    /// order does not know yet, expires other pending ones, and records the rest as earlier charges
    /// </summary>
    protected virtual async Task<(KmaCheckoutResult Result, int HighestAttempt)> AdoptUnknownChargeAsync(Order order, IList<OpnCharge> found,
        IList<string> previousIds, string currentId, long amountSatang, string platformType, int attempt, OpnCredentials credentials, CancellationToken cancellationToken)
    {
        var highestAttempt = attempt;
        var orderGuid = order.OrderGuid.ToString();
        var unknown = found
            .Where(charge => !string.IsNullOrEmpty(charge?.Id) && charge.Id != currentId && !previousIds.Contains(charge.Id))
            .Where(charge => charge.Metadata != null && charge.Metadata.TryGetValue("order_guid", out var guid)
                && string.Equals(guid, orderGuid, StringComparison.OrdinalIgnoreCase))
            .ToList();

        foreach (var charge in unknown)
            highestAttempt = Math.Max(highestAttempt, ParseAttempt(charge));

        var successful = unknown.FirstOrDefault(charge => string.Equals(charge.Status, OpnChargeStatuses.Successful, StringComparison.Ordinal));
        var reusable = unknown.Where(charge => IsReusable(charge, amountSatang, platformType)).OrderByDescending(ParseAttempt).FirstOrDefault();
        var adopt = successful ?? reusable;

        foreach (var charge in unknown.Where(charge => charge != adopt))
        {
            if (string.Equals(charge.Status, OpnChargeStatuses.Pending, StringComparison.Ordinal))
            {
                try
                {
                    var expired = await _opnClient.ExpireChargeAsync(credentials, charge.Id, cancellationToken);
                    if (adopt == null && string.Equals(expired?.Status, OpnChargeStatuses.Successful, StringComparison.Ordinal))
                    {
                        adopt = expired;
                        continue;
                    }
                }
                catch (OpnException exception)
                {
                    return (await OpnFailedAsync(order, $"charge {charge.Id} found at Opn could not be expired, so no new charge was created", exception, "Plugins.Payments.Kma.Checkout.RetryLater"), highestAttempt);
                }
            }

            previousIds.Add(charge.Id);
        }

        if (adopt == null)
            return (null, highestAttempt);

        var adoptedAttempt = Math.Max(ParseAttempt(adopt), 1);
        await SaveCurrentChargeAsync(order, adopt, adoptedAttempt, amountSatang, previousIds.Append(currentId).ToList());
        await AddOrderNoteAsync(order, $"Krungsri (KMA): charge {adopt.Id} (attempt {adoptedAttempt}, {adopt.Status}) was found at Opn and adopted as the order's charge.");

        var outcome = adopt == successful || string.Equals(adopt.Status, OpnChargeStatuses.Successful, StringComparison.Ordinal)
            ? KmaCheckoutOutcome.AlreadyPaid
            : KmaCheckoutOutcome.Redirect;

        return (new KmaCheckoutResult { Outcome = outcome, Charge = adopt }, highestAttempt);
    }

    /// <summary>
    /// Prepares the request that creates one charge with an inline mobile_banking_bay source
    /// </summary>
    protected virtual async Task<CreateKmaChargeRequest> PrepareChargeRequestAsync(Order order, KmaPaymentSettings settings,
        long amountSatang, string platformType, string token, int attempt)
    {
        var store = await _storeService.GetStoreByIdAsync(order.StoreId);
        var orderNumber = string.IsNullOrEmpty(order.CustomOrderNumber) ? order.Id.ToString(CultureInfo.InvariantCulture) : order.CustomOrderNumber;
        var request = new CreateKmaChargeRequest
        {
            Amount = amountSatang,
            Currency = KmaDefaults.Checkout.Currency,
            PlatformType = platformType,
            ReturnUri = await GetOrderPageUrlAsync(order, KmaDefaults.Checkout.ReturnPath, token),
            Description = $"Order {orderNumber}" + (string.IsNullOrWhiteSpace(store?.Name) ? string.Empty : $" at {store.Name}")
        };
        request.Metadata["order_id"] = order.Id.ToString(CultureInfo.InvariantCulture);
        request.Metadata["order_guid"] = order.OrderGuid.ToString();
        request.Metadata["custom_order_number"] = orderNumber;
        request.Metadata["store_id"] = order.StoreId.ToString(CultureInfo.InvariantCulture);
        request.Metadata["attempt"] = attempt.ToString(CultureInfo.InvariantCulture);

        if (settings.UseDynamicWebhooks)
            request.WebhookEndpoints.Add(await GetStoreUrlAsync(order.StoreId) + KmaDefaults.Webhook.RoutePath);

        return request;
    }

    #endregion

    #region Methods

    /// <inheritdoc />
    public virtual async Task<bool> IsAvailableAsync(IList<ShoppingCartItem> cart)
    {
        var store = await _storeContext.GetCurrentStoreAsync();
        var settings = await _settingService.LoadSettingAsync<KmaPaymentSettings>(store.Id);
        if (!HasKeys(settings))
            return false;

        //our own fee is added below: the cart's selected method may be another one
        var (cartTotal, _, _, _, _, _) = await _orderTotalCalculationService.GetShoppingCartTotalAsync(cart, usePaymentMethodAdditionalFee: false);
        var total = (cartTotal ?? decimal.Zero) + await GetAdditionalFeeAsync(cart);

        var totalThb = await ConvertToThbAsync(total, store.Id);
        if (!totalThb.HasValue)
            return false;

        //a total that can't be computed yet (shipping not chosen) is checked again when the order is placed
        if (cartTotal.HasValue && !KmaAmountRule.IsWithinLimits(KmaAmountRule.ToSatang(totalThb.Value)))
            return false;

        if (settings.CheckCapability && !await IsCapableAsync(store.Id, settings))
            return false;

        return true;
    }

    /// <inheritdoc />
    public virtual async Task<decimal> GetAdditionalFeeAsync(IList<ShoppingCartItem> cart)
    {
        var store = await _storeContext.GetCurrentStoreAsync();
        var settings = await _settingService.LoadSettingAsync<KmaPaymentSettings>(store.Id);
        if (settings.AdditionalFee <= decimal.Zero)
            return decimal.Zero;

        return await _orderTotalCalculationService.CalculatePaymentAdditionalFeeAsync(cart, settings.AdditionalFee, settings.AdditionalFeePercentage);
    }

    /// <inheritdoc />
    public virtual async Task<ProcessPaymentResult> ValidatePaymentAsync(ProcessPaymentRequest processPaymentRequest)
    {
        ArgumentNullException.ThrowIfNull(processPaymentRequest);

        var result = new ProcessPaymentResult { NewPaymentStatus = PaymentStatus.Pending };
        var settings = await _settingService.LoadSettingAsync<KmaPaymentSettings>(processPaymentRequest.StoreId);
        if (!HasKeys(settings))
        {
            result.AddError(await _localizationService.GetResourceAsync("Plugins.Payments.Kma.Checkout.NotConfigured"));
            return result;
        }

        var totalThb = await ConvertToThbAsync(processPaymentRequest.OrderTotal, processPaymentRequest.StoreId);
        if (!totalThb.HasValue)
        {
            result.AddError(await _localizationService.GetResourceAsync("Plugins.Payments.Kma.Checkout.ThbUnavailable"));
            return result;
        }

        if (!KmaAmountRule.IsWithinLimits(KmaAmountRule.ToSatang(totalThb.Value)))
        {
            var message = await _localizationService.GetResourceAsync("Plugins.Payments.Kma.Checkout.AmountOutOfRange");
            result.AddError(string.Format(message, FormatThb(totalThb.Value)));
        }

        return result;
    }

    /// <inheritdoc />
    public virtual async Task<KmaCheckoutResult> StartPaymentAsync(Order order, string userAgent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);

        var platformType = KmaPlatform.FromUserAgent(userAgent);
        KmaCheckoutResult result = null;

        //the lock does not wait: try a few times, as a webhook or the return page may hold it for a moment
        for (var tries = 0; tries < LockTries; tries++)
        {
            if (tries > 0)
                await Task.Delay(LockRetryDelay, cancellationToken);

            bool acquired;
            try
            {
                var claimed = false;
                var locked = await _locker.PerformActionWithLockAsync(KmaDefaults.OrderLockKey(order.Id), KmaDefaults.Checkout.OrderLockTime, async () =>
                {
                    //the payment claim keeps a new charge and a sync of the old one on another web node apart
                    var claim = await _kmaPaymentClaimService.TryTakeAsync(order.Id);
                    if (claim == null)
                        return;

                    claimed = true;
                    try
                    {
                        result = await StartPaymentUnderLockAsync(order.Id, platformType, cancellationToken);
                    }
                    finally
                    {
                        await _kmaPaymentClaimService.ReleaseAsync(claim);
                    }
                });
                acquired = locked && claimed;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                //the shopper must land on the order page, not on an error page: the order stays payable
                await _logger.ErrorAsync($"Krungsri (KMA): the payment of order #{order.Id} could not be started. {exception.Message}", exception);
                return Failed("Plugins.Payments.Kma.Checkout.PaymentUnavailable");
            }

            if (acquired)
                return result ?? Failed("Plugins.Payments.Kma.Checkout.PaymentUnavailable");
        }

        return Failed("Plugins.Payments.Kma.Checkout.Busy");
    }

    /// <inheritdoc />
    public virtual async Task<decimal?> GetOrderTotalInThbAsync(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);

        //what the shopper was shown when they shopped in THB
        if (string.Equals(order.CustomerCurrencyCode, KmaDefaults.Checkout.Currency, StringComparison.OrdinalIgnoreCase) && order.CurrencyRate > decimal.Zero)
            return Math.Round(order.OrderTotal * order.CurrencyRate, 2, MidpointRounding.AwayFromZero);

        var primaryCurrency = await _currencyService.GetCurrencyByIdAsync(_currencySettings.PrimaryStoreCurrencyId);
        if (string.Equals(primaryCurrency?.CurrencyCode, KmaDefaults.Checkout.Currency, StringComparison.OrdinalIgnoreCase))
            return order.OrderTotal;

        var thb = await _currencyService.GetCurrencyByCodeAsync(KmaDefaults.Checkout.Currency);
        if (thb == null)
            return null;

        return Math.Round(await _currencyService.ConvertFromPrimaryStoreCurrencyAsync(order.OrderTotal, thb), 2, MidpointRounding.AwayFromZero);
    }

    /// <inheritdoc />
    public virtual async Task<string> GetOrderPageUrlAsync(Order order, string path, string token)
    {
        ArgumentNullException.ThrowIfNull(order);

        return $"{await GetStoreUrlAsync(order.StoreId)}{path}?orderGuid={order.OrderGuid}&token={Uri.EscapeDataString(token ?? string.Empty)}";
    }

    #endregion

    #region Properties

    /// <summary>
    /// Gets or sets how many times the checkout tries to take the order lock
    /// </summary>
    public int LockTries { get; set; } = 5;

    /// <summary>
    /// Gets or sets the pause between two tries to take the order lock
    /// </summary>
    public TimeSpan LockRetryDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Gets or sets the clock compared with a charge's expires_at
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    #endregion
}
