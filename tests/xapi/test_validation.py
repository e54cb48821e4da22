"""xAPI 1.0.3 statement validation: good statements pass, each malformed variant is refused by name.

The invalid cases follow the MUST rules of xAPI-Data.md section 2 (and 4, which it points to) and the
values that the ADL LRS conformance test suite sends; each case asserts that the error message starts
with the path of the offending property.
"""

import copy
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from xapi.validation import (
    MAX_JSON_DEPTH,
    VOIDED_VERB,
    StatementError,
    is_iri,
    is_irl,
    is_language_tag,
    is_uuid,
    load_json,
    parse_duration,
    parse_timestamp,
    reject_duplicate_keys,
    validate_activity_definition,
    validate_agent,
    validate_language_map,
    validate_statement,
    validate_statements,
    validate_version,
)


@pytest.fixture(autouse=True)
def english():
    """The site default is zh-hans; assert on the untranslated English messages."""
    with translation.override("en"):
        yield


# --------------------------------------------------------------------------------------------------
# Example data
# --------------------------------------------------------------------------------------------------

LMS = "https://lms.example.cn"
CMI_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
SHA256 = "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a"

CHOICE_DEFINITION = {
    "name": {"zh-CN": "第3题", "en-US": "Question 3"},
    "description": {"zh-CN": "哪些是手机支付应用？", "en-US": "Which of these are mobile payment apps?"},
    "type": CMI_INTERACTION,
    "moreInfo": f"{LMS}/courses/smartphone-basics/quiz-1/",
    "interactionType": "choice",
    "correctResponsesPattern": ["wechat-pay[,]alipay"],
    "choices": [
        {"id": "wechat-pay", "description": {"zh-CN": "微信支付", "en-US": "WeChat Pay"}},
        {"id": "alipay", "description": {"zh-CN": "支付宝", "en-US": "Alipay"}},
        {"id": "weibo", "description": {"zh-CN": "微博", "en-US": "Weibo"}},
    ],
    "extensions": {f"{LMS}/xapi/extensions/difficulty": "easy"},
}

FULL_STATEMENT = {
    "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
    "actor": {
        "objectType": "Agent",
        "name": "王小明",
        "account": {"homePage": LMS, "name": "learner-1024"},
    },
    "verb": {
        "id": "http://adlnet.gov/expapi/verbs/answered",
        "display": {"zh-CN": "回答了", "en-US": "answered"},
    },
    "object": {
        "objectType": "Activity",
        "id": f"{LMS}/courses/smartphone-basics/quiz-1/question-3",
        "definition": CHOICE_DEFINITION,
    },
    "result": {
        "score": {"scaled": 0.8, "raw": 8, "min": 0, "max": 10},
        "success": True,
        "completion": True,
        "response": "wechat-pay[,]alipay",
        "duration": "PT1M30.5S",
        "extensions": {f"{LMS}/xapi/extensions/attempt": 2},
    },
    "context": {
        "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
        "contextActivities": {
            "parent": [{"objectType": "Activity", "id": f"{LMS}/courses/smartphone-basics/quiz-1"}],
            "grouping": [{"id": f"{LMS}/courses/smartphone-basics"}],
        },
        "platform": "数字素养课堂 (Android)",
        "language": "zh-CN",
        "extensions": {f"{LMS}/xapi/extensions/village": "Xiaohe", "http://id.tincanapi.com/extension/x": None},
    },
    "timestamp": "2024-03-01T08:30:00.000+08:00",
}

AGENT = {"objectType": "Agent", "mbox": "mailto:teacher@example.cn"}
STATEMENT_REF = {"objectType": "StatementRef", "id": "8f87ccde-bb56-4c2e-ab83-44982ef22df0"}
ATTACHMENT = {
    "usageType": "http://adlnet.gov/expapi/attachments/signature",
    "display": {"en-US": "Signature", "zh-CN": "签名"},
    "description": {"en-US": "A test signature"},
    "contentType": "application/octet-stream",
    "length": 4235,
    "sha2": "672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634",
}


def full_statement():
    return copy.deepcopy(FULL_STATEMENT)


def minimal_statement(**overrides):
    statement = {
        "actor": {"mbox": "mailto:xapi@adlnet.gov"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/created", "display": {"en-US": "created"}},
        "object": {"id": "http://example.adlnet.gov/xapi/example/activity"},
    }
    statement.update(copy.deepcopy(overrides))
    return statement


def sub_statement(**overrides):
    inner = {
        "objectType": "SubStatement",
        "actor": {"objectType": "Agent", "mbox": "mailto:test@example.com"},
        "verb": {"id": "http://example.com/visited", "display": {"en-US": "will visit"}},
        "object": {"objectType": "Activity", "id": "http://example.com/website"},
    }
    inner.update(copy.deepcopy(overrides))
    return minimal_statement(
        verb={"id": "http://example.com/planned", "display": {"en-US": "planned"}},
        object=inner,
    )


def anonymous_group(members):
    return {"objectType": "Group", "member": copy.deepcopy(members)}


# Appendix C of xAPI-Data.md, one Activity Definition per interactionType.
INTERACTION_DEFINITIONS = {
    "true-false": {"interactionType": "true-false", "correctResponsesPattern": ["true"]},
    "choice": CHOICE_DEFINITION,
    "fill-in": {"interactionType": "fill-in", "correctResponsesPattern": ["扫一扫"]},
    "long-fill-in": {
        "interactionType": "long-fill-in",
        "correctResponsesPattern": ["{case_matters=false}{lang=en}To store and provide access to learning."],
    },
    "likert": {
        "interactionType": "likert",
        "correctResponsesPattern": ["likert_3"],
        "scale": [
            {"id": "likert_0", "description": {"zh-CN": "不同意"}},
            {"id": "likert_1", "description": {"zh-CN": "一般"}},
            {"id": "likert_2", "description": {"zh-CN": "同意"}},
            {"id": "likert_3", "description": {"zh-CN": "非常同意"}},
        ],
    },
    "matching": {
        "interactionType": "matching",
        "correctResponsesPattern": ["ben[.]3[,]chris[.]2[,]troy[.]4[,]freddie[.]1"],
        "source": [
            {"id": name, "description": {"en-US": name.title()}} for name in ("ben", "chris", "troy", "freddie")
        ],
        "target": [{"id": str(n), "description": {"en-US": f"Team {n}"}} for n in range(1, 5)],
    },
    "performance": {
        "interactionType": "performance",
        "correctResponsesPattern": ["pong[.]1:[,]dg[.]:10[,]lunch[.]"],
        "steps": [
            {"id": "pong", "description": {"en-US": "Net pong matches won"}},
            {"id": "dg", "description": {"en-US": "Strokes over par in disc golf"}},
            {"id": "lunch", "description": {"en-US": "Lunch having been eaten"}},
        ],
    },
    "sequencing": {
        "interactionType": "sequencing",
        "correctResponsesPattern": ["unlock[,]open-wechat[,]scan"],
        "choices": [
            {"id": "unlock", "description": {"zh-CN": "解锁手机"}},
            {"id": "open-wechat", "description": {"zh-CN": "打开微信"}},
            {"id": "scan", "description": {"zh-CN": "扫码"}},
        ],
    },
    "numeric": {"interactionType": "numeric", "correctResponsesPattern": ["4[:]"]},
    "other": {"interactionType": "other", "correctResponsesPattern": ["(35.937432,-86.868896)"]},
}


# --------------------------------------------------------------------------------------------------
# Mutation helpers for the invalid cases
# --------------------------------------------------------------------------------------------------

DELETE = object()


def _keys(path):
    if isinstance(path, tuple):
        return list(path)
    return [int(part) if part.isdigit() else part for part in path.split(".")]


def put(path, value):
    """A mutation setting (or, with DELETE, removing) the property at a dotted path."""

    def mutate(statement):
        *parents, last = _keys(path)
        target = statement
        for key in parents:
            target = target[key]
        if value is DELETE:
            del target[last]
        else:
            target[last] = copy.deepcopy(value)

    return mutate


def both(*mutations):
    def mutate(statement):
        for mutation in mutations:
            mutation(statement)

    return mutate


def base(kind):
    return {
        "full": full_statement,
        "minimal": minimal_statement,
        "sub": sub_statement,
        "agent_object": lambda: minimal_statement(object=AGENT),
        "ref_object": lambda: minimal_statement(object=STATEMENT_REF),
        "attachment": lambda: minimal_statement(attachments=[ATTACHMENT]),
    }[kind]()


def case(kind, mutation, expected, case_id):
    return pytest.param(kind, mutation, expected, id=case_id)


# --------------------------------------------------------------------------------------------------
# Valid statements
# --------------------------------------------------------------------------------------------------


def test_full_realistic_statement_passes():
    statement = full_statement()
    assert validate_statement(statement) is None
    assert statement == FULL_STATEMENT, "validation must not modify the statement"


@pytest.mark.parametrize("interaction_type", sorted(INTERACTION_DEFINITIONS))
def test_every_interaction_type_example_passes(interaction_type):
    definition = {"description": {"en-US": "question"}, "type": CMI_INTERACTION}
    definition.update(INTERACTION_DEFINITIONS[interaction_type])
    validate_statement(minimal_statement(object={"id": f"{LMS}/q/{interaction_type}", "definition": definition}))


VALID_STATEMENTS = {
    "minimal from Data 2.4.s2": minimal_statement(),
    "voiding (Data 2.3.2.s3)": minimal_statement(
        verb={"id": VOIDED_VERB, "display": {"en-US": "voided"}},
        object={"objectType": "StatementRef", "id": "e05aa883-acaf-40ad-bf54-02c8ce485fb0"},
    ),
    "statement reference with result": minimal_statement(object=STATEMENT_REF, result={"response": "Wow, nice work!"}),
    "sub-statement (Data 2.4.4.3.s9)": sub_statement(),
    "sub-statement with a future timestamp, context and result": sub_statement(
        timestamp="2099-01-01T00:00:00Z",
        context={"platform": "web", "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7"},
        result={"completion": False},
    ),
    "sub-statement whose object is a StatementRef": sub_statement(object=STATEMENT_REF),
    "agent as object": minimal_statement(object=AGENT),
    "identified group as object": minimal_statement(
        object={"objectType": "Group", "name": "Team PB", "mbox": "mailto:teampb@example.com"}
    ),
    "anonymous group actor with members of each IFI": minimal_statement(
        actor=anonymous_group(
            [
                {"account": {"homePage": "http://www.example.com", "name": "13936749"}, "objectType": "Agent"},
                {"openid": "http://toby.openid.example.org/"},
                {"mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"},
            ]
        )
    ),
    "long example from Appendix A": minimal_statement(
        id="6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
        actor={"name": "Team PB", "mbox": "mailto:teampb@example.com", "objectType": "Group", "member": [AGENT]},
        context={
            "instructor": {"name": "Andrew Downes", "account": {"homePage": "http://www.example.com", "name": "1"}},
            "team": {"name": "Team PB", "mbox": "mailto:teampb@example.com", "objectType": "Group"},
            "language": "tlh",
            "statement": STATEMENT_REF,
        },
        timestamp="2013-05-18T05:32:34.804+00:00",
        stored="2013-05-18T05:32:34.804+00:00",
        authority={"account": {"homePage": "http://cloud.scorm.com/", "name": "anonymous"}, "objectType": "Agent"},
        version="1.0.0",
    ),
    "3-legged OAuth authority": minimal_statement(
        authority=anonymous_group(
            [
                {"account": {"homePage": "http://example.com/xAPI/OAuth/Token", "name": "oauth_consumer_x75db"}},
                {"mbox": "mailto:bob@example.com"},
            ]
        )
    ),
    "signed statement attachment (Appendix D)": minimal_statement(attachments=[ATTACHMENT]),
    "attachment with fileUrl and parameters": minimal_statement(
        attachments=[
            dict(ATTACHMENT, contentType="text/plain; charset=ascii", fileUrl="http://over.there.com/file.txt")
        ]
    ),
    "context activity given as a single object": minimal_statement(
        context={"contextActivities": {"category": {"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"}}}
    ),
    "empty extensions and extension values of any type": minimal_statement(
        result={"extensions": {}},
        context={"extensions": {"http://example.com/a": None, "http://example.com/b": [1, {"c": True}]}},
    ),
    "matching with a target list only": minimal_statement(
        object={
            "id": "http://example.com/q",
            "definition": {"interactionType": "matching", "target": [{"id": "1"}], "correctResponsesPattern": []},
        }
    ),
    "version 1.0": minimal_statement(version="1.0"),
    "version 1.0.9": minimal_statement(version="1.0.9"),
    "uppercase UUID": minimal_statement(id="AA97B177-9383-4934-8543-0F91A7A02836"),
    "timestamp without a time zone (a SHOULD, not a MUST)": minimal_statement(timestamp="2013-05-18T05:32:34"),
    "timestamp in basic format": minimal_statement(timestamp="20130518T053234.804+0800"),
    "score at the edges": minimal_statement(result={"score": {"scaled": -1, "raw": 10, "min": 0, "max": 10}}),
    "score raw without bounds": minimal_statement(result={"score": {"raw": -12345.678}}),
    "grandfathered and private-use language tags": minimal_statement(
        verb={"id": "http://example.com/v", "display": {"i-enochian": "a", "x-whatever": "b", "zh-cmn-Hans-CN": "c"}}
    ),
    "IRI with non-ASCII characters": minimal_statement(object={"id": "http://example.com/فعل/خواندن"}),
    "Decimal numbers from json.loads(parse_float=Decimal)": minimal_statement(
        result={"score": {"scaled": Decimal("0.95"), "raw": Decimal("9.5"), "max": 10}}
    ),
}


@pytest.mark.parametrize("statement", list(VALID_STATEMENTS.values()), ids=list(VALID_STATEMENTS))
def test_valid_statement_passes(statement):
    validate_statement(statement)


def test_sub_statement_can_be_validated_on_its_own_when_allowed():
    inner = sub_statement()["object"]
    validate_statement(inner, allow_sub_statement=True)
    with pytest.raises(StatementError, match=r"^objectType: unknown property"):
        validate_statement(inner)


def test_allow_sub_statement_still_applies_the_sub_statement_rules():
    inner = dict(sub_statement()["object"], id="fd41c918-b88b-4b20-a0a5-a4c32391aaa0")
    with pytest.raises(StatementError, match=r"^id: a SubStatement must not have this property"):
        validate_statement(inner, allow_sub_statement=True)


# --------------------------------------------------------------------------------------------------
# Invalid statements: one case per rule, the message must start with the offending property's path
# --------------------------------------------------------------------------------------------------

INVALID = "ab=c://should.fail.com"

INVALID_CASES = [
    # Data 2.2 formatting requirements and 2.4 statement properties
    case("minimal", put("actor", DELETE), "actor:", "actor required"),
    case("minimal", put("verb", DELETE), "verb:", "verb required"),
    case("minimal", put("object", DELETE), "object:", "object required"),
    case("full", both(put("Actor", FULL_STATEMENT["actor"]), put("actor", DELETE)), "Actor:", "key case actor"),
    case("full", put("iD", "fd41c918-b88b-4b20-a0a5-a4c32391aaa0"), "iD:", "key case id"),
    case("full", put("TimeStamp", "2024-03-01T08:30:00Z"), "TimeStamp:", "key case timestamp"),
    case("full", put("colour", "blue"), "colour:", "unknown top-level property"),
    case("full", put("objectType", "Statement"), "objectType:", "objectType on a statement"),
    case("full", put("result", None), "result:", "null result"),
    case("full", put("context", None), "context:", "null context"),
    case("full", put("id", 12345), "id:", "id is a number"),
    case("full", put("id", {"key": "should fail"}), "id:", "id is an object"),
    case("full", put("id", "AA97B177-9383-4934-8543-0F91A7A028368"), "id:", "id has too many digits"),
    case("full", put("id", "MA97B177-9383-4934-8543-0F91A7A02836"), "id:", "id has a non-hex letter"),
    case("full", put("id", ""), "id:", "id is empty"),
    # Data 2.4.2 actor
    case("full", put("actor.account", DELETE), "actor:", "agent without IFI"),
    case("full", put("actor.mbox", "mailto:a@example.cn"), "actor:", "agent with two IFIs"),
    case("minimal", put("actor.mbox", "http://should.fail.com"), "actor.mbox:", "mbox not mailto"),
    case("minimal", put("actor.mbox", "mailto:should.fail.com"), "actor.mbox:", "mbox without address"),
    case("minimal", put("actor.mbox", "xapi@adlnet.gov"), "actor.mbox:", "mbox without scheme"),
    case("minimal", put("actor.mbox", ""), "actor.mbox:", "mbox empty"),
    case(
        "minimal",
        both(put("actor.mbox", DELETE), put("actor.mbox_sha1sum", "ebd31e95")),
        "actor.mbox_sha1sum:",
        "sha1sum too short",
    ),
    case(
        "minimal",
        both(put("actor.mbox", DELETE), put("actor.mbox_sha1sum", {"key": "value"})),
        "actor.mbox_sha1sum:",
        "sha1sum not a string",
    ),
    case(
        "minimal", both(put("actor.mbox", DELETE), put("actor.openid", INVALID)), "actor.openid:", "openid not an IRI"
    ),
    case("full", put("actor.account.name", DELETE), "actor.account.name:", "account name missing"),
    case("full", put("actor.account.name", {"key": "x"}), "actor.account.name:", "account name not a string"),
    case("full", put("actor.account.homePage", INVALID), "actor.account.homePage:", "homePage not an IRL"),
    case("full", put("actor.account.homePage", "lms.example.cn"), "actor.account.homePage:", "homePage no scheme"),
    case("full", put("actor.account.HomePage", LMS), "actor.account.HomePage:", "account key case"),
    case("full", put("actor.name", None), "actor.name:", "agent name null"),
    case("full", put("actor.name", 123), "actor.name:", "agent name number"),
    case("full", put("actor.objectType", "agent"), "actor.objectType:", "agent objectType wrong case"),
    case("full", put("actor.objectType", 123), "actor.objectType:", "agent objectType number"),
    case("minimal", put("actor.member", [AGENT]), "actor.member:", "member on an agent"),
    case("minimal", put("actor", "mailto:xapi@adlnet.gov"), "actor:", "actor is a string"),
    case("minimal", put("actor", {"objectType": "Group"}), "actor.member:", "anonymous group without member"),
    case("minimal", put("actor", anonymous_group([])), "actor.member:", "anonymous group with no members"),
    case("minimal", put("actor", {"objectType": "Group", "member": AGENT}), "actor.member:", "member not an array"),
    case(
        "minimal",
        put("actor", anonymous_group([{"objectType": "Group", "mbox": "mailto:g@example.com"}])),
        "actor.member[0]:",
        "group inside a group",
    ),
    case("minimal", put("actor", anonymous_group([AGENT, {"name": "nobody"}])), "actor.member[1]:", "member no IFI"),
    case(
        "minimal",
        put("actor", {"objectType": "group", "mbox": "mailto:g@example.com"}),
        "actor.objectType:",
        "group objectType wrong case",
    ),
    case(
        "minimal",
        put("actor", {"objectType": "Group", "mbox": "mailto:g@example.com", "openid": "http://openid.example.org/1"}),
        "actor:",
        "identified group with two IFIs",
    ),
    case(
        "minimal",
        put("actor", {"objectType": "Group", "mbox": "mailto:should.fail.com"}),
        "actor.mbox:",
        "identified group bad mbox",
    ),
    # Data 2.4.3 verb and 2.3.2 voiding
    case("full", put("verb.id", DELETE), "verb.id:", "verb id missing"),
    case("full", put("verb.id", INVALID), "verb.id:", "verb id invalid scheme"),
    case("full", put("verb.id", "not a iri"), "verb.id:", "verb id not an IRI"),
    case("full", put("verb.id", "answered"), "verb.id:", "verb id relative"),
    case("full", put("verb", INVALID), "verb:", "verb is a string"),
    case("full", put("verb.display", "answered"), "verb.display:", "display is a string"),
    case("full", put("verb.display", {}), "verb.display:", "display is empty"),
    case("full", put("verb.display", {"a12345": "answered"}), "verb.display:", "display key not a tag"),
    case("full", put("verb.display", {"de-419-DE": "besucht"}), "verb.display:", "display key two regions"),
    case("full", put("verb.display", {"ar-a-aaa-b-bbb-a-ccc": "x"}), "verb.display:", "display key repeated ext"),
    case("full", put("verb.display.en-US", None), "verb.display.en-US:", "display value null"),
    case("full", put("verb.display.en-US", 1), "verb.display.en-US:", "display value number"),
    case("full", put("verb.Display", {"en-US": "answered"}), "verb.Display:", "verb key case"),
    case("full", put("verb.id", VOIDED_VERB), "object:", "voiding an activity"),
    case("agent_object", put("verb.id", VOIDED_VERB), "object:", "voiding an agent"),
    # Data 2.4.4.1 activity and activity definition
    case("full", put("object.id", DELETE), "object.id:", "activity id missing"),
    case("full", put("object.id", INVALID), "object.id:", "activity id invalid"),
    case("full", put("object.id", "quiz-1/question-3"), "object.id:", "activity id relative"),
    case("full", put("object.objectType", "activity"), "object.objectType:", "activity objectType wrong case"),
    case("full", put("object.definition", "should error"), "object.definition:", "definition not an object"),
    case("full", put("object.definition.name", "第3题"), "object.definition.name:", "name not a map"),
    case("full", put("object.definition.description", 12345), "object.definition.description:", "description num"),
    case("full", put("object.definition.type", "should error"), "object.definition.type:", "type not an IRI"),
    case("full", put("object.definition.moreInfo", "should error"), "object.definition.moreInfo:", "moreInfo"),
    case("full", put("object.definition.moreInfo", "urn:isbn:123"), "object.definition.moreInfo:", "moreInfo URN"),
    case("full", put("object.definition.moreInfo", None), "object.definition.moreInfo:", "moreInfo null"),
    case("full", put("object.definition.Name", {"en": "x"}), "object.definition.Name:", "definition key case"),
    case("full", put("object.definition.extensions", "x"), "object.definition.extensions:", "extensions string"),
    case(
        "full",
        put("object.definition.extensions", {"id": "valid", "description": {"en-US": "valid"}}),
        "object.definition.extensions:",
        "extension key not an IRI",
    ),
    case(
        "full",
        put("object.definition.interactionType", "choiCe"),
        "object.definition.interactionType:",
        "interactionType case",
    ),
    case("full", put("object.definition.interactionType", INVALID), "object.definition.interactionType:", "type IRI"),
    case("full", put("object.definition.interactionType", 12), "object.definition.interactionType:", "type number"),
    case(
        "full",
        put("object.definition.interactionType", DELETE),
        "object.definition.correctResponsesPattern:",
        "pattern without interactionType",
    ),
    case(
        "full",
        both(
            put("object.definition.interactionType", DELETE), put("object.definition.correctResponsesPattern", DELETE)
        ),
        "object.definition.choices:",
        "choices without interactionType",
    ),
    case(
        "full",
        put("object.definition.correctResponsesPattern", "wechat-pay"),
        "object.definition.correctResponsesPattern:",
        "pattern not an array",
    ),
    case(
        "full",
        put("object.definition.correctResponsesPattern", [1]),
        "object.definition.correctResponsesPattern[0]:",
        "pattern item not a string",
    ),
    case(
        "full",
        put("object.definition.scale", [{"id": "likert_0"}]),
        "object.definition.scale:",
        "scale on a choice interaction",
    ),
    case(
        "full",
        put("object.definition.interactionType", "true-false"),
        "object.definition.choices:",
        "choices on a true-false interaction",
    ),
    case("full", put("object.definition.choices", {"id": "a"}), "object.definition.choices:", "choices not array"),
    case("full", put("object.definition.choices.1.id", "wechat-pay"), "object.definition.choices[1].id:", "dup choice"),
    case("full", put("object.definition.choices.0.id", DELETE), "object.definition.choices[0].id:", "no choice id"),
    case("full", put("object.definition.choices.0.id", 7), "object.definition.choices[0].id:", "choice id number"),
    case("full", put("object.definition.choices.0.label", "x"), "object.definition.choices[0].label:", "component key"),
    case(
        "full",
        put("object.definition.choices.0.description", {"something": "微信支付"}),
        "object.definition.choices[0].description:",
        "component description tag",
    ),
    case("full", put("object.objectType", "substatement"), "object.objectType:", "unknown object type"),
    # Data 2.4.4.2 agent or group as object, 2.4.4.3 statement reference and sub-statement
    case("agent_object", put("object.objectType", DELETE), "object.objectType:", "agent object without objectType"),
    case(
        "minimal",
        put("object", {"mbox": "mailto:g@example.com", "member": [AGENT]}),
        "object.objectType:",
        "group object without objectType",
    ),
    case("agent_object", put("object.objectType", "agent"), "object.objectType:", "agent object wrong case"),
    case("ref_object", put("object.id", "should fail"), "object.id:", "statement ref id not a UUID"),
    case("ref_object", put("object.id", 12345), "object.id:", "statement ref id number"),
    case("ref_object", put("object.id", DELETE), "object.id:", "statement ref id missing"),
    case("ref_object", put("object.objectType", "statementref"), "object.objectType:", "statement ref wrong case"),
    case("ref_object", put("object.definition", {}), "object.definition:", "statement ref extra property"),
    case("sub", put("object.objectType", "substatement"), "object.objectType:", "sub-statement wrong case"),
    case("sub", put("object.id", "fd41c918-b88b-4b20-a0a5-a4c32391aaa0"), "object.id:", "sub-statement with id"),
    case("sub", put("object.stored", "2013-05-18T05:32:34.804Z"), "object.stored:", "sub-statement with stored"),
    case("sub", put("object.version", "1.0.0"), "object.version:", "sub-statement with version"),
    case("sub", put("object.authority", AGENT), "object.authority:", "sub-statement with authority"),
    case("sub", put("object.object", sub_statement()["object"]), "object.object:", "nested sub-statement"),
    case("sub", put("object.actor", DELETE), "object.actor:", "sub-statement without actor"),
    case("sub", put("object.verb", DELETE), "object.verb:", "sub-statement without verb"),
    case("sub", put("object.object", DELETE), "object.object:", "sub-statement without object"),
    case("sub", put("object.verb.display", {"de-419-DE": "x"}), "object.verb.display:", "sub-statement display"),
    case("sub", put("object.timestamp", "01/011/2015"), "object.timestamp:", "sub-statement timestamp"),
    case("sub", put("object.result", {"duration": "PA1H0M0S"}), "object.result.duration:", "sub-statement duration"),
    case(
        "sub",
        both(put("object.object", AGENT), put("object.context", {"revision": "2"})),
        "object.context.revision:",
        "sub-statement revision with an agent object",
    ),
    # Data 2.4.5 result
    case("full", put("result.success", "true"), "result.success:", "success is a string"),
    case("full", put("result.completion", "false"), "result.completion:", "completion is a string"),
    case("full", put("result.completion", 1), "result.completion:", "completion is a number"),
    case("full", put("result.score", 12345), "result.score:", "score is a number"),
    case("full", put("result.score.max", "100"), "result.score.max:", "max is a numeric string"),
    case("full", put("result.score.max", "one hundred"), "result.score.max:", "max is a word"),
    case("full", put("result.score.scaled", True), "result.score.scaled:", "scaled is a boolean"),
    case("full", put("result.score.raw", float("nan")), "result.score.raw:", "raw is NaN"),
    case("full", put("result.score.scaled", 1.01), "result.score.scaled:", "scaled above 1"),
    case("full", put("result.score.scaled", -1.00001), "result.score.scaled:", "scaled below -1"),
    case("full", put("result.score.raw", 10.5), "result.score.raw:", "raw above max"),
    case("full", put("result.score.raw", -0.5), "result.score.raw:", "raw below min"),
    case("full", put("result.score.min", 11), "result.score.min:", "min above max"),
    case("full", put("result.score.min", 10), "result.score.min:", "min equals max"),
    case("full", put("result.score.percent", 80), "result.score.percent:", "unknown score property"),
    case("full", put("result.response", 42), "result.response:", "response is a number"),
    case("full", put("result.duration", "should fail"), "result.duration:", "duration is a word"),
    case("full", put("result.duration", "PA1H0M0S"), "result.duration:", "duration bad designator"),
    case("full", put("result.duration", "P4W1D"), "result.duration:", "weeks combined"),
    case("full", put("result.duration", "PT"), "result.duration:", "duration without components"),
    case("full", put("result.duration", "P16559.14S"), "result.duration:", "seconds outside the time part"),
    case("full", put("result.duration", "PT1.5H30M"), "result.duration:", "fraction not on the last component"),
    case("full", put("result.duration", 90), "result.duration:", "duration is a number"),
    case("full", put("result.extensions", {"should fail": True}), "result.extensions:", "result extension key"),
    # Data 2.4.6 context
    case("full", put("context.registration", "should fail"), "context.registration:", "registration not a UUID"),
    case("full", put("context.registration", None), "context.registration:", "registration null"),
    case("full", put("context.Registration", "x"), "context.Registration:", "context key case"),
    case("full", put("context.instructor", "should fail"), "context.instructor:", "instructor is a string"),
    case("full", put("context.instructor", {"key": "should fail"}), "context.instructor.key:", "instructor object"),
    case("full", put("context.team", AGENT), "context.team:", "team is an agent"),
    case("full", put("context.team", {"objectType": "Group"}), "context.team.member:", "team without members"),
    case("full", put("context.contextActivities", "x"), "context.contextActivities:", "contextActivities string"),
    case("full", put("context.contextActivities", {}), "context.contextActivities:", "contextActivities empty"),
    case(
        "full",
        put("context.contextActivities.parents", []),
        "context.contextActivities.parents:",
        "contextActivities unknown key",
    ),
    case(
        "full",
        put("context.contextActivities.parent.0.id", INVALID),
        "context.contextActivities.parent[0].id:",
        "context activity id",
    ),
    case(
        "full",
        put("context.contextActivities.parent", "quiz-1"),
        "context.contextActivities.parent:",
        "context activity is a string",
    ),
    case("full", put("context.revision", 12345), "context.revision:", "revision is a number"),
    case("full", put("context.platform", {"key": "x"}), "context.platform:", "platform is an object"),
    case("agent_object", put("context", {"platform": "web"}), "context.platform:", "platform with an agent object"),
    case("ref_object", put("context", {"revision": "1"}), "context.revision:", "revision with a statement ref"),
    case("sub", put("context", {"platform": "web"}), "context.platform:", "platform with a sub-statement object"),
    case("full", put("context.language", "something"), "context.language:", "language not a tag"),
    case("full", put("context.language", 12345), "context.language:", "language is a number"),
    case(
        "full",
        put("context.statement", {"objectType": "statementref", "id": STATEMENT_REF["id"]}),
        "context.statement.objectType:",
        "context statement wrong type",
    ),
    case(
        "full",
        put("context.statement", {"objectType": "StatementRef", "id": "should fail"}),
        "context.statement.id:",
        "context statement id",
    ),
    case("full", put("context.extensions", {"should fail": 1}), "context.extensions:", "context extension key"),
    # Data 2.4.7 timestamp, 2.4.8 stored, 4.5 ISO 8601 timestamps
    case("full", put("timestamp", "should fail"), "timestamp:", "timestamp is a word"),
    case("full", put("timestamp", "01/011/2015"), "timestamp:", "timestamp not ISO 8601"),
    case("full", put("timestamp", "2008-09-15T15:53:00.601-00:00"), "timestamp:", "offset -00:00"),
    case("full", put("timestamp", "2008-09-15T15:53:00.601-0000"), "timestamp:", "offset -0000"),
    case("full", put("timestamp", "2008-09-15T15:53:00.601-00"), "timestamp:", "offset -00"),
    case("full", put("timestamp", "2013-05-18"), "timestamp:", "date without time"),
    case("full", put("timestamp", "2013-02-30T00:00:00Z"), "timestamp:", "impossible date"),
    case("full", put("timestamp", "2013-05-18T25:00:00Z"), "timestamp:", "impossible hour"),
    case("full", put("timestamp", 1368855154), "timestamp:", "timestamp is a number"),
    case("full", put("stored", "July 04, 1776"), "stored:", "stored not ISO 8601"),
    # Data 2.4.9 authority
    case(
        "minimal",
        put("authority", {"objectType": "Group", "openid": "http://openid.example.org/1"}),
        "authority:",
        "identified group",
    ),
    case(
        "minimal",
        put("authority", dict(anonymous_group([AGENT, {"mbox": "mailto:b@example.com"}]), mbox="mailto:c@example.com")),
        "authority:",
        "two-member group with an IFI",
    ),
    case("minimal", put("authority", anonymous_group([AGENT])), "authority:", "group of one"),
    case(
        "minimal",
        put("authority", anonymous_group([AGENT, {"mbox": "mailto:b@example.com"}, {"mbox": "mailto:c@example.com"}])),
        "authority:",
        "group of three",
    ),
    case("minimal", put("authority", {"mbox": "http://should.fail.com"}), "authority.mbox:", "authority mbox"),
    # Data 2.4.10 version
    case("minimal", put("version", "0.9.9"), "version:", "version 0.9.9"),
    case("minimal", put("version", "1.1.0"), "version:", "version 1.1.0"),
    case("minimal", put("version", "should fail"), "version:", "version is a word"),
    case("minimal", put("version", 1.0), "version:", "version is a number"),
    # Data 2.4.11 attachments
    case("attachment", put("attachments", ATTACHMENT), "attachments:", "attachments not an array"),
    case("attachment", put("attachments.0", 12345), "attachments[0]:", "attachment is a number"),
    case("attachment", put("attachments.0", "should fail"), "attachments[0]:", "attachment is a string"),
    case("attachment", put("attachments.0.usageType", "should fail"), "attachments[0].usageType:", "usageType"),
    case("attachment", put("attachments.0.display", DELETE), "attachments[0].display:", "display missing"),
    case("attachment", put("attachments.0.display", {}), "attachments[0].display:", "display empty"),
    case("attachment", put("attachments.0.display", {"de-419-DE": "x"}), "attachments[0].display:", "display tag"),
    case("attachment", put("attachments.0.description", "x"), "attachments[0].description:", "description string"),
    case("attachment", put("attachments.0.contentType", "should fail"), "attachments[0].contentType:", "contentType"),
    case("attachment", put("attachments.0.contentType", DELETE), "attachments[0].contentType:", "no contentType"),
    case("attachment", put("attachments.0.length", "should fail"), "attachments[0].length:", "length string"),
    case("attachment", put("attachments.0.length", "27"), "attachments[0].length:", "length numeric string"),
    case("attachment", put("attachments.0.length", -1), "attachments[0].length:", "length negative"),
    case("attachment", put("attachments.0.length", 27.5), "attachments[0].length:", "length fractional"),
    case("attachment", put("attachments.0.sha2", 12345), "attachments[0].sha2:", "sha2 is a number"),
    case("attachment", put("attachments.0.sha2", "not-a-hash"), "attachments[0].sha2:", "sha2 not hex"),
    case("attachment", put("attachments.0.fileUrl", "should fail"), "attachments[0].fileUrl:", "fileUrl"),
    case("attachment", put("attachments.0.FileUrl", SHA256), "attachments[0].FileUrl:", "attachment key case"),
    case(
        "attachment",
        both(put("attachmentS", [ATTACHMENT]), put("attachments", DELETE)),
        "attachmentS:",
        "attachments key case",
    ),
]


@pytest.mark.parametrize(("kind", "mutation", "expected"), INVALID_CASES)
def test_invalid_statement_is_refused_naming_the_property(kind, mutation, expected):
    statement = base(kind)
    validate_statement(copy.deepcopy(statement))  # the untouched base is valid, so the mutation is the cause
    mutation(statement)
    with pytest.raises(StatementError) as excinfo:
        validate_statement(statement)
    assert excinfo.value.message.startswith(expected), excinfo.value.message
    assert str(excinfo.value) == excinfo.value.message


def test_there_are_plenty_of_invalid_cases():
    assert len(INVALID_CASES) >= 80


@pytest.mark.parametrize("not_an_object", [None, "statement", 42, [FULL_STATEMENT]])
def test_statement_must_be_an_object(not_an_object):
    with pytest.raises(StatementError, match=r"^statement: must"):
        validate_statement(not_an_object)


# --------------------------------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (put("actor", {"mbox": "bob"}), "actor.mbox: must be a 'mailto:' IRI"),
        (put("Verb", {}), "Verb: unknown property; property names are case-sensitive, did you mean 'verb'?"),
        (put("result", {"success": "true"}), "result.success: must be a boolean (true or false), not string"),
        (put("result", {"score": {"raw": "8"}}), "result.score.raw: must be a number, not string"),
        (put("context", {"registration": None}), "context.registration: must not be null"),
        (put("actor", {"account": {"homePage": LMS}}), "actor.account.name: this property is required"),
        (put("verb.display", {"something": "x"}), "verb.display: 'something' is not a valid RFC 5646 language tag"),
    ],
)
def test_messages_are_plain_english(mutation, message):
    statement = minimal_statement()
    mutation(statement)
    with pytest.raises(StatementError) as excinfo:
        validate_statement(statement)
    assert excinfo.value.message.startswith(message), excinfo.value.message


def test_messages_are_translatable_and_work_in_the_site_language():
    statement = minimal_statement(result={"success": "true"})
    with translation.override("zh-hans"), pytest.raises(StatementError) as excinfo:
        validate_statement(statement)
    # The property path is a placeholder, never translated; the wording around it may be.
    assert excinfo.value.message.startswith("result.success")


# --------------------------------------------------------------------------------------------------
# Batches
# --------------------------------------------------------------------------------------------------


def test_single_statement_payload_becomes_a_list():
    statement = full_statement()
    assert validate_statements(statement) == [statement]


def test_batch_is_returned_when_every_statement_is_valid():
    batch = [full_statement(), minimal_statement(), sub_statement()]
    assert validate_statements(batch) is batch


def test_batch_error_is_prefixed_with_the_index():
    batch = [minimal_statement(), minimal_statement(), minimal_statement(), minimal_statement()]
    batch[3]["verb"]["id"] = "not a iri"
    with pytest.raises(StatementError) as excinfo:
        validate_statements(batch)
    assert excinfo.value.message.startswith("statement 3: verb.id: ")


def test_batch_refuses_two_statements_with_the_same_id():
    first, second = full_statement(), minimal_statement(id=FULL_STATEMENT["id"].upper())
    with pytest.raises(StatementError, match=r"^statement 1: id: .* statement 0"):
        validate_statements([first, second])


@pytest.mark.parametrize(
    ("payload", "message"),
    [([], "statements: the array must contain"), ("x", "statements: must be"), (None, "statements: must be")],
)
def test_batch_payload_shape(payload, message):
    with pytest.raises(StatementError, match=f"^{message}"):
        validate_statements(payload)


def test_batch_item_that_is_not_an_object():
    with pytest.raises(StatementError, match=r"^statement 1: statement: must be a JSON object"):
        validate_statements([minimal_statement(), "statement"])


# --------------------------------------------------------------------------------------------------
# Helpers exported for the LRS views
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "http://adlnet.gov/expapi/verbs/voided",
        "https://lms.example.cn/courses/手机基础?lesson=1#part-2",
        "urn:uuid:fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
        "tag:adlnet.gov,2013:expapi:0.9:activities:x",
        "mailto:a@example.com",
        "http://example.com/%E4%B8%AD",
    ],
)
def test_is_iri_accepts(value):
    assert is_iri(value)


@pytest.mark.parametrize(
    "value",
    [
        "not a iri",
        "foo",
        "",
        INVALID,
        "http:",
        "http://exa mple.com",
        "http://example.com/<x>",
        "http://example.com/%zz",
        "http://example.com/#a#b",
        "1http://example.com",
        "//example.com/path",
        None,
        42,
    ],
)
def test_is_iri_refuses(value):
    assert not is_iri(value)


def test_is_irl_needs_a_locator():
    assert is_irl("http://over.there.com/file.txt")
    assert not is_irl("urn:isbn:0451450523")
    assert not is_irl("mailto:a@example.com")
    assert not is_irl("http:///no-host")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fd41c918-b88b-4b20-a0a5-a4c32391aaa0", True),
        ("FD41C918-B88B-4B20-A0A5-A4C32391AAA0", True),
        ("00000000-0000-0000-0000-000000000000", True),
        ("fd41c918b88b4b20a0a5a4c32391aaa0", False),
        ("{fd41c918-b88b-4b20-a0a5-a4c32391aaa0}", False),
        ("urn:uuid:fd41c918-b88b-4b20-a0a5-a4c32391aaa0", False),
        ("fd41c918-b88b-4b20-a0a5-a4c32391aaa0\n", False),
        (12345, False),
    ],
)
def test_is_uuid(value, expected):
    assert is_uuid(value) is expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh-CN", True),
        ("zh-Hans-CN", True),
        ("sr-Latn-RS", True),
        ("sl-rozaj-biske", True),
        ("de-CH-1901", True),
        ("hy-Latn-IT-arevela", True),
        ("es-419", True),
        ("az-Arab-x-AZE-derbend", True),
        ("en-GB-oed", True),
        ("a-DE", False),
        ("de-419-DE", False),
        ("ar-a-aaa-b-bbb-a-ccc", False),
        ("sl-rozaj-rozaj", False),
        ("supercalifragilistic", False),
        ("en_US", False),
        ("", False),
    ],
)
def test_is_language_tag(tag, expected):
    assert is_language_tag(tag) is expected


def test_parse_timestamp_returns_an_aware_datetime():
    moment = parse_timestamp("2024-03-01T08:30:00.123456789+08:00")
    assert moment == datetime(2024, 3, 1, 0, 30, 0, 123456, tzinfo=UTC)
    assert moment.utcoffset() == timedelta(hours=8)
    assert parse_timestamp("2013-05-18T05:32:34Z").tzinfo is not None
    assert parse_timestamp("2013-05-18T05:32:34").tzinfo == UTC
    assert parse_timestamp("2016-12-31T23:59:60Z") == datetime(2017, 1, 1, tzinfo=UTC)


def test_parse_timestamp_names_the_given_path():
    with pytest.raises(StatementError, match=r"^since: "):
        parse_timestamp("yesterday", "since")


def test_parse_duration_keeps_the_components():
    duration = parse_duration("P3Y1M29DT4H35M59.14S")
    assert (duration.years, duration.months, duration.days) == (3, 1, 29)
    assert (duration.hours, duration.minutes, duration.seconds) == (4, 35, Decimal("59.14"))
    assert parse_duration("P4W").weeks == 4
    assert parse_duration("PT0,5S").seconds == Decimal("0.5")


@pytest.mark.parametrize("value", ["1.0", "1.0.0", "1.0.3", "1.0.10"])
def test_validate_version_accepts_1_0_x(value):
    assert validate_version(value) == value


@pytest.mark.parametrize("value", ["1.0.", "1", "1.1", "2.0.0", "0.95", "1.0.x", " 1.0.0"])
def test_validate_version_refuses_others(value):
    with pytest.raises(StatementError, match=r"^version: "):
        validate_version(value)


def test_validate_agent_can_refuse_groups():
    group = {"objectType": "Group", "mbox": "mailto:g@example.com"}
    validate_agent(group, "agent")
    with pytest.raises(StatementError, match=r"^agent: must be an Agent, not a Group"):
        validate_agent(group, "agent", allow_group=False)


def test_validate_agent_can_require_object_type():
    with pytest.raises(StatementError, match=r"^agent.objectType: this property is required"):
        validate_agent({"mbox": "mailto:a@example.com"}, "agent", require_object_type=True)


def test_validate_language_map_and_definition_are_reusable():
    assert validate_language_map({"zh-CN": "你好"}, "name") == {"zh-CN": "你好"}
    with pytest.raises(StatementError, match=r"^definition.interactionType: "):
        validate_activity_definition({"interactionType": "essay"}, "definition")


def test_reject_duplicate_keys_as_json_hook():
    body = '{"actor": {"mbox": "mailto:a@example.com"}, "actor": {"mbox": "mailto:b@example.com"}}'
    with pytest.raises(StatementError, match="'actor' is used more than once"):
        json.loads(body, object_pairs_hook=reject_duplicate_keys)
    assert json.loads('{"a": 1}', object_pairs_hook=reject_duplicate_keys) == {"a": 1}


# --------------------------------------------------------------------------------------------------
# Hostile but parseable nesting: bounded, a StatementError (a 400), never a RecursionError (a 500)
# --------------------------------------------------------------------------------------------------


def _nested(depth, leaf=1):
    value = leaf
    for _ in range(depth):
        value = {"a": value}
    return value


def test_load_json_refuses_nesting_beyond_the_bound_without_recursing():
    for text in ("[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000):
        with pytest.raises(StatementError, match=f"nested more than {MAX_JSON_DEPTH} levels"):
            load_json(text)
    deepest = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert load_json(deepest.encode())
    with pytest.raises(StatementError):
        load_json("[" + deepest + "]")
    with pytest.raises(StatementError, match="used more than once"):
        load_json('{"a": 1, "a": 2}')
    with pytest.raises(ValueError):
        load_json("[1,")


def test_validator_refuses_deep_extension_values_built_in_python():
    """validate_statements bounds what it is given even when no parser bounded it first."""
    statement = minimal_statement()
    statement["result"] = {"extensions": {"http://example.com/ext": _nested(100_000)}}
    with pytest.raises(StatementError, match="nested more than"):
        validate_statements([statement])


def test_validator_refuses_a_chain_of_sub_statements():
    inner = {"objectType": "Activity", "id": "http://example.com/website"}
    for _ in range(10_000):
        inner = {
            "objectType": "SubStatement",
            "actor": {"mbox": "mailto:test@example.com"},
            "verb": {"id": "http://example.com/visited"},
            "object": inner,
        }
    chain = {"actor": {"mbox": "mailto:xapi@adlnet.gov"}, "verb": {"id": "http://example.com/planned"}, "object": inner}
    with pytest.raises(StatementError):
        validate_statements(chain)
    # Within the depth bound, the xAPI rule itself answers: one level of SubStatement only.
    shallow = minimal_statement()
    shallow["object"] = sub_statement()["object"]
    shallow["object"]["object"] = sub_statement()["object"]
    with pytest.raises(StatementError, match="must not contain another SubStatement"):
        validate_statement(shallow)


def test_validator_refuses_groups_inside_groups():
    member = {"objectType": "Group", "member": [{"mbox": "mailto:a@example.com"}]}
    for _ in range(5):
        member = {"objectType": "Group", "member": [member]}
    with pytest.raises(StatementError, match="must not contain another Group"):
        validate_statement(minimal_statement(actor=member))
