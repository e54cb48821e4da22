"""Build the statements for learning events the server sees itself, with the tincan library."""

import json
import uuid

from django.utils import timezone
from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    AgentAccount,
    Context,
    ContextActivities,
    LanguageMap,
    Statement,
    Verb,
)
from wagtail.models import Page

from .vocabulary import (
    ACTIVITY_TYPES,
    LANGUAGE_TAGS,
    STATEMENT_FORMAT_VERSION,
    VERBS,
    activity_iri,
    base_url,
    extension_iri,
)


def learner_agent(user):
    """An account agent with an opaque id: no phone number, e-mail or name goes into a statement."""
    return Agent(account=AgentAccount(home_page=base_url(), name=str(user.xapi_id)))


def agent_key(agent):
    """One string per agent identity, for indexing and lookups."""
    if "account" in agent:
        return f"account|{agent['account']['homePage']}|{agent['account']['name']}"
    for ifi in ("mbox", "mbox_sha1sum", "openid"):
        if ifi in agent:
            return f"{ifi}|{agent[ifi]}"
    return "group|" + json.dumps(agent.get("member", []), sort_keys=True, ensure_ascii=False)


def page_names(page):
    """The page's title in every language it is translated into, as an xAPI language map."""
    titles = {}
    for translation in Page.objects.filter(translation_key=page.translation_key).select_related("locale"):
        tag = LANGUAGE_TAGS.get(translation.locale.language_code, translation.locale.language_code)
        titles[tag] = translation.title
    return LanguageMap(titles)


def page_activity(kind, page, task_id=None, with_definition=True):
    definition = None
    if with_definition:
        definition = ActivityDefinition(name=page_names(page), type=ACTIVITY_TYPES["task" if task_id else kind])
    return Activity(id=activity_iri(kind, page.translation_key, task_id), definition=definition)


def build_statement(*, learner, verb, kind, page, registration, course=None, task_id=None, timestamp=None):
    """A statement as a dict, ready to store. ``course`` becomes the parent context activity."""
    verb_iri, zh, en = VERBS[verb]
    context = Context(
        registration=registration,
        platform="数字素养课堂",
        language=LANGUAGE_TAGS.get(page.locale.language_code, page.locale.language_code),
        extensions={extension_iri("format-version"): STATEMENT_FORMAT_VERSION},
    )
    if course is not None:
        context.context_activities = ContextActivities(parent=[page_activity("course", course, with_definition=False)])
    statement = Statement(
        id=uuid.uuid4(),
        actor=learner_agent(learner),
        verb=Verb(id=verb_iri, display=LanguageMap({"zh-CN": zh, "en-US": en})),
        object=page_activity(kind, page, task_id),
        context=context,
        timestamp=timestamp or timezone.now(),
    )
    return json.loads(statement.to_json("1.0.3"))
