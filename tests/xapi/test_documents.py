"""The embedded LRS document resources: State, Activity Profile, Agent Profile, Activities, Agents."""

import base64
import json
import time
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from xapi.models import Document, LrsClient
from xapi.records import learner_agent

V = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3", "HTTP_ACCEPT_LANGUAGE": "en"}
ACTIVITY = "https://tools.example.org/activities/1"
AGENT = {"objectType": "Agent", "account": {"homePage": "https://tools.example.org", "name": "u1"}}
STATE = "/xapi/activities/state"
ACTIVITY_PROFILE = "/xapi/activities/profile"
AGENT_PROFILE = "/xapi/agents/profile"


def make_client(scopes):
    client = LrsClient(name="Tool", scopes=scopes)
    secret = client.set_new_secret()
    client.save()
    auth = "Basic " + base64.b64encode(f"{client.key}:{secret}".encode()).decode()
    return Client(HTTP_AUTHORIZATION=auth, **V)


@pytest.fixture
def lrs(db):
    return make_client(["state", "profile", "statements/read"])


def url(path, **params):
    from urllib.parse import urlencode

    if "agent" in params and not isinstance(params["agent"], str):
        params["agent"] = json.dumps(params["agent"])
    return f"{path}?{urlencode(params)}"


def put(client, target, body, content_type="application/json", **headers):
    data = json.dumps(body) if not isinstance(body, (bytes, str)) else body
    return client.put(target, data, content_type=content_type, **headers)


def post(client, target, body, content_type="application/json", **headers):
    data = json.dumps(body) if not isinstance(body, (bytes, str)) else body
    return client.generic("POST", target, data, content_type=content_type, **headers)


def state_url(**params):
    return url(STATE, activityId=ACTIVITY, agent=AGENT, **params)


# --------------------------------------------------------------------------------------------------
# State
# --------------------------------------------------------------------------------------------------


def test_state_put_get_post_merge_delete(lrs):
    target = state_url(stateId="bookmark")
    response = put(lrs, target, {"page": 3, "zoom": 1})
    assert response.status_code == 204 and response["X-Experience-API-Version"] == "1.0.3"
    fetched = lrs.get(target)
    assert fetched.status_code == 200
    assert json.loads(fetched.content) == {"page": 3, "zoom": 1}
    assert fetched["Content-Type"] == "application/json"
    assert fetched["ETag"].startswith('"') and fetched["Last-Modified"]
    assert post(lrs, target, {"page": 4, "note": "x"}).status_code == 204
    assert json.loads(lrs.get(target).content) == {"page": 4, "zoom": 1, "note": "x"}
    assert lrs.delete(target).status_code == 204
    assert lrs.get(target).status_code == 404


def test_state_binary_document_and_non_json_post_is_rejected(lrs):
    target = state_url(stateId="blob")
    assert put(lrs, target, b"\x00\x01raw", content_type="application/octet-stream").status_code == 204
    fetched = lrs.get(target)
    assert fetched.content == b"\x00\x01raw" and fetched["Content-Type"] == "application/octet-stream"
    assert post(lrs, target, {"a": 1}).status_code == 400
    json_target = state_url(stateId="json")
    put(lrs, json_target, {"a": 1})
    assert post(lrs, json_target, "[1, 2]").status_code == 400


def test_state_registration_ids_since_and_delete_all(lrs):
    registration = str(uuid.uuid4())
    put(lrs, state_url(stateId="a"), {"x": 1})
    put(lrs, state_url(stateId="b", registration=registration), {"x": 2})
    assert lrs.get(state_url(stateId="b")).status_code == 404
    assert lrs.get(state_url(stateId="b", registration=registration)).status_code == 200
    assert lrs.get(state_url()).json() == ["a", "b"]
    assert lrs.get(state_url(registration=registration)).json() == ["b"]
    time.sleep(0.01)
    cutoff = timezone.now().isoformat()
    time.sleep(0.01)
    put(lrs, state_url(stateId="c"), {"x": 3})
    assert lrs.get(state_url(since=cutoff)).json() == ["c"]
    assert lrs.get(state_url(since="yesterday")).status_code == 400
    assert lrs.delete(state_url(registration=registration)).status_code == 204
    assert lrs.get(state_url()).json() == ["a", "c"]
    assert lrs.delete(state_url()).status_code == 204
    assert lrs.get(state_url()).json() == []


def test_state_does_not_need_concurrency_headers(lrs):
    target = state_url(stateId="s")
    assert put(lrs, target, {"a": 1}).status_code == 204
    assert put(lrs, target, {"a": 2}).status_code == 204
    assert put(lrs, target, {"a": 3}, HTTP_IF_MATCH='"nope"').status_code == 412


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"agent": json.dumps(AGENT), "stateId": "s"}, "activityId"),
        ({"activityId": "not an iri", "agent": json.dumps(AGENT), "stateId": "s"}, "activityId"),
        ({"activityId": ACTIVITY, "stateId": "s"}, "agent"),
        ({"activityId": ACTIVITY, "agent": "{not json", "stateId": "s"}, "agent"),
        ({"activityId": ACTIVITY, "agent": json.dumps({"name": "no ifi"}), "stateId": "s"}, "agent"),
        ({"activityId": ACTIVITY, "agent": json.dumps(AGENT), "stateId": "s", "registration": "x"}, "registration"),
        ({"activityId": ACTIVITY, "agent": json.dumps(AGENT)}, "stateId"),
    ],
)
def test_state_bad_parameters(lrs, params, name):
    response = put(lrs, url(STATE, **params), {"a": 1})
    assert response.status_code == 400
    assert name in response.json()["error"]


def test_state_agent_identity_is_by_ifi(lrs):
    put(lrs, state_url(stateId="s"), {"a": 1})
    same = {"account": AGENT["account"], "name": "Someone"}
    assert lrs.get(url(STATE, activityId=ACTIVITY, agent=same, stateId="s")).status_code == 200
    other = {"mbox": "mailto:other@example.org"}
    assert lrs.get(url(STATE, activityId=ACTIVITY, agent=other, stateId="s")).status_code == 404


# --------------------------------------------------------------------------------------------------
# Activity Profile and Agent Profile
# --------------------------------------------------------------------------------------------------

PROFILE_URLS = [
    lambda **p: url(ACTIVITY_PROFILE, activityId=ACTIVITY, **p),
    lambda **p: url(AGENT_PROFILE, agent=AGENT, **p),
]


@pytest.mark.parametrize("profile_url", PROFILE_URLS, ids=["activity", "agent"])
def test_profile_put_get_post_delete(lrs, profile_url):
    target = profile_url(profileId="prefs")
    assert put(lrs, target, {"lang": "zh"}, HTTP_IF_NONE_MATCH="*").status_code == 204
    fetched = lrs.get(target)
    assert json.loads(fetched.content) == {"lang": "zh"} and fetched["ETag"]
    etag = fetched["ETag"]
    assert post(lrs, target, {"size": 2}, HTTP_IF_MATCH=etag).status_code == 204
    assert json.loads(lrs.get(target).content) == {"lang": "zh", "size": 2}
    assert post(lrs, target, {"size": 3}).status_code == 204  # POST does not require the headers
    assert lrs.get(profile_url()).json() == ["prefs"]
    etag = lrs.get(target)["ETag"]
    assert lrs.delete(target, HTTP_IF_MATCH='"stale"').status_code == 412
    assert lrs.delete(target, HTTP_IF_MATCH=etag).status_code == 204
    assert lrs.get(target).status_code == 404
    assert lrs.delete(profile_url()).status_code == 400  # profileId is required


@pytest.mark.parametrize("profile_url", PROFILE_URLS, ids=["activity", "agent"])
def test_profile_concurrency(lrs, profile_url):
    target = profile_url(profileId="p")
    assert put(lrs, target, {"v": 1}, HTTP_IF_MATCH='"abc"').status_code == 412  # nothing to match yet
    assert put(lrs, target, {"v": 1}, HTTP_IF_NONE_MATCH="*").status_code == 204
    assert put(lrs, target, {"v": 2}, HTTP_IF_NONE_MATCH="*").status_code == 412
    response = put(lrs, target, {"v": 2})
    assert response.status_code == 409 and "If-Match" in response.json()["error"]
    etag = lrs.get(target)["ETag"]
    assert put(lrs, target, {"v": 2}, HTTP_IF_MATCH='"0000"').status_code == 412
    assert put(lrs, target, {"v": 2}, HTTP_IF_MATCH=etag).status_code == 204
    assert json.loads(lrs.get(target).content) == {"v": 2}
    assert put(lrs, target, {"v": 3}, HTTP_IF_MATCH=etag).status_code == 412  # the ETag changed
    assert put(lrs, target, {"v": 3}, HTTP_IF_MATCH="*").status_code == 204


def test_profile_ids_since(lrs):
    put(lrs, url(AGENT_PROFILE, agent=AGENT, profileId="old"), {"a": 1}, HTTP_IF_NONE_MATCH="*")
    time.sleep(0.01)
    cutoff = timezone.now().isoformat()
    time.sleep(0.01)
    put(lrs, url(AGENT_PROFILE, agent=AGENT, profileId="new"), {"a": 1}, HTTP_IF_NONE_MATCH="*")
    assert lrs.get(url(AGENT_PROFILE, agent=AGENT)).json() == ["new", "old"]
    assert lrs.get(url(AGENT_PROFILE, agent=AGENT, since=cutoff)).json() == ["new"]


def test_profile_bad_parameters(lrs):
    response = lrs.get(url(ACTIVITY_PROFILE, profileId="p"))
    assert response.status_code == 400 and "activityId" in response.json()["error"]
    response = lrs.get(url(AGENT_PROFILE, profileId="p"))
    assert response.status_code == 400 and "agent" in response.json()["error"]
    response = put(lrs, url(ACTIVITY_PROFILE, activityId=ACTIVITY), {"a": 1})
    assert response.status_code == 400 and "profileId" in response.json()["error"]


# --------------------------------------------------------------------------------------------------
# Authentication and scopes
# --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_documents_need_authentication_and_version(client, lrs):
    response = client.get(state_url(stateId="s"), **V)
    assert response.status_code == 401 and response["X-Experience-API-Version"] == "1.0.3"
    assert lrs.get(state_url(stateId="s"), HTTP_X_EXPERIENCE_API_VERSION="").status_code == 400


@pytest.mark.django_db
def test_scopes():
    statements_only = make_client(["statements/write"])
    assert put(statements_only, state_url(stateId="s"), {"a": 1}).status_code == 403
    assert statements_only.get(url(AGENT_PROFILE, agent=AGENT)).status_code == 403
    reader = make_client(["all/read"])
    assert reader.get(state_url()).status_code == 200
    assert reader.get(url(ACTIVITY_PROFILE, activityId=ACTIVITY)).status_code == 200
    assert put(reader, state_url(stateId="s"), {"a": 1}).status_code == 403
    state_only = make_client(["state"])
    assert state_only.get(state_url()).status_code == 200
    assert state_only.get(url(AGENT_PROFILE, agent=AGENT)).status_code == 403
    everything = make_client(["all"])
    profile = url(AGENT_PROFILE, agent=AGENT, profileId="p")
    assert put(everything, profile, {"a": 1}, HTTP_IF_NONE_MATCH="*").status_code == 204


@pytest.mark.django_db
def test_learner_session_is_limited_to_their_own_agent(learner, lrs):
    browser = Client(enforce_csrf_checks=True, **V)
    browser.force_login(learner)
    browser.get("/")
    token = browser.cookies["csrftoken"].value
    me = learner_agent(learner).as_version("1.0.3")
    mine = url(STATE, activityId=ACTIVITY, agent=me, stateId="s")
    assert put(browser, mine, {"a": 1}).status_code == 403  # CSRF token missing
    assert put(browser, mine, {"a": 1}, HTTP_X_CSRFTOKEN=token).status_code == 204
    assert json.loads(browser.get(mine).content) == {"a": 1}
    response = browser.get(state_url(stateId="s"))
    assert response.status_code == 403
    assert put(browser, state_url(stateId="s"), {"a": 1}, HTTP_X_CSRFTOKEN=token).status_code == 403
    assert browser.get(url(AGENT_PROFILE, agent=AGENT)).status_code == 403
    own_profile = url(AGENT_PROFILE, agent=me, profileId="p")
    assert put(browser, own_profile, {"a": 1}, HTTP_X_CSRFTOKEN=token, HTTP_IF_NONE_MATCH="*").status_code == 204
    activity_profile = url(ACTIVITY_PROFILE, activityId=ACTIVITY, profileId="p")
    assert put(browser, activity_profile, {"a": 1}, HTTP_X_CSRFTOKEN=token).status_code == 403
    assert browser.get(activity_profile).status_code == 404
    assert Document.objects.count() == 2


# --------------------------------------------------------------------------------------------------
# Activities and Agents
# --------------------------------------------------------------------------------------------------


def test_activities_returns_the_stored_definition(lrs):
    writer = make_client(["statements/write"])
    statement = {
        "actor": AGENT,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "experienced"}},
        "object": {"id": ACTIVITY, "definition": {"name": {"en-US": "Quiz 1"}}},
    }
    assert writer.post("/xapi/statements", json.dumps(statement), content_type="application/json").status_code == 200
    response = lrs.get(url("/xapi/activities", activityId=ACTIVITY))
    assert response.status_code == 200
    assert response.json() == {"objectType": "Activity", "id": ACTIVITY, "definition": {"name": {"en-US": "Quiz 1"}}}
    unknown = lrs.get(url("/xapi/activities", activityId="https://example.org/unknown")).json()
    assert unknown == {"objectType": "Activity", "id": "https://example.org/unknown"}
    assert lrs.get("/xapi/activities").status_code == 400


def test_agents_returns_a_person(lrs):
    response = lrs.get(url("/xapi/agents", agent={**AGENT, "name": "Ann"}))
    assert response.status_code == 200
    assert response.json() == {"objectType": "Person", "name": ["Ann"], "account": [AGENT["account"]]}
    group = {"objectType": "Group", "mbox": "mailto:team@example.org"}
    assert lrs.get(url("/xapi/agents", agent=group)).status_code == 400
    assert lrs.delete(url("/xapi/agents", agent=AGENT)).status_code == 405
