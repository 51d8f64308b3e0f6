using Microsoft.AspNetCore.Html;

namespace Nop.Web.Framework.UI;

// The head's CSS parts, which NopLinkTagHelper fills: the DevStore renders them in its layouts as nopCommerce does
// (a subset of nopCommerce's interface; the plugin never calls it)
public partial interface INopHtmlHelper
{
    void AddCssFileParts(string src, string debugSrc = "", bool excludeFromBundle = false);

    void AppendCssFileParts(string src, string debugSrc = "", bool excludeFromBundle = false);

    IHtmlContent GenerateCssFiles();
}
