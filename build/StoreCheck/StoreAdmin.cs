using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace StoreCheck;

/// <summary>
/// What an administrator does in the store, through the admin pages and the requests they make (one signed-in
/// browser context). nopCommerce 4.90's admin is the target; where the DevStore's smaller admin differs, the
/// DevStore branch says so (each is a listed difference, see docs/storecheck.md).
/// </summary>
public sealed partial class StoreAdmin
{
    private const string SYSTEM_NAME = "Payments.Kma";

    private readonly IBrowserContext _context;
    private readonly Uri _store;

    public StoreAdmin(IBrowserContext context, Uri store)
    {
        _context = context;
        _store = store;
    }

    /// <summary>Gets whether the store is the project's DevStore (its sign-in page is a development one)</summary>
    public bool IsDevStore { get; private set; }

    private IAPIRequestContext Http => _context.APIRequest;

    private string Url(string path) => new Uri(_store, path).ToString();

    #region Sign-in, plugin

    public async Task<string> LogInAsync(string email, string password)
    {
        var page = await _context.NewPageAsync();
        try
        {
            await page.GotoAsync(Url("login"));
            IsDevStore = await page.Locator("form button[name=as][value=admin]").CountAsync() > 0;
            if (IsDevStore)
                await page.ClickAsync("form button[name=as][value=admin]");
            else
            {
                await page.FillAsync("#Email", email);
                await page.FillAsync("#Password", password);
                await page.ClickAsync("button.login-button");
                await page.WaitForLoadStateAsync();
            }

            var response = await page.GotoAsync(Url("Admin/"));
            if (response == null || !response.Ok || page.Url.Contains("/login", StringComparison.OrdinalIgnoreCase))
                throw new CheckException($"signing in as {email} did not open the admin area (wrong e-mail or password, or not an administrator?)");

            return IsDevStore ? "the DevStore's development sign-in (no password)" : $"signed in as {email}";
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>Gets the plugin's row of Admin > Configuration > Local plugins (null when the store does not list it)</summary>
    public async Task<JsonElement?> GetPluginAsync()
    {
        if (IsDevStore)
            throw new SkipException("the DevStore has no plugin list: it hosts the plugin built from source, always installed");

        var token = await TokenAsync("Admin/Plugin/List");
        var json = await PostJsonAsync("Admin/Plugin/ListSelect", token, new()
        {
            ["SearchLoadModeId"] = "0", ["SearchGroup"] = "", ["SearchFriendlyName"] = "", ["SearchAuthor"] = "",
            ["Draw"] = "1", ["Start"] = "0", ["Length"] = "1000"
        });
        foreach (var row in json.GetProperty("Data").EnumerateArray())
            if (row.GetProperty("SystemName").GetString() == SYSTEM_NAME)
                return row.Clone();
        return null;
    }

    /// <summary>
    /// Uploads a plugin zip (Admin > Local plugins > Upload), restarts the store, installs the plugin, restarts again;
    /// with <paramref name="reinstall"/> an installed plugin is uninstalled first (its settings and texts go)
    /// </summary>
    public async Task<string> UploadAndInstallAsync(string zip, bool reinstall)
    {
        if (IsDevStore)
            throw new SkipException("the DevStore cannot upload plugins: it hosts the plugin built from source");

        string token;
        var uninstalled = false;
        if (reinstall && await GetPluginAsync() is { } current && current.GetProperty("Installed").GetBoolean())
        {
            token = await TokenAsync("Admin/Plugin/List");
            var uninstall = await PostFormAsync("Admin/Plugin/List", token, new() { ["uninstall-plugin-link-" + SYSTEM_NAME] = "" });
            if (uninstall.Status is not (302 or 200))
                throw new CheckException($"the uninstall answered {uninstall.Status}");
            //nopCommerce uninstalls only on "Restart application to apply changes" (not at startup, as it installs)
            token = await TokenAsync("Admin/Plugin/List");
            var apply = await PostFormAsync("Admin/Plugin/List", token, new() { ["plugin-apply-changes"] = "" });
            if (apply.Status is not (302 or 200))
                throw new CheckException($"applying the uninstall answered {apply.Status}");
            await RestartAsync();
            if ((await GetPluginAsync())?.GetProperty("Installed").GetBoolean() == true)
                throw new CheckException($"{SYSTEM_NAME} is still installed after the uninstall was applied (see Admin > System > Log)");
            uninstalled = true;
        }

        token = await TokenAsync("Admin/Plugin/List");
        var form = Http.CreateFormData();
        form.Set("__RequestVerificationToken", token);
        form.Set("archivefile", new FilePayload { Name = Path.GetFileName(zip), MimeType = "application/zip", Buffer = await File.ReadAllBytesAsync(zip) });
        var upload = await Http.PostAsync(Url("Admin/Plugin/UploadPluginsAndThemes"), new() { Multipart = form, MaxRedirects = 0 });
        if (upload.Status is not (302 or 200))
            throw new CheckException($"the upload answered {upload.Status}");
        await RestartAsync();

        var row = await GetPluginAsync() ?? throw new CheckException($"{SYSTEM_NAME} is not in the plugin list after the upload (see Admin > System > Log)");
        if (!row.GetProperty("Installed").GetBoolean())
        {
            token = await TokenAsync("Admin/Plugin/List");
            var install = await PostFormAsync("Admin/Plugin/List", token, new() { ["install-plugin-link-" + SYSTEM_NAME] = "" });
            if (install.Status is not (302 or 200))
                throw new CheckException($"the install answered {install.Status}");
            await RestartAsync();
        }

        var installed = await GetPluginAsync();
        if (installed?.GetProperty("Installed").GetBoolean() != true)
            throw new CheckException($"{SYSTEM_NAME} is not installed after the restart (see Admin > System > Log)");
        return $"{(uninstalled ? "uninstalled, " : "")}uploaded {Path.GetFileName(zip)}, installed version {installed.Value.GetProperty("Version").GetString()}";
    }

    /// <summary>Admin > "Restart application", then waits for the store to answer again</summary>
    public async Task RestartAsync()
    {
        try
        {
            await Http.GetAsync(Url("Admin/Common/RestartApplication"), new() { Timeout = 30_000, MaxRedirects = 0 });
        }
        catch (PlaywrightException)
        {
            //the process ends while answering
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var home = await Http.GetAsync(Url(""), new() { Timeout = 30_000 });
                if (home.Ok)
                    return;
            }
            catch (PlaywrightException)
            {
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        throw new CheckException("the store did not answer within 5 minutes of its restart (does something restart the process when it exits, as IIS or Docker do?)");
    }

    /// <summary>Marks the payment method active (Admin > Configuration > Payment methods, "Is active")</summary>
    public async Task<string> ActivateAsync()
    {
        if (IsDevStore)
        {
            var methods = await Http.GetAsync(Url("Admin/Payment/Methods"));
            var html = await methods.TextAsync();
            var token = Token(html);
            await PostFormAsync("Admin/Payment/MethodUpdate", token, new() { ["systemName"] = SYSTEM_NAME, ["active"] = "true" });
            return "active (the DevStore's Methods page)";
        }

        var row = await GetPluginAsync() ?? throw new CheckException($"{SYSTEM_NAME} is not installed");
        var methodsToken = await TokenAsync("Admin/Payment/Methods");
        var list = await PostJsonAsync("Admin/Payment/Methods", methodsToken, new() { ["Draw"] = "1", ["Start"] = "0", ["Length"] = "1000" });
        var method = list.GetProperty("Data").EnumerateArray().FirstOrDefault(item => item.GetProperty("SystemName").GetString() == SYSTEM_NAME);
        if (method.ValueKind == JsonValueKind.Object && method.GetProperty("IsActive").GetBoolean())
            return "already active";

        var update = await PostFormAsync("Admin/Payment/MethodUpdate", methodsToken, new()
        {
            ["SystemName"] = SYSTEM_NAME,
            ["FriendlyName"] = row.GetProperty("FriendlyName").GetString(),
            ["DisplayOrder"] = row.GetProperty("DisplayOrder").GetInt32().ToString(CultureInfo.InvariantCulture),
            ["IsActive"] = "true"
        });
        if (!update.Ok)
            throw new CheckException($"Payment/MethodUpdate answered {update.Status}");
        return "marked active";
    }

    #endregion

    #region Settings

    /// <summary>Gets the store's currencies (code, published, rate, primary) from Admin > Configuration > Currencies</summary>
    public async Task<List<(string Code, bool Published, decimal Rate, bool Primary)>> GetCurrenciesAsync()
    {
        if (IsDevStore)
            throw new SkipException("the DevStore has no currency admin");

        var token = await TokenAsync("Admin/Currency/List");
        var json = await PostJsonAsync("Admin/Currency/ListGrid", token, new() { ["Draw"] = "1", ["Start"] = "0", ["Length"] = "1000" });
        return json.GetProperty("Data").EnumerateArray().Select(row => (
            row.GetProperty("CurrencyCode").GetString(),
            row.GetProperty("Published").GetBoolean(),
            row.GetProperty("Rate").GetDecimal(),
            row.GetProperty("IsPrimaryStoreCurrency").GetBoolean())).ToList();
    }

    /// <summary>Adds THB (Admin > Currencies > Add new) at the given rate against the primary exchange rate currency</summary>
    public async Task AddThbAsync(decimal rate)
    {
        var token = await TokenAsync("Admin/Currency/Create");
        var response = await PostFormAsync("Admin/Currency/Create", token, new()
        {
            ["Name"] = "Thai Baht", ["CurrencyCode"] = "THB", ["DisplayLocale"] = "th-TH", ["CustomFormatting"] = "฿#,##0.00",
            ["Rate"] = rate.ToString(CultureInfo.InvariantCulture), ["Published"] = "true", ["DisplayOrder"] = "100",
            ["RoundingTypeId"] = "0", ["save"] = ""
        });
        if (response.Status is not (302 or 200))
            throw new CheckException($"Currency/Create answered {response.Status}");
    }

    /// <summary>Gets or sets the one-page checkout (Admin > Settings > Order settings; the DevStore's own settings page)</summary>
    public async Task<bool> SetOnePageCheckoutAsync(bool enabled)
    {
        var settingsPath = IsDevStore ? "Admin/Setting/DevStore" : "Admin/Setting/Order";
        var was = await IsOnePageCheckoutAsync(settingsPath);
        if (was == enabled)
            return was;

        var page = await _context.NewPageAsync();
        try
        {
            await page.GotoAsync(Url(settingsPath));
            // the field may sit in a collapsed card or the "advanced" mode: set it as the form would post it
            await page.Locator("#OnePageCheckoutEnabled").EvaluateAsync("(el, value) => { el.checked = value; }", enabled);
            await page.SubmitAsync(() => page.Locator("button[name=save]").First.EvaluateAsync("el => el.click()"));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        finally
        {
            await page.CloseAsync();
        }

        if (await IsOnePageCheckoutAsync(settingsPath) != enabled)
            throw new CheckException("the one-page checkout setting did not change");
        return was;
    }

    private async Task<bool> IsOnePageCheckoutAsync(string settingsPath)
    {
        var page = await _context.NewPageAsync();
        try
        {
            await page.GotoAsync(Url(settingsPath));
            return await page.Locator("#OnePageCheckoutEnabled").IsCheckedAsync();
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    #endregion

    #region Orders, tasks

    /// <summary>Gets an order's payment and order status as the admin shows them (ids of nopCommerce's enums)</summary>
    public async Task<(int PaymentStatusId, int OrderStatusId)> GetOrderAsync(int orderId)
    {
        if (IsDevStore)
        {
            var page = await _context.NewPageAsync();
            try
            {
                await page.GotoAsync(Url($"Admin/Order/Edit/{orderId}"));
                var payment = (await page.Locator(".payment-status").InnerTextAsync()).Trim();
                var order = (await page.Locator(".order-status").InnerTextAsync()).Trim();
                return ((int)Enum.Parse<PaymentStatus>(payment), (int)Enum.Parse<OrderStatus>(order));
            }
            finally
            {
                await page.CloseAsync();
            }
        }

        var token = await TokenAsync("Admin/Order/List");
        var json = await PostJsonAsync("Admin/Order/OrderList", token, new()
        {
            ["PaymentMethodSystemName"] = SYSTEM_NAME, ["Draw"] = "1", ["Start"] = "0", ["Length"] = "100"
        });
        foreach (var row in json.GetProperty("Data").EnumerateArray())
            if (row.GetProperty("Id").GetInt32() == orderId)
                return (row.GetProperty("PaymentStatusId").GetInt32(), row.GetProperty("OrderStatusId").GetInt32());
        throw new CheckException($"order #{orderId} is not in the admin's order list");
    }

    public async Task<PaymentStatus> GetPaymentStatusAsync(int orderId) => (PaymentStatus)(await GetOrderAsync(orderId)).PaymentStatusId;

    /// <summary>Waits until the admin shows the order with the payment status (status changes are not instant)</summary>
    public async Task WaitForPaymentStatusAsync(int orderId, PaymentStatus expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        PaymentStatus status;
        while ((status = await GetPaymentStatusAsync(orderId)) != expected && DateTime.UtcNow < deadline)
            await Task.Delay(1000);
        if (status != expected)
            throw new CheckException($"order #{orderId} is {status} in the admin, not {expected}");
    }

    /// <summary>Cancels an order (Admin > Orders > Edit > Cancel order)</summary>
    public async Task CancelOrderAsync(int orderId)
    {
        var page = await _context.NewPageAsync();
        try
        {
            if (IsDevStore)
            {
                await page.GotoAsync(Url($"Admin/Order/Edit/{orderId}"));
                await page.SubmitAsync(() => page.ClickAsync("button:has-text('Cancel order')"));
                return;
            }
        }
        finally
        {
            await page.CloseAsync();
        }

        //what the "Cancel order" button posts once its "Are you sure?" box is confirmed
        var token = await TokenAsync($"Admin/Order/Edit/{orderId}");
        var response = await PostFormAsync($"Admin/Order/Edit/{orderId}", token, new() { ["cancelorder"] = "" });
        if (response.Status is not (302 or 200))
            throw new CheckException($"Cancel order answered {response.Status}");
    }

    /// <summary>Deletes an order (Admin > Orders > Edit > Delete); false where the store has no such action</summary>
    public async Task<bool> DeleteOrderAsync(int orderId)
    {
        if (IsDevStore)
            return false;

        var token = await TokenAsync($"Admin/Order/Edit/{orderId}");
        var response = await PostFormAsync($"Admin/Order/Delete/{orderId}", token, new() { ["id"] = orderId.ToString(CultureInfo.InvariantCulture) });
        return response.Status is 302 or 200;
    }

    /// <summary>Runs a schedule task by its name (Admin > System > Schedule tasks > Run now)</summary>
    public async Task RunScheduleTaskAsync(string name)
    {
        if (IsDevStore)
        {
            var page = await _context.NewPageAsync();
            try
            {
                await page.GotoAsync(Url("Admin/ScheduleTask/List"));
                await page.Locator("tr", new() { HasText = name }).Locator("button:has-text('Run now')").ClickAsync();
                await page.WaitForLoadStateAsync();
                return;
            }
            finally
            {
                await page.CloseAsync();
            }
        }

        var token = await TokenAsync("Admin/ScheduleTask/List");
        var json = await PostJsonAsync("Admin/ScheduleTask/List", token, new() { ["Draw"] = "1", ["Start"] = "0", ["Length"] = "1000" });
        var task = json.GetProperty("Data").EnumerateArray().FirstOrDefault(row => row.GetProperty("Name").GetString() == name);
        if (task.ValueKind != JsonValueKind.Object)
            throw new CheckException($"no schedule task \"{name}\" (was the plugin installed?)");
        var run = await Http.GetAsync(Url($"Admin/ScheduleTask/RunNow/{task.GetProperty("Id").GetInt32()}"), new() { MaxRedirects = 0 });
        if (run.Status is not (302 or 200))
            throw new CheckException($"ScheduleTask/RunNow answered {run.Status}");
    }

    #endregion

    #region Utilities

    private async Task<string> TokenAsync(string path)
    {
        var response = await Http.GetAsync(Url(path));
        if (!response.Ok)
            throw new CheckException($"GET /{path} answered {response.Status}");
        return Token(await response.TextAsync()) ?? throw new CheckException($"no antiforgery token on /{path}");
    }

    private static string Token(string html)
    {
        var match = TokenRegex().Match(html);
        return match.Success ? match.Groups[1].Value : null;
    }

    private async Task<IAPIResponse> PostFormAsync(string path, string token, Dictionary<string, string> fields)
    {
        var form = Http.CreateFormData();
        foreach (var (key, value) in fields)
            form.Set(key, value);
        form.Set("__RequestVerificationToken", token);
        return await Http.PostAsync(Url(path), new() { Form = form, MaxRedirects = 0 });
    }

    private async Task<JsonElement> PostJsonAsync(string path, string token, Dictionary<string, string> fields)
    {
        var response = await PostFormAsync(path, token, fields);
        var text = await response.TextAsync();
        if (!response.Ok)
            throw new CheckException($"POST /{path} answered {response.Status}");
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CheckException($"POST /{path} did not answer JSON");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    #endregion
}

/// <summary>nopCommerce's Nop.Core.Domain.Payments.PaymentStatus values</summary>
public enum PaymentStatus
{
    Pending = 10,
    Authorized = 20,
    Paid = 30,
    PartiallyRefunded = 35,
    Refunded = 40,
    Voided = 50
}

/// <summary>nopCommerce's Nop.Core.Domain.Orders.OrderStatus values</summary>
public enum OrderStatus
{
    Pending = 10,
    Processing = 20,
    Complete = 30,
    Cancelled = 40
}
