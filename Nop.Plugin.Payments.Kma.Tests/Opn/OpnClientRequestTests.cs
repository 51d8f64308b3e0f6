using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

[TestFixture]
public class OpnClientRequestTests
{
    private static readonly string _expectedAuthorization =
        "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes(OpnClientFixture.SecretKey + ":"));

    [Test]
    public async Task CreateChargeSendsTheKmaFormInOneRequest()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Respond(HttpStatusCode.OK, OpnTestData.SeedChargeJson);
        var request = OpnClientFixture.KmaRequest();
        request.WebhookEndpoints.Add("https://shop.example/Plugins/PaymentKma/Webhook");
        request.WebhookEndpoints.Add("https://backup.example/hook");

        var charge = await fixture.Client.CreateChargeAsync(fixture.Credentials, request);

        Assert.That(charge.Id, Is.EqualTo("chrg_test_5xkcm7za6qgtfifwi34"));
        var sent = fixture.Handler.Requests.Single();
        Assert.That(sent.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(sent.Uri.ToString(), Is.EqualTo("http://127.0.0.1:5099/charges"));
        Assert.That(sent.ContentType, Does.StartWith("application/x-www-form-urlencoded"));
        Assert.That(sent.FormFields(), Is.EqualTo(new[]
        {
            new KeyValuePair<string, string>("amount", "150000"),
            new KeyValuePair<string, string>("currency", "THB"),
            new KeyValuePair<string, string>("source[type]", "mobile_banking_bay"),
            new KeyValuePair<string, string>("source[platform_type]", "IOS"),
            new KeyValuePair<string, string>("return_uri", "https://shop.example/Plugins/PaymentKma/Return?orderGuid=9d3e&token=abc"),
            new KeyValuePair<string, string>("description", "Order #1042"),
            new KeyValuePair<string, string>("metadata[order_guid]", "2f1b1f0e-9a43-4c59-8d55-6d2b0c1a7e11"),
            new KeyValuePair<string, string>("metadata[order_id]", "1042"),
            new KeyValuePair<string, string>("metadata[attempt]", "1"),
            new KeyValuePair<string, string>("webhook_endpoints[]", "https://shop.example/Plugins/PaymentKma/Webhook"),
            new KeyValuePair<string, string>("webhook_endpoints[]", "https://backup.example/hook")
        }));
    }

    [Test]
    public async Task OptionalFieldsAreLeftOut()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Respond(HttpStatusCode.OK, OpnTestData.SeedChargeJson);
        var request = new CreateKmaChargeRequest { Amount = 2000, ReturnUri = "https://shop.example/r" };

        await fixture.Client.CreateChargeAsync(fixture.Credentials, request);

        Assert.That(fixture.Handler.Requests.Single().FormFields().Select(field => field.Key),
            Is.EqualTo(new[] { "amount", "currency", "source[type]", "return_uri" }));
    }

    [Test]
    public async Task EveryRequestCarriesAuthVersionAndUserAgent()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(HttpStatusCode.OK, OpnTestData.SeedChargeJson);

        await fixture.Client.CreateChargeAsync(fixture.Credentials, OpnClientFixture.KmaRequest());
        await fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_5xkcm7za6qgtfifwi34");

        Assert.That(fixture.Handler.Requests, Has.Count.EqualTo(2));
        foreach (var sent in fixture.Handler.Requests)
        {
            Assert.That(sent.Header("Authorization"), Is.EqualTo(_expectedAuthorization));
            Assert.That(sent.Header("Omise-Version"), Is.EqualTo("2019-05-29"));
            Assert.That(sent.Header("User-Agent"), Does.Match(@"^OmiseNopCommerce/\d+\.\d+\.\d+ nopCommerce/4\.90 \.NET/\d+\.\d+\.\d+ OmiseAPI/2019-05-29$"));
            Assert.That(sent.Header("Accept"), Is.EqualTo("application/json"));
        }

        Assert.That(fixture.Factory.Names, Is.All.EqualTo(OpnClient.HttpClientName));
        Assert.That(OpnClient.UserAgent, Does.StartWith("OmiseNopCommerce/4.90.2 "));
    }

    [Test]
    public async Task BaseUrlComesFromTheCredentialsOfEachCall()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(HttpStatusCode.OK, OpnTestData.SeedChargeJson);

        await fixture.Client.GetChargeAsync(new OpnCredentials(null, OpnClientFixture.SecretKey, "http://127.0.0.1:7001/"), "chrg_test_a");
        await fixture.Client.GetChargeAsync(new OpnCredentials(null, OpnClientFixture.SecretKey), "chrg_test_b");

        Assert.That(fixture.Handler.Requests.Select(sent => sent.Uri.ToString()), Is.EqualTo(new[]
        {
            "http://127.0.0.1:7001/charges/chrg_test_a",
            "https://api.omise.co/charges/chrg_test_b"
        }));
    }

    [Test]
    public async Task IdsAreEscapedIntoThePath()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(HttpStatusCode.OK, OpnTestData.SeedChargeJson);

        await fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_1/../../account?x=1");

        Assert.That(fixture.Handler.Requests.Single().Uri.AbsolutePath, Is.EqualTo("/charges/chrg_test_1%2F..%2F..%2Faccount%3Fx%3D1"));
    }

    [Test]
    public async Task ExpirePostsToTheChargesExpirePath()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Respond(HttpStatusCode.OK, OpnTestData.ChargeIn("expired").ToString());

        var charge = await fixture.Client.ExpireChargeAsync(fixture.Credentials, "chrg_test_5xkcm7za6qgtfifwi34");

        var sent = fixture.Handler.Requests.Single();
        Assert.That(sent.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(sent.Uri.AbsolutePath, Is.EqualTo("/charges/chrg_test_5xkcm7za6qgtfifwi34/expire"));
        Assert.That(sent.Body, Is.Empty);
        Assert.That(charge.Status, Is.EqualTo(OpnChargeStatuses.Expired));
    }

    [Test]
    public async Task OtherCallsUseTheirPaths()
    {
        var fixture = new OpnClientFixture();
        var eventJson = OpnTestData.Event(OpnEventKeys.ChargeComplete, OpnTestData.ChargeIn("successful")).ToString();
        var eventList = new JObject { ["object"] = "list", ["data"] = new JArray(JObject.Parse(eventJson)), ["total"] = 1, ["limit"] = 5, ["offset"] = 10 };
        fixture.Handler
            .Respond(HttpStatusCode.OK, eventList.ToString())
            .Respond(HttpStatusCode.OK, eventJson)
            .Respond(HttpStatusCode.OK, """{"object":"account","id":"acct_test_1","email":"a@b.c","country":"TH","currency":"THB"}""")
            .Respond(HttpStatusCode.OK, OpnTestData.Capability2019);

        var events = await fixture.Client.ListChargeEventsAsync(fixture.Credentials, "chrg_test_1", 10, 5);
        var opnEvent = await fixture.Client.GetEventAsync(fixture.Credentials, "evnt_test_5xkcnbq1ydq0ej8vk0u");
        var account = await fixture.Client.GetAccountAsync(fixture.Credentials);
        var capability = await fixture.Client.GetCapabilityAsync(fixture.Credentials);

        Assert.That(fixture.Handler.Requests.Select(sent => $"{sent.Method} {sent.Uri.PathAndQuery}"), Is.EqualTo(new[]
        {
            "GET /charges/chrg_test_1/events?offset=10&limit=5",
            "GET /events/evnt_test_5xkcnbq1ydq0ej8vk0u",
            "GET /account",
            "GET /capability"
        }));
        Assert.That(events.Data.Single().Charge.IsSuccessful, Is.True);
        Assert.That(opnEvent.Charge.Transaction, Is.EqualTo("trxn_test_5xkcn2b3qxj1bqxadgz"));
        Assert.That(account.Email, Is.EqualTo("a@b.c"));
        Assert.That(capability.Supports("mobile_banking_bay"), Is.True);
    }

    [Test]
    public async Task CapabilityFallsBackToThePublicKey()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Respond(HttpStatusCode.OK, OpnTestData.CapabilityLegacy);

        await fixture.Client.GetCapabilityAsync(new OpnCredentials(OpnClientFixture.PublicKey, null, OpnClientFixture.BaseUrl));

        Assert.That(fixture.Handler.Requests.Single().Header("Authorization"),
            Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes(OpnClientFixture.PublicKey + ":"))));
    }

    [Test]
    public async Task SearchSendsScopeQueryFiltersAndPaging()
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Respond(HttpStatusCode.OK, """{"object":"search","data":[],"page":2,"per_page":50,"total":0,"total_pages":0}""");

        var result = await fixture.Client.SearchChargesAsync(fixture.Credentials, "order 1042",
            new Dictionary<string, string> { ["status"] = "pending" }, 2, 50);

        Assert.That(result.Page, Is.EqualTo(2));
        var uri = fixture.Handler.Requests.Single().Uri;
        Assert.That(uri.AbsolutePath, Is.EqualTo("/search"));
        Assert.That(uri.Query, Is.EqualTo("?scope=charge&query=order%201042&filters%5Bstatus%5D=pending&page=2&per_page=50"));
    }

    [Test]
    public async Task FindChargesByOrderKeepsOnlyThatOrdersChargesNewestFirst()
    {
        var orderGuid = Guid.Parse("2f1b1f0e-9a43-4c59-8d55-6d2b0c1a7e11");
        JObject Charge(string id, string createdAt, string guid)
        {
            var charge = OpnTestData.ChargeIn("pending", id: id);
            charge["created_at"] = createdAt;
            charge["metadata"] = guid is null ? new JObject() : new JObject { ["order_guid"] = guid };
            return charge;
        }

        var search = new JObject
        {
            ["object"] = "search",
            ["data"] = new JArray(
                Charge("chrg_test_first", "2023-10-26T15:00:00Z", "2f1b1f0e-9a43-4c59-8d55-6d2b0c1a7e11"),
                Charge("chrg_test_other_order", "2023-10-26T15:30:00Z", "99999999-9a43-4c59-8d55-6d2b0c1a7e11"),
                Charge("chrg_test_second", "2023-10-26T15:20:00Z", "2F1B1F0E9A434C598D556D2B0C1A7E11"),
                Charge("chrg_test_mentions_guid", "2023-10-26T15:40:00Z", null)),
            ["page"] = 1,
            ["per_page"] = 100,
            ["total"] = 4,
            ["total_pages"] = 1
        };
        var fixture = new OpnClientFixture();
        fixture.Handler.Respond(HttpStatusCode.OK, search.ToString());

        var charges = await fixture.Client.FindChargesByOrderAsync(fixture.Credentials, orderGuid);

        Assert.That(charges.Select(charge => charge.Id), Is.EqualTo(new[] { "chrg_test_second", "chrg_test_first" }));
        Assert.That(fixture.Handler.Requests.Single().Uri.PathAndQuery,
            Is.EqualTo("/search?scope=charge&query=2f1b1f0e-9a43-4c59-8d55-6d2b0c1a7e11&order=reverse_chronological&page=1&per_page=100"));
    }

    [TestCase(1999L)]
    [TestCase(15000001L)]
    [TestCase(0L)]
    [TestCase(-2000L)]
    public void AmountOutsideTheKmaRuleIsRefusedBeforeAnyCall(long amount)
    {
        var fixture = new OpnClientFixture();

        var exception = Assert.ThrowsAsync<KmaAmountOutOfRangeException>(() =>
            fixture.Client.CreateChargeAsync(fixture.Credentials, OpnClientFixture.KmaRequest(amount)));

        Assert.That(exception.AmountSatang, Is.EqualTo(amount));
        Assert.That(exception, Is.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(fixture.Handler.Requests, Is.Empty);
    }

    [TestCase(2000L)]
    [TestCase(15000000L)]
    public async Task AmountAtTheLimitsIsSent(long amount)
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Respond(HttpStatusCode.OK, OpnTestData.SeedChargeJson);

        await fixture.Client.CreateChargeAsync(fixture.Credentials, OpnClientFixture.KmaRequest(amount));

        Assert.That(fixture.Handler.Requests.Single().FormFields().First(), Is.EqualTo(new KeyValuePair<string, string>("amount", amount.ToString())));
    }

    [Test]
    public void InvalidRequestsAreRefusedBeforeAnyCall()
    {
        var fixture = new OpnClientFixture();
        var usd = OpnClientFixture.KmaRequest();
        usd.Currency = "USD";
        var noReturn = OpnClientFixture.KmaRequest();
        noReturn.ReturnUri = "/relative";
        var badKey = OpnClientFixture.KmaRequest();
        badKey.Metadata["a[b]"] = "x";

        Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.CreateChargeAsync(fixture.Credentials, usd));
        Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.CreateChargeAsync(fixture.Credentials, noReturn));
        Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.CreateChargeAsync(fixture.Credentials, badKey));
        Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.GetChargeAsync(new OpnCredentials(OpnClientFixture.PublicKey, "", OpnClientFixture.BaseUrl), "chrg_test_1"));
        Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.GetChargeAsync(fixture.Credentials, " "));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Client.ListChargeEventsAsync(fixture.Credentials, "chrg_test_1", 0, 101));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Client.SearchChargesAsync(fixture.Credentials, "x", page: 0));
        Assert.That(fixture.Handler.Requests, Is.Empty);
    }
}
