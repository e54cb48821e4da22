"""The demo voice message, spoken with the site's own speech code (``accessibility.speech``)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from accessibility.speech import Clip, encode_mp3, read_wav, silence, speak, trim_silence, write_wav

from .drawing import AUDIO_DIR, LANGS, TEXTS_FILE


def load_texts() -> dict:
    if not TEXTS_FILE.exists():
        sys.exit(f"{TEXTS_FILE} is missing: it holds the words spoken in the demo media")
    return json.loads(TEXTS_FILE.read_text(encoding="utf-8"))


def build_audio(texts: dict) -> None:
    AUDIO_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGS:
            text = texts["voice_message_demo"][lang]
            raw = Path(tmp) / f"raw.{lang}.wav"
            speak(text, lang, raw, variant="f3")  # a young woman's voice: the granddaughter
            clip = trim_silence(read_wav(raw))
            clip = Clip(clip.rate, silence(clip.rate, 0.3) + clip.frames + silence(clip.rate, 0.5))
            wav = Path(tmp) / f"voice.{lang}.wav"
            write_wav(wav, clip)
            encode_mp3(wav, AUDIO_DIR / f"voice_message_demo.{lang}.mp3")
            (AUDIO_DIR / f"voice_message_demo.{lang}.txt").write_text(text + "\n", encoding="utf-8")
    print(f"audio: voice_message_demo in {AUDIO_DIR}")
