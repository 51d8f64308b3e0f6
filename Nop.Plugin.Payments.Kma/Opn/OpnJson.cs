using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Reads Opn's JSON. Unknown fields are ignored, nulls keep the model's defaults, dates are read as UTC and strings
/// are never turned into dates on the way (so metadata and raw event data stay as sent).
/// </summary>
public static class OpnJson
{
    #region Fields

    private static readonly JsonSerializerSettings _settings = new()
    {
        MissingMemberHandling = MissingMemberHandling.Ignore,
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        FloatParseHandling = FloatParseHandling.Decimal,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        TypeNameHandling = TypeNameHandling.None,
        MaxDepth = 64
    };

    #endregion

    #region Properties

    /// <summary>
    /// Gets the serializer every Opn object is read with
    /// </summary>
    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(_settings);

    #endregion

    #region Methods

    /// <summary>
    /// Reads an object of the given type
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON of the expected shape</exception>
    public static T Deserialize<T>(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new JsonReaderException("The body is empty.");

        using var stringReader = new StringReader(json);
        using var jsonReader = new JsonTextReader(stringReader);
        var value = Serializer.Deserialize<T>(jsonReader);
        if (value is null)
            throw new JsonReaderException("The body is JSON null.");

        //trailing content means the body is not a single JSON value
        while (jsonReader.Read())
        {
            if (jsonReader.TokenType != JsonToken.Comment)
                throw new JsonReaderException("Unexpected content after the JSON value.");
        }

        return value;
    }

    /// <summary>Reads a charge object</summary>
    public static OpnCharge ParseCharge(string json) => Deserialize<OpnCharge>(json);

    /// <summary>Reads a source object</summary>
    public static OpnSource ParseSource(string json) => Deserialize<OpnSource>(json);

    /// <summary>Reads an event object (a webhook body or GET /events/{id}); the charge in data is parsed too</summary>
    public static OpnEvent ParseEvent(string json) => Deserialize<OpnEvent>(json);

    /// <summary>Reads a capability object of either shape</summary>
    public static OpnCapability ParseCapability(string json) => Deserialize<OpnCapability>(json);

    /// <summary>Reads the account object</summary>
    public static OpnAccount ParseAccount(string json) => Deserialize<OpnAccount>(json);

    /// <summary>
    /// Reads an error object; null when the text is not an Opn error object
    /// </summary>
    public static OpnError TryParseError(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;

        try
        {
            var token = JToken.Parse(json, new JsonLoadSettings { CommentHandling = CommentHandling.Ignore });
            if (token is not JObject error)
                return null;

            var parsed = error.ToObject<OpnError>(Serializer);
            if (parsed is null || (parsed.Code is null && parsed.Message is null))
                return null;

            return parsed;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    #endregion
}

/// <summary>
/// Reads a flat string dictionary (metadata, search filters) tolerantly: numbers and booleans become their invariant
/// text, nested objects and arrays their compact JSON, null stays null
/// </summary>
public class OpnMetadataConverter : JsonConverter
{
    /// <inheritdoc />
    public override bool CanConvert(Type objectType)
    {
        return typeof(IDictionary<string, string>).IsAssignableFrom(objectType);
    }

    /// <inheritdoc />
    public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
    {
        var result = new Dictionary<string, string>();
        if (reader.TokenType == JsonToken.Null)
            return result;

        var token = JToken.Load(reader);
        if (token is not JObject values)
            return result;

        foreach (var property in values.Properties())
            result[property.Name] = ToText(property.Value);

        return result;
    }

    /// <inheritdoc />
    public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer)
    {
        writer.WriteStartObject();
        foreach (var pair in (IDictionary<string, string>)value ?? new Dictionary<string, string>())
        {
            writer.WritePropertyName(pair.Key);
            writer.WriteValue(pair.Value);
        }

        writer.WriteEndObject();
    }

    private static string ToText(JToken value)
    {
        return value switch
        {
            null => null,
            JValue { Type: JTokenType.Null or JTokenType.Undefined } => null,
            JValue { Type: JTokenType.String } text => (string)text,
            JValue { Type: JTokenType.Boolean } flag => (bool)flag ? "true" : "false",
            JValue primitive => Convert.ToString(primitive.Value, CultureInfo.InvariantCulture),
            _ => value.ToString(Formatting.None)
        };
    }
}
