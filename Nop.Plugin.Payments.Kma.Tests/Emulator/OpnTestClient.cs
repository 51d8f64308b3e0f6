using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Nop.Plugin.Payments.Kma.Tests.Emulator;

/// <summary>
/// A plain HttpClient speaking to the emulator as an Opn client would (Basic auth, Omise-Version)
/// </summary>
public sealed class OpnTestClient : IDisposable
{
    private readonly HttpClient _http;

    public OpnTestClient(Uri baseAddress, string key, string apiVersion = "2019-05-29", TimeSpan? timeout = null)
    {
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(30)
        };
        if (key is not null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.Latin1.GetBytes(key + ":")));
        if (apiVersion is not null)
            _http.DefaultRequestHeaders.Add("Omise-Version", apiVersion);
    }

    public HttpClient Http => _http;

    public Task<OpnResponse> PostFormAsync(string path, params (string Name, string Value)[] fields)
    {
        var content = new FormUrlEncodedContent(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content });
    }

    public Task<OpnResponse> PostJsonAsync(string path, string json)
    {
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }

    public Task<OpnResponse> PostAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Post, path));

    public Task<OpnResponse> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>Creates a KMA charge with an inline source (form-encoded) and returns it; fails the test if it is not created</summary>
    public async Task<JsonElement> CreateChargeAsync(long amount = 150000, string returnUri = "https://shop.example/return", params (string Name, string Value)[] extra)
    {
        var fields = new List<(string, string)>
        {
            ("amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("currency", "THB"),
            ("return_uri", returnUri),
            ("source[type]", "mobile_banking_bay"),
            ("source[platform_type]", "IOS")
        };
        fields.AddRange(extra);
        var response = await PostFormAsync("charges", fields.ToArray());
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.Text);
        return response.Json;
    }

    private async Task<OpnResponse> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await _http.SendAsync(request))
        {
            var text = await response.Content.ReadAsStringAsync();
            return new OpnResponse(response.StatusCode, text, response.Headers.Location, response.Content.Headers.ContentType?.MediaType);
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>
/// An answer: status, raw text and (lazily) the parsed JSON
/// </summary>
public sealed record OpnResponse(HttpStatusCode Status, string Text, Uri Location, string MediaType)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement.Clone();

    public string ErrorCode => Json.GetProperty("code").GetString();
}
