using System.Diagnostics;
using System.Text.Json;

namespace Nop.Plugin.Payments.Kma.Tests.Foundation;

/// <summary>
/// Inside a nopCommerce source tree the plugin builds against the real projects into Nop.Web's Plugins folder,
/// as the official plugins do. A tiny fake tree is enough: only MSBuild evaluation is checked.
/// </summary>
[TestFixture]
public class SourceTreeSwitchTests
{
    private string _temp;

    [SetUp]
    public void SetUp()
    {
        _temp = Directory.CreateTempSubdirectory("kma-nop-tree-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        Directory.Delete(_temp, true);
    }

    /// <summary>Creates src/Presentation/Nop.Web/Nop.Web.csproj and src/Build/ClearPluginAssemblies.proj</summary>
    private string CreateFakeNopSource()
    {
        var src = Path.Combine(_temp, "src");
        Write(Path.Combine(src, "Presentation", "Nop.Web", "Nop.Web.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write(Path.Combine(src, "Build", "ClearPluginAssemblies.proj"), "<Project><Target Name=\"NopClear\" /></Project>");
        return src;
    }

    /// <summary>Copies what evaluating the plugin project needs from this repository into a folder</summary>
    private static string CloneRepositoryInto(string repositoryFolder)
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "plugin.json" })
            Write(Path.Combine(repositoryFolder, file), File.ReadAllText(Path.Combine(RepositoryPaths.RepoRoot, file)));

        var project = Path.Combine(repositoryFolder, "Nop.Plugin.Payments.Kma", "Nop.Plugin.Payments.Kma.csproj");
        Write(project, File.ReadAllText(RepositoryPaths.PluginProject));
        return project;
    }

    private static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static (string NopSrcDir, string OutputPath, List<JsonElement> References) Evaluate(string project, string extraArgument = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(project)!
        };
        foreach (var argument in new[] { "msbuild", project, "-nologo", "-getProperty:NopSrcDir", "-getProperty:OutputPath", "-getItem:ProjectReference" })
            start.ArgumentList.Add(argument);
        if (extraArgument != null)
            start.ArgumentList.Add(extraArgument);
        foreach (var name in start.Environment.Keys.Where(key => key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(2)), Is.True, "msbuild evaluation did not finish");
        Assert.That(process.ExitCode, Is.Zero, output.Result + error.Result);

        using var json = JsonDocument.Parse(output.Result);
        var properties = json.RootElement.GetProperty("Properties");
        var references = json.RootElement.GetProperty("Items").GetProperty("ProjectReference").EnumerateArray().Select(item => item.Clone()).ToList();
        return (properties.GetProperty("NopSrcDir").GetString(), properties.GetProperty("OutputPath").GetString(), references);
    }

    private static string Normalize(string path) => Path.GetFullPath(path).Replace('\\', '/').TrimEnd('/');

    private static void AssertBuildsAgainstTheRealProjects(string src, (string NopSrcDir, string OutputPath, List<JsonElement> References) evaluation)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Normalize(evaluation.NopSrcDir), Is.EqualTo(Normalize(src)));
            Assert.That(Normalize(evaluation.OutputPath), Is.EqualTo(Normalize(Path.Combine(src, "Presentation", "Nop.Web", "Plugins", "Payments.Kma"))));
            Assert.That(evaluation.References.Select(reference => Normalize(reference.GetProperty("FullPath").GetString())),
                Is.EqualTo(new[] { Normalize(Path.Combine(src, "Presentation", "Nop.Web", "Nop.Web.csproj")) }));
        });
    }

    [Test]
    public void RepositoryClonedIntoSrcPluginsBuildsAgainstTheRealProjects()
    {
        var src = CreateFakeNopSource();
        var project = CloneRepositoryInto(Path.Combine(src, "Plugins", "Payments.Kma"));

        AssertBuildsAgainstTheRealProjects(src, Evaluate(project));
    }

    [Test]
    public void ProjectFolderCopiedIntoSrcPluginsBuildsAgainstTheRealProjects()
    {
        var src = CreateFakeNopSource();
        var project = Path.Combine(src, "Plugins", "Nop.Plugin.Payments.Kma", "Nop.Plugin.Payments.Kma.csproj");
        Write(project, File.ReadAllText(RepositoryPaths.PluginProject));

        AssertBuildsAgainstTheRealProjects(src, Evaluate(project));
    }

    [Test]
    public void ExplicitNopSrcDirBuildsAgainstTheRealProjects()
    {
        var src = CreateFakeNopSource();
        var project = CloneRepositoryInto(Path.Combine(_temp, "elsewhere", "Payments.Kma"));

        AssertBuildsAgainstTheRealProjects(src, Evaluate(project, $"-p:NopSrcDir={src}"));
    }

    [Test]
    public void OutsideASourceTreeTheFacadeIsUsedAndNotCopied()
    {
        var evaluation = Evaluate(RepositoryPaths.PluginProject);

        Assert.That(evaluation.NopSrcDir, Is.Empty);
        Assert.That(evaluation.References.Select(reference => reference.GetProperty("Filename").GetString()),
            Is.EquivalentTo(new[] { "Nop.Core", "Nop.Services", "Nop.Web.Framework", "Nop.Data", "FluentMigrator", "FluentMigrator.Abstractions" }));
        foreach (var reference in evaluation.References)
        {
            Assert.That(reference.GetProperty("Private").GetString(), Is.EqualTo("false"));
            Assert.That(reference.GetProperty("ExcludeAssets").GetString(), Is.EqualTo("runtime"));
        }
    }
}
