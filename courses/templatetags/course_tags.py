"""Template tags about the course pages, for templates of every app (base.html's menu)."""

from django import template
from wagtail.models import Locale

from courses.models import CourseIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_url(context):
    """URL of the course catalogue in the active language (one small query, cached per request)."""
    request = context["request"]
    cached = getattr(request, "_catalogue_url", None)
    if cached is None:
        catalogue = CourseIndexPage.objects.live().filter(locale=Locale.get_active()).first()
        cached = catalogue.url if catalogue else ""
        request._catalogue_url = cached
    return cached
