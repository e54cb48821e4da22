"""Background forwarding of stored statements (django-tasks).

Development and tests run the task at once (the immediate backend); production queues it in the
database for ``manage.py db_worker``. With the database queue the task enqueues itself again for the
moment the next waiting statement is due, so retries after a backoff happen even when no new statement
arrives. Without a deferring backend, ``manage.py forward_statements --loop`` does that job.
"""

import logging
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus

from .forwarding import forward_due, forwarding_enabled, next_attempt_at

logger = logging.getLogger(__name__)


@task()
def forward_statements():
    """Send every due statement to the external LRS; the statements themselves wait in the outbox."""
    result = forward_due()
    _enqueue_retry()
    return result.as_dict()


def _pending_tasks(*, due_now):
    """Forwarding tasks already waiting in the database queue (``None`` for other backends)."""
    backend = forward_statements.get_backend()
    if not backend.supports_defer:
        return None
    from django_tasks_db.models import DBTaskResult, get_date_max

    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=forward_statements.module_path, backend_name=backend.alias
    )
    if due_now:
        waiting = waiting.filter(Q(run_after=get_date_max()) | Q(run_after__lte=timezone.now()))
    return waiting


def schedule_forwarding():
    """Start a forwarding pass, unless one is already waiting to start."""
    if not forwarding_enabled():
        return
    try:
        pending = _pending_tasks(due_now=True)
        if pending is None or not pending.exists():
            forward_statements.enqueue()
    except Exception:
        # The statements are safely in the outbox; the next pass (or forward_statements) sends them.
        logger.exception("Could not start forwarding statements to the external LRS")


def _enqueue_retry():
    """With a deferring backend, come back when the next waiting statement is due."""
    when = next_attempt_at() if forwarding_enabled() else None
    if when is None:
        return
    pending = _pending_tasks(due_now=False)
    if pending is None or pending.exists():
        return
    forward_statements.using(run_after=max(when, timezone.now() + timedelta(seconds=1))).enqueue()
