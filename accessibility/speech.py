"""Offline speech synthesis: espeak-ng reads Chinese (as numbered pinyin) and English aloud.

Why pinyin: Debian's espeak-ng 1.51 ``-v cmn`` voice reads tone digits as English numbers and picks
wrong readings for polyphonic characters. pypinyin chooses each character's reading from its word
(银行 yin2 hang2, 长辈 zhang3 bei4, 重庆 chong2 qing4), and the ``cmn-latn-pinyin`` voice speaks it.
Used by page narration (accessibility.narration) and by the demo media script.
"""

from __future__ import annotations

import array
import re
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

from pypinyin import Style, lazy_pinyin, load_phrases_dict

# Readings pypinyin gets wrong in the words our lessons use most ("长按电源键", "把字调大",
# "拿着手机"). Checked against the demo curriculum; add words here when a lesson is misread.
load_phrases_dict(
    {
        "长按": [["cháng"], ["àn"]],
        "长时间": [["cháng"], ["shí"], ["jiān"]],
        "调大": [["tiáo"], ["dà"]],
        "调小": [["tiáo"], ["xiǎo"]],
        "调高": [["tiáo"], ["gāo"]],
        "调低": [["tiáo"], ["dī"]],
        "调到": [["tiáo"], ["dào"]],
        "拿着": [["ná"], ["zhe"]],
        "对着": [["duì"], ["zhe"]],
        "数一数": [["shǔ"], ["yi"], ["shǔ"]],
        "字调大": [["zì"], ["tiáo"], ["dà"]],
        "字调小": [["zì"], ["tiáo"], ["xiǎo"]],
    }
)


class SpeechToolMissing(RuntimeError):
    """espeak-ng or an encoder is not installed; narration falls back to the browser."""


def speech_language(language_code: str) -> str:
    """Map a Django/Wagtail language code to the voice family: "zh" or "en"."""
    return "zh" if language_code.lower().startswith("zh") else "en"


ESPEAK_VOICES = {"zh": "cmn-latn-pinyin", "en": "en-us"}
ESPEAK_SPEED = {"zh": 150, "en": 145}  # words per minute: a little slower than default
SPEECH_REPLACEMENTS = {  # things a text-to-speech voice should not see
    "zh": [("“+”", "加"), ("+", "加"), ("“", ""), ("”", "")],
    "en": [("“+”", "plus"), ("+", "plus"), ("“", ""), ("”", "")],
}
HANZI_SPLIT = re.compile(r"([\u3400-\u9fff]+)")
# Words whose last syllable is spoken in the neutral tone but which pypinyin
# gives a full tone (espeak-ng would then apply the wrong tone sandhi).
NEUTRAL_TONE_WORDS = [
    "奶奶",
    "爷爷",
    "妈妈",
    "爸爸",
    "姥姥",
    "姥爷",
    "哥哥",
    "姐姐",
    "弟弟",
    "妹妹",
    "宝宝",
    "休息",
    "东西",
    "什么",
    "怎么",
    "朋友",
    "谢谢",
    "舒服",
    "清楚",
    "明白",
    "意思",
    "时候",
]
PAUSE_COMMA = set("，、；：,;:")
PAUSE_STOP = set("。！？…!?.")
DIGITS_ZH = "零一二三四五六七八九"
NUMBER_HANZI = set(DIGITS_ZH + "十百千万第两")


def tone(syllable: str) -> str:
    return syllable[-1] if syllable[-1:].isdigit() else "5"


def mandarin_to_pinyin(text: str) -> str:
    """Chinese text -> numbered pinyin for espeak-ng's cmn-latn-pinyin voice.

    pypinyin picks the reading of each character from its word context; neutral
    tones are written as 5.  espeak-ng applies the third-tone sandhi itself, but
    not the sandhi of 不 and 一, so those are done here.  Punctuation becomes a
    pause, digits are read one by one (as in phone numbers).
    """
    chars: list[str] = []
    syllables: list[str] = []
    for part in HANZI_SPLIT.split(text):
        if HANZI_SPLIT.fullmatch(part):
            readings = lazy_pinyin(part, style=Style.TONE3, neutral_tone_with_five=True)
            for word in NEUTRAL_TONE_WORDS:
                for m in re.finditer(word, part):
                    last = m.end() - 1
                    readings[last] = readings[last].rstrip("012345") + "5"
            chars.extend(part)
            syllables.extend(readings)
            continue
        for ch in part:
            if ch in PAUSE_COMMA:
                syllables.append(",")
            elif ch in PAUSE_STOP:
                syllables.append(".")
            elif ch.isdigit():
                syllables.append(lazy_pinyin(DIGITS_ZH[int(ch)], style=Style.TONE3)[0])
            elif ch.isascii() and ch.isalpha():
                syllables.append(ch)
            else:
                continue
            chars.append(ch)
    for i, ch in enumerate(chars):
        nxt = syllables[i + 1] if i + 1 < len(syllables) else ""
        if not nxt[:1].isalpha():
            continue
        if ch == "不" and tone(nxt) == "4":
            syllables[i] = "bu2"
        elif ch == "一" and 0 < i < len(chars) - 1 and chars[i - 1] == chars[i + 1]:
            syllables[i] = "yi5"  # 看一看, 扫一扫: neutral tone between a repeated verb
        elif ch == "一" and chars[i + 1] not in NUMBER_HANZI and (i == 0 or chars[i - 1] not in NUMBER_HANZI):
            syllables[i] = "yi2" if tone(nxt) == "4" else "yi4"
    return re.sub(r" ([,.])", r"\1", " ".join(syllables)).strip()


def speech_text(text: str, lang: str) -> str:
    for old, new in SPEECH_REPLACEMENTS[lang]:
        text = text.replace(old, new)
    return mandarin_to_pinyin(text) if lang == "zh" else text


def speak(text: str, lang: str, wav: Path, variant: str = "") -> None:
    voice = ESPEAK_VOICES[lang] + (f"+{variant}" if variant else "")
    run(["espeak-ng", "-v", voice, "-s", str(ESPEAK_SPEED[lang]), "-w", str(wav), speech_text(text, lang)])


def run(cmd: list[str]) -> None:
    if shutil.which(cmd[0]) is None:
        raise SpeechToolMissing(f"{cmd[0]} is not installed (apt-get install espeak-ng lame opus-tools)")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603 - fixed tool names


# --- WAV helpers: all audio is 16-bit mono PCM at espeak-ng's rate --------


@dataclass
class Clip:
    rate: int
    frames: bytes  # 16-bit little-endian mono samples

    @property
    def seconds(self) -> float:
        return len(self.frames) / 2 / self.rate


def read_wav(path: Path) -> Clip:
    with wave.open(str(path), "rb") as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2, path
        return Clip(w.getframerate(), w.readframes(w.getnframes()))


def write_wav(path: Path, clip: Clip) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(clip.rate)
        w.writeframes(clip.frames)


def trim_silence(clip: Clip, threshold=400, margin=0.05) -> Clip:
    """Cut espeak-ng's leading/trailing silence so cue times match the speech.

    Scans inwards from both ends: silence is short, so this touches few samples.
    """
    samples = array.array("h", clip.frames)
    first = next((i for i, v in enumerate(samples) if abs(v) > threshold), None)
    if first is None:
        return clip
    last = next(i for i in range(len(samples) - 1, -1, -1) if abs(samples[i]) > threshold)
    pad = int(margin * clip.rate)
    start, end = max(0, first - pad), min(len(samples), last + pad)
    return Clip(clip.rate, samples[start:end].tobytes())


def silence(rate: int, seconds: float) -> bytes:
    return b"\x00\x00" * round(seconds * rate)


def encode_mp3(wav: Path, mp3: Path) -> None:
    run(["lame", "--quiet", "-m", "m", "-b", "32", "--noreplaygain", str(wav), str(mp3)])


def encode_opus(wav: Path, opus: Path) -> None:
    """Speech at 16 kbit/s Opus: about half the size of 32 kbit/s MP3 for the same clarity."""
    run(["opusenc", "--quiet", "--speech", "--bitrate", "16", "--comp", "5", "--downmix-mono", str(wav), str(opus)])
