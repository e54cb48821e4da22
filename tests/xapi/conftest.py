"""Fixtures for every LRS test."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_auth_failure_counts(request):
    """Wrong secrets are counted in the default cache (django-ratelimit); one test's count must not leak.

    The default cache lives in the database, so it is cleared only for tests that use the database
    (asking for ``db`` first: an autouse fixture runs before the test's own fixtures); tests without
    the database have no counts to leak.
    """
    uses_db = request.node.get_closest_marker("django_db") is not None
    if not uses_db and "db" in request.fixturenames:
        request.getfixturevalue("db")
        uses_db = True
    if uses_db:
        cache.clear()
    yield
    if uses_db:
        cache.clear()
