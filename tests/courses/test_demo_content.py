"""The demo curriculum: three bilingual courses of at least five lessons, loaded idempotently."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from courses.models import Audience, CoursePage, LessonPage, Topic

SLUGS = {"smartphone-basics", "smart-agriculture", "livestream-selling"}


def counts():
    return {
        "pages": Page.objects.count(),
        "images": Image.objects.count(),
        "documents": Document.objects.count(),
        "topics": Topic.objects.count(),
        "audiences": Audience.objects.count(),
        "users": get_user_model().objects.count(),
        "revisions": sum(p.revisions.count() for p in Page.objects.all()),
    }


@pytest.mark.django_db
def test_loading_twice_changes_nothing(capsys):
    before = counts()
    call_command("load_demo_content", accounts=True)
    assert counts() == before
    assert "0 new object(s)" in capsys.readouterr().out


@pytest.mark.django_db
def test_three_courses_in_both_languages_linked_as_translations():
    for language in ("zh-hans", "en"):
        courses = CoursePage.objects.live().filter(locale__language_code=language)
        assert set(courses.values_list("slug", flat=True)) == SLUGS
        for course in courses:
            assert course.lessons().count() >= 5
            assert course.cover_image and course.topic and course.audiences.exists()
    for course in CoursePage.objects.filter(locale__language_code="zh-hans"):
        english = course.get_translations().get()
        assert english.locale.language_code == "en" and english.title != course.title
        zh_lessons = [lesson.translation_key for lesson in course.lessons()]
        en_lessons = [lesson.translation_key for lesson in english.specific.lessons()]
        assert zh_lessons == en_lessons


@pytest.mark.django_db
def test_curriculum_uses_every_block_type_and_real_media():
    used = {block.block_type for lesson in LessonPage.objects.all() for block in lesson.body}
    assert used == {
        "heading",
        "paragraph",
        "image",
        "steps",
        "video",
        "audio",
        "callout",
        "key_terms",
        "try_it",
        "quiz",
    }
    audio = Document.objects.filter(file__endswith=".mp3")
    video = Document.objects.filter(file__endswith=".mp4")
    captions = Document.objects.filter(file__endswith=".vtt")
    assert audio.count() == 2 and video.count() == 2 and captions.count() == 2
    for document in (*audio, *video):
        assert document.file.size > 10_000
    for document in captions:
        assert document.file.open("rb").read().startswith(b"WEBVTT")


@pytest.mark.django_db
def test_demo_accounts_exist_with_roles():
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="trainer").groups.filter(name="Trainers").exists()
    assert User.objects.get(username="learner1").phone == "+8613800000001"
    assert User.objects.get(username="learner2").email == "learner2@example.com"
