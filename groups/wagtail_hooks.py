"""Trainer and administrator roles are granted in the Wagtail admin (Settings → Groups); trainers'
security actions are named for the audit log."""

from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.sign_in_wait import LIFT_ACTION
from courses.models import CoursePage, HomePage
from learning.services import MY_COURSES_HOOK
from lms.page_context import PAGE_CONTEXT_HOOK

from .progress import course_assignment, learner_assignments


@hooks.register("register_permissions")
def register_group_permissions():
    return Permission.objects.filter(
        content_type__app_label="groups", codename__in=["act_as_trainer", "manage_all_groups"]
    )


@hooks.register("register_log_actions")
def register_sign_in_wait_action(actions):
    actions.register_action(
        LIFT_ACTION, _("Let a learner sign in again"), _("Let the learner sign in again after wrong PINs")
    )


@hooks.register(PAGE_CONTEXT_HOOK)
def add_assignments(*, page, request, context):
    """Courses a trainer assigned: first on a signed-in learner's home page, and on the course's page."""
    if not request.user.is_authenticated:
        return
    if isinstance(page, HomePage):
        context["assignments"] = learner_assignments(learner=request.user)
    elif isinstance(page, CoursePage):
        context["assignment"] = course_assignment(learner=request.user, course=page)


@hooks.register(MY_COURSES_HOOK)
def add_my_assignments(*, learner, mine):
    mine.assignments = learner_assignments(learner=learner)
