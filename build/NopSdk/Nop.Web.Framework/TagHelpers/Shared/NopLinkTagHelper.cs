using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Razor.TagHelpers;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Nop.Web.Framework.UI;

namespace Nop.Web.Framework.TagHelpers.Shared;

// As nopCommerce: every <link rel="stylesheet"> in a view becomes a CSS part of the page head and is removed where it
// stands. A view rendered on its own (a partial returned by AJAX) therefore loses its style sheet.
[HtmlTargetElement(LINK_TAG_NAME, Attributes = "[rel=stylesheet]")]
public partial class NopLinkTagHelper : UrlResolutionTagHelper
{
    protected const string LINK_TAG_NAME = "link";
    protected const string EXCLUDE_FROM_BUNDLE_ATTRIBUTE_NAME = "asp-exclude-from-bundle";
    protected const string HREF_ATTRIBUTE_NAME = "href";

    protected readonly INopHtmlHelper _nopHtmlHelper;

    public NopLinkTagHelper(HtmlEncoder htmlEncoder,
        INopHtmlHelper nopHtmlHelper,
        IUrlHelperFactory urlHelperFactory) : base(urlHelperFactory, htmlEncoder)
    {
        _nopHtmlHelper = nopHtmlHelper;
    }

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);

        _nopHtmlHelper.AddCssFileParts(Href, string.Empty, ExcludeFromBundle);
        output.SuppressOutput();

        return Task.CompletedTask;
    }

    [HtmlAttributeName(EXCLUDE_FROM_BUNDLE_ATTRIBUTE_NAME)]
    public bool ExcludeFromBundle { get; set; }

    [HtmlAttributeName(HREF_ATTRIBUTE_NAME)]
    public string Href { get; set; }
}
