using System.Buffers;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Represents the parts of an event that a webhook delivery is routed by: the event key, and from data the object
/// type, the id and the order metadata
/// </summary>
/// <remarks>
/// Read in one forward pass, without building the document, because every delivery is read this way before its
/// signature can be checked. The rest of the body is still read token by token, so it must be JSON too. The values
/// are as a JSON tree would give them: when a name repeats, the last one counts; a number or a boolean becomes its
/// invariant text; an object or array where a value is expected counts as absent.
/// </remarks>
public class OpnEventEnvelope
{
    #region Fields

    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly CharArrayPool _charPool = new();

    #endregion

    #region Utilities

    /// <summary>
    /// Moves to the next token that is not a comment
    /// </summary>
    private static void ReadToken(JsonTextReader reader)
    {
        do
        {
            if (!reader.Read())
                throw new JsonReaderException("Unexpected end of the body.");
        } while (reader.TokenType == JsonToken.Comment);
    }

    /// <summary>
    /// Skips the next value, however deeply nested
    /// </summary>
    private static void SkipValue(JsonTextReader reader)
    {
        ReadToken(reader);
        reader.Skip();
    }

    /// <summary>
    /// Reads the next value as text when it is a primitive; skips a nested value and returns null
    /// </summary>
    private static string ReadText(JsonTextReader reader)
    {
        ReadToken(reader);
        switch (reader.TokenType)
        {
            case JsonToken.StartObject:
            case JsonToken.StartArray:
            case JsonToken.StartConstructor:
                reader.Skip();
                return null;
            case JsonToken.String:
                return (string)reader.Value;
            default:
                return reader.Value is null ? null : Convert.ToString(reader.Value, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Reads the next value; returns whether it is an object, skipping it when it is not
    /// </summary>
    private static bool ReadStartObject(JsonTextReader reader)
    {
        ReadToken(reader);
        if (reader.TokenType == JsonToken.StartObject)
            return true;

        reader.Skip();
        return false;
    }

    /// <summary>
    /// Calls the action for each property of the object the reader stands at, with the reader on the property name;
    /// the action must consume the value
    /// </summary>
    private static void ReadProperties(JsonTextReader reader, Action<string> readValue)
    {
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonToken.PropertyName:
                    readValue((string)reader.Value);
                    break;
                case JsonToken.Comment:
                    break;
                case JsonToken.EndObject:
                    return;
                default:
                    throw new JsonReaderException($"Unexpected {reader.TokenType} in an object.");
            }
        }

        throw new JsonReaderException("Unexpected end of the body.");
    }

    private void ReadData(JsonTextReader reader)
    {
        //a repeated "data" replaces the earlier one, as in a JSON tree
        DataObject = DataId = OrderGuid = OrderId = null;
        if (!ReadStartObject(reader))
            return;

        ReadProperties(reader, name =>
        {
            switch (name)
            {
                case "object":
                    DataObject = ReadText(reader);
                    break;
                case "id":
                    DataId = ReadText(reader);
                    break;
                case "metadata":
                    ReadMetadata(reader);
                    break;
                default:
                    SkipValue(reader);
                    break;
            }
        });
    }

    private void ReadMetadata(JsonTextReader reader)
    {
        OrderGuid = OrderId = null;
        if (!ReadStartObject(reader))
            return;

        ReadProperties(reader, name =>
        {
            switch (name)
            {
                case OpnMetadataKeys.OrderGuid:
                    OrderGuid = ReadText(reader);
                    break;
                case OpnMetadataKeys.OrderId:
                    OrderId = ReadText(reader);
                    break;
                default:
                    SkipValue(reader);
                    break;
            }
        });
    }

    #endregion

    #region Methods

    /// <summary>
    /// Reads an event body
    /// </summary>
    /// <param name="utf8Json">The body as sent (UTF-8)</param>
    /// <param name="maxDepth">The deepest nesting accepted</param>
    /// <returns>The envelope, or null when the body is JSON but not an object</returns>
    /// <exception cref="JsonException">The body is not JSON</exception>
    /// <exception cref="DecoderFallbackException">The body is not valid UTF-8</exception>
    public static OpnEventEnvelope Read(byte[] utf8Json, int maxDepth = 32)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);

        var text = _strictUtf8.GetString(utf8Json);
        //a byte order mark is allowed in front, as a stream reader would skip it
        using var reader = new JsonTextReader(new StringReader(text.StartsWith('\uFEFF') ? text[1..] : text))
        {
            ArrayPool = _charPool,
            DateParseHandling = DateParseHandling.None,
            MaxDepth = maxDepth
        };

        ReadToken(reader);
        if (reader.TokenType != JsonToken.StartObject)
            return null;

        var envelope = new OpnEventEnvelope();
        ReadProperties(reader, name =>
        {
            switch (name)
            {
                case "object":
                    envelope.Object = ReadText(reader);
                    break;
                case "key":
                    envelope.Key = ReadText(reader);
                    break;
                case "data":
                    envelope.ReadData(reader);
                    break;
                default:
                    SkipValue(reader);
                    break;
            }
        });

        return envelope;
    }

    #endregion

    #region Properties

    /// <summary>Gets the "object" of the body; "event" for an event</summary>
    public string Object { get; private set; }

    /// <summary>Gets the event key, for example "charge.complete"</summary>
    public string Key { get; private set; }

    /// <summary>Gets the "object" of data, for example "charge"</summary>
    public string DataObject { get; private set; }

    /// <summary>Gets the id of data, for example the charge id</summary>
    public string DataId { get; private set; }

    /// <summary>Gets data.metadata.order_guid as text</summary>
    public string OrderGuid { get; private set; }

    /// <summary>Gets data.metadata.order_id as text</summary>
    public string OrderId { get; private set; }

    #endregion

    #region Nested classes

    /// <summary>
    /// Lends the reader its character buffers from the shared pool
    /// </summary>
    private sealed class CharArrayPool : IArrayPool<char>
    {
        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[] array) => ArrayPool<char>.Shared.Return(array);
    }

    #endregion
}
