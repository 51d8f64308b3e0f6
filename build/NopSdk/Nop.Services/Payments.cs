using Microsoft.AspNetCore.Http;
using Nop.Core.Domain.Catalog;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Orders;
using Nop.Core.Domain.Payments;
using Nop.Services.Orders;
using Nop.Services.Plugins;

namespace Nop.Services.Payments;

public partial interface IPaymentMethod : IPlugin
{
    Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest processPaymentRequest);

    Task PostProcessPaymentAsync(PostProcessPaymentRequest postProcessPaymentRequest);

    Task<bool> HidePaymentMethodAsync(IList<ShoppingCartItem> cart);

    Task<decimal> GetAdditionalHandlingFeeAsync(IList<ShoppingCartItem> cart);

    Task<CapturePaymentResult> CaptureAsync(CapturePaymentRequest capturePaymentRequest);

    Task<RefundPaymentResult> RefundAsync(RefundPaymentRequest refundPaymentRequest);

    Task<VoidPaymentResult> VoidAsync(VoidPaymentRequest voidPaymentRequest);

    Task<ProcessPaymentResult> ProcessRecurringPaymentAsync(ProcessPaymentRequest processPaymentRequest);

    Task<CancelRecurringPaymentResult> CancelRecurringPaymentAsync(CancelRecurringPaymentRequest cancelPaymentRequest);

    Task<bool> CanRePostProcessPaymentAsync(Order order);

    Task<IList<string>> ValidatePaymentFormAsync(IFormCollection form);

    Task<ProcessPaymentRequest> GetPaymentInfoAsync(IFormCollection form);

    Type GetPublicViewComponent();

    Task<string> GetPaymentMethodDescriptionAsync();

    bool SupportCapture { get; }

    bool SupportPartiallyRefund { get; }

    bool SupportRefund { get; }

    bool SupportVoid { get; }

    RecurringPaymentType RecurringPaymentType { get; }

    PaymentMethodType PaymentMethodType { get; }

    bool SkipPaymentInfo { get; }
}

public enum PaymentMethodType
{
    Standard = 10,
    Redirection = 15,
    Button = 20
}

public enum RecurringPaymentType
{
    NotSupported = 0,
    Manual = 10,
    Automatic = 20
}

public partial class ProcessPaymentRequest
{
    public ProcessPaymentRequest()
    {
        CustomValues = new CustomValues();
        OrderGuid = Guid.NewGuid();
        OrderGuidGeneratedOnUtc = DateTime.UtcNow;
    }

    public int StoreId { get; set; }
    public int CustomerId { get; set; }
    public Guid OrderGuid { get; set; }
    public DateTime? OrderGuidGeneratedOnUtc { get; set; }
    public decimal OrderTotal { get; set; }
    public string PaymentMethodSystemName { get; set; }
    public string CreditCardType { get; set; }
    public string CreditCardName { get; set; }
    public string CreditCardNumber { get; set; }
    public int CreditCardExpireYear { get; set; }
    public int CreditCardExpireMonth { get; set; }
    public string CreditCardCvv2 { get; set; }
    public Order InitialOrder { get; set; }
    public int RecurringCycleLength { get; set; }
    public RecurringProductCyclePeriod RecurringCyclePeriod { get; set; }
    public int RecurringTotalCycles { get; set; }
    public CustomValues CustomValues { get; set; }
}

public partial class ProcessPaymentResult : BaseNopResult
{
    public string AvsResult { get; set; }
    public string Cvv2Result { get; set; }
    public string AuthorizationTransactionId { get; set; }
    public string AuthorizationTransactionCode { get; set; }
    public string AuthorizationTransactionResult { get; set; }
    public string CaptureTransactionId { get; set; }
    public string CaptureTransactionResult { get; set; }
    public string SubscriptionTransactionId { get; set; }
    public bool AllowStoringCreditCardNumber { get; set; }
    public bool RecurringPaymentFailed { get; set; }
    public PaymentStatus NewPaymentStatus { get; set; } = PaymentStatus.Pending;
}

public partial class PostProcessPaymentRequest
{
    public Order Order { get; set; }
}

public partial class CapturePaymentRequest
{
    public Order Order { get; set; }
}

public partial class CapturePaymentResult : BaseNopResult
{
    public string CaptureTransactionId { get; set; }
    public string CaptureTransactionResult { get; set; }
    public PaymentStatus NewPaymentStatus { get; set; } = PaymentStatus.Pending;
}

public partial class RefundPaymentRequest
{
    public Order Order { get; set; }
    public decimal AmountToRefund { get; set; }
    public bool IsPartialRefund { get; set; }
}

public partial class RefundPaymentResult : BaseNopResult
{
    public PaymentStatus NewPaymentStatus { get; set; } = PaymentStatus.Pending;
}

public partial class VoidPaymentRequest
{
    public Order Order { get; set; }
}

public partial class VoidPaymentResult : BaseNopResult
{
    public PaymentStatus NewPaymentStatus { get; set; } = PaymentStatus.Pending;
}

public partial class CancelRecurringPaymentRequest
{
    public Order Order { get; set; }
}

public partial class CancelRecurringPaymentResult : BaseNopResult
{
}

public partial interface IPaymentService
{
    Task<ProcessPaymentResult> ProcessPaymentAsync(ProcessPaymentRequest processPaymentRequest);

    Task PostProcessPaymentAsync(PostProcessPaymentRequest postProcessPaymentRequest);

    Task<bool> CanRePostProcessPaymentAsync(Order order);

    Task<decimal> GetAdditionalHandlingFeeAsync(IList<ShoppingCartItem> cart, string paymentMethodSystemName);
}

public partial interface IPaymentPluginManager : IPluginManager<IPaymentMethod>
{
    Task<IList<IPaymentMethod>> LoadActivePluginsAsync(Customer customer = null, int storeId = 0, int countryId = 0);

    bool IsPluginActive(IPaymentMethod paymentMethod);

    Task<bool> IsPluginActiveAsync(string systemName, Customer customer = null, int storeId = 0);
}
