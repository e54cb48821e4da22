"""Domain functions for quizzes: attempts, answers, marking and practical-skill sign-off.

Views call these; they own their transactions and lock the attempt row (``select_for_update``)
so that a double submit, a late submit or a submit from a second tab is refused and changes
nothing. Marking happens here, on the server, only. Every marked answer and every finished final
test is recorded as an xAPI statement through ``xapi.services.store_statements``; course
completion and the enrolment's score follow from those statements (learning.projection).
"""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import CoursePage
from learning.models import Enrolment
from learning.services import join_course
from xapi.records import page_activity
from xapi.services import store_statements
from xapi.vocabulary import LANGUAGE_TAGS

from . import records, scoring
from .answers import InvalidAnswer, parse_answer, unknown_question_fields
from .models import Answer, Attempt, Question, SkillSignOff
from .selection import draw_question_keys, ordered_questions, seed_for

# A submit that arrives this long after the time limit still counts (slow village networks).
GRACE = timedelta(seconds=30)
ANONYMOUS_CHECK_KEY = "assessments.check"


class QuizRefused(Exception):
    """An action on a quiz that is not allowed now; ``message`` tells the learner why, plainly."""

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class AttemptClosed(QuizRefused):
    """The attempt was handed in already, or its time ran out."""


@dataclass
class MarkedAnswer:
    question: Question
    response: object
    mark: scoring.Mark
    point: list | None = None
    feedback: list = field(default_factory=list)


def course_of(page):
    return CoursePage.objects.parent_of(page).get()


def _language(page):
    return LANGUAGE_TAGS.get(page.locale.language_code, page.locale.language_code)


# Final tests ------------------------------------------------------------------------------------


def _assessment_attempts(learner, assessment):
    return Attempt.objects.filter(
        learner=learner, quiz_key=assessment.translation_key, block_id="", kind=Attempt.Kind.ASSESSMENT
    )


def deadline_passed(attempt, now=None):
    return attempt.deadline is not None and (now or timezone.now()) > attempt.deadline + GRACE


def when_can_start(*, learner, assessment, now=None):
    """(allowed, reason): whether a new attempt may start now, and if not, why in words."""
    now = now or timezone.now()
    attempts = _assessment_attempts(learner, assessment)
    used = attempts.count()
    if assessment.max_attempts and used >= assessment.max_attempts:
        return False, ngettext(
            "You have used your %(count)d attempt at this test.",
            "You have used all %(count)d attempts at this test.",
            assessment.max_attempts,
        ) % {"count": assessment.max_attempts}
    if assessment.wait_minutes:
        last = attempts.exclude(closed_at=None).order_by("-closed_at").first()
        if last is not None and now < last.closed_at + timedelta(minutes=assessment.wait_minutes):
            ready = timezone.localtime(last.closed_at + timedelta(minutes=assessment.wait_minutes))
            return False, _("Please rest a little. You can try again at %(time)s.") % {
                "time": date_format(ready, "SHORT_DATETIME_FORMAT")
            }
    return True, ""


@transaction.atomic
def start_attempt(*, learner, assessment, now=None):
    """Start (or resume) ``learner``'s attempt at the final test ``assessment``. Returns the Attempt.

    An unfinished attempt is resumed rather than a new one started. Refused (QuizRefused) when the
    attempts are used up, the waiting time is not over or the test has no questions.
    """
    now = now or timezone.now()
    course = course_of(assessment)
    enrolment = join_course(learner=learner, course=course)
    # One learner, one course: starting twice at once waits here instead of making two attempts.
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    current = _assessment_attempts(learner, assessment).filter(status=Attempt.Status.OPEN).first()
    if current is not None:
        if not deadline_passed(current, now):
            return current
        _finish(current, closed_at=current.deadline, expired=True)
    allowed, reason = when_can_start(learner=learner, assessment=assessment, now=now)
    if not allowed:
        raise QuizRefused(reason)
    seed = secrets.token_hex(16)
    keys = draw_question_keys(
        fixed_keys=assessment.fixed_question_keys(), tag=assessment.pool_tag, count=assessment.pool_size, seed=seed
    )
    # Practical skills are not marked here (see ``_finish``): a test needs at least one question that is.
    if not keys or not Question.objects.filter(translation_key__in=keys).exclude(kind=scoring.PRACTICAL).exists():
        raise QuizRefused(_("This test has no questions yet. Please come back later."))
    number = (
        _assessment_attempts(learner, assessment).order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                learner=learner,
                kind=Attempt.Kind.ASSESSMENT,
                quiz_key=assessment.translation_key,
                course_key=course.translation_key,
                page=assessment,
                number=number,
                seed=seed,
                question_keys=keys,
                started_at=now,
                deadline=now + timedelta(minutes=assessment.time_limit_minutes)
                if assessment.time_limit_minutes
                else None,
                registration=enrolment.registration,
            )
    except IntegrityError:
        raise QuizRefused(_("This test was just started in another window. Please reload the page.")) from None


def _locked(attempt, learner, now):
    """The attempt, locked for this transaction; refused unless it is the learner's and still open."""
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.learner_id != learner.pk:
        raise AttemptClosed(_("This is not your attempt."))
    if locked.status == Attempt.Status.SUBMITTED:
        raise AttemptClosed(
            _("You already handed in this attempt. Your answers were marked once; nothing was changed.")
        )
    if locked.status == Attempt.Status.EXPIRED:
        raise AttemptClosed(_("The time for this attempt is over. Nothing was changed."))
    if deadline_passed(locked, now):
        raise AttemptClosed(
            _("The time for this attempt is over, so these answers could not be accepted. Nothing was changed.")
        )
    return locked


def attempt_questions(attempt):
    """The attempt's questions, in its order, in the language of the page it was started on."""
    locale = attempt.page.locale if attempt.page_id else None
    return ordered_questions(attempt.question_keys, locale)


def read_answers(questions, data, *, quiz_keys, require_all):
    """{question key: response} from the form; refuses the whole form (QuizRefused with errors per
    question key) if any answer does not fit its question, or, with ``require_all``, is missing."""
    unknown = unknown_question_fields(data, quiz_keys)
    if unknown:
        raise QuizRefused(
            _("The form contained answers to questions that are not part of this quiz. Nothing was saved.")
        )
    responses, errors = {}, {}
    for question in questions:
        key = str(question.translation_key)
        try:
            response = parse_answer(question, data)
        except InvalidAnswer as error:
            errors[key] = error.message
            continue
        if response is None and require_all and question.kind != scoring.PRACTICAL:
            errors[key] = _("Please answer this question.")
        elif response is not None:
            responses[key] = response
    if errors:
        raise QuizRefused(
            ngettext(
                "%(count)d answer needs your attention. Nothing was saved.",
                "%(count)d answers need your attention. Nothing was saved.",
                len(errors),
            )
            % {"count": len(errors)},
            errors=errors,
        )
    return responses


def _store_responses(attempt, questions, responses, now):
    """Create or update the attempt's answer rows (unmarked). Returns the number saved."""
    by_key = {str(q.translation_key): q for q in questions}
    existing = {str(a.question_key): a for a in attempt.answers.all()}
    last_saved = max([a.saved_at for a in existing.values()] + [attempt.started_at])
    for key, response in responses.items():
        question = by_key[key]
        answer = existing.get(key)
        text = records.xapi_response(question, response)
        if answer is None:
            Answer.objects.create(
                attempt=attempt,
                question=question,
                question_key=key,
                response=response,
                response_text=text,
                saved_at=now,
                duration=max(now - last_saved, timedelta(0)),
            )
        elif answer.response != response:
            answer.response, answer.response_text, answer.question = response, text, question
            answer.save(update_fields=["response", "response_text", "question"])
    return len(responses)


@transaction.atomic
def save_answers(*, learner, attempt, data, now=None):
    """Keep the answers given so far in an open final-test attempt, to finish later. Blank answers
    are allowed; an answer that does not fit its question refuses the whole form."""
    now = now or timezone.now()
    attempt = _locked(attempt, learner, now)
    questions = attempt_questions(attempt)
    responses = read_answers(questions, data, quiz_keys=attempt.question_keys, require_all=False)
    return _store_responses(attempt, questions, responses, now)


@transaction.atomic
def submit_attempt(*, learner, attempt, data, now=None):
    """Hand in a final-test attempt: every question must be answered. Marks it once, records the
    statements and returns the closed Attempt. A second submit is refused (AttemptClosed)."""
    now = now or timezone.now()
    attempt = _locked(attempt, learner, now)
    questions = attempt_questions(attempt)
    responses = read_answers(questions, data, quiz_keys=attempt.question_keys, require_all=True)
    _store_responses(attempt, questions, responses, now)
    return _finish(attempt, closed_at=now)


@transaction.atomic
def extend_time(*, learner, attempt, now=None):
    """Give a timed attempt as much time again as the limit (double in total), once."""
    now = now or timezone.now()
    attempt = _locked(attempt, learner, now)
    if attempt.deadline is None:
        raise QuizRefused(_("This test has no time limit. Take all the time you need."))
    if attempt.time_extended:
        raise QuizRefused(_("You already have double time for this attempt."))
    limit = attempt.page.specific.time_limit_minutes if attempt.page_id else None
    extra = timedelta(minutes=limit) if limit else attempt.deadline - attempt.started_at
    attempt.deadline += extra
    attempt.time_extended = True
    attempt.save(update_fields=["deadline", "time_extended"])
    return attempt


@transaction.atomic
def close_if_expired(*, attempt, now=None):
    """Mark an attempt whose time ran out with the answers saved in time. True if it was closed now."""
    now = now or timezone.now()
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.status != Attempt.Status.OPEN or not deadline_passed(locked, now):
        return False
    _finish(locked, closed_at=locked.deadline, expired=True)
    return True


def signed_off_keys(learner, keys):
    """The keys (as strings) among ``keys`` of practical skills a trainer signed off for ``learner``."""
    return {
        str(k)
        for k in SkillSignOff.objects.filter(learner=learner, question_key__in=keys).values_list(
            "question_key", flat=True
        )
    }


def _finish(attempt, *, closed_at, expired=False):
    """Mark every answer of the (locked) attempt, close it and record the statements.

    The score (and so the pass) is the mean over the questions the LMS marks itself. Practical
    skills, which a trainer checks in person, are not part of it, signed off or not: a learner who
    studies alone can pass and get the certificate, which certifies the course and its marked test
    and says nothing of practical skills. A skill already signed off is recorded with the attempt
    (an "answered" statement, the trainer as instructor); the result page lists the others as
    "to show your trainer" (see ``practical_status``).
    """
    from .models import AssessmentPage

    questions = attempt_questions(attempt)
    answers = {str(a.question_key): a for a in attempt.answers.all()}
    signed_off = signed_off_keys(attempt.learner, attempt.question_keys)
    translations = _translations([q.translation_key for q in questions])
    assessment = AssessmentPage.objects.get(pk=attempt.page_id)
    course = course_of(assessment)
    marks, statements = [], []
    for question in questions:
        key = str(question.translation_key)
        answer = answers.get(key)
        if question.kind == scoring.PRACTICAL and key in signed_off:
            answer = answer or Answer(attempt=attempt, question=question, question_key=key, saved_at=closed_at)
            answer.response, answer.response_text = "signed-off", records.xapi_response(question, "signed-off")
        if answer is None:
            if question.kind != scoring.PRACTICAL:
                marks.append(scoring.Mark(0.0, False))
            continue
        mark = scoring.score_response(question.answer_key, answer.response)
        answer.score, answer.correct = mark.score, mark.correct
        answer.save()
        if question.kind != scoring.PRACTICAL:
            marks.append(mark)
        statements.append(
            records.build_answered_statement(
                learner=attempt.learner,
                question=question,
                translations=translations.get(key),
                response=answer.response,
                mark=mark,
                registration=attempt.registration,
                parents=[records.quiz_activity(assessment=assessment)],
                grouping=[page_activity("course", course, with_definition=False)],
                language=_language(assessment),
                duration=answer.duration,
                timestamp=answer.saved_at,
                point=answer.response if question.kind == scoring.HOTSPOT else None,
            )
        )
    attempt.score = round(scoring.attempt_score(marks), 4)
    attempt.passed = 100 * attempt.score >= assessment.pass_mark - 1e-9
    attempt.status = Attempt.Status.EXPIRED if expired else Attempt.Status.SUBMITTED
    attempt.closed_at = closed_at
    attempt.save(update_fields=["score", "passed", "status", "closed_at"])
    statements.append(
        records.build_assessment_statement(
            learner=attempt.learner, assessment=assessment, course=course, attempt=attempt
        )
    )
    store_statements(statements=statements)
    return attempt


def _translations(keys):
    """{translation key: [the question in every language]} in one query (for xAPI language maps)."""
    found = {}
    for question in Question.objects.filter(translation_key__in=list(keys)).select_related("locale"):
        found.setdefault(str(question.translation_key), []).append(question)
    return found


def has_practical_skills(assessment):
    """Whether the test asks (or may draw) a practical skill, which its rules then explain."""
    if assessment.pool_tag and not assessment.fixed_question_keys():
        return Question.objects.filter(tags__name=assessment.pool_tag, kind=scoring.PRACTICAL).exists()
    return assessment.assessment_questions.filter(question__kind=scoring.PRACTICAL).exists()


@dataclass
class ResultSummary:
    """A closed attempt's score in words: points, not only "right", since answers can be partly right."""

    percent: int
    total: int  # questions in the score (practical skills are not)
    right: int
    partly: int
    practical: int  # practical skills asked, not part of the score
    practical_signed_off: int


def result_summary(attempt, rows, signed_off):
    """Count the marked questions of ``attempt_results`` rows; ``signed_off`` holds signed-off skill keys."""
    scored = [(q, m) for q, _a, m in rows if q.kind != scoring.PRACTICAL]
    practical = [q for q, _a, _m in rows if q.kind == scoring.PRACTICAL]
    return ResultSummary(
        percent=attempt.percent or 0,
        total=len(scored),
        right=sum(1 for _q, m in scored if m and m.correct),
        partly=sum(1 for _q, m in scored if m and not m.correct and m.score > 0),
        practical=len(practical),
        practical_signed_off=sum(1 for q in practical if str(q.translation_key) in signed_off),
    )


def attempt_results(attempt):
    """[(question, answer or None, mark or None)] for a closed attempt, in the attempt's order."""
    answers = {str(a.question_key): a for a in attempt.answers.all()}
    rows = []
    for question in attempt_questions(attempt):
        answer = answers.get(str(question.translation_key))
        mark = scoring.Mark(answer.score, bool(answer.correct)) if answer and answer.score is not None else None
        rows.append((question, answer, mark))
    return rows


# "Check yourself" quizzes in lessons -----------------------------------------------------------


@dataclass
class CheckQuiz:
    """A lesson's quiz as one reader sees it now: its questions, seed and the answers given so far."""

    lesson: object
    block_id: str
    seed: str
    questions: list
    answers: dict  # question key -> MarkedAnswer
    attempt: Attempt | None = None
    round: int = 1

    @property
    def finished(self):
        return bool(self.questions) and all(str(q.translation_key) in self.answers for q in self.questions)

    @property
    def right_count(self):
        return sum(1 for a in self.answers.values() if a.mark.correct)


@dataclass
class CheckedAnswers:
    """What ``answer_check_quiz`` did: the round as it stands now, and the answers marked by this call."""

    quiz: CheckQuiz
    marked: dict  # question key -> MarkedAnswer, only those new in this call


def _block_value(lesson, block_id):
    for block in lesson.body:
        if block.id == block_id and block.block_type == "quiz":
            return block.value
    return None


def _check_keys(block_value, seed):
    fixed = [str(q.translation_key) for q in block_value.get("questions") or [] if q is not None]
    return draw_question_keys(
        fixed_keys=fixed, tag=(block_value.get("tag") or "").strip(), count=block_value.get("count") or 3, seed=seed
    )


def _registration(learner, course):
    """The learner's registration in ``course`` if they joined it, else None (nobody is enrolled here)."""
    return (
        Enrolment.objects.filter(learner=learner, course_key=course.translation_key)
        .values_list("registration", flat=True)
        .first()
    )


def _check_attempts(learner, lesson, block_id):
    return Attempt.objects.filter(
        learner=learner, quiz_key=lesson.translation_key, block_id=block_id, kind=Attempt.Kind.CHECK
    )


def _fresh_round(*, reader, lesson, block_id, block_value, number):
    """(seed, questions) of round ``number``: the same draw and order every time it is shown."""
    seed = seed_for(reader, lesson.translation_key, block_id, number)
    return seed, ordered_questions(_check_keys(block_value, seed), lesson.locale)


def _round_finished(attempt, answered_keys):
    """Whether every question of the round was answered (a round can also be left by "Try again")."""
    return {str(k) for k in attempt.question_keys} <= {str(k) for k in answered_keys}


def _marked(question, response):
    mark = scoring.score_response(question.answer_key, response)
    from .questions import feedback_for

    return MarkedAnswer(
        question=question, response=response, mark=mark, feedback=feedback_for(question, response, mark)
    )


def check_quiz(*, learner, lesson, block_id, block_value=None, session=None):
    """The state of a lesson quiz for a signed-in learner (from the database) or a visitor (session).

    A finished round stays on show, with its feedback and score, until the learner presses
    "Try again" (``retry_check_quiz``): only that starts a new round.
    """
    block_value = block_value if block_value is not None else _block_value(lesson, block_id)
    if block_value is None:
        raise QuizRefused(_("This quiz is no longer in the lesson. Please reload the page."))
    if learner is not None and learner.is_authenticated:
        latest = _check_attempts(learner, lesson, block_id).order_by("-number").first()
        if latest is not None:
            rows = list(latest.answers.all())
            # A round closed before all its questions were answered was left by "Try again" (as rounds
            # were before "Try again" started the next one itself): the next round is shown fresh below.
            if latest.is_open or _round_finished(latest, [a.question_key for a in rows]):
                questions = ordered_questions(latest.question_keys, lesson.locale)
                by_key = {str(q.translation_key): q for q in questions}
                answers = {
                    str(a.question_key): _marked(by_key[str(a.question_key)], a.response)
                    for a in rows
                    if str(a.question_key) in by_key
                }
                return CheckQuiz(lesson, block_id, latest.seed, questions, answers, latest, latest.number)
        number = (latest.number + 1) if latest else 1
        seed, questions = _fresh_round(
            reader=learner.xapi_id, lesson=lesson, block_id=block_id, block_value=block_value, number=number
        )
        return CheckQuiz(lesson, block_id, seed, questions, {}, None, number)
    state = (session or {}).get(ANONYMOUS_CHECK_KEY, {}).get(f"{lesson.translation_key}:{block_id}", {})
    number = state.get("round", 1)
    seed, questions = _fresh_round(
        reader="visitor", lesson=lesson, block_id=block_id, block_value=block_value, number=number
    )
    by_key = {str(q.translation_key): q for q in questions}
    answers = {k: _marked(by_key[k], r) for k, r in state.get("answers", {}).items() if k in by_key}
    return CheckQuiz(lesson, block_id, seed, questions, answers, None, number)


def _start_check_round(*, learner, lesson, block_id, course, registration, number, seed, questions, started_at):
    """Create round ``number``'s (open) attempt; None if another request just created it."""
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                learner=learner,
                kind=Attempt.Kind.CHECK,
                quiz_key=lesson.translation_key,
                block_id=block_id,
                course_key=course.translation_key,
                page=lesson,
                number=number,
                seed=seed,
                question_keys=[str(q.translation_key) for q in questions],
                started_at=started_at,
                registration=registration,
            )
    except IntegrityError:
        return None


def _close_check_round(attempt, now):
    """Close a (locked) lesson quiz round with the score of the answers it has."""
    marks = [scoring.Mark(a.score or 0.0, bool(a.correct)) for a in attempt.answers.all()]
    attempt.score = round(scoring.attempt_score(marks), 4) if marks else 0.0
    attempt.status = Attempt.Status.SUBMITTED
    attempt.closed_at = now
    attempt.save(update_fields=["score", "status", "closed_at"])


@transaction.atomic
def answer_check_quiz(*, learner, lesson, block_id, data, session=None, now=None, shown_at=None):
    """Mark the answers given in a lesson quiz; returns CheckedAnswers (the round now, and what was marked).

    A question already answered in this round keeps its first answer (feedback was shown), so
    nothing is counted twice: sending answers again, or after the round is finished, marks nothing.
    Answering does not join the course (``_registration``): only the learner's own choice does.
    Unanswered questions are simply left for later. For a signed-in learner each new answer is an
    "answered" statement and the last answer closes the round (it stays on show until "Try
    again"); a visitor's answers live in the session.
    """
    now = now or timezone.now()
    quiz = check_quiz(learner=learner, lesson=lesson, block_id=block_id, session=session)
    responses = read_answers(
        quiz.questions, data, quiz_keys=[q.translation_key for q in quiz.questions], require_all=False
    )
    new = {k: r for k, r in responses.items() if k not in quiz.answers}
    by_key = {str(q.translation_key): q for q in quiz.questions}
    marked = {k: _marked(by_key[k], r) for k, r in new.items()}
    if learner is None or not learner.is_authenticated:
        if session is not None and marked:
            store = session.get(ANONYMOUS_CHECK_KEY, {})
            entry = store.get(f"{lesson.translation_key}:{block_id}", {"round": quiz.round, "answers": {}})
            entry["answers"] = {**entry.get("answers", {}), **{k: m.response for k, m in marked.items()}}
            store[f"{lesson.translation_key}:{block_id}"] = entry
            session[ANONYMOUS_CHECK_KEY] = store
        quiz.answers.update(marked)
        return CheckedAnswers(quiz, marked)
    if not marked:
        return CheckedAnswers(quiz, marked)
    course = course_of(lesson)
    # A self-check is not a decision to take the course: the answers are kept (and recorded) without
    # joining it; a learner who has joined gets them under the course's registration.
    registration = _registration(learner, course)
    attempt = quiz.attempt
    if attempt is None:
        attempt = _start_check_round(
            learner=learner,
            lesson=lesson,
            block_id=block_id,
            course=course,
            registration=registration,
            number=quiz.round,
            seed=quiz.seed,
            questions=quiz.questions,
            started_at=shown_at or now,
        )
        if attempt is None:
            raise QuizRefused(_("These answers were already sent from another window. Please reload the page."))
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.status != Attempt.Status.OPEN:
        raise AttemptClosed(_("You already finished this quiz. Press “Try again” to answer it once more."))
    already = {str(k) for k in attempt.answers.values_list("question_key", flat=True)}
    marked = {k: m for k, m in marked.items() if k not in already}
    translations = _translations(marked.keys())
    previous = max([attempt.started_at, *attempt.answers.values_list("saved_at", flat=True)])
    if shown_at is not None:
        previous = max(previous, shown_at)
    statements = []
    for key, item in marked.items():
        duration = max(now - previous, timedelta(0))
        Answer.objects.create(
            attempt=attempt,
            question=item.question,
            question_key=key,
            response=item.response,
            response_text=records.xapi_response(item.question, item.response),
            score=item.mark.score,
            correct=item.mark.correct,
            saved_at=now,
            duration=duration,
        )
        statements.append(
            records.build_answered_statement(
                learner=learner,
                question=item.question,
                translations=translations.get(key),
                response=item.response,
                mark=item.mark,
                registration=registration,
                parents=[records.quiz_activity(lesson=lesson, block_id=block_id)],
                grouping=[
                    page_activity("lesson", lesson, with_definition=False),
                    page_activity("course", course, with_definition=False),
                ],
                language=_language(lesson),
                duration=duration,
                timestamp=now,
                point=item.response if item.question.kind == scoring.HOTSPOT else None,
            )
        )
    if _round_finished(attempt, attempt.answers.values_list("question_key", flat=True)):
        _close_check_round(attempt, now)
    store_statements(statements=statements)
    quiz.attempt = attempt
    quiz.answers.update(marked)
    return CheckedAnswers(quiz, marked)


@transaction.atomic
def retry_check_quiz(*, learner, lesson, block_id, session=None, now=None):
    """Start a lesson quiz afresh (new draw and order) when the learner presses "Try again".

    The only way a new round starts. The round on show is closed (earlier answers stay recorded)
    and, for a signed-in learner, the next round's attempt is created now, so that a reload shows
    it rather than the finished round. Pressing twice, or before answering anything, changes nothing.
    """
    now = now or timezone.now()
    if learner is not None and learner.is_authenticated:
        block_value = _block_value(lesson, block_id)
        if block_value is None:
            raise QuizRefused(_("This quiz is no longer in the lesson. Please reload the page."))
        latest = _check_attempts(learner, lesson, block_id).select_for_update().order_by("-number").first()
        if latest is None:
            return None  # nothing answered yet: the first round is still fresh
        answered = list(latest.answers.values_list("question_key", flat=True))
        if latest.is_open:
            if not answered:
                return None  # already a fresh round (a second press)
            _close_check_round(latest, now)
        elif not _round_finished(latest, answered):
            return None  # a round left unfinished earlier: check_quiz already shows a fresh one
        seed, questions = _fresh_round(
            reader=learner.xapi_id, lesson=lesson, block_id=block_id, block_value=block_value, number=latest.number + 1
        )
        if not questions:
            return None
        course = course_of(lesson)
        return _start_check_round(
            learner=learner,
            lesson=lesson,
            block_id=block_id,
            course=course,
            registration=_registration(learner, course),
            number=latest.number + 1,
            seed=seed,
            questions=questions,
            started_at=now,
        )
    if session is not None:
        store = session.get(ANONYMOUS_CHECK_KEY, {})
        entry = store.get(f"{lesson.translation_key}:{block_id}", {"round": 1})
        if entry.get("answers"):
            store[f"{lesson.translation_key}:{block_id}"] = {"round": entry.get("round", 1) + 1, "answers": {}}
            session[ANONYMOUS_CHECK_KEY] = store
    return None


# Practical skills --------------------------------------------------------------------------------


@transaction.atomic
def sign_off_practical_skill(*, trainer, learner, question, course=None, note="", now=None):
    """Record that ``trainer`` saw ``learner`` perform the practical skill ``question`` in person.

    Stores an "answered" statement (success, the trainer as ``context.instructor``); with ``course``
    the learner joins it and the statement names it as parent. Signing off twice changes nothing.
    Returns the SkillSignOff. A final test that asks the skill records it as done, but practical
    skills are never part of a test's score, pass or certificate (see ``_finish``).
    """
    if question.kind != scoring.PRACTICAL:
        raise QuizRefused(_("Only practical skills can be signed off by a trainer."))
    if trainer.pk == learner.pk:
        raise QuizRefused(_("A trainer cannot sign off their own practical skill."))
    now = now or timezone.now()
    existing = SkillSignOff.objects.filter(learner=learner, question_key=question.translation_key).first()
    if existing is not None:
        return existing
    registration = None
    parents = []
    if course is not None:
        registration = join_course(learner=learner, course=course).registration
        parents = [page_activity("course", course, with_definition=False)]
    sign_off = SkillSignOff.objects.create(
        learner=learner,
        question=question,
        question_key=question.translation_key,
        trainer=trainer,
        signed_at=now,
        note=note[:250],
    )
    statement = records.build_answered_statement(
        learner=learner,
        question=question,
        translations=_translations([question.translation_key]).get(str(question.translation_key)),
        response="signed-off",
        mark=scoring.Mark(1.0, True),
        registration=registration,
        parents=parents,
        grouping=(),
        language=_language(question),
        timestamp=now,
        instructor=records.instructor_agent(trainer),
    )
    store_statements(statements=[statement])
    return sign_off
