"""Sign-up and sign-in with a phone number, an e-mail address, a user name and a one-time code."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts import sms

User = get_user_model()
PASSWORD = "field-of-wheat-42"


@pytest.fixture(autouse=True)
def empty_outboxes():
    sms.outbox.clear()
    mail.outbox.clear()


def last_code():
    text = sms.outbox[-1]["text"]
    match = re.search(r"(?<!\d)(\d{6})(?!\d)", text)
    assert match, text
    return match.group(1)


def signed_in_user(client):
    return client.get("/accounts/profile/").wsgi_request.user


@pytest.mark.django_db
def test_sign_up_with_phone_then_verify_code(client):
    response = client.post(
        "/accounts/signup/",
        {"display_name": "赵大爷", "phone": "139 1234 5678", "email": "", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(phone="+8613912345678")
    assert user.learner_profile.display_name == "赵大爷"
    assert not user.phone_verified
    assert sms.outbox and sms.outbox[-1]["phone"] == "+8613912345678"
    verify = client.get(response["Location"])
    assert verify.status_code == 200
    response = client.post(response["Location"], {"code": last_code()})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.phone_verified
    assert signed_in_user(client) == user


@pytest.mark.django_db
def test_sign_up_with_email_only(client):
    response = client.post(
        "/accounts/signup/",
        {
            "display_name": "Lily",
            "phone": "",
            "email": "lily@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="lily@example.com")
    assert user.phone is None
    assert signed_in_user(client) == user


@pytest.mark.django_db
def test_sign_up_needs_phone_or_email_and_creates_nothing(client):
    before = User.objects.count()
    response = client.post(
        "/accounts/signup/",
        {"display_name": "Nobody", "phone": "", "email": "", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "请填写手机号或电子邮箱" in response.content.decode()
    assert User.objects.count() == before


@pytest.mark.django_db
def test_sign_up_with_bad_phone_shows_plain_error(client):
    response = client.post(
        "/accounts/signup/",
        {"display_name": "X", "phone": "12345", "email": "", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "11位手机号" in html
    assert 'aria-invalid="true"' in html


@pytest.mark.django_db
def test_sign_up_form_is_phone_friendly(client):
    html = client.get("/accounts/signup/").content.decode()
    assert 'type="tel"' in html and 'inputmode="tel"' in html and 'autocomplete="tel"' in html
    assert 'autocomplete="new-password"' in html
    assert 'autocomplete="name"' in html
    assert "captcha" not in html.lower()


@pytest.mark.django_db
@pytest.mark.parametrize("login", ["13800000001", "138 0000 0001", "+8613800000001", "learner1"])
def test_sign_in_with_phone_or_username(client, login):
    response = client.post("/accounts/login/", {"login": login, "password": "learner-demo-2026"})
    assert response.status_code == 302
    assert signed_in_user(client).username == "learner1"


@pytest.mark.django_db
def test_sign_in_with_email(client):
    response = client.post("/accounts/login/", {"login": "learner2@example.com", "password": "learner-demo-2026"})
    assert response.status_code == 302
    assert signed_in_user(client).username == "learner2"


@pytest.mark.django_db
def test_wrong_password_is_refused_in_plain_words(client):
    response = client.post("/accounts/login/", {"login": "13800000001", "password": "nope"})
    assert response.status_code == 200
    assert not signed_in_user(client).is_authenticated
    assert "errorlist" in response.content.decode()


@pytest.mark.django_db
def test_sign_in_by_one_time_code_sent_to_phone(client):
    response = client.post("/accounts/login/code/", {"phone": "138 0000 0001"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert sms.outbox[-1]["phone"] == "+8613800000001"
    response = client.post(response["Location"], {"code": last_code()})
    assert response.status_code == 302
    assert signed_in_user(client).username == "learner1"


@pytest.mark.django_db
def test_sign_in_by_one_time_code_sent_by_email(client):
    response = client.post("/accounts/login/code/", {"email": "learner2@example.com"})
    assert response.status_code == 302
    code = re.search(r"^\s*(\d{6})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert signed_in_user(client).username == "learner2"


@pytest.mark.django_db
def test_code_field_opens_the_number_pad(client):
    response = client.post("/accounts/login/code/", {"phone": "13800000001"})
    html = client.get(response["Location"]).content.decode()
    assert 'inputmode="numeric"' in html and 'autocomplete="one-time-code"' in html
