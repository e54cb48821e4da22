"""xapi.services.store_statements: one batch, a handful of queries; side tables for related_* filters."""

import hashlib
import importlib
import json
import uuid

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xapi.definitions import merge_definition
from xapi.models import ActivityDefinition, Attachment, Statement, StatementActivity, StatementAgent
from xapi.records import agent_key
from xapi.services import StatementConflict, related_activity_ids, related_agent_keys, store_statements

TOOL = "https://tools.example.org"


def statement(n, **extra):
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": {"homePage": TOOL, "name": f"user-{n}"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "experienced"}},
        "object": {"objectType": "Activity", "id": f"{TOOL}/activities/{n}"},
        **extra,
    }


def queries_for(batch):
    with CaptureQueriesContext(connection) as captured:
        store_statements(statements=batch)
    return len(captured)


@pytest.mark.django_db
def test_a_batch_costs_the_same_queries_whatever_its_size():
    assert queries_for([statement(i) for i in range(2)]) == queries_for([statement(i) for i in range(50)])
    assert Statement.objects.count() == 52


@pytest.mark.django_db
def test_side_tables_name_every_activity_and_agent():
    instructor = {"objectType": "Agent", "mbox": "mailto:trainer@example.org"}
    sub_actor = {"objectType": "Agent", "mbox": "mailto:sub@example.org"}
    data = statement(
        1,
        context={
            "instructor": instructor,
            "contextActivities": {"parent": [{"id": f"{TOOL}/course"}], "grouping": [{"id": f"{TOOL}/programme"}]},
        },
    )
    sub = statement(
        2,
        object={
            "objectType": "SubStatement",
            "actor": sub_actor,
            "verb": {"id": "http://adlnet.gov/expapi/verbs/attended"},
            "object": {"objectType": "Activity", "id": f"{TOOL}/session"},
        },
    )
    rows = store_statements(statements=[data, sub])
    assert set(StatementActivity.objects.filter(statement=rows[0]).values_list("activity_id", flat=True)) == {
        f"{TOOL}/activities/1",
        f"{TOOL}/course",
        f"{TOOL}/programme",
    }
    assert list(StatementActivity.objects.filter(statement=rows[1]).values_list("activity_id", flat=True)) == [
        f"{TOOL}/session"
    ]
    direct = dict(StatementAgent.objects.filter(statement=rows[0]).values_list("agent_key", "is_actor_or_object"))
    assert direct[agent_key(data["actor"])] is True
    assert direct[agent_key(instructor)] is False
    assert any(key.startswith("account|") and key.endswith("|lms") for key in direct)  # the authority
    sub_agents = dict(StatementAgent.objects.filter(statement=rows[1]).values_list("agent_key", "is_actor_or_object"))
    assert sub_agents[agent_key(sub_actor)] is False
    assert related_activity_ids(rows[0].data) == [f"{TOOL}/activities/1", f"{TOOL}/course", f"{TOOL}/programme"]
    assert (agent_key(instructor), False) in related_agent_keys(rows[0].data)


@pytest.mark.django_db
def test_an_agent_as_object_counts_as_direct():
    other = {"objectType": "Agent", "mbox": "mailto:friend@example.org"}
    row = store_statements(statements=[statement(3, object=other)])[0]
    assert row.activity_id == ""
    assert StatementAgent.objects.get(statement=row, agent_key=agent_key(other)).is_actor_or_object


@pytest.mark.django_db
def test_repeats_in_one_batch_are_stored_once_and_conflicts_store_nothing():
    data = statement(4)
    assert len(store_statements(statements=[data, dict(data)])) == 1
    changed = {**statement(5), "id": data["id"]}
    fresh = statement(6)
    with pytest.raises(StatementConflict):
        store_statements(statements=[fresh, changed])
    assert not Statement.objects.filter(statement_id=fresh["id"]).exists()
    assert Statement.objects.count() == 1


@pytest.mark.django_db
def test_attachments_are_stored_once_per_hash():
    content = "签到表".encode()
    sha2 = hashlib.sha256(content).hexdigest()
    attachment = {
        "usageType": "http://id.tincanapi.com/attachment/supporting_media",
        "display": {"en-US": "sign-in sheet"},
        "contentType": "text/plain",
        "length": len(content),
        "sha2": sha2,
    }
    for n in (7, 8):
        store_statements(
            statements=[statement(n, attachments=[attachment])], attachments={sha2: ("text/plain", content)}
        )
    stored = Attachment.objects.get()
    assert stored.sha2 == sha2 and stored.length == len(content)
    with stored.content.open("rb") as handle:
        assert handle.read() == content


@pytest.mark.django_db
def test_the_agent_filter_matches_groups_the_agent_is_a_member_of():
    from tests.xapi.lrs_helpers import make_client

    member = {"objectType": "Agent", "mbox": "mailto:member@example.org"}
    group = {"objectType": "Group", "name": "青山村数字课堂", "mbox": "mailto:class@example.org", "member": [member]}
    in_group = store_statements(statements=[statement(9, actor=group)])[0]
    instructed = store_statements(statements=[statement(10, context={"instructor": member})])[0]
    client = make_client()

    def ids(**params):
        response = client.get("/xapi/statements", {"agent": json.dumps(member), **params})
        assert response.status_code == 200, response.content
        return {s["id"] for s in response.json()["statements"]}

    assert ids() == {str(in_group.statement_id)}
    assert ids(related_agents="true") == {str(in_group.statement_id), str(instructed.statement_id)}


def defined(n, names):
    """A statement about a shared activity, with a definition, and a SubStatement-free context activity."""
    return statement(
        n,
        object={"objectType": "Activity", "id": f"{TOOL}/activities/shared", "definition": {"name": names}},
        context={"contextActivities": {"parent": [{"id": f"{TOOL}/courses/{n}", "definition": {"name": names}}]}},
    )


@pytest.mark.django_db
def test_merging_activity_definitions_keeps_the_query_count_fixed():
    """One read of the batch's merged definitions and one upsert, whatever the batch size."""
    small = queries_for([defined(i, {"en-US": f"Shared {i}"}) for i in range(2)])
    large = queries_for([defined(i, {"en-US": f"Shared {i}"}) for i in range(50)])
    assert small == large
    assert small == queries_for([statement(i) for i in range(2)]) + 2
    assert ActivityDefinition.objects.count() == 51  # the shared activity and 50 courses


@pytest.mark.django_db
def test_definitions_merge_across_batches_and_within_one():
    store_statements(statements=[defined(1, {"en-GB": "Colour", "en-US": "Color"})])
    store_statements(statements=[defined(2, {"fr-FR": "Couleur"}), defined(3, {"en-GB": "Colour (GB)"})])
    merged = ActivityDefinition.objects.get(activity_id=f"{TOOL}/activities/shared").definition
    assert merged == {"name": {"en-GB": "Colour (GB)", "en-US": "Color", "fr-FR": "Couleur"}}


@pytest.mark.django_db
def test_the_migration_backfills_merged_definitions_from_stored_statements():
    """xapi 0006: definitions of statements stored before the table existed are merged, oldest first."""
    store_statements(statements=[defined(1, {"en-GB": "Colour", "en-US": "Color"})])
    store_statements(statements=[defined(2, {"en-GB": "Colour (GB)", "fr-FR": "Couleur"})])
    expected = dict(ActivityDefinition.objects.values_list("activity_id", "definition"))
    ActivityDefinition.objects.all().delete()
    migration = importlib.import_module("xapi.migrations.0006_activity_definitions")
    migration.backfill_definitions(django_apps, None)
    assert dict(ActivityDefinition.objects.values_list("activity_id", "definition")) == expected
    shared = expected[f"{TOOL}/activities/shared"]
    assert shared["name"] == {"en-GB": "Colour (GB)", "en-US": "Color", "fr-FR": "Couleur"}


def test_merge_definition_unites_language_maps_components_and_extensions():
    old = {
        "name": {"en-US": "Quiz"},
        "choices": [{"id": "a", "description": {"en-US": "A"}}],
        "extensions": {"http://x.org/e1": 1},
        "type": "http://x.org/t1",
    }
    new = {
        "name": {"zh-CN": "测验"},
        "choices": [{"id": "a", "description": {"zh-CN": "甲"}}, {"id": "b", "description": {"en-US": "B"}}],
        "extensions": {"http://x.org/e2": 2},
        "type": "http://x.org/t2",
    }
    assert merge_definition(old, new) == {
        "name": {"en-US": "Quiz", "zh-CN": "测验"},
        "choices": [
            {"id": "a", "description": {"en-US": "A", "zh-CN": "甲"}},
            {"id": "b", "description": {"en-US": "B"}},
        ],
        "extensions": {"http://x.org/e1": 1, "http://x.org/e2": 2},
        "type": "http://x.org/t2",
    }
    assert old["name"] == {"en-US": "Quiz"}  # inputs untouched
