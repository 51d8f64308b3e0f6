using System.Linq.Expressions;
using DevStore.Data;
using Nop.Core.Configuration;
using Nop.Services.Configuration;
using NopSettingService = DevStore.Services.SettingService;

namespace Nop.Plugin.Payments.Kma.Tests.Admin;

/// <summary>
/// The DevStore's settings (per store with fallback to "all stores", store 0, stored as strings as nopCommerce's
/// Setting table has them), with helpers to set and read one property and a count of the overridable saves.
/// </summary>
internal sealed class InMemorySettingService : NopSettingService, ISettingService
{
    private readonly DevStoreData _data;

    public InMemorySettingService() : this(new DevStoreData())
    {
    }

    private InMemorySettingService(DevStoreData data) : base(data)
    {
        _data = data;
        Values = new StoredValues(data);
    }

    /// <summary>Every stored setting row</summary>
    public StoredValues Values { get; }

    public int SaveCount { get; private set; }

    private static string Key<T>(string property) => $"{typeof(T).Name}.{property}";

    public void Set<T>(string property, object value, int storeId = 0) =>
        SetSettingAsync(Key<T>(property), ValueConverter.ToInvariantString(value), storeId).GetAwaiter().GetResult();

    private Setting Row<T>(string property, int storeId)
    {
        var key = Key<T>(property).ToLowerInvariant();
        return _data.Settings.Query(setting => setting.Name == key && setting.StoreId == storeId).FirstOrDefault();
    }

    /// <summary>The value stored for exactly this store, typed as the property, or null</summary>
    public object Get<T>(string property, int storeId) =>
        Row<T>(property, storeId) is { } row ? ValueConverter.To(row.Value, typeof(T).GetProperty(property).PropertyType) : null;

    public bool Has<T>(string property, int storeId) => Row<T>(property, storeId) != null;

    /// <summary>Counted, then saved as nopCommerce does (this class re-implements ISettingService to count)</summary>
    public new Task SaveSettingOverridablePerStoreAsync<T, TPropType>(T settings, Expression<Func<T, TPropType>> keySelector, bool overrideForStore, int storeId = 0, bool clearCache = true)
        where T : ISettings, new()
    {
        SaveCount++;
        return base.SaveSettingOverridablePerStoreAsync(settings, keySelector, overrideForStore, storeId, clearCache);
    }

    /// <summary>
    /// The stored rows, for clearing between cases
    /// </summary>
    internal sealed class StoredValues(DevStoreData data)
    {
        public void Clear() => data.Settings.Delete(_ => true);
    }
}
