using System.Net;
using DevStore;
using DevStore.Services;
using Microsoft.Extensions.DependencyInjection;
using Nop.Services.Localization;

namespace Nop.Plugin.Payments.Kma.Tests.DevStore;

/// <summary>
/// The DevStore's order details page names the re-post button as nopCommerce 4.90 does: the resource Order.RetryPayment
/// ("Retry payment"), in the shopper's language
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class DevStoreOrderPageTests
{
    private const int ProductId = 2;

    private DevStoreHost _store;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _store = await DevStoreHost.StartAsync(new DevStoreOptions());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_store != null)
            await _store.DisposeAsync();
    }

    private Task<string> ResourceAsync(string key, int languageId) => _store.InScopeAsync(services =>
        services.GetRequiredService<ILocalizationService>().GetResourceAsync(key, languageId, false, string.Empty, true));

    [Test]
    public async Task TheStoreHasNopCommercesRetryPaymentResourcesAndNoCompletePaymentOne()
    {
        Assert.That(await ResourceAsync("Order.RetryPayment", DevStoreDefaults.EnglishLanguageId), Is.EqualTo("Retry payment"));
        Assert.That(await ResourceAsync("Order.RetryPayment.Hint", DevStoreDefaults.EnglishLanguageId),
            Is.EqualTo("This order is not yet paid for. To pay now, click the \"Retry payment\" button."));
        Assert.That(await ResourceAsync("Order.RetryPayment", DevStoreDefaults.ThaiLanguageId), Is.Not.Empty.And.Not.EqualTo("Retry payment"));
        Assert.That(await ResourceAsync("Order.CompletePayment", DevStoreDefaults.EnglishLanguageId), Is.Empty, "nopCommerce 4.90 has no such resource");
    }

    [TestCase(DevStoreDefaults.EnglishLanguageId, "Retry payment")]
    [TestCase(DevStoreDefaults.ThaiLanguageId, "ลองชำระเงินอีกครั้ง")]
    public async Task ThePendingOrdersPageShowsTheRetryPaymentButtonInTheShoppersLanguage(int languageId, string label)
    {
        using var client = _store.CreateClient();
        (await client.GetAsync($"changelanguage/{languageId}")).Dispose();
        var result = await _store.CheckoutOverHttpAsync(client, ProductId);
        result.Response.Dispose();
        Assert.That(result.Order, Is.Not.Null);

        using var response = await client.GetAsync($"orderdetails/{result.Order.Id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Match($"<button type=\"submit\" name=\"repost-payment\"[^>]*>{label}</button>"));
        Assert.That(html, Does.Contain(await ResourceAsync("Order.RetryPayment.Hint", languageId)));
        Assert.That(html, Does.Not.Match("<button[^>]*>Complete payment</button>"), "the label the DevStore used to copy");
    }
}
