using System.Reflection;
using System.Text.RegularExpressions;
using Nop.Plugin.Payments.Kma.Localization;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Tests.Flow;

[TestFixture]
public class KmaCheckoutHelpersTests
{
    [TestCase(CheckoutHarness.IphoneUserAgent, "IOS")]
    [TestCase("Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1", "IOS")]
    [TestCase("Mozilla/5.0 (iPod touch; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15", "IOS")]
    [TestCase("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36", "ANDROID")]
    [TestCase(CheckoutHarness.DesktopUserAgent, "WEB")]
    [TestCase("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36", "WEB")]
    [TestCase("", "WEB")]
    [TestCase(null, "WEB")]
    public void ThePlatformComesFromTheUserAgent(string userAgent, string expected)
    {
        Assert.That(KmaPlatform.FromUserAgent(userAgent), Is.EqualTo(expected));
    }

    [Test]
    public void TokensAreLongRandomAndUrlSafe()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => KmaReturnToken.Create()).ToList();

        Assert.That(tokens.Distinct().Count(), Is.EqualTo(100));
        Assert.That(tokens, Has.All.Matches<string>(token => Regex.IsMatch(token, "^[A-Za-z0-9_-]{43}$")));
    }

    [Test]
    public void TokensMatchOnlyThemselves()
    {
        var token = KmaReturnToken.Create();

        Assert.That(KmaReturnToken.Matches(token, token), Is.True);
        Assert.That(KmaReturnToken.Matches(token, token.ToUpperInvariant() == token ? token + "a" : token.ToUpperInvariant()), Is.False);
        Assert.That(KmaReturnToken.Matches(token, token[..^1]), Is.False);
        Assert.That(KmaReturnToken.Matches(token, null), Is.False);
        Assert.That(KmaReturnToken.Matches(null, null), Is.False);
        Assert.That(KmaReturnToken.Matches("", ""), Is.False);
    }

    [Test]
    public void TheQrCodeIsAnSvgDocument()
    {
        var svg = KmaQrCode.ToSvg("https://pay.example/authorize/chrg_test_1");

        Assert.That(svg, Does.Contain("<svg").And.Contain("</svg>"));
        Assert.That(svg, Does.Not.Contain("<script"));
    }

    private static IEnumerable<string> CheckoutResourceKeysUsedInCode()
    {
        var root = Path.Combine(Foundation.RepositoryPaths.RepoRoot, "Nop.Plugin.Payments.Kma");
        var files = new[] { "Services/KmaCheckoutService.cs", "Controllers/PaymentKmaPublicController.cs", "KmaPaymentProcessor.cs" }
            .Select(file => Path.Combine(root, file))
            .Concat(Directory.GetFiles(Path.Combine(root, "Views"), "*.cshtml"));

        return files.SelectMany(file => Regex.Matches(File.ReadAllText(file), "\"(Plugins\\.Payments\\.Kma\\.[A-Za-z0-9_.]+)\"").Select(match => match.Groups[1].Value))
            .Where(key => !key.EndsWith('.'))
            .Distinct();
    }

    [Test]
    public void EveryCheckoutStringIsInEnglishAndThai()
    {
        var keys = CheckoutResourceKeysUsedInCode().ToList();
        var failureKeys = typeof(OpnFailureCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => $"Plugins.Payments.Kma.Failure.{field.GetValue(null)}")
            .Concat(new[] { "Plugins.Payments.Kma.Failure.Generic", "Plugins.Payments.Kma.Failure.Expired" });

        Assert.That(keys, Has.Count.GreaterThan(20));
        foreach (var key in keys.Concat(failureKeys))
        {
            Assert.That(KmaLocaleResources.English.ContainsKey(key), Is.True, $"English lacks {key}");
            Assert.That(KmaLocaleResources.Thai.ContainsKey(key), Is.True, $"Thai lacks {key}");
            Assert.That(Regex.IsMatch(KmaLocaleResources.Thai[key], "[\u0E00-\u0E7F]"), Is.True, $"{key} is not Thai");
            Assert.That(Regex.Matches(KmaLocaleResources.Thai[key], "\\{\\d\\}").Count,
                Is.EqualTo(Regex.Matches(KmaLocaleResources.English[key], "\\{\\d\\}").Count), $"{key} placeholders differ");
        }
    }
}
