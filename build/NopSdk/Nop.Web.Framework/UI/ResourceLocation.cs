namespace Nop.Web.Framework.UI;

// Plugin views import this namespace (@using Nop.Web.Framework.UI), so it has to exist when they compile at run time.
public enum ResourceLocation
{
    Auto,
    None,
    Head,
    Footer
}
