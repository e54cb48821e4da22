"""Offline reading: the web-app manifest, the service worker, the offline page and a course's file list."""

import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.templatetags.static import static
from PIL import Image

from courses.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def service_worker_config(source):
    match = re.search(r"var CONFIG = (\{.*?\n\});", source, re.S)
    assert match, "the service worker has no CONFIG"
    return json.loads(match[1])


def file_urls_in(html):
    """The files a browser fetches to show a page, found independently of offline.course_files."""
    doc = BeautifulSoup(html, "html.parser")
    urls = set()
    for tag in doc.select("img[src], source[src], track[src], audio[src], script[src]"):
        urls.add(tag["src"])
    for tag in doc.select("img[srcset], source[srcset]"):
        urls.update(candidate.split()[0] for candidate in tag["srcset"].split(","))
    urls.update(tag["poster"] for tag in doc.select("video[poster]"))
    urls.update(tag["href"] for tag in doc.select("link[rel=stylesheet]"))
    return urls


def course_with(block_type, language="zh-hans"):
    lesson = next(
        lesson
        for lesson in LessonPage.objects.live().filter(locale__language_code=language)
        if any(block.block_type == block_type for block in lesson.body)
    )
    return lesson.get_parent().specific


@pytest.mark.parametrize(
    ("prefix", "lang", "name", "short_name", "start_url"),
    [
        ("", "zh-Hans", "数字素养课堂", "数字课堂", "/"),
        ("/en", "en", "Digital Literacy Classroom", "Digital Classroom", "/en/"),
    ],
)
def test_manifest_in_each_language(client, prefix, lang, name, short_name, start_url):
    response = client.get(f"{prefix}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == name
    assert manifest["short_name"] == short_name
    assert manifest["lang"] == lang
    assert manifest["start_url"] == start_url
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0b5cad"
    assert manifest["background_color"] == "#ffffff"
    icons = {(icon["sizes"], icon["purpose"]): icon for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= set(icons)
    for (sizes, _purpose), icon in icons.items():
        image = Image.open(io.BytesIO(body_of(client.get(icon["src"]))))
        assert image.format == "PNG"
        assert "x".join(map(str, image.size)) == sizes


@pytest.mark.parametrize(
    ("prefix", "manifest_url"), [("", "/manifest.webmanifest"), ("/en", "/en/manifest.webmanifest")]
)
def test_pages_link_the_manifest_of_their_language_and_register_the_worker(client, prefix, manifest_url):
    doc = soup(client.get(f"{prefix}/display/"))  # any page built on base.html
    assert doc.select_one("link[rel=manifest]")["href"] == manifest_url
    assert doc.select_one("script[data-sw-url]")["data-sw-url"] == "/sw.js"


def test_service_worker_is_served_from_the_root_with_current_static_urls(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    source = response.content.decode()
    assert "__OFFLINE_CONFIG__" not in source
    config = service_worker_config(source)
    assert static("lms/css/site.css") in config["shell"]
    assert f'"{static("lms/css/site.css")}"' in source
    assert {"/offline/", "/en/offline/", static("offline/icons/icon-192.png")} <= set(config["shell"])
    assert {"/admin/", "/django-admin/", "/accounts/", "/en/accounts/"} <= set(config["neverCache"])
    assert config["signOutUrls"] == ["/accounts/logout/", "/en/accounts/logout/"]
    assert [row["offlineUrl"] for row in config["languages"]] == ["/en/offline/", "/offline/"]
    assert re.fullmatch(r"[0-9a-f]{12}", config["version"])
    assert config["recentPagesLimit"] == 50


def test_service_worker_version_follows_the_static_urls(client, monkeypatch):
    import offline.config

    before = service_worker_config(client.get("/sw.js").content.decode())["version"]
    monkeypatch.setattr(offline.config, "static", lambda name: f"/static/{name}?v=2")
    after = service_worker_config(client.get("/sw.js").content.decode())
    assert after["version"] != before
    assert "/static/lms/css/site.css?v=2" in after["shell"]


@pytest.mark.parametrize(
    ("url", "lang", "heading"), [("/offline/", "zh-Hans", "您现在没有联网"), ("/en/offline/", "en", "You are offline")]
)
def test_offline_page_in_each_language(client, url, lang, heading):
    response = client.get(url)
    doc = soup(response)
    assert doc.html["lang"] == lang
    assert [h1.get_text(strip=True) for h1 in doc.find_all("h1")] == [heading]
    assert doc.select_one("[data-offline-page]")["data-files-url-template"] == "/offline/courses/0/files/"
    assert doc.select_one("script[src$='offline-page.js']")
    assert "offline/offline_page.html" in [t.name for t in response.templates]


def test_course_page_offers_saving_only_with_javascript(client, phone_course):
    doc = soup(client.get(phone_course.url))
    block = doc.select_one(".offline-save")
    assert block.has_attr("hidden")  # save-course.js shows it where it can work
    assert block["data-files-url"] == f"/offline/courses/{phone_course.pk}/files/"
    assert block["data-course-id"] == str(phone_course.pk)
    assert block["data-text-save"] == block.select_one("[data-offline-save]").get_text(strip=True) != ""
    assert "{done}" in block["data-text-progress"] and "{total}" in block["data-text-progress"]
    assert "{date}" in block["data-text-saved"]
    assert block.find_previous_sibling("section")["class"] == ["progress"]
    assert doc.select_one("script[src$='save-course.js']")


@pytest.mark.parametrize(("block_type", "language"), [("video", "zh-hans"), ("steps", "en")])
def test_file_list_holds_every_lesson_and_every_file_they_show(client, block_type, language):
    course = course_with(block_type, language)
    response = client.get(f"/offline/courses/{course.pk}/files/")
    assert response.status_code == 200
    data = response.json()
    files = {entry["url"]: entry for entry in data["files"]}
    assert data["count"] == len(data["files"]) == len(files)
    assert data["course"]["url"] == course.url and data["cache"] == f"course-{course.pk}"
    assert files[course.url]["type"] == "page"
    assert data["course"]["language"] == language
    pages = [url for url, entry in files.items() if entry["type"] == "page"]
    assert all(url.startswith("/en/") for url in pages) == (language == "en")
    lessons = list(course.lessons())
    assert lessons
    shown = set()
    for lesson in lessons:
        assert files[lesson.url]["type"] == "page"
        shown |= file_urls_in(client.get(lesson.url).content)
    shown |= file_urls_in(client.get(course.url).content)
    assert shown, "the lessons show no files"
    missing = shown - set(files)
    assert not missing, missing
    assert any("width-360" in url for url in shown) and any("width-720" in url for url in shown)
    for url, entry in files.items():
        assert url.startswith("/") and not url.startswith(("/admin/", "/django-admin/", "/accounts/", "/en/accounts/"))
        if entry["type"] in ("media", "static"):
            served = client.get(url)
            assert served.status_code == 200, url
            assert entry["bytes"] == len(body_of(served)), url
    assert data["total_bytes"] == sum(entry["bytes"] for entry in data["files"]) > 0
    alternatives = set()
    for group in data["alternatives"]:
        assert group["element"] in ("picture", "audio", "video")
        for choice in group["choices"]:
            assert all(url in files for url in choice["urls"])
            alternatives.update(choice["urls"])
    assert {url for url, entry in files.items() if entry["alternative"]} <= alternatives
    if block_type == "video":
        assert any(url.endswith(".vtt") for url in files)
        assert any(url.endswith((".mp4", ".webm")) for url in files)
        assert any(url.endswith((".mp3", ".ogg", ".opus")) for url in files)  # the voice-message lesson


def test_formats_to_choose_from_are_alternatives_and_everything_else_is_required():
    from offline.course_files import files_in_html

    required, alternatives = files_in_html(
        """<link rel="stylesheet" href="/static/site.css"><link rel="alternate" href="/en/">
        <picture><source type="image/avif" srcset="/m/a-360.avif 360w, /m/a-720.avif 720w">
        <source type="image/webp" srcset="/m/a-360.webp 360w"><img src="/m/a-360.png" alt=""></picture>
        <picture><source media="(min-width: 40rem)" srcset="/m/wide.png"><img src="/m/narrow.png" alt=""></picture>
        <video poster="/m/poster.webp"><source src="/m/v.mp4" type="video/mp4"><track src="/m/v.vtt"></video>
        <audio><source src="/m/n.opus" type="audio/ogg"><source src="/m/n.mp3" type="audio/mpeg"></audio>
        <audio src="/m/b.mp3"></audio><script src="/static/x.js"></script>"""
    )
    assert required == [
        "/static/site.css",
        "/m/wide.png",
        "/m/narrow.png",
        "/m/poster.webp",
        "/m/v.mp4",
        "/m/v.vtt",
        "/m/b.mp3",
        "/static/x.js",
    ]
    assert alternatives == [
        {
            "element": "picture",
            "choices": [
                {"type": "image/avif", "urls": ["/m/a-360.avif", "/m/a-720.avif"]},
                {"type": "image/webp", "urls": ["/m/a-360.webp"]},
                {"type": "", "urls": ["/m/a-360.png"]},
            ],
        },
        {
            "element": "audio",
            "choices": [{"type": "audio/ogg", "urls": ["/m/n.opus"]}, {"type": "audio/mpeg", "urls": ["/m/n.mp3"]}],
        },
    ]


def test_file_list_leaves_out_restricted_lessons(client, phone_course):
    from wagtail.models import PageViewRestriction

    lesson = phone_course.lessons().first()
    PageViewRestriction.objects.create(page=lesson, restriction_type="password", password="trainers-only")
    urls = [entry["url"] for entry in client.get(f"/offline/courses/{phone_course.pk}/files/").json()["files"]]
    assert lesson.url not in urls
    assert phone_course.lessons().last().url in urls


def test_file_list_is_only_for_live_courses(client, phone_course):
    lesson = phone_course.lessons().first()
    assert client.get(f"/offline/courses/{lesson.pk}/files/").status_code == 404  # not a course
    assert client.get("/offline/courses/999999/files/").status_code == 404
    assert client.post(f"/offline/courses/{phone_course.pk}/files/").status_code == 405
    CoursePage.objects.filter(pk=phone_course.pk).update(live=False)
    assert client.get(f"/offline/courses/{phone_course.pk}/files/").status_code == 404


@pytest.mark.parametrize(
    ("url", "lead"),
    [
        ("/offline/?form", "现在没有网络，您刚才提交的内容没有发送出去"),
        ("/en/offline/?form", "What you just sent did not reach us, because there is no network."),
    ],
)
def test_offline_page_for_a_form_that_could_not_be_sent(client, url, lead):
    """What the service worker shows for a form POST that found no network: nothing was sent, go back
    (never "Try again", which would send the form once more)."""
    doc = soup(client.get(url))
    assert lead in doc.select_one("[data-form-not-sent]").get_text()
    assert doc.select_one("[data-offline-back]") and not doc.select_one("[data-offline-retry]")
    assert not soup(client.get(url.removesuffix("?form"))).select_one("[data-form-not-sent]")


def test_service_worker_keeps_the_form_page_and_the_offline_forms_script(client):
    config = service_worker_config(client.get("/sw.js").content.decode())
    assert {"/offline/?form", "/en/offline/?form", static("offline/offline-forms.js")} <= set(config["shell"])
    assert [row["formOfflineUrl"] for row in config["languages"]] == ["/en/offline/?form", "/offline/?form"]


def test_english_course_saves_its_english_pages(client):
    """A reader of the English course saves the English lessons (the language they read), not the Chinese."""
    english = CoursePage.objects.get(slug="smartphone-basics", locale__language_code="en")
    doc = soup(client.get(english.url))
    files_url = doc.select_one(".offline-save")["data-files-url"]
    assert files_url == f"/offline/courses/{english.pk}/files/"
    pages = [f["url"] for f in client.get(files_url).json()["files"] if f["type"] == "page"]
    assert pages and all(url.startswith("/en/courses/") for url in pages)
    assert {lesson.url for lesson in english.lessons()} <= set(pages)


def test_file_list_holds_the_signed_in_learners_recorder(client, phone_course):
    """Saved pages of a signed-in learner load recorder.js (the statement queue for "Mark as done"
    offline); the list is made from the anonymous pages, which do not, so it is added."""
    urls = {entry["url"] for entry in client.get(f"/offline/courses/{phone_course.pk}/files/").json()["files"]}
    assert static("xapi/recorder.js") in urls
