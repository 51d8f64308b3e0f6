using System.IO.Compression;
using System.Text.Json;
using Packager;

namespace Nop.Plugin.Payments.Kma.Tests.Foundation;

/// <summary>
/// The same rules build/package.sh applies (it runs the same PluginPackage code)
/// </summary>
[TestFixture]
public class PackageTests
{
    private string _temp;

    [SetUp]
    public void SetUp()
    {
        _temp = Directory.CreateTempSubdirectory("kma-package-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        Directory.Delete(_temp, true);
    }

    private static string PluginJson(string supportedVersions = "[\"4.90\"]", string fileName = "Nop.Plugin.Payments.Kma.dll")
    {
        return $$"""{ "SystemName": "Payments.Kma", "Version": "1.2.3", "SupportedVersions": {{supportedVersions}}, "FileName": "{{fileName}}" }""";
    }

    private string WriteZip(params (string Name, string Content)[] entries)
    {
        var path = Path.Combine(_temp, $"test-{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(content);
        }

        return path;
    }

    [Test]
    public void PackageOfTheBuiltPluginIsValid()
    {
        var zipPath = PluginPackage.Create(RepositoryPaths.PluginOutput, Path.Combine(_temp, "dist"));

        using var plugin = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.RepoRoot, "plugin.json")));
        var version = plugin.RootElement.GetProperty("Version").GetString();
        Assert.That(Path.GetFileName(zipPath), Is.EqualTo($"Nop.Plugin.Payments.Kma.{version}.zip"));
        Assert.That(PluginPackage.Validate(zipPath), Is.Empty);

        using var zip = ZipFile.OpenRead(zipPath);
        var names = zip.Entries.Select(entry => entry.FullName).ToList();
        Assert.That(names, Does.Contain("Payments.Kma/plugin.json").And.Contain("Payments.Kma/Nop.Plugin.Payments.Kma.dll").And.Contain("Payments.Kma/logo.png"));
        Assert.That(names, Has.All.StartsWith("Payments.Kma/"));
        Assert.That(names, Has.None.Contain("\\"));
        Assert.That(names, Has.None.EndsWith(".pdb").And.None.EndsWith(".deps.json"));
        Assert.That(names.Where(name => name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(new[] { "Payments.Kma/Nop.Plugin.Payments.Kma.dll" }),
            "no third-party library: another plugin's copy of a different version would make nopCommerce refuse one of them");
        Assert.That(names, Has.All.Matches<string>(name => name is "Payments.Kma/plugin.json" or "Payments.Kma/Nop.Plugin.Payments.Kma.dll" or "Payments.Kma/logo.png"
            || name.StartsWith("Payments.Kma/Views/") || name.StartsWith("Payments.Kma/Content/")));

        // Every view and static file of the plugin project is shipped.
        foreach (var folder in new[] { "Views", "Content" })
        {
            var source = Path.Combine(RepositoryPaths.RepoRoot, "Nop.Plugin.Payments.Kma", folder);
            if (!Directory.Exists(source))
                continue;

            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
                Assert.That(names, Does.Contain($"Payments.Kma/{folder}/{Path.GetRelativePath(source, file).Replace('\\', '/')}"));
        }
    }

    [Test]
    public void PluginJsonDescribesThePluginAndSetsItsVersion()
    {
        var descriptor = Nop.Services.Plugins.PluginDescriptor.GetPluginDescriptorFromText(File.ReadAllText(Path.Combine(RepositoryPaths.RepoRoot, "plugin.json")));

        Assert.Multiple(() =>
        {
            Assert.That(descriptor.Group, Is.EqualTo("Payment methods"));
            Assert.That(descriptor.FriendlyName, Is.EqualTo("Krungsri (KMA)"));
            Assert.That(descriptor.SystemName, Is.EqualTo(KmaDefaults.SystemName));
            Assert.That(descriptor.SupportedVersions, Does.Contain(Nop.Core.NopVersion.CURRENT_VERSION));
            Assert.That(descriptor.AssemblyFileName, Is.EqualTo(typeof(KmaPaymentProcessor).Assembly.GetName().Name + ".dll"));
            Assert.That(descriptor.Author, Is.Not.Empty);
            Assert.That(descriptor.Description, Is.Not.Empty);
            Assert.That(Version.Parse(descriptor.Version).ToString(3), Is.EqualTo(typeof(KmaPaymentProcessor).Assembly.GetName().Version!.ToString(3)),
                "the plugin's assembly version comes from plugin.json");
        });
    }

    [Test]
    public void OnlyThePluginsOwnFilesAreSelected()
    {
        var output = Path.Combine(_temp, "bin");
        var files = new[]
        {
            "plugin.json", "logo.png", "Nop.Plugin.Payments.Kma.dll",
            "Views/_ViewImports.cshtml", "Views/PaymentKma.Waiting.cshtml", "Content/kma.css",
            "Nop.Core.dll", "Nop.Services.dll", "Nop.Web.Framework.dll", "Newtonsoft.Json.dll", "Microsoft.Extensions.Http.dll",
            "System.Text.Json.dll", "Autofac.dll", "Nop.Plugin.Payments.Kma.pdb", "Nop.Plugin.Payments.Kma.deps.json", "Nop.Plugin.Payments.Kma.xml"
        };
        foreach (var file in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(output, file))!);
            File.WriteAllText(Path.Combine(output, file), file == "plugin.json" ? PluginJson() : "x");
        }

        var zipPath = PluginPackage.Create(output, Path.Combine(_temp, "dist"));

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.That(Path.GetFileName(zipPath), Is.EqualTo("Nop.Plugin.Payments.Kma.1.2.3.zip"));
        Assert.That(zip.Entries.Select(entry => entry.FullName), Is.EquivalentTo(new[]
        {
            "Payments.Kma/plugin.json", "Payments.Kma/logo.png", "Payments.Kma/Nop.Plugin.Payments.Kma.dll",
            "Payments.Kma/Views/_ViewImports.cshtml", "Payments.Kma/Views/PaymentKma.Waiting.cshtml", "Payments.Kma/Content/kma.css"
        }));
    }

    private string WriteOutput(params string[] files)
    {
        var output = Path.Combine(_temp, "bin");
        foreach (var file in files.Prepend("plugin.json"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(output, file))!);
            File.WriteAllText(Path.Combine(output, file), file == "plugin.json" ? PluginJson() : "x");
        }

        return output;
    }

    [Test]
    public void TheAllowListOfThirdPartyLibrariesIsEmpty()
    {
        Assert.That(PluginPackage.AllowedLibraries, Is.Empty, "shipping a third-party DLL is a deliberate decision: check other plugins for collisions first");
    }

    [TestCase("QRCoder.dll")]
    [TestCase("th/QRCoder.resources.dll")]
    [TestCase("Some.Future.Dependency.dll")]
    public void AnUnexpectedLibraryInTheOutputFailsThePackage(string library)
    {
        var output = WriteOutput("logo.png", "Nop.Plugin.Payments.Kma.dll", library);

        var exception = Assert.Throws<InvalidDataException>(() => PluginPackage.Create(output, Path.Combine(_temp, "dist")));
        Assert.That(exception!.Message, Does.Contain(library));
        Assert.That(Directory.Exists(Path.Combine(_temp, "dist")) ? Directory.GetFiles(Path.Combine(_temp, "dist")) : [], Is.Empty);
    }

    [Test]
    public void AnAllowListedLibraryAndItsSatelliteAreShipped()
    {
        var output = WriteOutput("logo.png", "Nop.Plugin.Payments.Kma.dll", "Foo.dll", "th/Foo.resources.dll");
        var description = PluginPackage.ReadDescription(PluginJson());

        var entries = PluginPackage.SelectFiles(output, description, ["Foo.dll"]).Select(file => file.EntryName);

        Assert.That(entries, Does.Contain("Payments.Kma/Foo.dll").And.Contain("Payments.Kma/th/Foo.resources.dll"));
        Assert.Throws<InvalidDataException>(() => PluginPackage.SelectFiles(output, description));
    }

    private static readonly (string Name, string Content) _dll = ("Payments.Kma/Nop.Plugin.Payments.Kma.dll", "x");
    private static readonly (string Name, string Content) _logo = ("Payments.Kma/logo.png", "x");

    [Test]
    public void ValidLayoutPasses()
    {
        Assert.That(PluginPackage.Validate(WriteZip(("Payments.Kma/plugin.json", PluginJson()), _dll, _logo, ("Payments.Kma/Views/PaymentKma.Pay.cshtml", "x"))), Is.Empty);
    }

    private static IEnumerable<TestCaseData> BrokenPackages()
    {
        var json = ("Payments.Kma/plugin.json", PluginJson());
        yield return new TestCaseData(new[] { json, _dll, _logo, ("Other/readme.txt", "x") }, "one root folder").SetName("Two root folders");
        yield return new TestCaseData(new[] { json, _dll, _logo, ("stray.txt", "x") }, "one root folder").SetName("File outside the root folder");
        yield return new TestCaseData(new[] { json, _dll, _logo, ("Payments.Kma\\Views\\X.cshtml", "x") }, "backslash").SetName("Backslash in an entry name");
        yield return new TestCaseData(new[] { _dll, _logo }, "plugin.json is missing").SetName("No plugin.json");
        yield return new TestCaseData(new[] { ("Payments.Kma/plugin.json", "{ not json"), _dll, _logo }, "does not parse").SetName("plugin.json does not parse");
        yield return new TestCaseData(new[] { ("Payments.Kma/plugin.json", PluginJson("[\"4.80\"]")), _dll, _logo }, "4.90").SetName("SupportedVersions without 4.90");
        yield return new TestCaseData(new[] { ("Payments.Kma/plugin.json", PluginJson(fileName: "Other.dll")), _dll, _logo }, "Other.dll").SetName("FileName not in the zip");
        yield return new TestCaseData(new[] { json, _dll }, "logo.png").SetName("No logo");
        yield return new TestCaseData(new[] { ("Kma/plugin.json", PluginJson()), ("Kma/Nop.Plugin.Payments.Kma.dll", "x"), ("Kma/logo.png", "x") }, "SystemName").SetName("Root folder is not the SystemName");
        yield return new TestCaseData(new[] { json, _dll, _logo, ("Payments.Kma/Newtonsoft.Json.dll", "x") }, "Newtonsoft.Json.dll").SetName("Ships Newtonsoft.Json");
        yield return new TestCaseData(new[] { json, _dll, _logo, ("Payments.Kma/Nop.Core.dll", "x") }, "Nop.Core.dll").SetName("Ships Nop.Core");
        yield return new TestCaseData(new[] { json, _dll, _logo, ("Payments.Kma/Microsoft.AspNetCore.Mvc.Core.dll", "x") }, "Microsoft.AspNetCore").SetName("Ships ASP.NET Core");
        yield return new TestCaseData(new[] { json, _dll, _logo, ("Payments.Kma/System.Text.Json.dll", "x") }, "System.Text.Json").SetName("Ships System.*");
        yield return new TestCaseData(new[] { json, _dll, _logo, ("Payments.Kma/QRCoder.dll", "x") }, "'Payments.Kma/QRCoder.dll' is an unexpected library").SetName("Ships a third-party library");
        yield return new TestCaseData(new[] { json, _dll, _logo, ("Payments.Kma/th/QRCoder.resources.dll", "x") }, "unexpected library").SetName("Ships a third-party satellite assembly");
    }

    [TestCaseSource(nameof(BrokenPackages))]
    public void BrokenPackageFails((string Name, string Content)[] entries, string expectedProblem)
    {
        var problems = PluginPackage.Validate(WriteZip(entries));

        Assert.That(problems, Has.Some.Contains(expectedProblem));
    }
}
