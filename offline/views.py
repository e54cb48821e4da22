"""The web-app manifest, the service worker, the offline page and the file list of a course.

The manifest and the service worker are Django views rather than static files: they carry translated
names and the current (hashed) static URLs, and the worker must be served from the site root to control
every page.
"""

import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from courses.models import CoursePage

from .config import FORM_NOT_SENT, SERVICE_WORKER_SOURCE, languages, service_worker_config
from .course_files import course_files

THEME_COLOUR = "#0b5cad"
BACKGROUND_COLOUR = "#ffffff"


def html_lang(code):
    return "zh-Hans" if code == "zh-hans" else code


@require_GET
def manifest(request):
    icon = "offline/icons/icon-{}.png"
    data = {
        "id": "/",
        "name": _("Digital Literacy Classroom"),
        "short_name": pgettext("name under the icon of the installed app", "Digital Classroom"),
        "description": _("Free, open courses on digital skills for everyone, in town and country."),
        "lang": html_lang(get_language()),
        "dir": "ltr",
        "start_url": reverse("wagtail_serve", args=[""]),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "categories": ["education"],
        "icons": [
            {"src": static(icon.format("192")), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": static(icon.format("512")), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {
                "src": static(icon.format("maskable-512")),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def service_worker(request):
    source = SERVICE_WORKER_SOURCE.read_text(encoding="utf-8")
    config = json.dumps(service_worker_config(), indent=2)
    response = HttpResponse(source.replace("__OFFLINE_CONFIG__", config), content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/"
    # The browser checks for a new worker on each visit; it must never get a stale one from a cache.
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline_page(request):
    offline_urls = [row["offline_url"] for row in languages()]
    context = {"offline_urls": offline_urls, "form_not_sent": FORM_NOT_SENT in request.GET}
    response = render(request, "offline/offline_page.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
@never_cache
def course_file_list(request, page_id):
    """JSON list of every URL the "Save this course for offline" button stores; live, public pages only."""
    course = get_object_or_404(CoursePage.objects.live().public().select_related("locale"), pk=page_id)
    files, alternatives = course_files(course, request)
    return JsonResponse(
        {
            "course": {
                "id": course.pk,
                "title": course.title,
                "url": course.get_url(request=request),
                "language": course.locale.language_code,
            },
            "cache": f"course-{course.pk}",
            "files": files,
            "alternatives": alternatives,
            "count": len(files),
            # Everything listed; a phone skips the picture and recording formats its browser does not use.
            "total_bytes": sum(entry["bytes"] for entry in files),
        },
        json_dumps_params={"ensure_ascii": False},
    )
