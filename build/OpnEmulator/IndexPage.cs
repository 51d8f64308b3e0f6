using System.Globalization;
using System.Text;

namespace OpnEmulator;

/// <summary>
/// GET /: what a person finds at the emulator's address: the charges (state, amount, a link to each authorize page),
/// the API the plugin calls, and the control API
/// </summary>
internal static class IndexPage
{
    private static readonly (string Method, string Path, string What)[] ControlApi =
    [
        ("GET", "/_emulator/", "keys, webhook settings and clock (JSON)"),
        ("GET", "/_emulator/charges", "every charge id and status"),
        ("POST", "/_emulator/charges/{id}/complete", "mark a pending charge successful"),
        ("POST", "/_emulator/charges/{id}/fail", "mark it failed (failure_code, default payment_rejected)"),
        ("POST", "/_emulator/charges/{id}/expire", "expire it now (status expired)"),
        ("GET", "/_emulator/clock", "the emulator's time"),
        ("POST", "/_emulator/clock/advance", "move the clock (seconds); charges past expires_at expire"),
        ("GET", "/_emulator/deliveries", "webhook attempts (charge_id, event_id, event_key)"),
        ("GET, PUT", "/_emulator/config", "webhook_urls, webhook_secret, charge_lifetime_seconds, charge_endpoints_replace_static_urls"),
        ("GET, POST, DELETE", "/_emulator/faults", "list, add (JSON rule) or clear API faults"),
        ("DELETE", "/_emulator/faults/{id}", "remove one fault"),
        ("POST", "/_emulator/reset", "forget everything")
    ];

    public static void Map(WebApplication app, EmulatorHost host, EmulatorState state)
    {
        app.MapGet("/", () => Results.Content(Render(host, state.ChargeSummaries()), "text/html; charset=utf-8"));
    }

    private static string Render(EmulatorHost host, IReadOnlyList<ChargeSummary> charges)
    {
        var baseUrl = host.BaseAddress?.ToString().TrimEnd('/') ?? string.Empty;
        var body = new StringBuilder();

        body.Append("<p>A local stand-in for the Opn Payments API. Set the plugin's API base URL to <code id=\"base-url\">")
            .Append(AuthorizePage.Encode(baseUrl)).Append("</code> and its keys to the emulator's (public key <code>")
            .Append(AuthorizePage.Encode(host.PublicKey)).Append("</code>; the secret key and webhook secret are in <a href=\"/_emulator/\">/_emulator/</a>).</p>");
        body.Append("<p>Clock <code>").Append(OpnTimestampConverter.Format(host.Now)).Append("</code>");
        if (host.ClockOffset != TimeSpan.Zero)
            body.Append(" (moved ").Append(host.ClockOffset.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)).Append(" s)");
        body.Append(" · charges expire after ").Append(host.ChargeLifetime.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)).Append(" min")
            .Append(" · webhooks to ").Append(host.WebhookUrls.Count == 0 ? "(none)" : AuthorizePage.Encode(string.Join(", ", host.WebhookUrls))).Append("</p>");

        body.Append("<h2>Charges</h2>");
        if (charges.Count == 0)
        {
            body.Append("<p id=\"no-charges\">No charges yet. Place an order with the Krungsri (KMA) method; its charge appears here. <a href=\"/\">Refresh</a></p>");
        }
        else
        {
            body.Append("<p>Newest first. A pending charge's page lets you pay, fail or let it expire. <a href=\"/\">Refresh</a></p>");
            body.Append("<div class=\"scroll\"><table id=\"charges\"><thead><tr><th>Status</th><th>Charge</th><th>Amount</th><th>Expires</th><th>Created</th><th>Description</th></tr></thead><tbody>");
            foreach (var charge in charges.Reverse())
            {
                var page = "/payments/" + Uri.EscapeDataString(charge.PaymentId) + "/authorize";
                body.Append("<tr data-charge-id=\"").Append(AuthorizePage.Encode(charge.ChargeId)).Append("\">")
                    .Append("<td class=\"status status-").Append(AuthorizePage.Encode(charge.Status)).Append("\">").Append(AuthorizePage.Encode(charge.Status));
                if (!string.IsNullOrEmpty(charge.FailureCode))
                    body.Append(" (").Append(AuthorizePage.Encode(charge.FailureCode)).Append(')');
                body.Append("</td><td><a href=\"").Append(page).Append("\">").Append(AuthorizePage.Encode(charge.ChargeId)).Append("</a></td>")
                    .Append("<td>").Append(AuthorizePage.Encode(charge.Currency)).Append(' ')
                    .Append((charge.Amount / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture)).Append("</td>")
                    .Append("<td>").Append(charge.ExpiresAt is { } expiresAt ? OpnTimestampConverter.Format(expiresAt) : string.Empty).Append("</td>")
                    .Append("<td>").Append(OpnTimestampConverter.Format(charge.CreatedAt)).Append("</td>")
                    .Append("<td class=\"text\">").Append(AuthorizePage.Encode(charge.Description)).Append("</td></tr>");
            }
            body.Append("</tbody></table></div>");
        }

        body.Append("<h2>Opn API</h2><p><code>/charges</code>, <code>/charges/{id}</code>, <code>/charges/{id}/expire</code>, <code>/charges/{id}/events</code>, ")
            .Append("<code>/sources</code>, <code>/events</code>, <code>/search</code>, <code>/account</code>, <code>/capability</code> (HTTP Basic with the keys, as Opn).</p>");

        body.Append("<h2>Control API</h2><p>No key needed; form, query or JSON parameters.</p><div class=\"scroll\"><table id=\"control-api\"><tbody>");
        foreach (var (method, path, what) in ControlApi)
            body.Append("<tr><td class=\"method\"><code>").Append(method).Append("</code></td><td><code>").Append(AuthorizePage.Encode(path)).Append("</code></td><td class=\"text\">")
                .Append(AuthorizePage.Encode(what)).Append("</td></tr>");
        body.Append("</tbody></table></div>");

        return AuthorizePage.Page("OpnEmulator", body.ToString(), wide: true);
    }
}
