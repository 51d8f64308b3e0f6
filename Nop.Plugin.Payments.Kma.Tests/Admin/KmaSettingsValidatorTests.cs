using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Tests.Admin;

[TestFixture]
public class KmaSettingsValidatorTests
{
    private const string TEST_PUBLIC = "pkey_test_5kmaemulatordev";
    private const string TEST_SECRET = "skey_test_5kmaemulatordev";
    private const string LIVE_PUBLIC = "pkey_5kmalivekey0001";
    private const string LIVE_SECRET = "skey_5kmalivekey0001";
    private const string WEBHOOK_SECRET = "a21hLWVtdWxhdG9yLXdlYmhvb2stc2VjcmV0LWRldiE=";

    private static string[] Problems(string publicKey, string secretKey, string storedSecret = null, string webhookSecret = null, string apiBaseUrl = null) =>
        KmaSettingsValidator.Validate(publicKey, secretKey, storedSecret, webhookSecret, apiBaseUrl)
            .Select(problem => $"{problem.Field}:{problem.ResourceKey["Plugins.Payments.Kma.".Length..]}")
            .ToArray();

    [Test]
    public void MatchingTestKeysAndAGoodSecretPass()
    {
        Assert.That(Problems(TEST_PUBLIC, TEST_SECRET, null, WEBHOOK_SECRET, "http://127.0.0.1:5090"), Is.Empty);
        Assert.That(Problems(LIVE_PUBLIC, LIVE_SECRET, null, null, "https://api.omise.co/"), Is.Empty);
    }

    [Test]
    public void EmptyFieldsAreNotProblems()
    {
        Assert.That(Problems(null, null), Is.Empty);
        Assert.That(Problems("", "  ", TEST_SECRET, "", " "), Is.Empty);
    }

    [Test]
    public void PublicKeyInTheSecretFieldIsNamed()
    {
        Assert.That(Problems(TEST_PUBLIC, TEST_PUBLIC), Is.EqualTo(new[] { "SecretKey:Fields.SecretKey.IsPublicKey" }));
    }

    [Test]
    public void SecretKeyInThePublicFieldIsNamed()
    {
        Assert.That(Problems(TEST_SECRET, TEST_SECRET), Is.EqualTo(new[] { "PublicKey:Fields.PublicKey.IsSecretKey" }));
    }

    [TestCase("pk_test_123456")]
    [TestCase("pkey_test_")]
    [TestCase("pkey_test_abc def")]
    [TestCase("hello")]
    public void MalformedPublicKeyIsRefused(string publicKey)
    {
        Assert.That(Problems(publicKey, null), Is.EqualTo(new[] { "PublicKey:Fields.PublicKey.Malformed" }));
    }

    [TestCase("sk_live_123456")]
    [TestCase("skey_test_ab-cd")]
    [TestCase("skey_")]
    public void MalformedSecretKeyIsRefused(string secretKey)
    {
        Assert.That(Problems(null, secretKey), Is.EqualTo(new[] { "SecretKey:Fields.SecretKey.Malformed" }));
    }

    [Test]
    public void TestAndLiveKeysMixedAreRefused()
    {
        Assert.That(Problems(TEST_PUBLIC, LIVE_SECRET), Is.EqualTo(new[] { "SecretKey:Fields.Keys.ModeMismatch" }));
        Assert.That(Problems(LIVE_PUBLIC, TEST_SECRET), Is.EqualTo(new[] { "SecretKey:Fields.Keys.ModeMismatch" }));
    }

    [Test]
    public void ModeMismatchIsFoundAgainstTheStoredSecretKeyWhenTheFieldIsLeftEmpty()
    {
        Assert.That(Problems(LIVE_PUBLIC, "", TEST_SECRET), Is.EqualTo(new[] { "SecretKey:Fields.Keys.ModeMismatch" }));
        Assert.That(Problems(TEST_PUBLIC, "", TEST_SECRET), Is.Empty);
    }

    [TestCase("not base64 at all!")]
    [TestCase("c2hvcnQ=")]
    [TestCase("a21hLWVtdWxhdG9yLXdlYmhvb2stc2VjcmV0LWRldiE")]
    public void MalformedWebhookSecretIsRefused(string webhookSecret)
    {
        Assert.That(Problems(null, null, null, webhookSecret), Is.EqualTo(new[] { "WebhookSecret:Fields.WebhookSecret.Malformed" }));
    }

    [TestCase("api.omise.co")]
    [TestCase("/relative/path")]
    [TestCase("ftp://api.omise.co")]
    [TestCase("https://api.omise.co/?x=1")]
    [TestCase("https://user:pass@api.omise.co")]
    public void ApiBaseUrlMustBeAbsoluteHttp(string apiBaseUrl)
    {
        Assert.That(Problems(null, null, null, null, apiBaseUrl), Is.EqualTo(new[] { "ApiBaseUrl:Fields.ApiBaseUrl.Malformed" }));
    }

    [Test]
    public void VisibleTailShowsAtMostFourCharactersAndNothingOfShortSecrets()
    {
        Assert.That(KmaSettingsValidator.GetVisibleTail(TEST_SECRET), Is.EqualTo("rdev"));
        Assert.That(KmaSettingsValidator.GetVisibleTail("short-secret"), Is.Empty);
        Assert.That(KmaSettingsValidator.GetVisibleTail(null), Is.Empty);
    }
}
