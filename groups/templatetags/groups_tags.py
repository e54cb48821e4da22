"""Template tags of the group pages: header links (messages, "My groups") and progress cells."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from groups import notifications, permissions
from groups.progress import COMPLETED, IN_PROGRESS, PASSED

register = template.Library()


@register.inclusion_tag("groups/includes/nav_links.html", takes_context=True)
def group_nav_links(context):
    user = context["request"].user
    return {
        "unread": notifications.unread_count(user),
        "is_trainer": permissions.is_trainer(user),
        "in_group": user.is_authenticated and user.group_memberships.exists(),
    }


@register.inclusion_tag("groups/includes/ask_help_form.html", takes_context=True)
def ask_help(context, lesson=None):
    """The learner's "Ask my trainer for help" button: only for learners in a group (two queries)."""
    from groups.forms import AskForHelpForm
    from groups.models import HelpRequest

    request = context["request"]
    user = request.user
    in_group = user.is_authenticated and user.group_memberships.exists()
    waiting = None
    if in_group:
        key = str(lesson.translation_key) if lesson is not None else ""
        waiting = HelpRequest.objects.filter(learner=user, lesson_key=key, resolved_at__isnull=True).first()
    return {
        "in_group": in_group,
        "waiting": waiting,
        "lesson": lesson,
        "form": AskForHelpForm(initial={"lesson": lesson.pk if lesson is not None else None}),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def sign_in_waiting_until(learner):
    """The local time until which ``learner``'s account waits after wrong PINs, or None."""
    from accounts import sign_in_wait

    return sign_in_wait.waiting_until(user=learner)


@register.simple_tag
def progress_cell(cell):
    """One learner's standing in one assignment, in words (colour only repeats them).

    Built in Python rather than with an included template: the group page draws thousands of cells.
    """
    if not cell.applies:
        return format_html('<span class="cell-na">{}</span>', gettext("not assigned"))
    if cell.status == PASSED:
        text = format_html('<span aria-hidden="true">★</span> {}', gettext("Passed"))
        if cell.score is not None:
            text = format_html("{} {}%", text, cell.score)
    elif cell.status == COMPLETED:
        text = format_html('<span aria-hidden="true">✓</span> {}', gettext("Completed"))
    elif cell.status == IN_PROGRESS and not cell.percent:
        # Joined but no lesson done yet: "in progress 0%" reads like a fault to a learner.
        text = gettext("Joined, not started yet")
    elif cell.status == IN_PROGRESS:
        text = gettext("In progress %(percent)s%%") % {"percent": cell.percent}
    else:
        text = gettext("Not started")
    overdue = ""
    if cell.overdue:
        overdue = format_html(
            '<strong class="overdue-flag"><span aria-hidden="true">!</span> {}</strong>', gettext("Overdue")
        )
    classes = f"cell cell-{cell.status}" + (" cell-overdue" if cell.overdue else "")
    return format_html('<span class="{}">{}{}</span>', classes, text, overdue)
