using DevStore;
using DevStore.Services;
using Microsoft.Extensions.DependencyInjection;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Localization;
using Nop.Services.Localization;

namespace Nop.Plugin.Payments.Kma.Tests.DevStore;

/// <summary>
/// Installing and uninstalling in the DevStore: the Thai method name, and what uninstall removes and keeps
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public class DevStoreUninstallTests
{
    private DevStoreHost _store;

    [SetUp]
    public async Task StartAsync()
    {
        _store = await DevStoreHost.StartAsync(new DevStoreOptions());
    }

    [TearDown]
    public async Task StopAsync()
    {
        if (_store != null)
            await _store.DisposeAsync();
    }

    private Task<string> ResourceAsync(string key, int languageId) => _store.InScopeAsync(services =>
        services.GetRequiredService<ILocalizationService>().GetResourceAsync(key, languageId, false, string.Empty, true));

    [Test]
    public async Task ThaiShoppersSeeTheMethodsThaiNameAndEnglishKeepsPluginJsons()
    {
        Assert.That(await ResourceAsync(KmaDefaults.FriendlyNameResourceName, DevStoreDefaults.ThaiLanguageId), Is.EqualTo(KmaLocaleResources.ThaiFriendlyName));
        Assert.That(await ResourceAsync(KmaDefaults.FriendlyNameResourceName, DevStoreDefaults.EnglishLanguageId), Is.Empty,
            "English falls back to plugin.json's FriendlyName, which the admin's plugin search matches");
        Assert.That(_store.KmaPlugin.FriendlyName, Is.EqualTo("Krungsri (KMA)"));
    }

    [Test]
    public async Task UninstallDeactivatesTheMethodAndDeletesEveryReturnTokenButKeepsThePaymentHistory()
    {
        using var client = _store.CreateClient();
        var placed = await _store.CheckoutOverHttpAsync(client, productId: 2);
        placed.Response.Dispose();
        var order = placed.Order;
        Assert.That(order, Is.Not.Null);
        Assert.That(await _store.GetOrderAttributeAsync<string>(order.Id, KmaDefaults.OrderAttributes.ReturnToken), Is.Not.Null.And.Not.Empty);
        await _store.SetPaymentMethodActiveAsync(KmaDefaults.SystemName, true, storeId: 2);
        var notesBefore = _store.GetOrderNotes(order.Id).Count;

        await _store.UninstallPluginAsync(KmaDefaults.SystemName);

        Assert.That((await _store.GetSettingsAsync<PaymentSettings>()).ActivePaymentMethodSystemNames, Does.Not.Contain(KmaDefaults.SystemName));
        Assert.That((await _store.GetSettingsAsync<PaymentSettings>(2)).ActivePaymentMethodSystemNames, Does.Not.Contain(KmaDefaults.SystemName),
            "a store's own list of active methods too");
        Assert.That(await _store.GetOrderAttributeAsync<string>(order.Id, KmaDefaults.OrderAttributes.ReturnToken), Is.Null.Or.Empty);
        Assert.That(await _store.GetOrderAttributeAsync<string>(order.Id, KmaDefaults.OrderAttributes.AuthorizeUri), Is.Not.Null.And.Not.Empty,
            "the other Kma.* attributes stay as payment history");
        Assert.That(_store.GetOrder(order.Id).AuthorizationTransactionId, Is.Not.Null.And.Not.Empty);
        Assert.That(_store.GetOrderNotes(order.Id), Has.Count.EqualTo(notesBefore));
        Assert.That(await ResourceAsync(KmaDefaults.FriendlyNameResourceName, DevStoreDefaults.ThaiLanguageId), Is.Empty);

        await _store.InstallPluginAsync(KmaDefaults.SystemName);

        Assert.That((await _store.GetSettingsAsync<PaymentSettings>()).ActivePaymentMethodSystemNames, Does.Not.Contain(KmaDefaults.SystemName),
            "a reinstall starts inactive, as a first install does");
    }
}
