using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpnEmulator;

/// <summary>
/// The control API under /_emulator/ (no key needed): drive charges, move the clock, read deliveries,
/// configure webhooks, inject faults, reset. It mirrors the in-process methods of <see cref="EmulatorHost"/>.
/// </summary>
internal static class ControlEndpoints
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new OpnTimestampConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping
    };

    public static void Map(WebApplication app, EmulatorHost host)
    {
        var control = app.MapGroup("/_emulator");

        control.MapGet("/", () => Ok(Info(host)));

        control.MapGet("/charges", () => Ok(host.ChargeIds.Select(id => new { id, status = host.GetChargeStatus(id) })));

        control.MapPost("/charges/{id}/complete", (string id) => Change(id, () => host.CompleteCharge(id), host));

        control.MapPost("/charges/{id}/fail", async (HttpContext context, string id) =>
        {
            var parameters = await ReadAsync(context);
            var code = parameters.GetString("failure_code") ?? context.Request.Query["failure_code"].ToString();
            return Change(id, () => host.FailCharge(id, string.IsNullOrEmpty(code) ? "payment_rejected" : code), host);
        });

        control.MapPost("/charges/{id}/expire", (string id) => Change(id, () => host.ExpireCharge(id), host));

        control.MapGet("/clock", () => Ok(Clock(host)));

        control.MapPost("/clock/advance", async (HttpContext context) =>
        {
            var parameters = await ReadAsync(context);
            var raw = parameters.GetString("seconds") ?? context.Request.Query["seconds"].ToString();
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                return Problem(400, "seconds is required (a number)");
            host.AdvanceClock(TimeSpan.FromSeconds(seconds));
            return Ok(Clock(host));
        });

        control.MapGet("/deliveries", (string charge_id, string event_id, string event_key) => Ok(host.Deliveries
            .Where(d => charge_id is null || d.ChargeId == charge_id)
            .Where(d => event_id is null || d.EventId == event_id)
            .Where(d => event_key is null || d.EventKey == event_key)));

        control.MapGet("/config", () => Ok(Config(host)));

        control.MapMethods("/config", new[] { "PUT", "POST" }, async (HttpContext context) =>
        {
            var parameters = await ReadAsync(context);
            try
            {
                var urls = parameters.Has("webhook_urls") ? parameters.GetStringList("webhook_urls") : null;
                host.ConfigureWebhooks(urls, parameters.GetString("webhook_secret"));
                if (parameters.GetString("charge_lifetime_seconds") is { } lifetime)
                    host.ChargeLifetime = TimeSpan.FromSeconds(double.Parse(lifetime, CultureInfo.InvariantCulture));
                if (parameters.GetString("charge_endpoints_replace_static_urls") is { } replace)
                    host.ChargeEndpointsReplaceStaticUrls = bool.Parse(replace);
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException)
            {
                return Problem(400, exception.Message);
            }
            return Ok(Config(host));
        });

        control.MapGet("/faults", () => Ok(host.Faults));

        control.MapPost("/faults", async (HttpContext context) =>
        {
            try
            {
                var rule = await JsonSerializer.DeserializeAsync<FaultRule>(context.Request.Body, Json, context.RequestAborted);
                return Ok(host.AddFault(rule));
            }
            catch (Exception exception) when (exception is JsonException or ArgumentException)
            {
                return Problem(400, exception.Message);
            }
        });

        control.MapDelete("/faults", () =>
        {
            host.ClearFaults();
            return Ok(host.Faults);
        });

        control.MapDelete("/faults/{id}", (string id) => host.RemoveFault(id) ? Ok(host.Faults) : Problem(404, $"fault {id} was not found"));

        control.MapPost("/reset", () =>
        {
            host.Reset();
            return Ok(Info(host));
        });
    }

    private static IResult Change(string id, Func<bool> change, EmulatorHost host)
    {
        try
        {
            return change()
                ? Results.Text(host.GetChargeJson(id), "application/json; charset=utf-8")
                : Problem(409, $"charge {id} is {host.GetChargeStatus(id)}, not pending");
        }
        catch (KeyNotFoundException exception)
        {
            return Problem(404, exception.Message);
        }
        catch (ArgumentException exception)
        {
            return Problem(400, exception.Message);
        }
    }

    private static async Task<RequestParameters> ReadAsync(HttpContext context)
    {
        try
        {
            return await RequestParameters.ReadAsync(context.Request);
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return RequestParameters.FromQuery(context.Request.Query);
        }
    }

    private static object Info(EmulatorHost host) => new
    {
        @object = "emulator",
        base_url = host.BaseAddress?.ToString(),
        public_key = host.PublicKey,
        secret_key = host.SecretKey,
        api_version = ChargeRules.SupportedApiVersion,
        config = Config(host),
        clock = Clock(host)
    };

    private static object Config(EmulatorHost host) => new
    {
        webhook_urls = host.WebhookUrls,
        webhook_secret = host.WebhookSecret,
        charge_lifetime_seconds = host.ChargeLifetime.TotalSeconds,
        charge_endpoints_replace_static_urls = host.ChargeEndpointsReplaceStaticUrls
    };

    private static object Clock(EmulatorHost host) => new
    {
        now = host.Now,
        offset_seconds = host.ClockOffset.TotalSeconds
    };

    private static IResult Ok(object value) => Results.Json(value, Json);

    private static IResult Problem(int status, string message) => Results.Json(new { @object = "error", code = "emulator_control", message }, Json, statusCode: status);
}
