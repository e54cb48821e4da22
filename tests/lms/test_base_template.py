"""What every page gets from base.html: the site name in its title, and an icon (no favicon 404)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse

from assessments import services as quizzes
from assessments.models import AssessmentPage
from groups.models import LearningGroup
from tests.assessments.conftest import form, right_answers

SITE = {"": "数字素养课堂", "/en": "Digital Literacy Classroom"}


def _title(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser").title.get_text(" ", strip=True)


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", list(SITE))
def test_every_title_ends_with_the_site_name(client, learner, phone_course, prefix):
    """These pages' titles used to end with the page or group name only (sign-in said just "登录")."""
    trainer = get_user_model().objects.get(username="trainer")
    group = LearningGroup.objects.get(name="青山村数字课堂")
    final_test = AssessmentPage.objects.live().child_of(phone_course).get()
    attempt = quizzes.start_attempt(learner=learner, assessment=final_test)
    questions = [q for q in quizzes.attempt_questions(attempt) if q.kind != "practical"]
    quizzes.submit_attempt(learner=learner, attempt=attempt, data=form(right_answers(questions)))
    pages = {
        None: ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/help/", "/display/"],
        learner: [reverse("assessments:result", args=[attempt.pk]), "/groups/join/"],
        trainer: [
            reverse(name, args=[group.pk])
            for name in ("groups:assign", "groups:import_learners", "groups:poster", "groups:add_learners")
        ]
        + [reverse(name, args=[group.pk]) for name in ("groups:attendance", "groups:trainers", "groups:cards")],
    }
    wrong = []
    for user, paths in pages.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for path in paths:
            path = re.sub(r"^/(en/)?", "/", path)  # reverse() may already carry a language prefix
            title = _title(client.get(prefix + path))
            if not title.endswith(f" · {SITE[prefix]}") or title == SITE[prefix]:
                wrong.append(f"{prefix}{path}: {title!r}")
    assert not wrong, "titles without the page and the site name:\n" + "\n".join(wrong)


@pytest.mark.django_db
def test_favicon_is_served_at_the_root_and_named_by_every_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content if response.streaming else [response.content])[:4] == b"\0\0\1\0"
    doc = BeautifulSoup(client.get("/").content, "html.parser")
    icon = doc.select_one("link[rel=icon]")
    assert icon is not None and icon["type"] == "image/png"
    png = client.get(icon["href"])
    assert png.status_code == 200
    assert b"".join(png.streaming_content if png.streaming else [png.content])[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", list(SITE))
def test_the_home_page_names_the_site_once(client, prefix):
    """The home page's title is the site's name: "数字素养课堂 · 数字素养课堂" said it twice."""
    assert _title(client.get(f"{prefix}/")) == SITE[prefix]
    assert _title(client.get(f"{prefix}/courses/smartphone-basics/")).endswith(" · " + SITE[prefix])
