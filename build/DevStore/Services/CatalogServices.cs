using DevStore.Data;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;

namespace DevStore.Services;

/// <summary>
/// The DevStore's catalogue and cart (nopCommerce's product and shopping cart services, reduced to what checkout needs)
/// </summary>
public class ShoppingCartService
{
    private readonly DevStoreData _data;

    public ShoppingCartService(DevStoreData data)
    {
        _data = data;
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
