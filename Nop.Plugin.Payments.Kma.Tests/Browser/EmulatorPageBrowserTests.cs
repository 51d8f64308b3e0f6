using Microsoft.Playwright;
using Nop.Plugin.Payments.Kma.Tests.Emulator;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Browser;

/// <summary>
/// The emulator's pages on a 390 px phone (iPhone 13): nothing wider than the screen, every control reachable
/// </summary>
[TestFixture]
[Category("Browser")]
public class EmulatorPageBrowserTests
{
    private const int PHONE_WIDTH = 390;

    private EmulatorHost _emulator;
    private OpnTestClient _secret;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions());
        _secret = new OpnTestClient(_emulator.BaseAddress, _emulator.SecretKey);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _secret?.Dispose();
        if (_emulator != null)
            await _emulator.DisposeAsync();
    }

    private async Task<(string Id, string AuthorizeUri)> CreateChargeAsync()
    {
        // the index page as return_uri: the browser ends where the charge's new state shows
        var charge = await _secret.CreateChargeAsync(150000, _emulator.BaseAddress.ToString(),
            ("description", "Order 1234567 at a store with a rather long name, paid with Krungsri (KMA)"));
        return (charge.GetProperty("id").GetString(), charge.GetProperty("authorize_uri").GetString());
    }

    private static Task<int> ScrollWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    [Test]
    public async Task TheAuthorizePageFitsAPhoneWithTheFailureCodeSelectInView()
    {
        var (_, authorizeUri) = await CreateChargeAsync();
        await using var context = await BrowserSetUp.NewIPhoneContextAsync();
        var page = await context.NewPageAsync();
        Assert.That(page.ViewportSize!.Width, Is.EqualTo(PHONE_WIDTH));

        await page.GotoAsync(authorizeUri);

        Assert.That(await ScrollWidthAsync(page), Is.LessThanOrEqualTo(PHONE_WIDTH), "no horizontal scrolling");
        foreach (var selector in new[] { "#failure-code", "#pay-successful", "#pay-failed", "#pay-expire" })
        {
            var control = page.Locator(selector);
            Assert.That(await control.IsVisibleAsync(), Is.True, selector);
            var box = await control.BoundingBoxAsync();
            Assert.That(box!.X, Is.GreaterThanOrEqualTo(0), selector);
            Assert.That(box.X + box.Width, Is.LessThanOrEqualTo(PHONE_WIDTH), $"{selector} ends inside the screen");
        }
        await BrowserSetUp.ScreenshotAsync(page, "emulator-authorize-phone");
    }

    [Test]
    public async Task LetItExpireOnAPhoneExpiresTheChargeAndTheIndexShowsIt()
    {
        var (id, authorizeUri) = await CreateChargeAsync();
        await using var context = await BrowserSetUp.NewIPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(authorizeUri);

        await page.ClickAsync("#pay-expire");
        await page.WaitForURLAsync(_emulator.BaseAddress.ToString());

        Assert.That(_emulator.GetChargeStatus(id), Is.EqualTo("expired"));
        Assert.That(await page.Locator($"tr[data-charge-id='{id}'] .status").TextContentAsync(), Is.EqualTo("expired"));
        Assert.That(await ScrollWidthAsync(page), Is.LessThanOrEqualTo(PHONE_WIDTH), "the index page fits a phone too");
        await BrowserSetUp.ScreenshotAsync(page, "emulator-index-phone");
    }
}
