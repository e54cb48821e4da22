"""Descriptions of the demo illustrations, used as alt text where a lesson shows one as a screenshot."""

ILLUSTRATION_DESCRIPTIONS = {
    "cover_smartphone": ("一位老人拿着智能手机微笑", "An older person smiling with a smartphone"),
    "cover_agriculture": ("农田上方的无人机和手机上的天气信息", "A drone over a field and weather on a phone"),
    "cover_livestream": ("农民在手机前展示自家农产品", "A farmer showing produce to a phone camera"),
    "phone_buttons": ("手机侧面的电源键和音量键", "The power and volume buttons on the side of a phone"),
    "phone_charging": ("手机插着充电线，屏幕显示电量", "A phone on its charger showing the battery level"),
    "dialer": ("拨号键盘和绿色的拨打按钮", "The number keypad with the green call button"),
    "contacts": (
        "通讯录里写着女儿、儿子、村医等名字",
        "A contact list with names such as Daughter, Son and Village doctor",
    ),
    "voice_message": (
        "聊天界面里的“按住说话”按钮和语音消息",
        "A chat screen with the hold-to-talk button and voice messages",
    ),
    "video_call": ("视频通话画面，下方有红色挂断按钮", "A video call with the red hang-up button at the bottom"),
    "camera": ("相机界面和圆形拍照按钮", "The camera screen with the round shutter button"),
    "share_photo": ("照片下方弹出的分享选项", "Share options below a photo"),
    "text_size_setting": ("显示设置里的字体大小滑块", "The text size slider in the display settings"),
    "qr_scan": ("扫码框对准一个二维码", "The scanner frame over a QR code"),
    "payment_confirm": (
        "付款确认页面，显示收款人姓名和金额",
        "A payment confirmation showing the payee's name and the amount",
    ),
    "scam_sms": (
        "一条可疑短信，说账户被冻结，要求点链接",
        "A suspicious text message saying the account is frozen, asking to tap a link",
    ),
    "scam_call": (
        "陌生号码来电，自称客服或警察",
        "An incoming call from an unknown number claiming to be customer service or police",
    ),
    "weather_app": ("天气软件显示未来七天的雨和风", "A weather app showing rain and wind for the next seven days"),
    "market_prices": ("农产品价格列表，带涨跌箭头", "A list of crop prices with up and down arrows"),
    "pest_photo": ("叶子上的害虫照片和识别结果", "A photo of a pest on a leaf and the identification result"),
    "soil_sensor": ("土壤湿度、温度和酸碱度读数", "Soil moisture, temperature and pH readings"),
    "greenhouse_dashboard": (
        "大棚温度、湿度、二氧化碳和光照读数",
        "Greenhouse temperature, humidity, CO2 and light readings",
    ),
    "drone_spraying": (
        "无人机在农田上空喷药，人员保持安全距离",
        "A drone spraying a field while people keep a safe distance",
    ),
    "agri_service": (
        "农业服务热线12316和农技站信息卡",
        "An information card with the 12316 farming hotline and the extension station",
    ),
    "live_account": (
        "直播账号资料设置和实名认证",
        "Setting up a livestream account profile with real-name verification",
    ),
    "live_setup": ("三脚架上的手机、补光灯和麦克风", "A phone on a tripod with a ring light and a microphone"),
    "live_product": ("农民拿着农产品对着手机介绍", "A farmer holding produce in front of the phone"),
    "live_price_card": ("商品价格、重量和运费卡片", "A card with the price, weight and delivery cost"),
    "delivery_tracking": ("快递物流的每一步进度", "Each step of a parcel's delivery progress"),
    "after_sales_chat": ("客服聊天：商品损坏和退款", "A customer service chat about a damaged item and a refund"),
}


def describe(key, language):
    """Alt text for an illustration in ``language`` ("zh-hans" or "en")."""
    zh, en = ILLUSTRATION_DESCRIPTIONS[key]
    return en if language == "en" else zh
