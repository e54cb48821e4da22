"""Forwarding to an external LRS: a second instance of this project's own LRS, over HTTP on 127.0.0.1.

The remote is ``manage.py runserver`` in a subprocess with its own SQLite database (migrated once per
module, copied for each test). It is stopped in the middle of a stream of statements and started
again on the same port with the same database; every statement must arrive exactly once, unchanged.
"""

import base64
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone

from xapi import forwarding
from xapi.attachments import parse_multipart
from xapi.models import Attachment, ForwardingStatus, LrsClient, OutboxEntry, Statement
from xapi.services import store_statements
from xapi.tasks import forward_statements, schedule_forwarding

from .lrs_helpers import attachment, attachment_part, multipart

ROOT = Path(__file__).resolve().parents[2]
V = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3", "HTTP_ACCEPT_LANGUAGE": "en"}
REMOTE_KEY = "forwarding-test"
REMOTE_SECRET = "forwarding-secret"
EXPERIENCED = "http://adlnet.gov/expapi/verbs/experienced"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RemoteLrs:
    """This project's LRS in a subprocess: start, stop and start again with the same database and port."""

    def __init__(self, workdir, template):
        self.workdir = workdir
        self.database = workdir / "remote.sqlite3"
        shutil.copy(template, self.database)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.endpoint = f"{self.url}/xapi/"
        self.process = None
        self.log = (workdir / "remote.log").open("a")

    def env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("LMS_XAPI_FORWARD_")}
        # The test settings hash LRS secrets with MD5, so every request does not cost a PBKDF2 round.
        env.update(
            DJANGO_SETTINGS_MODULE="lms.settings.test",
            DATABASE_URL=f"sqlite:///{self.database}",
        )
        return env

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            env=self.env(),
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _attempt in range(150):
            try:
                urllib.request.urlopen(self.url + "/xapi/about", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        pytest.fail("The remote LRS did not start: " + (self.workdir / "remote.log").read_text()[-2000:])

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None

    def request(self, method, path, body=None, secret=REMOTE_SECRET):
        auth = base64.b64encode(f"{REMOTE_KEY}:{secret}".encode()).decode()
        request = urllib.request.Request(
            self.url + path,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={
                "Authorization": f"Basic {auth}",
                "X-Experience-API-Version": "1.0.3",
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def all_statements(self):
        """Every statement on the remote, following the ``more`` links (10 a page)."""
        found = []
        status, page = self.request("GET", "/xapi/statements?limit=10&ascending=true")
        assert status == 200
        pages = 1
        while True:
            found.extend(page["statements"])
            if not page["more"]:
                break
            status, page = self.request("GET", page["more"])
            assert status == 200
            pages += 1
        return found, pages


@pytest.fixture(scope="module")
def remote_template():
    """A migrated remote database with an LRS client whose key and secret the tests know."""
    workdir = Path(tempfile.mkdtemp(prefix="lms-forwarding-"))
    template = workdir / "template.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test", "DATABASE_URL": f"sqlite:///{template}"}
    env = {k: v for k, v in env.items() if not k.startswith("LMS_XAPI_FORWARD_")}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, cwd=ROOT, check=True, capture_output=True)
    create_client = (
        "from django.contrib.auth.hashers import make_password; from xapi.models import LrsClient; "
        f"LrsClient.objects.create(name='Forwarding test', key={REMOTE_KEY!r}, "
        f"secret_hash=make_password({REMOTE_SECRET!r}), scopes=['all'])"
    )
    subprocess.run([*manage, "shell", "-c", create_client], env=env, cwd=ROOT, check=True, capture_output=True)
    # Fold the write-ahead log into the file, so copying the file copies everything.
    subprocess.run(
        [*manage, "shell", "-c", "from django.db import connection; connection.cursor().execute('VACUUM')"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    yield template
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def remote(remote_template, tmp_path):
    lrs = RemoteLrs(tmp_path, remote_template)
    lrs.start()
    yield lrs
    lrs.stop()
    lrs.log.close()


@pytest.fixture
def forward_to(settings):
    """Point forwarding at an endpoint: ``forward_to(url, batch_size=...)``."""

    def configure(endpoint, *, batch_size=5, password=REMOTE_SECRET, **extra):
        settings.LMS_XAPI_FORWARD_ENDPOINT = endpoint
        settings.LMS_XAPI_FORWARD_USERNAME = REMOTE_KEY
        settings.LMS_XAPI_FORWARD_PASSWORD = password
        settings.LMS_XAPI_FORWARD_BATCH_SIZE = batch_size
        for name, value in extra.items():
            setattr(settings, f"LMS_XAPI_FORWARD_{name.upper()}", value)

    return configure


@pytest.fixture
def local_lrs(db):
    """A tool posting to this site's LRS over its HTTP interface."""
    client = LrsClient(name="Quiz tool", scopes=["statements/write", "statements/read"])
    secret = client.set_new_secret()
    client.save()
    auth = "Basic " + base64.b64encode(f"{client.key}:{secret}".encode()).decode()
    return Client(HTTP_AUTHORIZATION=auth, **V)


def statement(number, **overrides):
    data = {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": {"homePage": "https://tools.example.org", "name": f"u{number}"}},
        "verb": {"id": EXPERIENCED, "display": {"zh-CN": "体验了", "en-US": "experienced"}},
        "object": {
            "objectType": "Activity",
            "id": f"https://tools.example.org/activities/{number}",
            "definition": {"name": {"zh-CN": f"第{number}课：用手机挂号", "en-US": f"Lesson {number}"}},
        },
        # tincan would rewrite PT5M as PT05M00S; the remote must get the statement as stored.
        "result": {
            "duration": "PT5M",
            "score": {"scaled": 0.5},
            "extensions": {"https://tools.example.org/x/progress": {"percent": 42.5, "steps": [1, 2]}},
        },
    }
    data.update(overrides)
    return data


def store_over_http(local_lrs, capture, statements):
    """POST to the local LRS; the commit's callbacks run as they would after a real commit."""
    with capture(execute=True):
        response = local_lrs.post("/xapi/statements", json.dumps(statements), content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def without_lrs_properties(data):
    """A statement without what each LRS sets for itself."""
    return {key: value for key, value in data.items() if key not in ("stored", "authority")}


def test_statements_survive_the_remote_going_down(remote, forward_to, local_lrs, django_capture_on_commit_callbacks):
    forward_to(remote.endpoint, batch_size=4)
    sent = []
    for number in range(6):
        sent += store_over_http(local_lrs, django_capture_on_commit_callbacks, [statement(number), statement(number)])
        # Delivered at once, by the task the commit started.
        assert not OutboxEntry.objects.exists()
    assert ForwardingStatus.load().last_success_at is not None

    remote.stop()
    for number in range(6, 12):
        sent += store_over_http(local_lrs, django_capture_on_commit_callbacks, [statement(number), statement(number)])
    queued = list(OutboxEntry.objects.order_by("statement_id"))
    assert [str(entry.statement.statement_id) for entry in queued] == sent[12:]
    # The first statements after the stop were tried once; the others waited for the backoff.
    assert [entry.attempts for entry in queued] == [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert "ConnectionRefusedError" in queued[0].last_error
    status = ForwardingStatus.load()
    assert status.consecutive_failures == 1 and status.retry_at > timezone.now()

    # Hours later, still down: attempts grow, nothing is dropped.
    later = timezone.now() + timedelta(hours=3)
    assert forwarding.forward_due(now=later).failed
    assert forwarding.forward_due(now=later + timedelta(hours=1)).failed
    queued = list(OutboxEntry.objects.order_by("statement_id"))
    assert len(queued) == 12 and not any(entry.refused for entry in queued)
    assert [entry.attempts for entry in queued[:4]] == [3, 3, 2, 2]
    assert ForwardingStatus.load().consecutive_failures == 3

    remote.start()
    output = io.StringIO()
    call_command("forward_statements", "--now", stdout=output)
    assert output.getvalue().startswith("Sent 12, refused 0; waiting 0")
    assert not OutboxEntry.objects.exists()
    status = ForwardingStatus.load()
    assert status.consecutive_failures == 0 and status.retry_at is None

    received, pages = remote.all_statements()
    assert pages == 3
    assert [item["id"] for item in received] == sent  # each once, in the order stored here
    local = {str(row.statement_id): row.data for row in Statement.objects.all()}
    for item in received:
        assert json.dumps(without_lrs_properties(item)) == json.dumps(without_lrs_properties(local[item["id"]]))
        assert item["result"]["duration"] == "PT5M"
        assert item["authority"]["account"]["name"] == f"client:{REMOTE_KEY}"

    # A resend after a lost answer (same ids, same content) is a no-op at the remote.
    OutboxEntry.objects.bulk_create(OutboxEntry(statement=row) for row in Statement.objects.all()[:5])
    result = forwarding.forward_due()
    assert result.sent == 5 and not result.refused
    assert not OutboxEntry.objects.exists()
    assert len(remote.all_statements()[0]) == len(sent)


def test_a_refused_statement_is_isolated_and_the_rest_delivered(
    remote, forward_to, local_lrs, django_capture_on_commit_callbacks
):
    # The remote already has a different statement under this id (409) and a voiding statement
    # under that id, which no statement may void (400).
    conflicting = statement(90)
    assert remote.request("POST", "/xapi/statements", [statement(91, id=conflicting["id"])])[0] == 200
    voiding_id = str(uuid.uuid4())
    target = remote.request("POST", "/xapi/statements", [statement(92)])[1][0]
    voiding = {
        **statement(93, id=voiding_id),
        "verb": {"id": VOIDED, "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": target},
    }
    assert remote.request("POST", "/xapi/statements", [voiding])[0] == 200
    voiding_a_voiding = {
        **statement(94),
        "verb": {"id": VOIDED, "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": voiding_id},
    }
    voiding_a_voiding.pop("result")

    forward_to(remote.endpoint, batch_size=8)
    batch = [statement(n) for n in range(10)]
    batch[3] = conflicting
    batch[6] = voiding_a_voiding
    sent = store_over_http(local_lrs, django_capture_on_commit_callbacks, batch)

    refused = {str(entry.statement.statement_id): entry for entry in OutboxEntry.objects.all()}
    assert set(refused) == {conflicting["id"], voiding_a_voiding["id"]}
    assert all(entry.refused and entry.attempts == 1 for entry in refused.values())
    assert refused[conflicting["id"]].last_error.startswith("HTTP 409: ")
    assert conflicting["id"] in refused[conflicting["id"]].last_error
    assert refused[voiding_a_voiding["id"]].last_error.startswith("HTTP 400: ")
    assert "cannot be voided" in refused[voiding_a_voiding["id"]].last_error

    received = {item["id"]: item for item in remote.all_statements()[0]}
    delivered = [statement_id for statement_id in sent if statement_id not in refused]
    assert len(delivered) == 8 and all(statement_id in received for statement_id in delivered)
    # The remote's own statement under the conflicting id is untouched.
    assert received[conflicting["id"]]["actor"]["account"]["name"] == "u91"
    # A refusal is the statement's problem, not the remote's: no backoff.
    assert ForwardingStatus.load().consecutive_failures == 0

    # Retried from the admin, they are refused again and stay visible.
    forwarding.retry_now()
    assert not OutboxEntry.objects.filter(refused=True).exists()
    result = forwarding.forward_due()
    assert result.refused == 2 and result.sent == 0
    assert OutboxEntry.objects.filter(refused=True, attempts=2).count() == 2


def test_attachments_travel_with_their_statements(remote, forward_to, local_lrs, django_capture_on_commit_callbacks):
    picture = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # binary, not UTF-8
    note = "备注：第一课".encode()
    with_picture = statement(1, attachments=[attachment(picture, "image/png")])
    with_both = statement(2, attachments=[attachment(picture, "image/png"), attachment(note, "text/plain")])
    body, content_type = multipart(
        [with_picture, with_both], [attachment_part(picture, "image/png"), attachment_part(note, "text/plain")]
    )
    forward_to(remote.endpoint)
    with django_capture_on_commit_callbacks(execute=True):
        response = local_lrs.generic("POST", "/xapi/statements", body, content_type=content_type)
    assert response.status_code == 200, response.content
    assert not OutboxEntry.objects.exists()

    status, _document = remote.request("GET", f"/xapi/statements?statementId={with_both['id']}")
    assert status == 200
    auth = base64.b64encode(f"{REMOTE_KEY}:{REMOTE_SECRET}".encode()).decode()
    request = urllib.request.Request(
        f"{remote.url}/xapi/statements?statementId={with_both['id']}&attachments=true",
        headers={"Authorization": f"Basic {auth}", "X-Experience-API-Version": "1.0.3"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        parts = parse_multipart(answer.read(), answer.headers["Content-Type"])
    assert sorted(content for _headers, content in parts[1:]) == sorted([picture, note])

    # A file lost from this site's storage holds back only its own statement.
    lost = b"a recording that went missing"
    with_lost = statement(3, attachments=[attachment(lost, "audio/ogg")])
    plain = statement(4)
    body, content_type = multipart([with_lost, plain], [attachment_part(lost, "audio/ogg")])
    with django_capture_on_commit_callbacks(execute=False):
        response = local_lrs.generic("POST", "/xapi/statements", body, content_type=content_type)
    assert response.status_code == 200, response.content
    stored = Attachment.objects.get(sha2=attachment(lost)["sha2"])
    stored.content.storage.delete(stored.content.name)
    result = forwarding.forward_due()
    assert result.sent == 1 and result.refused == 1
    entry = OutboxEntry.objects.get()
    assert str(entry.statement.statement_id) == with_lost["id"] and entry.refused
    assert entry.last_error.startswith("Attachment content missing here")
    assert remote.request("GET", f"/xapi/statements?statementId={plain['id']}")[0] == 200


def test_statements_from_xapi_2_clients_are_forwarded_in_the_1_0_3_shape(
    remote, forward_to, local_lrs, django_capture_on_commit_callbacks
):
    """The remote is spoken to in 1.0.3: a 2.0 statement goes without its 2.0-only properties and is
    accepted, instead of being refused for them (the stored statement keeps them)."""
    forward_to(remote.endpoint)
    player = {"objectType": "Agent", "mbox": "mailto:player-1@example.com"}
    sent = statement(1, context={"contextAgents": [{"objectType": "contextAgent", "agent": player}]})
    with django_capture_on_commit_callbacks(execute=True):
        response = local_lrs.post(
            "/xapi/statements", json.dumps(sent), content_type="application/json", HTTP_X_EXPERIENCE_API_VERSION="2.0.0"
        )
    assert response.status_code == 200, response.content
    assert not OutboxEntry.objects.exists()  # accepted by the remote, not refused
    [received] = remote.all_statements()[0]
    assert received["id"] == sent["id"] and received["version"] == "1.0.3"
    assert "contextAgents" not in received.get("context", {})
    stored = Statement.objects.get().data
    assert stored["version"] == "2.0.0" and stored["context"]["contextAgents"]


def test_wrong_credentials_are_a_failure_not_a_refusal(
    remote, forward_to, local_lrs, django_capture_on_commit_callbacks
):
    forward_to(remote.endpoint, password="wrong")
    store_over_http(local_lrs, django_capture_on_commit_callbacks, [statement(1), statement(2)])
    entries = list(OutboxEntry.objects.all())
    assert len(entries) == 2 and not any(entry.refused for entry in entries)
    assert all(entry.attempts == 1 and entry.last_error.startswith("HTTP 401: ") for entry in entries)
    assert ForwardingStatus.load().consecutive_failures == 1

    forward_to(remote.endpoint)
    assert forwarding.forward_due().skipped  # still backing off
    forwarding.retry_now()
    assert forwarding.forward_due().sent == 2
    assert not OutboxEntry.objects.exists()


def test_backoff_doubles_up_to_the_cap(forward_to, local_lrs, django_capture_on_commit_callbacks):
    forward_to(f"http://127.0.0.1:{_free_port()}/xapi/", max_backoff=60)  # nothing listens there
    store_over_http(local_lrs, django_capture_on_commit_callbacks, [statement(1)])
    entry = OutboxEntry.objects.get()
    assert entry.attempts == 1 and entry.next_attempt_at == ForwardingStatus.load().retry_at
    waits = []
    for _round in range(5):
        now = ForwardingStatus.load().retry_at
        # Before the backoff ends nothing is tried.
        assert forwarding.forward_due(now=now - timedelta(seconds=1)).skipped
        assert forwarding.forward_due(now=now).failed
        entry.refresh_from_db()
        waits.append((entry.next_attempt_at - now).total_seconds())
    assert waits == [20, 40, 60, 60, 60]
    assert entry.attempts == 6 and not entry.refused
    assert ForwardingStatus.load().consecutive_failures == 6


def test_a_remote_that_never_answers_times_out(forward_to, local_lrs, django_capture_on_commit_callbacks):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # accepts connections, never reads or answers
        forward_to(f"http://127.0.0.1:{silent.getsockname()[1]}/xapi/", timeout=0.5)
        started = time.monotonic()
        store_over_http(local_lrs, django_capture_on_commit_callbacks, [statement(1)])
        assert time.monotonic() - started < 10
    entry = OutboxEntry.objects.get()
    assert entry.attempts == 1 and "timed out" in entry.last_error


def test_a_rolled_back_transaction_leaves_no_outbox_row(forward_to, db, django_capture_on_commit_callbacks):
    forward_to(f"http://127.0.0.1:{_free_port()}/xapi/")
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        store_statements(statements=[statement(1)])
        assert OutboxEntry.objects.count() == 1
        raise RuntimeError("the request failed after storing")
    assert not OutboxEntry.objects.exists() and not Statement.objects.exists()
    assert callbacks == []

    with django_capture_on_commit_callbacks() as callbacks:
        store_statements(statements=[statement(2)])
    assert OutboxEntry.objects.count() == 1 and callbacks == [schedule_forwarding]


def test_nothing_is_queued_while_forwarding_is_off(db, settings, django_capture_on_commit_callbacks):
    settings.LMS_XAPI_FORWARD_ENDPOINT = ""
    with django_capture_on_commit_callbacks() as callbacks:
        store_statements(statements=[statement(1)])
    assert not OutboxEntry.objects.exists() and callbacks == []
    assert forwarding.forward_due().skipped


def test_database_queue_comes_back_when_the_backoff_ends(settings, forward_to, db):
    """With django_tasks_db the task enqueues itself for the next due time, once, not once per statement."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    forward_to(f"http://127.0.0.1:{_free_port()}/xapi/")
    store_statements(statements=[statement(1), statement(2)])
    waiting = DBTaskResult.objects.filter(task_path=forward_statements.module_path, status=TaskResultStatus.READY)

    schedule_forwarding()
    schedule_forwarding()  # a second commit while the first task still waits: no second task
    assert waiting.count() == 1
    waiting.update(status=TaskResultStatus.SUCCESSFUL)

    assert forward_statements.call()["failed"]
    retry = waiting.get()
    assert retry.run_after == ForwardingStatus.load().retry_at == OutboxEntry.objects.first().next_attempt_at
    # Running again early (another worker, a new statement) adds no second retry.
    assert forward_statements.call()["skipped"]
    assert waiting.count() == 1


def test_command_refuses_to_run_when_off(settings, db):
    from django.core.management.base import CommandError

    settings.LMS_XAPI_FORWARD_ENDPOINT = ""
    with pytest.raises(CommandError, match="LMS_XAPI_FORWARD_ENDPOINT"):
        call_command("forward_statements")


def test_public_endpoint_hides_credentials(settings):
    settings.LMS_XAPI_FORWARD_ENDPOINT = "https://user:secret@lrs.example.org:8443/xapi/"
    assert forwarding.public_endpoint() == "https://lrs.example.org:8443/xapi/"
