using System.Text.RegularExpressions;

namespace Nop.Plugin.Payments.Kma.Tests.Foundation;

/// <summary>
/// The repository stands alone: no build file, script, tool or test reads a path above the repository root, so a
/// clone into an empty folder builds and passes its tests.
/// </summary>
[TestFixture]
public class RepositoryBoundaryTests
{
    #region Fields

    // Files that build, run or test something. Markdown is prose and may mention anything.
    private static readonly string[] _scannedExtensions = [".csproj", ".props", ".targets", ".proj", ".sln", ".sh", ".cs", ".cshtml", ".json", ".ps1", ".cmd"];
    private static readonly string[] _skippedFolders = ["bin", "obj", ".git", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts", "dist"];

    // A relative path that starts by going up: "../x", "..\x", "$(RepoRoot)../x", "$(MSBuildProjectDirectory)/../x",
    // "$(dirname "$0")/../x".
    private static readonly Regex _upwardPath = new(
        @"(?:(?<base>\$\((?<property>[A-Za-z]+)\)[/\\]?|\$\(dirname [^)]*\)/)|(?<![\w/\\.]))(?<path>(?:\.\.[/\\])+[^\s""'<>;|)]*)",
        RegexOptions.Compiled);
    private static readonly string[] _scriptExtensions = [".sh", ".ps1", ".cmd", ""];

    // Path.Combine(x, "..", ...) in C#.
    private static readonly Regex _parentSegmentLiteral = new(@"""\.\.""", RegexOptions.Compiled);

    #endregion

    #region Utilities

    /// <summary>
    /// Lines that point outside the repository: each upward path resolved from the file's folder (or from the
    /// repository root after $(RepoRoot)) that leaves the root, and every ".." path segment literal in C#.
    /// Lines that locate a surrounding nopCommerce source tree (the plugin built inside src/Plugins/) are allowed.
    /// </summary>
    internal static IEnumerable<string> OutsideReferences(string repoRoot, string file, string text)
    {
        var root = Path.GetFullPath(repoRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.Contains("Presentation/Nop.Web") || line.Contains("NopSrcDir"))
                continue;

            var where = $"{Path.GetRelativePath(repoRoot, file)}:{index + 1}";
            if (file.EndsWith(".cs", StringComparison.Ordinal) && _parentSegmentLiteral.IsMatch(line))
                yield return $"{where}: a \"..\" path segment";

            foreach (Match match in _upwardPath.Matches(line))
            {
                // Scripts here run from the repository root (they cd there first), other files from their own folder.
                var starts = match.Groups["property"].Value == "RepoRoot" ? [root]
                    : match.Value.StartsWith("$(dirname", StringComparison.Ordinal) || !_scriptExtensions.Contains(Path.GetExtension(file)) ? [folder]
                    : new[] { root, folder };
                var path = match.Groups["path"].Value.Replace('\\', '/');
                if (starts.Any(start => !(Path.GetFullPath(Path.Combine(start, path)) + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal)))
                    yield return $"{where}: {match.Value} leaves the repository";
            }
        }
    }

    private static IEnumerable<string> ScannedFiles(string repoRoot)
    {
        var pending = new Stack<string>([repoRoot]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var child in Directory.GetDirectories(folder).Where(child => !_skippedFolders.Contains(Path.GetFileName(child))))
                pending.Push(child);

            foreach (var file in Directory.GetFiles(folder))
            {
                var name = Path.GetFileName(file);
                if (_scannedExtensions.Contains(Path.GetExtension(file)) || name == "run" || name.StartsWith("Directory.", StringComparison.Ordinal))
                    yield return file;
            }
        }
    }

    #endregion

    #region Tests

    [Test]
    public void No_build_file_script_tool_or_test_reads_above_the_repository_root()
    {
        var root = RepositoryPaths.RepoRoot;
        var files = ScannedFiles(root).ToList();
        Assert.That(files.Select(Path.GetFileName), Does.Contain("run").And.Contain("Nop.Plugin.Payments.Kma.csproj").And.Contain("package.sh"),
            "the scan must cover the CI script, the projects and the build scripts");

        // This file's own examples are the patterns under test.
        var found = files.Where(file => Path.GetFileName(file) != nameof(RepositoryBoundaryTests) + ".cs")
            .SelectMany(file => OutsideReferences(root, file, File.ReadAllText(file))).ToList();

        Assert.That(found, Is.Empty);
    }

    [TestCase("<None Include=\"$(RepoRoot)../shared/spec/*.json\" />", "Nop.Plugin.Payments.Kma.Tests/X.csproj")]
    [TestCase("<None Include=\"../../shared/spec/*.json\" />", "Nop.Plugin.Payments.Kma.Tests/X.csproj")]
    [TestCase("<Import Project=\"..\\..\\..\\elsewhere.props\" />", "build/DevStore/DevStore.csproj")]
    [TestCase("cp ../shared/spec/*.json TestData/", ".ci/run")]
    [TestCase("source $(dirname \"$0\")/../../other/env.sh", "build/package.sh")]
    [TestCase("var seed = Path.Combine(root, \"..\", \"shared\", \"spec\");", "Nop.Plugin.Payments.Kma.Tests/Opn/X.cs")]
    public void A_reference_outside_the_repository_is_found(string line, string file)
    {
        var root = Path.Combine(Path.GetTempPath(), "kma-repo");

        var found = OutsideReferences(root, Path.Combine(root, file), "first line\n" + line + "\n");

        Assert.That(found.ToList(), Has.Count.EqualTo(1).And.One.StartsWith(file.Replace('/', Path.DirectorySeparatorChar) + ":2"));
    }

    [TestCase("<ProjectReference Include=\"..\\..\\Nop.Plugin.Payments.Kma\\Nop.Plugin.Payments.Kma.csproj\" />", "build/DevStore/DevStore.csproj")]
    [TestCase("<None Include=\"$(RepoRoot)Nop.Plugin.Payments.Kma.Tests/TestData/*.json\" />", "build/Benchmarks/B.csproj")]
    [TestCase("cd \"$(dirname \"$0\")/..\"", ".ci/run")]
    [TestCase("await client.GetChargeAsync(credentials, \"chrg_test_1/../../account?x=1\");", "Nop.Plugin.Payments.Kma.Tests/Opn/X.cs")]
    [TestCase("<NopSrcDir>$([System.IO.Path]::GetFullPath('$(MSBuildProjectDirectory)/../../'))</NopSrcDir>", "Nop.Plugin.Payments.Kma/Nop.Plugin.Payments.Kma.csproj")]
    public void A_reference_inside_the_repository_or_to_a_surrounding_nopCommerce_tree_is_allowed(string line, string file)
    {
        var root = Path.Combine(Path.GetTempPath(), "kma-repo");

        Assert.That(OutsideReferences(root, Path.Combine(root, file), line).ToList(), Is.Empty);
    }

    #endregion
}
