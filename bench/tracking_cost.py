"""Cost of xAPI tracking for one lesson view, as a ratio to the same view without tracking.

Run with `make bench` or `python bench/tracking_cost.py`. A signed-in learner opens a lesson. Without
tracking, the server's whole work is the lesson GET. With tracking, the recorder on that page
(xapi/static/xapi/recorder.js) also POSTs what a typical view produces: "experienced" when the page
opens and "progressed" at 25/50/75/100 % of the page read, with the time read. Most phones send
them in one or two batches; the benchmark times both the single-batch and the one-POST-per-statement
cases. Every POST goes through session authentication, CSRF, validation, storage and the progress
projection, on a throwaway SQLite database with the demo content.
"""

import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='lms-bench-')}/bench.sqlite3")

import django  # noqa: E402

django.setup()

import html  # noqa: E402
import json  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

REPEAT = 30
PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"


def view_statements(config):
    """The statements the recorder sends for one lesson view, as the browser builds them."""
    context = {
        "contextActivities": {"parent": [{"id": config["course"], "objectType": "Activity"}]},
        "language": config["language"],
        "platform": "数字素养课堂",
    }
    if config["registration"]:
        context["registration"] = config["registration"]

    def statement(verb, result=None):
        data = {
            "id": str(uuid.uuid4()),
            "verb": config["verbs"][verb],
            "object": {"objectType": "Activity", "id": config["lesson"]},
            "context": context,
        }
        if result:
            data["result"] = result
        return data

    return [statement("experienced")] + [
        statement("progressed", {"duration": "PT12.5S", "extensions": {PROGRESS: step}}) for step in (25, 50, 75, 100)
    ]


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", accounts=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from courses.models import CoursePage

    course = CoursePage.objects.get(slug="smartphone-basics", locale__language_code="zh-hans")
    lesson = course.lessons().first()
    learner = Client(enforce_csrf_checks=True)
    learner.login(username="learner1", password="learner-demo-2026")
    from django.contrib.auth import get_user_model

    from learning.services import join_course

    join_course(learner=get_user_model().objects.get(username="learner1"), course=course)

    def open_lesson():
        response = learner.get(lesson.url)
        assert response.status_code == 200
        return response

    page = open_lesson().content.decode()
    marker = 'data-xapi="'
    raw = page[page.index(marker) + len(marker) :].split('"', 1)[0]
    config = json.loads(html.unescape(raw))
    assert config["registration"], "the learner has joined the course"
    csrf = learner.cookies["csrftoken"].value

    def post(batch):
        response = learner.post(
            config["endpoint"],
            json.dumps(batch),
            content_type="application/json",
            HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
            HTTP_X_CSRFTOKEN=csrf,
        )
        assert response.status_code == 200, response.content[:300]

    def untracked():
        open_lesson()

    def tracked_one_batch():
        open_lesson()
        post(view_statements(config))

    def tracked_per_statement():
        open_lesson()
        for statement in view_statements(config):
            post([statement])

    cases = [
        ("baseline: lesson GET, no tracking", untracked),
        ("lesson GET + 5 statements, 1 POST", tracked_one_batch),
        ("lesson GET + 5 statements, 5 POSTs", tracked_per_statement),
    ]
    for _name, run in cases:
        run()  # warm up
    # Interleave the cases so background load weighs on all of them alike.
    samples = {name: [] for name, _run in cases}
    for _round in range(REPEAT):
        for name, run in cases:
            started = time.perf_counter()
            run()
            samples[name].append(time.perf_counter() - started)
    baseline = statistics.median(samples[cases[0][0]])
    print(f"Tracking cost per lesson view (median of {REPEAT}, SQLite)")
    print(f"{'case':<40}{'median ms':>10}{'x baseline':>12}")
    for name, _run in cases:
        median = statistics.median(samples[name])
        print(f"{name:<40}{median * 1000:>10.2f}{median / baseline:>12.2f}")


if __name__ == "__main__":
    main()
