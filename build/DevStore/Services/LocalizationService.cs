using System.Linq.Expressions;
using DevStore.Data;
using Nop.Core;
using Nop.Core.Domain.Localization;
using Nop.Services.Localization;
using Nop.Services.Logging;

namespace DevStore.Services;

/// <summary>
/// Languages: English (id 1, en-US) and Thai (id 2, th-TH)
/// </summary>
public class LanguageService : ILanguageService
{
    private readonly DevStoreData _data;

    public LanguageService(DevStoreData data)
    {
        _data = data;
    }

    public Task<IList<Language>> GetAllLanguagesAsync(bool showHidden = false, int storeId = 0)
    {
        IList<Language> languages = _data.Languages.Query(language => showHidden || language.Published)
            .OrderBy(language => language.DisplayOrder).ThenBy(language => language.Id).ToList();
        return Task.FromResult(languages);
    }

    public Task<Language> GetLanguageByIdAsync(int languageId)
    {
        return Task.FromResult(languageId == 0 ? null : _data.Languages.GetById(languageId));
    }

    public string GetTwoLetterIsoLanguageName(Language language)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (string.IsNullOrEmpty(language.LanguageCulture))
            return "en";

        return new System.Globalization.CultureInfo(language.LanguageCulture).TwoLetterISOLanguageName;
    }
}

/// <summary>
/// Locale resources per language, as nopCommerce's LocalizationService: names stored trimmed and lower-cased,
/// a null language id writes every language, a missing resource returns the (lower-cased) key
/// </summary>
public class LocalizationService : ILocalizationService
{
    private readonly DevStoreData _data;
    private readonly ILanguageService _languageService;
    private readonly ILogger _logger;
    private readonly IWorkContext _workContext;

    public LocalizationService(DevStoreData data,
        ILanguageService languageService,
        ILogger logger,
        IWorkContext workContext)
    {
        _data = data;
        _languageService = languageService;
        _logger = logger;
        _workContext = workContext;
    }

    private static string Normalize(string name) => (name ?? string.Empty).Trim().ToLowerInvariant();

    public async Task<string> GetResourceAsync(string resourceKey)
    {
        var language = await _workContext.GetWorkingLanguageAsync();
        return language == null ? string.Empty : await GetResourceAsync(resourceKey, language.Id);
    }

    public async Task<string> GetResourceAsync(string resourceKey, int languageId, bool logIfNotFound = true, string defaultValue = "", bool returnEmptyIfNotFound = false)
    {
        resourceKey = Normalize(resourceKey);
        var result = _data.LocaleStringResources
            .Query(resource => resource.LanguageId == languageId && resource.ResourceName == resourceKey)
            .FirstOrDefault()?.ResourceValue;
        if (!string.IsNullOrEmpty(result))
            return result;

        if (logIfNotFound)
            await _logger.WarningAsync($"Resource string ({resourceKey}) is not found. Language ID = {languageId}");

        if (!string.IsNullOrEmpty(defaultValue))
            return defaultValue;

        return returnEmptyIfNotFound ? string.Empty : resourceKey;
    }

    public async Task AddOrUpdateLocaleResourceAsync(string resourceName, string resourceValue, string languageCulture = null)
    {
        foreach (var language in await _languageService.GetAllLanguagesAsync(true))
        {
            if (!string.IsNullOrEmpty(languageCulture) && !languageCulture.Equals(language.LanguageCulture))
                continue;

            Upsert(language.Id, resourceName, resourceValue);
        }
    }

    public async Task AddOrUpdateLocaleResourceAsync(IDictionary<string, string> resources, int? languageId = null)
    {
        foreach (var language in await _languageService.GetAllLanguagesAsync(true))
        {
            if (languageId.HasValue && language.Id != languageId.Value)
                continue;

            foreach (var (name, value) in resources)
                Upsert(language.Id, name, value);
        }
    }

    private void Upsert(int languageId, string name, string value)
    {
        name = Normalize(name);
        var existing = _data.LocaleStringResources.Query(resource => resource.LanguageId == languageId && resource.ResourceName == name).FirstOrDefault();
        if (existing != null)
        {
            existing.ResourceValue = value;
            _data.LocaleStringResources.Update(existing);
        }
        else
            _data.LocaleStringResources.Insert(new LocaleStringResource { LanguageId = languageId, ResourceName = name, ResourceValue = value });
    }

    public Task DeleteLocaleResourceAsync(string resourceName)
    {
        var name = Normalize(resourceName);
        _data.LocaleStringResources.Delete(resource => resource.ResourceName == name);
        return Task.CompletedTask;
    }

    public Task DeleteLocaleResourcesAsync(IList<string> resourceNames, int? languageId = null)
    {
        var names = resourceNames.Select(Normalize).ToHashSet();
        _data.LocaleStringResources.Delete(resource => (!languageId.HasValue || resource.LanguageId == languageId.Value) && names.Contains(resource.ResourceName));
        return Task.CompletedTask;
    }

    public Task DeleteLocaleResourcesAsync(string resourceNamePrefix, int? languageId = null)
    {
        _data.LocaleStringResources.Delete(resource => (!languageId.HasValue || resource.LanguageId == languageId.Value)
            && !string.IsNullOrEmpty(resource.ResourceName)
            && resource.ResourceName.StartsWith(resourceNamePrefix, StringComparison.InvariantCultureIgnoreCase));
        return Task.CompletedTask;
    }

    public async Task<string> GetLocalizedEnumAsync<TEnum>(TEnum enumValue, int? languageId = null) where TEnum : struct
    {
        var key = $"Enums.{typeof(TEnum)}.{enumValue}";
        languageId ??= (await _workContext.GetWorkingLanguageAsync())?.Id ?? 0;
        var result = await GetResourceAsync(key, languageId.Value, false, string.Empty, true);

        // nopCommerce falls back to the enum name split into words
        return string.IsNullOrEmpty(result)
            ? System.Text.RegularExpressions.Regex.Replace(enumValue.ToString(), "([a-z])([A-Z])", "$1 $2")
            : result;
    }

    /// <summary>
    /// Gets every resource of a language whose name starts with a prefix (for tests)
    /// </summary>
    public IDictionary<string, string> GetResources(int languageId, string prefix = "")
    {
        var normalized = Normalize(prefix);
        return _data.LocaleStringResources
            .Query(resource => resource.LanguageId == languageId && resource.ResourceName.StartsWith(normalized, StringComparison.Ordinal))
            .ToDictionary(resource => resource.ResourceName, resource => resource.ResourceValue);
    }
}
