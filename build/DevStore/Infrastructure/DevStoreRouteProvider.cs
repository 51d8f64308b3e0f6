using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Nop.Core.Http;
using Nop.Web.Framework.Mvc.Routing;

namespace DevStore.Infrastructure;

/// <summary>
/// The storefront routes, with nopCommerce's route names and patterns (without the optional {lang} prefix)
/// </summary>
public class DevStoreRouteProvider : IRouteProvider
{
    public void RegisterRoutes(IEndpointRouteBuilder endpointRouteBuilder)
    {
        endpointRouteBuilder.MapControllerRoute("areaRoute", "{area:exists}/{controller=Home}/{action=Index}/{id?}");

        endpointRouteBuilder.MapControllerRoute(NopRouteNames.General.HOMEPAGE, "", new { controller = "Home", action = "Index" });
        endpointRouteBuilder.MapControllerRoute(NopRouteNames.General.CART, "cart/", new { controller = "ShoppingCart", action = "Cart" });
        endpointRouteBuilder.MapControllerRoute(NopRouteNames.General.LOGIN, "login/", new { controller = "Customer", action = "Login" });
        endpointRouteBuilder.MapControllerRoute("Logout", "logout/", new { controller = "Customer", action = "Logout" });
        endpointRouteBuilder.MapControllerRoute("ChangeLanguage", "changelanguage/{langid:min(0)}", new { controller = "Common", action = "SetLanguage" });
        endpointRouteBuilder.MapControllerRoute("ChangeCurrency", "changecurrency/{customercurrency:min(0)}", new { controller = "Common", action = "SetCurrency" });
        endpointRouteBuilder.MapControllerRoute("AddProductToCart", "addproducttocart/{productId:min(0)}", new { controller = "ShoppingCart", action = "AddProductToCart" });

        endpointRouteBuilder.MapControllerRoute(NopRouteNames.Standard.CHECKOUT, "checkout/", new { controller = "Checkout", action = "Index" });
        endpointRouteBuilder.MapControllerRoute(NopRouteNames.Standard.CHECKOUT_ONE_PAGE, "onepagecheckout/", new { controller = "Checkout", action = "OnePageCheckout" });
        endpointRouteBuilder.MapControllerRoute(NopRouteNames.Standard.CHECKOUT_PAYMENT_METHOD, "checkout/paymentmethod", new { controller = "Checkout", action = "PaymentMethod" });
        endpointRouteBuilder.MapControllerRoute(NopRouteNames.Standard.CHECKOUT_PAYMENT_INFO, "checkout/paymentinfo", new { controller = "Checkout", action = "PaymentInfo" });
        endpointRouteBuilder.MapControllerRoute(NopRouteNames.Standard.CHECKOUT_CONFIRM, "checkout/confirm", new { controller = "Checkout", action = "Confirm" });
        endpointRouteBuilder.MapControllerRoute(NopRouteNames.Standard.CHECKOUT_COMPLETED, "checkout/completed/{orderId:int?}", new { controller = "Checkout", action = "Completed" });
        endpointRouteBuilder.MapControllerRoute(NopRouteNames.Standard.ORDER_DETAILS, "orderdetails/{orderId:min(0)}", new { controller = "Order", action = "Details" });
        endpointRouteBuilder.MapControllerRoute("CustomerOrders", "order/history", new { controller = "Order", action = "CustomerOrders" });
        endpointRouteBuilder.MapControllerRoute("ScheduleTaskRun", "scheduletask/runtask", new { controller = "ScheduleTask", action = "RunTask" });

        endpointRouteBuilder.MapControllerRoute("Default", "{controller}/{action}/{id?}");
    }

    public int Priority => 0;
}
