"""Server time per learner page type, as a ratio to a baseline measured in the same run.

Run with `make bench`. It builds a throwaway SQLite database with the demo content, then times
Django test-client GETs (the whole middleware and template stack, no network). The baseline is the
smallest view in the project (a JSON list of 17 divisions), so the ratios say what each page costs
beyond Django's own fixed overhead on this machine, whatever its speed.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='lms-bench-')}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.timing import median_get  # noqa: E402

REPEAT = 30


def measure(client, url):
    seconds, _response = median_get(client, url, REPEAT)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return seconds, len(queries)


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", accounts=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from courses.models import CoursePage

    course = CoursePage.objects.get(slug="smartphone-basics", locale__language_code="zh-hans")
    lesson = course.lessons().first()
    anonymous = Client()
    learner = Client()
    learner.login(username="learner1", password="learner-demo-2026")
    pages = [
        ("baseline: divisions JSON", "/accounts/profile/divisions/420000/", learner),
        ("home (anonymous)", "/", anonymous),
        ("home (learner)", "/", learner),
        ("catalogue", course.get_parent().url, anonymous),
        ("catalogue filtered", course.get_parent().url + "?topic=phone-skills&level=beginner", anonymous),
        ("course (learner)", course.url, learner),
        ("lesson (anonymous)", lesson.url, anonymous),
        ("lesson (learner)", lesson.url, learner),
        ("lesson, English", lesson.get_translations().first().url, anonymous),
    ]
    baseline = None
    print(f"{'page':<28}{'median ms':>10}{'x baseline':>12}{'queries':>9}")
    for name, url, client in pages:
        seconds, queries = measure(client, url)
        baseline = baseline or seconds
        print(f"{name:<28}{seconds * 1000:>10.2f}{seconds / baseline:>12.1f}{queries:>9}")


if __name__ == "__main__":
    main()
