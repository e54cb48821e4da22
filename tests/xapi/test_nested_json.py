"""Deeply nested JSON from a client gets a 400 with the usual xAPI error body, never a 500.

The attack (issue #18, finding 5): ``[[[[...]]]]`` 100,000 deep posted to /xapi/statements made
``json.loads`` raise RecursionError, which no view caught: a 500 and a traceback per request. The
same held for every other place the LRS parses client JSON (documents, the agent parameter, the
alternate request syntax, multipart/mixed, signatures).
"""

import base64
import json
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest

from xapi.attachments import AttachmentError, _base64url_json
from xapi.forwarding import _message
from xapi.models import Document, Statement
from xapi.validation import MAX_JSON_DEPTH

from .lrs_helpers import ACTIVITY, AGENT, credentials, make_client, multipart, new_id, post_statements, statement, url

DEEP = 100_000
FORM = "application/x-www-form-urlencoded"
STATE = "/xapi/activities/state"
ACTIVITY_PROFILE = "/xapi/activities/profile"
AGENT_PROFILE = "/xapi/agents/profile"


def arrays(depth):
    return "[" * depth + "]" * depth


def objects(depth):
    return '{"a":' * depth + "1" + "}" * depth


def nested_value(depth):
    """A Python value with ``depth`` levels of nesting, built without recursion."""
    value = 1
    for _ in range(depth):
        value = {"a": value}
    return value


BODIES = {"arrays": arrays(DEEP), "objects": objects(DEEP)}


def assert_refused(response):
    assert response.status_code == 400, (response.status_code, response.content[:200])
    body = response.json()
    assert list(body) == ["error"] and body["error"]
    assert response["X-Experience-API-Version"] == "1.0.3"
    return body["error"]


@pytest.fixture
def lrs(db):
    return make_client()


# --------------------------------------------------------------------------------------------------
# Statements
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", BODIES)
def test_deep_statements_post_is_a_400(lrs, shape):
    error = assert_refused(post_statements(lrs, BODIES[shape].encode()))
    assert f"nested more than {MAX_JSON_DEPTH} levels" in error
    assert not Statement.objects.exists()


@pytest.mark.parametrize("shape", BODIES)
def test_deep_statements_put_is_a_400(lrs, shape):
    response = lrs.put(url("/xapi/statements", statementId=new_id()), BODIES[shape], content_type="application/json")
    assert_refused(response)
    assert not Statement.objects.exists()


def test_deep_statements_in_multipart_are_a_400(lrs):
    body, content_type = multipart([], [])
    body = body.replace(b"[]", arrays(DEEP).encode(), 1)
    assert_refused(post_statements(lrs, body, content_type=content_type))


@pytest.mark.parametrize("shape", BODIES)
def test_deep_statements_through_the_alternate_syntax_are_a_400(db, client, shape):
    auth = credentials()[2]
    # URL-encoding triples the brackets; keep the form under the 1 MB body limit.
    content = BODIES[shape] if shape == "arrays" else objects(20_000)
    fields = {"Authorization": auth, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}
    response = client.post("/xapi/statements?method=POST", urlencode({**fields, "content": content}), content_type=FORM)
    assert_refused(response)
    assert not Statement.objects.exists()


def test_a_deep_extension_value_is_refused_before_anything_is_stored(lrs):
    """Parseable by json.loads, but past the bound: storage and projection never see it."""
    deep = statement(result={"extensions": {"http://example.com/ext": nested_value(900)}})
    text = json.dumps(deep)
    assert json.loads(text)  # the parser alone copes with this one
    error = assert_refused(post_statements(lrs, text.encode()))
    assert "nested more than" in error
    assert not Statement.objects.exists()


def test_nesting_up_to_the_bound_is_still_accepted(lrs):
    # statement > result > extensions > the value: three levels before the extension's own.
    ok = statement(result={"extensions": {"http://example.com/ext": nested_value(MAX_JSON_DEPTH - 3)}})
    assert post_statements(lrs, ok).status_code == 200
    too_deep = statement(result={"extensions": {"http://example.com/ext": nested_value(MAX_JSON_DEPTH - 2)}})
    assert_refused(post_statements(lrs, too_deep))
    assert Statement.objects.count() == 1


@pytest.mark.parametrize("shape", BODIES)
def test_a_deep_agent_parameter_is_a_400(lrs, shape):
    error = assert_refused(lrs.get(f"/xapi/statements?{urlencode({'agent': BODIES[shape]})}"))
    assert "agent" in error


# --------------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------------


def document_urls():
    agent = json.dumps(AGENT)
    return {
        "state": f"{STATE}?{urlencode({'activityId': ACTIVITY, 'agent': agent, 'stateId': 's1'})}",
        "activity profile": f"{ACTIVITY_PROFILE}?{urlencode({'activityId': ACTIVITY, 'profileId': 'p1'})}",
        "agent profile": f"{AGENT_PROFILE}?{urlencode({'agent': agent, 'profileId': 'p1'})}",
    }


@pytest.mark.parametrize("resource", ["state", "activity profile", "agent profile"])
@pytest.mark.parametrize("shape", BODIES)
def test_deep_json_document_post_is_a_400(lrs, resource, shape):
    target = document_urls()[resource]
    error = assert_refused(lrs.generic("POST", target, BODIES[shape], content_type="application/json"))
    assert "nested more than" in error
    assert not Document.objects.exists()


@pytest.mark.parametrize("resource", ["state", "activity profile", "agent profile"])
def test_deep_json_document_merged_into_a_stored_one_is_a_400(lrs, resource):
    target = document_urls()[resource]
    assert lrs.generic("POST", target, '{"x": 1}', content_type="application/json").status_code == 204
    assert_refused(lrs.generic("POST", target, objects(DEEP), content_type="application/json"))
    assert json.loads(bytes(Document.objects.get().content)) == {"x": 1}


def test_a_deep_document_stored_with_put_is_kept_as_sent_and_refused_for_merging(lrs):
    """PUT stores documents as opaque bytes (no parsing); a later JSON merge reads them and refuses."""
    target = document_urls()["state"]
    assert lrs.put(target, arrays(DEEP), content_type="application/json").status_code == 204
    assert lrs.get(target).content == arrays(DEEP).encode()
    assert_refused(lrs.generic("POST", target, '{"x": 1}', content_type="application/json"))


@pytest.mark.parametrize("shape", BODIES)
def test_a_deep_agent_parameter_on_documents_is_a_400(lrs, shape):
    target = f"{STATE}?{urlencode({'activityId': ACTIVITY, 'agent': BODIES[shape]})}"
    assert_refused(lrs.get(target))


@pytest.mark.parametrize("resource", ["state", "agent profile"])
def test_deep_document_post_through_the_alternate_syntax_is_a_400(db, client, resource):
    auth = credentials()[2]
    path, query = document_urls()[resource].split("?")
    fields = {"Authorization": auth, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}
    from urllib.parse import parse_qsl

    form = {**fields, **dict(parse_qsl(query)), "content": arrays(DEEP)}
    assert_refused(client.post(f"{path}?method=POST", urlencode(form), content_type=FORM))
    assert not Document.objects.exists()


# --------------------------------------------------------------------------------------------------
# JSON read elsewhere: signatures (JWS) and the forwarding remote's error messages
# --------------------------------------------------------------------------------------------------


def test_a_deep_signature_header_is_refused_as_bad_json():
    segment = base64.urlsafe_b64encode(arrays(DEEP).encode()).decode().rstrip("=")
    with pytest.raises(AttachmentError):
        _base64url_json(segment, "header")


def test_a_deep_error_body_from_the_remote_lrs_does_not_break_forwarding():
    response = SimpleNamespace(data=arrays(DEEP), response=SimpleNamespace(status=400))
    assert _message(response).startswith("HTTP 400: [[[")
