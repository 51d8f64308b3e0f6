using Microsoft.Extensions.DependencyInjection;
using Nop.Services.Localization;
using Nop.Web.Framework.Localization;

namespace Nop.Web.Framework.Mvc.Razor;

/// <summary>
/// Base page of every nopCommerce view: adds T("Resource.Key") for the working language.
/// </summary>
public abstract partial class NopRazorPage<TModel> : Microsoft.AspNetCore.Mvc.Razor.RazorPage<TModel>
{
    protected ILocalizationService _localizationService;
    protected Localizer _localizer;

    public Localizer T
    {
        get
        {
            // nopCommerce resolves through its engine; the request's services are the same container here.
            _localizationService ??= Context.RequestServices.GetRequiredService<ILocalizationService>();

            _localizer ??= (format, args) =>
            {
                var resource = _localizationService.GetResourceAsync(format).GetAwaiter().GetResult();
                if (string.IsNullOrEmpty(resource))
                    return new LocalizedString(format);

                return new LocalizedString(args == null || args.Length == 0 ? resource : string.Format(resource, args));
            };

            return _localizer;
        }
    }
}
