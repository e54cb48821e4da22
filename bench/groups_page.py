"""Server time of a trainer's group page (learners x 10 assigned courses), as a ratio to a baseline.

Run with `make bench`. Builds a throwaway SQLite database with the demo content, a group of 200
learners (half of them started, a fifth finished) and 10 assignments, then times Django test-client
GETs of the group page and its CSV export. The baseline is the smallest view in the project (a JSON
list of divisions), measured in the same run, so the ratios hold whatever the machine's speed.
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
from django.utils import timezone  # noqa: E402

from bench.timing import median_get  # noqa: E402

REPEAT = 15


def build_group(trainer, size, tag):
    from django.contrib.auth import get_user_model

    from accounts.models import LearnerProfile
    from courses.models import CoursePage
    from groups import services
    from groups.models import Membership
    from learning.models import Enrolment

    User = get_user_model()
    courses = list(CoursePage.objects.filter(locale__language_code="zh-hans").order_by("path"))
    group = services.create_group(trainer=trainer, name=f"bench {tag}")
    users = User.objects.bulk_create([User(username=f"bench-{tag}-{i}") for i in range(size)])
    LearnerProfile.objects.bulk_create([LearnerProfile(user=u, display_name=f"学员 {i}") for i, u in enumerate(users)])
    Membership.objects.bulk_create([Membership(group=group, learner=u) for u in users])
    for i in range(10):
        course = courses[i % len(courses)]
        lessons = list(course.lessons())[: i % 3] if i >= 3 else ()
        services.assign(group=group, assigned_by=trainer, course=course, lessons=lessons, sms=False)
    now = timezone.now()
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                learner=u,
                course=course,
                course_key=course.translation_key,
                progress_percent=(i * 7) % 100,
                completed_at=now if i % 5 == 0 else None,
            )
            for i, u in enumerate(users[::2])
            for course in courses
        ]
    )
    return group


def measure(client, url):
    seconds, _response = median_get(client, url, REPEAT)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return seconds, len(queries)


def main():
    from django.contrib.auth import get_user_model

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", accounts=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    trainer = get_user_model().objects.get(username="trainer")
    small = build_group(trainer, 2, "s")
    large = build_group(trainer, 200, "l")
    client = Client()
    client.login(username="trainer", password="trainer-demo-2026")
    pages = [
        ("baseline: divisions JSON", "/accounts/profile/divisions/420000/"),
        ("group page, 2 learners", f"/groups/{small.pk}/"),
        ("group page, 200 learners", f"/groups/{large.pk}/"),
        ("200 learners, sorted", f"/groups/{large.pk}/?sort=-progress"),
        ("200 learners, CSV export", f"/groups/{large.pk}/export/?export=csv"),
    ]
    baseline = None
    print(f"{'group page (x 10 courses)':<28}{'median ms':>10}{'x baseline':>12}{'queries':>9}")
    for name, url in pages:
        seconds, queries = measure(client, url)
        baseline = baseline or seconds
        print(f"{name:<28}{seconds * 1000:>10.2f}{seconds / baseline:>12.1f}{queries:>9}")


if __name__ == "__main__":
    main()
