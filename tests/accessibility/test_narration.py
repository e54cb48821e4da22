"""Read-aloud narration generated offline with espeak-ng: correct pinyin, playable audio, paragraph timings.

Nothing here is skipped: speech and encoding come from requirements.txt, so every machine that runs
`make test` can make (and must make) real audio.
"""

import json
from io import StringIO
from pathlib import Path

import numpy
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from accessibility import speech
from accessibility.models import Narration
from accessibility.narration import generate_narration, narration_segments, render_live_page
from accessibility.speech import check_speech, decode, mandarin_to_pinyin
from courses.models import LessonPage


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("去银行取钱", "yin2 hang2"),
        ("给长辈打电话", "zhang3 bei4"),
        ("重庆的天气", "chong2 qing4"),
        ("重新开机", "chong2 xin1"),
        ("长按电源键", "chang2 an4"),
        ("把字调大", "tiao2 da4"),
        ("拿着手机", "na2 zhe5 shou3 ji1"),
        ("扫一扫", "sao3 yi5 sao3"),
        ("不要告诉别人", "bu2 yao4"),  # tone sandhi of 不 before a fourth tone
        ("奶奶好", "nai3 nai5"),  # neutral tone
        ("上面的把声音调大", "sheng1 yin1 tiao2 da4"),  # not 音调 yin1 diao4
    ],
)
def test_polyphonic_characters_get_the_right_pinyin(text, expected):
    assert expected in mandarin_to_pinyin(text)


def test_segments_come_from_marked_elements_in_order():
    html = "<h1 data-say>标题</h1><p>skip</p><div data-say><p>第一段</p>\n<p>第二段</p></div>"
    assert narration_segments(html) == ["标题", "第一段 第二段"]


def decoded(field):
    """The whole file decoded back to samples, as a player would: (samples as int16 array, seconds)."""
    clip = decode(Path(field.path))
    return numpy.frombuffer(clip.frames, dtype="<i2"), clip.rate, clip.seconds


def loudness(samples, rate, start, end):
    part = samples[int(start * rate) : int(end * rate)].astype(numpy.float64)
    return float(numpy.sqrt(numpy.mean(part**2))) if len(part) else 0.0


@pytest.fixture
def first_lesson(db):
    return LessonPage.objects.live().filter(locale__language_code="zh-hans").order_by("path").first()


@pytest.mark.django_db
def test_generated_narration_decodes_and_its_timings_follow_the_speech(client, first_lesson):
    narration = generate_narration(first_lesson)
    assert narration.status == Narration.Status.READY, narration.error
    segments = narration_segments(render_live_page(first_lesson))
    assert len(narration.timings) == len(segments) > 5

    # Timings are monotonic: each segment ends after it starts and before the next one starts.
    flat = [moment for start_end in narration.timings for moment in start_end]
    assert flat == sorted(flat) and flat[0] > 0
    assert all(end > start for (start, end), text in zip(narration.timings, segments, strict=True) if text)

    mp3, mp3_rate, mp3_seconds = decoded(narration.mp3)
    opus, opus_rate, opus_seconds = decoded(narration.opus)
    assert mp3_seconds > 5 and abs(mp3_seconds - narration.duration_seconds) < 0.5
    assert abs(opus_seconds - mp3_seconds) < 0.5
    assert flat[-1] <= mp3_seconds
    # The timings match the sound: speech inside every segment, silence in the pauses between them.
    for (start, end), (next_start, _next_end) in zip(narration.timings, narration.timings[1:], strict=False):
        assert loudness(mp3, mp3_rate, start + 0.1, end - 0.1) > 500, (start, end)
        assert loudness(opus, opus_rate, start + 0.1, end - 0.1) > 500, (start, end)
        assert loudness(mp3, mp3_rate, end + 0.1, next_start - 0.1) < 100, (end, next_start)

    characters = sum(len(text) for text in segments)
    assert 1.5 <= characters / mp3_seconds <= 9, (characters, mp3_seconds)  # Mandarin: 3-6 characters a second
    # 32 kbit/s MP3 and 16 kbit/s Opus: small enough for a slow phone connection.
    assert 28_000 <= narration.mp3.size * 8 / mp3_seconds <= 36_000
    assert narration.opus.size * 8 / opus_seconds <= 22_000
    assert narration.opus.size < narration.mp3.size

    html = client.get(first_lesson.url).content.decode()
    document = BeautifulSoup(html, "html.parser")
    box = document.select_one("[data-read-aloud]")
    assert box["data-narration"] == "ready"
    audio = box.select_one("audio")
    assert audio["preload"] == "none"
    assert [s["src"] for s in audio.find_all("source")] == [narration.opus.url, narration.mp3.url]
    assert json.loads(document.find(id="narration-timings").get_text()) == narration.timings
    assert len(document.select("[data-say]")) == len(narration.timings)
    assert not box.select("[data-no-recording]")


@pytest.mark.django_db
def test_english_narration_uses_an_english_voice(first_lesson):
    english = first_lesson.get_translations().get().specific
    narration = generate_narration(english)
    assert narration.status == Narration.Status.READY and narration.language == "en"
    words = sum(len(text.split()) for text in narration_segments(render_live_page(english)))
    assert 1.0 <= words / narration.duration_seconds <= 4.5  # English is read at 2-3 words a second


@pytest.mark.django_db
def test_unchanged_text_keeps_the_audio_and_changed_text_renews_it(first_lesson):
    first = generate_narration(first_lesson)
    name = first.mp3.name
    first_lesson.save_revision().publish()
    assert generate_narration(first_lesson).mp3.name == name
    first_lesson.intro = first_lesson.intro + "再读一遍。"
    first_lesson.save_revision().publish()
    renewed = generate_narration(first_lesson)
    assert renewed.mp3.name != name and renewed.status == Narration.Status.READY


@pytest.mark.django_db
def test_publishing_marks_narration_stale_and_queues_it(settings, first_lesson, django_capture_on_commit_callbacks):
    settings.LMS_NARRATE_ON_PUBLISH = True
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first_lesson.save_revision().publish()
    assert Narration.objects.get(page=first_lesson).status == Narration.Status.PENDING
    assert len(callbacks) == 1


@pytest.fixture
def broken_speech_engine(monkeypatch):
    """The bundled libespeak-ng cannot be loaded (as on a platform its wheel does not fit)."""
    monkeypatch.setattr(speech.espeakng_loader, "get_library_path", lambda: "/nonexistent/libespeak-ng.so")
    monkeypatch.setattr(speech, "_espeak", None)


@pytest.mark.django_db
def test_failed_narration_is_recorded_and_shown_as_failed(broken_speech_engine, client, first_lesson):
    narration = generate_narration(first_lesson)
    assert narration.status == Narration.Status.FAILED
    assert "libespeak-ng" in narration.error and not narration.mp3

    response = client.get(first_lesson.url)
    assert response.status_code == 200
    box = BeautifulSoup(response.content.decode(), "html.parser").select_one("[data-read-aloud]")
    assert box["data-narration"] == "failed"
    assert box.select_one("[data-no-recording]").get_text(strip=True) == "这一页的朗读录音没能生成。"
    assert "还在准备中" not in box.get_text()
    assert not box.select("audio")
    # The browser's own voice is offered only by read-aloud.js, where the browser has one.
    offer = box.select_one("[data-browser-voice]")
    assert offer.has_attr("hidden") and "浏览器" in offer.get_text()


@pytest.mark.django_db
def test_page_without_narration_yet_says_it_is_being_prepared(client, first_lesson):
    Narration.objects.filter(page=first_lesson).delete()
    box = BeautifulSoup(client.get(first_lesson.url).content.decode(), "html.parser").select_one("[data-read-aloud]")
    assert box["data-narration"] == "pending"
    assert box.select_one("[data-no-recording]").get_text(strip=True) == "这一页的朗读录音还在准备中。"


def test_speech_check_speaks_and_encodes_here():
    assert check_speech().startswith("1.52")


def test_speech_check_names_what_is_missing(broken_speech_engine):
    with pytest.raises(speech.SpeechUnavailable, match="libespeak-ng from espeakng-loader could not be loaded"):
        check_speech()


def test_make_run_check_says_once_what_read_aloud_needs(broken_speech_engine):
    out, err = StringIO(), StringIO()
    call_command("generate_narration", "--check", stdout=out, stderr=err)
    assert out.getvalue() == ""
    assert err.getvalue().count("Read-aloud: recordings cannot be made on this machine") == 1
    assert "espeakng-loader, soundfile and soxr" in err.getvalue()
