"""Synthetic learners at national scale, for benchmarks and for trying the statistics pages.

Learners are spread over China's provinces (weighted by population), their counties, town and
countryside, groups of people and age bands; each takes several courses with progress, scores,
learning time and, for finished courses, the xAPI "completed" statement. Completion depends on
area, group of people and province, so the gap indicators have gaps to show.

Everything is written with ``bulk_create`` in batches. The progress summaries are written directly
rather than projected from statements through ``xapi.services.store_statements`` (which projects
one statement at a time: hours for a million rows); the statements are still built with
``xapi.records.build_statement`` (tincan), so their shape is the real one.
"""

import random
import time
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries, transaction
from django.utils import timezone

from accounts.models import Division, LearnerProfile
from learning.models import Enrolment

# Approximate population (millions, 2020 census) by province code prefix: learners follow people.
PROVINCE_WEIGHTS = {
    "11": 22, "12": 14, "13": 75, "14": 35, "15": 24, "21": 43, "22": 24, "23": 32, "31": 25, "32": 85,
    "33": 65, "34": 61, "35": 41, "36": 45, "37": 102, "41": 99, "42": 58, "43": 66, "44": 126, "45": 50,
    "46": 10, "50": 32, "51": 84, "52": 39, "53": 47, "54": 4, "61": 40, "62": 25, "63": 6, "64": 7, "65": 26,
}  # fmt: skip
AUDIENCES = [("farmers", 35), ("elderly", 25), ("students", 20), ("everyone", 15), ("", 5)]
AGE_BANDS_BY_AUDIENCE = {
    "farmers": [("35-59", 60), ("18-34", 25), ("60-69", 15)],
    "elderly": [("60-69", 55), ("70plus", 45)],
    "students": [("under18", 55), ("18-34", 45)],
    "everyone": [("18-34", 40), ("35-59", 45), ("60-69", 15)],
    "": [("", 60), ("35-59", 40)],
}
COMPLETION_EFFECT = {"farmers": -0.05, "elderly": -0.15, "students": 0.10, "everyone": 0.0, "": -0.05}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国玉兰"
LEARNER_BATCH = 2000
# Django treats a password starting with "!" as unusable: these accounts cannot sign in.
UNUSABLE_PASSWORD = "!load-test"  # noqa: S105


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


class Command(BaseCommand):
    help = "Create synthetic learners, enrolments, progress and xAPI statements for load tests."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=1000)
        parser.add_argument("--courses-per-learner", type=int, default=10, help="average enrolments per learner")
        parser.add_argument("--learners-per-group", type=int, default=40)
        parser.add_argument("--no-statements", action="store_true", help="skip the xAPI statements")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, learners, courses_per_learner, learners_per_group, no_statements, seed, **options):
        if learners < 1:
            raise CommandError("--learners must be at least 1.")
        started = time.monotonic()
        rng = random.Random(seed)  # noqa: S311 (reproducible synthetic data, not secrets)
        self.now = timezone.now()
        courses = self.ensure_courses(courses_per_learner + courses_per_learner // 5 + 1)
        provinces, counties = self.load_regions()
        province_effect = {code: rng.uniform(-0.12, 0.12) for code in provinces}
        groups_by_county = {}
        run = uuid.uuid4().hex[:8]
        phone_base = self.next_phone_number()
        totals = {"learners": 0, "enrolments": 0, "statements": 0, "groups": 0}
        templates = None if no_statements else self.statement_templates(courses)
        for first in range(0, learners, LEARNER_BATCH):
            size = min(LEARNER_BATCH, learners - first)
            with transaction.atomic():
                users, profiles = self.make_learners(rng, run, first, size, provinces, counties, phone_base)
                enrolments = self.make_enrolments(rng, users, profiles, courses, courses_per_learner, province_effect)
                totals["groups"] += self.make_memberships(
                    rng, run, users, profiles, groups_by_county, learners_per_group
                )
                if templates:
                    totals["statements"] += self.make_statements(users, enrolments, templates)
            # With DEBUG on (development settings) Django keeps every query's SQL: drop it per batch.
            reset_queries()
            totals["learners"] += size
            totals["enrolments"] += len(enrolments)
            self.stdout.write(f"  {totals['learners']} learners, {totals['enrolments']} enrolments", ending="\r")
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"\nCreated {totals['learners']} learners, {totals['enrolments']} enrolments, "
                f"{totals['statements']} statements and {totals['groups']} learning groups in {seconds:.1f} s."
            )
        )

    # Courses -------------------------------------------------------------------------------

    def ensure_courses(self, wanted):
        """The Chinese courses, topped up with unpublished load-test courses to ``wanted``."""
        from courses.models import CourseIndexPage, CoursePage

        courses = list(CoursePage.objects.filter(locale__language_code="zh-hans").order_by("path"))
        index = CourseIndexPage.objects.filter(locale__language_code="zh-hans").first()
        if index is None:
            raise CommandError("No course catalogue: run load_demo_content first.")
        for number in range(len(courses) + 1, wanted + 1):
            course = CoursePage(
                title=f"负载测试课程 {number}",
                slug=f"load-test-course-{number}",
                summary="Synthetic course for load tests.",
                live=False,
            )
            index.add_child(instance=course)
            courses.append(course)
        return courses

    # Regions ---------------------------------------------------------------------------------

    def load_regions(self):
        counties = {}
        rows = Division.objects.filter(level=Division.Level.COUNTY).values_list(
            "code", "parent_id", "parent__parent_id"
        )
        for code, prefecture, province in rows:
            if province and province[:2] in PROVINCE_WEIGHTS:
                counties.setdefault(province, []).append((code, prefecture))
        if not counties:
            raise CommandError("No administrative divisions: run migrate (accounts loads them).")
        provinces = {code: PROVINCE_WEIGHTS[code[:2]] for code in counties}
        return provinces, counties

    def next_phone_number(self):
        last = (
            get_user_model()
            .objects.filter(phone__startswith="+86170")
            .order_by("-phone")
            .values_list("phone", flat=True)
            .first()
        )
        return int(last[6:]) + 1 if last else 0

    # Learners --------------------------------------------------------------------------------

    def make_learners(self, rng, run, first, size, provinces, counties, phone_base):
        User = get_user_model()
        province_codes = list(provinces)
        province_weights = list(provinces.values())
        users = []
        for number in range(first, first + size):
            joined = self.now - timedelta(days=rng.uniform(0, 540))
            phone = f"+86170{phone_base + number:08d}" if rng.random() < 0.6 else None
            users.append(
                User(
                    username=f"load-{run}-{number}",
                    password=UNUSABLE_PASSWORD,
                    phone=phone,
                    date_joined=joined,
                )
            )
        User.objects.bulk_create(users)
        profiles = []
        for user in users:
            audience = weighted(rng, AUDIENCES)
            province = rng.choices(province_codes, weights=province_weights)[0]
            county, prefecture = rng.choice(counties[province])
            profiles.append(
                LearnerProfile(
                    user=user,
                    display_name=rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))),
                    audience_group=audience,
                    age_band=weighted(rng, AGE_BANDS_BY_AUDIENCE[audience]),
                    province_id=province,
                    prefecture_id=prefecture,
                    county_id=county,
                    area="rural" if rng.random() < 0.58 else ("urban" if rng.random() < 0.95 else ""),
                    counted_in_statistics=rng.random() < 0.97,
                )
            )
        LearnerProfile.objects.bulk_create(profiles)
        return users, profiles

    def make_enrolments(self, rng, users, profiles, courses, average, province_effect):
        spread = max(1, average // 5)
        enrolments = []
        for user, profile in zip(users, profiles, strict=True):
            count = min(len(courses), max(1, rng.randint(average - spread, average + spread)))
            chance = 0.45 + COMPLETION_EFFECT[profile.audience_group] + province_effect[profile.province_id]
            chance -= 0.12 if profile.area == "rural" else 0
            for course in rng.sample(courses, count):
                joined = user.date_joined + timedelta(days=rng.expovariate(1 / 20))
                if joined > self.now:  # spread, not piled up on today
                    joined = user.date_joined + (self.now - user.date_joined) * rng.random()
                completed = passed = score = None
                if rng.random() < chance:
                    completed = joined + timedelta(days=rng.expovariate(1 / 15), minutes=rng.randint(5, 600))
                    if completed > self.now:
                        completed = None
                progress = 100 if completed else rng.choice((0, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90))
                if completed or (progress >= 60 and rng.random() < 0.3):
                    # Scaled, 0 to 1, as the assessment's xAPI result reports it.
                    score = round(min(1.0, max(0.0, rng.gauss(0.72, 0.15))), 3)
                    if score >= 0.6:
                        passed = completed or min(joined + timedelta(days=rng.uniform(1, 30)), self.now)
                last_active = completed or min(joined + timedelta(days=rng.expovariate(1 / 10)), self.now)
                enrolments.append(
                    Enrolment(
                        learner=user,
                        course=course,
                        course_key=course.translation_key,
                        joined_at=joined,
                        last_activity_at=last_active,
                        completed_at=completed,
                        progress_percent=progress,
                        time_spent=timedelta(minutes=progress * rng.uniform(0.3, 1.5)),
                        score=score,
                        passed_at=passed,
                    )
                )
        Enrolment.objects.bulk_create(enrolments, batch_size=2000)
        return enrolments

    def make_memberships(self, rng, run, users, profiles, groups_by_county, learners_per_group):
        """Most learners join a class in their county; each class has a trainer (who is not counted)."""
        from groups.models import LearningGroup, Membership

        User = get_user_model()
        joining = [(user, profile) for user, profile in zip(users, profiles, strict=True) if rng.random() < 0.6]
        new_groups = []
        memberships = []
        for user, profile in joining:
            groups = groups_by_county.setdefault(profile.county_id, [])
            if not groups or groups[-1][1] >= learners_per_group:
                group = LearningGroup(
                    name=f"{profile.display_name[0]}家村学习小组 {len(groups) + 1}", county_id=profile.county_id
                )
                new_groups.append(group)
                groups.append([group, 0])
            groups[-1][1] += 1
            memberships.append((user, groups[-1][0]))
        if new_groups:
            LearningGroup.objects.bulk_create(new_groups)
            trainers = User.objects.bulk_create(
                User(username=f"load-trainer-{run}-{group.pk}", password=UNUSABLE_PASSWORD, is_staff=False)
                for group in new_groups
            )
            LearningGroup.trainers.through.objects.bulk_create(
                LearningGroup.trainers.through(learninggroup_id=group.pk, user_id=trainer.pk)
                for group, trainer in zip(new_groups, trainers, strict=True)
            )
        Membership.objects.bulk_create(
            Membership(group=group, learner=user, joined_at=user.date_joined) for user, group in memberships
        )
        return len(new_groups)

    # Statements ------------------------------------------------------------------------------

    def statement_templates(self, courses):
        """One real "completed" statement per course, built with tincan, to copy per learner."""
        from xapi.records import build_statement

        sample = get_user_model()(username="template")
        return {
            course.pk: build_statement(
                learner=sample, verb="completed", kind="course", page=course, registration=uuid.uuid4()
            )
            for course in courses
        }

    def make_statements(self, users, enrolments, templates):
        from xapi.models import Statement, StatementActivity, StatementAgent
        from xapi.records import agent_key
        from xapi.services import related_activity_ids, related_agent_keys, system_authority

        authority = system_authority()
        rows = []
        for enrolment in enrolments:
            if not enrolment.completed_at:
                continue
            template = templates[enrolment.course_id]
            actor = {
                **template["actor"],
                "account": {**template["actor"]["account"], "name": str(enrolment.learner.xapi_id)},
            }
            data = {
                **template,
                "id": str(uuid.uuid4()),
                "actor": actor,
                "context": {**template["context"], "registration": str(enrolment.registration)},
                "timestamp": enrolment.completed_at.isoformat(),
                "stored": enrolment.completed_at.isoformat(),
                "authority": authority,
                "version": "1.0.3",
            }
            rows.append(
                Statement(
                    statement_id=uuid.UUID(data["id"]),
                    data=data,
                    actor_key=agent_key(actor),
                    verb_id=data["verb"]["id"],
                    activity_id=data["object"]["id"],
                    registration=enrolment.registration,
                    timestamp=enrolment.completed_at,
                    stored=enrolment.completed_at,
                    learner=enrolment.learner,
                )
            )
        Statement.objects.bulk_create(rows, batch_size=2000)
        StatementActivity.objects.bulk_create(
            (
                StatementActivity(statement=row, activity_id=key)
                for row in rows
                for key in related_activity_ids(row.data)
            ),
            batch_size=5000,
        )
        StatementAgent.objects.bulk_create(
            (
                StatementAgent(statement=row, agent_key=key, is_actor_or_object=direct)
                for row in rows
                for key, direct in related_agent_keys(row.data)
            ),
            batch_size=5000,
        )
        return len(rows)
