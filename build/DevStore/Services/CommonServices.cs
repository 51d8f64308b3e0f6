using System.Collections.Concurrent;
using DevStore.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Nop.Core;
using Nop.Core.Caching;
using Nop.Core.Domain.Common;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Logging;
using Nop.Core.Events;
using Nop.Services.Common;
using Nop.Services.Events;
using Nop.Services.Logging;
using Nop.Services.Messages;

namespace DevStore.Services;

/// <summary>
/// Generic attributes, as nopCommerce's GenericAttributeService: the key group is the entity's type name,
/// keys compare case-insensitively, saving an empty value deletes the attribute
/// </summary>
public class GenericAttributeService : IGenericAttributeService
{
    private readonly DevStoreData _data;

    public GenericAttributeService(DevStoreData data)
    {
        _data = data;
    }

    public Task DeleteAttributeAsync(GenericAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        _data.GenericAttributes.Delete(row => row.Id == attribute.Id);
        return Task.CompletedTask;
    }

    public Task InsertAttributeAsync(GenericAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        attribute.CreatedOrUpdatedDateUTC = DateTime.UtcNow;
        _data.GenericAttributes.Insert(attribute);
        return Task.CompletedTask;
    }

    public Task UpdateAttributeAsync(GenericAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        attribute.CreatedOrUpdatedDateUTC = DateTime.UtcNow;
        _data.GenericAttributes.Update(attribute);
        return Task.CompletedTask;
    }

    public Task<IList<GenericAttribute>> GetAttributesForEntityAsync(int entityId, string keyGroup)
    {
        IList<GenericAttribute> attributes = _data.GenericAttributes.Lookup(DevStoreData.EntityIndex, (entityId, keyGroup));
        return Task.FromResult(attributes);
    }

    public async Task SaveAttributeAsync<TPropType>(BaseEntity entity, string key, TPropType value, int storeId = 0)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(key);

        var keyGroup = entity.GetType().Name;
        var attribute = (await GetAttributesForEntityAsync(entity.Id, keyGroup))
            .FirstOrDefault(row => row.StoreId == storeId && row.Key.Equals(key, StringComparison.InvariantCultureIgnoreCase));
        var text = ValueConverter.ToInvariantString(value);

        if (attribute != null)
        {
            if (string.IsNullOrWhiteSpace(text))
                await DeleteAttributeAsync(attribute);
            else
            {
                attribute.Value = text;
                await UpdateAttributeAsync(attribute);
            }
        }
        else if (!string.IsNullOrWhiteSpace(text))
        {
            await InsertAttributeAsync(new GenericAttribute
            {
                EntityId = entity.Id,
                Key = key,
                KeyGroup = keyGroup,
                Value = text,
                StoreId = storeId
            });
        }
    }

    public Task<TPropType> GetAttributeAsync<TPropType>(BaseEntity entity, string key, int storeId = 0, TPropType defaultValue = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return GetAttributeAsync(entity.GetType().Name, entity.Id, key, storeId, defaultValue);
    }

    public Task<TPropType> GetAttributeAsync<TEntity, TPropType>(int entityId, string key, int storeId = 0, TPropType defaultValue = default) where TEntity : BaseEntity
    {
        return GetAttributeAsync(typeof(TEntity).Name, entityId, key, storeId, defaultValue);
    }

    private async Task<TPropType> GetAttributeAsync<TPropType>(string keyGroup, int entityId, string key, int storeId, TPropType defaultValue)
    {
        var attribute = (await GetAttributesForEntityAsync(entityId, keyGroup))
            .FirstOrDefault(row => row.StoreId == storeId && row.Key.Equals(key, StringComparison.InvariantCultureIgnoreCase));
        if (attribute == null || string.IsNullOrEmpty(attribute.Value))
            return defaultValue;

        var type = Nullable.GetUnderlyingType(typeof(TPropType)) ?? typeof(TPropType);
        return (TPropType)ValueConverter.To(attribute.Value, type);
    }
}

/// <summary>
/// A logger whose entries stay in memory (and go to the console), as nopCommerce's DefaultLogger writes its Log table
/// </summary>
public class InMemoryLogger : ILogger
{
    private readonly DevStoreData _data;
    private readonly Microsoft.Extensions.Logging.ILogger _console;

    public InMemoryLogger(DevStoreData data, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory)
    {
        _data = data;
        _console = loggerFactory.CreateLogger("Nop.Services.Logging");
    }

    public bool IsEnabled(LogLevel level) => level != LogLevel.Debug;

    public Task InsertLogAsync(LogLevel logLevel, string shortMessage, string fullMessage = "", Customer customer = null)
    {
        _data.Logs.Insert(new Log
        {
            LogLevel = logLevel,
            ShortMessage = shortMessage,
            FullMessage = fullMessage,
            CustomerId = customer?.Id,
            CreatedOnUtc = DateTime.UtcNow
        });

        var level = logLevel switch
        {
            LogLevel.Debug => Microsoft.Extensions.Logging.LogLevel.Debug,
            LogLevel.Information => Microsoft.Extensions.Logging.LogLevel.Information,
            LogLevel.Warning => Microsoft.Extensions.Logging.LogLevel.Warning,
            _ => Microsoft.Extensions.Logging.LogLevel.Error
        };
        Microsoft.Extensions.Logging.LoggerExtensions.Log(_console, level, "{Message}", shortMessage);

        return Task.CompletedTask;
    }

    private Task LogAsync(LogLevel level, string message, Exception exception, Customer customer)
    {
        if (!IsEnabled(level))
            return Task.CompletedTask;

        return InsertLogAsync(level, message, exception?.ToString() ?? string.Empty, customer);
    }

    public Task InformationAsync(string message, Exception exception = null, Customer customer = null) => LogAsync(LogLevel.Information, message, exception, customer);

    public void Information(string message, Exception exception = null, Customer customer = null) => LogAsync(LogLevel.Information, message, exception, customer).GetAwaiter().GetResult();

    public Task WarningAsync(string message, Exception exception = null, Customer customer = null) => LogAsync(LogLevel.Warning, message, exception, customer);

    public void Warning(string message, Exception exception = null, Customer customer = null) => LogAsync(LogLevel.Warning, message, exception, customer).GetAwaiter().GetResult();

    public Task ErrorAsync(string message, Exception exception = null, Customer customer = null) => LogAsync(LogLevel.Error, message, exception, customer);

    public void Error(string message, Exception exception = null, Customer customer = null) => LogAsync(LogLevel.Error, message, exception, customer).GetAwaiter().GetResult();

    /// <summary>Gets every entry, oldest first</summary>
    public IList<Log> GetAll() => _data.Logs.Query();
}

/// <summary>
/// The single-server locker of nopCommerce (MemoryCacheLocker): it never waits. A second caller of a held key
/// gets false at once and its action does not run; the key is released when the action ends or throws.
/// </summary>
public class MemoryCacheLocker : ILocker
{
    private readonly IMemoryCache _memoryCache;

    public MemoryCacheLocker(IMemoryCache memoryCache)
    {
        _memoryCache = memoryCache;
    }

    private async Task<bool> RunAsync(string key, TimeSpan? expirationTime, Func<CancellationToken, Task> action, CancellationTokenSource cancellationTokenSource = default)
    {
        var started = false;
        try
        {
            var tokenSource = _memoryCache.GetOrCreate(key, entry => new Lazy<CancellationTokenSource>(() =>
            {
                entry.AbsoluteExpirationRelativeToNow = expirationTime;
                entry.SetPriority(CacheItemPriority.NeverRemove);
                started = true;
                return cancellationTokenSource ?? new CancellationTokenSource();
            }, true))?.Value;

            if (tokenSource != null && started)
                await action(tokenSource.Token);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (started)
                _memoryCache.Remove(key);
        }

        return started;
    }

    public Task<bool> PerformActionWithLockAsync(string resource, TimeSpan expirationTime, Func<Task> action)
    {
        return RunAsync(resource, expirationTime, _ => action());
    }

    public Task RunWithHeartbeatAsync(string key, TimeSpan expirationTime, TimeSpan heartbeatInterval, Func<CancellationToken, Task> action, CancellationTokenSource cancellationTokenSource = default)
    {
        return RunAsync(key, null, action, cancellationTokenSource);
    }

    public Task CancelTaskAsync(string key, TimeSpan expirationTime)
    {
        if (_memoryCache.TryGetValue(key, out Lazy<CancellationTokenSource> tokenSource))
            tokenSource.Value.Cancel();

        return Task.CompletedTask;
    }

    public Task<bool> IsTaskRunningAsync(string key)
    {
        return Task.FromResult(_memoryCache.TryGetValue(key, out _));
    }
}

/// <summary>
/// Notifications shown on the next page (kept per customer until shown) and recorded for tests
/// </summary>
public class NotificationService : INotificationService
{
    private readonly DevStoreData _data;
    private readonly IHttpContextAccessor _httpContextAccessor;
    private readonly ILogger _logger;
    private readonly IWorkContext _workContext;

    public NotificationService(DevStoreData data,
        IHttpContextAccessor httpContextAccessor,
        ILogger logger,
        IWorkContext workContext)
    {
        _data = data;
        _httpContextAccessor = httpContextAccessor;
        _logger = logger;
        _workContext = workContext;
    }

    public void Notification(NotifyType type, string message, bool encode = true, int timeout = 0)
    {
        var customer = _workContext.GetCurrentCustomerAsync().GetAwaiter().GetResult();
        var text = encode ? System.Net.WebUtility.HtmlEncode(message) : message;
        var notification = new Notification(customer?.Id ?? 0, type.ToString(), text, DateTime.UtcNow);
        _data.Notifications.Enqueue(notification);
        _data.PendingNotifications.GetOrAdd(notification.CustomerId, _ => new ConcurrentQueue<Notification>()).Enqueue(notification);
    }

    public void SuccessNotification(string message, bool encode = true, int timeout = 0) => Notification(NotifyType.Success, message, encode, timeout);

    public void WarningNotification(string message, bool encode = true, int timeout = 0) => Notification(NotifyType.Warning, message, encode, timeout);

    public void ErrorNotification(string message, bool encode = true, int timeout = 0) => Notification(NotifyType.Error, message, encode, timeout);

    public async Task ErrorNotificationAsync(Exception exception, bool logException = true, int timeout = 0)
    {
        if (exception == null)
            return;

        if (logException)
            await _logger.ErrorAsync(exception.Message, exception, await _workContext.GetCurrentCustomerAsync());

        ErrorNotification(exception.Message, true, timeout);
    }

    /// <summary>Takes the notifications waiting for a customer</summary>
    public IList<Notification> TakePending(int customerId)
    {
        var result = new List<Notification>();
        if (_data.PendingNotifications.TryGetValue(customerId, out var queue))
        {
            while (queue.TryDequeue(out var notification))
                result.Add(notification);
        }

        return result;
    }
}

/// <summary>
/// Publishes an event to every IConsumer of it registered in the current scope, as nopCommerce's EventPublisher:
/// a consumer that throws is logged and the others still run
/// </summary>
public class EventPublisher : IEventPublisher
{
    private readonly IServiceProvider _serviceProvider;

    public EventPublisher(IServiceProvider serviceProvider)
    {
        _serviceProvider = serviceProvider;
    }

    public async Task PublishAsync<TEvent>(TEvent @event)
    {
        foreach (var consumer in _serviceProvider.GetServices<IConsumer<TEvent>>().ToList())
        {
            try
            {
                await consumer.HandleEventAsync(@event);
            }
            catch (Exception exception)
            {
                try
                {
                    await _serviceProvider.GetRequiredService<ILogger>().ErrorAsync(exception.Message, exception);
                }
                catch
                {
                    // logging must never break the publisher
                }
            }
        }
    }

    public void Publish<TEvent>(TEvent @event)
    {
        PublishAsync(@event).GetAwaiter().GetResult();
    }
}
