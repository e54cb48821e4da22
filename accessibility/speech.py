"""Offline speech synthesis: espeak-ng reads Chinese (as numbered pinyin) and English aloud.

Everything comes from PyPI wheels, so `pip install -r requirements.txt` is all a machine needs:
libespeak-ng 1.52 with its voice data from ``espeakng-loader`` (driven through ctypes), MP3 and Ogg Opus
written by the libsndfile bundled in ``soundfile``, and ``soxr`` to resample for Opus.

Why pinyin: espeak-ng's ``cmn`` voice picks wrong readings for polyphonic characters (1.52 reads 调大
as diao4 da4; Debian's 1.51 even reads tone digits as English numbers). pypinyin chooses each
character's reading from its word (银行 yin2 hang2, 长辈 zhang3 bei4, 重庆 chong2 qing4), and the
``cmn-latn-pinyin`` voice speaks it. Used by page narration (accessibility.narration) and by the demo
media script.
"""

from __future__ import annotations

import array
import ctypes
import re
import tempfile
import threading
import wave
from dataclasses import dataclass
from pathlib import Path

import espeakng_loader
import numpy
import soundfile
import soxr
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
        "声音调大": [["shēng"], ["yīn"], ["tiáo"], ["dà"]],  # not 音调 (yin1 diao4) + 大
        "声音调小": [["shēng"], ["yīn"], ["tiáo"], ["xiǎo"]],
    }
)


class SpeechUnavailable(RuntimeError):
    """The speech engine or an encoder could not be loaded or failed; the page says so."""


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


def speak(text: str, lang: str, variant: str = "") -> Clip:
    """``text`` read aloud in ``lang`` ("zh" or "en"), as 16-bit mono PCM at espeak-ng's rate."""
    voice = ESPEAK_VOICES[lang] + (f"+{variant}" if variant else "")
    return espeak().synthesise(speech_text(text, lang), voice, ESPEAK_SPEED[lang])


def check_speech() -> str:
    """Speak and encode one phrase the way narration does; return the espeak-ng version speaking.

    Raises SpeechUnavailable, with the reason, when any piece is missing or broken here.
    """
    try:
        clip = trim_silence(speak("你好", "zh"))
        with tempfile.TemporaryDirectory(prefix="speech-check-") as workdir:
            for encode, name in ((encode_mp3, "check.mp3"), (encode_opus, "check.opus")):
                encode(clip, Path(workdir) / name)
                if decode(Path(workdir) / name).seconds < 0.2:
                    raise SpeechUnavailable(f"{name} came out empty")
    except SpeechUnavailable:
        raise
    except (OSError, RuntimeError, ValueError, TypeError) as error:  # soundfile's errors among them
        raise SpeechUnavailable(str(error)) from error
    return espeak().version


# --- espeak-ng through ctypes ------------------------------------------------

AUDIO_OUTPUT_SYNCHRONOUS = 2  # espeak_Synth returns when the whole text has been spoken
ESPEAK_INITIALIZE_DONT_EXIT = 0x8000  # report errors instead of calling exit()
ESPEAK_RATE = 1
POS_CHARACTER = 1
ESPEAK_CHARS_UTF8 = 1
SYNTH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


class Espeak:
    """libespeak-ng from the ``espeakng-loader`` wheel, so no espeak-ng program need be installed.

    The library keeps one global state per process, so there is one instance (``espeak()``) and a lock
    around each synthesis: narration may run in several threads of the development server.
    """

    def __init__(self):
        try:
            library = ctypes.CDLL(espeakng_loader.get_library_path())
            data = espeakng_loader.get_data_path()
        except (OSError, RuntimeError) as error:
            raise SpeechUnavailable(f"libespeak-ng from espeakng-loader could not be loaded: {error}") from error
        library.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        library.espeak_Info.restype = ctypes.c_char_p
        library.espeak_Info.argtypes = [ctypes.c_void_p]
        library.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        library.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        library.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        self.rate = library.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data.encode(), ESPEAK_INITIALIZE_DONT_EXIT)
        if self.rate <= 0:
            raise SpeechUnavailable(f"libespeak-ng did not start (data in {data})")
        self.version = library.espeak_Info(None).decode()
        self.library = library
        self.lock = threading.Lock()
        self.samples = bytearray()
        self.callback = SYNTH_CALLBACK(self.collect)  # kept on self: ctypes must not free it
        library.espeak_SetSynthCallback(self.callback)

    def collect(self, wav, count, _events):
        if count > 0:
            self.samples += ctypes.string_at(wav, count * 2)
        return 0  # 0 = go on

    def synthesise(self, text: str, voice: str, words_per_minute: int) -> Clip:
        data = text.encode()
        with self.lock:
            self.samples = bytearray()
            self.check(self.library.espeak_SetVoiceByName(voice.encode()), f"voice {voice}")
            self.check(self.library.espeak_SetParameter(ESPEAK_RATE, words_per_minute, 0), "speed")
            self.check(
                self.library.espeak_Synth(data, len(data) + 1, 0, POS_CHARACTER, 0, ESPEAK_CHARS_UTF8, None, None),
                "synthesis",
            )
            self.check(self.library.espeak_Synchronize(), "synthesis")
            return Clip(self.rate, bytes(self.samples))

    @staticmethod
    def check(result: int, what: str) -> None:
        if result != 0:  # EE_OK
            raise SpeechUnavailable(f"espeak-ng failed ({what}, error {result})")


_espeak: Espeak | None = None
_espeak_lock = threading.Lock()


def espeak() -> Espeak:
    global _espeak  # one engine per process, loaded on first use
    with _espeak_lock:
        if _espeak is None:
            _espeak = Espeak()
        return _espeak


# --- WAV helpers: all audio is 16-bit mono PCM at espeak-ng's rate --------


@dataclass
class Clip:
    rate: int
    frames: bytes  # 16-bit little-endian mono samples

    @property
    def seconds(self) -> float:
        return len(self.frames) / 2 / self.rate


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


# --- Encoding: MP3 for every browser, Ogg Opus at half the size ------------

MP3_KBPS = 32
OPUS_KBPS = 16
OPUS_RATE = 16000  # Opus accepts 8, 12, 16, 24 or 48 kHz; espeak-ng speaks at 22.05 kHz


def samples(clip: Clip):
    return numpy.frombuffer(clip.frames, dtype="<i2")


def encode_mp3(clip: Clip, path: Path) -> None:
    """Constant 32 kbit/s mono MP3 (LAME inside libsndfile): speech stays clear, 4 KB a second."""
    # libsndfile turns a compression level c into 160 - 152c kbit/s at 16-32 kHz (mpeg_l3_encode.c).
    level = (160 - (MP3_KBPS + 0.5)) / 152
    with soundfile.SoundFile(
        path,
        "w",
        clip.rate,
        1,
        format="MP3",
        subtype="MPEG_LAYER_III",
        compression_level=level,
        bitrate_mode="CONSTANT",
    ) as out:
        out.write(samples(clip))


def encode_opus(clip: Clip, path: Path) -> None:
    """16 kbit/s Ogg Opus: about half the size of the MP3 for the same clarity."""
    # libsndfile turns a compression level c into 250000 (1 - c) + 6000 bit/s (ogg_opus.c).
    level = 1 - (OPUS_KBPS * 1000 - 6000) / 250000
    with soundfile.SoundFile(path, "w", OPUS_RATE, 1, format="OGG", subtype="OPUS", compression_level=level) as out:
        out.write(soxr.resample(samples(clip), clip.rate, OPUS_RATE))


def decode(path: Path) -> Clip:
    """Read an MP3 or Opus file back to PCM (what a player would hear); used to check the files."""
    data, rate = soundfile.read(path, dtype="int16")
    return Clip(rate, data.tobytes())
