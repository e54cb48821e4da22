"""Recompute every progress table from the stored xAPI statements alone."""

from django.core.management.base import BaseCommand
from django.db import transaction

from learning.models import Enrolment, LessonCompletion, PracticeTaskDone
from learning.projection import rebuild_progress


class Command(BaseCommand):
    help = "Delete the progress summaries and rebuild them by replaying the stored xAPI statements in order."

    @transaction.atomic
    def handle(self, *args, **options):
        count = rebuild_progress()
        self.stdout.write(
            f"Replayed {count} statements: {Enrolment.objects.count()} enrolments, "
            f"{LessonCompletion.objects.count()} finished lessons, {PracticeTaskDone.objects.count()} practice tasks."
        )
