"""Authors' statistics: answers, share right and the most chosen wrong answer, per question and quiz."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from assessments import services, statistics
from assessments.models import Question

from .conftest import form


def answer_single(learner, test, choice_of):
    attempt = services.start_attempt(learner=learner, assessment=test)
    question = next(q for q in services.attempt_questions(attempt) if q.kind == "single")
    services.save_answers(
        learner=learner, attempt=attempt, data=form({f"q-{question.translation_key}": choice_of(question)})
    )
    attempt.refresh_from_db()
    attempt.deadline = attempt.started_at.replace(year=2000)
    attempt.save()
    services.close_if_expired(attempt=attempt)
    return question


@pytest.mark.django_db
def test_question_statistics_and_difficult_questions(learner, other_learner, admin_user, phone_test):
    def wrong(question):
        return next(o for o in question.answer_key.options if o not in question.answer_key.correct)

    question = answer_single(learner, phone_test, wrong)
    answer_single(other_learner, phone_test, wrong)
    answer_single(admin_user, phone_test, lambda q: next(iter(q.answer_key.correct)))
    row = statistics.question_summary(question)
    assert (row.answer_count, row.right_count) == (3, 1)
    assert statistics.percent(row.right_share) == 33
    assert row.wrong_response == wrong(question) and row.wrong_response_count == 2
    assert statistics.wrong_answer_words(row) == next(
        b.value["text"] for b in question.options if b.id == wrong(question)
    )
    hardest = statistics.difficult_questions(quiz_key=phone_test.translation_key, locale=phone_test.locale)
    assert hardest[0].translation_key == question.translation_key and len(hardest) == 1


@pytest.mark.django_db
def test_report_needs_the_explicit_permission(client, django_user_model, admin_user, phone_test):
    url = reverse("assessments_question_statistics")
    editor = django_user_model.objects.create_user(username="editor", password="x", is_staff=True)
    editors = Group.objects.create(name="Editors without statistics")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
    assert client.get(url + "?export=csv").status_code in (302, 403)
    editors.permissions.add(Permission.objects.get(codename="view_statistics_question"))
    editor = django_user_model.objects.get(pk=editor.pk)
    client.force_login(editor)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_report_queries_do_not_grow_with_answers(
    client, admin_user, learner, other_learner, phone_test, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin_user)
    url = reverse("assessments_question_statistics") + f"?quiz={phone_test.translation_key}"
    answer_single(learner, phone_test, lambda q: next(iter(q.answer_key.correct)))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    answer_single(other_learner, phone_test, lambda q: q.answer_key.options[0])
    answer_single(admin_user, phone_test, lambda q: q.answer_key.options[1])
    with django_assert_max_num_queries(len(queries)):
        page = client.get(url)
    assert "怎样开机" in page.content.decode()
    full = client.get(reverse("assessments_question_statistics"))
    assert full.status_code == 200 and Question.objects.count() > 0


@pytest.mark.django_db
def test_question_edit_view_shows_statistics_and_hotspot_preview(client, admin_user, learner, phone_test):
    question = answer_single(learner, phone_test, lambda q: next(iter(q.answer_key.correct)))
    client.force_login(admin_user)
    page = client.get(reverse("wagtailsnippets_assessments_question:edit", args=[question.pk])).content.decode()
    assert "Answered right" in page or "答对" in page
    hotspot = Question.objects.filter(kind="hotspot").first()
    page = client.get(reverse("wagtailsnippets_assessments_question:edit", args=[hotspot.pk])).content.decode()
    assert "<circle" in page and "<svg" in page
    page = client.get(reverse("wagtailadmin_pages:edit", args=[phone_test.pk])).content.decode()
    assert "怎样开机" in page  # the test's difficult questions
