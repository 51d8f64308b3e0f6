using System.Globalization;
using System.Net;
using Moq;
using Newtonsoft.Json.Linq;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Plugin.Payments.Kma.Tests.Sync;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

/// <summary>
/// Opn's answers as they really come: timestamps in every form Opn writes, fields the plugin never uses carrying
/// anything, and the fields money rests on still refused when their type is wrong
/// </summary>
[TestFixture]
public class OpnJsonToleranceTests
{
    private static DateTime Utc(int year, int month, int day, int hour, int minute, int second, long extraTicks = 0) =>
        new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(extraTicks);

    private static JObject EventWithDelivery(string deliveryCreatedAt)
    {
        var json = OpnTestData.Event(OpnEventKeys.ChargeComplete, OpnTestData.ChargeIn("successful"));
        json["webhook_deliveries"]![0]!["created_at"] = deliveryCreatedAt;
        return json;
    }

    #region Timestamps

    private static IEnumerable<TestCaseData> TimestampForms()
    {
        yield return new TestCaseData("2023-03-02T10:27:09Z", Utc(2023, 3, 2, 10, 27, 9)).SetName("Iso8601WithZ");
        yield return new TestCaseData("2023-03-02 10:27:09 UTC", Utc(2023, 3, 2, 10, 27, 9)).SetName("OpnUtcForm");
        yield return new TestCaseData("2023-03-02T17:27:09+07:00", Utc(2023, 3, 2, 10, 27, 9)).SetName("OffsetWithColon");
        yield return new TestCaseData("2023-03-02T17:27:09+0700", Utc(2023, 3, 2, 10, 27, 9)).SetName("OffsetWithoutColon");
        yield return new TestCaseData("2023-03-02T17:27:09+07", Utc(2023, 3, 2, 10, 27, 9)).SetName("OffsetInHours");
        yield return new TestCaseData("2023-03-02T05:27:09-05:00", Utc(2023, 3, 2, 10, 27, 9)).SetName("NegativeOffset");
        yield return new TestCaseData("2023-03-03T00:27:09+14:00", Utc(2023, 3, 2, 10, 27, 9)).SetName("OffsetCrossingTheDay");
        yield return new TestCaseData("2023-03-02T10:27:09.5Z", Utc(2023, 3, 2, 10, 27, 9, 5_000_000)).SetName("FractionOfOneDigit");
        yield return new TestCaseData("2023-03-02T10:27:09.123Z", Utc(2023, 3, 2, 10, 27, 9, 1_230_000)).SetName("Milliseconds");
        yield return new TestCaseData("2023-03-02T10:27:09.123456789Z", Utc(2023, 3, 2, 10, 27, 9, 1_234_567)).SetName("NanosecondsCutTo100ns");
        yield return new TestCaseData("2023-03-02T17:27:09.250+07:00", Utc(2023, 3, 2, 10, 27, 9, 2_500_000)).SetName("FractionAndOffset");
        yield return new TestCaseData("2023-03-02 10:27:09.75 UTC", Utc(2023, 3, 2, 10, 27, 9, 7_500_000)).SetName("OpnUtcFormWithFraction");
        yield return new TestCaseData("2023-03-02T10:27:09", Utc(2023, 3, 2, 10, 27, 9)).SetName("NoZoneIsUtc");
        yield return new TestCaseData("2023-03-02t10:27:09z", Utc(2023, 3, 2, 10, 27, 9)).SetName("LowerCaseTAndZ");
        yield return new TestCaseData("2023-03-02T10:27Z", Utc(2023, 3, 2, 10, 27, 0)).SetName("NoSeconds");
        yield return new TestCaseData("2024-02-29T23:59:59Z", Utc(2024, 2, 29, 23, 59, 59)).SetName("LeapDay");
    }

    [TestCaseSource(nameof(TimestampForms))]
    public void EveryTimestampFormIsReadAsUtc(string text, DateTime expected)
    {
        Assert.That(OpnTimestampConverter.TryParse(text, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(expected));
        Assert.That(parsed.Kind, Is.EqualTo(DateTimeKind.Utc));

        //the same text in a strict field (expires_at), tolerant fields (paid_at, created_at) and a webhook delivery
        var charge = OpnTestData.ChargeIn("successful");
        charge["expires_at"] = text;
        charge["paid_at"] = text;
        var json = EventWithDelivery(text);
        json["created_at"] = text;
        json["data"] = charge;

        var opnEvent = OpnJson.ParseEvent(json.ToString());

        Assert.That(opnEvent.CreatedAt, Is.EqualTo(expected));
        Assert.That(opnEvent.WebhookDeliveries.Single().CreatedAt, Is.EqualTo(expected));
        Assert.That(opnEvent.Charge.ExpiresAt, Is.EqualTo(expected));
        Assert.That(opnEvent.Charge.PaidAt, Is.EqualTo(expected));
        Assert.That(opnEvent.Charge.ExpiresAt!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
    }

    [TestCase("2023-02-30T10:00:00Z")]
    [TestCase("2023-13-01T10:00:00Z")]
    [TestCase("2023-03-02T24:00:00Z")]
    [TestCase("2023-03-02T10:27:60Z")]
    [TestCase("2023-03-02T10:27:09+25:00")]
    [TestCase("02/03/2023 10:27:09")]
    [TestCase("2023-03-02")]
    [TestCase("yesterday")]
    [TestCase("1677752829")]
    [TestCase("")]
    [TestCase("2023-03-02 10:27:09 ICT")]
    [TestCase("0001-01-01T00:00:00+01:00")]
    [TestCase("9999-12-31T23:59:59-01:00")]
    [TestCase("2023-03-02T10:27.5Z")]
    [TestCase("2023-03-02T10:27:09.Z")]
    [TestCase("2023-03-02T10:27:09.1234567890Z")]
    [TestCase("2023-03-02T10:27:09+07:0")]
    public void TextThatIsNotATimestampIsNotRead(string text)
    {
        Assert.That(OpnTimestampConverter.TryParse(text, out _), Is.False);
    }

    [TestCase("\"soon\"")]
    [TestCase("1677752829")]
    [TestCase("{\"at\":\"2023-03-02T10:27:09Z\"}")]
    public void UnreadableTimestampInAnUnusedFieldIsLeftNull(string value)
    {
        var charge = OpnTestData.ChargeIn("successful");
        charge["paid_at"] = JToken.Parse(value);
        charge["reversed_at"] = JToken.Parse(value);
        var json = EventWithDelivery("not a date at all");
        json["data"] = charge;

        var opnEvent = OpnJson.ParseEvent(json.ToString());

        Assert.That(opnEvent.WebhookDeliveries.Single().CreatedAt, Is.Null);
        Assert.That(opnEvent.WebhookDeliveries.Single().Id, Is.EqualTo("whdl_test_5xkcnbqcedcrkv1y3ac"), "the rest of the delivery is read");
        Assert.That(opnEvent.Charge.PaidAt, Is.Null);
        Assert.That(opnEvent.Charge.ReversedAt, Is.Null);
        Assert.That(opnEvent.Charge.Status, Is.EqualTo(OpnChargeStatuses.Successful));
    }

    #endregion

    #region Webhook deliveries

    [Test]
    public async Task EventWithWebhookDeliveriesInOpnsFormIsReadThroughTheClient()
    {
        var json = OpnTestData.Event(OpnEventKeys.ChargeComplete, OpnTestData.ChargeIn("successful"));
        json["webhook_deliveries"] = new JArray(
            new JObject
            {
                ["object"] = "webhook_delivery",
                ["id"] = "whdl_test_1",
                ["uri"] = "https://shop.example/Plugins/PaymentKma/Webhook",
                ["status"] = 404,
                ["key"] = "charge.complete",
                ["error"] = null,
                ["payload"] = "{\n  \"object\": \"event\",\n  \"webhook_deliveries\": [\n\n  ]\n}\n",
                ["created_at"] = "2023-03-02 10:27:09 UTC"
            },
            new JObject
            {
                ["object"] = "webhook_delivery",
                ["id"] = "whdl_test_2",
                ["uri"] = "https://shop.example/Plugins/PaymentKma/Webhook",
                ["status"] = null,
                ["key"] = "charge.complete",
                ["error"] = "connection refused",
                ["payload"] = "{}",
                ["created_at"] = "2023-03-02 10:28:09 UTC"
            });
        var list = new JObject
        {
            ["object"] = "list",
            ["data"] = new JArray(json),
            ["limit"] = 20,
            ["offset"] = 0,
            ["total"] = 1,
            ["location"] = "/charges/chrg_test_5xkcm7za6qgtfifwi34/events",
            ["order"] = "chronological",
            ["from"] = "1970-01-01T00:00:00Z",
            ["to"] = "2023-03-02T10:30:00Z"
        };
        var fixture = new OpnClientFixture();
        fixture.Handler.Respond(HttpStatusCode.OK, json.ToString()).Respond(HttpStatusCode.OK, list.ToString());

        var fetched = await fixture.Client.GetEventAsync(fixture.Credentials, "evnt_test_5xkcnbq1ydq0ej8vk0u");
        var listed = await fixture.Client.ListChargeEventsAsync(fixture.Credentials, "chrg_test_5xkcm7za6qgtfifwi34");

        foreach (var opnEvent in new[] { fetched, listed.Data.Single() })
        {
            Assert.That(opnEvent.Charge.Status, Is.EqualTo(OpnChargeStatuses.Successful));
            Assert.That(opnEvent.WebhookDeliveries, Has.Count.EqualTo(2));
            var first = opnEvent.WebhookDeliveries[0];
            Assert.That(first.CreatedAt, Is.EqualTo(Utc(2023, 3, 2, 10, 27, 9)));
            Assert.That(first.Status, Is.EqualTo(404));
            Assert.That(first.Key, Is.EqualTo("charge.complete"));
            Assert.That(first.Payload, Does.StartWith("{\n  \"object\": \"event\""));
            var second = opnEvent.WebhookDeliveries[1];
            Assert.That(second.Status, Is.Null);
            Assert.That(second.Error, Is.EqualTo("connection refused"));
            Assert.That(second.CreatedAt, Is.EqualTo(Utc(2023, 3, 2, 10, 28, 9)));
        }
    }

    [Test]
    public void WebhookDeliveriesOfUnexpectedShapesNeverMakeTheEventUnreadable()
    {
        var json = OpnTestData.Event(OpnEventKeys.ChargeComplete, OpnTestData.ChargeIn("successful"));
        json["webhook_deliveries"] = new JArray(
            "whdl_test_only_an_id",
            new JObject { ["id"] = "whdl_test_odd", ["status"] = "200 OK", ["payload"] = new JObject { ["object"] = "event" }, ["created_at"] = 1677752829 });

        var opnEvent = OpnJson.ParseEvent(json.ToString());

        Assert.That(opnEvent.Key, Is.EqualTo(OpnEventKeys.ChargeComplete));
        Assert.That(opnEvent.Charge.Paid, Is.True);
        Assert.That(opnEvent.WebhookDeliveries, Is.Empty, "a list that cannot be read keeps its empty default");

        json["webhook_deliveries"] = new JArray(json["webhook_deliveries"]![1]!);
        var odd = OpnJson.ParseEvent(json.ToString()).WebhookDeliveries.Single();
        Assert.That(odd.Id, Is.EqualTo("whdl_test_odd"));
        Assert.That(odd.Status, Is.Null);
        Assert.That(odd.Payload, Is.Null);
        Assert.That(odd.CreatedAt, Is.Null);

        json["webhook_deliveries"] = "none";
        Assert.That(OpnJson.ParseEvent(json.ToString()).WebhookDeliveries, Is.Empty);
    }

    #endregion

    #region Unused fields

    [Test]
    public void ChargeWithAnUnknownNestedObjectIsRead()
    {
        var json = OpnTestData.ChargeIn("successful");
        json["linked_account"] = new JObject { ["object"] = "linked_account", ["id"] = "lnac_test_1", ["bank"] = new JObject { ["code"] = "bay", ["branches"] = new JArray(1, 2) } };
        json["installment_plan"] = new JObject { ["object"] = "installment_plan", ["terms"] = new JArray(new JObject { ["months"] = 3 }) };
        json["source"]!["qr_settings"] = new JObject { ["image"] = new JObject { ["uri"] = "https://example.com/qr.png" } };

        var charge = OpnJson.ParseCharge(json.ToString());

        Assert.That(charge.IsSuccessful, Is.True);
        Assert.That(charge.Amount, Is.EqualTo(150000));
        Assert.That(charge.LinkedAccount?["bank"]?["code"]?.ToString(), Is.EqualTo("bay"), "kept raw");
        Assert.That(charge.Source.QrSettings?["image"]?["uri"]?.ToString(), Is.EqualTo("https://example.com/qr.png"));
    }

    [Test]
    public void NumberWhereAStringWasExpectedInAnUnusedFieldIsRead()
    {
        var json = OpnTestData.ChargeIn("successful");
        json["approval_code"] = 123456;
        json["merchant_advice_code"] = 3.5;
        json["funding_currency"] = 764;
        json["source"]!["store_name"] = true;
        json["transaction_fees"]!["fee_rate"] = 3.65;

        var charge = OpnJson.ParseCharge(json.ToString());

        Assert.That(charge.IsSuccessful, Is.True);
        Assert.That(charge.ApprovalCode, Is.EqualTo("123456"), "kept as its JSON text");
        Assert.That(charge.MerchantAdviceCode, Is.EqualTo("3.5"));
        Assert.That(charge.FundingCurrency, Is.EqualTo("764"));
        Assert.That(charge.Source.StoreName, Is.EqualTo("true"));
        Assert.That(charge.TransactionFees.FeeRate, Is.EqualTo("3.65"));
    }

    [Test]
    public void StringWhereAnObjectWasExpectedInAnUnusedFieldIsRead()
    {
        var json = OpnTestData.ChargeIn("successful");
        json["transaction_fees"] = "n/a";
        json["platform_fee"] = "none";
        json["refunds"] = "rfnd_test_1";
        json["card"] = "card_test_1";
        json["dispute"] = "dspt_test_1";
        json["source"]!["provider_references"] = "4K58jpBHjbtSA50R";

        var charge = OpnJson.ParseCharge(json.ToString());

        Assert.That(charge.IsSuccessful, Is.True);
        Assert.That(charge.Source.Type, Is.EqualTo("mobile_banking_bay"));
        Assert.That(charge.TransactionFees, Is.Null, "left null");
        Assert.That(charge.PlatformFee, Is.Null);
        Assert.That(charge.Refunds, Is.Null);
        Assert.That(charge.Source.ProviderReferences, Is.Null);
        Assert.That(charge.Card?.ToString(), Is.EqualTo("card_test_1"), "a raw field keeps whatever came");
        Assert.That(charge.Dispute?.ToString(), Is.EqualTo("dspt_test_1"));
    }

    [Test]
    public void OtherOddValuesInUnusedFieldsAreLeftNull()
    {
        var json = OpnTestData.ChargeIn("successful");
        json["fee"] = "ten baht";
        json["net"] = 1.5;
        json["refunded_amount"] = JToken.Parse("99999999999999999999");
        json["zero_interest_installments"] = "maybe";
        json["refundable"] = new JArray();
        json["platform_fee"]!["percentage"] = "high";
        json["refunds"]!["data"] = new JArray("rfnd_test_1", 5);
        json["source"]!["installment_term"] = new JObject();
        json["source"]!["items"] = "none";

        var charge = OpnJson.ParseCharge(json.ToString());

        Assert.That(charge.IsSuccessful, Is.True);
        Assert.That(charge.Fee, Is.Null);
        Assert.That(charge.Net, Is.Null);
        Assert.That(charge.RefundedAmount, Is.Null, "out of range");
        Assert.That(charge.ZeroInterestInstallments, Is.Null);
        Assert.That(charge.Refundable, Is.False);
        Assert.That(charge.PlatformFee.Percentage, Is.Null);
        Assert.That(charge.Refunds, Is.Null, "refunds is unused: a list it cannot read is dropped whole");
        Assert.That(charge.Source.InstallmentTerm, Is.Null);
        Assert.That(charge.Source.Items?.ToString(), Is.EqualTo("none"));
    }

    [Test]
    public void UnusedFieldsOfAccountAndCapabilityAreTolerant()
    {
        var account = OpnJson.ParseAccount("""
            {"object":"account","id":"acct_test_1","livemode":false,"country":"TH","currency":"THB","email":"shop@example.com",
             "supported_currencies":"THB","chaining_allowed":"yes","transfer_config":{"fee":"30.00"},"metadata_export_keys":{"charge":[]},
             "created_at":"2025-01-13 02:42:11 UTC","last_updated_api_version":20250113}
            """);
        var capability = OpnJson.ParseCapability("""
            {"object":"capability","country":"TH","banks":"bay","limits":{"charge_amount":{"min":"twenty","max":15000000},"transfer_amount":{"min":3000,"max":100000000000}},
             "payment_methods":[{"object":"payment_method","name":"mobile_banking_bay","currencies":["THB"],"card_brands":null,"installment_terms":"none","banks":[],"provider":5}]}
            """);

        Assert.That(account.Livemode, Is.False);
        Assert.That(account.SupportedCurrencies, Is.Empty);
        Assert.That(account.ChainingAllowed, Is.Null);
        Assert.That(account.TransferConfig?["fee"]?.ToString(), Is.EqualTo("30.00"));
        Assert.That(account.CreatedAt, Is.EqualTo(Utc(2025, 1, 13, 2, 42, 11)));
        Assert.That(account.LastUpdatedApiVersion, Is.EqualTo("20250113"));
        Assert.That(capability.Supports("mobile_banking_bay"), Is.True);
        Assert.That(capability.ChargeAmountMin, Is.Null);
        Assert.That(capability.ChargeAmountMax, Is.EqualTo(15000000));
        Assert.That(capability.Limits.TransferAmount.Max, Is.EqualTo(100000000000));
        Assert.That(capability.GetPaymentMethod("mobile_banking_bay").Provider, Is.EqualTo("5"));
    }

    #endregion

    #region Money fields stay strict

    private static IEnumerable<TestCaseData> WrongMoneyFields()
    {
        TestCaseData Case(string name, Action<JObject> change, string path, string reason) =>
            new TestCaseData(change, path, reason).SetName(name);

        yield return Case("AmountAsString", json => json["amount"] = "150000", "amount", "not an integer");
        yield return Case("AmountAsFraction", json => json["amount"] = 1500.5, "amount", "not an integer");
        yield return Case("AmountAsBoolean", json => json["amount"] = true, "amount", "not an integer");
        yield return Case("AmountAsObject", json => json["amount"] = new JObject { ["satang"] = 150000 }, "amount", "not an integer");
        yield return Case("AmountTooLarge", json => json["amount"] = JToken.Parse("99999999999999999999"), "amount", "out of range");
        yield return Case("StatusAsNumber", json => json["status"] = 1, "status", "not a string");
        yield return Case("StatusAsBoolean", json => json["status"] = true, "status", "not a string");
        yield return Case("StatusAsObject", json => json["status"] = new JObject { ["value"] = "successful" }, "status", "not a string");
        yield return Case("PaidAsString", json => json["paid"] = "true", "paid", "not true or false");
        yield return Case("LivemodeAsNumber", json => json["livemode"] = 0, "livemode", "not true or false");
        yield return Case("CurrencyAsNumber", json => json["currency"] = 764, "currency", "not a string");
        yield return Case("IdAsNumber", json => json["id"] = 42, "id", "not a string");
        yield return Case("ObjectAsList", json => json["object"] = new JArray("charge"), "object", "not a string");
        yield return Case("SourceAsString", json => json["source"] = "src_test_1", "source", "not an object");
        yield return Case("SourceTypeAsNumber", json => json["source"]!["type"] = 5, "source.type", "not a string");
        yield return Case("SourceAmountAsString", json => json["source"]!["amount"] = "150000", "source.amount", "not an integer");
        yield return Case("MetadataAsString", json => json["metadata"] = "order_guid=1", "metadata", "not an object");
        yield return Case("MetadataAsList", json => json["metadata"] = new JArray(), "metadata", "not an object");
        yield return Case("ExpiresAtNotADate", json => json["expires_at"] = "in fifteen minutes", "expires_at", "not a date");
        yield return Case("ExpiresAtAsNumber", json => json["expires_at"] = 1698335249, "expires_at", "not a date");
    }

    [TestCaseSource(nameof(WrongMoneyFields))]
    public void WrongTypeInAMoneyFieldIsRefusedWithItsPath(Action<JObject> change, string path, string reason)
    {
        var json = OpnTestData.ChargeIn("successful");
        change(json);

        var exception = Assert.Throws<OpnJsonException>(() => OpnJson.ParseCharge(json.ToString()));

        Assert.That(exception.Message, Is.EqualTo($"{path}: {reason}"));
        Assert.That(exception.Path, Is.EqualTo(path));
        Assert.That(exception.Reason, Is.EqualTo(reason));
    }

    [Test]
    public void WrongTypeInAChargeOfASearchIsRefusedWithTheFullPath()
    {
        var charge = OpnTestData.ChargeIn("pending");
        charge["amount"] = "150000";
        var search = new JObject { ["object"] = "search", ["data"] = new JArray(OpnTestData.ChargeIn("pending"), charge) };

        var exception = Assert.Throws<OpnJsonException>(() => OpnJson.Deserialize<OpnSearchResult<OpnCharge>>(search.ToString()));

        Assert.That(exception.Message, Is.EqualTo("data[1].amount: not an integer"));
    }

    [Test]
    public void NullInAMoneyFieldKeepsTheDefault()
    {
        var json = OpnTestData.ChargeIn("pending");
        json["metadata"] = null;
        json["expires_at"] = null;

        var charge = OpnJson.ParseCharge(json.ToString());

        Assert.That(charge.Metadata, Is.Empty);
        Assert.That(charge.ExpiresAt, Is.Null);
    }

    #endregion

    #region Messages and log lines

    [TestCase("amount", "\"{0}\"", "amount: not an integer")]
    [TestCase("status", "{{\"v\":\"{0}\"}}", "status: not a string")]
    [TestCase("expires_at", "\"{0}\"", "expires_at: not a date")]
    public void UnreadableBodyNamesThePathAndReasonButNeitherTheBodyNorTheKey(string field, string valueTemplate, string expected)
    {
        var json = OpnTestData.ChargeIn("pending").ToString();
        //the value carries the secret key and a marker: neither may be quoted
        var value = string.Format(CultureInfo.InvariantCulture, valueTemplate, "MARKER-" + OpnClientFixture.SecretKey);
        var body = JObject.Parse(json);
        body[field] = JToken.Parse(value);
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(HttpStatusCode.OK, body.ToString());

        var exception = Assert.ThrowsAsync<OpnTransportException>(() => fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_5xkcm7za6qgtfifwi34"));

        Assert.That(exception.IsUnreadableResponse, Is.True);
        Assert.That(exception.Message, Does.Contain($"({expected})"));
        Assert.That(exception.ToString(), Does.Not.Contain("MARKER"));
        Assert.That(exception.ToString(), Does.Not.Contain(OpnClientFixture.SecretKey));
    }

    [Test]
    public void APropertyNamedLikeTheKeyIsRedactedFromThePath()
    {
        //malformed JSON right after a property whose name is the key: the reader's path would end with that name
        var body = $$"""{"object":"charge","{{OpnClientFixture.SecretKey}}": tru""";
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(HttpStatusCode.OK, body);

        var exception = Assert.ThrowsAsync<OpnTransportException>(() => fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_1"));

        Assert.That(exception.Message, Does.Contain("not valid JSON"));
        Assert.That(exception.ToString(), Does.Not.Contain(OpnClientFixture.SecretKey));
    }

    [TestCase("", "(body): empty")]
    [TestCase("null", "(body): JSON null")]
    [TestCase("{\"object\":\"charge\"} {}", "(body): not valid JSON")]
    [TestCase("{\"object\":\"refund\",\"id\":\"rfnd_test_1\"}", "object: not charge")]
    [TestCase("<html>502</html>", "(body): not valid JSON")]
    public void WholeBodyFailuresAreNamedToo(string body, string expected)
    {
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(HttpStatusCode.OK, body);

        var exception = Assert.ThrowsAsync<OpnTransportException>(() => fixture.Client.GetChargeAsync(fixture.Credentials, "chrg_test_1"));

        Assert.That(exception.Message, Does.EndWith($"({expected})."));
    }

    [Test]
    public async Task SyncLogLineNamesThePathOfAnUnreadableCharge()
    {
        var harness = new SyncHarness();
        var order = harness.AddOrder(1, "chrg_test_5xkcm7za6qgtfifwi34");
        var body = OpnTestData.ChargeIn("successful");
        body["source"]!["type"] = 7;
        var fixture = new OpnClientFixture();
        fixture.Handler.Always(HttpStatusCode.OK, body.ToString());

        var result = await harness.CreateService(opnClient: fixture.Client).SyncAsync(order);

        Assert.That(result.Outcome, Is.EqualTo(KmaSyncOutcome.Unavailable));
        Assert.That(harness.MarkPaidCalls, Is.Zero, "a charge that cannot be read never pays an order");
        var warning = harness.Warnings.Single();
        Assert.That(warning, Does.Contain("source.type: not a string"));
        Assert.That(warning, Does.Not.Contain(SyncHarness.Store1SecretKey));
        Assert.That(warning, Does.Not.Contain("mobile_banking"));
    }

    #endregion
}
