"""Statistics permissions and the record of every export (the audit trail behind Wagtail's log entry)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportRecord(models.Model):
    """One download of statistics or learner data: who, when, what, with which filters, how many rows.

    The Personal Information Protection Law asks us to know who took personal data away. Each export
    writes one of these and a Wagtail log entry pointing at it (action ``stats.export``), so exports
    show in the admin's site history. The model also carries the app's custom permissions.
    """

    class Kind(models.TextChoices):
        REPORT = "report", _("Statistics table")
        LEARNERS = "learners", _("Learner-level export")
        STATEMENTS = "statements", _("xAPI statements")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    report = models.CharField(_("report"), max_length=64, blank=True)
    file_format = models.CharField(_("format"), max_length=8)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    row_count = models.PositiveIntegerField(_("rows"))
    with_phone_numbers = models.BooleanField(_("with phone numbers"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("exported at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("statistics export")
        verbose_name_plural = _("statistics exports")
        default_permissions = ()
        permissions = [
            ("view_statistics", _("Can view statistics and export aggregate tables")),
            ("view_personal_data", _("Can see small counts and learners' phone numbers in statistics")),
            ("export_learners", _("Can export learner-level data and raw learning records")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.report} ({self.file_format}, {self.row_count})"
