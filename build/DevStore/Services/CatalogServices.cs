using DevStore.Data;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Discounts;
using Nop.Core.Domain.Orders;
using Nop.Services.Common;
using Nop.Services.Orders;
using Nop.Services.Payments;

namespace DevStore.Services;

/// <summary>
/// The DevStore's catalogue and cart (nopCommerce's product and shopping cart services, reduced to what checkout needs)
/// </summary>
public class ShoppingCartService : IShoppingCartService
{
    private readonly DevStoreData _data;

    public ShoppingCartService(DevStoreData data)
    {
        _data = data;
    }

    public Task<IList<ShoppingCartItem>> GetShoppingCartAsync(Customer customer, ShoppingCartType? shoppingCartType = null, int storeId = 0, int? productId = null,
        DateTime? createdFromUtc = null, DateTime? createdToUtc = null, int? customWishlistId = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        IList<ShoppingCartItem> items = _data.ShoppingCartItems.Query(item => item.CustomerId == customer.Id
            && (!shoppingCartType.HasValue || item.ShoppingCartType == shoppingCartType.Value)
            && (storeId == 0 || item.StoreId == storeId)
            && (!productId.HasValue || item.ProductId == productId.Value)
            && (!createdFromUtc.HasValue || createdFromUtc.Value <= item.CreatedOnUtc)
            && (!createdToUtc.HasValue || createdToUtc.Value >= item.CreatedOnUtc));
        return Task.FromResult(items);
    }

    public IList<Product> GetProducts() => _data.Products.Query();

    public Product GetProduct(int productId) => _data.Products.GetById(productId);

    public IList<ShoppingCartItem> GetShoppingCart(Customer customer, int storeId) =>
        _data.ShoppingCartItems.Query(item => item.CustomerId == customer.Id && item.StoreId == storeId && item.ShoppingCartType == ShoppingCartType.ShoppingCart);

    public void AddToCart(Customer customer, int storeId, int productId, int quantity)
    {
        if (GetProduct(productId) == null || quantity <= 0)
            return;

        var existing = GetShoppingCart(customer, storeId).FirstOrDefault(item => item.ProductId == productId);
        if (existing != null)
        {
            existing.Quantity += quantity;
            existing.UpdatedOnUtc = DateTime.UtcNow;
            _data.ShoppingCartItems.Update(existing);
            return;
        }

        _data.ShoppingCartItems.Insert(new ShoppingCartItem
        {
            CustomerId = customer.Id,
            StoreId = storeId,
            ProductId = productId,
            Quantity = quantity,
            ShoppingCartType = ShoppingCartType.ShoppingCart,
            CreatedOnUtc = DateTime.UtcNow,
            UpdatedOnUtc = DateTime.UtcNow
        });
    }

    public void ClearCart(Customer customer, int storeId) =>
        _data.ShoppingCartItems.Delete(item => item.CustomerId == customer.Id && item.StoreId == storeId);

    public decimal GetSubtotal(IList<ShoppingCartItem> cart) =>
        cart.Sum(item => (GetProduct(item.ProductId)?.Price ?? decimal.Zero) * item.Quantity);

    public bool RequiresShipping(IList<ShoppingCartItem> cart) =>
        cart.Any(item => GetProduct(item.ProductId)?.IsShipEnabled == true);
}

/// <summary>
/// Order totals without tax, discounts, gift cards or shipping: the cart subtotal plus the selected payment method's fee,
/// and nopCommerce's percentage fee rule (a percentage of the total without the fee)
/// </summary>
public class OrderTotalCalculationService : IOrderTotalCalculationService
{
    private readonly IGenericAttributeService _genericAttributeService;
    private readonly DevStoreData _data;
    private readonly IPaymentService _paymentService;
    private readonly ShoppingCartService _shoppingCartService;

    public OrderTotalCalculationService(IGenericAttributeService genericAttributeService,
        DevStoreData data,
        IPaymentService paymentService,
        ShoppingCartService shoppingCartService)
    {
        _genericAttributeService = genericAttributeService;
        _data = data;
        _paymentService = paymentService;
        _shoppingCartService = shoppingCartService;
    }

    public async Task<(decimal? shoppingCartTotal, decimal discountAmount, List<Discount> appliedDiscounts, List<AppliedGiftCard> appliedGiftCards, int redeemedRewardPoints, decimal redeemedRewardPointsAmount)> GetShoppingCartTotalAsync(
        IList<ShoppingCartItem> cart, bool? useRewardPoints = null, bool usePaymentMethodAdditionalFee = true)
    {
        var total = _shoppingCartService.GetSubtotal(cart);
        var first = cart.FirstOrDefault();
        if (usePaymentMethodAdditionalFee && first != null)
        {
            var customer = _data.Customers.GetById(first.CustomerId);
            var paymentMethod = customer == null ? null : await _genericAttributeService.GetAttributeAsync<string>(customer, DevStoreDefaults.SelectedPaymentMethodAttribute, first.StoreId);
            if (!string.IsNullOrEmpty(paymentMethod))
                total += await _paymentService.GetAdditionalHandlingFeeAsync(cart, paymentMethod);
        }

        return (Math.Round(total, 2), decimal.Zero, new List<Discount>(), new List<AppliedGiftCard>(), 0, decimal.Zero);
    }

    public async Task<decimal> CalculatePaymentAdditionalFeeAsync(IList<ShoppingCartItem> cart, decimal fee, bool usePercentage)
    {
        if (!usePercentage || fee <= 0)
            return fee;

        var totalWithoutFee = (await GetShoppingCartTotalAsync(cart, usePaymentMethodAdditionalFee: false)).shoppingCartTotal ?? 0;
        return (decimal)((float)totalWithoutFee * (float)fee / 100f);
    }
}
