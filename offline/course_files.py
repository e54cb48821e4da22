"""Which URLs a phone must fetch to read a course with no connection.

Rather than guess which image renditions, recordings and captions the templates use, each page of the
course is rendered exactly as an anonymous reader would get it, and every file URL in the HTML is
collected. A new block type or rendition size is then covered without touching this module.
"""

import json
from importlib import import_module
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from .config import never_cached_prefixes

# Attributes that make the browser fetch a file while showing a page (links the reader follows don't).
URL_ATTRIBUTES = {
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "audio": ["src"],
    "video": ["src", "poster"],
    "track": ["src"],
    "script": ["src"],
    "input": ["src"],
}
# Scripts a signed-in learner's lesson pages load that an anonymous reader's do not (the pages are
# rendered as an anonymous reader would get them): without them a saved lesson read offline while signed
# in could not queue its statements.
SIGNED_IN_STATIC = ["xapi/recorder.js"]
# Only these link relations are needed to show the page; alternates, prev/next and so on are not.
LINK_RELS = {"stylesheet", "icon", "manifest", "apple-touch-icon"}


def _srcset_urls(value):
    # "a.png 360w, b.png 720w": the URL is the first word of each candidate.
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def _urls_of(tag):
    urls = []
    for attribute in URL_ATTRIBUTES.get(tag.name, []):
        value = tag.get(attribute)
        if value:
            urls.extend(_srcset_urls(value) if attribute == "srcset" else [value])
    return urls


def _alternatives(element):
    """The files among which the browser picks one for a ``<picture>``, ``<audio>`` or ``<video>``.

    Returns ``{"element", "choices"}`` with the choices in the browser's order of preference (each
    ``{"type", "urls"}``; a picture's ``<img>`` comes last with type ""), or None when the browser
    fetches them all or picks by something other than the type (a media query, an untyped source).
    """
    sources = element.find_all("source")
    if not sources or any(not source.get("type") or source.get("media") for source in sources):
        return None
    choices = [{"type": source["type"], "urls": _urls_of(source)} for source in sources]
    if element.name == "picture":
        image = element.find("img")
        if image is not None:
            choices.append({"type": "", "urls": _urls_of(image)})
    elif len(choices) < 2 or element.get("src"):
        return None
    return {"element": element.name, "choices": choices}


def files_in_html(html):
    """The file URLs the page's HTML makes the browser fetch, in document order, without repeats.

    Returns ``(required, alternatives)``: URLs always fetched, and the groups (see ``_alternatives``)
    of which a browser fetches only one choice, such as AVIF, WebP or PNG copies of a picture, or an
    Opus and an MP3 recording.
    """
    soup = BeautifulSoup(html, "html.parser")
    required = []
    alternatives = []
    grouped = set()  # ids of the tags whose files are in a group
    for element in soup.find_all(["picture", "audio", "video"]):
        group = _alternatives(element)
        if group is not None:
            alternatives.append(group)
            grouped.update(
                id(tag) for tag in element.find_all(["source", "img"] if group["element"] == "picture" else "source")
            )
    for tag in soup.find_all([*URL_ATTRIBUTES, "link"]):
        if tag.name == "link":
            rels = {rel.lower() for rel in tag.get("rel") or []}
            if rels & LINK_RELS and tag.get("href"):
                required.append(tag["href"])
        elif id(tag) not in grouped:
            required.extend(_urls_of(tag))
    return list(dict.fromkeys(required)), alternatives


def same_origin_path(url, host, excluded=()):
    """The path (and query) of ``url`` when it is on this site and not ``excluded``, else None: the
    Cache API and the service worker only deal with this origin's files."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != host):
        return None
    if not parts.path.startswith("/"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if excluded and path.startswith(tuple(excluded)):
        return None
    return path


def file_size(path):
    """Size in bytes of a static or media file named by its URL path, or 0 when it cannot be found."""
    path = unquote(urlsplit(path).path)
    try:
        if path.startswith(settings.STATIC_URL):
            name = path[len(settings.STATIC_URL) :]
            try:
                return staticfiles_storage.size(name)
            except (OSError, NotImplementedError, ValueError):
                found = finders.find(name)
                return Path(found).stat().st_size if found else 0
        if path.startswith(settings.MEDIA_URL):
            return default_storage.size(path[len(settings.MEDIA_URL) :])
    except (OSError, NotImplementedError, ValueError):
        return 0
    return 0


def render_as_reader(page, request):
    """The HTML an anonymous reader gets for ``page``, in the page's own language."""
    fake = RequestFactory().get(
        page.get_url(request=request),
        HTTP_HOST=request.get_host(),
        secure=request.is_secure(),
    )
    fake.user = AnonymousUser()
    fake.session = import_module(settings.SESSION_ENGINE).SessionStore()
    with translation.override(page.locale.language_code):
        fake.LANGUAGE_CODE = translation.get_language()
        response = page.specific.serve(fake)
        if hasattr(response, "render"):
            response.render()
        return response.content.decode(response.charset or "utf-8")


def course_card_html(course, request):
    """The course's card as the home page and the catalogue show it, so they keep its picture offline."""
    with translation.override(course.locale.language_code):
        return render_to_string("courses/includes/course_card.html", {"course": course}, request=request)


def course_files(course, request):
    """Everything needed to read ``course`` offline: its page, each live lesson and their files.

    Returns ``(files, alternatives)``. ``files`` is a list of ``{"url", "type", "bytes", "alternative"}``
    dicts, pages first, then files in the order they appear, each URL once. A file that is only ever one
    choice among several (a picture or recording format) is marked ``"alternative": True``, and
    ``alternatives`` lists those groups (each distinct one once) so that the phone can skip the formats
    its browser never asks for.
    """
    host = request.get_host()
    excluded = never_cached_prefixes()
    entries = {}
    required = []
    groups = []
    for page in [course, *course.lessons().public()]:
        url = page.get_url(request=request)
        html = render_as_reader(page, request)
        entries[url] = {"url": url, "type": "page", "bytes": len(html.encode("utf-8"))}
        page_required, page_groups = files_in_html(html)
        required += page_required
        groups += page_groups
    card_required, card_groups = files_in_html(course_card_html(course, request))
    required += card_required
    required += [staticfiles_storage.url(name) for name in SIGNED_IN_STATIC]
    groups += card_groups

    def add(raw, alternative):
        path = same_origin_path(raw, host, excluded)
        if path is None:
            return None
        if path in entries:
            entries[path]["alternative"] = entries[path].get("alternative", False) and alternative
            return path
        kind = "media" if path.startswith(settings.MEDIA_URL) else "static"
        if not path.startswith((settings.MEDIA_URL, settings.STATIC_URL)):
            kind = "other"
        entries[path] = {"url": path, "type": kind, "bytes": file_size(path)}
        if alternative:
            entries[path]["alternative"] = True
        return path

    for raw in required:
        add(raw, alternative=False)
    distinct = {}
    for group in groups:
        choices = [
            {"type": choice["type"], "urls": [p for p in (add(url, True) for url in choice["urls"]) if p]}
            for choice in group["choices"]
        ]
        cleaned = {"element": group["element"], "choices": choices}
        distinct.setdefault(json.dumps(cleaned), cleaned)
    files = [{**entry, "alternative": entry.get("alternative", False)} for entry in entries.values()]
    return files, list(distinct.values())
