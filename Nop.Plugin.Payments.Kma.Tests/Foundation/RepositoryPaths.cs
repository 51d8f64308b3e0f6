using System.Reflection;

namespace Nop.Plugin.Payments.Kma.Tests.Foundation;

/// <summary>
/// Where the repository and the plugin's build output are, as recorded when the tests were built.
/// </summary>
internal static class RepositoryPaths
{
    private static string Metadata(string key)
    {
        return typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == key).Value;
    }

    public static string RepoRoot => Path.GetFullPath(Metadata("RepoRoot"));

    public static string Configuration => Metadata("Configuration");

    /// <summary>The plugin project's own output folder (what nopCommerce would load from Plugins/Payments.Kma)</summary>
    public static string PluginOutput => Path.Combine(RepoRoot, "Nop.Plugin.Payments.Kma", "bin", Configuration);

    public static string PluginProject => Path.Combine(RepoRoot, "Nop.Plugin.Payments.Kma", "Nop.Plugin.Payments.Kma.csproj");
}
