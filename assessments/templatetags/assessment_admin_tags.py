"""Figures for the read-only admin panels (assessments.panels): the panels only name a template,
and these tags run the statistics queries when the panel is drawn."""

from django import template

from assessments.statistics import difficult_questions, percent, question_summary, wrong_answer_words

register = template.Library()


@register.simple_tag
def question_statistics(question):
    row = question_summary(question)
    return {"row": row, "right_percent": percent(row.right_share), "wrong_answer": wrong_answer_words(row)}


@register.simple_tag
def difficult_question_rows(quiz):
    rows = difficult_questions(quiz_key=quiz.translation_key, locale=quiz.locale)
    return [
        {"question": q, "right_percent": percent(q.right_share), "wrong_answer": wrong_answer_words(q)} for q in rows
    ]
