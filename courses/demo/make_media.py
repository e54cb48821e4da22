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
* speech is synthesised with espeak-ng (the library bundled by the espeakng-loader
  package; Mandarin is fed numbered pinyin from pypinyin, because the ``cmn``
  voice mispronounces many characters) and encoded to MP3 with soundfile;
* the video is a slideshow assembled with ffmpeg, with WebVTT captions whose cue
  times come from the measured length of each narrated line.

The outputs are committed, so ``make run`` and the test-suite never need
ffmpeg or the CJK fonts.  Run this script only when the
pictures or texts change::

    python courses/demo/make_media.py            # everything
    python courses/demo/make_media.py img        # only illustrations
    python courses/demo/make_media.py audio video

Requirements: requirements.txt (Pillow, pypinyin, espeakng-loader, soundfile)
plus the Debian packages fonts-noto-cjk and ffmpeg.  Output is deterministic:
running it twice with the same tool versions gives byte-identical files.
"""

from __future__ import annotations

import io
import json
import math
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# The speech code is shared with the site's read-aloud narration.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from accessibility.speech import (
    Clip,
    encode_mp3,
    silence,
    speak,
    trim_silence,
    write_wav,
)

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

    def inset(self, dx: float, dy: float | None = None) -> Box:
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


# --------------------------------------------------------------------------
# Icons (all drawn from primitives so they scale and need no emoji font)
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Registry of illustrations
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Course 2: smartphones for farming
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# Course 3: selling farm produce through live streams
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Course covers (no text, so one picture serves both languages' layouts)
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Illustrations: build all
# --------------------------------------------------------------------------


def build_images() -> None:
    IMG_DIR.mkdir(parents=True, exist_ok=True)
    for item in ILLUSTRATIONS.values():
        for lang in LANGS:
            save_png(render(item, lang), IMG_DIR / f"{item.key}.{lang}.png")
    print(f"images: {len(ILLUSTRATIONS) * len(LANGS)} files in {IMG_DIR}")


# --------------------------------------------------------------------------
# Extra phone screens that only appear in the video (not saved as PNGs)
# --------------------------------------------------------------------------

VIDEO_SLIDES: dict[str, Illustration] = {}


def slide(key, title=None, dark=False, screen_bg=PAPER):
    def register(fn):
        VIDEO_SLIDES[key] = Illustration(key, "screen", fn, title, dark, screen_bg)
        return fn

    return register


def tap(c: Canvas, x, y, r=34):
    """Concentric rings that say "tap here"."""
    c.circle(x, y, r + 16, None, ORANGE, 5)
    c.circle(x, y, r, None, ORANGE, 7)
    c.circle(x, y, r * 0.35, ORANGE)


APPS = [  # (zh, en, colour)
    ("电话", "Phone", GREEN),
    ("短信", "Messages", BLUE),
    ("相机", "Camera", INK),
    ("相册", "Photos", ORANGE),
    ("聊天", "Chat", (40, 180, 90)),
    ("天气", "Weather", (90, 160, 230)),
    ("设置", "Settings", GREY),
    ("地图", "Map", (230, 90, 80)),
    ("时钟", "Clock", (120, 90, 200)),
]


@slide("vc_home", dark=True)
def draw_vc_home(c: Canvas, s: Box):
    c.rect((SCREEN.x0, SCREEN.y0, SCREEN.x1, SCREEN.y1), (70, 110, 170))
    c.text(s.cx, s.y0 + 80, "9:41", 90, WHITE, bold=True, anchor="mm")
    c.text(s.cx, s.y0 + 150, c.t("5月12日 星期日", "Sunday, 12 May"), 28, WHITE, anchor="mm")
    for i, (zh, en, colour) in enumerate(APPS):
        col, row = i % 3, i // 3
        x, y = s.cx + (col - 1) * 150, s.y0 + 270 + row * 170
        c.rect((x - 50, y - 50, x + 50, y + 50), colour, r=24)
        c.text(x, y + 78, c.t(zh, en), 26, WHITE, bold=True, anchor="mm")
        if zh == "聊天":
            c.rect((x - 30, y - 24, x + 30, y + 16), WHITE, r=10)
            c.poly([(x - 14, y + 12), (x - 22, y + 28), (x + 2, y + 12)], WHITE)
            tap(c, x + 32, y + 32, 24)
        elif zh == "电话":
            handset(c, x, y, 52, WHITE)
        elif zh == "相机":
            camera_icon(c, x, y, 56, WHITE, INK)
        elif zh == "天气":
            weather_icon(c, "cloud", x, y, 70)
        elif zh == "时钟":
            c.circle(x, y, 30, WHITE)
            c.line([(x, y - 18), (x, y), (x + 14, y + 8)], colour, 5)
        elif zh == "设置":
            c.circle(x, y, 28, None, WHITE, 10)
        else:
            c.circle(x, y, 20, WHITE)


CHATS = [  # (zh name, en name, zh preview, en preview, face style, shirt)
    ("女儿 小丽", "Daughter Li", "妈，周末我回家吃饭", "Mum, I'll come home this weekend", "long", (230, 90, 120)),
    ("家人群", "Family group", "[照片]", "[Photo]", "cap", ORANGE),
    ("村医 王大夫", "Dr Wang (village)", "记得按时吃药", "Remember your medicine", "doctor", (120, 170, 220)),
    ("儿子 建国", "Son Jianguo", "[语音]", "[Voice message]", "short", (60, 120, 200)),
]


@slide("vc_chats", title=("聊天", "Chats"), screen_bg=WHITE)
def draw_vc_chats(c: Canvas, s: Box):
    y = s.y0 + 10
    for i, (zh, en, zh_p, en_p, style, shirt) in enumerate(CHATS):
        row = Box(s.x0, y, s.x1, y + 124)
        if i == 0:
            c.rect(row, GREEN_L)
        paste_avatar(c, row.x0 + 72, row.cy, 88, style, shirt, ring=BLUE_L)
        c.fit_text(
            Box(row.x0 + 134, row.y0 + 14, row.x1 - 100, row.y0 + 70), c.t(zh, en), 38, INK, bold=True, min_size=24
        )
        c.fit_text(Box(row.x0 + 134, row.y0 + 72, row.x1 - 24, row.y0 + 108), c.t(zh_p, en_p), 24, MUTED, min_size=16)
        c.text(row.x1 - 24, row.y0 + 40, "9:30" if i == 0 else c.t("昨天", "Yesterday"), 20, MUTED, anchor="rm")
        c.rect((row.x0 + 134, row.y1 - 2, row.x1, row.y1), LINE)
        y += 124
    tap(c, s.x1 - 80, s.y0 + 82)


def chat_window(c: Canvas, s: Box, panel: bool):
    """The chat with the daughter; `panel` opens the "+" menu at the bottom."""
    paste_avatar(c, s.x0 + 56, s.y0 + 62, 64, "long", (230, 90, 120))
    b = Box(s.x0 + 110, s.y0 + 30, s.x1 - 100, s.y0 + 100)
    bubble(c, b, WHITE, "left")
    c.fit_text(b.inset(18, 8), c.t("妈，周末我回家吃饭", "Mum, I'll come home this weekend"), 28, INK, min_size=18)
    paste_avatar(c, s.x1 - 56, s.y0 + 162, 64, "bun", (120, 90, 160))
    b = Box(s.x0 + 220, s.y0 + 130, s.x1 - 100, s.y0 + 200)
    bubble(c, b, (150, 226, 120), "right")
    c.fit_text(b.inset(18, 8), c.t("好！我等你", "Lovely! See you then"), 28, INK, min_size=18)
    bar_top = s.y1 - (360 if panel else 110)
    bar = Box(s.x0, bar_top, s.x1, bar_top + 110)
    c.rect((s.x0, bar_top, s.x1, s.y1), (247, 247, 247))
    c.rect((bar.x0, bar.y0, bar.x1, bar.y0 + 2), LINE)
    c.circle(bar.x0 + 50, bar.cy - 10, 26, None, INK, 4)
    speaker_waves(c, bar.x0 + 42, bar.cy - 10, 28, INK)
    field = Box(bar.x0 + 92, bar.y0 + 22, bar.x1 - 100, bar.y0 + 80)
    c.rect(field, WHITE, r=12)
    plus = (bar.x1 - 52, bar.cy - 10)
    c.circle(*plus, 28, None, INK, 4)
    c.line([(plus[0] - 14, plus[1]), (plus[0] + 14, plus[1])], INK, 4)
    c.line([(plus[0], plus[1] - 14), (plus[0], plus[1] + 14)], INK, 4)
    return bar, plus


@slide("vc_chat", title=("女儿 小丽", "Daughter Li"), screen_bg=(237, 237, 237))
def draw_vc_chat(c: Canvas, s: Box):
    _, plus = chat_window(c, s, panel=False)
    tap(c, *plus)


@slide("vc_plus", title=("女儿 小丽", "Daughter Li"), screen_bg=(237, 237, 237))
def draw_vc_plus(c: Canvas, s: Box):
    bar, _ = chat_window(c, s, panel=True)
    tiles = [
        (c.t("相册", "Photos"), "photo"),
        (c.t("拍摄", "Camera"), "camera"),
        (c.t("视频通话", "Video call"), "video"),
        (c.t("位置", "Location"), "pin"),
    ]
    for i, (text, icon) in enumerate(tiles):
        x, y = s.x0 + 80 + i * 122, bar.y1 + 80
        c.rect((x - 46, y - 46, x + 46, y + 46), WHITE, r=20)
        if icon == "photo":
            c.rect((x - 24, y - 18, x + 24, y + 18), None, r=5, outline=INK, width=4)
            c.poly([(x - 18, y + 14), (x - 4, y - 4), (x + 6, y + 6), (x + 12, y), (x + 20, y + 14)], INK)
        elif icon == "camera":
            camera_icon(c, x, y, 50, INK, WHITE)
        elif icon == "video":
            c.rect((x - 28, y - 16, x + 10, y + 16), GREEN, r=6)
            c.poly([(x + 12, y - 4), (x + 28, y - 14), (x + 28, y + 14), (x + 12, y + 4)], GREEN)
        else:
            c.circle(x, y - 8, 16, RED)
            c.poly([(x - 14, y - 2), (x + 14, y - 2), (x, y + 22)], RED)
            c.circle(x, y - 8, 6, WHITE)
        c.fit_text(
            Box(x - 60, y + 54, x + 60, y + 110),
            text,
            24,
            INK,
            bold=icon == "video",
            align="center",
            valign="top",
            min_size=16,
        )
        if icon == "video":
            tap(c, x + 22, y + 22, 28)


@slide("vc_calling", dark=True)
def draw_vc_calling(c: Canvas, s: Box):
    c.rect((SCREEN.x0, s.y0, SCREEN.x1, SCREEN.y1), (40, 44, 60))
    paste_avatar(c, s.cx, s.y0 + 200, 200, "long", (230, 90, 120), ring=(80, 86, 110))
    c.text(s.cx, s.y0 + 360, c.t("女儿 小丽", "Daughter Li"), 46, WHITE, bold=True, anchor="mm")
    c.fit_text(
        Box(s.x0 + 30, s.y0 + 400, s.x1 - 30, s.y0 + 460),
        c.t("正在等待对方接听…", "Waiting for an answer…"),
        30,
        (200, 206, 220),
        align="center",
    )
    y = s.y1 - 130
    round_button(c, s.cx - 160, y, 44, (80, 86, 98), c.t("静音", "Mute"))
    mic(c, s.cx - 160, y + 4, 44, WHITE)
    round_button(c, s.cx, y, 54, RED, c.t("取消", "Cancel"))
    handset(c, s.cx, y, 56, WHITE, angle=135)
    round_button(c, s.cx + 160, y, 44, (80, 86, 98), c.t("免提", "Speaker"))
    c.poly(
        [
            (s.cx + 140, y - 10),
            (s.cx + 150, y - 10),
            (s.cx + 166, y - 24),
            (s.cx + 166, y + 24),
            (s.cx + 150, y + 10),
            (s.cx + 140, y + 10),
        ],
        WHITE,
    )
    c.arc(s.cx + 168, y, 16, -50, 50, WHITE, 4)


@slide("vc_talk", dark=True)
def draw_vc_talk(c: Canvas, s: Box):
    draw_video_call(c, s)


@slide("vc_hangup", dark=True)
def draw_vc_hangup(c: Canvas, s: Box):
    draw_video_call(c, s)
    tap(c, SCREEN.cx, SCREEN.y1 - 150, 40)  # centre of the red hang-up button


# One slide per narrated line of video_call_demo (see content/media_texts.json).
VIDEO_CALL_SLIDES = ["vc_home", "vc_chats", "vc_chat", "vc_plus", "vc_calling", "vc_talk", "vc_hangup"]


# --------------------------------------------------------------------------
# Audio: the voice message demo
# --------------------------------------------------------------------------


def load_texts() -> dict:
    if not TEXTS_FILE.exists():
        sys.exit(f"{TEXTS_FILE} is missing: it holds the words spoken in the demo media")
    return json.loads(TEXTS_FILE.read_text(encoding="utf-8"))


def build_audio(texts: dict) -> None:
    AUDIO_DIR.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        text = texts["voice_message_demo"][lang]
        clip = trim_silence(speak(text, lang, variant="f3"))  # a young woman's voice: the granddaughter
        clip = Clip(clip.rate, silence(clip.rate, 0.3) + clip.frames + silence(clip.rate, 0.5))
        encode_mp3(clip, AUDIO_DIR / f"voice_message_demo.{lang}.mp3")
        (AUDIO_DIR / f"voice_message_demo.{lang}.txt").write_text(text + "\n", encoding="utf-8")
    print(f"audio: voice_message_demo in {AUDIO_DIR}")


# --------------------------------------------------------------------------
# Video: the video call demo
# --------------------------------------------------------------------------

VIDEO_W, VIDEO_H, FPS = 360, 640, 15
LEAD_IN, GAP, TAIL = 0.6, 1.2, 1.5  # seconds of silence around the narrated lines
CAPTION_HOLD = 0.5  # keep a caption up a moment after its line ends


def video_frame(slide_key: str, lang: str, step: int, steps: int) -> Image.Image:
    """A 360x640 frame: step counter on top, the phone, room for captions below."""
    frame = Image.new("RGB", (VIDEO_W, VIDEO_H), BG)
    phone = render(VIDEO_SLIDES[slide_key], lang).resize((360, 450), Image.Resampling.LANCZOS)
    frame.paste(phone, (0, 56))
    c = Canvas(VIDEO_W, 56, lang, BG)
    label = c.t(f"第 {step} 步（共 {steps} 步）", f"Step {step} of {steps}")
    c.label(VIDEO_W / 2, 30, label, 22, WHITE, BLUE, pad=14)
    frame.paste(c.image(), (0, 0))
    return frame


def vtt_time(t: float) -> str:
    ms = round(t * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def build_video(texts: dict) -> None:
    VIDEO_DIR.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        lines = texts["video_call_demo"][lang]
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            clips = []
            for line in lines:
                clips.append(trim_silence(speak(line, lang)))
            rate = clips[0].rate
            # Lay the lines out on a timeline; cue i starts when line i starts and
            # ends CAPTION_HOLD after it (well before the next line begins).
            audio, cues, t = silence(rate, LEAD_IN), [], LEAD_IN
            for clip in clips:
                cues.append((t, t + clip.seconds + CAPTION_HOLD))
                audio += clip.frames + silence(rate, GAP)
                t += clip.seconds + GAP
            audio += silence(rate, TAIL - GAP)
            total = len(audio) / 2 / rate
            write_wav(tmp / "narration.wav", Clip(rate, audio))
            # Slides change when each line starts; boundaries snapped to whole frames.
            bounds = [0] + [round(start * FPS) for start, _ in cues[1:]] + [round(total * FPS)]
            inputs, filters = [], []
            for i in range(len(lines)):
                key = VIDEO_CALL_SLIDES[min(len(VIDEO_CALL_SLIDES) - 1, i * len(VIDEO_CALL_SLIDES) // len(lines))]
                frame = video_frame(key, lang, i + 1, len(lines))
                frame.save(tmp / f"slide{i}.png")
                if i == 0:
                    frame.save(VIDEO_DIR / f"video_call_demo.{lang}.jpg", quality=70, optimize=True)
                inputs += ["-loop", "1", "-framerate", str(FPS), "-i", str(tmp / f"slide{i}.png")]
                filters.append(f"[{i}:v]trim=end_frame={bounds[i + 1] - bounds[i]},setpts=PTS-STARTPTS[v{i}]")
            concat = "".join(f"[v{i}]" for i in range(len(lines)))
            filters.append(f"{concat}concat=n={len(lines)}:v=1:a=0,format=yuv420p[v]")
            out = VIDEO_DIR / f"video_call_demo.{lang}.mp4"
            subprocess.run(
                [
                    "ffmpeg",
                    "-y",
                    "-v",
                    "error",
                    *inputs,
                    "-i",
                    str(tmp / "narration.wav"),
                    "-filter_complex",
                    ";".join(filters),
                    "-map",
                    "[v]",
                    "-map",
                    f"{len(lines)}:a",
                    "-c:v",
                    "libx264",
                    "-profile:v",
                    "baseline",
                    "-level",
                    "3.0",
                    "-preset",
                    "veryslow",
                    "-tune",
                    "stillimage",
                    "-crf",
                    "30",
                    "-g",
                    str(FPS * 4),
                    "-r",
                    str(FPS),
                    "-threads",
                    "1",
                    "-c:a",
                    "aac",
                    "-b:a",
                    "40k",
                    "-ac",
                    "1",
                    "-ar",
                    "22050",
                    "-shortest",
                    "-movflags",
                    "+faststart",
                    "-map_metadata",
                    "-1",
                    "-fflags",
                    "+bitexact",
                    "-flags:v",
                    "+bitexact",
                    "-flags:a",
                    "+bitexact",
                    str(out),
                ],
                check=True,
            )
        vtt = ["WEBVTT", ""]
        for i, ((start, end), line) in enumerate(zip(cues, lines, strict=True), 1):
            vtt += [str(i), f"{vtt_time(start)} --> {vtt_time(end)}", line, ""]
        (VIDEO_DIR / f"video_call_demo.{lang}.vtt").write_text("\n".join(vtt), encoding="utf-8")
        (VIDEO_DIR / f"video_call_demo.{lang}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"video: video_call_demo in {VIDEO_DIR}")


# --------------------------------------------------------------------------


def check_tools(parts: set[str]) -> None:
    needed = {"video": ["ffmpeg"]}  # speech and MP3 come from the Python packages
    missing = sorted({tool for part in parts for tool in needed.get(part, []) if not shutil.which(tool)})
    if missing:
        sys.exit("missing tools: " + ", ".join(missing) + " (apt-get install them)")


def main(argv: list[str]) -> None:
    parts = set(argv) or {"img", "audio", "video"}
    unknown = parts - {"img", "audio", "video"}
    if unknown:
        sys.exit(f"unknown part(s): {', '.join(sorted(unknown))}; use img, audio, video")
    check_tools(parts)
    if "img" in parts:
        build_images()
    if parts & {"audio", "video"}:
        texts = load_texts()
        if "audio" in parts:
            build_audio(texts)
        if "video" in parts:
            build_video(texts)


if __name__ == "__main__":
    main(sys.argv[1:])
