using System.Reflection;
using Autofac;
using Autofac.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;
using Nop.Core;
using Nop.Core.Configuration;
using Nop.Core.Domain.Stores;
using Nop.Core.Infrastructure;
using Nop.Services.Configuration;
using Nop.Services.Events;
using Nop.Services.Plugins;
using Nop.Services.ScheduleTasks;
using Nop.Web.Framework.Mvc.Routing;

namespace Nop.Plugin.Payments.Kma.Tests.Foundation;

/// <summary>
/// Builds the dependency injection container the way nopCommerce 4.90 does: every INopStartup's ConfigureServices
/// runs in Order (the plugin's, then nopCommerce's own NopStartup at 2000, which registers every ISettings class
/// scoped and every IConsumer&lt;T&gt; implementation scoped for each closed interface), and Autofac is populated
/// from the resulting service collection. nopCommerce's own services are Moq mocks.
/// </summary>
internal static class NopContainer
{
    /// <summary>nopCommerce's NopStartup (Nop.Web.Framework) order</summary>
    private const int NOP_STARTUP_ORDER = 2000;

    public static Assembly PluginAssembly => typeof(KmaPaymentProcessor).Assembly;

    private static readonly Assembly[] _nopAssemblies = [typeof(BaseEntity).Assembly, typeof(BasePlugin).Assembly, typeof(IRouteProvider).Assembly, typeof(Nop.Data.IRepository<>).Assembly];

    public static IReadOnlyList<Type> PluginTypes => PluginAssembly.GetTypes()
        .Where(type => type.IsClass && !type.IsAbstract && !type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)) && !type.Name.StartsWith('<'))
        .ToList();

    /// <summary>
    /// Builds the container
    /// </summary>
    /// <param name="runPluginStartups">Whether the plugin's INopStartup classes run (false shows what breaks without them)</param>
    /// <param name="pluginRegistrations">Receives the service types the plugin's startups registered</param>
    public static IContainer Build(bool runPluginStartups, List<Type> pluginRegistrations = null)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();

        var startups = new List<(int Order, Action Configure)> { (NOP_STARTUP_ORDER, () => AddNopServices(services, configuration)) };
        if (runPluginStartups)
        {
            foreach (var startup in PluginTypes.Where(typeof(INopStartup).IsAssignableFrom).Select(type => (INopStartup)Activator.CreateInstance(type)))
            {
                startups.Add((startup.Order, () =>
                {
                    var before = services.Count;
                    startup.ConfigureServices(services, configuration);
                    pluginRegistrations?.AddRange(services.Skip(before).Select(descriptor => descriptor.ServiceType));
                }));
            }
        }

        foreach (var (_, configure) in startups.OrderBy(startup => startup.Order))
            configure();

        var builder = new ContainerBuilder();
        builder.Populate(services);
        return builder.Build();
    }

    /// <summary>
    /// Resolves a type the way nopCommerce creates it: from the container when registered, otherwise by constructor
    /// injection as MVC does for controllers and view components and as nopCommerce does for plugins and tasks
    /// </summary>
    public static object Create(IServiceProvider provider, Type type)
    {
        return provider.GetService(type) ?? ActivatorUtilities.CreateInstance(provider, type);
    }

    private static void AddNopServices(IServiceCollection services, IConfiguration configuration)
    {
        // What ASP.NET Core and nopCommerce's startups provide besides nopCommerce's own services.
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddOptions();
        services.AddMemoryCache();
        services.AddHttpClient();
        services.AddHttpContextAccessor();
        services.AddSingleton(Mock.Of<IWebHostEnvironment>());
        services.AddSingleton<IHostEnvironment>(provider => provider.GetRequiredService<IWebHostEnvironment>());

        // nopCommerce's services: a mock for every nopCommerce interface the plugin's constructors ask for.
        foreach (var serviceType in NopInterfacesThePluginNeeds())
        {
            var mock = (Mock)Activator.CreateInstance(typeof(Mock<>).MakeGenericType(serviceType));
            services.AddScoped(serviceType, _ => mock.Object);
        }

        var storeContext = new Mock<IStoreContext>();
        storeContext.Setup(context => context.GetCurrentStore()).Returns(new Store { Id = 1, Name = "Test store" });
        storeContext.Setup(context => context.GetCurrentStoreAsync()).ReturnsAsync(new Store { Id = 1, Name = "Test store" });
        services.AddScoped(_ => storeContext.Object);

        var settingService = new Mock<ISettingService>();
        settingService.Setup(service => service.LoadSettingAsync(It.IsAny<Type>(), It.IsAny<int>()))
            .ReturnsAsync((Type type, int _) => (ISettings)Activator.CreateInstance(type));
        services.AddScoped(_ => settingService.Object);

        // Every ISettings class, loaded for the current store (nopCommerce's NopStartup).
        var settingsTypes = _nopAssemblies.Append(PluginAssembly).SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsClass && !type.IsAbstract && typeof(ISettings).IsAssignableFrom(type));
        foreach (var settingsType in settingsTypes)
        {
            services.AddScoped(settingsType, provider =>
            {
                var storeId = provider.GetRequiredService<IStoreContext>().GetCurrentStore()?.Id ?? 0;
                return provider.GetRequiredService<ISettingService>().LoadSettingAsync(settingsType, storeId).Result;
            });
        }

        // Every event consumer, once per closed IConsumer<T> it implements (nopCommerce's NopStartup).
        foreach (var consumer in PluginTypes)
        {
            foreach (var consumerInterface in ConsumerInterfaces(consumer))
                services.AddScoped(consumerInterface, consumer);
        }
    }

    public static IEnumerable<Type> ConsumerInterfaces(Type type)
    {
        return type.GetInterfaces().Where(face => face.IsGenericType && face.GetGenericTypeDefinition() == typeof(IConsumer<>));
    }

    public static bool IsScheduleTask(Type type) => typeof(IScheduleTask).IsAssignableFrom(type);

    private static IEnumerable<Type> NopInterfacesThePluginNeeds()
    {
        var needed = new HashSet<Type>();
        foreach (var type in PluginTypes)
        {
            foreach (var parameter in type.GetConstructors().SelectMany(constructor => constructor.GetParameters()))
            {
                var parameterType = Unwrap(parameter.ParameterType);
                var definition = parameterType.IsGenericType ? parameterType.GetGenericTypeDefinition() : parameterType;
                if (parameterType.IsInterface && _nopAssemblies.Contains(definition.Assembly))
                    needed.Add(parameterType);
            }
        }

        needed.Remove(typeof(IStoreContext));
        needed.Remove(typeof(ISettingService));
        return needed;
    }

    private static Type Unwrap(Type type)
    {
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Lazy<>) || type.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
            return type.GetGenericArguments()[0];

        return type;
    }

    public static bool IsController(Type type)
    {
        return typeof(ControllerBase).IsAssignableFrom(type) && !type.IsDefined(typeof(NonControllerAttribute), true);
    }

    public static bool IsViewComponent(Type type)
    {
        return typeof(ViewComponent).IsAssignableFrom(type) || type.IsDefined(typeof(ViewComponentAttribute), true)
            || type.Name.EndsWith("ViewComponent", StringComparison.Ordinal);
    }
}
