"""Phone screens of the demo lessons (dialer, chats, payments, weather apps ...), drawn inside the phone frame."""

from __future__ import annotations

import math

from .drawing import (
    BLUE,
    BLUE_L,
    FIELD,
    GRASS,
    GREEN,
    GREEN_L,
    GREY,
    INK,
    LINE,
    MUTED,
    NIGHT,
    ORANGE,
    ORANGE_L,
    PAPER,
    RED,
    RED_L,
    SCREEN,
    SKY,
    SOIL,
    SOIL_L,
    WHITE,
    YELLOW,
    Box,
    Canvas,
    arrow,
    bubble,
    camera_icon,
    check,
    chevron,
    cloud,
    cross,
    exclaim,
    face,
    fake_qr,
    farmer_with_basket,
    flip_icon,
    fruit,
    handset,
    illustration,
    leaf_shape,
    live_badge,
    mic,
    orchard,
    parcel,
    paste_avatar,
    rain_cloud,
    rotate,
    round_button,
    shield,
    slider,
    speaker_waves,
    star,
    sun,
    tri_arrow,
    warning_badge,
    warning_triangle,
    weather_icon,
    wind_icon,
)


@illustration("dialer", title=("拨号", "Phone"), screen_bg=WHITE)
def draw_dialer(c: Canvas, s: Box):
    c.text(s.cx, s.y0 + 60, "139 1234 5678", 50, INK, bold=True, anchor="mm")
    c.text(s.cx, s.y0 + 112, c.t("＋ 添加到通讯录", "+ Add to contacts"), 26, BLUE, anchor="mm")
    letters = ["", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ", "", "+", ""]
    keys = "123456789*0#"
    for i, k in enumerate(keys):
        col, row = i % 3, i // 3
        kx, ky = s.cx + (col - 1) * 150, s.y0 + 205 + row * 106
        c.circle(kx, ky, 47, PAPER)
        c.text(kx, ky - (8 if letters[i] else 0), k, 46, INK, bold=True, anchor="mm")
        if letters[i]:
            c.text(kx, ky + 26, letters[i], 16, MUTED, anchor="mm")
    call_y = s.y0 + 205 + 4 * 106 + 6
    c.circle(s.cx, call_y, 54, GREEN)
    handset(c, s.cx, call_y, 56)
    c.label(s.cx + 150, call_y, c.t("拨打", "Call"), 26, WHITE, GREEN, max_w=150)
    arrow(c, s.cx + 150 - 46, call_y, s.cx + 62, call_y, GREEN, 6, 18)


CONTACTS = [  # (zh name, en name, zh note, en note, face style, shirt)
    ("女儿 小丽", "Daughter Li", "手机 139…5678", "Mobile 139…5678", "long", (230, 90, 120)),
    ("儿子 建国", "Son Jianguo", "手机 138…2345", "Mobile 138…2345", "short", (60, 120, 200)),
    ("村医 王大夫", "Dr Wang (village)", "卫生室", "Village clinic", "doctor", (120, 170, 220)),
    ("孙子 小宝", "Grandson Bao", "手机 137…8080", "Mobile 137…8080", "cap", ORANGE),
    ("村委会", "Village office", "座机 0571…", "Landline 0571…", "bald", GREEN),
]


@illustration("contacts", title=("通讯录", "Contacts"), screen_bg=WHITE)
def draw_contacts(c: Canvas, s: Box):
    search = Box(s.x0 + 24, s.y0 + 18, s.x1 - 24, s.y0 + 76)
    c.rect(search, PAPER, r=29)
    c.circle(search.x0 + 36, search.cy - 3, 11, None, MUTED, 4)
    c.line([(search.x0 + 44, search.cy + 5), (search.x0 + 54, search.cy + 15)], MUTED, 4)
    c.text(search.x0 + 70, search.cy, c.t("搜索", "Search"), 26, MUTED, anchor="lm")
    y = s.y0 + 96
    for i, (zh, en, zh_note, en_note, style, shirt) in enumerate(CONTACTS):
        row = Box(s.x0, y, s.x1, y + 112)
        if i == 0:
            c.rect(row, GREEN_L)
        paste_avatar(c, row.x0 + 72, row.cy, 84, style, shirt, ring=BLUE_L)
        c.fit_text(
            Box(row.x0 + 130, row.y0 + 10, row.x1 - 110, row.y0 + 68), c.t(zh, en), 40, INK, bold=True, min_size=26
        )
        c.text(row.x0 + 130, row.y0 + 84, c.t(zh_note, en_note), 22, MUTED, anchor="lm")
        c.circle(row.x1 - 60, row.cy, 32, GREEN)
        handset(c, row.x1 - 60, row.cy, 34)
        if i == 0:
            star(c, row.x0 + 104, row.y0 + 22, 15, ORANGE)
        c.rect((row.x0 + 130, row.y1 - 2, row.x1, row.y1), LINE)
        y += 112


def voice_bubble(c: Canvas, x, y, seconds: int, mine: bool, unread=False):
    w = 130 + seconds * 12
    h = 64
    if mine:
        box = Box(x - w, y, x, y + h)
        bubble(c, box, (150, 226, 120), "right")
        speaker_waves(c, box.x1 - 34, box.cy, 40, INK, flip=True)
        c.text(box.x0 - 14, box.cy, f"{seconds}″", 26, MUTED, anchor="rm")
    else:
        box = Box(x, y, x + w, y + h)
        bubble(c, box, WHITE, "left")
        speaker_waves(c, box.x0 + 34, box.cy, 40, INK)
        c.text(box.x1 + 14, box.cy, f"{seconds}″", 26, MUTED, anchor="lm")
        if unread:
            c.circle(box.x1 + 62, box.y0 + 10, 8, RED)
    return box


@illustration("voice_message", title=("孙女 小雨", "Granddaughter Yu"), screen_bg=(237, 237, 237))
def draw_voice_message(c: Canvas, s: Box):
    left_x, right_x = s.x0 + 110, s.x1 - 110
    paste_avatar(c, s.x0 + 56, s.y0 + 62, 64, "long", (230, 90, 120))
    voice_bubble(c, left_x, s.y0 + 30, 8, mine=False)
    paste_avatar(c, s.x1 - 56, s.y0 + 152, 64, "bun", (120, 90, 160))
    voice_bubble(c, right_x, s.y0 + 120, 5, mine=True)
    paste_avatar(c, s.x0 + 56, s.y0 + 242, 64, "long", (230, 90, 120))
    box = Box(left_x, s.y0 + 210, s.x1 - 100, s.y0 + 330)
    bubble(c, box, WHITE, "left")
    c.fit_text(
        box.inset(20, 14), c.t("奶奶，您也可以发语音给我！", "Grandma, you can send me voice messages too!"), 30, INK
    )
    paste_avatar(c, s.x0 + 56, s.y0 + 392, 64, "long", (230, 90, 120))
    voice_bubble(c, left_x, s.y0 + 360, 12, mine=False, unread=True)
    # the bottom input bar with the big hold-to-talk button
    bar = Box(s.x0, s.y1 - 150, s.x1, s.y1)
    c.rect(bar, (247, 247, 247))
    c.rect((bar.x0, bar.y0, bar.x1, bar.y0 + 2), LINE)
    btn = Box(bar.x0 + 40, bar.y0 + 22, bar.x1 - 40, bar.y0 + 106)
    c.rect(btn, WHITE, r=18, outline=GREEN, width=4)
    mic(c, btn.x0 + 66, btn.cy, 48, GREEN)
    c.fit_text(
        Box(btn.x0 + 100, btn.y0, btn.x1 - 20, btn.y1),
        c.t("按住 说话", "Hold to talk"),
        40,
        INK,
        bold=True,
        align="center",
        min_size=26,
    )
    tip = c.label(
        s.cx,
        bar.y0 - 62,
        c.t("按住说话，松手发送", "Hold, speak, let go to send"),
        28,
        WHITE,
        GREEN,
        pad=18,
        max_w=s.w - 40,
    )
    arrow(c, s.cx, tip.y1 + 2, s.cx, btn.y0 - 4, GREEN, 6, 18)


@illustration("video_call", dark=True)
def draw_video_call(c: Canvas, s: Box):
    full = Box(SCREEN.x0, SCREEN.y0, SCREEN.x1, SCREEN.y1)
    c.rect(full, (120, 150, 180))
    c.rect((full.x0, full.y0 + 470, full.x1, full.y1), (96, 120, 150))  # a wall/floor line
    face(c, full.cx, full.y0 + 330, 120, "long", (230, 90, 120))
    # small self-view tile
    tile = Box(full.x1 - 190, full.y0 + 70, full.x1 - 30, full.y0 + 290)
    c.rect(tile, (210, 190, 160), r=18, outline=WHITE, width=4)
    sub = c.sub(tile.inset(4), (210, 190, 160))
    face(sub, sub.w / 2, sub.h * 0.45, 46, "bun", (120, 90, 160))
    c.paste(sub, tile.x0 + 4, tile.y0 + 4, c.rounded_mask(sub.w, sub.h, 14))
    c.text(full.x0 + 36, full.y0 + 94, c.t("女儿 小丽", "Daughter Li"), 40, WHITE, bold=True, anchor="lm")
    c.text(full.x0 + 36, full.y0 + 142, "02:15", 28, WHITE, anchor="lm")
    # controls
    panel = Box(full.x0, full.y1 - 220, full.x1, full.y1)
    c.rect(panel, (20, 24, 30))
    y = panel.y0 + 70
    xs = (panel.cx - 170, panel.cx, panel.cx + 170)
    round_button(c, xs[0], y, 48, (70, 76, 88), c.t("静音", "Mute"))
    mic(c, xs[0], y + 4, 50, WHITE)
    round_button(c, xs[1], y, 56, RED, c.t("挂断", "Hang up"))
    handset(c, xs[1], y, 58, WHITE, angle=135)
    round_button(c, xs[2], y, 48, (70, 76, 88), c.t("翻转镜头", "Flip camera"))
    camera_icon(c, xs[2], y, 50, WHITE, (70, 76, 88))
    flip_icon(c, xs[2], y + 2, 26, (70, 76, 88))


def landscape(c: Canvas, box: Box, horizon=0.55):
    """Sky, sun, hills and a striped field, clipped to `box`."""
    sub = c.sub(box, SKY)
    w, h = box.w, box.h
    hy = h * horizon
    sun(sub, w * 0.8, h * 0.2, h * 0.08)
    cloud(sub, w * 0.28, h * 0.18, h * 0.22)
    sub.ellipse((-w * 0.2, hy - h * 0.18, w * 0.6, hy + h * 0.2), (140, 200, 110))
    sub.ellipse((w * 0.35, hy - h * 0.12, w * 1.3, hy + h * 0.2), (120, 186, 96))
    sub.rect((0, hy, w, h), FIELD)
    rows = 7
    for i in range(rows):
        x_top = w * (0.15 + 0.7 * i / (rows - 1))
        x_bot = w * (-0.4 + 1.8 * i / (rows - 1))
        sub.line([(x_top, hy + 4), (x_bot, h + 40)], (70, 130, 44), w * 0.012, round_caps=False)
    c.paste(sub, box.x0, box.y0)


@illustration("camera", dark=True)
def draw_camera(c: Canvas, s: Box):
    view = Box(SCREEN.x0, s.y0 + 40, SCREEN.x1, s.y0 + 500)
    landscape(c, view)
    # a hen in the field, to have something to photograph
    hx, hy = view.cx - 20, view.y1 - 110
    c.ellipse((hx - 70, hy - 40, hx + 60, hy + 50), WHITE)
    c.circle(hx + 60, hy - 50, 32, WHITE)
    c.poly([(hx + 88, hy - 54), (hx + 112, hy - 46), (hx + 88, hy - 38)], ORANGE)
    c.circle(hx + 66, hy - 56, 5, INK)
    c.poly([(hx + 50, hy - 82), (hx + 60, hy - 98), (hx + 70, hy - 82)], RED)
    c.line([(hx - 10, hy + 48), (hx - 14, hy + 80)], ORANGE, 6)
    c.line([(hx + 20, hy + 48), (hx + 24, hy + 80)], ORANGE, 6)
    # focus brackets
    fx, fy, fs = hx + 10, hy - 10, 120
    for sx in (-1, 1):
        for sy in (-1, 1):
            x, y = fx + sx * fs, fy + sy * fs * 0.8
            c.line([(x, y - sy * 30), (x, y), (x - sx * 30, y)], YELLOW, 5)
    # modes and shutter row
    modes = [c.t("录像", "VIDEO"), c.t("拍照", "PHOTO"), c.t("人像", "PORTRAIT")]
    for i, m in enumerate(modes):
        c.text(s.cx + (i - 1) * 150, view.y1 + 36, m, 28, YELLOW if i == 1 else WHITE, bold=i == 1, anchor="mm")
    sy_ = view.y1 + 200
    c.circle(s.cx, sy_, 60, WHITE)
    c.circle(s.cx, sy_, 50, NIGHT)
    c.circle(s.cx, sy_, 44, WHITE)
    thumb = Box(s.x0 + 50, sy_ - 36, s.x0 + 122, sy_ + 36)
    c.rect(thumb, (140, 200, 110), r=10, outline=WHITE, width=3)
    c.circle(s.x1 - 86, sy_, 40, (70, 76, 88))
    flip_icon(c, s.x1 - 86, sy_, 56, WHITE)
    tip = c.label(
        s.cx, view.y1 + 90, c.t("按这里拍照", "Tap here to take a photo"), 28, INK, YELLOW, pad=16, max_w=s.w - 60
    )
    arrow(c, s.cx, tip.y1 + 2, s.cx, sy_ - 64, YELLOW, 6, 16)


def share_target(c: Canvas, cx, cy, kind: str, caption: str, highlight=False):
    colours = {"family": GREEN, "friend": BLUE, "save": ORANGE, "more": GREY}
    if highlight:
        c.circle(cx, cy, 52, None, RED, 5)
    c.circle(cx, cy, 42, colours[kind])
    if kind == "family":
        for dx, r in ((-14, 12), (14, 12)):
            c.circle(cx + dx, cy - 8, r, WHITE)
            c.d.chord(Canvas._xy((cx + dx - 18, cy + 4, cx + dx + 18, cy + 36)), 180, 360, fill=WHITE)
    elif kind == "friend":
        c.rect((cx - 22, cy - 18, cx + 22, cy + 12), WHITE, r=8)
        c.poly([(cx - 10, cy + 10), (cx - 16, cy + 22), (cx + 2, cy + 10)], WHITE)
    elif kind == "save":
        c.line([(cx, cy - 22), (cx, cy + 6)], WHITE, 7)
        c.poly([(cx - 14, cy), (cx + 14, cy), (cx, cy + 16)], WHITE)
        c.line([(cx - 20, cy + 22), (cx + 20, cy + 22)], WHITE, 6)
    else:
        for dx in (-14, 0, 14):
            c.circle(cx + dx, cy, 5, WHITE)
    c.fit_text(Box(cx - 62, cy + 50, cx + 62, cy + 110), caption, 24, INK, align="center", valign="top", min_size=16)


@illustration("share_photo", title=("相册", "Photos"), screen_bg=NIGHT)
def draw_share_photo(c: Canvas, s: Box):
    photo = Box(s.x0, s.y0 + 16, s.x1, s.y0 + 300)
    landscape(c, photo, horizon=0.6)
    # a row of young corn plants in the photo
    for i in range(5):
        x = photo.x0 + 70 + i * 95
        base = photo.y1 - 30
        c.line([(x, base), (x, base - 80)], (40, 120, 40), 6)
        c.poly(leaf_shape(x - 26, base - 50, 56, 20), (60, 150, 50))
        c.poly(leaf_shape(x + 26, base - 66, 56, -20), (60, 150, 50))
    sheet = Box(s.x0, s.y0 + 330, s.x1, s.y1)
    c.rect(sheet, WHITE, r=28)
    c.rect((sheet.cx - 40, sheet.y0 + 14, sheet.cx + 40, sheet.y0 + 22), LINE, r=4)
    c.text(sheet.x0 + 36, sheet.y0 + 58, c.t("分享到", "Share to"), 34, INK, bold=True, anchor="lm")
    kinds = [
        ("family", c.t("家人群", "Family group")),
        ("friend", c.t("发给朋友", "Send to a friend")),
        ("save", c.t("保存到手机", "Save to phone")),
        ("more", c.t("更多", "More")),
    ]
    for i, (kind, caption) in enumerate(kinds):
        share_target(c, sheet.x0 + 76 + i * 124, sheet.y0 + 148, kind, caption, highlight=i == 0)
    cancel = Box(sheet.x0 + 36, sheet.y1 - 110, sheet.x1 - 36, sheet.y1 - 40)
    c.rect(cancel, PAPER, r=35)
    c.text(cancel.cx, cancel.cy, c.t("取消", "Cancel"), 30, INK, anchor="mm")


def setting_card(c: Canvas, box: Box, title: str, outline=None):
    c.rect(box, WHITE, r=20, outline=outline, width=4 if outline else 0)
    c.fit_text(Box(box.x0 + 28, box.y0 + 14, box.x1 - 28, box.y0 + 60), title, 32, INK, bold=True)


@illustration("text_size_setting", title=("显示与亮度", "Display & brightness"))
def draw_text_size_setting(c: Canvas, s: Box):
    card = Box(s.x0 + 24, s.y0 + 24, s.x1 - 24, s.y0 + 150)
    setting_card(c, card, c.t("亮度", "Brightness"))
    sun(c, card.x0 + 44, card.y0 + 94, 8, MUTED)
    sun(c, card.x1 - 44, card.y0 + 94, 13, ORANGE)
    slider(c, card.x0 + 84, card.x1 - 84, card.y0 + 94, 0.7, ORANGE)
    card = Box(s.x0 + 24, s.y0 + 174, s.x1 - 24, s.y0 + 330)
    setting_card(c, card, c.t("字体大小", "Text size"), outline=BLUE)
    c.text(card.x0 + 44, card.y0 + 104, "A", 24, INK, bold=True, anchor="mm")
    c.text(card.x1 - 44, card.y0 + 100, "A", 48, INK, bold=True, anchor="mm")
    slider(c, card.x0 + 84, card.x1 - 84, card.y0 + 104, 0.75, BLUE, steps=5, knob_r=22)
    tip = c.label(
        s.cx, card.y1 + 40, c.t("向右拖，字变大", "Drag right: bigger text"), 28, WHITE, BLUE, pad=18, max_w=s.w - 40
    )
    arrow(c, tip.x1 - 30, tip.y0 + 2, card.x0 + 84 + (card.w - 168) * 0.75 + 6, card.y0 + 132, BLUE, 6, 18)
    card = Box(s.x0 + 24, s.y0 + 420, s.x1 - 24, s.y0 + 600)
    setting_card(c, card, c.t("预览", "Preview"))
    c.fit_text(
        Box(card.x0 + 28, card.y0 + 64, card.x1 - 28, card.y1 - 16),
        c.t("今天下午三点，去村卫生室量血压。", "Blood pressure check at the clinic, 3 pm today."),
        38,
        INK,
        valign="top",
    )
    card = Box(s.x0 + 24, s.y0 + 620, s.x1 - 24, s.y0 + 690)
    c.rect(card, WHITE, r=20)
    c.text(card.x0 + 28, card.cy, c.t("粗体字", "Bold text"), 30, INK, bold=True, anchor="lm")
    tog = Box(card.x1 - 110, card.cy - 22, card.x1 - 30, card.cy + 22)
    c.rect(tog, GREEN, r=22)
    c.circle(tog.x1 - 22, tog.cy, 18, WHITE)


@illustration("qr_scan", dark=True)
def draw_qr_scan(c: Canvas, s: Box):
    c.rect((SCREEN.x0, s.y0, SCREEN.x1, SCREEN.y1), (44, 48, 56))
    c.ellipse((SCREEN.x0 - 80, s.y0 + 420, SCREEN.x1 + 80, SCREEN.y1 + 200), (60, 64, 72))  # table
    cross(c, s.x0 + 50, s.y0 + 44, 40, WHITE, 5)
    c.text(s.cx, s.y0 + 44, c.t("扫一扫", "Scan"), 36, WHITE, bold=True, anchor="mm")
    frame = Box(s.cx - 190, s.y0 + 130, s.cx + 190, s.y0 + 510)
    fake_qr(c, frame.x0 + 55, frame.y0 + 55, frame.w - 110, seed=20240512)
    for sx in (-1, 1):
        for sy in (-1, 1):
            x = frame.cx + sx * frame.w / 2
            y = frame.cy + sy * frame.h / 2
            c.line([(x, y - sy * 56), (x, y), (x - sx * 56, y)], GREEN, 10)
    c.rect((frame.x0 + 24, frame.cy + 40, frame.x1 - 24, frame.cy + 46), (80, 230, 120), r=3)  # scan line
    c.fit_text(
        Box(s.x0 + 30, frame.y1 + 30, s.x1 - 30, frame.y1 + 110),
        c.t("把二维码放进框里，会自动扫描", "Put the QR code inside the frame"),
        30,
        WHITE,
        align="center",
    )
    y = s.y1 - 120
    for x, caption, icon in (
        (s.cx - 130, c.t("手电筒", "Torch"), "torch"),
        (s.cx + 130, c.t("相册", "Album"), "album"),
    ):
        c.circle(x, y, 44, (80, 86, 98))
        if icon == "torch":
            c.poly([(x - 16, y - 24), (x + 16, y - 24), (x + 8, y - 4), (x - 8, y - 4)], WHITE)
            c.rect((x - 8, y - 6, x + 8, y + 26), WHITE, r=3)
        else:
            c.rect((x - 22, y - 18, x + 22, y + 18), None, r=5, outline=WHITE, width=4)
            c.poly([(x - 18, y + 14), (x - 4, y - 4), (x + 6, y + 6), (x + 12, y), (x + 18, y + 14)], WHITE)
        c.text(x, y + 70, caption, 26, WHITE, anchor="mm")


def check_mark_frame(c: Canvas, box: Box, number: int, colour=ORANGE):
    """Thick outline around something the learner must check, with a numbered badge."""
    c.rect(box, None, r=16, outline=colour, width=5)
    c.circle(box.x1 - 6, box.y0 + 6, 22, colour)
    c.text(box.x1 - 6, box.y0 + 6, str(number), 26, WHITE, bold=True, anchor="mm")


@illustration("payment_confirm", title=("确认付款", "Confirm payment"))
def draw_payment_confirm(c: Canvas, s: Box):
    banner = Box(s.x0 + 20, s.y0 + 20, s.x1 - 20, s.y0 + 110)
    c.rect(banner, ORANGE_L, r=18, outline=ORANGE, width=3)
    warning_triangle(c, banner.x0 + 50, banner.cy, 48, ORANGE)
    c.fit_text(
        Box(banner.x0 + 90, banner.y0 + 8, banner.x1 - 16, banner.y1 - 8),
        c.t("付钱前：看清名字和金额！", "Before paying: check the name and the amount!"),
        32,
        INK,
        bold=True,
        min_size=20,
    )
    card = Box(s.x0 + 20, s.y0 + 135, s.x1 - 20, s.y0 + 520)
    c.rect(card, WHITE, r=22)
    # shop icon
    ix, iy = card.cx, card.y0 + 70
    c.circle(ix, iy, 42, GREEN)
    c.rect((ix - 22, iy - 6, ix + 22, iy + 22), WHITE, r=3)
    c.poly([(ix - 28, iy - 6), (ix - 20, iy - 24), (ix + 20, iy - 24), (ix + 28, iy - 6)], WHITE)
    c.rect((ix - 6, iy + 4, ix + 6, iy + 22), GREEN)
    c.text(card.cx, card.y0 + 138, c.t("收款方", "Payee"), 26, MUTED, anchor="mm")
    name_box = Box(card.x0 + 40, card.y0 + 160, card.x1 - 40, card.y0 + 236)
    c.fit_text(
        name_box.inset(16, 6), c.t("李记农资店", "Li's Farm Supplies"), 44, INK, bold=True, align="center", min_size=26
    )
    check_mark_frame(c, name_box, 1)
    amount_box = Box(card.x0 + 70, card.y0 + 262, card.x1 - 70, card.y0 + 360)
    c.text(amount_box.cx, amount_box.cy, "¥ 128.00", 64, INK, bold=True, anchor="mm")
    check_mark_frame(c, amount_box, 2)
    row = Box(s.x0 + 20, s.y0 + 534, s.x1 - 20, s.y0 + 594)
    c.rect(row, WHITE, r=18)
    c.text(row.x0 + 24, row.cy, c.t("付款方式", "Pay with"), 26, MUTED, anchor="lm")
    c.text(row.x1 - 50, row.cy, c.t("零钱", "Balance"), 26, INK, bold=True, anchor="rm")
    chevron(c, row.x1 - 28, row.cy, 20, MUTED)
    btn = Box(s.x0 + 20, s.y1 - 98, s.x1 - 20, s.y1 - 26)
    c.rect(btn, GREEN, r=37)
    c.text(btn.cx, btn.cy, c.t("确认付款", "Confirm payment"), 34, WHITE, bold=True, anchor="mm")


@illustration("scam_sms", title=("106 9000 1234", "106 9000 1234"))
def draw_scam_sms(c: Canvas, s: Box):
    c.text(s.cx, s.y0 + 36, c.t("今天 10:26", "Today 10:26"), 22, MUTED, anchor="mm")
    msg = Box(s.x0 + 40, s.y0 + 62, s.x1 - 60, s.y0 + 330)
    bubble(c, msg, WHITE, "left")
    inner = msg.inset(24, 20)
    c.fit_text(
        Box(inner.x0, inner.y0, inner.x1, inner.y0 + 130),
        c.t(
            "【XX银行】尊敬的客户：您的账户已被冻结！请立即点击链接解冻，否则将永久停用：",
            "[XX Bank] Dear customer, your account is FROZEN! Click the link now to unfreeze "
            "it, or it will be closed forever:",
        ),
        28,
        INK,
        valign="top",
        min_size=20,
    )
    link_y = inner.y0 + 160
    link = "http://xx-bank.cc/jd"
    c.text(inner.x0, link_y, link, 28, BLUE, anchor="lm")
    lw = c.text_width(link, 28)
    c.rect((inner.x0, link_y + 18, inner.x0 + lw, link_y + 21), BLUE)
    # the link is crossed out in red: do not tap it
    c.line([(inner.x0 - 6, link_y + 26), (inner.x0 + lw + 6, link_y - 24)], RED, 6)
    c.line([(inner.x0 - 6, link_y - 24), (inner.x0 + lw + 6, link_y + 26)], RED, 6)
    c.text(inner.x0, inner.y1 - 12, c.t("回复TD退订", "Reply TD to unsubscribe"), 22, MUTED, anchor="lm")
    warning_badge(c, msg.x1 - 6, msg.y0 + 4, 34)
    card = Box(s.x0 + 24, s.y0 + 360, s.x1 - 24, s.y1 - 26)
    c.rect(card, RED_L, r=22, outline=RED, width=4)
    warning_triangle(c, card.x0 + 52, card.y0 + 52, 52, RED)
    c.fit_text(
        Box(card.x0 + 96, card.y0 + 18, card.x1 - 20, card.y0 + 88),
        c.t("这是诈骗短信！", "This is a scam message!"),
        38,
        RED,
        bold=True,
        min_size=24,
    )
    tips = [
        c.t("不要点链接", "Do not tap the link"),
        c.t("不要回复，不给验证码", "Do not reply or give any code"),
        c.t("拨打银行卡背面的电话核实", "Call the number on the back of your bank card"),
    ]
    y = card.y0 + 104
    size = c.common_size(tips, Box(card.x0 + 76, 0, card.x1 - 20, 50), 28, bold=True)
    for tip in tips:
        c.circle(card.x0 + 44, y + 24, 16, RED)
        cross(c, card.x0 + 44, y + 24, 22, WHITE, 4)
        c.fit_text(Box(card.x0 + 76, y, card.x1 - 20, y + 50), tip, size, INK, bold=True)
        y += 58


@illustration("scam_call", dark=True)
def draw_scam_call(c: Canvas, s: Box):
    c.rect((SCREEN.x0, s.y0, SCREEN.x1, SCREEN.y1), (40, 44, 60))
    banner = Box(s.x0 + 20, s.y0 + 14, s.x1 - 20, s.y0 + 96)
    c.rect(banner, RED, r=18)
    warning_triangle(c, banner.x0 + 50, banner.cy, 46, WHITE)
    exclaim(c, banner.x0 + 50, banner.cy + 5, 28, RED)
    c.fit_text(
        Box(banner.x0 + 90, banner.y0 + 6, banner.x1 - 16, banner.y1 - 6),
        c.t("疑似诈骗电话", "Suspected scam call"),
        38,
        WHITE,
        bold=True,
        min_size=24,
    )
    c.circle(s.cx, s.y0 + 200, 70, (80, 86, 110))
    c.circle(s.cx, s.y0 + 182, 26, (160, 166, 186))
    c.d.chord(Canvas._xy((s.cx - 46, s.y0 + 212, s.cx + 46, s.y0 + 290)), 180, 360, fill=(160, 166, 186))
    c.text(s.cx, s.y0 + 312, c.t("未知号码", "Unknown number"), 44, WHITE, bold=True, anchor="mm")
    c.text(s.cx, s.y0 + 362, "+00 123 4567 8901", 28, (200, 206, 220), anchor="mm")
    c.label(
        s.cx,
        s.y0 + 420,
        c.t("自称：“公安局” / “客服”", 'Says: "police" / "customer service"'),
        26,
        INK,
        YELLOW,
        pad=18,
        max_w=s.w - 40,
    )
    tips = Box(s.x0 + 30, s.y0 + 470, s.x1 - 30, s.y0 + 600)
    c.rect(tips, (60, 66, 86), r=18)
    c.fit_text(
        tips.inset(22, 14),
        c.t(
            "警察不会打电话让你转账。\n先挂断，再自己拨打 110 核实。",
            "Police never ask you to move money by phone. Hang up and call 110 yourself.",
        ),
        28,
        WHITE,
        min_size=18,
    )
    y = s.y1 - 120
    round_button(c, s.cx - 140, y, 50, RED, c.t("挂断", "Decline"))
    handset(c, s.cx - 140, y, 54, WHITE, angle=135)
    c.circle(s.cx - 140, y, 62, None, WHITE, 4)
    round_button(c, s.cx + 140, y, 50, GREEN, c.t("接听", "Answer"))
    handset(c, s.cx + 140, y, 54, WHITE)


FORECAST = [  # (zh day, en day, weather, high, low, wind force)
    ("今天", "Today", "rain", 18, 12, 5),
    ("周二", "Tue", "rain", 16, 11, 4),
    ("周三", "Wed", "cloud", 19, 10, 3),
    ("周四", "Thu", "sun", 23, 12, 2),
    ("周五", "Fri", "sun", 25, 14, 2),
    ("周六", "Sat", "cloud", 22, 15, 3),
    ("周日", "Sun", "rain", 19, 13, 4),
]


@illustration("weather_app", title=("天气", "Weather"))
def draw_weather_app(c: Canvas, s: Box):
    now = Box(s.x0 + 20, s.y0 + 16, s.x1 - 20, s.y0 + 190)
    c.rect(now, BLUE, r=24)
    c.text(now.x0 + 28, now.y0 + 36, c.t("本村 · 今天", "Our village · Today"), 26, WHITE, anchor="lm")
    rain_cloud(c, now.x0 + 90, now.y0 + 108, 96, WHITE, (170, 210, 255))
    c.text(now.x0 + 190, now.y0 + 112, "18°", 80, WHITE, bold=True, anchor="lm")
    c.text(now.x1 - 28, now.y0 + 92, c.t("中雨", "Rain"), 34, WHITE, bold=True, anchor="rm")
    c.text(now.x1 - 28, now.y0 + 140, c.t("东北风 5级", "NE wind, force 5"), 26, WHITE, anchor="rm")
    alert = Box(s.x0 + 20, s.y0 + 204, s.x1 - 20, s.y0 + 270)
    c.rect(alert, ORANGE_L, r=16, outline=ORANGE, width=3)
    warning_triangle(c, alert.x0 + 38, alert.cy, 38, ORANGE)
    c.fit_text(
        Box(alert.x0 + 70, alert.y0 + 4, alert.x1 - 14, alert.y1 - 4),
        c.t("有风有雨：今明两天不要打药", "Wind and rain: no spraying today or tomorrow"),
        28,
        INK,
        bold=True,
        min_size=18,
    )
    table = Box(s.x0 + 20, s.y0 + 284, s.x1 - 20, s.y1 - 20)
    c.rect(table, WHITE, r=20)
    row_h = table.h / len(FORECAST)
    for i, (zh, en, kind, high, low, wind) in enumerate(FORECAST):
        cy = table.y0 + row_h * (i + 0.5)
        c.text(table.x0 + 24, cy, c.t(zh, en), 28, INK, bold=i == 0, anchor="lm")
        weather_icon(c, kind, table.x0 + 125, cy, 46)
        c.text(table.x0 + 235, cy, f"{low}° / {high}°", 28, INK, anchor="mm")
        windy = wind >= 4
        wind_icon(c, table.x1 - 150, cy, 34, RED if windy else BLUE)
        c.text(table.x1 - 24, cy, c.t(f"{wind}级", f"Force {wind}"), 28, RED if windy else INK, bold=windy, anchor="rm")
        if i:
            c.rect((table.x0 + 20, cy - row_h / 2, table.x1 - 20, cy - row_h / 2 + 1.5), LINE)


def produce_icon(c: Canvas, kind: str, cx, cy, r):
    if kind == "corn":
        c.ellipse((cx - r * 0.35, cy - r * 0.9, cx + r * 0.35, cy + r * 0.7), YELLOW)
        c.poly(leaf_shape(cx - r * 0.35, cy + r * 0.2, r * 1.3, -70, 0.35), GREEN)
        c.poly(leaf_shape(cx + r * 0.35, cy + r * 0.2, r * 1.3, 70, 0.35), GREEN)
    elif kind == "wheat":
        c.line([(cx, cy + r), (cx, cy - r * 0.2)], (190, 150, 60), r * 0.12)
        for k in range(4):
            y = cy - r * 0.85 + k * r * 0.3
            c.poly(leaf_shape(cx - r * 0.2, y, r * 0.5, -40, 0.5), (214, 170, 70))
            c.poly(leaf_shape(cx + r * 0.2, y, r * 0.5, 40, 0.5), (214, 170, 70))
    elif kind == "rice":
        c.d.chord(Canvas._xy((cx - r, cy - r * 0.9, cx + r, cy + r * 0.9)), 0, 180, fill=BLUE)
        c.d.chord(Canvas._xy((cx - r * 0.9, cy - r * 0.8, cx + r * 0.9, cy + r * 0.2)), 180, 360, fill=WHITE)
    elif kind == "potato":
        c.ellipse((cx - r, cy - r * 0.7, cx + r, cy + r * 0.7), (190, 140, 80))
        for dx, dy in ((-0.4, -0.2), (0.3, 0.2), (0.1, -0.3)):
            c.circle(cx + dx * r, cy + dy * r, r * 0.08, (140, 96, 50))
    elif kind == "apple":
        fruit(c, cx, cy + r * 0.15, r * 0.8, RED)
    elif kind == "cabbage":
        c.circle(cx, cy, r * 0.9, (150, 210, 110))
        c.circle(cx, cy + r * 0.1, r * 0.55, (200, 236, 170))
        c.line([(cx, cy - r * 0.4), (cx, cy + r * 0.6)], (120, 180, 90), r * 0.08)
    elif kind == "egg":
        c.ellipse((cx - r * 0.65, cy - r * 0.9, cx + r * 0.65, cy + r * 0.8), (250, 232, 200), (200, 170, 130), 2)


PRICES = [  # (icon, zh, en, price per kg, change)
    ("corn", "玉米", "Corn", "2.46", +0.04),
    ("wheat", "小麦", "Wheat", "2.78", -0.02),
    ("rice", "大米", "Rice", "5.10", +0.06),
    ("potato", "土豆", "Potatoes", "2.20", -0.10),
    ("apple", "苹果", "Apples", "7.60", +0.30),
    ("cabbage", "大白菜", "Cabbage", "1.50", -0.08),
    ("egg", "鸡蛋", "Eggs", "9.20", +0.20),
]


@illustration("market_prices", title=("今日价格", "Today's prices"))
def draw_market_prices(c: Canvas, s: Box):
    # Chinese market convention: red = price up, green = price down.
    # The English picture uses the Western convention (green up, red down).
    up, down = (RED, GREEN) if c.lang == "zh" else (GREEN, RED)
    c.text(s.x0 + 30, s.y0 + 40, c.t("县农贸市场 · 5月12日", "County market · 12 May"), 26, MUTED, anchor="lm")
    table = Box(s.x0 + 20, s.y0 + 74, s.x1 - 20, s.y1 - 70)
    c.rect(table, WHITE, r=20)
    head_h = 56
    c.rect((table.x0, table.y0, table.x1, table.y0 + head_h), BLUE_L, r=20)
    c.rect((table.x0, table.y0 + head_h - 20, table.x1, table.y0 + head_h), BLUE_L)
    hy = table.y0 + head_h / 2
    c.text(table.x0 + 96, hy, c.t("品种", "Crop"), 24, INK, bold=True, anchor="lm")
    c.text(table.x0 + 330, hy, c.t("元/公斤", "¥ per kg"), 24, INK, bold=True, anchor="rm")
    c.text(table.x1 - 24, hy, c.t("涨跌", "Change"), 24, INK, bold=True, anchor="rm")
    row_h = (table.h - head_h) / len(PRICES)
    for i, (icon, zh, en, price, change) in enumerate(PRICES):
        cy = table.y0 + head_h + row_h * (i + 0.5)
        produce_icon(c, icon, table.x0 + 50, cy, 26)
        c.text(table.x0 + 96, cy, c.t(zh, en), 32, INK, bold=True, anchor="lm")
        c.text(table.x0 + 330, cy, price, 34, INK, bold=True, anchor="rm")
        colour = up if change > 0 else down
        tri_arrow(c, table.x1 - 130, cy, 30, colour, up=change > 0)
        c.text(table.x1 - 24, cy, f"{abs(change):.2f}", 30, colour, bold=True, anchor="rm")
        if i:
            c.rect((table.x0 + 20, cy - row_h / 2, table.x1 - 20, cy - row_h / 2 + 1.5), LINE)
    c.fit_text(
        Box(s.x0 + 30, s.y1 - 62, s.x1 - 30, s.y1 - 20),
        c.t("价格仅供参考，卖之前多问几家", "Prices are a guide: ask more than one buyer"),
        24,
        MUTED,
        align="center",
    )


def caterpillar(c: Canvas, x, y, seg_r, n=7, angle=-15):
    pts = [(x + i * seg_r * 1.5, y) for i in range(n)]
    pts = rotate(pts, x, y, angle)
    for px, py in pts:
        c.circle(px, py, seg_r, (150, 110, 70))
        c.circle(px, py - seg_r * 0.3, seg_r * 0.35, (210, 180, 120))
    hx, hy = pts[-1]
    c.circle(hx + seg_r * 0.9, hy - seg_r * 0.3, seg_r * 0.85, (70, 50, 36))
    c.circle(hx + seg_r * 1.1, hy - seg_r * 0.5, seg_r * 0.18, WHITE)


@illustration("pest_photo", title=("拍照识虫", "Pest check"))
def draw_pest_photo(c: Canvas, s: Box):
    photo_box = Box(s.x0, s.y0, s.x1, s.y0 + 390)
    photo = c.sub(photo_box, (70, 120, 50))
    w, h = photo_box.w, photo_box.h
    photo.poly(leaf_shape(w * 0.5, h * 0.52, w * 1.05, -12, 0.5), (110, 190, 80))
    photo.line([(w * 0.02, h * 0.62), (w * 0.98, h * 0.42)], (80, 150, 60), 6)
    for k in range(-3, 4):
        bx = w * 0.5 + k * w * 0.12
        by = h * 0.52 - k * w * 0.12 * math.tan(math.radians(12))
        photo.line([(bx, by), (bx + w * 0.08, by - h * 0.2)], (80, 150, 60), 3)
        photo.line([(bx, by), (bx + w * 0.08, by + h * 0.2)], (80, 150, 60), 3)
    for hx, hy, r in ((0.3, 0.42, 16), (0.36, 0.6, 12), (0.7, 0.36, 18), (0.62, 0.55, 10)):
        photo.ellipse((w * hx - r, h * hy - r * 0.7, w * hx + r, h * hy + r * 0.7), (70, 120, 50))
    caterpillar(photo, w * 0.38, h * 0.5, 14)
    for sx in (-1, 1):  # focus brackets around the insect
        for sy in (-1, 1):
            x, y = w * 0.5 + sx * 120, h * 0.46 + sy * 80
            photo.line([(x, y - sy * 26), (x, y), (x - sx * 26, y)], WHITE, 6)
    c.paste(photo, photo_box.x0, photo_box.y0)
    card = Box(s.x0 + 20, photo_box.y1 - 30, s.x1 - 20, s.y1 - 20)
    c.rect(card, WHITE, r=24)
    c.text(card.x0 + 28, card.y0 + 36, c.t("识别结果", "Result"), 26, MUTED, anchor="lm")
    c.label(card.x1 - 90, card.y0 + 36, c.t("相似度 92%", "Match 92%"), 24, WHITE, GREEN, max_w=200)
    c.fit_text(
        Box(card.x0 + 28, card.y0 + 64, card.x1 - 28, card.y0 + 118),
        c.t("草地贪夜蛾（幼虫）", "Fall armyworm (larva)"),
        40,
        INK,
        bold=True,
        min_size=26,
    )
    c.fit_text(
        Box(card.x0 + 28, card.y0 + 126, card.x1 - 28, card.y0 + 216),
        c.t(
            "危害：啃食玉米叶片，留下孔洞。常躲在心叶里。",
            "Damage: eats maize leaves, leaving holes. Often hides in the leaf whorl.",
        ),
        30,
        INK,
        valign="top",
        min_size=20,
    )
    btn = Box(card.x0 + 24, card.y1 - 92, card.x1 - 24, card.y1 - 24)
    c.rect(btn, BLUE, r=34)
    c.fit_text(
        btn.inset(24, 6),
        c.t("先问农技员，再用药", "Ask an expert before spraying"),
        30,
        WHITE,
        bold=True,
        align="center",
        min_size=20,
    )


def reading_card(c: Canvas, box: Box, title, value, status, status_ok, bar_value=None, bar_colour=BLUE, ph=False):
    c.rect(box, WHITE, r=20)
    c.text(box.x0 + 26, box.y0 + 34, title, 28, MUTED, anchor="lm")
    c.text(box.x0 + 26, box.y0 + 92, value, 54, INK, bold=True, anchor="lm")
    c.label(
        box.x1 - 24 - min(200, c.text_width(status, 24, True) + 30) / 2,
        box.y0 + 34,
        status,
        24,
        WHITE,
        GREEN if status_ok else ORANGE,
        max_w=220,
    )
    bar = Box(box.x0 + 230, box.y0 + 84, box.x1 - 26, box.y0 + 104)
    if ph:
        colours = [
            (220, 60, 50),
            (240, 140, 40),
            (240, 210, 50),
            (120, 200, 80),
            (60, 160, 120),
            (60, 120, 200),
            (110, 80, 180),
        ]
        seg = bar.w / len(colours)
        for i, col in enumerate(colours):
            c.rect((bar.x0 + i * seg, bar.y0, bar.x0 + (i + 1) * seg + 1, bar.y1), col)
        mx = bar.x0 + bar.w * bar_value
        c.poly([(mx, bar.y0 - 4), (mx - 12, bar.y0 - 22), (mx + 12, bar.y0 - 22)], INK)
    else:
        c.rect(bar, LINE, r=10)
        c.rect((bar.x0, bar.y0, bar.x0 + bar.w * bar_value, bar.y1), bar_colour, r=10)


@illustration("soil_sensor", title=("土壤监测", "Soil monitor"))
def draw_soil_sensor(c: Canvas, s: Box):
    scene_box = Box(s.x0, s.y0, s.x1, s.y0 + 210)
    sc = c.sub(scene_box, SKY)
    w, h = scene_box.w, scene_box.h
    sc.rect((0, h * 0.45, w, h), SOIL)
    sc.rect((0, h * 0.45, w, h * 0.52), GRASS)
    for i in range(12):  # pebbles in the soil
        sc.circle((i * 97) % w, h * 0.62 + (i * 53) % int(h * 0.3), 6, SOIL_L)
    px = w * 0.42
    sc.rect((px - 8, h * 0.35, px + 8, h * 0.92), (150, 156, 166), r=6)
    sc.rect((px - 36, h * 0.12, px + 36, h * 0.4), (240, 240, 240), r=10, outline=GREY, width=3)
    sc.circle(px + 14, h * 0.26, 7, GREEN)
    sc.line([(px - 20, h * 0.12), (px - 20, h * 0.02)], GREY, 4)
    for k in (28, 48, 68):
        sc.arc(px + 40, h * 0.2, k, -60, 20, BLUE, 5)
    sc.text(w - 24, 16, c.t("3号地", "Plot 3"), 30, INK, bold=True, anchor="ra")
    sc.text(w - 24, 56, c.t("10分钟前更新", "Updated 10 min ago"), 22, INK, anchor="ra")
    c.paste(sc, scene_box.x0, scene_box.y0)
    cards = [
        (c.t("土壤湿度", "Soil moisture"), "32%", c.t("偏干，该浇水", "Dry: water soon"), False, 0.32, BLUE, False),
        (c.t("土壤温度", "Soil temperature"), "18 °C", c.t("适宜", "Good"), True, 0.45, ORANGE, False),
        (c.t("酸碱度", "Acidity (pH)"), "pH 6.5", c.t("适宜", "Good"), True, 6.5 / 14, None, True),
    ]
    y = scene_box.y1 + 20
    for title, value, status, ok, bar_value, colour, ph in cards:
        reading_card(c, Box(s.x0 + 20, y, s.x1 - 20, y + 144), title, value, status, ok, bar_value, colour or BLUE, ph)
        y += 160


def info_row(c: Canvas, y, x0, x1, icon: str, text: str, size=28):
    ix = x0 + 26
    if icon == "pin":
        c.circle(ix, y - 6, 16, RED)
        c.poly([(ix - 14, y), (ix + 14, y), (ix, y + 22)], RED)
        c.circle(ix, y - 6, 6, WHITE)
    elif icon == "clock":
        c.circle(ix, y, 18, BLUE)
        c.line([(ix, y - 10), (ix, y), (ix + 8, y + 6)], WHITE, 4)
    else:
        paste_avatar(c, ix, y, 40, "short", GREEN, ring=WHITE)
    c.fit_text(Box(x0 + 64, y - 30, x1, y + 30), text, size, INK, min_size=18)


@illustration("agri_service", title=("农技服务", "Farm advice"))
def draw_agri_service(c: Canvas, s: Box):
    hot = Box(s.x0 + 20, s.y0 + 20, s.x1 - 20, s.y0 + 256)
    c.rect(hot, GREEN, r=24)
    c.circle(hot.x0 + 80, hot.y0 + 90, 46, WHITE)
    handset(c, hot.x0 + 80, hot.y0 + 90, 50, GREEN)
    c.text(hot.x0 + 150, hot.y0 + 92, "12316", 84, WHITE, bold=True, anchor="lm")
    c.fit_text(
        Box(hot.x0 + 28, hot.y0 + 150, hot.x1 - 28, hot.y0 + 196),
        c.t("农业农村服务热线", "Farming and rural hotline"),
        32,
        WHITE,
        bold=True,
        min_size=20,
    )
    c.fit_text(
        Box(hot.x0 + 28, hot.y0 + 196, hot.x1 - 28, hot.y1 - 16),
        c.t("种植、养殖、农资问题都可以问", "Ask about crops, livestock and farm supplies"),
        26,
        GREEN_L,
        min_size=18,
    )
    st = Box(s.x0 + 20, s.y0 + 272, s.x1 - 20, s.y0 + 522)
    c.rect(st, WHITE, r=24)
    c.fit_text(
        Box(st.x0 + 28, st.y0 + 14, st.x1 - 28, st.y0 + 66),
        c.t("镇农业技术推广站", "Town farm extension station"),
        34,
        INK,
        bold=True,
        min_size=22,
    )
    rows = [
        ("pin", c.t("镇政府东边 200 米", "200 m east of the town hall")),
        ("clock", c.t("周一至周五 8:30–17:30", "Mon–Fri 8:30–17:30")),
        ("person", c.t("农技员 李站长 139…4321", "Officer Li · 139…4321")),
    ]
    size = c.common_size([t for _, t in rows], Box(0, 0, st.w - 92, 60), 28)
    for i, (icon, text) in enumerate(rows):
        info_row(c, st.y0 + 100 + i * 58, st.x0 + 12, st.x1 - 20, icon, text, size)
    b1 = Box(s.x0 + 20, s.y1 - 166, s.x1 - 20, s.y1 - 98)
    c.rect(b1, GREEN, r=34)
    c.text(b1.cx, b1.cy, c.t("拨打 12316", "Call 12316"), 34, WHITE, bold=True, anchor="mm")
    b2 = Box(s.x0 + 20, s.y1 - 86, s.x1 - 20, s.y1 - 20)
    c.rect(b2, WHITE, r=33, outline=GREEN, width=4)
    c.text(b2.cx, b2.cy, c.t("导航去农技站", "Directions to the station"), 30, GREEN, bold=True, anchor="mm")


def id_card(c: Canvas, cx, cy, w):
    h = w * 0.63
    c.rect((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), BLUE_L, r=w * 0.08, outline=BLUE, width=3)
    c.rect((cx + w * 0.12, cy - h * 0.32, cx + w * 0.42, cy + h * 0.2), WHITE, r=6)
    c.circle(cx + w * 0.27, cy - h * 0.12, w * 0.07, GREY)
    c.d.chord(Canvas._xy((cx + w * 0.15, cy - h * 0.02, cx + w * 0.39, cy + h * 0.3)), 180, 360, fill=GREY)
    for k in range(3):
        c.rect((cx - w * 0.4, cy - h * 0.28 + k * h * 0.2, cx + w * 0.05, cy - h * 0.2 + k * h * 0.2), BLUE, r=3)
    c.rect((cx - w * 0.4, cy + h * 0.3, cx + w * 0.42, cy + h * 0.38), BLUE, r=3)


def face_scan(c: Canvas, cx, cy, r):
    for i in range(16):
        a = i * 22.5
        c.arc(cx, cy, r, a, a + 12, GREEN, 5)
    c.circle(cx, cy - r * 0.15, r * 0.32, GREY)
    c.d.chord(Canvas._xy((cx - r * 0.55, cy + r * 0.15, cx + r * 0.55, cy + r * 0.95)), 180, 360, fill=GREY)


@illustration("live_account", title=("账号资料", "Account profile"))
def draw_live_account(c: Canvas, s: Box):
    paste_avatar(c, s.cx, s.y0 + 72, 110, "short", (70, 130, 200), ring=LINE)
    c.circle(s.cx + 44, s.y0 + 110, 22, BLUE)
    camera_icon(c, s.cx + 44, s.y0 + 112, 26, WHITE, BLUE)
    card = Box(s.x0 + 20, s.y0 + 146, s.x1 - 20, s.y0 + 346)
    c.rect(card, WHITE, r=20)
    rows = [
        (c.t("名字", "Name"), c.t("老张家果园", "Zhang's Orchard")),
        (c.t("简介", "About"), c.t("自家种的高山苹果", "Apples from our own hills")),
        (c.t("地区", "Region"), c.t("陕西 · 洛川", "Luochuan, Shaanxi")),
    ]
    for i, (key, value) in enumerate(rows):
        y = card.y0 + 34 + i * 66
        c.text(card.x0 + 24, y, key, 26, MUTED, anchor="lm")
        c.fit_text(Box(card.x0 + 130, y - 26, card.x1 - 50, y + 26), value, 30, INK, bold=True, min_size=20)
        chevron(c, card.x1 - 28, y, 20, MUTED)
        if i < 2:
            c.rect((card.x0 + 24, y + 32, card.x1 - 24, y + 34), LINE)
    ver = Box(s.x0 + 20, s.y0 + 364, s.x1 - 20, s.y1 - 22)
    c.rect(ver, ORANGE_L, r=22, outline=ORANGE, width=4)
    shield(c, ver.x0 + 50, ver.y0 + 48, 52, ORANGE)
    c.fit_text(
        Box(ver.x0 + 90, ver.y0 + 18, ver.x1 - 150, ver.y0 + 78),
        c.t("实名认证", "Real-name check"),
        34,
        INK,
        bold=True,
        min_size=22,
    )
    c.label(ver.x1 - 76, ver.y0 + 48, c.t("未认证", "Not done"), 24, WHITE, RED, max_w=130)
    id_card(c, ver.x0 + 130, ver.y0 + 136, 130)
    arrow(c, ver.cx - 30, ver.y0 + 136, ver.cx + 20, ver.y0 + 136, ORANGE, 6, 16)
    face_scan(c, ver.x1 - 130, ver.y0 + 136, 46)
    c.text(ver.x0 + 130, ver.y0 + 206, c.t("① 拍身份证", "1 · ID card"), 24, INK, bold=True, anchor="mm")
    c.text(ver.x1 - 130, ver.y0 + 206, c.t("② 刷脸", "2 · Face check"), 24, INK, bold=True, anchor="mm")
    btn = Box(ver.x0 + 24, ver.y1 - 76, ver.x1 - 24, ver.y1 - 18)
    c.rect(btn, ORANGE, r=29)
    c.text(btn.cx, btn.cy, c.t("去认证", "Verify now"), 30, WHITE, bold=True, anchor="mm")


@illustration("live_price_card", dark=True)
def draw_live_price_card(c: Canvas, s: Box):
    view = Box(SCREEN.x0, SCREEN.y0, SCREEN.x1, SCREEN.y1)
    orchard(c, view)
    farmer_with_basket(c, view.cx, view.y0 + 240, 80)
    end = live_badge(c, s.x0 + 24, s.y0 + 16, 26)
    c.label(end + 90, s.y0 + 36, c.t("1024人在看", "1,024 watching"), 22, WHITE, (0, 0, 0), pad=12)
    card = Box(s.x0 + 20, s.y1 - 370, s.x1 - 20, s.y1 - 24)
    c.rect(card, WHITE, r=24)
    pic = Box(card.x0 + 24, card.y0 + 24, card.x0 + 184, card.y0 + 184)
    c.rect(pic, (255, 240, 220), r=16)
    parcel(c, pic.cx, pic.cy + 30, 100)
    for dx in (-28, 0, 28):
        fruit(c, pic.cx + dx, pic.y0 + 52, 22, RED)
    tx = pic.x1 + 20
    c.fit_text(
        Box(tx, card.y0 + 20, card.x1 - 20, card.y0 + 70),
        c.t("洛川高山苹果", "Mountain apples"),
        34,
        INK,
        bold=True,
        min_size=22,
    )
    c.text(tx, card.y0 + 116, "¥39.9", 60, RED, bold=True, anchor="ls")
    chips = [(c.t("5斤（2.5公斤）", "2.5 kg box"), BLUE_L, BLUE), (c.t("包邮", "Free delivery"), GREEN_L, GREEN)]
    y = card.y0 + 150
    x = tx
    size = 22
    while sum(c.text_width(t, size, True) + 34 for t, _, _ in chips) > card.x1 - 16 - tx:
        size -= 1
    for text, bg, fg in chips:
        w = c.text_width(text, size, True) + 24
        c.rect((x, y - 18, x + w, y + 18), bg, r=10)
        c.text(x + 12, y, text, size, fg, bold=True, anchor="lm")
        x += w + 10
    c.fit_text(
        Box(card.x0 + 24, card.y0 + 196, card.x1 - 24, card.y0 + 246),
        c.t("48小时内发货 · 坏果包赔", "Ships within 48 h · bad fruit refunded"),
        26,
        INK,
        min_size=18,
    )
    btn = Box(card.x0 + 24, card.y1 - 86, card.x1 - 24, card.y1 - 20)
    c.rect(btn, ORANGE, r=33)
    c.text(btn.cx, btn.cy, c.t("马上买", "Buy now"), 34, WHITE, bold=True, anchor="mm")


TRACKING = [  # (zh step, en step, zh detail, en detail, time, state)
    ("已下单", "Ordered", "买家已付款", "Paid by the buyer", "5/10 09:12", "done"),
    ("已发货", "Shipped", "果园 → 县快递站", "Orchard → county depot", "5/10 16:40", "done"),
    ("运输中", "In transit", "到达 市转运中心", "At the city sorting centre", "5/11 08:05", "done"),
    ("派送中", "Out for delivery", "快递员 王师傅 138…6688", "Courier Wang · 138…6688", "5/12 09:30", "now"),
    ("已签收", "Delivered", "", "", "", "todo"),
]


@illustration("delivery_tracking", title=("物流详情", "Delivery"))
def draw_delivery_tracking(c: Canvas, s: Box):
    top = Box(s.x0 + 20, s.y0 + 20, s.x1 - 20, s.y0 + 170)
    c.rect(top, WHITE, r=22)
    parcel(c, top.x0 + 76, top.cy, 90)
    c.fit_text(
        Box(top.x0 + 140, top.y0 + 16, top.x1 - 20, top.y0 + 70),
        c.t("派送中", "Out for delivery"),
        40,
        ORANGE,
        bold=True,
        min_size=24,
    )
    c.fit_text(
        Box(top.x0 + 140, top.y0 + 70, top.x1 - 20, top.y0 + 108),
        c.t("预计今天送到", "Arriving today"),
        28,
        INK,
        min_size=18,
    )
    c.text(top.x0 + 140, top.y0 + 128, c.t("单号 7788 1234 5678", "No. 7788 1234 5678"), 22, MUTED, anchor="lm")
    card = Box(s.x0 + 20, s.y0 + 190, s.x1 - 20, s.y1 - 20)
    c.rect(card, WHITE, r=22)
    step_h = (card.h - 40) / len(TRACKING)
    line_x = card.x0 + 50
    for i, (zh, en, zh_d, en_d, time, state) in enumerate(TRACKING):
        cy = card.y0 + 20 + step_h * i + 30
        if i < len(TRACKING) - 1:
            nxt_done = TRACKING[i + 1][5] != "todo"
            c.rect((line_x - 3, cy, line_x + 3, cy + step_h), GREEN if nxt_done else LINE)
        if state == "done":
            c.circle(line_x, cy, 18, GREEN)
            check(c, line_x, cy, 26, WHITE, 4)
        elif state == "now":
            c.circle(line_x, cy, 28, ORANGE_L)
            c.circle(line_x, cy, 20, ORANGE)
        else:
            c.circle(line_x, cy, 16, WHITE, LINE, 5)
        colour = {"done": INK, "now": ORANGE, "todo": GREY}[state]
        c.fit_text(Box(line_x + 44, cy - 24, card.x1 - 140, cy + 24), c.t(zh, en), 34, colour, bold=True, min_size=22)
        if time:
            c.text(card.x1 - 24, cy, time, 22, MUTED, anchor="rm")
        if zh_d:
            c.fit_text(Box(line_x + 44, cy + 24, card.x1 - 24, cy + 60), c.t(zh_d, en_d), 24, MUTED, min_size=16)


@illustration("after_sales_chat", title=("店铺客服", "Shop support"), screen_bg=(237, 237, 237))
def draw_after_sales_chat(c: Canvas, s: Box):
    order = Box(s.x0 + 20, s.y0 + 16, s.x1 - 20, s.y0 + 110)
    c.rect(order, WHITE, r=18)
    fruit(c, order.x0 + 50, order.cy + 6, 26, RED)
    c.fit_text(
        Box(order.x0 + 96, order.y0 + 10, order.x1 - 120, order.y0 + 52),
        c.t("高山苹果 5斤", "Mountain apples 2.5 kg"),
        28,
        INK,
        bold=True,
        min_size=18,
    )
    c.text(order.x0 + 96, order.y0 + 70, c.t("已签收", "Delivered"), 22, GREEN, bold=True, anchor="lm")
    c.text(order.x1 - 20, order.cy, "¥39.9", 28, INK, bold=True, anchor="rm")
    # buyer: text + photo of the damaged fruit
    me = (150, 226, 120)
    paste_avatar(c, s.x1 - 52, s.y0 + 160, 60, "bun", (120, 90, 160))
    b = Box(s.x0 + 150, s.y0 + 132, s.x1 - 100, s.y0 + 192)
    bubble(c, b, me, "right")
    c.fit_text(b.inset(18, 6), c.t("收到的苹果压坏了3个", "3 apples arrived crushed"), 28, INK, min_size=18)
    photo = Box(s.x1 - 280, s.y0 + 204, s.x1 - 100, s.y0 + 330)
    c.rect(photo, (214, 170, 120), r=14)
    for i, (fx, fy) in enumerate(((0.25, 0.4), (0.5, 0.55), (0.75, 0.4), (0.38, 0.75), (0.64, 0.78))):
        x, y = photo.x0 + photo.w * fx, photo.y0 + photo.h * fy
        c.circle(x, y, 24, RED)
        if i in (1, 3, 4):
            c.ellipse((x - 14, y - 6, x + 12, y + 14), (120, 70, 40))  # bruises
    # shop
    paste_avatar(c, s.x0 + 52, s.y0 + 380, 60, "long", (230, 90, 120))
    b = Box(s.x0 + 100, s.y0 + 352, s.x1 - 110, s.y0 + 446)
    bubble(c, b, WHITE, "left")
    c.fit_text(
        b.inset(18, 8),
        c.t("很抱歉！压坏的3个给您退款 12 元。", "Sorry! We will refund ¥12 for the 3 crushed apples."),
        28,
        INK,
        min_size=18,
    )
    refund = Box(s.x0 + 100, s.y0 + 462, s.x1 - 110, s.y0 + 574)
    c.rect(refund, WHITE, r=18, outline=GREEN, width=4)
    c.text(refund.x0 + 20, refund.y0 + 30, c.t("退款", "Refund"), 26, MUTED, anchor="lm")
    c.text(refund.x1 - 20, refund.y0 + 32, "¥12.00", 36, RED, bold=True, anchor="rm")
    c.circle(refund.x0 + 36, refund.y0 + 80, 16, GREEN)
    check(c, refund.x0 + 36, refund.y0 + 80, 22, WHITE, 4)
    c.fit_text(
        Box(refund.x0 + 62, refund.y0 + 60, refund.x1 - 16, refund.y0 + 100),
        c.t("已同意，1–3天退回原账户", "Approved: back in your account in 1–3 days"),
        24,
        GREEN,
        bold=True,
        min_size=15,
    )
    bar = Box(s.x0, s.y1 - 110, s.x1, s.y1)
    c.rect(bar, (247, 247, 247))
    c.rect((bar.x0, bar.y0, bar.x1, bar.y0 + 2), LINE)
    field = Box(bar.x0 + 30, bar.y0 + 18, bar.x1 - 190, bar.y0 + 78)
    c.rect(field, WHITE, r=12)
    c.text(field.x0 + 18, field.cy, c.t("说点什么…", "Type a message…"), 24, GREY, anchor="lm")
    btn = Box(bar.x1 - 176, bar.y0 + 18, bar.x1 - 30, bar.y0 + 78)
    c.rect(btn, ORANGE, r=12)
    c.fit_text(btn.inset(10, 4), c.t("申请售后", "Get help"), 26, WHITE, bold=True, align="center", min_size=16)
