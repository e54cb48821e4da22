"""Demo quizzes: the question bank, a "check yourself" quiz in the demo lessons and a final test per
course, in Chinese and English, from courses/demo/content/assessments/*.json.

Called by ``load_demo_content`` after the courses exist. Ids are derived from the JSON's question
ids (uuid5), so both languages share translation keys and option ids, and loading again adds nothing.
"""

import json
import uuid

from wagtail.models import Page

from courses.models import CoursePage, LessonPage

from .models import AssessmentPage, AssessmentQuestion, Question

NAMESPACE = uuid.UUID("5b0e7f0c-4a8e-4c3b-9a53-3c1f0d6f2a11")


def _uuid(*parts):
    return uuid.uuid5(NAMESPACE, ":".join(parts))


def load_demo_assessments(loader, content_dir):
    for path in sorted((content_dir / "assessments").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        questions = {lang: {} for lang in ("zh", "en")}
        for spec in data["questions"]:
            for lang in ("zh", "en"):
                questions[lang][spec["id"]] = _question(loader, spec, lang, data["course"])
        for lang in ("zh", "en"):
            course = CoursePage.objects.get(slug=data["course"], locale=loader.locales[lang])
            _lesson_quizzes(loader, course, data["questions"], questions[lang])
            _final_test(loader, course, data, lang, questions[lang])


def _options(loader, spec, lang):
    text = spec[lang]
    kind = spec["kind"]
    blocks = []

    def add(block_type, value):
        blocks.append({"type": block_type, "value": value, "id": str(_uuid(spec["id"], str(len(blocks))))})

    if kind in ("single", "multiple"):
        for label, correct, feedback in text["options"]:
            add("choice", {"text": label, "image": None, "alt": "", "correct": correct, "feedback": feedback})
    elif kind == "image_choice":
        for illustration, alt, correct, feedback in text["options"]:
            image = loader._image(illustration, lang)
            add("choice", {"text": "", "image": image.pk, "alt": alt, "correct": correct, "feedback": feedback})
    elif kind == "ordering":
        for label in text["options"]:
            add("choice", {"text": label, "image": None, "alt": "", "correct": False, "feedback": ""})
    elif kind == "matching":
        for prompt, match in text["pairs"]:
            add("pair", {"prompt": prompt, "match": match, "feedback": ""})
    elif kind == "short_answer":
        for accepted in text.get("accepted", []):
            add("accepted_text", {"text": accepted})
        for value, tolerance in spec.get("numbers", []):
            add("accepted_number", {"value": value, "tolerance": tolerance})
    elif kind == "hotspot":
        for region, label, feedback in zip(
            spec["regions"], text["region_labels"], text["region_feedback"], strict=True
        ):
            add(
                "region",
                {
                    "label": label,
                    "shape": region["shape"],
                    "x": region["x"],
                    "y": region["y"],
                    "width": region.get("width"),
                    "height": region.get("height"),
                    "radius": region.get("radius"),
                    "correct": region["correct"],
                    "feedback": feedback,
                },
            )
    return blocks


def _question(loader, spec, lang, course_slug):
    key = _uuid(spec["id"])
    locale = loader.locales[lang]
    existing = Question.objects.filter(translation_key=key, locale=locale).first()
    if existing is not None:
        return existing
    text = spec[lang]
    image = loader._image(spec["image"], lang) if spec.get("image") else None
    question = Question(
        translation_key=key,
        locale=locale,
        kind=spec["kind"],
        text=text["text"],
        image=image,
        image_alt=text.get("image_alt", ""),
        answer_true=spec.get("answer"),
        explanation=text.get("explanation", ""),
        correct_feedback=text.get("correct_feedback", ""),
        wrong_feedback=text.get("wrong_feedback", ""),
        options=_options(loader, spec, lang),
    )
    question.full_clean(exclude=["translation_key"])
    question.save()
    question.tags.add(course_slug, *(["practical"] if spec["kind"] == "practical" else []))
    question.save()
    loader.created += 1
    return question


def _lesson_quizzes(loader, course, specs, questions):
    by_lesson = {}
    for spec in specs:
        if spec.get("lesson"):
            by_lesson.setdefault(spec["lesson"], []).append(questions[spec["id"]])
    for lesson in LessonPage.objects.child_of(course):
        chosen = by_lesson.get(lesson.slug)
        if not chosen or any(block.block_type == "quiz" for block in lesson.body):
            continue
        # The same block id in both languages: a quiz is one quiz, whichever language it is read in.
        block_id = str(_uuid(course.slug, lesson.slug, "quiz"))
        raw = list(lesson.body.raw_data)
        raw.append(
            {
                "type": "quiz",
                "id": block_id,
                "value": {"title": "", "questions": [q.pk for q in chosen], "tag": "", "count": 3},
            }
        )
        lesson.body = raw
        lesson.save_revision().publish()
        loader.created += 1


def _final_test(loader, course, data, lang, questions):
    spec = data["final_test"]
    if AssessmentPage.objects.child_of(course).exists():
        return
    page = AssessmentPage(
        title=spec[lang]["title"],
        slug=spec["slug"],
        intro=spec[lang]["intro"],
        locale=course.locale,
        pass_mark=spec["pass_mark"],
        max_attempts=spec["max_attempts"],
        wait_minutes=spec["wait_minutes"],
        time_limit_minutes=spec["time_limit_minutes"],
        pool_tag="" if spec.get("questions") else data["course"],
        pool_size=spec.get("pool_size", 5),
    )
    if lang == "en":
        source = AssessmentPage.objects.child_of(
            Page.objects.get(translation_key=course.translation_key, locale=loader.locales["zh"])
        ).first()
        page.translation_key = source.translation_key
    for order, question_id in enumerate(spec.get("questions", [])):
        page.assessment_questions.add(AssessmentQuestion(question=questions[question_id], sort_order=order))
    course.add_child(instance=page)
    page.save_revision().publish()
    loader.created += 1
