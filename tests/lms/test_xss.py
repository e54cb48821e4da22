"""A corpus of XSS payloads through every text field of pages, snippets and profiles.

No script, event handler or javascript: URL may reach the rendered page.
"""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.documents.models import Document
from wagtail.images.models import Image

from courses.models import Audience, CoursePage, LessonPage, Topic
from lms.sanitize import clean_html

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '"><svg onload=alert(3)>',
    "javascript:alert(4)",
    '<a href="javascript:alert(5)">tap</a>',
    '<a href="jav&#x09;ascript:alert(6)">tap</a>',
    "<iframe src=javascript:alert(7)></iframe>",
    "<body onload=alert(8)>",
    "'';!--\"<XSS>=&{()}",
    '<div style="background:url(javascript:alert(9))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(10)>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4=">d</a>',
    "<<script>script>alert(12)<</script>/script>",
    '<p onclick="alert(13)">click</p>',
]
PAYLOAD = " ".join(PAYLOADS)
# For fields of 60 characters (names): the two most common attacks in one string.
SHORT_PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "srcset", "data", "xlink:href")


def assert_safe(html):
    doc = BeautifulSoup(html, "html.parser")
    for script in doc.find_all("script"):
        assert "alert" not in script.get_text(), script
    assert not doc.find_all(["iframe", "svg", "math", "object", "embed"])
    for tag in doc.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (tag.name, name)
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower() in URL_ATTRIBUTES:
                squashed = re.sub(r"[\s\x00-\x1f]", "", text).lower()
                assert not squashed.startswith(("javascript:", "data:text/html", "vbscript:")), (tag.name, name, text)


def test_sanitiser_strips_everything_dangerous():
    cleaned = clean_html(PAYLOAD)
    assert "<script" not in cleaned and "onerror" not in cleaned and 'href="javascript:' not in cleaned
    assert_safe(cleaned)
    assert clean_html('<p><b>bold</b> <a href="https://example.org">ok</a></p>') == (
        '<p><b>bold</b> <a href="https://example.org">ok</a></p>'
    )


@pytest.fixture
def poisoned_course(db, catalogue):
    image = Image.objects.first()
    video = Document.objects.filter(file__endswith=".mp4").first()
    captions = Document.objects.filter(file__endswith=".vtt").first()
    audio = Document.objects.filter(file__endswith=".mp3").first()
    topic = Topic.objects.create(name=SHORT_PAYLOAD, slug="xss-topic", locale=catalogue.locale)
    audience = Audience.objects.create(name=SHORT_PAYLOAD, slug="xss-audience", locale=catalogue.locale)
    course = CoursePage(
        title=PAYLOAD[:200],
        seo_title=PAYLOAD[:200],
        search_description=PAYLOAD,
        slug="xss-course",
        summary=PAYLOAD[:160],
        outcomes=PAYLOAD,
        trainer_notes=PAYLOAD,
        topic=topic,
        cover_image=image,
        is_featured=True,
        locale=catalogue.locale,
    )
    catalogue.add_child(instance=course)
    course.audiences.set([audience])
    course.save_revision().publish()
    body = [
        {"type": "heading", "value": {"text": PAYLOAD[:120], "level": "h2"}},
        {"type": "paragraph", "value": PAYLOAD},
        {
            "type": "image",
            "value": {"image": image.pk, "alt": PAYLOAD[:250], "decorative": False, "caption": PAYLOAD[:250]},
        },
        {
            "type": "steps",
            "value": [{"text": PAYLOAD, "tip": PAYLOAD, "screenshot": image.pk, "screenshot_alt": PAYLOAD[:250]}],
        },
        {
            "type": "video",
            "value": {
                "title": PAYLOAD[:120],
                "video": video.pk,
                "captions": captions.pk,
                "poster": image.pk,
                "transcript": PAYLOAD,
            },
        },
        {"type": "audio", "value": {"title": PAYLOAD[:120], "audio": audio.pk, "transcript": PAYLOAD}},
        {"type": "callout", "value": {"kind": "safety", "title": PAYLOAD[:120], "text": PAYLOAD}},
        {"type": "key_terms", "value": [{"term": PAYLOAD[:80], "explanation": PAYLOAD}]},
        {"type": "try_it", "value": {"task": PAYLOAD, "hint": PAYLOAD}},
    ]
    lesson = LessonPage(title=PAYLOAD[:200], slug="xss-lesson", intro=PAYLOAD, body=body, locale=course.locale)
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return course, lesson


@pytest.mark.django_db
def test_no_payload_survives_on_any_learner_page(client, learner_client, learner, poisoned_course):
    course, lesson = poisoned_course
    learner.learner_profile.display_name = SHORT_PAYLOAD
    learner.learner_profile.save()
    for url in ["/", "/courses/", "/courses/?topic=xss-topic", course.url, lesson.url, "/accounts/profile/"]:
        response = learner_client.get(url)
        assert response.status_code == 200, url
        assert_safe(response.content.decode())
    # The success message after "mark as done" quotes the lesson title.
    response = learner_client.post(f"/learning/lessons/{lesson.pk}/done/", follow=True)
    assert_safe(response.content.decode())
    assert_safe(client.get(lesson.url).content.decode())


@pytest.mark.django_db
def test_profile_form_escapes_what_was_typed(learner_client):
    response = learner_client.post("/accounts/profile/", {"display_name": SHORT_PAYLOAD, "counted_in_statistics": "on"})
    assert response.status_code == 302
    assert_safe(learner_client.get("/accounts/profile/").content.decode())
