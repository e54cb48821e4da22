"""What the quiz templates show for each question: options in the attempt's order, the learner's
current answer, and after marking the feedback, explanation and right answer.

Kept out of the templates so that they stay simple, and out of the services so that marking never
depends on how a page looks.
"""

from dataclasses import dataclass, field

from . import scoring
from .answers import field_name, hotspot_display_size
from .questions import describe_response, option_label, right_answer_text
from .selection import display_order


@dataclass
class OptionView:
    id: str
    label: str
    image: object = None
    alt: str = ""
    checked: bool = False
    right: bool = False
    feedback: str = ""
    position: int = 0  # ordering: the position currently chosen
    selected: str = ""  # matching: the match currently chosen


@dataclass
class QuestionView:
    question: object
    number: int
    total: int
    name: str
    options: list = field(default_factory=list)
    targets: list = field(default_factory=list)  # matching: the matches, shuffled
    response: object = None
    mark: object = None
    feedback: list = field(default_factory=list)
    error: str = ""
    locked: bool = False  # answered and marked: shown as a result, not as inputs
    hotspot: dict | None = None
    signed_off: bool = False

    @property
    def kind(self):
        return self.question.kind

    @property
    def key(self):
        return str(self.question.translation_key)

    @property
    def dom_id(self):
        return f"question-{self.key}"

    @property
    def right_answer(self):
        return right_answer_text(self.question)

    @property
    def answer_words(self):
        return describe_response(self.question, self.response)

    @property
    def numeric(self):
        key = self.question.answer_key
        return bool(key.accepted_numbers) and not key.accepted_texts

    @property
    def text_value(self):
        return self.response if isinstance(self.response, str) else ""


def _choice_blocks(question):
    return {b.id: b for b in question.options}


def question_view(
    question, *, seed, number, total, response=None, mark=None, feedback=None, error="", locked=False, signed_off=False
):
    blocks = _choice_blocks(question)
    view = QuestionView(
        question=question,
        number=number,
        total=total,
        name=field_name(question),
        response=response,
        mark=mark,
        feedback=feedback or [],
        error=error,
        locked=locked,
        signed_off=signed_off,
    )
    kind = question.kind
    key = question.answer_key
    order = display_order(question, seed)
    if kind == scoring.TRUE_FALSE:
        from django.utils.translation import gettext as _

        labels = {"true": _("True"), "false": _("False")}
        right = "true" if key.answer_true else "false"
        view.options = [
            OptionView(id=value, label=labels[value], checked=response == value, right=value == right)
            for value in order
        ]
    elif kind in scoring.CHOICE_KINDS:
        chosen = set(response) if isinstance(response, list) else {response}
        view.options = [
            OptionView(
                id=i,
                label=blocks[i].value.get("text") or "",
                image=blocks[i].value.get("image"),
                alt=blocks[i].value.get("alt") or "",
                checked=i in chosen,
                right=i in key.correct,
                feedback=blocks[i].value.get("feedback") or "",
            )
            for i in order
        ]
    elif kind == scoring.ORDERING:
        current = response if isinstance(response, list) and len(response) == len(order) else order
        view.options = [
            OptionView(id=i, label=option_label(blocks[i]), position=n, right=key.options.index(i) + 1 == n)
            for n, i in enumerate(current, start=1)
        ]
    elif kind == scoring.MATCHING:
        chosen = response if isinstance(response, dict) else {}
        view.options = [
            OptionView(
                id=i,
                label=blocks[i].value["prompt"],
                selected=chosen.get(i, ""),
                right=chosen.get(i) == i,
                feedback=blocks[i].value.get("feedback") or "",
            )
            for i in key.options
        ]
        view.targets = [OptionView(id=i, label=blocks[i].value["match"]) for i in order]
    elif kind == scoring.HOTSPOT and question.image is not None:
        width, height = hotspot_display_size(question)
        scale = width / question.image.width
        point, x, y = None, None, None
        if isinstance(response, list) and len(response) == 2:
            x, y = round(response[0] * scale, 1), round(response[1] * scale, 1)
            point = {"left": round(100 * x / width, 2), "top": round(100 * y / height, 2)}
        view.hotspot = {"width": width, "height": height, "point": point, "x": x, "y": y}
    return view


def views_for(questions, *, seed, responses=None, marks=None, feedback=None, errors=None, locked=(), signed_off=()):
    """QuestionViews for a list of questions, numbered in order."""
    responses, marks, feedback, errors = responses or {}, marks or {}, feedback or {}, errors or {}
    total = len(questions)
    return [
        question_view(
            q,
            seed=seed,
            number=n,
            total=total,
            response=responses.get(str(q.translation_key)),
            mark=marks.get(str(q.translation_key)),
            feedback=feedback.get(str(q.translation_key)),
            error=errors.get(str(q.translation_key), ""),
            locked=str(q.translation_key) in locked,
            signed_off=str(q.translation_key) in signed_off,
        )
        for n, q in enumerate(questions, start=1)
    ]
