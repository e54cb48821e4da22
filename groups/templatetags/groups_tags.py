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
    }


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
