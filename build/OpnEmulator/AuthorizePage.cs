using System.Globalization;
using System.Net;
using System.Text;

namespace OpnEmulator;

/// <summary>
/// The test authorize page a charge's authorize_uri points at: shows the amount and lets a person mark
/// the charge Successful or Failed (with a failure code), then sends them to the charge's return_uri
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
                else
                    return Results.Content(Page("Choose an outcome", "<p>Choose Successful or Failed.</p>"), "text/html; charset=utf-8", statusCode: 400);
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
            .Append("<label for=\"failure-code\">Failure code</label> <select id=\"failure-code\" name=\"failure_code\">");
        foreach (var (code, message) in ChargeRules.FailureMessages)
            body.Append("<option value=\"").Append(code).Append("\">").Append(code).Append(" (").Append(Encode(message)).Append(")</option>");
        body.Append("</select> <button type=\"submit\" id=\"pay-failed\" class=\"fail\">Failed</button></form>");
        return Page("Krungsri (KMA) test payment", body.ToString());
    }

    private static string Page(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<title>{Encode(title)}</title><style>body{{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}}"
        + ".amount{font-size:2rem;font-weight:bold}form{margin:1rem 0}button{font-size:1rem;padding:.5rem 1.5rem}"
        + ".ok{background:#2e7d32;color:#fff;border:0}.fail{background:#c62828;color:#fff;border:0}.note{color:#666;font-size:.85rem}</style></head>"
        + $"<body><h1>{Encode(title)}</h1>{body}<p class=\"note\">OpnEmulator: a local test page, no money moves.</p></body></html>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
