using System.Globalization;
using Newtonsoft.Json;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Reads every Opn timestamp as a UTC <see cref="DateTime"/>. Opn writes them in two forms: ISO 8601 with "Z"
/// ("2023-10-26T15:47:29Z") on objects, and "2023-03-02 10:27:09 UTC" on webhook deliveries; any ISO 8601 variant
/// (offsets such as +07:00 or +0700, fractions, a space instead of "T") is read too, and a time without a zone is UTC.
/// </summary>
/// <remarks>
/// Tolerant (the default): a value that is not a timestamp leaves the property as it was. Strict: it is an
/// <see cref="OpnJsonException"/> naming the path. Writing uses the serializer's default (ISO 8601).
/// </remarks>
public class OpnTimestampConverter : JsonConverter
{
    #region Ctor

    /// <summary>Initializes a tolerant converter</summary>
    public OpnTimestampConverter() : this(false)
    {
    }

    /// <summary>Initializes a converter</summary>
    /// <param name="strict">Whether a value that is not a timestamp is an error</param>
    public OpnTimestampConverter(bool strict)
    {
        Strict = strict;
    }

    #endregion

    #region Utilities

    /// <summary>Reads the given number of ASCII digits at the position and moves past them</summary>
    private static bool TryReadDigits(ReadOnlySpan<char> text, ref int position, int count, out int value)
    {
        value = 0;
        if (position + count > text.Length)
            return false;

        for (var i = 0; i < count; i++)
        {
            var c = text[position + i];
            if (!char.IsAsciiDigit(c))
                return false;

            value = value * 10 + (c - '0');
        }

        position += count;
        return true;
    }

    private static bool TryRead(ReadOnlySpan<char> text, ref int position, char expected)
    {
        if (position >= text.Length || text[position] != expected)
            return false;

        position++;
        return true;
    }

    /// <summary>Reads the zone at the position to its end: Z, UTC, or an offset of hours with optional minutes; none is UTC</summary>
    private static bool TryReadZone(ReadOnlySpan<char> text, int position, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        while (position < text.Length && text[position] == ' ')
            position++;

        var zone = text[position..];
        if (zone.IsEmpty || zone is "Z" or "z" or "UTC")
            return true;

        if (zone[0] is not ('+' or '-'))
            return false;

        var at = 1;
        if (!TryReadDigits(zone, ref at, 2, out var hours))
            return false;

        var minutes = 0;
        if (at < zone.Length)
        {
            TryRead(zone, ref at, ':');
            if (!TryReadDigits(zone, ref at, 2, out minutes) || at != zone.Length)
                return false;
        }

        if (hours > 23 || minutes > 59)
            return false;

        offset = new TimeSpan(hours, minutes, 0);
        if (zone[0] == '-')
            offset = -offset;

        return true;
    }

    #endregion

    #region Methods

    /// <summary>
    /// Reads a timestamp in any of the forms Opn writes
    /// </summary>
    /// <param name="text">The text as sent</param>
    /// <param name="utc">The instant as a UTC DateTime</param>
    /// <returns>Whether the text is a timestamp</returns>
    public static bool TryParse(string text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
            return false;

        //date, time, optional seconds and fraction, optional zone (read without allocating: every charge has several)
        var span = text.AsSpan().Trim();
        var at = 0;
        if (!TryReadDigits(span, ref at, 4, out var year) || !TryRead(span, ref at, '-')
            || !TryReadDigits(span, ref at, 2, out var month) || !TryRead(span, ref at, '-')
            || !TryReadDigits(span, ref at, 2, out var day)
            || !(TryRead(span, ref at, 'T') || TryRead(span, ref at, 't') || TryRead(span, ref at, ' '))
            || !TryReadDigits(span, ref at, 2, out var hour) || !TryRead(span, ref at, ':')
            || !TryReadDigits(span, ref at, 2, out var minute))
            return false;

        var second = 0;
        long ticks = 0;
        if (TryRead(span, ref at, ':'))
        {
            if (!TryReadDigits(span, ref at, 2, out second))
                return false;

            if (TryRead(span, ref at, '.') || TryRead(span, ref at, ','))
            {
                //fractions beyond 100 ns (7 digits) are cut, not rounded
                var digits = 0;
                while (at < span.Length && char.IsAsciiDigit(span[at]))
                {
                    if (digits < 7)
                        ticks = ticks * 10 + (span[at] - '0');
                    digits++;
                    at++;
                }

                if (digits is 0 or > 9)
                    return false;

                for (var i = digits; i < 7; i++)
                    ticks *= 10;
            }
        }

        if (!TryReadZone(span, at, out var offset))
            return false;

        if (year == 0 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
            return false;

        //an offset may move the first or last day out of range
        var instantTicks = new DateTime(year, month, day, hour, minute, second).Ticks + ticks - offset.Ticks;
        if (instantTicks < DateTime.MinValue.Ticks || instantTicks > DateTime.MaxValue.Ticks)
            return false;

        utc = new DateTime(instantTicks, DateTimeKind.Utc);
        return true;
    }

    /// <inheritdoc />
    public override bool CanConvert(Type objectType)
    {
        return (Nullable.GetUnderlyingType(objectType) ?? objectType) == typeof(DateTime);
    }

    /// <inheritdoc />
    public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
            case JsonToken.Undefined:
                return existingValue;
            case JsonToken.String when TryParse((string)reader.Value, out var utc):
                return utc;
            case JsonToken.Date when reader.Value is DateTime date:
                return date.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : date.ToUniversalTime();
            case JsonToken.Date when reader.Value is DateTimeOffset dateOffset:
                return dateOffset.UtcDateTime;
        }

        if (Strict)
            throw OpnJsonException.At(reader, "not a date");

        reader.Skip();
        return existingValue;
    }

    /// <inheritdoc />
    public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer)
    {
        throw new NotSupportedException();
    }

    #endregion

    #region Properties

    /// <summary>Gets a value indicating whether a value that is not a timestamp is an error</summary>
    public bool Strict { get; }

    /// <inheritdoc />
    public override bool CanWrite => false;

    #endregion
}
