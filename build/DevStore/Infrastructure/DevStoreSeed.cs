using DevStore.Data;
using DevStore.Services;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Directory;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.Payments;
using Nop.Core.Domain.Stores;

namespace DevStore.Infrastructure;

/// <summary>
/// The DevStore's starting data: two stores, English and Thai, THB and USD, three products, three customers
/// </summary>
public static class DevStoreSeed
{
    public static void Seed(DevStoreData data, SettingService settingService, DevStoreOptions options)
    {
        data.Stores.Insert(new Store { Name = "DevStore Bangkok", Url = "http://127.0.0.1/", Hosts = "127.0.0.1", DefaultLanguageId = DevStoreDefaults.EnglishLanguageId, DisplayOrder = 1, CompanyName = "DevStore Co., Ltd." });
        data.Stores.Insert(new Store { Name = "DevStore Chiang Mai", Url = "http://localhost/", Hosts = "localhost", DefaultLanguageId = DevStoreDefaults.EnglishLanguageId, DisplayOrder = 2, CompanyName = "DevStore Co., Ltd." });

        data.Languages.Insert(new Language { Name = "English", LanguageCulture = "en-US", UniqueSeoCode = "en", FlagImageFileName = "us.png", Published = true, DisplayOrder = 1 });
        data.Languages.Insert(new Language { Name = "ไทย", LanguageCulture = "th-TH", UniqueSeoCode = "th", FlagImageFileName = "th.png", Published = true, DisplayOrder = 2 });

        var now = DateTime.UtcNow;
        data.Currencies.Insert(new Currency { Name = "Thai Baht", CurrencyCode = "THB", Rate = 1m, DisplayLocale = "th-TH", CustomFormatting = "฿#,##0.00", Published = true, DisplayOrder = 1, CreatedOnUtc = now, UpdatedOnUtc = now });
        data.Currencies.Insert(new Currency { Name = "US Dollar", CurrencyCode = "USD", Rate = options.UsdRate, DisplayLocale = "en-US", Published = true, DisplayOrder = 2, CreatedOnUtc = now, UpdatedOnUtc = now });

        AddCustomer(data, "admin@devstore.local", "Admin", "DevStore", DevStoreDefaults.RoleAdministrators, DevStoreDefaults.RoleRegistered);
        AddCustomer(data, "shopper@devstore.local", "Somchai", "Jaidee", DevStoreDefaults.RoleRegistered);
        AddCustomer(data, "builtin@background-task-record.com", "Background", "Task", DevStoreDefaults.RoleBackgroundTask);

        // ฿15 is below KMA's ฿20 minimum and ฿160,000 above its ฿150,000 maximum
        data.Products.Insert(new Product { Name = "Mango sticky rice", NameThai = "ข้าวเหนียวมะม่วง", Price = 15m });
        data.Products.Insert(new Product { Name = "Silk scarf", NameThai = "ผ้าพันคอไหม", Price = 1500m, IsShipEnabled = true });
        data.Products.Insert(new Product { Name = "Gold necklace", NameThai = "สร้อยคอทองคำ", Price = 160000m });

        settingService.SaveSettingAsync(new CurrencySettings
        {
            PrimaryStoreCurrencyId = DevStoreDefaults.ThbCurrencyId,
            PrimaryExchangeRateCurrencyId = DevStoreDefaults.ThbCurrencyId,
            DisplayCurrencyLabel = false
        }).GetAwaiter().GetResult();

        settingService.SaveSettingAsync(new PaymentSettings
        {
            ActivePaymentMethodSystemNames = new List<string>(),
            AllowRePostingPayments = options.AllowRePostingPayments,
            BypassPaymentMethodSelectionIfOnlyOne = false,
            ShowPaymentMethodDescriptions = true,
            SkipPaymentInfoStepForRedirectionPaymentMethods = options.SkipPaymentInfoStepForRedirectionPaymentMethods,
            RegenerateOrderGuidInterval = 180
        }).GetAwaiter().GetResult();

        settingService.SaveSettingAsync(new Nop.Core.Domain.Orders.OrderSettings { OnePageCheckoutEnabled = options.OnePageCheckout, AnonymousCheckoutAllowed = true, IsReOrderAllowed = true }).GetAwaiter().GetResult();

        foreach (var (languageId, resources) in new[] { (DevStoreDefaults.EnglishLanguageId, DevStoreResources.English), (DevStoreDefaults.ThaiLanguageId, DevStoreResources.Thai) })
        {
            foreach (var (name, value) in resources)
                data.LocaleStringResources.Insert(new LocaleStringResource { LanguageId = languageId, ResourceName = name.ToLowerInvariant(), ResourceValue = value });
        }
    }

    private static void AddCustomer(DevStoreData data, string email, string firstName, string lastName, params string[] roles)
    {
        var customer = new Customer
        {
            Email = email,
            Username = email,
            FirstName = firstName,
            LastName = lastName,
            Active = true,
            IsSystemAccount = roles.Contains(DevStoreDefaults.RoleBackgroundTask),
            SystemName = roles.Contains(DevStoreDefaults.RoleBackgroundTask) ? "BackgroundTask" : null,
            CreatedOnUtc = DateTime.UtcNow,
            LastActivityDateUtc = DateTime.UtcNow
        };
        data.Customers.Insert(customer);
        data.CustomerRoles[customer.Id] = roles;
    }
}

/// <summary>
/// The nopCommerce core resources the DevStore's own pages use, in English and Thai
/// </summary>
public static class DevStoreResources
{
    public static IDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["Admin.Common.Save"] = "Save",
        ["DevStore.Settings.OnePageCheckoutEnabled"] = "One-page checkout",
        ["DevStore.Settings.OnePageCheckoutEnabled.Hint"] = "Checkout on one page (OrderSettings.OnePageCheckoutEnabled).",
        ["DevStore.Settings.AllowRePostingPayments"] = "Allow re-posting payments",
        ["DevStore.Settings.AllowRePostingPayments.Hint"] = "Shows \"Complete payment\" on the order details page (PaymentSettings.AllowRePostingPayments).",
        ["DevStore.Settings.SkipPaymentInfoStepForRedirectionPaymentMethods"] = "Skip the payment info step for redirection methods",
        ["DevStore.Settings.ThemeName"] = "Theme",
        ["Admin.Plugins.Saved"] = "The plugin has been updated successfully.",
        ["Admin.Configuration.Payment.Methods"] = "Payment methods",
        ["Admin.Configuration.Payment.Methods.BackToList"] = "back to payment method list",
        ["Admin.Common.Configure"] = "Configure",
        ["Admin.Configuration.Settings.StoreScope"] = "Multi-store configuration for",
        ["Admin.Configuration.Settings.StoreScope.AllStores"] = "All stores",
        ["Admin.Orders"] = "Orders",
        ["Admin.System.ScheduleTasks"] = "Schedule tasks",
        ["Admin.AccessDenied.Description"] = "You do not have permission to perform the selected operation.",
        ["Checkout.PaymentMethod"] = "Payment method",
        ["Checkout.PaymentInfo"] = "Payment information",
        ["Checkout.ConfirmYourOrder"] = "Confirm your order",
        ["Checkout.ConfirmButton"] = "Confirm",
        ["Checkout.ThankYou"] = "Thank you",
        ["Checkout.YourOrderHasBeenSuccessfullyProcessed"] = "Your order has been successfully processed!",
        ["Checkout.OrderNumber"] = "Order number",
        ["Checkout.PlacedOrderDetails"] = "Click here for order details.",
        ["Checkout.NoPaymentMethods"] = "No payment methods available",
        ["Checkout.PaymentError"] = "Payment error: {0}",
        ["Checkout.Button"] = "Checkout",
        ["Common.Continue"] = "Continue",
        ["ShoppingCart"] = "Shopping cart",
        ["ShoppingCart.CartIsEmpty"] = "Your Shopping Cart is empty!",
        ["ShoppingCart.Totals.SubTotal"] = "Sub-Total",
        ["ShoppingCart.Totals.OrderTotal"] = "Total",
        ["ShoppingCart.AddToCart"] = "Add to cart",
        ["Order.OrderDetails"] = "Order information",
        ["Order.Order#"] = "Order #",
        ["Order.OrderStatus"] = "Order status",
        ["Order.PaymentMethod"] = "Payment method",
        ["Order.PaymentMethodStatus"] = "Payment status",
        ["Order.OrderTotal"] = "Order total",
        ["Order.Notes"] = "Order notes",
        ["Order.RetryPayment"] = "Retry payment",
        ["Account.Login"] = "Log in",
        ["Account.Logout"] = "Log out",
        ["Account.CustomerOrders"] = "Orders",
        ["Enums.Nop.Core.Domain.Orders.OrderStatus.Pending"] = "Pending",
        ["Enums.Nop.Core.Domain.Orders.OrderStatus.Processing"] = "Processing",
        ["Enums.Nop.Core.Domain.Orders.OrderStatus.Complete"] = "Complete",
        ["Enums.Nop.Core.Domain.Orders.OrderStatus.Cancelled"] = "Cancelled",
        ["Enums.Nop.Core.Domain.Payments.PaymentStatus.Pending"] = "Pending",
        ["Enums.Nop.Core.Domain.Payments.PaymentStatus.Paid"] = "Paid",
        ["Enums.Nop.Core.Domain.Payments.PaymentStatus.Voided"] = "Voided"
    };

    public static IDictionary<string, string> Thai { get; } = new Dictionary<string, string>
    {
        ["Admin.Common.Save"] = "บันทึก",
        ["DevStore.Settings.OnePageCheckoutEnabled"] = "ชำระเงินในหน้าเดียว",
        ["DevStore.Settings.OnePageCheckoutEnabled.Hint"] = "ชำระเงินในหน้าเดียว (OrderSettings.OnePageCheckoutEnabled)",
        ["DevStore.Settings.AllowRePostingPayments"] = "อนุญาตให้ชำระเงินซ้ำ",
        ["DevStore.Settings.AllowRePostingPayments.Hint"] = "แสดงปุ่ม \"ชำระเงินให้เสร็จสิ้น\" ในหน้ารายละเอียดคำสั่งซื้อ",
        ["DevStore.Settings.SkipPaymentInfoStepForRedirectionPaymentMethods"] = "ข้ามขั้นตอนข้อมูลการชำระเงินสำหรับวิธีที่เปลี่ยนหน้า",
        ["DevStore.Settings.ThemeName"] = "ธีม",
        ["Admin.Plugins.Saved"] = "อัปเดตปลั๊กอินเรียบร้อยแล้ว",
        ["Admin.Configuration.Payment.Methods"] = "วิธีการชำระเงิน",
        ["Admin.Configuration.Payment.Methods.BackToList"] = "กลับไปที่รายการวิธีการชำระเงิน",
        ["Admin.Common.Configure"] = "ตั้งค่า",
        ["Admin.Configuration.Settings.StoreScope"] = "การตั้งค่าหลายร้านค้าสำหรับ",
        ["Admin.Configuration.Settings.StoreScope.AllStores"] = "ทุกร้านค้า",
        ["Admin.Orders"] = "คำสั่งซื้อ",
        ["Admin.System.ScheduleTasks"] = "งานตามกำหนดเวลา",
        ["Admin.AccessDenied.Description"] = "คุณไม่มีสิทธิ์ดำเนินการนี้",
        ["Checkout.PaymentMethod"] = "วิธีการชำระเงิน",
        ["Checkout.PaymentInfo"] = "ข้อมูลการชำระเงิน",
        ["Checkout.ConfirmYourOrder"] = "ยืนยันคำสั่งซื้อของคุณ",
        ["Checkout.ConfirmButton"] = "ยืนยัน",
        ["Checkout.ThankYou"] = "ขอบคุณ",
        ["Checkout.YourOrderHasBeenSuccessfullyProcessed"] = "คำสั่งซื้อของคุณได้รับการดำเนินการเรียบร้อยแล้ว!",
        ["Checkout.OrderNumber"] = "หมายเลขคำสั่งซื้อ",
        ["Checkout.PlacedOrderDetails"] = "คลิกที่นี่เพื่อดูรายละเอียดคำสั่งซื้อ",
        ["Checkout.NoPaymentMethods"] = "ไม่มีวิธีการชำระเงินที่ใช้ได้",
        ["Checkout.PaymentError"] = "การชำระเงินผิดพลาด: {0}",
        ["Checkout.Button"] = "ชำระเงิน",
        ["Common.Continue"] = "ดำเนินการต่อ",
        ["ShoppingCart"] = "ตะกร้าสินค้า",
        ["ShoppingCart.CartIsEmpty"] = "ตะกร้าสินค้าของคุณว่างเปล่า!",
        ["ShoppingCart.Totals.SubTotal"] = "ยอดรวมย่อย",
        ["ShoppingCart.Totals.OrderTotal"] = "ยอดรวม",
        ["ShoppingCart.AddToCart"] = "ใส่ตะกร้า",
        ["Order.OrderDetails"] = "ข้อมูลคำสั่งซื้อ",
        ["Order.Order#"] = "คำสั่งซื้อ #",
        ["Order.OrderStatus"] = "สถานะคำสั่งซื้อ",
        ["Order.PaymentMethod"] = "วิธีการชำระเงิน",
        ["Order.PaymentMethodStatus"] = "สถานะการชำระเงิน",
        ["Order.OrderTotal"] = "ยอดรวมคำสั่งซื้อ",
        ["Order.Notes"] = "บันทึกคำสั่งซื้อ",
        ["Order.RetryPayment"] = "ลองชำระเงินอีกครั้ง",
        ["Account.Login"] = "เข้าสู่ระบบ",
        ["Account.Logout"] = "ออกจากระบบ",
        ["Account.CustomerOrders"] = "คำสั่งซื้อ",
        ["Enums.Nop.Core.Domain.Orders.OrderStatus.Pending"] = "รอดำเนินการ",
        ["Enums.Nop.Core.Domain.Orders.OrderStatus.Processing"] = "กำลังดำเนินการ",
        ["Enums.Nop.Core.Domain.Orders.OrderStatus.Complete"] = "เสร็จสมบูรณ์",
        ["Enums.Nop.Core.Domain.Orders.OrderStatus.Cancelled"] = "ยกเลิกแล้ว",
        ["Enums.Nop.Core.Domain.Payments.PaymentStatus.Pending"] = "รอชำระเงิน",
        ["Enums.Nop.Core.Domain.Payments.PaymentStatus.Paid"] = "ชำระเงินแล้ว",
        ["Enums.Nop.Core.Domain.Payments.PaymentStatus.Voided"] = "ยกเลิกการชำระเงิน"
    };
}
