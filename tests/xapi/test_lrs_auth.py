"""HTTP Basic authentication of LRS clients: a cheap secret check, old hashes upgraded, wrong secrets limited.

The attack (issue #18, finding 4): every request ran Django's PBKDF2 (1,000,000 rounds, about 210 ms of
CPU) on the client secret, and wrong secrets were unlimited, so a few requests per second with any key
kept the server's CPUs busy and guessing went on for ever.
"""

import base64
import json
from unittest import mock

import pytest
from django.contrib.auth import hashers
from django.contrib.auth.hashers import make_password
from django.test import Client

from xapi.models import SECRET_HASH_PREFIX, LrsClient

from .lrs_helpers import VERSION, credentials, statement

FORM = "application/x-www-form-urlencoded"
PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]


def basic(key, secret):
    return "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()


def get_statements(auth, **extra):
    return Client().get("/xapi/statements", {"limit": 1}, HTTP_AUTHORIZATION=auth, **{**VERSION, **extra})


@pytest.fixture
def pbkdf2_calls():
    """Counts the PBKDF2 computations Django's password hashers run."""
    with mock.patch.object(hashers, "pbkdf2", wraps=hashers.pbkdf2) as spy:
        yield spy


# --------------------------------------------------------------------------------------------------
# The secret check
# --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_new_secrets_are_stored_as_an_hmac_and_checked_without_pbkdf2(settings, pbkdf2_calls):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    key, secret, auth = credentials()
    stored = LrsClient.objects.get(key=key).secret_hash
    assert stored.startswith(SECRET_HASH_PREFIX) and secret not in stored
    for _ in range(3):
        assert get_statements(auth).status_code == 200
    assert pbkdf2_calls.call_count == 0
    assert get_statements(basic(key, secret + "x")).status_code == 401
    assert pbkdf2_calls.call_count == 0


@pytest.mark.django_db
def test_the_hmac_is_keyed_with_the_server_secret_key(settings):
    """A copied database alone does not let anyone test secret guesses offline against the HMACs."""
    key, secret, auth = credentials()
    client = LrsClient.objects.get(key=key)
    settings.SECRET_KEY = "another-server-key"
    assert not client.check_secret(secret)
    assert get_statements(auth).status_code == 401


@pytest.mark.django_db
def test_secret_key_rotation_keeps_clients_working_and_rekeys_them(settings):
    key, _secret, auth = credentials()
    old_hash = LrsClient.objects.get(key=key).secret_hash
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the-new-server-key"
    assert get_statements(auth).status_code == 200
    new_hash = LrsClient.objects.get(key=key).secret_hash
    assert new_hash != old_hash and new_hash.startswith(SECRET_HASH_PREFIX)
    settings.SECRET_KEY_FALLBACKS = []
    assert get_statements(auth).status_code == 200


@pytest.mark.django_db
def test_an_old_pbkdf2_hash_is_accepted_once_then_upgraded(settings, pbkdf2_calls):
    """Rows written before the fix hold PBKDF2 hashes: the old cost is paid once, never again."""
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    secret = "an-old-secret-from-before-the-fix"
    client = LrsClient.objects.create(
        name="Old tool", key="0123456789abcdef0123", secret_hash=make_password(secret), scopes=["all"]
    )
    assert client.secret_hash.startswith("pbkdf2_sha256$1000000$")
    pbkdf2_calls.reset_mock()
    # A wrong secret against the old hash is refused and leaves the hash alone.
    assert get_statements(basic(client.key, "wrong")).status_code == 401
    client.refresh_from_db()
    assert client.secret_hash.startswith("pbkdf2_sha256$")

    pbkdf2_calls.reset_mock()
    assert get_statements(basic(client.key, secret)).status_code == 200
    assert pbkdf2_calls.call_count == 1  # the old format, checked the old way, once
    client.refresh_from_db()
    assert client.secret_hash.startswith(SECRET_HASH_PREFIX) and secret not in client.secret_hash

    pbkdf2_calls.reset_mock()
    assert get_statements(basic(client.key, secret)).status_code == 200
    assert get_statements(basic(client.key, "wrong")).status_code == 401
    assert pbkdf2_calls.call_count == 0


@pytest.mark.django_db
def test_an_old_md5_hash_from_the_test_settings_is_upgraded_too():
    secret = "legacy"
    client = LrsClient.objects.create(name="Old", key="k-legacy", secret_hash=make_password(secret), scopes=["all"])
    assert client.check_secret(secret)
    assert LrsClient.objects.get(pk=client.pk).secret_hash.startswith(SECRET_HASH_PREFIX)


# --------------------------------------------------------------------------------------------------
# Wrong secrets are limited per key and per address
# --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_wrong_secrets_for_one_key_are_limited_then_answered_429(settings):
    """Before the fix every wrong secret got a 401, however many: guessing was unlimited."""
    assert settings.LMS_XAPI_AUTH_FAILURES_PER_KEY == "10/m"
    key, _secret, auth = credentials()
    for guess in range(10):
        assert get_statements(basic(key, f"guess-{guess}")).status_code == 401
    response = get_statements(basic(key, "guess-10"))
    assert response.status_code == 429
    assert response.json() == {"error": response.json()["error"]}
    assert "Too many wrong LRS client secrets" in response.json()["error"]
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["X-Experience-API-Version"] == "1.0.3"
    # While limited, even the right secret is not checked: a lucky guess would not be confirmed.
    with mock.patch.object(LrsClient, "check_secret", side_effect=AssertionError("checked")):
        assert get_statements(auth).status_code == 429
    # Another client's key from the same address is not affected.
    assert get_statements(credentials()[2]).status_code == 200


@pytest.mark.django_db
def test_the_limit_message_is_translated(settings):
    settings.LMS_XAPI_AUTH_FAILURES_PER_KEY = "1/m"
    key, _secret, _auth = credentials()
    assert get_statements(basic(key, "wrong")).status_code == 401
    response = get_statements(basic(key, "wrong"), HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 429
    assert "密钥错误次数过多" in response.json()["error"]
    assert response["Retry-After"] in response.json()["error"]


@pytest.mark.django_db
def test_wrong_secrets_from_one_address_are_limited_across_keys(settings):
    """Spraying guesses over many keys from one address stops after LMS_XAPI_AUTH_FAILURES_PER_ADDRESS."""
    assert settings.LMS_XAPI_AUTH_FAILURES_PER_ADDRESS == "30/m"
    _key, _secret, auth = credentials()
    for guess in range(30):
        assert get_statements(basic(f"key-{guess}", "guess")).status_code == 401
    assert get_statements(basic("key-30", "guess")).status_code == 429
    assert get_statements(auth).status_code == 429
    # The same valid client from another address is served.
    assert get_statements(auth, REMOTE_ADDR="192.0.2.7").status_code == 200


@pytest.mark.django_db
def test_right_secrets_are_never_counted(settings):
    settings.LMS_XAPI_AUTH_FAILURES_PER_KEY = "2/m"
    settings.LMS_XAPI_AUTH_FAILURES_PER_ADDRESS = "2/m"
    _key, _secret, auth = credentials()
    for _ in range(6):
        assert get_statements(auth).status_code == 200


@pytest.mark.django_db
def test_the_limit_ends_with_its_window(settings):
    settings.LMS_XAPI_AUTH_FAILURES_PER_KEY = "2/m"
    key, _secret, auth = credentials()
    for _ in range(2):
        assert get_statements(basic(key, "wrong")).status_code == 401
    limited = get_statements(auth)
    assert limited.status_code == 429
    import time

    later = time.time() + int(limited["Retry-After"]) + 1
    with mock.patch("django_ratelimit.core.time.time", return_value=later):
        assert get_statements(auth).status_code == 200


@pytest.mark.django_db
def test_wrong_secrets_sent_with_the_alternate_syntax_count_too(settings):
    settings.LMS_XAPI_AUTH_FAILURES_PER_KEY = "2/m"
    key, _secret, auth = credentials()
    form = {"Authorization": basic(key, "wrong"), "X-Experience-API-Version": "1.0.3", "limit": "1"}
    from urllib.parse import urlencode

    for expected in (401, 401, 429):
        response = Client().post("/xapi/statements?method=GET", urlencode(form), content_type=FORM)
        assert response.status_code == expected
    # And the limit holds for a plain request with the same key.
    response = Client().post(
        "/xapi/statements", json.dumps(statement()), content_type="application/json", HTTP_AUTHORIZATION=auth, **VERSION
    )
    assert response.status_code == 429
