"""Checks mirrored from the ADL LRS conformance suite (adlnet/lrs-conformance-test-suite, v1_0_3 and v2_0).

The suite itself cannot run here; these are our own pytest equivalents of what it checks, organised
by the section of the specification and citing each requirement: first xAPI 1.0.3 (Communication
part), then xAPI 2.0.0 (IEEE 9274.1.1-2023, the sections as the 2.0 suite numbers them).
Statement validation (Data part) is covered by test_validation.py, attachments by
test_attachments.py and the alternate request syntax by test_alternate_syntax.py.
docs/xapi-conformance.md lists every 2.0 requirement with the test that covers it.
"""

import json
import re
import time
from datetime import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from xapi.models import ActivityDefinition, Document, Statement

from .lrs_helpers import AGENT, make_client, new_id, post_statements, statement, url

STATEMENTS = "/xapi/statements"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
INSTRUCTOR = {"objectType": "Agent", "name": "xAPI mbox", "mbox": "mailto:pri@adlnet.gov"}
CATEGORY = "http://www.example.com/test/array/statements/pri"


@pytest.fixture
def lrs(db):
    return make_client()


def store(lrs, *statements):
    response = post_statements(lrs, list(statements))
    assert response.status_code == 200, response.content
    return response.json()


def ids(response):
    assert response.status_code == 200, response.content
    return [s["id"] for s in response.json()["statements"]]


def voiding(target_id, **overrides):
    return statement(
        verb={"id": VOIDED, "display": {"en-US": "voided"}},
        object={"objectType": "StatementRef", "id": target_id},
        **overrides,
    )


def with_context():
    """The suite's statements.context + contexts.category template, category as a single object."""
    return statement(
        context={
            "registration": new_id(),
            "instructor": INSTRUCTOR,
            "contextActivities": {
                "category": {
                    "id": CATEGORY,
                    "definition": {
                        "name": {"en-US": "Category", "en-GB": "Category (GB)"},
                        "description": {"en-US": "About", "en-GB": "About (GB)"},
                    },
                }
            },
        },
        verb={"id": "http://adlnet.gov/expapi/verbs/attended", "display": {"en-US": "attended", "en-GB": "attended"}},
    )


# --------------------------------------------------------------------------------------------------
# Communication 1.1 HEAD Request Implementation
# --------------------------------------------------------------------------------------------------

GET_RESOURCES = [
    "/xapi/about",
    url(STATEMENTS),
    url("/xapi/activities", activityId="http://www.example.com/activityId/hashset"),
    url("/xapi/agents", agent=AGENT),
    url("/xapi/activities/state", activityId="http://www.example.com/a", agent=AGENT, stateId="s"),
    url("/xapi/activities/profile", activityId="http://www.example.com/a", profileId="p"),
    url("/xapi/agents/profile", agent=AGENT, profileId="p"),
]


@pytest.mark.parametrize("target", GET_RESOURCES)
def test_head_is_get_without_the_body(lrs, target):
    """Communication 1.1.s3.b1: HEAD answers like GET, with the message-body omitted."""
    store(lrs, statement())
    for document in GET_RESOURCES[4:]:
        lrs.put(document, json.dumps({"a": 1}), content_type="application/json", HTTP_IF_NONE_MATCH="*")
    got = lrs.get(target)
    head = lrs.head(target)
    assert got.status_code == head.status_code == 200
    assert head.content == b"" and got.content
    assert head["Content-Type"] == got["Content-Type"]
    assert head["X-Experience-API-Version"] == "1.0.3"
    assert int(head["Content-Length"]) == len(got.content)
    for name in ("ETag", "Last-Modified"):
        assert (name in head) == (name in got)


# --------------------------------------------------------------------------------------------------
# Communication 2.1.1 / 2.1.2 PUT and POST Statements
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("statement_id", ["", "true", "%7B%22key%22%3A1%7D"], ids=["missing", "boolean", "object"])
def test_put_needs_a_uuid_statement_id(lrs, statement_id):
    """Communication 2.1.1.s1.table1.row1 (XAPI-00145): statementId is required and a UUID."""
    target = f"{STATEMENTS}?statementId={statement_id}" if statement_id else STATEMENTS
    assert lrs.put(target, json.dumps(statement()), content_type="application/json").status_code == 400


def test_a_stored_statement_is_never_modified(lrs):
    """Communication 2.1.1.s2.b2 (XAPI-00142): same id, different content: 409 and no change."""
    statement_id = new_id()
    assert (
        lrs.put(url(STATEMENTS, statementId=statement_id), json.dumps(statement()), "application/json").status_code
        == 204
    )
    changed = statement(id=statement_id, verb={"id": "http://example.com/different"})
    assert post_statements(lrs, changed).status_code == 409
    fetched = lrs.get(url(STATEMENTS, statementId=statement_id)).json()
    assert fetched["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"


def test_rejected_batch_changes_nothing(lrs):
    """Communication 2.1.2.s2.b4, 3.2.s3.b9 (XAPI-00326): one bad statement, nothing stored."""
    good = statement(id=new_id())
    response = post_statements(lrs, [good, statement(verb={"id": "should fail"})])
    assert response.status_code == 400
    assert lrs.get(url(STATEMENTS, statementId=good["id"])).status_code == 404


def test_post_returns_ids_in_order(lrs):
    """Communication 2.1.2.s1 (XAPI-00146)."""
    first, second = new_id(), new_id()
    assert store(lrs, statement(id=first), statement(id=second)) == [first, second]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_statements_need_a_json_content_type(lrs, content_type):
    """Communication 3.2.s3.b6: the content type must match the content."""
    assert post_statements(lrs, json.dumps(statement()).encode(), content_type).status_code == 400


def test_context_activities_come_back_as_arrays(lrs):
    """Data 2.4.6.2: the LRS returns every contextActivities value as an array."""
    [statement_id] = store(lrs, with_context())
    fetched = lrs.get(url(STATEMENTS, statementId=statement_id)).json()
    assert fetched["context"]["contextActivities"]["category"][0]["id"] == CATEGORY


# --------------------------------------------------------------------------------------------------
# Communication 2.1.3 GET Statements
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "other",
    [
        {"agent": AGENT},
        {"verb": "http://adlnet.gov/expapi/non/existent"},
        {"activity": "http://www.example.com/meetings/occurances/12345"},
        {"registration": new_id()},
        {"related_activities": True},
        {"related_agents": True},
        {"since": "2012-06-01T19:09:13.245Z"},
        {"until": "2012-06-01T19:09:13.245Z"},
        {"limit": 1},
        {"ascending": True},
    ],
    ids=lambda other: next(iter(other)),
)
@pytest.mark.parametrize("single", ["statementId", "voidedStatementId"])
def test_single_statement_with_another_filter_is_refused(lrs, single, other):
    """Communication 2.1.3.s2.b2 (XAPI-00150, XAPI-00151)."""
    target_id = store(lrs, statement())[0]
    if single == "voidedStatementId":
        store(lrs, voiding(target_id))
    assert lrs.get(url(STATEMENTS, **{single: target_id}, **other)).status_code == 400
    assert lrs.get(url(STATEMENTS, **{single: target_id}, format="ids", attachments=True)).status_code == 200


def test_statement_id_and_voided_statement_id_together_are_refused(lrs):
    """Communication 2.1.3.s2.b1."""
    assert lrs.get(url(STATEMENTS, statementId=new_id(), voidedStatementId=new_id())).status_code == 400


def test_voided_statements_only_by_voided_statement_id(lrs):
    """Communication 2.1.4.s1.b1 (XAPI-00155, XAPI-00163)."""
    plain, target = store(lrs, statement(), statement())
    store(lrs, voiding(target))
    assert lrs.get(url(STATEMENTS, statementId=target)).status_code == 404
    assert lrs.get(url(STATEMENTS, voidedStatementId=target)).json()["id"] == target
    assert lrs.get(url(STATEMENTS, voidedStatementId=plain)).status_code == 404
    assert target not in ids(lrs.get(STATEMENTS))


def test_statements_targeting_a_voided_statement_still_match_its_filters(lrs):
    """Communication 2.1.3.s3 and 2.1.4.s1.b2 (XAPI-00162), as the ADL suite checks it."""
    verb = f"http://adlnet.gov/expapi/test/voided/target/{new_id()}"
    voided_id, voiding_id, ref_id = new_id(), new_id(), new_id()
    store(lrs, statement(id=voided_id, verb={"id": verb}))
    store(lrs, voiding(voided_id, id=voiding_id))
    store(lrs, statement(id=ref_id, verb={"id": verb}, object={"objectType": "StatementRef", "id": voided_id}))
    assert ids(lrs.get(url(STATEMENTS, verb=verb))) == [ref_id, voiding_id]
    assert ids(lrs.get(url(STATEMENTS, verb=verb, limit=1))) == [ref_id]


def test_statement_ref_matching_is_recursive(lrs):
    """Communication 2.1.3.s3: a targets b targets c, and c matches the filter: a matches."""
    c, b, a = new_id(), new_id(), new_id()
    activity = "http://www.example.com/explosives-training"
    store(lrs, statement(id=c, object={"id": activity}))
    confirm = {"id": "http://example.com/verbs/confirmed"}
    store(lrs, statement(id=b, verb=confirm, object={"objectType": "StatementRef", "id": c}))
    store(lrs, statement(id=a, verb=confirm, object={"objectType": "StatementRef", "id": b.upper()}))
    store(lrs, statement(verb=confirm, object={"objectType": "StatementRef", "id": new_id()}))
    assert ids(lrs.get(url(STATEMENTS, activity=activity))) == [a, b, c]
    # Time filters still apply to the targeting statement itself.
    assert ids(lrs.get(url(STATEMENTS, activity=activity, until="2000-01-01T00:00:00Z"))) == []


def test_empty_result_is_200(lrs):
    """Communication 2.1.3.s2.b4 (XAPI-00149)."""
    response = lrs.get(url(STATEMENTS, verb="http://adlnet.gov/expapi/non/existent"))
    assert response.status_code == 200 and response.json() == {"statements": [], "more": ""}


def test_agent_filter_matches_actor_and_object_and_related_agents_more(lrs):
    """Communication 2.1.3.s1.table1.row3 and row8 (XAPI-00176, XAPI-00181)."""
    as_actor, as_object, as_instructor = store(
        lrs,
        statement(actor=INSTRUCTOR),
        statement(object=INSTRUCTOR),
        with_context(),
    )
    agent = {"mbox": INSTRUCTOR["mbox"]}
    assert set(ids(lrs.get(url(STATEMENTS, agent=agent)))) == {as_actor, as_object}
    related = set(ids(lrs.get(url(STATEMENTS, agent=agent, related_agents=True))))
    assert related == {as_actor, as_object, as_instructor}
    assert lrs.get(url(STATEMENTS, agent="{not json")).status_code == 400
    assert lrs.get(url(STATEMENTS, agent={"name": "no identifier"})).status_code == 400


def test_authority_matches_only_related_agents(lrs):
    [statement_id] = store(lrs, statement())
    authority = lrs.get(url(STATEMENTS, statementId=statement_id)).json()["authority"]
    identifier = {"account": authority["account"]}
    assert ids(lrs.get(url(STATEMENTS, agent=identifier))) == []
    assert ids(lrs.get(url(STATEMENTS, agent=identifier, related_agents=True))) == [statement_id]


def test_activity_filter_and_related_activities(lrs):
    """Communication 2.1.3.s1.table1.row5 and row7 (XAPI-00177, XAPI-00179)."""
    in_context = store(lrs, with_context())[0]
    sub = {
        "objectType": "SubStatement",
        "actor": AGENT,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attended"},
        "object": {"id": CATEGORY},
    }
    in_sub_statement = store(lrs, statement(object=sub))[0]
    as_object = store(lrs, statement(object={"id": CATEGORY}))[0]
    assert ids(lrs.get(url(STATEMENTS, activity=CATEGORY))) == [as_object]
    related = ids(lrs.get(url(STATEMENTS, activity=CATEGORY, related_activities=True)))
    assert related == [as_object, in_sub_statement, in_context]
    assert lrs.get(url(STATEMENTS, activity="not an iri")).status_code == 400
    assert lrs.get(url(STATEMENTS, related_activities="yes")).status_code == 400


def test_verb_registration_since_until(lrs):
    """Communication 2.1.3.s1.table1.row4, row6, row9, row10 (XAPI-00174, XAPI-00175, XAPI-00178, XAPI-00180)."""
    first = with_context()
    [first_id] = store(lrs, first)
    time.sleep(0.01)
    cutoff = timezone.now().isoformat()
    time.sleep(0.01)
    [second_id] = store(lrs, statement())
    assert ids(lrs.get(url(STATEMENTS, verb=first["verb"]["id"]))) == [first_id]
    assert ids(lrs.get(url(STATEMENTS, registration=first["context"]["registration"]))) == [first_id]
    assert ids(lrs.get(url(STATEMENTS, since=cutoff))) == [second_id]
    assert ids(lrs.get(url(STATEMENTS, until=cutoff))) == [first_id]
    for bad in ({"since": "yesterday"}, {"until": "2012-13-01T00:00:00Z"}, {"registration": "x"}, {"verb": "no"}):
        assert lrs.get(url(STATEMENTS, **bad)).status_code == 400


def test_limit_ascending_and_more(lrs):
    """Communication 2.1.3.s1.table1.row11, row14 (XAPI-00166, XAPI-00173); Data 2.5 'more'."""
    stored = store(lrs, *[statement() for _n in range(5)])
    assert ids(lrs.get(url(STATEMENTS, limit=0))) == stored[::-1]  # 0: the server's maximum
    page = lrs.get(url(STATEMENTS, limit=2, ascending=True)).json()
    assert [s["id"] for s in page["statements"]] == stored[:2]
    store(lrs, statement())  # a statement stored while paging does not shift the next page
    following = lrs.get(page["more"]).json()
    assert [s["id"] for s in following["statements"]] == stored[2:4]
    newest_first = lrs.get(url(STATEMENTS, limit=2)).json()
    later = lrs.get(newest_first["more"]).json()
    assert len({s["id"] for s in newest_first["statements"] + later["statements"]}) == 4
    assert lrs.get(url(STATEMENTS, limit=-1)).status_code == 400
    assert lrs.get(url(STATEMENTS, limit="many")).status_code == 400
    assert lrs.get(url(STATEMENTS, cursor="forged")).status_code == 400


def test_listing_takes_a_fixed_number_of_queries(lrs):
    store(lrs, *[with_context() for _n in range(10)])
    with CaptureQueriesContext(connection) as captured:
        assert len(ids(lrs.get(url(STATEMENTS, agent=AGENT, limit=20)))) == 10
    # The wrong-secret limits read the shared cache, which is the database by default: not counted here.
    lrs_queries = [
        query["sql"] for query in captured if "lms_cache" not in query["sql"] and "SAVEPOINT" not in query["sql"]
    ]
    assert len(lrs_queries) == 3, lrs_queries  # the client's credentials, StatementRef targets, the page
    # A client that has sent no wrong secret costs one cache read (the failure markers), not the counters.
    cache_queries = [query["sql"] for query in captured if "lms_cache" in query["sql"]]
    assert len(cache_queries) == 1, cache_queries


def test_format_ids(lrs):
    """Communication 2.1.3.s1.table1.row12 (XAPI-00171): identifiers only, anonymous groups by members."""
    group = {"objectType": "Group", "name": "Class", "member": [AGENT, {"name": "Bo", "mbox": "mailto:bo@example.com"}]}
    [statement_id] = store(lrs, statement(actor=group, context={"instructor": INSTRUCTOR}))
    data = lrs.get(url(STATEMENTS, statementId=statement_id, format="ids")).json()
    assert data["actor"] == {
        "objectType": "Group",
        "member": [
            {"objectType": "Agent", "mbox": AGENT["mbox"]},
            {"mbox": "mailto:bo@example.com"},
        ],
    }
    assert data["verb"] == {"id": "http://adlnet.gov/expapi/verbs/answered"}
    assert data["object"] == {"id": "http://www.example.com/tincan/activities/multipart"}
    assert data["context"]["instructor"] == {"objectType": "Agent", "mbox": INSTRUCTOR["mbox"]}
    assert "name" not in data["authority"]


def test_format_ids_gives_activities_as_their_id_alone_inside_sub_statements(lrs):
    """Communication 2.1.3.s1.table1.row12: an Activity is {"id": ...} alone, also in a SubStatement.

    Before, the SubStatement's object kept its objectType (an independent conformance run's failure 1).
    """
    sub = {
        "objectType": "SubStatement",
        "actor": AGENT,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attended", "display": {"en-US": "attended"}},
        "object": {"objectType": "Activity", "id": CATEGORY, "definition": {"name": {"en-US": "Meeting"}}},
        "context": {"contextActivities": {"parent": [{"objectType": "Activity", "id": "http://www.example.com/p"}]}},
    }
    [statement_id] = store(lrs, statement(object=sub))
    data = lrs.get(url(STATEMENTS, statementId=statement_id, format="ids")).json()
    assert data["object"]["object"] == {"id": CATEGORY}
    assert data["object"]["context"]["contextActivities"]["parent"] == [{"id": "http://www.example.com/p"}]
    assert data["object"]["verb"] == {"id": "http://adlnet.gov/expapi/verbs/attended"}


def test_format_canonical_picks_one_language(lrs):
    """Communication 2.1.3.s4 (XAPI-00172): Accept-Language chooses, per language map."""
    [statement_id] = store(lrs, with_context())
    canonical = lrs.get(url(STATEMENTS, statementId=statement_id, format="canonical"), HTTP_ACCEPT_LANGUAGE="en-GB")
    data = canonical.json()
    assert data["verb"]["display"] == {"en-GB": "attended"}
    definition = data["context"]["contextActivities"]["category"][0]["definition"]
    assert definition == {"name": {"en-GB": "Category (GB)"}, "description": {"en-GB": "About (GB)"}}
    assert data["actor"] == AGENT  # agents as in exact
    fallback = lrs.get(url(STATEMENTS, statementId=statement_id, format="canonical"), HTTP_ACCEPT_LANGUAGE="fr")
    assert len(fallback.json()["verb"]["display"]) == 1
    weighted = lrs.get(
        url(STATEMENTS, statementId=statement_id, format="canonical"), HTTP_ACCEPT_LANGUAGE="fr;q=0.9, en-US;q=0.8"
    )
    assert weighted.json()["verb"]["display"] == {"en-US": "attended"}
    exact = lrs.get(url(STATEMENTS, statementId=statement_id), HTTP_ACCEPT_LANGUAGE="en-GB").json()
    assert exact["verb"]["display"] == {"en-US": "attended", "en-GB": "attended"}
    assert lrs.get(url(STATEMENTS, format="full")).status_code == 400


def test_consistent_through_on_every_statements_response(lrs):
    """Communication 2.1.3.s2.b5 (XAPI-00152, XAPI-00153, XAPI-00160): ISO 8601, not before any stored."""
    [statement_id] = store(lrs, statement())
    response = lrs.get(STATEMENTS)
    through = datetime.fromisoformat(response["X-Experience-API-Consistent-Through"])
    for item in response.json()["statements"]:
        assert datetime.fromisoformat(item["stored"]) <= through
    misused = Client().get(STATEMENTS)  # no version header: 400, the header all the same
    assert misused.status_code == 400 and misused["X-Experience-API-Consistent-Through"]
    assert post_statements(lrs, statement())["X-Experience-API-Consistent-Through"]
    assert lrs.get(url(STATEMENTS, statementId=new_id()))["X-Experience-API-Consistent-Through"]
    assert lrs.get(url(STATEMENTS, statementId=statement_id))["Last-Modified"]  # 2.1.3.s2.b8


# --------------------------------------------------------------------------------------------------
# Communication 2.2-2.7 Document, Activities and Agents resources
# --------------------------------------------------------------------------------------------------

STATE = url("/xapi/activities/state", activityId="http://www.example.com/activityId/hashset", agent=AGENT)


@pytest.mark.parametrize("document", ["1", "true"])
def test_documents_are_not_rejected_for_their_content(lrs, document):
    """Communication 2.2.s4.b2: a new document POSTed as a form-encoded string is stored."""
    target = f"{STATE}&stateId={new_id()}"
    response = lrs.generic("POST", target, document, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 204
    assert lrs.get(target).content == document.encode()


def test_merge_is_one_level_deep_and_needs_json(lrs):
    """Communication 2.2.s7 and 2.2.s8.b1."""
    target = f"{STATE}&stateId={new_id()}"
    first = {"car": {"make": "Ford", "model": "Escape"}, "driver": "Dale"}
    assert lrs.generic("POST", target, json.dumps(first), content_type="application/json").status_code == 204
    second = {"car": {"make": "Dodge"}, "series": "nextel"}
    assert lrs.generic("POST", target, json.dumps(second), content_type="application/json").status_code == 204
    assert json.loads(lrs.get(target).content) == {"car": {"make": "Dodge"}, "driver": "Dale", "series": "nextel"}
    refused = lrs.generic("POST", target, "abc", content_type="application/x-www-form-urlencoded")
    assert refused.status_code == 400
    assert json.loads(lrs.get(target).content)["series"] == "nextel"


def test_multiple_document_get_has_last_modified_and_since(lrs):
    """Communication 2.2.s6.b2, 2.3.s4."""
    lrs.put(f"{STATE}&stateId=a", "{}", content_type="application/json")
    listing = lrs.get(STATE)
    assert listing.json() == ["a"] and listing["Last-Modified"]
    assert lrs.get(f"{STATE}&since=2012-06-01T19:09:13.245Z").json() == ["a"]
    assert lrs.get(f"{STATE}&since=not-a-date").status_code == 400
    assert lrs.get(f"{STATE}&stateId=a&since=2012-06-01T19:09:13.245Z").status_code == 400


def test_state_delete_all_for_a_registration(lrs):
    """Communication 2.3.s5."""
    registration = new_id()
    lrs.put(f"{STATE}&stateId=a", "{}", content_type="application/json")
    lrs.put(f"{STATE}&stateId=b&registration={registration}", "{}", content_type="application/json")
    assert lrs.delete(f"{STATE}&registration={registration}").status_code == 204
    assert lrs.get(STATE).json() == ["a"]
    assert lrs.delete(STATE).status_code == 204
    assert lrs.get(STATE).json() == []


def test_etag_is_a_quoted_sha1(lrs):
    """Communication 3.1.s4.b1-b4."""
    lrs.put(f"{STATE}&stateId=e", '{"a": 1}', content_type="application/json")
    assert re.fullmatch(r'"[0-9a-f]{40}"', lrs.get(f"{STATE}&stateId=e")["ETag"])


def test_profile_put_without_precondition_on_existing_document_is_409(lrs):
    """Communication 3.1.s4.b13-b15: 409 with an explanation, nothing changed."""
    target = url("/xapi/activities/profile", activityId="http://www.example.com/a", profileId="p")
    created = lrs.put(target, '{"v": 1}', content_type="application/json", HTTP_IF_NONE_MATCH="*")
    assert created.status_code == 204
    conflict = lrs.put(target, '{"v": 2}', content_type="application/json")
    assert conflict.status_code == 409 and "If-Match" in conflict.json()["error"]
    assert json.loads(lrs.get(target).content) == {"v": 1}


PROFILES = [
    url("/xapi/activities/profile", activityId="http://www.example.com/a", profileId="new"),
    url("/xapi/agents/profile", agent=AGENT, profileId="new"),
]


@pytest.mark.parametrize("target", PROFILES, ids=["activity profile", "agent profile"])
@pytest.mark.parametrize("version", ["1.0.3", "2.0.0"])
def test_profile_put_without_precondition_on_a_new_document_is_400(lrs, target, version):
    """Communication 3.1 (Activity and Agent Profile), as the ADL reference LRS: a PUT with neither
    If-Match nor If-None-Match is refused, 400 for a new document (before: stored, 204; the
    conformance run's failures 3 and 4) and 409 for an existing one; nothing is stored."""
    refused = lrs.put(target, '{"v": 1}', content_type="application/json", HTTP_X_EXPERIENCE_API_VERSION=version)
    assert refused.status_code == 400 and "If-None-Match" in refused.json()["error"]
    assert refused["X-Experience-API-Version"] == version
    assert not Document.objects.exists()
    headers = {"content_type": "application/json", "HTTP_X_EXPERIENCE_API_VERSION": version}
    created = lrs.put(target, '{"v": 1}', HTTP_IF_NONE_MATCH="*", **headers)
    assert created.status_code == 204
    overwrite = lrs.put(target, '{"v": 2}', content_type="application/json", HTTP_X_EXPERIENCE_API_VERSION=version)
    assert overwrite.status_code == 409
    assert json.loads(lrs.get(target).content) == {"v": 1}


# --------------------------------------------------------------------------------------------------
# Communication 2.5 Activities Resource
# --------------------------------------------------------------------------------------------------

ACTIVITIES = "/xapi/activities"
MERGED = "http://www.example.com/activities/merged"


def named(**names):
    return {"objectType": "Activity", "id": MERGED, "definition": {"name": names}}


def test_activities_resource_merges_every_statements_definition(lrs):
    """Communication 2.5.s3 (XAPI-00154): the definitions of all statements with that activity, merged.

    Before, the first definition among the newest 50 statements came back alone (failure 2).
    """
    store(lrs, statement(object=named(**{"en-GB": "Colour", "en-US": "Color"})))
    store(lrs, statement(object=named(**{"en-GB": "Colour (GB)", "fr-FR": "Couleur"})))
    store(lrs, statement(object={"id": MERGED}))  # no definition: changes nothing
    activity = lrs.get(url(ACTIVITIES, activityId=MERGED)).json()
    assert activity == {
        "objectType": "Activity",
        "id": MERGED,
        "definition": {"name": {"en-GB": "Colour (GB)", "en-US": "Color", "fr-FR": "Couleur"}},
    }


def test_activities_resource_knows_activities_only_seen_in_context_or_sub_statements(lrs):
    """Communication 2.5: an activity is an activity wherever a statement names it."""
    in_context = statement(
        context={"contextActivities": {"parent": named(**{"en-US": "Course"})}},  # a single object (1.0.0 style)
    )
    sub = {
        "objectType": "SubStatement",
        "actor": AGENT,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attended"},
        "object": {"id": MERGED, "definition": {"description": {"en-US": "Planned"}, "type": CATEGORY}},
    }
    store(lrs, in_context)
    store(lrs, statement(object=sub))
    definition = lrs.get(url(ACTIVITIES, activityId=MERGED)).json()["definition"]
    assert definition == {"name": {"en-US": "Course"}, "description": {"en-US": "Planned"}, "type": CATEGORY}
    assert ActivityDefinition.objects.count() == 2  # the statements' own object and MERGED


def test_activities_resource_merges_interaction_components_by_id(lrs):
    choice = {
        "id": MERGED,
        "definition": {
            "interactionType": "choice",
            "choices": [{"id": "a", "description": {"en-US": "Yes"}}, {"id": "b", "description": {"en-US": "No"}}],
        },
    }
    store(lrs, statement(object=choice))
    choice["definition"]["choices"] = [{"id": "a", "description": {"zh-CN": "是"}}]
    store(lrs, statement(object=choice))
    choices = lrs.get(url(ACTIVITIES, activityId=MERGED)).json()["definition"]["choices"]
    assert choices == [
        {"id": "a", "description": {"en-US": "Yes", "zh-CN": "是"}},
        {"id": "b", "description": {"en-US": "No"}},
    ]


@pytest.mark.parametrize(
    ("method", "target"),
    [
        ("DELETE", url(STATEMENTS, statementId=new_id())),
        ("DELETE", url("/xapi/activities", activityId="http://www.example.com/a")),
        ("POST", url("/xapi/activities", activityId="http://www.example.com/a")),
        ("PUT", url("/xapi/activities", activityId="http://www.example.com/a")),
        ("DELETE", url("/xapi/agents", agent=AGENT)),
        ("POST", url("/xapi/agents", agent=AGENT)),
        ("PUT", url("/xapi/agents", agent=AGENT)),
        ("POST", "/xapi/about"),
    ],
)
def test_methods_outside_the_specification_are_405(db, method, target):
    """Communication 3.2 (ADL suite: even without credentials, only the version header)."""
    response = Client().generic(method, target, HTTP_X_EXPERIENCE_API_VERSION="1.0.1")
    allowed = response["Allow"].split(", ")
    assert response.status_code == 405 and method not in allowed and len(set(allowed)) == len(allowed)
    assert response["X-Experience-API-Version"] == "1.0.3"


# --------------------------------------------------------------------------------------------------
# Communication 2.8 About
# --------------------------------------------------------------------------------------------------


def test_about_lists_the_supported_versions_without_credentials(db):
    """Communication 2.8.s4, 2.8.s5.b1 (XAPI-00316 to XAPI-00319); no version header needed."""
    response = Client().get("/xapi/about")
    assert response.status_code == 200
    versions = response.json()["version"]
    assert "1.0.3" in versions and "1.0.1" in versions and "2.0.0" in versions
    assert set(versions) <= {"0.9", "0.95", "1.0.0", "1.0.1", "1.0.2", "1.0.3", "2.0.0"}


# --------------------------------------------------------------------------------------------------
# Communication 3.2 Error Codes
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "param",
    [
        "foo",
        "StatementId",
        "VoidedStatementId",
        "Agent",
        "Verb",
        "Activity",
        "Registration",
        "Related_Activities",
        "Related_Agents",
        "Since",
        "Until",
        "Limit",
        "Format",
        "Attachments",
        "Ascending",
    ],
)
def test_unknown_or_miscased_parameters_are_400(lrs, param):
    """Communication 3.2.s3.b7-b8 (XAPI-00324, XAPI-00325)."""
    response = lrs.get(f"{STATEMENTS}?{param}=bar")
    assert response.status_code == 400 and param in response.json()["error"]


def test_unknown_parameters_on_document_resources_are_400(lrs):
    assert lrs.get(f"{STATE}&stateId=a&foo=bar").status_code == 400
    assert (
        lrs.get(
            url("/xapi/activities/profile", activityId="http://www.example.com/a", registration=new_id())
        ).status_code
        == 400
    )
    assert lrs.get(url("/xapi/agents", agent=AGENT, profileId="p")).status_code == 400
    assert (
        lrs.put(url(STATEMENTS, statementId=new_id(), verb="x"), "{}", content_type="application/json").status_code
        == 400
    )


def test_bad_credentials_are_401(db):
    """Communication 3.2.s2.b2."""
    response = Client().get(STATEMENTS, HTTP_X_EXPERIENCE_API_VERSION="1.0.3", HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==")
    assert response.status_code == 401 and response["X-Experience-API-Version"] == "1.0.3"


# --------------------------------------------------------------------------------------------------
# Communication 3.3 Versioning
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.0", "1.0.0", "1.0.1", "1.0.2", "1.0.3"])
def test_1_0_x_versions_are_accepted(lrs, version):
    """Communication 3.3.s3.b3, b5."""
    response = lrs.get(STATEMENTS, HTTP_X_EXPERIENCE_API_VERSION=version)
    assert response.status_code == 200 and response["X-Experience-API-Version"] == "1.0.3"


@pytest.mark.parametrize("version", ["", "0.9", "0.95", "1.1.0", "2.0", "2.0.1", "2.1.0", "garbage", "1.0.x"])
def test_other_versions_are_refused(lrs, version):
    """Communication 3.3.s3.b4, s4.b1 (XAPI-00331)."""
    for method in ("get", "post", "put"):
        response = getattr(lrs, method)(
            url(STATEMENTS, statementId=new_id()) if method == "put" else STATEMENTS,
            json.dumps(statement()) if method != "get" else None,
            content_type="application/json",
            HTTP_X_EXPERIENCE_API_VERSION=version,
        )
        assert response.status_code == 400, (method, version)
    assert not Statement.objects.exists()


def test_version_header_on_every_response_even_404(db):
    """Communication 3.3.s3.b1-b2 (XAPI-00333)."""
    for path in ("/xapi/nothing-here", "/xapi/statements/", "/xapi/"):
        response = Client().get(path)
        assert response.status_code == 404 and response["X-Experience-API-Version"] == "1.0.3"
        assert response.json()["error"]


# ==================================================================================================
# xAPI 2.0.0 (IEEE 9274.1.1-2023), section by section as the ADL 2.0 suite (test/v2_0) numbers them
# ==================================================================================================

V2 = "2.0.0"
PLAYER = {"objectType": "Agent", "mbox": "mailto:player-1@example.com"}
TEAM = {"objectType": "Group", "mbox": "mailto:team-1@example.com", "member": [PLAYER]}
COACH_TYPE = "http://www.example.com/types/coach"


@pytest.fixture
def lrs2(db):
    """A client speaking xAPI 2.0.0."""
    return make_client(HTTP_X_EXPERIENCE_API_VERSION=V2)


def with_context_agents(**context):
    return statement(
        context={
            "contextAgents": [{"objectType": "contextAgent", "agent": PLAYER, "relevantTypes": [COACH_TYPE]}],
            "contextGroups": [{"objectType": "contextGroup", "group": TEAM}],
            **context,
        }
    )


# --- Communication 3.3 Versioning ---------------------------------------------------------------


def test_v2_requests_are_accepted_and_answered_in_2_0_0(lrs2):
    """Communication 3.3 (XAPI-00333, XAPI-00331): 2.0.0 is accepted; the response says 2.0.0."""
    response = post_statements(lrs2, statement())
    assert response.status_code == 200 and response["X-Experience-API-Version"] == V2
    listing = lrs2.get(STATEMENTS)
    assert listing.status_code == 200 and listing["X-Experience-API-Version"] == V2
    same_client_in_1_0_3 = lrs2.get(STATEMENTS, HTTP_X_EXPERIENCE_API_VERSION="1.0.3")
    assert same_client_in_1_0_3["X-Experience-API-Version"] == "1.0.3"


def test_v2_errors_say_2_0_0_too(db, lrs2):
    """Communication 3.3: every response to a 2.0 request carries the 2.0.0 header, errors included."""
    assert lrs2.get(url(STATEMENTS, statementId=new_id()))["X-Experience-API-Version"] == V2  # 404
    unauthorised = Client().get(STATEMENTS, HTTP_X_EXPERIENCE_API_VERSION=V2)
    assert unauthorised.status_code == 401 and unauthorised["X-Experience-API-Version"] == V2
    nowhere = Client().get("/xapi/nothing-here", HTTP_X_EXPERIENCE_API_VERSION=V2)
    assert nowhere.status_code == 404 and nowhere["X-Experience-API-Version"] == V2


@pytest.mark.parametrize("version", ["2.0", "2.0.1", "2", "2.0.0.0"])
def test_v2_header_must_be_exactly_2_0_0(lrs, version):
    """Communication 3.3: the header names the full version; "2.0" is refused (400), nothing stored."""
    response = post_statements(lrs, statement(), HTTP_X_EXPERIENCE_API_VERSION=version)
    assert response.status_code == 400 and "2.0.0" in response.json()["error"]
    assert not Statement.objects.exists()


# --- Communication 2.8 About ----------------------------------------------------------------------


def test_v2_about_lists_2_0_0(db):
    """Communication 2.8 (XAPI-00317, XAPI-00316): version contains "2.0.0"; only known versions."""
    response = Client().get("/xapi/about", HTTP_X_EXPERIENCE_API_VERSION=V2)
    assert response.status_code == 200 and response["X-Experience-API-Version"] == V2
    versions = response.json()["version"]
    assert "2.0.0" in versions
    assert set(versions) <= {"0.9", "0.95", "1.0.0", "1.0.1", "1.0.2", "1.0.3", "2.0.0"}


# --- Communication 1.3 Alternate Request Syntax (removed in 2.0) --------------------------------


@pytest.mark.parametrize("where", ["form", "header"])
def test_v2_alternate_request_syntax_is_refused(db, where):
    """Communication 1.3 of 1.0.3 is gone from 2.0: a ?method= request speaking 2.0 gets a 400."""
    from urllib.parse import urlencode

    from .lrs_helpers import credentials

    auth = credentials()[2]
    fields = {"Authorization": auth, "statementId": new_id(), "content": json.dumps(statement())}
    extra = {}
    if where == "form":
        fields["X-Experience-API-Version"] = V2
    else:
        extra["HTTP_X_EXPERIENCE_API_VERSION"] = V2
    response = Client().post(
        f"{STATEMENTS}?method=PUT", urlencode(fields), content_type="application/x-www-form-urlencoded", **extra
    )
    assert response.status_code == 400 and "?method=" in response.json()["error"]
    assert response["X-Experience-API-Version"] == V2
    assert not Statement.objects.exists()
    fields["X-Experience-API-Version"] = "1.0.3"  # the same request in 1.0.3 is still served
    form = "application/x-www-form-urlencoded"
    accepted = Client().post(f"{STATEMENTS}?method=PUT", urlencode(fields), content_type=form)
    assert accepted.status_code == 204


# --- Communication 3.1 Concurrency (State joins the profiles) -----------------------------------


def test_v2_state_put_over_an_existing_document_needs_a_precondition(lrs2):
    """Communication 3.1 (2.0 suite 4.1.4): a PUT with neither header over an existing State is 409 and
    changes nothing; a new State needs none; If-Match with the ETag overwrites."""
    target = f"{STATE}&stateId={new_id()}"
    assert lrs2.put(target, '{"v": 1}', content_type="application/json").status_code == 204
    conflict = lrs2.put(target, '{"v": 2}', content_type="application/json")
    assert conflict.status_code == 409 and conflict.json()["error"]
    assert json.loads(lrs2.get(target).content) == {"v": 1}
    etag = lrs2.get(target)["ETag"]
    assert lrs2.put(target, '{"v": 3}', content_type="application/json", HTTP_IF_MATCH='"1234"').status_code == 412
    assert lrs2.put(target, '{"v": 3}', content_type="application/json", HTTP_IF_MATCH=etag).status_code == 204
    assert lrs2.generic("POST", target, '{"w": 1}', content_type="application/json").status_code == 204
    assert json.loads(lrs2.get(target).content) == {"v": 3, "w": 1}
    # The same overwrite in 1.0.3 needs no header (Communication 3.1 of 1.0.3 names only the profiles).
    in_1_0_3 = lrs2.put(target, "{}", content_type="application/json", HTTP_X_EXPERIENCE_API_VERSION="1.0.3")
    assert in_1_0_3.status_code == 204


# --- Data 2.4.6 Context: contextAgents and contextGroups ----------------------------------------


def test_v2_context_agents_and_groups_are_accepted_in_statements_and_sub_statements(lrs2):
    """Data 2.4.6 (2.0 suite contextagents.js, contextgroups.js): valid objects are stored as sent."""
    [statement_id] = store(lrs2, with_context_agents())
    sub = {**with_context_agents(), "objectType": "SubStatement"}
    [sub_id] = store(lrs2, statement(object=sub))
    data = lrs2.get(url(STATEMENTS, statementId=statement_id)).json()
    assert data["context"]["contextAgents"][0]["agent"] == PLAYER
    assert data["context"]["contextGroups"][0]["group"] == TEAM
    assert lrs2.get(url(STATEMENTS, statementId=sub_id)).json()["object"]["context"]["contextGroups"]


@pytest.mark.parametrize(
    "context",
    [
        {"contextAgents": [{"objectType": "Should fail", "agent": PLAYER}]},
        {"contextAgents": [{"agent": PLAYER}]},
        {"contextAgents": [{"objectType": "contextAgent", "agent": {"key": "Should fail"}}]},
        {"contextAgents": [{"objectType": "contextAgent", "agent": TEAM}]},
        {"contextAgents": [{"objectType": "contextAgent", "agent": PLAYER, "relevantTypes": []}]},
        {"contextAgents": [{"objectType": "contextAgent", "agent": PLAYER, "relevantTypes": ["abc"]}]},
        {"contextAgents": {"objectType": "contextAgent", "agent": PLAYER}},
        {"contextGroups": [{"objectType": "Should fail", "group": TEAM}]},
        {"contextGroups": [{"objectType": "contextGroup", "group": {"key": "Should fail"}}]},
        {"contextGroups": [{"objectType": "contextGroup", "group": PLAYER}]},
        {"contextGroups": [{"objectType": "contextGroup", "group": TEAM, "relevantTypes": []}]},
        {"contextGroups": [{"objectType": "contextGroup", "group": TEAM, "relevantTypes": ["abc"]}]},
    ],
)
@pytest.mark.parametrize("inside", ["statement", "sub-statement"])
def test_v2_malformed_context_agents_and_groups_are_400(lrs2, context, inside):
    """Data 2.4.6: objectType "contextAgent"/"contextGroup", a valid Agent/Group, relevantTypes a
    non-empty array of IRIs; anything else is a 400 and nothing is stored."""
    data = statement(context=context)
    if inside == "sub-statement":
        data = statement(object={**data, "objectType": "SubStatement"})
    assert post_statements(lrs2, data).status_code == 400
    assert not Statement.objects.exists()


def test_context_agents_are_not_part_of_1_0_3(lrs):
    """xAPI 1.0.3 Data 2.4.6 has no such properties, and an LRS refuses unknown ones (Data 2.2.s2.b3)."""
    response = post_statements(lrs, with_context_agents())
    assert response.status_code == 400 and "contextAgents" in response.json()["error"]


# --- Communication 2.1.3 GET Statements: related_agents -----------------------------------------


def test_v2_related_agents_matches_context_agents_and_groups(lrs2):
    """Communication 2.1.3 (related_agents): contextAgents' agents, contextGroups' groups and members
    match with related_agents=true, not with the plain agent filter."""
    [statement_id] = store(lrs2, with_context_agents())
    for agent in (PLAYER, {"objectType": "Group", "mbox": TEAM["mbox"]}):
        assert ids(lrs2.get(url(STATEMENTS, agent=agent, related_agents=True))) == [statement_id]
        assert ids(lrs2.get(url(STATEMENTS, agent=agent))) == []


# --- Data 2.4.10 Version, and what a 1.0.3 reader gets ------------------------------------------


def test_v2_statements_keep_their_version_and_get_2_0_0_when_they_have_none(lrs2):
    """Data 2.4.10 (XAPI-00332): statements come back with the version they were accepted with; the LRS
    sets 2.0.0 on a 2.0 request's statement without one."""
    [given] = store(lrs2, statement(version="2.0.0"))
    [unset] = store(lrs2, statement())
    [older] = store(lrs2, statement(version="1.0.3"))
    assert lrs2.get(url(STATEMENTS, statementId=given)).json()["version"] == "2.0.0"
    assert lrs2.get(url(STATEMENTS, statementId=unset)).json()["version"] == "2.0.0"
    assert lrs2.get(url(STATEMENTS, statementId=older)).json()["version"] == "1.0.3"
    assert post_statements(lrs2, statement(version="3.0.0")).status_code == 400


def test_a_1_0_3_request_cannot_store_a_2_0_statement(lrs):
    response = post_statements(lrs, statement(version="2.0.0"))
    assert response.status_code == 400 and "version" in response.json()["error"]


def test_a_1_0_3_reader_gets_2_0_statements_in_the_1_0_3_shape(lrs2):
    """Decision (docs/xapi-conformance.md): stored as sent; a 1.0.3 request gets no 2.0-only properties."""
    [statement_id] = store(lrs2, with_context_agents(registration=new_id()))
    exact = Statement.objects.get().data
    old_reader = lrs2.get(url(STATEMENTS, statementId=statement_id), HTTP_X_EXPERIENCE_API_VERSION="1.0.3").json()
    assert old_reader["version"] == "1.0.3"
    assert "contextAgents" not in old_reader["context"] and "contextGroups" not in old_reader["context"]
    assert old_reader["context"]["registration"] == exact["context"]["registration"]
    listing = lrs2.get(STATEMENTS, HTTP_X_EXPERIENCE_API_VERSION="1.0.3").json()["statements"]
    assert "contextAgents" not in listing[0]["context"]
    assert lrs2.get(url(STATEMENTS, statementId=statement_id)).json() == exact  # a 2.0 reader gets it exactly
    assert Statement.objects.get().data == exact  # and the stored statement is untouched


def test_v2_format_ids_reduces_context_agents_to_identifiers(lrs2):
    [statement_id] = store(lrs2, with_context_agents())
    context = lrs2.get(url(STATEMENTS, statementId=statement_id, format="ids")).json()["context"]
    assert context["contextAgents"][0]["agent"] == {"objectType": "Agent", "mbox": PLAYER["mbox"]}
    assert context["contextGroups"][0]["group"] == {"objectType": "Group", "mbox": TEAM["mbox"]}


# --- Data 4.5 Timestamps, Data 2.4.8 Stored -----------------------------------------------------


@pytest.mark.parametrize(
    "timestamp", ["2008-09-15T15:53:00.601-00", "2008-09-15T15:53:00.601-0000", "2008-09-15T15:53:00.601-00:00"]
)
@pytest.mark.parametrize("version", ["1.0.3", "2.0.0"])
def test_negative_zero_offsets_are_refused(lrs, timestamp, version):
    """Data 4.5 (2.0 suite timestamps.js, XAPI-00123): -00, -0000 and -00:00 are not valid offsets."""
    response = post_statements(lrs, statement(timestamp=timestamp), HTTP_X_EXPERIENCE_API_VERSION=version)
    assert response.status_code == 400


def test_v2_accepts_rfc_3339_timestamps_with_a_space(lrs, lrs2):
    """Data 4.5 (2.0 suite timestamps.js): "2008-09-15 15:53:00.601+00:00" is valid RFC 3339; 1.0.3's
    ISO 8601 has no space, so a 1.0.3 request is refused and a 1.0.3 reader gets the "T" form."""
    spaced = "2008-09-15 15:53:00.601+00:00"
    assert post_statements(lrs, statement(timestamp=spaced)).status_code == 400
    [statement_id] = store(lrs2, statement(timestamp=spaced))
    assert lrs2.get(url(STATEMENTS, statementId=statement_id)).json()["timestamp"] == spaced
    old_reader = lrs.get(url(STATEMENTS, statementId=statement_id)).json()
    assert old_reader["timestamp"] == "2008-09-15T15:53:00.601+00:00"


def test_stored_has_at_least_millisecond_precision_even_on_a_whole_second(lrs2, monkeypatch):
    """Data 2.4.8 / 4.5 (2.0 suite XAPI-00023): stored is a timestamp to the millisecond, set by the LRS."""
    whole_second = timezone.now().replace(microsecond=0)
    monkeypatch.setattr("xapi.services.timezone.now", lambda: whole_second)
    [statement_id] = store(lrs2, statement(stored="2011-07-15T00:00:00.000Z"))
    data = lrs2.get(url(STATEMENTS, statementId=statement_id)).json()
    assert re.search(r"T\d{2}:\d{2}:\d{2}\.\d{3}", data["stored"]) and data["stored"] != "2011-07-15T00:00:00.000Z"
    assert re.search(r"T\d{2}:\d{2}:\d{2}\.\d{3}", data["timestamp"])


# --- Communication 2.1.3 GET Statements: Last-Modified, more ------------------------------------


def test_v2_statement_lists_say_when_their_newest_statement_was_stored(lrs2):
    """Communication 2.1.3: Last-Modified on single statements and on lists (none for an empty list)."""
    store(lrs2, statement(), statement())
    response = lrs2.get(url(STATEMENTS, limit=1))
    assert response["Last-Modified"] and response.json()["more"].startswith("/xapi/statements?")
    following = lrs2.get(response.json()["more"])  # the more link is answered in the same version
    assert following.status_code == 200 and following["X-Experience-API-Version"] == V2
    assert "Last-Modified" not in lrs2.get(url(STATEMENTS, verb="http://example.com/none"))


# --- Data 2.3.2 Voiding (unchanged in 2.0) ------------------------------------------------------


def test_v2_voiding_rules_are_unchanged(lrs2):
    """Data 2.3.2: a voided statement is found only by voidedStatementId; another client may not void it."""
    [target] = store(lrs2, statement())
    stranger = make_client(["statements/write", "statements/read"], HTTP_X_EXPERIENCE_API_VERSION=V2)
    assert post_statements(stranger, voiding(target)).status_code == 403
    store(lrs2, voiding(target))
    assert lrs2.get(url(STATEMENTS, statementId=target)).status_code == 404
    assert lrs2.get(url(STATEMENTS, voidedStatementId=target)).json()["id"] == target
