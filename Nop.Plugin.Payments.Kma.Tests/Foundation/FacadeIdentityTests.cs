using System.Reflection;
using System.Runtime.Versioning;
using FluentMigrator;
using FluentMigrator.Builders.Create.Table;
using Nop.Core;
using Nop.Data;
using Nop.Services;
using Nop.Web.Framework.Controllers;

namespace Nop.Plugin.Payments.Kma.Tests.Foundation;

/// <summary>
/// The facade must look to the .NET binder exactly like nopCommerce 4.90's own assemblies,
/// and the plugin must bind to nothing the host does not provide.
/// </summary>
[TestFixture]
public class FacadeIdentityTests
{
    private static readonly Version _nopVersion = new(4, 90, 0, 0);

    //nopCommerce 4.90.3 ships FluentMigrator 7.1.0 (assembly 7.1.0.0, the package's version with a zero revision);
    //the binder lets a reference bind to a host assembly of the same or a later version, never an earlier one
    private static readonly Version _fluentMigratorVersion = new(7, 1, 0, 0);
    private const string FLUENT_MIGRATOR_TOKEN = "aacfc7de5acabf05";

    private static IEnumerable<TestCaseData> FacadeAssemblies()
    {
        yield return new TestCaseData(typeof(BaseEntity).Assembly, "Nop.Core").SetName("Facade {1}");
        yield return new TestCaseData(typeof(BaseNopResult).Assembly, "Nop.Services").SetName("Facade {1}");
        yield return new TestCaseData(typeof(BaseController).Assembly, "Nop.Web.Framework").SetName("Facade {1}");
        yield return new TestCaseData(typeof(IRepository<>).Assembly, "Nop.Data").SetName("Facade {1}");
    }

    private static IEnumerable<TestCaseData> FluentMigratorReferenceAssemblies()
    {
        yield return new TestCaseData(typeof(AutoReversingMigration).Assembly, "FluentMigrator").SetName("Reference assembly {1}");
        yield return new TestCaseData(typeof(ICreateTableWithColumnSyntax).Assembly, "FluentMigrator.Abstractions").SetName("Reference assembly {1}");
    }

    [TestCaseSource(nameof(FluentMigratorReferenceAssemblies))]
    public void FluentMigratorReferenceAssemblyHasTheIdentityNopCommerceShips(Assembly assembly, string expectedName)
    {
        var name = assembly.GetName();

        Assert.Multiple(() =>
        {
            Assert.That(name.Name, Is.EqualTo(expectedName));
            Assert.That(name.Version, Is.EqualTo(_fluentMigratorVersion));
            Assert.That(Convert.ToHexStringLower(name.GetPublicKeyToken() ?? []), Is.EqualTo(FLUENT_MIGRATOR_TOKEN));
        });
    }

    [TestCaseSource(nameof(FacadeAssemblies))]
    public void FacadeAssemblyHasNopCommercesIdentity(Assembly assembly, string expectedName)
    {
        var name = assembly.GetName();

        Assert.Multiple(() =>
        {
            Assert.That(name.Name, Is.EqualTo(expectedName));
            Assert.That(name.Version, Is.EqualTo(_nopVersion));
            Assert.That(name.GetPublicKeyToken(), Is.Empty, "nopCommerce's assemblies are not strong-named");
            Assert.That(assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName, Is.EqualTo(".NETCoreApp,Version=v9.0"));
        });
    }

    [Test]
    public void PluginTargetsNet9()
    {
        Assert.That(typeof(KmaPaymentProcessor).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName,
            Is.EqualTo(".NETCoreApp,Version=v9.0"));
    }

    [Test]
    public void PluginReferencesOnlyNopCommerce490Assemblies()
    {
        var nopReferences = typeof(KmaPaymentProcessor).Assembly.GetReferencedAssemblies()
            .Where(reference => reference.Name!.StartsWith("Nop.", StringComparison.Ordinal))
            .ToList();

        Assert.That(nopReferences.Select(reference => reference.Name), Does.Contain("Nop.Core").And.Contain("Nop.Services").And.Contain("Nop.Data"));
        foreach (var reference in nopReferences)
        {
            Assert.That(reference.Version, Is.EqualTo(_nopVersion), reference.FullName);
            Assert.That(reference.GetPublicKeyToken(), Is.Null.Or.Empty, reference.FullName);
        }
    }

    [Test]
    public void PluginReferencesNothingTheHostCannotSatisfy()
    {
        var references = typeof(KmaPaymentProcessor).Assembly.GetReferencedAssemblies();
        var forbidden = new[] { "linq2db", "Autofac" };

        Assert.Multiple(() =>
        {
            foreach (var reference in references)
            {
                Assert.That(forbidden.Any(prefix => reference.Name!.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)), Is.False,
                    $"the plugin must not reference {reference.FullName}");

                // the migration binds to the host's FluentMigrator: never above what nopCommerce 4.90.3 ships
                if (reference.Name!.StartsWith("FluentMigrator", StringComparison.Ordinal))
                {
                    Assert.That(reference.Name, Is.EqualTo("FluentMigrator").Or.EqualTo("FluentMigrator.Abstractions"), reference.FullName);
                    Assert.That(reference.Version, Is.LessThanOrEqualTo(_fluentMigratorVersion), reference.FullName);
                    Assert.That(Convert.ToHexStringLower(reference.GetPublicKeyToken() ?? []), Is.EqualTo(FLUENT_MIGRATOR_TOKEN), reference.FullName);
                }

                // nopCommerce ships Newtonsoft.Json 13.0.x (assembly 13.0.0.0): a higher reference would not bind.
                if (reference.Name == "Newtonsoft.Json")
                    Assert.That(reference.Version, Is.LessThanOrEqualTo(new Version(13, 0, 0, 0)), reference.FullName);
            }
        });
    }

    [Test]
    public void PluginOutputCarriesNoHostAssemblies()
    {
        var output = RepositoryPaths.PluginOutput;
        Assert.That(File.Exists(Path.Combine(output, "Nop.Plugin.Payments.Kma.dll")), Is.True, $"plugin not built at {output}");
        Assert.That(File.Exists(Path.Combine(output, "plugin.json")), Is.True, "plugin.json must sit next to the plugin DLL");

        var dlls = Directory.GetFiles(output, "*.dll", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();

        Assert.That(dlls.Where(name => Packager.PluginPackage.IsForbiddenLibrary(name)), Is.Empty, "the host's assemblies must not be copied next to the plugin");
    }
}
