"""The embedded LRS over HTTP: headers, authentication, storing, fetching, filtering, voiding."""

import base64
import json
import uuid

import pytest
from django.test import Client

from learning.models import LessonCompletion
from xapi.models import LrsClient, Statement
from xapi.vocabulary import activity_iri

V = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3", "HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def lrs_client(db):
    client = LrsClient(name="Quiz tool", scopes=["statements/write", "statements/read"])
    secret = client.set_new_secret()
    client.save()
    auth = "Basic " + base64.b64encode(f"{client.key}:{secret}".encode()).decode()
    return Client(HTTP_AUTHORIZATION=auth, **V)


def statement(**overrides):
    data = {
        "actor": {"objectType": "Agent", "account": {"homePage": "https://tools.example.org", "name": "u1"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "experienced"}},
        "object": {"id": "https://tools.example.org/activities/1", "objectType": "Activity"},
    }
    data.update(overrides)
    return data


def post(client, body, **extra):
    return client.post("/xapi/statements", json.dumps(body), content_type="application/json", **extra)


@pytest.mark.django_db
def test_about_names_the_version(client):
    response = client.get("/xapi/about")
    assert response.json()["version"] == ["1.0.0", "1.0.1", "1.0.2", "1.0.3", "2.0.0"]
    assert response["X-Experience-API-Version"] == "1.0.3"


@pytest.mark.django_db
def test_version_header_is_required(lrs_client):
    response = lrs_client.get("/xapi/statements", HTTP_X_EXPERIENCE_API_VERSION="")
    assert response.status_code == 400
    assert lrs_client.get("/xapi/statements", HTTP_X_EXPERIENCE_API_VERSION="2.0").status_code == 400
    assert lrs_client.get("/xapi/statements", HTTP_X_EXPERIENCE_API_VERSION="2.0.0").status_code == 200


@pytest.mark.django_db
def test_authentication(client, lrs_client):
    response = client.get("/xapi/statements", **V)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Basic")
    bad = "Basic " + base64.b64encode(b"nobody:wrong").decode()
    assert client.get("/xapi/statements", HTTP_AUTHORIZATION=bad, **V).status_code == 401
    assert lrs_client.get("/xapi/statements").status_code == 200


@pytest.mark.django_db
def test_secrets_are_stored_hashed(lrs_client):
    client = LrsClient.objects.get()
    assert client.secret_hash.startswith("hmac-sha256$") and len(client.secret_hash) == len("hmac-sha256$") + 64


@pytest.mark.django_db
def test_post_then_get_by_id(lrs_client):
    response = post(lrs_client, statement())
    assert response.status_code == 200
    [statement_id] = response.json()
    fetched = lrs_client.get("/xapi/statements", {"statementId": statement_id})
    assert fetched.status_code == 200
    data = fetched.json()
    assert data["id"] == statement_id and data["stored"] and data["timestamp"]
    assert data["authority"]["account"]["name"].startswith("client:")
    assert fetched["X-Experience-API-Consistent-Through"] and fetched["Last-Modified"]


@pytest.mark.django_db
def test_put_with_id_duplicates_and_conflicts(lrs_client):
    statement_id = str(uuid.uuid4())
    url = f"/xapi/statements?statementId={statement_id}"
    body = json.dumps(statement())
    assert lrs_client.put(url, body, content_type="application/json").status_code == 204
    assert lrs_client.put(url, body, content_type="application/json").status_code == 204  # same content: no-op
    changed = json.dumps(statement(object={"id": "https://tools.example.org/activities/2"}))
    assert lrs_client.put(url, changed, content_type="application/json").status_code == 409
    assert Statement.objects.filter(statement_id=statement_id).count() == 1
    assert lrs_client.put("/xapi/statements", body, content_type="application/json").status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        statement(verb={"id": "not an iri"}),
        statement(actor={"mbox": "someone@example.org"}),
        statement(timestamp="yesterday"),
        statement(result={"success": "true"}),
        statement(Verb={"id": "http://adlnet.gov/expapi/verbs/experienced"}),
    ],
)
def test_a_bad_statement_in_a_batch_stores_nothing(lrs_client, bad):
    response = post(lrs_client, [statement(), bad])
    assert response.status_code == 400
    assert "statement 1" in response.json()["error"]
    assert not Statement.objects.filter(actor_key__contains="tools.example.org").exists()


@pytest.mark.django_db
def test_bad_json_and_oversized_bodies(lrs_client, settings):
    assert lrs_client.post("/xapi/statements", "{not json", content_type="application/json").status_code == 400
    settings.LMS_XAPI_MAX_BODY_BYTES = 100
    assert post(lrs_client, statement()).status_code == 413


@pytest.mark.django_db
def test_filters_and_paging(lrs_client):
    registration = str(uuid.uuid4())
    ids = post(
        lrs_client,
        [
            statement(
                object={"id": f"https://tools.example.org/activities/{n}"}, context={"registration": registration}
            )
            for n in range(5)
        ],
    ).json()
    post(lrs_client, statement(verb={"id": "http://adlnet.gov/expapi/verbs/completed"}))
    got = lrs_client.get("/xapi/statements", {"registration": registration, "limit": 2, "ascending": "true"}).json()
    assert [s["id"] for s in got["statements"]] == ids[:2]
    more = lrs_client.get(got["more"]).json()
    assert [s["id"] for s in more["statements"]] == ids[2:4]
    assert (
        len(
            lrs_client.get("/xapi/statements", {"verb": "http://adlnet.gov/expapi/verbs/completed"}).json()[
                "statements"
            ]
        )
        == 1
    )
    by_activity = lrs_client.get("/xapi/statements", {"activity": "https://tools.example.org/activities/3"}).json()
    assert [s["id"] for s in by_activity["statements"]] == [ids[3]]
    agent = json.dumps({"account": {"homePage": "https://tools.example.org", "name": "u1"}})
    assert len(lrs_client.get("/xapi/statements", {"agent": agent}).json()["statements"]) == 6
    ids_only = lrs_client.get("/xapi/statements", {"statementId": ids[0], "format": "ids"}).json()
    assert "display" not in ids_only["verb"]
    assert lrs_client.get("/xapi/statements", {"since": "not a date"}).status_code == 400


@pytest.mark.django_db
def test_learner_session_records_only_their_own_statements(learner, phone_course):
    browser = Client(enforce_csrf_checks=True, **V)
    browser.force_login(learner)
    browser.get("/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    lesson = phone_course.lessons().first()
    mine = {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "experienced"}},
        "object": {"id": activity_iri("lesson", lesson.translation_key)},
    }
    assert post(browser, mine).status_code == 403  # no CSRF token
    response = post(browser, mine, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    stored = Statement.objects.get(statement_id=response.json()[0])
    assert stored.learner == learner
    other = {**mine, "actor": {"account": {"homePage": "http://127.0.0.1:8000", "name": str(uuid.uuid4())}}}
    assert post(browser, other, HTTP_X_CSRFTOKEN=token).status_code == 403
    listing = browser.get("/xapi/statements").json()["statements"]
    assert {s["actor"]["account"]["name"] for s in listing} == {str(learner.xapi_id)}


@pytest.mark.django_db
def test_voiding_hides_the_statement_and_undoes_its_progress(learner, phone_course):
    """An administrator's tool (the voiding scope) takes back what the LMS recorded (tests/xapi/test_voiding.py)."""
    from learning import services

    admin_tool = LrsClient(name="Administrator", scopes=["statements/write", "statements/read", "statements/void"])
    secret = admin_tool.set_new_secret()
    admin_tool.save()
    lrs_client = Client(
        HTTP_AUTHORIZATION="Basic " + base64.b64encode(f"{admin_tool.key}:{secret}".encode()).decode(), **V
    )

    lesson = phone_course.lessons().first()
    services.record_lesson_completed(learner=learner, lesson=lesson)
    completed = Statement.objects.get(activity_id=activity_iri("lesson", lesson.translation_key))
    voiding = statement(
        verb={"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}},
        object={"objectType": "StatementRef", "id": str(completed.statement_id)},
    )
    [voiding_id] = post(lrs_client, voiding).json()
    assert lrs_client.get("/xapi/statements", {"statementId": str(completed.statement_id)}).status_code == 404
    assert lrs_client.get("/xapi/statements", {"voidedStatementId": str(completed.statement_id)}).status_code == 200
    assert not LessonCompletion.objects.filter(learner=learner).exists()
    void_the_void = statement(
        verb={"id": "http://adlnet.gov/expapi/verbs/voided"}, object={"objectType": "StatementRef", "id": voiding_id}
    )
    assert post(lrs_client, void_the_void).status_code == 400


@pytest.mark.django_db
def test_scopes_are_enforced(client):
    reader = LrsClient(name="Reader", scopes=["statements/read"])
    secret = reader.set_new_secret()
    reader.save()
    auth = "Basic " + base64.b64encode(f"{reader.key}:{secret}".encode()).decode()
    response = client.post(
        "/xapi/statements", json.dumps(statement()), content_type="application/json", HTTP_AUTHORIZATION=auth, **V
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_administrator_creates_a_client_and_sees_the_secret_once(admin_client):
    response = admin_client.post(
        "/admin/lrs_clients/new/",
        {"name": "Village quiz app", "scopes": ["statements/write"], "is_active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    client = LrsClient.objects.get(name="Village quiz app")
    message = next(str(m) for m in response.context["messages"])
    secret = message.split("Secret: ")[1].split()[0]
    assert client.check_secret(secret) and secret not in client.secret_hash
    assert client.scopes == ["statements/write"]
    assert secret not in admin_client.get(f"/admin/lrs_clients/edit/{client.pk}/").content.decode()
