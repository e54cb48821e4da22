"""xAPI statements for what happens in the classroom, built with tincan: attendance with the trainer as instructor."""

import json
import uuid
from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import get_language
from tincan import Activity, ActivityDefinition, Context, ContextActivities, LanguageMap, Statement, Verb

from xapi.records import learner_agent
from xapi.vocabulary import ACTIVITY_TYPES, LANGUAGE_TAGS, STATEMENT_FORMAT_VERSION, VERBS, activity_iri, extension_iri


def _language_tag():
    return LANGUAGE_TAGS.get(get_language() or "zh-hans", "zh-CN")


def group_activity(group):
    return Activity(
        id=activity_iri("group", group.xapi_id),
        definition=ActivityDefinition(name=LanguageMap({_language_tag(): group.name}), type=ACTIVITY_TYPES["group"]),
    )


def session_timestamp(date):
    """Noon on the day of the class (the time is not recorded), or now for a class held today."""
    if date >= timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(date, time(12)))


def attendance_statement(*, session, learner, trainer):
    """``learner`` attended ``session``; the trainer who recorded it is the context's instructor."""
    verb_iri, zh, en = VERBS["attended"]
    statement = Statement(
        id=uuid.uuid4(),
        actor=learner_agent(learner),
        verb=Verb(id=verb_iri, display=LanguageMap({"zh-CN": zh, "en-US": en})),
        object=Activity(
            id=activity_iri("session", session.xapi_id),
            definition=ActivityDefinition(
                name=LanguageMap({_language_tag(): f"{session.date:%Y-%m-%d} {session.topic}"}),
                type=ACTIVITY_TYPES["session"],
            ),
        ),
        context=Context(
            instructor=learner_agent(trainer),
            platform="数字素养课堂",
            language=_language_tag(),
            context_activities=ContextActivities(grouping=[group_activity(session.group)]),
            extensions={extension_iri("format-version"): STATEMENT_FORMAT_VERSION},
        ),
        timestamp=session_timestamp(session.date),
    )
    return json.loads(statement.to_json("1.0.3"))
