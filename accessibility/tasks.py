"""Background tasks (django-tasks: run at once in development, from a database queue in production).

Task modules import the worker functions (``narration``), never the other way round.
"""

from django.db import transaction
from django_tasks import task
from wagtail.models import Page

from .models import Narration
from .narration import generate_narration


@task()
def generate_page_narration(page_id):
    page = Page.objects.live().filter(pk=page_id).first()
    if page is not None:
        generate_narration(page.specific)


def request_narration(page):
    """Mark the page's narration as out of date and generate it in the background after commit."""
    Narration.objects.update_or_create(page_id=page.pk, defaults={"status": Narration.Status.PENDING})
    transaction.on_commit(lambda: generate_page_narration.enqueue(page.pk))
