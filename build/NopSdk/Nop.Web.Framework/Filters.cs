using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Nop.Services.Security;

namespace Nop.Web.Framework.Mvc.Filters;

public sealed class AuthorizeAdminAttribute : TypeFilterAttribute
{
    public AuthorizeAdminAttribute(bool ignore = false) : base(typeof(AdminAccessFilter))
    {
        IgnoreFilter = ignore;
        Arguments = [ignore];
    }

    public bool IgnoreFilter { get; }

    // Same rule as nopCommerce: the admin area requires the "access admin panel" permission.
    private sealed class AdminAccessFilter(bool ignore) : IAsyncAuthorizationFilter
    {
        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            var actionOverride = context.ActionDescriptor.FilterDescriptors
                .Where(descriptor => descriptor.Scope == FilterScope.Action)
                .Select(descriptor => descriptor.Filter)
                .OfType<AuthorizeAdminAttribute>()
                .FirstOrDefault();
            if (actionOverride?.IgnoreFilter ?? ignore)
                return;

            var permissions = context.HttpContext.RequestServices.GetRequiredService<IPermissionService>();
            if (!await permissions.AuthorizeAsync(StandardPermission.Security.ACCESS_ADMIN_PANEL))
                context.Result = new ChallengeResult();
        }
    }
}

[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class CheckPermissionAttribute : TypeFilterAttribute
{
    public CheckPermissionAttribute(string permissionSystemName, CheckPermissionResultType resultType = CheckPermissionResultType.Default)
        : this([permissionSystemName], resultType)
    {
    }

    public CheckPermissionAttribute(string[] permissionSystemNames, CheckPermissionResultType resultType = CheckPermissionResultType.Default)
        : base(typeof(PermissionFilter))
    {
        PermissionSystemName.AddRange(permissionSystemNames);
        ResultType = resultType;
        Arguments = [permissionSystemNames, resultType];
    }

    public List<string> PermissionSystemName { get; } = new();

    public CheckPermissionResultType ResultType { get; }

    public enum CheckPermissionResultType
    {
        Default = 0,
        Html = 1,
        Text = 2,
        Json = 3
    }

    // Same outcome as nopCommerce: any one permission grants access; otherwise GET redirects to
    // Security/AccessDenied, an AJAX POST gets JSON and anything else gets plain text.
    private sealed class PermissionFilter(string[] permissionSystemNames, CheckPermissionResultType resultType) : IAsyncAuthorizationFilter
    {
        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            var permissions = context.HttpContext.RequestServices.GetRequiredService<IPermissionService>();
            foreach (var name in permissionSystemNames)
            {
                if (await permissions.AuthorizeAsync(name))
                    return;
            }

            var request = context.HttpContext.Request;
            var type = resultType;
            if (type == CheckPermissionResultType.Default)
            {
                var isAjax = string.Equals(request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal);
                type = HttpMethods.IsPost(request.Method)
                    ? (isAjax ? CheckPermissionResultType.Json : CheckPermissionResultType.Html)
                    : HttpMethods.IsGet(request.Method) ? CheckPermissionResultType.Html : CheckPermissionResultType.Text;
            }

            context.Result = type switch
            {
                CheckPermissionResultType.Json => new JsonResult(new { error = "Access denied" }) { StatusCode = StatusCodes.Status403Forbidden },
                CheckPermissionResultType.Text => new ContentResult { Content = "Access denied", ContentType = "text/plain", StatusCode = StatusCodes.Status403Forbidden },
                _ => new RedirectToActionResult("AccessDenied", "Security", new { area = AreaNames.ADMIN, pageUrl = request.Path.ToString() })
            };
        }
    }
}
