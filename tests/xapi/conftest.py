"""Fixtures for every LRS test."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_auth_failure_counts():
    """Wrong secrets are counted in the default cache (django-ratelimit); one test's count must not leak."""
    cache.clear()
    yield
    cache.clear()
