using Nop.Core;
using Nop.Data.Mapping.Builders;
using Nop.Plugin.Payments.Kma.Domain;

namespace DevStore.Data;

/// <summary>
/// What nopCommerce's migration runner does with a plugin's schema migration, for the tables the DevStore knows:
/// on install, each entity that has a NopEntityBuilder in the plugin gets its table (with the builder's unique keys,
/// restated here because the DevStore has no FluentMigrator runner); on uninstall the AutoReversingMigration's Down
/// drops it again. An entity the DevStore does not know stops the install, so a new plugin table is never missed.
/// </summary>
public static class PluginSchema
{
    //KmaPaymentClaimBuilder: OrderId INT NOT NULL UNIQUE
    private static readonly Dictionary<Type, Func<object>> _tables = new()
    {
        [typeof(KmaPaymentClaim)] = () => new Table<KmaPaymentClaim>().UniqueBy(nameof(KmaPaymentClaim.OrderId), claim => claim.OrderId)
    };

    /// <summary>Gets the entity types the plugin assembly declares tables for (through its entity builders)</summary>
    public static IReadOnlyList<Type> EntityTypes(Type pluginType) => pluginType.Assembly.GetTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && type.BaseType is { IsGenericType: true } baseType
            && baseType.GetGenericTypeDefinition() == typeof(NopEntityBuilder<>))
        .Select(type => type.BaseType.GetGenericArguments()[0])
        .ToList();

    /// <summary>Creates the plugin's tables that do not exist yet (Up)</summary>
    public static void Apply(DevStoreData data, Type pluginType)
    {
        foreach (var entityType in EntityTypes(pluginType))
        {
            if (!_tables.TryGetValue(entityType, out var create))
                throw new NotSupportedException($"The DevStore does not know the table of {entityType.FullName}; add it to {nameof(PluginSchema)}");
            data.PluginTables.GetOrAdd(entityType, _ => create());
        }
    }

    /// <summary>Gets a new, empty database with the plugin's tables created (for tests that need only those)</summary>
    public static DevStoreData CreateDatabase(Type pluginType)
    {
        var data = new DevStoreData();
        Apply(data, pluginType);
        return data;
    }

    /// <summary>Drops the plugin's tables (Down)</summary>
    public static void Revert(DevStoreData data, Type pluginType)
    {
        foreach (var entityType in EntityTypes(pluginType))
            data.PluginTables.TryRemove(entityType, out _);
    }
}

/// <summary>
/// nopCommerce's IRepository over a DevStore table; every call is one awaited round trip, as with a database
/// </summary>
public sealed class DevStoreRepository<T> : Nop.Data.IRepository<T> where T : BaseEntity
{
    private readonly DevStoreData _data;

    public DevStoreRepository(DevStoreData data) => _data = data;

    public async Task<IList<T>> GetAllAsync(Func<IQueryable<T>, IQueryable<T>> func = null,
        Func<Nop.Core.Caching.ICacheKeyService, Nop.Core.Caching.CacheKey> getCacheKey = null, bool includeDeleted = true)
    {
        await Task.Yield();
        var rows = _data.PluginTable<T>().Query().AsQueryable();
        return (func?.Invoke(rows) ?? rows).ToList();
    }

    public async Task InsertAsync(T entity, bool publishEvent = true)
    {
        await Task.Yield();
        _data.PluginTable<T>().Insert(entity);
    }

    public async Task DeleteAsync(T entity, bool publishEvent = true)
    {
        await Task.Yield();
        var id = entity.Id;
        _data.PluginTable<T>().Delete(row => row.Id == id);
    }
}
