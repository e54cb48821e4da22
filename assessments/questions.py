"""What a question's options mean: its answer key, whether it is complete, and how to show an answer."""

from django.utils.translation import gettext as _

from . import scoring
from .scoring import AnswerKey, Region


def answer_key_for(question):
    """The language-independent answer key of a ``Question`` (option ids are StreamField block ids)."""
    kind = question.kind
    choices = [b for b in question.options if b.block_type == "choice"]
    if kind in scoring.CHOICE_KINDS:
        return AnswerKey(
            kind=kind,
            options=tuple(b.id for b in choices),
            correct=frozenset(b.id for b in choices if b.value.get("correct")),
        )
    if kind == scoring.ORDERING:
        return AnswerKey(kind=kind, options=tuple(b.id for b in choices))
    if kind == scoring.MATCHING:
        return AnswerKey(kind=kind, options=tuple(b.id for b in question.options if b.block_type == "pair"))
    if kind == scoring.TRUE_FALSE:
        return AnswerKey(kind=kind, options=("true", "false"), answer_true=bool(question.answer_true))
    if kind == scoring.SHORT_ANSWER:
        return AnswerKey(
            kind=kind,
            accepted_texts=tuple(b.value["text"] for b in question.options if b.block_type == "accepted_text"),
            accepted_numbers=tuple(
                (float(b.value["value"]), float(b.value.get("tolerance") or 0))
                for b in question.options
                if b.block_type == "accepted_number"
            ),
        )
    if kind == scoring.HOTSPOT:
        return AnswerKey(
            kind=kind,
            regions=tuple(
                Region(
                    id=b.id,
                    shape=b.value["shape"],
                    x=b.value["x"],
                    y=b.value["y"],
                    width=b.value.get("width") or 0,
                    height=b.value.get("height") or 0,
                    radius=b.value.get("radius") or 0,
                    correct=bool(b.value.get("correct")),
                )
                for b in question.options
                if b.block_type == "region"
            ),
        )
    return AnswerKey(kind=kind)


ALLOWED_OPTIONS = {
    scoring.SINGLE: {"choice"},
    scoring.MULTIPLE: {"choice"},
    scoring.IMAGE_CHOICE: {"choice"},
    scoring.ORDERING: {"choice"},
    scoring.MATCHING: {"pair"},
    scoring.SHORT_ANSWER: {"accepted_text", "accepted_number"},
    scoring.HOTSPOT: {"region"},
    scoring.TRUE_FALSE: set(),
    scoring.PRACTICAL: set(),
}


def question_errors(question):
    """Field errors that make a question unusable for its kind (shown to the author in the editor)."""
    kind = question.kind
    errors = {}
    used = {b.block_type for b in question.options}
    wrong = used - ALLOWED_OPTIONS.get(kind, set())
    choices = [b for b in question.options if b.block_type == "choice"]
    if wrong:
        errors["options"] = _("This type of question cannot use these answers: %(types)s.") % {
            "types": ", ".join(sorted(wrong))
        }
    elif kind in (scoring.SINGLE, scoring.IMAGE_CHOICE, scoring.MULTIPLE):
        right = [b for b in choices if b.value.get("correct")]
        if len(choices) < 2:
            errors["options"] = _("Give at least two options.")
        elif kind != scoring.MULTIPLE and len(right) != 1:
            errors["options"] = _("Mark exactly one option as right.")
        elif not right:
            errors["options"] = _("Mark at least one option as right.")
        elif kind == scoring.IMAGE_CHOICE and any(not b.value.get("image") for b in choices):
            errors["options"] = _("Every option needs a picture for 'tap the right picture'.")
    elif kind == scoring.ORDERING and len(choices) < 2:
        errors["options"] = _("Give at least two steps, in the right order.")
    elif kind == scoring.MATCHING and len([b for b in question.options if b.block_type == "pair"]) < 2:
        errors["options"] = _("Give at least two pairs.")
    elif kind == scoring.SHORT_ANSWER and not used:
        errors["options"] = _("Give at least one accepted answer.")
    elif kind == scoring.HOTSPOT:
        if not any(b.value.get("correct") for b in question.options if b.block_type == "region"):
            errors["options"] = _("Mark at least one spot as right.")
        if not question.image_id:
            errors["image"] = _("Choose the screenshot the learner taps on.")
    if kind == scoring.TRUE_FALSE and question.answer_true is None:
        errors["answer_true"] = _("Say whether the statement is true or false.")
    if question.image_id and not (question.image_alt or "").strip():
        errors["image_alt"] = _("Say what the picture shows, for people who cannot see it.")
    return errors


def option_label(block):
    value = block.value
    if block.block_type == "choice":
        return value.get("text") or value.get("alt") or ""
    if block.block_type == "pair":
        return f"{value['prompt']} → {value['match']}"
    if block.block_type == "region":
        return value.get("label") or ""
    return ""


def describe_response(question, response):
    """An answer in words, as authors and learners read it (``response`` as stored)."""
    if response is None:
        return ""
    kind = question.kind
    blocks = {b.id: b for b in question.options}
    if kind in (scoring.SINGLE, scoring.IMAGE_CHOICE):
        return option_label(blocks[response]) if response in blocks else ""
    if kind == scoring.MULTIPLE:
        return _(", ").join(option_label(blocks[i]) for i in response if i in blocks)
    if kind == scoring.TRUE_FALSE:
        return _("True") if response == "true" else _("False")
    if kind == scoring.ORDERING:
        return " → ".join(option_label(blocks[i]) for i in response if i in blocks)
    if kind == scoring.MATCHING:
        return _(", ").join(
            f"{blocks[left].value['prompt']} → {blocks[right].value['match']}"
            for left, right in response.items()
            if left in blocks and right in blocks
        )
    if kind == scoring.HOTSPOT:
        region = scoring.region_at(question.answer_key, *response)
        return option_label(blocks[region.id]) if region else _("a place with nothing to tap")
    if kind == scoring.PRACTICAL:
        return _("Signed off by a trainer") if response == "signed-off" else ""
    return str(response)


def right_answer_text(question):
    """The right answer in words, for the results page."""
    key = question.answer_key
    blocks = {b.id: b for b in question.options}
    if question.kind in scoring.CHOICE_KINDS:
        return _(", ").join(option_label(blocks[i]) for i in key.options if i in key.correct)
    if question.kind == scoring.ORDERING:
        return " → ".join(option_label(blocks[i]) for i in key.options)
    if question.kind == scoring.MATCHING:
        return _(", ").join(option_label(blocks[i]) for i in key.options)
    if question.kind == scoring.TRUE_FALSE:
        return _("True") if key.answer_true else _("False")
    if question.kind == scoring.SHORT_ANSWER:
        texts = [*key.accepted_texts, *(f"{v:g}" for v, _t in key.accepted_numbers)]
        return texts[0] if texts else ""
    if question.kind == scoring.HOTSPOT:
        return _(", ").join(option_label(blocks[r.id]) for r in key.regions if r.correct)
    return ""


def feedback_for(question, response, mark):
    """Feedback texts for this answer: each chosen option's own, then the question's general one."""
    texts = []
    blocks = {b.id: b for b in question.options}
    chosen = []
    if question.kind in (scoring.SINGLE, scoring.IMAGE_CHOICE) and response in blocks:
        chosen = [blocks[response]]
    elif question.kind == scoring.MULTIPLE and response:
        chosen = [blocks[i] for i in response if i in blocks]
    elif question.kind == scoring.MATCHING and response:
        chosen = [blocks[left] for left, right in response.items() if left in blocks and left != right]
    elif question.kind == scoring.HOTSPOT and response:
        region = scoring.region_at(question.answer_key, *response)
        chosen = [blocks[region.id]] if region else []
    texts = [b.value.get("feedback") for b in chosen if b.value.get("feedback")]
    general = question.correct_feedback if mark.correct else question.wrong_feedback
    if general:
        texts.append(general)
    return texts
