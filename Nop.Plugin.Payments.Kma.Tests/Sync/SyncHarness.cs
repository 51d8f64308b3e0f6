using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using DevStore.Data;
using Moq;
using Nop.Core;
using Nop.Core.Caching;
using Nop.Core.Domain.Common;
using Nop.Core.Domain.Logging;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Plugin.Payments.Kma.Domain;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Logging;
using Nop.Services.Orders;

namespace Nop.Plugin.Payments.Kma.Tests.Sync;

/// <summary>
/// A non-blocking in-memory lock with nopCommerce's ILocker semantics: false at once when the key is held
/// </summary>
public sealed class InMemoryLocker : ILocker
{
    private readonly ConcurrentDictionary<string, byte> _held = new();

    public int Refusals;

    public async Task<bool> PerformActionWithLockAsync(string resource, TimeSpan expirationTime, Func<Task> action)
    {
        if (!_held.TryAdd(resource, 0))
        {
            Interlocked.Increment(ref Refusals);
            return false;
        }

        try
        {
            await action();
            return true;
        }
        finally
        {
            _held.TryRemove(resource, out _);
        }
    }

    public Task RunWithHeartbeatAsync(string key, TimeSpan expirationTime, TimeSpan heartbeatInterval, Func<CancellationToken, Task> action, CancellationTokenSource cancellationTokenSource = default) => throw new NotSupportedException();

    public Task CancelTaskAsync(string key, TimeSpan expirationTime) => throw new NotSupportedException();

    public Task<bool> IsTaskRunningAsync(string key) => Task.FromResult(_held.ContainsKey(key));
}

/// <summary>
/// A locker that lets every caller in at once: what nopCommerce's DistributedCacheLocker amounts to when two web nodes
/// read the key in the same instant (read, then write, not one atomic step)
/// </summary>
public sealed class PassThroughLocker : ILocker
{
    public int Entries;

    public async Task<bool> PerformActionWithLockAsync(string resource, TimeSpan expirationTime, Func<Task> action)
    {
        Interlocked.Increment(ref Entries);
        await action();
        return true;
    }

    public Task RunWithHeartbeatAsync(string key, TimeSpan expirationTime, TimeSpan heartbeatInterval, Func<CancellationToken, Task> action, CancellationTokenSource cancellationTokenSource = default) => throw new NotSupportedException();

    public Task CancelTaskAsync(string key, TimeSpan expirationTime) => throw new NotSupportedException();

    public Task<bool> IsTaskRunningAsync(string key) => Task.FromResult(false);
}

/// <summary>
/// Generic attributes kept in memory, per entity and key
/// </summary>
public sealed class FakeGenericAttributes : IGenericAttributeService
{
    private readonly ConcurrentDictionary<(int EntityId, string Key), string> _values = new();

    public string this[int entityId, string key]
    {
        get => _values.TryGetValue((entityId, key), out var value) ? value : null;
        set
        {
            if (string.IsNullOrEmpty(value))
                _values.TryRemove((entityId, key), out _);
            else
                _values[(entityId, key)] = value;
        }
    }

    public Task DeleteAttributeAsync(GenericAttribute attribute) => throw new NotSupportedException();

    public Task InsertAttributeAsync(GenericAttribute attribute) => throw new NotSupportedException();

    public Task UpdateAttributeAsync(GenericAttribute attribute) => throw new NotSupportedException();

    public Task<IList<GenericAttribute>> GetAttributesForEntityAsync(int entityId, string keyGroup) => throw new NotSupportedException();

    public Task SaveAttributeAsync<TPropType>(BaseEntity entity, string key, TPropType value, int storeId = 0)
    {
        this[entity.Id, key] = value?.ToString();
        return Task.CompletedTask;
    }

    public Task<TPropType> GetAttributeAsync<TPropType>(BaseEntity entity, string key, int storeId = 0, TPropType defaultValue = default)
    {
        return GetAttributeAsync<Order, TPropType>(entity.Id, key, storeId, defaultValue);
    }

    public Task<TPropType> GetAttributeAsync<TEntity, TPropType>(int entityId, string key, int storeId = 0, TPropType defaultValue = default) where TEntity : BaseEntity
    {
        var value = this[entityId, key];
        if (value == null)
            return Task.FromResult(defaultValue);

        return Task.FromResult((TPropType)Convert.ChangeType(value, typeof(TPropType)));
    }
}

/// <summary>
/// A paged list for mocked searches
/// </summary>
public sealed class TestPagedList<T> : List<T>, IPagedList<T>
{
    public TestPagedList(IEnumerable<T> source, int pageIndex, int pageSize, int totalCount) : base(source)
    {
        PageIndex = pageIndex;
        PageSize = pageSize;
        TotalCount = totalCount;
    }

    public int PageIndex { get; }
    public int PageSize { get; }
    public int TotalCount { get; }
    public int TotalPages => PageSize == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
    public bool HasPreviousPage => PageIndex > 0;
    public bool HasNextPage => PageIndex + 1 < TotalPages;
}

/// <summary>
/// Orders and notes kept in memory; every read returns a copy, as a database would. Reads and writes yield so that
/// concurrent callers really interleave
/// </summary>
public sealed class FakeOrderStore : IOrderService
{
    private static readonly MethodInfo _memberwiseClone = typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic);
    private readonly ConcurrentDictionary<int, Order> _orders = new();
    private readonly ConcurrentQueue<OrderNote> _notes = new();

    public static Order Copy(Order order) => (Order)_memberwiseClone.Invoke(order, null);

    public Order Add(Order order)
    {
        _orders[order.Id] = Copy(order);
        return Copy(order);
    }

    public Order Get(int id) => Copy(_orders[id]);

    public void Save(Order order) => _orders[order.Id] = Copy(order);

    public IReadOnlyList<Order> All => _orders.Values.Select(Copy).ToList();

    public IReadOnlyList<OrderNote> Notes => _notes.ToList();

    public IReadOnlyList<string> NotesOf(int orderId) => _notes.Where(note => note.OrderId == orderId).Select(note => note.Note).ToList();

    public Func<int, int, int, string, DateTime?, DateTime?, List<int>, List<int>, IPagedList<Order>> Search { get; set; }

    public async Task<Order> GetOrderByIdAsync(int orderId)
    {
        await Task.Yield();
        return _orders.TryGetValue(orderId, out var order) ? Copy(order) : null;
    }

    public async Task<Order> GetOrderByGuidAsync(Guid orderGuid)
    {
        await Task.Yield();
        var order = _orders.Values.FirstOrDefault(candidate => candidate.OrderGuid == orderGuid);
        return order == null ? null : Copy(order);
    }

    public Task<Order> GetOrderByCustomOrderNumberAsync(string customOrderNumber) => throw new NotSupportedException();

    public async Task<IList<Order>> GetOrdersByIdsAsync(int[] orderIds)
    {
        await Task.Delay(1);
        return orderIds.Where(_orders.ContainsKey).Select(id => Copy(_orders[id])).Where(order => !order.Deleted).ToList();
    }

    public Task<IList<Order>> GetOrdersByGuidsAsync(Guid[] orderGuids) => throw new NotSupportedException();

    public Task<IPagedList<Order>> SearchOrdersAsync(int storeId = 0, int vendorId = 0, int customerId = 0, int productId = 0, int affiliateId = 0, int warehouseId = 0,
        int billingCountryId = 0, string paymentMethodSystemName = null, DateTime? createdFromUtc = null, DateTime? createdToUtc = null,
        List<int> osIds = null, List<int> psIds = null, List<int> ssIds = null, string billingPhone = null, string billingEmail = null,
        string billingLastName = "", string orderNotes = null, int pageIndex = 0, int pageSize = int.MaxValue, bool getOnlyTotalCount = false)
    {
        if (Search != null)
            return Task.FromResult(Search(storeId, pageIndex, pageSize, paymentMethodSystemName, createdFromUtc, createdToUtc, osIds, psIds));

        //as nopCommerce: filtered, newest first, paged
        var matching = _orders.Values
            .Where(order => !order.Deleted)
            .Where(order => paymentMethodSystemName == null || order.PaymentMethodSystemName == paymentMethodSystemName)
            .Where(order => createdFromUtc == null || order.CreatedOnUtc >= createdFromUtc)
            .Where(order => createdToUtc == null || order.CreatedOnUtc <= createdToUtc)
            .Where(order => osIds == null || osIds.Contains(order.OrderStatusId))
            .Where(order => psIds == null || psIds.Contains(order.PaymentStatusId))
            .OrderByDescending(order => order.CreatedOnUtc)
            .ToList();

        var page = matching.Skip(pageIndex * pageSize).Take(pageSize).Select(Copy);
        return Task.FromResult<IPagedList<Order>>(new TestPagedList<Order>(page, pageIndex, pageSize, matching.Count));
    }

    public Task InsertOrderAsync(Order order) => throw new NotSupportedException();

    public async Task UpdateOrderAsync(Order order)
    {
        await Task.Yield();
        Save(order);
    }

    public Task DeleteOrderAsync(Order order) => throw new NotSupportedException();

    public Task<IList<OrderNote>> GetOrderNotesByOrderIdAsync(int orderId, bool? displayToCustomer = null)
    {
        return Task.FromResult<IList<OrderNote>>(_notes.Where(note => note.OrderId == orderId).ToList());
    }

    public Task<OrderNote> GetOrderNoteByIdAsync(int orderNoteId) => throw new NotSupportedException();

    public Task DeleteOrderNoteAsync(OrderNote orderNote) => throw new NotSupportedException();

    public string FormatOrderNoteText(OrderNote orderNote) => orderNote.Note;

    public async Task InsertOrderNoteAsync(OrderNote orderNote)
    {
        await Task.Yield();
        _notes.Enqueue(orderNote);
    }
}

/// <summary>
/// Signs webhook bodies as Opn does: hex HMAC-SHA256 over "{timestamp}.{body}" keyed with the Base64-decoded secret
/// </summary>
public static class TestSignatures
{
    public const string Store1Secret = "c3RvcmUtb25lLXdlYmhvb2stc2VjcmV0LWZvci10ZXN0cw==";
    public const string Store2Secret = "c3RvcmUtdHdvLXdlYmhvb2stc2VjcmV0LWZvci10ZXN0cw==";

    public static string Sign(string base64Secret, long timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes($"{timestamp}.").Concat(body).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(base64Secret), signed));
    }

    /// <summary>
    /// The plugin's own verifier on the test clock
    /// </summary>
    public static WebhookSignatureVerifier CreateVerifier(TimeProvider timeProvider) => new(timeProvider);
}

/// <summary>
/// A clock the test moves by hand
/// </summary>
public sealed class ManualClock : TimeProvider
{
    public ManualClock(DateTimeOffset now) => Now = now;

    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The payment sync service with in-memory orders, attributes and lock, a mocked Opn and per-store settings
/// </summary>
public sealed class SyncHarness
{
    public const string Store1SecretKey = "skey_test_store1";
    public const string Store2SecretKey = "skey_test_store2";

    public SyncHarness()
    {
        Settings[1] = new KmaPaymentSettings { PublicKey = "pkey_test_store1", SecretKey = Store1SecretKey, ApiBaseUrl = "http://127.0.0.1:1/", WebhookSecret = TestSignatures.Store1Secret };
        Settings[2] = new KmaPaymentSettings { PublicKey = "pkey_test_store2", SecretKey = Store2SecretKey, ApiBaseUrl = "http://127.0.0.1:2/", WebhookSecret = TestSignatures.Store2Secret };

        SettingService.Setup(service => service.LoadSettingAsync<KmaPaymentSettings>(It.IsAny<int>()))
            .ReturnsAsync((int storeId) => Settings.TryGetValue(storeId, out var settings) ? settings : new KmaPaymentSettings());

        Logger.Setup(logger => logger.WarningAsync(It.IsAny<string>(), It.IsAny<Exception>(), It.IsAny<Nop.Core.Domain.Customers.Customer>()))
            .Callback((string message, Exception _, Nop.Core.Domain.Customers.Customer _) => Warnings.Enqueue(message))
            .Returns(Task.CompletedTask);
        Logger.Setup(logger => logger.InformationAsync(It.IsAny<string>(), It.IsAny<Exception>(), It.IsAny<Nop.Core.Domain.Customers.Customer>())).Returns(Task.CompletedTask);
        Logger.Setup(logger => logger.ErrorAsync(It.IsAny<string>(), It.IsAny<Exception>(), It.IsAny<Nop.Core.Domain.Customers.Customer>()))
            .Callback((string message, Exception _, Nop.Core.Domain.Customers.Customer _) => Errors.Enqueue(message))
            .Returns(Task.CompletedTask);

        //nopCommerce's rules: paid/refunded/voided or cancelled orders cannot be marked as paid; only cancelled ones cannot be cancelled
        Processing.Setup(service => service.CanMarkOrderAsPaid(It.IsAny<Order>()))
            .Returns((Order order) => order.OrderStatus != OrderStatus.Cancelled
                && order.PaymentStatus is not (PaymentStatus.Paid or PaymentStatus.Refunded or PaymentStatus.Voided));
        Processing.Setup(service => service.CanCancelOrder(It.IsAny<Order>()))
            .Returns((Order order) => order.OrderStatus != OrderStatus.Cancelled);
        Processing.Setup(service => service.MarkOrderAsPaidAsync(It.IsAny<Order>()))
            .Returns(async (Order order) =>
            {
                Interlocked.Increment(ref MarkPaidCalls);
                await Task.Delay(2);
                order.PaymentStatus = PaymentStatus.Paid;
                order.PaidDateUtc = DateTime.UtcNow;
                Orders.Save(order);
            });
        Processing.Setup(service => service.CancelOrderAsync(It.IsAny<Order>(), It.IsAny<bool>()))
            .Returns(async (Order order, bool _) =>
            {
                Interlocked.Increment(ref CancelCalls);
                await Task.Yield();
                order.OrderStatus = OrderStatus.Cancelled;
                Orders.Save(order);
            });
    }

    public FakeOrderStore Orders { get; } = new();
    public FakeGenericAttributes Attributes { get; } = new();
    public InMemoryLocker Locker { get; } = new();
    public Mock<IOpnClient> Opn { get; } = new(MockBehavior.Strict);
    public Mock<ISettingService> SettingService { get; } = new();
    public Mock<ILogger> Logger { get; } = new();
    public Mock<IOrderProcessingService> Processing { get; } = new();
    public Dictionary<int, KmaPaymentSettings> Settings { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();
    public ConcurrentQueue<string> Errors { get; } = new();
    public int MarkPaidCalls;
    public int CancelCalls;

    /// <summary>
    /// The database every node shares; only the plugin's claim table is used from it (created as the plugin's migration does)
    /// </summary>
    public DevStoreData Database { get; } = PluginSchema.CreateDatabase(typeof(KmaPaymentProcessor));

    /// <summary>Gets the claim table</summary>
    public Table<KmaPaymentClaim> Claims => Database.PluginTable<KmaPaymentClaim>();

    /// <summary>Gets or sets the clock of the claim services created from now on</summary>
    public TimeProvider ClaimClock { get; set; } = TimeProvider.System;


    public KmaPaymentClaimService CreateClaimService() => new(Logger.Object, new DevStoreRepository<KmaPaymentClaim>(Database))
    {
        TimeProvider = ClaimClock
    };

    public KmaPaymentSyncService CreateService(ILocker locker = null, IOpnClient opnClient = null, IKmaPaymentClaimService claimService = null)
    {
        return new KmaPaymentSyncService(Attributes, claimService ?? CreateClaimService(), locker ?? Locker, Logger.Object, opnClient ?? Opn.Object, Processing.Object, Orders, SettingService.Object)
        {
            LockRetryDelay = TimeSpan.FromMilliseconds(5),
            LockAttempts = 3
        };
    }

    /// <summary>
    /// The sync service as one web node of a farm runs it: its own process (its own in-process gate), nopCommerce's
    /// distributed locker letting everyone in, and the orders, attributes and claim table of the shared database
    /// </summary>
    public KmaPaymentSyncService CreateNode(IOpnClient opnClient = null, IKmaPaymentClaimService claimService = null)
    {
        var service = CreateService(new PassThroughLocker(), opnClient, claimService);
        service.OrdersInProgress = new ConcurrentDictionary<int, byte>();
        service.LockAttempts = 50;
        service.LockRetryDelay = TimeSpan.FromMilliseconds(2);
        return service;
    }

    /// <summary>
    /// A pending KMA order of the store whose current charge is chargeId, recorded for the amount
    /// </summary>
    public Order AddOrder(int id, string chargeId, long amountSatang = 150_000, int storeId = 1, DateTime? createdOnUtc = null)
    {
        var order = Orders.Add(new Order
        {
            Id = id,
            OrderGuid = Guid.NewGuid(),
            StoreId = storeId,
            PaymentMethodSystemName = KmaDefaults.SystemName,
            OrderStatus = OrderStatus.Pending,
            PaymentStatus = PaymentStatus.Pending,
            OrderTotal = amountSatang / 100m,
            AuthorizationTransactionId = chargeId,
            CreatedOnUtc = createdOnUtc ?? DateTime.UtcNow.AddMinutes(-30),
            CustomOrderNumber = id.ToString()
        });
        Attributes[id, KmaDefaults.OrderAttributes.ChargeAmountSatang] = amountSatang.ToString();
        Attributes[id, KmaDefaults.OrderAttributes.ChargeLivemode] = "false";
        return order;
    }

    public static OpnCharge Charge(Order order, string chargeId, string status, long amount = 150_000, bool livemode = false,
        string currency = "THB", string sourceType = "mobile_banking_bay", string failureCode = null, DateTime? expiresAt = null)
    {
        return new OpnCharge
        {
            Object = "charge",
            Id = chargeId,
            Livemode = livemode,
            Amount = amount,
            Currency = currency,
            Status = status,
            Paid = status == OpnChargeStatuses.Successful,
            Expired = status == OpnChargeStatuses.Expired,
            FailureCode = failureCode,
            FailureMessage = failureCode == null ? null : $"message for {failureCode}",
            Transaction = status == OpnChargeStatuses.Successful ? $"trxn_test_{chargeId}" : null,
            Source = new OpnSource { Object = "source", Type = sourceType, Flow = "app_redirect", Amount = amount, Currency = currency },
            Metadata = new Dictionary<string, string> { ["order_guid"] = order.OrderGuid.ToString(), ["order_id"] = order.Id.ToString() },
            ExpiresAt = expiresAt ?? DateTime.UtcNow.AddMinutes(10)
        };
    }

    /// <summary>
    /// Opn answers GET /charges/{id} with the charge (with any store's keys unless a secret key is given)
    /// </summary>
    public void OpnReturns(OpnCharge charge, string secretKey = null)
    {
        Opn.Setup(client => client.GetChargeAsync(It.Is<OpnCredentials>(credentials => secretKey == null || credentials.SecretKey == secretKey), charge.Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => charge);
    }

    public int NoteCount(int orderId, string containing) => Orders.NotesOf(orderId).Count(note => note.Contains(containing, StringComparison.Ordinal));
}
