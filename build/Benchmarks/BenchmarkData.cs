using Newtonsoft.Json.Linq;

namespace Nop.Plugin.Payments.Kma.Benchmarks;

/// <summary>
/// Inputs shared by the benchmarks
/// </summary>
public static class BenchmarkData
{
    /// <summary>Gets the KMA guide's example charge</summary>
    public static string SeedChargeJson { get; } =
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "seed-charge-mobile_banking_bay-pending.json"));

    /// <summary>Gets a charge.complete event carrying the seed charge, paid</summary>
    public static string ChargeCompleteEventJson { get; } = BuildEvent();

    private static string BuildEvent()
    {
        var charge = JObject.Parse(SeedChargeJson);
        charge["status"] = "successful";
        charge["paid"] = true;
        charge["transaction"] = "trxn_test_5xkcn2b3qxj1bqxadgz";
        charge["paid_at"] = "2023-10-26T15:49:02Z";

        return new JObject
        {
            ["object"] = "event",
            ["id"] = "evnt_test_5xkcnbq1ydq0ej8vk0u",
            ["livemode"] = false,
            ["location"] = "/events/evnt_test_5xkcnbq1ydq0ej8vk0u",
            ["webhook_deliveries"] = new JArray(),
            ["data"] = charge,
            ["key"] = "charge.complete",
            ["created_at"] = "2023-10-26T15:49:03Z"
        }.ToString();
    }
}
