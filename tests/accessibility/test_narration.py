"""Read-aloud narration generated offline with espeak-ng: correct pinyin, playable audio, paragraph timings."""

import json
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from accessibility import speech
from accessibility.models import Narration
from accessibility.narration import generate_narration, narration_segments, render_live_page
from accessibility.speech import mandarin_to_pinyin
from courses.models import LessonPage

needs_espeak = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("espeak-ng", "lame", "opusenc", "ffprobe")),
    reason="espeak-ng, lame, opus-tools and ffmpeg are installed by scripts/install-system-packages.sh",
)


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
    ],
)
def test_polyphonic_characters_get_the_right_pinyin(text, expected):
    assert expected in mandarin_to_pinyin(text)


def test_segments_come_from_marked_elements_in_order():
    html = "<h1 data-say>标题</h1><p>skip</p><div data-say><p>第一段</p>\n<p>第二段</p></div>"
    assert narration_segments(html) == ["标题", "第一段 第二段"]


def probe_duration(path):
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", path],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(result.stdout)["format"]["duration"])


@pytest.fixture
def first_lesson(db):
    return LessonPage.objects.live().filter(locale__language_code="zh-hans").order_by("path").first()


@needs_espeak
@pytest.mark.django_db
def test_generated_narration_plays_and_matches_the_page(client, first_lesson):
    narration = generate_narration(first_lesson)
    assert narration.status == Narration.Status.READY, narration.error
    segments = narration_segments(render_live_page(first_lesson))
    assert len(narration.timings) == len(segments) > 5
    starts = [start for start, _end in narration.timings]
    assert starts == sorted(starts)
    assert all(end > start for start, end in narration.timings if end != start)
    duration = probe_duration(narration.mp3.path)
    assert abs(duration - narration.duration_seconds) < 1.0
    assert abs(probe_duration(narration.opus.path) - duration) < 1.0
    characters = sum(len(text) for text in segments)
    assert 1.5 <= characters / duration <= 9, (characters, duration)  # Mandarin is read at 3-6 characters a second
    assert narration.opus.size < narration.mp3.size

    html = client.get(first_lesson.url).content.decode()
    document = BeautifulSoup(html, "html.parser")
    audio = document.select_one("[data-read-aloud] audio")
    assert audio["preload"] == "none"
    assert [s["src"] for s in audio.find_all("source")] == [narration.opus.url, narration.mp3.url]
    assert json.loads(document.find(id="narration-timings").get_text()) == narration.timings
    assert len(document.select("[data-say]")) == len(narration.timings)


@needs_espeak
@pytest.mark.django_db
def test_english_narration_uses_an_english_voice(first_lesson):
    english = first_lesson.get_translations().get().specific
    narration = generate_narration(english)
    assert narration.status == Narration.Status.READY and narration.language == "en"
    words = sum(len(text.split()) for text in narration_segments(render_live_page(english)))
    assert 1.0 <= words / narration.duration_seconds <= 4.5  # English is read at 2-3 words a second


@needs_espeak
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


@pytest.mark.django_db
def test_missing_speech_tools_fail_softly(monkeypatch, client, first_lesson):
    monkeypatch.setattr(speech.shutil, "which", lambda name: None)
    narration = generate_narration(first_lesson)
    assert narration.status == Narration.Status.FAILED and "espeak-ng" in narration.error
    response = client.get(first_lesson.url)
    assert response.status_code == 200
    assert "data-no-recording" in response.content.decode()
