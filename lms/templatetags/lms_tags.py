"""Template helpers shared by every app's templates."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from lms.sanitize import clean_html

register = template.Library()


@register.filter
def sanitized_richtext(value):
    """Render Wagtail rich text (links expanded) and pass it through the sanitiser."""
    source = getattr(value, "source", value)
    return mark_safe(clean_html(expand_db_html(str(source or ""))))  # noqa: S308 - cleaned by bleach


@register.filter
def lines(value):
    """Split a multi-line text field into non-empty stripped lines."""
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to this page in every site language: the page's translation, else the same URL."""
    from django.conf import settings
    from django.urls import translate_url
    from django.utils.translation import get_language

    request = context["request"]
    page = context.get("page")
    translations = {}
    if page is not None and getattr(page, "pk", None):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation.url
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code) or translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag
def field_widget(bound_field):
    """Render a field's widget tied to its help text and errors, so screen readers announce both."""
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_help")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_errors")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    if bound_field.name == "code":
        # allauth's one-time codes are six digits: number pad, and the phone may fill it from the SMS.
        attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code", "placeholder": ""})
    return bound_field.as_widget(attrs=attrs)


@register.filter
def is_choice_group(bound_field):
    """Radio buttons and checkbox lists are grouped in a fieldset with a legend."""
    return getattr(bound_field.field.widget, "allow_multiple_selected", False) or bound_field.widget_type in (
        "radioselect",
        "checkboxselectmultiple",
    )
