"""Statistics at national scale: each statistics page's server time and query count, and the
learner-level CSV export's time and peak memory against a raw-cursor baseline from the same run.

    python bench/stats_pages.py                       # quick: 5,000 learners, about 50,000 enrolments
    python bench/stats_pages.py --learners 100000     # the issue's size: 1,000,000 learner-course rows
    DATABASE_URL=postgres://... python bench/stats_pages.py --learners 100000   # on PostgreSQL

Without DATABASE_URL it uses a SQLite file in a temporary folder (``--sqlite PATH`` keeps it, and a
later run with the same path reuses the generated learners). The data comes from
``manage.py generate_load_data``; the time it took is printed.

Pages are fetched through the whole Django stack (django.test.Client, signed in as a superuser):
median of ``--repeat`` GETs after one warm-up, and the queries of one GET. The export is the
learner-level CSV for a period covering every enrolment, read to its last byte. Its baseline: the
same rows selected with the same joins, read from a database cursor straight into ``csv.writer``.
Peak memory of the export is measured in a second pass under tracemalloc (which slows Python, so
it is not timed).
"""

import argparse
import csv
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PAGES = [
    ("overview", "stats:overview", {}),
    ("by course", "stats:courses", {}),
    ("by region (provinces)", "stats:regions", {}),
    ("by region (Guangdong's prefectures)", "stats:regions", {"province": "440000"}),
    ("by group of people", "stats:people", {}),
    ("by age band", "stats:people", {"by": "age_band"}),
    ("by learning group (first 100)", "stats:groups", {}),
    ("trends, monthly", "stats:trends", {}),
    ("trends, weekly", "stats:trends", {"period": "week"}),
    ("gaps", "stats:gaps", {}),
    ("course table as CSV", "stats:courses", {"export": "csv"}),
]


class NullSink:
    """Where the baseline's csv.writer writes: counts bytes, keeps nothing."""

    def __init__(self):
        self.size = 0

    def write(self, text):
        self.size += len(text)


def setup_django(args, tmp):
    if not os.environ.get("DATABASE_URL"):
        path = args.sqlite or os.path.join(tmp, "stats-bench.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()


def prepare_data(args):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from courses.models import CoursePage

    devnull = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", verbosity=0, stdout=devnull)
    if not CoursePage.objects.exists():
        call_command("load_demo_content", accounts=True, stdout=devnull)
    have = get_user_model().objects.filter(username__startswith="load-", learner_profile__isnull=False).count()
    if have < args.learners:
        started = time.perf_counter()
        call_command(
            "generate_load_data",
            learners=args.learners - have,
            courses_per_learner=args.courses_per_learner,
            stdout=devnull,
        )
        print(f"generate_load_data --learners {args.learners - have}: {time.perf_counter() - started:.1f} s")
    else:
        print(f"reusing {have} generated learners")


def measure_pages(client, period, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from timing import median_get

    results = []
    for label, name, params in PAGES:
        query = "&".join(f"{key}={value}" for key, value in {**period, **params}.items())
        url = f"{reverse(name)}?{query}"
        seconds, _response = median_get(client, url, repeat) if "export" not in params else (None, None)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                for _chunk in response.streaming_content:
                    pass
            once = time.perf_counter() - started
        results.append((label, seconds if seconds is not None else once, len(captured)))
    return results


def export_once(client, url, *, trace):
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200 and response.streaming, response.status_code
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    seconds = time.perf_counter() - started
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return seconds, size, lines - 1, peak


def baseline_export(stats_filter):
    """The same rows, straight from a cursor into csv.writer: no ORM objects, no formatting."""
    from django.db import connection

    from stats.exports import LEARNER_ROW_FIELDS, learner_enrolments

    # The very rows the export reads, straight from the cursor into csv.writer.
    queryset = learner_enrolments(stats_filter).order_by("pk").values_list(*LEARNER_ROW_FIELDS)
    sql, params = queryset.query.sql_with_params()
    sink = NullSink()
    writer = csv.writer(sink)
    rows = 0
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(5000):
            writer.writerows(batch)
            rows += len(batch)
    return time.perf_counter() - started, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=5_000)
    parser.add_argument("--courses-per-learner", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sqlite", help="SQLite file to keep and reuse (without DATABASE_URL)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(args, tmp)
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.urls import reverse
        from django.utils import timezone

        from learning.models import Enrolment
        from stats.queries import StatsFilter

        settings.ALLOWED_HOSTS = ["*"]
        prepare_data(args)
        today = timezone.localdate()
        first = timezone.localtime(Enrolment.objects.order_by("joined_at").values_list("joined_at", flat=True).first())
        period = {"start": first.date().isoformat(), "end": today.isoformat()}
        stats_filter = StatsFilter(start=first.date(), end=today)
        client = Client()
        client.force_login(get_user_model().objects.filter(is_superuser=True).first())

        print(
            f"\nStatistics on {connection.vendor}: {get_user_model().objects.count()} users, "
            f"{Enrolment.objects.count()} enrolments; period {period['start']} to {period['end']}"
        )
        pages = measure_pages(client, period, args.repeat)
        overview_seconds = pages[0][1]
        print(f"{'page':<40}{'server s':>10}{'queries':>9}{'x overview':>12}")
        for label, seconds, count in pages:
            print(f"{label:<40}{seconds:>10.3f}{count:>9}{seconds / overview_seconds:>12.2f}")

        url = f"{reverse('stats:learner_export')}?download=1&export=csv&start={period['start']}&end={period['end']}"
        export_seconds, size, rows, _ = export_once(client, url, trace=False)
        base_seconds, base_rows = baseline_export(stats_filter)
        _, _, _, peak = export_once(client, url, trace=True)
        print(f"\nLearner-level CSV export: {rows} rows, {size / 1e6:.1f} MB")
        print(f"  export   {export_seconds:8.1f} s  ({rows / export_seconds:,.0f} rows/s)")
        print(f"  baseline {base_seconds:8.1f} s  ({base_rows / base_seconds:,.0f} rows/s, cursor -> csv.writer)")
        print(f"  ratio export / baseline: {export_seconds / base_seconds:.2f}")
        print(f"  peak Python memory while exporting: {peak / 1e6:.1f} MB (limit 200 MB)")
        if base_rows != rows:
            print(f"  warning: baseline read {base_rows} rows, export wrote {rows}")


if __name__ == "__main__":
    main()
