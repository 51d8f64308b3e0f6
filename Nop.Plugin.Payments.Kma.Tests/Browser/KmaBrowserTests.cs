using DevStore;
using Microsoft.Playwright;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Localization;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Browser;

/// <summary>
/// Real Chromium against the DevStore (the plugin hosted as nopCommerce runs it) and the OpnEmulator
/// </summary>
[TestFixture]
[Category("Browser")]
[NonParallelizable]
public partial class KmaBrowserTests
{
    // Generous limits: the machine may be busy; nothing here measures time.
    private static readonly TimeSpan _pageTimeout = TimeSpan.FromSeconds(60);

    private EmulatorHost _emulator;
    private DevStoreHost _store;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // The DevStore starts its own OpnEmulator and points the plugin's settings at it.
        _store = await DevStoreHost.StartAsync(new DevStoreOptions());
        _emulator = _store.Emulator;
        Assert.That(_emulator, Is.Not.Null, "the DevStore runs with its in-process OpnEmulator");
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_store != null)
            await _store.DisposeAsync();
    }

    private static Task<IBrowserContext> PhoneAsync() => BrowserSetUp.NewIPhoneContextAsync();

    private static Task<IBrowserContext> DesktopAsync() => BrowserSetUp.NewDesktopContextAsync();

    /// <summary>Adds a product within KMA's limits to the cart and goes through checkout until the order is confirmed</summary>
    private async Task<IPage> PlaceOrderAsync(IBrowserContext context, bool thai = false, bool usd = false, string screenshot = null)
    {
        var page = await OpenPaymentInfoAsync(context, thai, usd, screenshot);
        await page.ClickAsync(".payment-info-next-step-button");

        await page.ClickAsync(".confirm-order-next-step-button");
        return page;
    }

    /// <summary>Adds a product within KMA's limits to the cart and goes through checkout up to the payment info step</summary>
    private async Task<IPage> OpenPaymentInfoAsync(IBrowserContext context, bool thai = false, bool usd = false, string screenshot = null)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)_pageTimeout.TotalMilliseconds);
        await page.GotoAsync(_store.BaseAddress.ToString());
        if (thai)
            await page.ClickAsync(".language-selector a:has-text('ไทย')");
        if (usd)
            await page.ClickAsync(".currency-selector a:has-text('USD')");

        // Two of the cheapest product (฿15 each): above KMA's ฿20 minimum, nothing to ship.
        var product = page.Locator(".product-item").First;
        await product.Locator("input[name=quantity]").FillAsync("2");
        await product.Locator(".add-to-cart-button").ClickAsync();
        //adding to the cart lands on the cart page
        await page.ClickAsync("#checkout");

        await page.CheckAsync($"input[name=paymentmethod][value='{KmaDefaults.SystemName}']");
        await page.ClickAsync(".payment-method-next-step-button");

        // The plugin's payment info component, rendered by name inside the store's checkout.
        await Assertions.Expect(page.Locator(".kma-payment-info")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".kma-payment-info img.kma-logo")).ToBeVisibleAsync();
        if (usd)
            await Assertions.Expect(page.Locator(".kma-payment-info .kma-amount")).ToContainTextAsync("฿30.00");
        else
            await Assertions.Expect(page.Locator(".kma-payment-info .kma-amount")).ToHaveCountAsync(0);
        if (screenshot != null)
            await BrowserSetUp.ScreenshotAsync(page, screenshot);
        return page;
    }

    private int LastOrderId() => _store.GetOrders().Max(order => order.Id);

    [Test]
    public async Task ShopperOnAnIPhonePaysInTheAppAndLandsOnTheCompletedPage()
    {
        await using var context = await PhoneAsync();
        var page = await PlaceOrderAsync(context, screenshot: "checkout-payment-info");

        // A phone goes straight to the authorize_uri (the emulator's stand-in for the KMA app).
        await page.WaitForURLAsync(url => url.StartsWith(_emulator.BaseAddress.ToString(), StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.ClickAsync("#pay-successful");

        await Assertions.Expect(page.Locator(".order-completed")).ToBeVisibleAsync();
        await BrowserSetUp.ScreenshotAsync(page, "completed-iphone");
        Assert.That(_store.GetOrder(LastOrderId()).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
    }

    [Test]
    public async Task AFailedPaymentShowsTheThaiFailureMessageWhenTheLanguageIsThai()
    {
        await using var context = await PhoneAsync();
        var page = await PlaceOrderAsync(context, thai: true);

        await page.WaitForURLAsync(url => url.StartsWith(_emulator.BaseAddress.ToString(), StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.SelectOptionAsync("#failure-code", "insufficient_fund");
        await page.ClickAsync("#pay-failed");

        var thaiMessage = KmaLocaleResources.Thai["Plugins.Payments.Kma.Failure.insufficient_fund"];
        await Assertions.Expect(page.Locator(".notification.Error")).ToContainTextAsync(thaiMessage);
        await BrowserSetUp.ScreenshotAsync(page, "failure-thai");
        Assert.That(_store.GetOrder(LastOrderId()).PaymentStatus, Is.Not.EqualTo(PaymentStatus.Paid));
    }

    [Test]
    public async Task DesktopShopperSeesTheQrPageWhichMovesOnWhenTheChargeCompletes()
    {
        await using var context = await DesktopAsync();
        // Prices in US dollars: the payment info says how many baht the app will ask for.
        var page = await PlaceOrderAsync(context, usd: true, screenshot: "checkout-payment-info-usd");

        await Assertions.Expect(page.Locator(".kma-pay .kma-qr svg")).ToBeVisibleAsync();
        await BrowserSetUp.ScreenshotAsync(page, "pay-on-your-phone");
        Assert.That(page.Url, Does.Contain("Plugins/PaymentKma/Pay"));

        var order = _store.GetOrder(LastOrderId());
        Assert.That(_emulator.CompleteCharge(order.AuthorizationTransactionId), Is.True);

        // Nobody touches the page: it polls the plugin's status endpoint and moves on by itself.
        await Assertions.Expect(page.Locator(".order-completed")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.That(_store.GetOrder(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
    }

    [Test]
    public async Task AdminSavesAStoreOverrideAndRunsTestConnection()
    {
        await using var context = await DesktopAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)_pageTimeout.TotalMilliseconds);
        await page.GotoAsync(new Uri(_store.BaseAddress, "login/?as=admin").ToString());
        await page.GotoAsync(new Uri(_store.BaseAddress, "Admin/PaymentKma/Configure").ToString());

        // Store 2 only.
        var storeOption = page.Locator("#store-scope-configuration option").Nth(2);
        await page.SelectOptionAsync("#store-scope-configuration", new SelectOptionValue { Value = await storeOption.GetAttributeAsync("value") });
        await Assertions.Expect(page.Locator("#CancelOrderOnFailedCharge_OverrideForStore")).ToBeVisibleAsync();

        await page.CheckAsync("#CancelOrderOnFailedCharge_OverrideForStore");
        await page.CheckAsync("#CancelOrderOnFailedCharge");
        await page.ClickAsync("button[name=save]");

        var storeSettings = await _store.GetSettingsAsync<KmaPaymentSettings>(2);
        var sharedSettings = await _store.GetSettingsAsync<KmaPaymentSettings>(0);
        Assert.That(storeSettings.CancelOrderOnFailedCharge, Is.True);
        Assert.That(sharedSettings.CancelOrderOnFailedCharge, Is.False);
        Assert.That(storeSettings.SecretKey, Is.EqualTo(_emulator.SecretKey), "the empty secret field kept the saved key");
        await Assertions.Expect(page.Locator("#CancelOrderOnFailedCharge_OverrideForStore")).ToBeCheckedAsync();

        await page.ClickAsync("button[name=testconnection]");
        await Assertions.Expect(page.Locator("#kma-connection-ok")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#kma-account-kma")).ToHaveTextAsync("Yes");
        await Assertions.Expect(page.Locator("#kma-account-mode")).ToHaveTextAsync("Test");
        await Assertions.Expect(page.Locator("#kma-account-limits")).ToContainTextAsync("฿");
        await Assertions.Expect(page.Locator("#kma-account-email")).Not.ToBeEmptyAsync();
        await BrowserSetUp.ScreenshotAsync(page, "admin-configure");

        var html = await page.ContentAsync();
        Assert.That(html, Does.Not.Contain(_emulator.SecretKey[..^4]), "the secret key reached the page");
        Assert.That(html, Does.Not.Contain(_emulator.WebhookSecret[..^4]), "the webhook secret reached the page");
    }
}
