"""stats.queries: every figure against an independent computation over the raw rows, in Python."""

from collections import defaultdict
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.models import Enrolment
from stats import queries
from stats.queries import StatsFilter

from .conftest import NOW, enrol, make_learner


def counted(user):
    profile = getattr(user, "learner_profile", None)
    return not user.is_staff and profile is not None and profile.counted_in_statistics


def user_keys(user, dimension):
    """The keys a learner falls under: a list, since a learner may be in several learning groups."""
    if dimension == "group":
        return [membership.group_id for membership in user.group_memberships.all()] or [None]
    if dimension in ("province", "prefecture", "county"):
        return [place(user)[dimension]]
    value = getattr(
        user.learner_profile, f"{dimension}_id" if dimension in ("province", "prefecture", "county") else dimension
    )
    return [value]


def place(user):
    """Where a learner counts, the slow way: their own region, else their latest group's county."""
    profile = user.learner_profile
    if profile.province_id:
        return {"province": profile.province_id, "prefecture": profile.prefecture_id, "county": profile.county_id}
    memberships = sorted(user.group_memberships.all(), key=lambda m: (m.joined_at, m.pk), reverse=True)
    for membership in memberships:
        county = membership.group.county
        if county is not None:
            return {"province": county.parent.parent_id, "prefecture": county.parent_id, "county": county.code}
    return {"province": None, "prefecture": None, "county": None}


def expected(dimension, filters, now):
    """Figures computed the slow way: load every row, loop, count."""
    start, end = filters.start_at, filters.end_before
    users = [
        u
        for u in get_user_model()
        .objects.select_related("learner_profile")
        .prefetch_related("group_memberships__group__county__parent")
        if counted(u)
    ]
    by_id = {u.pk: u for u in users}
    tables = defaultdict(lambda: defaultdict(list))
    for enrolment in Enrolment.objects.all():
        user = by_id.get(enrolment.learner_id)
        if user is None:
            continue
        keys = [enrolment.course_key] if dimension == "course" else user_keys(user, dimension) if dimension else ["all"]
        for key in keys:
            tables[key]["enrolments_all"].append(enrolment)
    registered = defaultdict(lambda: [0, 0])
    if dimension != "course":
        for user in users:
            for key in user_keys(user, dimension) if dimension else ["all"]:
                registered[key][0] += user.date_joined < end
                registered[key][1] += start <= user.date_joined < end
    result = {}
    for key in set(tables) | set(registered):
        rows = tables[key]["enrolments_all"]
        cohort = [e for e in rows if start <= e.joined_at < end]
        scored = [e.score for e in cohort if e.score is not None]
        completed = sum(1 for e in cohort if e.completed_at)
        passed = sum(1 for e in cohort if e.passed_at)
        figures = {
            "learners": len({e.learner_id for e in cohort}),
            "active_7": len({e.learner_id for e in rows if e.last_activity_at >= now - timedelta(days=7)}),
            "active_30": len({e.learner_id for e in rows if e.last_activity_at >= now - timedelta(days=30)}),
            "enrolments": len(cohort),
            "completions": sum(1 for e in rows if e.completed_at and start <= e.completed_at < end),
            "completed": completed,
            "passed": passed,
            "completion_rate": round(completed * 100 / len(cohort), 1) if cohort else None,
            "pass_rate": round(passed * 100 / len(scored), 1) if scored else None,
            "avg_score": round(100 * sum(scored) / len(scored), 1) if scored else None,
            "learning_hours": round(sum((e.time_spent for e in cohort), timedelta()).total_seconds() / 3600, 1),
        }
        if dimension != "course":
            figures["registered"], figures["new_learners"] = registered[key]
        result[key] = figures
    return result


def compare(rows, wanted):
    got = {row["key"]: row for row in rows}
    assert set(got) == set(wanted)
    for key, figures in wanted.items():
        for name, value in figures.items():
            assert got[key][name] == value, (key, name)


@pytest.fixture
def period():
    return StatsFilter.default()


def test_overview_matches_the_raw_rows(dataset, period):
    row = queries.overview(filters=period, now=NOW)
    for name, value in expected(None, period, NOW)["all"].items():
        assert row[name] == value, name
    assert row["enrolments"] >= 27  # the dataset's enrolments in the period are counted


@pytest.mark.parametrize(
    "dimension", ["course", "province", "prefecture", "county", "area", "audience_group", "age_band"]
)
def test_breakdowns_match_the_raw_rows(dataset, period, dimension):
    compare(queries.breakdown(dimension=dimension, filters=period, now=NOW), expected(dimension, period, NOW))


def test_breakdown_by_learning_group_counts_members(dataset, period):
    from groups.models import LearningGroup, Membership

    group = LearningGroup.objects.create(name="青山村")
    group.trainers.add(get_user_model().objects.get(username="trainer"))
    for user in dataset["users"][:6]:
        Membership.objects.create(group=group, learner=user)
    rows = queries.breakdown(dimension="group", filters=period, now=NOW)
    compare(rows, expected("group", period, NOW))
    labelled = {row["key"]: row["label"] for row in rows}
    assert labelled[group.pk] == "青山村 (王老师)"


def test_filters_narrow_every_figure(dataset, period, regions):
    guangdong = StatsFilter(start=period.start, end=period.end, province="440000", area="rural")
    rows = queries.breakdown(dimension="county", filters=guangdong, now=NOW)
    by_key = {row["key"]: row for row in rows}
    # Seven rural learners in county 1, three in county 2 (the opted-out learner is not one of them).
    assert by_key[regions["gd1"].code]["registered"] == 7
    assert by_key[regions["gd2"].code]["registered"] == 3
    assert regions["sc"].code not in by_key


def test_a_shorter_period_leaves_older_enrolments_out(dataset, courses):
    week = StatsFilter(start=timezone.localdate() - timedelta(days=6), end=timezone.localdate())
    row = queries.overview(filters=week, now=NOW)
    for name, value in expected(None, week, NOW)["all"].items():
        assert row[name] == value, name
    assert row["enrolments"] == 12  # Sichuan's six learners, two courses each


def test_opted_out_and_staff_are_never_counted(dataset, period, regions):
    before = queries.overview(filters=period, now=NOW)
    assert before["enrolments"] == expected(None, period, NOW)["all"]["enrolments"]
    profile = dataset["opted_out"].learner_profile
    profile.counted_in_statistics = True
    profile.save()
    after = queries.overview(filters=period, now=NOW)
    assert after["enrolments"] == before["enrolments"] + 2
    assert after["registered"] == before["registered"] + 1
    # Staff enrolments are in no figure: only counted learners' enrolments were added.
    staff_rows = Enrolment.objects.filter(learner__username="stats-staff").count()
    assert staff_rows == 1


def test_trend_totals_match_per_month(dataset, period):
    rows = queries.trend(filters=period, period="month")
    counts = defaultdict(int)
    for enrolment in Enrolment.objects.select_related("learner__learner_profile"):
        if counted(enrolment.learner) and period.start_at <= enrolment.joined_at < period.end_before:
            counts[timezone.localtime(enrolment.joined_at).strftime("%Y-%m")] += 1
    assert {row["label"].strftime("%Y-%m"): row["enrolments"] for row in rows if row["enrolments"]} == dict(counts)
    weekly = queries.trend(filters=period, period="week")
    assert sum(row["enrolments"] for row in weekly) == sum(counts.values())
    assert all(row["label"].weekday() == 0 for row in weekly)  # weeks start on Monday


def test_gaps_are_differences_to_the_national_rate(dataset, period, regions):
    data = queries.gaps(filters=period, now=NOW)
    national = data["national"]["completion_rate"]
    assert data["region_level"] == "province"
    for row in data["regions"] + data["audiences"]:
        if row["completion_rate"] is not None:
            assert row["gap_to_national"] == round(row["completion_rate"] - national, 1)
    # Added up from one query grouped two ways, they equal the separate computations.
    compare(data["regions"], expected("province", period, NOW))
    compare(data["audiences"], expected("audience_group", period, NOW))
    for name, value in expected(None, period, NOW)["all"].items():
        assert data["national"][name] == value, name
    sichuan = next(row for row in data["regions"] if row["key"] == "510000")
    assert sichuan["completion_rate"] == round(100 * 2 / 12, 1)
    overall = queries.overview(filters=period, now=NOW)
    assert overall["urban_rural_gap"] == round(overall["urban_completion_rate"] - overall["rural_completion_rate"], 1)


def test_query_count_does_not_grow_with_learners(dataset, period, courses, regions):
    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            for dimension in ("course", "province", "group", "audience_group"):
                queries.breakdown(dimension=dimension, filters=period, now=NOW)
            queries.overview(filters=period, now=NOW)
            queries.trend(filters=period)
            queries.gaps(filters=period, now=NOW)
        return len(captured)

    before = count_queries()
    for number in range(30):
        user = make_learner(f"more-{number}", county=regions["sc"], area="urban")
        enrol(user, courses[0], completed=True, score=0.88)
    assert count_queries() == before


@pytest.fixture
def leishan_group(dataset, courses):
    """A class registered to 贵州/黔东南/雷山 with 17 learners: 15 PIN learners without a region of their
    own, one who gave a Sichuan county, one who gave only "countryside"."""
    from accounts.models import Division
    from groups.models import LearningGroup, Membership

    leishan = Division.objects.get(name_zh="雷山县")
    group = LearningGroup.objects.create(name="雷山县西江镇学习小组", place="西江镇", county=leishan)
    members = []
    for number in range(15):
        user = get_user_model().objects.create(username=f"pin-{number}", date_joined=NOW - timedelta(days=50))
        enrol(user, courses[0], days_ago=10, completed=number < 5)
        members.append(user)
    own = make_learner("own-region", county=dataset["regions"]["sc"], area="rural")
    area_only = get_user_model().objects.create(username="area-only", date_joined=NOW - timedelta(days=50))
    area_only.learner_profile.area = "rural"
    area_only.learner_profile.save()
    for user in [*members, own, area_only]:
        Membership.objects.create(group=group, learner=user, joined_at=NOW - timedelta(days=40))
    return {"group": group, "county": leishan, "members": members, "own": own}


@pytest.mark.parametrize("dimension", ["province", "prefecture", "county"])
def test_learners_without_a_region_count_at_their_groups_county(leishan_group, period, dimension):
    rows = queries.breakdown(dimension=dimension, filters=period, now=NOW)
    compare(rows, expected(dimension, period, NOW))
    county = leishan_group["county"]
    key = {"county": county.code, "prefecture": county.parent_id, "province": county.parent.parent_id}[dimension]
    by_key = {row["key"]: row for row in rows}
    # 16 of the 17 (everyone but the learner who gave a Sichuan county), not "Not given".
    assert by_key[key]["registered"] == 16
    assert (
        by_key[key]["label"]
        == {"county": "雷山县", "prefecture": "黔东南苗族侗族自治州", "province": "贵州省"}[dimension]
    )
    assert by_key[key]["enrolments"] == 15 and by_key[key]["completions"] == 5


def test_region_filter_and_gaps_use_the_groups_county(leishan_group, period):
    county = leishan_group["county"]
    leishan = StatsFilter(
        start=period.start,
        end=period.end,
        province=county.parent.parent_id,
        prefecture=county.parent_id,
        county=county.code,
    )
    assert queries.overview(filters=leishan, now=NOW)["registered"] == 16
    gaps = queries.gaps(filters=period, now=NOW)
    by_key = {row["key"]: row for row in gaps["regions"]}
    assert by_key[county.parent.parent_id]["registered"] == 16
    # The learner's own region wins over the group's: "own-region" stays in Sichuan.
    sichuan = StatsFilter(start=period.start, end=period.end, county=leishan_group["own"].learner_profile.county_id)
    assert "own-region" in set(queries.counted_learners(sichuan).values_list("username", flat=True))


def test_a_learner_counts_at_the_group_joined_last(leishan_group, period, regions):
    from groups.models import LearningGroup, Membership

    newer = LearningGroup.objects.create(name="新的小组", county=regions["gd2"])
    learner = leishan_group["members"][0]
    Membership.objects.create(group=newer, learner=learner, joined_at=NOW - timedelta(days=5))
    rows = {row["key"]: row for row in queries.breakdown(dimension="county", filters=period, now=NOW)}
    assert rows[leishan_group["county"].code]["registered"] == 15
    compare(queries.breakdown(dimension="county", filters=period, now=NOW), expected("county", period, NOW))


def test_region_query_count_does_not_grow_with_group_learners(leishan_group, period, courses):
    from groups.models import Membership

    county = leishan_group["county"]
    filtered = StatsFilter(start=period.start, end=period.end, province=county.parent.parent_id)

    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            for dimension in ("province", "prefecture", "county"):
                queries.breakdown(dimension=dimension, filters=filtered, now=NOW)
            queries.overview(filters=filtered, now=NOW)
            queries.gaps(filters=filtered, now=NOW)
        return len(captured)

    before = count_queries()
    for number in range(30):
        user = get_user_model().objects.create(username=f"more-pin-{number}", date_joined=NOW - timedelta(days=9))
        Membership.objects.create(group=leishan_group["group"], learner=user)
        enrol(user, courses[0], days_ago=3)
    assert count_queries() == before
    assert queries.overview(filters=filtered, now=NOW)["registered"] == 46
