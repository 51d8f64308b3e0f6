using System.Xml;
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
    public virtual List<CustomValue> GetValuesByDisplayLocation(CustomValueDisplayLocation displayLocation)
    {
        return this.Where(value => value.DisplayLocation == displayLocation).ToList();
    }

    public virtual string SerializeToXml()
    {
        // Only the facade's own tests and the DevStore run this; nopCommerce uses its own serializer.
        var document = new XmlDocument();
        var root = document.CreateElement("DictionarySerializer");
        document.AppendChild(root);
        foreach (var value in this)
        {
            var item = document.CreateElement("item");
            item.SetAttribute("key", value.Name);
            item.SetAttribute("value", value.Value);
            item.SetAttribute("displayToCustomer", value.DisplayToCustomer.ToString());
            item.SetAttribute("location", ((int)value.DisplayLocation).ToString());
            root.AppendChild(item);
        }

        return document.OuterXml;
    }

    public virtual void FillByXml(string customValuesXml, bool displayToCustomerOnly = false)
    {
        Clear();
        if (string.IsNullOrWhiteSpace(customValuesXml))
            return;

        var document = new XmlDocument();
        document.LoadXml(customValuesXml);
        foreach (XmlElement item in document.SelectNodes("/DictionarySerializer/item"))
        {
            var displayToCustomer = !bool.TryParse(item.GetAttribute("displayToCustomer"), out var flag) || flag;
            if (displayToCustomerOnly && !displayToCustomer)
                continue;

            var location = int.TryParse(item.GetAttribute("location"), out var number) ? (CustomValueDisplayLocation)number : CustomValueDisplayLocation.Payment;
            Add(new CustomValue(item.GetAttribute("key"), item.GetAttribute("value"), location, displayToCustomer));
        }
    }

    public virtual bool Remove(string name)
    {
        return TryGetValue(name, out var customValue) && Remove(customValue);
    }

    public virtual bool TryGetValue(string name, out CustomValue customValue)
    {
        customValue = this.FirstOrDefault(value => value.Name.Equals(name, StringComparison.InvariantCultureIgnoreCase));
        return customValue != null;
    }

    public virtual string this[string name]
    {
        get => TryGetValue(name, out var customValue) ? customValue.Value : null;
        set
        {
            if (TryGetValue(name, out var customValue))
                customValue.Value = value;
            else
                Add(new CustomValue(name, value));
        }
    }
}
