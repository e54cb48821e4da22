"""Who may see authors' question statistics: one answer for the admin panels, reports and hooks."""

STATISTICS_PERMISSION = "assessments.view_statistics_question"


def can_see_statistics(user):
    return bool(user and user.is_authenticated and user.has_perm(STATISTICS_PERMISSION))
