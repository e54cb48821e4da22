"""Test settings: fast hashing, in-memory mail, no static manifest, media in a temp folder."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="lms-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LMS_SMS_SENDER = "accounts.sms.OutboxSmsSender"
LMS_SERVE_MEDIA = True
# Serve static files from the apps directly; no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests generate narration explicitly (tests/accessibility/test_narration.py), not on every publish.
LMS_NARRATE_ON_PUBLISH = False
LMS_AVIF_ENCODER_SPEED = 10
# The database cache whatever the environment says: tests count rate limits in it, and each test's
# transaction rolls its entries back.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lms_cache",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }
}
