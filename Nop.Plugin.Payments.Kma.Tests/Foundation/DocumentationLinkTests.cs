using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nop.Plugin.Payments.Kma.Tests.Foundation;

/// <summary>
/// The README is the front door and stays short; every relative link in it and in docs/ leads to a file inside the
/// repository and, where it names an anchor, to a heading of that file as GitHub renders it.
/// </summary>
[TestFixture]
public class DocumentationLinkTests
{
    #region Fields

    private const int MAX_README_BYTES = 15 * 1024;

    // [text](target) and ![alt](target); the target ends at the first space (a title may follow) or ")".
    private static readonly Regex _link = new(@"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?(?<target>[^\s()<>]+)>?(?:\s+""[^""]*"")?\s*\)", RegexOptions.Compiled);
    private static readonly Regex _heading = new(@"^ {0,3}(?<marks>#{1,6})\s+(?<text>.*?)\s*#*\s*$", RegexOptions.Compiled);
    private static readonly Regex _htmlAnchor = new(@"<a\s+(?:name|id)=""(?<name>[^""]+)""", RegexOptions.Compiled | RegexOptions.IgnoreCase);
    private static readonly Regex _inlineCode = new(@"(`+)(?<code>.*?)\1", RegexOptions.Compiled);

    #endregion

    #region Utilities

    /// <summary>
    /// The lines of a markdown text outside fenced code blocks (``` or ~~~), with inline code spans blanked when
    /// <paramref name="blankCode"/> is set, so examples in code are neither links nor headings
    /// </summary>
    private static IEnumerable<string> ProseLines(string markdown, bool blankCode)
    {
        string fence = null;
        foreach (var rawLine in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            var trimmed = rawLine.TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
                continue;
            }

            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                    fence = null;
                continue;
            }

            yield return blankCode ? _inlineCode.Replace(rawLine, match => new string(' ', match.Length)) : rawLine;
        }
    }

    /// <summary>
    /// The anchor GitHub gives a heading: the rendered text in lower case, without anything but letters, marks,
    /// digits, connector punctuation ("_"), spaces and hyphens, and spaces turned into hyphens
    /// </summary>
    internal static string GitHubAnchor(string headingText)
    {
        var text = _inlineCode.Replace(headingText, match => match.Groups["code"].Value);
        text = Regex.Replace(text, @"!?\[([^\]]*)\]\([^)]*\)", "$1");
        text = Regex.Replace(text, @"(\*\*|__|\*)", string.Empty);
        text = Regex.Replace(text, "<[^>]+>", string.Empty);

        var anchor = new StringBuilder();
        foreach (var character in text.ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(character);
            if (character is ' ' or '-')
                anchor.Append(character == ' ' ? '-' : character);
            else if (char.IsLetterOrDigit(character) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                         or UnicodeCategory.EnclosingMark or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.LetterNumber)
                anchor.Append(character);
        }

        return anchor.ToString();
    }

    /// <summary>
    /// Every anchor a markdown file offers: its headings (a repeated heading gets "-1", "-2"... as on GitHub) and
    /// explicit &lt;a name&gt; / &lt;a id&gt; anchors
    /// </summary>
    internal static ISet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in ProseLines(markdown, blankCode: false))
        {
            foreach (Match html in _htmlAnchor.Matches(line))
                anchors.Add(html.Groups["name"].Value);

            var heading = _heading.Match(line);
            if (!heading.Success)
                continue;

            var anchor = GitHubAnchor(heading.Groups["text"].Value);
            var count = seen.GetValueOrDefault(anchor);
            seen[anchor] = count + 1;
            anchors.Add(count == 0 ? anchor : $"{anchor}-{count}");
        }

        return anchors;
    }

    /// <summary>
    /// The relative link targets of a markdown text (absolute URLs, mail addresses and links in code left out)
    /// </summary>
    internal static IEnumerable<string> RelativeLinks(string markdown)
    {
        foreach (var line in ProseLines(markdown, blankCode: true))
        {
            foreach (Match match in _link.Matches(line))
            {
                var target = match.Groups["target"].Value;
                if (Regex.IsMatch(target, "^[a-zA-Z][a-zA-Z0-9+.-]*:") || target.StartsWith("//", StringComparison.Ordinal))
                    continue;

                yield return target;
            }
        }
    }

    /// <summary>
    /// The broken relative links of one markdown file: a target that is not a file or folder inside the repository,
    /// or an anchor that is not a heading of the target markdown file
    /// </summary>
    internal static IEnumerable<string> BrokenLinks(string repoRoot, string file, string markdown, Func<string, string> readFile)
    {
        var root = Path.GetFullPath(repoRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        var name = Path.GetRelativePath(repoRoot, file).Replace('\\', '/');

        foreach (var link in RelativeLinks(markdown))
        {
            var hash = link.IndexOf('#');
            var pathPart = Uri.UnescapeDataString(hash < 0 ? link : link[..hash]);
            var anchor = hash < 0 ? null : Uri.UnescapeDataString(link[(hash + 1)..]);

            if (pathPart.Length == 0)
            {
                if (!string.IsNullOrEmpty(anchor) && !Anchors(markdown).Contains(anchor))
                    yield return $"{name}: {link} names no heading of {name}";
                continue;
            }

            var target = Path.GetFullPath(Path.Combine(folder, pathPart));
            if (!(target + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal))
            {
                yield return $"{name}: {link} leaves the repository";
                continue;
            }

            var isFile = File.Exists(target);
            if (!isFile && !Directory.Exists(target))
            {
                yield return $"{name}: {link} names no file";
                continue;
            }

            if (string.IsNullOrEmpty(anchor))
                continue;

            if (!isFile || !target.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                yield return $"{name}: {link} has an anchor but is not a markdown file";
            else if (!Anchors(readFile(target)).Contains(anchor))
                yield return $"{name}: {link} names no heading of {Path.GetRelativePath(repoRoot, target).Replace('\\', '/')}";
        }
    }

    private static string ReadmePath => Path.Combine(RepositoryPaths.RepoRoot, "README.md");

    private static string DocsFolder => Path.Combine(RepositoryPaths.RepoRoot, "docs");

    #endregion

    #region Tests

    [Test]
    public void The_README_is_at_most_15_KB()
    {
        var size = new FileInfo(ReadmePath).Length;

        Assert.That(size, Is.LessThanOrEqualTo(MAX_README_BYTES),
            "README.md is the owner's front door: move depth into docs/ and link it");
    }

    [Test]
    public void Every_relative_link_in_the_README_and_docs_resolves_to_a_file_and_heading()
    {
        var files = new[] { ReadmePath }.Concat(Directory.GetFiles(DocsFolder, "*.md")).ToList();
        Assert.That(files, Has.Count.GreaterThan(5), "the README and the docs must be found");

        var broken = files.SelectMany(file => BrokenLinks(RepositoryPaths.RepoRoot, file, File.ReadAllText(file), File.ReadAllText)).ToList();

        Assert.That(broken, Is.Empty);
    }

    [Test]
    public void Every_document_in_docs_is_linked_from_the_README()
    {
        var linked = RelativeLinks(File.ReadAllText(ReadmePath))
            .Select(link => link.Split('#')[0])
            .Where(path => path.Length > 0)
            .Select(path => Path.GetFullPath(Path.Combine(RepositoryPaths.RepoRoot, path)))
            .ToHashSet(StringComparer.Ordinal);

        var unlinked = Directory.GetFiles(DocsFolder, "*.md").Select(Path.GetFullPath)
            .Where(doc => !linked.Contains(doc))
            .Select(Path.GetFileName).ToList();

        Assert.That(unlinked, Is.Empty);
    }

    [TestCase("Quick start", "quick-start")]
    [TestCase("Control API (`/_emulator/`, no key)", "control-api-_emulator-no-key")]
    [TestCase("Locking, and what remains in a web farm", "locking-and-what-remains-in-a-web-farm")]
    [TestCase("Payments.Kma — Krungsri (KMA) for nopCommerce 4.90", "paymentskma--krungsri-kma-for-nopcommerce-490")]
    [TestCase("**Bold** and [a link](x.md) here", "bold-and-a-link-here")]
    [TestCase("ภาษาไทย ok", "ภาษาไทย-ok")]
    public void Anchors_follow_GitHub_rules(string heading, string anchor)
    {
        Assert.That(GitHubAnchor(heading), Is.EqualTo(anchor));
    }

    [Test]
    public void A_repeated_heading_gets_a_numbered_anchor_and_headings_in_code_are_not_anchors()
    {
        var anchors = Anchors("# Tests\n\n## Tests\n\n```\n# Not a heading\n```\n\n<a name=\"custom\"></a>\n");

        Assert.That(anchors, Is.EquivalentTo(new[] { "tests", "tests-1", "custom" }));
    }

    [Test]
    public void Broken_files_and_anchors_are_found_and_good_links_pass()
    {
        var root = Path.Combine(Path.GetTempPath(), "kma-docs-" + Guid.NewGuid().ToString("N"));
        var docs = Directory.CreateDirectory(Path.Combine(root, "docs")).FullName;
        try
        {
            File.WriteAllText(Path.Combine(docs, "flow.md"), "# Flow\n\n## The charge\n");
            File.WriteAllText(Path.Combine(root, "plugin.json"), "{}");
            var readme = Path.Combine(root, "README.md");
            var markdown = string.Join('\n',
                "# Title",
                "[ok](docs/flow.md) [ok anchor](docs/flow.md#the-charge) [own](#title) [file](plugin.json) [web](https://example.com/x.md)",
                "`[in code](docs/none.md)`",
                "```",
                "[in a fence](docs/none.md)",
                "```",
                "[missing](docs/none.md) [bad anchor](docs/flow.md#the-refund) [bad own](#nothing) ![img](docs/screenshots/none.png)",
                "[json anchor](plugin.json#x) [outside](" + new string('.', 2) + "/elsewhere.md)");

            var broken = BrokenLinks(root, readme, markdown, File.ReadAllText).ToList();

            Assert.That(broken, Is.EqualTo(new[]
            {
                "README.md: docs/none.md names no file",
                "README.md: docs/flow.md#the-refund names no heading of docs/flow.md",
                "README.md: #nothing names no heading of README.md",
                "README.md: docs/screenshots/none.png names no file",
                "README.md: plugin.json#x has an anchor but is not a markdown file",
                "README.md: ../elsewhere.md leaves the repository"
            }));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    #endregion
}
