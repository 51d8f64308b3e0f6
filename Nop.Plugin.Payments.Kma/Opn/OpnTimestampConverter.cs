using System.Globalization;
using System.Text.RegularExpressions;
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
public partial class OpnTimestampConverter : JsonConverter
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

    //date, time, optional seconds and fraction, optional zone: Z, UTC, or an offset of hours with optional minutes
    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(Z|z|UTC|([+-])(\d{2})(?::?(\d{2}))?))?$",
        RegexOptions.CultureInvariant, 100)]
    private static partial Regex TimestampPattern();

    private static int Number(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

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

        var match = TimestampPattern().Match(text.Trim());
        if (!match.Success)
            return false;

        var groups = match.Groups;
        int year = Number(groups[1]), month = Number(groups[2]), day = Number(groups[3]);
        int hour = Number(groups[4]), minute = Number(groups[5]);
        var second = groups[6].Success ? Number(groups[6]) : 0;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year == 0 ? 1 : year, month)
            || year == 0 || hour > 23 || minute > 59 || second > 59)
            return false;

        //fractions beyond 100 ns (7 digits) are cut, not rounded
        var fraction = groups[7].Success ? groups[7].Value.PadRight(7, '0')[..7] : "0";
        var ticks = long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);

        var offset = TimeSpan.Zero;
        if (groups[9].Success)
        {
            int offsetHours = Number(groups[10]), offsetMinutes = groups[11].Success ? Number(groups[11]) : 0;
            if (offsetHours > 23 || offsetMinutes > 59)
                return false;

            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (groups[9].Value == "-")
                offset = -offset;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
        var instant = local - offset;
        if (instant.Year is < 1 or > 9999)
            return false;

        utc = DateTime.SpecifyKind(instant, DateTimeKind.Utc);
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
