"""Generate a page's narration from exactly what the page shows.

The page templates mark every element that is read aloud with ``data-say``. Generation renders the
live page, reads those elements in document order, speaks each one with espeak-ng and records when
each starts and ends, so the player can highlight the paragraph being read. Because the text comes
from the rendered page, narration and page can never drift apart; a hash of the text tells whether a
newly published revision needs new audio at all.
"""

import hashlib
import json
import logging
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from django.core.files import File
from django.utils import timezone

from .models import Narration
from .speech import (
    Clip,
    SpeechUnavailable,
    encode_mp3,
    encode_opus,
    silence,
    speak,
    speech_language,
    trim_silence,
)

logger = logging.getLogger(__name__)
PAUSE_BETWEEN_SEGMENTS = 0.45  # seconds
LEAD_IN = 0.2


def narration_segments(html):
    """The texts of the ``[data-say]`` elements of ``html``, in document order, whitespace collapsed."""
    document = BeautifulSoup(html, "html.parser")
    return [" ".join(element.get_text(" ").split()) for element in document.select("[data-say]")]


def render_live_page(page):
    """The page's HTML as an anonymous reader gets it, in the page's own language."""
    response = page.make_preview_request()
    if hasattr(response, "render"):
        response.render()
    return response.content.decode()


def text_hash(language, segments):
    return hashlib.sha256(json.dumps([language, segments], ensure_ascii=False).encode()).hexdigest()


def synthesise(segments, language):
    """Speak every segment; return the joined clip and each segment's (start, end) in seconds."""
    voice = speech_language(language)
    clips = [trim_silence(speak(text, voice)) if text else None for text in segments]
    rate = next((clip.rate for clip in clips if clip), 22050)
    audio = bytearray(silence(rate, LEAD_IN))
    timings = []
    for clip in clips:
        start = len(audio) / 2 / rate
        if clip:
            audio += clip.frames
        timings.append([round(start, 2), round(len(audio) / 2 / rate, 2)])
        audio += silence(rate, PAUSE_BETWEEN_SEGMENTS)
    return Clip(rate, bytes(audio)), timings


def generate_narration(page):
    """Create or refresh the narration of ``page`` (a live page with read-aloud). Returns the Narration."""
    narration, _created = Narration.objects.get_or_create(page_id=page.pk)
    language = page.locale.language_code
    segments = narration_segments(render_live_page(page))
    digest = text_hash(language, segments)
    if narration.is_ready and narration.source_hash == digest:
        return narration
    try:
        with tempfile.TemporaryDirectory(prefix="narration-") as workdir:
            clip, timings = synthesise(segments, language)
            if not clip.frames.strip(b"\x00"):
                raise SpeechUnavailable("the speech engine produced only silence")
            mp3, opus = Path(workdir) / "narration.mp3", Path(workdir) / "narration.opus"
            encode_mp3(clip, mp3)
            encode_opus(clip, opus)
            stem = f"page-{page.pk}-{digest[:12]}"
            old_files = [f for f in (narration.mp3, narration.opus) if f]
            with mp3.open("rb") as mp3_file, opus.open("rb") as opus_file:
                narration.mp3.save(f"{stem}.mp3", File(mp3_file), save=False)
                narration.opus.save(f"{stem}.opus", File(opus_file), save=False)
            for old in old_files:
                if old.name not in (narration.mp3.name, narration.opus.name):
                    old.storage.delete(old.name)
    except (SpeechUnavailable, OSError, RuntimeError) as error:  # soundfile's errors are RuntimeErrors
        logger.warning("Narration of page %s failed: %s", page.pk, error)
        narration.status = Narration.Status.FAILED
        narration.error = str(error)
        narration.save(update_fields=["status", "error"])
        return narration
    narration.status = Narration.Status.READY
    narration.source_hash = digest
    narration.language = language
    narration.timings = timings
    narration.duration_seconds = round(clip.seconds, 2)
    narration.error = ""
    narration.generated_at = timezone.now()
    narration.save()
    return narration
