"""Which questions a quiz shows, in which language, and in which order.

A quiz names its questions by translation key, so a lesson read in Chinese and one read in
English ask the same questions, each in the reader's language (the default language when a
question is not translated yet). Random draws and option orders come from a seed: the same seed
gives the same questions in the same order, which is what makes a reload or a resumed attempt
look the same.
"""

import hashlib
import random

from wagtail.models import Locale

from . import scoring
from .models import Question


def seed_for(*parts):
    return hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()[:32]


def pool_keys(tag):
    """Translation keys of every question with this tag, in a stable order."""
    if not tag:
        return []
    keys = Question.objects.filter(tags__name=tag).values_list("translation_key", flat=True).distinct()
    return sorted({str(k) for k in keys})


def draw_question_keys(*, fixed_keys, tag, count, seed):
    """The fixed list, or ``count`` questions drawn from the tag's pool with this seed."""
    if fixed_keys:
        return [str(k) for k in dict.fromkeys(fixed_keys)]
    pool = pool_keys(tag)
    # Reproducible from the stored seed on purpose; the seed itself comes from ``secrets``.
    return random.Random(seed).sample(pool, min(count or 0, len(pool)))  # noqa: S311


def questions_in_locale(keys, locale=None):
    """{translation key: question} for these keys in ``locale``, else the default language (one query)."""
    locale = locale or Locale.get_active()
    default = Locale.get_default()
    rows = Question.objects.filter(translation_key__in=list(keys)).select_related("locale", "image", "audio")
    found = {}
    for question in rows:
        key = str(question.translation_key)
        current = found.get(key)
        if (
            current is None
            or question.locale_id == locale.pk
            or (current.locale_id != locale.pk and question.locale_id == default.pk)
        ):
            found[key] = question
    return found


def ordered_questions(keys, locale=None):
    found = questions_in_locale(keys, locale)
    return [found[str(k)] for k in keys if str(k) in found]


def shuffled(items, seed, salt):
    items = list(items)
    random.Random(f"{seed}:{salt}").shuffle(items)  # noqa: S311 - reproducible order, not a secret
    return items


def display_order(question, seed):
    """Option ids in the order this attempt shows them (shuffled with the attempt's seed).

    Steps to put in order never start in the right order, or there would be nothing to do.
    """
    key = question.answer_key
    if question.kind == scoring.TRUE_FALSE:
        return list(key.options)
    order = shuffled(key.options, seed, question.translation_key)
    if question.kind == scoring.ORDERING and len(order) > 1 and order == list(key.options):
        order = order[1:] + order[:1]
    return order
