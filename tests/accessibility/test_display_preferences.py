import pytest
from bs4 import BeautifulSoup

from accessibility.preferences import COOKIE_NAME, DisplayPreferences


def html_classes(response):
    return BeautifulSoup(response.content, "html.parser").html.get("class", [])


@pytest.mark.django_db
def test_text_size_control_is_a_plain_post_kept_in_a_cookie(client):
    response = client.post("/display/", {"text_size": "xlarge", "next": "/courses/"})
    assert response.status_code == 302 and response["Location"] == "/courses/"
    assert client.cookies[COOKIE_NAME].value == "xlarge.normal.0"
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
