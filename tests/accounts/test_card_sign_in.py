"""Signing in with the card from a trainer: user name + 数字密码 (walk-through finding 4)."""

import re

import pytest
from django.contrib.auth import get_user_model

from accounts import sign_in_wait

User = get_user_model()
CARD = "/accounts/login/card/"
PIN = "246810"  # zhaody001, the demo PIN learner


def signed_in_user(client):
    return client.get("/accounts/profile/").wsgi_request.user


@pytest.mark.django_db
def test_sign_in_page_links_to_the_card_form(client):
    html = client.get("/accounts/login/").content.decode()
    assert f'href="{CARD}"' in html and "用培训老师给的登录卡登录" in html
    assert "<title>登录 · 数字素养课堂</title>" in html


@pytest.mark.django_db
def test_card_form_is_worded_like_the_card_and_opens_the_number_pad(client):
    html = client.get(CARD).content.decode()
    assert "用户名（登录卡上的）" in html and "数字密码（登录卡上的6位数字）" in html
    password = re.search(r'<input type="password"[^>]*>', html).group(0)
    assert 'inputmode="numeric"' in password and 'autocomplete="current-password"' in password
    assert "one-time-code" not in html
    assert "<title>用登录卡登录 · 数字素养课堂</title>" in html


@pytest.mark.django_db
def test_pin_learner_signs_in_with_the_card_form(client):
    response = client.post(CARD, {"login": "zhaody001", "password": PIN})
    assert response.status_code == 302
    assert signed_in_user(client).username == "zhaody001"


@pytest.mark.django_db
def test_card_form_has_the_same_per_account_wait(client):
    for _ in range(sign_in_wait.FREE_TRIES):
        client.post(CARD, {"login": "zhaody001", "password": "135791"})
    response = client.post(CARD, {"login": "zhaody001", "password": PIN})
    assert response.status_code == 200 and "输错次数太多" in response.content.decode()
    assert not signed_in_user(client).is_authenticated


@pytest.mark.django_db
def test_wrong_pin_stays_on_the_card_form(client):
    response = client.post(CARD, {"login": "zhaody001", "password": "135791"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "数字密码（登录卡上的6位数字）" in html and "errorlist" in html
