"""The demo trainer's village class with the demo learners, one PIN-only learner and two assignments.

Called by load_demo_content after the demo accounts exist. Safe to run again: it only adds what is missing.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import Division
from courses.models import CoursePage
from groups import services
from groups.models import Assignment, LearningGroup, ManagedAccount

GROUP_NAME = "青山村数字课堂"
PLACE = "青山村"
COUNTY_CODE = "420502"  # 宜昌市西陵区, if the division list has it
PIN_LEARNER = ("zhaody001", "赵大爷", "246810")
ASSIGNMENTS = [
    # (course slug, lessons by position or None for the whole course, days until due, message)
    ("smartphone-basics", None, 14, "先学会接打电话和发语音，下次上课一起练习。"),
    ("smart-agriculture", [0, 1], 30, ""),
]


class Command(BaseCommand):
    help = "Create the demo learning group (needs the demo accounts)."

    def handle(self, *args, **options):
        User = get_user_model()
        trainer = User.objects.filter(username="trainer").first()
        if trainer is None:
            self.stdout.write("No demo trainer: run load_demo_content first.")
            return
        group = LearningGroup.objects.filter(name=GROUP_NAME).first()
        if group is None:
            group = services.create_group(
                trainer=trainer, name=GROUP_NAME, place=PLACE, county=Division.objects.filter(code=COUNTY_CODE).first()
            )
        username, name, pin = PIN_LEARNER
        pin_learner = User.objects.filter(username=username).first()
        if pin_learner is None:
            services.create_pin_learner(group=group, trainer=trainer, display_name=name, username=username, pin=pin)
        elif not ManagedAccount.objects.filter(user=pin_learner).exists():
            ManagedAccount.objects.create(user=pin_learner, created_by=trainer, created_in_group=group)
        # Demo data only: the demo learners are put in the class directly. A trainer on the site invites
        # an existing account instead, and the learner accepts (services.invite).
        for learner in User.objects.filter(username__in=["learner1", "learner2", username]):
            services.add_member(group=group, learner=learner, added_by=trainer)
        for slug, positions, days, message in ASSIGNMENTS:
            course = CoursePage.objects.filter(slug=slug, locale__language_code="zh-hans").first()
            if course is None or Assignment.objects.filter(group=group, course_key=course.translation_key).exists():
                continue
            lessons = list(course.lessons())
            services.assign(
                group=group,
                assigned_by=trainer,
                course=course,
                lessons=[lessons[i] for i in positions] if positions else (),
                due_date=timezone.localdate() + timedelta(days=days),
                message=message,
                sms=False,
            )
        self.stdout.write(
            f"Demo group {GROUP_NAME} (join code {group.join_code}); "
            f"learner without e-mail or phone: user name {username}, PIN {pin}"
        )
