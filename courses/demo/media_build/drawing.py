"""Shared drawing helpers for the demo media: palette, fonts, the 2x canvas, icons and figures,
the phone frame and the registry that every illustration and video slide is drawn through.
"""

from __future__ import annotations

import io
import math
import random
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parents[1]  # courses/demo


MEDIA = HERE / "media"


IMG_DIR = MEDIA / "img"


AUDIO_DIR = MEDIA / "audio"


VIDEO_DIR = MEDIA / "video"


TEXTS_FILE = HERE / "content" / "media_texts.json"


LANGS = ("zh", "en")


KNOWN_CJK_FONTS = {
    False: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    True: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
}


@cache
def cjk_font_file(bold: bool) -> tuple[str, int]:
    """Return (path, face index) of Noto Sans CJK SC, asking fontconfig first."""
    pattern = "Noto Sans CJK SC:style=Bold" if bold else "Noto Sans CJK SC"
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}|%{family}", pattern],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        path, index, family = out.split("|", 2)
        if "CJK" in family and Path(path).exists():
            return path, int(index)
    except (OSError, subprocess.CalledProcessError, ValueError):
        pass
    path, index = KNOWN_CJK_FONTS[bold]
    if not Path(path).exists():
        path, index = KNOWN_CJK_FONTS[False]
    if not Path(path).exists():
        sys.exit("Noto Sans CJK not found: apt-get install fonts-noto-cjk")
    return path, index


@cache
def font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path, index = cjk_font_file(bold)
    return ImageFont.truetype(path, px, index=index)


INK = (28, 36, 48)


MUTED = (96, 106, 122)


WHITE = (255, 255, 255)


PAPER = (244, 246, 249)


LINE = (214, 220, 228)


BG = (226, 238, 250)


GREEN = (28, 150, 76)


GREEN_L = (210, 240, 218)


BLUE = (26, 104, 220)


BLUE_L = (218, 232, 253)


RED = (214, 38, 38)


RED_L = (253, 224, 224)


ORANGE = (240, 140, 20)


ORANGE_L = (255, 236, 206)


YELLOW = (250, 200, 30)


SKY = (196, 228, 250)


GRASS = (120, 190, 80)


FIELD = (92, 160, 62)


SOIL = (132, 90, 56)


SOIL_L = (176, 128, 86)


SKIN = (245, 200, 160)


BODY = (36, 40, 48)


NIGHT = (22, 26, 34)


GREY = (150, 158, 170)


SCALE = 2  # draw at 2x, then downsample: cheap anti-aliasing


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def w(self) -> float:
        return self.x1 - self.x0

    @property
    def h(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def inset(self, dx: float, dy: float | None = None) -> Box:
        dy = dx if dy is None else dy
        return Box(self.x0 + dx, self.y0 + dy, self.x1 - dx, self.y1 - dy)

    def t(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


TOKEN_RE = re.compile(r"[A-Za-z0-9%°¥$.,:;!?'’()/+\-–#@&=_]+|\s+|.")


NO_LINE_START = set("，。！？、：；）》”,.!?:;)")


class Canvas:
    """A Pillow image drawn at SCALE x; all coordinates are final pixels."""

    def __init__(self, w: int, h: int, lang: str, bg=BG):
        self.w, self.h, self.lang = w, h, lang
        self.img = Image.new("RGB", (w * SCALE, h * SCALE), bg)
        self.d = ImageDraw.Draw(self.img)

    # -- language -----------------------------------------------------------
    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    # -- shapes -------------------------------------------------------------
    @staticmethod
    def _xy(seq) -> list[float]:
        return [v * SCALE for v in seq]

    def rect(self, box, fill=None, r=0, outline=None, width=0):
        box = box.t() if isinstance(box, Box) else box
        if r:
            self.d.rounded_rectangle(
                self._xy(box), radius=r * SCALE, fill=fill, outline=outline, width=int(width * SCALE)
            )
        else:
            self.d.rectangle(self._xy(box), fill=fill, outline=outline, width=int(width * SCALE))

    def ellipse(self, box, fill=None, outline=None, width=0):
        box = box.t() if isinstance(box, Box) else box
        self.d.ellipse(self._xy(box), fill=fill, outline=outline, width=int(width * SCALE))

    def circle(self, cx, cy, r, fill=None, outline=None, width=0):
        self.ellipse((cx - r, cy - r, cx + r, cy + r), fill, outline, width)

    def poly(self, pts, fill=None, outline=None):
        self.d.polygon([(x * SCALE, y * SCALE) for x, y in pts], fill=fill, outline=outline)

    def line(self, pts, fill=INK, width=4, round_caps=True):
        pts = [(x * SCALE, y * SCALE) for x, y in pts]
        self.d.line(pts, fill=fill, width=int(width * SCALE), joint="curve")
        if round_caps:
            r = width * SCALE / 2
            for x, y in (pts[0], pts[-1]):
                self.d.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def arc(self, cx, cy, r, start, end, fill=INK, width=4):
        self.d.arc(self._xy((cx - r, cy - r, cx + r, cy + r)), start, end, fill=fill, width=int(width * SCALE))

    def pie(self, cx, cy, r, start, end, fill):
        self.d.pieslice(self._xy((cx - r, cy - r, cx + r, cy + r)), start, end, fill=fill)

    # -- text ---------------------------------------------------------------
    def text(self, x, y, s, size, fill=INK, bold=False, anchor="la"):
        self.d.text((x * SCALE, y * SCALE), s, font=font(int(size * SCALE), bold), fill=fill, anchor=anchor)

    def text_width(self, s: str, size: float, bold=False) -> float:
        return font(int(size * SCALE), bold).getlength(s) / SCALE

    def wrap(self, s: str, size: float, max_w: float, bold=False) -> list[str]:
        lines: list[str] = []
        for para in s.split("\n"):
            cur = ""
            for tok in TOKEN_RE.findall(para):
                trial = cur + tok
                if (
                    cur
                    and self.text_width(trial.rstrip(), size, bold) > max_w
                    and tok not in NO_LINE_START
                    and not tok.isspace()
                ):
                    lines.append(cur.rstrip())
                    cur = tok
                else:
                    cur = trial
            lines.append(cur.strip())
        return lines

    def fit_text(self, box, s, size, fill=INK, bold=False, align="left", valign="middle", min_size=14, leading=1.3):
        """Wrap and, if needed, shrink `s` so it fits inside `box`."""
        box = box if isinstance(box, Box) else Box(*box)
        size = self.fit_size(s, box, size, bold, min_size, leading)
        lines = self.wrap(s, size, box.w, bold)
        height = size * leading * (len(lines) - 1) + size * 1.15
        if valign == "top":
            y = box.y0
        elif valign == "bottom":
            y = box.y1 - height
        else:
            y = box.cy - height / 2
        for line_ in lines:
            if align == "center":
                self.text(box.cx, y, line_, size, fill, bold, anchor="ma")
            elif align == "right":
                self.text(box.x1, y, line_, size, fill, bold, anchor="ra")
            else:
                self.text(box.x0, y, line_, size, fill, bold, anchor="la")
            y += size * leading
        return size

    def fit_size(self, s, box, size, bold=False, min_size=14, leading=1.3) -> float:
        """The largest size <= `size` at which `s` fits into `box` (wrapped)."""
        box = box if isinstance(box, Box) else Box(*box)
        while size > min_size:
            lines = self.wrap(s, size, box.w, bold)
            if size * leading * (len(lines) - 1) + size * 1.15 <= box.h:
                break
            size -= 1
        return size

    def common_size(self, texts, box, size, bold=False, min_size=14) -> float:
        """One size for a list of parallel items, so they look consistent."""
        return min(self.fit_size(t, box, size, bold, min_size) for t in texts)

    def label(self, cx, cy, s, size, fg=WHITE, bg=INK, pad=12, r=None, bold=True, max_w=None):
        """A pill-shaped label centred on (cx, cy)."""
        if max_w:
            while self.text_width(s, size, bold) > max_w - 2 * pad and size > 12:
                size -= 1
        w = self.text_width(s, size, bold) + 2 * pad
        h = size * 1.5
        self.rect((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), bg, r=h / 2 if r is None else r)
        self.text(cx, cy, s, size, fg, bold, anchor="mm")
        return Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)

    # -- output -------------------------------------------------------------
    def image(self) -> Image.Image:
        # BOX = plain 2x2 averaging: fewer in-between colours than LANCZOS, so the
        # palette PNG stays smaller and edges stay crisp.
        return self.img.resize((self.w, self.h), Image.Resampling.BOX)

    def paste(self, sub: Canvas, x, y, mask: Image.Image | None = None):
        """Paste another canvas (drawn in its own local coordinates) at (x, y)."""
        self.img.paste(sub.img, (round(x * SCALE), round(y * SCALE)), mask)

    def sub(self, box: Box, bg=WHITE) -> Canvas:
        """A canvas the size of `box`: draw in local coordinates, then paste() it."""
        return Canvas(round(box.w), round(box.h), self.lang, bg)

    def rounded_mask(self, w, h, r) -> Image.Image:
        mask = Image.new("L", (round(w * SCALE), round(h * SCALE)), 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, mask.width - 1, mask.height - 1), radius=r * SCALE, fill=255)
        return mask


def save_png(img: Image.Image, path: Path, budget: int = 25_000) -> None:
    """Save as a palette PNG, using as many colours as fit the byte budget.

    The palette is made of the most frequent colours of the picture, so the flat
    fills keep their exact colour and the anti-aliased edges snap to the nearest
    one (a median-cut palette would shift small but important areas such as a red
    badge).  No dithering: it would only add noise and bytes to flat artwork.
    """
    counts = img.getcolors(maxcolors=img.width * img.height)
    counts.sort(key=lambda item: (-item[0], item[1]))
    candidates = []
    for n in (64, 48, 32, 24):
        palette = [v for _, rgb in counts[:n] for v in rgb]
        pal_img = Image.new("P", (1, 1))
        pal_img.putpalette(palette)
        candidates.append(png_bytes(img.quantize(palette=pal_img, dither=Image.Dither.NONE)))
        if len(candidates[-1]) <= budget:
            break
    path.write_bytes(candidates[-1] if len(candidates[-1]) <= budget else min(candidates, key=len))


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def rotate(pts, cx, cy, deg):
    a = math.radians(deg)
    ca, sa = math.cos(a), math.sin(a)
    return [(cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca) for x, y in pts]


def handset(c: Canvas, cx, cy, size, fill=WHITE, angle=0):
    """Classic telephone handset; angle=135 gives the 'hang up' orientation."""
    r_out, r_in = size * 0.62, size * 0.36
    ox, oy = cx + size * 0.22, cy - size * 0.22  # centre of the curve
    a0, a1 = 95, 175
    outer = [
        (ox + r_out * math.cos(math.radians(a)), oy + r_out * math.sin(math.radians(a))) for a in range(a0, a1 + 1, 5)
    ]
    inner = [
        (ox + r_in * math.cos(math.radians(a)), oy + r_in * math.sin(math.radians(a))) for a in range(a1, a0 - 1, -5)
    ]
    c.poly(rotate(outer + inner, cx, cy, angle), fill)
    for a in (a0 - 6, a1 + 6):  # ear and mouth pieces
        rm = (r_out + r_in) / 2
        px = ox + rm * math.cos(math.radians(a))
        py = oy + rm * math.sin(math.radians(a))
        ((px, py),) = rotate([(px, py)], cx, cy, angle)
        c.circle(px, py, size * 0.16, fill)


def mic(c: Canvas, cx, cy, size, fill=INK, width=None):
    w = width or size * 0.1
    c.rect((cx - size * 0.18, cy - size * 0.5, cx + size * 0.18, cy + size * 0.1), fill, r=size * 0.18)
    c.arc(cx, cy - size * 0.05, size * 0.3, 0, 180, fill, w)
    c.line([(cx, cy + size * 0.25), (cx, cy + size * 0.45)], fill, w)
    c.line([(cx - size * 0.2, cy + size * 0.45), (cx + size * 0.2, cy + size * 0.45)], fill, w)


def camera_icon(c: Canvas, cx, cy, size, fill=INK, hole=WHITE):
    c.rect((cx - size * 0.5, cy - size * 0.3, cx + size * 0.5, cy + size * 0.38), fill, r=size * 0.12)
    c.rect((cx - size * 0.2, cy - size * 0.42, cx + size * 0.2, cy - size * 0.2), fill, r=size * 0.06)
    c.circle(cx, cy + size * 0.04, size * 0.2, hole)
    c.circle(cx, cy + size * 0.04, size * 0.11, fill)


def flip_icon(c: Canvas, cx, cy, size, fill=WHITE):
    r = size * 0.36
    w = size * 0.09
    c.arc(cx, cy, r, 200, 340, fill, w)
    c.arc(cx, cy, r, 20, 160, fill, w)
    for ang, direction in ((340, 1), (160, 1)):
        a = math.radians(ang)
        px, py = cx + r * math.cos(a), cy + r * math.sin(a)
        tip = size * 0.16
        tri = [(px - tip, py - tip * 0.2), (px + tip, py - tip * 0.2), (px, py + tip)]
        c.poly(rotate(tri, px, py, ang + 90 * direction - 90), fill)


def check(c: Canvas, cx, cy, size, fill=WHITE, width=None):
    c.line(
        [(cx - size * 0.35, cy), (cx - size * 0.1, cy + size * 0.25), (cx + size * 0.38, cy - size * 0.28)],
        fill,
        width or size * 0.14,
    )


def cross(c: Canvas, cx, cy, size, fill=WHITE, width=None):
    w = width or size * 0.14
    c.line([(cx - size * 0.3, cy - size * 0.3), (cx + size * 0.3, cy + size * 0.3)], fill, w)
    c.line([(cx + size * 0.3, cy - size * 0.3), (cx - size * 0.3, cy + size * 0.3)], fill, w)


def exclaim(c: Canvas, cx, cy, size, fill=WHITE):
    c.poly(
        [
            (cx - size * 0.09, cy - size * 0.38),
            (cx + size * 0.09, cy - size * 0.38),
            (cx + size * 0.05, cy + size * 0.12),
            (cx - size * 0.05, cy + size * 0.12),
        ],
        fill,
    )
    c.circle(cx, cy + size * 0.3, size * 0.08, fill)


def warning_badge(c: Canvas, cx, cy, r, fill=RED):
    c.circle(cx, cy, r + 4, WHITE)
    c.circle(cx, cy, r, fill)
    exclaim(c, cx, cy, r * 1.3)


def warning_triangle(c: Canvas, cx, cy, size, fill=RED):
    h = size * 0.9
    c.poly([(cx, cy - h / 2), (cx + size / 2, cy + h / 2), (cx - size / 2, cy + h / 2)], fill)
    exclaim(c, cx, cy + size * 0.1, size * 0.6)


def chevron(c: Canvas, cx, cy, size, fill=INK, direction="right", width=None):
    s = size / 2
    pts = {
        "right": [(cx - s / 2, cy - s), (cx + s / 2, cy), (cx - s / 2, cy + s)],
        "left": [(cx + s / 2, cy - s), (cx - s / 2, cy), (cx + s / 2, cy + s)],
        "down": [(cx - s, cy - s / 2), (cx, cy + s / 2), (cx + s, cy - s / 2)],
        "up": [(cx - s, cy + s / 2), (cx, cy - s / 2), (cx + s, cy + s / 2)],
    }[direction]
    c.line(pts, fill, width or size * 0.16)


def arrow(c: Canvas, x0, y0, x1, y1, fill=RED, width=8, head=22):
    """A straight callout arrow from (x0, y0) pointing at (x1, y1)."""
    ang = math.atan2(y1 - y0, x1 - x0)
    bx, by = x1 - head * 0.8 * math.cos(ang), y1 - head * 0.8 * math.sin(ang)
    c.line([(x0, y0), (bx, by)], fill, width)
    left = (x1 - head * math.cos(ang - 0.5), y1 - head * math.sin(ang - 0.5))
    right = (x1 - head * math.cos(ang + 0.5), y1 - head * math.sin(ang + 0.5))
    c.poly([(x1, y1), left, right], fill)


def tri_arrow(c: Canvas, cx, cy, size, fill, up=True):
    """Solid up/down arrow for price changes."""
    s = size / 2
    if up:
        c.poly(
            [
                (cx, cy - s),
                (cx + s, cy),
                (cx + s * 0.4, cy),
                (cx + s * 0.4, cy + s),
                (cx - s * 0.4, cy + s),
                (cx - s * 0.4, cy),
                (cx - s, cy),
            ],
            fill,
        )
    else:
        c.poly(
            [
                (cx, cy + s),
                (cx + s, cy),
                (cx + s * 0.4, cy),
                (cx + s * 0.4, cy - s),
                (cx - s * 0.4, cy - s),
                (cx - s * 0.4, cy),
                (cx - s, cy),
            ],
            fill,
        )


def sun(c: Canvas, cx, cy, r, fill=YELLOW):
    for i in range(8):
        a = math.radians(i * 45)
        c.line(
            [
                (cx + r * 1.3 * math.cos(a), cy + r * 1.3 * math.sin(a)),
                (cx + r * 1.65 * math.cos(a), cy + r * 1.65 * math.sin(a)),
            ],
            fill,
            r * 0.22,
        )
    c.circle(cx, cy, r, fill)


def cloud(c: Canvas, cx, cy, s, fill=WHITE):
    c.circle(cx - s * 0.3, cy + s * 0.05, s * 0.28, fill)
    c.circle(cx + s * 0.05, cy - s * 0.12, s * 0.38, fill)
    c.circle(cx + s * 0.38, cy + s * 0.08, s * 0.25, fill)
    c.rect((cx - s * 0.3, cy + s * 0.02, cx + s * 0.38, cy + s * 0.33), fill)


def rain_cloud(c: Canvas, cx, cy, s, cloud_fill=GREY, drop=BLUE):
    cloud(c, cx, cy - s * 0.1, s, cloud_fill)
    for dx in (-0.3, 0.0, 0.3):
        x = cx + dx * s
        c.line([(x + s * 0.06, cy + s * 0.35), (x - s * 0.04, cy + s * 0.55)], drop, s * 0.08)


def weather_icon(c: Canvas, kind: str, cx, cy, s):
    if kind == "sun":
        sun(c, cx, cy, s * 0.28)
    elif kind == "cloud":
        sun(c, cx + s * 0.2, cy - s * 0.15, s * 0.18)
        cloud(c, cx - s * 0.05, cy + s * 0.05, s * 0.8, GREY)
    else:
        rain_cloud(c, cx, cy - s * 0.05, s * 0.8)


def wind_icon(c: Canvas, cx, cy, s, fill=BLUE):
    w = s * 0.08
    c.line([(cx - s * 0.45, cy - s * 0.2), (cx + s * 0.25, cy - s * 0.2)], fill, w)
    c.arc(cx + s * 0.25, cy - s * 0.32, s * 0.12, 270, 90 + 360, fill, w)
    c.line([(cx - s * 0.45, cy + s * 0.02), (cx + s * 0.4, cy + s * 0.02)], fill, w)
    c.line([(cx - s * 0.35, cy + s * 0.24), (cx + s * 0.15, cy + s * 0.24)], fill, w)
    c.arc(cx + s * 0.15, cy + s * 0.36, s * 0.12, 270 - 360, 90, fill, w)


def heart(c: Canvas, cx, cy, s, fill=RED, outline=None):
    def shape(size):
        pts = []
        for i in range(48):
            t = 2 * math.pi * i / 48
            x = 16 * math.sin(t) ** 3
            y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
            pts.append((cx + x * size / 34, cy - y * size / 34))
        return pts

    if outline:
        c.poly(shape(s + 8), outline)
    c.poly(shape(s), fill)


def star(c: Canvas, cx, cy, r, fill=YELLOW):
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.45
        a = math.radians(-90 + i * 36)
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    c.poly(pts, fill)


def speaker_waves(c: Canvas, x, cy, s, fill=INK, flip=False):
    """Voice-message 'sound' mark: a dot and two arcs opening right (or left)."""
    c.circle(x, cy, s * 0.1, fill)
    start, end = (-45, 45) if not flip else (135, 225)
    for k in (0.35, 0.65):
        c.arc(x, cy, s * k, start, end, fill, s * 0.09)


def shield(c: Canvas, cx, cy, s, fill=BLUE):
    c.poly(
        [
            (cx, cy - s * 0.5),
            (cx + s * 0.42, cy - s * 0.35),
            (cx + s * 0.38, cy + s * 0.1),
            (cx, cy + s * 0.5),
            (cx - s * 0.38, cy + s * 0.1),
            (cx - s * 0.42, cy - s * 0.35),
        ],
        fill,
    )
    check(c, cx, cy, s * 0.6, WHITE)


def parcel(c: Canvas, cx, cy, s, fill=(205, 150, 90)):
    c.rect((cx - s / 2, cy - s * 0.38, cx + s / 2, cy + s * 0.42), fill, r=s * 0.06)
    c.rect((cx - s / 2, cy - s * 0.38, cx + s / 2, cy - s * 0.18), (180, 124, 70), r=s * 0.06)
    c.rect((cx - s * 0.08, cy - s * 0.38, cx + s * 0.08, cy + s * 0.1), (240, 220, 180))


def battery(c: Canvas, x, cy, w, level=0.8, fill=INK, charge=None):
    h = w * 0.5
    c.rect((x, cy - h / 2, x + w, cy + h / 2), None, r=h * 0.2, outline=fill, width=max(2, w * 0.07))
    c.rect((x + w, cy - h * 0.2, x + w * 1.08, cy + h * 0.2), fill)
    pad = w * 0.12
    c.rect((x + pad, cy - h / 2 + pad, x + pad + (w - 2 * pad) * level, cy + h / 2 - pad), charge or fill, r=h * 0.1)


def bolt(c: Canvas, cx, cy, s, fill=YELLOW):
    c.poly(
        [
            (cx + s * 0.1, cy - s * 0.5),
            (cx - s * 0.3, cy + s * 0.08),
            (cx - s * 0.02, cy + s * 0.08),
            (cx - s * 0.12, cy + s * 0.5),
            (cx + s * 0.3, cy - s * 0.1),
            (cx + s * 0.02, cy - s * 0.1),
        ],
        fill,
    )


def signal_bars(c: Canvas, x, bottom, h, fill=INK):
    for i in range(4):
        bh = h * (0.35 + 0.65 * i / 3)
        c.rect((x + i * h * 0.3, bottom - bh, x + i * h * 0.3 + h * 0.2, bottom), fill, r=1)


def fruit(c: Canvas, cx, cy, r, fill=RED, leaf=GREEN):
    c.circle(cx, cy, r, fill)
    c.circle(cx - r * 0.35, cy - r * 0.35, r * 0.2, tuple(min(255, v + 60) for v in fill))
    c.line([(cx, cy - r * 0.9), (cx + r * 0.1, cy - r * 1.25)], (90, 60, 30), r * 0.14)
    c.poly(leaf_shape(cx + r * 0.35, cy - r * 1.1, r * 0.55, 20), leaf)


def leaf_shape(cx, cy, length, angle=0, width=0.45):
    pts = []
    for i in range(21):
        t = i / 20
        pts.append((cx - length / 2 + length * t, cy - math.sin(math.pi * t) * length * width / 2))
    for i in range(20, -1, -1):
        t = i / 20
        pts.append((cx - length / 2 + length * t, cy + math.sin(math.pi * t) * length * width / 2))
    return rotate(pts, cx, cy, angle)


def basket(c: Canvas, cx, top, w, fruit_colour=ORANGE):
    for i, dx in enumerate((-0.3, 0.0, 0.3, -0.15, 0.15)):
        fy = top - (w * 0.08 if i < 3 else w * 0.2)
        c.circle(cx + dx * w, fy, w * 0.15, fruit_colour)
    c.poly(
        [(cx - w / 2, top), (cx + w / 2, top), (cx + w * 0.38, top + w * 0.42), (cx - w * 0.38, top + w * 0.42)],
        (176, 120, 60),
    )
    for k in (0.14, 0.28):  # wicker bands follow the sloping sides
        inset = w * 0.12 * k / 0.42
        c.line([(cx - w / 2 + inset, top + w * k), (cx + w / 2 - inset, top + w * k)], (140, 90, 40), 3)


HAIR_DARK = (50, 36, 30)


HAIR_GREY = (190, 190, 196)


def face(c: Canvas, cx, cy, r, style="short", shirt=BLUE, skin=SKIN):
    """A friendly cartoon head with shoulders.  style: short, long, bun, bald, doctor, cap."""
    hair = HAIR_GREY if style in ("bun", "bald") else HAIR_DARK
    # shoulders
    c.ellipse((cx - r * 1.35, cy + r * 0.8, cx + r * 1.35, cy + r * 2.9), shirt)
    c.rect((cx - r * 0.28, cy + r * 0.6, cx + r * 0.28, cy + r * 1.0), skin)
    if style == "long":
        c.rect((cx - r * 1.08, cy - r * 0.6, cx + r * 1.08, cy + r * 1.1), hair, r=r * 0.5)
    if style == "bun":
        c.circle(cx, cy - r * 1.05, r * 0.38, hair)
    c.circle(cx, cy, r, skin)
    if style in ("short", "long", "bun", "cap", "doctor"):
        c.d.chord(Canvas._xy((cx - r * 1.04, cy - r * 1.06, cx + r * 1.04, cy + r * 0.9)), 180, 360, fill=hair)
    if style == "bald":
        c.d.chord(Canvas._xy((cx - r * 1.02, cy - r * 0.8, cx + r * 1.02, cy + r * 0.6)), 170, 230, fill=hair)
        c.d.chord(Canvas._xy((cx - r * 1.02, cy - r * 0.8, cx + r * 1.02, cy + r * 0.6)), 310, 370, fill=hair)
    if style == "cap":
        c.d.chord(Canvas._xy((cx - r * 1.05, cy - r * 1.15, cx + r * 1.05, cy + r * 0.5)), 180, 360, fill=BLUE)
        c.rect((cx - r * 0.2, cy - r * 0.4, cx + r * 1.3, cy - r * 0.28), BLUE, r=r * 0.06)
    if style == "doctor":
        c.d.chord(Canvas._xy((cx - r * 1.0, cy - r * 1.2, cx + r * 1.0, cy + r * 0.2)), 180, 360, fill=WHITE)
        c.rect((cx - r * 0.07, cy - r * 0.9, cx + r * 0.07, cy - r * 0.55), RED)
        c.rect((cx - r * 0.18, cy - r * 0.79, cx + r * 0.18, cy - r * 0.66), RED)
    # features
    for dx in (-0.36, 0.36):
        c.circle(cx + dx * r, cy + r * 0.12, r * 0.09, INK)
        c.circle(cx + dx * r * 1.3, cy + r * 0.42, r * 0.12, (246, 160, 150))
    c.arc(cx, cy + r * 0.22, r * 0.3, 25, 155, INK, max(2, r * 0.07))
    if style in ("bun", "bald"):  # reading glasses for the grandparents
        for dx in (-0.36, 0.36):
            c.circle(cx + dx * r, cy + r * 0.12, r * 0.22, None, INK, max(2, r * 0.05))
        c.line([(cx - r * 0.14, cy + r * 0.1), (cx + r * 0.14, cy + r * 0.1)], INK, max(2, r * 0.05))


def farmer(c: Canvas, cx, cy, r, shirt=(70, 130, 200)):
    """A farmer with a straw hat (head centre cx, cy; head radius r)."""
    face(c, cx, cy, r, "short", shirt)
    c.ellipse((cx - r * 1.6, cy - r * 0.75, cx + r * 1.6, cy - r * 0.35), (226, 186, 90))
    c.d.chord(Canvas._xy((cx - r * 0.9, cy - r * 1.5, cx + r * 0.9, cy - r * 0.1)), 180, 360, fill=(236, 198, 104))
    c.rect((cx - r * 0.88, cy - r * 0.72, cx + r * 0.88, cy - r * 0.6), (200, 80, 60))


def fake_qr(c: Canvas, x, y, size, seed=7, fill=INK, bg=WHITE):
    """A QR-*looking* pattern: random modules + finder squares.  Not decodable."""
    n = 25
    m = size / n
    rng = random.Random(seed)
    c.rect((x - m, y - m, x + size + m, y + size + m), bg)
    for i in range(n):
        for j in range(n):
            in_finder = (i < 8 and j < 8) or (i < 8 and j >= n - 8) or (i >= n - 8 and j < 8)
            if not in_finder and rng.random() < 0.48:
                c.rect((x + i * m, y + j * m, x + (i + 1) * m, y + (j + 1) * m), fill)
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        px, py = x + fx * m, y + fy * m
        c.rect((px, py, px + 7 * m, py + 7 * m), fill)
        c.rect((px + m, py + m, px + 6 * m, py + 6 * m), bg)
        c.rect((px + 2 * m, py + 2 * m, px + 5 * m, py + 5 * m), fill)


def slider(c: Canvas, x0, x1, y, value, fill=BLUE, track=LINE, knob_r=18, steps=0):
    c.rect((x0, y - 5, x1, y + 5), track, r=5)
    kx = x0 + (x1 - x0) * value
    c.rect((x0, y - 5, kx, y + 5), fill, r=5)
    for i in range(steps):
        sx = x0 + (x1 - x0) * i / (steps - 1)
        c.circle(sx, y, 6, fill if sx <= kx else track)
    c.circle(kx, y, knob_r + 3, fill)
    c.circle(kx, y, knob_r - 3, WHITE)


def round_button(c: Canvas, cx, cy, r, fill, caption=None, caption_fill=WHITE, size=24):
    c.circle(cx, cy, r, fill)
    if caption:
        c.fit_text(
            Box(cx - r * 1.5, cy + r + 6, cx + r * 1.5, cy + r + 6 + size * 2.7),
            caption,
            size,
            caption_fill,
            bold=True,
            align="center",
            valign="top",
        )


def bubble(c: Canvas, box: Box, fill, tail="left"):
    c.rect(box, fill, r=18)
    y = box.y0 + 26
    if tail == "left":
        c.poly([(box.x0 + 2, y - 10), (box.x0 - 12, y), (box.x0 + 2, y + 10)], fill)
    else:
        c.poly([(box.x1 - 2, y - 10), (box.x1 + 12, y), (box.x1 - 2, y + 10)], fill)


SCREEN_W, SCREEN_H = 720, 900


PHONE = Box(80, 12, 640, 888)


SCREEN = Box(98, 30, 622, 870)


STATUS_H, TITLE_H = 46, 86


def draw_status_bar(c: Canvas, dark: bool):
    fg = WHITE if dark else INK
    y = SCREEN.y0 + STATUS_H / 2 + 2
    c.text(SCREEN.x0 + 40, y, "9:41", 22, fg, bold=True, anchor="lm")
    c.circle(SCREEN.cx, y, 9, BODY)  # punch-hole camera
    signal_bars(c, SCREEN.x1 - 120, y + 9, 20, fg)
    battery(c, SCREEN.x1 - 80, y, 38, 0.8, fg)


def draw_title_bar(c: Canvas, title: str, fill=WHITE, fg=INK):
    y0 = SCREEN.y0 + STATUS_H
    c.rect((SCREEN.x0, y0, SCREEN.x1, y0 + TITLE_H), fill)
    c.rect((SCREEN.x0, y0 + TITLE_H - 2, SCREEN.x1, y0 + TITLE_H), LINE)
    chevron(c, SCREEN.x0 + 40, y0 + TITLE_H / 2, 30, fg, "left", 5)
    c.fit_text(
        Box(SCREEN.x0 + 80, y0 + 6, SCREEN.x1 - 80, y0 + TITLE_H - 6),
        title,
        38,
        fg,
        bold=True,
        align="center",
        min_size=24,
    )


def draw_bezel(c: Canvas):
    """Paint the phone body over everything outside the rounded screen."""
    outside = Image.new("L", c.img.size, 255)
    ImageDraw.Draw(outside).rounded_rectangle(Canvas._xy(PHONE.t()), radius=64 * SCALE, fill=0)
    c.img.paste(BG, mask=outside)
    ring = Image.new("L", c.img.size, 0)
    md = ImageDraw.Draw(ring)
    md.rounded_rectangle(Canvas._xy(PHONE.t()), radius=64 * SCALE, fill=255)
    md.rounded_rectangle(Canvas._xy(SCREEN.t()), radius=46 * SCALE, fill=0)
    c.img.paste(BODY, mask=ring)
    # side buttons
    c.rect((PHONE.x1 - 2, 190, PHONE.x1 + 8, 300), BODY, r=4)
    c.rect((PHONE.x1 - 2, 340, PHONE.x1 + 8, 400), BODY, r=4)


@dataclass
class Illustration:
    key: str
    kind: str  # "cover" 720x405, "scene" 720x540, "screen" phone 720x900
    draw: Callable
    title: tuple[str, str] | None = None
    dark: bool = False
    screen_bg: tuple = PAPER


ILLUSTRATIONS: dict[str, Illustration] = {}


SIZES = {"cover": (720, 405), "scene": (720, 540), "screen": (SCREEN_W, SCREEN_H)}


def illustration(key, kind="screen", title=None, dark=False, screen_bg=PAPER):
    def register(fn):
        ILLUSTRATIONS[key] = Illustration(key, kind, fn, title, dark, screen_bg)
        return fn

    return register


def render(item: Illustration, lang: str) -> Image.Image:
    w, h = SIZES[item.kind]
    c = Canvas(w, h, lang)
    if item.kind != "screen":
        item.draw(c)
        return c.image()
    bg = NIGHT if item.dark else item.screen_bg
    c.rect(SCREEN, bg)
    top = SCREEN.y0 + STATUS_H
    if item.title:
        c.rect((SCREEN.x0, SCREEN.y0, SCREEN.x1, top), WHITE)
        draw_title_bar(c, c.t(*item.title))
        top += TITLE_H
    item.draw(c, Box(SCREEN.x0, top, SCREEN.x1, SCREEN.y1))
    draw_status_bar(c, item.dark)  # on top, so full-bleed content stays clear of it
    draw_bezel(c)
    return c.image()


@cache
def avatar(style: str, shirt: tuple, diameter: int) -> Image.Image:
    """A round avatar image (already at SCALE) that can be pasted into a canvas."""
    size = diameter * SCALE
    sub = Canvas(diameter, diameter, "zh", BLUE_L)
    face(sub, diameter / 2, diameter * 0.46, diameter * 0.27, style, shirt)
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, size - 1, size - 1), fill=255)
    out = Image.new("RGB", (size, size), WHITE)
    out.paste(sub.img, mask=mask)
    return out


def paste_avatar(c: Canvas, cx, cy, d, style, shirt, ring=WHITE):
    c.circle(cx, cy, d / 2 + 3, ring)
    img = avatar(style, shirt, int(d))
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, img.size[0] - 1, img.size[1] - 1), fill=255)
    c.img.paste(img, (int((cx - d / 2) * SCALE), int((cy - d / 2) * SCALE)), mask)


def tree(c: Canvas, x, ground, s, apples=True):
    c.rect((x - s * 0.08, ground - s * 0.7, x + s * 0.08, ground), (120, 84, 50))
    c.circle(x, ground - s * 0.95, s * 0.5, (90, 160, 70))
    c.circle(x - s * 0.3, ground - s * 0.75, s * 0.32, (100, 172, 76))
    c.circle(x + s * 0.3, ground - s * 0.75, s * 0.32, (100, 172, 76))
    if apples:
        for dx, dy in ((-0.3, -0.9), (0.2, -1.1), (0.35, -0.7), (-0.1, -0.65), (0.0, -1.25)):
            c.circle(x + dx * s, ground + dy * s, s * 0.06, RED)


def farmer_with_basket(c: Canvas, cx, cy, r, produce=RED):
    farmer(c, cx, cy, r)
    basket(c, cx, cy + r * 1.9, r * 2.4, produce)
    for sx in (-1, 1):
        c.circle(cx + sx * r * 1.2, cy + r * 1.95, r * 0.2, SKIN)


def orchard(c: Canvas, box: Box):
    sub = c.sub(box, SKY)
    w, h = box.w, box.h
    sub.rect((0, h * 0.62, w, h), GRASS)
    for i, x in enumerate((0.1, 0.35, 0.62, 0.9)):
        tree(sub, w * x, h * 0.66, h * (0.36 if i % 2 else 0.42))
    c.paste(sub, box.x0, box.y0)


def live_badge(c: Canvas, x, y, size=24):
    text = c.t("直播中", "LIVE")
    w = c.text_width(text, size, True) + size * 1.6
    c.rect((x, y, x + w, y + size * 1.5), RED, r=size * 0.4)
    c.circle(x + size * 0.6, y + size * 0.75, size * 0.22, WHITE)
    c.text(x + size * 1.0, y + size * 0.75, text, size, WHITE, bold=True, anchor="lm")
    return x + w
