"""Storing statements: the single way a learning record enters the system."""

import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from .consumers import consume_stored, replay_statements
from .definitions import merge_definitions, statement_definitions
from .forwarding import forwarding_enabled
from .models import ActivityDefinition, Attachment, OutboxEntry, Statement, StatementActivity, StatementAgent
from .records import agent_key
from .tasks import schedule_forwarding
from .vocabulary import VERBS, base_url

VOIDED = VERBS["voided"][0]

SYSTEM_AUTHORITY = {"objectType": "Agent", "account": {"homePage": None, "name": "lms"}}


class StatementConflict(ValueError):
    """A statement id that is already stored with different content."""


class StatementRejected(ValueError):
    """A valid statement the LRS must still refuse (e.g. voiding a voiding statement)."""


class StatementForbidden(StatementRejected):
    """A valid statement its sender may not make (e.g. voiding a statement someone else stored)."""


def system_authority():
    return {**SYSTEM_AUTHORITY, "account": {"homePage": base_url(), "name": "lms"}}


def _comparable(data, *, without_timestamp=False):
    """A statement without the properties the LRS itself sets, for duplicate detection."""
    ignored = {"stored", "authority", "version"} | ({"timestamp"} if without_timestamp else set())
    return {k: v for k, v in data.items() if k not in ignored}


@transaction.atomic
def store_statements(*, statements, authority=None, source=None, may_void_any=False, attachments=None):
    """Store statements (already valid) and update progress from them. Returns the stored rows.

    ``authority`` None means the LMS's own services store them (``Statement.Source.LMS``); callers that
    pass the authority of a learner's session or of an LRS client say which with ``source``. Only the
    authority that stored a statement, the LMS, or a caller with ``may_void_any`` (an administrator's
    LRS client with the voiding scope) may void it.

    The LRS sets ``stored``, ``authority`` and a missing ``timestamp``; a statement whose id is
    already stored with the same content is not stored again; different content is a conflict.
    ``attachments`` maps SHA-256 hashes to ``(content_type, bytes)`` for the statements'
    attachments sent with them. The whole batch is written with a handful of queries whatever its
    size (one lookup of existing ids and learners, one insert per table), then handed in order to the
    apps registered in ``xapi.consumers`` (the progress projection and whatever reacts to it).
    """
    if authority is None:
        source = Statement.Source.LMS
    elif source is None or source == Statement.Source.LMS:
        raise ValueError("statements sent with an authority of their own need the source that sent them")
    now = timezone.now()
    prepared = {}
    for incoming in statements:
        sent_timestamp = "timestamp" in incoming
        data = dict(incoming)
        data.setdefault("id", str(uuid.uuid4()))
        # Always with the fraction (isoformat() drops it on a whole second): Data 4.5 wants milliseconds.
        data.setdefault("timestamp", now.isoformat(timespec="microseconds"))
        data["stored"] = now.isoformat(timespec="microseconds")
        data["authority"] = authority or system_authority()
        data.setdefault("version", "1.0.3")
        statement_id = uuid.UUID(data["id"])
        earlier = prepared.get(statement_id)
        if earlier is not None:
            _check_same(earlier[0], data, sent_timestamp, statement_id)
            continue
        prepared[statement_id] = (data, sent_timestamp)

    for existing in Statement.objects.filter(statement_id__in=list(prepared)).only("statement_id", "data"):
        data, sent_timestamp = prepared.pop(existing.statement_id)
        _check_same(existing.data, data, sent_timestamp, existing.statement_id)

    learners = _learners_for(data["actor"] for data, _sent in prepared.values())
    rows = []
    for statement_id, (data, _sent) in prepared.items():
        obj = data.get("object", {})
        context = data.get("context") or {}
        rows.append(
            Statement(
                statement_id=statement_id,
                data=data,
                actor_key=agent_key(data["actor"]),
                verb_id=data["verb"]["id"],
                activity_id=obj.get("id", "") if obj.get("objectType", "Activity") == "Activity" else "",
                registration=context.get("registration"),
                timestamp=parse_datetime(data["timestamp"]),
                stored=now,
                source=source,
                learner=learners.get(_learner_account_name(data["actor"])),
            )
        )
    if not rows:
        return rows
    Statement.objects.bulk_create(rows)
    if any(row.pk is None for row in rows):  # backends that cannot return ids from a bulk insert
        ids = dict(Statement.objects.filter(statement_id__in=list(prepared)).values_list("statement_id", "pk"))
        for row in rows:
            row.pk = ids[row.statement_id]
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
    _merge_activity_definitions(rows, now)
    if attachments:
        save_attachments(attachments=attachments)
    if forwarding_enabled():
        OutboxEntry.objects.bulk_create(OutboxEntry(statement=row, queued_at=now, next_attempt_at=now) for row in rows)
        transaction.on_commit(schedule_forwarding)

    for row in rows:
        if row.verb_id == VOIDED:
            _void(row, may_void_any=may_void_any)
        else:
            consume_stored([row])
    return rows


def _merge_activity_definitions(rows, now):
    """Fold the batch's activity definitions into the merged ones (Communication 2.5).

    One read of the merged definitions of the batch's activity ids (locked, in a fixed order, so that
    two batches naming the same activity merge one after the other) and one upsert, whatever the
    batch size; nothing at all for a batch without definitions.
    """
    definitions = [pair for row in rows for pair in statement_definitions(row.data)]
    if not definitions:
        return
    ids = {activity_id for activity_id, _definition in definitions}
    known = dict(
        ActivityDefinition.objects.select_for_update()
        .filter(activity_id__in=ids)
        .order_by("activity_id")
        .values_list("activity_id", "definition")
    )
    changed = merge_definitions(known, definitions)
    if changed:
        ActivityDefinition.objects.bulk_create(
            [ActivityDefinition(activity_id=key, definition=known[key], updated=now) for key in sorted(changed)],
            update_conflicts=True,
            unique_fields=["activity_id"],
            update_fields=["definition", "updated"],
        )


def _check_same(stored_data, data, sent_timestamp, statement_id):
    """A repeated statement id is harmless with the same content and a conflict with different content."""
    if _comparable(stored_data, without_timestamp=not sent_timestamp) != _comparable(
        data, without_timestamp=not sent_timestamp
    ):
        raise StatementConflict(str(statement_id))


def related_activity_ids(data):
    """Every activity id a statement mentions, for the related_activities filter (Communication 2.1.3)."""
    found = []

    def collect(statement):
        obj = statement.get("object") or {}
        if obj.get("objectType", "Activity") == "Activity" and "id" in obj:
            found.append(obj["id"])
        context_activities = (statement.get("context") or {}).get("contextActivities") or {}
        for activities in context_activities.values():
            # 1.0.0 allowed a single activity instead of a list.
            for activity in activities if isinstance(activities, list) else [activities]:
                found.append(activity["id"])
        if obj.get("objectType") == "SubStatement":
            collect(obj)

    collect(data)
    return list(dict.fromkeys(found))


def related_agent_keys(data):
    """(agent key, is actor or object) for every agent or group a statement mentions.

    Besides actor, object and authority: instructor, team, and (xAPI 2.0) the agents and groups of
    ``contextAgents`` / ``contextGroups``, with a group's members, also inside a SubStatement.
    """
    found = {}

    def add(agent, direct):
        if not agent:
            return
        if "member" not in agent or any(ifi in agent for ifi in ("mbox", "mbox_sha1sum", "openid", "account")):
            key = agent_key(agent)
            found[key] = found.get(key, False) or direct
        # A group's members match too (Communication 2.1.3, the agent parameter).
        for member in agent.get("member") or []:
            add(member, direct)

    def collect(statement, top_level):
        add(statement.get("actor"), top_level)
        obj = statement.get("object") or {}
        if obj.get("objectType") in ("Agent", "Group"):
            add(obj, top_level)
        context = statement.get("context") or {}
        add(context.get("instructor"), False)
        add(context.get("team"), False)
        # xAPI 2.0 (Data 2.4.6): further agents and groups the statement relates to.
        for entry in context.get("contextAgents") or []:
            add(entry.get("agent"), False)
        for entry in context.get("contextGroups") or []:
            add(entry.get("group"), False)
        if obj.get("objectType") == "SubStatement":
            collect(obj, False)

    collect(data, True)
    add(data.get("authority"), False)
    return list(found.items())


def save_attachments(*, attachments):
    """Store attachment contents once per SHA-256 hash, in the default storage."""
    from django.core.files.base import ContentFile

    known = set(Attachment.objects.filter(sha2__in=list(attachments)).values_list("sha2", flat=True))
    for sha2, (content_type, content) in attachments.items():
        if sha2 in known:
            continue
        attachment = Attachment(sha2=sha2, content_type=content_type, length=len(content))
        attachment.content.save(sha2, ContentFile(content), save=False)
        attachment.save()


def _learner_account_name(actor):
    account = actor.get("account") or {}
    if account.get("homePage") != base_url():
        return None
    return str(account.get("name"))


def _learners_for(actors):
    """This site's learners among the actors, by the opaque id in their account agent."""
    ids = {}
    for actor in actors:
        name = _learner_account_name(actor)
        if name is None:
            continue
        try:
            ids[name] = uuid.UUID(name)
        except ValueError:
            continue
    if not ids:
        return {}
    by_uuid = {user.xapi_id: user for user in get_user_model().objects.filter(xapi_id__in=set(ids.values()))}
    return {name: by_uuid[value] for name, value in ids.items() if value in by_uuid}


def _may_void(voiding_row, target, *, may_void_any):
    """The authority that stored a statement may take it back; so may the LMS and administrators' tools."""
    if may_void_any or voiding_row.source == Statement.Source.LMS:
        return True
    authority = voiding_row.data.get("authority") or {}
    stored_by = target.data.get("authority") or {}
    return bool(authority) and bool(stored_by) and agent_key(authority) == agent_key(stored_by)


def _void(voiding_row, *, may_void_any=False):
    """Void the statement the voiding statement points at, and replay the learner's statements without it."""
    target_id = voiding_row.data["object"].get("id")
    target = Statement.objects.filter(statement_id=target_id).first()
    if target is not None and target.verb_id == VOIDED:
        raise StatementRejected(f"statement {target_id} is a voiding statement and cannot be voided")
    if target is not None and not _may_void(voiding_row, target, may_void_any=may_void_any):
        raise StatementForbidden(
            gettext("Statement %(id)s was stored by someone else; only they or an administrator may void it.")
            % {"id": target_id}
        )
    if target is None or target.voided:
        return
    target.voided = True
    target.save(update_fields=["voided"])
    if target.learner_id:
        replay_statements(learner=target.learner)
