using Nop.Core.Domain.Orders;
using Nop.Web.Framework.Models;

namespace DevStore.Models;

public record ProductModel(int Id, string Name, decimal Price, string PriceText);

public record CartLineModel(int ProductId, string Name, int Quantity, string UnitPriceText, string TotalText);

public record CartModel : BaseNopModel
{
    public List<CartLineModel> Lines { get; set; } = new();
    public string SubtotalText { get; set; }
    public string PaymentFeeText { get; set; }
    public string TotalText { get; set; }
    public decimal Total { get; set; }
    public bool OnePageCheckout { get; set; }
}

public record PaymentMethodItemModel(string SystemName, string Name, string Description, string FeeText, string LogoUrl, bool Selected);

public record CheckoutPaymentMethodModel : BaseNopModel
{
    public List<PaymentMethodItemModel> PaymentMethods { get; set; } = new();
    public List<string> Warnings { get; set; } = new();
}

public record CheckoutPaymentInfoModel : BaseNopModel
{
    public Type PaymentViewComponent { get; set; }
    public string PaymentMethodSystemName { get; set; }
    public List<string> Warnings { get; set; } = new();
}

public record CheckoutConfirmModel : BaseNopModel
{
    public CartModel Cart { get; set; }
    public string PaymentMethodName { get; set; }
    public List<string> Warnings { get; set; } = new();
}

public record OnePageCheckoutModel : BaseNopModel
{
    public CartModel Cart { get; set; }
    public CheckoutPaymentMethodModel PaymentMethods { get; set; }
}

public record CheckoutCompletedModel : BaseNopModel
{
    public int OrderId { get; set; }
    public string CustomOrderNumber { get; set; }
}

public record OrderNoteModel(string Note, DateTime CreatedOn);

public record OrderDetailsModel : BaseNopModel
{
    public Order Order { get; set; }
    public string OrderStatus { get; set; }
    public string PaymentStatus { get; set; }
    public string PaymentMethod { get; set; }
    public string OrderTotalText { get; set; }
    public bool CanRePostProcessPayment { get; set; }
    public List<OrderNoteModel> Notes { get; set; } = new();
    public List<KeyValuePair<string, string>> CustomValues { get; set; } = new();
}

/// <summary>
/// The DevStore's own settings page, built with the same admin tag helpers and store-scope pattern as a plugin's Configure page
/// </summary>
public record DevStoreSettingsModel : BaseNopModel
{
    public int ActiveStoreScopeConfiguration { get; set; }

    [Nop.Web.Framework.Mvc.ModelBinding.NopResourceDisplayName("DevStore.Settings.OnePageCheckoutEnabled")]
    public bool OnePageCheckoutEnabled { get; set; }
    public bool OnePageCheckoutEnabled_OverrideForStore { get; set; }

    [Nop.Web.Framework.Mvc.ModelBinding.NopResourceDisplayName("DevStore.Settings.AllowRePostingPayments")]
    public bool AllowRePostingPayments { get; set; }
    public bool AllowRePostingPayments_OverrideForStore { get; set; }

    [Nop.Web.Framework.Mvc.ModelBinding.NopResourceDisplayName("DevStore.Settings.SkipPaymentInfoStepForRedirectionPaymentMethods")]
    public bool SkipPaymentInfoStepForRedirectionPaymentMethods { get; set; }
    public bool SkipPaymentInfoStepForRedirectionPaymentMethods_OverrideForStore { get; set; }

    [Nop.Web.Framework.Mvc.ModelBinding.NopResourceDisplayName("DevStore.Settings.ThemeName")]
    public string ThemeName { get; set; }
}
