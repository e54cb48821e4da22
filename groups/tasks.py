"""Background tasks of the groups app (django-tasks: the database worker in production).

Task modules import the worker functions (``services.run_import``), never the other way round.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_tasks import task

from . import permissions
from .models import LearnerImport
from .services import run_import


@task()
def import_learners_task(job_id):
    """Make the accounts of a ``LearnerImport`` (see ``services.run_import``)."""
    run_import(job_id=job_id)


@transaction.atomic
def start_import(*, group, trainer, rows):
    """Queue the import of ``rows`` as a background task; returns the ``LearnerImport`` to follow."""
    if not permissions.can_manage_group(trainer, group):
        raise PermissionDenied
    job = LearnerImport.objects.create(group=group, trainer=trainer, rows=rows, total=len(rows))
    transaction.on_commit(lambda: import_learners_task.enqueue(job.pk))
    return job
