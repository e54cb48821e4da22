"""Domain functions for certificates: issuing, revoking, looking up by code and what a certificate says.

Views, the admin and the ``course_completed`` receiver call these; they own their transactions.
A certificate keeps the names it was issued with: renaming a course or a learner later does not
change a certificate someone has already printed.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from accessibility.text import normalise_typed_text
from accounts.models import user_display
from courses.models import CoursePage

from .models import Certificate, CertificateSettings

REVOKE_ACTION = "assessments.certificate.revoke"
RESTORE_ACTION = "assessments.certificate.restore"
# What people type or say around a code: spaces, dashes and dots between the groups.
CODE_SEPARATORS = re.compile(r"[\s\-‐‑–—_.·・]+")


def _is_english():
    return (get_language() or "").startswith("en")


def _course_titles(course_key, fallback):
    """The course's Chinese and English titles (live or not) from its pages with this translation key."""
    titles = {
        page.locale.language_code: page.title
        for page in CoursePage.objects.filter(translation_key=course_key).select_related("locale")
    }
    title = titles.get("zh-hans") or fallback.title
    return title, titles.get("en", "")


@transaction.atomic
def issue_certificate(*, enrolment):
    """The certificate for a completed enrolment, issued once per learner and course.

    Safe to call again for the same course (also while ``rebuild_progress`` replays statements and
    recreates enrolments): an existing certificate keeps its code and date and is only re-linked
    to the enrolment that now stands for the course.
    """
    learner = enrolment.learner
    certificate = (
        Certificate.objects.select_for_update().filter(learner=learner, course_key=enrolment.course_key).first()
    )
    if certificate is None:
        title, title_en = _course_titles(enrolment.course_key, enrolment.course)
        certificate, _created = Certificate.objects.get_or_create(
            learner=learner,
            course_key=enrolment.course_key,
            defaults={
                "enrolment": enrolment,
                "learner_name": user_display(learner)[:120],
                "course_title": title[:255],
                "course_title_en": title_en[:255],
                # The day the course was finished, also when the certificate is made later by a replay.
                "issued_at": enrolment.completed_at or timezone.now(),
            },
        )
    if certificate.enrolment_id != enrolment.pk:
        # A rebuild deleted the old enrolment (SET_NULL) and made a new one for the same course.
        certificate.enrolment = enrolment
        certificate.save(update_fields=["enrolment"])
    return certificate


@transaction.atomic
def revoke_certificate(*, certificate, reason, by):
    """Mark a certificate as no longer valid, with the reason, in Wagtail's audit log."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A reason is needed to revoke a certificate.")
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        return certificate
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason[:255]
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    log(instance=certificate, action=REVOKE_ACTION, user=by, data={"reason": certificate.revoked_reason})
    return certificate


@transaction.atomic
def restore_certificate(*, certificate, by):
    """Undo a revocation made in error: the certificate is valid again, with its old code and date."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is None:
        return certificate
    previous_reason = certificate.revoked_reason
    certificate.revoked_at = None
    certificate.revoked_reason = ""
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    log(instance=certificate, action=RESTORE_ACTION, user=by, data={"previous_reason": previous_reason})
    return certificate


def normalise_code(value):
    """A code as typed, read aloud or voice-typed ("abcd-efgh jkmn。", full-width letters) in stored form."""
    return CODE_SEPARATORS.sub("", normalise_typed_text(value)).upper()


def find_certificate(code):
    """The certificate with this code (in any spelling ``normalise_code`` accepts), or None."""
    code = normalise_code(code)
    if not code or len(code) > Certificate._meta.get_field("code").max_length:
        return None
    return Certificate.objects.filter(code=code).first()


def grouped_code(code):
    """``ABCD EFGH JKMN``: groups of four are easier to read out and to copy."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


@dataclass(frozen=True)
class CertificateText:
    """What a certificate says in the active language: the same words on the page, in the PDF and on /verify/."""

    learner_name: str
    course_title: str
    issuer: str
    issued_on: object  # a datetime in the current time zone
    code: str
    grouped_code: str
    verify_url: str


def certificate_text(*, certificate, site=None, request=None):
    """The certificate's words for the active language and the absolute verification address."""
    if request is not None:
        settings = CertificateSettings.for_request(request)
    elif site is not None:
        settings = CertificateSettings.for_site(site)
    else:
        settings = None
    english = _is_english()
    issuer = ""
    if settings is not None:
        issuer = (settings.issuer_name_en if english else "") or settings.issuer_name or settings.issuer_name_en
    path = reverse("certificate_verify", kwargs={"code": certificate.code})
    if request is not None:
        verify_url = request.build_absolute_uri(path)
    else:
        verify_url = (site.root_url if site is not None else "") + path
    return CertificateText(
        learner_name=certificate.learner_name,
        course_title=(certificate.course_title_en if english else "") or certificate.course_title,
        issuer=issuer or str(_("Digital Literacy Classroom")),
        issued_on=timezone.localtime(certificate.issued_at),
        code=certificate.code,
        grouped_code=grouped_code(certificate.code),
        verify_url=verify_url,
    )
