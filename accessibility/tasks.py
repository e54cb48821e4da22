"""Background tasks (django-tasks: run at once in development, from a database queue in production)."""

from django_tasks import task
from wagtail.models import Page


@task()
def generate_page_narration(page_id):
    from .narration import generate_narration

    page = Page.objects.live().filter(pk=page_id).first()
    if page is not None:
        generate_narration(page.specific)
