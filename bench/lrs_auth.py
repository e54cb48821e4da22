"""Server time of an authenticated LRS request, as a ratio to the unauthenticated About resource.

Run with `make bench`. Times Django test-client GETs of /xapi/statements?limit=1 with an LRS client's
HTTP Basic credentials against GET /xapi/about (no authentication, no database) in the same run, so
the ratio holds whatever the machine's speed. Django's production password hashers are in force, so
the line about the old format shows what every request cost before client secrets became HMACs
(issue #18: PBKDF2 with 1,000,000 rounds on each request); such a hash is now checked once and
upgraded.
"""

import base64
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='lms-bench-')}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.conf import global_settings  # noqa: E402
from django.contrib.auth.hashers import check_password, make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from bench.timing import median_get  # noqa: E402

REPEAT = 50
VERSION = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}


def basic(key, secret):
    return "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()


def main():
    from xapi.models import SECRET_HASH_PREFIX, LrsClient

    call_command("migrate", verbosity=0)
    lrs = LrsClient(name="bench tool", scopes=["all"])
    secret = lrs.set_new_secret()
    lrs.save()
    assert lrs.secret_hash.startswith(SECRET_HASH_PREFIX)

    about_s, _response = median_get(Client(), "/xapi/about", REPEAT)
    authenticated = Client(HTTP_AUTHORIZATION=basic(lrs.key, secret), **VERSION)
    statements_s, _response = median_get(authenticated, "/xapi/statements?limit=1", REPEAT)

    # The old format: a Django password hash (PBKDF2), as rows written before the fix still hold.
    old_hash = make_password(secret)
    samples = []
    for _ in range(3):
        started = time.perf_counter()
        assert check_password(secret, old_hash)
        samples.append(time.perf_counter() - started)
    pbkdf2_s = statistics.median(samples)
    old = LrsClient.objects.create(name="old tool", key="bench-old-format", secret_hash=old_hash, scopes=["all"])
    started = time.perf_counter()
    response = Client(HTTP_AUTHORIZATION=basic(old.key, secret), **VERSION).get("/xapi/statements?limit=1")
    first_old_s = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    old.refresh_from_db()
    assert old.secret_hash.startswith(SECRET_HASH_PREFIX), "the old hash was not upgraded"

    rounds = old_hash.split("$")[1]
    print(f"LRS authentication (median of {REPEAT} GETs, Django test client, production password hashers)")
    row("baseline: GET /xapi/about, no authentication", about_s)
    row("GET /xapi/statements?limit=1 with Basic auth", statements_s, about_s)
    row(f"old format: one PBKDF2 check ({rounds} rounds), was paid per request", pbkdf2_s, about_s)
    row("first request with an old hash (then upgraded)", first_old_s, about_s)


def row(label, seconds, baseline=None):
    ratio = f"   ratio {seconds / baseline:7.1f}x" if baseline else ""
    print(f"  {label:<70} {seconds * 1000:8.2f} ms{ratio}")


if __name__ == "__main__":
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        main()
