"""Raw learning records: xAPI statements as stored, with indexed columns for every filter.

Kept apart from the per-learner summaries in ``learning`` (as Kolibri keeps raw logs apart from
summaries): statements are immutable facts; summaries are a projection that can be rebuilt.
"""

import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Statement(models.Model):
    """One stored statement, kept exactly as received, with the columns the LRS filters on."""

    class Source(models.TextChoices):
        """Who stored the statement, which decides what it may change in the summaries above the store.

        Statements are evidence; only the LMS's own services may decide what the LMS certifies
        (course completion, final-test pass and score).
        """

        LMS = "lms", _("The LMS's own services")
        LEARNER = "learner", _("The learner's own browser session")
        CLIENT = "client", _("An LRS client (third-party tool)")

    # The auto-increment primary key orders statements as stored (a batch shares one "stored" time).
    statement_id = models.UUIDField(_("statement id"), unique=True)
    data = models.JSONField(_("statement"))
    actor_key = models.CharField(_("actor"), max_length=512, db_index=True)
    verb_id = models.CharField(_("verb"), max_length=512, db_index=True)
    activity_id = models.CharField(_("activity"), max_length=1024, blank=True, db_index=True)
    registration = models.UUIDField(_("registration"), null=True, blank=True, db_index=True)
    timestamp = models.DateTimeField(_("timestamp"))
    stored = models.DateTimeField(_("stored"), db_index=True)
    voided = models.BooleanField(_("voided"), default=False)
    source = models.CharField(_("stored by"), max_length=10, choices=Source.choices, default=Source.CLIENT)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        help_text=_("Set when the actor is one of this site's learners."),
    )

    class Meta:
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")
        ordering = ["stored"]
        indexes = [models.Index(fields=["learner", "stored"])]

    def __str__(self):
        return f"{self.actor_key} {self.verb_id} {self.activity_id}"


# LRS client secrets are 192 random bits (secrets.token_urlsafe(24)): nothing to stretch, so an HMAC
# keyed with the server's secret replaces the password hasher's million PBKDF2 rounds per request.
SECRET_HASH_PREFIX = "hmac-sha256$"  # noqa: S105 - a format tag, not a secret
_SECRET_HMAC_SALT = "xapi.models.LrsClient.secret"  # noqa: S105 - a public salt


def _secret_keys():
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def hash_client_secret(secret, *, secret_key=None):
    """The stored form of an LRS client secret: an HMAC-SHA256 keyed from SECRET_KEY (its own salt)."""
    digest = salted_hmac(_SECRET_HMAC_SALT, secret, secret=secret_key, algorithm="sha256").hexdigest()
    return SECRET_HASH_PREFIX + digest


class LrsClient(models.Model):
    """Credentials for an external tool that talks to the embedded LRS with HTTP Basic auth.

    Only a hash of the secret is stored; the secret is shown once, when the client is created.
    """

    class Scope(models.TextChoices):
        STATEMENTS_WRITE = "statements/write", _("Write statements")
        STATEMENTS_READ = "statements/read", _("Read all statements")
        STATEMENTS_READ_MINE = "statements/read/mine", _("Read the statements it wrote")
        STATE = "state", _("Read and write state documents")
        PROFILE = "profile", _("Read and write activity and agent profiles")
        STATEMENTS_VOID = "statements/void", _("Void any statement (administrators' tools only)")
        ALL_READ = "all/read", _("Read everything")
        ALL = "all", _("Everything")

    name = models.CharField(_("name"), max_length=100)
    key = models.CharField(_("key"), max_length=40, unique=True, editable=False)
    secret_hash = models.CharField(_("secret (hashed)"), max_length=256, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    is_active = models.BooleanField(pgettext_lazy("LRS client", "active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("LRS client")
        verbose_name_plural = _("LRS clients")

    def __str__(self):
        return self.name

    def set_new_secret(self):
        """Generate a new key and secret; returns the secret (it cannot be read back later)."""
        if not self.key:
            self.key = secrets.token_hex(10)
        secret = secrets.token_urlsafe(24)
        self.secret_hash = hash_client_secret(secret)
        return secret

    def check_secret(self, secret):
        """Whether ``secret`` is this client's secret, upgrading a hash stored in the old format.

        Rows written before secrets were HMACs hold Django password hashes (PBKDF2), which no data
        migration can recompute: they are checked the slow way once and replaced on success.
        """
        if self.secret_hash.startswith(SECRET_HASH_PREFIX):
            for key in _secret_keys():
                if hmac.compare_digest(self.secret_hash, hash_client_secret(secret, secret_key=key)):
                    if key != settings.SECRET_KEY:  # matched a SECRET_KEY_FALLBACKS entry: re-key it
                        self._upgrade_secret_hash(secret)
                    return True
            return False
        from django.contrib.auth.hashers import check_password

        if not check_password(secret, self.secret_hash):
            return False
        self._upgrade_secret_hash(secret)
        return True

    def _upgrade_secret_hash(self, secret):
        self.secret_hash = hash_client_secret(secret)
        if self.pk is not None:
            LrsClient.objects.filter(pk=self.pk).update(secret_hash=self.secret_hash)

    def allows(self, scope):
        granted = set(self.scopes)
        if "all" in granted:
            return True
        if scope in ("state/read", "profile/read") and scope.removesuffix("/read") in granted:
            return True
        if scope.endswith("/read") or scope.endswith("/read/mine"):
            return (
                scope in granted
                or "all/read" in granted
                or (scope == "statements/read/mine" and "statements/read" in granted)
            )
        return scope in granted

    @property
    def authority(self):
        from .vocabulary import base_url

        return {
            "objectType": "Agent",
            "account": {"homePage": base_url(), "name": f"client:{self.key}"},
            "name": self.name,
        }


class Document(models.Model):
    """A State, Activity Profile or Agent Profile document (xAPI Communication 2.3), stored as sent."""

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        ACTIVITY_PROFILE = "activity_profile", _("Activity profile")
        AGENT_PROFILE = "agent_profile", _("Agent profile")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    activity_id = models.CharField(_("activity"), max_length=1024, blank=True)
    agent_key = models.CharField(_("agent"), max_length=512, blank=True)
    registration = models.UUIDField(_("registration"), null=True, blank=True)
    document_id = models.CharField(_("document id"), max_length=255)
    content = models.BinaryField(_("content"))
    content_type = models.CharField(_("content type"), max_length=255)
    etag = models.CharField(_("ETag"), max_length=40)
    updated = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("xAPI document")
        verbose_name_plural = _("xAPI documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "activity_id", "agent_key", "registration", "document_id"],
                condition=models.Q(registration__isnull=False),
                name="xapi_document_unique_with_registration",
            ),
            models.UniqueConstraint(
                fields=["kind", "activity_id", "agent_key", "document_id"],
                condition=models.Q(registration__isnull=True),
                name="xapi_document_unique_without_registration",
            ),
        ]
        indexes = [models.Index(fields=["kind", "activity_id", "agent_key", "registration", "updated"])]

    def __str__(self):
        return f"{self.kind} {self.document_id}"


class StatementActivity(models.Model):
    """Every activity a statement mentions (object, context activities, sub-statement).

    An indexed side table so ``related_activities=true`` queries stay fast with millions of rows.
    """

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="activity_refs")
    activity_id = models.CharField(_("activity"), max_length=1024)

    class Meta:
        verbose_name = _("statement activity")
        verbose_name_plural = _("statement activities")
        indexes = [models.Index(fields=["activity_id", "statement"])]

    def __str__(self):
        return self.activity_id


class StatementAgent(models.Model):
    """Every agent or group a statement mentions (actor, object, authority, instructor, team, members).

    An indexed side table so ``related_agents=true`` queries stay fast with millions of rows.
    """

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="agent_refs")
    agent_key = models.CharField(_("agent"), max_length=512)
    # The statement's actor or object (what the plain ``agent`` filter matches), as opposed to an
    # authority, instructor, team or sub-statement agent (matched only with related_agents=true).
    is_actor_or_object = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("statement agent")
        verbose_name_plural = _("statement agents")
        indexes = [models.Index(fields=["agent_key", "statement"])]

    def __str__(self):
        return self.agent_key


class ActivityDefinition(models.Model):
    """Everything the stored statements say about one Activity, merged (the Activities resource, Communication 2.5).

    Kept up to date by ``store_statements`` for each batch (xapi.definitions explains the merge), so
    the Activities resource reads one row instead of searching statements.
    """

    activity_id = models.CharField(_("activity"), max_length=1024, unique=True)
    definition = models.JSONField(_("definition"), default=dict)
    updated = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("activity definition")
        verbose_name_plural = _("activity definitions")

    def __str__(self):
        return self.activity_id


class Attachment(models.Model):
    """A statement attachment's raw content (xAPI Data 2.4.11), stored once per SHA-256 hash."""

    # SHA-2 in hex: 64 characters for SHA-256, up to 128 for SHA-512.
    sha2 = models.CharField(_("SHA-2 hash"), max_length=128, unique=True)
    content_type = models.CharField(_("content type"), max_length=255)
    length = models.PositiveBigIntegerField(_("length"))
    content = models.FileField(_("content"), upload_to="xapi/attachments/")
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("xAPI attachment")
        verbose_name_plural = _("xAPI attachments")

    def __str__(self):
        return self.sha2


class OutboxEntry(models.Model):
    """A stored statement still to be forwarded to the external LRS.

    Written in the same transaction as the statement, so a statement is never stored without being
    queued; deleted once the remote LRS has accepted it.
    """

    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="outbox_entry")
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    refused = models.BooleanField(
        _("refused"), default=False, help_text=_("The remote LRS refused this statement on its own.")
    )

    class Meta:
        verbose_name = _("statement to forward")
        verbose_name_plural = _("statements to forward")
        ordering = ["statement_id"]

    def __str__(self):
        return str(self.statement_id)


class ForwardingStatus(models.Model):
    """How the external LRS has answered lately: one row, shared by every forwarding worker.

    Backing off is the remote's state, not a statement's: while the remote is down, newly stored
    statements wait for ``retry_at`` instead of each knocking on a dead server.
    """

    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    retry_at = models.DateTimeField(_("retry after"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success at"), null=True, blank=True)

    class Meta:
        verbose_name = _("forwarding status")
        verbose_name_plural = _("forwarding status")
        default_permissions = ()
        permissions = [("manage_forwarding", _("Can see and retry forwarding to the external LRS"))]

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def load(cls):
        status, _created = cls.objects.get_or_create(pk=1)
        return status
