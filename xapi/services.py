"""Storing statements: the single way a learning record enters the system."""

import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import Statement
from .records import agent_key
from .vocabulary import VERBS, base_url

VOIDED = VERBS["voided"][0]

SYSTEM_AUTHORITY = {"objectType": "Agent", "account": {"homePage": None, "name": "lms"}}


class StatementConflict(ValueError):
    """A statement id that is already stored with different content."""


class StatementRejected(ValueError):
    """A valid statement the LRS must still refuse (e.g. voiding a voiding statement)."""


def system_authority():
    return {**SYSTEM_AUTHORITY, "account": {"homePage": base_url(), "name": "lms"}}


def _comparable(data, *, without_timestamp=False):
    """A statement without the properties the LRS itself sets, for duplicate detection."""
    ignored = {"stored", "authority", "version"} | ({"timestamp"} if without_timestamp else set())
    return {k: v for k, v in data.items() if k not in ignored}


def _learner_for(actor):
    account = actor.get("account") or {}
    if account.get("homePage") != base_url():
        return None
    try:
        return get_user_model().objects.filter(xapi_id=uuid.UUID(str(account.get("name")))).first()
    except ValueError:
        return None


@transaction.atomic
def store_statements(*, statements, authority=None):
    """Store statements (already valid) and update progress from them. Returns the stored rows.

    The LRS sets ``stored``, ``authority`` and a missing ``timestamp``; a statement whose id is
    already stored with the same content is not stored again; different content is a conflict.
    """
    from learning.projection import apply_statement, complete_course_if_due

    now = timezone.now()
    rows = []
    for incoming in statements:
        sent_timestamp = "timestamp" in incoming
        data = dict(incoming)
        data.setdefault("id", str(uuid.uuid4()))
        data.setdefault("timestamp", now.isoformat())
        data["stored"] = now.isoformat()
        data["authority"] = authority or system_authority()
        data.setdefault("version", "1.0.3")
        statement_id = uuid.UUID(data["id"])
        existing = Statement.objects.filter(statement_id=statement_id).first()
        if existing is not None:
            if _comparable(existing.data, without_timestamp=not sent_timestamp) != _comparable(
                data, without_timestamp=not sent_timestamp
            ):
                raise StatementConflict(str(statement_id))
            continue
        obj = data.get("object", {})
        context = data.get("context") or {}
        row = Statement.objects.create(
            statement_id=statement_id,
            data=data,
            actor_key=agent_key(data["actor"]),
            verb_id=data["verb"]["id"],
            activity_id=obj.get("id", "") if obj.get("objectType", "Activity") == "Activity" else "",
            registration=context.get("registration"),
            timestamp=parse_datetime(data["timestamp"]),
            stored=now,
            learner=_learner_for(data["actor"]),
        )
        rows.append(row)
        if row.verb_id == VOIDED:
            _void(row)
        else:
            apply_statement(row)
            complete_course_if_due(row)
    return rows


def _void(voiding_row):
    """Void the statement the voiding statement points at, and drop it from the learner's progress."""
    from learning.projection import rebuild_progress

    target_id = voiding_row.data["object"].get("id")
    target = Statement.objects.filter(statement_id=target_id).first()
    if target is not None and target.verb_id == VOIDED:
        raise StatementRejected(f"statement {target_id} is a voiding statement and cannot be voided")
    if target is None or target.voided:
        return
    target.voided = True
    target.save(update_fields=["voided"])
    if target.learner_id:
        rebuild_progress(learner=target.learner)
