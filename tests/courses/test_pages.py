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


def _english_url(page):
    from wagtail.models import Locale

    return page.get_translation(Locale.objects.get(language_code="en")).url


@pytest.mark.django_db
def test_a_finished_course_that_grows_stays_finished_and_invites_the_new_lesson(learner_client, learner, phone_course):
    """ "9 of 10 lessons done · Course finished!" after a 10th lesson was added: the rule is that a
    finished course stays finished and its certificate stands; the page says so with "1 new lesson"
    and a button to it, and the counts (done of total, the bar) agree."""
    from assessments.models import Certificate
    from learning.models import Enrolment
    from tests.assessments.test_certificates import finish_course

    certificate = finish_course(learner, phone_course)
    completed_at = Enrolment.objects.get(learner=learner, course_key=phone_course.translation_key).completed_at
    total = phone_course.lessons().count() + 1
    new = phone_course.add_child(instance=LessonPage(title="新增的一课", slug="added-later", body=[]))
    new.save_revision().publish()

    doc = soup(learner_client.get(phone_course.url))
    progress = doc.select_one("section.progress")
    text = progress.get_text(" ", strip=True)
    assert f"已完成 {total - 1} 课，共 {total} 课" in text and "课程学完了！" in text
    assert progress.select_one("[data-new-lessons]").get_text(strip=True) == "新增 1 课"
    assert progress.select_one("progress")["value"] == str(round(100 * (total - 1) / total))
    assert progress.find("a", href=new.url).get_text(strip=True) == "新课：新增的一课"
    cert_link = progress.find("a", href=f"/assessments/certificates/{certificate.code}/")
    assert cert_link is not None
    assert "参加这门课" not in text
    # Still completed, the certificate unchanged, also after the new lesson is done.
    learner_client.post(f"/learning/lessons/{new.pk}/done/")
    enrolment = Enrolment.objects.get(learner=learner, course_key=phone_course.translation_key)
    assert enrolment.completed_at == completed_at and enrolment.progress_percent == 100
    assert Certificate.objects.get(pk=certificate.pk).issued_at == certificate.issued_at
    after = soup(learner_client.get(phone_course.url)).select_one("section.progress")
    assert f"已完成 {total} 课，共 {total} 课" in after.get_text(" ", strip=True)
    assert after.select_one("[data-new-lessons]") is None


@pytest.mark.django_db
def test_assigned_learner_sees_assigned_and_start_instead_of_join(client, learner, django_user_model, phone_course):
    """learner1 is in the demo group, which assigns this course: no "Join this course" but "Assigned
    to you" with the due date, and a button that starts the first lesson (joining on the way)."""
    from groups.models import Assignment

    assignment = Assignment.objects.get(course_key=phone_course.translation_key, group__memberships__learner=learner)
    client.force_login(learner)
    progress = soup(client.get(phone_course.url)).select_one("section.progress")
    text = progress.get_text(" ", strip=True)
    assert "已分配给您" in text and assignment.due_date.strftime("%Y") in text and "王老师" in text
    assert "参加这门课" not in text
    button = progress.select_one("form[action$='/join/'] button")
    assert button.get_text(strip=True) == "开始学第一课"
    first = phone_course.lessons().first()
    assert client.post(progress.select_one("form[action$='/join/']")["action"])["Location"] == first.url
    # Joined: a continue button, still marked as assigned.
    again = soup(client.get(phone_course.url)).select_one("section.progress")
    assert "已分配给您" in again.get_text(" ", strip=True) and again.find("a", href=first.url)
    english = soup(client.get(_english_url(phone_course))).select_one("section.progress")
    assert "This course is assigned to you" in english.get_text(" ", strip=True)

    # Someone without an assignment is asked to join.
    other = django_user_model.objects.create_user(username="walker", password="x-walk-2026")
    client.force_login(other)
    plain = soup(client.get(phone_course.url)).select_one("section.progress")
    assert "已分配给您" not in plain.get_text(" ", strip=True)
    assert plain.select_one("form[action$='/join/'] button").get_text(strip=True) == "参加这门课"
