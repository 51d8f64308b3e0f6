using System.Security.Cryptography;
using System.Text;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

[TestFixture]
public class WebhookSignatureVerifierTests
{
    //the emulator's development secret; its Base64 decodes to "kma-emulator-webhook-secret-dev!"
    private const string Secret = "a21hLWVtdWxhdG9yLXdlYmhvb2stc2VjcmV0LWRldiE=";
    private const string OtherSecret = "b3RoZXItc2VjcmV0LW9mLWFub3RoZXItYWNjb3VudCE=";
    private const string Timestamp = "1700000000";
    private const string Body = """{"object":"event","id":"evnt_test_1","key":"charge.complete"}""";

    //computed independently (Python hmac) for Secret, Timestamp and Body
    private const string KnownSignature = "8efbb71aa68ab309a659657c3cbe440f360b70f3114243dc9e7da2e98d0c995e";

    private static readonly DateTimeOffset _signedAt = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    private static WebhookSignatureVerifier Verifier(DateTimeOffset? now = null) => new(new FixedTimeProvider(now ?? _signedAt));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Sign(string secret, string timestamp, byte[] body)
    {
        var message = Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(secret), message));
    }

    private static WebhookSignatureFailure Failure(WebhookSignatureResult result)
    {
        Assert.That(result.IsValid, Is.EqualTo(result.Failure == WebhookSignatureFailure.None));
        return result.Failure;
    }

    [Test]
    public void KnownVectorIsValid()
    {
        Assert.That(Sign(Secret, Timestamp, Bytes(Body)), Is.EqualTo(KnownSignature), "the test's own signer agrees with the vector");

        var result = Verifier().Verify(KnownSignature, Timestamp, Bytes(Body), Secret);

        Assert.That(result, Is.EqualTo(WebhookSignatureResult.Valid));
    }

    [TestCase("8EFBB71AA68AB309A659657C3CBE440F360B70F3114243DC9E7DA2E98D0C995E")]
    [TestCase("  8efbb71aa68ab309a659657c3cbe440f360b70f3114243dc9e7da2e98d0c995e  ")]
    [TestCase("v1=8efbb71aa68ab309a659657c3cbe440f360b70f3114243dc9e7da2e98d0c995e")]
    [TestCase("sha256=8efbb71aa68ab309a659657c3cbe440f360b70f3114243dc9e7da2e98d0c995e")]
    public void SpellingsOfTheSameSignatureAreValid(string header)
    {
        Assert.That(Failure(Verifier().Verify(header, " 1700000000 ", Bytes(Body), Secret)), Is.EqualTo(WebhookSignatureFailure.None));
    }

    [Test]
    public void RotatedSecretSecondCandidateIsValid()
    {
        var oldSignature = Sign(OtherSecret, Timestamp, Bytes(Body));

        var result = Verifier().Verify($"{oldSignature}, {KnownSignature}", Timestamp, Bytes(Body), Secret);

        Assert.That(result.IsValid, Is.True);
        Assert.That(Failure(Verifier().Verify($"{KnownSignature},{oldSignature}", Timestamp, Bytes(Body), OtherSecret)),
            Is.EqualTo(WebhookSignatureFailure.None), "the other secret matches the other candidate");
    }

    [Test]
    public void ToleranceIsInclusiveAtFiveMinutes()
    {
        Assert.That(Failure(Verifier(_signedAt.AddSeconds(300)).Verify(KnownSignature, Timestamp, Bytes(Body), Secret)), Is.EqualTo(WebhookSignatureFailure.None));
        Assert.That(Failure(Verifier(_signedAt.AddSeconds(-300)).Verify(KnownSignature, Timestamp, Bytes(Body), Secret)), Is.EqualTo(WebhookSignatureFailure.None));
    }

    [Test]
    public void StaleTimestampIsRejected()
    {
        Assert.That(Failure(Verifier(_signedAt.AddSeconds(301)).Verify(KnownSignature, Timestamp, Bytes(Body), Secret)), Is.EqualTo(WebhookSignatureFailure.Stale));
    }

    [Test]
    public void FutureTimestampIsRejected()
    {
        Assert.That(Failure(Verifier(_signedAt.AddSeconds(-301)).Verify(KnownSignature, Timestamp, Bytes(Body), Secret)), Is.EqualTo(WebhookSignatureFailure.FromTheFuture));
    }

    [Test]
    public void ToleranceCanBeChanged()
    {
        var verifier = new WebhookSignatureVerifier(new FixedTimeProvider(_signedAt.AddSeconds(61)), TimeSpan.FromMinutes(1));

        Assert.That(Failure(verifier.Verify(KnownSignature, Timestamp, Bytes(Body), Secret)), Is.EqualTo(WebhookSignatureFailure.Stale));
    }

    [Test]
    public void TamperedBodyIsAMismatch()
    {
        var tampered = Body.Replace("charge.complete", "charge.completE");

        Assert.That(Failure(Verifier().Verify(KnownSignature, Timestamp, Bytes(tampered), Secret)), Is.EqualTo(WebhookSignatureFailure.Mismatch));
        Assert.That(Failure(Verifier().Verify(KnownSignature, Timestamp, Bytes(Body + " "), Secret)), Is.EqualTo(WebhookSignatureFailure.Mismatch));
    }

    [Test]
    public void TimestampIsPartOfTheSignature()
    {
        var verifier = Verifier();

        Assert.That(Failure(verifier.Verify(KnownSignature, "1700000001", Bytes(Body), Secret)), Is.EqualTo(WebhookSignatureFailure.Mismatch));
    }

    [Test]
    public void WrongSecretIsAMismatch()
    {
        Assert.That(Failure(Verifier().Verify(KnownSignature, Timestamp, Bytes(Body), OtherSecret)), Is.EqualTo(WebhookSignatureFailure.Mismatch));
    }

    [TestCase(null, Timestamp, WebhookSignatureFailure.MissingSignature)]
    [TestCase("", Timestamp, WebhookSignatureFailure.MissingSignature)]
    [TestCase("   ", Timestamp, WebhookSignatureFailure.MissingSignature)]
    [TestCase(KnownSignature, null, WebhookSignatureFailure.MissingTimestamp)]
    [TestCase(KnownSignature, "", WebhookSignatureFailure.MissingTimestamp)]
    [TestCase(KnownSignature, "yesterday", WebhookSignatureFailure.BadTimestamp)]
    [TestCase(KnownSignature, "-1700000000", WebhookSignatureFailure.BadTimestamp)]
    [TestCase(KnownSignature, "1700000000.5", WebhookSignatureFailure.BadTimestamp)]
    [TestCase(KnownSignature, "99999999999999999999", WebhookSignatureFailure.BadTimestamp)]
    [TestCase("abc", Timestamp, WebhookSignatureFailure.MalformedSignature)]
    [TestCase("zz" + "8efbb71aa68ab309a659657c3cbe440f360b70f3114243dc9e7da2e98d0c99", Timestamp, WebhookSignatureFailure.MalformedSignature)]
    [TestCase(" , ,", Timestamp, WebhookSignatureFailure.MalformedSignature)]
    public void BadHeadersAreRejectedWithAReason(string signature, string timestamp, WebhookSignatureFailure expected)
    {
        Assert.That(Failure(Verifier().Verify(signature, timestamp, Bytes(Body), Secret)), Is.EqualTo(expected));
    }

    [TestCase("not base64 at all!")]
    [TestCase("a21hLWVtdWxhdG9y*")]
    [TestCase("")]
    [TestCase(null)]
    [TestCase("====")]
    public void BadSecretIsReportedWithoutThrowing(string secret)
    {
        WebhookSignatureResult result = default;

        Assert.DoesNotThrow(() => result = Verifier().Verify(KnownSignature, Timestamp, Bytes(Body), secret));

        Assert.That(Failure(result), Is.EqualTo(WebhookSignatureFailure.BadSecret));
    }

    [Test]
    public void LargeBodyAndLongSecretAreVerified()
    {
        var body = Bytes(new string('x', 200_000));
        var secret = Convert.ToBase64String(Enumerable.Range(0, 400).Select(value => (byte)value).ToArray());
        var signature = Sign(secret, Timestamp, body);

        Assert.That(Failure(Verifier().Verify(signature, Timestamp, body, secret)), Is.EqualTo(WebhookSignatureFailure.None));
        body[^1] = (byte)'y';
        Assert.That(Failure(Verifier().Verify(signature, Timestamp, body, secret)), Is.EqualTo(WebhookSignatureFailure.Mismatch));
    }

    [Test]
    public void EmptyBodyIsSignedToo()
    {
        var signature = Sign(Secret, Timestamp, []);

        Assert.That(Failure(Verifier().Verify(signature, Timestamp, ReadOnlySpan<byte>.Empty, Secret)), Is.EqualTo(WebhookSignatureFailure.None));
    }

    [Test]
    public void SystemClockIsTheDefault()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        var signature = Sign(Secret, now, Bytes(Body));

        Assert.That(new WebhookSignatureVerifier().Verify(signature, now, Bytes(Body), Secret).IsValid, Is.True);
    }
}
