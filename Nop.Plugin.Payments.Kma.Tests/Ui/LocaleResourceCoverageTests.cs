using System.Text.RegularExpressions;
using Nop.Plugin.Payments.Kma.Localization;

namespace Nop.Plugin.Payments.Kma.Tests.Ui;

/// <summary>
/// Every resource the plugin's code and views ask for exists in English and in Thai
/// </summary>
[TestFixture]
public class LocaleResourceCoverageTests
{
    // A whole resource key written as a literal: T("..."), GetResourceAsync("..."), NopResourceDisplayName("..."), or a key passed around.
    private static readonly Regex _keyLiteral = new("\"(Plugins\\.Payments\\.Kma\\.[A-Za-z0-9_.]+)\"", RegexOptions.Compiled);
    private static readonly Regex _displayName = new("NopResourceDisplayName\\(\"(Plugins\\.Payments\\.Kma\\.[A-Za-z0-9_.]+)\"\\)", RegexOptions.Compiled);
    private static readonly Regex _placeholder = new("\\{\\d+\\}", RegexOptions.Compiled);
    private static readonly Regex _thaiScript = new("[\\u0E00-\\u0E7F]", RegexOptions.Compiled);

    private static string PluginDirectory()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Nop.Plugin.Payments.Kma.sln")))
            directory = directory.Parent;
        Assert.That(directory, Is.Not.Null, "repository root not found");
        return Path.Combine(directory!.FullName, "Nop.Plugin.Payments.Kma");
    }

    private static IEnumerable<string> SourceFiles()
    {
        var root = PluginDirectory();
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                // The dictionaries define the keys; everything else uses them.
                && !path.Contains($"{Path.DirectorySeparatorChar}Localization{Path.DirectorySeparatorChar}"));
    }

    private static SortedSet<string> UsedKeys()
    {
        var keys = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            foreach (Match match in _keyLiteral.Matches(text))
                keys.Add(match.Groups[1].Value.TrimEnd('.'));
            foreach (Match match in _displayName.Matches(text))
                keys.Add($"{match.Groups[1].Value}.Hint");
        }

        return keys;
    }

    [Test]
    public void TheScanFindsTheKeysOfTheAdminPageAndTheCheckout()
    {
        var used = UsedKeys();

        // Guards the scan itself: if it finds nothing, the coverage tests below prove nothing.
        Assert.That(used, Does.Contain("Plugins.Payments.Kma.Fields.SecretKey"));
        Assert.That(used, Does.Contain("Plugins.Payments.Kma.Fields.SecretKey.Hint"));
        Assert.That(used, Does.Contain("Plugins.Payments.Kma.TestConnection.Error.Authentication"));
        Assert.That(used, Does.Contain("Plugins.Payments.Kma.PaymentInfo.Title"));
        Assert.That(used.Count, Is.GreaterThan(40));
    }

    [Test]
    public void EveryUsedKeyExistsInEnglish()
    {
        var missing = UsedKeys().Where(key => !KmaLocaleResources.English.ContainsKey(key)).ToList();
        Assert.That(missing, Is.Empty, "missing in English: " + string.Join(", ", missing));
    }

    [Test]
    public void EveryUsedKeyExistsInThai()
    {
        var missing = UsedKeys().Where(key => !KmaLocaleResources.Thai.ContainsKey(key)).ToList();
        Assert.That(missing, Is.Empty, "missing in Thai: " + string.Join(", ", missing));
    }

    [Test]
    public void EveryKnownFailureCodeHasAShopperMessageInBothLanguages()
    {
        // The failure page builds these keys from the charge's failure_code, so the scan above cannot see them.
        var codes = typeof(Nop.Plugin.Payments.Kma.Opn.OpnFailureCodes).GetFields()
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue())
            .ToList();
        Assert.That(codes, Does.Contain("payment_rejected").And.Contain("insufficient_fund"));

        foreach (var key in codes.Select(code => $"Plugins.Payments.Kma.Failure.{code}").Append("Plugins.Payments.Kma.Failure.Expired"))
        {
            Assert.That(KmaLocaleResources.English.ContainsKey(key), Is.True, $"missing in English: {key}");
            Assert.That(KmaLocaleResources.Thai.ContainsKey(key), Is.True, $"missing in Thai: {key}");
        }
    }

    [Test]
    public void EnglishAndThaiHaveTheSameKeys()
    {
        var english = new SortedSet<string>(KmaLocaleResources.English.Keys, StringComparer.OrdinalIgnoreCase);
        var thai = new SortedSet<string>(KmaLocaleResources.Thai.Keys, StringComparer.OrdinalIgnoreCase);

        Assert.That(english.Except(thai, StringComparer.OrdinalIgnoreCase), Is.Empty, "only in English");
        Assert.That(thai.Except(english, StringComparer.OrdinalIgnoreCase), Is.Empty, "only in Thai");
    }

    [Test]
    public void EveryKeyHasThePluginPrefixAndANonEmptyText()
    {
        foreach (var (key, text) in KmaLocaleResources.English.Concat(KmaLocaleResources.Thai))
        {
            Assert.That(key, Does.StartWith("Plugins.Payments.Kma."), key);
            Assert.That(text, Is.Not.Null.And.Not.Empty.And.Not.EqualTo(key), key);
        }
    }

    [Test]
    public void ThaiTextsAreWrittenInThaiWithTheSamePlaceholders()
    {
        foreach (var (key, english) in KmaLocaleResources.English)
        {
            if (!KmaLocaleResources.Thai.TryGetValue(key, out var thai))
                continue;

            Assert.That(_thaiScript.IsMatch(thai), Is.True, $"{key} is not Thai: {thai}");
            Assert.That(_placeholder.Matches(thai).Select(m => m.Value).OrderBy(v => v),
                Is.EqualTo(_placeholder.Matches(english).Select(m => m.Value).OrderBy(v => v)), key);
        }
    }
}
