using System.Xml;
using System.Xml.Linq;
using Nop.Core;
using Nop.Core.Domain.Orders;

namespace Nop.Services.Orders;

public partial interface IOrderService
{
    Task<Order> GetOrderByIdAsync(int orderId);

    Task<Order> GetOrderByGuidAsync(Guid orderGuid);

    Task<Order> GetOrderByCustomOrderNumberAsync(string customOrderNumber);

    Task<IList<Order>> GetOrdersByIdsAsync(int[] orderIds);

    Task<IList<Order>> GetOrdersByGuidsAsync(Guid[] orderGuids);

    Task<IPagedList<Order>> SearchOrdersAsync(int storeId = 0,
        int vendorId = 0, int customerId = 0,
        int productId = 0, int affiliateId = 0, int warehouseId = 0,
        int billingCountryId = 0, string paymentMethodSystemName = null,
        DateTime? createdFromUtc = null, DateTime? createdToUtc = null,
        List<int> osIds = null, List<int> psIds = null, List<int> ssIds = null,
        string billingPhone = null, string billingEmail = null, string billingLastName = "",
        string orderNotes = null, int pageIndex = 0, int pageSize = int.MaxValue, bool getOnlyTotalCount = false);

    Task InsertOrderAsync(Order order);

    Task UpdateOrderAsync(Order order);

    Task DeleteOrderAsync(Order order);

    Task<IList<OrderNote>> GetOrderNotesByOrderIdAsync(int orderId, bool? displayToCustomer = null);

    Task<OrderNote> GetOrderNoteByIdAsync(int orderNoteId);

    Task DeleteOrderNoteAsync(OrderNote orderNote);

    string FormatOrderNoteText(OrderNote orderNote);

    Task InsertOrderNoteAsync(OrderNote orderNote);
}

public partial interface IOrderProcessingService
{
    Task CheckOrderStatusAsync(Order order);

    bool CanCancelOrder(Order order);

    Task CancelOrderAsync(Order order, bool notifyCustomer);

    bool CanMarkOrderAsAuthorized(Order order);

    Task MarkAsAuthorizedAsync(Order order);

    bool CanMarkOrderAsPaid(Order order);

    Task MarkOrderAsPaidAsync(Order order);
}

public enum CustomValueDisplayLocation
{
    BillingAddress = 0,
    ShippingAddress = 1,
    Payment = 2,
    Shipping = 3
}

public partial class CustomValue
{
    public CustomValue(string name, string value, CustomValueDisplayLocation displayLocation = CustomValueDisplayLocation.Payment, bool displayToCustomer = true, DateTime? createdOnUtc = null)
    {
        Name = name;
        Value = value;
        DisplayLocation = displayLocation;
        DisplayToCustomer = displayToCustomer;
        CreatedOnUtc = createdOnUtc;
    }

    public string Value { get; set; }

    public string Name { get; set; }

    public bool DisplayToCustomer { get; set; }

    public CustomValueDisplayLocation DisplayLocation { get; set; }

    public DateTime? CreatedOnUtc { get; set; }

    public override string ToString()
    {
        return Value;
    }
}

public partial class CustomValues : List<CustomValue>
{
    // Same XML shape as nopCommerce (Order.CustomValuesXml): DictionarySerializer/item/{key,value,displayToCustomer,location,createdOn}.
    public virtual List<CustomValue> GetValuesByDisplayLocation(CustomValueDisplayLocation displayLocation)
    {
        return FindAll(value => value.DisplayLocation == displayLocation);
    }

    public virtual string SerializeToXml()
    {
        if (Count == 0)
            return string.Empty;

        var items = this.Select(value => new XElement("item",
            new XElement("key", value.Name),
            new XElement("value", value.Value),
            new XElement("displayToCustomer", value.DisplayToCustomer),
            new XElement("location", (int)value.DisplayLocation),
            new XElement("createdOn", value.CreatedOnUtc?.Ticks ?? 0)));

        return new XElement("DictionarySerializer", items).ToString(SaveOptions.DisableFormatting);
    }

    public virtual void FillByXml(string customValuesXml, bool displayToCustomerOnly = false)
    {
        Clear();
        if (string.IsNullOrWhiteSpace(customValuesXml))
            return;

        XElement root;
        try
        {
            root = XElement.Parse(customValuesXml);
        }
        catch (XmlException)
        {
            return;
        }

        foreach (var item in root.Elements("item"))
        {
            var location = int.TryParse(item.Element("location")?.Value, out var number) && Enum.IsDefined(typeof(CustomValueDisplayLocation), number)
                ? (CustomValueDisplayLocation)number
                : CustomValueDisplayLocation.Payment;
            var displayToCustomer = !bool.TryParse(item.Element("displayToCustomer")?.Value, out var flag) || flag;
            DateTime? createdOnUtc = long.TryParse(item.Element("createdOn")?.Value, out var ticks) && ticks > 0 ? new DateTime(ticks) : null;
            if (displayToCustomerOnly && !displayToCustomer)
                continue;

            Add(new CustomValue(item.Element("key")?.Value, item.Element("value")?.Value, location, displayToCustomer, createdOnUtc));
        }
    }

    public virtual bool Remove(string name)
    {
        return TryGetValue(name, out var customValue) && Remove(customValue);
    }

    public virtual bool TryGetValue(string name, out CustomValue customValue)
    {
        customValue = Find(value => value.Name.Equals(name));
        return customValue != null;
    }

    // As in nopCommerce, reading a missing name throws and writing replaces the value.
    public virtual string this[string name]
    {
        get => TryGetValue(name, out var customValue) ? customValue.Value : throw new InvalidOperationException($"No custom value named '{name}'.");
        set
        {
            Remove(name);
            Add(new CustomValue(name, value));
        }
    }
}
