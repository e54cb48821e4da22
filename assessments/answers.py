"""Reading answers from a submitted quiz form, refusing anything that does not belong to the question.

Form field names start with ``q-<question translation key>``. Every question type works as a
plain HTML form: radio buttons and checkboxes, a number select per step for ordering, a select
per item for matching, a text box, and an ``<input type="image">`` for tapping a spot (the browser
sends where it was tapped; JavaScript only adds a marker before sending).
"""

import math

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import scoring

# Width in CSS pixels at which a hotspot screenshot is shown, so a tap's position without
# JavaScript can be turned back into the picture's own pixels.
HOTSPOT_WIDTH = 300
MAX_TEXT_LENGTH = 200


class InvalidAnswer(ValueError):
    """An answer that cannot be accepted; ``message`` says why, in the learner's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def field_name(question):
    return f"q-{question.translation_key}"


def hotspot_display_size(question):
    """(width, height) at which the screenshot is shown: HOTSPOT_WIDTH wide, never enlarged."""
    image = question.image
    width = min(HOTSPOT_WIDTH, image.width)
    return width, round(image.height * width / image.width)


def _not_this_question():
    return InvalidAnswer(_("This answer does not belong to this question. Please reload the page and answer again."))


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidAnswer(_("The place you tapped could not be read. Please tap again.")) from None
    if not math.isfinite(number):
        raise InvalidAnswer(_("The place you tapped could not be read. Please tap again."))
    return number


def parse_answer(question, data):
    """The response given to ``question`` in the form ``data`` (a QueryDict), or None if unanswered.

    Raises InvalidAnswer for anything the form could not have sent for this question.
    """
    name = field_name(question)
    key = question.answer_key
    kind = question.kind
    if kind in (scoring.SINGLE, scoring.IMAGE_CHOICE, scoring.TRUE_FALSE):
        values = [v for v in data.getlist(name) if v != ""]
        if not values:
            return None
        if len(values) > 1:
            raise InvalidAnswer(_("Choose only one answer."))
        if values[0] not in key.options:
            raise _not_this_question()
        return values[0]
    if kind == scoring.MULTIPLE:
        values = [v for v in data.getlist(name) if v != ""]
        if not values:
            return None
        if any(v not in key.options for v in values):
            raise _not_this_question()
        return sorted(set(values))
    if kind == scoring.ORDERING:
        positions = {item: (data.get(f"{name}-{item}") or "").strip() for item in key.options}
        if not any(positions.values()):
            return None
        if not all(positions.values()):
            raise InvalidAnswer(_("Give every step a number."))
        try:
            numbers = {item: int(value) for item, value in positions.items()}
        except ValueError:
            raise _not_this_question() from None
        if sorted(numbers.values()) != list(range(1, len(key.options) + 1)):
            raise InvalidAnswer(
                ngettext(
                    "Give each step a different number, from 1 to %(count)d.",
                    "Give each step a different number, from 1 to %(count)d.",
                    len(key.options),
                )
                % {"count": len(key.options)}
            )
        return sorted(key.options, key=lambda item: numbers[item])
    if kind == scoring.MATCHING:
        chosen = {item: (data.get(f"{name}-{item}") or "").strip() for item in key.options}
        if not any(chosen.values()):
            return None
        if not all(chosen.values()):
            raise InvalidAnswer(_("Choose a match for every item."))
        if any(value not in key.options for value in chosen.values()):
            raise _not_this_question()
        return chosen
    if kind == scoring.SHORT_ANSWER:
        text = (data.get(name) or "").strip()
        if not text:
            return None
        if len(text) > MAX_TEXT_LENGTH:
            raise InvalidAnswer(
                _("Please keep the answer shorter than %(count)d characters.") % {"count": MAX_TEXT_LENGTH}
            )
        return text
    if kind == scoring.HOTSPOT:
        return _parse_point(question, data, name)
    return None  # practical skills are signed off by a trainer, not answered in the form


def _parse_point(question, data, name):
    raw_x = data.get(f"{name}.x", data.get(f"{name}-x", ""))
    raw_y = data.get(f"{name}.y", data.get(f"{name}-y", ""))
    if raw_x == "" and raw_y == "":
        return None
    if question.image is None:
        raise _not_this_question()
    x, y = _number(raw_x), _number(raw_y)
    width, height = hotspot_display_size(question)
    if not (0 <= x <= width and 0 <= y <= height):
        raise InvalidAnswer(_("Tap inside the picture."))
    scale = question.image.width / width
    return [round(x * scale, 1), round(y * scale, 1)]


def tapped_question_key(data):
    """The question whose picture was tapped, when the form was sent by tapping a hotspot picture."""
    for name in data:
        if name.startswith("q-") and name.endswith(".x"):
            return name[2:-2]
    return None


def unknown_question_fields(data, question_keys):
    """Names of answer fields for questions that are not in this quiz (a tampered form)."""
    allowed = {str(k) for k in question_keys}
    unknown = []
    for name in data:
        if not name.startswith("q-"):
            continue
        question_key = name[2:38]
        if question_key not in allowed:
            unknown.append(name)
    return unknown
