using System.Runtime.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Represents the capability object, normalised over both API shapes: the 2019 payment_methods list and the
/// legacy payment_backends list of single-key objects ({"mobile_banking_bay": {type, currencies, amount}})
/// </summary>
public class OpnCapability
{
    [JsonProperty("object"), OpnStrict] public string Object { get; set; }
    [JsonProperty("location")] public string Location { get; set; }
    [JsonProperty("country")] public string Country { get; set; }
    [JsonProperty("banks")] public IList<string> Banks { get; set; } = new List<string>();
    [JsonProperty("tokenization_methods")] public IList<string> TokenizationMethods { get; set; } = new List<string>();
    [JsonProperty("zero_interest_installments")] public bool? ZeroInterestInstallments { get; set; }
    [JsonProperty("limits")] public OpnCapabilityLimits Limits { get; set; }

    /// <summary>Gets the payment methods by name (from payment_methods or payment_backends)</summary>
    [JsonIgnore]
    public IList<OpnPaymentMethod> PaymentMethods { get; set; } = new List<OpnPaymentMethod>();

    /// <summary>Gets or sets limits.charge_amount.min in satang, when given</summary>
    [JsonIgnore]
    public long? ChargeAmountMin { get; set; }

    /// <summary>Gets or sets limits.charge_amount.max in satang, when given</summary>
    [JsonIgnore]
    public long? ChargeAmountMax { get; set; }

    [JsonProperty("payment_methods")]
    private JToken RawPaymentMethods { get; set; }

    [JsonProperty("payment_backends")]
    private JToken RawPaymentBackends { get; set; }

    /// <summary>Gets a value indicating whether the named method is enabled for the currency</summary>
    public bool Supports(string paymentMethodName, string currency = "THB")
    {
        return PaymentMethods.Any(method => string.Equals(method.Name, paymentMethodName, StringComparison.Ordinal)
            && (method.Currencies.Count == 0 || method.Currencies.Contains(currency, StringComparer.OrdinalIgnoreCase)));
    }

    /// <summary>Gets the named payment method, or null</summary>
    public OpnPaymentMethod GetPaymentMethod(string paymentMethodName)
    {
        return PaymentMethods.FirstOrDefault(method => string.Equals(method.Name, paymentMethodName, StringComparison.Ordinal));
    }

    [OnDeserialized]
    internal void OnDeserialized(StreamingContext context)
    {
        PaymentMethods = new List<OpnPaymentMethod>();

        if (RawPaymentMethods is JArray methods)
        {
            foreach (var method in methods.OfType<JObject>())
                PaymentMethods.Add(method.ToObject<OpnPaymentMethod>(OpnJson.Serializer));
        }

        if (RawPaymentBackends is JArray backends)
        {
            foreach (var property in backends.OfType<JObject>().SelectMany(backend => backend.Properties()))
            {
                if (property.Value is not JObject body)
                    continue;

                var method = body.ToObject<OpnPaymentMethod>(OpnJson.Serializer);
                method.Name = property.Name;
                PaymentMethods.Add(method);
            }
        }

        RawPaymentMethods = null;
        RawPaymentBackends = null;
        ChargeAmountMin = Limits?.ChargeAmount?.Min;
        ChargeAmountMax = Limits?.ChargeAmount?.Max;
    }
}

/// <summary>
/// Represents the limits of the capability object (amounts in the smallest currency unit)
/// </summary>
public class OpnCapabilityLimits
{
    [JsonProperty("charge_amount")] public OpnAmountRange ChargeAmount { get; set; }
    [JsonProperty("transfer_amount")] public OpnAmountRange TransferAmount { get; set; }
    [JsonProperty("installment_amount")] public OpnAmountRange InstallmentAmount { get; set; }
}

/// <summary>
/// Represents a min/max amount pair
/// </summary>
public class OpnAmountRange
{
    [JsonProperty("min")] public long? Min { get; set; }
    [JsonProperty("max")] public long? Max { get; set; }
}

/// <summary>
/// Represents one payment method of the capability
/// </summary>
public class OpnPaymentMethod
{
    [JsonProperty("object")] public string Object { get; set; }
    [JsonProperty("name")] public string Name { get; set; }
    [JsonProperty("currencies")] public IList<string> Currencies { get; set; } = new List<string>();

    /// <summary>Gets or sets the backend type of the legacy shape (for example "mobile_banking")</summary>
    [JsonProperty("type")] public string Type { get; set; }

    [JsonProperty("card_brands")] public IList<string> CardBrands { get; set; } = new List<string>();
    [JsonProperty("installment_terms")] public JToken InstallmentTerms { get; set; }
    [JsonProperty("loan_installment_terms")] public JToken LoanInstallmentTerms { get; set; }
    [JsonProperty("banks")] public JToken Banks { get; set; }
    [JsonProperty("provider")] public string Provider { get; set; }

    /// <summary>Gets or sets the method's own amount range of the legacy shape, when given</summary>
    [JsonProperty("amount")] public OpnAmountRange Amount { get; set; }
}
