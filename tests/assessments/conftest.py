"""Fixtures for quizzes: the demo final tests and a factory for questions of every type."""

import uuid

import pytest
from wagtail.models import Locale


@pytest.fixture
def phone_test(phone_course):
    from assessments.models import AssessmentPage

    return AssessmentPage.objects.child_of(phone_course).get()


@pytest.fixture
def other_learner(django_user_model):
    return django_user_model.objects.get(username="learner2")


@pytest.fixture
def trainer(django_user_model):
    return django_user_model.objects.get(username="trainer")


@pytest.fixture
def make_question(db):
    """Create a question: ``make_question("single", options=[("A", True), ("B", False)])``."""
    from assessments.models import Question

    def make(kind, *, options=(), blocks=None, locale=None, tags=(), translation_key=None, **fields):
        raw = list(blocks or [])
        for item in options:
            text, correct = item[0], item[1]
            feedback = item[2] if len(item) > 2 else ""
            raw.append({"type": "choice", "value": {"text": text, "correct": correct, "feedback": feedback}})
        for block in raw:
            block.setdefault("id", str(uuid.uuid4()))
        question = Question(
            kind=kind,
            text=fields.pop("text", f"A {kind} question"),
            locale=locale or Locale.get_default(),
            options=raw,
            **fields,
        )
        if translation_key:
            question.translation_key = translation_key
        question.full_clean(exclude=["translation_key"])
        question.save()
        if tags:
            question.tags.add(*tags)
            question.save()
        return question

    return make


def form(data):
    """A QueryDict like a browser sends (lists for repeated names)."""
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, value in data.items():
        if isinstance(value, list | tuple):
            query.setlist(name, [str(v) for v in value])
        else:
            query[name] = str(value)
    return query


def right_answers(questions):
    """Form data answering every question right (practical skills cannot be answered in a form)."""
    from assessments.answers import field_name, hotspot_display_size

    data = {}
    for question in questions:
        name = field_name(question)
        key = question.answer_key
        if question.kind in ("single", "image_choice"):
            data[name] = next(iter(key.correct))
        elif question.kind == "multiple":
            data[name] = sorted(key.correct)
        elif question.kind == "true_false":
            data[name] = "true" if key.answer_true else "false"
        elif question.kind == "ordering":
            for position, item in enumerate(key.options, start=1):
                data[f"{name}-{item}"] = position
        elif question.kind == "matching":
            for item in key.options:
                data[f"{name}-{item}"] = item
        elif question.kind == "short_answer":
            data[name] = key.accepted_texts[0] if key.accepted_texts else f"{key.accepted_numbers[0][0]:g}"
        elif question.kind == "hotspot":
            region = next(r for r in key.regions if r.correct)
            width, _height = hotspot_display_size(question)
            scale = width / question.image.width
            cx, cy = (
                (region.x, region.y)
                if region.shape == "circle"
                else (region.x + region.width / 2, region.y + region.height / 2)
            )
            data[f"{name}.x"] = round(cx * scale)
            data[f"{name}.y"] = round(cy * scale)
    return data


def pass_final_test(learner, course):
    """Pass the course's final test with every answer right (courses complete only after it)."""
    from assessments import services
    from assessments.models import AssessmentPage

    test = AssessmentPage.objects.child_of(course).first()
    if test is None:
        return None
    attempt = services.start_attempt(learner=learner, assessment=test)
    return services.submit_attempt(
        learner=learner, attempt=attempt, data=form(right_answers(services.attempt_questions(attempt)))
    )


def quiz_lesson(course):
    """(lesson, block) of the first lesson in ``course`` with a "check yourself" quiz block."""
    for lesson in course.lessons():
        for block in lesson.body:
            if block.block_type == "quiz":
                return lesson, block
    raise AssertionError("no lesson quiz in the demo course")
