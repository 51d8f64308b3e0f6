using System.Net;
using DevStore;
using DevStore.Services;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma;

namespace Nop.Plugin.Payments.Kma.Tests.DevStore;

/// <summary>
/// The DevStore hosts the plugin as nopCommerce does: install, checkout up to PostProcessPayment, admin pages in two languages
/// </summary>
[TestFixture]
[Category("Integration")]
public class DevStoreSmokeTests
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

    [Test]
    public async Task PluginIsInstalledWithItsDefaultSettings()
    {
        Assert.That(_store.Data.InstalledPlugins.ContainsKey(KmaDefaults.SystemName), Is.True);
        Assert.That(_store.KmaPlugin.FriendlyName, Is.EqualTo("Krungsri (KMA)"));
        Assert.That(_store.KmaPlugin.ReferencedAssembly, Is.SameAs(typeof(KmaPaymentProcessor).Assembly));

        var settings = await _store.GetSettingsAsync<KmaPaymentSettings>();
        Assert.That(settings.ApiBaseUrl, Is.EqualTo(KmaDefaults.DefaultApiBaseUrl));
        Assert.That((await _store.GetSettingsAsync<PaymentSettings>()).ActivePaymentMethodSystemNames, Does.Contain(KmaDefaults.SystemName));
    }

    [Test]
    public async Task UninstallRemovesTheSettingsAndInstallPutsThemBack()
    {
        await _store.UninstallPluginAsync(KmaDefaults.SystemName);
        try
        {
            Assert.That(_store.Data.Settings.Query(setting => setting.Name.StartsWith("kmapaymentsettings.")), Is.Empty);
            Assert.That(_store.Data.InstalledPlugins.ContainsKey(KmaDefaults.SystemName), Is.False);
        }
        finally
        {
            await _store.InstallPluginAsync(KmaDefaults.SystemName);
        }

        Assert.That((await _store.GetSettingsAsync<KmaPaymentSettings>()).ApiBaseUrl, Is.EqualTo(KmaDefaults.DefaultApiBaseUrl));
    }

    [Test]
    public async Task PaymentMethodListRendersAndAsksThePluginWhetherToHide()
    {
        using var client = _store.CreateClient();
        (await client.PostAsync("addproducttocart/2", new FormUrlEncodedContent(new Dictionary<string, string> { ["quantity"] = "1" }))).Dispose();

        using var response = await client.GetAsync("checkout/paymentmethod");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain("<h1>Payment method</h1>"));

        // The listed methods are exactly the active ones the plugin does not hide for this cart
        var hidden = await _store.InScopeAsync(async services =>
        {
            var manager = (PaymentPluginManager)services.GetService(typeof(PaymentPluginManager));
            var kma = await manager.LoadPluginBySystemNameAsync(KmaDefaults.SystemName);
            return await kma.HidePaymentMethodAsync(new List<ShoppingCartItem> { new() { ProductId = 2, Quantity = 1, StoreId = 1 } });
        });
        Assert.That(html.Contains("data-system-name=\"Payments.Kma\""), Is.EqualTo(!hidden));
        Assert.That(html.Contains("no-payment-methods"), Is.EqualTo(hidden));
    }

    [Test]
    public async Task MultiStepCheckoutPlacesAPendingOrderAndRunsPostProcessPayment()
    {
        using var client = _store.CreateClient();
        var result = await _store.CheckoutOverHttpAsync(client, productId: 2, quantity: 2);

        Assert.That(result.Order, Is.Not.Null, await result.Response.Content.ReadAsStringAsync());
        Assert.That(result.Order.PaymentMethodSystemName, Is.EqualTo(KmaDefaults.SystemName));
        Assert.That(result.Order.OrderTotal, Is.EqualTo(3000m + result.Order.PaymentMethodAdditionalFeeInclTax));
        Assert.That(result.Response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var notes = _store.GetOrderNotes(result.Order.Id).Select(note => note.Note).ToList();
        Assert.That(notes, Does.Contain("Order placed"));

        // PostProcessPayment either redirected to the payment page, or left the shopper on the completed page
        var location = result.Response.Headers.Location!.ToString();
        if (location.Contains($"checkout/completed/{result.Order.Id}"))
        {
            using var completed = await client.GetAsync(location);
            var html = await completed.Content.ReadAsStringAsync();
            Assert.That(html, Does.Contain($"<span class=\"order-number\">{result.Order.CustomOrderNumber}</span>"));
        }
        else
            Assert.That(_store.GetOrder(result.Order.Id).PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
    }

    [Test]
    public async Task OnePageCheckoutSendsTheBrowserToCompleteRedirectionPayment()
    {
        await _store.UseOnePageCheckoutAsync(true, storeId: 2);
        try
        {
            using var client = _store.CreateClient(baseAddress: _store.SecondStoreAddress);
            (await client.PostAsync("addproducttocart/2", new FormUrlEncodedContent(new Dictionary<string, string> { ["quantity"] = "1" }))).Dispose();
            (await client.PostAsync("checkout/OpcSavePaymentMethod", new FormUrlEncodedContent(new Dictionary<string, string> { ["paymentmethod"] = KmaDefaults.SystemName }))).Dispose();
            (await client.PostAsync("checkout/OpcSavePaymentInfo", new FormUrlEncodedContent([]))).Dispose();

            using var confirm = await client.PostAsync("checkout/OpcConfirmOrder", new FormUrlEncodedContent([]));
            var json = await confirm.Content.ReadAsStringAsync();
            Assert.That(json, Is.EqualTo($"{{\"redirect\":\"{_store.SecondStoreAddress}checkout/OpcCompleteRedirectionPayment\"}}"));

            var order = _store.GetOrders().Last();
            Assert.That(order.StoreId, Is.EqualTo(2));

            using var complete = await client.GetAsync("checkout/OpcCompleteRedirectionPayment");
            Assert.That(complete.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }
        finally
        {
            await _store.UseOnePageCheckoutAsync(false, storeId: 2);
        }
    }

    [Test]
    public async Task CompletedPageAndOrderDetailsBelongToTheirCustomerOnly()
    {
        using var owner = _store.CreateClient();
        var result = await _store.CheckoutOverHttpAsync(owner, productId: 2);
        using var stranger = _store.CreateClient();

        using var ownDetails = await owner.GetAsync($"orderdetails/{result.Order.Id}");
        using var strangerDetails = await stranger.GetAsync($"orderdetails/{result.Order.Id}");
        using var strangerCompleted = await stranger.GetAsync($"checkout/completed/{result.Order.Id}");

        Assert.That(ownDetails.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ownDetails.Content.ReadAsStringAsync(), Does.Contain($"data-order-id=\"{result.Order.Id}\""));
        Assert.That(strangerDetails.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(strangerDetails.Headers.Location!.ToString(), Does.Contain("/login"));
        Assert.That(strangerCompleted.Headers.Location!.ToString(), Is.EqualTo("/"));
    }

    [Test]
    public async Task AdminNeedsTheDevelopmentSignIn()
    {
        using var guest = _store.CreateClient();
        using var denied = await guest.GetAsync("Admin/Setting/DevStore");
        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(denied.Headers.Location!.ToString(), Does.Contain("/login"));

        using var admin = await _store.CreateAdminClientAsync();
        using var page = await admin.GetAsync("Admin/Setting/DevStore");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AdminPostWithoutAntiforgeryTokenIsRejected()
    {
        using var admin = await _store.CreateAdminClientAsync();
        using var response = await admin.PostAsync("Admin/Setting/DevStore", new FormUrlEncodedContent(new Dictionary<string, string> { ["OnePageCheckoutEnabled"] = "true" }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase(DevStoreDefaults.EnglishLanguageId, "One-page checkout", "Save")]
    [TestCase(DevStoreDefaults.ThaiLanguageId, "ชำระเงินในหน้าเดียว", "บันทึก")]
    public async Task AdminSettingsPageRendersTheNopTagHelpersInBothLanguages(int languageId, string label, string save)
    {
        using var admin = await _store.CreateAdminClientAsync();
        (await admin.GetAsync($"changelanguage/{languageId}")).Dispose();
        (await admin.GetAsync("Admin/Setting/ChangeStoreScopeConfiguration?storeid=2")).Dispose();

        using var response = await admin.GetAsync("Admin/Setting/DevStore");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain($">{label}</label>"));
        Assert.That(html, Does.Contain($">{save}</button>"));
        Assert.That(html, Does.Contain("class=\"multi-store-override-option\""));
        Assert.That(html, Does.Contain("id=\"store-scope-configuration\""));
        Assert.That(html, Does.Contain("name=\"__RequestVerificationToken\""));
    }
}
