using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Nop.Core;
using Nop.Core.Domain.Common;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.Logging;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.ScheduleTasks;
using Nop.Core.Domain.Stores;

namespace DevStore.Data;

/// <summary>
/// A setting row, as nopCommerce's Setting table has it (names stored trimmed and lower-cased)
/// </summary>
public sealed class Setting : BaseEntity
{
    public string Name { get; set; }
    public string Value { get; set; }
    public int StoreId { get; set; }
}

/// <summary>
/// A locale string resource row (names stored trimmed and lower-cased)
/// </summary>
public sealed class LocaleStringResource : BaseEntity
{
    public int LanguageId { get; set; }
    public string ResourceName { get; set; }
    public string ResourceValue { get; set; }
}

/// <summary>
/// A log row, as nopCommerce's Log table has it
/// </summary>
public sealed class Log : BaseEntity
{
    public LogLevel LogLevel { get; set; }
    public string ShortMessage { get; set; }
    public string FullMessage { get; set; }
    public int? CustomerId { get; set; }
    public DateTime CreatedOnUtc { get; set; }
}

/// <summary>
/// A product of the DevStore catalogue
/// </summary>
public sealed class Product : BaseEntity
{
    public string Name { get; set; }
    public string NameThai { get; set; }
    public decimal Price { get; set; }
    public bool IsShipEnabled { get; set; }
}

/// <summary>
/// A shown notification (kept so tests can see what a person would have seen)
/// </summary>
public sealed record Notification(int CustomerId, string Type, string Message, DateTime CreatedOnUtc);

/// <summary>
/// A table of entities kept in memory. Reads and writes copy the entity, as a database round trip does,
/// so two requests never share one instance.
/// </summary>
public sealed class Table<T> where T : BaseEntity
{
    private static readonly Func<object, object> _clone = CreateClone();
    private readonly Dictionary<int, T> _rows = new();
    private readonly Dictionary<string, (Func<T, object> Key, Dictionary<object, HashSet<int>> Ids)> _indexes = new();
    private readonly HashSet<string> _uniqueIndexes = new();
    private readonly object _sync = new();
    private int _lastId;

    private static Func<object, object> CreateClone()
    {
        var method = typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic);
        return (Func<object, object>)method.CreateDelegate(typeof(Func<object, object>));
    }

    public static T Copy(T entity) => entity == null ? null : (T)_clone(entity);

    public T GetById(int id)
    {
        lock (_sync)
            return _rows.TryGetValue(id, out var row) ? Copy(row) : null;
    }

    public List<T> Query(Func<T, bool> predicate = null)
    {
        lock (_sync)
            return _rows.Values.Where(row => predicate?.Invoke(row) ?? true).OrderBy(row => row.Id).Select(Copy).ToList();
    }

    /// <summary>
    /// Keeps rows findable by a key, as a database index does (a lookup then costs what one database read costs,
    /// not a scan of every row)
    /// </summary>
    public Table<T> IndexBy(string name, Func<T, object> key)
    {
        lock (_sync)
        {
            var ids = new Dictionary<object, HashSet<int>>();
            foreach (var row in _rows.Values)
                AddToIndex(ids, key(row), row.Id);
            _indexes[name] = (key, ids);
        }

        return this;
    }

    /// <summary>
    /// Keeps rows findable by a key that no two rows may share, as a unique index does: an insert of a taken key
    /// fails, checked and written under the table's lock (atomic, like the database's own check)
    /// </summary>
    public Table<T> UniqueBy(string name, Func<T, object> key)
    {
        IndexBy(name, key);
        lock (_sync)
            _uniqueIndexes.Add(name);

        return this;
    }

    /// <summary>
    /// Gets the rows whose indexed key equals the given one (and that match the predicate), ordered by id
    /// </summary>
    public List<T> Lookup(string index, object key, Func<T, bool> predicate = null)
    {
        lock (_sync)
        {
            if (!_indexes[index].Ids.TryGetValue(key, out var ids))
                return [];

            return ids.Select(id => _rows[id]).Where(row => predicate?.Invoke(row) ?? true).OrderBy(row => row.Id).Select(Copy).ToList();
        }
    }

    private static void AddToIndex(Dictionary<object, HashSet<int>> ids, object key, int id)
    {
        if (key == null)
            return;

        if (!ids.TryGetValue(key, out var set))
            ids[key] = set = new HashSet<int>();
        set.Add(id);
    }

    private void Unindex(T row)
    {
        foreach (var (key, ids) in _indexes.Values)
        {
            var value = key(row);
            if (value != null && ids.TryGetValue(value, out var set))
                set.Remove(row.Id);
        }
    }

    private void Index(T row)
    {
        foreach (var (key, ids) in _indexes.Values)
            AddToIndex(ids, key(row), row.Id);
    }

    public void Insert(T entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        lock (_sync)
        {
            foreach (var name in _uniqueIndexes)
            {
                var (key, ids) = _indexes[name];
                if (key(entity) is { } value && ids.TryGetValue(value, out var taken) && taken.Count > 0)
                    throw new DevStoreUniqueKeyException($"duplicate key value violates unique index \"{name}\" of {typeof(T).Name}");
            }

            entity.Id = ++_lastId;
            _rows[entity.Id] = Copy(entity);
            Index(_rows[entity.Id]);
        }
    }

    /// <summary>
    /// Inserts a row with the id it already has, replacing a row of that id, as an import with identity insert does
    /// (for tests that need known ids); later inserts continue after the highest id
    /// </summary>
    public void Seed(T entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        lock (_sync)
        {
            if (_rows.TryGetValue(entity.Id, out var current))
                Unindex(current);
            _rows[entity.Id] = Copy(entity);
            Index(_rows[entity.Id]);
            _lastId = Math.Max(_lastId, entity.Id);
        }
    }

    public void Update(T entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        lock (_sync)
        {
            if (!_rows.TryGetValue(entity.Id, out var current))
                throw new InvalidOperationException($"{typeof(T).Name} #{entity.Id} does not exist");
            Unindex(current);
            _rows[entity.Id] = Copy(entity);
            Index(_rows[entity.Id]);
        }
    }

    /// <summary>
    /// Deletes the rows matching the predicate and returns how many were deleted (atomic)
    /// </summary>
    public int Delete(Func<T, bool> predicate)
    {
        lock (_sync)
        {
            var rows = _rows.Values.Where(predicate).ToList();
            foreach (var row in rows)
            {
                Unindex(row);
                _rows.Remove(row.Id);
            }

            return rows.Count;
        }
    }

    public int Count
    {
        get
        {
            lock (_sync)
                return _rows.Count;
        }
    }
}

/// <summary>
/// What a database answers to an insert that breaks a unique index
/// </summary>
public sealed class DevStoreUniqueKeyException : Exception
{
    public DevStoreUniqueKeyException(string message) : base(message)
    {
    }
}

/// <summary>
/// Everything the DevStore keeps: its "database"
/// </summary>
public sealed class DevStoreData
{
    public Table<Order> Orders { get; } = new Table<Order>().IndexBy(nameof(Order.OrderGuid), order => order.OrderGuid);
    public Table<OrderNote> OrderNotes { get; } = new Table<OrderNote>().IndexBy(nameof(OrderNote.OrderId), note => note.OrderId);
    public Table<GenericAttribute> GenericAttributes { get; } = new Table<GenericAttribute>().IndexBy(EntityIndex, attribute => (attribute.EntityId, attribute.KeyGroup));

    /// <summary>Gets the name of the generic attributes' index on (EntityId, KeyGroup)</summary>
    public const string EntityIndex = "Entity";
    public Table<Setting> Settings { get; } = new();
    public Table<LocaleStringResource> LocaleStringResources { get; } = new();
    public Table<Log> Logs { get; } = new();
    public Table<Customer> Customers { get; } = new();
    public Table<ScheduleTask> ScheduleTasks { get; } = new();
    public Table<Store> Stores { get; } = new();
    public Table<Language> Languages { get; } = new();
    public Table<Currency> Currencies { get; } = new();
    public Table<Product> Products { get; } = new();
    public Table<ShoppingCartItem> ShoppingCartItems { get; } = new();

    /// <summary>Tables created by plugins' migrations (see PluginSchema), by entity type</summary>
    public ConcurrentDictionary<Type, object> PluginTables { get; } = new();

    /// <summary>Gets a plugin's table; a table its migration has not created fails as a missing relation would</summary>
    public Table<T> PluginTable<T>() where T : BaseEntity => PluginTables.TryGetValue(typeof(T), out var table)
        ? (Table<T>)table
        : throw new InvalidOperationException($"relation \"{typeof(T).Name}\" does not exist");

    /// <summary>Customer id → role system names ("Administrators", "Registered", "Guests", "BackgroundTask")</summary>
    public ConcurrentDictionary<int, string[]> CustomerRoles { get; } = new();

    /// <summary>System names of the installed plugins</summary>
    public ConcurrentDictionary<string, bool> InstalledPlugins { get; } = new(StringComparer.InvariantCultureIgnoreCase);

    /// <summary>Customer id → the payment info entered during checkout (nopCommerce keeps it in the session)</summary>
    public ConcurrentDictionary<int, Nop.Services.Payments.ProcessPaymentRequest> ProcessPaymentRequests { get; } = new();

    /// <summary>Every notification shown, oldest first</summary>
    public ConcurrentQueue<Notification> Notifications { get; } = new();

    /// <summary>Customer id → notifications not shown yet</summary>
    public ConcurrentDictionary<int, ConcurrentQueue<Notification>> PendingNotifications { get; } = new();
}

/// <summary>
/// Converts stored strings to typed values as nopCommerce's CommonHelper.To does (invariant culture, type converters)
/// </summary>
public static class ValueConverter
{
    static ValueConverter()
    {
        TypeDescriptor.AddAttributes(typeof(List<string>), new TypeConverterAttribute(typeof(StringListTypeConverter)));
        TypeDescriptor.AddAttributes(typeof(List<int>), new TypeConverterAttribute(typeof(IntListTypeConverter)));
    }

    public static void EnsureRegistered()
    {
    }

    public static string ToInvariantString(object value)
    {
        if (value == null)
            return null;

        return TypeDescriptor.GetConverter(value.GetType()).ConvertToInvariantString(value);
    }

    public static T To<T>(object value) => (T)To(value, typeof(T));

    public static object To(object value, Type destinationType)
    {
        if (value == null)
            return null;

        var sourceType = value.GetType();
        if (destinationType.IsAssignableFrom(sourceType))
            return value;

        var destinationConverter = TypeDescriptor.GetConverter(destinationType);
        if (destinationConverter.CanConvertFrom(sourceType))
            return destinationConverter.ConvertFrom(null, CultureInfo.InvariantCulture, value);

        var sourceConverter = TypeDescriptor.GetConverter(sourceType);
        if (sourceConverter.CanConvertTo(destinationType))
            return sourceConverter.ConvertTo(null, CultureInfo.InvariantCulture, value, destinationType);

        if (destinationType.IsEnum && value is int number)
            return Enum.ToObject(destinationType, number);

        return Convert.ChangeType(value, destinationType, CultureInfo.InvariantCulture);
    }

    private sealed class StringListTypeConverter : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

        public override object ConvertFrom(ITypeDescriptorContext context, CultureInfo culture, object value) => value is string text
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : base.ConvertFrom(context, culture, value);

        public override object ConvertTo(ITypeDescriptorContext context, CultureInfo culture, object value, Type destinationType) => destinationType == typeof(string) && value is IEnumerable<string> items
            ? string.Join(",", items)
            : base.ConvertTo(context, culture, value, destinationType);

        public override bool IsValid(ITypeDescriptorContext context, object value) => true;
    }

    private sealed class IntListTypeConverter : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

        public override object ConvertFrom(ITypeDescriptorContext context, CultureInfo culture, object value) => value is string text
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item => int.Parse(item, CultureInfo.InvariantCulture)).ToList()
            : base.ConvertFrom(context, culture, value);

        public override object ConvertTo(ITypeDescriptorContext context, CultureInfo culture, object value, Type destinationType) => destinationType == typeof(string) && value is IEnumerable<int> items
            ? string.Join(",", items.Select(item => item.ToString(CultureInfo.InvariantCulture)))
            : base.ConvertTo(context, culture, value, destinationType);

        public override bool IsValid(ITypeDescriptorContext context, object value) => true;
    }
}

/// <summary>
/// A page of results, as nopCommerce's PagedList
/// </summary>
public sealed class PagedList<T> : List<T>, IPagedList<T>
{
    public PagedList(IList<T> source, int pageIndex, int pageSize, bool getOnlyTotalCount = false)
    {
        pageSize = Math.Max(pageSize, 1);
        TotalCount = source.Count;
        TotalPages = TotalCount / pageSize + (TotalCount % pageSize > 0 ? 1 : 0);
        PageSize = pageSize;
        PageIndex = pageIndex;
        if (!getOnlyTotalCount)
            AddRange(source.Skip(pageIndex * pageSize).Take(pageSize));
    }

    public int PageIndex { get; }
    public int PageSize { get; }
    public int TotalCount { get; }
    public int TotalPages { get; }
    public bool HasPreviousPage => PageIndex > 0;
    public bool HasNextPage => PageIndex + 1 < TotalPages;
}
