from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments and certificates")

    def ready(self):
        from learning.completion import CompletionRequirement, register

        from . import signals  # noqa: F401
        from .models import final_tests_of

        # A course with a final test is completed only once the learner has passed it.
        register(
            CompletionRequirement(
                name="assessments.final_test",
                pages_for=final_tests_of,
                is_met=lambda enrolment: enrolment.passed_at is not None,
            )
        )
