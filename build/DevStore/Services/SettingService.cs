using System.ComponentModel;
using System.Linq.Expressions;
using System.Reflection;
using DevStore.Data;
using Nop.Core.Configuration;
using Nop.Services.Configuration;

namespace DevStore.Services;

/// <summary>
/// Settings per store with fallback to the shared value (store 0), as nopCommerce's SettingService
/// </summary>
public class SettingService : ISettingService
{
    private readonly DevStoreData _data;

    public SettingService(DevStoreData data)
    {
        _data = data;
        ValueConverter.EnsureRegistered();
    }

    private static string Normalize(string key) => key?.Trim().ToLowerInvariant();

    private Setting Find(string key, int storeId, bool loadSharedValueIfNotFound)
    {
        if (string.IsNullOrEmpty(key))
            return null;

        key = Normalize(key);
        var rows = _data.Settings.Query(setting => setting.Name == key);
        var setting = rows.FirstOrDefault(row => row.StoreId == storeId);
        if (setting == null && storeId > 0 && loadSharedValueIfNotFound)
            setting = rows.FirstOrDefault(row => row.StoreId == 0);

        return setting;
    }

    private void Set(string key, string value, int storeId)
    {
        ArgumentNullException.ThrowIfNull(key);
        key = Normalize(key);
        var existing = _data.Settings.Query(setting => setting.Name == key && setting.StoreId == storeId).FirstOrDefault();
        if (existing != null)
        {
            existing.Value = value;
            _data.Settings.Update(existing);
        }
        else
            _data.Settings.Insert(new Setting { Name = key, Value = value, StoreId = storeId });
    }

    private static PropertyInfo GetProperty<T, TPropType>(Expression<Func<T, TPropType>> keySelector)
    {
        if (keySelector.Body is not MemberExpression member)
            throw new ArgumentException($"Expression '{keySelector}' refers to a method, not a property.");

        return member.Member as PropertyInfo ?? throw new ArgumentException($"Expression '{keySelector}' refers to a field, not a property.");
    }

    public Task<T> LoadSettingAsync<T>(int storeId = 0) where T : ISettings, new()
    {
        return Task.FromResult((T)LoadSetting(typeof(T), storeId));
    }

    public Task<ISettings> LoadSettingAsync(Type type, int storeId = 0)
    {
        return Task.FromResult(LoadSetting(type, storeId));
    }

    public ISettings LoadSetting(Type type, int storeId = 0)
    {
        var settings = Activator.CreateInstance(type);
        foreach (var property in type.GetProperties().Where(property => property.CanRead && property.CanWrite))
        {
            var setting = Find($"{type.Name}.{property.Name}", storeId, true);
            if (setting == null)
                continue;

            var converter = TypeDescriptor.GetConverter(property.PropertyType);
            if (!converter.CanConvertFrom(typeof(string)) || !converter.IsValid(setting.Value))
                continue;

            property.SetValue(settings, converter.ConvertFromInvariantString(setting.Value));
        }

        return (ISettings)settings;
    }

    public Task SaveSettingAsync<T>(T settings, int storeId = 0) where T : ISettings, new()
    {
        foreach (var property in typeof(T).GetProperties().Where(property => property.CanRead && property.CanWrite))
        {
            var converter = TypeDescriptor.GetConverter(property.PropertyType);
            if (!converter.CanConvertFrom(typeof(string)))
                continue;

            var value = property.GetValue(settings);
            Set($"{typeof(T).Name}.{property.Name}", value != null ? converter.ConvertToInvariantString(value) : string.Empty, storeId);
        }

        return Task.CompletedTask;
    }

    public Task SaveSettingAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, int storeId = 0, bool clearCache = true) where T : ISettings, new()
    {
        var property = GetProperty(keySelector);
        var value = property.GetValue(settings);
        Set(GetSettingKey(settings, keySelector), value != null ? ValueConverter.ToInvariantString(value) : string.Empty, storeId);
        return Task.CompletedTask;
    }

    public async Task SaveSettingOverridablePerStoreAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, bool overrideForStore, int storeId = 0, bool clearCache = true) where T : ISettings, new()
    {
        if (overrideForStore || storeId == 0)
            await SaveSettingAsync(settings, keySelector, storeId, clearCache);
        else if (storeId > 0)
            await DeleteSettingAsync(settings, keySelector, storeId);
    }

    public Task<bool> SettingExistsAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, int storeId = 0) where T : ISettings, new()
    {
        return Task.FromResult(Find(GetSettingKey(settings, keySelector), storeId, false) != null);
    }

    public Task DeleteSettingAsync<T>() where T : ISettings, new()
    {
        var keys = typeof(T).GetProperties().Select(property => Normalize($"{typeof(T).Name}.{property.Name}")).ToHashSet();
        _data.Settings.Delete(setting => keys.Contains(setting.Name));
        return Task.CompletedTask;
    }

    public Task DeleteSettingAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, int storeId = 0) where T : ISettings, new()
    {
        var key = Normalize(GetSettingKey(settings, keySelector));
        _data.Settings.Delete(setting => setting.Name == key && setting.StoreId == storeId);
        return Task.CompletedTask;
    }

    public Task ClearCacheAsync()
    {
        return Task.CompletedTask;
    }

    public Task<T> GetSettingByKeyAsync<T>(string key, T defaultValue = default, int storeId = 0, bool loadSharedValueIfNotFound = false)
    {
        var setting = Find(key, storeId, loadSharedValueIfNotFound);
        return Task.FromResult(setting != null ? ValueConverter.To<T>(setting.Value) : defaultValue);
    }

    public Task SetSettingAsync<T>(string key, T value, int storeId = 0, bool clearCache = true)
    {
        Set(key, value == null ? string.Empty : TypeDescriptor.GetConverter(typeof(T)).ConvertToInvariantString(value), storeId);
        return Task.CompletedTask;
    }

    public string GetSettingKey<TSettings, T>(TSettings settings, Expression<Func<TSettings, T>> keySelector) where TSettings : ISettings, new()
    {
        return $"{typeof(TSettings).Name}.{GetProperty(keySelector).Name}";
    }

    /// <summary>
    /// Gets every stored row of a settings class (for the DevStore's admin and tests)
    /// </summary>
    public IList<Setting> GetAllSettings(string prefix = null)
    {
        prefix = Normalize(prefix);
        return _data.Settings.Query(setting => prefix == null || setting.Name.StartsWith(prefix, StringComparison.Ordinal));
    }
}
