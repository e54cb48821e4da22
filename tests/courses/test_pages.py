"""Every page type renders in both languages and links to its translation."""

import pytest
from bs4 import BeautifulSoup

from courses.models import CourseIndexPage, CoursePage, HomePage, LessonPage


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def first_lesson_with(block_type, language):
    return next(
        lesson
        for lesson in LessonPage.objects.filter(locale__language_code=language)
        if any(block.block_type == block_type for block in lesson.body)
    )


def page_pairs(model):
    zh = model.objects.filter(locale__language_code="zh-hans").live().first()
    en = zh.get_translation(zh.locale.__class__.objects.get(language_code="en"))
    return zh, en


@pytest.mark.django_db
@pytest.mark.parametrize("model", [HomePage, CourseIndexPage, CoursePage, LessonPage])
def test_page_type_renders_in_both_languages(client, model):
    zh, en = page_pairs(model)
    zh_doc = soup(client.get(zh.url))
    en_doc = soup(client.get(en.url))
    assert zh_doc.html["lang"] == "zh-Hans"
    assert en_doc.html["lang"] == "en"
    assert len(zh_doc.find_all("h1")) == 1 and len(en_doc.find_all("h1")) == 1
    # The language switcher points at the translation of this very page.
    assert zh_doc.find("a", hreflang="en")["href"] == en.url
    assert en_doc.find("a", hreflang="zh-hans")["href"] == zh.url


@pytest.mark.django_db
def test_home_urls_by_language(client):
    assert "数字素养课堂" in client.get("/").content.decode()
    assert "Digital Literacy Classroom" in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_home_has_three_topic_entry_points(client):
    doc = soup(client.get("/"))
    links = [a["href"] for a in doc.select(".entry-points a")]
    assert links == [
        "/courses/?topic=phone-skills",
        "/courses/?topic=smart-agriculture",
        "/courses/?topic=livestream-selling",
    ]


@pytest.mark.django_db
def test_course_page_shows_lessons_and_hides_trainer_notes(client, phone_course):
    doc = soup(client.get(phone_course.url))
    lessons = doc.select(".lesson-list li")
    assert len(lessons) == phone_course.lessons().count() >= 5
    assert phone_course.trainer_notes
    assert phone_course.trainer_notes not in doc.get_text()
    assert doc.find("progress")


@pytest.mark.django_db
def test_lesson_page_has_navigation_and_mark_done(client, phone_course):
    lessons = list(phone_course.lessons())
    doc = soup(client.get(lessons[1].url))
    assert doc.find("a", rel="prev")["href"] == lessons[0].url
    assert doc.find("a", rel="next")["href"] == lessons[2].url
    form = doc.find("form", action=f"/learning/lessons/{lessons[1].pk}/done/")
    assert form["method"] == "post"


@pytest.mark.django_db
def test_lesson_images_have_srcset_for_small_and_large_screens(client):
    lesson = first_lesson_with("image", "zh-hans")
    doc = soup(client.get(lesson.url))
    pictures = doc.select(".lesson-body picture")
    image_blocks = [block.value for block in lesson.body if block.block_type == "image"]
    screenshots = [step for block in lesson.body if block.block_type == "steps" for step in block.value]
    screenshots = [step for step in screenshots if step["screenshot"]]
    assert len(pictures) == len(image_blocks) + len(screenshots) >= 2
    for picture in pictures:
        # AVIF, then WebP, then the PNG <img> fallback; each 360 and 720 px wide, with sizes.
        sources = picture.find_all("source")
        assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
        image = picture.find("img")
        for candidate in [*sources, image]:
            assert "360w" in candidate["srcset"] and "720w" in candidate["srcset"] and candidate["sizes"]
        assert image["src"].endswith(".png") and image["width"] and image["height"]
    images = [picture.find("img") for picture in pictures]
    # Alt text exactly as written: the image block's description, the step's screenshot description.
    figure_images = doc.select(".lesson-body figure > picture > img")
    assert [img["alt"] for img in figure_images] == [value["alt"] for value in image_blocks]
    step_images = doc.select(".lesson-body .steps picture > img")
    assert [img["alt"] for img in step_images] == [step["screenshot_alt"] for step in screenshots]
    # The first image block, when it opens the lesson (first or second block), is fetched at once;
    # every other picture waits for scrolling.
    opens = next(i for i, block in enumerate(lesson.body) if block.block_type == "image") < 2
    eager = [figure_images[0]] if opens else []
    assert [img for img in images if img.get("loading") != "lazy"] == eager
    assert [img for img in images if img.get("fetchpriority") == "high"] == eager
    assert all(img["decoding"] == "async" for img in images if img.get("loading") == "lazy")


@pytest.mark.django_db
def test_video_has_captions_transcript_and_poster(client):
    lesson = first_lesson_with("video", "en")
    doc = soup(client.get(lesson.url))
    video = doc.find("video")
    assert video["preload"] == "none" and video["poster"]
    track = video.find("track")
    assert track["kind"] == "captions" and track["src"].endswith(".vtt") and track["srclang"] == "en"
    assert doc.select_one("details.transcript").get_text(strip=True)
    captions = client.get(track["src"])
    assert captions.status_code == 200
    assert b"".join(captions.streaming_content if captions.streaming else [captions.content]).startswith(b"WEBVTT")


@pytest.mark.django_db
def test_audio_has_transcript(client):
    lesson = first_lesson_with("audio", "zh-hans")
    doc = soup(client.get(lesson.url))
    assert doc.find("audio")["preload"] == "none"
    assert doc.select_one(".media-block details.transcript").get_text(strip=True)


@pytest.mark.django_db
@pytest.mark.parametrize("model", [HomePage, CourseIndexPage, CoursePage, LessonPage])
def test_every_page_type_previews_and_opens_in_the_editor(admin_client, model):
    page = model.objects.first()
    preview = page.make_preview_request()
    assert preview.status_code == 200
    assert page.title in preview.render().content.decode() if hasattr(preview, "render") else True
    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
