"""Regenerate narration whenever a page with read-aloud is published."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import ReadAloudMixin
from .tasks import request_narration

_paused = ContextVar("narration_on_publish_paused", default=False)


@contextmanager
def narration_on_publish_paused():
    """For bulk publishing (demo content, imports): narrate afterwards with `manage.py generate_narration`."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


@receiver(page_published)
def narrate_published_page(sender, instance, **kwargs):
    if _paused.get() or not getattr(settings, "LMS_NARRATE_ON_PUBLISH", True):
        return
    if isinstance(instance, ReadAloudMixin):
        request_narration(instance)
