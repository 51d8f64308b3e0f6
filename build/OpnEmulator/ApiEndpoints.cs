using System.Globalization;

namespace OpnEmulator;

/// <summary>
/// The Opn-shaped API: sources, charges, events, account, capability and search
/// </summary>
internal static class ApiEndpoints
{
    public static void Map(WebApplication app, EmulatorState state, EmulatorKeys keys, string publicBaseUrl)
    {
        string BaseUrl(HttpContext context) => publicBaseUrl ?? $"{context.Request.Scheme}://{context.Request.Host}";

        app.MapPost("/sources", (HttpContext context) => ApiResponses.HandleAsync(context, keys, allowPublicKey: true, async () =>
            state.CreateSource(await RequestParameters.ReadAsync(context.Request))));

        app.MapGet("/sources/{id}", (HttpContext context, string id) => ApiResponses.HandleAsync(context, keys, allowPublicKey: false, () =>
            state.GetSource(id)));

        app.MapPost("/charges", (HttpContext context) => ApiResponses.HandleAsync(context, keys, allowPublicKey: false, async () =>
            state.CreateCharge(await RequestParameters.ReadAsync(context.Request), BaseUrl(context))));

        app.MapGet("/charges", (HttpContext context) => ApiResponses.HandleAsync(context, keys, allowPublicKey: false, () =>
            state.ListCharges(ListParameters.Read(RequestParameters.FromQuery(context.Request.Query)))));

        app.MapGet("/charges/{id}", (HttpContext context, string id) => ApiResponses.HandleAsync(context, keys, allowPublicKey: false, () =>
            state.GetCharge(id)));

        app.MapPost("/charges/{id}/expire", (HttpContext context, string id) => ApiResponses.HandleAsync(context, keys, allowPublicKey: false, () =>
            state.ExpireChargeByApi(id)));

        app.MapGet("/charges/{id}/events", (HttpContext context, string id) => ApiResponses.HandleAsync(context, keys, allowPublicKey: false, () =>
            state.ListChargeEvents(id, ListParameters.Read(RequestParameters.FromQuery(context.Request.Query)))));

        app.MapGet("/events", (HttpContext context) => ApiResponses.HandleAsync(context, keys, allowPublicKey: false, () =>
            state.ListEvents(ListParameters.Read(RequestParameters.FromQuery(context.Request.Query)))));

        app.MapGet("/events/{id}", (HttpContext context, string id) => ApiResponses.HandleAsync(context, keys, allowPublicKey: false, () =>
            state.GetEvent(id)));

        app.MapGet("/account", (HttpContext context) => ApiResponses.HandleAsync(context, keys, allowPublicKey: false, () =>
            OpnJson.Serialize(AccountObject(state.Clock.GetUtcNow()))));

        app.MapGet("/capability", (HttpContext context) => ApiResponses.HandleAsync(context, keys, allowPublicKey: true, () =>
            OpnJson.Serialize(CapabilityObject())));

        app.MapGet("/search", (HttpContext context) => ApiResponses.HandleAsync(context, keys, allowPublicKey: false, () =>
            Search(state, RequestParameters.FromQuery(context.Request.Query))));

        app.MapFallback((HttpContext context) => ApiResponses.WriteErrorAsync(context,
            new OpnError(404, "not_found", $"{context.Request.Method} {context.Request.Path} is not an endpoint of this emulator")));
    }

    private static byte[] Search(EmulatorState state, RequestParameters query)
    {
        var scope = query.GetString("scope");
        if (scope != "charge")
            throw new OpnError(400, "invalid_scope", "scope must be charge (the only scope this emulator searches)");

        var page = ReadPositive(query.GetString("page"), 1, "page");
        var perPage = ReadPositive(query.GetString("per_page"), 30, "per_page");
        if (perPage > 100)
            throw new OpnError(400, "invalid_page", "per_page must be at most 100");

        var order = query.GetString("order") ?? "chronological";
        if (order != "chronological" && order != "reverse_chronological")
            throw OpnError.BadRequest("order must be chronological or reverse_chronological");

        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (query.GetRawObject("filters") is { } raw)
            foreach (var (name, value) in Flatten(raw, string.Empty))
                filters[name] = value;

        return state.SearchCharges(query.GetString("query"), filters, page, perPage, order);
    }

    private static IEnumerable<(string Name, string Value)> Flatten(IDictionary<string, object> tree, string prefix)
    {
        foreach (var (name, value) in tree)
        {
            if (value is IDictionary<string, object> child)
                foreach (var pair in Flatten(child, prefix + name + "."))
                    yield return pair;
            else if (value is string text)
                yield return (prefix + name, text);
        }
    }

    private static int ReadPositive(string raw, int fallback, string name)
    {
        if (string.IsNullOrEmpty(raw))
            return fallback;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            throw new OpnError(400, "invalid_page", $"{name} must be a positive integer");
        return value;
    }

    private static readonly DateTimeOffset _accountCreatedAt = DateTimeOffset.UnixEpoch.AddYears(53);

    // Field for field in the order of Opn's account answers; transfers are not emulated, so transfer_config holds neutral values.
    private static object AccountObject(DateTimeOffset now) => new Dictionary<string, object>
    {
        ["object"] = "account",
        ["id"] = "acct_test_6kmaemulatoraccount",
        ["team"] = "acct_test_6kmaemulatoraccount",
        ["livemode"] = false,
        ["location"] = "/account",
        ["country"] = "TH",
        ["currency"] = "THB",
        ["email"] = "emulator@localhost",
        ["created_at"] = OpnTimestampConverter.Format(_accountCreatedAt),
        ["supported_currencies"] = new[] { "THB" },
        ["api_version"] = ChargeRules.SupportedApiVersion,
        ["auto_activate_recipients"] = false,
        ["chain_enabled"] = false,
        ["zero_interest_installments"] = false,
        ["chain_return_uri"] = null,
        ["webhook_uri"] = null,
        ["metadata_export_keys"] = new Dictionary<string, object>
        {
            ["charge"] = Array.Empty<string>(),
            ["transfer"] = Array.Empty<string>(),
            ["refund"] = Array.Empty<string>(),
            ["dispute"] = Array.Empty<string>()
        },
        ["chaining_allowed"] = false,
        ["last_updated_api_version"] = _accountCreatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["transfer_config"] = new Dictionary<string, object>
        {
            ["min_transfer_amount"] = "30.00",
            ["max_transfer_amount"] = "2000000.00",
            ["same_bank_max_transfer_amount"] = "2000000.00",
            ["is_payout_enabled"] = false,
            ["fee"] = "30.00",
            ["provider"] = "",
            ["merchant_id"] = null,
            ["transfer_service_availability"] = null,
            ["max_active_realtime_transfer_schedules"] = null
        }
    };

    private static object CapabilityObject() => new Dictionary<string, object>
    {
        ["object"] = "capability",
        ["location"] = "/capability",
        ["banks"] = Array.Empty<string>(),
        ["limits"] = new Dictionary<string, object>
        {
            ["charge_amount"] = new Dictionary<string, long> { ["max"] = ChargeRules.MaxAmount, ["min"] = ChargeRules.MinAmount },
            ["transfer_amount"] = new Dictionary<string, long> { ["max"] = 100000000000, ["min"] = 3000 },
            ["installment_amount"] = new Dictionary<string, long> { ["min"] = 200000 }
        },
        ["payment_methods"] = ChargeRules.SourceTypes.OrderBy(type => type, StringComparer.Ordinal).Select(type => new Dictionary<string, object>
        {
            ["object"] = "payment_method",
            ["name"] = type,
            ["currencies"] = new[] { ChargeRules.Currency },
            ["card_brands"] = null,
            ["installment_terms"] = null,
            ["loan_installment_terms"] = null,
            ["banks"] = Array.Empty<string>(),
            ["provider"] = null
        }).ToList(),
        ["country"] = "TH",
        ["tokenization_methods"] = Array.Empty<string>(),
        ["zero_interest_installments"] = false
    };
}
