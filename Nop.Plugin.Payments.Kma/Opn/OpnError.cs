using Newtonsoft.Json;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Represents the error object Opn answers non-2xx requests with
/// </summary>
public class OpnError
{
    [JsonProperty("object")] public string Object { get; set; }

    /// <summary>Gets or sets the documentation location of the error</summary>
    [JsonProperty("location")] public string Location { get; set; }

    [JsonProperty("code")] public string Code { get; set; }
    [JsonProperty("message")] public string Message { get; set; }
}
