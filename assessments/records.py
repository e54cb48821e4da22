"""xAPI statements for quizzes, built with tincan like xapi.records: "answered" for each answer
(with a full interaction definition), "passed"/"failed" for each finished final test.

Activity ids follow the site's scheme of translation keys (xapi.vocabulary.activity_iri):
``question/<key>`` for a question, ``assessment/<key>`` for a final test and
``lesson/<key>/tasks/<block id>`` for a lesson's "check yourself" quiz.
"""

import json
import uuid
from collections import defaultdict
from datetime import timedelta

from django.utils import timezone
from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    Context,
    ContextActivities,
    InteractionComponent,
    InteractionComponentList,
    LanguageMap,
    Result,
    Score,
    Statement,
    Verb,
)

from xapi.records import learner_agent, page_activity
from xapi.vocabulary import ACTIVITY_TYPES, LANGUAGE_TAGS, STATEMENT_FORMAT_VERSION, VERBS, activity_iri, extension_iri

from . import scoring
from .questions import option_label

INTERACTION_TYPES = {
    scoring.SINGLE: "choice",
    scoring.MULTIPLE: "choice",
    scoring.IMAGE_CHOICE: "choice",
    scoring.TRUE_FALSE: "true-false",
    scoring.ORDERING: "sequencing",
    scoring.MATCHING: "matching",
    scoring.HOTSPOT: "other",
    scoring.PRACTICAL: "performance",
}
PRACTICAL_STEP = "skill"


def interaction_type(question):
    if question.kind == scoring.SHORT_ANSWER:
        key = question.answer_key
        return "numeric" if key.accepted_numbers and not key.accepted_texts else "fill-in"
    return INTERACTION_TYPES[question.kind]


def _tag(question):
    code = question.locale.language_code
    return LANGUAGE_TAGS.get(code, code)


def _language_map(translations, text_of):
    return LanguageMap({_tag(q): text_of(q) for q in translations if text_of(q)})


def _components(translations, block_type, text_of=option_label):
    """Interaction components with one description per language (option ids are shared)."""
    texts = defaultdict(dict)
    order = []
    for question in translations:
        for block in question.options:
            if block.block_type != block_type:
                continue
            if block.id not in texts:
                order.append(block.id)
            label = text_of(block)
            if label:
                texts[block.id][_tag(question)] = label
    return InteractionComponentList(
        [
            InteractionComponent(id=i, description=LanguageMap(texts[i])) if texts[i] else InteractionComponent(id=i)
            for i in order
        ]
    )


def correct_responses_pattern(question):
    key = question.answer_key
    kind = question.kind
    if kind in scoring.CHOICE_KINDS:
        return ["[,]".join(i for i in key.options if i in key.correct)]
    if kind == scoring.TRUE_FALSE:
        return ["true" if key.answer_true else "false"]
    if kind == scoring.ORDERING:
        return ["[,]".join(key.options)]
    if kind == scoring.MATCHING:
        return ["[,]".join(f"{i}[.]{i}" for i in key.options)]
    if kind == scoring.SHORT_ANSWER:
        if interaction_type(question) == "numeric":
            return [f"{v - t:g}[:]{v + t:g}" if t else f"{v:g}" for v, t in key.accepted_numbers]
        return [
            *("{case_matters=false}" + text for text in key.accepted_texts),
            *(f"{v:g}" for v, _t in key.accepted_numbers),
        ]
    if kind == scoring.HOTSPOT:
        return [region.id for region in key.regions if region.correct]
    if kind == scoring.PRACTICAL:
        return [f"{PRACTICAL_STEP}[:]done"]
    return []


def interaction_definition(question, translations):
    """The question as an xAPI interaction activity definition, in every language it exists in."""
    translations = translations or [question]
    definition = ActivityDefinition(
        name=_language_map(translations, lambda q: str(q)),
        description=_language_map(translations, lambda q: q.text),
        type=ACTIVITY_TYPES["question"],
        interaction_type=interaction_type(question),
        correct_responses_pattern=correct_responses_pattern(question),
    )
    kind = question.kind
    if kind in scoring.CHOICE_KINDS or kind == scoring.ORDERING:
        definition.choices = _components(translations, "choice")
    elif kind == scoring.MATCHING:
        definition.source = _components(translations, "pair", lambda b: b.value["prompt"])
        definition.target = _components(translations, "pair", lambda b: b.value["match"])
    elif kind == scoring.HOTSPOT:
        definition.extensions = {
            extension_iri("hotspot-regions"): {region.id: region.describe() for region in question.answer_key.regions}
        }
    elif kind == scoring.PRACTICAL:
        definition.steps = InteractionComponentList(
            [InteractionComponent(id=PRACTICAL_STEP, description=_language_map(translations, lambda q: q.text))]
        )
    return definition


def xapi_response(question, response):
    """The response as an xAPI response string (also stored as ``Answer.response_text``)."""
    if response is None:
        return ""
    kind = question.kind
    if kind in (scoring.SINGLE, scoring.IMAGE_CHOICE, scoring.TRUE_FALSE):
        return str(response)
    if kind in (scoring.MULTIPLE, scoring.ORDERING):
        return "[,]".join(sorted(response) if kind == scoring.MULTIPLE else response)
    if kind == scoring.MATCHING:
        return "[,]".join(f"{left}[.]{right}" for left, right in sorted(response.items()))
    if kind == scoring.HOTSPOT:
        region = scoring.region_at(question.answer_key, *response)
        return region.id if region else "outside"
    if kind == scoring.PRACTICAL:
        return f"{PRACTICAL_STEP}[:]done" if response == "signed-off" else ""
    return str(response)[:2000]


def response_from_xapi(question, text):
    """The stored response again from an xAPI response string (for statistics of wrong answers)."""
    kind = question.kind
    if kind in (scoring.SINGLE, scoring.IMAGE_CHOICE, scoring.TRUE_FALSE):
        return text
    if kind in (scoring.MULTIPLE, scoring.ORDERING):
        return text.split("[,]") if text else []
    if kind == scoring.MATCHING:
        return dict(pair.split("[.]", 1) for pair in text.split("[,]") if "[.]" in pair)
    if kind == scoring.HOTSPOT:
        region = next((r for r in question.answer_key.regions if r.id == text), None)
        if region is None:
            return None
        centre = (region.x, region.y) if region.shape == "circle" else (region.x + 0.5, region.y + 0.5)
        return list(centre)
    if kind == scoring.PRACTICAL:
        return "signed-off" if text else None
    return text


def iso_duration(delta):
    seconds = max(0.0, delta.total_seconds()) if delta is not None else 0.0
    return f"PT{seconds:.2f}S".replace(".00S", "S")


def _verb(name):
    iri, zh, en = VERBS[name]
    return Verb(id=iri, display=LanguageMap({"zh-CN": zh, "en-US": en}))


def _context(*, language, registration, parent, grouping=(), instructor=None):
    context = Context(
        registration=registration,
        platform="数字素养课堂",
        language=language,
        extensions={extension_iri("format-version"): STATEMENT_FORMAT_VERSION},
    )
    parent, grouping = [p for p in parent if p is not None], list(grouping)
    if parent or grouping:
        context.context_activities = ContextActivities(parent=parent or None, grouping=grouping or None)
    if instructor is not None:
        context.instructor = instructor
    return context


def quiz_activity(*, assessment=None, lesson=None, block_id=None):
    """The quiz a question was answered in, as a context activity (no definition needed)."""
    if assessment is not None:
        return page_activity("assessment", assessment, with_definition=False)
    return Activity(id=activity_iri("lesson", lesson.translation_key, block_id))


def build_answered_statement(
    *,
    learner,
    question,
    translations,
    response,
    mark,
    registration,
    parents,
    grouping,
    language,
    duration=None,
    timestamp=None,
    instructor=None,
    point=None,
):
    """An "answered" statement: the interaction, the learner's response, right or not, score and time."""
    result = Result(
        response=xapi_response(question, response),
        success=mark.correct,
        duration=iso_duration(duration),
        score=Score(scaled=round(mark.score, 4), raw=round(mark.score, 4), min=0, max=1),
    )
    if point is not None:
        result.extensions = {extension_iri("hotspot-point"): [round(point[0], 1), round(point[1], 1)]}
    statement = Statement(
        id=uuid.uuid4(),
        actor=learner_agent(learner),
        verb=_verb("answered"),
        object=Activity(
            id=activity_iri("question", question.translation_key),
            definition=interaction_definition(question, translations),
        ),
        result=result,
        context=_context(
            language=language,
            registration=registration,
            parent=parents,
            grouping=grouping,
            instructor=instructor,
        ),
        timestamp=timestamp or timezone.now(),
    )
    return json.loads(statement.to_json("1.0.3"))


def build_assessment_statement(*, learner, assessment, course, attempt, timestamp=None):
    """ "passed" or "failed" for a finished final test, with the scaled score and the time taken."""
    duration = (attempt.closed_at or timezone.now()) - attempt.started_at
    statement = Statement(
        id=uuid.uuid4(),
        actor=learner_agent(learner),
        verb=_verb("passed" if attempt.passed else "failed"),
        object=page_activity("assessment", assessment),
        result=Result(
            success=bool(attempt.passed),
            completion=True,
            duration=iso_duration(duration if duration > timedelta(0) else timedelta(0)),
            score=Score(scaled=round(attempt.score, 4), raw=round(100 * attempt.score, 2), min=0, max=100),
        ),
        context=_context(
            language=LANGUAGE_TAGS.get(assessment.locale.language_code, assessment.locale.language_code),
            registration=attempt.registration,
            parent=[page_activity("course", course, with_definition=False)],
        ),
        timestamp=timestamp or attempt.closed_at or timezone.now(),
    )
    return json.loads(statement.to_json("1.0.3"))


def instructor_agent(trainer):
    """The trainer as an opaque account agent, like learners (no name or phone number in statements)."""
    agent = learner_agent(trainer)
    return Agent(account=agent.account)
