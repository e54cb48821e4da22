"""The alternate request syntax (xAPI 1.0.3 Communication 1.3) on every resource.

Mirrors the ADL conformance suite (H.Communication1.3-AlternateRequestSyntax.js): a form POST to
``<resource>?method=X`` whose fields carry headers, parameters and content.
"""

import json
from urllib.parse import urlencode

import pytest
from django.test import Client

from xapi.models import Document, Statement

from .lrs_helpers import AGENT, credentials, new_id, statement

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def auth(db):
    return credentials()[2]


@pytest.fixture
def bare():
    """A client that sends no xAPI headers of its own: everything travels in the form."""
    return Client()


def alt(client, path, method, fields, **extra):
    return client.post(f"{path}?method={method}", urlencode(fields), content_type=FORM, **extra)


def headers(auth):
    return {"Authorization": auth, "X-Experience-API-Version": "1.0.3"}


# --------------------------------------------------------------------------------------------------
# Statements
# --------------------------------------------------------------------------------------------------


def test_get_statements_through_post(bare, auth):
    """Communication 2.1.2.s2.b3, XAPI-00148: a POST containing a GET returns a StatementResult."""
    statement_id = new_id()
    Client(HTTP_AUTHORIZATION=auth, HTTP_X_EXPERIENCE_API_VERSION="1.0.3").post(
        "/xapi/statements", json.dumps(statement(id=statement_id)), content_type="application/json"
    )
    response = alt(bare, "/xapi/statements", "GET", {**headers(auth), "limit": "1"})
    assert response.status_code == 200
    result = response.json()
    assert [s["id"] for s in result["statements"]] == [statement_id] and "more" in result
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert response["X-Experience-API-Consistent-Through"]


def test_real_headers_still_count(auth):
    """Communication 1.3.s3.b8: headers not moved into the form are read from the request as usual."""
    client = Client(HTTP_AUTHORIZATION=auth, HTTP_X_EXPERIENCE_API_VERSION="1.0.2")
    assert alt(client, "/xapi/statements", "GET", {"limit": "1"}).status_code == 200


def test_put_statement_with_form_headers_and_content(bare, auth):
    """ADL: 'will pass PUT with content body which is url encoded' (Communication 1.3.s3.b4, b7, b14)."""
    statement_id = new_id()
    fields = {**headers(auth), "Content-Type": "application/json", "statementId": statement_id}
    fields["content"] = json.dumps(statement())
    response = alt(bare, "/xapi/statements", "PUT", fields)
    assert response.status_code == 204, response.content
    assert Statement.objects.filter(statement_id=statement_id).exists()


def test_post_statements_through_the_form(bare, auth):
    response = alt(bare, "/xapi/statements", "POST", {**headers(auth), "content": json.dumps([statement()])})
    assert response.status_code == 200 and len(response.json()) == 1


@pytest.mark.parametrize(
    ("query", "fields", "content_type"),
    [
        # ADL: any query parameter besides method (Communication 1.3.s3.b3)
        ("?method=PUT&statementId=" + new_id(), {"content": json.dumps(statement())}, FORM),
        # unknown method
        ("?method=PATCH", {"content": "{}"}, FORM),
        # the outer request is not a form
        ("?method=PUT", {"content": "{}"}, "application/json"),
    ],
    ids=["extra-query-parameter", "unknown-method", "not-a-form"],
)
def test_malformed_alternate_requests_are_refused(bare, auth, query, fields, content_type):
    body = urlencode({**headers(auth), "statementId": new_id(), **fields})
    response = bare.post(f"/xapi/statements{query}", body, content_type=content_type)
    assert response.status_code == 400 and response.json()["error"]
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert not Statement.objects.exists()


def test_alternate_syntax_must_be_a_post(auth):
    """ADL: 'An LRS rejects an alternate request syntax not issued as a POST'."""
    client = Client(HTTP_AUTHORIZATION=auth, HTTP_X_EXPERIENCE_API_VERSION="1.0.3")
    assert client.get("/xapi/statements?method=POST").status_code == 400


def test_put_without_content_is_refused(bare, auth):
    """ADL: 'will fail PUT with no content body'."""
    response = alt(bare, "/xapi/statements", "PUT", {**headers(auth), "statementId": new_id()})
    assert response.status_code == 400


def test_body_that_is_not_url_encoded_is_refused(bare, auth):
    """ADL: 'will fail PUT with content body which is not url encoded'."""
    body = json.dumps({**headers(auth), "statementId": new_id(), "content": json.dumps(statement())})
    response = bare.post("/xapi/statements?method=PUT", body, content_type=FORM)
    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_unknown_form_field_is_an_unknown_parameter(bare, auth):
    """Communication 1.3.s3.b14 with 3.2.s3.b7: other form fields are query parameters, checked as such."""
    response = alt(bare, "/xapi/statements", "GET", {**headers(auth), "happy": "day"})
    assert response.status_code == 400 and "happy" in response.json()["error"]


def test_form_headers_are_checked_like_headers(bare, auth):
    assert alt(bare, "/xapi/statements", "GET", {"Authorization": auth}).status_code == 400  # no version
    wrong = {"Authorization": "Basic bm9ib2R5Ondyb25n", "X-Experience-API-Version": "1.0.3"}
    assert alt(bare, "/xapi/statements", "GET", wrong).status_code == 401
    old = {"Authorization": auth, "X-Experience-API-Version": "0.95"}
    assert alt(bare, "/xapi/statements", "GET", old).status_code == 400


# --------------------------------------------------------------------------------------------------
# Documents, Activities, Agents, About
# --------------------------------------------------------------------------------------------------

STATE = {"activityId": "http://www.example.com/activityId/hashset", "agent": json.dumps(AGENT), "stateId": "s1"}


def test_state_document_round_trip(bare, auth):
    put = {**headers(auth), **STATE, "Content-Type": "application/json", "content": json.dumps({"a": 1})}
    assert alt(bare, "/xapi/activities/state", "PUT", put).status_code == 204
    post = {**headers(auth), **STATE, "Content-Type": "application/json", "content": json.dumps({"b": 2})}
    assert alt(bare, "/xapi/activities/state", "POST", post).status_code == 204
    fetched = alt(bare, "/xapi/activities/state", "GET", {**headers(auth), **STATE})
    assert fetched.status_code == 200 and json.loads(fetched.content) == {"a": 1, "b": 2}
    assert fetched["ETag"]
    assert alt(bare, "/xapi/activities/state", "DELETE", {**headers(auth), **STATE}).status_code == 204
    assert not Document.objects.exists()


def test_profile_preconditions_travel_in_the_form(bare, auth):
    profile = {"activityId": "http://www.example.com/activityId/hashset", "profileId": "p"}
    body = {**headers(auth), **profile, "Content-Type": "application/json", "content": "{}"}
    assert alt(bare, "/xapi/activities/profile", "PUT", {**body, "If-None-Match": "*"}).status_code == 204
    assert alt(bare, "/xapi/activities/profile", "PUT", body).status_code == 409
    assert alt(bare, "/xapi/activities/profile", "PUT", {**body, "If-Match": '"stale"'}).status_code == 412
    etag = alt(bare, "/xapi/activities/profile", "GET", {**headers(auth), **profile})["ETag"]
    assert alt(bare, "/xapi/activities/profile", "PUT", {**body, "If-Match": etag}).status_code == 204


def test_agent_profile_activities_agents_and_about(bare, auth):
    agent = json.dumps(AGENT)
    body = {**headers(auth), "agent": agent, "profileId": "p", "content": "plain text", "If-None-Match": "*"}
    assert alt(bare, "/xapi/agents/profile", "PUT", body).status_code == 204
    profile = alt(bare, "/xapi/agents/profile", "GET", {**headers(auth), "agent": agent, "profileId": "p"})
    assert profile.content == b"plain text"
    activity = alt(bare, "/xapi/activities", "GET", {**headers(auth), "activityId": "http://example.com/a"})
    assert activity.json() == {"objectType": "Activity", "id": "http://example.com/a"}
    person = alt(bare, "/xapi/agents", "GET", {**headers(auth), "agent": agent})
    assert person.json()["objectType"] == "Person"
    about = alt(bare, "/xapi/about", "GET", {})
    assert about.status_code == 200 and "1.0.3" in about.json()["version"]


def test_head_through_the_form_has_no_body(bare, auth):
    response = alt(bare, "/xapi/statements", "HEAD", headers(auth))
    assert response.status_code == 200 and response.content == b""
    assert int(response["Content-Length"]) > 0
