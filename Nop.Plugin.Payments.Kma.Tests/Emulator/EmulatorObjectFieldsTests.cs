using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Tests.Opn;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Emulator;

/// <summary>
/// Every object the emulator serves has exactly the fields listed in opn-object-fields.json (each cited where it was
/// seen in Opn's own answers), and the plugin's client reads each of them back field for field
/// </summary>
[TestFixture]
[Category("Integration")]
public class EmulatorObjectFieldsTests : EmulatorFixtureBase
{
    private const string FIELD_LIST = "opn-object-fields.json";

    private WebhookListener _listener;
    private FakeHttpClientFactory _factory;
    private OpnClient _client;
    private OpnCredentials _credentials;

    /// <summary>A clock that stands still, so an object read twice (raw, then through the client) is the same both times</summary>
    protected override EmulatorOptions CreateOptions()
    {
        var options = base.CreateOptions();
        options.TimeProvider = new FixedTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 27, 9, TimeSpan.Zero));
        return options;
    }

    [OneTimeSetUp]
    public void CreateClient()
    {
        _factory = new FakeHttpClientFactory(OpnClient.CreatePrimaryHandler());
        _client = new OpnClient(_factory, new OpnClientOptions { DelayAsync = (_, _) => Task.CompletedTask });
        _credentials = new OpnCredentials(Emulator.PublicKey, Emulator.SecretKey, Emulator.BaseAddress.ToString());
    }

    [SetUp]
    public async Task StartListenerAsync()
    {
        _listener = await WebhookListener.StartAsync();
        Emulator.ConfigureWebhooks(new[] { _listener.Url });
    }

    [TearDown]
    public async Task StopListenerAsync() => await _listener.DisposeAsync();

    #region Utilities

    private static JObject FieldList() =>
        JObject.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Emulator", FIELD_LIST)));

    private static JObject Parse(string json) =>
        JsonConvert.DeserializeObject<JObject>(json, new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });

    private async Task<JObject> GetRawAsync(OpnTestClient client, string path)
    {
        var response = await client.GetAsync(path);
        return Parse(response.Text);
    }

    /// <summary>
    /// A paid charge, an expired one and a pending one made from a separate source, with their events delivered
    /// </summary>
    private async Task<(string Paid, string Expired, string Pending, string SourceId, JObject CreatedSource)> MakeChargesAsync()
    {
        var paid = await _client.CreateChargeAsync(_credentials, OpnClientFixture.KmaRequest());
        Emulator.CompleteCharge(paid.Id);
        var expired = await _client.CreateChargeAsync(_credentials, OpnClientFixture.KmaRequest(200000));
        await _client.ExpireChargeAsync(_credentials, expired.Id);

        var source = Parse((await Public.PostFormAsync("sources", ("amount", "150000"), ("currency", "THB"), ("type", "mobile_banking_bay"), ("platform_type", "ANDROID"))).Text);
        var pending = Parse((await Secret.PostFormAsync("charges", ("amount", "150000"), ("currency", "THB"),
            ("return_uri", "https://shop.example/return"), ("source", source.Value<string>("id")), ("metadata[order_id]", "7"))).Text);

        //charge.create and charge.complete of the paid one, charge.create and charge.expire of the expired one, and the pending one's create
        await Emulator.WaitForDeliveriesAsync(delivery => true, 5);
        await WaitUntilAsync(() => !Emulator.HasPendingDeliveries, "every delivery is recorded");

        return (paid.Id, expired.Id, pending.Value<string>("id"), source.Value<string>("id"), source);
    }

    /// <summary>Every object the emulator serves, with the kind of the field list it must match</summary>
    private async Task<List<(string Kind, JObject Value, string Where)>> ServeEveryObjectAsync()
    {
        var (paid, expired, pending, sourceId, createdSource) = await MakeChargesAsync();
        var served = new List<(string, JObject, string)>();

        void AddCharge(JObject charge, string where)
        {
            served.Add(("charge", charge, where));
            served.Add(("transaction_fees", (JObject)charge["transaction_fees"], where + ".transaction_fees"));
            served.Add(("platform_fee", (JObject)charge["platform_fee"], where + ".platform_fee"));
            served.Add(("list", (JObject)charge["refunds"], where + ".refunds"));
            served.Add(("source", (JObject)charge["source"], where + ".source"));
            served.Add(("provider_references", (JObject)charge["source"]!["provider_references"], where + ".source.provider_references"));
        }

        void AddList(JObject list, string where, string itemKind)
        {
            served.Add(("list", list, where));
            Assert.That(list["data"], Is.Not.Empty, $"{where} has items");
            foreach (var (item, index) in list["data"]!.Cast<JObject>().Select((item, index) => (item, index)))
            {
                if (itemKind == "charge")
                    AddCharge(item, $"{where}.data[{index}]");
                else
                    AddEvent(item, $"{where}.data[{index}]");
            }
        }

        void AddEvent(JObject ev, string where)
        {
            served.Add(("event", ev, where));
            AddCharge((JObject)ev["data"], where + ".data");
            foreach (var delivery in ev["webhook_deliveries"]!.Cast<JObject>())
                served.Add(("webhook_delivery", delivery, where + ".webhook_deliveries[]"));
        }

        served.Add(("source", createdSource, "POST /sources"));
        served.Add(("source", await GetRawAsync(Secret, "sources/" + sourceId), "GET /sources/{id}"));
        AddCharge(Parse(Emulator.GetChargeJson(paid)), "GET /charges/{paid}");
        AddCharge(Parse(Emulator.GetChargeJson(expired)), "GET /charges/{expired}");
        AddCharge(Parse(Emulator.GetChargeJson(pending)), "GET /charges/{pending}");
        AddList(await GetRawAsync(Secret, "charges"), "GET /charges", "charge");
        AddList(await GetRawAsync(Secret, $"charges/{paid}/events"), "GET /charges/{id}/events", "event");
        var events = await GetRawAsync(Secret, "events");
        AddList(events, "GET /events", "event");
        AddEvent(await GetRawAsync(Secret, "events/" + events["data"]![0]!.Value<string>("id")), "GET /events/{id}");

        var search = await GetRawAsync(Secret, "search?scope=charge&query=" + paid);
        served.Add(("search", search, "GET /search"));
        foreach (var charge in search["data"]!.Cast<JObject>())
            AddCharge(charge, "GET /search.data[]");

        var account = await GetRawAsync(Secret, "account");
        served.Add(("account", account, "GET /account"));
        served.Add(("metadata_export_keys", (JObject)account["metadata_export_keys"], "GET /account.metadata_export_keys"));
        served.Add(("transfer_config", (JObject)account["transfer_config"], "GET /account.transfer_config"));

        var capability = await GetRawAsync(Public, "capability");
        served.Add(("capability", capability, "GET /capability"));
        served.Add(("limits", (JObject)capability["limits"], "GET /capability.limits"));
        foreach (var range in new[] { "charge_amount", "transfer_amount", "installment_amount" })
            served.Add((range, (JObject)capability["limits"]![range], "GET /capability.limits." + range));
        foreach (var method in capability["payment_methods"]!.Cast<JObject>())
            served.Add(("payment_method", method, "GET /capability.payment_methods[]"));

        served.Add(("error", await GetRawAsync(Secret, "charges/chrg_test_missing"), "GET /charges/{unknown}"));

        return served;
    }

    private static bool TryReadWrittenTimestamp(JToken token, out DateTime utc)
    {
        utc = default;
        if (token.Type != JTokenType.String)
            return false;

        //the emulator's two forms, read independently of the plugin's converter
        var text = (string)token;
        var parsed = DateTimeOffset.TryParseExact(text, new[] { "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd HH:mm:ss 'UTC'" },
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant);
        utc = instant.UtcDateTime;
        return parsed;
    }

    /// <summary>
    /// Every field the emulator wrote is a field of the client's model and holds the same value there
    /// </summary>
    private static void AssertReadBack(JToken written, JToken read, string path)
    {
        switch (written.Type)
        {
            case JTokenType.Object:
                Assert.That(read?.Type, Is.EqualTo(JTokenType.Object), $"{path} is read as an object");
                foreach (var property in ((JObject)written).Properties())
                {
                    Assert.That(((JObject)read).ContainsKey(property.Name), Is.True, $"{path}.{property.Name} is a field of the client's model");
                    AssertReadBack(property.Value, read[property.Name], $"{path}.{property.Name}");
                }

                break;
            case JTokenType.Array:
                Assert.That(read?.Type, Is.EqualTo(JTokenType.Array), $"{path} is read as a list");
                Assert.That(((JArray)read).Count, Is.EqualTo(((JArray)written).Count), $"{path} has every item");
                for (var i = 0; i < ((JArray)written).Count; i++)
                    AssertReadBack(written[i], read[i], $"{path}[{i}]");
                break;
            case JTokenType.Null:
                //a null list keeps the model's empty default
                Assert.That(read?.Type == JTokenType.Null || read is JArray { Count: 0 }, Is.True, $"{path} is read as null");
                break;
            default:
                //a raw field (event data, unused nested objects) keeps the text as written
                if (TryReadWrittenTimestamp(written, out var instant) && read?.Type != JTokenType.String)
                {
                    Assert.That(read?.Type, Is.EqualTo(JTokenType.Date), $"{path} is read as a timestamp");
                    Assert.That(((DateTime)read).ToUniversalTime(), Is.EqualTo(instant), path);
                }
                else
                    Assert.That(JToken.DeepEquals(written, read), Is.True, $"{path}: wrote {written.ToString(Formatting.None)}, read {read?.ToString(Formatting.None)}");

                break;
        }
    }

    /// <summary>The model as JSON, every declared field included (null too), dates as DateTime values</summary>
    private static JToken AsRead(object model)
    {
        var serializer = JsonSerializer.Create(new JsonSerializerSettings
        {
            NullValueHandling = NullValueHandling.Include,
            DateTimeZoneHandling = DateTimeZoneHandling.Utc,
            DateParseHandling = DateParseHandling.DateTime
        });
        var json = JToken.FromObject(model, serializer);

        //the capability's methods are read into PaymentMethods (a normalised list); payment_methods itself is not kept
        if (model is OpnCapability capability)
            json["payment_methods"] = JArray.FromObject(capability.PaymentMethods, serializer);

        return json;
    }

    private static void AssertEventReadBack(JObject written, OpnEvent read, string path)
    {
        AssertReadBack(written, AsRead(read), path);
        //data is kept raw; the charge in it is read too
        AssertReadBack(written["data"], AsRead(read.Charge), path + ".data as a charge");
    }

    #endregion

    [Test]
    public async Task EveryObjectHasExactlyTheListedFieldsInOrder()
    {
        var objects = (JObject)FieldList()["objects"];

        var served = await ServeEveryObjectAsync();

        Assert.Multiple(() =>
        {
            foreach (var (kind, value, where) in served)
            {
                Assert.That(objects.ContainsKey(kind), Is.True, $"{kind} is in {FIELD_LIST}");
                Assert.That(value.Properties().Select(property => property.Name),
                    Is.EqualTo(((JObject)objects[kind]).Properties().Select(property => property.Name)), $"{where}: the fields of {kind}");
            }

            Assert.That(objects.Properties().Select(property => property.Name), Is.SubsetOf(served.Select(item => item.Kind)),
                "every object of the list is served");
        });
    }

    [Test]
    public async Task EventsCarryWebhookDeliveriesInOpnsOwnForm()
    {
        var (paid, _, _, _, _) = await MakeChargesAsync();
        var events = await GetRawAsync(Secret, $"charges/{paid}/events");

        var deliveries = events["data"]!.SelectMany(ev => ev["webhook_deliveries"]!).Cast<JObject>().ToList();

        Assert.That(deliveries, Has.Count.EqualTo(2), "charge.create and charge.complete, one delivery each");
        foreach (var delivery in deliveries)
        {
            Assert.That(delivery.Value<string>("created_at"), Does.Match(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$"));
            Assert.That(delivery.Value<string>("uri"), Is.EqualTo(_listener.Url));
            Assert.That(delivery.Value<int>("status"), Is.EqualTo(200));
            Assert.That(delivery["error"]!.Type, Is.EqualTo(JTokenType.Null));
            var payload = Parse(delivery.Value<string>("payload"));
            Assert.That(payload.Value<string>("key"), Is.EqualTo(delivery.Value<string>("key")), "the payload is the event that was delivered");
            Assert.That(_listener.Received.Select(received => received.Body), Does.Contain(delivery.Value<string>("payload")), "byte for byte");
        }
    }

    [Test]
    public void EveryFieldCitesWhereItWasSeen()
    {
        var list = FieldList();
        var sources = (JObject)list["sources"];
        var guide = new Dictionary<string, JObject>
        {
            ["charge"] = OpnTestData.SeedCharge(),
            ["source"] = JObject.Parse(OpnTestData.SeedSourceJson),
            ["transaction_fees"] = (JObject)OpnTestData.SeedCharge()["transaction_fees"],
            ["platform_fee"] = (JObject)OpnTestData.SeedCharge()["platform_fee"],
            ["provider_references"] = (JObject)OpnTestData.SeedCharge()["source"]!["provider_references"],
            ["list"] = (JObject)OpnTestData.SeedCharge()["refunds"]
        };

        Assert.Multiple(() =>
        {
            foreach (var kind in ((JObject)list["objects"]).Properties())
            {
                foreach (var field in ((JObject)kind.Value).Properties())
                {
                    var cited = field.Value.Values<string>().ToList();
                    Assert.That(cited, Is.Not.Empty, $"{kind.Name}.{field.Name} cites a source");
                    Assert.That(cited, Is.SubsetOf(sources.Properties().Select(source => source.Name)), $"{kind.Name}.{field.Name} cites known sources");

                    //the guide's examples are in the test data, so those citations are checked both ways
                    if (guide.TryGetValue(kind.Name, out var example))
                        Assert.That(cited.Contains("guide"), Is.EqualTo(example.ContainsKey(field.Name)), $"{kind.Name}.{field.Name} is cited to the guide exactly when the guide has it");
                }

                if (guide.TryGetValue(kind.Name, out var seed))
                    Assert.That(seed.Properties().Select(property => property.Name), Is.SubsetOf(((JObject)kind.Value).Properties().Select(property => property.Name)),
                        $"every field of the guide's {kind.Name} is listed");
            }
        });
    }

    [Test]
    public async Task TheClientReadsBackEveryFieldTheEmulatorWrote()
    {
        var (paid, expired, pending, sourceId, createdSource) = await MakeChargesAsync();

        //through OpnClient wherever it has the call; the standalone source, GET /charges and GET /events through its reader
        await Assert.MultipleAsync(async () =>
        {
            AssertReadBack(createdSource, AsRead(OpnJson.ParseSource(createdSource.ToString())), "POST /sources");
            AssertReadBack(await GetRawAsync(Secret, "sources/" + sourceId), AsRead(OpnJson.ParseSource((await Secret.GetAsync("sources/" + sourceId)).Text)), "GET /sources/{id}");

            foreach (var id in new[] { paid, expired, pending })
                AssertReadBack(await GetRawAsync(Secret, "charges/" + id), AsRead(await _client.GetChargeAsync(_credentials, id)), $"GET /charges/{id}");

            var created = await _client.CreateChargeAsync(_credentials, OpnClientFixture.KmaRequest());
            AssertReadBack(Parse(Emulator.GetChargeJson(created.Id)), AsRead(created), "POST /charges");
            var expiredNow = await _client.ExpireChargeAsync(_credentials, created.Id);
            AssertReadBack(Parse(Emulator.GetChargeJson(created.Id)), AsRead(expiredNow), "POST /charges/{id}/expire");
            await WaitUntilAsync(() => !Emulator.HasPendingDeliveries, "every delivery is recorded");

            AssertReadBack(await GetRawAsync(Secret, "charges"), AsRead(OpnJson.Deserialize<OpnList<OpnCharge>>((await Secret.GetAsync("charges")).Text)), "GET /charges");

            var writtenEvents = await GetRawAsync(Secret, $"charges/{paid}/events");
            var readEvents = await _client.ListChargeEventsAsync(_credentials, paid);
            AssertReadBack(writtenEvents, AsRead(readEvents), "GET /charges/{id}/events");
            for (var i = 0; i < readEvents.Data.Count; i++)
                AssertEventReadBack((JObject)writtenEvents["data"]![i], readEvents.Data[i], $"GET /charges/{{id}}/events.data[{i}]");

            var allEvents = await GetRawAsync(Secret, "events");
            AssertReadBack(allEvents, AsRead(OpnJson.Deserialize<OpnList<OpnEvent>>(allEvents.ToString())), "GET /events");
            foreach (var ev in allEvents["data"]!.Cast<JObject>())
            {
                var id = ev.Value<string>("id");
                AssertEventReadBack(await GetRawAsync(Secret, "events/" + id), await _client.GetEventAsync(_credentials, id), $"GET /events/{id}");
            }

            AssertReadBack(await GetRawAsync(Secret, $"search?scope=charge&query={paid}&page=1&per_page=20"), AsRead(await _client.SearchChargesAsync(_credentials, paid)), "GET /search");
            AssertReadBack(await GetRawAsync(Secret, "account"), AsRead(await _client.GetAccountAsync(_credentials)), "GET /account");
            AssertReadBack(await GetRawAsync(Public, "capability"), AsRead(await _client.GetCapabilityAsync(_credentials)), "GET /capability");

            var error = await Secret.GetAsync("charges/chrg_test_missing");
            AssertReadBack(Parse(error.Text), AsRead(OpnJson.TryParseError(error.Text)), "GET /charges/{unknown}");
            var refused = Assert.ThrowsAsync<OpnApiException>(() => _client.GetChargeAsync(_credentials, "chrg_test_missing"));
            Assert.That(refused.Code, Is.EqualTo(Parse(error.Text).Value<string>("code")));
        });
    }
}
