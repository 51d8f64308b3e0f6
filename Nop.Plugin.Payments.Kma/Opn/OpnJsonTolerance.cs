using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Marks a field that money decisions rest on (id, object, status, paid, amount, currency, livemode, source.type,
/// metadata, expires_at, and the objects that hold them): a value of the wrong JSON type there makes the whole answer
/// unreadable. Every other field is tolerant: a value of an unexpected type or format is kept raw or left as it was.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class OpnStrictAttribute : Attribute
{
}

/// <summary>
/// Represents a value in an Opn answer that a strict field cannot take; the message is "path: reason" and never
/// quotes the value
/// </summary>
public class OpnJsonException : JsonSerializationException
{
    /// <summary>Initializes the exception</summary>
    /// <param name="path">The JSON path of the value, for example "data[0].amount"</param>
    /// <param name="reason">Why the value was refused, for example "not an integer"</param>
    public OpnJsonException(string path, string reason)
        : base($"{OpnJson.FormatPath(path)}: {reason}", OpnJson.FormatPath(path), 0, 0, null)
    {
        Reason = reason;
    }

    /// <summary>Gets why the value was refused</summary>
    public string Reason { get; }

    /// <summary>Creates the exception for the value the reader stands at</summary>
    internal static OpnJsonException At(JsonReader reader, string reason) => new(reader.Path, reason);
}

/// <summary>
/// Gives every property of the Opn models its reading rule: <see cref="OpnStrictAttribute"/> properties strict,
/// all others tolerant, and every timestamp through <see cref="OpnTimestampConverter"/>
/// </summary>
public class OpnContractResolver : DefaultContractResolver
{
    /// <inheritdoc />
    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (property.Ignored || !property.Writable)
            return property;

        var strict = member.IsDefined(typeof(OpnStrictAttribute), true);
        property.Converter = new OpnFieldConverter(strict, property.Converter);

        return property;
    }
}

/// <summary>
/// Reads one property of an Opn model, strictly or tolerantly (see <see cref="OpnStrictAttribute"/>)
/// </summary>
internal sealed class OpnFieldConverter : JsonConverter
{
    #region Fields

    private static readonly OpnTimestampConverter _tolerantTimestamps = new(false);
    private static readonly OpnTimestampConverter _strictTimestamps = new(true);
    private static readonly ConcurrentDictionary<JsonContract, bool> _cannotRefuse = new();

    private readonly bool _strict;
    private readonly JsonConverter _inner;

    #endregion

    #region Ctor

    public OpnFieldConverter(bool strict, JsonConverter inner)
    {
        _strict = strict;
        _inner = inner;
    }

    #endregion

    #region Utilities

    /// <summary>Refuses the value (strict) or skips it and keeps the property as it was (tolerant)</summary>
    private object Refuse(JsonReader reader, object existingValue, string reason)
    {
        if (_strict)
            throw OpnJsonException.At(reader, reason);

        reader.Skip();
        return existingValue;
    }

    private static bool IsInteger(Type type) => type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte);

    private static string InvariantText(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)
    };

    private object ReadString(JsonReader reader, object existingValue)
    {
        return reader.TokenType switch
        {
            JsonToken.String => reader.Value,
            //a tolerant text field keeps a number or a boolean as its JSON text
            JsonToken.Integer or JsonToken.Float or JsonToken.Boolean when !_strict => InvariantText(reader.Value),
            _ => Refuse(reader, existingValue, "not a string")
        };
    }

    private object ReadInteger(JsonReader reader, Type type, object existingValue)
    {
        try
        {
            switch (reader.TokenType)
            {
                case JsonToken.Integer:
                    return Convert.ChangeType(reader.Value, type, CultureInfo.InvariantCulture);
                case JsonToken.Float when !_strict && reader.Value is decimal number && decimal.Truncate(number) == number:
                    return Convert.ChangeType(number, type, CultureInfo.InvariantCulture);
                case JsonToken.String when !_strict && long.TryParse((string)reader.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                    return Convert.ChangeType(parsed, type, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception exception) when (exception is OverflowException or InvalidCastException)
        {
            return Refuse(reader, existingValue, "out of range");
        }

        return Refuse(reader, existingValue, "not an integer");
    }

    private object ReadDecimal(JsonReader reader, object existingValue)
    {
        return reader.TokenType switch
        {
            JsonToken.Integer or JsonToken.Float => Convert.ToDecimal(reader.Value, CultureInfo.InvariantCulture),
            JsonToken.String when !_strict && decimal.TryParse((string)reader.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => Refuse(reader, existingValue, "not a number")
        };
    }

    private object ReadBoolean(JsonReader reader, object existingValue)
    {
        return reader.TokenType switch
        {
            JsonToken.Boolean => reader.Value,
            JsonToken.String when !_strict && bool.TryParse((string)reader.Value, out var parsed) => parsed,
            _ => Refuse(reader, existingValue, "not true or false")
        };
    }

    private object ReadToken(JsonReader reader, Type type, object existingValue)
    {
        var path = _strict ? reader.Path : null;
        var token = JToken.ReadFrom(reader);
        if (type.IsInstanceOfType(token))
            return token;

        if (_strict)
            throw new OpnJsonException(path, type == typeof(JArray) ? "not a list" : "not an object");

        return existingValue;
    }

    /// <summary>
    /// Gets whether reading the object can fail only on JSON that is not JSON: every one of its properties is
    /// tolerant, so nothing inside can refuse a value
    /// </summary>
    private static bool CannotRefuse(JsonContract contract)
    {
        return contract is JsonObjectContract objectContract
            && objectContract.Properties.All(property => property.Converter is OpnFieldConverter { IsStrict: false } || property.Ignored || !property.Writable);
    }

    /// <summary>
    /// Reads an object or list: strictly from the reader; tolerantly from a buffered copy (so a failure inside drops
    /// only this value) unless nothing inside can fail
    /// </summary>
    private object ReadComposite(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
    {
        var contract = serializer.ContractResolver.ResolveContract(objectType);
        var expectsList = contract is JsonArrayContract;
        var expected = expectsList ? JsonToken.StartArray : JsonToken.StartObject;
        if (reader.TokenType != expected)
            return Refuse(reader, existingValue, expectsList ? "not a list" : "not an object");

        if (_strict || (_inner is null && _cannotRefuse.GetOrAdd(contract, CannotRefuse)))
            return _inner is not null ? _inner.ReadJson(reader, objectType, existingValue, serializer) : serializer.Deserialize(reader, objectType);

        var token = JToken.ReadFrom(reader);
        try
        {
            if (_inner is null)
                return token.ToObject(objectType, serializer);

            using var tokenReader = token.CreateReader();
            tokenReader.Read();
            return _inner.ReadJson(tokenReader, objectType, existingValue, serializer);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            return existingValue;
        }
    }

    #endregion

    #region Methods

    /// <inheritdoc />
    public override bool CanConvert(Type objectType) => true;

    /// <summary>Gets a value indicating whether a value of the wrong type is an error</summary>
    public bool IsStrict => _strict;

    /// <inheritdoc />
    public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
    {
        //null keeps the model's default, in both modes
        if (reader.TokenType is JsonToken.Null or JsonToken.Undefined)
            return existingValue;

        var type = Nullable.GetUnderlyingType(objectType) ?? objectType;
        if (type == typeof(DateTime))
            return (_strict ? _strictTimestamps : _tolerantTimestamps).ReadJson(reader, objectType, existingValue, serializer);
        if (type == typeof(string))
            return ReadString(reader, existingValue);
        if (IsInteger(type))
            return ReadInteger(reader, type, existingValue);
        if (type == typeof(decimal))
            return ReadDecimal(reader, existingValue);
        if (type == typeof(bool))
            return ReadBoolean(reader, existingValue);
        if (typeof(JToken).IsAssignableFrom(type))
            return ReadToken(reader, type, existingValue);

        return ReadComposite(reader, objectType, existingValue, serializer);
    }

    /// <inheritdoc />
    public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer)
    {
        throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override bool CanWrite => false;

    #endregion
}
