""" "Forgot password" for phone, e-mail and trainer-made accounts, from one box (walk-through finding 1).

Before: the page asked for an e-mail address only and ended in "请与我们联系" with no contact, so a
learner with only a phone number, or a card from their trainer, had no way back in.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from accounts import sms
from groups import services

User = get_user_model()
RESET = "/accounts/password/reset/"
NEW_PASSWORD = "tea-garden-on-the-hill-7"


@pytest.fixture(autouse=True)
def empty_outboxes():
    sms.outbox.clear()
    mail.outbox.clear()


def last_code():
    match = re.search(r"(?<!\d)(\d{6})(?!\d)", sms.outbox[-1]["text"])
    assert match, sms.outbox[-1]["text"]
    return match.group(1)


def signed_in_user(client):
    return client.get("/accounts/profile/").wsgi_request.user


@pytest.mark.django_db
def test_old_page_was_a_dead_end_for_phone_users_and_the_new_one_asks_for_any_identifier(client):
    html = client.get(RESET).content.decode()
    assert "请与我们联系" not in html
    assert 'name="login"' in html and 'type="email"' not in html
    assert "手机号" in html and "用户名" in html
    assert "<title>忘记密码？ · 数字素养课堂</title>" in html


@pytest.mark.django_db
def test_phone_user_resets_by_sms_code_and_sets_a_new_password_without_the_old_one(client):
    learner = User.objects.get(username="learner1")
    response = client.post(RESET, {"login": "138 0000 0001"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/confirm/?next=%2Faccounts%2Fprofile%2Fpassword%2F"
    assert [m["phone"] for m in sms.outbox] == ["+8613800000001"]
    assert "验证码" in client.get(response["Location"]).content.decode()

    response = client.post(response["Location"], {"code": last_code(), "next": "/accounts/profile/password/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/password/"
    assert signed_in_user(client) == learner
    page = client.get("/accounts/profile/password/")
    assert page.status_code == 200 and "设置新密码" in page.content.decode()
    assert 'name="oldpassword"' not in page.content.decode()

    response = client.post("/accounts/profile/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password(NEW_PASSWORD)
    assert signed_in_user(client) == learner  # still signed in after the change
    fresh = Client()
    assert fresh.post("/accounts/login/", {"login": "13800000001", "password": NEW_PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_unknown_number_gets_the_same_answer_and_no_sms(client):
    known = Client().post(RESET, {"login": "13800000001"})
    sms.outbox.clear()
    unknown = client.post(RESET, {"login": "13911112222"})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert sms.outbox == []
    assert not User.objects.filter(phone="+8613911112222").exists()


@pytest.mark.django_db
def test_a_password_sign_in_cannot_set_a_new_password_without_the_old_one(client):
    """The no-old-password page is only for the minutes after a 验证码 sign-in: someone at a learner's
    unlocked phone (signed in by password long ago) must not change the password without knowing it."""
    learner = User.objects.get(username="learner1")
    assert client.post("/accounts/login/", {"login": "learner1", "password": "learner-demo-2026"}).status_code == 302
    response = client.post("/accounts/profile/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/change/"
    learner.refresh_from_db()
    assert not learner.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_code_sign_in_older_than_the_window_no_longer_sets_a_password(client, monkeypatch):
    from accounts import views

    client.post(RESET, {"login": "13800000001"})
    client.post("/accounts/login/code/confirm/", {"code": last_code()})
    monkeypatch.setattr(views, "NEW_PASSWORD_WINDOW", -1)
    response = client.get("/accounts/profile/password/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/change/"


@pytest.mark.django_db
def test_email_user_still_gets_allaths_reset_link(client):
    response = client.post(RESET, {"login": "Learner2@Example.com"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/done/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["learner2@example.com"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    done = client.get(response["Location"]).content.decode()
    assert "请与我们联系" not in done and "联系我们" not in done
    assert "短信验证码" in done and "培训老师" in done


@pytest.mark.django_db
def test_pin_learner_is_told_which_trainer_and_group_to_ask(client):
    html = client.post(RESET, {"login": "ZhaoDY001"}).content.decode()
    assert "培训老师帮您开的账号" in html
    assert "王老师" in html and "青山村数字课堂" in html
    assert sms.outbox == [] and mail.outbox == []


@pytest.mark.django_db
def test_trainer_help_shows_only_the_trainers_and_the_group_name(client, django_user_model):
    """Anyone can type a user name here, so the answer carries the group's name and its trainers'
    display names (what its join poster shows) and nothing about the learner or the group's place."""
    trainer = User.objects.get(username="trainer")
    group = services.create_group(trainer=trainer, name="果园手机班", place="石桥镇")
    card = services.create_pin_learner(
        group=group, trainer=trainer, display_name="孙秀兰", phone="+8613755556666", username="sunxiulan234"
    )
    html = client.post(RESET, {"login": card.username}).content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    assert "王老师" in html and "果园手机班" in html
    for secret in ("孙秀兰", "137", "5555", "6666", group.place, group.join_code, trainer.email):
        assert secret not in html.split("<main", 1)[1], secret


@pytest.mark.django_db
def test_unknown_and_self_registered_user_names_get_one_generic_answer(client):
    unknown = client.post(RESET, {"login": "nobody-here"}).content.decode()
    own = client.post(RESET, {"login": "learner1"}).content.decode()  # signed up on their own

    def answer(html):
        return re.search(r'<div class="callout".*?</div>', html, re.S).group(0).replace("learner1", "nobody-here")

    assert "用户名是培训老师开的账号才有的" in unknown
    assert answer(unknown) == answer(own)
    assert "王老师" not in unknown


@pytest.mark.django_db
def test_mistyped_number_is_a_clear_error_and_sends_nothing(client):
    html = client.post(RESET, {"login": "1380000"}).content.decode()
    assert "11位手机号" in html
    assert sms.outbox == []


@pytest.mark.django_db
def test_reset_lookups_are_rate_limited_per_typed_name(client):
    for _ in range(5):
        assert client.post(RESET, {"login": "zhaody001"}).status_code == 200
    assert client.post(RESET, {"login": "zhaody001"}).status_code == 429


@pytest.mark.django_db
def test_signed_up_by_phone_without_password_can_add_one_in_the_profile(client):
    user = User.objects.create_user(username="nopass", phone="+8613766667777")
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    profile = client.get("/accounts/profile/").content.decode()
    assert "/accounts/profile/password/" in profile and "设置密码" in profile
    response = client.post("/accounts/profile/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
