import pytest
from bs4 import BeautifulSoup

from accessibility.preferences import COOKIE_NAME, DisplayPreferences


def html_classes(response):
    return BeautifulSoup(response.content, "html.parser").html.get("class", [])


@pytest.mark.django_db
def test_text_size_control_is_a_plain_post_kept_in_a_cookie(client):
    response = client.post("/display/", {"text_size": "xlarge", "next": "/courses/"})
    assert response.status_code == 302 and response["Location"] == "/courses/"
    assert client.cookies[COOKIE_NAME].value == "xlarge.normal.0.0"
    assert "text-xlarge" in html_classes(client.get("/courses/"))


@pytest.mark.django_db
def test_elder_mode_toggle_keeps_text_size(client):
    client.post("/display/", {"text_size": "large"})
    client.post("/display/", {"elder_mode": "1"})
    classes = html_classes(client.get("/"))
    assert "text-large" in classes and "elder-mode" in classes


@pytest.mark.django_db
def test_bad_values_change_nothing_and_no_open_redirect(client):
    response = client.post("/display/", {"text_size": "giant", "elder_mode": "maybe", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert DisplayPreferences.from_cookie(client.cookies[COOKIE_NAME].value) == DisplayPreferences()


def test_cookie_parsing_is_forgiving():
    assert DisplayPreferences.from_cookie("garbage") == DisplayPreferences()
    assert DisplayPreferences.from_cookie("large.high.1") == DisplayPreferences("large", "high", True)
    assert DisplayPreferences.from_cookie("xlarge.normal.0.1").reduced_motion


@pytest.mark.django_db
def test_signed_in_choice_is_saved_to_the_profile_and_follows_the_learner(learner_client, learner, client):
    learner_client.post("/display/", {"contrast": "high", "text_size": "large"})
    learner.learner_profile.refresh_from_db()
    assert learner.learner_profile.display_settings == "large.high.0.0"
    client.force_login(learner)  # another phone, no cookie yet
    classes = html_classes(client.get("/"))
    assert "text-large" in classes and "contrast-high" in classes


@pytest.mark.django_db
def test_settings_page_offers_every_choice(client):
    response = client.get("/en/display/")
    html = response.content.decode()
    for name in ("text_size", "contrast", "elder_mode", "reduced_motion"):
        assert f'name="{name}"' in html
    client.post("/en/display/", {"reduced_motion": "1"})
    assert "reduce-motion" in html_classes(client.get("/en/"))


@pytest.mark.django_db
def test_authors_get_the_learner_accessibility_checks(admin_client):
    from courses.models import LessonPage

    lesson = LessonPage.objects.first()
    html = admin_client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    for rule in ("video-caption", "image-alt", "heading-order", "target-size"):
        assert rule in html
