using System.Net;
using DevStore;
using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Reliability;

/// <summary>
/// The admin configure page through the DevStore over HTTP: antiforgery and who may use it
/// </summary>
[Category("Reliability")]
[NonParallelizable]
public class DevStoreAdminTests
{
    private const string ConfigureUrl = "Admin/PaymentKma/Configure";
    private EmulatorHost _opn;
    private DevStoreHost _store;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _opn = await EmulatorHost.StartAsync(new EmulatorOptions());
        _store = await DevStoreHost.StartAsync(new DevStoreOptions
        {
            OpnPublicKey = _opn.PublicKey,
            OpnSecretKey = _opn.SecretKey,
            OpnWebhookSecret = _opn.WebhookSecret,
            OpnApiBaseUrl = _opn.BaseAddress.ToString(),
            UseEmulator = false
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_store != null)
            await _store.DisposeAsync();
        if (_opn != null)
            await _opn.DisposeAsync();
    }

    [TearDown]
    public void NoSecretInTheLog()
    {
        var logs = _store.GetLogs().Select(log => log.ShortMessage + " " + log.FullMessage).ToList();
        Assert.That(logs.Where(text => text.Contains(_opn.SecretKey) || text.Contains(_opn.WebhookSecret)), Is.Empty);
    }

    private static FormUrlEncodedContent Form(string token, string publicKey, string secretKey)
    {
        var fields = new Dictionary<string, string>
        {
            ["PublicKey"] = publicKey,
            ["SecretKey"] = secretKey,
            ["WebhookSecret"] = string.Empty,
            ["ApiBaseUrl"] = "http://127.0.0.1:5999"
        };
        if (token != null)
            fields["__RequestVerificationToken"] = token;
        return new FormUrlEncodedContent(fields);
    }

    private async Task AssertSettingsUnchangedAsync()
    {
        var settings = await _store.GetSettingsAsync<KmaPaymentSettings>();
        Assert.That(settings.SecretKey, Is.EqualTo(_opn.SecretKey));
        Assert.That(settings.PublicKey, Is.EqualTo(_opn.PublicKey));
        Assert.That(settings.ApiBaseUrl.TrimEnd('/'), Is.EqualTo(_opn.BaseAddress.ToString().TrimEnd('/')));
    }

    [Test]
    public async Task Admin_post_without_an_antiforgery_token_is_refused_with_400()
    {
        using var admin = await _store.CreateAdminClientAsync();

        using var response = await admin.PostAsync(ConfigureUrl, Form(null, _opn.PublicKey, "skey_test_5attackerchosenkey1"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await AssertSettingsUnchangedAsync();
    }

    [TestCase("shopper")]
    [TestCase("guest")]
    public async Task Non_admin_can_neither_see_nor_post_the_page(string who)
    {
        using var client = _store.CreateClient();
        if (who == "shopper")
            (await client.GetAsync("login/?as=shopper")).Dispose();

        using var page = await client.GetAsync(ConfigureUrl);
        using var post = await client.PostAsync(ConfigureUrl, Form(null, _opn.PublicKey, "skey_test_5attackerchosenkey1"));

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page.Headers.Location!.ToString(), Does.Contain("login").Or.Contain("AccessDenied"));
        Assert.That((int)post.StatusCode, Is.Not.EqualTo(200));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Not.Contain(_opn.PublicKey));
        await AssertSettingsUnchangedAsync();
    }
}
