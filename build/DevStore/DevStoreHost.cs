using System.Net;
using System.Reflection;
using DevStore.Data;
using DevStore.Infrastructure;
using DevStore.Services;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Nop.Core;
using Nop.Core.Caching;
using Nop.Core.Configuration;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Domain.ScheduleTasks;
using Nop.Core.Events;
using Nop.Plugin.Payments.Kma;
using Nop.Services.Common;
using Nop.Services.Configuration;
using Nop.Services.Customers;
using Nop.Services.Directory;
using Nop.Services.Localization;
using Nop.Services.Messages;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Services.Plugins;
using Nop.Services.ScheduleTasks;
using Nop.Services.Security;
using Nop.Services.Stores;
using ILogger = Nop.Services.Logging.ILogger;

namespace DevStore;

/// <summary>
/// How to start a DevStore
/// </summary>
public sealed class DevStoreOptions
{
    /// <summary>Gets or sets the address Kestrel listens on (port 0 picks a free port)</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>Gets or sets the content root (the folder holding Views/, Themes/ and Plugins/); null finds the DevStore project folder</summary>
    public string ContentRoot { get; set; }

    /// <summary>Gets or sets the hosting environment name</summary>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Gets or sets whether the plugin is installed (its InstallAsync runs) on start</summary>
    public bool InstallPlugin { get; set; } = true;

    /// <summary>Gets or sets whether the plugin is added to the active payment methods on start (nopCommerce's admin does it by hand)</summary>
    public bool ActivatePlugin { get; set; } = true;

    /// <summary>
    /// Gets or sets whether an in-process OpnEmulator is started and wired to the store (its webhook URL is the plugin's
    /// webhook route; the plugin's shared settings get its keys, base URL and webhook secret). Off when a secret key is given.
    /// </summary>
    public bool UseEmulator { get; set; } = true;

    /// <summary>Gets or sets changes to the emulator's options before it starts (clock, charge lifetime, retry delays...)</summary>
    public Action<OpnEmulator.EmulatorOptions> ConfigureEmulator { get; set; }

    /// <summary>Gets or sets the Opn public key written to the plugin's shared settings (null leaves the installed value)</summary>
    public string OpnPublicKey { get; set; }

    /// <summary>Gets or sets the Opn secret key written to the plugin's shared settings</summary>
    public string OpnSecretKey { get; set; }

    /// <summary>Gets or sets the Base64 webhook secret written to the plugin's shared settings</summary>
    public string OpnWebhookSecret { get; set; }

    /// <summary>Gets or sets the Opn API base URL written to the plugin's shared settings</summary>
    public string OpnApiBaseUrl { get; set; }

    /// <summary>Gets or sets nopCommerce's OrderSettings.OnePageCheckoutEnabled for all stores</summary>
    public bool OnePageCheckout { get; set; }

    /// <summary>Gets or sets PaymentSettings.AllowRePostingPayments (the order page's "Retry payment" button)</summary>
    public bool AllowRePostingPayments { get; set; } = true;

    /// <summary>Gets or sets PaymentSettings.SkipPaymentInfoStepForRedirectionPaymentMethods</summary>
    public bool SkipPaymentInfoStepForRedirectionPaymentMethods { get; set; }

    /// <summary>Gets or sets the USD rate against THB</summary>
    public decimal UsdRate { get; set; } = 0.0275m;

    /// <summary>Gets or sets whether due schedule tasks run by themselves every few seconds (tests run them on demand)</summary>
    public bool RunScheduleTasksInBackground { get; set; }

    /// <summary>Gets or sets the lowest level written to the console (ASP.NET Core and HttpClient only from Warning; see DevStoreLogging)</summary>
    public LogLevel ConsoleLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>Gets or sets extra service registrations applied after the plugin's (e.g. to replace a service in a test)</summary>
    public Action<IServiceCollection> ConfigureServices { get; set; }

    /// <summary>Gets or sets extra configuration values (e.g. "Kma:SecretKey")</summary>
    public IDictionary<string, string> Configuration { get; set; } = new Dictionary<string, string>();
}

/// <summary>
/// A running DevStore: nopCommerce 4.90's way of hosting the plugin, in memory, on 127.0.0.1
/// </summary>
public sealed class DevStoreHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DevStoreHost(WebApplication app, Uri baseAddress, DevStoreOptions options)
    {
        _app = app;
        BaseAddress = baseAddress;
        Options = options;
    }

    /// <summary>Gets the storefront address of store 1 (ends with "/")</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the address of store 2 (the same server, reached as "localhost")</summary>
    public Uri SecondStoreAddress => new UriBuilder(BaseAddress) { Host = "localhost" }.Uri;

    /// <summary>Gets the admin address</summary>
    public Uri AdminAddress => new(BaseAddress, "Admin/");

    /// <summary>Gets the root services (create a scope for scoped ones, or use InScopeAsync)</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Gets the in-process OpnEmulator the plugin talks to (null when the store talks to Opn or runs without one)</summary>
    public OpnEmulator.EmulatorHost Emulator { get; private set; }

    /// <summary>Gets the plugin's webhook URL on store 1</summary>
    public Uri WebhookUrl => new(BaseAddress, KmaDefaults.Webhook.RoutePath);

    /// <summary>Gets the options the store was started with</summary>
    public DevStoreOptions Options { get; }

    /// <summary>Gets everything the store keeps</summary>
    public DevStoreData Data => Services.GetRequiredService<DevStoreData>();

    /// <summary>Gets the plugin's descriptor (read from Plugins/Payments.Kma/plugin.json)</summary>
    public PluginDescriptor KmaPlugin => Services.GetRequiredService<PluginRegistry>().Descriptors
        .First(descriptor => descriptor.SystemName == KmaDefaults.SystemName);

    /// <summary>
    /// Starts a DevStore on 127.0.0.1 with a free port
    /// </summary>
    public static async Task<DevStoreHost> StartAsync(DevStoreOptions options = null)
    {
        options ??= new DevStoreOptions();
        var contentRoot = options.ContentRoot ?? FindContentRoot();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DevStoreHost).Assembly.GetName().Name,
            ContentRootPath = contentRoot,
            EnvironmentName = options.EnvironmentName,
            Args = []
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.Configuration.AddInMemoryCollection(options.Configuration);
        DevStoreLogging.Configure(builder.Logging, options.ConsoleLogLevel);

        var registry = PluginRegistry.Load(Path.Combine(contentRoot, "Plugins"));
        var assemblies = NopPluginHosting.GetAssemblies(registry);

        ConfigureServices(builder.Services, builder.Configuration, registry, assemblies, options);

        var app = builder.Build();
        ConfigurePipeline(app, assemblies, registry);

        var data = app.Services.GetRequiredService<DevStoreData>();
        DevStoreSeed.Seed(data, app.Services.GetRequiredService<SettingService>(), options);

        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        var host = new DevStoreHost(app, baseAddress, options);
        host.SetStoreUrls();

        try
        {
            if (options.InstallPlugin)
                await host.InstallPluginAsync(KmaDefaults.SystemName);
            if (options.ActivatePlugin)
                await host.SetPaymentMethodActiveAsync(KmaDefaults.SystemName, true);

            if (options.UseEmulator && string.IsNullOrEmpty(options.OpnSecretKey))
                await host.StartEmulatorAsync(options);
            else
                await host.ApplyOpnSettingsAsync(options.OpnPublicKey, options.OpnSecretKey, options.OpnWebhookSecret, options.OpnApiBaseUrl);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    private static string FindContentRoot()
    {
        var metadata = typeof(DevStoreHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "DevStoreContentRoot")?.Value;
        if (!string.IsNullOrEmpty(metadata) && Directory.Exists(Path.Combine(metadata, "Views")))
            return metadata;

        var current = AppContext.BaseDirectory;
        return Directory.Exists(Path.Combine(current, "Views")) ? current : Directory.GetCurrentDirectory();
    }

    private static void ConfigureServices(IServiceCollection services, IConfiguration configuration, PluginRegistry registry, IList<Assembly> assemblies, DevStoreOptions options)
    {
        services.AddSingleton(registry);
        services.AddSingleton<DevStoreData>();
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddHttpClient();

        services.AddSingleton<SettingService>();
        services.AddSingleton<ISettingService>(provider => provider.GetRequiredService<SettingService>());
        services.AddSingleton<InMemoryLogger>();
        services.AddSingleton<ILogger>(provider => provider.GetRequiredService<InMemoryLogger>());
        services.AddSingleton<ILocker, MemoryCacheLocker>();
        services.AddScoped(typeof(Nop.Data.IRepository<>), typeof(DevStoreRepository<>));
        services.AddSingleton<ScheduleTaskRunner>();

        services.AddScoped<ILanguageService, LanguageService>();
        services.AddScoped<LocalizationService>();
        services.AddScoped<ILocalizationService>(provider => provider.GetRequiredService<LocalizationService>());
        services.AddScoped<IGenericAttributeService, GenericAttributeService>();
        services.AddScoped<NotificationService>();
        services.AddScoped<INotificationService>(provider => provider.GetRequiredService<NotificationService>());
        services.AddScoped<IEventPublisher, EventPublisher>();
        services.AddScoped<IStoreService, StoreService>();
        services.AddScoped<IStoreContext, StoreContext>();
        services.AddScoped<IWorkContext, WorkContext>();
        services.AddScoped<IWebHelper, WebHelper>();
        services.AddScoped<ICurrencyService, CurrencyService>();
        services.AddScoped<CustomerService>();
        services.AddScoped<ICustomerService>(provider => provider.GetRequiredService<CustomerService>());
        services.AddScoped<IPermissionService, PermissionService>();
        services.AddScoped<IOrderService, OrderService>();
        services.AddScoped<OrderProcessingService>();
        services.AddScoped<IOrderProcessingService>(provider => provider.GetRequiredService<OrderProcessingService>());
        services.AddScoped<PaymentPluginManager>();
        services.AddScoped<IPaymentPluginManager>(provider => provider.GetRequiredService<PaymentPluginManager>());
        services.AddScoped<IPaymentService, PaymentService>();
        services.AddScoped<IScheduleTaskService, ScheduleTaskService>();
        services.AddScoped<ShoppingCartService>();
        services.AddScoped<IShoppingCartService>(provider => provider.GetRequiredService<ShoppingCartService>());
        services.AddScoped<IOrderTotalCalculationService, OrderTotalCalculationService>();
        services.AddScoped<PriceFormatter>();
        services.AddScoped<DevStore.Controllers.CheckoutHelper>();
        services.AddScoped<Nop.Web.Framework.UI.INopHtmlHelper, NopHtmlHelper>();

        // nopCommerce resolves settings classes for the current store; the core ones the plugin may inject too
        NopPluginHosting.RegisterDiscoveredServices(services, assemblies.Append(typeof(PaymentSettings).Assembly));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/login/";
                cookie.AccessDeniedPath = "/Admin/Security/AccessDenied";
            });
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = ".Nop.Antiforgery");

        var mvc = services.AddControllersWithViews().AddRazorRuntimeCompilation();
        foreach (var descriptor in registry.Descriptors.Where(descriptor => descriptor.ReferencedAssembly != null))
            mvc.AddApplicationPart(descriptor.ReferencedAssembly);
        services.Configure<RazorViewEngineOptions>(razor => razor.ViewLocationExpanders.Add(new ThemeableViewLocationExpander()));

        foreach (var startup in NopPluginHosting.CreateStartups(assemblies))
            startup.ConfigureServices(services, configuration);
        DevStoreLogging.AddOpnCallLog(services);

        if (options.RunScheduleTasksInBackground)
            services.AddHostedService<ScheduleTaskBackgroundService>();

        // Thai text stays readable in the HTML instead of becoming character references
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));

        options.ConfigureServices?.Invoke(services);
    }

    private static void ConfigurePipeline(WebApplication app, IList<Assembly> assemblies, PluginRegistry registry)
    {
        foreach (var startup in NopPluginHosting.CreateStartups(assemblies))
            startup.Configure(app);

        app.UseStaticFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(app.Environment.ContentRootPath, "Plugins")),
            RequestPath = "/Plugins",
            // nopCommerce serves the plugin folder publicly, but never its JSON
            OnPrepareResponse = context =>
            {
                if (context.File.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    context.Context.Response.StatusCode = StatusCodes.Status404NotFound;
                    context.Context.Response.ContentLength = 0;
                    context.Context.Response.Body = Stream.Null;
                }
            }
        });
        app.UseRouting();
        DevStoreLogging.UsePluginRequestLog(app, registry.Descriptors.Select(descriptor => descriptor.ReferencedAssembly));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        NopPluginHosting.RegisterRoutes(app, assemblies);
    }

    private void SetStoreUrls()
    {
        var stores = Data.Stores.Query();
        var first = stores[0];
        first.Url = BaseAddress.ToString();
        Data.Stores.Update(first);
        var second = stores[1];
        second.Url = SecondStoreAddress.ToString();
        Data.Stores.Update(second);
    }

    private async Task StartEmulatorAsync(DevStoreOptions options)
    {
        var emulatorOptions = new OpnEmulator.EmulatorOptions();
        emulatorOptions.WebhookUrls.Add(WebhookUrl.ToString());
        options.ConfigureEmulator?.Invoke(emulatorOptions);

        Emulator = await OpnEmulator.EmulatorHost.StartAsync(emulatorOptions);
        await ApplyOpnSettingsAsync(Emulator.PublicKey, Emulator.SecretKey, Emulator.WebhookSecret, Emulator.BaseAddress.ToString().TrimEnd('/'));
    }

    /// <summary>
    /// Writes Opn keys, webhook secret and API base URL into the plugin's shared (all stores) settings; null leaves a value as it is
    /// </summary>
    public async Task ApplyOpnSettingsAsync(string publicKey, string secretKey, string webhookSecret, string apiBaseUrl)
    {
        if (publicKey == null && secretKey == null && webhookSecret == null && apiBaseUrl == null)
            return;

        var settings = await GetSettingsAsync<KmaPaymentSettings>();
        settings.PublicKey = publicKey ?? settings.PublicKey;
        settings.SecretKey = secretKey ?? settings.SecretKey;
        settings.WebhookSecret = webhookSecret ?? settings.WebhookSecret;
        settings.ApiBaseUrl = apiBaseUrl ?? settings.ApiBaseUrl;
        await SaveSettingsAsync(settings);
    }

    #region Helpers for tests and tools

    /// <summary>
    /// Runs code in a new service scope (no HTTP request: the current customer is the background task customer)
    /// </summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>
    /// Runs code in a new service scope
    /// </summary>
    public async Task InScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    /// <summary>
    /// Creates an HTTP client for the store (its own cookies, so its own customer; redirects not followed)
    /// </summary>
    public HttpClient CreateClient(bool allowAutoRedirect = false, Uri baseAddress = null)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = allowAutoRedirect, UseCookies = true };
        return new HttpClient(handler) { BaseAddress = baseAddress ?? BaseAddress };
    }

    /// <summary>
    /// Creates an HTTP client already signed in as the development administrator
    /// </summary>
    public async Task<HttpClient> CreateAdminClientAsync(bool allowAutoRedirect = false)
    {
        var client = CreateClient(allowAutoRedirect);
        using var response = await client.GetAsync("login/?as=admin");
        if ((int)response.StatusCode >= 400)
            throw new HttpRequestException($"Development sign-in failed: {response.StatusCode}");
        return client;
    }

    /// <summary>Gets every order (deleted ones included), oldest first</summary>
    public IList<Order> GetOrders() => Data.Orders.Query();

    /// <summary>Gets an order as it is stored now</summary>
    public Order GetOrder(int orderId) => Data.Orders.GetById(orderId);

    /// <summary>Gets an order's notes, oldest first</summary>
    public IList<OrderNote> GetOrderNotes(int orderId) => Data.OrderNotes.Lookup(nameof(OrderNote.OrderId), orderId);

    /// <summary>Gets a generic attribute of an order</summary>
    public Task<T> GetOrderAttributeAsync<T>(int orderId, string key) =>
        InScopeAsync(services => services.GetRequiredService<IGenericAttributeService>().GetAttributeAsync<Order, T>(orderId, key));

    /// <summary>Gets every log entry, oldest first</summary>
    public IList<Log> GetLogs() => Data.Logs.Query();

    /// <summary>Gets every notification shown, oldest first</summary>
    public IList<Notification> GetNotifications() => Data.Notifications.ToList();

    /// <summary>Loads a settings class for a store (with fallback to all stores)</summary>
    public Task<T> GetSettingsAsync<T>(int storeId = 0) where T : ISettings, new() =>
        Services.GetRequiredService<ISettingService>().LoadSettingAsync<T>(storeId);

    /// <summary>Saves every property of a settings class for a store (0 = all stores)</summary>
    public Task SaveSettingsAsync<T>(T settings, int storeId = 0) where T : ISettings, new() =>
        Services.GetRequiredService<ISettingService>().SaveSettingAsync(settings, storeId);

    /// <summary>Sets one setting by key (e.g. "KmaPaymentSettings.AdditionalFee")</summary>
    public Task SetSettingAsync<T>(string key, T value, int storeId = 0) =>
        Services.GetRequiredService<ISettingService>().SetSettingAsync(key, value, storeId);

    /// <summary>Switches nopCommerce's one-page checkout on or off (for all stores or one)</summary>
    public Task UseOnePageCheckoutAsync(bool enabled, int storeId = 0) => SetSettingAsync(DevStoreDefaults.OnePageCheckoutSetting, enabled, storeId);

    /// <summary>Gets the schedule tasks</summary>
    public IList<ScheduleTask> GetScheduleTasks() => Data.ScheduleTasks.Query();

    /// <summary>Runs every enabled schedule task now, in-process (failures are logged, and rethrown if asked)</summary>
    public Task RunScheduleTasksAsync(bool throwException = true) => Services.GetRequiredService<ScheduleTaskRunner>().RunAllAsync(throwException);

    /// <summary>Runs the schedule task of a type now, in-process</summary>
    public async Task RunScheduleTaskAsync(string type, bool throwException = true)
    {
        var task = Data.ScheduleTasks.Query(row => row.Type == type).LastOrDefault() ?? throw new InvalidOperationException($"No schedule task of type {type}");
        await Services.GetRequiredService<ScheduleTaskRunner>().ExecuteAsync(task, throwException);
    }

    /// <summary>Installs a plugin: runs its InstallAsync (as nopCommerce does after the restart) and marks it installed</summary>
    public Task InstallPluginAsync(string systemName) => InScopeAsync(async services =>
    {
        var descriptor = services.GetRequiredService<PluginRegistry>().Descriptors.First(item => item.SystemName == systemName);
        if (Data.InstalledPlugins.ContainsKey(systemName))
            return;

        //as nopCommerce: the plugin's migrations first (its tables), then its InstallAsync
        PluginSchema.Apply(Data, descriptor.PluginType);
        var plugin = (IPlugin)ActivatorUtilities.CreateInstance(services, descriptor.PluginType);
        plugin.PluginDescriptor = descriptor;
        await plugin.InstallAsync();
        Data.InstalledPlugins[systemName] = true;
        descriptor.Installed = true;
    });

    /// <summary>Uninstalls a plugin: runs its UninstallAsync and marks it not installed</summary>
    public Task UninstallPluginAsync(string systemName) => InScopeAsync(async services =>
    {
        var descriptor = services.GetRequiredService<PluginRegistry>().Descriptors.First(item => item.SystemName == systemName);
        if (!Data.InstalledPlugins.ContainsKey(systemName))
            return;

        var plugin = (IPlugin)ActivatorUtilities.CreateInstance(services, descriptor.PluginType);
        plugin.PluginDescriptor = descriptor;
        await plugin.PreparePluginToUninstallAsync();
        await plugin.UninstallAsync();
        //as nopCommerce: then the Down of every applied migration (drops the plugin's tables)
        PluginSchema.Revert(Data, descriptor.PluginType);
        Data.InstalledPlugins.TryRemove(systemName, out _);
        descriptor.Installed = false;
    });

    /// <summary>Adds or removes a payment method from PaymentSettings.ActivePaymentMethodSystemNames (all stores)</summary>
    public async Task SetPaymentMethodActiveAsync(string systemName, bool active, int storeId = 0)
    {
        var settings = await GetSettingsAsync<PaymentSettings>(storeId);
        settings.ActivePaymentMethodSystemNames.RemoveAll(name => name.Equals(systemName, StringComparison.InvariantCultureIgnoreCase));
        if (active)
            settings.ActivePaymentMethodSystemNames.Add(systemName);
        await Services.GetRequiredService<ISettingService>().SaveSettingAsync(settings, x => x.ActivePaymentMethodSystemNames, storeId);
    }

    /// <summary>
    /// Places an order in-process as checkout does (ProcessPayment, then the order, "Order placed", OrderPlacedEvent), without
    /// PostProcessPayment (which needs a browser request). The cart is not used: the products are given.
    /// </summary>
    public Task<PlaceOrderResult> PlaceOrderAsync(int productId, int quantity = 1, int storeId = 1, int customerId = DevStoreDefaults.ShopperCustomerId,
        string paymentMethodSystemName = null) => InScopeAsync(async services =>
    {
        var cartService = services.GetRequiredService<ShoppingCartService>();
        var product = cartService.GetProduct(productId) ?? throw new ArgumentException($"No product {productId}");
        var cart = new List<ShoppingCartItem> { new() { ProductId = productId, Quantity = quantity, CustomerId = customerId, StoreId = storeId } };
        paymentMethodSystemName ??= KmaDefaults.SystemName;

        var subtotal = product.Price * quantity;
        var fee = await services.GetRequiredService<IPaymentService>().GetAdditionalHandlingFeeAsync(cart, paymentMethodSystemName);
        var request = new ProcessPaymentRequest { StoreId = storeId, CustomerId = customerId, PaymentMethodSystemName = paymentMethodSystemName };
        return await services.GetRequiredService<OrderProcessingService>().PlaceOrderAsync(request,
            new PlaceOrderDetails(subtotal, fee, subtotal + fee, product.IsShipEnabled, DevStoreDefaults.EnglishLanguageId, "THB", 1m, "127.0.0.1"));
    });

    /// <summary>
    /// Buys a product over HTTP with the given client, the way a browser does: add to cart, then the multi-step checkout
    /// (payment method, payment info, confirm) or the one-page checkout (save method, confirm, complete redirection payment).
    /// Returns the last response (a redirect to the payment page when the plugin redirected) and the order placed, if any.
    /// </summary>
    public async Task<HttpCheckoutResult> CheckoutOverHttpAsync(HttpClient client, int productId, int quantity = 1, bool onePage = false,
        string paymentMethodSystemName = null)
    {
        paymentMethodSystemName ??= KmaDefaults.SystemName;
        var before = GetOrders().Select(order => order.Id).ToHashSet();

        (await PostFormAsync(client, $"addproducttocart/{productId}", ("quantity", quantity.ToString()))).Dispose();

        HttpResponseMessage last;
        if (onePage)
        {
            (await PostFormAsync(client, "checkout/OpcSavePaymentMethod", ("paymentmethod", paymentMethodSystemName))).Dispose();
            (await PostFormAsync(client, "checkout/OpcSavePaymentInfo")).Dispose();
            last = await PostFormAsync(client, "checkout/OpcConfirmOrder");
            var json = await last.Content.ReadAsStringAsync();
            var redirect = Newtonsoft.Json.Linq.JObject.Parse(json)["redirect"]?.ToString();
            if (redirect != null)
            {
                last.Dispose();
                last = await client.GetAsync(redirect);
            }
        }
        else
        {
            (await PostFormAsync(client, "checkout/paymentmethod", ("paymentmethod", paymentMethodSystemName), ("nextstep", "Next"))).Dispose();
            (await PostFormAsync(client, "checkout/paymentinfo", ("nextstep", "Next"))).Dispose();
            last = await PostFormAsync(client, "checkout/confirm");
        }

        var order = GetOrders().FirstOrDefault(candidate => !before.Contains(candidate.Id));
        return new HttpCheckoutResult(last, order);
    }

    /// <summary>
    /// Gets an antiforgery token for the client's cookies (as a browser has it from any page with a form)
    /// </summary>
    public static async Task<string> GetAntiforgeryTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("login/");
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the sign-in page");
    }

    /// <summary>
    /// Posts a form the way a browser posts it from a page: with the antiforgery token nopCommerce's controllers check
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string Key, string Value)[] fields)
    {
        var token = await GetAntiforgeryTokenAsync(client);
        var values = fields.Select(field => new KeyValuePair<string, string>(field.Key, field.Value))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    #endregion

    /// <summary>
    /// Waits until the host is asked to stop (Ctrl+C, SIGTERM or IHostApplicationLifetime.StopApplication)
    /// </summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>
    /// Stops the store
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Emulator != null)
            await Emulator.DisposeAsync();
    }
}

/// <summary>
/// The end of an HTTP checkout: the last response and the order it placed (null if none)
/// </summary>
public sealed record HttpCheckoutResult(HttpResponseMessage Response, Order Order);
