using System.IO.Compression;
using System.Text.Json;

namespace Packager;

/// <summary>
/// The zip that nopCommerce's "Upload plugin or theme" accepts: one root folder named after the plugin's
/// SystemName, holding plugin.json, the plugin DLL, logo.png, Views/** and Content/**. Nothing the host already
/// loads (nopCommerce, ASP.NET Core, .NET, Newtonsoft.Json) goes in: a second copy would be skipped at best and
/// clash at worst. No third-party library goes in either: nopCommerce refuses a plugin whose library collides with
/// another plugin's copy of a different version, so any other DLL fails the package unless it is allow-listed.
/// </summary>
public static class PluginPackage
{
    /// <summary>The nopCommerce version the package must declare in SupportedVersions</summary>
    public const string SupportedVersion = "4.90";

    private static readonly string[] _forbiddenPrefixes =
        ["Nop.", "Microsoft.", "System.", "Newtonsoft.", "Autofac", "linq2db", "FluentMigrator", "netstandard", "mscorlib"];

    /// <summary>
    /// Third-party libraries the plugin may ship (file names such as "Foo.dll"; their satellite "xx/Foo.resources.dll" follow).
    /// Empty on purpose: adding one is a decision to check against every other plugin that may ship the same library.
    /// </summary>
    public static IReadOnlyCollection<string> AllowedLibraries { get; } = [];

    /// <summary>
    /// Whether a library must never be shipped in the plugin folder because the host provides it
    /// </summary>
    public static bool IsForbiddenLibrary(string fileName, string pluginFileName = "Nop.Plugin.Payments.Kma.dll")
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        if (!name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || name.Equals(pluginFileName, StringComparison.OrdinalIgnoreCase))
            return false;

        return _forbiddenPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether a library may be shipped: the plugin's own DLL, an allow-listed library, or a satellite assembly of either
    /// </summary>
    public static bool IsAllowedLibrary(string fileName, string pluginFileName, IReadOnlyCollection<string> allowedLibraries = null)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        if (!name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            return false;

        const string satelliteSuffix = ".resources.dll";
        var library = name.EndsWith(satelliteSuffix, StringComparison.OrdinalIgnoreCase) ? name[..^satelliteSuffix.Length] + ".dll" : name;
        return library.Equals(pluginFileName, StringComparison.OrdinalIgnoreCase)
            || (allowedLibraries ?? AllowedLibraries).Contains(library, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Reads plugin.json
    /// </summary>
    public static PluginDescription ReadDescription(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException("plugin.json is not a JSON object");

        string Text(string property) => root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var versions = root.TryGetProperty("SupportedVersions", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()).ToList()
            : [];

        return new PluginDescription(Text("SystemName"), Text("Version"), Text("FileName"), versions);
    }

    /// <summary>
    /// Picks the files of a plugin build output that belong in the package, as zip entry names (forward slashes)
    /// </summary>
    /// <exception cref="InvalidDataException">The output holds a library that is neither the host's, the plugin's nor allow-listed</exception>
    public static IReadOnlyList<(string SourcePath, string EntryName)> SelectFiles(string pluginOutputDir, PluginDescription description, IReadOnlyCollection<string> allowedLibraries = null)
    {
        var root = Path.GetFullPath(pluginOutputDir);
        var selected = new List<(string, string)>();
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).OrderBy(path => path, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var folder = relative.Contains('/') ? relative[..relative.IndexOf('/')] : "";
            var isLibrary = relative.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && folder is not ("Views" or "Content");
            if (isLibrary && !IsForbiddenLibrary(relative, description.FileName) && !IsAllowedLibrary(relative, description.FileName, allowedLibraries))
            {
                throw new InvalidDataException(
                    $"unexpected library '{relative}' in the plugin output: the plugin ships no third-party DLL (add it to the allow-list only after checking other plugins for collisions)");
            }

            var include = relative.Equals("plugin.json", StringComparison.OrdinalIgnoreCase)
                || relative.Equals("logo.png", StringComparison.OrdinalIgnoreCase)
                || folder is "Views" or "Content"
                || (isLibrary && IsAllowedLibrary(relative, description.FileName, allowedLibraries));
            if (include)
                selected.Add((path, $"{description.SystemName}/{relative}"));
        }

        return selected;
    }

    /// <summary>
    /// Writes the package for a plugin build output and returns the path of the zip
    /// </summary>
    public static string Create(string pluginOutputDir, string distDir)
    {
        var descriptionPath = Path.Combine(pluginOutputDir, "plugin.json");
        if (!File.Exists(descriptionPath))
            throw new InvalidDataException($"no plugin.json in {pluginOutputDir}: build the plugin first");

        var description = ReadDescription(File.ReadAllText(descriptionPath));
        if (string.IsNullOrWhiteSpace(description.SystemName) || string.IsNullOrWhiteSpace(description.Version) || string.IsNullOrWhiteSpace(description.FileName))
            throw new InvalidDataException("plugin.json needs SystemName, Version and FileName");

        // Select first: an unexpected library must fail the build before any zip is written.
        var files = SelectFiles(pluginOutputDir, description);
        Directory.CreateDirectory(distDir);
        var zipPath = Path.Combine(distDir, $"{Path.GetFileNameWithoutExtension(description.FileName)}.{description.Version}.zip");
        File.Delete(zipPath);

        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var (sourcePath, entryName) in files)
                zip.CreateEntryFromFile(sourcePath, entryName, CompressionLevel.Optimal);
        }

        return zipPath;
    }

    /// <summary>
    /// Checks a package against the rules above and nopCommerce's upload rules; returns the problems found
    /// </summary>
    public static IReadOnlyList<string> Validate(string zipPath, IReadOnlyCollection<string> allowedLibraries = null)
    {
        var problems = new List<string>();
        using var zip = ZipFile.OpenRead(zipPath);
        var names = zip.Entries.Select(entry => entry.FullName).ToList();
        if (names.Count == 0)
            return ["the zip is empty"];

        problems.AddRange(names.Where(name => name.Contains('\\')).Select(name => $"entry '{name}' uses a backslash"));

        var roots = names.Select(name => name.Replace('\\', '/').Split('/')[0]).Distinct().ToList();
        if (roots.Count != 1 || names.Any(name => !name.Contains('/')))
        {
            problems.Add($"the zip must hold one root folder, found: {string.Join(", ", roots)}");
            return problems;
        }

        var root = roots[0];
        var descriptionEntry = zip.GetEntry($"{root}/plugin.json");
        if (descriptionEntry == null)
        {
            problems.Add($"{root}/plugin.json is missing");
            return problems;
        }

        PluginDescription description;
        try
        {
            using var reader = new StreamReader(descriptionEntry.Open());
            description = ReadDescription(reader.ReadToEnd());
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException)
        {
            problems.Add($"plugin.json does not parse: {exception.Message}");
            return problems;
        }

        if (description.SystemName != root)
            problems.Add($"the root folder '{root}' is not the SystemName '{description.SystemName}'");
        if (!description.SupportedVersions.Contains(SupportedVersion))
            problems.Add($"SupportedVersions does not contain \"{SupportedVersion}\"");
        if (string.IsNullOrWhiteSpace(description.Version))
            problems.Add("plugin.json has no Version");
        if (string.IsNullOrWhiteSpace(description.FileName))
            problems.Add("plugin.json has no FileName");
        else if (zip.GetEntry($"{root}/{description.FileName}") == null)
            problems.Add($"FileName '{description.FileName}' is not in the zip");
        if (zip.GetEntry($"{root}/logo.png") == null)
            problems.Add("logo.png is missing");

        var libraries = names.Where(name => name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList();
        problems.AddRange(libraries.Where(name => IsForbiddenLibrary(name, description.FileName ?? ""))
            .Select(name => $"'{name}' is provided by the host and must not be shipped"));
        problems.AddRange(libraries.Where(name => !IsForbiddenLibrary(name, description.FileName ?? "") && !IsAllowedLibrary(name, description.FileName ?? "", allowedLibraries))
            .Select(name => $"'{name}' is an unexpected library: the plugin ships no third-party DLL"));

        return problems;
    }
}

/// <summary>
/// What the package needs from plugin.json
/// </summary>
public sealed record PluginDescription(string SystemName, string Version, string FileName, IReadOnlyList<string> SupportedVersions);
