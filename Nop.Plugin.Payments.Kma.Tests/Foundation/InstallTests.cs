using Moq;
using Nop.Core.Domain.Localization;
using Nop.Plugin.Payments.Kma.Localization;
using Nop.Plugin.Payments.Kma.Tests.TestSupport;
using Nop.Services.Configuration;
using Nop.Services.Localization;

namespace Nop.Plugin.Payments.Kma.Tests.Foundation;

[TestFixture]
public class InstallTests
{
    private Mock<ILanguageService> _languageService;
    private Mock<ILocalizationService> _localizationService;
    private Mock<ISettingService> _settingService;
    private List<(IDictionary<string, string> Resources, int? LanguageId)> _installedResources;

    [SetUp]
    public void SetUp()
    {
        _languageService = new Mock<ILanguageService>();
        _localizationService = new Mock<ILocalizationService>();
        _settingService = new Mock<ISettingService>();
        _installedResources = [];
        _localizationService.Setup(service => service.AddOrUpdateLocaleResourceAsync(It.IsAny<IDictionary<string, string>>(), It.IsAny<int?>()))
            .Callback((IDictionary<string, string> resources, int? languageId) => _installedResources.Add((resources, languageId)))
            .Returns(Task.CompletedTask);
    }

    private KmaPaymentProcessor CreateProcessor(params Language[] languages)
    {
        _languageService.Setup(service => service.GetAllLanguagesAsync(It.IsAny<bool>(), It.IsAny<int>())).ReturnsAsync(languages.ToList());
        return MockConstructor.Create<KmaPaymentProcessor>(UninstallDependencies.For(_settingService)
            .Append(_languageService.Object).Append(_localizationService.Object).ToArray());
    }

    [Test]
    public async Task InstallSavesDefaultSettingsForAllStores()
    {
        KmaPaymentSettings saved = null;
        _settingService.Setup(service => service.SaveSettingAsync(It.IsAny<KmaPaymentSettings>(), 0))
            .Callback((KmaPaymentSettings settings, int _) => saved = settings)
            .Returns(Task.CompletedTask);

        await CreateProcessor().InstallAsync();

        _settingService.Verify(service => service.SaveSettingAsync(It.IsAny<KmaPaymentSettings>(), It.IsAny<int>()), Times.Once);
        Assert.That(saved, Is.Not.Null, "settings must be saved for store 0 (all stores)");
        Assert.Multiple(() =>
        {
            Assert.That(saved.ApiBaseUrl, Is.EqualTo(KmaDefaults.DefaultApiBaseUrl));
            Assert.That(saved.SecretKey, Is.Null.Or.Empty);
            Assert.That(saved.WebhookSecret, Is.Null.Or.Empty);
        });
    }

    [Test]
    public async Task InstallAddsEnglishForEveryLanguageThenThaiForTheThaiLanguage()
    {
        var english = new Language { Id = 1, LanguageCulture = "en-US" };
        var thai = new Language { Id = 7, LanguageCulture = "th-TH" };

        await CreateProcessor(english, thai).InstallAsync();

        Assert.That(_installedResources, Has.Count.EqualTo(3));
        Assert.That(_installedResources[0].LanguageId, Is.Null, "English goes to every language first");
        Assert.That(_installedResources[0].Resources, Is.EquivalentTo(KmaLocaleResources.English));
        Assert.That(_installedResources[1].LanguageId, Is.EqualTo(thai.Id), "then Thai over it for th-TH");
        Assert.That(_installedResources[1].Resources, Is.EquivalentTo(KmaLocaleResources.Thai));
        Assert.That(_installedResources[2].LanguageId, Is.EqualTo(thai.Id), "and the method's Thai name, as nopCommerce reads it");
        Assert.That(_installedResources[2].Resources, Is.EquivalentTo(new Dictionary<string, string> { ["Plugins.FriendlyName.Payments.Kma"] = "กรุงศรี (KMA)" }));
    }

    [Test]
    public async Task InstallWithoutThaiLanguageAddsOnlyEnglish()
    {
        await CreateProcessor(new Language { Id = 1, LanguageCulture = "en-US" }).InstallAsync();

        Assert.That(_installedResources.Select(item => item.LanguageId), Is.EqualTo(new int?[] { null }));
    }

    [Test]
    public async Task UpdateInstallsTheNewVersionsTextsAndKeepsTheSettings()
    {
        var english = new Language { Id = 1, LanguageCulture = "en-US" };
        var thai = new Language { Id = 7, LanguageCulture = "th-TH" };

        await CreateProcessor(english, thai).UpdateAsync("1.0.0", "1.1.0");

        Assert.That(_installedResources.Select(item => item.LanguageId), Is.EqualTo(new int?[] { null, thai.Id, thai.Id }));
        Assert.That(_installedResources[0].Resources, Is.EquivalentTo(KmaLocaleResources.English));
        Assert.That(_installedResources[1].Resources, Is.EquivalentTo(KmaLocaleResources.Thai));
        _settingService.Verify(service => service.SaveSettingAsync(It.IsAny<KmaPaymentSettings>(), It.IsAny<int>()), Times.Never,
            "an upgrade keeps the owner's settings and keys");
        _settingService.Verify(service => service.DeleteSettingAsync<KmaPaymentSettings>(), Times.Never);
    }

    [Test]
    public void EveryResourceIsInBothLanguagesUnderThePluginPrefix()
    {
        Assert.That(KmaLocaleResources.English.Keys, Is.Not.Empty);
        Assert.That(KmaLocaleResources.Thai.Keys, Is.EquivalentTo(KmaLocaleResources.English.Keys));
        Assert.That(KmaLocaleResources.English.Keys, Has.All.StartsWith(KmaDefaults.LocaleResourcePrefix + "."));
        Assert.That(KmaLocaleResources.English.Values.Concat(KmaLocaleResources.Thai.Values), Has.None.Null.And.None.Empty);
    }

    [Test]
    public async Task UninstallDeletesSettingsAndResources()
    {
        await CreateProcessor().UninstallAsync();

        _settingService.Verify(service => service.DeleteSettingAsync<KmaPaymentSettings>(), Times.Once);
        _localizationService.Verify(service => service.DeleteLocaleResourcesAsync("Plugins.Payments.Kma", null), Times.Once);
        _localizationService.Verify(service => service.DeleteLocaleResourceAsync("Plugins.FriendlyName.Payments.Kma"), Times.Once);
    }

    [Test]
    public void ConfigurationPageIsTheAdminConfigureActionOnTheStore()
    {
        var webHelper = new Mock<Nop.Core.IWebHelper>();
        webHelper.Setup(helper => helper.GetStoreLocation(It.IsAny<bool?>())).Returns("https://shop.example/");
        var processor = MockConstructor.Create<KmaPaymentProcessor>(webHelper.Object);

        Assert.That(processor.GetConfigurationPageUrl(), Is.EqualTo("https://shop.example/Admin/PaymentKma/Configure"));
    }
}
