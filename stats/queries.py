"""The statistics, computed in the database: one aggregate query per table, whatever the number of learners.

Who is counted: learners (not staff) whose profile says ``counted_in_statistics``. Everyone else is
left out of every figure and every export, here and in ``stats.exports``.

What the figures mean, for a period from ``start`` to ``end`` (whole days, site time zone):

* registered learners: counted learners who had signed up by the end of the period; new learners:
  those who signed up within it;
* active in the last 7 / 30 days: learners with learning activity in the 7 / 30 days before now;
* enrolments: courses joined in the period; completions: courses finished in the period;
* completion rate: of the enrolments made in the period, the share finished (by now);
* pass rate: of those enrolments whose learner took the final assessment, the share that passed;
* average score: mean best final-assessment score of those enrolments, out of 100 (stored scaled,
  0 to 1, as xAPI reports it); learning time: their time spent.

Where a learner is counted (region tables, region filters, gap indicators): their own profile's
province, prefecture and county when they gave a province; otherwise the county of their most
recently joined learning group that has one (with that county's prefecture and province). Learners a
trainer registered with a user name and PIN usually have no region of their own, and they are the
rural learners these tables are for: without this they would all be "Not given". Town or countryside
is the learner's own answer only (a learning group records no town or countryside). The place is a
per-row expression inside the same aggregate query (see ``_place_annotations``), so the number of
queries does not grow with the number of learners.
"""

import datetime
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Case, CharField, Count, F, Func, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Division, LearnerProfile
from learning.models import Enrolment

DEFAULT_PERIOD_DAYS = 365


@dataclass(frozen=True)
class StatsFilter:
    """What a statistics page or export is restricted to (all optional except the period)."""

    start: datetime.date
    end: datetime.date
    course_key: str | None = None
    province: str | None = None
    prefecture: str | None = None
    county: str | None = None
    area: str | None = None
    audience_group: str | None = None
    age_band: str | None = None
    group: int | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @classmethod
    def default(cls, *, today=None, **kwargs):
        today = today or timezone.localdate()
        return cls(start=today - timedelta(days=DEFAULT_PERIOD_DAYS - 1), end=today, **kwargs)

    @property
    def start_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def end_before(self):
        """The first instant after the period (the end date is included)."""
        return timezone.make_aware(datetime.datetime.combine(self.end + timedelta(days=1), datetime.time.min))

    def for_audit(self):
        """The filters as plain JSON, for the audit log."""
        values = asdict(self)
        values.pop("extra")
        values["start"] = self.start.isoformat()
        values["end"] = self.end.isoformat()
        return {key: value for key, value in values.items() if value not in (None, "")}

    @property
    def region_level(self):
        """The level a region table lists: provinces, a province's prefectures, or a prefecture's counties."""
        if self.prefecture or self.county:
            return "county"
        if self.province:
            return "prefecture"
        return "province"


# The learner's place as annotations on the queried rows (see the module docstring).
PLACE_FIELDS = ("province", "prefecture", "county")
# From a learning group's county up to the level of each place field.
GROUP_COUNTY_PATHS = {
    "province": "group__county__parent__parent",
    "prefecture": "group__county__parent",
    "county": "group__county",
}


def _place_annotations(prefix=""):
    """``place_province``, ``place_prefecture``, ``place_county``: own region, else the learning group's county."""
    from groups.models import Membership

    user = f"{prefix}pk" if prefix == "" else prefix.removesuffix("__")
    latest_group_with_county = Membership.objects.filter(learner=OuterRef(user), group__county__isnull=False).order_by(
        "-joined_at", "-pk"
    )
    own = Q(**{f"{prefix}learner_profile__province__isnull": False})
    return {
        f"place_{name}": Case(
            When(own, then=F(f"{prefix}learner_profile__{name}_id")),
            default=Subquery(latest_group_with_county.values(GROUP_COUNTY_PATHS[name])[:1]),
            output_field=CharField(),  # a division code
        )
        for name in PLACE_FIELDS
    }


def with_place(queryset, prefix=""):
    """``queryset`` (of users, or of rows whose ``prefix`` leads to the user) with the place annotations."""
    if "place_county" in queryset.query.annotations:
        return queryset
    return queryset.annotate(**_place_annotations(prefix))


def _needs_place(filters):
    return filters is not None and any(getattr(filters, name) for name in PLACE_FIELDS)


def learner_conditions(prefix=""):
    """Q for counted learners; ``prefix`` is the path from the queried model to the user."""
    return Q(**{f"{prefix}is_staff": False, f"{prefix}learner_profile__counted_in_statistics": True})


def _profile_conditions(filters, prefix=""):
    """Q for the filters that describe the learner (region, area, group of people, learning group)."""
    profile = f"{prefix}learner_profile__"
    lookups = {
        # Annotations made by with_place() (the caller adds them when a region is filtered on).
        "place_province": filters.province,
        "place_prefecture": filters.prefecture,
        "place_county": filters.county,
        f"{profile}area": filters.area,
        f"{profile}audience_group": filters.audience_group,
        f"{profile}age_band": filters.age_band,
        f"{prefix}group_memberships__group_id": filters.group,
    }
    return Q(**{key: value for key, value in lookups.items() if value not in (None, "")})


def counted_learners(filters=None):
    """The users counted in statistics (optionally restricted by the learner filters)."""
    queryset = get_user_model().objects.filter(learner_conditions())
    if _needs_place(filters):
        queryset = with_place(queryset)
    if filters is not None:
        queryset = queryset.filter(_profile_conditions(filters))
    return queryset


def counted_enrolments(filters=None):
    """Enrolments of counted learners (optionally restricted by the learner filters and the course)."""
    queryset = Enrolment.objects.filter(learner_conditions("learner__"))
    if _needs_place(filters):
        queryset = with_place(queryset, "learner__")
    if filters is not None:
        queryset = queryset.filter(_profile_conditions(filters, "learner__"))
        if filters.course_key:
            queryset = queryset.filter(course_key=filters.course_key)
    return queryset


@dataclass(frozen=True)
class Dimension:
    """A way to split the figures: the column on Enrolment and the same on User (None: no learner count)."""

    enrolment_path: str
    learner_path: str | None
    label: str


DIMENSIONS = {
    "course": Dimension("course_key", None, _("Course")),
    # The place annotations (with_place): a learner without a region of their own counts at their group's county.
    "province": Dimension("place_province", "place_province", _("Province")),
    "prefecture": Dimension("place_prefecture", "place_prefecture", _("City or prefecture")),
    "county": Dimension("place_county", "place_county", _("County or district")),
    "area": Dimension("learner__learner_profile__area", "learner_profile__area", _("Town or countryside")),
    "audience_group": Dimension(
        "learner__learner_profile__audience_group", "learner_profile__audience_group", _("Group of people")
    ),
    "age_band": Dimension("learner__learner_profile__age_band", "learner_profile__age_band", _("Age band")),
    "group": Dimension("learner__group_memberships__group", "group_memberships__group", _("Learning group")),
}


def _enrolment_aggregates(filters, now):
    in_period = Q(joined_at__gte=filters.start_at, joined_at__lt=filters.end_before)
    urban = Q(learner__learner_profile__area=LearnerProfile.Area.URBAN)
    rural = Q(learner__learner_profile__area=LearnerProfile.Area.RURAL)
    done = Q(completed_at__isnull=False)
    return {
        "learners": Count("learner", distinct=True, filter=in_period),
        "active_7": Count("learner", distinct=True, filter=Q(last_activity_at__gte=now - timedelta(days=7))),
        "active_30": Count("learner", distinct=True, filter=Q(last_activity_at__gte=now - timedelta(days=30))),
        "enrolments": Count("pk", filter=in_period),
        "completions": Count("pk", filter=Q(completed_at__gte=filters.start_at, completed_at__lt=filters.end_before)),
        "completed": Count("pk", filter=in_period & done),
        "assessed": Count("pk", filter=in_period & Q(score__isnull=False)),
        "passed": Count("pk", filter=in_period & Q(passed_at__isnull=False)),
        # A sum rather than Avg, so that rows can be added up (see gaps()).
        "score_sum": Sum("score", filter=in_period),
        "time_spent": Sum("time_spent", filter=in_period),
        "urban_enrolments": Count("pk", filter=in_period & urban),
        "urban_completed": Count("pk", filter=in_period & urban & done),
        "rural_enrolments": Count("pk", filter=in_period & rural),
        "rural_completed": Count("pk", filter=in_period & rural & done),
    }


def _learner_aggregates(filters):
    return {
        "registered": Count("pk", distinct=True, filter=Q(date_joined__lt=filters.end_before)),
        "new_learners": Count(
            "pk", distinct=True, filter=Q(date_joined__gte=filters.start_at, date_joined__lt=filters.end_before)
        ),
    }


def rate(part, whole):
    """A percentage with one decimal, or None when there is nothing to divide by."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


def _finish(row):
    """Derived figures of one row (a handful of rows: fine in Python)."""
    row["completion_rate"] = rate(row["completed"], row["enrolments"])
    row["pass_rate"] = rate(row["passed"], row["assessed"])
    row["urban_completion_rate"] = rate(row["urban_completed"], row["urban_enrolments"])
    row["rural_completion_rate"] = rate(row["rural_completed"], row["rural_enrolments"])
    if row["urban_completion_rate"] is not None and row["rural_completion_rate"] is not None:
        row["urban_rural_gap"] = round(row["urban_completion_rate"] - row["rural_completion_rate"], 1)
    else:
        row["urban_rural_gap"] = None
    # Enrolment.score is the xAPI scaled score (0 to 1): shown out of 100.
    score_sum = row.pop("score_sum")
    row["avg_score"] = (
        round(100 * score_sum / row["assessed"], 1) if row["assessed"] and score_sum is not None else None
    )
    spent = row.pop("time_spent") or timedelta()
    row["learning_hours"] = round(spent.total_seconds() / 3600, 1)
    return row


def overview(*, filters, now=None):
    """The national (or filtered) figures: one dict. Two queries."""
    now = now or timezone.now()
    row = counted_enrolments(filters).aggregate(**_enrolment_aggregates(filters, now))
    row.update(counted_learners(filters).aggregate(**_learner_aggregates(filters)))
    return _finish(row)


def breakdown(*, dimension, filters, now=None):
    """The figures split by ``dimension`` (a key of DIMENSIONS): a list of dicts with ``key`` and ``label``.

    Two aggregate queries plus one to name the keys, whatever the number of learners.
    """
    now = now or timezone.now()
    dim = DIMENSIONS[dimension]
    rows = {}
    enrolment_rows = (
        with_place(counted_enrolments(filters), "learner__")
        .values(key=F(dim.enrolment_path))
        .annotate(**_enrolment_aggregates(filters, now))
        .order_by()
    )
    for row in enrolment_rows:
        rows[row["key"]] = row
    if dim.learner_path:
        learner_rows = (
            with_place(counted_learners(filters))
            .values(key=F(dim.learner_path))
            .annotate(**_learner_aggregates(filters))
            .order_by()
        )
        empty = dict.fromkeys(_enrolment_aggregates(filters, now), 0) | {"score_sum": None, "time_spent": None}
        for row in learner_rows:
            rows.setdefault(row["key"], {"key": row["key"], **empty}).update(row)
    for row in rows.values():
        row.setdefault("registered", None)
        row.setdefault("new_learners", None)
        _finish(row)
    labels = key_labels(dimension, rows.keys())
    result = []
    for key, row in rows.items():
        row["label"] = labels.get(key, key)
        result.append(row)
    # Choices in their natural order (age bands by age), other rows by name; "not given" last.
    order = CHOICE_ORDER.get(dimension)
    if order:
        result.sort(key=lambda row: order.index(row["key"]) if row["key"] in order else len(order))
    elif dimension in ("province", "prefecture", "county"):
        result.sort(key=lambda row: (row["key"] is None, row["key"] or ""))  # GB/T 2260 order
    else:
        result.sort(key=lambda row: (row["key"] in (None, ""), str(row["label"])))
    return result


CHOICE_ORDER = {
    "area": list(LearnerProfile.Area.values),
    "audience_group": list(LearnerProfile.AudienceGroup.values),
    "age_band": list(LearnerProfile.AgeBand.values),
}
CHOICE_LABELS = {
    "area": LearnerProfile.Area,
    "audience_group": LearnerProfile.AudienceGroup,
    "age_band": LearnerProfile.AgeBand,
}
NOT_GIVEN = _("Not given")


def key_labels(dimension, keys):
    """Display names for the keys of a breakdown, in the active language: at most two queries."""
    keys = [key for key in keys if key not in (None, "")]
    labels = {None: NOT_GIVEN, "": NOT_GIVEN}
    if dimension in CHOICE_LABELS:
        labels.update(dict(CHOICE_LABELS[dimension].choices))
    elif dimension in ("province", "prefecture", "county"):
        labels.update({division.code: division.name for division in Division.objects.filter(code__in=keys)})
    elif dimension == "course":
        labels.update(course_titles(keys))
    elif dimension == "group":
        labels.update(group_labels(keys))
    return labels


def course_titles(keys):
    """Course titles by translation key, in the active language where translated."""
    from courses.models import CoursePage

    language = (get_language() or "zh-hans").lower()
    titles = {}
    pages = CoursePage.objects.filter(translation_key__in=keys).values_list(
        "translation_key", "title", "locale__language_code"
    )
    for key, title, page_language in pages:
        if key not in titles or page_language.lower() == language:
            titles[key] = title
    return titles


def group_labels(keys):
    """'Group name (trainer, trainer)' by group id: two queries."""
    from accounts.models import user_display
    from groups.models import LearningGroup

    labels = {}
    for group in LearningGroup.objects.filter(pk__in=keys).prefetch_related("trainers__learner_profile"):
        trainers = ", ".join(user_display(trainer) for trainer in group.trainers.all())
        labels[group.pk] = f"{group.name} ({trainers})" if trainers else group.name
    return labels


class SqlitePeriodStart(Func):
    """The local date a week (Monday) or month starts, with SQLite's own date functions.

    Django's TruncWeek/TruncMonth on SQLite call a Python function per row (seconds for a million
    enrolments); ``date(column, '+480 minutes', 'start of month')`` runs in C. Used only when the
    site's time zone keeps one UTC offset all year (Asia/Shanghai does); PostgreSQL truncates natively.
    """

    output_field = CharField()
    MODIFIERS = {"month": "'start of month'", "week": "'weekday 0', '-6 days'"}

    def __init__(self, column, *, kind, offset_minutes):
        super().__init__(F(column))
        self.kind = kind
        self.offset_minutes = int(offset_minutes)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, %s, {self.MODIFIERS[self.kind]})", [*params, f"{self.offset_minutes:+d} minutes"]


def _fixed_utc_offset_minutes(start, end):
    """The site time zone's UTC offset in minutes if it is the same throughout the period, else None."""
    zone = timezone.get_default_timezone()
    offsets = {
        zone.utcoffset(datetime.datetime(year, month, 1))
        for year in range(start.year, end.year + 1)
        for month in (1, 7)
    }
    if len(offsets) != 1:
        return None
    return offsets.pop().total_seconds() / 60


def _period_start(column, kind, filters):
    offset = _fixed_utc_offset_minutes(filters.start, filters.end)
    if connection.vendor == "sqlite" and offset is not None:
        return SqlitePeriodStart(column, kind=kind, offset_minutes=offset)
    return (TruncWeek if kind == "week" else TruncMonth)(column)


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value


def trend(*, filters, period="month"):
    """Registrations, enrolments and completions per week or month of the period: three queries."""
    kind = "week" if period == "week" else "month"

    def per_period(queryset, column):
        rows = (
            queryset.filter(**{f"{column}__gte": filters.start_at, f"{column}__lt": filters.end_before})
            .annotate(period=_period_start(column, kind, filters))
            .values("period")
            .annotate(n=Count("pk"))
            .values_list("period", "n")
            .order_by()
        )
        return {_as_date(moment): count for moment, count in rows}

    enrolments = counted_enrolments(filters)
    joined = per_period(enrolments, "joined_at")
    completed = per_period(enrolments, "completed_at")
    registered = per_period(counted_learners(filters), "date_joined")
    periods = sorted(set(joined) | set(completed) | set(registered))
    return [
        {
            "key": moment,
            "label": moment,
            "new_learners": registered.get(moment, 0),
            "enrolments": joined.get(moment, 0),
            "completions": completed.get(moment, 0),
        }
        for moment in periods
    ]


def _rollup(cells, key):
    """Add up raw (unfinished) rows by ``key(row)``: valid because every cell's learners are distinct
    (a learner has one region and one group of people), so even the distinct counts add up."""
    totals = {}
    for cell in cells:
        target = totals.setdefault(key(cell), {"key": key(cell)})
        for name, value in cell.items():
            if name in ("key", "region", "audience"):
                continue
            if value is None:
                target.setdefault(name, None)
            elif target.get(name) is None:
                target[name] = value
            else:
                target[name] += value
    return totals


def gaps(*, filters, now=None):
    """Gap indicators: regions, town and country, groups of people, each against the national figure.

    One enrolment query and one learner query, grouped by region and group of people together, then
    added up three ways: a full scan of a million enrolments once instead of three times.
    """
    now = now or timezone.now()
    level = filters.region_level
    region_path = DIMENSIONS[level]
    audience_path = DIMENSIONS["audience_group"]
    cells = {}
    enrolment_cells = (
        with_place(counted_enrolments(filters), "learner__")
        .values(region=F(region_path.enrolment_path), audience=F(audience_path.enrolment_path))
        .annotate(**_enrolment_aggregates(filters, now))
        .order_by()
    )
    for cell in enrolment_cells:
        cells[(cell["region"], cell["audience"])] = cell
    empty = dict.fromkeys(_enrolment_aggregates(filters, now), 0) | {"score_sum": None, "time_spent": None}
    learner_cells = (
        with_place(counted_learners(filters))
        .values(region=F(region_path.learner_path), audience=F(audience_path.learner_path))
        .annotate(**_learner_aggregates(filters))
        .order_by()
    )
    for cell in learner_cells:
        cells.setdefault((cell["region"], cell["audience"]), dict(empty)).update(cell)
    for cell in cells.values():
        cell.setdefault("registered", 0)
        cell.setdefault("new_learners", 0)
    national = _finish(_rollup(cells.values(), lambda cell: "all").get("all") or _empty_row(empty))
    regions = _labelled(level, _rollup(cells.values(), lambda cell: cell["region"]))
    audiences = _labelled("audience_group", _rollup(cells.values(), lambda cell: cell["audience"]))
    for row in regions + audiences:
        row["gap_to_national"] = (
            round(row["completion_rate"] - national["completion_rate"], 1)
            if row["completion_rate"] is not None and national["completion_rate"] is not None
            else None
        )
    return {"national": national, "regions": regions, "region_level": level, "audiences": audiences}


def _empty_row(empty):
    return {"key": "all", **empty, "registered": 0, "new_learners": 0}


def _labelled(dimension, rows):
    labels = key_labels(dimension, rows.keys())
    result = [_finish(row) | {"label": labels.get(key, key)} for key, row in rows.items()]
    order = CHOICE_ORDER.get(dimension)
    if order:
        result.sort(key=lambda row: order.index(row["key"]) if row["key"] in order else len(order))
    else:
        result.sort(key=lambda row: (row["key"] is None, row["key"] or ""))
    return result
