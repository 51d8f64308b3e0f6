using DevStore.Data;
using DevStore.Infrastructure;
using DevStore.Models;
using DevStore.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;
using Nop.Core;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Core.Http;
using Nop.Services.Configuration;
using Nop.Services.Localization;
using Nop.Services.Orders;
using Nop.Services.Payments;
using Nop.Services.ScheduleTasks;
using Nop.Web.Framework.Controllers;

namespace DevStore.Controllers;

/// <summary>
/// Base of the storefront controllers (nopCommerce's BasePublicController lives in Nop.Web)
/// </summary>
public abstract class BasePublicController : BaseController
{
    /// <summary>
    /// Renders a view on its own, without _ViewStart or a layout, as nopCommerce's BaseController does for its AJAX
    /// answers (the one-page checkout's update_section.html): the page head is not part of it
    /// </summary>
    protected override async Task<string> RenderPartialViewToStringAsync(string viewName, object model)
    {
        if (string.IsNullOrEmpty(viewName))
            viewName = ControllerContext.ActionDescriptor.ActionName;

        ViewData.Model = model;
        var viewEngine = HttpContext.RequestServices.GetRequiredService<ICompositeViewEngine>();
        var viewResult = viewEngine.FindView(ControllerContext, viewName, false);
        if (viewResult.View == null)
            throw new ArgumentNullException($"{viewName} view was not found");

        await using var writer = new StringWriter();
        var viewContext = new ViewContext(ControllerContext, viewResult.View, ViewData, TempData, writer, new HtmlHelperOptions());
        await viewResult.View.RenderAsync(viewContext);
        return writer.GetStringBuilder().ToString();
    }
}

public class HomeController : BasePublicController
{
    private readonly PriceFormatter _priceFormatter;
    private readonly ShoppingCartService _shoppingCartService;
    private readonly IWorkContext _workContext;

    public HomeController(PriceFormatter priceFormatter, ShoppingCartService shoppingCartService, IWorkContext workContext)
    {
        _priceFormatter = priceFormatter;
        _shoppingCartService = shoppingCartService;
        _workContext = workContext;
    }

    public async Task<IActionResult> Index()
    {
        var thai = (await _workContext.GetWorkingLanguageAsync()).Id == DevStoreDefaults.ThaiLanguageId;
        var products = new List<ProductModel>();
        foreach (var product in _shoppingCartService.GetProducts())
            products.Add(new ProductModel(product.Id, thai ? product.NameThai : product.Name, product.Price, await _priceFormatter.FormatAsync(product.Price)));

        return View(products);
    }
}

[AutoValidateAntiforgeryToken]
public class CommonController : BasePublicController
{
    private readonly ILanguageService _languageService;
    private readonly Nop.Services.Directory.ICurrencyService _currencyService;
    private readonly IWorkContext _workContext;

    public CommonController(ILanguageService languageService, Nop.Services.Directory.ICurrencyService currencyService, IWorkContext workContext)
    {
        _languageService = languageService;
        _currencyService = currencyService;
        _workContext = workContext;
    }

    public async Task<IActionResult> SetLanguage(int langid, string returnUrl = "")
    {
        var language = await _languageService.GetLanguageByIdAsync(langid);
        if (language?.Published ?? false)
            await _workContext.SetWorkingLanguageAsync(language);

        return Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.RouteUrl(NopRouteNames.General.HOMEPAGE));
    }

    public async Task<IActionResult> SetCurrency(int customercurrency, string returnUrl = "")
    {
        var currency = await _currencyService.GetCurrencyByIdAsync(customercurrency);
        if (currency != null)
            await _workContext.SetWorkingCurrencyAsync(currency);

        return Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.RouteUrl(NopRouteNames.General.HOMEPAGE));
    }
}

/// <summary>
/// Development sign-in: choose to be the administrator, the registered shopper or a new guest. Development only.
/// </summary>
[AutoValidateAntiforgeryToken]
public class CustomerController : BasePublicController
{
    private readonly DevStoreData _data;
    private readonly Microsoft.AspNetCore.Hosting.IWebHostEnvironment _environment;
    private readonly IWorkContext _workContext;

    public CustomerController(DevStoreData data, Microsoft.AspNetCore.Hosting.IWebHostEnvironment environment, IWorkContext workContext)
    {
        _data = data;
        _environment = environment;
        _workContext = workContext;
    }

    public async Task<IActionResult> Login(string returnUrl = null, string @as = null)
    {
        if (!_environment.IsEnvironment("Development"))
            return NotFound();

        if (!string.IsNullOrEmpty(@as))
            return await SignInAsync(@as, returnUrl);

        ViewBag.ReturnUrl = returnUrl;
        return View();
    }

    [HttpPost, ActionName("Login")]
    public async Task<IActionResult> LoginPost(string @as, string returnUrl = null)
    {
        if (!_environment.IsEnvironment("Development"))
            return NotFound();

        return await SignInAsync(@as, returnUrl);
    }

    private async Task<IActionResult> SignInAsync(string who, string returnUrl)
    {
        var customer = who switch
        {
            "admin" => _data.Customers.GetById(DevStoreDefaults.AdminCustomerId),
            "shopper" => _data.Customers.GetById(DevStoreDefaults.ShopperCustomerId),
            _ => null
        };

        if (customer == null)
        {
            customer = new Nop.Core.Domain.Customers.Customer { Active = true, CreatedOnUtc = DateTime.UtcNow, LastActivityDateUtc = DateTime.UtcNow };
            _data.Customers.Insert(customer);
            _data.CustomerRoles[customer.Id] = [DevStoreDefaults.RoleGuests];
        }

        await _workContext.SetCurrentCustomerAsync(customer);
        if (Url.IsLocalUrl(returnUrl))
            return Redirect(returnUrl);

        return who == "admin" ? Redirect("~/Admin/") : RedirectToRoute(NopRouteNames.General.HOMEPAGE);
    }

    public IActionResult Logout()
    {
        Response.Cookies.Delete(DevStoreDefaults.CustomerCookie);
        return RedirectToRoute(NopRouteNames.General.HOMEPAGE);
    }
}

[AutoValidateAntiforgeryToken]
public class ShoppingCartController : BasePublicController
{
    private readonly CheckoutHelper _checkoutHelper;
    private readonly ShoppingCartService _shoppingCartService;
    private readonly IStoreContext _storeContext;
    private readonly IWorkContext _workContext;

    public ShoppingCartController(CheckoutHelper checkoutHelper, ShoppingCartService shoppingCartService, IStoreContext storeContext, IWorkContext workContext)
    {
        _checkoutHelper = checkoutHelper;
        _shoppingCartService = shoppingCartService;
        _storeContext = storeContext;
        _workContext = workContext;
    }

    public async Task<IActionResult> Cart()
    {
        return View(await _checkoutHelper.PrepareCartModelAsync(null));
    }

    [HttpPost]
    public async Task<IActionResult> AddProductToCart(int productId, int quantity = 1)
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        var store = await _storeContext.GetCurrentStoreAsync();
        _shoppingCartService.AddToCart(customer, store.Id, productId, quantity);
        return RedirectToRoute(NopRouteNames.General.CART);
    }

    [HttpPost]
    public async Task<IActionResult> ClearCart()
    {
        _shoppingCartService.ClearCart(await _workContext.GetCurrentCustomerAsync(), (await _storeContext.GetCurrentStoreAsync()).Id);
        return RedirectToRoute(NopRouteNames.General.CART);
    }
}

/// <summary>
/// nopCommerce's trigger of schedule tasks: POST scheduletask/runtask with the task type
/// </summary>
public class ScheduleTaskController : Controller
{
    private readonly ScheduleTaskRunner _runner;
    private readonly IScheduleTaskService _scheduleTaskService;

    public ScheduleTaskController(ScheduleTaskRunner runner, IScheduleTaskService scheduleTaskService)
    {
        _runner = runner;
        _scheduleTaskService = scheduleTaskService;
    }

    [HttpPost]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> RunTask(string taskType)
    {
        var task = await _scheduleTaskService.GetTaskByTypeAsync(taskType);
        if (task == null)
            return NoContent();

        await _runner.ExecuteAsync(task);
        return NoContent();
    }
}

[AutoValidateAntiforgeryToken]
public class OrderController : BasePublicController
{
    private readonly ILocalizationService _localizationService;
    private readonly IOrderService _orderService;
    private readonly IPaymentPluginManager _paymentPluginManager;
    private readonly IPaymentService _paymentService;
    private readonly PriceFormatter _priceFormatter;
    private readonly IWebHelper _webHelper;
    private readonly IWorkContext _workContext;

    public OrderController(ILocalizationService localizationService,
        IOrderService orderService,
        IPaymentPluginManager paymentPluginManager,
        IPaymentService paymentService,
        PriceFormatter priceFormatter,
        IWebHelper webHelper,
        IWorkContext workContext)
    {
        _localizationService = localizationService;
        _orderService = orderService;
        _paymentPluginManager = paymentPluginManager;
        _paymentService = paymentService;
        _priceFormatter = priceFormatter;
        _webHelper = webHelper;
        _workContext = workContext;
    }

    public async Task<IActionResult> CustomerOrders()
    {
        var customer = await _workContext.GetCurrentCustomerAsync();
        return View(await _orderService.SearchOrdersAsync(customerId: customer.Id));
    }

    public async Task<IActionResult> Details(int orderId)
    {
        var order = await _orderService.GetOrderByIdAsync(orderId);
        var customer = await _workContext.GetCurrentCustomerAsync();
        if (order == null || order.Deleted || customer.Id != order.CustomerId)
            return Challenge();

        var plugin = await _paymentPluginManager.LoadPluginBySystemNameAsync(order.PaymentMethodSystemName);
        var model = new OrderDetailsModel
        {
            Order = order,
            OrderStatus = await _localizationService.GetLocalizedEnumAsync(order.OrderStatus),
            PaymentStatus = await _localizationService.GetLocalizedEnumAsync(order.PaymentStatus),
            PaymentMethod = plugin?.PluginDescriptor.FriendlyName ?? order.PaymentMethodSystemName,
            OrderTotalText = await _priceFormatter.FormatAsync(order.OrderTotal),
            CanRePostProcessPayment = await _paymentService.CanRePostProcessPaymentAsync(order)
        };

        foreach (var note in await _orderService.GetOrderNotesByOrderIdAsync(order.Id, true))
            model.Notes.Add(new OrderNoteModel(_orderService.FormatOrderNoteText(note), note.CreatedOnUtc));

        var customValues = new CustomValues();
        customValues.FillByXml(order.CustomValuesXml, true);
        model.CustomValues.AddRange(customValues.Select(value => new KeyValuePair<string, string>(value.Name, value.Value)));

        return View(model);
    }

    [HttpPost, ActionName("Details")]
    [FormValueRequired("repost-payment")]
    public async Task<IActionResult> RePostPayment(int orderId)
    {
        var order = await _orderService.GetOrderByIdAsync(orderId);
        var customer = await _workContext.GetCurrentCustomerAsync();
        if (order == null || order.Deleted || customer.Id != order.CustomerId)
            return Challenge();

        if (!await _paymentService.CanRePostProcessPaymentAsync(order))
            return RedirectToRoute(NopRouteNames.Standard.ORDER_DETAILS, new { orderId });

        await _paymentService.PostProcessPaymentAsync(new PostProcessPaymentRequest { Order = order });

        if (_webHelper.IsRequestBeingRedirected || _webHelper.IsPostBeingDone)
            return new EmptyResult();

        return RedirectToRoute(NopRouteNames.Standard.ORDER_DETAILS, new { orderId });
    }
}
