using System.Text.Encodings.Web;
using DevStore.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Moq;
using Nop.Web.Framework.TagHelpers.Shared;
using Nop.Web.Framework.UI;

namespace Nop.Plugin.Payments.Kma.Tests.DevStore;

/// <summary>
/// nopCommerce's way with style sheets, as the DevStore runs it: a view's &lt;link rel="stylesheet"&gt; is removed where
/// it stands and becomes a CSS part of the page head (so a partial rendered for AJAX loses it)
/// </summary>
[TestFixture]
public class StyleSheetPartsTests
{
    private static TagHelperOutput LinkOutput() => new("link", new TagHelperAttributeList { { "rel", "stylesheet" } },
        (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));

    [Test]
    public async Task TheLinkTagHelperMovesTheStyleSheetToTheHeadParts()
    {
        var helper = new Mock<INopHtmlHelper>();
        var tagHelper = new NopLinkTagHelper(HtmlEncoder.Default, helper.Object, Mock.Of<IUrlHelperFactory>()) { Href = "/Plugins/Payments.Kma/Content/kma.css" };
        var output = LinkOutput();

        await tagHelper.ProcessAsync(new TagHelperContext(new TagHelperAttributeList(), new Dictionary<object, object>(), "1"), output);

        helper.Verify(html => html.AddCssFileParts("/Plugins/Payments.Kma/Content/kma.css", string.Empty, false), Times.Once);
        Assert.That(output.TagName, Is.Null, "nothing is written where the link stood");
    }

    [Test]
    public void TheHeadListsTheThemeFirstThenEachViewsStyleSheetOnce()
    {
        var context = new DefaultHttpContext();
        context.Request.PathBase = "/shop";
        var helper = new NopHtmlHelper(new HttpContextAccessor { HttpContext = context });

        helper.AddCssFileParts("~/Plugins/Payments.Kma/Content/kma.css");
        helper.AddCssFileParts("~/Plugins/Payments.Kma/Content/kma.css");
        helper.AppendCssFileParts("~/css/devstore.css");

        var html = helper.GenerateCssFiles().ToString()!.Trim().Split('\n').Select(line => line.Trim()).ToList();
        Assert.That(html, Is.EqualTo(new[]
        {
            "<link rel=\"stylesheet\" type=\"text/css\" href=\"/shop/css/devstore.css\" />",
            "<link rel=\"stylesheet\" type=\"text/css\" href=\"/shop/Plugins/Payments.Kma/Content/kma.css\" />"
        }));
    }
}
