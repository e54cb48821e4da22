"""The demo video call: extra phone screens shown only in the video, frames, captions and the ffmpeg assembly."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from accessibility.speech import Clip, silence, speak, trim_silence, write_wav

from .drawing import (
    BG,
    BLUE,
    BLUE_L,
    GREEN,
    GREEN_L,
    GREY,
    INK,
    LANGS,
    LINE,
    MUTED,
    ORANGE,
    PAPER,
    RED,
    SCREEN,
    VIDEO_DIR,
    WHITE,
    Box,
    Canvas,
    Illustration,
    bubble,
    camera_icon,
    handset,
    mic,
    paste_avatar,
    render,
    round_button,
    speaker_waves,
    weather_icon,
)
from .screens import draw_video_call

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


VIDEO_CALL_SLIDES = ["vc_home", "vc_chats", "vc_chat", "vc_plus", "vc_calling", "vc_talk", "vc_hangup"]


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
