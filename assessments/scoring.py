"""Marking answers: pure functions of an answer key and a response, run on the server only.

A response is what the learner chose, already checked to belong to the question
(see assessments.answers): an option id, a list of option ids, item order, pairs, text, a point.
Every score is between 0 and 1; ``correct`` means full marks.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field

from accessibility.text import normalise_typed_text

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
IMAGE_CHOICE = "image_choice"
ORDERING = "ordering"
MATCHING = "matching"
SHORT_ANSWER = "short_answer"
HOTSPOT = "hotspot"
PRACTICAL = "practical"
CHOICE_KINDS = {SINGLE, MULTIPLE, IMAGE_CHOICE}


@dataclass(frozen=True)
class Region:
    id: str
    shape: str  # "rect" or "circle"
    x: float
    y: float
    width: float = 0
    height: float = 0
    radius: float = 0
    correct: bool = True

    def contains(self, px, py):
        if self.shape == "circle":
            return math.hypot(px - self.x, py - self.y) <= self.radius
        return self.x <= px <= self.x + self.width and self.y <= py <= self.y + self.height

    def describe(self):
        """The region as text, for the xAPI correct-response pattern."""
        if self.shape == "circle":
            return f"circle({self.x:g},{self.y:g},{self.radius:g})"
        return f"rect({self.x:g},{self.y:g},{self.width:g},{self.height:g})"


@dataclass(frozen=True)
class AnswerKey:
    """Everything needed to mark one question, independent of language and of the database."""

    kind: str
    options: tuple = ()  # option ids; for ordering, in the right order; for matching, the pair ids
    correct: frozenset = frozenset()  # right option ids (choice kinds)
    answer_true: bool | None = None
    accepted_texts: tuple = ()
    accepted_numbers: tuple = ()  # (value, tolerance)
    regions: tuple = field(default_factory=tuple)


@dataclass(frozen=True)
class Mark:
    score: float
    correct: bool


def _mark(score):
    score = min(1.0, max(0.0, float(score)))
    return Mark(score=score, correct=score >= 1.0)


_NUMBER_SEPARATORS = re.compile(r"[\s,，_']")


def normalise_answer(value):
    """Text as compared for short answers: voice-typing cleaned up, then full/half width folded,
    case ignored, and every space, punctuation mark and symbol removed ("微 信。" == "微信")."""
    text = unicodedata.normalize("NFKC", normalise_typed_text(value)).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")


def parse_number(value):
    """A number typed with a phone keyboard (full-width digits, spaces, thousands separators), or None."""
    text = unicodedata.normalize("NFKC", normalise_typed_text(value))
    text = _NUMBER_SEPARATORS.sub("", text).replace("。", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def score_response(key, response):
    """Mark ``response`` against ``key``. A missing response scores 0."""
    if response is None or response == "" or response == [] or response == {}:
        return _mark(0)
    kind = key.kind
    if kind in (SINGLE, IMAGE_CHOICE):
        return _mark(1 if response in key.correct else 0)
    if kind == TRUE_FALSE:
        return _mark(1 if response == ("true" if key.answer_true else "false") else 0)
    if kind == MULTIPLE:
        chosen = set(response)
        if not key.correct:
            return _mark(0)
        hits = len(chosen & key.correct)
        false_alarms = len(chosen - key.correct)
        # Partial credit: each right option earns a share, each wrong one takes a share back.
        score = (hits - false_alarms) / len(key.correct)
        return Mark(score=min(1.0, max(0.0, score)), correct=chosen == key.correct)
    if kind == ORDERING:
        if not key.options:
            return _mark(0)
        in_place = sum(1 for given, right in zip(response, key.options, strict=False) if given == right)
        return _mark(in_place / len(key.options)) if len(response) == len(key.options) else _mark(0)
    if kind == MATCHING:
        if not key.options:
            return _mark(0)
        right = sum(1 for item in key.options if response.get(item) == item)
        return _mark(right / len(key.options))
    if kind == SHORT_ANSWER:
        text = normalise_answer(response)
        if text and any(text == normalise_answer(accepted) for accepted in key.accepted_texts):
            return _mark(1)
        number = parse_number(response)
        if number is not None and any(abs(number - value) <= tolerance for value, tolerance in key.accepted_numbers):
            return _mark(1)
        return _mark(0)
    if kind == HOTSPOT:
        x, y = response
        region = region_at(key, x, y)
        return _mark(1 if region is not None and region.correct else 0)
    if kind == PRACTICAL:
        return _mark(1 if response == "signed-off" else 0)
    raise ValueError(f"unknown question kind {kind!r}")


def region_at(key, x, y):
    """The region the point falls in; a right region wins where regions overlap."""
    hits = [region for region in key.regions if region.contains(x, y)]
    return next((r for r in hits if r.correct), hits[0] if hits else None)


def attempt_score(marks):
    """The attempt's score: the mean of its questions' scores (0 for an attempt without questions)."""
    marks = list(marks)
    return sum(m.score for m in marks) / len(marks) if marks else 0.0
