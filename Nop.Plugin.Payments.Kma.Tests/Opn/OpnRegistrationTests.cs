using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Nop.Plugin.Payments.Kma.Infrastructure;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

[TestFixture]
public class OpnRegistrationTests
{
    [Test]
    public void StartupRegistersTheClientItsHttpClientAndTheVerifier()
    {
        var services = new ServiceCollection();
        new NopStartup().ConfigureServices(services, new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOpnClient>(), Is.InstanceOf<OpnClient>());
        Assert.That(provider.GetRequiredService<WebhookSignatureVerifier>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<IHttpClientFactory>().CreateClient(OpnClient.HttpClientName).Timeout,
            Is.EqualTo(Timeout.InfiniteTimeSpan), "the client enforces its own per-request timeouts");

        var builder = provider.GetRequiredService<HttpMessageHandlerBuilder>();
        builder.Name = OpnClient.HttpClientName;
        foreach (var action in provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(OpnClient.HttpClientName).HttpMessageHandlerBuilderActions)
            action(builder);
        var handler = builder.PrimaryHandler as SocketsHttpHandler;

        Assert.That(handler, Is.Not.Null);
        Assert.That(handler.ConnectTimeout, Is.EqualTo(new OpnClientOptions().ConnectTimeout));
        Assert.That(handler.AllowAutoRedirect, Is.False);
    }
}
