"""The demo voice message, spoken with the site's own speech code (``accessibility.speech``)."""

from __future__ import annotations

import json
import sys

from accessibility.speech import Clip, encode_mp3, silence, speak, trim_silence

from .drawing import AUDIO_DIR, LANGS, TEXTS_FILE


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
