namespace Nop.Plugin.Payments.Kma.Localization;

public static partial class KmaLocaleResources
{
    #region Utilities

    /// <summary>
    /// What shoppers see in checkout, on the return, waiting and "pay on your phone" pages, and the failure reasons
    /// </summary>
    static partial void AddCheckout(IDictionary<string, string> english, IDictionary<string, string> thai)
    {
        void Add(string key, string en, string th)
        {
            english[$"Plugins.Payments.Kma.{key}"] = en;
            thai[$"Plugins.Payments.Kma.{key}"] = th;
        }

        //placing the order
        Add("Checkout.NotConfigured",
            "Krungsri (KMA) payments are not available in this store right now. Please choose another payment method.",
            "ขณะนี้ร้านค้ายังไม่เปิดให้ชำระเงินผ่านกรุงศรี (KMA) กรุณาเลือกวิธีชำระเงินอื่น");
        Add("Checkout.ThbUnavailable",
            "Krungsri (KMA) payments are made in Thai baht (THB), which this store does not offer. Please choose another payment method.",
            "การชำระเงินผ่านกรุงศรี (KMA) ใช้สกุลเงินบาท (THB) ซึ่งร้านค้านี้ไม่รองรับ กรุณาเลือกวิธีชำระเงินอื่น");
        Add("Checkout.AmountOutOfRange",
            "Krungsri (KMA) accepts payments from ฿20.00 to ฿150,000.00, and this order comes to {0}. Please change your cart or choose another payment method.",
            "กรุงศรี (KMA) รับชำระยอดตั้งแต่ ฿20.00 ถึง ฿150,000.00 แต่คำสั่งซื้อนี้มียอด {0} กรุณาปรับตะกร้าสินค้าหรือเลือกวิธีชำระเงินอื่น");
        Add("Checkout.AmountOutOfRangeOrder",
            "The order total is outside what Krungsri (KMA) accepts (฿20.00 to ฿150,000.00), so the payment could not be started. Please contact the store.",
            "ยอดคำสั่งซื้ออยู่นอกช่วงที่กรุงศรี (KMA) รับชำระ (฿20.00 ถึง ฿150,000.00) จึงไม่สามารถเริ่มการชำระเงินได้ กรุณาติดต่อร้านค้า");
        Add("Checkout.PaymentUnavailable",
            "We could not start your Krungsri (KMA) payment. Your order is saved: please try again with the \"Complete payment\" button below.",
            "ไม่สามารถเริ่มการชำระเงินผ่านกรุงศรี (KMA) ได้ คำสั่งซื้อของคุณถูกบันทึกไว้แล้ว กรุณาลองอีกครั้งโดยกดปุ่มชำระเงินในหน้าคำสั่งซื้อ");
        Add("Checkout.RetryLater",
            "The payment service did not answer in time, so your Krungsri (KMA) payment was not started. Your order is saved: please try again in a minute with the \"Complete payment\" button below.",
            "ระบบชำระเงินไม่ตอบกลับภายในเวลาที่กำหนด จึงยังไม่ได้เริ่มการชำระเงินผ่านกรุงศรี (KMA) คำสั่งซื้อของคุณถูกบันทึกไว้แล้ว กรุณารอสักครู่แล้วกดปุ่มชำระเงินในหน้าคำสั่งซื้ออีกครั้ง");
        Add("Checkout.Busy",
            "Your payment is being updated right now. Please try again in a moment with the \"Complete payment\" button below.",
            "ระบบกำลังอัปเดตการชำระเงินของคุณ กรุณารอสักครู่แล้วกดปุ่มชำระเงินในหน้าคำสั่งซื้ออีกครั้ง");
        Add("Checkout.OrderCancelled",
            "This order has been cancelled and can no longer be paid.",
            "คำสั่งซื้อนี้ถูกยกเลิกแล้ว และไม่สามารถชำระเงินได้อีก");

        //the return from the app
        Add("Return.OrderCancelled",
            "The order has been cancelled. Please place a new order if you still want these items.",
            "คำสั่งซื้อถูกยกเลิกแล้ว หากยังต้องการสินค้าเหล่านี้ กรุณาสั่งซื้อใหม่อีกครั้ง");

        Add("Return.NotApplied",
            "We received your payment, but this order could no longer take it (it had been cancelled). The store has been told and will contact you to settle or refund it.",
            "เราได้รับการชำระเงินของคุณแล้ว แต่คำสั่งซื้อนี้ไม่สามารถรับการชำระเงินได้อีก (ถูกยกเลิกไปก่อนหน้า) ร้านค้าได้รับแจ้งแล้ว และจะติดต่อคุณเพื่อดำเนินการหรือคืนเงิน");

        //failure reasons, one per failure code of the payment method, plus expiry and a generic one
        Add("Failure.payment_expired",
            "The payment was not completed in time and has expired. You can try again with the \"Complete payment\" button.",
            "การชำระเงินหมดเวลาเนื่องจากไม่ได้ทำรายการให้เสร็จภายในเวลาที่กำหนด คุณสามารถลองใหม่ได้โดยกดปุ่มชำระเงินในหน้าคำสั่งซื้อ");
        Add("Failure.payment_rejected",
            "Krungsri rejected the payment. Please check with your bank, or try again with the \"Complete payment\" button.",
            "ธนาคารกรุงศรีปฏิเสธการชำระเงิน กรุณาตรวจสอบกับธนาคารของคุณ หรือลองใหม่โดยกดปุ่มชำระเงินในหน้าคำสั่งซื้อ");
        Add("Failure.failed_processing",
            "The payment could not be processed. No money was taken. Please try again with the \"Complete payment\" button.",
            "ไม่สามารถดำเนินการชำระเงินได้ และไม่มีการตัดเงินจากบัญชีของคุณ กรุณาลองใหม่โดยกดปุ่มชำระเงินในหน้าคำสั่งซื้อ");
        Add("Failure.invalid_account",
            "No Krungsri account that can make this payment was found. Please check your KMA app, or choose another payment method.",
            "ไม่พบบัญชีกรุงศรีที่สามารถใช้ชำระเงินรายการนี้ได้ กรุณาตรวจสอบแอป KMA ของคุณ หรือเลือกวิธีชำระเงินอื่น");
        Add("Failure.insufficient_fund",
            "The account does not have enough funds, or has reached its payment limit. Please top up or raise your limit, then try again with the \"Complete payment\" button.",
            "ยอดเงินในบัญชีไม่เพียงพอ หรือเกินวงเงินที่กำหนดไว้ กรุณาเติมเงินหรือปรับวงเงิน แล้วลองใหม่โดยกดปุ่มชำระเงินในหน้าคำสั่งซื้อ");
        Add("Failure.payment_cancelled",
            "The payment was cancelled in the KMA app. You can try again with the \"Complete payment\" button.",
            "การชำระเงินถูกยกเลิกในแอป KMA คุณสามารถลองใหม่ได้โดยกดปุ่มชำระเงินในหน้าคำสั่งซื้อ");
        Add("Failure.timeout",
            "The bank did not confirm the payment in time. No money was taken. Please try again with the \"Complete payment\" button.",
            "ธนาคารไม่ได้ยืนยันการชำระเงินภายในเวลาที่กำหนด และไม่มีการตัดเงินจากบัญชีของคุณ กรุณาลองใหม่โดยกดปุ่มชำระเงินในหน้าคำสั่งซื้อ");
        Add("Failure.Expired",
            "The payment link has expired before the payment was made. You can start a new payment with the \"Complete payment\" button.",
            "ลิงก์ชำระเงินหมดอายุก่อนที่จะชำระเงิน คุณสามารถเริ่มการชำระเงินใหม่ได้โดยกดปุ่มชำระเงินในหน้าคำสั่งซื้อ");
        Add("Failure.Generic",
            "The Krungsri (KMA) payment was not completed. You can try again with the \"Complete payment\" button.",
            "การชำระเงินผ่านกรุงศรี (KMA) ไม่สำเร็จ คุณสามารถลองใหม่ได้โดยกดปุ่มชำระเงินในหน้าคำสั่งซื้อ");

        //the waiting page
        Add("Waiting.Title",
            "Waiting for your payment",
            "กำลังรอการชำระเงินของคุณ");
        Add("Waiting.Text",
            "Please confirm the payment in your Krungsri (KMA) app. This page moves on by itself as soon as the bank confirms it.",
            "กรุณายืนยันการชำระเงินในแอปกรุงศรี (KMA) หน้านี้จะไปยังขั้นตอนถัดไปโดยอัตโนมัติทันทีที่ธนาคารยืนยันการชำระเงิน");
        Add("Waiting.Order",
            "Order number: {0}",
            "หมายเลขคำสั่งซื้อ: {0}");
        Add("Waiting.Checking",
            "Checking the payment status…",
            "กำลังตรวจสอบสถานะการชำระเงิน…");
        Add("Waiting.StillPending",
            "We have not heard from the bank yet. If you have already paid, there is nothing more to do: your order will be updated as soon as the bank confirms.",
            "ยังไม่ได้รับการยืนยันจากธนาคาร หากคุณชำระเงินแล้ว ไม่ต้องทำอะไรเพิ่มเติม คำสั่งซื้อของคุณจะได้รับการอัปเดตทันทีที่ธนาคารยืนยัน");
        Add("Waiting.CheckNow",
            "Check now",
            "ตรวจสอบตอนนี้");

        //the desktop "pay on your phone" page
        Add("Pay.Title",
            "Pay on your phone",
            "ชำระเงินผ่านโทรศัพท์มือถือ");
        Add("Pay.Instructions",
            "Scan this QR code with your phone's camera to open the Krungsri (KMA) app, then confirm the payment there.",
            "สแกน QR Code นี้ด้วยกล้องโทรศัพท์มือถือเพื่อเปิดแอปกรุงศรี (KMA) แล้วยืนยันการชำระเงินในแอป");
        Add("Pay.Amount",
            "Amount to pay",
            "ยอดที่ต้องชำระ");
        Add("Pay.Order",
            "Order number: {0}",
            "หมายเลขคำสั่งซื้อ: {0}");
        Add("Pay.QrCode",
            "QR code of the Krungsri (KMA) payment link",
            "QR Code ของลิงก์ชำระเงินกรุงศรี (KMA)");
        Add("Pay.OpenHere",
            "Already on your phone? Open the KMA app",
            "ใช้งานบนโทรศัพท์อยู่แล้วใช่ไหม เปิดแอป KMA");
        Add("Pay.Expires",
            "The QR code is valid until {0}.",
            "QR Code นี้ใช้ได้ถึง {0}");
        Add("Pay.Waiting",
            "Waiting for you to confirm the payment in the app…",
            "กำลังรอให้คุณยืนยันการชำระเงินในแอป…");
        Add("Pay.Done",
            "Payment status changed. Taking you to your order…",
            "สถานะการชำระเงินเปลี่ยนแล้ว กำลังพาคุณไปยังคำสั่งซื้อ…");
    }

    #endregion
}
