"""Thin views for the learner's actions; each is a plain POST so nothing depends on JavaScript.

The same POSTs also arrive later from a phone that kept them while offline
(offline/static/offline/offline-forms.js, sent with ``X-Requested-With: fetch``): they are recorded
exactly the same way (in the session for a visitor, handed over at sign-in; as the learner's own
statements when signed in) and answered with JSON, without a message for a page nobody is looking at.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from courses.models import CoursePage, LessonPage

from . import services


def _sent_later(request):
    return request.headers.get("X-Requested-With") == "fetch"


@require_POST
def join_course(request, course_id):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if not request.user.is_authenticated:
        return redirect_to_login(course.url)
    services.join_course(learner=request.user, course=course)
    if _sent_later(request):
        return JsonResponse({"joined": course.pk})
    messages.success(request, _("You joined “%(course)s”. Start with the first lesson.") % {"course": course.title})
    first = course.lessons().first()
    return redirect(first.url if first else course.url)


@require_POST
def mark_lesson_done(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    if request.user.is_authenticated:
        services.record_lesson_completed(learner=request.user, lesson=lesson)
        if _sent_later(request):
            return JsonResponse({"done": lesson.pk, "kept_in": "account"})
        messages.success(request, _("Well done! “%(lesson)s” is marked as finished.") % {"lesson": lesson.title})
    else:
        services.remember_anonymous_completion(session=request.session, lesson=lesson)
        if _sent_later(request):
            return JsonResponse({"done": lesson.pk, "kept_in": "session"})
        messages.success(
            request,
            _("Well done! Your progress is kept on this phone. Sign in or sign up to keep it for good."),
        )
    next_lesson = lesson.get_next_siblings().live().type(LessonPage).first()
    return redirect(next_lesson.url if next_lesson else lesson.get_parent().url)


@require_POST
def practice_task_done(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    task_id = request.POST.get("task", "")
    if task_id not in {block.id for block in lesson.body if block.block_type == "try_it"}:
        return HttpResponseBadRequest(_("This practice task does not exist in this lesson."))
    if request.user.is_authenticated:
        services.record_practice_done(learner=request.user, lesson=lesson, task_id=task_id)
    else:
        services.remember_anonymous_practice(session=request.session, lesson=lesson, task_id=task_id)
    if _sent_later(request):
        return JsonResponse({"done": task_id})
    messages.success(request, _("Great, you did it yourself!"))
    return redirect(f"{lesson.url}#task-{task_id}")


@login_required
@require_safe
def my_courses(request):
    """My courses, what is next in each, what trainers assigned (with due dates) and my certificates."""
    return render(request, "learning/my_courses.html", {"mine": services.my_courses(learner=request.user)})
