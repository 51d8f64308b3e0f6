using System.Collections.Concurrent;
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
using Nop.Plugin.Payments.Kma.Tests.TestSupport;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Logging;
using Nop.Services.Orders;
using NopGenericAttributeService = DevStore.Services.GenericAttributeService;
using NopOrderService = DevStore.Services.OrderService;

namespace Nop.Plugin.Payments.Kma.Tests.Sync;

/// <summary>
/// nopCommerce's non-blocking lock (the DevStore's MemoryCacheLocker: false at once when the key is held), counting
/// the refusals
/// </summary>
public sealed class InMemoryLocker : ILocker
{
    private readonly ILocker _inner = DevStoreServices.Locker();

    public int Refusals;

    public async Task<bool> PerformActionWithLockAsync(string resource, TimeSpan expirationTime, Func<Task> action)
    {
        var acquired = await _inner.PerformActionWithLockAsync(resource, expirationTime, action);
        if (!acquired)
            Interlocked.Increment(ref Refusals);
        return acquired;
    }

    public Task RunWithHeartbeatAsync(string key, TimeSpan expirationTime, TimeSpan heartbeatInterval, Func<CancellationToken, Task> action, CancellationTokenSource cancellationTokenSource = default) =>
        _inner.RunWithHeartbeatAsync(key, expirationTime, heartbeatInterval, action, cancellationTokenSource);

    public Task CancelTaskAsync(string key, TimeSpan expirationTime) => _inner.CancelTaskAsync(key, expirationTime);

    public Task<bool> IsTaskRunningAsync(string key) => _inner.IsTaskRunningAsync(key);
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
/// The DevStore's generic attributes (nopCommerce's rules: key group by entity type, empty deletes), with an indexer
/// for the order attributes tests set up and read
/// </summary>
public class FakeGenericAttributes : NopGenericAttributeService
{
    public FakeGenericAttributes(DevStoreData data = null) : base(data ?? new DevStoreData())
    {
    }

    public string this[int entityId, string key]
    {
        get => GetAttributeAsync<Order, string>(entityId, key).GetAwaiter().GetResult();
        set => SaveAttributeAsync(new Order { Id = entityId }, key, value).GetAwaiter().GetResult();
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
/// The DevStore's orders and notes (every read is a copy, as from a database; searches as nopCommerce's), with
/// helpers for tests. Reads and writes yield so that concurrent callers really interleave
/// </summary>
public sealed class FakeOrderStore : IOrderService
{
    private readonly DevStoreData _data;
    private readonly NopOrderService _inner;

    public FakeOrderStore(DevStoreData data = null)
    {
        _data = data ?? new DevStoreData();
        _inner = new NopOrderService(_data);
    }

    public static Order Copy(Order order) => Table<Order>.Copy(order);

    /// <summary>Stores the order with its own id</summary>
    public Order Add(Order order)
    {
        _data.Orders.Seed(order);
        return Copy(order);
    }

    public Order Get(int id) => _data.Orders.GetById(id) ?? throw new KeyNotFoundException($"order #{id}");

    public void Save(Order order) => _data.Orders.Seed(order);

    public IReadOnlyList<Order> All => _data.Orders.Query();

    public IReadOnlyList<OrderNote> Notes => _data.OrderNotes.Query();

    public IReadOnlyList<string> NotesOf(int orderId) => _data.OrderNotes.Lookup(nameof(OrderNote.OrderId), orderId).Select(note => note.Note).ToList();

    /// <summary>Replaces the search with a test's own answer</summary>
    public Func<int, int, int, string, DateTime?, DateTime?, List<int>, List<int>, IPagedList<Order>> Search { get; set; }

    public async Task<Order> GetOrderByIdAsync(int orderId)
    {
        await Task.Yield();
        return await _inner.GetOrderByIdAsync(orderId);
    }

    public async Task<Order> GetOrderByGuidAsync(Guid orderGuid)
    {
        await Task.Yield();
        return await _inner.GetOrderByGuidAsync(orderGuid);
    }

    public Task<Order> GetOrderByCustomOrderNumberAsync(string customOrderNumber) => _inner.GetOrderByCustomOrderNumberAsync(customOrderNumber);

    public async Task<IList<Order>> GetOrdersByIdsAsync(int[] orderIds)
    {
        await Task.Delay(1);
        return await _inner.GetOrdersByIdsAsync(orderIds);
    }

    public Task<IList<Order>> GetOrdersByGuidsAsync(Guid[] orderGuids) => _inner.GetOrdersByGuidsAsync(orderGuids);

    public Task<IPagedList<Order>> SearchOrdersAsync(int storeId = 0, int vendorId = 0, int customerId = 0, int productId = 0, int affiliateId = 0, int warehouseId = 0,
        int billingCountryId = 0, string paymentMethodSystemName = null, DateTime? createdFromUtc = null, DateTime? createdToUtc = null,
        List<int> osIds = null, List<int> psIds = null, List<int> ssIds = null, string billingPhone = null, string billingEmail = null,
        string billingLastName = "", string orderNotes = null, int pageIndex = 0, int pageSize = int.MaxValue, bool getOnlyTotalCount = false)
    {
        if (Search != null)
            return Task.FromResult(Search(storeId, pageIndex, pageSize, paymentMethodSystemName, createdFromUtc, createdToUtc, osIds, psIds));

        return _inner.SearchOrdersAsync(storeId, vendorId, customerId, productId, affiliateId, warehouseId, billingCountryId, paymentMethodSystemName,
            createdFromUtc, createdToUtc, osIds, psIds, ssIds, billingPhone, billingEmail, billingLastName, orderNotes, pageIndex, pageSize, getOnlyTotalCount);
    }

    public Task InsertOrderAsync(Order order) => _inner.InsertOrderAsync(order);

    public async Task UpdateOrderAsync(Order order)
    {
        await Task.Yield();
        await _inner.UpdateOrderAsync(order);
    }

    public Task DeleteOrderAsync(Order order) => _inner.DeleteOrderAsync(order);

    public Task<IList<OrderNote>> GetOrderNotesByOrderIdAsync(int orderId, bool? displayToCustomer = null) => _inner.GetOrderNotesByOrderIdAsync(orderId, displayToCustomer);

    public Task<OrderNote> GetOrderNoteByIdAsync(int orderNoteId) => _inner.GetOrderNoteByIdAsync(orderNoteId);

    public Task DeleteOrderNoteAsync(OrderNote orderNote) => _inner.DeleteOrderNoteAsync(orderNote);

    public string FormatOrderNoteText(OrderNote orderNote) => _inner.FormatOrderNoteText(orderNote);

    public async Task InsertOrderNoteAsync(OrderNote orderNote)
    {
        await Task.Yield();
        await _inner.InsertOrderNoteAsync(orderNote);
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

        //nopCommerce's rules, notes and status changes (the DevStore's order processing), counted
        var nop = DevStoreServices.OrderProcessing(Orders);
        Processing.Setup(service => service.CanMarkOrderAsPaid(It.IsAny<Order>())).Returns((Order order) => nop.CanMarkOrderAsPaid(order));
        Processing.Setup(service => service.CanCancelOrder(It.IsAny<Order>())).Returns((Order order) => nop.CanCancelOrder(order));
        Processing.Setup(service => service.MarkOrderAsPaidAsync(It.IsAny<Order>()))
            .Returns(async (Order order) =>
            {
                Interlocked.Increment(ref MarkPaidCalls);
                await Task.Delay(2);
                await nop.MarkOrderAsPaidAsync(order);
            });
        Processing.Setup(service => service.CancelOrderAsync(It.IsAny<Order>(), It.IsAny<bool>()))
            .Returns(async (Order order, bool notifyCustomer) =>
            {
                Interlocked.Increment(ref CancelCalls);
                await Task.Yield();
                await nop.CancelOrderAsync(order, notifyCustomer);
            });
    }

    public FakeOrderStore Orders { get; } = new();
    public FakeGenericAttributes Attributes { get; } = new();
    public InMemoryLocker Locker { get; } = new();
    public Mock<IOpnClient> Opn { get; } = new(MockBehavior.Strict);
    public Mock<ISettingService> SettingService { get; } = new();
    public Mock<ILogger> Logger { get; } = new();
    public Mock<IOrderProcessingService> Processing { get; } = new();
    public Mock<IKmaShopperMessageService> ShopperMessages { get; } = new();
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
        return new KmaPaymentSyncService(Attributes, claimService ?? CreateClaimService(), ShopperMessages.Object, locker ?? Locker, Logger.Object, opnClient ?? Opn.Object, Processing.Object, Orders, SettingService.Object)
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
