using System.Net;
using System.Text.Json;

namespace Nop.Plugin.Payments.Kma.Tests.Emulator;

[TestFixture]
[Category("Integration")]
public class EmulatorApiTests : EmulatorFixtureBase
{
    [Test]
    public async Task CreateCharge_FormEncodedInlineSource_ReturnsPendingKmaCharge()
    {
        var response = await Secret.PostFormAsync("charges",
            ("amount", "150000"), ("currency", "THB"), ("return_uri", "https://shop.example/orders/1/complete"),
            ("source[type]", "mobile_banking_bay"), ("source[platform_type]", "IOS"),
            ("metadata[order_guid]", "9d1f0c4e"), ("metadata[order_id]", "42"), ("description", "Order #42"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        var charge = response.Json;
        var id = charge.GetProperty("id").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(id, Does.StartWith("chrg_test_"));
            Assert.That(charge.GetProperty("location").GetString(), Is.EqualTo("/charges/" + id));
            Assert.That(charge.GetProperty("status").GetString(), Is.EqualTo("pending"));
            Assert.That(charge.GetProperty("amount").GetInt64(), Is.EqualTo(150000));
            Assert.That(charge.GetProperty("description").GetString(), Is.EqualTo("Order #42"));
            Assert.That(charge.GetProperty("metadata").GetProperty("order_guid").GetString(), Is.EqualTo("9d1f0c4e"));
            Assert.That(charge.GetProperty("metadata").GetProperty("order_id").GetString(), Is.EqualTo("42"));
            Assert.That(charge.GetProperty("source").GetProperty("id").GetString(), Does.StartWith("src_test_"));
            Assert.That(charge.GetProperty("source").GetProperty("type").GetString(), Is.EqualTo("mobile_banking_bay"));
            Assert.That(charge.GetProperty("source").GetProperty("flow").GetString(), Is.EqualTo("app_redirect"));
            Assert.That(charge.GetProperty("source").GetProperty("platform_type").GetString(), Is.EqualTo("IOS"));
            Assert.That(charge.GetProperty("source").GetProperty("charge_status").GetString(), Is.EqualTo("pending"));
            Assert.That(charge.GetProperty("source").GetProperty("provider_references").GetProperty("reference_number_1").GetString(), Is.Not.Empty);
            Assert.That(charge.GetProperty("authorize_uri").GetString(), Does.StartWith(Emulator.BaseAddress + "payments/pay2_test_").And.EndWith("/authorize"));
            Assert.That(charge.GetProperty("return_uri").GetString(), Is.EqualTo("https://shop.example/orders/1/complete"));
            Assert.That(charge.GetProperty("paid").GetBoolean(), Is.False);
            Assert.That(charge.GetProperty("expired").GetBoolean(), Is.False);
        });

        var createdAt = charge.GetProperty("created_at").GetDateTimeOffset();
        var expiresAt = charge.GetProperty("expires_at").GetDateTimeOffset();
        Assert.That(expiresAt - createdAt, Is.EqualTo(TimeSpan.FromMinutes(15)));

        var fetched = await Secret.GetAsync("charges/" + id);
        Assert.That(fetched.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(fetched.Text, Is.EqualTo(response.Text), "GET returns the same object as the create");
    }

    [Test]
    public async Task CreateCharge_JsonBody_IsAcceptedLikeForm()
    {
        var response = await Secret.PostJsonAsync("charges", """
            {"amount":2000,"currency":"THB","return_uri":"https://shop.example/r",
             "source":{"type":"mobile_banking_bay","platform_type":"ANDROID"},
             "metadata":{"order_guid":"abc"},"webhook_endpoints":["http://127.0.0.1:1/hook"]}
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        Assert.That(response.Json.GetProperty("amount").GetInt64(), Is.EqualTo(2000));
        Assert.That(response.Json.GetProperty("source").GetProperty("platform_type").GetString(), Is.EqualTo("ANDROID"));
        Assert.That(response.Json.GetProperty("metadata").GetProperty("order_guid").GetString(), Is.EqualTo("abc"));
    }

    [Test]
    public async Task CreateCharge_WithSourceId_UsesThatSourceOnce()
    {
        var source = await Public.PostFormAsync("sources", ("amount", "150000"), ("currency", "THB"), ("type", "mobile_banking_bay"), ("platform_type", "IOS"));
        Assert.That(source.Status, Is.EqualTo(HttpStatusCode.OK), source.Text);
        var sourceId = source.Json.GetProperty("id").GetString();
        Assert.That(source.Json.GetProperty("charge_status").GetString(), Is.EqualTo("unknown"));

        var charge = await Secret.PostFormAsync("charges", ("amount", "150000"), ("currency", "THB"), ("return_uri", "https://shop.example/r"), ("source", sourceId));
        Assert.That(charge.Status, Is.EqualTo(HttpStatusCode.OK), charge.Text);
        Assert.That(charge.Json.GetProperty("source").GetProperty("id").GetString(), Is.EqualTo(sourceId));

        var again = await Secret.PostFormAsync("charges", ("amount", "150000"), ("currency", "THB"), ("return_uri", "https://shop.example/r"), ("source", sourceId));
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(again.ErrorCode, Is.EqualTo("invalid_charge"));

        var fetchedSource = await Secret.GetAsync("sources/" + sourceId);
        Assert.That(fetchedSource.Json.GetProperty("charge_status").GetString(), Is.EqualTo("pending"));
    }

    [TestCase(null, TestName = "Auth_NoKey_Is401")]
    [TestCase("skey_test_wrong", TestName = "Auth_WrongSecretKey_Is401")]
    [TestCase("pkey_test_5kmaemulatordev", TestName = "Auth_PublicKeyOnCharges_Is401")]
    public async Task Auth_Rejected(string key)
    {
        using var client = new OpnTestClient(Emulator.BaseAddress, key);
        var response = await client.PostFormAsync("charges", ("amount", "150000"), ("currency", "THB"), ("return_uri", "https://s/r"), ("source[type]", "mobile_banking_bay"));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Json.GetProperty("object").GetString(), Is.EqualTo("error"));
        Assert.That(response.ErrorCode, Is.EqualTo("authentication_failure"));
        Assert.That(response.Json.GetProperty("location").GetString(), Does.StartWith("https://"));
        Assert.That(response.Json.GetProperty("message").GetString(), Is.Not.Empty);
        Assert.That(Emulator.ChargeIds, Is.Empty);
    }

    [Test]
    public async Task Auth_PublicKey_IsAcceptedForSourcesAndCapability()
    {
        var source = await Public.PostFormAsync("sources", ("amount", "5000"), ("currency", "THB"), ("type", "mobile_banking_bay"));
        var capability = await Public.GetAsync("capability");
        var account = await Public.GetAsync("account");

        Assert.That(source.Status, Is.EqualTo(HttpStatusCode.OK), source.Text);
        Assert.That(capability.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(account.Status, Is.EqualTo(HttpStatusCode.Unauthorized), "the account needs the secret key");
        var methods = capability.Json.GetProperty("payment_methods").EnumerateArray().Select(m => m.GetProperty("name").GetString());
        Assert.That(methods, Does.Contain("mobile_banking_bay"));
        Assert.That(capability.Json.GetProperty("limits").GetProperty("charge_amount").GetProperty("min").GetInt64(), Is.EqualTo(2000));
    }

    [Test]
    public async Task Account_WithSecretKey_IsThaiTestAccount()
    {
        var account = await Secret.GetAsync("account");
        Assert.That(account.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(account.Json.GetProperty("object").GetString(), Is.EqualTo("account"));
        Assert.That(account.Json.GetProperty("country").GetString(), Is.EqualTo("TH"));
        Assert.That(account.Json.GetProperty("livemode").GetBoolean(), Is.False);
    }

    [TestCase("charges/chrg_test_doesnotexist")]
    [TestCase("events/evnt_test_doesnotexist")]
    [TestCase("charges/chrg_test_doesnotexist/events")]
    [TestCase("no/such/endpoint")]
    public async Task UnknownIds_Are404NotFound(string path)
    {
        var response = await Secret.GetAsync(path);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.ErrorCode, Is.EqualTo("not_found"));
    }

    [Test]
    public async Task OmiseVersion_Unsupported_IsRejected_AndSupportedOrMissingAccepted()
    {
        using var old = new OpnTestClient(Emulator.BaseAddress, Emulator.SecretKey, apiVersion: "2015-11-17");
        using var none = new OpnTestClient(Emulator.BaseAddress, Emulator.SecretKey, apiVersion: null);

        var rejected = await old.GetAsync("account");
        var accepted = await none.GetAsync("account");

        Assert.That(rejected.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(rejected.ErrorCode, Is.EqualTo("bad_request"));
        Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("150000.5", "THB", "mobile_banking_bay", "https://s/r", "invalid_charge", TestName = "Validation_NonIntegerAmount")]
    [TestCase("abc", "THB", "mobile_banking_bay", "https://s/r", "invalid_charge", TestName = "Validation_TextAmount")]
    [TestCase("1999", "THB", "mobile_banking_bay", "https://s/r", "invalid_charge", TestName = "Validation_AmountBelowMinimum")]
    [TestCase("15000001", "THB", "mobile_banking_bay", "https://s/r", "invalid_charge", TestName = "Validation_AmountAboveMaximum")]
    [TestCase("150000", "USD", "mobile_banking_bay", "https://s/r", "invalid_charge", TestName = "Validation_CurrencyNotThb")]
    [TestCase("150000", "THB", "mobile_banking_xyz", "https://s/r", "invalid_charge", TestName = "Validation_UnknownSourceType")]
    [TestCase("150000", "THB", "mobile_banking_bay", null, "invalid_charge", TestName = "Validation_MissingReturnUri")]
    public async Task Validation_IsOpnStyleError(string amount, string currency, string sourceType, string returnUri, string code)
    {
        var fields = new List<(string, string)> { ("amount", amount), ("currency", currency), ("source[type]", sourceType) };
        if (returnUri is not null)
            fields.Add(("return_uri", returnUri));

        var response = await Secret.PostFormAsync("charges", fields.ToArray());

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.That(response.Json.GetProperty("object").GetString(), Is.EqualTo("error"));
        Assert.That(response.ErrorCode, Is.EqualTo(code));
        Assert.That(Emulator.ChargeIds, Is.Empty, "a rejected create makes no charge");
    }

    [Test]
    public async Task Validation_JsonNonIntegerAmount_IsInvalidCharge()
    {
        var response = await Secret.PostJsonAsync("charges", """{"amount":150000.5,"currency":"THB","return_uri":"https://s/r","source":{"type":"mobile_banking_bay"}}""");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Json.GetProperty("message").GetString(), Does.Contain("integer"));
    }

    [TestCase("140000", "THB", TestName = "Validation_SourceAmountDiffers")]
    [TestCase("150000", "USD", TestName = "Validation_SourceCurrencyDiffers")]
    public async Task Validation_SourceMismatch(string chargeAmount, string chargeCurrency)
    {
        var source = await Public.PostFormAsync("sources", ("amount", "150000"), ("currency", "THB"), ("type", "mobile_banking_bay"));
        var response = await Secret.PostFormAsync("charges", ("amount", chargeAmount), ("currency", chargeCurrency), ("return_uri", "https://s/r"), ("source", source.Json.GetProperty("id").GetString()));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
        Assert.That(response.ErrorCode, Is.EqualTo("invalid_charge"));
    }

    [Test]
    public async Task Validation_BadSourceRequest_IsBadRequest()
    {
        var unknownType = await Public.PostFormAsync("sources", ("amount", "150000"), ("currency", "THB"), ("type", "promptpay_xyz"));
        var tooSmall = await Public.PostFormAsync("sources", ("amount", "100"), ("currency", "THB"), ("type", "mobile_banking_bay"));
        Assert.That(unknownType.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(tooSmall.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task ChargesAndEvents_ListObjects_HonourLimitOffsetOrder()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await Secret.CreateChargeAsync(2000 + i)).GetProperty("id").GetString());

        var page = await Secret.GetAsync("charges?limit=2&offset=1");
        var reversed = await Secret.GetAsync("charges?order=reverse_chronological&limit=1");
        var events = await Secret.GetAsync("events?limit=100");
        var future = await Secret.GetAsync("events?from=2999-01-01T00:00:00Z");
        var badLimit = await Secret.GetAsync("events?limit=101");

        var list = page.Json;
        Assert.Multiple(() =>
        {
            Assert.That(list.GetProperty("object").GetString(), Is.EqualTo("list"));
            Assert.That(list.GetProperty("limit").GetInt32(), Is.EqualTo(2));
            Assert.That(list.GetProperty("offset").GetInt32(), Is.EqualTo(1));
            Assert.That(list.GetProperty("total").GetInt32(), Is.EqualTo(5));
            Assert.That(list.GetProperty("order").GetString(), Is.EqualTo("chronological"));
            Assert.That(list.GetProperty("from").GetString(), Is.EqualTo("1970-01-01T00:00:00Z"));
            Assert.That(list.GetProperty("to").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(list.GetProperty("location").GetString(), Is.EqualTo("/charges"));
            Assert.That(list.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()), Is.EqualTo(ids.Skip(1).Take(2)));
            Assert.That(reversed.Json.GetProperty("data")[0].GetProperty("id").GetString(), Is.EqualTo(ids[^1]));
            Assert.That(events.Json.GetProperty("total").GetInt32(), Is.EqualTo(5), "one charge.create each");
            Assert.That(future.Json.GetProperty("total").GetInt32(), Is.EqualTo(0));
            Assert.That(badLimit.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Search_FindsChargesByMetadataAndFilters()
    {
        var orderGuid = Guid.NewGuid().ToString();
        var first = await Secret.CreateChargeAsync(extra: ("metadata[order_guid]", orderGuid));
        var second = await Secret.CreateChargeAsync(extra: ("metadata[order_guid]", orderGuid));
        await Secret.CreateChargeAsync(extra: ("metadata[order_guid]", Guid.NewGuid().ToString()));
        Emulator.CompleteCharge(second.GetProperty("id").GetString());

        var byQuery = await Secret.GetAsync($"search?scope=charge&query={orderGuid}");
        var filtered = await Secret.GetAsync($"search?scope=charge&query={orderGuid}&filters[status]=successful");
        var byMetadataFilter = await Secret.GetAsync($"search?scope=charge&filters[metadata][order_guid]={orderGuid}&order=reverse_chronological");
        var badScope = await Secret.GetAsync("search?scope=customer&query=x");

        Assert.Multiple(() =>
        {
            Assert.That(byQuery.Json.GetProperty("object").GetString(), Is.EqualTo("search"));
            Assert.That(byQuery.Json.GetProperty("scope").GetString(), Is.EqualTo("charge"));
            Assert.That(byQuery.Json.GetProperty("total").GetInt32(), Is.EqualTo(2));
            Assert.That(byQuery.Json.GetProperty("total_pages").GetInt32(), Is.EqualTo(1));
            Assert.That(byQuery.Json.GetProperty("page").GetInt32(), Is.EqualTo(1));
            Assert.That(byQuery.Json.GetProperty("per_page").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(filtered.Json.GetProperty("total").GetInt32(), Is.EqualTo(1));
            Assert.That(filtered.Json.GetProperty("data")[0].GetProperty("id").GetString(), Is.EqualTo(second.GetProperty("id").GetString()));
            Assert.That(byMetadataFilter.Json.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()),
                Is.EqualTo(new[] { second.GetProperty("id").GetString(), first.GetProperty("id").GetString() }));
            Assert.That(badScope.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badScope.ErrorCode, Is.EqualTo("invalid_scope"));
        });
    }

    [Test]
    public async Task ConcurrentClients_CreateAndReadCharges_Consistently()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Secret.CreateChargeAsync(2000 + i)));
        var ids = created.Select(c => c.GetProperty("id").GetString()).ToList();

        // Half complete while the other half expire, all at once, twice each: exactly one change per charge wins.
        var changes = await Task.WhenAll(ids.SelectMany((id, i) => new[]
        {
            Task.Run(() => i % 2 == 0 ? Emulator.CompleteCharge(id) : Emulator.ExpireCharge(id)),
            Task.Run(() => Emulator.FailCharge(id, "payment_rejected"))
        }));
        var fetched = await Task.WhenAll(ids.Select(id => Secret.GetAsync("charges/" + id)));

        Assert.That(ids.Distinct().Count(), Is.EqualTo(40));
        Assert.That(changes.Count(won => won), Is.EqualTo(40), "one winner per charge");
        Assert.That(fetched.Select(f => f.Json.GetProperty("status").GetString()), Has.None.EqualTo("pending"));
        var events = await Secret.GetAsync("events?limit=100");
        Assert.That(events.Json.GetProperty("total").GetInt32(), Is.EqualTo(80), "a create and a completion event per charge");
    }
}
