"""Quizzes, attempts and certificates."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def new_verification_code():
    # 12 characters from an alphabet without look-alikes (0/O, 1/I/L), easy to read over the phone.
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(12))


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    """Who issues this site's certificates (shown on every certificate and verification page)."""

    issuer_name = models.CharField(_("issuing organisation (Chinese)"), max_length=120, blank=True)
    issuer_name_en = models.CharField(_("issuing organisation (English)"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("certificate settings")


class Certificate(models.Model):
    """Proof that a learner completed a course, verifiable by anyone who holds its code."""

    code = models.CharField(_("verification code"), max_length=16, unique=True, default=new_verification_code)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="certificates"
    )
    enrolment = models.OneToOneField(
        "learning.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificate",
    )
    course_key = models.UUIDField(_("course translation key"), db_index=True)
    # Names as they were when the certificate was issued: a certificate does not change afterwards.
    learner_name = models.CharField(_("learner name"), max_length=120)
    course_title = models.CharField(_("course"), max_length=255)
    course_title_en = models.CharField(_("course (English)"), max_length=255, blank=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [models.UniqueConstraint(fields=["learner", "course_key"], name="one_certificate_per_course")]

    def __str__(self):
        return f"{self.code} {self.learner_name}: {self.course_title}"

    @property
    def is_valid(self):
        return self.revoked_at is None
