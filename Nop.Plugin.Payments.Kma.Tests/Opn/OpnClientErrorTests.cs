using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

[TestFixture]
public class OpnClientErrorTests
{
    private const string NotFound = """{"object":"error","location":"https://www.omise.co/api-errors#not-found","code":"not_found","message":"charge chrg_test_x was not found"}""";
    private const string BackendError = """{"object":"error","location":"https://www.omise.co/api-errors#backend-error","code":"backend_error","message":"backend error"}""";
    private const string Html = "<html><body><h1>502 Bad Gateway</h1></body></html>";

    private static HttpRequestException Refused() => new("Connection refused (127.0.0.1:5099)", new SocketException((int)SocketError.ConnectionRefused), null);

    [Test]
    public void ErrorObjectBecomesOpnApiException()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(HttpStatusCode.NotFound, NotFound);

        var exception = Assert.ThrowsAsync<OpnApiException>(() => fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_x"));

        Assert.That(exception.StatusCode, Is.EqualTo(404));
        Assert.That(exception.Code, Is.EqualTo(OpnErrorCodes.NotFound));
        Assert.That(exception.OpnMessage, Is.EqualTo("charge chrg_test_x was not found"));
        Assert.That(exception.Location, Is.EqualTo("https://www.omise.co/api-errors#not-found"));
        Assert.That(exception.IsTransient, Is.False);
        Assert.That(exception.IsAmbiguous, Is.False);
        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(1), "a 404 is not retried");
    }

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.Forbidden)]
    [TestCase(HttpStatusCode.UnprocessableEntity)]
    public void ClientErrorsAreNotRetried(HttpStatusCode status)
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(status, """{"object":"error","code":"bad_request","message":"no"}""");

        var exception = Assert.ThrowsAsync<OpnApiException>(() => fixture.Client.GetAccountAsync(fixture.Credentials));

        Assert.That(exception.StatusCode, Is.EqualTo((int)status));
        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(1));
        Assert.That(fixture.Delays, Is.Empty);
    }

    [Test]
    public void NonJsonErrorBodyStillGivesStatus()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(HttpStatusCode.BadGateway, Html, "text/html");

        var exception = Assert.ThrowsAsync<OpnApiException>(() => fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_x"));

        Assert.That(exception.StatusCode, Is.EqualTo(502));
        Assert.That(exception.Code, Is.Null);
        Assert.That(exception.OpnMessage, Does.Contain("502"));
        Assert.That(exception.Location, Is.Null);
        Assert.That(exception.IsTransient, Is.True);
        Assert.That(exception.IsAmbiguous, Is.True);
        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(3), "a GET is tried three times");
        Assert.That(fixture.Delays, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task GetRecoversAfterA503()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler
            .Respond(HttpStatusCode.ServiceUnavailable, BackendError)
            .Respond(HttpStatusCode.OK, OpnTestData.ChargeIn("successful").ToString());

        var charge = await fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_5xkcm7za6qgtfifwi34");

        Assert.That(charge.IsSuccessful, Is.True);
        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(2));
        Assert.That(fixture.Delays, Has.Count.EqualTo(1));
    }

    [Test]
    public void BackoffDoublesWithJitterBetweenHalfAndFull()
    {
        var low = new OpnClientFixture(options => options.NextJitter = () => 0);
        var high = new OpnClientFixture(options => options.NextJitter = () => 0.999999);
        low.Handler.AlwaysThrow(Refused);
        high.Handler.AlwaysThrow(Refused);
        low.Options.MaxAttempts = high.Options.MaxAttempts = 4;

        Assert.ThrowsAsync<OpnTransportException>(() => low.Client.GetEventAsync(low.Credentials, "evnt_test_1"));
        Assert.ThrowsAsync<OpnTransportException>(() => high.Client.GetEventAsync(high.Credentials, "evnt_test_1"));

        Assert.That(low.Delays.Select(delay => delay.TotalMilliseconds), Is.EqualTo(new[] { 250d, 500d, 1000d }));
        Assert.That(high.Delays.Select(delay => Math.Round(delay.TotalMilliseconds)), Is.EqualTo(new[] { 500d, 1000d, 2000d }));
        Assert.That(low.Handler.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public void BackoffIsCapped()
    {
        var fixture = new OpnClientFixture(options =>
        {
            options.MaxAttempts = 8;
            options.NextJitter = () => 0.999999;
        });
        fixture.Handler.Always(HttpStatusCode.InternalServerError, BackendError);

        Assert.ThrowsAsync<OpnApiException>(() => fixture.Client.GetAccountAsync(fixture.Credentials));

        Assert.That(fixture.Delays, Has.Count.EqualTo(7));
        Assert.That(fixture.Delays, Is.All.LessThanOrEqualTo(fixture.Options.MaxRetryDelay));
        Assert.That(fixture.Delays.Last(), Is.EqualTo(fixture.Options.MaxRetryDelay).Within(TimeSpan.FromMilliseconds(1)));
    }

    [Test]
    public async Task RetryAfterIsHonouredAndCapped()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler
            .Respond(HttpStatusCode.TooManyRequests, """{"object":"error","code":"too_many_requests","message":"slow down"}""",
                configure: response => response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)))
            .Respond(HttpStatusCode.TooManyRequests, "", configure: response => response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1)))
            .Respond(HttpStatusCode.OK, OpnTestData.SeedChargeJson);

        await fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_5xkcm7za6qgtfifwi34");

        Assert.That(fixture.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(2), fixture.Options.MaxRetryDelay }));
    }

    [Test]
    public void RetryAfterAsADateUsesTheClock()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var fixture = new OpnClientFixture(options =>
        {
            options.TimeProvider = new FixedTimeProvider(now);
            options.MaxAttempts = 2;
        });
        fixture.Handler.Always(HttpStatusCode.ServiceUnavailable, BackendError,
            configure: response => response.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(3)));

        Assert.ThrowsAsync<OpnApiException>(() => fixture.Client.GetAccountAsync(fixture.Credentials));

        Assert.That(fixture.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(3) }));
    }

    [Test]
    public void NetworkFailureOnGetIsRetriedThenReported()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.AlwaysThrow(Refused);

        var exception = Assert.ThrowsAsync<OpnTransportException>(() => fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_x"));

        Assert.That(exception.IsTimeout, Is.False);
        Assert.That(exception.IsAmbiguous, Is.True);
        Assert.That(exception.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public void TimeoutOnGetIsRetriedThenReportedAsTimeout()
    {
        var fixture = new OpnClientFixture(options => options.RequestTimeout = TimeSpan.FromMilliseconds(50));
        fixture.Handler.AlwaysHang();

        var exception = Assert.ThrowsAsync<OpnTransportException>(() => fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_x"));

        Assert.That(exception.IsTimeout, Is.True);
        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task ExpireIsRetried()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler
            .Throw(Refused())
            .Respond(HttpStatusCode.InternalServerError, BackendError)
            .Respond(HttpStatusCode.OK, OpnTestData.ChargeIn("expired").ToString());

        var charge = await fixture.Client.ExpireChargeAsync(fixture.Credentials, "chrg_test_5xkcm7za6qgtfifwi34");

        Assert.That(charge.Expired, Is.True);
        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(3));
        Assert.That(fixture.Handler.Requests, Is.All.Matches<RecordedRequest>(sent => sent.Uri.AbsolutePath.EndsWith("/expire")));
    }

    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    public void CreateIsNeverRetriedOnAnErrorStatus(HttpStatusCode status)
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(status, BackendError);

        var exception = Assert.ThrowsAsync<OpnApiException>(() => fixture.Client.CreateChargeAsync(fixture.Credentials, OpnClientFixture.KmaRequest()));

        Assert.That(exception.StatusCode, Is.EqualTo((int)status));
        Assert.That(exception.IsAmbiguous, Is.EqualTo((int)status >= 500));
        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(1));
        Assert.That(fixture.Delays, Is.Empty);
    }

    [Test]
    public void CreateIsNeverRetriedOnANetworkFailure()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.AlwaysThrow(Refused);

        var exception = Assert.ThrowsAsync<OpnTransportException>(() => fixture.Client.CreateChargeAsync(fixture.Credentials, OpnClientFixture.KmaRequest()));

        Assert.That(exception.IsAmbiguous, Is.True);
        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void CreateIsNeverRetriedOnATimeout()
    {
        var fixture = new OpnClientFixture(options => options.CreateChargeTimeout = TimeSpan.FromMilliseconds(50));
        fixture.Handler.AlwaysHang();

        var exception = Assert.ThrowsAsync<OpnTransportException>(() => fixture.Client.CreateChargeAsync(fixture.Credentials, OpnClientFixture.KmaRequest()));

        Assert.That(exception.IsTimeout, Is.True);
        Assert.That(exception.IsAmbiguous, Is.True);
        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void UnreadableSuccessBodyIsATransportFailureAndNotRetried()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(HttpStatusCode.OK, Html, "text/html");

        var exception = Assert.ThrowsAsync<OpnTransportException>(() => fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_x"));

        Assert.That(exception.IsUnreadableResponse, Is.True);
        Assert.That(exception.IsTimeout, Is.False);
        Assert.That(exception.Message, Does.Not.Contain("Bad Gateway"), "the body is not quoted");
        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(1));
    }

    [TestCase(NotFound)]
    [TestCase("""{"object":"list","data":[]}""")]
    public void SuccessBodyOfAnotherObjectIsRefused(string body)
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(HttpStatusCode.OK, body);

        var exception = Assert.ThrowsAsync<OpnTransportException>(() => fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_x"));

        Assert.That(exception.IsUnreadableResponse, Is.True);
    }

    [Test]
    public void CallerCancellationIsNotATransportFailure()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.AlwaysHang();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        Assert.That(() => fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_x", cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void RetryDelayComputationFollowsTheRules()
    {
        var client = new OpnClient(new FakeHttpClientFactory(new FakeOpnHandler()), new OpnClientOptions { NextJitter = () => 0 });

        Assert.That(client.GetRetryDelay(1, null), Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(client.GetRetryDelay(2, null), Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(client.GetRetryDelay(1, TimeSpan.FromSeconds(1)), Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(client.GetRetryDelay(1, TimeSpan.FromMinutes(5)), Is.EqualTo(TimeSpan.FromSeconds(8)));
        Assert.That(client.GetRetryDelay(1, TimeSpan.FromSeconds(-3)), Is.EqualTo(TimeSpan.FromMilliseconds(250)), "a past date falls back to backoff");
    }
}
