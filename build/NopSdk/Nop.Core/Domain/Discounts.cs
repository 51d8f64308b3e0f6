namespace Nop.Core.Domain.Discounts;

// Only named by IOrderTotalCalculationService's tuple results; the plugin reads no member of it.
public partial class Discount : BaseEntity
{
}
