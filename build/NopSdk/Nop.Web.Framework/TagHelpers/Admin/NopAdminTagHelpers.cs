using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Nop.Core;
using Nop.Services.Localization;
using Nop.Web.Framework.Mvc.ModelBinding;

namespace Nop.Web.Framework.TagHelpers.Admin;

// The admin tag helpers nopCommerce 4.90 offers to plugin views: same tag names, same attributes.
// The markup is close to nopCommerce's; widget zones and editor templates of Nop.Web are left out.

[HtmlTargetElement("nop-label", Attributes = FOR_ATTRIBUTE_NAME, TagStructure = TagStructure.WithoutEndTag)]
public partial class NopLabelTagHelper : TagHelper
{
    protected const string FOR_ATTRIBUTE_NAME = "asp-for";
    protected const string DISPLAY_HINT_ATTRIBUTE_NAME = "asp-display-hint";

    protected readonly ILocalizationService _localizationService;
    protected readonly IWorkContext _workContext;

    public NopLabelTagHelper(IHtmlGenerator generator, ILocalizationService localizationService, IWorkContext workContext)
    {
        Generator = generator;
        _localizationService = localizationService;
        _workContext = workContext;
    }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);

        string resourceName = null;
        string resourceValue = null;
        var containerType = For.Metadata.ContainerType;
        var propertyName = For.Metadata.Name;
        if (containerType != null && !string.IsNullOrEmpty(propertyName))
        {
            resourceName = containerType.GetProperty(propertyName)?
                .GetCustomAttributes(typeof(NopResourceDisplayNameAttribute), true)
                .OfType<NopResourceDisplayNameAttribute>()
                .FirstOrDefault()?.ResourceKey;
            if (!string.IsNullOrEmpty(resourceName))
                resourceValue = await _localizationService.GetResourceAsync(resourceName);
        }

        var label = Generator.GenerateLabel(ViewContext, For.ModelExplorer, For.Name, resourceValue, new { @class = "col-form-label" });
        if (label == null)
            return;

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        var cssClass = output.Attributes.ContainsName("class") ? $"{output.Attributes["class"].Value} label-wrapper" : "label-wrapper";
        output.Attributes.SetAttribute("class", cssClass);
        output.Content.SetHtmlContent(label);

        if (!DisplayHint || string.IsNullOrEmpty(resourceName))
            return;

        var language = await _workContext.GetWorkingLanguageAsync();
        var hint = await _localizationService.GetResourceAsync($"{resourceName}.Hint", language.Id, logIfNotFound: false, returnEmptyIfNotFound: true);
        if (!string.IsNullOrEmpty(hint))
            output.Content.AppendHtml($"<div title='{WebUtility.HtmlEncode(hint)}' data-toggle='tooltip' class='ico-help'><i class='fas fa-circle-question'></i></div>");
    }

    protected IHtmlGenerator Generator { get; set; }

    [HtmlAttributeName(FOR_ATTRIBUTE_NAME)]
    public ModelExpression For { get; set; }

    [HtmlAttributeName(DISPLAY_HINT_ATTRIBUTE_NAME)]
    public bool DisplayHint { get; set; } = true;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; }
}

[HtmlTargetElement("nop-editor", Attributes = FOR_ATTRIBUTE_NAME, TagStructure = TagStructure.WithoutEndTag)]
public partial class NopEditorTagHelper : TagHelper
{
    protected const string FOR_ATTRIBUTE_NAME = "asp-for";
    protected const string CUSTOM_HTML_ATTRIBUTES = "html-attributes";
    protected const string REQUIRED_ATTRIBUTE_NAME = "asp-required";
    protected const string RENDER_FORM_CONTROL_CLASS_ATTRIBUTE_NAME = "asp-render-form-control-class";
    protected const string TEMPLATE_ATTRIBUTE_NAME = "asp-template";
    protected const string POSTFIX_ATTRIBUTE_NAME = "asp-postfix";

    protected readonly IHtmlHelper _htmlHelper;

    public NopEditorTagHelper(IHtmlHelper htmlHelper)
    {
        _htmlHelper = htmlHelper;
    }

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);

        output.SuppressOutput();

        var htmlAttributes = new Dictionary<string, object>();
        foreach (var (key, value) in HtmlHelper.AnonymousObjectToHtmlAttributes(CustomHtmlAttributes) ?? new Dictionary<string, object>())
            htmlAttributes.Add(key, value);

        if (bool.TryParse(IsRequired, out var required) && required)
        {
            output.PreElement.SetHtmlContent("<div class='input-group input-group-required'>");
            output.PostElement.SetHtmlContent("<div class=\"input-group-btn\"><span class=\"required\">*</span></div></div>");
        }

        (_htmlHelper as IViewContextAware)?.Contextualize(ViewContext);

        _ = bool.TryParse(RenderFormControlClass, out var renderFormControlClass);
        if ((string.IsNullOrEmpty(RenderFormControlClass) && For.Metadata.ModelType == typeof(string)) || renderFormControlClass)
            htmlAttributes.TryAdd("class", "form-control");

        if (!_htmlHelper.ViewData.ContainsKey(For.Name) && Regex.IsMatch(For.Name, @"(?=\[\w+\]\.)"))
        {
            var prefix = _htmlHelper.ViewData.TemplateInfo.HtmlFieldPrefix;
            _htmlHelper.ViewData.Add(string.IsNullOrEmpty(prefix) ? For.Name : $"{prefix}.{For.Name}", For.Model);
        }

        // ASP.NET Core's default editor templates stand in for Nop.Web's admin EditorTemplates.
        output.Content.SetHtmlContent(_htmlHelper.Editor(For.Name, Template, new { htmlAttributes, postfix = Postfix }));
        return Task.CompletedTask;
    }

    [HtmlAttributeName(FOR_ATTRIBUTE_NAME)]
    public ModelExpression For { get; set; }

    [HtmlAttributeName(CUSTOM_HTML_ATTRIBUTES)]
    public object CustomHtmlAttributes { get; set; }

    [HtmlAttributeName(REQUIRED_ATTRIBUTE_NAME)]
    public string IsRequired { get; set; }

    [HtmlAttributeName(RENDER_FORM_CONTROL_CLASS_ATTRIBUTE_NAME)]
    public string RenderFormControlClass { get; set; }

    [HtmlAttributeName(TEMPLATE_ATTRIBUTE_NAME)]
    public string Template { get; set; }

    [HtmlAttributeName(POSTFIX_ATTRIBUTE_NAME)]
    public string Postfix { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; }
}

[HtmlTargetElement("nop-override-store-checkbox", Attributes = FOR_ATTRIBUTE_NAME, TagStructure = TagStructure.WithoutEndTag)]
public partial class NopOverrideStoreCheckboxHelper : TagHelper
{
    protected const string FOR_ATTRIBUTE_NAME = "asp-for";
    protected const string INPUT_ATTRIBUTE_NAME = "asp-input";
    protected const string INPUT_2_ATTRIBUTE_NAME = "asp-input2";
    protected const string STORE_SCOPE_ATTRIBUTE_NAME = "asp-store-scope";
    protected const string PARENT_CONTAINER_ATTRIBUTE_NAME = "asp-parent-container";

    protected readonly IHtmlHelper _htmlHelper;

    public NopOverrideStoreCheckboxHelper(IHtmlHelper htmlHelper)
    {
        _htmlHelper = htmlHelper;
    }

    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);

        output.SuppressOutput();

        // Only shown while a particular store (not "all stores") is being configured.
        if (StoreScope <= 0)
            return Task.CompletedTask;

        (_htmlHelper as IViewContextAware)?.Contextualize(ViewContext);

        var inputIds = new List<string>();
        if (Input != null)
            inputIds.Add(_htmlHelper.Id(Input.Name));
        if (Input2 != null)
            inputIds.Add(_htmlHelper.Id(Input2.Name));

        var selector = string.Empty;
        if (!string.IsNullOrEmpty(ParentContainer))
            selector = $"#{ParentContainer} input, #{ParentContainer} textarea, #{ParentContainer} select";
        if (inputIds.Any())
            selector = "#" + string.Join(", #", inputIds);

        output.Content.SetHtmlContent(_htmlHelper.CheckBox(For.Name, null, new
        {
            @class = "multi-store-override-option",
            onclick = $"checkOverriddenStoreValue(this, '{selector}')",
            data_for_input_selector = selector
        }));

        return Task.CompletedTask;
    }

    [HtmlAttributeName(FOR_ATTRIBUTE_NAME)]
    public ModelExpression For { get; set; }

    [HtmlAttributeName(INPUT_ATTRIBUTE_NAME)]
    public ModelExpression Input { get; set; }

    [HtmlAttributeName(INPUT_2_ATTRIBUTE_NAME)]
    public ModelExpression Input2 { get; set; }

    [HtmlAttributeName(STORE_SCOPE_ATTRIBUTE_NAME)]
    public int StoreScope { get; set; }

    [HtmlAttributeName(PARENT_CONTAINER_ATTRIBUTE_NAME)]
    public string ParentContainer { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; }
}

[HtmlTargetElement("nop-card", Attributes = NAME_ATTRIBUTE_NAME)]
public partial class NopCardTagHelper : TagHelper
{
    protected const string NAME_ATTRIBUTE_NAME = "asp-name";
    protected const string TITLE_ATTRIBUTE_NAME = "asp-title";
    protected const string HIDE_BLOCK_ATTRIBUTE_NAME_ATTRIBUTE_NAME = "asp-hide-block-attribute-name";
    protected const string IS_HIDE_ATTRIBUTE_NAME = "asp-hide";
    protected const string IS_ADVANCED_ATTRIBUTE_NAME = "asp-advanced";
    protected const string CARD_ICON_ATTRIBUTE_NAME = "asp-icon";

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);

        var card = new TagBuilder("div");
        card.Attributes.Add("id", Name);
        card.Attributes.Add("data-card-name", Name);
        card.AddCssClass("card card-secondary card-outline");
        if (IsAdvanced)
            card.AddCssClass("advanced-setting");
        card.Attributes.Add("data-hideAttribute", HideBlockAttributeName ?? string.Empty);
        if (IsHide)
            card.AddCssClass("collapsed-card");

        var heading = new TagBuilder("div");
        heading.AddCssClass("card-header with-border clearfix");
        var title = new TagBuilder("div");
        title.AddCssClass("card-title");
        if (!string.IsNullOrEmpty(CardIconIsAdvanced))
        {
            var icon = new TagBuilder("i");
            icon.AddCssClass(CardIconIsAdvanced);
            title.InnerHtml.AppendHtml(icon);
        }
        title.InnerHtml.AppendHtml(Title ?? string.Empty);
        heading.InnerHtml.AppendHtml(title);
        card.InnerHtml.AppendHtml(heading);

        var childContent = await output.GetChildContentAsync();
        card.InnerHtml.AppendHtml(childContent);

        output.TagName = null;
        output.Content.SetHtmlContent(card);
    }

    [HtmlAttributeName(TITLE_ATTRIBUTE_NAME)]
    public string Title { get; set; }

    [HtmlAttributeName(NAME_ATTRIBUTE_NAME)]
    public string Name { get; set; }

    [HtmlAttributeName(HIDE_BLOCK_ATTRIBUTE_NAME_ATTRIBUTE_NAME)]
    public string HideBlockAttributeName { get; set; }

    [HtmlAttributeName(IS_HIDE_ATTRIBUTE_NAME)]
    public bool IsHide { get; set; }

    [HtmlAttributeName(IS_ADVANCED_ATTRIBUTE_NAME)]
    public bool IsAdvanced { get; set; }

    [HtmlAttributeName(CARD_ICON_ATTRIBUTE_NAME)]
    public string CardIconIsAdvanced { get; set; }

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; }
}
