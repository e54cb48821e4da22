"""Who may void a statement (issue #18, finding 3).

Before the fix learner B voided learner A's statement through the LRS and A's progress was rebuilt
without it. Only the authority that stored a statement, the LMS itself, or an administrator's LRS
client with the ``statements/void`` scope may void it.
"""

import json
import uuid

import pytest

from learning import services
from learning.models import LessonCompletion
from tests.learning.test_projection_trust import LRS, claim, learner_session, post
from tests.xapi.lrs_helpers import make_client, statement
from xapi.models import Statement
from xapi.vocabulary import VERBS, activity_iri


def voiding(target_id):
    return {
        "verb": {"id": VERBS["voided"][0], "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": str(target_id)},
    }


@pytest.fixture
def other_learner(django_user_model):
    return django_user_model.objects.create_user(username="other-voider", password="x-pass-12345")


@pytest.mark.django_db
def test_a_learner_cannot_void_another_learners_statement(learner, other_learner, phone_course):
    victim, victim_headers = learner_session(learner)
    lesson = phone_course.lessons().first()
    target = str(uuid.uuid4())
    post(victim, victim_headers, claim("completed", activity_iri("lesson", lesson.translation_key), id=target))
    assert LessonCompletion.objects.filter(learner=learner).exists()

    attacker, attacker_headers = learner_session(other_learner)
    response = post(attacker, attacker_headers, voiding(target))
    assert response.status_code == 403
    assert target in response.json()["error"] and "作废" in response.json()["error"]
    assert not Statement.objects.get(statement_id=target).voided
    assert not Statement.objects.filter(verb_id=VERBS["voided"][0]).exists()
    assert LessonCompletion.objects.filter(learner=learner).exists()


@pytest.mark.django_db
def test_a_learner_cannot_void_what_the_lms_recorded_for_them(learner, phone_course):
    lesson = phone_course.lessons().first()
    services.record_lesson_completed(learner=learner, lesson=lesson)
    recorded = Statement.objects.get(verb_id=VERBS["completed"][0])
    client, headers = learner_session(learner)

    assert post(client, headers, voiding(recorded.statement_id)).status_code == 403
    recorded.refresh_from_db()
    assert not recorded.voided


@pytest.mark.django_db
def test_a_learner_may_void_a_statement_their_own_session_stored(learner, phone_course):
    client, headers = learner_session(learner)
    lesson = phone_course.lessons().first()
    target = str(uuid.uuid4())
    post(client, headers, claim("completed", activity_iri("lesson", lesson.translation_key), id=target))

    assert post(client, headers, voiding(target)).status_code == 200
    assert Statement.objects.get(statement_id=target).voided
    assert not LessonCompletion.objects.filter(learner=learner).exists()


@pytest.mark.django_db
def test_an_lrs_client_voids_only_its_own_statements_unless_it_has_the_voiding_scope():
    writer = make_client(scopes=["statements/write"])
    other = make_client(scopes=["statements/write"])
    administrator = make_client(scopes=["statements/write", "statements/void"])
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    body = json.dumps([statement(id=first), statement(id=second)])
    assert writer.post(LRS, body, content_type="application/json").status_code == 200

    refused = other.post(
        LRS, json.dumps(voiding(first) | {"actor": statement()["actor"]}), content_type="application/json"
    )
    assert refused.status_code == 403
    assert not Statement.objects.get(statement_id=first).voided

    own = writer.post(
        LRS, json.dumps(voiding(first) | {"actor": statement()["actor"]}), content_type="application/json"
    )
    assert own.status_code == 200
    assert Statement.objects.get(statement_id=first).voided

    admin = administrator.post(
        LRS, json.dumps(voiding(second) | {"actor": statement()["actor"]}), content_type="application/json"
    )
    assert admin.status_code == 200
    assert Statement.objects.get(statement_id=second).voided


@pytest.mark.django_db
def test_a_refused_void_in_a_batch_stores_nothing_of_the_batch(learner, other_learner, phone_course):
    victim, victim_headers = learner_session(learner)
    target = str(uuid.uuid4())
    lesson = phone_course.lessons().first()
    post(victim, victim_headers, claim("completed", activity_iri("lesson", lesson.translation_key), id=target))
    count = Statement.objects.count()

    attacker, headers = learner_session(other_learner)
    batch = [claim("experienced", activity_iri("lesson", lesson.translation_key)), voiding(target)]
    response = attacker.post(LRS, json.dumps(batch), content_type="application/json", **headers)

    assert response.status_code == 403
    assert Statement.objects.count() == count
