"""The help page (bigger text, read-aloud, offline, a trainer's card) and the link to it on every page type."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from assessments import services as quizzes
from assessments.models import AssessmentPage
from courses.models import LessonPage
from groups.models import LearningGroup


def _doc(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "heading", "title", "sections"),
    [
        ("", "帮助", "帮助 · 数字素养课堂", ["把字变大", "听这一页", "保存课程，没网也能看", "用培训老师给的卡片登录"]),
        (
            "/en",
            "Help",
            "Help · Digital Literacy Classroom",
            [
                "Make the text bigger",
                "Listen to a page",
                "Save lessons for when there is no network",
                "Sign in with a card from your trainer",
            ],
        ),
    ],
)
def test_help_page_answers_the_four_questions_in_both_languages(client, prefix, heading, title, sections):
    doc = _doc(client.get(f"{prefix}/help/"))
    assert doc.title.get_text() == title
    assert doc.select_one("main h1").get_text(strip=True) == heading
    assert [h2.get_text(strip=True) for h2 in doc.select("main section.help-topic h2")] == sections
    # Read aloud like other pages: the player is there and every heading and sentence is marked data-say.
    assert doc.select_one("[data-read-aloud] [data-play]") is not None
    said = [element.get_text(" ", strip=True) for element in doc.select("main [data-say]")]
    assert heading in said and all(section in said for section in sections)
    assert len(said) >= 20
    # It links to the display settings and the sign-in page it talks about.
    links = {a["href"] for a in doc.select("main a[href]")}
    with translation.override("zh-hans" if not prefix else "en"):
        assert {reverse("display_settings"), reverse("account_login")} <= links


def _page_type_urls(learner, trainer):
    lesson = LessonPage.objects.live().filter(locale__language_code="zh-hans").first()
    course = lesson.get_parent().specific
    final_test = AssessmentPage.objects.live().child_of(course).first()
    attempt = quizzes.start_attempt(learner=learner, assessment=final_test)
    group = LearningGroup.objects.get(name="青山村数字课堂")
    return {
        None: ["/", course.get_parent().url, "/accounts/login/", "/accounts/signup/", "/display/", "/offline/"],
        learner: [
            course.url,
            lesson.url,
            final_test.url,
            reverse("assessments:attempt", args=[attempt.pk]),
            reverse("accounts:profile"),
            reverse("assessments:certificate_list"),
            reverse("groups:inbox"),
            "/en" + course.url,
        ],
        trainer: [reverse("groups:list"), reverse("groups:detail", args=[group.pk])],
    }


@pytest.mark.django_db
def test_every_page_type_links_to_help_in_its_footer_and_menu(client, learner):
    from django.contrib.auth import get_user_model

    trainer = get_user_model().objects.get(username="trainer")
    checked = 0
    for user, urls in _page_type_urls(learner, trainer).items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            doc = _doc(client.get(url))
            help_url = "/en/help/" if url.startswith("/en/") else "/help/"
            assert doc.select_one(f".site-footer a[href='{help_url}']"), f"no help link in the footer of {url}"
            assert doc.select_one(f".site-menu a[href='{help_url}']"), f"no help link in the menu of {url}"
            checked += 1
    assert checked == 16
