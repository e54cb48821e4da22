"""Sign-up by SMS 验证码 without a password, Chinese password messages, and a registered number said
plainly (walk-through findings 2 and 3). Every test posts to the real pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import get_default_password_validators
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from accounts import sms

User = get_user_model()
SIGNUP = "/accounts/signup/"
KNOWN = "13800000001"  # learner1


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()


def last_code():
    return re.search(r"(?<!\d)(\d{6})(?!\d)", sms.outbox[-1]["text"]).group(1)


def signed_in_user(client):
    return client.get("/accounts/profile/").wsgi_request.user


@pytest.mark.django_db
def test_sign_up_by_phone_code_without_any_password(client):
    response = client.post(SIGNUP, {"display_name": "刘阿姨", "phone": "137 1234 0000", "email": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(phone="+8613712340000")
    assert not user.has_usable_password()
    assert not signed_in_user(client).is_authenticated  # not before the number is confirmed
    verify = client.get(response["Location"]).content.decode()
    assert "验证码" in verify and "代码" not in verify
    response = client.post(response["Location"], {"code": last_code()})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.phone_verified
    assert signed_in_user(client) == user
    # Signing in again later: by code, no password needed.
    other = Client()
    response = other.post("/accounts/login/code/", {"phone": "13712340000"})
    other.post(response["Location"], {"code": last_code()})
    assert signed_in_user(other) == user


@pytest.mark.django_db
def test_sign_up_form_says_the_password_is_optional_with_a_phone(client):
    html = client.get(SIGNUP).content.decode()
    assert "密码（填了手机号的，可以不设）" in html
    assert not re.search(r'<input type="password" name="password1"[^>]* required', html)
    assert "<title>注册 · 数字素养课堂</title>" in html


@pytest.mark.django_db
def test_email_only_sign_up_still_needs_a_password_and_creates_nothing_without_one(client):
    response = client.post(SIGNUP, {"display_name": "Lily", "phone": "", "email": "lily2@example.com"})
    assert response.status_code == 200
    assert "请设一个密码" in response.content.decode()
    assert not User.objects.filter(email="lily2@example.com").exists()


@pytest.mark.django_db
def test_password_messages_are_chinese(client):
    response = client.post(
        SIGNUP, {"display_name": "王芳", "phone": "13712340001", "email": "", "password1": "abc", "password2": "abc"}
    )
    html = response.content.decode()
    assert "This password is too short" not in html
    assert "密码太短了，至少要有 8 个字符。" in html
    assert not User.objects.filter(phone="+8613712340001").exists()


@pytest.mark.django_db
def test_every_configured_password_validator_speaks_chinese():
    user = User(username="wangfang", email="wangfang@example.com")
    with translation.override("zh-hans"):
        for validator in get_default_password_validators():
            texts = [str(validator.get_help_text())]
            for attempt in ("abc", "wangfang", "password", "12345678"):
                try:
                    validator.validate(attempt, user)
                except ValidationError as error:
                    texts += error.messages
            assert len(texts) > 1, validator  # each validator refused something
            for text in texts:
                assert not re.search(r"[A-Za-z]{3,}", text), text
                assert re.search(r"[\u4e00-\u9fff]", text), text


@pytest.mark.django_db
def test_registered_number_is_named_and_offers_sign_in_by_code_without_sending_anything(client):
    """Before: "验证码已发送" and nothing sent, so the person waited for an SMS that never came."""
    before = User.objects.count()
    response = client.post(SIGNUP, {"display_name": "张三", "phone": "138 0000 0001", "email": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "这个手机号已经注册过了" in html
    assert sms.outbox == []
    assert User.objects.count() == before
    # The offered button posts the number to "sign in by code"; following it sends the code.
    offer = re.search(r'action="(/accounts/login/code/)">.*?name="phone" value="([^"]+)"', html, re.S)
    assert offer and offer.group(2) == "+8613800000001"
    response = client.post(offer.group(1), {"phone": offer.group(2)})
    assert response.status_code == 302
    assert [m["phone"] for m in sms.outbox] == ["+8613800000001"]
    client.post(response["Location"], {"code": last_code()})
    assert signed_in_user(client).username == "learner1"


@pytest.mark.django_db
def test_new_numbers_still_sign_up_after_a_registered_one_was_refused(client):
    client.post(SIGNUP, {"display_name": "张三", "phone": KNOWN, "email": ""})
    response = client.post(SIGNUP, {"display_name": "张三", "phone": "13712340002", "email": ""})
    assert response.status_code == 302
    assert User.objects.filter(phone="+8613712340002").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/login/code/", SIGNUP, "/accounts/password/reset/"])
def test_account_pages_say_yanzhengma_not_daima(client, url):
    html = client.get(url).content.decode()
    assert "代码" not in html


@pytest.mark.django_db
def test_code_confirmation_page_says_yanzhengma(client):
    response = client.post("/accounts/login/code/", {"phone": KNOWN})
    html = client.get(response["Location"]).content.decode()
    assert "代码" not in html
    assert "验证码已发送到" in html and ">验证码<" in html
