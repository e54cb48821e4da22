"""Progress is a projection of xAPI statements: each stored statement updates the summary tables.

``apply_statement`` is called for every statement as it is stored and, in order, by
``manage.py rebuild_progress``; applying the same statements gives the same tables. The store does
not know this module: ``LearningConfig.ready`` registers ``PROGRESS_CONSUMER`` with ``xapi.consumers``.
"""

import uuid
from datetime import timedelta

from courses.models import CoursePage, LessonPage
from xapi.consumers import StatementConsumer, replay_statements
from xapi.models import Statement
from xapi.validation import StatementError, parse_duration
from xapi.vocabulary import LANGUAGE_TAGS, VERBS, lesson_under, parse_activity_iri

from .models import Enrolment, LessonCompletion, PracticeTaskDone
from .signals import course_completed

REGISTERED = VERBS["registered"][0]
COMPLETED = VERBS["completed"][0]
# A course's final test (assessments.AssessmentPage): the best score and when it was first passed.
PASSED = VERBS["passed"][0]
FAILED = VERBS["failed"][0]
# Verbs by which third-party content under a lesson says the learner finished it.
FINISHING_VERBS = {COMPLETED, "http://adlnet.gov/expapi/verbs/passed"}
# The lesson's own media report "completed" when a clip ends; that does not finish the lesson.
OWN_MEDIA_PREFIX = "media/"
MAX_REPORTED_DURATION = timedelta(hours=4)
LOCALE_FOR_TAG = {tag: code for code, tag in LANGUAGE_TAGS.items()}


def _page(model, translation_key, language_tag):
    """The page with this translation key, in the statement's language when it exists."""
    pages = list(model.objects.filter(translation_key=translation_key).select_related("locale"))
    wanted = LOCALE_FOR_TAG.get(language_tag)
    return next((p for p in pages if p.locale.language_code == wanted), pages[0] if pages else None)


def _parent_course_key(statement_data):
    parents = ((statement_data.get("context") or {}).get("contextActivities") or {}).get("parent") or []
    for parent in parents:
        parsed = parse_activity_iri(parent.get("id", ""))
        if parsed and parsed[0] == "course":
            return parsed[1]
    return None


def _enrolment(learner, course_key, row, language):
    enrolment = Enrolment.objects.filter(learner=learner, course_key=course_key).first()
    if enrolment is None:
        course = _page(CoursePage, course_key, language)
        if course is None:
            return None
        enrolment = Enrolment.objects.create(
            learner=learner,
            course=course,
            course_key=course_key,
            # Derived from the first statement when it names none, so a rebuild gives the same value.
            registration=row.registration or uuid.uuid5(uuid.NAMESPACE_URL, f"urn:statement:{row.statement_id}"),
            joined_at=_when(row),
            last_activity_at=_when(row),
        )
    return enrolment


def _time_spent(row):
    """The statement's ``result.duration`` as a timedelta (years and months are not used here).

    A device reports at most ``MAX_REPORTED_DURATION`` per statement, so one forged or broken
    statement cannot inflate the time-spent statistics.
    """
    duration = (row.data.get("result") or {}).get("duration")
    if not duration:
        return timedelta()
    try:
        parts = parse_duration(duration)
    except StatementError:
        return timedelta()
    spent = timedelta(
        weeks=float(parts.weeks),
        days=float(parts.days),
        hours=float(parts.hours),
        minutes=float(parts.minutes),
        seconds=float(parts.seconds),
    )
    return spent if row.source == Statement.Source.LMS else min(spent, MAX_REPORTED_DURATION)


def _touch(enrolment, row, **changes):
    fields = []
    when = _when(row)
    if when > enrolment.last_activity_at:
        enrolment.last_activity_at = when
        fields.append("last_activity_at")
    spent = _time_spent(row)
    if spent:
        enrolment.time_spent += spent
        fields.append("time_spent")
    for name, value in changes.items():
        setattr(enrolment, name, value)
        fields.append(name)
    if fields:
        enrolment.save(update_fields=fields)


def _progress_percent(enrolment, course_key, language):
    course = _page(CoursePage, course_key, language)
    lesson_keys = {str(key) for key in course.lessons().values_list("translation_key", flat=True)} if course else set()
    if not lesson_keys:
        return 0
    done = {
        str(key)
        for key in LessonCompletion.objects.filter(enrolment=enrolment, lesson_key__in=lesson_keys).values_list(
            "lesson_key", flat=True
        )
    }
    return round(100 * len(done) / len(lesson_keys))


def _resolve(row):
    """(kind, translation key, task id, finishes) for a statement about one of our activities, or None.

    ``finishes`` is False for a statement about content under a lesson that does not finish it, and
    for statements whose sender may not decide what they claim (see ``_may_decide``).
    """
    parsed = parse_activity_iri(row.activity_id)
    if parsed is not None:
        kind, key, task_id = parsed
        return kind, key, task_id, _may_decide(row, kind)
    under = lesson_under(row.activity_id)
    if under is None:
        return None
    key, rest = under
    return "lesson", key, None, row.verb_id in FINISHING_VERBS and not rest.startswith(OWN_MEDIA_PREFIX)


def _may_decide(row, kind):
    """Whether the statement's sender may change the summaries for one of our own activities.

    Statements are evidence of what a learner did, but what the LMS certifies is decided by the
    LMS alone: a course is completed and a final test passed or scored only by statements the LMS's
    own services stored (from its record of lessons and its server-side scoring). A lesson or a
    practice task is finished by the LMS ("Mark as done") or by the learner's own session (the same
    button pressed offline and queued by recorder.js); third-party tools finish a lesson only
    through content under its IRI (``lesson_under``), never by claiming the lesson itself.
    """
    if row.source == Statement.Source.LMS:
        return True
    if kind == "lesson":
        return row.source == Statement.Source.LEARNER
    return False


def _when(row):
    """When the statement says it happened, kept between the learner's sign-up and its arrival.

    Only the learner's device chooses ``timestamp`` (an offline phone legitimately sends it late), so a
    date before the account existed or in the future is not believed.
    """
    if row.source == Statement.Source.LMS:
        return row.timestamp
    earliest = row.learner.date_joined
    return min(max(row.timestamp, earliest), row.stored)


def apply_statement(row):
    """Update the progress tables from one stored statement (``xapi.models.Statement``)."""
    resolved = _resolve(row) if row.learner_id is not None and not row.voided else None
    if resolved is None:
        return
    kind, key, task_id, finishes = resolved
    language = (row.data.get("context") or {}).get("language")
    course_key = key if kind == "course" else _parent_course_key(row.data) or _lesson_course_key(key)
    enrolment = _enrolment(row.learner, course_key, row, language) if course_key else None
    if enrolment is None:
        return
    when = _when(row)
    if kind == "course" and row.verb_id == REGISTERED:
        _touch(enrolment, row, **({"joined_at": when} if when < enrolment.joined_at else {}))
    elif kind == "course" and row.verb_id == COMPLETED and finishes:
        if enrolment.completed_at:
            _touch(enrolment, row)
        else:
            # The server's clock, never a date a client chose: certificates are dated from it.
            _touch(enrolment, row, completed_at=row.stored, progress_percent=100)
            # Also sent while replaying statements: receivers must be idempotent.
            course_completed.send(sender=Enrolment, enrolment=enrolment, statement=row)
    elif kind == "lesson" and finishes and row.verb_id in FINISHING_VERBS:
        lesson = _page(LessonPage, key, language)
        if lesson is None:
            return
        if task_id:
            PracticeTaskDone.objects.get_or_create(
                learner=row.learner,
                lesson_key=key,
                task_id=task_id,
                defaults={"lesson": lesson, "done_at": when},
            )
            _touch(enrolment, row)
            return
        _completion, created = LessonCompletion.objects.get_or_create(
            learner=row.learner,
            lesson_key=key,
            defaults={"lesson": lesson, "enrolment": enrolment, "completed_at": when},
        )
        if created and not enrolment.completed_at:
            _touch(enrolment, row, progress_percent=_progress_percent(enrolment, course_key, language))
        else:
            _touch(enrolment, row)
    elif kind == "assessment" and row.verb_id in (PASSED, FAILED) and finishes:
        _touch(enrolment, row, **_assessment_result(enrolment, row))
    else:
        _touch(enrolment, row)


def _assessment_result(enrolment, row):
    """Enrolment changes for a finished final test: a better scaled score, an earlier first pass."""
    changes = {}
    scaled = ((row.data.get("result") or {}).get("score") or {}).get("scaled")
    if isinstance(scaled, int | float) and (enrolment.score is None or scaled > enrolment.score):
        changes["score"] = float(scaled)
    if row.verb_id == PASSED and (enrolment.passed_at is None or row.stored < enrolment.passed_at):
        changes["passed_at"] = row.stored
    return changes


def _lesson_course_key(lesson_key):
    """The course a lesson belongs to, for statements that name no parent course."""
    lesson = LessonPage.objects.filter(translation_key=lesson_key).first()
    course = CoursePage.objects.parent_of(lesson).first() if lesson else None
    return str(course.translation_key) if course else None


def reset_summaries(learner=None):
    """Delete the summaries of one learner (or everyone) before the statements are replayed."""
    for model in (PracticeTaskDone, LessonCompletion, Enrolment):
        rows = model.objects.all() if learner is None else model.objects.filter(learner=learner)
        rows.delete()


def rebuild_progress(learner=None):
    """Delete the summaries (of one learner, or everyone) and replay their statements in order,
    through every consumer registered with the store (this projection first)."""
    return replay_statements(learner=learner)


def complete_course_if_due(row):
    """After a lesson-completed or final-test-passed statement is stored: record the course's
    completion if it is due.

    Called on the store path only, never while replaying, so the course-completed statement is
    stored once and replayed like any other.
    """
    from . import services

    resolved = _resolve(row) if row.learner_id is not None else None
    if resolved is not None and resolved[0] == "assessment" and row.verb_id == PASSED and resolved[3]:
        # Passing the final test may be the last step, when every lesson is done already.
        course_key = _parent_course_key(row.data)
        course = _page(CoursePage, course_key, (row.data.get("context") or {}).get("language")) if course_key else None
        if course is not None:
            services.complete_course_if_due(learner=row.learner, course=course)
        return
    if resolved is None or resolved[0] != "lesson" or resolved[2] or not resolved[3]:
        return
    if row.verb_id not in FINISHING_VERBS:
        return
    course_key = _parent_course_key(row.data) or _lesson_course_key(resolved[1])
    course = _page(CoursePage, course_key, (row.data.get("context") or {}).get("language")) if course_key else None
    if course is not None:
        services.complete_course_if_due(learner=row.learner, course=course)


PROGRESS_CONSUMER = StatementConsumer(
    name="learning.progress", apply=apply_statement, reset=reset_summaries, after_store=complete_course_if_due
)
