"""What the service worker must know about the site, worked out from settings and URL names.

The JavaScript then hard-codes no path, language or file name: hashed static URLs in production, the
`/en/` prefix and the offline page's address all come from here.
"""

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

APP_DIR = Path(__file__).resolve().parent
SERVICE_WORKER_SOURCE = APP_DIR / "static" / "offline" / "sw.js"
OFFLINE_TEMPLATE = APP_DIR / "templates" / "offline" / "offline_page.html"

# The app shell: what every page needs to look right, stored when the service worker installs.
SHELL_STATIC = [
    "lms/css/site.css",
    "offline/register.js",
    "offline/offline-forms.js",
    "offline/save-course.js",
    "offline/offline-page.js",
    "offline/icons/icon-192.png",
    "offline/icons/icon-512.png",
    "offline/icons/icon-maskable-512.png",
]
# Pages kept as they are visited; the oldest goes first. Saved courses are kept apart, without a limit.
RECENT_PAGES_LIMIT = 50
# Runtime-cached pictures and other small media; recordings and videos are kept only in saved courses.
RECENT_MEDIA_LIMIT = 120
# After this many seconds without an answer, a page visited before is shown from the phone.
NETWORK_TIMEOUT_SECONDS = 6
# Query of the offline page's variant for a form that could not be sent.
FORM_NOT_SENT = "form"

_version_memo = {}


def languages():
    """Each site language with its URL prefix ("/" or "/en/"), offline page and manifest, longest prefix
    first so the service worker can pick the first one that matches a path."""
    rows = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            offline_url = reverse("offline_page")
            rows.append(
                {
                    "code": code,
                    "prefix": offline_url.removesuffix("offline/"),
                    "offline_url": offline_url,
                    # The offline page as it answers a form sent with no network: nothing was sent.
                    "form_offline_url": f"{offline_url}?{FORM_NOT_SENT}",
                    "manifest_url": reverse("offline_manifest"),
                }
            )
    return sorted(rows, key=lambda row: len(row["prefix"]), reverse=True)


def never_cached_prefixes():
    """Paths that are always fetched from the network: the admin and sign-in pages change with every
    visit and may hold private data, and the service worker must always come fresh."""
    prefixes = ["/admin/", "/django-admin/", "/i18n/", "/xapi/", reverse("offline_sw")]
    prefixes += [f"{row['prefix']}accounts/" for row in languages()]
    return tuple(prefixes)


def sign_out_urls():
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.append(reverse("account_logout"))
    return urls


def shell_urls():
    urls = [static(name) for name in SHELL_STATIC]
    for row in languages():
        urls += [row["offline_url"], row["form_offline_url"], row["manifest_url"]]
    return urls


def _version(config):
    """A short hash of everything the service worker stores at install: a change to any of it installs a
    new worker, which replaces the old caches (static URLs are not hashed in development)."""
    key = json.dumps(config, sort_keys=True)
    if key in _version_memo and not settings.DEBUG:
        return _version_memo[key]
    digest = hashlib.sha256(key.encode())
    for path in [SERVICE_WORKER_SOURCE, OFFLINE_TEMPLATE]:
        digest.update(path.read_bytes())
    for name in SHELL_STATIC:
        found = finders.find(name)
        if found:
            digest.update(Path(found).read_bytes())
    _version_memo[key] = digest.hexdigest()[:12]
    return _version_memo[key]


def service_worker_config():
    config = {
        "shell": shell_urls(),
        "staticUrl": settings.STATIC_URL,
        "mediaUrl": settings.MEDIA_URL,
        "languages": [
            {"prefix": row["prefix"], "offlineUrl": row["offline_url"], "formOfflineUrl": row["form_offline_url"]}
            for row in languages()
        ],
        "neverCache": list(never_cached_prefixes()),
        "signOutUrls": sign_out_urls(),
        "recentPagesLimit": RECENT_PAGES_LIMIT,
        "recentMediaLimit": RECENT_MEDIA_LIMIT,
        "networkTimeoutMs": NETWORK_TIMEOUT_SECONDS * 1000,
    }
    config["version"] = _version(config)
    return config
