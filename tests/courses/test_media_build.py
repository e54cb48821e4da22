"""The demo media package (courses/demo/media_build) still draws the committed pictures exactly."""

from pathlib import Path

import pytest

from courses.demo.media_build import illustrations
from courses.demo.media_build.drawing import ILLUSTRATIONS, IMG_DIR, render, save_png
from courses.demo.media_build.video import VIDEO_CALL_SLIDES, VIDEO_H, VIDEO_W, video_frame


@pytest.mark.parametrize(("key", "lang"), [("dialer", "zh"), ("cover_smartphone", "en"), ("drone_spraying", "zh")])
def test_a_registered_picture_is_drawn_byte_for_byte_as_committed(key, lang, tmp_path):
    assert illustrations.build_images  # importing it registers every screen and scene
    path = Path(tmp_path) / f"{key}.{lang}.png"
    save_png(render(ILLUSTRATIONS[key], lang), path)
    assert path.read_bytes() == (IMG_DIR / f"{key}.{lang}.png").read_bytes()


def test_every_committed_picture_has_a_drawing_in_both_languages():
    committed = {p.name for p in IMG_DIR.glob("*.png")}
    drawn = {f"{key}.{lang}.png" for key in ILLUSTRATIONS for lang in ("zh", "en")}
    assert committed == drawn


def test_video_frames_are_drawn_for_every_narrated_line():
    frames = [video_frame(key, "en", step, len(VIDEO_CALL_SLIDES)) for step, key in enumerate(VIDEO_CALL_SLIDES, 1)]
    assert {frame.size for frame in frames} == {(VIDEO_W, VIDEO_H)}
