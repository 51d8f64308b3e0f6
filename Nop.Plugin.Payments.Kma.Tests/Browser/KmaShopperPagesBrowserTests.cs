using Microsoft.Playwright;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Localization;

namespace Nop.Plugin.Payments.Kma.Tests.Browser;

/// <summary>
/// What shoppers meet after checkout, in Chromium: the message of a cancelled order, the phone that paid by scanning
/// the QR code, the waiting page, the failure reason on the order page, and the plugin's markup under a theme that
/// resets links, lists and paragraphs as nopCommerce's DefaultClean does
/// </summary>
public partial class KmaBrowserTests
{
    /// <summary>
    /// The resets of nopCommerce's DefaultClean theme that meet the plugin's markup, written here as rules (not the
    /// theme's file): every link plain text, no list markers, payment info paragraphs centred
    /// </summary>
    private const string THEME_RESETS = "* { margin: 0; padding: 0; text-decoration: none; } ol, ul { list-style: none; } a { color: inherit; } "
        + ".payment-info .info p { text-align: center; }";

    private static string English(string key) => KmaLocaleResources.English[$"Plugins.Payments.Kma.{key}"];

    private static string Thai(string key) => KmaLocaleResources.Thai[$"Plugins.Payments.Kma.{key}"];

    private static string Text(bool thai, string key) => thai ? Thai(key) : English(key);

    private async Task<T> WithSettingsAsync<T>(Action<KmaPaymentSettings> change, Func<Task<T>> action)
    {
        var saved = await _store.GetSettingsAsync<KmaPaymentSettings>();
        var (failed, expired) = (saved.CancelOrderOnFailedCharge, saved.CancelOrderOnExpiredCharge);
        change(saved);
        await _store.SaveSettingsAsync(saved);
        try
        {
            return await action();
        }
        finally
        {
            var restored = await _store.GetSettingsAsync<KmaPaymentSettings>();
            restored.CancelOrderOnFailedCharge = failed;
            restored.CancelOrderOnExpiredCharge = expired;
            await _store.SaveSettingsAsync(restored);
        }
    }

    private async Task<string> ReturnUrlAsync(Order order)
    {
        var token = await _store.GetOrderAttributeAsync<string>(order.Id, KmaDefaults.OrderAttributes.ReturnToken);
        return new Uri(_store.BaseAddress, $"{KmaDefaults.Checkout.ReturnPath}?orderGuid={order.OrderGuid}&token={Uri.EscapeDataString(token)}").ToString();
    }

    [TestCase(false, TestName = "A cancelled order says so, that nothing was charged, and offers no retry (English)")]
    [TestCase(true, TestName = "A cancelled order says so, that nothing was charged, and offers no retry (Thai)")]
    public async Task AnExpiredChargeOfACancelledOrderOffersNoRetry(bool thai)
    {
        await WithSettingsAsync(settings => settings.CancelOrderOnExpiredCharge = true, async () =>
        {
            await using var context = await DesktopAsync();
            var page = await PlaceOrderAsync(context, thai: thai);
            await Assertions.Expect(page.Locator(".kma-pay .kma-qr svg")).ToBeVisibleAsync();
            var order = _store.GetOrder(LastOrderId());

            Assert.That(_emulator.ExpireCharge(order.AuthorizationTransactionId), Is.True);

            //the pay page notices by itself and moves on to the order
            var message = page.Locator(".notification.Error");
            await Assertions.Expect(message).ToContainTextAsync(Text(thai, "Next.Cancelled"));
            await Assertions.Expect(message).ToContainTextAsync(Text(thai, "Failure.Expired"));
            Assert.That(await message.InnerTextAsync(), Does.Not.Contain(Text(thai, "Next.Retry")[..12]), "no retry is offered");
            await Assertions.Expect(page.Locator(".repost-payment-button")).ToHaveCountAsync(0);
            Assert.That(_store.GetOrder(order.Id).OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
            await BrowserSetUp.ScreenshotAsync(page, thai ? "cancelled-order-th" : "cancelled-order-en");
            return true;
        });
    }

    [Test]
    public async Task APhonePaymentRejectedWhenFailuresCancelOrdersSaysCancelledAndOffersNoRetry()
    {
        await WithSettingsAsync(settings => settings.CancelOrderOnFailedCharge = true, async () =>
        {
            await using var context = await PhoneAsync();
            var page = await PlaceOrderAsync(context);
            await page.WaitForURLAsync(url => url.StartsWith(_emulator.BaseAddress.ToString(), StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            await page.SelectOptionAsync("#failure-code", "payment_rejected");
            await page.ClickAsync("#pay-failed");

            var message = page.Locator(".notification.Error");
            await Assertions.Expect(message).ToHaveTextAsync(English("Failure.payment_rejected") + " " + English("Next.Cancelled"));
            await Assertions.Expect(page.Locator(".repost-payment-button")).ToHaveCountAsync(0);
            Assert.That(_store.GetOrder(LastOrderId()).OrderStatus, Is.EqualTo(OrderStatus.Cancelled));
            return true;
        });
    }

    [Test]
    public async Task AFailedPaymentNamesTheRetryButtonTheOrderPageReallyShows()
    {
        await WithSettingsAsync(settings => settings.CancelOrderOnFailedCharge = false, async () =>
        {
            await using var context = await PhoneAsync();
            var page = await PlaceOrderAsync(context);
            await page.WaitForURLAsync(url => url.StartsWith(_emulator.BaseAddress.ToString(), StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            await page.SelectOptionAsync("#failure-code", "invalid_account");
            await page.ClickAsync("#pay-failed");

            var button = page.Locator(".repost-payment-button");
            await Assertions.Expect(button).ToBeVisibleAsync();
            var label = (await button.InnerTextAsync()).Trim();
            var message = await page.Locator(".notification.Error").InnerTextAsync();
            Assert.That(message, Does.Contain($"\"{label}\""), "the text names the button on the page");
            Assert.That(message, Does.StartWith(English("Failure.invalid_account")));
            Assert.That(message, Does.Not.Contain("another payment method"), "a placed order cannot change its method");
            return true;
        });
    }

    [Test]
    public async Task TheFailureReasonIsStillOnTheOrderPageAfterAReloadInTheShoppersLanguage()
    {
        await WithSettingsAsync(settings => settings.CancelOrderOnFailedCharge = false, async () =>
        {
            await using var context = await PhoneAsync();
            var page = await PlaceOrderAsync(context, thai: true);
            await page.WaitForURLAsync(url => url.StartsWith(_emulator.BaseAddress.ToString(), StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            await page.SelectOptionAsync("#failure-code", "insufficient_fund");
            await page.ClickAsync("#pay-failed");
            await Assertions.Expect(page.Locator(".notification.Error")).ToBeVisibleAsync();

            await page.ReloadAsync();

            await Assertions.Expect(page.Locator(".notification")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".order-note")).ToContainTextAsync(Thai("Failure.insufficient_fund"));
            await Assertions.Expect(page.Locator(".order-note")).ToContainTextAsync("ลองชำระเงินอีกครั้ง");
            return true;
        });
    }

    [TestCase(false, TestName = "The phone that paid by scanning the QR code gets its own page (English)")]
    [TestCase(true, TestName = "The phone that paid by scanning the QR code gets its own page (Thai)")]
    public async Task ThePhoneThatScannedTheQrCodeIsToldThePaymentWasReceived(bool thai)
    {
        await using var desktop = await DesktopAsync();
        var page = await PlaceOrderAsync(desktop);
        var authorizeUri = await page.Locator(".kma-open-here").GetAttributeAsync("href");
        var order = _store.GetOrder(LastOrderId());

        //the shopper's phone: another browser, maybe in another language
        await using var phoneContext = await PhoneAsync();
        var phone = await phoneContext.NewPageAsync();
        if (thai)
        {
            await phone.GotoAsync(_store.BaseAddress.ToString());
            await phone.ClickAsync(".language-selector a:has-text('ไทย')");
        }
        await phone.GotoAsync(authorizeUri);
        await phone.ClickAsync("#pay-successful");

        var result = phone.Locator(".kma-result--paid");
        await Assertions.Expect(result.Locator("h1")).ToHaveTextAsync(Text(thai, "Result.Paid.Title"));
        await Assertions.Expect(result).ToContainTextAsync(order.CustomOrderNumber);
        await Assertions.Expect(result.Locator(".kma-amount")).ToContainTextAsync("฿30.00");
        await Assertions.Expect(result).ToContainTextAsync(Text(thai, "Result.BackToComputer"));
        Assert.That(phone.Url, Does.Contain(KmaDefaults.Checkout.ReturnPath), "the phone is not sent to the store's home page");
        await BrowserSetUp.ScreenshotAsync(phone, thai ? "phone-payment-received-th" : "phone-payment-received-en");

        //and the computer moves on by itself
        await Assertions.Expect(page.Locator(".order-completed")).ToBeVisibleAsync();
        Assert.That(_store.GetOrder(order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
    }

    [TestCase(false, TestName = "The waiting page offers the app again and the order (English)")]
    [TestCase(true, TestName = "The waiting page offers the app again and the order (Thai)")]
    public async Task TheWaitingPageOffersTheAppAgainAndTheOrder(bool thai)
    {
        await using var context = await PhoneAsync();
        var page = await PlaceOrderAsync(context, thai: thai);
        await page.WaitForURLAsync(url => url.StartsWith(_emulator.BaseAddress.ToString(), StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        var authorizeUri = page.Url;
        var order = _store.GetOrder(LastOrderId());

        //back from the app without paying: the charge is still pending
        await page.GotoAsync(await ReturnUrlAsync(order));

        await Assertions.Expect(page.Locator(".kma-waiting h1")).ToHaveTextAsync(Text(thai, "Waiting.Title"));
        var openApp = page.Locator(".kma-open-app");
        await Assertions.Expect(openApp).ToHaveTextAsync(Text(thai, "Waiting.OpenApp"));
        Assert.That(await openApp.GetAttributeAsync("href"), Is.EqualTo(authorizeUri));
        await Assertions.Expect(page.Locator(".kma-view-order")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"orderdetails/{order.Id}$"));
        await BrowserSetUp.ScreenshotAsync(page, thai ? "waiting-th" : "waiting-en");

        await page.ClickAsync(".kma-view-order");
        await Assertions.Expect(page.Locator(".order-details-page")).ToBeVisibleAsync();
    }

    [Test]
    public async Task ThePluginsLinksAndButtonsKeepTheirLookUnderTheThemesResets()
    {
        await using var context = await DesktopAsync();
        var page = await PlaceOrderAsync(context);
        await Assertions.Expect(page.Locator(".kma-open-here")).ToBeVisibleAsync();

        await page.AddStyleTagAsync(new PageAddStyleTagOptions { Content = THEME_RESETS });

        var link = await page.Locator(".kma-open-here").EvaluateAsync<string[]>(
            "a => { const s = getComputedStyle(a), p = getComputedStyle(a.parentElement); return [s.textDecorationLine, s.color, p.color]; }");
        Assert.That(link[0], Does.Contain("underline"), "the link reads as a link");
        Assert.That(link[1], Is.Not.EqualTo(link[2]), "the link has its own colour");

        var order = _store.GetOrder(LastOrderId());
        await page.GotoAsync(await ReturnUrlAsync(order));
        await page.AddStyleTagAsync(new PageAddStyleTagOptions { Content = THEME_RESETS });
        var background = await page.Locator(".kma-open-app").EvaluateAsync<string>("a => getComputedStyle(a).backgroundColor");
        Assert.That(background, Is.Not.EqualTo("rgba(0, 0, 0, 0)"), "the app button looks like a button");
    }

    [Test]
    public async Task ThePaymentInfoCarriesItsOwnStylesWhenLoadedIntoAPageByScript()
    {
        await using var context = await DesktopAsync();
        var checkout = await OpenPaymentInfoAsync(context);
        var markup = await checkout.Locator(".payment-info").InnerHTMLAsync();

        //as the one-page checkout does: the payment info step arrives by AJAX into a page whose head knows nothing of it
        var page = await context.NewPageAsync();
        await page.SetContentAsync($"<html><head><style>{THEME_RESETS}</style></head><body><div class=\"payment-info\"><div class=\"info\" id=\"load\"></div></div></body></html>");
        await page.EvaluateAsync("html => { document.getElementById('load').innerHTML = html; }", markup);

        var info = page.Locator(".kma-payment-info");
        Assert.That(await info.EvaluateAsync<string>("e => getComputedStyle(e).display"), Is.EqualTo("flex"));
        Assert.That(await page.Locator(".kma-payment-info__text").EvaluateAsync<string>("e => getComputedStyle(e).textAlign"), Is.EqualTo("start"));
        Assert.That(await page.Locator("style#kma-payment-info-style").CountAsync(), Is.EqualTo(1));

        //two alternatives, each reading on its own without list markers
        Assert.That(await info.Locator("ol").CountAsync(), Is.Zero);
        await Assertions.Expect(info.Locator(".kma-way--phone")).ToHaveTextAsync(English("PaymentInfo.Way.Phone.Label") + " " + English("PaymentInfo.Way.Phone"));
        await Assertions.Expect(info.Locator(".kma-way--desktop")).ToHaveTextAsync(English("PaymentInfo.Way.Desktop.Label") + " " + English("PaymentInfo.Way.Desktop"));
        await BrowserSetUp.ScreenshotAsync(page, "payment-info-theme-resets");
    }

    [Test]
    public async Task ThaiCheckoutNamesTheMethodInThai()
    {
        await using var context = await DesktopAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_store.BaseAddress.ToString());
        await page.ClickAsync(".language-selector a:has-text('ไทย')");
        var product = page.Locator(".product-item").First;
        await product.Locator("input[name=quantity]").FillAsync("2");
        await product.Locator(".add-to-cart-button").ClickAsync();
        await page.ClickAsync("#checkout");

        await Assertions.Expect(page.Locator($".payment-method[data-system-name='{KmaDefaults.SystemName}'] .payment-method-name"))
            .ToHaveTextAsync(KmaLocaleResources.ThaiFriendlyName);
    }
}
