using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nop.Core.Domain.Security;
using Nop.Core.Infrastructure;
using Nop.Plugin.Payments.Kma.Opn;
using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Infrastructure;

/// <summary>
/// Registers the plugin's services when nopCommerce starts
/// </summary>
public class NopStartup : INopStartup
{
    /// <summary>
    /// Add and configure services
    /// </summary>
    /// <param name="services">Collection of service descriptors</param>
    /// <param name="configuration">Configuration of the application</param>
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        //Opn client: our own primary handler (connect timeout, no redirects) that honours the admin's proxy settings
        //as nopCommerce's WithProxy() would; the per-request timeouts are enforced by the client, so HttpClient's own
        //timeout is off
        services.AddHttpClient(OpnClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => KmaProxy.CreatePrimaryHandler(() => provider.GetService<ProxySettings>()));
        services.TryAddSingleton<IOpnClient>(provider => new OpnClient(provider.GetRequiredService<IHttpClientFactory>()));
        services.TryAddSingleton(provider => new WebhookSignatureVerifier(provider.GetService<TimeProvider>()));
        services.AddScoped<IKmaPaymentClaimService, KmaPaymentClaimService>();
        services.AddScoped<IKmaPaymentSyncService, KmaPaymentSyncService>();

        //checkout and return
        services.AddMemoryCache();
        services.AddHttpContextAccessor();
        services.AddScoped<IKmaCheckoutService, KmaCheckoutService>();
        services.AddScoped<IKmaShopperMessageService, KmaShopperMessageService>();

        //themes first (nopCommerce prepends them), then the plugin's own views
        services.Configure<RazorViewEngineOptions>(options => options.ViewLocationExpanders.Add(new KmaViewLocationExpander()));
    }

    /// <summary>
    /// Configure the using of added middleware
    /// </summary>
    /// <param name="application">Builder for configuring an application's request pipeline</param>
    public void Configure(IApplicationBuilder application)
    {
    }

    /// <summary>
    /// Gets order of this startup configuration implementation
    /// </summary>
    public int Order => 1;
}
