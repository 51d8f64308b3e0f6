using Microsoft.Playwright;

namespace StoreCheck;

/// <summary>
/// A guest shopper in Chromium: puts a product in the cart and goes through the store's checkout (one-page or
/// multi-step, whichever the store has on) until the order is confirmed and the plugin takes over
/// </summary>
public sealed class Shopper
{
    /// <summary>A desktop Chrome user agent without "HeadlessChrome", so the plugin sees a desktop shopper</summary>
    public const string DESKTOP_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

    private static readonly string[] _oneStepSelectors =
    [
        "#checkout-step-billing", "#checkout-step-shipping", "#checkout-step-shipping-method",
        "#checkout-step-payment-method", "#checkout-step-payment-info", "#checkout-step-confirm-order"
    ];

    private readonly IBrowser _browser;
    private readonly IPlaywright _playwright;
    private readonly StoreCheckOptions _options;

    /// <summary>Gets the texts the plugin showed on the way (checked for resource names shown instead of texts)</summary>
    public List<string> SeenTexts { get; } = new();

    public Shopper(IPlaywright playwright, IBrowser browser, StoreCheckOptions options)
    {
        _playwright = playwright;
        _browser = browser;
        _options = options;
    }

    /// <summary>A new guest: a desktop browser or an iPhone 13 as Playwright describes it</summary>
    public async Task<IBrowserContext> NewGuestAsync(bool iPhone)
    {
        var context = await _browser.NewContextAsync(iPhone
            ? new BrowserNewContextOptions(_playwright.Devices["iPhone 13"])
            : new BrowserNewContextOptions { UserAgent = DESKTOP_USER_AGENT, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Razor views compile on first use and a staging store may be slow: generous limits, nothing is timed
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    /// <summary>
    /// Buys one product and confirms the order. Returns the page (now on the plugin's pay page or the authorize page)
    /// and the computed CSS display of the payment info box as the checkout showed it.
    /// </summary>
    public async Task<(IPage Page, string PaymentInfoDisplay)> PlaceOrderAsync(IBrowserContext context, string label)
    {
        var page = await context.NewPageAsync();
        try
        {
            return await PlaceOrderAsync(page, label);
        }
        catch
        {
            await ScreenshotAsync(page, label + "-failed");
            throw;
        }
    }

    private async Task<(IPage Page, string PaymentInfoDisplay)> PlaceOrderAsync(IPage page, string label)
    {
        await AddToCartAsync(page);

        await page.GotoAsync(Url("cart"));
        // required checkout attributes (nopCommerce's sample data has a "Gift wrapping" one): keep or pick a value
        foreach (var select in await page.Locator("select[name^=checkout_attribute_]").AllAsync())
        {
            if (string.IsNullOrEmpty(await select.InputValueAsync()) || await select.InputValueAsync() == "0")
                await select.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        }
        if (await page.Locator("#termsofservice").CountAsync() > 0)
            await page.CheckAsync("#termsofservice");
        await page.ClickAsync("#checkout");
        await page.WaitForLoadStateAsync();

        if (page.Url.Contains("checkoutasguest", StringComparison.OrdinalIgnoreCase))
            await page.ClickAsync(".checkout-as-guest-button");
        await page.WaitForLoadStateAsync();

        var display = page.Url.Contains("onepagecheckout", StringComparison.OrdinalIgnoreCase)
            ? await OnePageAsync(page, label)
            : await MultiStepAsync(page, label);
        return (page, display);
    }

    /// <summary>The first home-page product (or --product) that lands in the cart</summary>
    private async Task AddToCartAsync(IPage page)
    {
        if (!string.IsNullOrEmpty(_options.Product))
        {
            await page.GotoAsync(Url(_options.Product.TrimStart('/')));
            await page.Locator(".add-to-cart-button, button[id^=add-to-cart-button]").First.ClickAsync();
            await WaitForCartAsync(page, throwIfEmpty: true);
            return;
        }

        await page.GotoAsync(Url(""));
        var boxes = page.Locator(".product-item");
        var count = Math.Min(await boxes.CountAsync(), 8);
        for (var i = 0; i < count; i++)
        {
            await page.GotoAsync(Url(""));
            var box = page.Locator(".product-item").Nth(i);
            var button = box.Locator(".product-box-add-to-cart-button, .add-to-cart-button");
            if (await button.CountAsync() == 0)
                continue;
            // the DevStore's boxes take a quantity: two of its cheapest product are above KMA's ฿20 minimum
            if (await box.Locator("input[name=quantity]").CountAsync() > 0)
                await box.Locator("input[name=quantity]").FillAsync("2");
            await button.First.ClickAsync();
            if (await WaitForCartAsync(page, throwIfEmpty: false))
                return;
        }

        throw new CheckException("no home-page product went into the cart (products with required attributes are skipped): give one with --product");
    }

    private async Task<bool> WaitForCartAsync(IPage page, bool throwIfEmpty)
    {
        // nopCommerce adds by AJAX and shows a bar notification; the DevStore posts and lands on the cart
        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(500);
            var cart = await page.Context.APIRequest.GetAsync(Url("cart"));
            if ((await cart.TextAsync()).Contains("id=\"checkout\"", StringComparison.Ordinal))
                return true;
        }

        if (throwIfEmpty)
            throw new CheckException($"{_options.Product} did not go into the cart");
        return false;
    }

    private async Task<string> OnePageAsync(IPage page, string label)
    {
        string display = null;
        var methodChosen = false;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (!page.Url.Contains("onepagecheckout", StringComparison.OrdinalIgnoreCase))
                return display ?? throw new CheckException("the one-page checkout left before the payment info was shown");

            var info = page.Locator(".kma-payment-info");
            if (display == null && await info.IsVisibleAsync())
            {
                display = await DisplayOfAsync(info);
                SeenTexts.Add(await info.InnerTextAsync());
                await ScreenshotAsync(page, label + "-payment-info");
                var next = page.Locator(".payment-info-next-step-button");
                if (await next.IsVisibleAsync())
                    await ClickAndSettleAsync(page, next);
                continue;
            }

            var confirm = page.Locator(".confirm-order-next-step-button");
            if (display != null && await confirm.IsVisibleAsync())
            {
                await ClickAndLeaveAsync(page, confirm, "onepagecheckout");
                return display;
            }

            var kma = page.Locator("input[name=paymentmethod][value='Payments.Kma']");
            var methodNext = page.Locator(".payment-method-next-step-button");
            if (!methodChosen && await methodNext.IsVisibleAsync())
            {
                if (await kma.CountAsync() == 0)
                    throw NotOffered();
                await kma.CheckAsync();
                methodChosen = true;
                await ClickAndSettleAsync(page, methodNext);
                continue;
            }

            if (await page.Locator("#checkout-step-shipping-method").IsVisibleAsync())
            {
                await ChooseShippingAsync(page);
                await ClickAndSettleAsync(page, page.Locator(".shipping-method-next-step-button"));
                continue;
            }

            if (await page.Locator("#checkout-step-shipping").IsVisibleAsync())
            {
                await FillAddressAsync(page, "ShippingNewAddress");
                await ClickAndSettleAsync(page, page.Locator("#shipping-buttons-container .new-address-next-step-button"));
                continue;
            }

            if (await page.Locator("#checkout-step-billing").IsVisibleAsync())
            {
                await FillAddressAsync(page, "BillingNewAddress");
                await ClickAndSettleAsync(page, page.Locator("#billing-buttons-container .new-address-next-step-button"));
                continue;
            }

            await Task.Delay(500);
        }

        throw new CheckException($"the one-page checkout did not reach the order confirmation (stuck at {await VisibleStepAsync(page)})");
    }

    private async Task<string> MultiStepAsync(IPage page, string label)
    {
        string display = null;
        for (var step = 0; step < 12; step++)
        {
            var path = new Uri(page.Url).AbsolutePath.ToLowerInvariant();
            if (path.EndsWith("/checkout/billingaddress"))
            {
                await FillAddressAsync(page, "BillingNewAddress");
                await ClickAndLeaveAsync(page, page.Locator(".new-address-next-step-button").First, "billingaddress");
            }
            else if (path.EndsWith("/checkout/shippingaddress"))
            {
                await FillAddressAsync(page, "ShippingNewAddress");
                await ClickAndLeaveAsync(page, page.Locator(".new-address-next-step-button").First, "shippingaddress");
            }
            else if (path.EndsWith("/checkout/shippingmethod"))
            {
                await ChooseShippingAsync(page);
                await ClickAndLeaveAsync(page, page.Locator(".shipping-method-next-step-button"), "shippingmethod");
            }
            else if (path.EndsWith("/checkout/paymentmethod"))
            {
                var kma = page.Locator("input[name=paymentmethod][value='Payments.Kma']");
                if (await kma.CountAsync() == 0)
                    throw NotOffered();
                await kma.CheckAsync();
                await ClickAndLeaveAsync(page, page.Locator(".payment-method-next-step-button"), "paymentmethod");
            }
            else if (path.EndsWith("/checkout/paymentinfo"))
            {
                var info = page.Locator(".kma-payment-info");
                await info.WaitForAsync();
                display = await DisplayOfAsync(info);
                SeenTexts.Add(await info.InnerTextAsync());
                await ScreenshotAsync(page, label + "-payment-info");
                await ClickAndLeaveAsync(page, page.Locator(".payment-info-next-step-button"), "paymentinfo");
            }
            else if (path.EndsWith("/checkout/confirm"))
            {
                if (await page.Locator("#termsofservice").CountAsync() > 0)
                    await page.CheckAsync("#termsofservice");
                await ClickAndLeaveAsync(page, page.Locator(".confirm-order-next-step-button"), "confirm");
                return display ?? throw new CheckException("the checkout skipped the payment info step");
            }
            else
                throw new CheckException($"the multi-step checkout went to an unexpected page: {path}");
        }

        throw new CheckException("the multi-step checkout did not reach the order confirmation");
    }

    /// <summary>Fills the visible fields of a new-address form with a Bangkok address</summary>
    private static async Task FillAddressAsync(IPage page, string prefix)
    {
        var values = new Dictionary<string, string>
        {
            ["FirstName"] = "Store", ["LastName"] = "Check", ["Email"] = "storecheck@example.com", ["City"] = "Bangkok",
            ["Address1"] = "1 Silom Road", ["ZipPostalCode"] = "10500", ["PhoneNumber"] = "0812345678", ["County"] = "Bangkok"
        };

        var country = page.Locator($"#{prefix}_CountryId");
        if (await country.IsVisibleAsync())
        {
            var thailand = country.Locator("option", new() { HasText = "Thailand" });
            if (await thailand.CountAsync() > 0)
                await country.SelectOptionAsync(new SelectOptionValue { Value = await thailand.First.GetAttributeAsync("value") });
            else if (await country.InputValueAsync() is "" or "0")
                await country.SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await Task.Delay(1000); //the states list reloads by AJAX
        }

        var state = page.Locator($"#{prefix}_StateProvinceId");
        if (await state.IsVisibleAsync() && await state.Locator("option").CountAsync() > 1 && await state.InputValueAsync() is "" or "0")
            await state.SelectOptionAsync(new SelectOptionValue { Index = 1 });

        foreach (var (field, value) in values)
        {
            var input = page.Locator($"#{prefix}_{field}");
            if (await input.IsVisibleAsync() && string.IsNullOrEmpty(await input.InputValueAsync()))
                await input.FillAsync(value);
        }
    }

    private static async Task ChooseShippingAsync(IPage page)
    {
        var options = page.Locator("input[name=shippingoption]");
        if (await options.CountAsync() > 0 && await page.Locator("input[name=shippingoption]:checked").CountAsync() == 0)
            await options.First.CheckAsync();
    }

    private static async Task ClickAndSettleAsync(IPage page, ILocator button)
    {
        // a one-page step posts by AJAX and then hides itself for the next one (or the page reloads): done when the
        // clicked button is gone or hidden. A busy store may drop the first click: up to three.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (!await button.IsVisibleAsync())
                return;
            await button.EvaluateAsync("el => { document.querySelectorAll('[data-storecheck-clicked]').forEach(old => old.removeAttribute('data-storecheck-clicked')); el.setAttribute('data-storecheck-clicked', '1'); }");
            await button.ClickAsync();
            try
            {
                await page.WaitForFunctionAsync("() => { const el = document.querySelector('[data-storecheck-clicked]'); return !el || el.offsetParent === null; }",
                    null, new() { Timeout = 30_000, PollingInterval = 250 });
                await page.WaitForLoadStateAsync();
                return;
            }
            catch (TimeoutException)
            {
            }
        }
        throw new CheckException($"the one-page checkout did not move on: {await WarningsAsync(page)}");
    }

    private static async Task ClickAndLeaveAsync(IPage page, ILocator button, string from)
    {
        var before = page.Url;
        await button.ClickAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (page.Url == before && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        if (page.Url == before)
            throw new CheckException($"the checkout stayed on {from}: {await WarningsAsync(page)}");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static async Task<string> WarningsAsync(IPage page)
    {
        var warnings = page.Locator(".message-error, .field-validation-error, .warning, #opc-warnings");
        var texts = new List<string>();
        foreach (var warning in await warnings.AllAsync())
            if (await warning.IsVisibleAsync())
                texts.Add((await warning.InnerTextAsync()).Trim());
        return texts.Count == 0 ? "no message shown" : string.Join(" | ", texts.Where(text => text.Length > 0));
    }

    private static async Task<string> VisibleStepAsync(IPage page)
    {
        foreach (var selector in _oneStepSelectors)
            if (await page.Locator(selector).IsVisibleAsync())
                return selector;
        return "no visible step";
    }

    private static Task<string> DisplayOfAsync(ILocator element) =>
        element.EvaluateAsync<string>("el => getComputedStyle(el).display");

    private static CheckException NotOffered() =>
        new("Krungsri (KMA) is not offered at the payment method step: the store needs THB as a currency, the keys saved, and a total within ฿20–฿150,000");

    private async Task ScreenshotAsync(IPage page, string name)
    {
        if (string.IsNullOrEmpty(_options.Screenshots))
            return;
        Directory.CreateDirectory(_options.Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_options.Screenshots, name + ".png"), FullPage = true });
    }

    private string Url(string path) => new Uri(_options.Store, path).ToString();
}
