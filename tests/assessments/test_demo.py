"""The demo quizzes: a check-yourself quiz in most lessons and a final test per course, in both languages."""

import pytest

from assessments.models import AssessmentPage, Question
from courses.models import CoursePage, LessonPage


@pytest.mark.django_db
def test_every_course_has_a_final_test_in_both_languages():
    for course in CoursePage.objects.filter(locale__language_code="zh-hans"):
        zh = AssessmentPage.objects.live().child_of(course).get()
        en = (
            AssessmentPage.objects.live()
            .child_of(course.get_translation(course.locale.__class__.objects.get(language_code="en")))
            .get()
        )
        assert zh.translation_key == en.translation_key and zh.title != en.title
        assert zh.fixed_question_keys() == en.fixed_question_keys()
        assert zh.fixed_question_keys() or zh.pool_tag


@pytest.mark.django_db
def test_most_lessons_have_a_quiz_with_the_same_questions_in_both_languages():
    lessons = list(LessonPage.objects.filter(locale__language_code="zh-hans"))
    with_quiz = [lesson for lesson in lessons if any(b.block_type == "quiz" for b in lesson.body)]
    assert len(with_quiz) >= 0.75 * len(lessons)
    for lesson in with_quiz:
        english = LessonPage.objects.get(translation_key=lesson.translation_key, locale__language_code="en")
        zh_block = next(b for b in lesson.body if b.block_type == "quiz")
        en_block = next(b for b in english.body if b.block_type == "quiz")
        assert zh_block.id == en_block.id
        assert [q.translation_key for q in zh_block.value["questions"]] == [
            q.translation_key for q in en_block.value["questions"]
        ]


@pytest.mark.django_db
def test_translated_questions_share_option_ids_and_every_type_is_used():
    kinds = set()
    for question in Question.objects.filter(locale__language_code="zh-hans"):
        english = Question.objects.get(translation_key=question.translation_key, locale__language_code="en")
        assert [b.id for b in question.options] == [b.id for b in english.options]
        assert question.answer_key.correct == english.answer_key.correct
        kinds.add(question.kind)
    assert kinds == set(Question.Kind.values)
