using System.Runtime.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Represents an event object; <see cref="Data"/> holds the raw object, <see cref="Charge"/> the parsed charge when it is one
/// </summary>
/// <remarks>
/// Events are serialized with the account's API version at the time of the event, so the 2017-11-02 spellings
/// (created, lower-case currency) are read too. A deleted object arrives as a stub {object, id, livemode, deleted:true}:
/// then <see cref="IsDataDeleted"/> is true and <see cref="Charge"/> stays null. A charge in data that cannot be read
/// also leaves <see cref="Charge"/> null rather than failing the whole event.
/// </remarks>
public class OpnEvent
{
    [JsonProperty("object"), OpnStrict] public string Object { get; set; }
    [JsonProperty("id"), OpnStrict] public string Id { get; set; }
    [JsonProperty("livemode"), OpnStrict] public bool Livemode { get; set; }
    [JsonProperty("location")] public string Location { get; set; }
    [JsonProperty("key")] public string Key { get; set; }
    [JsonProperty("data")] public JObject Data { get; set; }

    /// <summary>Gets or sets the charge in data when data.object is "charge" and it is not a deleted stub</summary>
    [JsonIgnore] public OpnCharge Charge { get; set; }

    /// <summary>created_at (2019-05-29) or created (2017-11-02)</summary>
    [JsonProperty("created_at")] public DateTime? CreatedAt { get; set; }

    [JsonProperty("created")]
    private DateTime? Created { set => CreatedAt ??= value; }

    [JsonProperty("webhook_deliveries")] public IList<OpnWebhookDelivery> WebhookDeliveries { get; set; } = new List<OpnWebhookDelivery>();
    [JsonProperty("team_uid")] public string TeamUid { get; set; }
    [JsonProperty("actor_uid")] public string ActorUid { get; set; }
    [JsonProperty("user_uid")] public string UserUid { get; set; }

    /// <summary>Gets the "object" of data (for example "charge"), or null</summary>
    [JsonIgnore] public string DataObject => Data?.Value<string>("object");

    /// <summary>Gets the id of data (for example the charge id), or null</summary>
    [JsonIgnore] public string DataId => Data?.Value<string>("id");

    /// <summary>Gets a value indicating whether data is a deleted-object stub</summary>
    [JsonIgnore] public bool IsDataDeleted => Data?["deleted"] is JValue { Type: JTokenType.Boolean } deleted && (bool)deleted;

    [OnDeserialized]
    internal void OnDeserialized(StreamingContext context)
    {
        Charge = null;
        if (!string.Equals(DataObject, OpnObjectTypes.Charge, StringComparison.Ordinal) || IsDataDeleted)
            return;

        try
        {
            Charge = Data.ToObject<OpnCharge>(OpnJson.Serializer);
        }
        catch (JsonException)
        {
            //the event itself stays readable: callers re-fetch the charge by DataId anyway
            Charge = null;
        }
    }
}

/// <summary>
/// Represents one delivery of an event to a webhook endpoint. Nothing here is decided on: every field is read tolerantly.
/// </summary>
public class OpnWebhookDelivery
{
    [JsonProperty("object")] public string Object { get; set; }
    [JsonProperty("id")] public string Id { get; set; }
    [JsonProperty("uri")] public string Uri { get; set; }

    /// <summary>Gets or sets the HTTP status the endpoint answered with</summary>
    [JsonProperty("status")] public int? Status { get; set; }

    [JsonProperty("key")] public string Key { get; set; }
    [JsonProperty("error")] public string Error { get; set; }

    /// <summary>Gets or sets the raw JSON that was delivered</summary>
    [JsonProperty("payload")] public string Payload { get; set; }

    /// <summary>Gets or sets when the delivery was made; Opn writes this one as "2023-03-02 10:27:09 UTC"</summary>
    [JsonProperty("created_at")] public DateTime? CreatedAt { get; set; }

    [JsonProperty("created")]
    private DateTime? Created { set => CreatedAt ??= value; }
}
