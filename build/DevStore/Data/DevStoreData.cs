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

    public void Insert(T entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        lock (_sync)
        {
            entity.Id = ++_lastId;
            _rows[entity.Id] = Copy(entity);
        }
    }

    public void Update(T entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        lock (_sync)
        {
            if (!_rows.ContainsKey(entity.Id))
                throw new InvalidOperationException($"{typeof(T).Name} #{entity.Id} does not exist");
            _rows[entity.Id] = Copy(entity);
        }
    }

    public void Delete(Func<T, bool> predicate)
    {
        lock (_sync)
        {
            foreach (var id in _rows.Values.Where(predicate).Select(row => row.Id).ToList())
                _rows.Remove(id);
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
/// Everything the DevStore keeps: its "database"
/// </summary>
public sealed class DevStoreData
{
    public Table<Order> Orders { get; } = new();
    public Table<OrderNote> OrderNotes { get; } = new();
    public Table<GenericAttribute> GenericAttributes { get; } = new();
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
