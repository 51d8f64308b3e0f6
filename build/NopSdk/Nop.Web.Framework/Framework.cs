using System.ComponentModel;
using System.Xml.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using Nop.Services.Localization;
using Nop.Web.Framework.Models;

namespace Nop.Web.Framework
{
    public static partial class AreaNames
    {
        public const string ADMIN = "Admin";
    }
}

namespace Nop.Web.Framework.Controllers
{
    public abstract partial class BaseController : Controller
    {
        protected virtual Task<string> RenderViewComponentToStringAsync(Type componentType, object arguments = null)
        {
            throw new NotImplementedException();
        }

        protected virtual Task<string> RenderPartialViewToStringAsync(string viewName, object model)
        {
            throw new NotImplementedException();
        }

        protected JsonResult ErrorJson(string error)
        {
            return Json(new { error });
        }

        protected JsonResult ErrorJson(object errors)
        {
            return Json(new { error = errors });
        }

        protected virtual void DisplayEditLink(string editPageUrl)
        {
        }

        protected virtual Task AddLocalesAsync<TLocalizedModelLocal>(ILanguageService languageService, IList<TLocalizedModelLocal> locales)
            where TLocalizedModelLocal : ILocalizedLocaleModel
        {
            return AddLocalesAsync(languageService, locales, null);
        }

        protected virtual async Task AddLocalesAsync<TLocalizedModelLocal>(ILanguageService languageService, IList<TLocalizedModelLocal> locales, Action<TLocalizedModelLocal, int> configure)
            where TLocalizedModelLocal : ILocalizedLocaleModel
        {
            foreach (var language in await languageService.GetAllLanguagesAsync(true))
            {
                var locale = Activator.CreateInstance<TLocalizedModelLocal>();
                locale.LanguageId = language.Id;
                configure?.Invoke(locale, locale.LanguageId);
                locales.Add(locale);
            }
        }

        protected virtual IActionResult AccessDeniedView()
        {
            return RedirectToAction("AccessDenied", "Security", new { pageUrl = HttpContext?.Request?.Path.ToString() });
        }

        protected virtual Task<JsonResult> AccessDeniedJsonAsync()
        {
            return Task.FromResult(ErrorJson("You do not have permission to perform the selected operation."));
        }

        public virtual void SaveSelectedCardName(string cardName, bool persistForTheNextRequest = true)
        {
        }

        public virtual Task SaveSelectedTabNameAsync(string tabName = "", bool persistForTheNextRequest = true)
        {
            return Task.CompletedTask;
        }

        protected virtual void SaveSelectedTabName(string tabName, StringValues selectedTabName, string dataKeyPrefix, bool persistForTheNextRequest)
        {
        }
    }

    public abstract partial class BasePluginController : BaseController
    {
    }

    public abstract partial class BasePaymentController : BasePluginController
    {
    }
}

namespace Nop.Web.Framework.Components
{
    public abstract partial class NopViewComponent : ViewComponent
    {
        public new ViewViewComponentResult View<TModel>(string viewName, TModel model)
        {
            return base.View(viewName, model);
        }

        public new ViewViewComponentResult View<TModel>(TModel model)
        {
            return base.View(model);
        }

        public new ViewViewComponentResult View(string viewName)
        {
            return base.View(viewName);
        }
    }
}

namespace Nop.Web.Framework.Models
{
    public partial record BaseNopModel
    {
        public BaseNopModel()
        {
            CustomProperties = new Dictionary<string, string>();
            PostInitialize();
        }

        protected virtual void PostInitialize()
        {
        }

        [XmlIgnore]
        public Dictionary<string, string> CustomProperties { get; set; }
    }

    public partial interface ILocalizedModel
    {
    }

    public partial interface ILocalizedModel<TLocalizedModel> : ILocalizedModel
    {
        IList<TLocalizedModel> Locales { get; set; }
    }

    public partial interface ILocalizedLocaleModel
    {
        int LanguageId { get; set; }
    }
}

namespace Nop.Web.Framework.Mvc
{
    public partial class NoTrimAttribute : Attribute
    {
    }
}

namespace Nop.Web.Framework.Mvc.ModelBinding
{
    public partial interface IModelAttribute
    {
        string Name { get; }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class NopResourceDisplayNameAttribute : DisplayNameAttribute, IModelAttribute
    {
        public NopResourceDisplayNameAttribute(string resourceKey) : base(resourceKey)
        {
            ResourceKey = resourceKey;
        }

        public string ResourceKey { get; set; }

        // nopCommerce resolves the resource for the working language here; the facade returns the key.
        public override string DisplayName => ResourceKey;

        public string Name => nameof(NopResourceDisplayNameAttribute);
    }
}

namespace Nop.Web.Framework.Mvc.Routing
{
    public partial interface IRouteProvider
    {
        void RegisterRoutes(IEndpointRouteBuilder endpointRouteBuilder);

        int Priority { get; }
    }
}

namespace Nop.Web.Framework.Infrastructure.Extensions
{
    using Microsoft.Extensions.DependencyInjection;

    public static class HttpClientBuilderExtensions
    {
        // nopCommerce applies the admin proxy settings here; the facade behaves as with the proxy switched off.
        public static void WithProxy(this IHttpClientBuilder httpClientBuilder)
        {
            httpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler());
        }
    }
}
