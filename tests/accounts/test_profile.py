"""The learner profile: optional fields, region chosen province -> city -> county, with and without JavaScript."""

import pytest
from bs4 import BeautifulSoup

from accounts.models import Division


def options(response, field):
    doc = BeautifulSoup(response.content, "html.parser")
    return [o["value"] for o in doc.select(f"#id_{field} option") if o["value"]]


@pytest.mark.django_db
def test_profile_requires_sign_in(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_only_the_name_is_required(learner_client, learner):
    response = learner_client.post("/accounts/profile/", {"display_name": "李奶奶"})
    assert response.status_code == 302
    learner.learner_profile.refresh_from_db()
    assert learner.learner_profile.province is None
    assert learner.learner_profile.counted_in_statistics is False  # unticked box means no consent


@pytest.mark.django_db
def test_empty_name_is_refused_and_nothing_changes(learner_client, learner):
    response = learner_client.post("/accounts/profile/", {"display_name": "", "age_band": "70plus"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    learner.learner_profile.refresh_from_db()
    assert learner.learner_profile.display_name == "李奶奶" and learner.learner_profile.age_band == ""


@pytest.mark.django_db
def test_region_lists_narrow_without_javascript(learner_client):
    response = learner_client.post(
        "/accounts/profile/", {"display_name": "李奶奶", "province": "420000", "refresh_region": "1"}
    )
    assert response.status_code == 200
    prefectures = options(response, "prefecture")
    assert "420100" in prefectures and "429000" in prefectures and "110100" not in prefectures
    assert options(response, "county") == []
    response = learner_client.post(
        "/accounts/profile/",
        {"display_name": "李奶奶", "province": "420000", "prefecture": "429000", "refresh_region": "1"},
    )
    assert "429004" in options(response, "county")


@pytest.mark.django_db
def test_full_profile_is_saved(learner_client, learner):
    data = {
        "display_name": "李奶奶",
        "audience_group": "elderly",
        "age_band": "70plus",
        "province": "420000",
        "prefecture": "429000",
        "county": "429004",
        "area": "rural",
        "preferred_language": "zh-hans",
        "counted_in_statistics": "on",
    }
    assert learner_client.post("/accounts/profile/", data).status_code == 302
    profile = learner.learner_profile
    profile.refresh_from_db()
    assert (profile.province_id, profile.prefecture_id, profile.county_id) == ("420000", "429000", "429004")
    assert profile.area == "rural" and profile.counted_in_statistics


@pytest.mark.django_db
def test_prefecture_without_counties_is_a_complete_answer(learner_client, learner):
    assert not Division.objects.filter(parent_id="441900").exists()  # 东莞市
    data = {"display_name": "陈", "province": "440000", "prefecture": "441900"}
    assert learner_client.post("/accounts/profile/", data).status_code == 302
    learner.learner_profile.refresh_from_db()
    assert learner.learner_profile.prefecture_id == "441900"


@pytest.mark.django_db
def test_inconsistent_region_is_refused(learner_client, learner):
    data = {"display_name": "李奶奶", "province": "110000", "prefecture": "429000", "county": "429004"}
    response = learner_client.post("/accounts/profile/", data)
    assert response.status_code == 200
    learner.learner_profile.refresh_from_db()
    assert learner.learner_profile.province is None


@pytest.mark.django_db
def test_division_children_json_in_both_languages(learner_client):
    zh = learner_client.get("/accounts/profile/divisions/500000/").json()["divisions"]
    assert {"code": "500100", "name": "重庆市"} in zh
    en = learner_client.get("/en/accounts/profile/divisions/420000/").json()["divisions"]
    assert {"code": "420100", "name": "Wuhan"} in en


def test_divisions_cover_the_country(db):
    assert Division.objects.filter(level=1).count() == 34
    assert Division.objects.filter(level=2).count() > 330
    assert Division.objects.filter(level=3).count() > 2800
    assert not Division.objects.filter(level=3, parent__level=3).exists()
