using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Nop.Web.Framework.Mvc.Routing;

namespace Nop.Plugin.Payments.Kma.Infrastructure;

/// <summary>
/// Registers the plugin's public routes (no language prefix, no area)
/// </summary>
public class RouteProvider : IRouteProvider
{
    /// <summary>
    /// Register routes
    /// </summary>
    /// <param name="endpointRouteBuilder">Route builder</param>
    public void RegisterRoutes(IEndpointRouteBuilder endpointRouteBuilder)
    {
        endpointRouteBuilder.MapControllerRoute(name: KmaDefaults.Webhook.RouteName,
            pattern: KmaDefaults.Webhook.RoutePath,
            defaults: new { controller = "PaymentKmaWebhook", action = "Webhook" });

        endpointRouteBuilder.MapControllerRoute(name: KmaDefaults.Checkout.ReturnRouteName,
            pattern: KmaDefaults.Checkout.ReturnPath,
            defaults: new { controller = "PaymentKmaPublic", action = "Return" });

        endpointRouteBuilder.MapControllerRoute(name: KmaDefaults.Checkout.WaitingRouteName,
            pattern: KmaDefaults.Checkout.WaitingPath,
            defaults: new { controller = "PaymentKmaPublic", action = "Waiting" });

        endpointRouteBuilder.MapControllerRoute(name: KmaDefaults.Checkout.StatusRouteName,
            pattern: KmaDefaults.Checkout.StatusPath,
            defaults: new { controller = "PaymentKmaPublic", action = "Status" });

        endpointRouteBuilder.MapControllerRoute(name: KmaDefaults.Checkout.PayRouteName,
            pattern: KmaDefaults.Checkout.PayPath,
            defaults: new { controller = "PaymentKmaPublic", action = "Pay" });
    }

    /// <summary>
    /// Gets a priority of route provider
    /// </summary>
    public int Priority => 0;
}
