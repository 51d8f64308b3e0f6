using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace StoreCheck;

/// <summary>
/// The checks, in the order they run. Each prints one line; a failed check does not stop the ones after it
/// unless they need what it was to set up.
/// </summary>
public sealed class StoreChecks
{
    private const string WEBHOOK_PATH = "Plugins/PaymentKma/Webhook";
    private const string RECONCILIATION_TASK = "Krungsri (KMA) payment reconciliation";

    // the reconciliation task leaves orders younger than two minutes to the webhooks and the shopper's pages
    private static readonly TimeSpan _reconciliationMinimumAge = TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(15);

    private readonly StoreCheckOptions _options;
    private readonly Report _report;
    private readonly List<int> _orders = new();
    private readonly List<string> _charges = new();
    private (int OrderId, string ChargeId)? _paid;
    private IBrowser _browser;
    private IPlaywright _playwright;
    private IBrowserContext _adminContext;
    private StoreAdmin _admin;
    private PaymentBackend _backend;
    private Shopper _shopper;

    public StoreChecks(StoreCheckOptions options, Report report)
    {
        _options = options;
        _report = report;
    }

    private Uri WebhookUrl => new(_options.Store, WEBHOOK_PATH);

    public async Task RunAsync(TextWriter output)
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath(), Headless = true });
        _adminContext = await _browser.NewContextAsync(new BrowserNewContextOptions { UserAgent = Shopper.DESKTOP_USER_AGENT });
        _adminContext.SetDefaultTimeout(60_000);
        _admin = new StoreAdmin(_adminContext, _options.Store);
        _shopper = new Shopper(_playwright, _browser, _options);
        _backend = await PaymentBackend.StartAsync(_options, WebhookUrl, output);
        output.WriteLine(_backend.IsEmulator
            ? $"Store {_options.Store}  ·  OpnEmulator {_backend.Emulator.BaseAddress} (in process; its webhooks go to {WebhookUrl})"
            : $"Store {_options.Store}  ·  Opn {_backend.ApiBaseUrl} with the keys given (you will be asked to choose outcomes)");
        output.WriteLine();

        try
        {
            await RunChecksAsync();
        }
        finally
        {
            await CleanUpAsync();
            await _adminContext.DisposeAsync();
            await _browser.DisposeAsync();
            _playwright.Dispose();
            await _backend.DisposeAsync();
        }
    }

    private async Task RunChecksAsync()
    {
        if (!await _report.RunAsync("admin sign-in", () => _admin.LogInAsync(_options.AdminEmail, _options.AdminPassword)))
            return;

        await _report.RunAsync(_options.Zip != null ? "plugin uploaded and installed" : "plugin installed", CheckPluginAsync);
        await _report.RunAsync("payment method active", _admin.ActivateAsync);
        if (!await _report.RunAsync("Configure page saves the settings", SaveSettingsAsync))
            return;
        await _report.RunAsync("Configure page: Test connection", TestConnectionAsync);
        await _report.RunAsync("store takes THB", CheckThbAsync);

        // placed first: the reconciliation task only looks at orders older than two minutes
        (int OrderId, string ChargeId, DateTime PlacedUtc)? lostWebhooks = null;
        if (_backend.IsEmulator)
            await _report.RunAsync("order whose webhooks are lost (paid, still pending)", async () =>
            {
                lostWebhooks = await PlaceOrderWithLostWebhooksAsync();
                return $"order #{lostWebhooks.Value.OrderId}, charge {lostWebhooks.Value.ChargeId} successful at Opn, no webhook reached the store";
            });

        bool? wasOnePage = null;
        await _report.RunAsync("one-page checkout on", async () =>
        {
            wasOnePage = await _admin.SetOnePageCheckoutAsync(true);
            return wasOnePage == true ? "it was on" : "switched on (put back at the end)";
        });
        await BuyAsync("one-page", iPhone: false);
        await BuyAsync("one-page", iPhone: true);

        if (await _report.RunAsync("multi-step checkout on", async () =>
            {
                await _admin.SetOnePageCheckoutAsync(false);
                return "switched off the one-page checkout (put back at the end)";
            }))
        {
            await BuyAsync("multi-step", iPhone: false);
            await BuyAsync("multi-step", iPhone: true);
            await _report.RunAsync("checkout setting put back", async () =>
            {
                await _admin.SetOnePageCheckoutAsync(wasOnePage ?? true);
                return (wasOnePage ?? true) ? "one-page checkout on again" : "one-page checkout off, as it was";
            });
        }

        await FailAndRetryAsync();
        await WebhooksAsync();
        await _report.RunAsync("admin cancel expires the charge", CancelExpiresChargeAsync);

        await _report.RunAsync("plugin texts shown, not resource names", CheckTextsAsync);

        if (lostWebhooks is { } lost)
            await _report.RunAsync("reconciliation task pays the order whose webhooks were lost", () => ReconcileAsync(lost.OrderId, lost.PlacedUtc));
        else if (!_backend.IsEmulator)
            _report.Skip("reconciliation task pays the order whose webhooks were lost", "needs the emulator (Opn's webhooks cannot be held back from here)");
    }

    #region Admin

    private async Task<string> CheckPluginAsync()
    {
        if (_options.Zip != null)
            return await _admin.UploadAndInstallAsync(_options.Zip, _options.Reinstall);

        var row = await _admin.GetPluginAsync()
            ?? throw new CheckException("Payments.Kma is not in Admin > Configuration > Local plugins: upload the zip (--zip) or install it by hand");
        var version = row.GetProperty("Version").GetString();
        if (!row.GetProperty("Installed").GetBoolean())
            throw new CheckException($"version {version} is uploaded but not installed: Admin > Local plugins > Install, then restart (or run with --zip)");
        if (_options.ExpectVersion != null && version != _options.ExpectVersion)
            throw new CheckException($"installed version is {version}, expected {_options.ExpectVersion}");
        return $"version {version}";
    }

    private async Task<string> SaveSettingsAsync()
    {
        var page = await _adminContext.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(_options.Store, "Admin/PaymentKma/Configure").ToString());
            await page.FillAsync("#PublicKey", _backend.PublicKey);
            await page.FillAsync("#SecretKey", _backend.SecretKey);
            if (!string.IsNullOrEmpty(_backend.WebhookSecret))
                await page.FillAsync("#WebhookSecret", _backend.WebhookSecret);
            await page.FillAsync("#ApiBaseUrl", _backend.ApiBaseUrl);
            await page.SubmitAsync(() => page.ClickAsync("button[name=save]"));

            await page.GotoAsync(new Uri(_options.Store, "Admin/PaymentKma/Configure").ToString());
            var html = await page.ContentAsync();
            if (html.Contains(_backend.SecretKey, StringComparison.Ordinal))
                throw new CheckException("the saved secret key is shown on the Configure page");
            if (await page.InputValueAsync("#PublicKey") != _backend.PublicKey)
                throw new CheckException("the public key was not saved (is the admin's store scope \"All stores\"?)");
            if (await page.InputValueAsync("#ApiBaseUrl") != _backend.ApiBaseUrl)
                throw new CheckException("the API base URL was not saved");
            var webhookUrl = await page.InputValueAsync("#kma-webhook-url");
            _shopper.SeenTexts.Add(await page.InnerTextAsync("body"));
            return $"keys {(_backend.IsEmulator ? "of the emulator" : "given")}, API {_backend.ApiBaseUrl}; the page shows webhook URL {webhookUrl}";
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task<string> TestConnectionAsync()
    {
        var page = await _adminContext.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(_options.Store, "Admin/PaymentKma/Configure").ToString());
            // the result comes as a new page or, where the page posts it by script, into the same page
            await page.ClickAsync("button[name=testconnection]");
            await page.Locator("#kma-connection-test").WaitForAsync();
            if (await page.Locator("#kma-connection-ok").CountAsync() == 0)
                throw new CheckException((await page.Locator("#kma-connection-error").InnerTextAsync()).Trim());

            var kma = (await page.Locator("#kma-account-kma").InnerTextAsync()).Trim();
            var mode = (await page.Locator("#kma-account-mode").InnerTextAsync()).Trim();
            var warnings = string.Join(" ", await page.Locator("#kma-connection-test .kma-warn").AllInnerTextsAsync());
            var detail = $"account {(await page.Locator("#kma-account-email").InnerTextAsync()).Trim()}, mode {mode}, KMA enabled {kma}";
            if (warnings.Length > 0)
                throw new CheckException(detail + "; warnings: " + warnings);
            return detail;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task<string> CheckThbAsync()
    {
        if (_admin.IsDevStore)
        {
            // no currency admin in the DevStore: its storefront offers THB (seeded as the primary currency)
            var home = await _adminContext.APIRequest.GetAsync(_options.Store.ToString());
            if (!(await home.TextAsync()).Contains("THB", StringComparison.Ordinal))
                throw new CheckException("the DevStore's storefront offers no THB");
            return "THB is the DevStore's primary currency (seeded; it has no currency admin)";
        }

        var currencies = await _admin.GetCurrenciesAsync();
        var primary = currencies.FirstOrDefault(currency => currency.Primary).Code;
        var thb = currencies.FirstOrDefault(currency => string.Equals(currency.Code, "THB", StringComparison.OrdinalIgnoreCase));
        if (thb.Code == null)
        {
            if (_options.AddThbRate is { } rate)
            {
                await _admin.AddThbAsync(rate);
                return $"THB was not a currency: added it at {rate.ToString(CultureInfo.InvariantCulture)} per {primary} (Admin > Configuration > Currencies; StoreCheck leaves it)";
            }
            throw new CheckException($"THB is not a currency of the store, so checkout hides Krungsri (KMA). Add it: Admin > Configuration > Currencies > Add new: " +
                $"name \"Thai Baht\", code THB, rate = baht per 1 {primary}, display locale th-TH, published; keep its rate current " +
                "(or run StoreCheck with --add-thb RATE to let it add the currency)");
        }
        if (!thb.Published && primary != "THB")
            throw new CheckException("THB is a currency but not published: Admin > Configuration > Currencies > THB > Published");
        return primary == "THB" ? "THB is the primary currency" : $"THB at {thb.Rate.ToString(CultureInfo.InvariantCulture)} per {primary}";
    }

    #endregion

    #region Shopper

    /// <summary>A guest buys in the checkout as it is set, pays at Opn, lands on the completed page; the admin shows Paid</summary>
    private async Task BuyAsync(string checkout, bool iPhone)
    {
        var device = iPhone ? "iPhone" : "desktop";
        var name = $"{checkout} checkout, {device}: guest pays, order Paid in the admin";
        string display = null;
        await _report.RunAsync(name, async () =>
        {
            await using var guest = await _shopper.NewGuestAsync(iPhone);
            var (page, shownDisplay) = await _shopper.PlaceOrderAsync(guest, $"{checkout}-{device}");
            display = shownDisplay;

            var (orderId, chargeId) = await PayAsync(page, iPhone, successful: true);
            await page.Locator(".order-completed").WaitForAsync(new() { Timeout = 90_000 });
            await _admin.WaitForPaymentStatusAsync(orderId, PaymentStatus.Paid);
            _paid ??= (orderId, chargeId);
            return $"order #{orderId}, charge {chargeId}";
        });

        if (display != null)
        {
            var styled = $"{checkout} checkout, {device}: payment info box styled";
            if (display == "flex")
                _report.Pass(styled, "computed display of .kma-payment-info is flex");
            else
                _report.Fail(styled, $"computed display of .kma-payment-info is {display}, not flex: kma.css did not reach this checkout");
        }
    }

    /// <summary>
    /// The order was confirmed: a desktop shopper is on the pay page (QR code), an iPhone shopper on the authorize page.
    /// Pays (or fails) the charge there and returns the order and charge.
    /// </summary>
    private async Task<(int OrderId, string ChargeId)> PayAsync(IPage page, bool iPhone, bool successful, string failureCode = "payment_rejected")
    {
        if (iPhone)
        {
            await page.WaitForURLAsync(url => !url.StartsWith(_options.Store.ToString(), StringComparison.OrdinalIgnoreCase),
                new() { WaitUntil = WaitUntilState.Commit, Timeout = 90_000 });
            var (orderId, chargeId) = await ChargeOfAuthorizePageAsync(page.Url);
            await page.WaitForLoadStateAsync();
            await _backend.ChooseOutcomeAsync(page, chargeId, successful, failureCode);
            return (orderId, chargeId);
        }

        await page.Locator(".kma-pay .kma-qr svg").WaitForAsync(new() { Timeout = 90_000 });
        _shopper.SeenTexts.Add(await page.InnerTextAsync("body"));
        var authorizeUri = await page.Locator(".kma-open-here").GetAttributeAsync("href");
        var (order, charge) = await ChargeOfAuthorizePageAsync(authorizeUri);

        // the desktop shopper scans the QR code with a phone (another browser); the pay page notices by itself
        await using var phone = await _shopper.NewGuestAsync(iPhone: true);
        var phonePage = await phone.NewPageAsync();
        await phonePage.GotoAsync(authorizeUri);
        await _backend.ChooseOutcomeAsync(phonePage, charge, successful, failureCode);
        await phonePage.WaitForLoadStateAsync();
        return (order, charge);
    }

    private async Task<(int OrderId, string ChargeId)> ChargeOfAuthorizePageAsync(string authorizeUri)
    {
        for (var i = 0; i < 20; i++)
        {
            var charge = await _backend.FindChargeByAuthorizeUriAsync(authorizeUri);
            if (charge is { } found)
            {
                var id = found.GetProperty("id").GetString();
                var orderId = int.Parse(found.GetProperty("metadata").GetProperty("order_id").GetString(), CultureInfo.InvariantCulture);
                if (!_orders.Contains(orderId))
                    _orders.Add(orderId);
                _charges.Add(id);
                return (orderId, id);
            }
            await Task.Delay(500);
        }
        throw new CheckException($"no charge at Opn has the authorize URI the shopper was sent to ({authorizeUri})");
    }

    private async Task FailAndRetryAsync()
    {
        IPage details = null;
        IBrowserContext guest = null;
        int orderId = 0;
        try
        {
            await _report.RunAsync("failed payment: shopper lands on the order with the reason", async () =>
            {
                guest = await _shopper.NewGuestAsync(iPhone: true);
                var (page, _) = await _shopper.PlaceOrderAsync(guest, "failed");
                (orderId, _) = await PayAsync(page, iPhone: true, successful: false, failureCode: "insufficient_fund");
                await page.WaitForURLAsync(url => url.Contains("orderdetails", StringComparison.OrdinalIgnoreCase), new() { Timeout = 90_000 });
                details = page;
                var status = await _admin.GetPaymentStatusAsync(orderId);
                if (status != PaymentStatus.Pending)
                    throw new CheckException($"order #{orderId} is {status} after a failed payment, not Pending");
                return $"order #{orderId} stays Pending";
            });
            if (details == null)
                return;

            await _report.RunAsync("failure text names the store's retry button", async () =>
            {
                var button = details.Locator("button[name=repost-payment]");
                if (await button.CountAsync() == 0)
                    throw new CheckException("the order page has no retry button (Admin > Settings > Payment: \"Allow re-posting payments\" must be on)");
                // the text, not the rendering: themes may show it in capitals
                var label = (await button.First.TextContentAsync())?.Trim();
                var message = await NotificationTextAsync(details);
                _shopper.SeenTexts.Add(message);
                if (string.IsNullOrWhiteSpace(message))
                    throw new CheckException("the order page shows no message about the failed payment");
                if (!message.Contains(label, StringComparison.Ordinal))
                    throw new CheckException($"the button reads \"{label}\" but the message says: {message}");
                return $"button \"{label}\" named in: {message}";
            });

            await _report.RunAsync("retry payment: second charge paid, order Paid in the admin", async () =>
            {
                await details.Locator("button[name=repost-payment]").First.ClickAsync();
                var (retriedOrder, chargeId) = await PayAsync(details, iPhone: true, successful: true);
                if (retriedOrder != orderId)
                    throw new CheckException($"the retry charged order #{retriedOrder}, not #{orderId}");
                await details.Locator(".order-completed").WaitForAsync(new() { Timeout = 90_000 });
                await _admin.WaitForPaymentStatusAsync(orderId, PaymentStatus.Paid);
                return $"order #{orderId}, charge {chargeId}";
            });
        }
        finally
        {
            if (guest != null)
                await guest.DisposeAsync();
        }
    }

    private static async Task<string> NotificationTextAsync(IPage page)
    {
        // nopCommerce shows notifications in its bar (#bar-notification); the DevStore in .notification boxes
        var texts = new List<string>();
        foreach (var item in await page.Locator("#bar-notification .content, .bar-notification .content, .notification, .message-error").AllAsync())
        {
            var text = (await item.TextContentAsync())?.Trim();
            if (!string.IsNullOrEmpty(text) && !texts.Contains(text))
                texts.Add(text);
        }
        return string.Join(" ", texts);
    }

    #endregion

    /// <summary>
    /// nopCommerce shows a resource's name where its text is missing, e.g. after a new version was uploaded over an
    /// installed one whose install step added fewer texts
    /// </summary>
    private Task<string> CheckTextsAsync()
    {
        var names = _shopper.SeenTexts
            .SelectMany(text => System.Text.RegularExpressions.Regex.Matches(text ?? string.Empty, @"plugins\.payments\.kma\.[a-z0-9_.]*[a-z0-9_]",
                System.Text.RegularExpressions.RegexOptions.IgnoreCase).Select(match => match.Value))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (_shopper.SeenTexts.Count == 0)
            throw new SkipException("no page of the plugin was seen");
        if (names.Count > 0)
            throw new CheckException($"the store shows resource names instead of texts: {string.Join(", ", names)}. " +
                "The installed texts are older than the plugin: uninstall and install it again (Admin > Local plugins), or install a version that updates its texts");
        return Task.FromResult($"{_shopper.SeenTexts.Count} pages of the plugin read");
    }

    #region Webhooks, cancel, reconciliation

    private async Task WebhooksAsync()
    {
        // forged for an order that is already paid, so that a store that wrongly took it changes nothing
        if (string.IsNullOrEmpty(_backend.WebhookSecret))
            _report.Skip("forged webhook refused (401)", "no webhook secret given: the plugin then accepts unsigned webhooks and re-fetches the charge from Opn");
        else if (_paid is not { } paid)
            _report.Skip("forged webhook refused (401)", "no paid order of this run to forge an event for");
        else
            await _report.RunAsync("forged webhook refused (401)", async () =>
            {
                var (orderId, knownCharge) = paid;
                var body = EventBody(knownCharge, orderId);
                var status = await PostWebhookAsync(body, new string('0', 64), DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                if (status != 401)
                    throw new CheckException($"a charge.complete with a wrong Omise-Signature answered {status}");
                return $"charge.complete for {knownCharge} with a wrong signature: 401";
            });

        await _report.RunAsync("webhook for an unknown charge acknowledged (200)", async () =>
        {
            var chargeId = "chrg_test_storecheck" + Guid.NewGuid().ToString("N")[..10];
            var body = EventBody(chargeId, null);
            var (signature, timestamp) = _backend.Sign(body);
            var status = await PostWebhookAsync(body, signature, timestamp);
            if (status != 200)
                throw new CheckException($"a signed charge.complete for an unknown charge answered {status} (Opn would keep retrying it)");
            return $"{chargeId}: 200";
        });
    }

    private static byte[] EventBody(string chargeId, int? orderId)
    {
        var metadata = orderId is { } id ? new Dictionary<string, string> { ["order_id"] = id.ToString(CultureInfo.InvariantCulture) } : new Dictionary<string, string>();
        var body = new
        {
            @object = "event",
            id = "evnt_test_storecheck" + Guid.NewGuid().ToString("N")[..10],
            livemode = false,
            key = "charge.complete",
            created_at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            data = new { @object = "charge", id = chargeId, status = "successful", amount = 100000, currency = "THB", metadata }
        };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    private async Task<int> PostWebhookAsync(byte[] body, string signature, string timestamp)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature != null)
        {
            request.Headers.Add("Omise-Signature", signature);
            request.Headers.Add("Omise-Signature-Timestamp", timestamp);
        }
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private async Task<string> CancelExpiresChargeAsync()
    {
        int orderId;
        string chargeId;
        await using (var guest = await _shopper.NewGuestAsync(iPhone: true))
        {
            var (page, _) = await _shopper.PlaceOrderAsync(guest, "cancel");
            await page.WaitForURLAsync(url => !url.StartsWith(_options.Store.ToString(), StringComparison.OrdinalIgnoreCase),
                new() { WaitUntil = WaitUntilState.Commit, Timeout = 90_000 });
            (orderId, chargeId) = await ChargeOfAuthorizePageAsync(page.Url);
        }

        await _admin.CancelOrderAsync(orderId);
        var (_, orderStatus) = await _admin.GetOrderAsync(orderId);
        if (orderStatus != (int)OrderStatus.Cancelled)
            throw new CheckException($"order #{orderId} is {(OrderStatus)orderStatus} after Cancel order");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string status;
        while ((status = await _backend.GetStatusAsync(chargeId)) == "pending" && DateTime.UtcNow < deadline)
            await Task.Delay(1000);
        if (status != "expired")
            throw new CheckException($"order #{orderId} is cancelled but its charge {chargeId} is {status} at Opn, not expired");
        return $"order #{orderId} cancelled, charge {chargeId} expired";
    }

    private async Task<(int OrderId, string ChargeId, DateTime PlacedUtc)> PlaceOrderWithLostWebhooksAsync()
    {
        int orderId;
        string chargeId;
        DateTime placed;
        using (_backend.LoseWebhooks())
        {
            await using (var guest = await _shopper.NewGuestAsync(iPhone: true))
            {
                var (page, _) = await _shopper.PlaceOrderAsync(guest, "lost-webhooks");
                await page.WaitForURLAsync(url => !url.StartsWith(_options.Store.ToString(), StringComparison.OrdinalIgnoreCase),
                    new() { WaitUntil = WaitUntilState.Commit, Timeout = 90_000 });
                //the order exists once the shopper is sent to Opn; a checkout right after a restart can take long
                placed = DateTime.UtcNow;
                (orderId, chargeId) = await ChargeOfAuthorizePageAsync(page.Url);
                //the shopper closes the tab: nothing of the store's asks Opn about this charge
            }
            await _backend.SettleWithoutShopperAsync(chargeId, successful: true);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var status = await _admin.GetPaymentStatusAsync(orderId);
        if (status != PaymentStatus.Pending)
            throw new CheckException($"order #{orderId} is {status} although no webhook was sent");
        return (orderId, chargeId, placed);
    }

    private async Task<string> ReconcileAsync(int orderId, DateTime placedUtc)
    {
        var wait = placedUtc + _reconciliationMinimumAge - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            _report.Note($"waiting {wait.TotalSeconds:0} s: the task only looks at orders older than two minutes");
            await Task.Delay(wait);
        }

        if (await _admin.GetPaymentStatusAsync(orderId) == PaymentStatus.Paid)
            throw new CheckException($"order #{orderId} was already Paid before the task ran (a webhook was not lost?)");
        await _admin.RunScheduleTaskAsync(RECONCILIATION_TASK);
        await _admin.WaitForPaymentStatusAsync(orderId, PaymentStatus.Paid, TimeSpan.FromSeconds(60));
        return $"Admin > Schedule tasks > \"{RECONCILIATION_TASK}\" > Run now: order #{orderId} Paid";
    }

    #endregion

    private async Task CleanUpAsync()
    {
        if (_backend is { IsEmulator: true })
            _report.Note("The plugin's settings now point at this run's emulator, which stops now: save your own keys and API base URL on the Configure page.");

        if (_admin == null || _orders.Count == 0)
            return;

        if (_options.KeepOrders)
        {
            _report.Note($"orders left as asked (--keep-orders): #{string.Join(", #", _orders)}");
            return;
        }

        var deleted = new List<int>();
        try
        {
            foreach (var orderId in _orders)
                if (await _admin.DeleteOrderAsync(orderId))
                    deleted.Add(orderId);
        }
        catch (Exception exception)
        {
            _report.Note($"cleaning up stopped: {exception.Message.Split('\n')[0]}");
        }

        var left = _orders.Except(deleted).ToList();
        var text = new StringBuilder();
        if (deleted.Count > 0)
            text.Append($"deleted the orders StoreCheck made: #{string.Join(", #", deleted)}. ");
        if (left.Count > 0)
            text.Append($"left (the store cannot delete orders): #{string.Join(", #", left)}.");
        _report.Note(text.ToString());
    }

    private static string ChromiumPath()
    {
        foreach (var path in new[] { Environment.GetEnvironmentVariable("STORECHECK_CHROMIUM"), "/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser" })
            if (!string.IsNullOrEmpty(path) && File.Exists(path))
                return path;
        throw new CheckException("no Chromium found: apt-get install -y chromium (or set STORECHECK_CHROMIUM)");
    }
}
