using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Newtonsoft.Json;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Logging;
using Nop.Services.Orders;

namespace Nop.Plugin.Payments.Kma.Controllers;

/// <summary>
/// Receives Opn's webhook deliveries. The body is only a hint: the charge is re-fetched from Opn with the keys of
/// the order's store before anything changes. A plain controller, so none of the storefront filters run
/// </summary>
[IgnoreAntiforgeryToken]
public class PaymentKmaWebhookController : Controller
{
    #region Fields

    private readonly IGenericAttributeService _genericAttributeService;
    private readonly IKmaPaymentSyncService _kmaPaymentSyncService;
    private readonly ILogger _logger;
    private readonly IOrderService _orderService;
    private readonly ISettingService _settingService;
    private readonly WebhookSignatureVerifier _webhookSignatureVerifier;

    #endregion

    #region Ctor

    public PaymentKmaWebhookController(IGenericAttributeService genericAttributeService,
        IKmaPaymentSyncService kmaPaymentSyncService,
        ILogger logger,
        IOrderService orderService,
        ISettingService settingService,
        WebhookSignatureVerifier webhookSignatureVerifier)
    {
        _genericAttributeService = genericAttributeService;
        _kmaPaymentSyncService = kmaPaymentSyncService;
        _logger = logger;
        _orderService = orderService;
        _settingService = settingService;
        _webhookSignatureVerifier = webhookSignatureVerifier;
    }

    #endregion

    #region Utilities

    private static IActionResult Answer(int statusCode, string text)
    {
        return new ContentResult { StatusCode = statusCode, Content = text, ContentType = "text/plain; charset=utf-8" };
    }

    private static bool IsJson(string contentType)
    {
        return MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            && (string.IsNullOrEmpty(mediaType.CharSet) || string.Equals(mediaType.CharSet.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Reads the body, or returns null as soon as it is larger than the limit
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(Stream body, long? declaredLength, int limit, CancellationToken cancellationToken)
    {
        //sized by Content-Length when there is one, so that the usual body is read into one array without copies
        var buffer = new byte[declaredLength is > 0 && declaredLength <= limit ? (int)declaredLength : Math.Min(4096, limit)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                //full: one more byte tells whether the body goes on
                var next = new byte[1];
                if (await body.ReadAsync(next, cancellationToken) == 0)
                    return buffer;

                if (total + 1 > limit)
                    return null;

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, limit));
                buffer[total++] = next[0];
            }

            var read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
                return total == buffer.Length ? buffer : buffer[..total];

            total += read;
        }
    }

    private async Task<bool> ListsChargeAsync(Order order, string chargeId)
    {
        if (string.Equals(order.AuthorizationTransactionId, chargeId, StringComparison.Ordinal)
            || string.Equals(order.CaptureTransactionId, chargeId, StringComparison.Ordinal))
        {
            return true;
        }

        var previous = await _genericAttributeService.GetAttributeAsync<string>(order, KmaDefaults.OrderAttributes.PreviousChargeIds) ?? string.Empty;
        return previous.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(chargeId, StringComparer.Ordinal);
    }

    /// <summary>
    /// Finds the order a charge event is about: by the order_guid metadata our charges carry, else by order_id metadata
    /// when that order lists the charge, else among the most recent KMA orders by charge id
    /// </summary>
    private async Task<Order> FindOrderAsync(string chargeId, string orderGuidText, string orderIdText)
    {
        if (Guid.TryParse(orderGuidText, out var orderGuid))
        {
            var byGuid = await _orderService.GetOrderByGuidAsync(orderGuid);
            if (byGuid != null)
                return byGuid;
        }

        if (int.TryParse(orderIdText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var orderId) && orderId > 0)
        {
            var byId = await _orderService.GetOrderByIdAsync(orderId);
            if (byId != null && await ListsChargeAsync(byId, chargeId))
                return byId;
        }

        var recent = await _orderService.SearchOrdersAsync(paymentMethodSystemName: KmaDefaults.SystemName,
            createdFromUtc: DateTime.UtcNow - FallbackLookBack, pageIndex: 0, pageSize: FallbackScanSize);
        foreach (var order in recent ?? Enumerable.Empty<Order>())
        {
            if (await ListsChargeAsync(order, chargeId))
                return order;
        }

        return null;
    }

    #endregion

    #region Methods

    /// <summary>
    /// Handles one webhook delivery
    /// </summary>
    /// <returns>A task that represents the asynchronous operation. The task result contains the answer for Opn:
    /// 2xx when it must not deliver again, 5xx when it should</returns>
    [HttpPost]
    public async Task<IActionResult> Webhook()
    {
        if (!IsJson(Request.ContentType))
            return Answer(StatusCodes.Status415UnsupportedMediaType, "Expected application/json");

        if (Request.ContentLength > KmaDefaults.Webhook.MaxBodyBytes)
            return Answer(StatusCodes.Status413PayloadTooLarge, "Body too large");

        var body = await ReadBodyAsync(Request.Body, Request.ContentLength, KmaDefaults.Webhook.MaxBodyBytes, HttpContext.RequestAborted);
        if (body == null)
            return Answer(StatusCodes.Status413PayloadTooLarge, "Body too large");

        string key, dataObject, chargeId, orderGuid, orderId;
        try
        {
            var envelope = OpnEventEnvelope.Read(body);
            if (envelope == null || envelope.Object != OpnObjectTypes.Event)
                return Answer(StatusCodes.Status400BadRequest, "Not an Opn event");

            key = envelope.Key ?? string.Empty;
            dataObject = envelope.DataObject;
            chargeId = envelope.DataId;
            orderGuid = envelope.OrderGuid;
            orderId = envelope.OrderId;
        }
        catch (Exception exception) when (exception is JsonException or DecoderFallbackException or InvalidOperationException)
        {
            return Answer(StatusCodes.Status400BadRequest, "Malformed JSON");
        }

        //only charge events matter; anything else is acknowledged so that Opn stops delivering it
        if (dataObject != "charge" || !key.StartsWith("charge.", StringComparison.Ordinal))
            return Answer(StatusCodes.Status200OK, "Ignored");

        if (string.IsNullOrWhiteSpace(chargeId))
            return Answer(StatusCodes.Status400BadRequest, "Charge event without a charge id");

        var order = await FindOrderAsync(chargeId, orderGuid, orderId);
        if (order == null || order.Deleted
            || !string.Equals(order.PaymentMethodSystemName, KmaDefaults.SystemName, StringComparison.OrdinalIgnoreCase))
        {
            await _logger.InformationAsync($"Payments.Kma: webhook {key} for charge {chargeId}: no KMA order knows this charge; nothing was changed");
            return Answer(StatusCodes.Status200OK, "Unknown charge");
        }

        //the secret is the one the order's store configured: the request only points at an order, and the charge is
        //re-fetched with that store's key and checked against that order anyway
        var settings = await _settingService.LoadSettingAsync<KmaPaymentSettings>(order.StoreId);
        if (!string.IsNullOrWhiteSpace(settings?.WebhookSecret))
        {
            var verdict = _webhookSignatureVerifier.Verify(Request.Headers[KmaDefaults.Webhook.SignatureHeader].ToString(),
                Request.Headers[KmaDefaults.Webhook.TimestampHeader].ToString(), body, settings.WebhookSecret);
            if (!verdict.IsValid)
            {
                await _logger.WarningAsync($"Payments.Kma: webhook {key} for charge {chargeId} (order #{order.Id}, store #{order.StoreId}) rejected: signature {verdict.Failure}. Remote address {HttpContext.Connection.RemoteIpAddress}");
                return Answer(StatusCodes.Status401Unauthorized, "Invalid signature");
            }
        }

        //a repeated charge.complete for the charge that already paid this order: nothing to fetch, nothing can change
        if (string.Equals(key, OpnEventKeys.ChargeComplete, StringComparison.Ordinal)
            && order.PaymentStatus == PaymentStatus.Paid
            && string.Equals(order.CaptureTransactionId, chargeId, StringComparison.Ordinal))
        {
            return Answer(StatusCodes.Status200OK, nameof(KmaSyncOutcome.Paid));
        }

        KmaSyncResult result;
        try
        {
            result = await _kmaPaymentSyncService.SyncAsync(order, chargeId, KmaSyncOrigin.Webhook);
        }
        catch (Exception exception)
        {
            await _logger.ErrorAsync($"Payments.Kma: webhook {key} for charge {chargeId} (order #{order.Id}) failed", exception);
            return Answer(StatusCodes.Status500InternalServerError, "Error");
        }

        if (result.Outcome is KmaSyncOutcome.Unavailable or KmaSyncOutcome.Busy)
        {
            Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Answer(StatusCodes.Status503ServiceUnavailable, "Try again later");
        }

        return Answer(StatusCodes.Status200OK, result.Outcome.ToString());
    }

    #endregion

    #region Properties

    /// <summary>Gets how many recent KMA orders are scanned for a charge event that carries no order metadata</summary>
    public static int FallbackScanSize => 100;

    /// <summary>Gets how far back that scan looks</summary>
    public static TimeSpan FallbackLookBack => TimeSpan.FromDays(30);

    /// <summary>Gets the Retry-After sent with a 503</summary>
    public static int RetryAfterSeconds => 30;

    #endregion
}
