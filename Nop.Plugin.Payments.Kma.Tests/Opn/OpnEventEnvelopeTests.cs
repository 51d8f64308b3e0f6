using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

[TestFixture]
public class OpnEventEnvelopeTests
{
    private const string ORDER_GUID = "6f1c8a43-1d8e-4f43-9a53-0b3f2a9d1c11";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static JObject CompleteEvent()
    {
        var charge = OpnTestData.ChargeIn(OpnChargeStatuses.Successful);
        charge["metadata"] = new JObject { ["order_guid"] = ORDER_GUID, ["order_id"] = "42", ["note"] = new JObject { ["deep"] = new JArray(1, 2) } };
        return OpnTestData.Event(OpnEventKeys.ChargeComplete, charge);
    }

    /// <summary>What a full JSON tree gives for the same fields: the reading the envelope must agree with</summary>
    private static (string Object, string Key, string DataObject, string DataId, string OrderGuid, string OrderId)? TreeReading(string json)
    {
        static string Text(JToken token) => token is JValue { Value: not null } value ? Convert.ToString(value.Value, CultureInfo.InvariantCulture) : null;

        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 32 };
        if (JToken.ReadFrom(reader) is not JObject root)
            return null;

        var data = root["data"] as JObject;
        var metadata = data?["metadata"] as JObject;
        return (Text(root["object"]), Text(root["key"]), Text(data?["object"]), Text(data?["id"]), Text(metadata?["order_guid"]), Text(metadata?["order_id"]));
    }

    private static (string, string, string, string, string, string)? EnvelopeReading(string json)
    {
        var envelope = OpnEventEnvelope.Read(Utf8(json));
        return envelope == null ? null : (envelope.Object, envelope.Key, envelope.DataObject, envelope.DataId, envelope.OrderGuid, envelope.OrderId);
    }

    [Test]
    public void ChargeCompleteEventGivesItsRoutingFields()
    {
        var envelope = OpnEventEnvelope.Read(Utf8(CompleteEvent().ToString()));

        Assert.That(envelope.Object, Is.EqualTo("event"));
        Assert.That(envelope.Key, Is.EqualTo("charge.complete"));
        Assert.That(envelope.DataObject, Is.EqualTo("charge"));
        Assert.That(envelope.DataId, Is.EqualTo("chrg_test_5xkcm7za6qgtfifwi34"));
        Assert.That(envelope.OrderGuid, Is.EqualTo(ORDER_GUID));
        Assert.That(envelope.OrderId, Is.EqualTo("42"));
    }

    [Test]
    public void EventWithoutMetadataHasNoOrderFields()
    {
        var json = CompleteEvent();
        ((JObject)json["data"]).Remove("metadata");

        var envelope = OpnEventEnvelope.Read(Utf8(json.ToString()));

        Assert.That(envelope.DataId, Is.EqualTo("chrg_test_5xkcm7za6qgtfifwi34"));
        Assert.That(envelope.OrderGuid, Is.Null);
        Assert.That(envelope.OrderId, Is.Null);
    }

    [TestCase("{\"object\":\"event\",\"key\":\"charge.complete\",\"data\":{\"object\":\"charge\",\"id\":\"chrg_1\",\"metadata\":{\"order_id\":42}}}")]
    [TestCase("{\"object\":\"event\",\"key\":\"charge.complete\",\"data\":{\"object\":\"charge\",\"id\":\"chrg_1\",\"metadata\":{\"order_id\":42.0,\"order_guid\":true}}}")]
    [TestCase("{\"object\":\"event\",\"key\":\"charge.complete\",\"data\":{\"object\":\"charge\",\"id\":\"chrg_1\",\"metadata\":{\"order_id\":null,\"order_guid\":[\"x\"]}}}")]
    [TestCase("{\"object\":\"event\",\"key\":\"charge.complete\",\"data\":{\"object\":\"charge\",\"id\":{\"nested\":\"chrg_1\"}}}")]
    [TestCase("{\"object\":\"event\",\"key\":\"charge.complete\",\"data\":[{\"object\":\"charge\",\"id\":\"chrg_1\"}]}")]
    [TestCase("{\"object\":\"event\",\"key\":\"charge.complete\",\"data\":\"chrg_1\"}")]
    [TestCase("{\"object\":\"event\",\"key\":\"charge.complete\",\"data\":{\"object\":\"charge\",\"id\":\"chrg_1\",\"metadata\":\"order_guid\"}}")]
    [TestCase("{\"key\":\"charge.complete\",\"object\":\"event\",\"data\":{\"metadata\":{\"order_guid\":\"g\"},\"id\":\"chrg_1\",\"object\":\"charge\"}}")]
    [TestCase("{\"object\":\"event\",\"object\":\"charge\",\"key\":\"charge.create\",\"key\":\"charge.complete\"}")]
    [TestCase("{\"object\":\"event\",\"data\":{\"object\":\"charge\",\"id\":\"chrg_1\",\"metadata\":{\"order_id\":\"1\"}},\"data\":{\"object\":\"refund\"}}")]
    [TestCase("{\"object\":\"event\",\"data\":{\"metadata\":{\"order_id\":\"1\"},\"metadata\":{\"order_guid\":\"g\"}}}")]
    [TestCase("{\"object\":\"event\",\"key\":12,\"data\":{\"object\":false,\"id\":-7}}")]
    [TestCase("{\"object\": /* here too */ \"event\", /* and here */ \"key\":\"charge.complete\",\"data\":{\"skip\": /* c */ [1,{\"a\":2}],\"id\":\"chrg_1\"}}")]
    [TestCase("{\"object\":\"event\",\"extra\":{\"a\":[[[{\"b\":null}]]]},\"key\":\"charge.complete\"} trailing text is not read")]
    [TestCase("{}")]
    [TestCase("[1,2,3]")]
    [TestCase("\"event\"")]
    [TestCase("null")]
    public void AgreesWithAJsonTree(string json)
    {
        Assert.That(EnvelopeReading(json), Is.EqualTo(TreeReading(json)));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("{\"object\":\"event\",")]
    [TestCase("{\"object\":\"event\",\"data\":{\"id\":\"chrg_1\"")]
    [TestCase("{\"object\":\"event\",\"skipped\":[1,2,}")]
    [TestCase("{\"object\":\"event\",\"skipped\":{\"a\" 1}}")]
    [TestCase("{object:event}")]
    [TestCase("{\"object\":'event\"}")]
    public void NotJsonThrowsAJsonException(string json)
    {
        Assert.That(() => OpnEventEnvelope.Read(Utf8(json)), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public void NestingDeeperThanTheLimitIsRefused()
    {
        var json = "{\"object\":\"event\",\"skipped\":" + new string('[', 40) + new string(']', 40) + "}";

        Assert.That(() => OpnEventEnvelope.Read(Utf8(json)), Throws.InstanceOf<JsonException>());
        Assert.That(OpnEventEnvelope.Read(Utf8(json), maxDepth: 64).Object, Is.EqualTo("event"));
    }

    [Test]
    public void InvalidUtf8IsRefused()
    {
        var body = Utf8("{\"object\":\"event\",\"key\":\"charge.complete\"}");
        body[12] = 0xFF;

        Assert.That(() => OpnEventEnvelope.Read(body), Throws.InstanceOf<DecoderFallbackException>());
    }

    [Test]
    public void ByteOrderMarkInFrontIsAllowed()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Utf8("{\"object\":\"event\",\"key\":\"charge.complete\"}")).ToArray();

        Assert.That(OpnEventEnvelope.Read(body).Key, Is.EqualTo("charge.complete"));
    }

    [Test]
    public void ThaiTextInSkippedFieldsIsRead()
    {
        var json = CompleteEvent();
        json["data"]!["description"] = "คำสั่งซื้อ #42 ร้านทดสอบ";

        Assert.That(OpnEventEnvelope.Read(Utf8(json.ToString(Formatting.None))).OrderGuid, Is.EqualTo(ORDER_GUID));
    }

    [Test]
    public void NullBodyIsAnArgumentError()
    {
        Assert.That(() => OpnEventEnvelope.Read(null), Throws.ArgumentNullException);
    }
}
