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
    /// Gets a value indicating whether the view name belongs to the plugin
    /// </summary>
    /// <param name="viewName">View name as requested (e.g. PaymentKma.Waiting or Components/PaymentKma/Default)</param>
    /// <returns>True for the plugin's views</returns>
    protected virtual bool IsPluginView(string viewName)
    {
        if (string.IsNullOrEmpty(viewName))
            return false;

        return viewName.StartsWith(KmaDefaults.ViewNamePrefix, StringComparison.Ordinal)
            || viewName.StartsWith($"Components/{KmaDefaults.PaymentInfoViewComponentName}/", StringComparison.Ordinal);
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

        if (!IsPluginView(context.ViewName))
            return viewLocations;

        return viewLocations.Concat([KmaDefaults.ViewLocationFormat]);
    }

    #endregion
}
