using DevStore;
using Microsoft.Playwright;
using Nop.Core.Domain.Payments;

namespace Nop.Plugin.Payments.Kma.Tests.Browser;

/// <summary>
/// A person buying in the DevStore with Chromium: both checkout styles reach the plugin's pages
/// </summary>
[TestFixture]
[Category("Browser")]
public class DevStoreBrowserTests
{
    private DevStoreHost _store;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _store = await DevStoreHost.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _store.DisposeAsync();
    }

    private async Task<IPage> BuyScarfAsync(IBrowserContext context, Uri storeAddress)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(storeAddress.ToString());
        await page.Locator(".product-item[data-productid='2'] .add-to-cart-button").ClickAsync();
        await page.Locator("#checkout").ClickAsync();
        return page;
    }

    [Test]
    public async Task MultiStepCheckoutOnADesktopEndsOnThePluginsPayPage()
    {
        await using var context = await BrowserSetUp.NewDesktopContextAsync();
        var page = await BuyScarfAsync(context, _store.BaseAddress);

        await page.Locator(".payment-method[data-system-name='Payments.Kma'] input").CheckAsync();
        await page.Locator(".payment-method-next-step-button").ClickAsync();
        await page.Locator(".payment-info-next-step-button").ClickAsync();
        await page.Locator(".confirm-order-next-step-button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("Plugins/PaymentKma/Pay"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });

        var order = _store.GetOrders().Last();
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        await page.Locator(".kma-qr svg").WaitForAsync();
        Assert.That(await page.Locator("svg").CountAsync(), Is.GreaterThan(0));
        await BrowserSetUp.ScreenshotAsync(page, "devstore-multistep-pay");
    }

    [Test]
    public async Task OnePageCheckoutOnAPhoneGoesToTheChargesAuthorizePage()
    {
        await _store.UseOnePageCheckoutAsync(true, storeId: 2);
        try
        {
            await using var context = await BrowserSetUp.NewIPhoneContextAsync();
            var page = await BuyScarfAsync(context, _store.SecondStoreAddress);

            await page.Locator(".payment-method[data-system-name='Payments.Kma'] input").CheckAsync();
            await page.Locator(".payment-method-next-step-button").ClickAsync();
            await page.Locator(".payment-info-next-step-button").ClickAsync();
            await page.Locator(".confirm-order-next-step-button").ClickAsync();
            await page.WaitForURLAsync(url => url.StartsWith(_store.Emulator.BaseAddress.ToString()), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });

            var order = _store.GetOrders().Last();
            Assert.That(order.StoreId, Is.EqualTo(2));
            Assert.That(page.Url, Does.Contain("/authorize"));
            await BrowserSetUp.ScreenshotAsync(page, "devstore-onepage-authorize");
        }
        finally
        {
            await _store.UseOnePageCheckoutAsync(false, storeId: 2);
        }
    }
}
