"""Local development: DEBUG on, a throwaway secret, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# runserver serves static files itself; no collectstatic needed in development.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Browser tests run a throwaway server with its own media folder.
if os.environ.get("DJANGO_MEDIA_ROOT"):
    MEDIA_ROOT = os.environ["DJANGO_MEDIA_ROOT"]
# Quicker first views of new images while developing; production keeps the smaller default.
LMS_AVIF_ENCODER_SPEED = 8
