using Microsoft.AspNetCore.Mvc.Razor;

namespace Nop.Plugin.Payments.Kma.Infrastructure;

/// <summary>
/// Lets Razor find the plugin's public views by name. It APPENDS the plugin's folder after every other
/// location, so nopCommerce's theme expander (which prepends the theme's folders) still wins and a theme
/// can override any PaymentKma.* view or the payment info component.
/// </summary>
public class KmaViewLocationExpander : IViewLocationExpander
{
    #region Utilities

    /// <summary>
    /// Gets the plugin's own location of a view, or null when the view is not the plugin's
    /// </summary>
    /// <param name="viewName">View name as requested: PaymentKma.X by a controller, Components/PaymentKma/PaymentKma.X by the view component</param>
    /// <returns>A location format (or a plain path), or null</returns>
    protected virtual string GetPluginLocation(string viewName)
    {
        if (string.IsNullOrEmpty(viewName))
            return null;

        if (viewName.StartsWith(KmaDefaults.ViewNamePrefix, StringComparison.Ordinal))
            return KmaDefaults.ViewLocationFormat;

        //all plugin views live side by side in Views/, so a component's view is mapped onto that folder
        var componentPrefix = $"Components/{KmaDefaults.PaymentInfoViewComponentName}/";
        if (viewName.StartsWith(componentPrefix, StringComparison.Ordinal))
        {
            var name = viewName[componentPrefix.Length..];
            if (name.StartsWith(KmaDefaults.ViewNamePrefix, StringComparison.Ordinal) && !name.AsSpan().ContainsAny('{', '}', '/'))
                return $"{KmaDefaults.ViewsPath}{name}.cshtml";
        }

        return null;
    }

    #endregion

    #region Methods

    /// <summary>
    /// Adds no values: the locations depend on the view name only, which Razor already caches by
    /// </summary>
    /// <param name="context">Context</param>
    public virtual void PopulateValues(ViewLocationExpanderContext context)
    {
    }

    /// <summary>
    /// Appends the plugin's view location for the plugin's view names
    /// </summary>
    /// <param name="context">Context</param>
    /// <param name="viewLocations">Locations found so far</param>
    /// <returns>The locations, with the plugin's last</returns>
    public virtual IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        ArgumentNullException.ThrowIfNull(context);

        var location = GetPluginLocation(context.ViewName);
        if (location is null)
            return viewLocations;

        return viewLocations.Concat([location]);
    }

    #endregion
}
