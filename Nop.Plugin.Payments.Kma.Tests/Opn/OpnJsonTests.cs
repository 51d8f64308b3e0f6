using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

[TestFixture]
public class OpnJsonTests
{
    private static DateTime Utc(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture,
        System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);

    [Test]
    public void SeedChargeIsReadCompletely()
    {
        var charge = OpnJson.ParseCharge(OpnTestData.SeedChargeJson);

        Assert.That(charge.Object, Is.EqualTo("charge"));
        Assert.That(charge.Id, Is.EqualTo("chrg_test_5xkcm7za6qgtfifwi34"));
        Assert.That(charge.Location, Is.EqualTo("/charges/chrg_test_5xkcm7za6qgtfifwi34"));
        Assert.That(charge.Livemode, Is.False);
        Assert.That(charge.Amount, Is.EqualTo(150000));
        Assert.That(charge.Currency, Is.EqualTo("THB"));
        Assert.That(charge.Status, Is.EqualTo(OpnChargeStatuses.Pending));
        Assert.That(charge.Paid, Is.False);
        Assert.That(charge.Expired, Is.False);
        Assert.That(charge.Authorized, Is.False);
        Assert.That(charge.Capture, Is.True);
        Assert.That(charge.Refundable, Is.False);
        Assert.That(charge.IsSuccessful, Is.False);
        Assert.That(charge.FailureCode, Is.Null);
        Assert.That(charge.Transaction, Is.Null);
        Assert.That(charge.Description, Is.Null);
        Assert.That(charge.AuthorizeUri, Is.EqualTo("https://pay.omise.co/payments/pay2_test_5xkcm7zc3nhc29qaehc/authorize"));
        Assert.That(charge.ReturnUri, Is.EqualTo("https://example.com/orders/345678/complete"));
        Assert.That(charge.CreatedAt, Is.EqualTo(Utc("2023-10-26T15:47:29Z")));
        Assert.That(charge.CreatedAt!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(charge.ExpiresAt, Is.EqualTo(Utc("2023-11-02T15:47:29Z")));
        Assert.That(charge.PaidAt, Is.Null);
        Assert.That(charge.ExpiredAt, Is.Null);
        Assert.That(charge.Net, Is.EqualTo(148930));
        Assert.That(charge.Fee, Is.EqualTo(1000));
        Assert.That(charge.FeeVat, Is.EqualTo(70));
        Assert.That(charge.Interest, Is.EqualTo(0));
        Assert.That(charge.FundingAmount, Is.EqualTo(150000));
        Assert.That(charge.FundingCurrency, Is.EqualTo("THB"));
        Assert.That(charge.RefundedAmount, Is.EqualTo(0));
        Assert.That(charge.TransactionFees.FeeFlat, Is.EqualTo("10.0"));
        Assert.That(charge.TransactionFees.VatRate, Is.EqualTo("7.0"));
        Assert.That(charge.PlatformFee, Is.Not.Null);
        Assert.That(charge.PlatformFee.Amount, Is.Null);
        Assert.That(charge.Refunds.Object, Is.EqualTo("list"));
        Assert.That(charge.Refunds.Location, Is.EqualTo("/charges/chrg_test_5xkcm7za6qgtfifwi34/refunds"));
        Assert.That(charge.Refunds.Order, Is.EqualTo("chronological"));
        Assert.That(charge.Refunds.To, Is.EqualTo(Utc("2023-10-26T15:47:29Z")));
        Assert.That(charge.Metadata, Is.Empty);

        var source = charge.Source;
        Assert.That(source.Object, Is.EqualTo("source"));
        Assert.That(source.Id, Is.EqualTo("src_test_5xkcm7ki2fbhu6c6ttu"));
        Assert.That(source.Type, Is.EqualTo(KmaDefaults.SourceType));
        Assert.That(source.Flow, Is.EqualTo(OpnFlows.AppRedirect));
        Assert.That(source.PlatformType, Is.EqualTo(OpnPlatformTypes.Ios));
        Assert.That(source.ChargeStatus, Is.EqualTo(OpnChargeStatuses.Pending));
        Assert.That(source.Amount, Is.EqualTo(150000));
        Assert.That(source.Currency, Is.EqualTo("THB"));
        Assert.That(source.CreatedAt, Is.EqualTo(Utc("2023-10-26T15:47:27Z")));
        Assert.That(source.ProviderReferences.ReferenceNumber1, Is.EqualTo("4K58jpBHjbtSA50R"));
        Assert.That(source.ProviderReferences.ReferenceNumber2, Is.Null);
        Assert.That(source.Items, Is.InstanceOf<JArray>());
    }

    [Test]
    public void SeedSourceIsRead()
    {
        var source = OpnJson.ParseSource(OpnTestData.SeedSourceJson);

        Assert.That(source.Id, Is.EqualTo("src_test_5xkcm7v8akb5xnepnkm"));
        Assert.That(source.Location, Is.EqualTo("/sources/src_test_5xkcm7v8akb5xnepnkm"));
        Assert.That(source.ChargeStatus, Is.EqualTo(OpnChargeStatuses.Unknown));
        Assert.That(source.Flow, Is.EqualTo("app_redirect"));
        Assert.That(source.ProviderReferences, Is.Null);
        Assert.That(source.CreatedAt, Is.EqualTo(Utc("2023-10-26T15:47:28Z")));
    }

    [Test]
    public void SuccessfulChargeIsPaid()
    {
        var charge = OpnJson.ParseCharge(OpnTestData.ChargeIn("successful").ToString());

        Assert.That(charge.Status, Is.EqualTo(OpnChargeStatuses.Successful));
        Assert.That(charge.Paid, Is.True);
        Assert.That(charge.IsSuccessful, Is.True);
        Assert.That(charge.Transaction, Is.EqualTo("trxn_test_5xkcn2b3qxj1bqxadgz"));
        Assert.That(charge.PaidAt, Is.EqualTo(Utc("2023-10-26T15:49:02Z")));
        Assert.That(charge.Source.ChargeStatus, Is.EqualTo("successful"));
    }

    [TestCase(OpnFailureCodes.PaymentExpired)]
    [TestCase(OpnFailureCodes.PaymentRejected)]
    [TestCase(OpnFailureCodes.FailedProcessing)]
    [TestCase(OpnFailureCodes.InvalidAccount)]
    [TestCase(OpnFailureCodes.InsufficientFund)]
    [TestCase("a_code_added_later")]
    public void FailedChargeKeepsItsFailureCode(string failureCode)
    {
        var charge = OpnJson.ParseCharge(OpnTestData.ChargeIn("failed", failureCode).ToString());

        Assert.That(charge.Status, Is.EqualTo(OpnChargeStatuses.Failed));
        Assert.That(charge.FailureCode, Is.EqualTo(failureCode));
        Assert.That(charge.FailureMessage, Is.EqualTo($"message for {failureCode}"));
        Assert.That(charge.Paid, Is.False);
        Assert.That(charge.IsSuccessful, Is.False);
    }

    [Test]
    public void ExpiredChargeIsRead()
    {
        var charge = OpnJson.ParseCharge(OpnTestData.ChargeIn("expired").ToString());

        Assert.That(charge.Status, Is.EqualTo(OpnChargeStatuses.Expired));
        Assert.That(charge.Expired, Is.True);
        Assert.That(charge.ExpiredAt, Is.EqualTo(Utc("2023-10-26T16:02:29Z")));
        Assert.That(charge.Source.ChargeStatus, Is.EqualTo("expired"));
    }

    [Test]
    public void UnknownStatusFlowAndPlatformAreKeptAsSent()
    {
        var json = OpnTestData.ChargeIn("on_hold_by_bank");
        json["source"]!["flow"] = "qr_redirect";
        json["source"]!["platform_type"] = "HARMONY";

        var charge = OpnJson.ParseCharge(json.ToString());

        Assert.That(charge.Status, Is.EqualTo("on_hold_by_bank"));
        Assert.That(charge.Source.Flow, Is.EqualTo("qr_redirect"));
        Assert.That(charge.Source.PlatformType, Is.EqualTo("HARMONY"));
    }

    [Test]
    public void UnknownFieldsAreIgnored()
    {
        var json = OpnTestData.SeedCharge();
        json["brand_new_field"] = new JObject { ["nested"] = new JArray(1, 2, 3) };
        json["source"]!["another_new_field"] = 12.5;

        var charge = OpnJson.ParseCharge(json.ToString());

        Assert.That(charge.Id, Is.EqualTo("chrg_test_5xkcm7za6qgtfifwi34"));
    }

    [Test]
    public void Version20171102ShapeIsRead()
    {
        var charge = OpnJson.ParseCharge(OpnTestData.Charge20171102().ToString());

        Assert.That(charge.CreatedAt, Is.EqualTo(Utc("2023-10-26T15:47:29Z")));
        Assert.That(charge.Source.CreatedAt, Is.EqualTo(Utc("2023-10-26T15:47:27Z")));
        Assert.That(charge.Currency, Is.EqualTo("thb"));
        Assert.That(charge.RefundedAmount, Is.EqualTo(0));
    }

    [Test]
    public void CreatedAtWinsOverCreatedWhicheverComesFirst()
    {
        var json = OpnTestData.SeedCharge();
        json.AddFirst(new JProperty("created", "2001-01-01T00:00:00Z"));

        var charge = OpnJson.ParseCharge(json.ToString());

        Assert.That(charge.CreatedAt, Is.EqualTo(Utc("2023-10-26T15:47:29Z")));
    }

    [Test]
    public void MetadataValuesOfAnyJsonTypeAreKeptAsText()
    {
        //raw text: a JObject round trip would already change 1.50 and the date
        var json = OpnTestData.SeedChargeJson.Replace("\"metadata\": {}", """
            "metadata": {"order_guid":"2f1b1f0e-9a43-4c59-8d55-6d2b0c1a7e11","order_id":1042,"paid_twice":false,"ratio":1.50,
             "when":"2023-10-26T15:47:29Z","nested":{"a":[1,2]},"empty":null}
            """);
        Assert.That(json, Does.Contain("\"ratio\":1.50"));

        var charge = OpnJson.ParseCharge(json);

        Assert.That(charge.GetMetadata("order_guid"), Is.EqualTo("2f1b1f0e-9a43-4c59-8d55-6d2b0c1a7e11"));
        Assert.That(charge.GetMetadata("order_id"), Is.EqualTo("1042"));
        Assert.That(charge.GetMetadata("paid_twice"), Is.EqualTo("false"));
        Assert.That(charge.GetMetadata("ratio"), Is.EqualTo("1.50"));
        Assert.That(charge.GetMetadata("when"), Is.EqualTo("2023-10-26T15:47:29Z"), "a date-like string stays as sent");
        Assert.That(charge.GetMetadata("nested"), Is.EqualTo("{\"a\":[1,2]}"));
        Assert.That(charge.Metadata.ContainsKey("empty"), Is.True);
        Assert.That(charge.GetMetadata("empty"), Is.Null);
        Assert.That(charge.GetMetadata("missing"), Is.Null);
    }

    [Test]
    public void NullCollectionsKeepTheirEmptyDefaults()
    {
        var json = OpnTestData.SeedCharge();
        json["metadata"] = null;

        var charge = OpnJson.ParseCharge(json.ToString());

        Assert.That(charge.Metadata, Is.Not.Null.And.Empty);
    }

    [Test]
    public void ChargeCompleteEventCarriesTheFullCharge()
    {
        var json = OpnTestData.Event(OpnEventKeys.ChargeComplete, OpnTestData.ChargeIn("successful"));

        var opnEvent = OpnJson.ParseEvent(json.ToString());

        Assert.That(opnEvent.Object, Is.EqualTo("event"));
        Assert.That(opnEvent.Id, Is.EqualTo("evnt_test_5xkcnbq1ydq0ej8vk0u"));
        Assert.That(opnEvent.Location, Is.EqualTo("/events/evnt_test_5xkcnbq1ydq0ej8vk0u"));
        Assert.That(opnEvent.Key, Is.EqualTo(OpnEventKeys.ChargeComplete));
        Assert.That(opnEvent.CreatedAt, Is.EqualTo(Utc("2023-10-26T15:49:03Z")));
        Assert.That(opnEvent.TeamUid, Is.EqualTo("team_test_5xkcm1m5ldx2wjuwszv"));
        Assert.That(opnEvent.DataObject, Is.EqualTo("charge"));
        Assert.That(opnEvent.DataId, Is.EqualTo("chrg_test_5xkcm7za6qgtfifwi34"));
        Assert.That(opnEvent.IsDataDeleted, Is.False);
        Assert.That(opnEvent.Charge, Is.Not.Null);
        Assert.That(opnEvent.Charge.Status, Is.EqualTo(OpnChargeStatuses.Successful));
        Assert.That(opnEvent.Charge.Paid, Is.True);
        Assert.That(opnEvent.Charge.Amount, Is.EqualTo(150000));
        Assert.That(opnEvent.Charge.CreatedAt, Is.EqualTo(Utc("2023-10-26T15:47:29Z")));
        Assert.That(opnEvent.Charge.Source.Type, Is.EqualTo("mobile_banking_bay"));
        Assert.That(opnEvent.Data.Value<string>("created_at"), Is.EqualTo("2023-10-26T15:47:29Z"), "raw data keeps its strings");

        var delivery = opnEvent.WebhookDeliveries.Single();
        Assert.That(delivery.Id, Is.EqualTo("whdl_test_5xkcnbqcedcrkv1y3ac"));
        Assert.That(delivery.Status, Is.EqualTo(200));
        Assert.That(delivery.Uri, Is.EqualTo("https://shop.example/Plugins/PaymentKma/Webhook"));
        Assert.That(delivery.Payload, Is.EqualTo("{\"object\":\"event\"}"));
    }

    [Test]
    public void DeletedDataEventHasNoCharge()
    {
        var stub = new JObject { ["object"] = "charge", ["id"] = "chrg_test_gone", ["livemode"] = false, ["deleted"] = true };
        var json = OpnTestData.Event(OpnEventKeys.ChargeUpdate, stub);

        var opnEvent = OpnJson.ParseEvent(json.ToString());

        Assert.That(opnEvent.IsDataDeleted, Is.True);
        Assert.That(opnEvent.DataObject, Is.EqualTo("charge"));
        Assert.That(opnEvent.DataId, Is.EqualTo("chrg_test_gone"));
        Assert.That(opnEvent.Charge, Is.Null);
    }

    [Test]
    public void UnreadableChargeInDataLeavesTheEventReadable()
    {
        var charge = OpnTestData.ChargeIn("successful");
        charge["amount"] = "one hundred";

        var opnEvent = OpnJson.ParseEvent(OpnTestData.Event(OpnEventKeys.ChargeComplete, charge).ToString());

        Assert.That(opnEvent.Key, Is.EqualTo(OpnEventKeys.ChargeComplete));
        Assert.That(opnEvent.DataId, Is.EqualTo("chrg_test_5xkcm7za6qgtfifwi34"));
        Assert.That(opnEvent.Charge, Is.Null);
    }

    [Test]
    public void EventAboutAnotherObjectHasNoCharge()
    {
        var refund = new JObject { ["object"] = "refund", ["id"] = "rfnd_test_1", ["amount"] = 100, ["charge"] = "chrg_test_1" };

        var opnEvent = OpnJson.ParseEvent(OpnTestData.Event("refund.create", refund).ToString());

        Assert.That(opnEvent.DataObject, Is.EqualTo("refund"));
        Assert.That(opnEvent.Charge, Is.Null);
    }

    [Test]
    public void Version20171102EventIsRead()
    {
        var json = OpnTestData.Event(OpnEventKeys.ChargeComplete, OpnTestData.Charge20171102());
        json.Remove("created_at");
        json["created"] = "2023-10-26T15:49:03Z";

        var opnEvent = OpnJson.ParseEvent(json.ToString());

        Assert.That(opnEvent.CreatedAt, Is.EqualTo(Utc("2023-10-26T15:49:03Z")));
        Assert.That(opnEvent.Charge.CreatedAt, Is.EqualTo(Utc("2023-10-26T15:47:29Z")));
        Assert.That(opnEvent.Charge.Currency, Is.EqualTo("thb"));
    }

    [Test]
    public void ListOfEventsParsesEachCharge()
    {
        var list = new JObject
        {
            ["object"] = "list",
            ["data"] = new JArray(
                OpnTestData.Event(OpnEventKeys.ChargeCreate, OpnTestData.ChargeIn("pending"), "evnt_test_1"),
                OpnTestData.Event(OpnEventKeys.ChargeComplete, OpnTestData.ChargeIn("failed", OpnFailureCodes.PaymentRejected), "evnt_test_2")),
            ["limit"] = 20,
            ["offset"] = 0,
            ["total"] = 2,
            ["location"] = "/charges/chrg_test_5xkcm7za6qgtfifwi34/events",
            ["order"] = "chronological",
            ["from"] = "1970-01-01T00:00:00Z",
            ["to"] = "2023-10-26T16:00:00Z"
        };

        var events = OpnJson.Deserialize<OpnList<OpnEvent>>(list.ToString());

        Assert.That(events.Total, Is.EqualTo(2));
        Assert.That(events.Limit, Is.EqualTo(20));
        Assert.That(events.Location, Is.EqualTo("/charges/chrg_test_5xkcm7za6qgtfifwi34/events"));
        Assert.That(events.From, Is.EqualTo(Utc("1970-01-01T00:00:00Z")));
        Assert.That(events.Data.Select(item => item.Charge.Status), Is.EqualTo(new[] { "pending", "failed" }));
        Assert.That(events.Data[1].Charge.FailureCode, Is.EqualTo(OpnFailureCodes.PaymentRejected));
    }

    [Test]
    public void Capability2019ShapeIsNormalised()
    {
        var capability = OpnJson.ParseCapability(OpnTestData.Capability2019);

        Assert.That(capability.Object, Is.EqualTo("capability"));
        Assert.That(capability.Country, Is.EqualTo("TH"));
        Assert.That(capability.Banks, Does.Contain("bay"));
        Assert.That(capability.PaymentMethods.Select(method => method.Name),
            Is.EqualTo(new[] { "card", "mobile_banking_bay", "mobile_banking_scb" }));
        Assert.That(capability.Supports("mobile_banking_bay"), Is.True);
        Assert.That(capability.Supports("mobile_banking_bay", "USD"), Is.False);
        Assert.That(capability.Supports("mobile_banking_kbank"), Is.False);
        Assert.That(capability.ChargeAmountMin, Is.EqualTo(2000));
        Assert.That(capability.ChargeAmountMax, Is.EqualTo(15000000));
        Assert.That(capability.Limits.TransferAmount.Min, Is.EqualTo(3000));
        Assert.That(capability.GetPaymentMethod("card").CardBrands, Does.Contain("Visa"));
        Assert.That(capability.GetPaymentMethod("mobile_banking_bay").CardBrands, Is.Empty, "null keeps the empty default");
        Assert.That(capability.TokenizationMethods, Does.Contain("applepay"));
    }

    [Test]
    public void CapabilityLegacyShapeIsNormalised()
    {
        var capability = OpnJson.ParseCapability(OpnTestData.CapabilityLegacy);

        Assert.That(capability.PaymentMethods.Select(method => method.Name),
            Is.EqualTo(new[] { "card", "mobile_banking_bay", "installment_bay" }));
        var bay = capability.GetPaymentMethod("mobile_banking_bay");
        Assert.That(bay.Type, Is.EqualTo("mobile_banking"));
        Assert.That(bay.Currencies, Is.EqualTo(new[] { "THB" }));
        Assert.That(bay.Amount.Min, Is.EqualTo(2000));
        Assert.That(bay.Amount.Max, Is.EqualTo(15000000));
        Assert.That(capability.Supports("mobile_banking_bay"), Is.True);
        Assert.That(capability.Supports("card", "JPY"), Is.True);
        Assert.That(capability.Supports("mobile_banking_scb"), Is.False);
        Assert.That(capability.ChargeAmountMin, Is.EqualTo(2000));
        Assert.That(capability.ChargeAmountMax, Is.EqualTo(15000000));
        Assert.That(capability.ZeroInterestInstallments, Is.True);
    }

    [Test]
    public void CapabilityWithoutMethodsSupportsNothing()
    {
        var capability = OpnJson.ParseCapability("""{"object":"capability","country":"TH"}""");

        Assert.That(capability.PaymentMethods, Is.Empty);
        Assert.That(capability.Supports("mobile_banking_bay"), Is.False);
        Assert.That(capability.ChargeAmountMin, Is.Null);
    }

    [Test]
    public void AccountIsRead()
    {
        var account = OpnJson.ParseAccount("""
            {"object":"account","id":"acct_test_5xkcm1m5j4z3p7q8r9s","livemode":false,"location":"/account","email":"shop@example.com",
             "country":"TH","currency":"THB","team":"team_test_1","api_version":"2019-05-29","supported_currencies":["THB","USD"],
             "webhook_uri":"https://shop.example/Plugins/PaymentKma/Webhook","zero_interest_installments":false,
             "metadata_export_keys":{},"created_at":"2020-01-01T00:00:00Z"}
            """);

        Assert.That(account.Id, Is.EqualTo("acct_test_5xkcm1m5j4z3p7q8r9s"));
        Assert.That(account.Email, Is.EqualTo("shop@example.com"));
        Assert.That(account.Country, Is.EqualTo("TH"));
        Assert.That(account.Currency, Is.EqualTo("THB"));
        Assert.That(account.ApiVersion, Is.EqualTo("2019-05-29"));
        Assert.That(account.SupportedCurrencies, Is.EqualTo(new[] { "THB", "USD" }));
        Assert.That(account.CreatedAt, Is.EqualTo(Utc("2020-01-01T00:00:00Z")));
    }

    [Test]
    public void SearchResultIsRead()
    {
        var search = new JObject
        {
            ["object"] = "search",
            ["order"] = "reverse_chronological",
            ["scope"] = "charge",
            ["query"] = "2f1b1f0e",
            ["filters"] = new JObject { ["status"] = "pending" },
            ["page"] = 1,
            ["per_page"] = 20,
            ["total"] = 1,
            ["total_pages"] = 1,
            ["location"] = "/search",
            ["data"] = new JArray(OpnTestData.ChargeIn("pending"))
        };

        var result = OpnJson.Deserialize<OpnSearchResult<OpnCharge>>(search.ToString());

        Assert.That(result.Object, Is.EqualTo("search"));
        Assert.That(result.Scope, Is.EqualTo("charge"));
        Assert.That(result.Filters["status"], Is.EqualTo("pending"));
        Assert.That(result.TotalPages, Is.EqualTo(1));
        Assert.That(result.Data.Single().Status, Is.EqualTo("pending"));
    }

    [TestCase("""{"object":"error","location":"https://www.omise.co/api-errors#not-found","code":"not_found","message":"charge chrg_test_x was not found"}""",
        "not_found", "charge chrg_test_x was not found", "https://www.omise.co/api-errors#not-found")]
    [TestCase("""{"object":"error","location":"https://www.omise.co/api-errors#authentication-failure","code":"authentication_failure","message":"authentication failed"}""",
        "authentication_failure", "authentication failed", "https://www.omise.co/api-errors#authentication-failure")]
    [TestCase("""{"object":"error","location":"https://www.omise.co/api-errors#invalid-charge","code":"invalid_charge","message":"amount must be an integer"}""",
        "invalid_charge", "amount must be an integer", "https://www.omise.co/api-errors#invalid-charge")]
    [TestCase("""{"object":"error","location":"https://www.omise.co/api-errors#failed-expire","code":"failed_expire","message":"charge cannot be expired"}""",
        "failed_expire", "charge cannot be expired", "https://www.omise.co/api-errors#failed-expire")]
    public void ErrorObjectIsRead(string json, string code, string message, string location)
    {
        var error = OpnJson.TryParseError(json);

        Assert.That(error.Object, Is.EqualTo("error"));
        Assert.That(error.Code, Is.EqualTo(code));
        Assert.That(error.Message, Is.EqualTo(message));
        Assert.That(error.Location, Is.EqualTo(location));
    }

    [TestCase("")]
    [TestCase("<html><body>502 Bad Gateway</body></html>")]
    [TestCase("[1,2]")]
    [TestCase("""{"object":"charge","id":"chrg_test_1"}""")]
    public void TextThatIsNotAnErrorObjectGivesNull(string text)
    {
        Assert.That(OpnJson.TryParseError(text), Is.Null);
    }

    [TestCase("")]
    [TestCase("null")]
    [TestCase("<html>gateway</html>")]
    [TestCase("""{"object":"charge","amount":"not a number"}""")]
    [TestCase("""{"object":"charge"} trailing""")]
    public void UnreadableChargeThrowsJsonException(string text)
    {
        Assert.That(() => OpnJson.ParseCharge(text), Throws.InstanceOf<JsonException>());
    }
}
