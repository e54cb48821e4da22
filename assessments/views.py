"""Thin views for quizzes: plain HTML forms first; the same endpoints answer JavaScript's fetch
with JSON so that the lesson quiz gives instant feedback without reloading."""

from datetime import UTC, datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses.models import LessonPage

from . import services
from .answers import InvalidAnswer, parse_answer, tapped_question_key
from .display import views_for
from .models import AssessmentPage, Attempt, Certificate


def wants_json(request):
    return request.headers.get("X-Requested-With") == "fetch" or "application/json" in request.headers.get("Accept", "")


def _rules(assessment):
    """The test's rules in words, as the page states them."""
    rules = [
        _("You pass with a score of %(mark)d%% or more. A partly right answer earns part of its points.")
        % {"mark": assessment.pass_mark},
    ]
    if services.has_practical_skills(assessment):
        rules.append(
            _(
                "Tasks a trainer checks with you in person (practical skills) are not part of the score: you can "
                "pass and get your certificate without them. Show them to your trainer when you can."
            )
        )
    if assessment.max_attempts:
        rules.append(
            _("You can try %(count)d times.") % {"count": assessment.max_attempts}
            if assessment.max_attempts > 1
            else _("You can try once.")
        )
    else:
        rules.append(_("You can try as many times as you like."))
    if assessment.wait_minutes:
        rules.append(
            _("After each try, wait %(minutes)d minutes before the next one.") % {"minutes": assessment.wait_minutes}
        )
    if assessment.time_limit_minutes:
        rules.append(
            _(
                "You have %(minutes)d minutes. If you need more time, press “I need more time” and you get "
                "%(minutes)d minutes more: double the time."
            )
            % {"minutes": assessment.time_limit_minutes}
        )
    else:
        rules.append(_("There is no time limit. You can stop, and come back later to finish."))
    return rules


def assessment_page_context(*, request, assessment):
    """What the final test's page shows: rules, and for a signed-in learner their attempts."""
    context = {"rules": _rules(assessment), "course": assessment.get_parent()}
    user = request.user
    if not user.is_authenticated:
        return context
    attempts = list(
        Attempt.objects.filter(
            learner=user, quiz_key=assessment.translation_key, block_id="", kind=Attempt.Kind.ASSESSMENT
        ).order_by("number")
    )
    current = next((a for a in attempts if a.is_open and not services.deadline_passed(a)), None)
    finished = [a for a in attempts if not a.is_open]
    can_start, reason = services.when_can_start(learner=user, assessment=assessment)
    scores = [a.score for a in finished if a.score is not None]
    context.update(
        attempts=finished,
        current_attempt=current,
        can_start=can_start or current is not None,
        refusal=reason,
        best_percent=round(100 * max(scores)) if scores else None,
        has_passed=any(a.passed for a in finished),
    )
    return context


@require_POST
def start_attempt(request, page_id):
    assessment = get_object_or_404(AssessmentPage.objects.live(), pk=page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(assessment.url)
    try:
        attempt = services.start_attempt(learner=request.user, assessment=assessment)
    except services.QuizRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(assessment.url)
    return redirect("assessments:attempt", attempt_id=attempt.pk)


def _own_attempt(request, attempt_id, kind=Attempt.Kind.ASSESSMENT):
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(Attempt.objects.select_related("page"), pk=attempt_id, learner=request.user, kind=kind)


def _posted_responses(questions, data):
    """Answers to show again after a refused form (only those that could be read)."""
    responses = {}
    for question in questions:
        try:
            response = parse_answer(question, data)
        except InvalidAnswer:
            continue
        if response is not None:
            responses[str(question.translation_key)] = response
    return responses


def _render_attempt(request, attempt, *, data=None, errors=None, message="", status=200):
    questions = services.attempt_questions(attempt)
    saved = {str(a.question_key): a.response for a in attempt.answers.all()}
    responses = {**saved, **(_posted_responses(questions, data) if data is not None else {})}
    signed_off = services.signed_off_keys(attempt.learner, attempt.question_keys)
    assessment = attempt.page.specific
    remaining = None
    if attempt.deadline:
        remaining = max(0, round((attempt.deadline - timezone.now()).total_seconds() / 60))
    context = {
        "page": assessment,
        "assessment": assessment,
        "course": assessment.get_parent(),
        "attempt": attempt,
        "items": views_for(questions, seed=attempt.seed, responses=responses, errors=errors, signed_off=signed_off),
        "errors": errors or {},
        "error_message": message,
        "remaining_minutes": remaining,
        "answered": len(responses),
    }
    return render(request, "assessments/attempt.html", context, status=status)


def attempt(request, attempt_id):
    """The test's questions as one form: save and come back later, or hand in."""
    current = _own_attempt(request, attempt_id)
    if current.is_open and services.close_if_expired(attempt=current):
        messages.info(request, _("The time ran out. The answers you saved in time have been marked."))
        return redirect("assessments:result", attempt_id=current.pk)
    if not current.is_open:
        if request.method == "POST":
            messages.error(request, _("You already handed in this attempt. Nothing was changed."))
        return redirect("assessments:result", attempt_id=current.pk)
    if request.method != "POST":
        return _render_attempt(request, current)
    action = request.POST.get("action") or ("tap" if tapped_question_key(request.POST) else "save")
    try:
        if action == "submit":
            services.submit_attempt(learner=request.user, attempt=current, data=request.POST)
            return redirect("assessments:result", attempt_id=current.pk)
        if action == "extend":
            services.save_answers(learner=request.user, attempt=current, data=request.POST)
            services.extend_time(learner=request.user, attempt=current)
            messages.success(request, _("You now have double the time. Take it easy."))
        else:
            saved = services.save_answers(learner=request.user, attempt=current, data=request.POST)
            if wants_json(request):
                return JsonResponse({"saved": saved})
            if action == "save":
                messages.success(request, _("Your answers are saved. You can come back later to finish."))
    except services.AttemptClosed as refusal:
        if wants_json(request):
            return JsonResponse({"error": refusal.message}, status=409)
        messages.error(request, refusal.message)
        return redirect("assessments:result", attempt_id=current.pk)
    except services.QuizRefused as refusal:
        if wants_json(request):
            return JsonResponse({"error": refusal.message, "errors": refusal.errors}, status=400)
        current.refresh_from_db()
        return _render_attempt(
            request, current, data=request.POST, errors=refusal.errors, message=refusal.message, status=400
        )
    if action == "tap":
        key = tapped_question_key(request.POST)
        return redirect(f"{request.path}#question-{key}")
    if action == "save":
        return redirect(current.page.url if current.page_id else request.path)
    return redirect(request.path)


def score_sentence(summary):
    """ "Score 92%: of 6 questions, 5 fully right and 1 partly right." The percent is of points."""
    values = {
        "percent": summary.percent,
        "total": summary.total,
        "right": summary.right,
        "partly": summary.partly,
    }
    if summary.partly:
        return (
            ngettext(
                "Score %(percent)s%%: of %(total)s question, %(right)s fully right and %(partly)s partly right.",
                "Score %(percent)s%%: of %(total)s questions, %(right)s fully right and %(partly)s partly right.",
                summary.total,
            )
            % values
        )
    return (
        ngettext(
            "Score %(percent)s%%: of %(total)s question, %(right)s right.",
            "Score %(percent)s%%: of %(total)s questions, %(right)s right.",
            summary.total,
        )
        % values
    )


def _after_passing(attempt, assessment):
    """What a passed test leads to: the certificate, or the lessons still to finish for it."""
    from learning.services import course_progress

    certificate = Certificate.objects.filter(learner=attempt.learner, course_key=attempt.course_key).first()
    if certificate is not None:
        return {"certificate": certificate}
    course = assessment.get_parent().specific
    return {"course_progress": course_progress(learner=attempt.learner, course=course)}


def result(request, attempt_id):
    current = _own_attempt(request, attempt_id)
    if current.is_open:
        return redirect("assessments:attempt", attempt_id=current.pk)
    assessment = current.page.specific
    rows = services.attempt_results(current)
    signed_off = services.signed_off_keys(current.learner, current.question_keys)
    items = views_for(
        [q for q, _a, _m in rows],
        seed=current.seed,
        responses={str(q.translation_key): a.response for q, a, _m in rows if a},
        marks={str(q.translation_key): m for q, _a, m in rows if m},
        feedback={str(q.translation_key): _feedback(q, a, m) for q, a, m in rows if a and m},
        locked={str(q.translation_key) for q, _a, _m in rows},
        signed_off=signed_off,
    )
    summary = services.result_summary(current, rows, signed_off)
    return render(
        request,
        "assessments/result.html",
        {
            "page": assessment,
            "assessment": assessment,
            "course": assessment.get_parent(),
            "attempt": current,
            "items": items,
            "summary": summary,
            "score_sentence": score_sentence(summary),
            **(_after_passing(current, assessment) if current.passed else {}),
        },
    )


def _feedback(question, answer, mark):
    from .questions import feedback_for

    return feedback_for(question, answer.response, mark)


# Lesson quizzes -------------------------------------------------------------------------------------


def _lesson(lesson_id):
    return get_object_or_404(LessonPage.objects.live(), pk=lesson_id)


@require_POST
def check_answers(request, lesson_id, block_id):
    """Mark a lesson quiz's answers (all of them, or only the question in ``only``)."""
    lesson = _lesson(lesson_id)
    data = request.POST
    only = data.get("only") or tapped_question_key(data)
    if only:
        data = data.copy()
        for name in list(data):
            if name.startswith("q-") and not name.startswith(f"q-{only}"):
                del data[name]
    try:
        shown_at = datetime.fromtimestamp(int(request.POST.get("shown", "")), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        shown_at = None
    learner = request.user if request.user.is_authenticated else None
    try:
        checked = services.answer_check_quiz(
            learner=learner, lesson=lesson, block_id=block_id, data=data, session=request.session, shown_at=shown_at
        )
    except services.QuizRefused as refusal:
        if wants_json(request):
            return JsonResponse({"error": refusal.message, "errors": refusal.errors}, status=400)
        messages.error(request, refusal.message)
        for text in refusal.errors.values():
            messages.error(request, text)
        return redirect(f"{lesson.url}#quiz-{block_id}")
    quiz = checked.quiz  # the round these answers went into, finished or not
    if wants_json(request):
        results = {}
        for item in _check_views(quiz):
            if item.key in checked.marked:
                results[item.key] = {
                    "correct": item.mark.correct,
                    "score": item.mark.score,
                    "html": render_to_string("assessments/includes/check_result.html", {"item": item}, request),
                }
        return JsonResponse(
            {"results": results, "finished": quiz.finished, "right": quiz.right_count, "total": len(quiz.questions)}
        )
    if not checked.marked:
        if quiz.finished:
            messages.info(request, _("You already finished this quiz. Press “Try again” to answer it once more."))
        else:
            messages.info(request, _("Choose an answer first, then press “Check”."))
    anchor = f"question-{only}" if only else f"quiz-{block_id}"
    return redirect(f"{lesson.url}#{anchor}")


@require_POST
def retry_check(request, lesson_id, block_id):
    lesson = _lesson(lesson_id)
    learner = request.user if request.user.is_authenticated else None
    try:
        services.retry_check_quiz(learner=learner, lesson=lesson, block_id=block_id, session=request.session)
    except services.QuizRefused as refusal:
        messages.error(request, refusal.message)
    return redirect(f"{lesson.url}#quiz-{block_id}")


def _check_views(quiz):
    answered = quiz.answers
    return views_for(
        quiz.questions,
        seed=quiz.seed,
        responses={k: a.response for k, a in answered.items()},
        marks={k: a.mark for k, a in answered.items()},
        feedback={k: a.feedback for k, a in answered.items()},
        locked=set(answered),
    )
