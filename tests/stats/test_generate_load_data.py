"""manage.py generate_load_data: realistic, consistent synthetic learners for benchmarks."""

import io

from django.core.management import call_command
from django.db.models import F

from accounts.models import LearnerProfile
from learning.models import Enrolment
from xapi.models import Statement


def test_generates_consistent_learners_enrolments_and_statements(db):
    out = io.StringIO()
    call_command("generate_load_data", learners=120, courses_per_learner=5, stdout=out)
    assert "Created 120 learners" in out.getvalue()
    profiles = LearnerProfile.objects.filter(user__username__startswith="load-")
    assert profiles.count() == 120
    # Every learner's county lies in their prefecture, which lies in their province.
    assert not profiles.exclude(county__parent=F("prefecture")).exists()
    assert not profiles.exclude(prefecture__parent=F("province")).exists()
    assert profiles.filter(area="rural").exists() and profiles.filter(area="urban").exists()
    assert profiles.values("audience_group").distinct().count() >= 4
    assert profiles.values("province").distinct().count() >= 10
    enrolments = Enrolment.objects.filter(learner__username__startswith="load-")
    assert 120 * 4 <= enrolments.count() <= 120 * 6
    assert not enrolments.filter(joined_at__gt=F("completed_at")).exists()
    assert not enrolments.filter(completed_at__isnull=False).exclude(progress_percent=100).exists()
    assert not enrolments.filter(passed_at__isnull=False, score__lt=0.6).exists()
    assert not enrolments.filter(score__gt=1).exists()  # scaled, as xAPI reports it
    # One "completed" statement per finished course, tied to the enrolment's registration.
    completed = enrolments.filter(completed_at__isnull=False)
    statements = Statement.objects.filter(learner__username__startswith="load-")
    assert statements.count() == completed.count() > 0
    statement = statements.first()
    assert statement.data["verb"]["id"].endswith("/completed")
    assert statement.data["actor"]["account"]["name"] == str(statement.learner.xapi_id)
    assert completed.filter(registration=statement.registration, learner=statement.learner).exists()
    # Learners in groups, each group with a trainer who is not counted as a learner.
    from groups.models import LearningGroup

    groups = LearningGroup.objects.filter(memberships__learner__username__startswith="load-").distinct()
    assert groups.exists()
    assert all(group.trainers.count() == 1 for group in groups)
