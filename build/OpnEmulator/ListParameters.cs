using System.Globalization;

namespace OpnEmulator;

/// <summary>
/// limit, offset, order, from and to of a list request (limit defaults to 20, at most 100)
/// </summary>
internal sealed class ListParameters
{
    public int Limit { get; private init; } = 20;
    public int Offset { get; private init; }
    public string Order { get; private init; } = "chronological";
    public DateTimeOffset? From { get; private init; }
    public DateTimeOffset? To { get; private init; }

    public static ListParameters Read(RequestParameters query)
    {
        var limit = ReadInt(query.GetString("limit"), 20, "limit");
        var offset = ReadInt(query.GetString("offset"), 0, "offset");
        if (limit < 1 || limit > 100)
            throw OpnError.BadRequest("limit must be between 1 and 100");
        if (offset < 0)
            throw OpnError.BadRequest("offset must be 0 or more");

        var order = query.GetString("order") ?? "chronological";
        if (order != "chronological" && order != "reverse_chronological")
            throw OpnError.BadRequest("order must be chronological or reverse_chronological");

        return new ListParameters
        {
            Limit = limit,
            Offset = offset,
            Order = order,
            From = ReadTime(query.GetString("from"), "from"),
            To = ReadTime(query.GetString("to"), "to")
        };
    }

    public ListObject<T> Apply<T>(IEnumerable<T> items, Func<T, DateTimeOffset> createdAt, string location, DateTimeOffset now)
    {
        var from = From ?? DateTimeOffset.UnixEpoch;
        var to = To ?? now;
        var inWindow = items.Where(item => createdAt(item) >= from && createdAt(item) <= to).ToList();
        if (Order == "reverse_chronological")
            inWindow.Reverse();

        return new ListObject<T>
        {
            Data = inWindow.Skip(Offset).Take(Limit).ToList(),
            Limit = Limit,
            Offset = Offset,
            Total = inWindow.Count,
            Location = location,
            Order = Order,
            From = from,
            To = to
        };
    }

    private static int ReadInt(string raw, int fallback, string name)
    {
        if (string.IsNullOrEmpty(raw))
            return fallback;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw OpnError.BadRequest($"{name} must be an integer");
        return value;
    }

    private static DateTimeOffset? ReadTime(string raw, string name)
    {
        if (string.IsNullOrEmpty(raw))
            return null;
        if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            throw OpnError.BadRequest($"{name} must be an ISO 8601 time");
        return value;
    }
}
