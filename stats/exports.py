"""Learner-level rows and raw xAPI statements for export, read in chunks, and the audit trail of exports.

Rows are read by keyset pagination (``pk > last ORDER BY pk LIMIT n``): constant memory, the same on
SQLite and PostgreSQL, and each chunk's groups and trainers are fetched in one more query, so a
million rows never mean a million queries.
"""

from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from accounts.models import Division, LearnerProfile
from xapi.models import Statement

from .models import ExportRecord
from .queries import _profile_conditions, counted_enrolments, course_titles, learner_conditions

EXPORT_ACTION = "stats.export"
CHUNK_SIZE = 5000

LEARNER_COLUMNS = [
    ("learner_id", _("Learner id")),
    ("name", _("Name")),
    ("phone", _("Mobile phone number")),
    ("course", _("Course")),
    ("status", _("Status")),
    ("progress_percent", _("Progress (%)")),
    ("score", _("Final assessment score (of 100)")),
    ("joined_at", _("Joined")),
    ("last_activity_at", _("Last active")),
    ("completed_at", _("Completed")),
    ("passed_at", _("Final assessment passed")),
    ("learning_minutes", _("Learning time (minutes)")),
    ("province", _("Province")),
    ("prefecture", _("City or prefecture")),
    ("county", _("County or district")),
    ("area", _("Town or countryside")),
    ("audience_group", _("Group of people")),
    ("age_band", _("Age band")),
    ("group", _("Learning group")),
    ("trainer", _("Trainer")),
]

STATUS_ENROLLED = _("Enrolled")
STATUS_IN_PROGRESS = _("In progress")
STATUS_COMPLETED = _("Completed")


# The columns one learner-level export row is read from (also the benchmark's baseline rows).
LEARNER_ROW_FIELDS = (
    "pk",
    "learner_id",
    "learner__xapi_id",
    "learner__learner_profile__display_name",
    "learner__first_name",
    "learner__last_name",
    "learner__username",
    "course_key",
    "progress_percent",
    "score",
    "joined_at",
    "last_activity_at",
    "completed_at",
    "passed_at",
    "time_spent",
    "learner__learner_profile__province_id",
    "learner__learner_profile__prefecture_id",
    "learner__learner_profile__county_id",
    "learner__learner_profile__area",
    "learner__learner_profile__audience_group",
    "learner__learner_profile__age_band",
)


def learner_columns(*, include_phone):
    return [column for column in LEARNER_COLUMNS if include_phone or column[0] != "phone"]


def learner_enrolments(filters):
    """The enrolments a learner-level export lists: counted learners, joined in the period."""
    return counted_enrolments(filters).filter(joined_at__gte=filters.start_at, joined_at__lt=filters.end_before)


def _group_lookup(learner_ids, trainers_by_group):
    """{learner id: (group names, trainer names)} for one chunk; trainers cached across chunks."""
    from groups.models import LearningGroup, Membership

    memberships = Membership.objects.filter(learner_id__in=learner_ids).order_by("joined_at", "pk")
    pairs = list(memberships.values_list("learner_id", "group_id", "group__name"))
    missing = {group_id for _learner, group_id, _name in pairs} - trainers_by_group.keys()
    if missing:
        for group_id in missing:
            trainers_by_group[group_id] = []
        # The link table read directly: one query, no model instance per trainer.
        links = LearningGroup.trainers.through.objects.filter(learninggroup_id__in=missing).order_by("pk")
        for group_id, display_name, first_name, last_name, username in links.values_list(
            "learninggroup_id",
            "user__learner_profile__display_name",
            "user__first_name",
            "user__last_name",
            "user__username",
        ):
            # The same name as accounts.models.user_display.
            name = display_name or f"{first_name} {last_name}".strip() or username
            trainers_by_group[group_id].append(name)
    lookup = {}
    for learner_id, group_id, name in pairs:
        groups, trainers = lookup.setdefault(learner_id, ([], []))
        groups.append(name)
        trainers.extend(trainer for trainer in trainers_by_group.get(group_id, []) if trainer not in trainers)
    return lookup


def learner_rows(*, filters, include_phone, chunk_size=CHUNK_SIZE):
    """One dict per learner and course, read ``chunk_size`` enrolments at a time."""
    english = (get_language() or "").startswith("en")
    division_names = dict(Division.objects.values_list("code", "name_en" if english else "name_zh"))
    # Translated once, not once per row.
    choice_labels = {
        "area": {key: str(label) for key, label in LearnerProfile.Area.choices},
        "audience_group": {key: str(label) for key, label in LearnerProfile.AudienceGroup.choices},
        "age_band": {key: str(label) for key, label in LearnerProfile.AgeBand.choices},
    }
    completed, in_progress, enrolled = str(STATUS_COMPLETED), str(STATUS_IN_PROGRESS), str(STATUS_ENROLLED)
    titles = {}
    trainers_by_group = {}
    fields = list(LEARNER_ROW_FIELDS)
    if include_phone:
        fields.append("learner__phone")
    queryset = learner_enrolments(filters).order_by("pk").values(*fields)
    last_pk = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last_pk)[:chunk_size])
        if not chunk:
            return
        last_pk = chunk[-1]["pk"]
        groups = _group_lookup({row["learner_id"] for row in chunk}, trainers_by_group)
        new_keys = {row["course_key"] for row in chunk} - titles.keys()
        if new_keys:
            titles.update(course_titles(new_keys))
        for row in chunk:
            profile = "learner__learner_profile__"
            group_names, trainers = groups.get(row["learner_id"], ((), ()))
            if row["completed_at"]:
                status = completed
            elif row["progress_percent"]:
                status = in_progress
            else:
                status = enrolled
            name = (
                row[f"{profile}display_name"]
                or f"{row['learner__first_name']} {row['learner__last_name']}".strip()
                or row["learner__username"]
            )
            yield {
                "learner_id": str(row["learner__xapi_id"]),
                "name": name,
                "phone": row.get("learner__phone") or "",
                "course": titles.get(row["course_key"], str(row["course_key"])),
                "status": status,
                "progress_percent": row["progress_percent"],
                "score": None if row["score"] is None else round(100 * row["score"], 1),
                "joined_at": row["joined_at"],
                "last_activity_at": row["last_activity_at"],
                "completed_at": row["completed_at"],
                "passed_at": row["passed_at"],
                "learning_minutes": round(row["time_spent"].total_seconds() / 60) if row["time_spent"] else 0,
                "province": division_names.get(row[f"{profile}province_id"], ""),
                "prefecture": division_names.get(row[f"{profile}prefecture_id"], ""),
                "county": division_names.get(row[f"{profile}county_id"], ""),
                "area": choice_labels["area"].get(row[f"{profile}area"], ""),
                "audience_group": choice_labels["audience_group"].get(row[f"{profile}audience_group"], ""),
                "age_band": choice_labels["age_band"].get(row[f"{profile}age_band"], ""),
                "group": ", ".join(group_names),
                "trainer": ", ".join(trainers),
            }


def exported_statements(filters):
    """Statements stored in the period, not voided, of counted learners (or of no learner of ours).

    When a learner filter (region, group of people, learning group) is set, only statements of
    learners that match it.
    """
    queryset = Statement.objects.filter(
        stored__gte=filters.start_at, stored__lt=filters.end_before, voided=False
    ).filter(Q(learner__isnull=True) | learner_conditions("learner__"))
    learner_filter = _profile_conditions(filters, "learner__")
    if learner_filter:
        queryset = queryset.filter(learner_filter)
    return queryset


def statement_lines(*, filters, chunk_size=CHUNK_SIZE, chunk_bytes=64 * 1024):
    """The statements as JSON lines (UTF-8 bytes, in chunks of about 64 KB), as stored."""
    # The stored JSON text itself: no parsing and re-serialising a million statements.
    queryset = exported_statements(filters).order_by("pk").annotate(text=Cast("data", TextField()))
    last_pk = 0
    buffer = []
    size = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last_pk).values_list("pk", "text")[:chunk_size])
        if not chunk:
            break
        last_pk = chunk[-1][0]
        for _pk, text in chunk:
            line = text.replace("\n", " ") + "\n"
            buffer.append(line)
            size += len(line)
            if size >= chunk_bytes:
                yield "".join(buffer).encode("utf-8")
                buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


@transaction.atomic
def record_export(*, user, kind, file_format, filters, row_count, report="", with_phone_numbers=False):
    """Write the export to the audit trail: an ExportRecord and a Wagtail log entry (site history)."""
    record = ExportRecord.objects.create(
        kind=kind,
        report=report,
        file_format=file_format,
        filters=filters,
        row_count=row_count,
        with_phone_numbers=with_phone_numbers,
        user=user,
    )
    log(
        instance=record,
        action=EXPORT_ACTION,
        user=user,
        data={
            "kind": kind,
            "report": report,
            "format": file_format,
            "filters": filters,
            "rows": row_count,
            "with_phone_numbers": with_phone_numbers,
        },
    )
    return record
