using System.Reflection;
using DevStore.Data;
using Microsoft.Extensions.DependencyInjection;
using Nop.Core;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Services.Configuration;
using Nop.Services.Customers;
using Nop.Services.Payments;
using Nop.Services.Plugins;

namespace DevStore.Services;

/// <summary>
/// The plugins found under &lt;content root&gt;/Plugins/*/plugin.json, as nopCommerce's plugin manager finds them
/// </summary>
public sealed class PluginRegistry
{
    public PluginRegistry(IList<PluginDescriptor> descriptors)
    {
        Descriptors = descriptors;
    }

    public IList<PluginDescriptor> Descriptors { get; }

    /// <summary>
    /// Reads every plugin.json under the plugins folder and binds it to its (already referenced) assembly
    /// </summary>
    public static PluginRegistry Load(string pluginsPath)
    {
        var descriptors = new List<PluginDescriptor>();
        if (!Directory.Exists(pluginsPath))
            return new PluginRegistry(descriptors);

        foreach (var file in Directory.GetFiles(pluginsPath, "plugin.json", SearchOption.AllDirectories))
        {
            var descriptor = PluginDescriptor.GetPluginDescriptorFromText(File.ReadAllText(file));
            if (!descriptor.SupportedVersions.Contains(Nop.Core.NopVersion.CURRENT_VERSION, StringComparer.InvariantCultureIgnoreCase))
                continue;

            var assemblyName = Path.GetFileNameWithoutExtension(descriptor.AssemblyFileName);
            var assembly = Assembly.Load(new AssemblyName(assemblyName));
            descriptor.ReferencedAssembly = assembly;
            descriptor.OriginalAssemblyFile = Path.Combine(Path.GetDirectoryName(file)!, descriptor.AssemblyFileName);
            descriptor.PluginType = assembly.GetTypes().FirstOrDefault(type => typeof(IPlugin).IsAssignableFrom(type) && type is { IsClass: true, IsAbstract: false });
            descriptors.Add(descriptor);
        }

        return new PluginRegistry(descriptors);
    }
}

/// <summary>
/// Loads payment plugins (created with constructor injection, one instance per scope) and tells which are active
/// </summary>
public class PaymentPluginManager : IPaymentPluginManager
{
    private readonly DevStoreData _data;
    private readonly PluginRegistry _registry;
    private readonly IServiceProvider _serviceProvider;
    private readonly ISettingService _settingService;
    private readonly IStoreContext _storeContext;
    private readonly IWebHelper _webHelper;
    private readonly Dictionary<string, IPaymentMethod> _instances = new(StringComparer.InvariantCultureIgnoreCase);

    public PaymentPluginManager(DevStoreData data,
        PluginRegistry registry,
        IServiceProvider serviceProvider,
        ISettingService settingService,
        IStoreContext storeContext,
        IWebHelper webHelper)
    {
        _data = data;
        _registry = registry;
        _serviceProvider = serviceProvider;
        _settingService = settingService;
        _storeContext = storeContext;
        _webHelper = webHelper;
    }

    private IPaymentMethod GetInstance(PluginDescriptor descriptor)
    {
        if (_instances.TryGetValue(descriptor.SystemName, out var instance))
            return instance;

        instance = (IPaymentMethod)ActivatorUtilities.CreateInstance(_serviceProvider, descriptor.PluginType);
        instance.PluginDescriptor = descriptor;
        _instances[descriptor.SystemName] = instance;
        return instance;
    }

    private IEnumerable<PluginDescriptor> InstalledPaymentPlugins() => _registry.Descriptors
        .Where(descriptor => descriptor.PluginType != null && typeof(IPaymentMethod).IsAssignableFrom(descriptor.PluginType) && _data.InstalledPlugins.ContainsKey(descriptor.SystemName))
        .Where(descriptor => { descriptor.Installed = true; return true; })
        .OrderBy(descriptor => descriptor);

    public Task<IList<IPaymentMethod>> LoadAllPluginsAsync(Customer customer = null, int storeId = 0)
    {
        IList<IPaymentMethod> plugins = InstalledPaymentPlugins()
            .Where(descriptor => storeId == 0 || !descriptor.LimitedToStores.Any() || descriptor.LimitedToStores.Contains(storeId))
            .Select(GetInstance).ToList();
        return Task.FromResult(plugins);
    }

    public async Task<IPaymentMethod> LoadPluginBySystemNameAsync(string systemName, Customer customer = null, int storeId = 0)
    {
        if (string.IsNullOrEmpty(systemName))
            return null;

        return (await LoadAllPluginsAsync(customer, storeId)).FirstOrDefault(plugin => plugin.PluginDescriptor.SystemName.Equals(systemName, StringComparison.InvariantCultureIgnoreCase));
    }

    public async Task<IList<IPaymentMethod>> LoadActivePluginsAsync(List<string> systemNames, Customer customer = null, int storeId = 0)
    {
        return (await LoadAllPluginsAsync(customer, storeId)).Where(plugin => IsPluginActive(plugin, systemNames)).ToList();
    }

    public bool IsPluginActive(IPaymentMethod plugin, List<string> systemNames)
    {
        return plugin != null && systemNames != null
            && systemNames.Any(name => plugin.PluginDescriptor.SystemName.Equals(name, StringComparison.InvariantCultureIgnoreCase));
    }

    public Task<string> GetPluginLogoUrlAsync(IPaymentMethod plugin)
    {
        var folder = Path.GetDirectoryName(plugin.PluginDescriptor.OriginalAssemblyFile);
        var logo = new[] { "logo.jpg", "logo.png", "logo.gif" }.FirstOrDefault(name => File.Exists(Path.Combine(folder!, name)));
        return Task.FromResult(logo == null ? null : $"{_webHelper.GetStoreLocation()}Plugins/{Path.GetFileName(folder)}/{logo}");
    }

    public async Task<IList<IPaymentMethod>> LoadActivePluginsAsync(Customer customer = null, int storeId = 0, int countryId = 0)
    {
        var settings = await _settingService.LoadSettingAsync<PaymentSettings>(storeId);
        return await LoadActivePluginsAsync(settings.ActivePaymentMethodSystemNames, customer, storeId);
    }

    public bool IsPluginActive(IPaymentMethod paymentMethod)
    {
        var settings = _settingService.LoadSettingAsync<PaymentSettings>(_storeContext.GetCurrentStore().Id).GetAwaiter().GetResult();
        return IsPluginActive(paymentMethod, settings.ActivePaymentMethodSystemNames);
    }

    public async Task<bool> IsPluginActiveAsync(string systemName, Customer customer = null, int storeId = 0)
    {
        var plugin = await LoadPluginBySystemNameAsync(systemName, customer, storeId);
        var settings = await _settingService.LoadSettingAsync<PaymentSettings>(storeId);
        return IsPluginActive(plugin, settings.ActivePaymentMethodSystemNames);
    }
}

/// <summary>
/// nopCommerce's PaymentService: a zero total is paid without the plugin, PostProcess is skipped for a paid order,
/// re-posting needs AllowRePostingPayments, a redirection method, an order neither deleted nor cancelled, Pending, and the plugin's yes
/// </summary>
public class PaymentService : IPaymentService
{
    private readonly ICustomerService _customerService;
    private readonly IPaymentPluginManager _paymentPluginManager;
    private readonly ISettingService _settingService;

    public PaymentService(ICustomerService customerService,
        IPaymentPluginManager paymentPluginManager,
        ISettingService settingService)
    {
        _customerService = customerService;
        _paymentPluginManager = paymentPluginManager;
        _settingService = settingService;
    }

    public async Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest processPaymentRequest)
    {
        if (processPaymentRequest.OrderTotal == decimal.Zero)
            return new ProcessPaymentResult { NewPaymentStatus = PaymentStatus.Paid };

        var customer = await _customerService.GetCustomerByIdAsync(processPaymentRequest.CustomerId);
        var paymentMethod = await _paymentPluginManager.LoadPluginBySystemNameAsync(processPaymentRequest.PaymentMethodSystemName, customer, processPaymentRequest.StoreId)
            ?? throw new NopException("Payment method couldn't be loaded");

        return await paymentMethod.ProcessPaymentAsync(processPaymentRequest);
    }

    public async Task PostProcessPaymentAsync(PostProcessPaymentRequest postProcessPaymentRequest)
    {
        if (postProcessPaymentRequest.Order.PaymentStatus == PaymentStatus.Paid)
            return;

        var order = postProcessPaymentRequest.Order;
        var customer = await _customerService.GetCustomerByIdAsync(order.CustomerId);
        var paymentMethod = await _paymentPluginManager.LoadPluginBySystemNameAsync(order.PaymentMethodSystemName, customer, order.StoreId)
            ?? throw new NopException("Payment method couldn't be loaded");

        await paymentMethod.PostProcessPaymentAsync(postProcessPaymentRequest);
    }

    public async Task<bool> CanRePostProcessPaymentAsync(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);

        var settings = await _settingService.LoadSettingAsync<PaymentSettings>(order.StoreId);
        if (!settings.AllowRePostingPayments)
            return false;

        var customer = await _customerService.GetCustomerByIdAsync(order.CustomerId);
        var paymentMethod = await _paymentPluginManager.LoadPluginBySystemNameAsync(order.PaymentMethodSystemName, customer, order.StoreId);
        if (paymentMethod == null || paymentMethod.PaymentMethodType != PaymentMethodType.Redirection)
            return false;

        if (order.Deleted || order.OrderStatus == OrderStatus.Cancelled || order.PaymentStatus != PaymentStatus.Pending)
            return false;

        return await paymentMethod.CanRePostProcessPaymentAsync(order);
    }

    public async Task<decimal> GetAdditionalHandlingFeeAsync(IList<ShoppingCartItem> cart, string paymentMethodSystemName)
    {
        if (string.IsNullOrEmpty(paymentMethodSystemName))
            return decimal.Zero;

        var customer = await _customerService.GetCustomerByIdAsync(cart.FirstOrDefault()?.CustomerId ?? 0);
        var paymentMethod = await _paymentPluginManager.LoadPluginBySystemNameAsync(paymentMethodSystemName, customer, cart.FirstOrDefault()?.StoreId ?? 0);
        if (paymentMethod == null)
            return decimal.Zero;

        var fee = await paymentMethod.GetAdditionalHandlingFeeAsync(cart);
        return Math.Round(Math.Max(fee, decimal.Zero), 2);
    }
}
