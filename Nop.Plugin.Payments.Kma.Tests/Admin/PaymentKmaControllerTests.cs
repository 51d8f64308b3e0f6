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
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Services.Localization;
using Nop.Services.Logging;
using Nop.Services.Messages;
using Nop.Services.Security;
using Nop.Services.Stores;
using Nop.Web.Framework;
using Nop.Web.Framework.Mvc.Filters;

namespace Nop.Plugin.Payments.Kma.Tests.Admin;

[TestFixture]
public class PaymentKmaControllerTests
{
    private const string STORED_SECRET = "skey_test_5storedsecretkey9876";
    private const string STORED_WEBHOOK_SECRET = "a21hLWVtdWxhdG9yLXdlYmhvb2stc2VjcmV0LWRldiE=";
    private const string STORED_PUBLIC = "pkey_test_5storedpublickey1111";

    private InMemorySettingService _settings;
    private Mock<IOpnClient> _opnClient;
    private Mock<INotificationService> _notifications;
    private Mock<ILogger> _logger;
    private int _storeScope;

    [SetUp]
    public void SetUp()
    {
        _settings = new InMemorySettingService();
        _settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.PublicKey), STORED_PUBLIC);
        _settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.SecretKey), STORED_SECRET);
        _settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.WebhookSecret), STORED_WEBHOOK_SECRET);
        _settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.ApiBaseUrl), "http://127.0.0.1:5090");
        _opnClient = new Mock<IOpnClient>(MockBehavior.Strict);
        _notifications = new Mock<INotificationService>();
        _logger = new Mock<ILogger>();
        _storeScope = 0;
    }

    private PaymentKmaController CreateController()
    {
        var localization = new Mock<ILocalizationService>();
        localization.Setup(service => service.GetResourceAsync(It.IsAny<string>()))
            .ReturnsAsync((string key) => KmaLocaleResources.English.TryGetValue(key, out var text) ? text : key);

        var storeContext = new Mock<IStoreContext>();
        storeContext.Setup(context => context.GetActiveStoreScopeConfigurationAsync()).ReturnsAsync(() => _storeScope);
        storeContext.Setup(context => context.GetCurrentStoreAsync()).ReturnsAsync(new Store { Id = 1, Url = "https://shop.example/" });

        var storeService = new Mock<IStoreService>();
        storeService.Setup(service => service.GetStoreByIdAsync(2)).ReturnsAsync(new Store { Id = 2, Url = "https://second.example/" });

        var webHelper = new Mock<IWebHelper>();
        webHelper.Setup(helper => helper.GetStoreLocation(It.IsAny<bool?>())).Returns("http://localhost/");

        return new PaymentKmaController(localization.Object, _logger.Object, _notifications.Object, _opnClient.Object,
            _settings, storeContext.Object, storeService.Object, webHelper.Object)
        {
            ControllerContext = new ControllerContext { HttpContext = new DefaultHttpContext() }
        };
    }

    /// <summary>What model binding leaves behind for a posted field</summary>
    private static void Posted(Controller controller, string field, string value)
    {
        controller.ModelState.SetModelValue(field, value, value);
        controller.ModelState.MarkFieldValid(field);
    }

    private static ConfigurationModel ModelOf(IActionResult result)
    {
        Assert.That(result, Is.InstanceOf<ViewResult>());
        var view = (ViewResult)result;
        Assert.That(view.ViewName, Is.EqualTo("~/Plugins/Payments.Kma/Views/Configure.cshtml"));
        return (ConfigurationModel)view.Model;
    }

    /// <summary>The Configure form as the page shows it, posted untouched (the secret fields empty)</summary>
    private async Task<ConfigurationModel> FormAsShownAsync()
    {
        return ModelOf(await CreateController().Configure());
    }

    private static ConfigurationModel PostedModel(Action<ConfigurationModel> change = null)
    {
        var model = new ConfigurationModel
        {
            PublicKey = STORED_PUBLIC,
            ApiBaseUrl = "http://127.0.0.1:5090",
            AdditionalFee = 10,
            CheckCapability = true
        };
        change?.Invoke(model);
        return model;
    }

    /// <summary>Every string reachable from the model, so no secret can hide in a nested property</summary>
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
            foreach (var item in sequence)
            foreach (var nested in AllStrings(item, depth + 1))
                yield return nested;
            yield break;
        }
        if (value.GetType().IsPrimitive || value is decimal)
            yield break;

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
                continue;
            foreach (var nested in AllStrings(property.GetValue(value), depth + 1))
                yield return nested;
        }
    }

    private static void AssertNoSecretIn(ConfigurationModel model, params string[] secrets)
    {
        var strings = AllStrings(model).ToList();
        foreach (var secret in secrets)
        {
            // At most the last four characters may be shown.
            var revealing = secret[..^4];
            Assert.That(strings.Any(text => text.Contains(revealing, StringComparison.Ordinal)), Is.False,
                "a secret reached the page model");
        }
    }

    [Test]
    public void ControllerCarriesTheAdminFiltersAndEveryActionTheMethodPermission()
    {
        var type = typeof(PaymentKmaController);
        Assert.That(type.GetCustomAttribute<AuthorizeAdminAttribute>(), Is.Not.Null);
        Assert.That(type.GetCustomAttribute<AreaAttribute>()?.RouteValue, Is.EqualTo(AreaNames.ADMIN));
        Assert.That(type.GetCustomAttribute<AutoValidateAntiforgeryTokenAttribute>(), Is.Not.Null);

        var actions = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
        Assert.That(actions, Has.Length.GreaterThanOrEqualTo(3));
        foreach (var action in actions)
        {
            var permission = action.GetCustomAttribute<CheckPermissionAttribute>();
            Assert.That(permission?.PermissionSystemName, Is.EqualTo(new[] { StandardPermission.Configuration.MANAGE_PAYMENT_METHODS }), action.Name);
        }
    }

    [Test]
    public async Task ConfigurePageNeverCarriesTheSecretsOnlyThatTheyAreSetAndTheirTail()
    {
        var model = ModelOf(await CreateController().Configure());

        Assert.That(model.SecretKey, Is.Null);
        Assert.That(model.WebhookSecret, Is.Null);
        Assert.That(model.SecretKeyIsSet, Is.True);
        Assert.That(model.WebhookSecretIsSet, Is.True);
        Assert.That(model.SecretKeyTail, Is.EqualTo("9876"));
        Assert.That(model.WebhookSecretTail, Is.EqualTo("diE="));
        Assert.That(model.PublicKey, Is.EqualTo(STORED_PUBLIC));
        AssertNoSecretIn(model, STORED_SECRET, STORED_WEBHOOK_SECRET);
    }

    [Test]
    public async Task ConfigurePageShowsTheWebhookUrlOfTheStoreInScope()
    {
        Assert.That(ModelOf(await CreateController().Configure()).WebhookUrl, Is.EqualTo("https://shop.example/Plugins/PaymentKma/Webhook"));

        _storeScope = 2;
        Assert.That(ModelOf(await CreateController().Configure()).WebhookUrl, Is.EqualTo("https://second.example/Plugins/PaymentKma/Webhook"));
    }

    [Test]
    public async Task SavingWithEmptySecretFieldsKeepsTheStoredSecrets()
    {
        var model = ModelOf(await CreateController().Configure(PostedModel()));

        Assert.That(_settings.Get<KmaPaymentSettings>(nameof(KmaPaymentSettings.SecretKey), 0), Is.EqualTo(STORED_SECRET));
        Assert.That(_settings.Get<KmaPaymentSettings>(nameof(KmaPaymentSettings.WebhookSecret), 0), Is.EqualTo(STORED_WEBHOOK_SECRET));
        Assert.That(_settings.Get<KmaPaymentSettings>(nameof(KmaPaymentSettings.AdditionalFee), 0), Is.EqualTo(10m));
        Assert.That(model.SecretKeyIsSet, Is.True);
        _notifications.Verify(service => service.SuccessNotification(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
    }

    [Test]
    public async Task SavingANewSecretStoresItButNeverEchoesIt()
    {
        const string newSecret = "skey_test_5brandnewsecret4321";
        var controller = CreateController();
        Posted(controller, nameof(ConfigurationModel.SecretKey), newSecret);

        var model = ModelOf(await controller.Configure(PostedModel(m => m.SecretKey = newSecret)));

        Assert.That(_settings.Get<KmaPaymentSettings>(nameof(KmaPaymentSettings.SecretKey), 0), Is.EqualTo(newSecret));
        Assert.That(model.SecretKey, Is.Null);
        Assert.That(model.SecretKeyTail, Is.EqualTo("4321"));
        AssertNoSecretIn(model, newSecret);
        Assert.That(controller.ModelState[nameof(ConfigurationModel.SecretKey)].AttemptedValue, Is.Null);
        Assert.That(controller.ModelState[nameof(ConfigurationModel.SecretKey)].RawValue, Is.Null);
    }

    [Test]
    public async Task PublicKeyInTheSecretFieldIsRefusedAndNothingIsSaved()
    {
        var controller = CreateController();
        Posted(controller, nameof(ConfigurationModel.SecretKey), STORED_PUBLIC);

        var model = ModelOf(await controller.Configure(PostedModel(m => m.SecretKey = STORED_PUBLIC)));

        Assert.That(_settings.SaveCount, Is.Zero);
        Assert.That(controller.ModelState[nameof(ConfigurationModel.SecretKey)].Errors.Single().ErrorMessage,
            Is.EqualTo(KmaLocaleResources.English["Plugins.Payments.Kma.Fields.SecretKey.IsPublicKey"]));
        Assert.That(controller.ModelState[nameof(ConfigurationModel.SecretKey)].AttemptedValue, Is.Null);
        Assert.That(model.SecretKey, Is.Null);
        _notifications.Verify(service => service.ErrorNotification(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<int>()), Times.Once);
        _notifications.Verify(service => service.SuccessNotification(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<int>()), Times.Never);
    }

    [Test]
    public async Task MixedModesMalformedWebhookSecretAndBadUrlAreEachReported()
    {
        var controller = CreateController();

        await controller.Configure(PostedModel(m =>
        {
            m.PublicKey = "pkey_5livepublickey";
            m.WebhookSecret = "not-base64!";
            m.ApiBaseUrl = "api.omise.co";
        }));

        Assert.That(_settings.SaveCount, Is.Zero);
        Assert.That(controller.ModelState[nameof(ConfigurationModel.SecretKey)].Errors.Single().ErrorMessage,
            Is.EqualTo(KmaLocaleResources.English["Plugins.Payments.Kma.Fields.Keys.ModeMismatch"]));
        Assert.That(controller.ModelState[nameof(ConfigurationModel.WebhookSecret)].Errors, Has.Count.EqualTo(1));
        Assert.That(controller.ModelState[nameof(ConfigurationModel.ApiBaseUrl)].Errors, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task StoreOverridesAreSavedForTheStoreOnlyAndClearedWhenUnticked()
    {
        _storeScope = 2;
        _settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.AdditionalFee), 5m, 2);
        const string storeSecret = "skey_test_5secondstoresecret77";

        await CreateController().Configure(PostedModel(m =>
        {
            m.SecretKey = storeSecret;
            m.SecretKey_OverrideForStore = true;
            m.CancelOrderOnFailedCharge = true;
            m.CancelOrderOnFailedCharge_OverrideForStore = true;
            m.AdditionalFee = 99;
            m.AdditionalFee_OverrideForStore = false;
        }));

        Assert.That(_settings.Get<KmaPaymentSettings>(nameof(KmaPaymentSettings.SecretKey), 2), Is.EqualTo(storeSecret));
        Assert.That(_settings.Get<KmaPaymentSettings>(nameof(KmaPaymentSettings.SecretKey), 0), Is.EqualTo(STORED_SECRET));
        Assert.That(_settings.Get<KmaPaymentSettings>(nameof(KmaPaymentSettings.CancelOrderOnFailedCharge), 2), Is.EqualTo(true));
        Assert.That(_settings.Has<KmaPaymentSettings>(nameof(KmaPaymentSettings.CancelOrderOnFailedCharge), 0), Is.False);
        Assert.That(_settings.Has<KmaPaymentSettings>(nameof(KmaPaymentSettings.AdditionalFee), 2), Is.False, "unticked override removes the store value");
        Assert.That(_settings.Has<KmaPaymentSettings>(nameof(KmaPaymentSettings.WebhookSecret), 2), Is.False);

        var model = ModelOf(await CreateController().Configure());
        Assert.That(model.SecretKey_OverrideForStore, Is.True);
        Assert.That(model.CancelOrderOnFailedCharge_OverrideForStore, Is.True);
        Assert.That(model.AdditionalFee_OverrideForStore, Is.False);
        Assert.That(model.WebhookSecret_OverrideForStore, Is.False);
        Assert.That(model.SecretKeyTail, Is.EqualTo("et77"));
        AssertNoSecretIn(model, storeSecret, STORED_SECRET, STORED_WEBHOOK_SECRET);
    }

    [Test]
    public async Task EmptySecretWithStoreOverrideKeepsTheStoresOwnSecret()
    {
        _storeScope = 2;
        const string storeSecret = "skey_test_5secondstoresecret77";
        _settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.SecretKey), storeSecret, 2);

        await CreateController().Configure(PostedModel(m => m.SecretKey_OverrideForStore = true));

        Assert.That(_settings.Get<KmaPaymentSettings>(nameof(KmaPaymentSettings.SecretKey), 2), Is.EqualTo(storeSecret));
        Assert.That(_settings.Get<KmaPaymentSettings>(nameof(KmaPaymentSettings.SecretKey), 0), Is.EqualTo(STORED_SECRET));
    }

    [Test]
    public async Task TestConnectionUsesTheScopesSavedKeysAndDescribesTheAccount()
    {
        _storeScope = 2;
        _settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.SecretKey), "skey_test_5secondstoresecret77", 2);
        OpnCredentials used = null;
        _opnClient.Setup(client => client.GetAccountAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .Callback((OpnCredentials credentials, CancellationToken _) => used = credentials)
            .ReturnsAsync(new OpnAccount { Email = "owner@shop.example", Country = "TH", Livemode = false });
        _opnClient.Setup(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OpnCapability
            {
                Country = "TH",
                PaymentMethods = { new OpnPaymentMethod { Name = "mobile_banking_bay", Currencies = { "THB" } } },
                ChargeAmountMin = 2000,
                ChargeAmountMax = 15000000
            });

        var test = ModelOf(await CreateController().TestConnection(await FormAsShownAsync())).ConnectionTest;

        Assert.That(used.SecretKey, Is.EqualTo("skey_test_5secondstoresecret77"));
        Assert.That(used.ApiBaseUrl, Is.EqualTo("http://127.0.0.1:5090"));
        Assert.That(test.Success, Is.True);
        Assert.That(test.AccountEmail, Is.EqualTo("owner@shop.example"));
        Assert.That(test.AccountCountry, Is.EqualTo("TH"));
        Assert.That(test.Livemode, Is.False);
        Assert.That(test.KmaEnabled, Is.True);
        Assert.That(test.Limits, Is.EqualTo("฿20.00 – ฿150,000.00"));
        Assert.That(test.Warnings, Is.Empty);
    }

    [Test]
    public async Task TestConnectionWarnsWhenKmaIsNotEnabledOrTheAccountIsNotThai()
    {
        _opnClient.Setup(client => client.GetAccountAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OpnAccount { Email = "owner@shop.example", Country = "SG", Livemode = true });
        _opnClient.Setup(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OpnCapability { PaymentMethods = { new OpnPaymentMethod { Name = "mobile_banking_scb", Currencies = { "THB" } } } });

        var test = ModelOf(await CreateController().TestConnection(await FormAsShownAsync())).ConnectionTest;

        Assert.That(test.Success, Is.True);
        Assert.That(test.KmaEnabled, Is.False);
        Assert.That(test.Warnings, Is.EquivalentTo(new[]
        {
            KmaLocaleResources.English["Plugins.Payments.Kma.TestConnection.KmaNotEnabled"],
            KmaLocaleResources.English["Plugins.Payments.Kma.TestConnection.ModeMismatch"],
            KmaLocaleResources.English["Plugins.Payments.Kma.TestConnection.NotThaiAccount"]
        }));
    }

    [Test]
    public async Task TestConnectionWithoutASecretKeyAsksForOneAndCallsNobody()
    {
        _settings.Values.Clear();

        var test = ModelOf(await CreateController().TestConnection(await FormAsShownAsync())).ConnectionTest;

        Assert.That(test.Success, Is.False);
        Assert.That(test.Error, Is.EqualTo(KmaLocaleResources.English["Plugins.Payments.Kma.TestConnection.NoSecretKey"]));
        _opnClient.VerifyNoOtherCalls();
    }

    private static IEnumerable<TestCaseData> OpnFailures()
    {
        yield return new TestCaseData(new OpnApiException(401, "authentication_failure", "authentication failed", "https://www.omise.co/api-errors#authentication-failure"), "Authentication").SetName("401 authentication_failure");
        yield return new TestCaseData(new OpnApiException(403, "locked_account_error", "locked", null), "Forbidden").SetName("403");
        yield return new TestCaseData(new OpnApiException(404, "not_found", "not found", null), "NotFound").SetName("404 not_found");
        yield return new TestCaseData(new OpnApiException(429, "too_many_requests", "slow down", null), "RateLimited").SetName("429");
        yield return new TestCaseData(new OpnApiException(500, "internal_error", "oops", null), "Server").SetName("500");
        yield return new TestCaseData(new OpnApiException(503, "service_unavailable", "down", null), "Server").SetName("503");
        yield return new TestCaseData(new OpnApiException(400, "bad_request", "bad", null), "Other").SetName("400 other");
        yield return new TestCaseData(new OpnTransportException("timed out", isTimeout: true), "Timeout").SetName("timeout");
        yield return new TestCaseData(new OpnTransportException("connection refused", isTimeout: false), "Network").SetName("network");
    }

    [TestCaseSource(nameof(OpnFailures))]
    public async Task EveryOpnFailureBecomesAnActionTheOwnerCanTake(OpnException failure, string expected)
    {
        _opnClient.Setup(client => client.GetAccountAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(failure);

        var model = ModelOf(await CreateController().TestConnection(await FormAsShownAsync()));
        var test = model.ConnectionTest;

        var format = KmaLocaleResources.English[$"Plugins.Payments.Kma.TestConnection.Error.{expected}"];
        var expectedText = failure is OpnApiException { StatusCode: 400 } api
            ? string.Format(format, api.StatusCode, api.Code)
            : string.Format(format, "http://127.0.0.1:5090");
        Assert.That(test.Success, Is.False);
        Assert.That(test.Error, Is.EqualTo(expectedText));
        AssertNoSecretIn(model, STORED_SECRET, STORED_WEBHOOK_SECRET);
    }

    [Test]
    public async Task AnUnexpectedFailureIsLoggedAndExplainedWithoutDetails()
    {
        _opnClient.Setup(client => client.GetAccountAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("boom"));

        var test = ModelOf(await CreateController().TestConnection(await FormAsShownAsync())).ConnectionTest;

        Assert.That(test.Error, Is.EqualTo(KmaLocaleResources.English["Plugins.Payments.Kma.TestConnection.Error.Unexpected"]));
        _logger.Verify(logger => logger.ErrorAsync(It.IsAny<string>(), It.IsAny<Exception>(), null), Times.Once);
    }

    private void OpnAccepts(Action<OpnCredentials> used)
    {
        _opnClient.Setup(client => client.GetAccountAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .Callback((OpnCredentials credentials, CancellationToken _) => used(credentials))
            .ReturnsAsync(new OpnAccount { Email = "owner@shop.example", Country = "TH", Livemode = false });
        _opnClient.Setup(client => client.GetCapabilityAsync(It.IsAny<OpnCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OpnCapability { PaymentMethods = { new OpnPaymentMethod { Name = "mobile_banking_bay", Currencies = { "THB" } } } });
    }

    [Test]
    public async Task TestConnectionTestsWhatIsInTheFormAndSavesNothing()
    {
        const string typedSecret = "skey_test_5typedintotheformxyz";
        OpnCredentials used = null;
        OpnAccepts(credentials => used = credentials);
        var form = await FormAsShownAsync();
        form.PublicKey = "pkey_test_5typedpublickey2222";
        form.SecretKey = typedSecret;
        form.ApiBaseUrl = "http://127.0.0.1:5091/";
        form.AdditionalFee = 25m;

        var model = ModelOf(await CreateController().TestConnection(form));

        Assert.That(used.SecretKey, Is.EqualTo(typedSecret));
        Assert.That(used.PublicKey, Is.EqualTo("pkey_test_5typedpublickey2222"));
        Assert.That(used.ApiBaseUrl, Is.EqualTo("http://127.0.0.1:5091"));
        Assert.That(model.ConnectionTest.Success, Is.True);
        Assert.That(_settings.Get<KmaPaymentSettings>(nameof(KmaPaymentSettings.SecretKey), 0), Is.EqualTo(STORED_SECRET), "nothing is saved");
        Assert.That(_settings.Get<KmaPaymentSettings>(nameof(KmaPaymentSettings.PublicKey), 0), Is.EqualTo(STORED_PUBLIC));
        Assert.That(_settings.SaveCount, Is.Zero);
        AssertNoSecretIn(model, typedSecret, STORED_SECRET);
    }

    [Test]
    public async Task AnEmptySecretFieldTestsTheSavedSecret()
    {
        OpnCredentials used = null;
        OpnAccepts(credentials => used = credentials);
        var form = await FormAsShownAsync();
        form.ApiBaseUrl = "http://127.0.0.1:5092";

        await CreateController().TestConnection(form);

        Assert.That(used.SecretKey, Is.EqualTo(STORED_SECRET));
        Assert.That(used.ApiBaseUrl, Is.EqualTo("http://127.0.0.1:5092"), "the rest comes from the form");
    }

    [Test]
    public async Task TheAjaxAnswerIsTheResultAloneSoThePageKeepsItsInput()
    {
        OpnAccepts(_ => { });
        var controller = CreateController();
        controller.ControllerContext.HttpContext.Request.Headers.XRequestedWith = "XMLHttpRequest";

        var result = await controller.TestConnection(await FormAsShownAsync());

        Assert.That(result, Is.TypeOf<PartialViewResult>());
        var partial = (PartialViewResult)result;
        Assert.That(partial.ViewName, Is.EqualTo("~/Plugins/Payments.Kma/Views/_ConnectionTest.cshtml"));
        Assert.That(((ConnectionTestModel)partial.Model).Success, Is.True);
    }

    [Test]
    public async Task AMalformedTypedKeyIsExplainedAndNotSentToOpn()
    {
        var form = await FormAsShownAsync();
        form.SecretKey = "pkey_test_5apublickeyinthesecret";

        var test = ModelOf(await CreateController().TestConnection(form)).ConnectionTest;

        Assert.That(test.Success, Is.False);
        Assert.That(test.Error, Does.Contain(KmaLocaleResources.English["Plugins.Payments.Kma.Fields.SecretKey.IsPublicKey"]));
        _opnClient.VerifyNoOtherCalls();
    }
}
