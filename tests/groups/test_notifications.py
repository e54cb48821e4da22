"""Group messages go by SMS only to numbers their owner proved (issue #18, finding 6).

Before: every assignment and reminder was texted to whatever number an account carried, proved or not
(a trainer's typo, a number someone else typed in), so class messages could go to a stranger's phone.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts import sms
from groups import services
from groups.models import Notification

VICTIM = "+8613712345678"


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    sms.outbox.clear()


@pytest.mark.django_db
def test_assignment_is_not_texted_to_an_unverified_number_until_its_owner_proves_it(trainer, demo_group, course):
    # A number nobody proved: here a trainer's typo when making an account for a learner.
    services.create_pin_learner(group=demo_group, trainer=trainer, display_name="错号码", phone=VICTIM)
    user = get_user_model().objects.get(phone=VICTIM)
    assert not user.phone_verified

    teacher = Client()
    teacher.force_login(trainer)
    assign = {"course": course.pk, "everyone": "1", "message": "周五前学完"}
    assert teacher.post(f"/groups/{demo_group.pk}/assign/?course={course.pk}", assign).status_code == 302
    assert Notification.objects.filter(user=user).count() == 1  # still told in the app
    assert VICTIM not in [m["phone"] for m in sms.outbox]
    assert "+8613800000001" in [m["phone"] for m in sms.outbox]  # learner1's number is verified

    user.phone_verified = True  # the learner signed in and typed the code sent to it
    user.save(update_fields=["phone_verified"])
    sms.outbox.clear()
    assign["message"] = "下周再学一课"
    teacher.post(f"/groups/{demo_group.pk}/assign/?course={course.pk}", assign)
    assert VICTIM in [m["phone"] for m in sms.outbox]
