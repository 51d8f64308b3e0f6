using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Services.Common;
using Nop.Services.Localization;
using Nop.Services.Orders;
using Nop.Services.Payments;

namespace Nop.Plugin.Payments.Kma.Services;

/// <summary>
/// What a shopper is told about an order's payment, always from the order as it is now
/// </summary>
public class KmaShopperMessageService : IKmaShopperMessageService
{
    #region Fields

    private static readonly string[] _knownFailureCodes =
    [
        OpnFailureCodes.PaymentExpired,
        OpnFailureCodes.PaymentRejected,
        OpnFailureCodes.FailedProcessing,
        OpnFailureCodes.InvalidAccount,
        OpnFailureCodes.InsufficientFund,
        OpnFailureCodes.PaymentCancelled,
        OpnFailureCodes.Timeout
    ];

    //reasons a retry cannot cure: the shopper is sent to the store, not to the retry button
    private static readonly string[] _retryDoesNotHelp =
    [
        "Plugins.Payments.Kma.Checkout.AmountOutOfRangeOrder",
        "Plugins.Payments.Kma.Checkout.ThbUnavailableOrder",
        "Plugins.Payments.Kma.Checkout.OrderCancelled"
    ];

    private readonly IGenericAttributeService _genericAttributeService;
    private readonly ILocalizationService _localizationService;
    private readonly IOrderService _orderService;
    private readonly IPaymentService _paymentService;

    #endregion

    #region Ctor

    public KmaShopperMessageService(IGenericAttributeService genericAttributeService,
        ILocalizationService localizationService,
        IOrderService orderService,
        IPaymentService paymentService)
    {
        _genericAttributeService = genericAttributeService;
        _localizationService = localizationService;
        _orderService = orderService;
        _paymentService = paymentService;
    }

    #endregion

    #region Utilities

    protected virtual Task<string> GetResourceAsync(string key, int languageId)
    {
        return languageId > 0
            ? _localizationService.GetResourceAsync(key, languageId)
            : _localizationService.GetResourceAsync(key);
    }

    /// <summary>
    /// Gets the label of nopCommerce's own retry button on the order details page, in the shopper's language
    /// </summary>
    protected virtual async Task<string> GetRetryButtonLabelAsync(int languageId)
    {
        var label = await GetResourceAsync(KmaDefaults.Checkout.RetryPaymentResource, languageId);

        //a store without the resource answers with the key itself
        if (string.IsNullOrWhiteSpace(label) || string.Equals(label.Trim(), KmaDefaults.Checkout.RetryPaymentResource, StringComparison.OrdinalIgnoreCase))
            label = await GetResourceAsync("Plugins.Payments.Kma.Next.RetryButton", languageId);

        return label;
    }

    #endregion

    #region Methods

    /// <inheritdoc />
    public virtual string GetFailureResourceKey(string failureCode, bool expired)
    {
        if (expired)
            return "Plugins.Payments.Kma.Failure.Expired";

        return _knownFailureCodes.Contains(failureCode, StringComparer.Ordinal)
            ? $"Plugins.Payments.Kma.Failure.{failureCode}"
            : "Plugins.Payments.Kma.Failure.Generic";
    }

    /// <inheritdoc />
    public virtual async Task<string> GetNextStepAsync(Order order, int languageId = 0)
    {
        ArgumentNullException.ThrowIfNull(order);

        if (order.OrderStatus == OrderStatus.Cancelled)
            return await GetResourceAsync("Plugins.Payments.Kma.Next.Cancelled", languageId);

        if (order.PaymentStatus != PaymentStatus.Pending)
            return string.Empty;

        //nopCommerce shows its retry button exactly when this is true (store setting, method, order state)
        if (await _paymentService.CanRePostProcessPaymentAsync(order))
            return string.Format(await GetResourceAsync("Plugins.Payments.Kma.Next.Retry", languageId), await GetRetryButtonLabelAsync(languageId));

        return await GetResourceAsync("Plugins.Payments.Kma.Next.ContactStore", languageId);
    }

    /// <inheritdoc />
    public virtual async Task<string> GetMessageAsync(Order order, string resourceKey, int languageId = 0)
    {
        ArgumentNullException.ThrowIfNull(order);

        var reason = await GetResourceAsync(resourceKey, languageId);
        var next = _retryDoesNotHelp.Contains(resourceKey, StringComparer.OrdinalIgnoreCase) && order.OrderStatus != OrderStatus.Cancelled
            ? await GetResourceAsync("Plugins.Payments.Kma.Next.ContactStore", languageId)
            : await GetNextStepAsync(order, languageId);

        return string.IsNullOrEmpty(next) ? reason : $"{reason} {next}";
    }

    /// <inheritdoc />
    public virtual async Task ShowFailureNoteAsync(Order order, string failureCode, bool expired)
    {
        ArgumentNullException.ThrowIfNull(order);

        await RemoveFailureNoteAsync(order);

        var languageId = order.CustomerLanguageId;
        var message = await GetMessageAsync(order, GetFailureResourceKey(failureCode, expired), languageId);
        var note = new OrderNote
        {
            OrderId = order.Id,
            Note = string.Format(await GetResourceAsync("Plugins.Payments.Kma.Note.Failure", languageId), message),
            DisplayToCustomer = true,
            CreatedOnUtc = DateTime.UtcNow
        };
        await _orderService.InsertOrderNoteAsync(note);
        await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.FailureNoteId, note.Id);
    }

    /// <inheritdoc />
    public virtual async Task RemoveFailureNoteAsync(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);

        var noteId = await _genericAttributeService.GetAttributeAsync<int>(order, KmaDefaults.OrderAttributes.FailureNoteId);
        if (noteId <= 0)
            return;

        var note = await _orderService.GetOrderNoteByIdAsync(noteId);
        if (note != null && note.OrderId == order.Id)
            await _orderService.DeleteOrderNoteAsync(note);

        //an empty value deletes the attribute
        await _genericAttributeService.SaveAttributeAsync(order, KmaDefaults.OrderAttributes.FailureNoteId, string.Empty);
    }

    #endregion
}
