"""What the learning app adds to the course pages, which sit below it and do not import it."""

from wagtail import hooks

from courses.models import CoursePage, HomePage, LessonPage
from lms.page_context import PAGE_CONTEXT_HOOK

from .services import continue_learning, course_progress


@hooks.register(PAGE_CONTEXT_HOOK, order=-10)  # before the hooks that read the progress
def add_progress(*, page, request, context):
    """The learner's (or anonymous reader's) standing on the home, course and lesson pages."""
    if isinstance(page, HomePage):
        context["continue_learning"] = continue_learning(learner=request.user)
    elif isinstance(page, CoursePage):
        context["progress"] = course_progress(
            learner=request.user, course=page, lessons=context["lessons"], request=request
        )
    elif isinstance(page, LessonPage):
        context["progress"] = course_progress(
            learner=request.user, course=context["course"], lessons=context["lessons"], request=request
        )
