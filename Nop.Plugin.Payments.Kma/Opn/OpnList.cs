using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Represents a list object
/// </summary>
public class OpnList<T>
{
    [JsonProperty("object"), OpnStrict] public string Object { get; set; }
    [JsonProperty("data"), OpnStrict] public IList<T> Data { get; set; } = new List<T>();
    [JsonProperty("limit")] public int Limit { get; set; }
    [JsonProperty("offset")] public int Offset { get; set; }
    [JsonProperty("total")] public int Total { get; set; }
    [JsonProperty("location")] public string Location { get; set; }

    /// <summary>Gets or sets "chronological" or "reverse_chronological"</summary>
    [JsonProperty("order")] public string Order { get; set; }

    [JsonProperty("from")] public DateTime? From { get; set; }
    [JsonProperty("to")] public DateTime? To { get; set; }
}

/// <summary>
/// Represents a search result object ("search")
/// </summary>
public class OpnSearchResult<T>
{
    [JsonProperty("object"), OpnStrict] public string Object { get; set; }
    [JsonProperty("data"), OpnStrict] public IList<T> Data { get; set; } = new List<T>();
    [JsonProperty("page")] public int Page { get; set; }
    [JsonProperty("per_page")] public int PerPage { get; set; }
    [JsonProperty("total")] public int Total { get; set; }
    [JsonProperty("total_pages")] public int TotalPages { get; set; }
    [JsonProperty("location")] public string Location { get; set; }
    [JsonProperty("scope")] public string Scope { get; set; }
    [JsonProperty("query")] public string Query { get; set; }

    [JsonProperty("filters")]
    [JsonConverter(typeof(OpnMetadataConverter))]
    public IDictionary<string, string> Filters { get; set; } = new Dictionary<string, string>();

    [JsonProperty("order")] public string Order { get; set; }
    [JsonProperty("export")] public JToken Export { get; set; }
    [JsonProperty("aggregate_level")] public JToken AggregateLevel { get; set; }
}
