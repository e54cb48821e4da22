"""Readable URL slugs for pages with Chinese titles: "微信视频通话" becomes "weixin-shipin-tonghua".

Wagtail fills an empty slug by ``slugify``-ing the title, which drops every Chinese character when
``WAGTAIL_ALLOW_UNICODE_SLUGS`` is off, and its admin form then demands a slug on the Promote tab.
Its slug JavaScript (``w-slug``) only takes regular-expression formatters, so it cannot write pinyin:
the server fills the slug instead, in the admin form (the field may be left empty) and in
``full_clean`` (pages made in code or by imports), unique among the page's siblings.
"""

import logging
import re

import jieba
from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pypinyin import lazy_pinyin
from wagtail.admin.forms import WagtailAdminPageForm

import accessibility.speech  # noqa: F401  (loads the project's readings of polyphonic words, e.g. 长按)

jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at INFO
MAX_SLUG_LENGTH = 80


def pinyin_slug(text):
    """A lower-case ASCII slug: pinyin words joined by hyphens (English words and digits kept)."""
    text = text or ""
    # Readings from the whole title (pypinyin picks a character's reading from its phrase, e.g. 长按 is
    # chang an), one item per character; then grouped into jieba's words.
    syllables = lazy_pinyin(text, errors=lambda chars: list(chars))
    words, start = [], 0
    for word in jieba.cut(text):
        words.append("".join(syllables[start : start + len(word)]))
        start += len(word)
    slug = slugify("-".join(words))
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return re.sub(r"-+", "-", slug).strip("-")


def fill_slug_from_title(page, *, parent=None):
    """Give ``page`` a pinyin slug of its title if it has none and its parent is known; unique among siblings."""
    if page.slug or not page.title:
        return
    # treebeard's get_parent() returns None for a page not yet in the tree (no path), whatever is cached.
    parent = parent or (page.get_parent() if page.path else getattr(page, "_cached_parent_obj", None))
    if parent is None:
        return
    base = pinyin_slug(page.title)
    if not base:
        return
    siblings = parent.get_children().filter(slug__startswith=base)
    if page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:  # "-2", "-3" as Wagtail numbers them
        number += 1
        slug = f"{base}-{number}"
    page.slug = slug


class PinyinSlugPageForm(WagtailAdminPageForm):
    """The page editor's form: the slug may be left empty; it is then made from the title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The last part of the page's web address, in lower-case letters, digits and hyphens. "
                "Leave it empty to make it from the title in pinyin, e.g. weixin-shipin-tonghua."
            )

    def clean(self):
        if "slug" in self.fields and not self.cleaned_data.get("slug") and self.cleaned_data.get("title"):
            self.instance.title = self.cleaned_data["title"]
            self.instance.slug = ""
            fill_slug_from_title(self.instance, parent=self.parent_page)
            if self.instance.slug:
                self.cleaned_data["slug"] = self.instance.slug
            else:
                self.add_error("slug", forms.ValidationError(_("Enter a slug: the title has no letters or digits.")))
        return super().clean()


class PinyinSlugMixin:
    """For every page type: an empty slug is filled from the title in pinyin (see the module docstring)."""

    base_form_class = PinyinSlugPageForm

    def full_clean(self, *args, **kwargs):
        fill_slug_from_title(self)
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        fill_slug_from_title(self)
        super().minimal_clean()
