"""Small-cell suppression for aggregate tables (Personal Information Protection Law).

A count of one to four learners can point at a person in a small village, so aggregate cells below
``MIN_CELL`` show "<5", and figures derived from fewer than ``MIN_CELL`` learners (rates, averages,
hours, gaps) show "–", unless the viewer holds ``stats.view_personal_data``. Zero is shown: it
identifies nobody.
"""

from django.utils.translation import gettext_lazy as _

MIN_CELL = 5
SMALL_COUNT = "<5"
WITHHELD = "–"
PERSONAL_DATA_PERMISSION = "stats.view_personal_data"

COUNT_FIELDS = (
    "registered",
    "new_learners",
    "learners",
    "active_7",
    "active_30",
    "enrolments",
    "completions",
    "completed",
    "assessed",
    "passed",
    "urban_enrolments",
    "urban_completed",
    "rural_enrolments",
    "rural_completed",
)
# Derived figures and the count that is their base: withheld when that base is small.
DERIVED_FIELDS = {
    "completion_rate": "learners",
    "pass_rate": "assessed",
    "avg_score": "assessed",
    "learning_hours": "learners",
    "gap_to_national": "learners",
    "urban_completion_rate": "urban_enrolments",
    "rural_completion_rate": "rural_enrolments",
    "urban_rural_gap": "learners",
}
SUPPRESSION_NOTE = _('Cells counting fewer than 5 learners show "<5"; figures drawn from them show "–".')


def may_see_small_counts(user):
    return user.has_perm(PERSONAL_DATA_PERMISSION)


def is_small(value):
    return isinstance(value, int) and 0 < value < MIN_CELL


def suppress_row(row):
    """A copy of an aggregate row with small cells replaced; the row's own figures are not changed."""
    shown = dict(row)
    for name in COUNT_FIELDS:
        if is_small(row.get(name)):
            shown[name] = SMALL_COUNT
    for name, base in DERIVED_FIELDS.items():
        if row.get(name) is not None and (is_small(row.get(base)) or is_small(row.get("learners"))):
            shown[name] = WITHHELD
    return shown


def apply_privacy(rows, *, reveal):
    """Rows as the viewer may see them: unchanged with the personal-data permission, else suppressed."""
    if reveal:
        return list(rows)
    return [suppress_row(row) for row in rows]
