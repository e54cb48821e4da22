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
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# django-allauth: sign in with a phone number, an e-mail address or a user name
# (trainer-created accounts have only a user name), or with a one-time code.
ACCOUNT_ADAPTER = "accounts.adapter.LearnerAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"phone", "email", "username"}
# Neither phone nor e-mail is required on its own: the sign-up form demands one of them.
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1*", "password2*"]
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
# Generate read-aloud audio when a page is published (needs espeak-ng, lame and opus-tools).
LMS_NARRATE_ON_PUBLISH = True

# xAPI: the account home page of learners and the base of activity IRIs (the site's public URL).
LMS_XAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# Optional: forward every stored statement to an external LRS (xapi/forwarding.py). Off while the
# endpoint is empty; the username and password are that LRS's HTTP Basic credentials.
LMS_XAPI_FORWARD_ENDPOINT = os.environ.get("LMS_XAPI_FORWARD_ENDPOINT", "").strip()
LMS_XAPI_FORWARD_USERNAME = os.environ.get("LMS_XAPI_FORWARD_USERNAME", "")
LMS_XAPI_FORWARD_PASSWORD = os.environ.get("LMS_XAPI_FORWARD_PASSWORD", "")
LMS_XAPI_FORWARD_BATCH_SIZE = int(os.environ.get("LMS_XAPI_FORWARD_BATCH_SIZE") or 50)
# Longest wait, in seconds, between retries while the external LRS is unreachable.
LMS_XAPI_FORWARD_MAX_BACKOFF = int(os.environ.get("LMS_XAPI_FORWARD_MAX_BACKOFF") or 3600)
