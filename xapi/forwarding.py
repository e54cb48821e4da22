"""Forwarding stored statements to an external LRS (configured by environment variables).

``store_statements`` writes an ``OutboxEntry`` beside every statement in the same transaction and
calls ``schedule_forwarding`` once it commits; the ``forward_statements`` task (xapi/tasks.py) then
calls ``forward_due``, which sends the waiting statements oldest first, in batches, with tincan's
``RemoteLRS``. The JSON goes over the wire exactly as stored (tincan's own objects would rewrite
durations), with the statement ids kept, so a resend after a lost answer is a no-op at the remote;
attachments stored here go with their statements as multipart/mixed.

- Accepted: the outbox rows are deleted.
- The remote is unreachable, answers 5xx, 401, 403, 404...: nothing is dropped; the rows wait,
  and the whole remote backs off exponentially (``ForwardingStatus.retry_at``) up to
  ``LMS_XAPI_FORWARD_MAX_BACKOFF`` seconds.
- 400, 409 or 413 for a batch: the batch is split in halves until the statements the remote refuses
  on their own are found; those are marked ``refused`` (shown in the admin until retried), the
  others go through.
"""

import dataclasses
import http.client
import json
import logging
from datetime import timedelta
from urllib.parse import urlencode, urlparse, urlunparse

from django.conf import settings
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone
from tincan import HTTPRequest, LRSResponse, RemoteLRS

from .attachments import multipart_body, stored_contents
from .models import ForwardingStatus, OutboxEntry
from .validation import load_json
from .versions import as_version_1

logger = logging.getLogger(__name__)

XAPI_VERSION = "1.0.3"
FIRST_BACKOFF = timedelta(seconds=10)
# Seconds to wait for the remote to connect and to answer.
DEFAULT_TIMEOUT = 30
# Statement-level refusals: splitting the batch can tell which statements the remote will not take.
REFUSALS = {400, 409, 413}
MAX_MESSAGE = 2000


def forwarding_enabled():
    return bool(getattr(settings, "LMS_XAPI_FORWARD_ENDPOINT", ""))


def batch_size():
    return max(1, int(getattr(settings, "LMS_XAPI_FORWARD_BATCH_SIZE", 50)))


def max_backoff():
    return timedelta(seconds=max(1, int(getattr(settings, "LMS_XAPI_FORWARD_MAX_BACKOFF", 3600))))


def backoff_delay(failures):
    """Wait after ``failures`` failed attempts in a row: 10 s, 20 s, 40 s... up to the cap."""
    return min(FIRST_BACKOFF * 2 ** min(max(failures, 1) - 1, 32), max_backoff())


def public_endpoint():
    """The endpoint for display: without any user:password written into the URL."""
    endpoint = getattr(settings, "LMS_XAPI_FORWARD_ENDPOINT", "")
    parsed = urlparse(endpoint)
    if parsed.hostname and (parsed.username or parsed.password):
        netloc = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        return urlunparse(parsed._replace(netloc=netloc))
    return endpoint


class TimeoutRemoteLRS(RemoteLRS):
    """tincan's RemoteLRS with a socket timeout.

    tincan 1.0.0 opens ``http.client`` connections without a timeout, so a remote that accepts the
    connection and never answers would hold the worker forever. This is tincan's ``_send_request``
    with a ``timeout`` and the body sent as bytes (UTF-8 text, or binary attachments); nothing else
    changes.
    """

    _props = [*RemoteLRS._props, "timeout"]

    def __init__(self, *args, timeout=DEFAULT_TIMEOUT, **kwargs):
        super().__init__(*args, **kwargs)
        self.timeout = timeout

    def _send_request(self, request):
        headers = {"X-Experience-API-Version": self.version}
        if self.auth is not None:
            headers["Authorization"] = self.auth
        headers.update(request.headers)
        url = request.resource if request.resource.startswith("http") else self.endpoint + request.resource
        parsed = urlparse(url)
        connection_class = http.client.HTTPSConnection if parsed.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(parsed.hostname, parsed.port, timeout=self.timeout)
        params = urlencode({key: str(value) for key, value in (request.query_params or {}).items()})
        query = "&".join(part for part in (parsed.query, params) if part)
        path = parsed.path + (f"?{query}" if query else "")
        body = request.content
        if isinstance(body, str):
            body = body.encode("utf-8")
        try:
            connection.request(method=request.method, url=path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        return LRSResponse(success=200 <= response.status < 300, request=request, response=response, data=data)


def remote_lrs():
    username = getattr(settings, "LMS_XAPI_FORWARD_USERNAME", "") or None
    password = getattr(settings, "LMS_XAPI_FORWARD_PASSWORD", "")
    return TimeoutRemoteLRS(
        endpoint=settings.LMS_XAPI_FORWARD_ENDPOINT,
        version=XAPI_VERSION,
        username=username,
        password=password if username else None,
        timeout=getattr(settings, "LMS_XAPI_FORWARD_TIMEOUT", DEFAULT_TIMEOUT),
    )


@dataclasses.dataclass
class Answer:
    """The remote's answer to one POST: accepted, refused (the statements) or failed (the remote)."""

    accepted: bool = False
    refused: bool = False
    message: str = ""


def _message(response):
    text = (response.data or "").strip()
    try:
        parsed = load_json(text, reject_duplicates=False)
    except ValueError:  # not JSON, or nested deeper than anyone needs
        parsed = None
    if isinstance(parsed, dict):
        text = str(parsed.get("error") or parsed.get("message") or text)
    return f"HTTP {response.response.status}: {text}"[:MAX_MESSAGE]


def send(lrs, entries):
    """POST the statements as stored (ids included) in one request, with their attachments.

    The remote is spoken to in xAPI 1.0.3, so a statement stored by an xAPI 2.0 client goes in the
    1.0.3 shape (xapi.versions); every other statement goes exactly as stored.
    """
    statements = [as_version_1(entry.statement.data) for entry in entries]
    document = json.dumps(statements).encode()
    try:
        contents = stored_contents(statements)
    except OSError as error:
        # A file lost from this site's storage: only that statement is stuck, the split finds it.
        return Answer(refused=True, message=f"Attachment content missing here: {error}"[:MAX_MESSAGE])
    if contents:
        body, content_type = multipart_body(document, contents)
    else:
        body, content_type = document, "application/json"
    request = HTTPRequest(method="POST", resource="statements", headers={"Content-Type": content_type})
    # Raw bytes: tincan's ``content`` setter would decode them as UTF-8 text, and attachments are binary.
    request._content = body
    try:
        response = lrs._send_request(request)
    except (OSError, http.client.HTTPException) as error:
        return Answer(message=f"{type(error).__name__}: {error}"[:MAX_MESSAGE])
    if response.success:
        return Answer(accepted=True)
    return Answer(refused=response.response.status in REFUSALS, message=_message(response))


@dataclasses.dataclass
class PassResult:
    sent: int = 0
    refused: int = 0
    failed: bool = False
    skipped: bool = False
    error: str = ""

    def as_dict(self):
        return dataclasses.asdict(self)


def _claim(now, size, lease):
    """Take the next due batch, oldest first, and hide it from other workers while it is sent.

    A worker that dies while sending leaves its batch hidden only until the lease ends.
    """
    lease = now + lease
    with transaction.atomic():
        ids = list(
            OutboxEntry.objects.select_for_update(skip_locked=True)
            .filter(refused=False, next_attempt_at__lte=now)
            .order_by("statement_id")
            .values_list("pk", flat=True)[:size]
        )
        OutboxEntry.objects.filter(pk__in=ids).update(next_attempt_at=lease)
    return list(OutboxEntry.objects.filter(pk__in=ids).select_related("statement").order_by("statement_id"))


def _deliver(lrs, entries, result, now):
    """Send; split refused batches. Returns the failed sub-batch and message, or None if the remote answered."""
    answer = send(lrs, entries)
    if answer.accepted:
        OutboxEntry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()
        result.sent += len(entries)
        ForwardingStatus.objects.filter(pk=1).update(consecutive_failures=0, retry_at=None, last_success_at=now)
        return None
    if not answer.refused:
        return entries, answer.message
    if len(entries) == 1:
        [entry] = entries
        OutboxEntry.objects.filter(pk=entry.pk).update(
            refused=True, attempts=F("attempts") + 1, last_error=answer.message
        )
        ForwardingStatus.objects.filter(pk=1).update(
            last_error=f"{entry.statement.statement_id}: {answer.message}"[:MAX_MESSAGE], last_error_at=now
        )
        result.refused += 1
        logger.warning("The external LRS refused statement %s: %s", entry.statement.statement_id, answer.message)
        return None
    middle = len(entries) // 2
    return _deliver(lrs, entries[:middle], result, now) or _deliver(lrs, entries[middle:], result, now)


@transaction.atomic
def _back_off(*, claimed, failed, message, now):
    """The remote did not answer properly: count the attempt and make everything wait."""
    ForwardingStatus.objects.filter(pk=1).update(
        consecutive_failures=F("consecutive_failures") + 1, last_error=message, last_error_at=now
    )
    status = ForwardingStatus.objects.get(pk=1)
    status.retry_at = now + backoff_delay(status.consecutive_failures)
    status.save(update_fields=["retry_at"])
    OutboxEntry.objects.filter(pk__in=[entry.pk for entry in failed]).update(
        attempts=F("attempts") + 1, last_error=message
    )
    OutboxEntry.objects.filter(pk__in=[entry.pk for entry in claimed]).update(next_attempt_at=status.retry_at)
    OutboxEntry.objects.filter(refused=False, next_attempt_at__lt=status.retry_at).update(
        next_attempt_at=status.retry_at
    )
    logger.warning("Forwarding to the external LRS failed (retry at %s): %s", status.retry_at, message)


def forward_due(*, now=None):
    """Send every due statement, batch after batch, until none is due or the remote fails.

    While the remote backs off nothing is sent (``retry_now`` ends the backoff). ``now`` fixes the
    clock, for tests.
    """
    result = PassResult()
    if not forwarding_enabled():
        result.skipped = True
        return result
    fixed_now = now
    status = ForwardingStatus.load()
    if status.retry_at and status.retry_at > (fixed_now or timezone.now()):
        result.skipped = True
        return result
    lrs = remote_lrs()
    size = batch_size()
    lease = timedelta(seconds=2 * lrs.timeout + 30)
    while True:
        now = fixed_now or timezone.now()
        claimed = _claim(now, size, lease)
        if not claimed:
            return result
        failure = _deliver(lrs, claimed, result, now)
        if failure is not None:
            failed, message = failure
            _back_off(claimed=claimed, failed=failed, message=message, now=now)
            result.failed = True
            result.error = message
            return result


@transaction.atomic
def retry_now():
    """Make every waiting statement due now, refused ones included, and forget the backoff."""
    count = OutboxEntry.objects.update(next_attempt_at=timezone.now(), refused=False)
    ForwardingStatus.objects.filter(pk=1).update(retry_at=None)
    return count


def next_attempt_at():
    """When the next statement will be tried (``None`` if nothing waits)."""
    waiting = OutboxEntry.objects.filter(refused=False).aggregate(next=Min("next_attempt_at"))["next"]
    if waiting is None:
        return None
    retry_at = ForwardingStatus.load().retry_at
    return max(waiting, retry_at) if retry_at else waiting
