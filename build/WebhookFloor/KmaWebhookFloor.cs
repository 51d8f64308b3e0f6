using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Nop.Services.Configuration;
using Nop.Services.Plugins;
using Nop.Web.Framework.Mvc.Routing;

namespace Nop.Plugin.Misc.KmaWebhookFloor;

/// <summary>
/// The plugin class nopCommerce needs to load the assembly; it installs nothing
/// </summary>
public class KmaWebhookFloorPlugin : BasePlugin
{
}

/// <summary>
/// Maps the floor route
/// </summary>
public class RouteProvider : IRouteProvider
{
    /// <summary>
    /// Register routes
    /// </summary>
    public void RegisterRoutes(IEndpointRouteBuilder endpointRouteBuilder)
    {
        endpointRouteBuilder.MapControllerRoute(name: "Plugin.Misc.KmaWebhookFloor",
            pattern: "Plugins/KmaWebhookFloor/Webhook",
            defaults: new { controller = "KmaWebhookFloor", action = "Webhook" });
    }

    /// <summary>
    /// Gets a priority of route provider
    /// </summary>
    public int Priority => 0;
}

/// <summary>
/// Verifies Omise-Signature with the KMA plugin's webhook secret, fetches the event's charge from the plugin's API
/// base URL with its secret key, answers 200. No order is looked up or changed
/// </summary>
[IgnoreAntiforgeryToken]
public class KmaWebhookFloorController : Controller
{
    private static readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };

    private readonly ISettingService _settingService;

    public KmaWebhookFloorController(ISettingService settingService)
    {
        _settingService = settingService;
    }

    [HttpPost]
    public async Task<IActionResult> Webhook()
    {
        using var buffer = new MemoryStream();
        await Request.Body.CopyToAsync(buffer, HttpContext.RequestAborted);
        var body = buffer.ToArray();

        var secret = await _settingService.GetSettingByKeyAsync<string>("KmaPaymentSettings.WebhookSecret");
        var signature = Request.Headers["Omise-Signature"].ToString();
        var timestamp = Request.Headers["Omise-Signature-Timestamp"].ToString();
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
            return StatusCode(401);

        var signed = Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray();
        var expected = HMACSHA256.HashData(Convert.FromBase64String(secret), signed);
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return StatusCode(401);
        }
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
            return StatusCode(401);

        string chargeId;
        try
        {
            using var json = JsonDocument.Parse(body);
            chargeId = json.RootElement.GetProperty("data").GetProperty("id").GetString();
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return BadRequest();
        }

        var apiBaseUrl = await _settingService.GetSettingByKeyAsync<string>("KmaPaymentSettings.ApiBaseUrl");
        var secretKey = await _settingService.GetSettingByKeyAsync<string>("KmaPaymentSettings.SecretKey");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{apiBaseUrl?.TrimEnd('/')}/charges/{Uri.EscapeDataString(chargeId ?? string.Empty)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(secretKey + ":")));
        using var response = await _http.SendAsync(request, HttpContext.RequestAborted);
        await response.Content.ReadAsByteArrayAsync(HttpContext.RequestAborted);

        return response.IsSuccessStatusCode ? Content("OK") : StatusCode(503);
    }
}
