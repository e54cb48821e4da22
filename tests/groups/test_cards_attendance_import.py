"""Login cards printed again, the attendance form's date and "everyone is here", and the cost of an import."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from groups import services
from groups.models import ClassSession, ManagedAccount, SignInLink

PRODUCTION_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.mark.django_db
def test_cards_can_be_printed_again_for_the_whole_group_with_new_links_and_no_pin(client, trainer, demo_group):
    made = [
        services.create_pin_learner(group=demo_group, trainer=trainer, display_name=n) for n in ("甲大妈", "乙大爷")
    ]
    old_tokens = [card.token for card in made]
    client.force_login(trainer)
    assert client.get(f"/groups/{demo_group.pk}/cards/").status_code == 200  # a reload: the chooser, not a dead end
    page = client.get(f"/groups/{demo_group.pk}/cards/").content.decode()
    assert 'name="everyone"' in page
    response = client.post(f"/groups/{demo_group.pk}/cards/", {"everyone": "1"})
    assert response.status_code == 302
    page = client.get(f"/groups/{demo_group.pk}/cards/").content.decode()
    managed = ManagedAccount.objects.filter(created_in_group=demo_group).count()
    assert page.count('class="login-card"') == managed >= 2
    assert "甲大妈" in page and "乙大爷" in page
    assert made[0].pin not in page and "card-pin-note" in page  # the PIN is not shown again
    assert "http://testserver/" in page and demo_group.name in page  # site address and group on the card
    # Earlier unused links are revoked; the new ones work.
    for token in old_tokens:
        assert client.get(f"/groups/sign-in/{token}/").status_code == 410
    new_url = re.search(r'data-sign-in-url="http://testserver([^"]+)"', page).group(1)
    client.logout()
    assert client.get(new_url).status_code == 302


@pytest.mark.django_db
def test_cards_show_the_groups_contact_only_when_the_trainer_sets_it(client, trainer, demo_group):
    from accounts.phone import display_phone

    services.create_pin_learner(group=demo_group, trainer=trainer, display_name="丙")
    trainer.phone = "+8613900000001"
    trainer.save()
    client.force_login(trainer)
    client.post(f"/groups/{demo_group.pk}/cards/", {"everyone": "1"})
    page = client.get(f"/groups/{demo_group.pk}/cards/").content.decode()
    assert display_phone(trainer.phone) not in page and "13900000001" not in page  # no phone by default
    assert 'class="card-contact"' in page
    demo_group.card_contact = "王老师 139 0000 0001"
    demo_group.save()
    client.post(f"/groups/{demo_group.pk}/cards/", {"everyone": "1"})
    assert "王老师 139 0000 0001" in client.get(f"/groups/{demo_group.pk}/cards/").content.decode()


@pytest.mark.django_db
def test_chosen_learners_only_and_never_accounts_the_trainer_may_not_manage(
    client, trainer, demo_group, learner, other_trainer
):
    one = services.create_pin_learner(group=demo_group, trainer=trainer, display_name="丁")
    two = services.create_pin_learner(group=demo_group, trainer=trainer, display_name="戊")
    client.force_login(trainer)
    client.post(f"/groups/{demo_group.pk}/cards/", {"everyone": "0", "learners": [one.user_id]})
    page = client.get(f"/groups/{demo_group.pk}/cards/").content.decode()
    assert page.count('class="login-card"') == 1 and "丁" in page
    assert SignInLink.objects.usable().filter(user_id=two.user_id).count() == 1  # untouched
    # learner1 made their own account: not choosable, and the service refuses it outright.
    response = client.post(f"/groups/{demo_group.pk}/cards/", {"everyone": "0", "learners": [learner.pk]})
    assert response.status_code == 200 and not SignInLink.objects.filter(user=learner).exists()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.print_login_cards(group=demo_group, trainer=trainer, learners=[learner])
    # A co-trainer added later of another group cannot print cards for this group's accounts.
    with pytest.raises(PermissionDenied):
        services.print_login_cards(
            group=demo_group, trainer=other_trainer, learners=[get_user_model().objects.get(pk=one.user_id)]
        )


@pytest.mark.django_db
def test_attendance_date_is_an_iso_date_input_set_to_today(client, trainer, demo_group):
    client.force_login(trainer)
    page = client.get(f"/groups/{demo_group.pk}/attendance/").content.decode()
    today = timezone.localdate().isoformat()
    assert re.search(rf'<input type="date" name="date" value="{today}"', page), page[page.find('name="date"') - 80 :][
        :200
    ]


@pytest.mark.django_db
def test_everyone_is_here_records_every_learner_without_ticking(client, trainer, demo_group):
    client.force_login(trainer)
    today = timezone.localdate().isoformat()
    response = client.post(
        f"/groups/{demo_group.pk}/attendance/", {"date": today, "topic": "扫码支付", "all_present": "1"}
    )
    assert response.status_code == 302
    session = ClassSession.objects.get(group=demo_group, topic="扫码支付")
    assert set(session.attendees.values_list("pk", flat=True)) == set(
        demo_group.memberships.values_list("learner_id", flat=True)
    )


def _rows(count, start=0):
    return [{"row": n + 2, "name": f"学员{n}", "phone": f"+86137{start + n:08d}"} for n in range(count)]


@pytest.mark.django_db
def test_import_queries_do_not_grow_with_the_rows(trainer, demo_group):
    with CaptureQueriesContext(connection) as ten:
        services.import_learners(group=demo_group, trainer=trainer, rows=_rows(10))
    with CaptureQueriesContext(connection) as hundred:
        services.import_learners(group=demo_group, trainer=trainer, rows=_rows(100, start=1000))
    assert len(hundred) <= len(ten) + 2, (len(ten), len(hundred))  # a user-name collision may cost a retry
    assert ManagedAccount.objects.filter(created_in_group=demo_group).count() >= 110
    user = get_user_model().objects.get(phone="+8613700001005")
    assert user.learner_profile.display_name == "学员5" and demo_group.memberships.filter(learner=user).exists()


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_import_cost_with_the_production_hasher_before_and_after(trainer, demo_group, capsys):
    """Figures for the report: the old per-row path (create_pin_learner in a loop) against the bulk import."""
    rows = 20
    with CaptureQueriesContext(connection) as old_queries:
        started = time.perf_counter()
        for row in _rows(rows):
            services.create_pin_learner(group=demo_group, trainer=trainer, display_name=row["name"], phone=row["phone"])
        old = time.perf_counter() - started
    with CaptureQueriesContext(connection) as new_queries:
        started = time.perf_counter()
        cards = services.import_learners(group=demo_group, trainer=trainer, rows=_rows(rows, start=500))
        new = time.perf_counter() - started
    with capsys.disabled():
        print(
            f"\n{rows} rows, PBKDF2: per-row path {old:.2f} s ({old / rows:.3f} s/row, {len(old_queries)} queries); "
            f"bulk import {new:.2f} s ({new / rows:.3f} s/row, {len(new_queries)} queries)"
        )
    assert len(new_queries) < len(old_queries) / 5
    user = get_user_model().objects.get(pk=cards[0].user_id)
    assert user.password.startswith("pbkdf2_sha256$") and user.check_password(cards[0].pin)
