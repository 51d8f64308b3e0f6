using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nop.Plugin.Payments.Kma.Infrastructure;

namespace Nop.Plugin.Payments.Kma.Tests.Ui;

[TestFixture]
public class KmaViewLocationExpanderTests
{
    private static readonly string[] _mvcDefaults = ["/Views/{1}/{0}.cshtml", "/Views/Shared/{0}.cshtml"];

    /// <summary>Behaves as nopCommerce's ThemeableViewLocationExpander: prepends the theme's folders outside the admin area</summary>
    private sealed class ThemeLikeExpander : IViewLocationExpander
    {
        public void PopulateValues(ViewLocationExpanderContext context)
        {
            if (context.AreaName != "Admin")
                context.Values["theme"] = "Fancy";
        }

        public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
        {
            return context.Values.TryGetValue("theme", out var theme)
                ? new[] { $"/Themes/{theme}/Views/{{1}}/{{0}}.cshtml", $"/Themes/{theme}/Views/Shared/{{0}}.cshtml" }.Concat(viewLocations)
                : viewLocations;
        }
    }

    private static ViewLocationExpanderContext Context(string viewName, string controller = "Checkout", string area = null)
    {
        var actionContext = new ActionContext(new DefaultHttpContext(), new RouteData(), new ActionDescriptor());
        return new ViewLocationExpanderContext(actionContext, viewName, controller, area, null, true)
        {
            Values = new Dictionary<string, string>()
        };
    }

    private static string[] Expand(ViewLocationExpanderContext context, params IViewLocationExpander[] expanders)
    {
        foreach (var expander in expanders)
            expander.PopulateValues(context);
        IEnumerable<string> locations = _mvcDefaults;
        foreach (var expander in expanders)
            locations = expander.ExpandViewLocations(context, locations);
        return locations.Select(location => string.Format(location, context.ViewName, context.ControllerName)).ToArray();
    }

    [TestCase("PaymentKma.Waiting", "/Plugins/Payments.Kma/Views/PaymentKma.Waiting.cshtml")]
    [TestCase("PaymentKma.Pay", "/Plugins/Payments.Kma/Views/PaymentKma.Pay.cshtml")]
    [TestCase("Components/PaymentKma/PaymentKma.PaymentInfo", "/Plugins/Payments.Kma/Views/PaymentKma.PaymentInfo.cshtml")]
    public void PluginViewsAreLookedUpInThePluginFolderLast(string viewName, string pluginPath)
    {
        var locations = Expand(Context(viewName), new KmaViewLocationExpander());

        Assert.That(locations[^1], Is.EqualTo(pluginPath));
        Assert.That(locations[..^1], Is.EqualTo(_mvcDefaults.Select(location => string.Format(location, viewName, "Checkout"))));
    }

    [TestCase("Index")]
    [TestCase("Components/OrderSummary/Default")]
    [TestCase("Components/PaymentKmaOther/Default")]
    [TestCase("Components/PaymentKma/Default")]
    [TestCase("Components/PaymentKma/PaymentKma.{0}")]
    [TestCase("Components/Other/PaymentKma.PaymentInfo")]
    [TestCase("paymentkma.waiting")]
    [TestCase("_Layout")]
    public void OtherViewsAreLeftAlone(string viewName)
    {
        Assert.That(Expand(Context(viewName), new KmaViewLocationExpander()),
            Is.EqualTo(_mvcDefaults.Select(location => string.Format(location, viewName, "Checkout"))));
    }

    [Test]
    public void TheThemeWinsWhicheverExpanderRunsFirst()
    {
        foreach (var order in new[] { new IViewLocationExpander[] { new ThemeLikeExpander(), new KmaViewLocationExpander() },
                     new IViewLocationExpander[] { new KmaViewLocationExpander(), new ThemeLikeExpander() } })
        {
            var locations = Expand(Context("Components/PaymentKma/PaymentKma.PaymentInfo"), order);

            Assert.That(locations[0], Is.EqualTo("/Themes/Fancy/Views/Checkout/Components/PaymentKma/PaymentKma.PaymentInfo.cshtml"));
            Assert.That(locations[1], Is.EqualTo("/Themes/Fancy/Views/Shared/Components/PaymentKma/PaymentKma.PaymentInfo.cshtml"));
            Assert.That(locations[^1], Is.EqualTo("/Plugins/Payments.Kma/Views/PaymentKma.PaymentInfo.cshtml"));
        }
    }

    [Test]
    public void AdminRequestsStillFindThePluginViewButNoTheme()
    {
        var locations = Expand(Context("PaymentKma.Waiting", "PaymentKma", "Admin"), new ThemeLikeExpander(), new KmaViewLocationExpander());

        Assert.That(locations, Has.None.StartsWith("/Themes/"));
        Assert.That(locations[^1], Is.EqualTo("/Plugins/Payments.Kma/Views/PaymentKma.Waiting.cshtml"));
    }

    [Test]
    public void NopStartupRegistersTheExpander()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        new NopStartup().ConfigureServices(services, new ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<RazorViewEngineOptions>>().Value;

        Assert.That(options.ViewLocationExpanders.OfType<KmaViewLocationExpander>().Count(), Is.EqualTo(1));
    }
}
