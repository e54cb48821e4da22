"""Lesson blocks refuse content that would exclude someone: images without alt text, videos without captions."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.documents.models import Document
from wagtail.images.models import Image

from courses.blocks import AccessibleImageBlock, AudioBlock, HeadingBlock, StepBlock, VideoBlock


@pytest.mark.django_db
def test_image_needs_alt_text_unless_decorative():
    block = AccessibleImageBlock()
    image = Image.objects.first()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt": "  ", "decorative": False, "caption": ""}))
    assert block.clean(block.to_python({"image": image.pk, "alt": "", "decorative": True, "caption": ""}))
    assert block.clean(block.to_python({"image": image.pk, "alt": "A phone", "decorative": False, "caption": ""}))


@pytest.mark.django_db
def test_step_screenshot_needs_a_description():
    block = StepBlock()
    image = Image.objects.first()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Tap", "screenshot": image.pk, "screenshot_alt": "", "tip": ""}))
    assert block.clean(block.to_python({"text": "Tap", "screenshot": None, "screenshot_alt": "", "tip": ""}))


@pytest.mark.django_db
def test_video_needs_webvtt_captions_transcript_and_poster():
    block = VideoBlock()
    video = Document.objects.filter(file__endswith=".mp4").first()
    captions = Document.objects.filter(file__endswith=".vtt").first()
    poster = Image.objects.first()
    good = {"title": "Call", "video": video.pk, "captions": captions.pk, "poster": poster.pk, "transcript": "Words"}
    assert block.clean(block.to_python(good))
    for broken in (
        {**good, "captions": video.pk},  # not a .vtt file
        {**good, "video": captions.pk},  # not a video
        {**good, "transcript": ""},
        {**good, "captions": None},
    ):
        with pytest.raises(ValidationError):
            block.clean(block.to_python(broken))


@pytest.mark.django_db
def test_audio_needs_an_audio_file_and_transcript():
    block = AudioBlock()
    audio = Document.objects.filter(file__endswith=".mp3").first()
    captions = Document.objects.filter(file__endswith=".vtt").first()
    assert block.clean(block.to_python({"title": "Msg", "audio": audio.pk, "transcript": "Hi"}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "Msg", "audio": captions.pk, "transcript": "Hi"}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "Msg", "audio": audio.pk, "transcript": ""}))


def test_headings_are_h2_or_h3_only():
    block = HeadingBlock()
    assert {value for value, _label in block.child_blocks["level"].field.choices} == {"h2", "h3"}
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Title", "level": "h1"}))
