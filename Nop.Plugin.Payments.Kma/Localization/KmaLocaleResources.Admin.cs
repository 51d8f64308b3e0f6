namespace Nop.Plugin.Payments.Kma.Localization;

public static partial class KmaLocaleResources
{
    #region Utilities

    /// <summary>
    /// Adds the texts of the admin configuration page and of the checkout payment info
    /// </summary>
    /// <param name="english">English resources</param>
    /// <param name="thai">Thai resources</param>
    static partial void AddAdmin(IDictionary<string, string> english, IDictionary<string, string> thai)
    {
        void Add(string key, string englishText, string thaiText)
        {
            english[$"Plugins.Payments.Kma.{key}"] = englishText;
            thai[$"Plugins.Payments.Kma.{key}"] = thaiText;
        }

        //fields
        Add("Fields.PublicKey", "Public key",
            "คีย์สาธารณะ (Public key)");
        Add("Fields.PublicKey.Hint", "The public key from the Opn dashboard (Keys). It starts with pkey_test_ in test mode and pkey_ in live mode.",
            "คีย์สาธารณะจากแดชบอร์ด Opn (เมนู Keys) ขึ้นต้นด้วย pkey_test_ ในโหมดทดสอบ และ pkey_ ในโหมดใช้งานจริง");
        Add("Fields.SecretKey", "Secret key",
            "คีย์ลับ (Secret key)");
        Add("Fields.SecretKey.Hint", "The secret key from the Opn dashboard (Keys), starting with skey_test_ or skey_. It is never shown again after saving; leave the field empty to keep the saved key.",
            "คีย์ลับจากแดชบอร์ด Opn (เมนู Keys) ขึ้นต้นด้วย skey_test_ หรือ skey_ ระบบจะไม่แสดงคีย์นี้อีกหลังบันทึก หากต้องการใช้คีย์เดิมให้เว้นช่องนี้ว่างไว้");
        Add("Fields.WebhookSecret", "Webhook secret",
            "รหัสลับเว็บฮุก (Webhook secret)");
        Add("Fields.WebhookSecret.Hint", "The Base64 secret Opn shows when you create the webhook endpoint. The plugin uses it to check that webhooks really come from Opn. Leave empty to keep the saved secret.",
            "รหัสลับแบบ Base64 ที่ Opn แสดงเมื่อสร้างปลายทางเว็บฮุก ปลั๊กอินใช้รหัสนี้ตรวจสอบว่าเว็บฮุกมาจาก Opn จริง หากต้องการใช้รหัสเดิมให้เว้นช่องนี้ว่างไว้");
        Add("Fields.ApiBaseUrl", "API base URL (advanced)",
            "URL หลักของ API (ขั้นสูง)");
        Add("Fields.ApiBaseUrl.Hint", "Leave as https://api.omise.co. Change it only to use a local OpnEmulator during development.",
            "ใช้ค่า https://api.omise.co ตามเดิม เปลี่ยนเฉพาะเมื่อต้องการทดสอบกับ OpnEmulator บนเครื่องระหว่างการพัฒนา");
        Add("Fields.AdditionalFee", "Additional fee",
            "ค่าธรรมเนียมเพิ่มเติม");
        Add("Fields.AdditionalFee.Hint", "A fee added to orders paid with KMA, in the primary store currency. Use 0 for none.",
            "ค่าธรรมเนียมที่บวกเพิ่มในคำสั่งซื้อที่ชำระผ่าน KMA เป็นสกุลเงินหลักของร้าน ใส่ 0 หากไม่คิดค่าธรรมเนียม");
        Add("Fields.AdditionalFeePercentage", "Additional fee is a percentage",
            "ค่าธรรมเนียมเพิ่มเติมคิดเป็นเปอร์เซ็นต์");
        Add("Fields.AdditionalFeePercentage.Hint", "Tick to charge the additional fee as a percentage of the order total instead of a fixed amount.",
            "เลือกเพื่อคิดค่าธรรมเนียมเพิ่มเติมเป็นเปอร์เซ็นต์ของยอดคำสั่งซื้อ แทนการคิดเป็นจำนวนเงินคงที่");
        Add("Fields.CancelOrderOnFailedCharge", "Cancel the order when a payment fails",
            "ยกเลิกคำสั่งซื้อเมื่อการชำระเงินไม่สำเร็จ");
        Add("Fields.CancelOrderOnFailedCharge.Hint", "When ticked, a failed KMA payment cancels the order. When not ticked, the order stays pending and the shopper can try again.",
            "หากเลือก คำสั่งซื้อจะถูกยกเลิกเมื่อชำระผ่าน KMA ไม่สำเร็จ หากไม่เลือก คำสั่งซื้อจะยังรอชำระ และลูกค้าสามารถลองชำระใหม่ได้");
        Add("Fields.CancelOrderOnExpiredCharge", "Cancel the order when a payment expires",
            "ยกเลิกคำสั่งซื้อเมื่อรายการชำระเงินหมดอายุ");
        Add("Fields.CancelOrderOnExpiredCharge.Hint", "When ticked, an order whose KMA payment expired without being confirmed is cancelled.",
            "หากเลือก คำสั่งซื้อที่รายการชำระผ่าน KMA หมดอายุโดยยังไม่ได้ยืนยัน จะถูกยกเลิก");
        Add("Fields.UseDynamicWebhooks", "Dynamic webhooks",
            "เว็บฮุกแบบไดนามิก (Dynamic webhooks)");
        Add("Fields.UseDynamicWebhooks.Hint", "Each charge tells Opn to send its events to this store's webhook URL, so you need not set the URL in the dashboard. A webhook secret is still recommended.",
            "ทุกรายการชำระเงินจะแจ้ง Opn ให้ส่งเหตุการณ์มายัง URL เว็บฮุกของร้านนี้โดยตรง จึงไม่ต้องตั้งค่า URL ในแดชบอร์ด แต่ยังแนะนำให้ตั้งรหัสลับเว็บฮุก");
        Add("Fields.CheckCapability", "Check that KMA is enabled",
            "ตรวจสอบว่าเปิดใช้ KMA แล้ว");
        Add("Fields.CheckCapability.Hint", "Show KMA at checkout only when Opn reports that mobile_banking_bay is enabled for your account (checked from time to time, not on every page).",
            "แสดง KMA ในขั้นตอนชำระเงินเฉพาะเมื่อ Opn ยืนยันว่าบัญชีของคุณเปิดใช้ mobile_banking_bay แล้ว (ตรวจเป็นระยะ ไม่ได้ตรวจทุกครั้งที่เปิดหน้า)");

        //sanity checks on save
        Add("Fields.PublicKey.IsSecretKey", "This is a secret key (skey_...). Put it in the secret key field and enter the public key (pkey_...) here.",
            "นี่คือคีย์ลับ (skey_...) กรุณาใส่ในช่องคีย์ลับ และใส่คีย์สาธารณะ (pkey_...) ในช่องนี้");
        Add("Fields.PublicKey.Malformed", "This does not look like an Opn public key. Copy it again from the Opn dashboard: it looks like pkey_test_... or pkey_...",
            "รูปแบบคีย์สาธารณะไม่ถูกต้อง กรุณาคัดลอกจากแดชบอร์ด Opn อีกครั้ง คีย์จะอยู่ในรูป pkey_test_... หรือ pkey_...");
        Add("Fields.SecretKey.IsPublicKey", "This is a public key (pkey_...). The secret key starts with skey_; you find it next to the public key in the Opn dashboard.",
            "นี่คือคีย์สาธารณะ (pkey_...) คีย์ลับจะขึ้นต้นด้วย skey_ ซึ่งอยู่ถัดจากคีย์สาธารณะในแดชบอร์ด Opn");
        Add("Fields.SecretKey.Malformed", "This does not look like an Opn secret key. Copy it again from the Opn dashboard: it looks like skey_test_... or skey_...",
            "รูปแบบคีย์ลับไม่ถูกต้อง กรุณาคัดลอกจากแดชบอร์ด Opn อีกครั้ง คีย์จะอยู่ในรูป skey_test_... หรือ skey_...");
        Add("Fields.Keys.ModeMismatch", "The public key and the secret key are from different modes (one test, one live). Use both test keys or both live keys.",
            "คีย์สาธารณะและคีย์ลับมาจากคนละโหมด (โหมดทดสอบกับโหมดใช้งานจริง) กรุณาใช้คีย์ทดสอบทั้งคู่ หรือคีย์ใช้งานจริงทั้งคู่");
        Add("Fields.WebhookSecret.Malformed", "This is not a valid webhook secret. Copy the whole Base64 value Opn showed when you created the webhook (at least 16 bytes), without spaces.",
            "รหัสลับเว็บฮุกไม่ถูกต้อง กรุณาคัดลอกค่า Base64 ทั้งหมดที่ Opn แสดงตอนสร้างเว็บฮุก (อย่างน้อย 16 ไบต์) โดยไม่มีช่องว่าง");
        Add("Fields.ApiBaseUrl.Malformed", "The API base URL must be an absolute http:// or https:// address, such as https://api.omise.co.",
            "URL หลักของ API ต้องเป็นที่อยู่แบบเต็มที่ขึ้นต้นด้วย http:// หรือ https:// เช่น https://api.omise.co");

        //configuration page
        Add("Configuration.Keys", "Opn keys",
            "คีย์ Opn");
        Add("Configuration.Instructions", "Sign in to the Opn dashboard, open Keys, and copy the public and secret keys of the mode you want (test or live). Then save and use Test connection.",
            "เข้าสู่ระบบแดชบอร์ด Opn เปิดเมนู Keys แล้วคัดลอกคีย์สาธารณะและคีย์ลับของโหมดที่ต้องการ (ทดสอบหรือใช้งานจริง) จากนั้นกดบันทึกและกดทดสอบการเชื่อมต่อ");
        Add("Configuration.Webhook", "Webhook",
            "เว็บฮุก (Webhook)");
        Add("Configuration.Behaviour", "Orders and checkout",
            "คำสั่งซื้อและการชำระเงิน");
        Add("Configuration.SecretSet", "A value is saved.",
            "บันทึกค่าไว้แล้ว");
        Add("Configuration.SecretSetEndingWith", "A value is saved (ending in {0}).",
            "บันทึกค่าไว้แล้ว (ลงท้ายด้วย {0})");
        Add("Configuration.SecretNotSet", "No value is saved yet.",
            "ยังไม่ได้บันทึกค่า");
        Add("Configuration.SecretKeepHint", "Leave the field empty to keep it.",
            "เว้นว่างไว้เพื่อใช้ค่าเดิม");
        Add("Configuration.WebhookUrl", "Webhook URL",
            "URL เว็บฮุก");
        Add("Configuration.Copy", "Copy",
            "คัดลอก");
        Add("Configuration.Copied", "Copied",
            "คัดลอกแล้ว");
        Add("Configuration.WebhookSteps.Open", "In the Opn dashboard, open Webhooks (test and live mode each have their own).",
            "ในแดชบอร์ด Opn เปิดเมนู Webhooks (โหมดทดสอบและโหมดใช้งานจริงตั้งค่าแยกกัน)");
        Add("Configuration.WebhookSteps.Paste", "Add an endpoint and paste the URL above. Opn needs an https address with a valid certificate.",
            "เพิ่มปลายทาง (endpoint) แล้ววาง URL ด้านบน Opn ต้องการที่อยู่ https ที่มีใบรับรองถูกต้อง");
        Add("Configuration.WebhookSteps.Secret", "Create a webhook secret on the same page and copy it. Keep it private, like a password.",
            "สร้างรหัสลับเว็บฮุก (webhook secret) ในหน้าเดียวกันแล้วคัดลอกไว้ เก็บรักษาเป็นความลับเช่นเดียวกับรหัสผ่าน");
        Add("Configuration.WebhookSteps.Save", "Paste the secret into the webhook secret field on this page and save.",
            "วางรหัสลับในช่องรหัสลับเว็บฮุกในหน้านี้ แล้วกดบันทึก");
        Add("Configuration.Refunds", "Refunds",
            "การคืนเงิน");
        Add("Configuration.RefundHelp", "KMA payments cannot be refunded or voided from nopCommerce: Opn's KMA guide says mobile banking charges cannot be voided or refunded through Opn Payments. Pay the shopper back yourself, for example by bank transfer (Opn support can advise), then open the order and record it with \"Refund (Offline)\" so that nopCommerce shows the order as refunded.",
            "ไม่สามารถคืนเงินหรือยกเลิกรายการชำระเงินผ่าน KMA จาก nopCommerce ได้ เนื่องจากคู่มือ KMA ของ Opn ระบุว่ารายการชำระผ่านโมบายแบงก์กิ้งไม่สามารถยกเลิกหรือคืนเงินผ่าน Opn Payments ได้ กรุณาคืนเงินให้ผู้ซื้อด้วยตนเอง เช่น โอนเงินผ่านธนาคาร (สอบถามฝ่ายสนับสนุนของ Opn ได้) จากนั้นเปิดคำสั่งซื้อแล้วบันทึกด้วยปุ่ม \"Refund (Offline)\" เพื่อให้ nopCommerce แสดงสถานะคืนเงินแล้ว");
        Add("Configuration.NotSaved", "The settings were not saved. Please correct the fields marked below.",
            "ยังไม่ได้บันทึกการตั้งค่า กรุณาแก้ไขช่องที่มีข้อความแจ้งด้านล่าง");

        //test connection
        Add("TestConnection.Button", "Test connection",
            "ทดสอบการเชื่อมต่อ");
        Add("TestConnection.Hint", "Test connection checks the keys and API base URL as they are in the form, without saving them. An empty secret key field uses the saved key.",
            "การทดสอบการเชื่อมต่อจะตรวจสอบคีย์และ URL หลักของ API ตามที่กรอกในฟอร์มโดยไม่บันทึก หากเว้นช่องคีย์ลับว่างไว้ จะใช้คีย์ที่บันทึกไว้");
        Add("TestConnection.Title", "Connection to Opn",
            "การเชื่อมต่อกับ Opn");
        Add("TestConnection.Success", "Opn accepted the keys.",
            "Opn ยอมรับคีย์เรียบร้อยแล้ว");
        Add("TestConnection.Email", "Account email",
            "อีเมลบัญชี");
        Add("TestConnection.Country", "Account country",
            "ประเทศของบัญชี");
        Add("TestConnection.Mode", "Mode",
            "โหมด");
        Add("TestConnection.Mode.Test", "Test",
            "ทดสอบ (Test)");
        Add("TestConnection.Mode.Live", "Live",
            "ใช้งานจริง (Live)");
        Add("TestConnection.KmaEnabled", "KMA (mobile_banking_bay) enabled for THB",
            "เปิดใช้ KMA (mobile_banking_bay) สำหรับเงินบาท");
        Add("TestConnection.Yes", "Yes",
            "ใช่");
        Add("TestConnection.No", "No",
            "ไม่");
        Add("TestConnection.Limits", "Amount limits (THB)",
            "วงเงินต่อรายการ (บาท)");
        Add("TestConnection.ApiBaseUrl", "API base URL",
            "URL หลักของ API");
        Add("TestConnection.NoSecretKey", "There is no secret key to test: type it into the secret key field (it is not saved by the test), or save one first.",
            "ยังไม่มีคีย์ลับให้ทดสอบ กรุณาพิมพ์คีย์ลับในช่องคีย์ลับ (การทดสอบจะไม่บันทึกคีย์) หรือบันทึกคีย์ก่อน");
        Add("TestConnection.KmaNotEnabled", "KMA (mobile_banking_bay) is not enabled on this Opn account. Ask Opn support to enable Krungsri mobile banking; until then the method is hidden at checkout when the capability check is on.",
            "บัญชี Opn นี้ยังไม่ได้เปิดใช้ KMA (mobile_banking_bay) กรุณาติดต่อฝ่ายสนับสนุนของ Opn เพื่อขอเปิดใช้โมบายแบงก์กิ้งกรุงศรี ระหว่างนี้ช่องทางนี้จะถูกซ่อนในหน้าชำระเงินหากเปิดการตรวจสอบไว้");
        Add("TestConnection.ModeMismatch", "The keys and the account disagree about the mode (test or live). Check that you copied the keys of the mode you want.",
            "คีย์และบัญชีระบุโหมดไม่ตรงกัน (ทดสอบหรือใช้งานจริง) กรุณาตรวจสอบว่าคัดลอกคีย์ของโหมดที่ต้องการ");
        Add("TestConnection.NotThaiAccount", "This Opn account is not a Thai account. KMA payments are available to Thai accounts only.",
            "บัญชี Opn นี้ไม่ใช่บัญชีในประเทศไทย การชำระผ่าน KMA ใช้ได้กับบัญชีในประเทศไทยเท่านั้น");
        Add("TestConnection.Error.Authentication", "Opn refused the secret key (authentication failure). Copy the secret key again from the Opn dashboard (Keys), check that it matches the mode (test or live), save, and test again.",
            "Opn ไม่ยอมรับคีย์ลับ (authentication failure) กรุณาคัดลอกคีย์ลับจากแดชบอร์ด Opn (เมนู Keys) อีกครั้ง ตรวจสอบว่าเป็นโหมดที่ถูกต้อง (ทดสอบหรือใช้งานจริง) กดบันทึก แล้วทดสอบอีกครั้ง");
        Add("TestConnection.Error.Forbidden", "Opn refused access to this account. The account may be locked or not yet activated: contact Opn support.",
            "Opn ปฏิเสธการเข้าถึงบัญชีนี้ บัญชีอาจถูกระงับหรือยังไม่เปิดใช้งาน กรุณาติดต่อฝ่ายสนับสนุนของ Opn");
        Add("TestConnection.Error.NotFound", "{0} answered \"not found\". Check the API base URL (leave it as https://api.omise.co unless you use the OpnEmulator).",
            "{0} ตอบกลับว่า \"ไม่พบ\" (not found) กรุณาตรวจสอบ URL หลักของ API (ใช้ https://api.omise.co เว้นแต่ใช้ OpnEmulator)");
        Add("TestConnection.Error.RateLimited", "Opn is receiving too many requests from this store right now. Wait a minute and test again.",
            "ขณะนี้ Opn ได้รับคำขอจากร้านนี้มากเกินไป กรุณารอประมาณหนึ่งนาทีแล้วทดสอบอีกครั้ง");
        Add("TestConnection.Error.Server", "Opn had a problem on its side. Nothing is wrong with your settings: try again in a few minutes.",
            "ระบบของ Opn ขัดข้อง การตั้งค่าของคุณไม่มีปัญหา กรุณาลองใหม่อีกครั้งในอีกสักครู่");
        Add("TestConnection.Error.Timeout", "{0} did not answer in time. Check that this server can reach it (firewall, proxy, DNS) and test again.",
            "{0} ไม่ตอบกลับภายในเวลาที่กำหนด กรุณาตรวจสอบว่าเซิร์ฟเวอร์นี้เชื่อมต่อได้ (ไฟร์วอลล์ พร็อกซี DNS) แล้วทดสอบอีกครั้ง");
        Add("TestConnection.Error.Network", "This server could not connect to {0}. Check the API base URL and the server's network, firewall or proxy settings.",
            "เซิร์ฟเวอร์นี้เชื่อมต่อกับ {0} ไม่ได้ กรุณาตรวจสอบ URL หลักของ API และการตั้งค่าเครือข่าย ไฟร์วอลล์ หรือพร็อกซีของเซิร์ฟเวอร์");
        Add("TestConnection.Error.Other", "Opn refused the request (HTTP {0}, {1}). Check the keys and settings; if it persists, contact Opn support with this code.",
            "Opn ปฏิเสธคำขอ (HTTP {0}, {1}) กรุณาตรวจสอบคีย์และการตั้งค่า หากยังเกิดขึ้นอีก กรุณาแจ้งรหัสนี้กับฝ่ายสนับสนุนของ Opn");
        Add("TestConnection.Error.Unexpected", "The test failed unexpectedly. The details are in the system log.",
            "การทดสอบล้มเหลวโดยไม่ทราบสาเหตุ ดูรายละเอียดได้ในบันทึกระบบ (System log)");

        //checkout payment info
        Add("PaymentInfo.LogoAlt", "Krungsri mobile app (KMA)",
            "แอปกรุงศรี (KMA)");
        Add("PaymentInfo.Title", "Pay with the KMA app",
            "ชำระเงินผ่านแอป KMA");
        Add("PaymentInfo.Explanation", "After you confirm the order, you approve the payment in Krungsri's KMA app. Your order is paid as soon as the app confirms it.",
            "หลังยืนยันคำสั่งซื้อ คุณจะยืนยันการชำระเงินในแอป KMA ของกรุงศรี คำสั่งซื้อจะได้รับการชำระทันทีเมื่อแอปยืนยันรายการ");
        Add("PaymentInfo.Way.Phone.Label", "On a phone:",
            "บนโทรศัพท์มือถือ:");
        Add("PaymentInfo.Way.Phone", "the KMA app opens by itself.",
            "แอป KMA จะเปิดขึ้นโดยอัตโนมัติ");
        Add("PaymentInfo.Way.Desktop.Label", "On a computer:",
            "บนคอมพิวเตอร์:");
        Add("PaymentInfo.Way.Desktop", "scan the QR code we show you with your phone.",
            "ใช้โทรศัพท์สแกน QR Code ที่แสดงบนหน้าจอ");
        Add("PaymentInfo.AmountInThb", "You will pay {0} in the KMA app.",
            "ยอดที่ต้องชำระในแอป KMA คือ {0}");
        Add("PaymentInfo.AmountInThb.Note", "KMA payments are made in Thai baht, converted at the store's exchange rate.",
            "การชำระผ่าน KMA ใช้สกุลเงินบาท โดยแปลงตามอัตราแลกเปลี่ยนของร้าน");
    }

    #endregion
}
