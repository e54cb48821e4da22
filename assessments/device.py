"""What a lesson's "check yourself" quiz carries so that a phone without a network can check answers.

A lesson saved for offline reading is practice: its quiz may be checked on the phone, and the answers
are sent later to the same endpoint, where the server marks them again and records its own score.
The page therefore carries each question's answer key, feedback and right answer in words. A
question that is also asked in a live final test (by the list or by a tag pool) is left out: the
graded test's answers never reach a page before the learner has answered. Such a question is kept
on the phone unanswered-for and checked when the network is back.
"""

from django.utils.translation import gettext as _

from . import scoring
from .answers import hotspot_display_size
from .questions import option_label, right_answer_text
from .selection import pool_keys


def final_test_question_keys():
    """Translation keys of every question a live final test can ask (its list or its tag pool)."""
    from .models import AssessmentPage, AssessmentQuestion

    tests = AssessmentPage.objects.live()
    keys = {
        str(k)
        for k in AssessmentQuestion.objects.filter(page__in=tests).values_list("question__translation_key", flat=True)
    }
    for tag in set(tests.exclude(pool_tag="").values_list("pool_tag", flat=True)):
        keys.update(pool_keys(tag))
    return keys


def _device_key(question):
    key = question.answer_key
    blocks = {b.id: b for b in question.options}
    data = {
        "kind": question.kind,
        "right": right_answer_text(question),
        "explanation": question.explanation,
        "correctFeedback": question.correct_feedback,
        "wrongFeedback": question.wrong_feedback,
        "labels": {i: option_label(b) for i, b in blocks.items()},
        "feedback": {i: b.value.get("feedback") or "" for i, b in blocks.items()},
    }
    if question.kind in scoring.CHOICE_KINDS:
        data["correct"] = sorted(key.correct)
    elif question.kind == scoring.TRUE_FALSE:
        data["correct"] = ["true" if key.answer_true else "false"]
        data["labels"] = {"true": _("True"), "false": _("False")}
    elif question.kind in (scoring.ORDERING, scoring.MATCHING):
        data["options"] = list(key.options)
        if question.kind == scoring.MATCHING:
            data["prompts"] = {i: blocks[i].value["prompt"] for i in key.options}
            data["matches"] = {i: blocks[i].value["match"] for i in key.options}
    elif question.kind == scoring.SHORT_ANSWER:
        data["texts"] = list(key.accepted_texts)
        data["numbers"] = [list(pair) for pair in key.accepted_numbers]
    elif question.kind == scoring.HOTSPOT and question.image is not None:
        width, _height = hotspot_display_size(question)
        data["scale"] = question.image.width / width
        data["regions"] = [
            {
                "id": r.id,
                "shape": r.shape,
                "x": r.x,
                "y": r.y,
                "width": r.width,
                "height": r.height,
                "radius": r.radius,
                "correct": r.correct,
            }
            for r in key.regions
        ]
    else:
        return None  # practical skills are signed off by a trainer
    return data


def device_checks(questions, *, exclude=None):
    """{question key: what the phone needs to check it} for the practice questions among ``questions``.

    ``exclude`` defaults to every question of a live final test; those are left out.
    """
    exclude = final_test_question_keys() if exclude is None else exclude
    checks = {}
    for question in questions:
        key = str(question.translation_key)
        if key in exclude:
            continue
        data = _device_key(question)
        if data is not None:
            checks[key] = data
    return checks
