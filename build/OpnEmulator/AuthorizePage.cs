using System.Globalization;
using System.Net;
using System.Text;

namespace OpnEmulator;

/// <summary>
/// The test authorize page a charge's authorize_uri points at: shows the amount and lets a person mark
/// the charge Successful or Failed (with a failure code), or let it expire, then sends them to the charge's return_uri
/// </summary>
internal static class AuthorizePage
{
    public static void Map(WebApplication app, EmulatorState state)
    {
        app.MapGet("/payments/{paymentId}/authorize", (string paymentId) =>
        {
            var payment = state.GetPayment(paymentId);
            return payment is null
                ? Results.Content(Page("Payment not found", "<p>This payment link is not known to the emulator.</p>"), "text/html; charset=utf-8", statusCode: 404)
                : Results.Content(Render(paymentId, payment.Value), "text/html; charset=utf-8");
        });

        app.MapPost("/payments/{paymentId}/authorize", async (HttpContext context, string paymentId) =>
        {
            var payment = state.GetPayment(paymentId);
            if (payment is null)
                return Results.Content(Page("Payment not found", "<p>This payment link is not known to the emulator.</p>"), "text/html; charset=utf-8", statusCode: 404);

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var outcome = form["outcome"].ToString();
            try
            {
                if (outcome == "successful")
                    state.Complete(payment.Value.ChargeId);
                else if (outcome == "failed")
                    state.Fail(payment.Value.ChargeId, form["failure_code"].ToString());
                else if (outcome == "expired")
                    state.ExpireNow(payment.Value.ChargeId);
                else
                    return Results.Content(Page("Choose an outcome", "<p>Choose Successful, Failed or Let it expire.</p>"), "text/html; charset=utf-8", statusCode: 400);
            }
            catch (OpnError error)
            {
                return Results.Content(Page("Not accepted", $"<p>{Encode(error.Message)}</p>"), "text/html; charset=utf-8", statusCode: 400);
            }

            // Whatever the outcome (or if the charge had already ended), the shopper goes back to the merchant.
            return Results.Redirect(payment.Value.ReturnUri);
        });
    }

    private static string Render(string paymentId, (string ChargeId, long Amount, string Currency, string Status, string Description, string ReturnUri) payment)
    {
        var amount = (payment.Amount / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
        var body = new StringBuilder();
        body.Append("<p class=\"amount\" id=\"amount\">").Append(Encode(payment.Currency == "THB" ? "฿" : payment.Currency + " ")).Append(amount).Append("</p>");
        body.Append("<p>Charge <code id=\"charge-id\">").Append(Encode(payment.ChargeId)).Append("</code>");
        if (!string.IsNullOrEmpty(payment.Description))
            body.Append("<br>").Append(Encode(payment.Description));
        body.Append("</p>");

        if (payment.Status != "pending")
        {
            body.Append("<p id=\"status\">This charge is already <strong>").Append(Encode(payment.Status)).Append("</strong>.</p>");
            body.Append("<p><a id=\"back\" href=\"").Append(Encode(payment.ReturnUri)).Append("\">Back to merchant</a></p>");
            return Page("Krungsri (KMA) test payment", body.ToString());
        }

        var action = "/payments/" + Uri.EscapeDataString(paymentId) + "/authorize";
        body.Append("<form method=\"post\" action=\"").Append(action).Append("\">")
            .Append("<input type=\"hidden\" name=\"outcome\" value=\"successful\">")
            .Append("<button type=\"submit\" id=\"pay-successful\" class=\"ok\">Successful</button></form>");
        body.Append("<form method=\"post\" action=\"").Append(action).Append("\">")
            .Append("<input type=\"hidden\" name=\"outcome\" value=\"failed\">")
            .Append("<label for=\"failure-code\">Failure code</label><select id=\"failure-code\" name=\"failure_code\">");
        // payment_rejected preselected, as the control API's default: payment_expired is easily taken for an expiry
        foreach (var (code, message) in ChargeRules.FailureMessages)
            body.Append("<option value=\"").Append(code).Append(code == "payment_rejected" ? "\" selected>" : "\">")
                .Append(code).Append(" (").Append(Encode(message)).Append(")</option>");
        body.Append("</select><button type=\"submit\" id=\"pay-failed\" class=\"fail\">Failed</button></form>");

        // Not a failure code: the charge runs out of time as at its expires_at (status expired, expired true, no failure_code)
        body.Append("<form method=\"post\" action=\"").Append(action).Append("\">")
            .Append("<input type=\"hidden\" name=\"outcome\" value=\"expired\">")
            .Append("<button type=\"submit\" id=\"pay-expire\" class=\"expire\">Let it expire</button>")
            .Append("<span class=\"note\">Expires the charge now, as when its <code>expires_at</code> passes: status <code>expired</code>, no failure code. ")
            .Append("The failure code <code>payment_expired</code> above is different: a <em>failed</em> charge.</span></form>");
        return Page("Krungsri (KMA) test payment", body.ToString());
    }

    // Fits a 390 px phone: nothing is wider than the body (the select's long option texts included), long ids wrap;
    // the index page's tables scroll inside their own box
    private const string Style = "*,*::before,*::after{box-sizing:border-box}"
        + "body{font-family:sans-serif;max-width:28rem;margin:1rem auto;padding:0 1rem;overflow-wrap:anywhere}body.wide{max-width:64rem}"
        + "h1{font-size:1.5rem}.amount{font-size:2rem;font-weight:bold}form{margin:1rem 0}label{display:block;margin-bottom:.25rem}"
        + "select{display:block;width:100%;max-width:100%;font-size:1rem;padding:.4rem;margin-bottom:.5rem}"
        + "button{display:block;width:100%;font-size:1rem;padding:.6rem 1rem;border:0;border-radius:4px;color:#fff}"
        + ".ok{background:#2e7d32}.fail{background:#c62828}.expire{background:#5d4037}.note{display:block;color:#666;font-size:.85rem;margin-top:.4rem}"
        + ".scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;overflow-wrap:normal}"
        + "th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top;white-space:nowrap}td.text{white-space:normal;min-width:12rem}td.method{white-space:normal}"
        + ".status-successful{color:#2e7d32}.status-failed{color:#c62828}.status-expired{color:#5d4037}";

    internal static string Page(string title, string body, bool wide = false) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<title>{Encode(title)}</title><style>{Style}</style></head>"
        + $"<body{(wide ? " class=\"wide\"" : string.Empty)}><h1>{Encode(title)}</h1>{body}<p class=\"note\">OpnEmulator: a local test page, no money moves.</p></body></html>";

    internal static string Encode(string text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
