using Newtonsoft.Json.Linq;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

/// <summary>
/// The guide's example objects and hand-made variants of them
/// </summary>
internal static class OpnTestData
{
    public const string SeedChargeFile = "seed-charge-mobile_banking_bay-pending.json";
    public const string SeedSourceFile = "seed-source-mobile_banking_bay.json";

    public static string Read(string fileName)
    {
        return File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", fileName));
    }

    public static string SeedChargeJson => Read(SeedChargeFile);

    public static string SeedSourceJson => Read(SeedSourceFile);

    public static JObject SeedCharge() => JObject.Parse(SeedChargeJson);

    /// <summary>
    /// The seed charge moved to another state the way Opn reports it
    /// </summary>
    public static JObject ChargeIn(string status, string failureCode = null, string id = "chrg_test_5xkcm7za6qgtfifwi34")
    {
        var charge = SeedCharge();
        charge["id"] = id;
        charge["status"] = status;
        charge["source"]!["charge_status"] = status;
        switch (status)
        {
            case "successful":
                charge["paid"] = true;
                charge["authorized"] = true;
                charge["transaction"] = "trxn_test_5xkcn2b3qxj1bqxadgz";
                charge["paid_at"] = "2023-10-26T15:49:02Z";
                break;
            case "failed":
                charge["failure_code"] = failureCode;
                charge["failure_message"] = $"message for {failureCode}";
                break;
            case "expired":
                charge["expired"] = true;
                charge["expired_at"] = "2023-10-26T16:02:29Z";
                charge["expires_at"] = "2023-10-26T16:02:29Z";
                break;
        }

        return charge;
    }

    /// <summary>
    /// The 2017-11-02 spelling: created instead of created_at, lower-case currency, refunded instead of refunded_amount
    /// </summary>
    public static JObject Charge20171102()
    {
        var charge = SeedCharge();
        charge.Remove("created_at");
        charge.Remove("refunded_amount");
        charge["created"] = "2023-10-26T15:47:29Z";
        charge["currency"] = "thb";
        charge["refunded"] = 0;
        var source = (JObject)charge["source"]!;
        source.Remove("created_at");
        source["created"] = "2023-10-26T15:47:27Z";
        source["currency"] = "thb";
        return charge;
    }

    public static JObject Event(string key, JToken data, string id = "evnt_test_5xkcnbq1ydq0ej8vk0u")
    {
        return new JObject
        {
            ["object"] = "event",
            ["id"] = id,
            ["livemode"] = false,
            ["location"] = $"/events/{id}",
            ["webhook_deliveries"] = new JArray(new JObject
            {
                ["object"] = "webhook_delivery",
                ["id"] = "whdl_test_5xkcnbqcedcrkv1y3ac",
                ["uri"] = "https://shop.example/Plugins/PaymentKma/Webhook",
                ["status"] = 200,
                ["key"] = key,
                ["error"] = null,
                ["payload"] = "{\"object\":\"event\"}",
                ["created_at"] = "2023-10-26T15:49:03Z"
            }),
            ["data"] = data,
            ["key"] = key,
            ["created_at"] = "2023-10-26T15:49:03Z",
            ["team_uid"] = "team_test_5xkcm1m5ldx2wjuwszv"
        };
    }

    public const string Capability2019 = """
        {
          "object": "capability",
          "location": "/capability",
          "banks": ["bay", "bbl", "kbank", "ktb", "scb"],
          "limits": {
            "charge_amount": { "min": 2000, "max": 15000000 },
            "transfer_amount": { "min": 3000 },
            "installment_amount": { "min": 300000 }
          },
          "payment_methods": [
            { "object": "payment_method", "name": "card", "currencies": ["THB", "USD"], "card_brands": ["Visa", "MasterCard"], "installment_terms": null, "banks": [], "provider": null },
            { "object": "payment_method", "name": "mobile_banking_bay", "currencies": ["THB"], "card_brands": null, "installment_terms": null, "banks": [], "provider": null },
            { "object": "payment_method", "name": "mobile_banking_scb", "currencies": ["THB"], "card_brands": null, "installment_terms": null, "banks": null, "provider": null }
          ],
          "country": "TH",
          "tokenization_methods": ["googlepay", "applepay"],
          "zero_interest_installments": false
        }
        """;

    public const string CapabilityLegacy = """
        {
          "object": "capability",
          "location": "/capability",
          "banks": ["test", "bay"],
          "payment_backends": [
            { "card": { "type": "card", "currencies": ["THB", "JPY"], "card_brands": ["Visa"], "installment_terms": null } },
            { "mobile_banking_bay": { "type": "mobile_banking", "currencies": ["THB"], "amount": { "min": 2000, "max": 15000000 } } },
            { "installment_bay": { "type": "installment", "currencies": ["THB"], "installment_terms": [3, 4, 6, 9, 10], "amount": { "min": 500000, "max": 100000000 } } }
          ],
          "limits": { "charge_amount": { "min": 2000, "max": 15000000 } },
          "zero_interest_installments": true
        }
        """;
}
