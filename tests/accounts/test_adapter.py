"""SMS pumping (issue #18, finding 6): the site texts only account holders, a limited number of times.

Before: every "sign in by code" request for a number without an account sent it an SMS ("no account
uses this number"; 20 of 25 requests from one address), and one number could be sent 3 codes a minute.
The SMS counted here are the ones handed to the sender (``accounts.sms.outbox`` in tests).
"""

import re
import time
import types

import pytest
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.test import Client

from accounts import sms

KNOWN = "13800000001"  # learner1
PASSWORD = "field-of-wheat-42"


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()


@pytest.fixture
def clock(monkeypatch):
    """Moves allauth's rate-limit clock forward without sleeping."""
    offset = [0]
    fake_time = types.SimpleNamespace(time=lambda: time.time() + offset[0], monotonic=time.monotonic, sleep=time.sleep)
    monkeypatch.setattr(allauth_ratelimit, "time", fake_time)
    return lambda seconds: offset.__setitem__(0, offset[0] + seconds)


def request_code(phone, address="192.0.2.1"):
    """Ask for a sign-in code; the answer as a learner sees it, with the number and tokens blanked."""
    client = Client(REMOTE_ADDR=address)
    response = client.post("/accounts/login/code/", {"phone": phone})
    page = client.get(response["Location"]).content.decode() if response.status_code == 302 else ""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    page = re.sub(r"\+86\d{11}", "NUMBER", page)
    return response.status_code, response.get("Location"), page


@pytest.mark.django_db
def test_25_code_requests_for_unknown_numbers_send_nothing_and_answer_like_a_known_number():
    known_answer = request_code(KNOWN)
    assert len(sms.outbox) == 1 and known_answer[0] == 302
    sms.outbox.clear()

    answers = [request_code(f"139{n:08d}") for n in range(25)]
    assert sms.outbox == []
    assert all(answer == known_answer for answer in answers)


@pytest.mark.django_db
def test_sign_up_with_a_number_that_has_an_account_sends_it_nothing(client):
    response = client.post(
        "/accounts/signup/",
        {"display_name": "冒名", "phone": KNOWN, "email": "", "password1": PASSWORD, "password2": PASSWORD},
    )
    # Sign-up names a registered number plainly (tests/accounts/test_sign_up_by_code.py); still no SMS.
    assert response.status_code == 200
    assert "这个手机号已经注册过了" in response.content.decode()
    assert sms.outbox == []


@pytest.mark.django_db
def test_one_known_number_gets_no_more_codes_than_its_limits_from_any_number_of_addresses(clock):
    # Two requests within a minute, from two addresses: only the first is sent.
    request_code(KNOWN, "192.0.2.1")
    status, _, _ = request_code(KNOWN, "192.0.2.2")
    assert status == 200 and len(sms.outbox) == 1

    # An hour later, one request a minute for twelve minutes, each from a new address: five an hour
    # at most (allauth's default of 3 a minute would have sent all twelve).
    clock(3600)
    for n in range(12):
        clock(61)
        request_code(KNOWN, f"198.51.100.{n + 1}")
    assert len(sms.outbox) == 1 + 5

    # Ten a day at most, however the requests are spread.
    for n in range(30):
        clock(15 * 60)
        request_code(KNOWN, f"203.0.113.{n + 1}")
    assert len(sms.outbox) == 10
    assert {message["phone"] for message in sms.outbox} == {"+86" + KNOWN}


@pytest.mark.django_db
def test_one_address_cannot_text_many_account_holders_without_limit(django_user_model):
    phones = [f"+86137{n:08d}" for n in range(35)]
    django_user_model.objects.bulk_create(
        [django_user_model(username=f"holder{n}", phone=phone) for n, phone in enumerate(phones)]
    )
    for phone in phones:
        request_code(phone[3:], "192.0.2.50")
    assert len(sms.outbox) == 30  # 30 a minute per address
