using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace OpnEmulator;

/// <summary>
/// A request's parameters as a tree (string leaves, nested dictionaries and lists), read from a
/// form-encoded body with bracket nesting (source[type]=..., webhook_endpoints[]=...) or a JSON body
/// </summary>
internal sealed class RequestParameters
{
    private readonly Dictionary<string, object> _root;

    private RequestParameters(Dictionary<string, object> root)
    {
        _root = root;
    }

    public static async Task<RequestParameters> ReadAsync(HttpRequest request)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        if (request.ContentLength == 0)
            return new RequestParameters(root);

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
            return new RequestParameters(root);

        var contentType = request.ContentType ?? string.Empty;
        var looksLikeJson = contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || body.TrimStart().StartsWith('{');
        if (looksLikeJson)
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new FormatException("the request body must be a JSON object");
            return new RequestParameters((Dictionary<string, object>)FromJson(document.RootElement));
        }

        foreach (var pair in new FormReader(body).ReadForm())
            foreach (var value in pair.Value)
                AddFormValue(root, pair.Key, value);

        return new RequestParameters(root);
    }

    /// <summary>Reads the query string (used by GET lists and search)</summary>
    public static RequestParameters FromQuery(IQueryCollection query)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var pair in query)
            foreach (var value in pair.Value)
                AddFormValue(root, pair.Key, value);
        return new RequestParameters(root);
    }

    public bool Has(string name) => _root.ContainsKey(name);

    /// <summary>Gets a leaf value; null when missing or not a leaf</summary>
    public string GetString(string name) => _root.TryGetValue(name, out var value) ? value as string : null;

    public RequestParameters GetObject(string name)
    {
        return _root.TryGetValue(name, out var value) && value is Dictionary<string, object> dictionary ? new RequestParameters(dictionary) : null;
    }

    /// <summary>Gets a list of leaves; a single leaf counts as a list of one</summary>
    public IList<string> GetStringList(string name)
    {
        if (!_root.TryGetValue(name, out var value) || value is null)
            return new List<string>();
        return value switch
        {
            string single => new List<string> { single },
            List<object> list => list.OfType<string>().ToList(),
            Dictionary<string, object> indexed => indexed.Values.OfType<string>().ToList(),
            _ => new List<string>()
        };
    }

    /// <summary>Gets the raw tree of an object parameter (for metadata, which keeps nesting)</summary>
    public IDictionary<string, object> GetRawObject(string name)
    {
        return _root.TryGetValue(name, out var value) && value is Dictionary<string, object> dictionary ? dictionary : null;
    }

    public IEnumerable<string> Names => _root.Keys;

    #region Utilities

    private static object FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dictionary = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                    dictionary[property.Name] = FromJson(property.Value);
                return dictionary;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(FromJson).ToList();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            default:
                // Numbers and booleans keep their literal text, so "150000.5" is still seen as not an integer.
                return element.GetRawText();
        }
    }

    private static void AddFormValue(Dictionary<string, object> root, string key, string value)
    {
        var segments = SplitKey(key);
        object container = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var isLast = i == segments.Count - 1;
            var nextIsList = !isLast && IsListSegment(segments[i + 1]);

            if (container is Dictionary<string, object> dictionary)
            {
                if (isLast)
                {
                    dictionary[segment] = value;
                    return;
                }
                if (!dictionary.TryGetValue(segment, out var child) || child is string || child is null)
                {
                    child = nextIsList ? new List<object>() : new Dictionary<string, object>(StringComparer.Ordinal);
                    dictionary[segment] = child;
                }
                container = child;
            }
            else if (container is List<object> list)
            {
                var index = segment.Length == 0 ? list.Count : int.Parse(segment, CultureInfo.InvariantCulture);
                while (list.Count <= index)
                    list.Add(null);
                if (isLast)
                {
                    list[index] = value;
                    return;
                }
                list[index] ??= nextIsList ? new List<object>() : new Dictionary<string, object>(StringComparer.Ordinal);
                container = list[index];
            }
        }
    }

    private static bool IsListSegment(string segment) => segment.Length == 0 || segment.All(char.IsAsciiDigit);

    private static List<string> SplitKey(string key)
    {
        var open = key.IndexOf('[');
        if (open < 0)
            return new List<string> { key };

        var segments = new List<string> { key[..open] };
        var position = open;
        while (position < key.Length && key[position] == '[')
        {
            var close = key.IndexOf(']', position);
            if (close < 0)
                break;
            segments.Add(key[(position + 1)..close]);
            position = close + 1;
        }
        return segments;
    }

    #endregion
}
