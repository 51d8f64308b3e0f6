using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Moq;
using Nop.Core;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Domain.Stores;
using Nop.Plugin.Payments.Kma.Controllers;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Plugin.Payments.Kma.Tests.Admin;
using Nop.Plugin.Payments.Kma.Tests.Sync;
using Nop.Services.Directory;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Services.Stores;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.TestSupport;

/// <summary>
/// The plugin's real services and controllers with the real OpnClient against in-process OpnEmulators (store 1 and
/// store 2 have separate Opn accounts), and the DevStore's in-memory nopCommerce services for orders, notes, order
/// processing, generic attributes, per-store settings, the non-blocking lock and the log (see DevStoreServices). Webhooks arrive over HTTP on a loopback
/// endpoint that runs the plugin's webhook controller, so the emulator can deliver them itself.
/// </summary>
public sealed class ReliabilityStore : IAsyncDisposable
{
    public const string Store1Url = "https://shop-one.example/";
    public const string Store2Url = "https://shop-two.example/";
    public const string IphoneUserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    public const string DesktopUserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
    public const string OtherPublicKey = "pkey_test_5kmastoretwoaccount";
    public const string OtherSecretKey = "skey_test_5kmastoretwoaccount";
    public const string OtherWebhookSecret = "c3RvcmUtdHdvLWVtdWxhdG9yLXdlYmhvb2stc2VjcmV0IQ==";

    private static int _nextOrderId;
    private WebApplication _receiver;

    private ReliabilityStore()
    {
    }

    #region Parts

    public EmulatorHost Opn { get; private set; }
    public EmulatorHost OtherOpn { get; private set; }
    public OpnClientOptions ClientOptions { get; } = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(1),
        CreateChargeTimeout = TimeSpan.FromSeconds(1),
        ConnectTimeout = TimeSpan.FromSeconds(1),
        BaseRetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20)
    };
    public OpnCallRecorder OpnCalls { get; private set; }
    public OpnClient OpnClient { get; private set; }
    public FakeOrderStore Orders { get; } = new();
    public FakeGenericAttributes Attributes { get; } = new();
    public InMemoryLocker Locker { get; } = new();
    public CapturingLogger Logger { get; } = new();
    internal InMemorySettingService Settings { get; } = new();
    public FakeOrderProcessing Processing { get; private set; }
    public IMemoryCache MemoryCache { get; } = new MemoryCache(new MemoryCacheOptions());
    public Uri WebhookUrl { get; private set; }
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Everything the plugin answered or showed: response bodies, redirect URLs, notifications</summary>
    public ConcurrentQueue<string> Answers { get; } = new();

    /// <summary>Exceptions that escaped the plugin</summary>
    public ConcurrentQueue<string> Escaped { get; } = new();

    #endregion

    #region Start and reset

    public static async Task<ReliabilityStore> StartAsync()
    {
        var store = new ReliabilityStore();
        store.Processing = new FakeOrderProcessing(store.Orders);
        store.OpnCalls = OpnCallRecorder.Create(store.ClientOptions);
        store.OpnClient = new OpnClient(new OpnCallRecorder.Factory(store.OpnCalls), store.ClientOptions);

        var retries = new List<TimeSpan> { TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800) };
        store.Opn = await EmulatorHost.StartAsync(new EmulatorOptions { WebhookRetryDelays = retries, WebhookTimeout = TimeSpan.FromSeconds(5) });
        store.OtherOpn = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            PublicKey = OtherPublicKey,
            SecretKey = OtherSecretKey,
            WebhookSecret = OtherWebhookSecret,
            WebhookRetryDelays = retries,
            WebhookTimeout = TimeSpan.FromSeconds(5)
        });

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        store._receiver = builder.Build();
        store._receiver.MapPost("/" + KmaDefaults.Webhook.RoutePath, store.HandleWebhookAsync);
        await store._receiver.StartAsync();
        store.WebhookUrl = new Uri(store._receiver.Urls.First().TrimEnd('/') + "/" + KmaDefaults.Webhook.RoutePath);

        store.Reset();
        return store;
    }

    /// <summary>
    /// Back to a healthy Opn with default settings; orders and logs of earlier tests stay (they use their own orders)
    /// </summary>
    public void Reset()
    {
        Opn.ClearFaults();
        OtherOpn.ClearFaults();
        Opn.ConfigureWebhooks(Array.Empty<string>());
        OtherOpn.ConfigureWebhooks(Array.Empty<string>());
        OpnCalls.Rewrite = null;
        OpnCalls.Reset();
        Settings.Values.Clear();
        Configure(1, Opn);
        Configure(2, OtherOpn);
    }

    public void Configure(int storeId, EmulatorHost opn)
    {
        Settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.PublicKey), opn.PublicKey, storeId);
        Settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.SecretKey), opn.SecretKey, storeId);
        Settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.WebhookSecret), opn.WebhookSecret, storeId);
        Settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.ApiBaseUrl), opn.BaseAddress.ToString(), storeId);
        Settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.UseDynamicWebhooks), false, storeId);
        Settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.CancelOrderOnExpiredCharge), true, storeId);
        Settings.Set<KmaPaymentSettings>(nameof(KmaPaymentSettings.CancelOrderOnFailedCharge), false, storeId);
    }

    public void SetSetting(int storeId, string property, object value) => Settings.Set<KmaPaymentSettings>(property, value, storeId);

    /// <summary>The emulator delivers its events to the plugin's webhook endpoint</summary>
    public void EnableWebhooks(EmulatorHost opn = null) => (opn ?? Opn).ConfigureWebhooks([WebhookUrl.ToString()]);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_receiver != null)
            await _receiver.DisposeAsync();
        if (Opn != null)
            await Opn.DisposeAsync();
        if (OtherOpn != null)
            await OtherOpn.DisposeAsync();
        OpnCalls?.Dispose();
    }

    #endregion

    #region The plugin's parts

    /// <summary>
    /// The plugin's claim table, created as its migration does
    /// </summary>
    public global::DevStore.Data.DevStoreData Database { get; } = global::DevStore.Data.PluginSchema.CreateDatabase(typeof(KmaPaymentProcessor));

    public KmaPaymentClaimService CreateClaims() => new(Logger, new global::DevStore.Data.DevStoreRepository<Nop.Plugin.Payments.Kma.Domain.KmaPaymentClaim>(Database));

    public KmaPaymentSyncService CreateSync() => new(Attributes, CreateClaims(), new Mock<IKmaShopperMessageService>().Object, Locker, Logger, OpnClient, Processing, Orders, Settings)
    {
        LockRetryDelay = TimeSpan.FromMilliseconds(20),
        LockAttempts = 5
    };

    public KmaCheckoutService CreateCheckout()
    {
        var currencyService = new Mock<ICurrencyService>();
        currencyService.Setup(service => service.GetCurrencyByIdAsync(It.IsAny<int>())).ReturnsAsync(new Currency { Id = 1, CurrencyCode = "THB", Rate = 1m });
        var storeService = new Mock<IStoreService>();
        storeService.Setup(service => service.GetStoreByIdAsync(It.IsAny<int>()))
            .ReturnsAsync((int id) => new Store { Id = id, Name = $"Store {id}", Url = id == 2 ? Store2Url : Store1Url });
        var webHelper = new Mock<IWebHelper>();
        webHelper.Setup(helper => helper.GetStoreLocation(It.IsAny<bool?>())).Returns(Store1Url);

        return new KmaCheckoutService(new CurrencySettings { PrimaryStoreCurrencyId = 1 }, currencyService.Object, Attributes,
            CreateClaims(), Localization().Object, Locker, Logger, MemoryCache, OpnClient, Orders, new Mock<IOrderTotalCalculationService>().Object,
            Settings, new Mock<IStoreContext>().Object, storeService.Object, webHelper.Object)
        {
            LockRetryDelay = TimeSpan.FromMilliseconds(20)
        };
    }

    public KmaReconciliationTask CreateTask() => new(Attributes, CreateClaims(), CreateSync(), Logger, Orders, Settings)
    {
        MinimumAge = TimeSpan.Zero
    };

    public KmaOrderEventConsumer CreateOrderEventConsumer() => new(Attributes, Logger, OpnClient, Orders, Settings);

    public PaymentKmaWebhookController CreateWebhookController(HttpContext context) =>
        new(Attributes, CreateSync(), Logger, Orders, Settings, new WebhookSignatureVerifier(TimeProvider.System))
        {
            ControllerContext = new ControllerContext { HttpContext = context }
        };

    public PaymentKmaPublicController CreatePublicController(Mock<INotificationService> notifications = null)
    {
        notifications ??= Notifications();
        var payments = new Mock<IPaymentService>();
        payments.Setup(service => service.CanRePostProcessPaymentAsync(It.IsAny<Order>()))
            .ReturnsAsync((Order order) => order.PaymentStatus == PaymentStatus.Pending && order.OrderStatus != OrderStatus.Cancelled);
        var messages = new KmaShopperMessageService(Attributes, Localization().Object, Orders, payments.Object);
        //the browser that placed the order (the orders here have no customer id)
        var workContext = new Mock<IWorkContext>();
        workContext.Setup(context => context.GetCurrentCustomerAsync()).ReturnsAsync(new Customer());
        return new PaymentKmaPublicController(Attributes, CreateCheckout(), CreateSync(), messages, Localization().Object, Logger, MemoryCache,
            notifications.Object, Orders, workContext.Object)
        {
            ControllerContext = new ControllerContext { HttpContext = new DefaultHttpContext() }
        };
    }

    private static Mock<ILocalizationService> Localization()
    {
        var localization = new Mock<ILocalizationService>();
        localization.Setup(service => service.GetResourceAsync(It.IsAny<string>())).ReturnsAsync((string key) => key);
        return localization;
    }

    private Mock<INotificationService> Notifications()
    {
        var notifications = new Mock<INotificationService>();
        notifications.Setup(service => service.ErrorNotification(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<int>()))
            .Callback((string message, bool _, int _) => Answers.Enqueue(message));
        notifications.Setup(service => service.WarningNotification(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<int>()))
            .Callback((string message, bool _, int _) => Answers.Enqueue(message));
        return notifications;
    }

    #endregion

    #region Orders

    /// <summary>A placed KMA order, pending payment, total in THB</summary>
    public Order AddOrder(int storeId = 1, decimal totalThb = 1500m, DateTime? createdOnUtc = null)
    {
        var id = Interlocked.Increment(ref _nextOrderId) + 1000;
        return Orders.Add(new Order
        {
            Id = id,
            OrderGuid = Guid.NewGuid(),
            StoreId = storeId,
            CustomOrderNumber = id.ToString(CultureInfo.InvariantCulture),
            PaymentMethodSystemName = KmaDefaults.SystemName,
            OrderStatus = OrderStatus.Pending,
            PaymentStatus = PaymentStatus.Pending,
            OrderTotal = totalThb,
            CustomerCurrencyCode = "THB",
            CurrencyRate = 1m,
            CreatedOnUtc = createdOnUtc ?? DateTime.UtcNow.AddMinutes(-5)
        });
    }

    public Order Order(int id) => Orders.Get(id);

    public string Attribute(int orderId, string key) => Attributes[orderId, key];

    public string TokenOf(int orderId) => Attributes[orderId, KmaDefaults.OrderAttributes.ReturnToken];

    public IReadOnlyList<string> Notes(int orderId) => Orders.NotesOf(orderId);

    public int NoteCount(int orderId, string containing) => Notes(orderId).Count(note => note.Contains(containing, StringComparison.OrdinalIgnoreCase));

    /// <summary>The charges Opn holds for the order (by its metadata)</summary>
    public IReadOnlyList<string> ChargesAtOpn(Order order, EmulatorHost opn = null)
    {
        opn ??= Opn;
        return opn.ChargeIds.Where(id => opn.GetChargeJson(id).Contains(order.OrderGuid.ToString(), StringComparison.OrdinalIgnoreCase)).ToList();
    }

    #endregion

    #region Shopper, Opn and attacker actions

    /// <summary>nopCommerce places the order and calls PostProcessPaymentAsync; returns where the shopper is sent</summary>
    public async Task<string> CheckoutAsync(int orderId, string userAgent = IphoneUserAgent)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.UserAgent = userAgent;
        var webHelper = new Mock<IWebHelper>();
        webHelper.Setup(helper => helper.GetStoreLocation(It.IsAny<bool?>())).Returns(Store1Url);
        var processor = MockConstructor.Create<KmaPaymentProcessor>(new HttpContextAccessor { HttpContext = context }, CreateCheckout(),
            Localization().Object, Notifications().Object, webHelper.Object, Settings);

        try
        {
            await processor.PostProcessPaymentAsync(new PostProcessPaymentRequest { Order = Orders.Get(orderId) });
        }
        catch (Exception exception)
        {
            Escaped.Enqueue(exception.ToString());
            throw;
        }

        var location = context.Response.Headers.Location.ToString();
        Answers.Enqueue(location);
        Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status302Found), "PostProcessPayment always redirects");
        return location;
    }

    /// <summary>The shopper comes back from the app: GET Return?orderGuid&amp;token. Returns "route:Name" or the URL</summary>
    public async Task<string> ReturnAsync(string orderGuid, string token)
    {
        var result = await CreatePublicController().Return(orderGuid, token);
        var answer = Describe(result);
        Answers.Enqueue(answer);
        return answer;
    }

    public static string Describe(IActionResult result) => result switch
    {
        RedirectToRouteResult route => "route:" + route.RouteName,
        RedirectResult redirect => "url:" + redirect.Url,
        ViewResult view => "view:" + view.ViewName,
        ContentResult content => $"{content.StatusCode}:{content.Content}",
        _ => result.GetType().Name
    };

    /// <summary>A webhook event as Opn sends it, around the charge as the emulator holds it</summary>
    public static byte[] EventBody(string chargeJson, string key = "charge.complete", string eventId = null)
    {
        var json = $"{{\"object\":\"event\",\"id\":\"{eventId ?? "evnt_test_" + Guid.NewGuid().ToString("N")[..16]}\",\"livemode\":false,\"location\":\"/events/x\",\"key\":\"{key}\",\"created_at\":\"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\",\"data\":{chargeJson}}}";
        return Encoding.UTF8.GetBytes(json);
    }

    public byte[] EventFor(string chargeId, string key = "charge.complete", EmulatorHost opn = null) => EventBody((opn ?? Opn).GetChargeJson(chargeId), key);

    /// <summary>POSTs a delivery to the webhook endpoint over loopback HTTP, signed with the secret at the timestamp unless told otherwise</summary>
    public async Task<(HttpStatusCode Status, string Text)> PostWebhookAsync(byte[] body, string secret = null, DateTimeOffset? signedAt = null,
        string signature = null, string contentType = "application/json; charset=utf-8", bool sign = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (sign)
        {
            var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
            request.Headers.Add(KmaDefaults.Webhook.SignatureHeader, signature ?? TestSignatures.Sign(secret ?? Opn.WebhookSecret, timestamp, body));
            request.Headers.Add(KmaDefaults.Webhook.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task HandleWebhookAsync(HttpContext context)
    {
        IActionResult result;
        try
        {
            result = await CreateWebhookController(context).Webhook();
        }
        catch (Exception exception)
        {
            //nopCommerce would answer 500 and log it; the suite counts it as a defect
            Escaped.Enqueue(exception.ToString());
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        if (result is not ContentResult content)
            throw new InvalidOperationException("The webhook answers with plain text: " + result.GetType().Name);

        Answers.Enqueue(content.Content);
        context.Response.StatusCode = content.StatusCode ?? StatusCodes.Status200OK;
        context.Response.ContentType = content.ContentType;
        await context.Response.WriteAsync(content.Content ?? string.Empty);
    }

    #endregion

    #region Invariants

    /// <summary>
    /// No secret of either store in any log line, note, answer or escaped exception; no order marked paid twice
    /// </summary>
    public void AssertInvariants(params string[] moreSecrets)
    {
        var secrets = new[] { Opn.SecretKey, Opn.WebhookSecret, OtherSecretKey, OtherWebhookSecret }.Concat(moreSecrets).ToList();
        var written = Logger.Entries.Select(entry => entry.ToString())
            .Concat(Orders.Notes.Select(note => note.Note))
            .Concat(Answers)
            .Concat(Escaped)
            .ToList();

        foreach (var secret in secrets.Where(secret => !string.IsNullOrEmpty(secret)))
            Assert.That(written.Where(text => text?.Contains(secret, StringComparison.Ordinal) == true), Is.Empty, "a secret was written");

        Assert.That(Processing.PaidTwice, Is.Empty, "an order was marked as paid twice");
        Assert.That(Processing.MarkPaidCalls.Values.Where(count => count > 1), Is.Empty, "MarkOrderAsPaid ran more than once for an order");
    }

    #endregion
}
