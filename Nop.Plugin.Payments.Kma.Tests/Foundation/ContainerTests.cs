using Autofac;
using Autofac.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Nop.Core.Infrastructure;
using Nop.Services.Plugins;
using Nop.Web.Framework.Mvc.Routing;

namespace Nop.Plugin.Payments.Kma.Tests.Foundation;

/// <summary>
/// Everything nopCommerce will create from the plugin can be created from the container the plugin's startup
/// configures. Types are found by reflection, so whatever is added to the plugin later is covered too.
/// </summary>
[TestFixture]
public class ContainerTests
{
    /// <summary>
    /// The plugin's services: interfaces the plugin declares and implements, and its *Service classes
    /// </summary>
    private static IEnumerable<Type> PluginServiceTypes()
    {
        var types = NopContainer.PluginTypes;
        var pluginInterfaces = NopContainer.PluginAssembly.GetTypes()
            .Where(type => type.IsInterface && types.Any(implementation => type.IsAssignableFrom(implementation)))
            .ToList();
        var serviceClasses = types.Where(type => type.Name.EndsWith("Service", StringComparison.Ordinal)
            && !type.GetInterfaces().Any(face => face.Assembly == NopContainer.PluginAssembly));

        return pluginInterfaces.Concat(serviceClasses);
    }

    private static IEnumerable<(string Kind, Type Type)> EverythingNopCommerceCreates()
    {
        foreach (var type in PluginServiceTypes())
            yield return ("service", type);

        foreach (var type in NopContainer.PluginTypes)
        {
            if (NopContainer.IsController(type))
                yield return ("controller", type);
            if (NopContainer.IsViewComponent(type))
                yield return ("view component", type);
            if (NopContainer.IsScheduleTask(type))
                yield return ("schedule task", type);
            if (typeof(IPlugin).IsAssignableFrom(type))
                yield return ("plugin", type);
        }
    }

    private static List<string> Failures(IContainer container, IEnumerable<(string Kind, Type Type)> targets)
    {
        var failures = new List<string>();
        using var scope = container.BeginLifetimeScope();
        var provider = new AutofacServiceProvider(scope);
        foreach (var (kind, type) in targets)
        {
            try
            {
                var instance = kind == "service" ? provider.GetRequiredService(type) : NopContainer.Create(provider, type);
                if (instance == null)
                    failures.Add($"{kind} {type.FullName}: null");
            }
            catch (Exception exception)
            {
                failures.Add($"{kind} {type.FullName}: {exception.GetType().Name}: {exception.Message}");
            }
        }

        return failures;
    }

    [Test]
    public void EveryPluginTypeNopCommerceCreatesResolves()
    {
        var registered = new List<Type>();
        using var container = NopContainer.Build(runPluginStartups: true, registered);

        // Plus whatever the plugin's startup registers (the plugin's own types and anything else it asks for).
        var targets = EverythingNopCommerceCreates()
            .Concat(registered.Where(type => !type.IsGenericTypeDefinition).Select(type => (Kind: "service", Type: type)))
            .DistinctBy(target => target.Type)
            .ToList();

        Assert.That(targets.Select(target => target.Type), Does.Contain(typeof(KmaPaymentProcessor)));
        Assert.That(Failures(container, targets), Is.Empty);
        TestContext.Out.WriteLine($"resolved {targets.Count}: {string.Join(", ", targets.Select(target => $"{target.Kind} {target.Type.Name}"))}");
    }

    [Test]
    public void EveryEventConsumerIsRegisteredForEachEventItHandles()
    {
        using var container = NopContainer.Build(runPluginStartups: true);
        using var scope = container.BeginLifetimeScope();
        var provider = new AutofacServiceProvider(scope);

        foreach (var consumer in NopContainer.PluginTypes)
        {
            foreach (var consumerInterface in NopContainer.ConsumerInterfaces(consumer))
            {
                // nopCommerce's event publisher resolves all consumers of the event type.
                var all = (IEnumerable<object>)provider.GetRequiredService(typeof(IEnumerable<>).MakeGenericType(consumerInterface));
                Assert.That(all.Select(instance => instance.GetType()), Does.Contain(consumer), consumerInterface.ToString());
            }
        }
    }

    [Test]
    public void StartupsAndRouteProvidersHaveParameterlessConstructors()
    {
        // nopCommerce creates both with Activator.CreateInstance before the container exists.
        var types = NopContainer.PluginTypes.Where(type => typeof(INopStartup).IsAssignableFrom(type) || typeof(IRouteProvider).IsAssignableFrom(type)).ToList();

        Assert.That(types, Does.Contain(typeof(Infrastructure.NopStartup)));
        foreach (var type in types)
            Assert.That(() => Activator.CreateInstance(type), Throws.Nothing, type.FullName);
    }

    [Test]
    public void MissingRegistrationFails()
    {
        using var container = NopContainer.Build(runPluginStartups: true);

        // A type whose dependency nobody registered cannot be created: the check above is not lenient.
        var failures = Failures(container, [("controller", typeof(NeedsUnregisteredService)), ("service", typeof(IUnregisteredService))]);

        Assert.That(failures, Has.Count.EqualTo(2));
    }

    [Test]
    public void WithoutThePluginStartupItsRegistrationsAreMissing()
    {
        var registered = new List<Type>();
        using (NopContainer.Build(runPluginStartups: true, registered))
        {
        }

        using var bare = NopContainer.Build(runPluginStartups: false);
        var pluginServices = registered.Distinct().Where(type => !type.IsGenericTypeDefinition && type.Assembly == NopContainer.PluginAssembly).ToList();

        // Every plugin service the startup registers is missing from a container built without it.
        Assert.That(Failures(bare, pluginServices.Select(type => ("service", type))), Has.Count.EqualTo(pluginServices.Count));
        if (pluginServices.Count == 0)
            Assert.That(PluginServiceTypes(), Is.Empty, "the plugin declares services but its startup registers none");
    }

    public interface IUnregisteredService
    {
    }

    public class NeedsUnregisteredService
    {
        public NeedsUnregisteredService(IUnregisteredService service)
        {
        }
    }
}
