"""Certificates follow course completion, wherever it comes from (a form, the LRS, a replay)."""

from django.dispatch import receiver

from learning.signals import course_completed


@receiver(course_completed, dispatch_uid="assessments.issue_certificate")
def issue_certificate_on_completion(sender, enrolment, **kwargs):
    from .certificates import issue_certificate

    issue_certificate(enrolment=enrolment)
