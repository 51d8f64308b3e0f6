using Microsoft.AspNetCore.Html;

namespace Nop.Web.Framework.Localization;

public partial class LocalizedString : HtmlString
{
    public LocalizedString(string localized) : base(localized)
    {
        Text = localized;
    }

    public string Text { get; }
}

public delegate LocalizedString Localizer(string text, params object[] args);
