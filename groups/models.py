"""Learning groups run by community trainers: members, assignments, sign-in cards, messages and class sessions."""

import hashlib
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Join codes are read aloud in class and typed on phones: no 0/O, 1/I/L, 2/Z, 5/S, 8/B look-alikes.
JOIN_CODE_ALPHABET = "34679ACDEFHJKMNPRTUWXY"
JOIN_CODE_LENGTH = 6
SIGN_IN_LINK_DAYS = 14


def new_join_code():
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(value):
    """What people type or say (lower case, spaces, dashes, full-width letters) as a stored code."""
    import unicodedata

    text = unicodedata.normalize("NFKC", str(value or "")).upper()
    return "".join(ch for ch in text if ch.isalnum())


class LearningGroup(models.Model):
    """A class (学习小组) that one or more trainers run, usually in one village or township."""

    name = models.CharField(_("group name"), max_length=80)
    place = models.CharField(
        _("village or township"), max_length=80, blank=True, help_text=_("Where the class meets, e.g. 青山村.")
    )
    county = models.ForeignKey(
        "accounts.Division",
        verbose_name=_("county or district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), related_name="trained_groups"
    )
    join_code = models.CharField(_("join code"), max_length=12, unique=True, default=new_join_code)
    # Printed on every login card. Empty by default: a trainer's phone is theirs to share, never shown unasked.
    card_contact = models.CharField(
        _("contact shown on cards"),
        max_length=80,
        blank=True,
        help_text=_("Printed on login cards, e.g. “王老师 138 0013 8000”. Empty: only your name is printed."),
    )
    # The group's identity in xAPI statements (grouping context activity); never the database id.
    xapi_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("learning group")
        verbose_name_plural = _("learning groups")
        ordering = ["name", "pk"]
        permissions = [
            ("act_as_trainer", _("Can run learning groups as a trainer")),
            ("manage_all_groups", _("Can see and manage every learning group")),
        ]

    def __str__(self):
        return self.name

    @property
    def join_code_display(self):
        """The code in two halves, easier to read aloud: K7M 4PX."""
        half = len(self.join_code) // 2
        return f"{self.join_code[:half]} {self.join_code[half:]}"


class Membership(models.Model):
    """A learner in a group, since when and who added them."""

    group = models.ForeignKey(LearningGroup, on_delete=models.CASCADE, related_name="memberships")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [models.UniqueConstraint(fields=["group", "learner"], name="one_membership_per_group")]

    def __str__(self):
        return f"{self.learner} in {self.group}"


class GroupInvitation(models.Model):
    """A trainer's request that someone who already has an account join their group.

    Being in a group lets its trainers see the learner's phone number and learning records, so a trainer
    cannot simply add an existing account: the learner accepts (then a ``Membership`` is made) or declines.
    Until then the trainer sees only what they typed (``invited_as``), never the account behind it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    group = models.ForeignKey(LearningGroup, on_delete=models.CASCADE, related_name="invitations")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_invitations")
    invited_as = models.CharField(_("mobile number or user name typed"), max_length=150)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("invited"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("group invitation")
        verbose_name_plural = _("group invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "learner"],
                condition=models.Q(status="pending"),
                name="one_pending_invitation_per_group",
            )
        ]

    def __str__(self):
        return f"{self.invited_as} → {self.group} ({self.status})"


class ManagedAccount(models.Model):
    """An account a trainer created for someone with no e-mail or phone: signs in with user name + PIN.

    Only these accounts may have their PIN reset or sign-in cards printed by a trainer; a learner who
    signed up on their own keeps sole control of their password.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="managed_account")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Whose account it is to look after: only this group's trainers (and superusers) may reset its PIN,
    # print its cards or see its phone, not the trainers of other groups the learner joins later.
    created_in_group = models.ForeignKey(
        LearningGroup,
        verbose_name=_("made in group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_accounts",
    )
    created_at = models.DateTimeField(default=timezone.now)
    pin_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("trainer-created account")
        verbose_name_plural = _("trainer-created accounts")

    def __str__(self):
        return str(self.user)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class SignInLinkQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


class SignInLink(models.Model):
    """A one-time sign-in link printed as a QR code on a login card. Only the token's hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = SignInLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")

    def __str__(self):
        return f"{self.user} until {self.expires_at:%Y-%m-%d}"

    @classmethod
    def issue(cls, *, user, created_by, days=SIGN_IN_LINK_DAYS):
        """Create a link and return (link, raw token); the raw token is never stored."""
        token = secrets.token_urlsafe(24)
        link = cls.objects.create(
            user=user,
            token_hash=hash_token(token),
            created_by=created_by,
            expires_at=timezone.now() + timedelta(days=days),
        )
        return link, token


class Assignment(models.Model):
    """A course, or chosen lessons of it, that a trainer asks a group (or some of its learners) to do."""

    group = models.ForeignKey(
        LearningGroup,
        verbose_name=pgettext_lazy("learning group", "group"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )
    course_key = models.UUIDField(_("course translation key"), db_index=True)
    # Translation keys of the chosen lessons; empty means the whole course.
    lesson_keys = models.JSONField(_("chosen lessons"), default=list, blank=True)
    whole_group = models.BooleanField(_("for the whole group"), default=True)
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("learners"), blank=True, related_name="individual_assignments"
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    message = models.TextField(_("message to learners"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="assignments_given",
    )
    created_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.course} → {self.group}"


class ReminderSent(models.Model):
    """One reminder per learner, assignment and kind, so running the reminder command again sends nothing twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("due soon")
        OVERDUE = "overdue", _("overdue")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reminders")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "learner", "kind"], name="one_reminder_per_kind"),
            models.UniqueConstraint(fields=["assignment", "learner", "day"], name="one_reminder_per_day"),
        ]

    def __str__(self):
        return f"{self.kind} {self.day}: {self.learner}"


class Notification(models.Model):
    """An in-app message for one user (always sent; SMS is an extra channel)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    message = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.message[:60]


class ClassSession(models.Model):
    """An in-person class: when, what about and who came. Each attendance is also an xAPI statement."""

    group = models.ForeignKey(LearningGroup, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=120)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("trainer"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("who came"), related_name="class_sessions"
    )
    xapi_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("class session")
        verbose_name_plural = _("class sessions")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date} {self.topic}"


class HelpRequest(models.Model):
    """A learner pressed "Ask my trainer for help" (on a lesson, or on their class page).

    It stays open until a trainer marks it as helped: one open request per learner and lesson (``lesson_key``
    empty for a request not about a lesson), so pressing again cannot flood the trainers' inbox.
    """

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_requests")
    lesson_key = models.CharField(_("lesson translation key"), max_length=36, blank=True)
    lesson_title = models.CharField(_("lesson"), max_length=255, blank=True)
    message = models.CharField(_("message"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    resolved_at = models.DateTimeField(_("helped"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("request for help")
        verbose_name_plural = _("requests for help")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson_key"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_help_request_per_lesson",
            )
        ]

    def __str__(self):
        return f"{self.learner}: {self.lesson_title or '-'}"


class HelpAlertSent(models.Model):
    """Trainers were told once that a learner struggles (reason + what with), so checking again tells nobody twice."""

    class Reason(models.TextChoices):
        PRACTICE = "practice", _("wrong answers on a lesson's self-check")
        FINAL_TEST = "final_test", _("failed a final test repeatedly")

    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    key = models.CharField(max_length=1024)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner", "reason", "key"], name="one_help_alert_per_reason")]

    def __str__(self):
        return f"{self.reason} {self.key}: {self.learner}"


class LearnerImport(models.Model):
    """A spreadsheet of learners being made into accounts by a background task, with its progress.

    Hashing each PIN with the production password hasher is slow on purpose (about 0.3 s each), so a
    500-row file is imported by the ``import_learners_task`` task rather than in the upload request.
    ``cards`` holds the new PINs and sign-in tokens only until the trainer's card page shows them once
    (as the session did for a single account), then it is emptied.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("making accounts")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    group = models.ForeignKey(LearningGroup, on_delete=models.CASCADE, related_name="imports")
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rows = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    cards = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("learner import")
        verbose_name_plural = _("learner imports")

    def __str__(self):
        return f"{self.group}: {self.done}/{self.total} ({self.status})"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 100
