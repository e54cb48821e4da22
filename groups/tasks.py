"""Background tasks of the groups app (django-tasks: the database worker in production)."""

from django_tasks import task


@task()
def import_learners_task(job_id):
    """Make the accounts of a ``LearnerImport`` (see ``services.run_import``)."""
    from .services import run_import

    run_import(job_id=job_id)
