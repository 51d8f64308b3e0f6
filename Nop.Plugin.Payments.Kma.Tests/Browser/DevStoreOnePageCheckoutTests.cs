using System.Text.Json;
using DevStore;
using Microsoft.Playwright;

namespace Nop.Plugin.Payments.Kma.Tests.Browser;

/// <summary>
/// The DevStore's one-page checkout works as nopCommerce 4.90's: the payment info step is not in the page; it arrives in
/// the JSON answer of OpcSavePaymentMethod (update_section.html, rendered on its own, without the page head) and is
/// inserted into the page without a reload; so is the confirm step after OpcSavePaymentInfo
/// </summary>
[TestFixture]
[Category("Browser")]
public class DevStoreOnePageCheckoutTests
{
    private DevStoreHost _store;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _store = await DevStoreHost.StartAsync(new DevStoreOptions { OnePageCheckout = true });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _store.DisposeAsync();
    }

    private static async Task<JsonElement> JsonOfAsync(IPage page, string action, Func<Task> trigger)
    {
        var response = await page.RunAndWaitForResponseAsync(trigger, candidate => candidate.Url.Contains("checkout/" + action));
        Assert.That(response.Status, Is.EqualTo(200), action);
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }

    [Test]
    public async Task ThePaymentInfoStepArrivesByAjaxAndIsInsertedIntoThePage()
    {
        await using var context = await BrowserSetUp.NewDesktopContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_store.BaseAddress.ToString());
        await page.Locator(".product-item[data-productid='2'] .add-to-cart-button").ClickAsync();
        await page.Locator("#checkout").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("onepagecheckout"));

        // the page as served: the payment method step only
        Assert.That(await page.Locator(".kma-payment-info").CountAsync(), Is.Zero);
        Assert.That(await page.Locator("#checkout-payment-info-load").InnerHTMLAsync(), Is.Empty);
        await page.EvaluateAsync("() => window.pageLoadedOnce = true");

        await page.Locator(".payment-method[data-system-name='Payments.Kma'] input").CheckAsync();
        var paymentMethod = await JsonOfAsync(page, "OpcSavePaymentMethod", () => page.Locator(".payment-method-next-step-button").ClickAsync());

        Assert.That(paymentMethod.GetProperty("goto_section").GetString(), Is.EqualTo("payment_info"));
        var section = paymentMethod.GetProperty("update_section");
        Assert.That(section.GetProperty("name").GetString(), Is.EqualTo("payment-info"));
        var html = section.GetProperty("html").GetString();
        Assert.That(html, Does.Contain("kma-payment-info"), "the plugin's view component, rendered for the AJAX answer");
        Assert.That(html, Does.Not.Contain("<html").And.Not.Contain("<head"), "a partial view: no layout, no head");

        await page.Locator("#checkout-payment-info-load .kma-payment-info").WaitForAsync();
        Assert.That(await page.Locator("#checkout-step-payment-info").IsVisibleAsync(), Is.True);
        Assert.That(await page.EvaluateAsync<bool>("() => window.pageLoadedOnce === true"), Is.True, "inserted, not reloaded");

        var paymentInfo = await JsonOfAsync(page, "OpcSavePaymentInfo", () => page.Locator(".payment-info-next-step-button").ClickAsync());
        Assert.That(paymentInfo.GetProperty("goto_section").GetString(), Is.EqualTo("confirm_order"));
        Assert.That(paymentInfo.GetProperty("update_section").GetProperty("name").GetString(), Is.EqualTo("confirm-order"));
        await page.Locator("#checkout-confirm-order-load .order-summary").WaitForAsync();

        var before = _store.GetOrders().Count;
        await page.Locator(".confirm-order-next-step-button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("Plugins/PaymentKma/Pay"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        Assert.That(_store.GetOrders(), Has.Count.EqualTo(before + 1));
    }

    [Test]
    public async Task AStyleSheetLinkedInAViewGoesToThePageHeadAsInNopCommerce()
    {
        // nopCommerce's NopLinkTagHelper: <link rel="stylesheet"> in a view becomes a CSS part of the head. The DevStore's
        // layout writes them there; its own style sheet comes first (AppendCssFileParts), the views' after it.
        await using var context = await BrowserSetUp.NewDesktopContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_store.BaseAddress.ToString());

        var headLinks = await page.Locator("head link[rel='stylesheet']").EvaluateAllAsync<string[]>("links => links.map(link => link.getAttribute('href'))");
        Assert.That(headLinks, Has.Length.GreaterThanOrEqualTo(1));
        Assert.That(headLinks[0], Is.EqualTo("/css/devstore.css"));
        Assert.That(await page.Locator("body link").CountAsync(), Is.Zero);
    }
}
