namespace Nop.Core.Domain.Discounts;

// Only named by IOrderTotalCalculationService.GetShoppingCartTotalAsync's result.
public partial class Discount : BaseEntity
{
    public string Name { get; set; }
}
