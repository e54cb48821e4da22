"""Scenes and course covers of the demo lessons, and ``build_images`` that saves every registered picture
(scenes, covers and phone screens) as small palette PNGs in both languages.
"""

from __future__ import annotations

from . import screens  # noqa: F401  (registers the phone screens)
from .drawing import (
    BLUE,
    BODY,
    FIELD,
    GREEN,
    GREEN_L,
    GREY,
    HAIR_DARK,
    ILLUSTRATIONS,
    IMG_DIR,
    INK,
    LANGS,
    LINE,
    NIGHT,
    ORANGE,
    RED,
    SKIN,
    SKY,
    WHITE,
    YELLOW,
    Box,
    Canvas,
    arrow,
    basket,
    battery,
    bolt,
    bubble,
    camera_icon,
    check,
    cloud,
    cross,
    face,
    farmer_with_basket,
    handset,
    heart,
    illustration,
    live_badge,
    orchard,
    render,
    save_png,
    speaker_waves,
    star,
    sun,
    weather_icon,
)


@illustration("phone_buttons", kind="scene")
def draw_phone_buttons(c: Canvas):
    phone = Box(150, 40, 400, 500)
    c.rect(phone, BODY, r=40)
    screen = phone.inset(12)
    c.rect(screen, (60, 90, 140), r=30)
    c.text(screen.cx, screen.y0 + 110, "9:41", 64, WHITE, bold=True, anchor="mm")
    c.text(screen.cx, screen.y0 + 168, c.t("5月12日 星期一", "Monday, 12 May"), 22, WHITE, anchor="mm")
    # padlock
    lx, ly = screen.cx, screen.y1 - 90
    c.arc(lx, ly - 16, 20, 180, 360, WHITE, 6)
    c.line([(lx - 20, ly - 16), (lx - 20, ly - 4)], WHITE, 6)
    c.line([(lx + 20, ly - 16), (lx + 20, ly - 4)], WHITE, 6)
    c.rect((lx - 28, ly - 6, lx + 28, ly + 32), WHITE, r=6)
    # the buttons, big and coloured
    vol_up = Box(phone.x1 - 4, 120, phone.x1 + 18, 190)
    vol_down = Box(phone.x1 - 4, 200, phone.x1 + 18, 270)
    power = Box(phone.x1 - 4, 320, phone.x1 + 18, 410)
    c.rect(vol_up, BLUE, r=8)
    c.rect(vol_down, BLUE, r=8)
    c.rect(power, ORANGE, r=8)
    cards = [
        (vol_up, BLUE, c.t("音量 ＋", "Volume +"), c.t("声音变大", "Louder")),
        (vol_down, BLUE, c.t("音量 －", "Volume −"), c.t("声音变小", "Quieter")),
        (
            power,
            ORANGE,
            c.t("电源键", "Power button"),
            c.t("按一下：亮屏 / 锁屏\n长按：开机 / 关机", "Press: screen on / off\nHold: power on / off"),
        ),
    ]
    ys = (70, 190, 330)
    for (btn, colour, title, note), y in zip(cards, ys, strict=True):
        card = Box(470, y, 705, y + (100 if colour == BLUE else 150))
        c.rect(card, WHITE, r=16, outline=colour, width=4)
        c.fit_text(
            Box(card.x0 + 18, card.y0 + 10, card.x1 - 14, card.y0 + 52), title, 34, colour, bold=True, min_size=22
        )
        c.fit_text(
            Box(card.x0 + 18, card.y0 + 54, card.x1 - 14, card.y1 - 10), note, 24, INK, valign="top", min_size=16
        )
        arrow(c, card.x0 - 4, card.y0 + 32, btn.x1 + 10, btn.cy, colour, 6, 18)


def cable(c: Canvas, pts, fill=INK, width=10):
    """A smooth cable through control points (quadratic B-spline-ish)."""
    smooth = [pts[0]]
    for (x0, y0), (x1, y1), (x2, y2) in zip(pts, pts[1:], pts[2:], strict=False):
        ax, ay = (x0 + x1) / 2, (y0 + y1) / 2
        bx, by = (x1 + x2) / 2, (y1 + y2) / 2
        for i in range(1, 11):
            t = i / 10
            smooth.append(
                (
                    (1 - t) ** 2 * ax + 2 * (1 - t) * t * x1 + t * t * bx,
                    (1 - t) ** 2 * ay + 2 * (1 - t) * t * y1 + t * t * by,
                )
            )
    smooth.append(pts[-1])
    c.line(smooth, fill, width)


@illustration("phone_charging", kind="scene")
def draw_phone_charging(c: Canvas):
    c.rect((0, 430, 720, 540), (214, 190, 160))  # table top
    phone = Box(70, 40, 300, 470)
    cable(
        c, [(phone.cx, phone.y1 + 6), (phone.cx, 510), (400, 520), (560, 510), (606, 480), (615, 440)], (60, 60, 66), 9
    )
    c.rect(phone, BODY, r=36)
    screen = phone.inset(11)
    c.rect(screen, NIGHT, r=26)
    battery(c, screen.cx - 60, screen.cy - 30, 120, 0.8, WHITE, GREEN)
    bolt(c, screen.cx - 6, screen.cy - 30, 46, YELLOW)
    c.text(screen.cx, screen.cy + 60, "80%", 44, WHITE, bold=True, anchor="mm")
    c.text(screen.cx, screen.cy + 108, c.t("正在充电", "Charging"), 28, GREEN_L, anchor="mm")
    c.rect((phone.cx - 24, phone.y1 - 4, phone.cx + 24, phone.y1 + 10), (60, 60, 66), r=4)  # plug
    c.label(phone.cx, phone.y1 + 44, c.t("充电口", "Charging port"), 22, WHITE, INK, max_w=220)
    # wall socket and charger
    socket = Box(540, 280, 690, 410)
    c.rect(socket, WHITE, r=18, outline=LINE, width=3)
    charger = Box(570, 330, 660, 440)
    c.rect(charger, (245, 245, 245), r=14, outline=GREY, width=3)
    c.label(charger.cx, socket.y0 - 26, c.t("原装充电器", "Original charger"), 22, WHITE, INK, max_w=280)
    # tips
    tips = [
        (True, c.t("用原装充电器和线", "Use the original charger and cable")),
        (True, c.t("充满后拔下插头", "Unplug when it is full")),
        (False, c.t("不要放在枕头下充电", "Never charge under a pillow")),
    ]
    y = 36
    size = c.common_size([t for _, t in tips], Box(396, 0, 700, 52), 28, bold=True)
    for ok, text in tips:
        c.circle(362, y + 24, 22, GREEN if ok else RED)
        (check if ok else cross)(c, 362, y + 24, 34, WHITE)
        c.fit_text(Box(396, y, 700, y + 52), text, size, INK, bold=True)
        y += 60


def gauge(c: Canvas, box: Box, title: str, value_text: str, fraction: float, colour, status: str):
    c.rect(box, WHITE, r=20)
    c.fit_text(Box(box.x0 + 20, box.y0 + 10, box.x1 - 20, box.y0 + 50), title, 28, INK, bold=True, min_size=18)
    cx, cy, r = box.cx, box.y0 + 136, 70
    c.arc(cx, cy, r, 180, 360, LINE, 18)
    c.arc(cx, cy, r, 180, 180 + 180 * fraction, colour, 18)
    c.text(cx, cy + 26, value_text, 34, INK, bold=True, anchor="mm")
    c.fit_text(
        Box(box.x0 + 16, cy + 46, box.x1 - 16, box.y1 - 6), status, 24, colour, bold=True, align="center", min_size=14
    )


@illustration("greenhouse_dashboard", kind="scene")
def draw_greenhouse_dashboard(c: Canvas):
    c.rect((0, 0, 720, 540), (40, 60, 80))
    # header with a tiny greenhouse
    gx, gy = 52, 42
    c.poly(
        [(gx - 30, gy + 18), (gx - 30, gy - 4), (gx, gy - 24), (gx + 30, gy - 4), (gx + 30, gy + 18)], (170, 220, 240)
    )
    c.line([(gx, gy - 24), (gx, gy + 18)], WHITE, 3)
    c.line([(gx - 30, gy - 4), (gx + 30, gy - 4)], WHITE, 3)
    c.text(100, 42, c.t("2号大棚 · 实时数据", "Greenhouse 2 · live data"), 32, WHITE, bold=True, anchor="lm")
    c.text(700, 42, "14:30", 26, (190, 210, 230), anchor="rm")
    cards = [
        (c.t("温度", "Temperature"), "26 °C", 26 / 40, GREEN, c.t("适宜", "Good")),
        (c.t("湿度", "Humidity"), "88%", 0.88, ORANGE, c.t("偏高：开窗通风", "High: open the vents")),
        (c.t("二氧化碳", "CO2"), "650 ppm", 650 / 1500, GREEN, c.t("适宜", "Good")),
        (c.t("光照", "Light"), "32 klx", 0.32, GREEN, c.t("适宜", "Good")),
    ]
    for i, card in enumerate(cards):
        col, row = i % 2, i // 2
        box = Box(20 + col * 350, 82 + row * 226, 350 + col * 350, 300 + row * 226)
        gauge(c, box, *card)


def windsock(c: Canvas, x, ground, height=150):
    c.line([(x, ground), (x, ground - height)], (110, 110, 120), 6)
    top = ground - height + 8
    pts = [(x, top - 18), (x + 120, top - 6), (x + 120, top + 14), (x, top + 26)]
    c.poly(pts, WHITE)
    for k in (0, 2):
        a0, a1 = k * 30, (k + 1) * 30
        ya0, ya1 = 18 - a0 * 0.1, 18 - a1 * 0.1
        c.poly(
            [(x + a0, top - ya0), (x + a1, top - ya1), (x + a1, top + 4 + ya1 + 4), (x + a0, top + 4 + ya0 + 4)], RED
        )


def drone(c: Canvas, cx, cy, s):
    for sx in (-1, 1):
        c.line([(cx, cy), (cx + sx * s * 0.9, cy - s * 0.12)], BODY, s * 0.06)
        c.line([(cx + sx * s * 0.9, cy - s * 0.12), (cx + sx * s * 0.9, cy - s * 0.22)], BODY, s * 0.05)
        c.ellipse(
            (cx + sx * s * 0.9 - s * 0.35, cy - s * 0.28, cx + sx * s * 0.9 + s * 0.35, cy - s * 0.2), (170, 176, 186)
        )
    c.rect((cx - s * 0.35, cy - s * 0.15, cx + s * 0.35, cy + s * 0.1), (236, 236, 240), r=s * 0.08)
    c.rect((cx - s * 0.2, cy + s * 0.08, cx + s * 0.2, cy + s * 0.3), BLUE, r=s * 0.05)  # tank
    c.line([(cx - s * 0.5, cy + s * 0.36), (cx + s * 0.5, cy + s * 0.36)], BODY, s * 0.04)  # spray bar
    c.circle(cx + s * 0.22, cy - s * 0.03, s * 0.04, GREEN)


def person(c: Canvas, x, ground, h, shirt=ORANGE):
    """A standing person seen from the side-ish, feet at `ground`, height `h`."""
    r = h * 0.12
    c.line([(x - h * 0.06, ground), (x - h * 0.04, ground - h * 0.42)], INK, h * 0.07)
    c.line([(x + h * 0.06, ground), (x + h * 0.04, ground - h * 0.42)], INK, h * 0.07)
    c.rect((x - h * 0.13, ground - h * 0.78, x + h * 0.13, ground - h * 0.38), shirt, r=h * 0.06)
    c.circle(x, ground - h * 0.88, r, SKIN)
    c.d.chord(Canvas._xy((x - r, ground - h * 0.88 - r, x + r, ground - h * 0.88 + r)), 180, 360, fill=HAIR_DARK)


@illustration("drone_spraying", kind="scene")
def draw_drone_spraying(c: Canvas):
    c.rect((0, 0, 720, 540), SKY)
    cloud(c, 560, 70, 90)
    ground = 330
    c.rect((0, ground, 720, 540), FIELD)
    for i in range(9):
        c.line([(i * 90 + 10, ground + 6), (i * 90 - 60, 540)], (70, 130, 44), 8, round_caps=False)
    dx, dy = 330, 160
    cone_top, cone_bottom = dy + 66, ground + 40
    c.poly(
        [(dx - 90, cone_top), (dx + 90, cone_top), (dx + 150, cone_bottom), (dx - 150, cone_bottom)], (200, 228, 245)
    )
    for i in range(24):  # droplets, spread inside the cone
        y = cone_top + 20 + (i * 53) % (cone_bottom - cone_top - 30)
        half = 90 + 60 * (y - cone_top) / (cone_bottom - cone_top)
        x = dx + ((i * 37) % 200 - 100) / 100 * half * 0.85
        c.circle(x, y, 4, (120, 180, 230))
    drone(c, dx, dy, 130)
    # the pilot at a safe distance
    px, feet = 650, ground + 100
    person(c, px, feet, 150)
    c.rect((px - 28, feet - 150 * 0.62, px - 4, feet - 150 * 0.5), BODY, r=3)  # remote control
    y = ground + 175
    arrow(c, dx + 160, y, px - 20, y, WHITE, 6, 20)
    arrow(c, px - 20, y, dx + 160, y, WHITE, 6, 20)
    c.label(
        (dx + 160 + px - 20) / 2,
        y - 38,
        c.t("安全距离：20米以上", "Keep 20 m or more away"),
        26,
        INK,
        WHITE,
        pad=16,
        max_w=330,
    )
    windsock(c, 60, ground + 40, 190)
    c.label(150, 36, c.t("风力 ≤ 3级 才能飞", "Fly only if wind ≤ force 3"), 26, WHITE, INK, pad=14, max_w=280)
    arrow(c, 110, 56, 90, ground - 150, INK, 4, 14)


def tripod(c: Canvas, cx, top, floor, fill=BODY):
    c.line([(cx, top), (cx, floor - 90)], fill, 8)
    for dx in (-90, 0, 90):
        c.line([(cx, floor - 110), (cx + dx, floor)], fill, 7)


def mini_phone(c: Canvas, box: Box, person_style="short", live=True):
    """A small phone, front view, showing a person and the red LIVE dot."""
    c.rect(box, BODY, r=box.w * 0.14)
    scr = box.inset(box.w * 0.06)
    c.rect(scr, (250, 226, 190), r=box.w * 0.1)
    sub = c.sub(scr, (250, 226, 190))
    face(sub, scr.w / 2, scr.h * 0.45, scr.w * 0.22, person_style, (70, 130, 200))
    c.paste(sub, scr.x0, scr.y0, c.rounded_mask(scr.w, scr.h, box.w * 0.1))
    if live:
        c.circle(scr.x0 + scr.w * 0.16, scr.y0 + scr.w * 0.16, scr.w * 0.07, RED)


@illustration("live_setup", kind="scene")
def draw_live_setup(c: Canvas):
    c.rect((0, 0, 720, 540), (246, 232, 208))  # wall
    c.rect((0, 420, 720, 540), (190, 140, 96))  # table
    c.rect((0, 420, 720, 432), (160, 112, 72))
    # ring light behind the phone
    lx, ly = 250, 190
    c.circle(lx, ly, 138, (255, 246, 200))
    c.circle(lx, ly, 128, (255, 236, 150))
    c.circle(lx, ly, 100, (246, 232, 208))
    tripod(c, lx, ly + 128, 420)
    phone_box = Box(lx - 50, ly - 90, lx + 50, ly + 90)
    c.rect((lx - 60, ly + 82, lx + 60, ly + 96), INK, r=5)  # clamp
    c.rect((lx - 60, ly - 96, lx + 60, ly - 82), INK, r=5)
    mini_phone(c, phone_box)
    # microphone on a small stand
    mx = 520
    c.line([(mx, 420), (mx, 330)], BODY, 8)
    c.ellipse((mx - 50, 412, mx + 50, 428), BODY)
    c.rect((mx - 26, 250, mx + 26, 336), (90, 96, 110), r=26)
    for k in range(4):
        c.line([(mx - 18, 272 + k * 14), (mx + 18, 272 + k * 14)], (150, 156, 170), 3)
    # produce on the table
    basket(c, 640, 400, 110, RED)
    # Wi-Fi router
    c.rect((40, 388, 140, 420), WHITE, r=8, outline=GREY, width=3)
    c.circle(60, 404, 5, GREEN)
    for k in (16, 30, 44):
        c.arc(90, 380, k, 225, 315, BLUE, 5)
    labels = [  # (label centre, arrow target, text)
        ((100, 60), (lx - 120, ly - 60), c.t("补光灯", "Ring light")),
        ((360, 482), (299, 372), c.t("手机支架", "Phone tripod")),
        ((520, 160), (mx, 244), c.t("麦克风", "Microphone")),
        ((90, 482), (90, 426), c.t("稳定的Wi-Fi", "Steady Wi-Fi")),
    ]
    for (bx, by), (tx, ty), text in labels:
        box = c.label(bx, by, text, 26, WHITE, INK, pad=14, max_w=200)
        start_y = box.y1 if ty > box.y1 else box.y0
        arrow(c, min(max(tx, box.x0 + 16), box.x1 - 16), start_y, tx, ty, INK, 4, 14)


@illustration("live_product", kind="scene")
def draw_live_product(c: Canvas):
    orchard(c, Box(0, 0, 720, 540))
    farmer_with_basket(c, 230, 200, 70)
    # the phone on its stand, showing the same scene
    ph = Box(470, 60, 690, 470)
    c.line([(580, 470), (580, 540)], BODY, 10)
    c.rect(ph, BODY, r=28)
    scr = ph.inset(10)
    sub = c.sub(scr, SKY)
    orchard(sub, Box(0, 0, scr.w, scr.h))
    farmer_with_basket(sub, scr.w / 2, scr.h * 0.36, 38)
    c.paste(sub, scr.x0, scr.y0, c.rounded_mask(scr.w, scr.h, 20))
    end = live_badge(c, scr.x0 + 12, scr.y0 + 12, 20)
    c.label(end + 50, scr.y0 + 27, "1024", 18, WHITE, (0, 0, 0), pad=8)
    comments = [c.t("多少钱一斤？", "How much per kg?"), c.t("看着真新鲜！", "Looks so fresh!")]
    y = scr.y1 - 130
    for text in comments:
        b = Box(scr.x0 + 10, y, scr.x1 - 40, y + 44)
        c.rect(b, (60, 60, 70), r=16)
        c.fit_text(b.inset(12, 4), text, 20, WHITE, min_size=12)
        y += 54
    for k, (hx, hy) in enumerate(((scr.x1 - 22, scr.y1 - 120), (scr.x1 - 30, scr.y1 - 70), (scr.x1 - 18, scr.y1 - 30))):
        heart(c, hx, hy, 22 + k * 4, (RED, (240, 90, 150), ORANGE)[k])


@illustration("cover_smartphone", kind="cover")
def draw_cover_smartphone(c: Canvas):
    c.rect((0, 0, 720, 405), (214, 234, 252))
    c.circle(250, 230, 190, (190, 220, 248))
    c.rect((0, 360, 720, 405), (178, 210, 240))
    face(c, 250, 160, 78, "bun", (150, 90, 170))
    # phone held in both hands
    ph = Box(205, 250, 295, 400)
    c.rect(ph, BODY, r=14)
    scr = ph.inset(6)
    c.rect(scr, (250, 226, 190), r=10)
    face(c, scr.cx, scr.y0 + 44, 18, "long", (230, 90, 120))
    for sx in (-1, 1):
        c.circle(250 + sx * 52, 330, 22, SKIN)
    # floating bubbles: call, voice, photo, heart
    b = Box(430, 60, 560, 140)
    bubble(c, b, WHITE, "left")
    handset(c, b.cx, b.cy, 44, GREEN)
    b = Box(470, 170, 650, 240)
    bubble(c, b, (150, 226, 120), "left")
    speaker_waves(c, b.x0 + 36, b.cy, 40, INK)
    for k in range(5):
        h = (18, 30, 22, 34, 14)[k]
        c.rect((b.x0 + 80 + k * 16, b.cy - h / 2, b.x0 + 88 + k * 16, b.cy + h / 2), INK, r=4)
    b = Box(440, 270, 580, 350)
    bubble(c, b, WHITE, "left")
    camera_icon(c, b.cx, b.cy, 50, BLUE, WHITE)
    heart(c, 620, 110, 44, RED)
    star(c, 400, 200, 16, YELLOW)


@illustration("cover_agriculture", kind="cover")
def draw_cover_agriculture(c: Canvas):
    c.rect((0, 0, 720, 405), SKY)
    sun(c, 90, 70, 36)
    cloud(c, 300, 60, 80)
    c.ellipse((-100, 170, 420, 330), (140, 200, 110))
    c.ellipse((260, 180, 820, 320), (120, 186, 96))
    c.rect((0, 240, 720, 405), FIELD)
    for i in range(12):
        c.line([(i * 70 - 20, 244), (i * 110 - 300, 405)], (70, 130, 44), 8, round_caps=False)
    drone(c, 260, 150, 100)
    for i in range(10):
        c.circle(220 + (i * 23) % 90, 200 + (i * 31) % 70, 3, (120, 180, 230))
    # a big phone showing the weather and a rising chart
    ph = Box(470, 40, 650, 390)
    c.rect(ph, BODY, r=26)
    scr = ph.inset(10)
    c.rect(scr, WHITE, r=18)
    weather_icon(c, "cloud", scr.cx, scr.y0 + 70, 90)
    c.text(scr.cx, scr.y0 + 150, "24°", 44, INK, bold=True, anchor="mm")
    for k, h in enumerate((40, 60, 50, 80, 100)):
        x = scr.x0 + 22 + k * 28
        c.rect((x, scr.y1 - 30 - h, x + 18, scr.y1 - 30), GREEN if k == 4 else GREEN_L, r=4)
    c.rect((scr.x0 + 14, scr.y1 - 28, scr.x1 - 14, scr.y1 - 25), LINE)


@illustration("cover_livestream", kind="cover")
def draw_cover_livestream(c: Canvas):
    orchard(c, Box(0, 0, 720, 405))
    farmer_with_basket(c, 230, 130, 62, ORANGE)
    lx, ly = 540, 175
    c.circle(lx, ly, 112, (255, 246, 200))
    c.circle(lx, ly, 104, (255, 236, 150))
    c.circle(lx, ly, 82, SKY)
    tripod(c, lx, ly + 100, 405)
    mini_phone(c, Box(lx - 42, ly - 76, lx + 42, ly + 76))
    for k, (hx, hy, sz) in enumerate(((650, 80, 34), (675, 150, 26), (640, 220, 30), (430, 60, 24))):
        heart(c, hx, hy, sz, (RED, (240, 90, 150), ORANGE, RED)[k], outline=WHITE)


def build_images() -> None:
    IMG_DIR.mkdir(parents=True, exist_ok=True)
    for item in ILLUSTRATIONS.values():
        for lang in LANGS:
            save_png(render(item, lang), IMG_DIR / f"{item.key}.{lang}.png")
    print(f"images: {len(ILLUSTRATIONS) * len(LANGS)} files in {IMG_DIR}")
