using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Nop.Web.Framework.UI;

namespace DevStore.Infrastructure;

/// <summary>
/// The CSS parts of a page's head, per request, as nopCommerce's NopHtmlHelper keeps them (no bundling): views add
/// style sheets (through NopLinkTagHelper), the layout writes them in the head. A partial view rendered for an AJAX
/// answer has no head, so what it added is lost, as in nopCommerce.
/// </summary>
public class NopHtmlHelper : INopHtmlHelper
{
    private readonly IHttpContextAccessor _httpContextAccessor;
    private readonly List<string> _cssParts = new();

    public NopHtmlHelper(IHttpContextAccessor httpContextAccessor)
    {
        _httpContextAccessor = httpContextAccessor;
    }

    public void AddCssFileParts(string src, string debugSrc = "", bool excludeFromBundle = false)
    {
        if (!string.IsNullOrEmpty(src))
            _cssParts.Add(Resolve(src));
    }

    public void AppendCssFileParts(string src, string debugSrc = "", bool excludeFromBundle = false)
    {
        if (!string.IsNullOrEmpty(src))
            _cssParts.Insert(0, Resolve(src));
    }

    public IHtmlContent GenerateCssFiles()
    {
        var result = new StringBuilder();
        foreach (var src in _cssParts.Distinct())
            result.Append("<link rel=\"stylesheet\" type=\"text/css\" href=\"").Append(System.Net.WebUtility.HtmlEncode(src)).Append("\" />").AppendLine();
        return new HtmlString(result.ToString());
    }

    private string Resolve(string src) =>
        src.StartsWith("~/", StringComparison.Ordinal) ? _httpContextAccessor.HttpContext?.Request.PathBase.Add(new PathString(src[1..])).Value ?? src[1..] : src;
}
