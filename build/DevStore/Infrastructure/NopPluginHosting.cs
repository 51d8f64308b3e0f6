using System.Reflection;
using DevStore.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nop.Core.Configuration;
using Nop.Core.Infrastructure;
using Nop.Services.Configuration;
using Nop.Core;
using Nop.Services.Events;
using Nop.Web.Framework.Mvc.Routing;

namespace DevStore.Infrastructure;

/// <summary>
/// What nopCommerce's engine does with the assemblies it finds (its type finder): startups sorted by Order,
/// settings classes loaded for the request's store, event consumers per closed interface, route providers by Priority
/// </summary>
public static class NopPluginHosting
{
    /// <summary>
    /// Gets the assemblies nopCommerce's type finder would scan: the plugins' and the host's
    /// </summary>
    public static IList<Assembly> GetAssemblies(PluginRegistry registry) =>
        registry.Descriptors.Select(descriptor => descriptor.ReferencedAssembly)
            .Append(typeof(NopPluginHosting).Assembly)
            .Where(assembly => assembly != null)
            .Distinct()
            .ToList();

    private static IEnumerable<Type> ConcreteTypes(IEnumerable<Assembly> assemblies) =>
        assemblies.SelectMany(assembly => assembly.GetTypes()).Where(type => type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false });

    /// <summary>
    /// Creates the startups (parameterless constructors) sorted by Order
    /// </summary>
    public static IList<INopStartup> CreateStartups(IEnumerable<Assembly> assemblies) =>
        ConcreteTypes(assemblies).Where(type => typeof(INopStartup).IsAssignableFrom(type))
            .Select(type => (INopStartup)Activator.CreateInstance(type))
            .OrderBy(startup => startup.Order)
            .ToList();

    /// <summary>
    /// Registers every ISettings class (scoped, loaded for the current store with fallback to all stores)
    /// and every IConsumer implementation (scoped, once per closed IConsumer interface)
    /// </summary>
    public static void RegisterDiscoveredServices(IServiceCollection services, IEnumerable<Assembly> assemblies)
    {
        var types = ConcreteTypes(assemblies).ToList();

        foreach (var settingsType in types.Where(type => typeof(ISettings).IsAssignableFrom(type)))
        {
            services.AddScoped(settingsType, provider =>
            {
                var storeId = provider.GetRequiredService<IStoreContext>().GetCurrentStore().Id;
                return provider.GetRequiredService<ISettingService>().LoadSettingAsync(settingsType, storeId).GetAwaiter().GetResult();
            });
        }

        foreach (var consumerType in types)
        {
            foreach (var consumerInterface in consumerType.GetInterfaces().Where(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IConsumer<>)))
                services.AddScoped(consumerInterface, consumerType);
        }
    }

    /// <summary>
    /// Creates the route providers (parameterless constructors) and registers their routes, highest Priority first
    /// </summary>
    public static void RegisterRoutes(IEndpointRouteBuilder endpoints, IEnumerable<Assembly> assemblies)
    {
        var providers = ConcreteTypes(assemblies).Where(type => typeof(IRouteProvider).IsAssignableFrom(type))
            .Select(type => (IRouteProvider)Activator.CreateInstance(type))
            .OrderByDescending(provider => provider.Priority)
            .ToList();

        foreach (var provider in providers)
            provider.RegisterRoutes(endpoints);
    }
}

/// <summary>
/// nopCommerce's ThemeableViewLocationExpander: outside the admin area, the working theme's folders are searched first
/// </summary>
public class ThemeableViewLocationExpander : IViewLocationExpander
{
    private const string ThemeKey = "nop.themename";

    public static string ThemeName { get; set; } = "DefaultClean";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.AreaName?.Equals(Nop.Web.Framework.AreaNames.ADMIN) ?? false)
            return;

        context.Values[ThemeKey] = ThemeName;
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (context.Values.TryGetValue(ThemeKey, out var theme))
        {
            viewLocations = new[]
            {
                $"/Themes/{theme}/Views/{{1}}/{{0}}.cshtml",
                $"/Themes/{theme}/Views/Shared/{{0}}.cshtml"
            }.Concat(viewLocations);
        }

        return viewLocations;
    }
}
