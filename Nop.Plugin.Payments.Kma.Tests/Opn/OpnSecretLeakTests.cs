using System.Collections;
using System.Net;
using System.Net.Sockets;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

/// <summary>
/// Failing calls made with a recognisable secret key: nothing the caller could log may contain it
/// </summary>
[TestFixture]
public class OpnSecretLeakTests
{
    private static IEnumerable<TestCaseData> FailingCalls()
    {
        var secret = OpnClientFixture.SecretKey;
        yield return new TestCaseData((Action<FakeOpnHandler>)(handler => handler.Always(HttpStatusCode.Unauthorized,
            $$"""{"object":"error","location":"https://www.omise.co/api-errors#authentication-failure","code":"authentication_failure","message":"key {{secret}} is not valid"}""")))
            .SetName("ErrorMessageEchoingTheKey");
        yield return new TestCaseData((Action<FakeOpnHandler>)(handler => handler.Always(HttpStatusCode.BadGateway, $"<html>{secret}</html>", "text/html")))
            .SetName("HtmlErrorPageEchoingTheKey");
        yield return new TestCaseData((Action<FakeOpnHandler>)(handler => handler.Always(HttpStatusCode.OK, $"<html>{secret}</html>", "text/html")))
            .SetName("UnreadableSuccessBodyEchoingTheKey");
        yield return new TestCaseData((Action<FakeOpnHandler>)(handler => handler.Always(HttpStatusCode.OK, $$"""{"object":"charge","amount":"{{secret}}"}""")))
            .SetName("WrongTypeNextToTheKey");
        yield return new TestCaseData((Action<FakeOpnHandler>)(handler => handler.AlwaysThrow(() =>
            new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)))))
            .SetName("NetworkFailure");
        yield return new TestCaseData((Action<FakeOpnHandler>)(handler => handler.AlwaysHang()))
            .SetName("Timeout");
    }

    private static IEnumerable<string> Texts(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current.Message;
            yield return current.ToString();
            foreach (DictionaryEntry entry in current.Data)
            {
                yield return entry.Key?.ToString();
                yield return entry.Value?.ToString();
            }

            if (current is OpnApiException api)
            {
                yield return api.OpnMessage;
                yield return api.Location;
                yield return api.Code;
            }
        }
    }

    [TestCaseSource(nameof(FailingCalls))]
    public void FailuresNeverCarryTheSecretKey(Action<FakeOpnHandler> script)
    {
        var fixture = new OpnClientFixture(options =>
        {
            options.RequestTimeout = TimeSpan.FromMilliseconds(50);
            options.CreateChargeTimeout = TimeSpan.FromMilliseconds(50);
        });
        script(fixture.Handler);

        var calls = new Func<Task>[]
        {
            () => fixture.Client.CreateChargeAsync(fixture.Credentials, OpnClientFixture.KmaRequest()),
            () => fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_1"),
            () => fixture.Client.ExpireChargeAsync(fixture.Credentials, "chrg_test_1"),
            () => fixture.Client.GetCapabilityAsync(fixture.Credentials),
            () => fixture.Client.FindChargesByOrderAsync(fixture.Credentials, Guid.NewGuid())
        };

        foreach (var call in calls)
        {
            var exception = Assert.CatchAsync<OpnException>(() => call());
            var leaked = Texts(exception).Any(text => text?.Contains(OpnClientFixture.SecretKey, StringComparison.Ordinal) == true);
            //the assertion message names the exception type only, so a failure does not print the key either
            Assert.That(leaked, Is.False, $"{exception.GetType().Name} text contains the secret key");
        }
    }

    [Test]
    public void ArgumentErrorsNeverCarryTheSecretKey()
    {
        var fixture = new OpnClientFixture();

        var exception = Assert.CatchAsync<ArgumentException>(() =>
            fixture.Client.CreateChargeAsync(fixture.Credentials, OpnClientFixture.KmaRequest(1)));

        Assert.That(exception.ToString().Contains(OpnClientFixture.SecretKey, StringComparison.Ordinal), Is.False);
    }

    [Test]
    public void CredentialsToStringHidesTheKeys()
    {
        var text = new OpnCredentials(OpnClientFixture.PublicKey, OpnClientFixture.SecretKey, OpnClientFixture.BaseUrl).ToString();

        Assert.That(text.Contains(OpnClientFixture.SecretKey, StringComparison.Ordinal), Is.False);
        Assert.That(text, Is.EqualTo("OpnCredentials(test, http://127.0.0.1:5099)"));
    }
}
