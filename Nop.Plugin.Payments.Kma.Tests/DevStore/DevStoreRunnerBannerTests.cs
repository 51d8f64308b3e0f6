using System.Net;
using System.Text.RegularExpressions;
using DevStore;
using Microsoft.Extensions.Configuration;
using Nop.Plugin.Payments.Kma.Tests.Emulator;

namespace Nop.Plugin.Payments.Kma.Tests.DevStore;

/// <summary>
/// What `dotnet run --project build/DevStore` prints is true: the emulator's address answers with its index page, and a
/// charge's page offers paying, failing and letting it expire
/// </summary>
[TestFixture]
[Category("Integration")]
public class DevStoreRunnerBannerTests
{
    [Test]
    public async Task TheEmulatorLinesOfTheBannerDescribeWhatTheEmulatorServes()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string>
        {
            ["DevStore:Urls"] = "http://127.0.0.1:0",
            ["OpnEmulator:Urls"] = "http://127.0.0.1:0"
        }).Build();
        using var output = new StringWriter();
        await using var run = await DevStoreRunner.StartAsync(configuration, output);
        var banner = output.ToString();
        var emulator = run.Store.Emulator;

        var address = Regex.Match(banner, @"OpnEmulator:\s+(\S+)").Groups[1].Value;
        Assert.That(address, Is.EqualTo(emulator.BaseAddress.ToString()));
        Assert.That(banner, Does.Contain("lists the charges").And.Contain("pay, fail").And.Contain("let it expire"));
        Assert.That(banner, Does.Not.Contain(emulator.SecretKey));

        using var http = new HttpClient();
        using var index = await http.GetAsync(address);
        Assert.That(index.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await index.Content.ReadAsStringAsync(), Does.Contain("<h2>Charges</h2>"));

        using var opn = new OpnTestClient(emulator.BaseAddress, emulator.SecretKey);
        var charge = await opn.CreateChargeAsync();
        var page = await http.GetStringAsync(charge.GetProperty("authorize_uri").GetString());
        Assert.That(page, Does.Contain("id=\"pay-successful\"").And.Contain("id=\"pay-failed\"").And.Contain("id=\"pay-expire\""));
        using var control = await http.GetAsync(Regex.Match(banner, @"control API under (\S+)").Groups[1].Value);
        Assert.That(control.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
