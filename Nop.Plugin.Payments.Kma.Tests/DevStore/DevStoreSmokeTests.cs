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

        Assert.That((await _store.GetSettingsAsync<PaymentSettings>()).ActivePaymentMethodSystemNames, Does.Contain(KmaDefaults.SystemName));
    }

    [Test]
    public async Task TheEmulatorIsWiredToThePluginsSettingsAndWebhookRoute()
    {
        var settings = await _store.GetSettingsAsync<KmaPaymentSettings>(2);

        Assert.That(_store.Emulator, Is.Not.Null);
        Assert.That(settings.PublicKey, Is.EqualTo(_store.Emulator.PublicKey));
        Assert.That(settings.SecretKey, Is.EqualTo(_store.Emulator.SecretKey));
        Assert.That(settings.WebhookSecret, Is.EqualTo(_store.Emulator.WebhookSecret));
        Assert.That(settings.ApiBaseUrl, Is.EqualTo(_store.Emulator.BaseAddress.ToString().TrimEnd('/')));
        Assert.That(_store.Emulator.WebhookUrls, Is.EqualTo(new[] { $"{_store.BaseAddress}Plugins/PaymentKma/Webhook" }));
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

    [TestCase(2, true)]
    [TestCase(1, false)]
    [TestCase(3, false)]
    public async Task PaymentMethodListShowsKmaOnlyWithinItsLimits(int productId, bool listed)
    {
        using var client = _store.CreateClient();
        (await DevStoreHost.PostFormAsync(client, $"addproducttocart/{productId}", ("quantity", "1"))).Dispose();

        using var response = await client.GetAsync("checkout/paymentmethod");
        var html = await response.Content.ReadAsStringAsync();

        // ฿1,500 is within KMA's ฿20..฿150,000; ฿15 and ฿160,000 are not, and the plugin hides itself
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain("<h1>Payment method</h1>"));
        Assert.That(html.Contains("data-system-name=\"Payments.Kma\""), Is.EqualTo(listed));
        Assert.That(html.Contains("no-payment-methods"), Is.EqualTo(!listed));
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

        // PostProcessPayment created the charge and sent the (desktop) shopper to the plugin's QR page
        var order = _store.GetOrder(result.Order.Id);
        Assert.That(order.PaymentStatus, Is.EqualTo(PaymentStatus.Pending));
        Assert.That(order.AuthorizationTransactionId, Does.StartWith("chrg_"));
        Assert.That(_store.Emulator.ChargeIds, Does.Contain(order.AuthorizationTransactionId));
        var location = result.Response.Headers.Location!.ToString();
        Assert.That(location, Does.StartWith($"{_store.BaseAddress}Plugins/PaymentKma/Pay"));

        // the plugin's view compiles at run time inside the DevStore's layout
        using var pay = await client.GetAsync(location);
        var html = await pay.Content.ReadAsStringAsync();
        Assert.That(pay.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain("<svg"));
        Assert.That(html, Does.Contain("master-column-wrapper"));
    }

    [Test]
    public async Task PayingTheChargeInTheEmulatorMarksTheOrderPaidThroughTheWebhook()
    {
        using var client = _store.CreateClient();
        var result = await _store.CheckoutOverHttpAsync(client, productId: 2);
        var chargeId = _store.GetOrder(result.Order.Id).AuthorizationTransactionId;

        using (var details = await client.GetAsync($"orderdetails/{result.Order.Id}"))
            Assert.That(await details.Content.ReadAsStringAsync(), Does.Contain("name=\"repost-payment\""));

        Assert.That(_store.Emulator.CompleteCharge(chargeId), Is.True);
        await _store.Emulator.WaitForDeliveriesAsync(delivery => delivery.ChargeId == chargeId, 1, TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_store.GetOrder(result.Order.Id).PaymentStatus != PaymentStatus.Paid && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        var paid = _store.GetOrder(result.Order.Id);
        Assert.That(paid.PaymentStatus, Is.EqualTo(PaymentStatus.Paid));
        Assert.That(paid.PaidDateUtc, Is.Not.Null);
        using (var details = await client.GetAsync($"orderdetails/{result.Order.Id}"))
            Assert.That(await details.Content.ReadAsStringAsync(), Does.Not.Contain("name=\"repost-payment\""));
    }

    [Test]
    public async Task OnePageCheckoutSendsTheBrowserToCompleteRedirectionPayment()
    {
        await _store.UseOnePageCheckoutAsync(true, storeId: 2);
        try
        {
            using var client = _store.CreateClient(baseAddress: _store.SecondStoreAddress);
            (await DevStoreHost.PostFormAsync(client, "addproducttocart/2", ("quantity", "1"))).Dispose();
            (await DevStoreHost.PostFormAsync(client, "checkout/OpcSavePaymentMethod", ("paymentmethod", KmaDefaults.SystemName))).Dispose();
            (await DevStoreHost.PostFormAsync(client, "checkout/OpcSavePaymentInfo")).Dispose();

            using var confirm = await DevStoreHost.PostFormAsync(client, "checkout/OpcConfirmOrder");
            var json = await confirm.Content.ReadAsStringAsync();
            Assert.That(json, Is.EqualTo($"{{\"redirect\":\"{_store.SecondStoreAddress}checkout/OpcCompleteRedirectionPayment\"}}"));

            var order = _store.GetOrders().Last();
            Assert.That(order.StoreId, Is.EqualTo(2));

            using var complete = await client.GetAsync("checkout/OpcCompleteRedirectionPayment");
            Assert.That(complete.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(complete.Headers.Location!.ToString(), Does.StartWith($"{_store.SecondStoreAddress}Plugins/PaymentKma/Pay"));
            Assert.That(_store.GetOrder(order.Id).AuthorizationTransactionId, Does.StartWith("chrg_"));
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

    [Test]
    public async Task CheckoutPostsNeedTheAntiforgeryTokenAsInNopCommerce()
    {
        using var client = _store.CreateClient();
        using var withoutToken = await client.PostAsync("addproducttocart/2", new FormUrlEncodedContent(new Dictionary<string, string> { ["quantity"] = "1" }));
        using var withToken = await DevStoreHost.PostFormAsync(client, "addproducttocart/2", ("quantity", "1"));

        Assert.That(withoutToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(withToken.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task AdminSavesAStoreOverrideThroughTheStoreScope()
    {
        using var admin = await _store.CreateAdminClientAsync();
        (await admin.GetAsync("Admin/Setting/ChangeStoreScopeConfiguration?storeid=2")).Dispose();
        try
        {
            using var response = await DevStoreHost.PostFormAsync(admin, "Admin/Setting/DevStore",
                ("AllowRePostingPayments", "false"), ("AllowRePostingPayments_OverrideForStore", "true"),
                ("OnePageCheckoutEnabled", "true"), ("OnePageCheckoutEnabled_OverrideForStore", "false"));

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await _store.GetSettingsAsync<PaymentSettings>(2)).AllowRePostingPayments, Is.False);
            Assert.That((await _store.GetSettingsAsync<PaymentSettings>(1)).AllowRePostingPayments, Is.True);
            Assert.That((await _store.GetSettingsAsync<OrderSettings>(2)).OnePageCheckoutEnabled, Is.False, "not overridden: the store keeps the shared value");
        }
        finally
        {
            _store.Data.Settings.Delete(setting => setting.StoreId == 2 && setting.Name == "paymentsettings.allowrepostingpayments");
        }
    }

    [TestCase(DevStoreDefaults.EnglishLanguageId, "Configure - <span class=\"plugin-friendly-name\">Krungsri (KMA)</span>", ">Public key</label>", "Opn keys")]
    [TestCase(DevStoreDefaults.ThaiLanguageId, "ตั้งค่า - <span class=\"plugin-friendly-name\">Krungsri (KMA)</span>", "คีย์สาธารณะ", "คีย์ Opn")]
    public async Task PluginConfigurePageRendersInTheAdminLayoutInBothLanguages(int languageId, string title, string label, string card)
    {
        using var admin = await _store.CreateAdminClientAsync();
        (await admin.GetAsync($"changelanguage/{languageId}")).Dispose();
        (await admin.GetAsync("Admin/Setting/ChangeStoreScopeConfiguration?storeid=2")).Dispose();

        using var response = await admin.GetAsync("Admin/PaymentKma/Configure");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain(title));
        Assert.That(html, Does.Contain(label));
        Assert.That(html, Does.Contain(card));
        Assert.That(html, Does.Contain("class=\"multi-store-override-option\""));
        Assert.That(html, Does.Contain("id=\"store-scope-configuration\""));
        Assert.That(html, Does.Contain("name=\"__RequestVerificationToken\""));
        Assert.That(html, Does.Not.Contain(_store.Emulator.SecretKey));
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
