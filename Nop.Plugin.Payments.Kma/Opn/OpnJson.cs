using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Reads Opn's JSON. Unknown fields are ignored, nulls keep the model's defaults, dates are read as UTC and strings
/// are never turned into dates on the way (so metadata and raw event data stay as sent). Fields money decisions
/// rest on are strict, all others tolerant (see <see cref="OpnStrictAttribute"/>); every timestamp goes through
/// <see cref="OpnTimestampConverter"/>.
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
        ContractResolver = new OpnContractResolver(),
        MaxDepth = 64
    };

    private const int MAX_PATH_LENGTH = 120;

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
            throw new OpnJsonException(string.Empty, "empty");

        using var stringReader = new StringReader(json);
        using var jsonReader = new JsonTextReader(stringReader);
        var value = Serializer.Deserialize<T>(jsonReader);
        if (value is null)
            throw new OpnJsonException(string.Empty, "JSON null");

        //trailing content means the body is not a single JSON value
        while (jsonReader.Read())
        {
            if (jsonReader.TokenType != JsonToken.Comment)
                throw new OpnJsonException(string.Empty, "more than one JSON value");
        }

        return value;
    }

    /// <summary>
    /// Gets a JSON path as it is shown in messages: "(body)" for the whole body, at most 120 characters, and only
    /// the characters of Opn's field names, indexes and dots (anything else becomes "?")
    /// </summary>
    public static string FormatPath(string path)
    {
        if (string.IsNullOrEmpty(path))
            return "(body)";

        var shown = new char[Math.Min(path.Length, MAX_PATH_LENGTH)];
        for (var i = 0; i < shown.Length; i++)
        {
            var c = path[i];
            shown[i] = char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '[' or ']' or '-' ? c : '?';
        }

        return path.Length > MAX_PATH_LENGTH ? new string(shown) + "..." : new string(shown);
    }

    /// <summary>
    /// Says where and why a body could not be read, as "path: reason", without quoting the body
    /// </summary>
    /// <param name="exception">What reading the body threw</param>
    public static string DescribeReadFailure(Exception exception)
    {
        return exception switch
        {
            OpnJsonException refused => refused.Message,
            JsonReaderException reader => $"{FormatPath(reader.Path)}: not valid JSON",
            JsonSerializationException serialization => $"{FormatPath(serialization.Path)}: not of the expected JSON type",
            _ => $"(body): not of the expected shape ({exception?.GetType().Name})"
        };
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
