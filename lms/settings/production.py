"""Production: every secret and host comes from the environment; refuses to start without them."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Environment variable {name} is required in production.")
    return value


DEBUG = False
SECRET_KEY = required_env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in required_env("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
DATABASES = {"default": dj_database_url.parse(required_env("DATABASE_URL"), conn_max_age=600)}
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

# Optional folders (default: staticfiles/ and media/ in the project).
if os.environ.get("DJANGO_STATIC_ROOT"):
    STATIC_ROOT = os.environ["DJANGO_STATIC_ROOT"]
if os.environ.get("DJANGO_MEDIA_ROOT"):
    MEDIA_ROOT = os.environ["DJANGO_MEDIA_ROOT"]
# Media files belong to the web server. LMS_SERVE_MEDIA=1 makes Django serve them itself (no range
# requests, one worker busy per file): for benchmarks and single-machine trials only. Off by default.
LMS_SERVE_MEDIA = os.environ.get("LMS_SERVE_MEDIA", "0") == "1"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The shared cache (base.py): sign-in limits hold across all app workers only through it.
# LMS_REDIS_URL=redis://127.0.0.1:6379/0 uses Redis (recommended with several workers); without it the
# database cache table made by `manage.py createcachetable` (run it once after `migrate`).
# LMS_TRUSTED_PROXY_COUNT=1 behind one reverse proxy (nginx) that sets X-Forwarded-For, so each learner's
# own address is counted; left at 0 behind a proxy, a whole classroom counts as one address.

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LMS_XAPI_BASE_URL = WAGTAILADMIN_BASE_URL
