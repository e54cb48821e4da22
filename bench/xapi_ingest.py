"""Embedded LRS throughput and query latency, on SQLite and PostgreSQL, as ratios to baselines.

Run with `make bench` or `python bench/xapi_ingest.py [--statements N]`. For each database it:

1. Ingest: POSTs 50-statement batches to /xapi/statements through the whole Django stack
   (django.test.Client, HTTP Basic auth with an LrsClient, validation, store_statements), after
   a warm-up, and reports statements per second. Baseline: Statement.objects.bulk_create of the
   equivalent rows, in 50-row batches each in its own transaction, on the same table in the same
   run, alternating with the POSTs. The project aims for ingest >= 25% of the raw rate.
2. Queries: with N statements stored (bulk-inserted in chunks of 5,000), the median latency of 20
   filtered GETs by agent, verb, activity and since, with the rows each returns (one page, limit
   500, the server maximum) and the rows that match; baseline: a GET whose filter matches nothing.

Statements are about external actors (account homePage https://tools.example.org), so no progress
projection runs; demo content is not loaded. The issue's target is N = 1,000,000
(`--statements 1000000`); the default of 100,000 keeps the whole run to a few minutes on 2 cores.

PostgreSQL runs when its binaries exist: a throwaway cluster from scripts/postgres.sh on a free
port on 127.0.0.1, stopped and removed at the end. Each database is measured in a child process,
because Django reads DATABASE_URL once at start-up.
"""

import argparse
import base64
import glob
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PG_BIN_GLOB = "/usr/lib/postgresql/*/bin/initdb"

BATCH = 50
WARMUP_BATCHES = 5
QUERY_REPEAT = 20
FILL_CHUNK = 5_000
HOME_PAGE = "https://tools.example.org"
ACTORS = 1_000
ACTIVITIES = 500
VERB_IDS = [
    "http://adlnet.gov/expapi/verbs/experienced",
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/attempted",
    "http://adlnet.gov/expapi/verbs/answered",
    "https://w3id.org/xapi/video/verbs/played",
]


# --- statements -------------------------------------------------------------------------------


def make_statement(rng, timestamp):
    actor = rng.randrange(ACTORS)
    return {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "actor": {"objectType": "Agent", "account": {"homePage": HOME_PAGE, "name": f"user-{actor}"}},
        "verb": {"id": rng.choice(VERB_IDS), "display": {"en-US": "did"}},
        "object": {
            "objectType": "Activity",
            "id": f"{HOME_PAGE}/activities/{rng.randrange(ACTIVITIES)}",
            "definition": {"name": {"en-US": "An external activity"}},
        },
        "result": {"completion": True, "duration": "PT3M"},
        "timestamp": timestamp.isoformat(),
    }


def statement_row(data, stored, authority):
    """The Statement row store_statements would write for an external actor."""
    from xapi.models import Statement
    from xapi.records import agent_key

    data = {**data, "stored": stored.isoformat(), "authority": authority, "version": "1.0.3"}
    return Statement(
        statement_id=uuid.UUID(data["id"]),
        data=data,
        actor_key=agent_key(data["actor"]),
        verb_id=data["verb"]["id"],
        activity_id=data["object"]["id"],
        timestamp=stored,
        stored=stored,
        learner=None,
    )


def index_side_tables(rows):
    """The related-activity and related-agent rows store_statements writes beside each statement."""
    from xapi.models import StatementActivity, StatementAgent
    from xapi.services import related_activity_ids, related_agent_keys

    StatementActivity.objects.bulk_create(
        StatementActivity(statement=row, activity_id=activity_id)
        for row in rows
        for activity_id in related_activity_ids(row.data)
    )
    StatementAgent.objects.bulk_create(
        StatementAgent(statement=row, agent_key=key, is_actor_or_object=direct)
        for row in rows
        for key, direct in related_agent_keys(row.data)
    )


def database_name(connection):
    if connection.vendor == "sqlite":
        return "SQLite " + ".".join(map(str, connection.Database.sqlite_version_info))
    major, minor = divmod(connection.pg_version, 10_000)
    return f"PostgreSQL {major}.{minor}"


# --- one database (child process) -------------------------------------------------------------


def run_worker(args):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from xapi.models import LrsClient, Statement, StatementActivity, StatementAgent

    rng = random.Random(2026)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_s = time.perf_counter() - started

    lrs = LrsClient(name="bench tool", scopes=["all"])
    secret = lrs.set_new_secret()
    lrs.save()
    token = base64.b64encode(f"{lrs.key}:{secret}".encode()).decode()
    client = Client(HTTP_AUTHORIZATION=f"Basic {token}", HTTP_X_EXPERIENCE_API_VERSION="1.0.3")

    def post(batch):
        response = client.post("/xapi/statements", json.dumps(batch), content_type="application/json")
        assert response.status_code == 200, (response.status_code, response.content[:300])

    # 1. Ingest through the Django stack.
    now = timezone.now()
    for _ in range(WARMUP_BATCHES):
        post([make_statement(rng, now) for _ in range(BATCH)])
    batches = [[make_statement(rng, now) for _ in range(BATCH)] for _ in range(args.batches)]
    ingested = args.batches * BATCH

    # Baseline: the equivalent rows, bulk-inserted in the same batch size, one transaction each.
    # POST and raw batches alternate, so load from other processes weighs on both alike.
    authority = lrs.authority
    raw_batches = [
        [statement_row(make_statement(rng, now), now, authority) for _ in range(BATCH)] for _ in range(args.batches)
    ]
    ingest_s = raw_s = 0.0
    for batch, rows in zip(batches, raw_batches, strict=True):
        started = time.perf_counter()
        post(batch)
        ingest_s += time.perf_counter() - started
        started = time.perf_counter()
        with transaction.atomic():
            Statement.objects.bulk_create(rows)
        raw_s += time.perf_counter() - started

    # 2. Queries over N stored statements.
    existing = Statement.objects.count()
    to_fill = max(0, args.statements - existing)
    started = time.perf_counter()
    span = timedelta(days=30)
    oldest = now - span
    for offset in range(0, to_fill, FILL_CHUNK):
        count = min(FILL_CHUNK, to_fill - offset)
        rows = []
        for i in range(count):
            # Spread "stored" over the last 30 days, in insertion (id) order.
            stored = oldest + span * ((offset + i) / max(to_fill, 1))
            rows.append(statement_row(make_statement(rng, stored), stored, authority))
        with transaction.atomic():
            Statement.objects.bulk_create(rows)
            index_side_tables(rows)
    with connection.cursor() as cursor:
        for model in (Statement, StatementActivity, StatementAgent):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    fill_s = time.perf_counter() - started
    total = Statement.objects.count()

    agent = {"objectType": "Agent", "account": {"homePage": HOME_PAGE, "name": "user-7"}}
    nobody = {"objectType": "Agent", "account": {"homePage": HOME_PAGE, "name": "nobody"}}
    since = now - timedelta(days=1)
    filters = [
        ("baseline: no match", {"agent": json.dumps(nobody)}),
        ("agent", {"agent": json.dumps(agent)}),
        ("verb", {"verb": VERB_IDS[1]}),
        ("activity", {"activity": f"{HOME_PAGE}/activities/42"}),
        ("since (last day)", {"since": since.isoformat()}),
        ("agent + verb", {"agent": json.dumps(agent), "verb": VERB_IDS[1]}),
        ("agent, related_agents", {"agent": json.dumps(agent), "related_agents": "true"}),
        ("activity, related_activities", {"activity": f"{HOME_PAGE}/activities/42", "related_activities": "true"}),
    ]
    from bench.timing import median_get
    from xapi.views import _filtered

    queries = []
    for name, params in filters:
        url = "/xapi/statements?" + urlencode(params)
        seconds, response = median_get(client, url, QUERY_REPEAT)
        returned = len(response.json()["statements"])
        matching = _filtered(Statement.objects.filter(voided=False), params).count()
        queries.append({"name": name, "ms": seconds * 1000, "rows": returned, "matching": matching})

    result = {
        "database": database_name(connection),
        "migrate_s": migrate_s,
        "ingested": ingested,
        "ingest_rate": ingested / ingest_s,
        "raw_rate": ingested / raw_s,
        "fill_s": fill_s,
        "statements": total,
        "queries": queries,
    }
    Path(args.result).write_text(json.dumps(result))


# --- orchestration ----------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_command(args, result):
    return [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        "--statements",
        str(args.statements),
        "--batches",
        str(args.batches),
        "--result",
        result,
    ]


def run_database(name, args, tmp):
    result = str(Path(tmp) / f"{name}.json")
    command = worker_command(args, result)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"}
    started = time.perf_counter()
    if name == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        subprocess.run(command, env=env, cwd=ROOT, check=True)
    else:
        # scripts/postgres.sh starts the cluster (127.0.0.1 only); the trap always removes it.
        env["PG_PORT"] = str(free_port())
        script = (
            "set -e; source scripts/postgres.sh; trap stop_postgres EXIT; start_postgres >/dev/null; "
            'DATABASE_URL="$POSTGRES_URL" "$@"'
        )
        subprocess.run(["bash", "-c", script, "bash", *command], env=env, cwd=ROOT, check=True)
    data = json.loads(Path(result).read_text())
    data["wall_s"] = time.perf_counter() - started
    return data


def report(results, args):
    print()
    print(f"xAPI ingest: {args.batches} POSTs x {BATCH} statements after {WARMUP_BATCHES} warm-up POSTs")
    print(f"{'database':<18}{'ingest st/s':>13}{'raw st/s':>11}{'ingest/raw':>12}{'target':>8}")
    for r in results:
        ratio = r["ingest_rate"] / r["raw_rate"]
        verdict = "ok" if ratio >= 0.25 else "BELOW"
        print(f"{r['database']:<18}{r['ingest_rate']:>13,.0f}{r['raw_rate']:>11,.0f}{ratio:>11.1%}{verdict:>8}")
    for r in results:
        print()
        print(
            f"xAPI queries on {r['database']}, N = {r['statements']:,} statements "
            f"(median of {QUERY_REPEAT} GETs, one page of at most 500 (the server maximum); fill {r['fill_s']:.1f}s)"
        )
        print(f"{'filter':<22}{'median ms':>10}{'x baseline':>12}{'rows':>6}{'matching':>10}")
        baseline = r["queries"][0]["ms"]
        for q in r["queries"]:
            print(f"{q['name']:<22}{q['ms']:>10.2f}{q['ms'] / baseline:>12.1f}{q['rows']:>6}{q['matching']:>10,}")
    print()
    for r in results:
        print(f"{r['database']}: migrate {r['migrate_s']:.1f}s, whole run {r['wall_s']:.1f}s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--statements",
        type=int,
        default=100_000,
        help="statements stored for the query timings (default 100,000; the issue's target is 1,000,000)",
    )
    parser.add_argument("--batches", type=int, default=40, help="timed POSTs of 50 statements (default 40)")
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql (default both)"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(args)
        return

    results = []
    with tempfile.TemporaryDirectory(prefix="lms-xapi-bench-") as tmp:
        for name in args.databases.split(","):
            if name == "postgresql" and not glob.glob(PG_BIN_GLOB):
                print("PostgreSQL binaries not found: skipping PostgreSQL.")
                continue
            results.append(run_database(name, args, tmp))
    report(results, args)


if __name__ == "__main__":
    main()
