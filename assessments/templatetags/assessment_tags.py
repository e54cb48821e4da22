"""Template tags for quizzes inside other apps' pages: the lesson quiz block and the course page."""

import time

from django import template
from wagtail.models import Locale

from assessments import services
from assessments.device import device_checks
from assessments.display import views_for
from assessments.models import AssessmentPage, Attempt

register = template.Library()


@register.simple_tag(takes_context=True)
def check_quiz(context, lesson, block_id, value):
    """A lesson quiz as the reader sees it now, or None outside a lesson (e.g. a block preview)."""
    request = context.get("request")
    if lesson is None or not block_id or request is None:
        return None
    user = getattr(request, "user", None)
    learner = user if user is not None and user.is_authenticated else None
    state = services.check_quiz(
        learner=learner, lesson=lesson, block_id=block_id, block_value=value, session=getattr(request, "session", None)
    )
    items = views_for(
        state.questions,
        seed=state.seed,
        responses={k: a.response for k, a in state.answers.items()},
        marks={k: a.mark for k, a in state.answers.items()},
        feedback={k: a.feedback for k, a in state.answers.items()},
        locked=set(state.answers),
    )
    # Only the questions still to answer need checking on the phone (see assessments.device).
    unanswered = [q for q in state.questions if str(q.translation_key) not in state.answers]
    return {"state": state, "items": items, "shown": int(time.time()), "device": device_checks(unanswered)}


@register.simple_tag
def hotspot_picture(item):
    """The screenshot of a tap-the-spot question, at twice the width it is shown at.

    ``<input type="image">`` (which sends the tapped point without JavaScript) has no ``srcset``, so
    its one source is the 2x rendition: sharp on the usual 2x phone screens. Its ``width`` and
    ``height`` attributes keep it at ``item.hotspot`` size, so taps are still measured in displayed
    pixels, as ``answers.parse_answer`` expects. Wagtail never enlarges: a narrow original stays as is.
    """
    return item.question.image.get_rendition(f"width-{2 * item.hotspot['width']}")


@register.inclusion_tag("assessments/includes/course_final_test.html", takes_context=True)
def course_final_test(context, course):
    """The course's final test (in the active language) and the learner's standing in it."""
    request = context.get("request")
    locale = Locale.get_active()
    tests = list(AssessmentPage.objects.live().child_of(course).filter(locale=locale).order_by("path")[:1]) or list(
        AssessmentPage.objects.live().child_of(course).order_by("path")[:1]
    )
    if not tests:
        return {"test": None}
    test = tests[0]
    user = getattr(request, "user", None)
    passed = best = None
    if user is not None and user.is_authenticated:
        scores = list(
            Attempt.objects.filter(
                learner=user, quiz_key=test.translation_key, kind=Attempt.Kind.ASSESSMENT, score__isnull=False
            ).values_list("score", "passed")
        )
        passed = any(p for _s, p in scores)
        best = round(100 * max(s for s, _p in scores)) if scores else None
    return {"test": test, "passed": passed, "best": best, "request": request}
