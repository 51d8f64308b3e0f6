using System.Linq.Expressions;
using System.Reflection;
using Nop.Core.Configuration;
using Nop.Services.Configuration;

namespace Nop.Plugin.Payments.Kma.Tests.Admin;

/// <summary>
/// Settings per store with fallback to "all stores" (store 0), as nopCommerce's SettingService stores them.
/// </summary>
internal sealed class InMemorySettingService : ISettingService
{
    public Dictionary<(string Key, int StoreId), object> Values { get; } = new();

    public int SaveCount { get; private set; }

    private static string Key<T>(string property) => $"{typeof(T).Name}.{property}".ToLowerInvariant();

    private static string PropertyName(LambdaExpression expression) =>
        ((MemberExpression)expression.Body).Member.Name;

    public void Set<T>(string property, object value, int storeId = 0) => Values[(Key<T>(property), storeId)] = value;

    public object Get<T>(string property, int storeId) =>
        Values.TryGetValue((Key<T>(property), storeId), out var value) ? value : null;

    public bool Has<T>(string property, int storeId) => Values.ContainsKey((Key<T>(property), storeId));

    public Task<T> LoadSettingAsync<T>(int storeId = 0) where T : ISettings, new()
    {
        var settings = new T();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (Values.TryGetValue((Key<T>(property.Name), storeId), out var value)
                || Values.TryGetValue((Key<T>(property.Name), 0), out value))
                property.SetValue(settings, value);
        }

        return Task.FromResult(settings);
    }

    public Task SaveSettingOverridablePerStoreAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, bool overrideForStore, int storeId = 0, bool clearCache = true) where T : ISettings, new()
    {
        SaveCount++;
        var key = (Key<T>(PropertyName(keySelector)), storeId);
        if (overrideForStore || storeId == 0)
            Values[key] = keySelector.Compile()(settings);
        else
            Values.Remove(key);

        return Task.CompletedTask;
    }

    public Task<bool> SettingExistsAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, int storeId = 0) where T : ISettings, new() =>
        Task.FromResult(Values.ContainsKey((Key<T>(PropertyName(keySelector)), storeId)));

    public Task ClearCacheAsync() => Task.CompletedTask;

    public Task<ISettings> LoadSettingAsync(Type type, int storeId = 0) => throw new NotSupportedException();

    public Task SaveSettingAsync<T>(T settings, int storeId = 0) where T : ISettings, new() => throw new NotSupportedException();

    public Task SaveSettingAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, int storeId = 0, bool clearCache = true) where T : ISettings, new() => throw new NotSupportedException();

    public Task DeleteSettingAsync<T>() where T : ISettings, new() => throw new NotSupportedException();

    public Task DeleteSettingAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, int storeId = 0) where T : ISettings, new() => throw new NotSupportedException();

    public Task<T> GetSettingByKeyAsync<T>(string key, T defaultValue = default, int storeId = 0, bool loadSharedValueIfNotFound = false) => throw new NotSupportedException();

    public Task SetSettingAsync<T>(string key, T value, int storeId = 0, bool clearCache = true) => throw new NotSupportedException();

    public string GetSettingKey<TSettings, T>(TSettings settings, Expression<Func<TSettings, T>> keySelector) where TSettings : ISettings, new() =>
        Key<TSettings>(PropertyName(keySelector));
}
