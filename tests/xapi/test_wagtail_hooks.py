"""The forwarding page in the Wagtail admin: who may see it, what it shows, and "Retry now"."""

import socket
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from xapi.models import ForwardingStatus, OutboxEntry, Statement
from xapi.services import store_statements

URL = "/admin/xapi/forwarding/"


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def forwarding_on(settings):
    # Nothing listens on that port: every attempt fails at once, and nothing leaves the machine.
    settings.LMS_XAPI_FORWARD_ENDPOINT = f"http://forwarder:hunter2-secret@127.0.0.1:{_closed_port()}/xapi/"
    settings.LMS_XAPI_FORWARD_USERNAME = "forwarder"
    settings.LMS_XAPI_FORWARD_PASSWORD = "hunter2-password"


@pytest.fixture
def staff(django_user_model):
    """May use the Wagtail admin, but has no forwarding permission yet."""
    group = Group.objects.create(name="Forwarding test staff")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user(username="staff", password="x-staff-pass-2026")
    user.groups.add(group)
    return user, group


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(username="root", password="x-root-pass-2026")


def queue(count, *, refused=False, error=""):
    """Store statements (queued by store_statements) and mark them as the sender would have."""
    rows = store_statements(
        statements=[
            {
                "id": str(uuid.uuid4()),
                "actor": {"objectType": "Agent", "account": {"homePage": "https://tools.example.org", "name": "u"}},
                "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "experienced"}},
                "object": {"objectType": "Activity", "id": f"https://tools.example.org/activities/{n}"},
            }
            for n in range(count)
        ]
    )
    later = timezone.now() + timedelta(hours=1)
    OutboxEntry.objects.filter(statement__in=rows).update(
        refused=refused, last_error=error, attempts=1, next_attempt_at=later
    )
    return rows


@pytest.mark.django_db
def test_only_permitted_users_see_the_page(client, staff, forwarding_on):
    user, group = staff
    assert client.get(URL).status_code == 302  # to the sign-in page
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "lrs-forwarding" not in client.get("/admin/").content.decode()

    group.permissions.add(Permission.objects.get(content_type__app_label="xapi", codename="manage_forwarding"))
    assert client.get(URL).status_code == 200
    assert "lrs-forwarding" in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_page_shows_backlog_and_last_error_but_no_password(client, superuser, forwarding_on, django_assert_num_queries):
    queue(3)
    refused = queue(2, refused=True, error="HTTP 409: Statement is already stored with different content.")
    ForwardingStatus.objects.update_or_create(
        pk=1,
        defaults={"last_error": "ConnectionRefusedError: [Errno 111]", "last_error_at": timezone.now()},
    )
    client.force_login(superuser)
    client.get(URL)  # warm up the session and the admin's per-user lookups
    with django_assert_num_queries(14):
        response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    context = response.context
    assert context["enabled"] and context["queued_count"] == 3 and context["refused_count"] == 2
    assert context["oldest_queued"] is not None and context["next_attempt"] is not None
    assert "ConnectionRefusedError" in page and "HTTP 409" in page
    assert str(refused[0].statement_id) in page
    assert "hunter2" not in page and "forwarder:" not in page
    assert "127.0.0.1" in page


@pytest.mark.django_db
def test_page_says_when_forwarding_is_off(client, superuser, settings):
    settings.LMS_XAPI_FORWARD_ENDPOINT = ""
    client.force_login(superuser)
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and not response.context["enabled"]
    assert "LMS_XAPI_FORWARD_ENDPOINT" in response.content.decode()


@pytest.mark.django_db
def test_retry_now_resets_every_entry_and_runs_the_task(client, superuser, forwarding_on):
    queue(2)
    queue(1, refused=True, error="HTTP 400: bad")
    ForwardingStatus.objects.update_or_create(pk=1, defaults={"retry_at": timezone.now() + timedelta(hours=1)})
    client.force_login(superuser)
    response = client.post(URL)
    assert response.status_code == 302 and response["Location"] == URL
    # The task ran at once (immediate backend) and found the remote down: tried again, nothing lost.
    entries = list(OutboxEntry.objects.all())
    assert len(entries) == 3 and not any(entry.refused for entry in entries)
    assert all(entry.attempts == 2 and "ConnectionRefusedError" in entry.last_error for entry in entries)
    status = ForwardingStatus.load()
    assert status.consecutive_failures == 1 and status.retry_at < timezone.now() + timedelta(seconds=11)


@pytest.mark.django_db
def test_retry_needs_the_permission_and_the_csrf_token(client, staff, superuser, forwarding_on):
    queue(1, refused=True, error="HTTP 400: bad")
    user, _group = staff
    client.force_login(user)
    client.post(URL)
    assert OutboxEntry.objects.get().refused

    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(superuser)
    assert strict.post(URL).status_code == 403
    assert OutboxEntry.objects.get().refused
    assert Statement.objects.count() == 1


@pytest.mark.django_db
def test_the_permission_can_be_given_to_a_group(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("wagtailusers_groups:add")).content.decode()
    permission = Permission.objects.get(content_type__app_label="xapi", codename="manage_forwarding")
    assert f'value="{permission.pk}"' in page
