using System.Globalization;
using DevStore.Services;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Routing;
using Nop.Core;
using Nop.Services.Directory;

namespace DevStore.Infrastructure;

/// <summary>
/// nopCommerce's FormValueRequired: the action is selected only when the posted form has one of the given keys
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FormValueRequiredAttribute : ActionMethodSelectorAttribute
{
    private readonly string[] _submitButtonNames;

    public FormValueRequiredAttribute(params string[] submitButtonNames)
    {
        _submitButtonNames = submitButtonNames;
    }

    public override bool IsValidForRequest(RouteContext routeContext, ActionDescriptor action)
    {
        var request = routeContext.HttpContext.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
            return false;

        return _submitButtonNames.Any(name => request.Form.Keys.Any(key => key.Equals(name, StringComparison.InvariantCultureIgnoreCase)));
    }
}

/// <summary>
/// Formats a primary-currency (THB) amount in the working currency
/// </summary>
public class PriceFormatter
{
    private readonly ICurrencyService _currencyService;
    private readonly IWorkContext _workContext;

    public PriceFormatter(ICurrencyService currencyService, IWorkContext workContext)
    {
        _currencyService = currencyService;
        _workContext = workContext;
    }

    public async Task<string> FormatAsync(decimal primaryAmount)
    {
        var currency = await _workContext.GetWorkingCurrencyAsync();
        var amount = await _currencyService.ConvertFromPrimaryStoreCurrencyAsync(primaryAmount, currency);
        if (!string.IsNullOrEmpty(currency.CustomFormatting))
            return amount.ToString(currency.CustomFormatting, CultureInfo.InvariantCulture);

        return amount.ToString("C", new CultureInfo(currency.DisplayLocale ?? "en-US"));
    }
}
