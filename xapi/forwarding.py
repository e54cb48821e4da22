"""Forwarding stored statements to an external LRS (configured by environment variables)."""

from django.conf import settings


def forwarding_enabled():
    return bool(getattr(settings, "LMS_XAPI_FORWARD_ENDPOINT", ""))


def schedule_forwarding():
    """Called after a transaction that queued statements commits. (Filled in by the forwarding work.)"""
