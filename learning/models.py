"""Per-learner progress summaries: enrolments, finished lessons and practice tasks.

They are a projection of the xAPI statements in ``xapi.Statement`` (see learning.projection):
``manage.py rebuild_progress`` recreates them from the statements alone.

Courses and lessons are identified by their Wagtail translation key, so a lesson read in Chinese
and finished in English is one lesson. The page foreign keys are kept for display and joins.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    """A learner taking a course. ``registration`` becomes the xAPI registration id."""

    registration = models.UUIDField(_("registration"), default=uuid.uuid4, unique=True, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrolments"
    )
    course_key = models.UUIDField(_("course translation key"), db_index=True)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last active"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # Summaries kept by learning.projection from the statements, so listings and statistics never
    # have to read statements.
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    time_spent = models.DurationField(_("time spent"), default=timedelta)
    score = models.FloatField(_("best final assessment score"), null=True, blank=True)
    passed_at = models.DateTimeField(_("final assessment passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["learner", "course_key"], name="one_enrolment_per_course")]
        indexes = [models.Index(fields=["learner", "-last_activity_at"])]

    def __str__(self):
        return f"{self.learner}: {self.course}"


class LessonCompletion(models.Model):
    """A lesson the learner marked as done."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lesson_completions")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="completions")
    lesson_key = models.UUIDField(db_index=True)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("finished lesson")
        verbose_name_plural = _("finished lessons")
        constraints = [models.UniqueConstraint(fields=["learner", "lesson_key"], name="one_completion_per_lesson")]

    def __str__(self):
        return f"{self.learner}: {self.lesson}"


class PracticeTaskDone(models.Model):
    """A "try it yourself" task the learner says they did on their own phone."""

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_tasks")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    lesson_key = models.UUIDField()
    task_id = models.CharField(max_length=64)
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("practice task done")
        verbose_name_plural = _("practice tasks done")
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson_key", "task_id"], name="one_practice_record_per_task")
        ]

    def __str__(self):
        return f"{self.learner}: {self.lesson} #{self.task_id}"
