using Microsoft.Playwright;

namespace Nop.Plugin.Payments.Kma.Tests.Browser;

/// <summary>
/// The Configure page in Chromium: Test connection tests what the owner typed, saves nothing and loses nothing
/// </summary>
public partial class KmaBrowserTests
{
    [Test]
    public async Task TestConnectionTestsTheTypedKeyWithoutSavingOrLosingTheForm()
    {
        await using var context = await DesktopAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_store.BaseAddress, "login/?as=admin").ToString());
        await page.GotoAsync(new Uri(_store.BaseAddress, "Admin/PaymentKma/Configure").ToString());
        var allStores = await page.Locator("#store-scope-configuration option").Nth(0).GetAttributeAsync("value");
        if (await page.Locator("#store-scope-configuration").InputValueAsync() != allStores)
            await page.SelectOptionAsync("#store-scope-configuration", new SelectOptionValue { Value = allStores });
        var before = await _store.GetSettingsAsync<KmaPaymentSettings>();

        const string typedSecret = "skey_test_5typedbutnotknownatopn";
        await page.FillAsync("#SecretKey", typedSecret);
        await page.FillAsync("#AdditionalFee", "12.5");
        await page.ClickAsync("button[name=testconnection]");

        //the typed key was tested (Opn does not know it), not the saved one
        await Assertions.Expect(page.Locator("#kma-connection-error")).ToHaveTextAsync(English("TestConnection.Error.Authentication"));
        await Assertions.Expect(page.Locator("#SecretKey")).ToHaveValueAsync(typedSecret);
        await Assertions.Expect(page.Locator("#AdditionalFee")).ToHaveValueAsync("12.5");
        var after = await _store.GetSettingsAsync<KmaPaymentSettings>();
        Assert.That(after.SecretKey, Is.EqualTo(before.SecretKey), "nothing was saved");
        Assert.That(after.AdditionalFee, Is.EqualTo(before.AdditionalFee));

        //an empty secret field tests the saved key
        await page.FillAsync("#SecretKey", string.Empty);
        await page.ClickAsync("button[name=testconnection]");
        await Assertions.Expect(page.Locator("#kma-connection-ok")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#AdditionalFee")).ToHaveValueAsync("12.5");
        await Assertions.Expect(page.Locator("#kma-refund-help")).ToContainTextAsync("Refund (Offline)");
    }
}
