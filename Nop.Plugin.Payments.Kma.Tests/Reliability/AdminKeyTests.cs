using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Moq;
using Nop.Core;
using Nop.Core.Domain.Stores;
using Nop.Plugin.Payments.Kma.Controllers;
using Nop.Plugin.Payments.Kma.Localization;
using Nop.Plugin.Payments.Kma.Models;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Stores;

namespace Nop.Plugin.Payments.Kma.Tests.Reliability;

/// <summary>
/// Keys the admin page must refuse, with the real controller, the real OpnClient and the emulator (the antiforgery and
/// access cases run over HTTP in <see cref="DevStoreAdminTests"/>)
/// </summary>
public class AdminKeyTests : ReliabilityFixture
{
    private List<string> _notifications;

    private PaymentKmaController CreateController()
    {
        _notifications = new List<string>();
        var localization = new Mock<ILocalizationService>();
        localization.Setup(service => service.GetResourceAsync(It.IsAny<string>()))
            .ReturnsAsync((string key) => KmaLocaleResources.English.TryGetValue(key, out var text) ? text : key);
        var notifications = new Mock<INotificationService>();
        notifications.Setup(service => service.ErrorNotification(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<int>()))
            .Callback((string message, bool _, int _) => _notifications.Add(message));
        var storeContext = new Mock<IStoreContext>();
        storeContext.Setup(context => context.GetActiveStoreScopeConfigurationAsync()).ReturnsAsync(1);
        storeContext.Setup(context => context.GetCurrentStoreAsync()).ReturnsAsync(new Store { Id = 1, Url = TestSupport.ReliabilityStore.Store1Url });
        var webHelper = new Mock<IWebHelper>();
        webHelper.Setup(helper => helper.GetStoreLocation(It.IsAny<bool?>())).Returns(TestSupport.ReliabilityStore.Store1Url);

        return new PaymentKmaController(localization.Object, Store.Logger, notifications.Object, Store.OpnClient, Store.Settings,
            storeContext.Object, new Mock<IStoreService>().Object, webHelper.Object)
        {
            ControllerContext = new ControllerContext { HttpContext = new DefaultHttpContext() }
        };
    }

    private static IEnumerable<string> AllStrings(object value, int depth = 0)
    {
        if (value is null || depth > 4)
            yield break;
        if (value is string text)
        {
            yield return text;
            yield break;
        }
        if (value is IEnumerable sequence)
        {
            foreach (var nested in sequence.Cast<object>().SelectMany(item => AllStrings(item, depth + 1)))
                yield return nested;
            yield break;
        }
        if (value.GetType().IsPrimitive || value is decimal || value.GetType().IsEnum)
            yield break;
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.GetIndexParameters().Length == 0))
        foreach (var nested in AllStrings(property.GetValue(value), depth + 1))
            yield return nested;
    }

    private async Task<ConfigurationModel> PostAsync(string secretKey)
    {
        ExtraSecrets.Add(secretKey);
        var controller = CreateController();
        var result = await controller.Configure(new ConfigurationModel
        {
            PublicKey = Store.Opn.PublicKey,
            SecretKey = secretKey,
            ApiBaseUrl = Store.Opn.BaseAddress.ToString(),
            SecretKey_OverrideForStore = true,
            PublicKey_OverrideForStore = true
        });

        var model = (ConfigurationModel)((ViewResult)result).Model;
        Assert.That(controller.ModelState.IsValid, Is.False);
        Assert.That(_notifications, Does.Contain(KmaLocaleResources.English["Plugins.Payments.Kma.Configuration.NotSaved"]));
        Assert.That((await Store.Settings.LoadSettingAsync<KmaPaymentSettings>(1)).SecretKey, Is.EqualTo(Store.Opn.SecretKey), "nothing was saved");
        Assert.That(AllStrings(model).Where(text => text.Contains(secretKey[..^4], StringComparison.Ordinal)), Is.Empty, "the posted value is not sent back");
        Assert.That(AllStrings(model).Where(text => text.Contains(Store.Opn.SecretKey[..^4], StringComparison.Ordinal)), Is.Empty);
        return model;
    }

    [TestCase("not-a-key-at-all")]
    [TestCase("skey_test_")]
    [TestCase("skey_5livekeywhilethepublickeyistest")]
    public async Task Invalid_secret_key_is_refused_and_nothing_is_saved(string secretKey)
    {
        await PostAsync(secretKey);
    }

    [Test]
    public async Task Public_key_in_the_secret_field_is_refused()
    {
        await PostAsync("pkey_test_5somepublickeyvalue1");
    }

    [Test]
    public async Task Test_connection_with_a_key_Opn_refuses_explains_it_without_the_key()
    {
        const string unknownKey = "skey_test_5keythatopndoesnotknow";
        ExtraSecrets.Add(unknownKey);
        Store.SetSetting(1, nameof(KmaPaymentSettings.SecretKey), unknownKey);

        //the form as the page shows it, posted untouched
        var form = (ConfigurationModel)((ViewResult)await CreateController().Configure()).Model;
        var result = await CreateController().TestConnection(form);

        var model = (ConfigurationModel)((ViewResult)result).Model;
        Assert.That(model.ConnectionTest, Is.Not.Null);
        Assert.That(model.ConnectionTest.Success, Is.False);
        Assert.That(AllStrings(model).Where(text => text.Contains(unknownKey[..^4], StringComparison.Ordinal)), Is.Empty);
        Assert.That(Store.OpnCalls.Count("GET", "/account"), Is.EqualTo(1), "a 401 is not retried");
    }
}
