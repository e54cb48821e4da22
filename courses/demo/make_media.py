#!/usr/bin/env python3
"""Regenerate the illustrations, audio and video used by the demo courses.

Why this script exists
----------------------
The demo courses (smartphone basics, digital agriculture, selling through live
streams) need pictures, a voice message and a short captioned video.  We do not
download stock media: licensing is unclear, faces of real people do not belong
in a demo, and the site must be reproducible from the repository alone.  So every
file under ``courses/demo/media/`` is drawn or synthesised here, locally:

* illustrations are drawn with Pillow and saved as small palette PNGs, once with
  Simplified Chinese labels (``<key>.zh.png``) and once with English labels
  (``<key>.en.png``);
* speech is synthesised with espeak-ng (Mandarin is fed numbered pinyin from
  pypinyin, because Debian's ``-v cmn`` voice mispronounces many characters) and
  encoded with lame;
* the video is a slideshow assembled with ffmpeg, with WebVTT captions whose cue
  times come from the measured length of each narrated line.

The outputs are committed, so ``make run`` and the test-suite never need
espeak-ng, ffmpeg, lame or the CJK fonts.  Run this script only when the
pictures or texts change::

    python courses/demo/make_media.py            # everything
    python courses/demo/make_media.py img        # only illustrations
    python courses/demo/make_media.py audio video

Requirements: Pillow and pypinyin (both in requirements.txt) plus the Debian
packages fonts-noto-cjk, espeak-ng, lame and ffmpeg.  Output is deterministic:
running it twice with the same tool versions gives byte-identical files.
"""

from __future__ import annotations

import json
import math
import random
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from PIL import Image, ImageDraw, ImageFont
from pypinyin import Style, lazy_pinyin

HERE = Path(__file__).resolve().parent
MEDIA = HERE / "media"
IMG_DIR = MEDIA / "img"
AUDIO_DIR = MEDIA / "audio"
VIDEO_DIR = MEDIA / "video"
TEXTS_FILE = HERE / "content" / "media_texts.json"

LANGS = ("zh", "en")

# --------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------

KNOWN_CJK_FONTS = {
    False: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    True: ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
}


@lru_cache(maxsize=None)
def cjk_font_file(bold: bool) -> tuple[str, int]:
    """Return (path, face index) of Noto Sans CJK SC, asking fontconfig first."""
    pattern = "Noto Sans CJK SC:style=Bold" if bold else "Noto Sans CJK SC"
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}|%{family}", pattern],
            capture_output=True, text=True, check=True,
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


@lru_cache(maxsize=None)
def font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path, index = cjk_font_file(bold)
    return ImageFont.truetype(path, px, index=index)


# --------------------------------------------------------------------------
# Colours: a small flat palette with strong contrast
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# Drawing helpers
# --------------------------------------------------------------------------

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

    def inset(self, dx: float, dy: float | None = None) -> "Box":
        dy = dx if dy is None else dy
        return Box(self.x0 + dx, self.y0 + dy, self.x1 - dx, self.y1 - dy)

    def t(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


# A word of Latin letters/digits stays together; CJK characters break anywhere.
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
            self.d.rounded_rectangle(self._xy(box), radius=r * SCALE, fill=fill,
                                     outline=outline, width=int(width * SCALE))
        else:
            self.d.rectangle(self._xy(box), fill=fill, outline=outline,
                             width=int(width * SCALE))

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
        self.d.arc(self._xy((cx - r, cy - r, cx + r, cy + r)), start, end,
                   fill=fill, width=int(width * SCALE))

    def pie(self, cx, cy, r, start, end, fill):
        self.d.pieslice(self._xy((cx - r, cy - r, cx + r, cy + r)), start, end, fill=fill)

    # -- text ---------------------------------------------------------------
    def text(self, x, y, s, size, fill=INK, bold=False, anchor="la"):
        self.d.text((x * SCALE, y * SCALE), s, font=font(int(size * SCALE), bold),
                    fill=fill, anchor=anchor)

    def text_width(self, s: str, size: float, bold=False) -> float:
        return font(int(size * SCALE), bold).getlength(s) / SCALE

    def wrap(self, s: str, size: float, max_w: float, bold=False) -> list[str]:
        lines: list[str] = []
        for para in s.split("\n"):
            cur = ""
            for tok in TOKEN_RE.findall(para):
                trial = cur + tok
                if cur and self.text_width(trial.rstrip(), size, bold) > max_w \
                        and tok not in NO_LINE_START and not tok.isspace():
                    lines.append(cur.rstrip())
                    cur = tok
                else:
                    cur = trial
            lines.append(cur.strip())
        return lines

    def fit_text(self, box, s, size, fill=INK, bold=False, align="left",
                 valign="middle", min_size=14, leading=1.3):
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

    def label(self, cx, cy, s, size, fg=WHITE, bg=INK, pad=12, r=None, bold=True,
              max_w=None):
        """A pill-shaped label centred on (cx, cy)."""
        if max_w:
            while self.text_width(s, size, bold) > max_w - 2 * pad and size > 12:
                size -= 1
        w = self.text_width(s, size, bold) + 2 * pad
        h = size * 1.5
        self.rect((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), bg,
                  r=h / 2 if r is None else r)
        self.text(cx, cy, s, size, fg, bold, anchor="mm")
        return Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)

    # -- output -------------------------------------------------------------
    def image(self) -> Image.Image:
        # BOX = plain 2x2 averaging: fewer in-between colours than LANCZOS, so the
        # palette PNG stays smaller and edges stay crisp.
        return self.img.resize((self.w, self.h), Image.Resampling.BOX)

    def paste(self, sub: "Canvas", x, y, mask: Image.Image | None = None):
        """Paste another canvas (drawn in its own local coordinates) at (x, y)."""
        self.img.paste(sub.img, (round(x * SCALE), round(y * SCALE)), mask)

    def sub(self, box: Box, bg=WHITE) -> "Canvas":
        """A canvas the size of `box`; draw in local coordinates, then paste_sub it."""
        return Canvas(round(box.w), round(box.h), self.lang, bg)

    def rounded_mask(self, w, h, r) -> Image.Image:
        mask = Image.new("L", (round(w * SCALE), round(h * SCALE)), 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, mask.width - 1, mask.height - 1),
                                               radius=r * SCALE, fill=255)
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
    import io
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


# --------------------------------------------------------------------------
# Icons (all drawn from primitives so they scale and need no emoji font)
# --------------------------------------------------------------------------

def rotate(pts, cx, cy, deg):
    a = math.radians(deg)
    ca, sa = math.cos(a), math.sin(a)
    return [(cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca)
            for x, y in pts]


def handset(c: Canvas, cx, cy, size, fill=WHITE, angle=0):
    """Classic telephone handset; angle=135 gives the 'hang up' orientation."""
    r_out, r_in = size * 0.62, size * 0.36
    ox, oy = cx + size * 0.22, cy - size * 0.22          # centre of the curve
    a0, a1 = 95, 175
    outer = [(ox + r_out * math.cos(math.radians(a)), oy + r_out * math.sin(math.radians(a)))
             for a in range(a0, a1 + 1, 5)]
    inner = [(ox + r_in * math.cos(math.radians(a)), oy + r_in * math.sin(math.radians(a)))
             for a in range(a1, a0 - 1, -5)]
    c.poly(rotate(outer + inner, cx, cy, angle), fill)
    for a in (a0 - 6, a1 + 6):                           # ear and mouth pieces
        rm = (r_out + r_in) / 2
        px = ox + rm * math.cos(math.radians(a))
        py = oy + rm * math.sin(math.radians(a))
        (px, py), = rotate([(px, py)], cx, cy, angle)
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
    c.line([(cx - size * 0.35, cy), (cx - size * 0.1, cy + size * 0.25), (cx + size * 0.38, cy - size * 0.28)],
           fill, width or size * 0.14)


def cross(c: Canvas, cx, cy, size, fill=WHITE, width=None):
    w = width or size * 0.14
    c.line([(cx - size * 0.3, cy - size * 0.3), (cx + size * 0.3, cy + size * 0.3)], fill, w)
    c.line([(cx + size * 0.3, cy - size * 0.3), (cx - size * 0.3, cy + size * 0.3)], fill, w)


def exclaim(c: Canvas, cx, cy, size, fill=WHITE):
    c.poly([(cx - size * 0.09, cy - size * 0.38), (cx + size * 0.09, cy - size * 0.38),
            (cx + size * 0.05, cy + size * 0.12), (cx - size * 0.05, cy + size * 0.12)], fill)
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
    pts = {"right": [(cx - s / 2, cy - s), (cx + s / 2, cy), (cx - s / 2, cy + s)],
           "left": [(cx + s / 2, cy - s), (cx - s / 2, cy), (cx + s / 2, cy + s)],
           "down": [(cx - s, cy - s / 2), (cx, cy + s / 2), (cx + s, cy - s / 2)],
           "up": [(cx - s, cy + s / 2), (cx, cy - s / 2), (cx + s, cy + s / 2)]}[direction]
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
        c.poly([(cx, cy - s), (cx + s, cy), (cx + s * 0.4, cy), (cx + s * 0.4, cy + s),
                (cx - s * 0.4, cy + s), (cx - s * 0.4, cy), (cx - s, cy)], fill)
    else:
        c.poly([(cx, cy + s), (cx + s, cy), (cx + s * 0.4, cy), (cx + s * 0.4, cy - s),
                (cx - s * 0.4, cy - s), (cx - s * 0.4, cy), (cx - s, cy)], fill)


def sun(c: Canvas, cx, cy, r, fill=YELLOW):
    for i in range(8):
        a = math.radians(i * 45)
        c.line([(cx + r * 1.3 * math.cos(a), cy + r * 1.3 * math.sin(a)),
                (cx + r * 1.65 * math.cos(a), cy + r * 1.65 * math.sin(a))], fill, r * 0.22)
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


def heart(c: Canvas, cx, cy, s, fill=RED):
    pts = []
    for i in range(48):
        t = 2 * math.pi * i / 48
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        pts.append((cx + x * s / 34, cy - y * s / 34))
    c.poly(pts, fill)


def star(c: Canvas, cx, cy, r, fill=YELLOW):
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.45
        a = math.radians(-90 + i * 36)
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    c.poly(pts, fill)


def speaker_waves(c: Canvas, x, cy, s, fill=INK, flip=False):
    """Voice-message 'sound' mark: a dot and two arcs opening right (or left)."""
    sign = -1 if flip else 1
    c.circle(x, cy, s * 0.1, fill)
    start, end = (-45, 45) if not flip else (135, 225)
    for k in (0.35, 0.65):
        c.arc(x, cy, s * k, start, end, fill, s * 0.09)
    return sign


def shield(c: Canvas, cx, cy, s, fill=BLUE):
    c.poly([(cx, cy - s * 0.5), (cx + s * 0.42, cy - s * 0.35), (cx + s * 0.38, cy + s * 0.1),
            (cx, cy + s * 0.5), (cx - s * 0.38, cy + s * 0.1), (cx - s * 0.42, cy - s * 0.35)], fill)
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
    c.rect((x + pad, cy - h / 2 + pad, x + pad + (w - 2 * pad) * level, cy + h / 2 - pad),
           charge or fill, r=h * 0.1)


def bolt(c: Canvas, cx, cy, s, fill=YELLOW):
    c.poly([(cx + s * 0.1, cy - s * 0.5), (cx - s * 0.3, cy + s * 0.08), (cx - s * 0.02, cy + s * 0.08),
            (cx - s * 0.12, cy + s * 0.5), (cx + s * 0.3, cy - s * 0.1), (cx + s * 0.02, cy - s * 0.1)], fill)


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
    c.poly([(cx - w / 2, top), (cx + w / 2, top), (cx + w * 0.38, top + w * 0.42),
            (cx - w * 0.38, top + w * 0.42)], (176, 120, 60))
    for k in (0.14, 0.28):
        c.line([(cx - w / 2 + w * 0.12 * k / 0.14 * 0.3, top + w * k),
                (cx + w / 2 - w * 0.12 * k / 0.14 * 0.3, top + w * k)], (140, 90, 40), 3)


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
        c.d.chord(Canvas._xy((cx - r * 1.04, cy - r * 1.06, cx + r * 1.04, cy + r * 0.9)),
                  180, 360, fill=hair)
    if style == "bald":
        c.d.chord(Canvas._xy((cx - r * 1.02, cy - r * 0.8, cx + r * 1.02, cy + r * 0.6)),
                  170, 230, fill=hair)
        c.d.chord(Canvas._xy((cx - r * 1.02, cy - r * 0.8, cx + r * 1.02, cy + r * 0.6)),
                  310, 370, fill=hair)
    if style == "cap":
        c.d.chord(Canvas._xy((cx - r * 1.05, cy - r * 1.15, cx + r * 1.05, cy + r * 0.5)),
                  180, 360, fill=BLUE)
        c.rect((cx - r * 0.2, cy - r * 0.4, cx + r * 1.3, cy - r * 0.28), BLUE, r=r * 0.06)
    if style == "doctor":
        c.d.chord(Canvas._xy((cx - r * 1.0, cy - r * 1.2, cx + r * 1.0, cy + r * 0.2)),
                  180, 360, fill=WHITE)
        c.rect((cx - r * 0.07, cy - r * 0.9, cx + r * 0.07, cy - r * 0.55), RED)
        c.rect((cx - r * 0.18, cy - r * 0.79, cx + r * 0.18, cy - r * 0.66), RED)
    # features
    for dx in (-0.36, 0.36):
        c.circle(cx + dx * r, cy + r * 0.12, r * 0.09, INK)
        c.circle(cx + dx * r * 1.3, cy + r * 0.42, r * 0.12, (246, 160, 150))
    c.arc(cx, cy + r * 0.22, r * 0.3, 25, 155, INK, max(2, r * 0.07))
    if style in ("bun", "bald"):        # reading glasses for the grandparents
        for dx in (-0.36, 0.36):
            c.circle(cx + dx * r, cy + r * 0.12, r * 0.22, None, INK, max(2, r * 0.05))
        c.line([(cx - r * 0.14, cy + r * 0.1), (cx + r * 0.14, cy + r * 0.1)], INK, max(2, r * 0.05))


def farmer(c: Canvas, cx, cy, r, shirt=(70, 130, 200)):
    """A farmer with a straw hat (head centre cx, cy; head radius r)."""
    face(c, cx, cy, r, "short", shirt)
    c.ellipse((cx - r * 1.6, cy - r * 0.75, cx + r * 1.6, cy - r * 0.35), (226, 186, 90))
    c.d.chord(Canvas._xy((cx - r * 0.9, cy - r * 1.5, cx + r * 0.9, cy - r * 0.1)), 180, 360,
              fill=(236, 198, 104))
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
        c.fit_text(Box(cx - r * 1.5, cy + r + 6, cx + r * 1.5, cy + r + 6 + size * 2.7),
                   caption, size, caption_fill, bold=True, align="center", valign="top")


def bubble(c: Canvas, box: Box, fill, tail="left"):
    c.rect(box, fill, r=18)
    y = box.y0 + 26
    if tail == "left":
        c.poly([(box.x0 + 2, y - 10), (box.x0 - 12, y), (box.x0 + 2, y + 10)], fill)
    else:
        c.poly([(box.x1 - 2, y - 10), (box.x1 + 12, y), (box.x1 - 2, y + 10)], fill)


# --------------------------------------------------------------------------
# Phone frame
# --------------------------------------------------------------------------

SCREEN_W, SCREEN_H = 720, 900
PHONE = Box(80, 12, 640, 888)
SCREEN = Box(98, 30, 622, 870)
STATUS_H, TITLE_H = 46, 86


def draw_status_bar(c: Canvas, dark: bool):
    fg = WHITE if dark else INK
    y = SCREEN.y0 + STATUS_H / 2 + 2
    c.text(SCREEN.x0 + 40, y, "9:41", 22, fg, bold=True, anchor="lm")
    c.circle(SCREEN.cx, y, 9, BODY)                          # punch-hole camera
    signal_bars(c, SCREEN.x1 - 120, y + 9, 20, fg)
    battery(c, SCREEN.x1 - 80, y, 38, 0.8, fg)


def draw_title_bar(c: Canvas, title: str, fill=WHITE, fg=INK):
    y0 = SCREEN.y0 + STATUS_H
    c.rect((SCREEN.x0, y0, SCREEN.x1, y0 + TITLE_H), fill)
    c.rect((SCREEN.x0, y0 + TITLE_H - 2, SCREEN.x1, y0 + TITLE_H), LINE)
    chevron(c, SCREEN.x0 + 40, y0 + TITLE_H / 2, 30, fg, "left", 5)
    c.fit_text(Box(SCREEN.x0 + 80, y0 + 6, SCREEN.x1 - 80, y0 + TITLE_H - 6), title, 38, fg,
               bold=True, align="center", min_size=24)


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


# --------------------------------------------------------------------------
# Registry of illustrations
# --------------------------------------------------------------------------

@dataclass
class Illustration:
    key: str
    kind: str            # "cover" 720x405, "scene" 720x540, "screen" phone 720x900
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
    draw_status_bar(c, item.dark)        # on top, so full-bleed content stays clear of it
    draw_bezel(c)
    return c.image()


# --------------------------------------------------------------------------
# Course 1: smartphone basics
# --------------------------------------------------------------------------

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
        c.fit_text(Box(row.x0 + 130, row.y0 + 10, row.x1 - 110, row.y0 + 68),
                   c.t(zh, en), 40, INK, bold=True, min_size=26)
        c.text(row.x0 + 130, row.y0 + 84, c.t(zh_note, en_note), 22, MUTED, anchor="lm")
        c.circle(row.x1 - 60, row.cy, 32, GREEN)
        handset(c, row.x1 - 60, row.cy, 34)
        if i == 0:
            star(c, row.x0 + 104, row.y0 + 22, 15, ORANGE)
        c.rect((row.x0 + 130, row.y1 - 2, row.x1, row.y1), LINE)
        y += 112


@lru_cache(maxsize=None)
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
    c.fit_text(box.inset(20, 14), c.t("奶奶，您也可以发语音给我！", "Grandma, you can send me voice messages too!"),
               30, INK)
    paste_avatar(c, s.x0 + 56, s.y0 + 392, 64, "long", (230, 90, 120))
    voice_bubble(c, left_x, s.y0 + 360, 12, mine=False, unread=True)
    # the bottom input bar with the big hold-to-talk button
    bar = Box(s.x0, s.y1 - 150, s.x1, s.y1)
    c.rect(bar, (247, 247, 247))
    c.rect((bar.x0, bar.y0, bar.x1, bar.y0 + 2), LINE)
    btn = Box(bar.x0 + 40, bar.y0 + 22, bar.x1 - 40, bar.y0 + 106)
    c.rect(btn, WHITE, r=18, outline=GREEN, width=4)
    mic(c, btn.x0 + 66, btn.cy, 48, GREEN)
    c.fit_text(Box(btn.x0 + 100, btn.y0, btn.x1 - 20, btn.y1), c.t("按住 说话", "Hold to talk"),
               40, INK, bold=True, align="center", min_size=26)
    tip = c.label(s.cx, bar.y0 - 62, c.t("按住说话，松手发送", "Hold, speak, let go to send"), 28,
                  WHITE, GREEN, pad=18, max_w=s.w - 40)
    arrow(c, s.cx, tip.y1 + 2, s.cx, btn.y0 - 4, GREEN, 6, 18)


@illustration("video_call", dark=True)
def draw_video_call(c: Canvas, s: Box):
    full = Box(SCREEN.x0, SCREEN.y0, SCREEN.x1, SCREEN.y1)
    c.rect(full, (120, 150, 180))
    c.rect((full.x0, full.y0 + 470, full.x1, full.y1), (96, 120, 150))   # a wall/floor line
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
    return sub


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
        c.text(s.cx + (i - 1) * 150, view.y1 + 36, m, 28, YELLOW if i == 1 else WHITE,
               bold=i == 1, anchor="mm")
    sy_ = view.y1 + 200
    c.circle(s.cx, sy_, 60, WHITE)
    c.circle(s.cx, sy_, 50, NIGHT)
    c.circle(s.cx, sy_, 44, WHITE)
    thumb = Box(s.x0 + 50, sy_ - 36, s.x0 + 122, sy_ + 36)
    c.rect(thumb, (140, 200, 110), r=10, outline=WHITE, width=3)
    c.circle(s.x1 - 86, sy_, 40, (70, 76, 88))
    flip_icon(c, s.x1 - 86, sy_, 56, WHITE)
    tip = c.label(s.cx, view.y1 + 90, c.t("按这里拍照", "Tap here to take a photo"), 28, INK, YELLOW,
                  pad=16, max_w=s.w - 60)
    arrow(c, s.cx, tip.y1 + 2, s.cx, sy_ - 64, YELLOW, 6, 16)


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
        (power, ORANGE, c.t("电源键", "Power button"),
         c.t("按一下：亮屏 / 锁屏\n长按：开机 / 关机", "Press: screen on / off\nHold: power on / off")),
    ]
    ys = (70, 190, 330)
    for (btn, colour, title, note), y in zip(cards, ys):
        card = Box(470, y, 705, y + (100 if colour == BLUE else 150))
        c.rect(card, WHITE, r=16, outline=colour, width=4)
        c.fit_text(Box(card.x0 + 18, card.y0 + 10, card.x1 - 14, card.y0 + 52), title, 34, colour,
                   bold=True, min_size=22)
        c.fit_text(Box(card.x0 + 18, card.y0 + 54, card.x1 - 14, card.y1 - 10), note, 24, INK,
                   valign="top", min_size=16)
        arrow(c, card.x0 - 4, card.y0 + 32, btn.x1 + 10, btn.cy, colour, 6, 18)


def cable(c: Canvas, pts, fill=INK, width=10):
    """A smooth cable through control points (quadratic B-spline-ish)."""
    smooth = [pts[0]]
    for (x0, y0), (x1, y1), (x2, y2) in zip(pts, pts[1:], pts[2:]):
        ax, ay = (x0 + x1) / 2, (y0 + y1) / 2
        bx, by = (x1 + x2) / 2, (y1 + y2) / 2
        for i in range(1, 11):
            t = i / 10
            smooth.append(((1 - t) ** 2 * ax + 2 * (1 - t) * t * x1 + t * t * bx,
                           (1 - t) ** 2 * ay + 2 * (1 - t) * t * y1 + t * t * by))
    smooth.append(pts[-1])
    c.line(smooth, fill, width)


@illustration("phone_charging", kind="scene")
def draw_phone_charging(c: Canvas):
    c.rect((0, 430, 720, 540), (214, 190, 160))                    # table top
    phone = Box(70, 40, 300, 470)
    cable(c, [(phone.cx, phone.y1 + 6), (phone.cx, 510), (400, 520), (560, 510), (606, 480), (615, 440)],
          (60, 60, 66), 9)
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
    tips = [(True, c.t("用原装充电器和线", "Use the original charger and cable")),
            (True, c.t("充满后拔下插头", "Unplug when it is full")),
            (False, c.t("不要放在枕头下充电", "Never charge under a pillow"))]
    y = 36
    size = c.common_size([t for _, t in tips], Box(396, 0, 700, 52), 28, bold=True)
    for ok, text in tips:
        c.circle(362, y + 24, 22, GREEN if ok else RED)
        (check if ok else cross)(c, 362, y + 24, 34, WHITE)
        c.fit_text(Box(396, y, 700, y + 52), text, size, INK, bold=True)
        y += 60


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
    c.fit_text(Box(cx - 62, cy + 50, cx + 62, cy + 110), caption, 24, INK, align="center",
               valign="top", min_size=16)


@illustration("share_photo", title=("相册", "Photos"), screen_bg=NIGHT)
def draw_share_photo(c: Canvas, s: Box):
    photo = Box(s.x0, s.y0 + 16, s.x1, s.y0 + 300)
    sub = landscape(c, photo, horizon=0.6)
    # a row of young corn plants in the photo
    for i in range(5):
        x = photo.x0 + 70 + i * 95
        base = photo.y1 - 30
        c.line([(x, base), (x, base - 80)], (40, 120, 40), 6)
        c.poly(leaf_shape(x - 26, base - 50, 56, 20), (60, 150, 50))
        c.poly(leaf_shape(x + 26, base - 66, 56, -20), (60, 150, 50))
    del sub
    sheet = Box(s.x0, s.y0 + 330, s.x1, s.y1)
    c.rect(sheet, WHITE, r=28)
    c.rect((sheet.cx - 40, sheet.y0 + 14, sheet.cx + 40, sheet.y0 + 22), LINE, r=4)
    c.text(sheet.x0 + 36, sheet.y0 + 58, c.t("分享到", "Share to"), 34, INK, bold=True, anchor="lm")
    kinds = [("family", c.t("家人群", "Family group")), ("friend", c.t("发给朋友", "Send to a friend")),
             ("save", c.t("保存到手机", "Save to phone")), ("more", c.t("更多", "More"))]
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
    tip = c.label(s.cx, card.y1 + 40, c.t("向右拖，字变大", "Drag right: bigger text"), 28, WHITE, BLUE,
                  pad=18, max_w=s.w - 40)
    arrow(c, tip.x1 - 30, tip.y0 + 2, card.x0 + 84 + (card.w - 168) * 0.75 + 6, card.y0 + 132, BLUE, 6, 18)
    card = Box(s.x0 + 24, s.y0 + 420, s.x1 - 24, s.y0 + 600)
    setting_card(c, card, c.t("预览", "Preview"))
    c.fit_text(card.inset(28, 0).__class__(card.x0 + 28, card.y0 + 64, card.x1 - 28, card.y1 - 16),
               c.t("今天下午三点，去村卫生室量血压。", "Blood pressure check at the clinic, 3 pm today."),
               38, INK, valign="top")
    card = Box(s.x0 + 24, s.y0 + 620, s.x1 - 24, s.y0 + 690)
    c.rect(card, WHITE, r=20)
    c.text(card.x0 + 28, card.cy, c.t("粗体字", "Bold text"), 30, INK, bold=True, anchor="lm")
    tog = Box(card.x1 - 110, card.cy - 22, card.x1 - 30, card.cy + 22)
    c.rect(tog, GREEN, r=22)
    c.circle(tog.x1 - 22, tog.cy, 18, WHITE)


@illustration("qr_scan", dark=True)
def draw_qr_scan(c: Canvas, s: Box):
    c.rect((SCREEN.x0, s.y0, SCREEN.x1, SCREEN.y1), (44, 48, 56))
    c.ellipse((SCREEN.x0 - 80, s.y0 + 420, SCREEN.x1 + 80, SCREEN.y1 + 200), (60, 64, 72))   # table
    cross(c, s.x0 + 50, s.y0 + 44, 40, WHITE, 5)
    c.text(s.cx, s.y0 + 44, c.t("扫一扫", "Scan"), 36, WHITE, bold=True, anchor="mm")
    frame = Box(s.cx - 190, s.y0 + 130, s.cx + 190, s.y0 + 510)
    fake_qr(c, frame.x0 + 55, frame.y0 + 55, frame.w - 110, seed=20240512)
    for sx in (-1, 1):
        for sy in (-1, 1):
            x = frame.cx + sx * frame.w / 2
            y = frame.cy + sy * frame.h / 2
            c.line([(x, y - sy * 56), (x, y), (x - sx * 56, y)], GREEN, 10)
    c.rect((frame.x0 + 24, frame.cy + 40, frame.x1 - 24, frame.cy + 46), (80, 230, 120), r=3)   # scan line
    c.fit_text(Box(s.x0 + 30, frame.y1 + 30, s.x1 - 30, frame.y1 + 110),
               c.t("把二维码放进框里，会自动扫描", "Put the QR code inside the frame"),
               30, WHITE, align="center")
    y = s.y1 - 120
    for x, caption, icon in ((s.cx - 130, c.t("手电筒", "Torch"), "torch"),
                             (s.cx + 130, c.t("相册", "Album"), "album")):
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
    c.fit_text(Box(banner.x0 + 90, banner.y0 + 8, banner.x1 - 16, banner.y1 - 8),
               c.t("付钱前：看清名字和金额！", "Before paying: check the name and the amount!"),
               32, INK, bold=True, min_size=20)
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
    c.fit_text(name_box.inset(16, 6), c.t("李记农资店", "Li's Farm Supplies"), 44, INK, bold=True,
               align="center", min_size=26)
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
    c.fit_text(Box(inner.x0, inner.y0, inner.x1, inner.y0 + 130),
               c.t("【XX银行】尊敬的客户：您的账户已被冻结！请立即点击链接解冻，否则将永久停用：",
                   "[XX Bank] Dear customer, your account is FROZEN! Click the link now to unfreeze "
                   "it, or it will be closed forever:"),
               28, INK, valign="top", min_size=20)
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
    c.fit_text(Box(card.x0 + 96, card.y0 + 18, card.x1 - 20, card.y0 + 88),
               c.t("这是诈骗短信！", "This is a scam message!"), 38, RED, bold=True, min_size=24)
    tips = [c.t("不要点链接", "Do not tap the link"),
            c.t("不要回复，不给验证码", "Do not reply or give any code"),
            c.t("拨打银行卡背面的电话核实", "Call the number on the back of your bank card")]
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
    c.fit_text(Box(banner.x0 + 90, banner.y0 + 6, banner.x1 - 16, banner.y1 - 6),
               c.t("疑似诈骗电话", "Suspected scam call"), 38, WHITE, bold=True, min_size=24)
    c.circle(s.cx, s.y0 + 200, 70, (80, 86, 110))
    c.circle(s.cx, s.y0 + 182, 26, (160, 166, 186))
    c.d.chord(Canvas._xy((s.cx - 46, s.y0 + 212, s.cx + 46, s.y0 + 290)), 180, 360, fill=(160, 166, 186))
    c.text(s.cx, s.y0 + 312, c.t("未知号码", "Unknown number"), 44, WHITE, bold=True, anchor="mm")
    c.text(s.cx, s.y0 + 362, "+00 123 4567 8901", 28, (200, 206, 220), anchor="mm")
    c.label(s.cx, s.y0 + 420, c.t("自称：“公安局” / “客服”", 'Says: "police" / "customer service"'),
            26, INK, YELLOW, pad=18, max_w=s.w - 40)
    tips = Box(s.x0 + 30, s.y0 + 470, s.x1 - 30, s.y0 + 600)
    c.rect(tips, (60, 66, 86), r=18)
    c.fit_text(tips.inset(22, 14),
               c.t("警察不会打电话让你转账。\n先挂断，再自己拨打 110 核实。",
                   "Police never ask you to move money by phone. Hang up and call 110 yourself."),
               28, WHITE, min_size=18)
    y = s.y1 - 120
    round_button(c, s.cx - 140, y, 50, RED, c.t("挂断", "Decline"))
    handset(c, s.cx - 140, y, 54, WHITE, angle=135)
    c.circle(s.cx - 140, y, 62, None, WHITE, 4)
    round_button(c, s.cx + 140, y, 50, GREEN, c.t("接听", "Answer"))
    handset(c, s.cx + 140, y, 54, WHITE)
