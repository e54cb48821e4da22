"""Settings shared by every environment. Environment-specific files import * from here."""

import mimetypes
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Browsers refuse captions served as application/octet-stream.
mimetypes.add_type("text/vtt", ".vtt")

INSTALLED_APPS = [
    "accounts",
    "courses",
    "learning",
    "accessibility",
    "xapi",
    "offline",
    "assessments",
    "groups",
    "stats",
    "lms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.settings",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "django_tasks",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML (and other responses) on slow networks. It sits after WhiteNoise, which answers
    # static files itself with its precompressed .br/.gz files, and before every middleware that reads
    # or writes the response body. BREACH: Django masks the CSRF token anew on every response and adds
    # random bytes to each gzip header ("Heal the BREACH"), so compressed sizes stop leaking secrets.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "accessibility.preferences.display_preferences",
            ],
        },
    },
]

WSGI_APPLICATION = "lms.wsgi.application"

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several requests write at once (a page's form POST and its xAPI statements): wait for the
    # lock instead of failing, take write locks at the start of a transaction, and let readers
    # work beside a writer (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Languages: Simplified Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed static files never change, so they may be cached for a year (whitenoise marks them immutable).
# collectstatic writes a Brotli (.br) and a gzip (.gz) copy of each text file; whitenoise picks one by
# the browser's Accept-Encoding. Brotli is there only if the Brotli package is installed (requirements.txt).
WHITENOISE_MAX_AGE = 365 * 24 * 3600
# Files served at the site root: /favicon.ico (drawn by offline/make_icons.py), which browsers ask for anyway.
WHITENOISE_ROOT = BASE_DIR / "lms" / "root"

# Wagtail
WAGTAIL_SITE_NAME = "数字素养课堂"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILDOCS_SERVE_METHOD = "direct"
WAGTAILDOCS_EXTENSIONS = ["pdf", "mp3", "mp4", "webm", "ogg", "opus", "m4a", "vtt", "txt", "csv", "xlsx"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "png", "jpeg": "jpeg"}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # Chinese titles get pinyin slugs instead (courses/slugs.py)
# No avatars from gravatar.com: unreachable in mainland China (a failed request on every admin page)
# and it would send a hash of each administrator's e-mail address abroad.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No check for new Wagtail releases from the admin's browser: releases.wagtail.org is not reachable
# everywhere (a failed request and a console error on admin pages); upgrades follow requirements.txt.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# django-allauth: sign in with a phone number, an e-mail address or a user name
# (trainer-created accounts have only a user name), or with a one-time code.
ACCOUNT_ADAPTER = "accounts.adapter.LearnerAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"phone", "email", "username"}
# Neither phone nor e-mail is required on its own: the sign-up form demands one of them. Nor is a
# password: with a phone number the learner signs up and in by SMS 验证码 and may add a password later
# (their profile); the form still asks for one when only an e-mail address is given.
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1", "password2"]
ACCOUNT_FORMS = {"signup": "accounts.forms.LearnerSignupForm", "login": "accounts.forms.LearnerLoginForm"}
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_USER_DISPLAY = "accounts.models.user_display"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# allauth warns that no login method is a required sign-up field; the sign-up form
# requires "a phone number or an e-mail address", which allauth cannot express.
SILENCED_SYSTEM_CHECKS = ["account.W001"]

# Sign-in and SMS limits (issue #18). They count in the shared cache (CACHES below), so every app
# worker sees the same numbers. The actions are allauth 65's (allauth/account/app_settings.py):
# - login / login_failed: per client address only, and generous: a classroom of 200 learners signs in
#   from one address within minutes, typos included. Guessing one account's PIN is slowed by the
#   per-account wait in accounts/sign_in_wait.py instead, which replaces allauth's per-login part of
#   login_failed (left out here on purpose, so learners and trainers have one rule to understand).
# - request_login_code, verify_phone, signup, reset_password: each sends an SMS or an e-mail, so each is
#   limited per number (key) and per address, by the minute and by the day, against SMS pumping.
#   A code is never sent to a number without an account (accounts/adapter.py).
ACCOUNT_RATE_LIMITS = {
    "login": "1000/10m/ip",
    "login_failed": "300/10m/ip",
    "request_login_code": "1/m/key,5/h/key,10/d/key,30/m/ip,500/d/ip",
    "verify_phone": "1/30s/key,5/h/key,10/d/key,10/m/ip,200/d/ip",
    "signup": "20/m/ip,300/d/ip",
    "reset_password": "20/m/ip,5/h/key",
}
# The number of reverse proxies in front of the app that append to X-Forwarded-For (1 behind one
# nginx). 0, the default, ignores the header (it can be forged) and counts REMOTE_ADDR; behind a proxy
# that would make every learner one address.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("LMS_TRUSTED_PROXY_COUNT") or 0)

# The shared cache: rate limits and sign-in waits must be the same for every worker process.
# Redis when LMS_REDIS_URL is set (e.g. redis://127.0.0.1:6379/0); otherwise a table in the database
# (`manage.py createcachetable`, run by `make bootstrap`). Never the per-process memory cache.
LMS_REDIS_URL = os.environ.get("LMS_REDIS_URL", "").strip()
if LMS_REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": LMS_REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "lms_cache",
            # Culling (by default past 300 entries) would forget sign-in waits under a flood of attempts.
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        }
    }

# Where SMS codes go; production replaces this with a real gateway adapter.
LMS_SMS_SENDER = "accounts.sms.ConsoleSmsSender"

LMS_SITE_NAME = _("Digital Literacy Classroom")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"lms.sms": {"handlers": ["console"], "level": "INFO"}},
}
# Six-digit numeric codes: what people in China expect from an SMS, and easy to type on a keypad.
ALLAUTH_USER_CODE_FORMAT = {"numeric": True, "dashed": False, "length": 6}

# Background tasks (narration). Development runs them at once; production uses the database queue
# (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Generate read-aloud audio when a page is published (accessibility.speech: Python packages only).
LMS_NARRATE_ON_PUBLISH = True

# xAPI: the account home page of learners and the base of activity IRIs (the site's public URL).
LMS_XAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# Wrong LRS client secrets allowed per client key and per caller address (django-ratelimit rates,
# counted in the default cache: share it between workers); beyond them the LRS answers 429.
LMS_XAPI_AUTH_FAILURES_PER_KEY = os.environ.get("LMS_XAPI_AUTH_FAILURES_PER_KEY") or "10/m"
LMS_XAPI_AUTH_FAILURES_PER_ADDRESS = os.environ.get("LMS_XAPI_AUTH_FAILURES_PER_ADDRESS") or "30/m"

# Optional: forward every stored statement to an external LRS (xapi/forwarding.py). Off while the
# endpoint is empty; the username and password are that LRS's HTTP Basic credentials.
LMS_XAPI_FORWARD_ENDPOINT = os.environ.get("LMS_XAPI_FORWARD_ENDPOINT", "").strip()
LMS_XAPI_FORWARD_USERNAME = os.environ.get("LMS_XAPI_FORWARD_USERNAME", "")
LMS_XAPI_FORWARD_PASSWORD = os.environ.get("LMS_XAPI_FORWARD_PASSWORD", "")
LMS_XAPI_FORWARD_BATCH_SIZE = int(os.environ.get("LMS_XAPI_FORWARD_BATCH_SIZE") or 50)
# Longest wait, in seconds, between retries while the external LRS is unreachable.
LMS_XAPI_FORWARD_MAX_BACKOFF = int(os.environ.get("LMS_XAPI_FORWARD_MAX_BACKOFF") or 3600)
