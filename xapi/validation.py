"""Validation of incoming xAPI 1.0.3 statements for the LMS's embedded Learning Record Store.

Why this module exists: an LRS must refuse, with ``400 Bad Request``, every statement that breaks
the format rules of the xAPI specification (Part 2 "Data", section 2.2 "Formatting Requirements"
and the sections it points to), and it should say why (Part 3, section 3.2). The ``tincan`` library
that the LMS uses to build statements does not validate what it parses: it accepts ``"not a iri"``
as a verb id, rewrites ``"mbox": "bob"`` into ``"mailto:bob"``, turns ``"true"`` into ``True`` and
keeps a scaled score of 5. So the LRS views check every submitted statement here first, and only
then store it.

The checks are structural, as Part 3 section 3.0 asks: types, required and forbidden properties,
formats (IRI, UUID, RFC 5646 language tag, ISO 8601 timestamp and duration, ...) and the few rules
that tie properties together (voiding, revision/platform only with an Activity, score bounds,
interaction component lists). Nothing here looks at the database.

Every failure raises :class:`StatementError` whose message names the offending property by its path
inside the statement (``actor.mbox``, ``object.definition.choices[2].id``) and says what is wrong.
Messages are plain English wrapped in gettext so that they can be translated later.

A note on "property used more than once" (Data 2.2.s2.b2): a parsed ``dict`` cannot show duplicate
keys, so the views decode request bodies with :func:`load_json`, which uses :func:`reject_duplicate_keys` as
``object_pairs_hook`` (and bounds the nesting).
"""

from __future__ import annotations

import contextvars
import json
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

from django.utils.translation import gettext as _

__all__ = [
    "MAX_JSON_DEPTH",
    "VOIDED_VERB",
    "XAPI_1",
    "XAPI_2",
    "ISODuration",
    "StatementError",
    "check_json_depth",
    "is_iri",
    "is_irl",
    "is_language_tag",
    "is_uuid",
    "load_json",
    "parse_duration",
    "parse_timestamp",
    "reject_duplicate_keys",
    "validate_activity",
    "validate_activity_definition",
    "validate_agent",
    "validate_extensions",
    "validate_language_map",
    "validate_statement",
    "validate_statements",
    "validate_version",
]

VOIDED_VERB = "http://adlnet.gov/expapi/verbs/voided"
# The two versions of the specification this LRS answers: xAPI 1.0.3 and xAPI 2.0.0 (IEEE 9274.1.1-2023).
XAPI_1 = "1.0.3"
XAPI_2 = "2.0.0"
# Which version's rules validate_statements is applying; the few rules that differ read it.
_rules_version = contextvars.ContextVar("xapi_rules_version", default=XAPI_1)
# Deepest nesting of arrays and objects accepted from a client. A statement needs about ten levels;
# extension values and JSON documents get the rest. Python's JSON parser and encoder recurse, so
# without a bound a body of "[[[[..." ends in a RecursionError (a 500) instead of a 400.
MAX_JSON_DEPTH = 64

STATEMENT_PROPERTIES = (
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
)
SUB_STATEMENT_PROPERTIES = ("objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments")
FORBIDDEN_IN_SUB_STATEMENT = ("id", "stored", "version", "authority")
OBJECT_TYPES = ("Activity", "Agent", "Group", "StatementRef", "SubStatement")

IFI_PROPERTIES = ("mbox", "mbox_sha1sum", "openid", "account")
AGENT_PROPERTIES = ("objectType", "name", *IFI_PROPERTIES)
GROUP_PROPERTIES = ("objectType", "name", "member", *IFI_PROPERTIES)
ACCOUNT_PROPERTIES = ("homePage", "name")

VERB_PROPERTIES = ("id", "display")
ACTIVITY_PROPERTIES = ("objectType", "id", "definition")
COMPONENT_LIST_PROPERTIES = ("choices", "scale", "source", "target", "steps")
DEFINITION_PROPERTIES = (
    "name",
    "description",
    "type",
    "moreInfo",
    "interactionType",
    "correctResponsesPattern",
    *COMPONENT_LIST_PROPERTIES,
    "extensions",
)
INTERACTION_TYPES = (
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
)
# Data 2.4.4.1.s15 table 2: the component lists each interactionType supports (none for the others).
COMPONENT_LISTS_BY_TYPE = {
    "choice": ("choices",),
    "sequencing": ("choices",),
    "likert": ("scale",),
    "matching": ("source", "target"),
    "performance": ("steps",),
}
COMPONENT_PROPERTIES = ("id", "description")
STATEMENT_REF_PROPERTIES = ("objectType", "id")

RESULT_PROPERTIES = ("score", "success", "completion", "response", "duration", "extensions")
SCORE_PROPERTIES = ("scaled", "raw", "min", "max")
CONTEXT_PROPERTIES = (
    "registration",
    "instructor",
    "team",
    "contextActivities",
    "revision",
    "platform",
    "language",
    "statement",
    "extensions",
)
# xAPI 2.0 (Data 2.4.6): further agents and groups, each with the types of their relevance.
CONTEXT_PROPERTIES_2 = (*CONTEXT_PROPERTIES, "contextAgents", "contextGroups")
CONTEXT_AGENT_PROPERTIES = ("objectType", "agent", "relevantTypes")
CONTEXT_GROUP_PROPERTIES = ("objectType", "group", "relevantTypes")
CONTEXT_ACTIVITY_KEYS = ("parent", "grouping", "category", "other")
ATTACHMENT_PROPERTIES = ("usageType", "display", "description", "contentType", "length", "sha2", "fileUrl")
ATTACHMENT_REQUIRED = ("usageType", "display", "contentType", "length", "sha2")


class StatementError(ValueError):
    """A statement (or part of one) breaks the xAPI specification; ``message`` says where and why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# --------------------------------------------------------------------------------------------------
# Small helpers: paths, errors, JSON types
# --------------------------------------------------------------------------------------------------


def _child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _item(path: str, index: int) -> str:
    return f"{path}[{index}]"


def _error(message: str, path: str, **params) -> StatementError:
    """Build an error from an already translated message template with a ``%(path)s`` placeholder."""
    return StatementError(message % {"path": path or "statement", **params})


def _json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Decimal):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _null_error(path: str) -> StatementError:
    return _error(_("%(path)s: must not be null"), path)


def _require_object(value, path: str) -> dict:
    if value is None:
        raise _null_error(path)
    if not isinstance(value, dict):
        raise _error(_("%(path)s: must be a JSON object, not %(type)s"), path, type=_json_type(value))
    return value


def _require_list(value, path: str) -> list:
    if value is None:
        raise _null_error(path)
    if not isinstance(value, list):
        raise _error(_("%(path)s: must be an array, not %(type)s"), path, type=_json_type(value))
    return value


def _require_string(value, path: str) -> str:
    if value is None:
        raise _null_error(path)
    if not isinstance(value, str):
        raise _error(_("%(path)s: must be a string, not %(type)s"), path, type=_json_type(value))
    return value


def _require_bool(value, path: str) -> bool:
    if value is None:
        raise _null_error(path)
    if not isinstance(value, bool):
        raise _error(_("%(path)s: must be a boolean (true or false), not %(type)s"), path, type=_json_type(value))
    return value


def _require_number(value, path: str):
    """A JSON number: ``int``, ``float`` or ``Decimal`` (never ``bool``), and finite (no NaN/Infinity)."""
    if value is None:
        raise _null_error(path)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise _error(_("%(path)s: must be a number, not %(type)s"), path, type=_json_type(value))
    if not (value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)):
        raise _error(_("%(path)s: must be a finite number"), path)
    return value


def _unknown_property(path: str, key: str, allowed: tuple[str, ...]) -> StatementError:
    expected = next((name for name in allowed if name.lower() == str(key).lower()), None)
    if expected is not None:
        return _error(
            _("%(path)s: unknown property; property names are case-sensitive, did you mean '%(expected)s'?"),
            _child(path, key),
            expected=expected,
        )
    return _error(
        _("%(path)s: unknown property; allowed here are: %(allowed)s"), _child(path, key), allowed=", ".join(allowed)
    )


def _check_properties(obj: dict, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> None:
    """Only ``allowed`` keys (case-sensitive), no null values, every ``required`` key present."""
    for key, value in obj.items():
        if key not in allowed:
            raise _unknown_property(path, key, allowed)
        if value is None:
            raise _null_error(_child(path, key))
    for key in required:
        if key not in obj:
            raise _error(_("%(path)s: this property is required"), _child(path, key))


def _object_type(obj: dict, path: str) -> str | None:
    """The ``objectType`` of ``obj`` (``None`` when absent), rejecting null and non-strings."""
    if "objectType" not in obj:
        return None
    return _require_string(obj["objectType"], _child(path, "objectType"))


def _too_deep() -> StatementError:
    return StatementError(
        _("the JSON is nested more than %(limit)s levels deep (arrays and objects)") % {"limit": MAX_JSON_DEPTH}
    )


def check_json_depth(value) -> None:
    """Refuse ``value`` if its arrays and objects nest deeper than MAX_JSON_DEPTH (without recursing)."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth > MAX_JSON_DEPTH:
            raise _too_deep()
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def load_json(text: str | bytes, *, reject_duplicates: bool = True):
    """Parse JSON from a client: duplicate keys (Data 2.2) and nesting deeper than MAX_JSON_DEPTH refused.

    Raises :class:`StatementError` for those and ``ValueError`` (``UnicodeDecodeError`` for bytes)
    for text that is not JSON; never ``RecursionError``.
    """
    if isinstance(text, bytes | bytearray | memoryview):
        text = bytes(text).decode("utf-8")
    try:
        value = json.loads(text, object_pairs_hook=reject_duplicate_keys if reject_duplicates else None)
    except RecursionError:
        raise _too_deep() from None
    check_json_depth(value)
    return value


def reject_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    """``json.loads(..., object_pairs_hook=reject_duplicate_keys)``: a property may be used only once (Data 2.2)."""
    result = {}
    for key, value in pairs:
        if key in result:
            raise StatementError(_("property '%(key)s' is used more than once in the same object") % {"key": key})
        result[key] = value
    return result


# --------------------------------------------------------------------------------------------------
# Formats: IRI, IRL, UUID, language tags, mailto, media types, hashes
# --------------------------------------------------------------------------------------------------

_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# Characters that RFC 3987 never allows in an IRI: white space, controls and <>"{}|\^`.
_IRI_FORBIDDEN_RE = re.compile(r'[\s<>"{}|\\^`\x00-\x1f\x7f-\x9f]')
_BAD_PERCENT_RE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def is_iri(value) -> bool:
    """An absolute IRI (RFC 3987): a scheme, then no forbidden characters (best effort, Data 2.2.s4.b6)."""
    if not isinstance(value, str):
        return False
    scheme = _SCHEME_RE.match(value)
    if scheme is None or scheme.end() == len(value):
        return False
    if _IRI_FORBIDDEN_RE.search(value) or _BAD_PERCENT_RE.search(value):
        return False
    return value.count("#") <= 1


def is_irl(value) -> bool:
    """An IRI that locates something: ``scheme://authority...`` with a non-empty authority."""
    if not is_iri(value):
        return False
    rest = value.split(":", 1)[1]
    return rest.startswith("//") and len(rest) > 2 and rest[2] not in "/?#"


_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def is_uuid(value) -> bool:
    """A UUID in standard string form (8-4-4-4-12 hex digits, either case); any version or variant."""
    return isinstance(value, str) and _UUID_RE.fullmatch(value) is not None


# RFC 5646 section 2.1 ABNF (well-formedness).
_LANGTAG_RE = re.compile(
    r"""
    (?:
        [A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}         # language with up to three extlang subtags
      | [A-Za-z]{4,8}                              # reserved / registered language
    )
    (?:-[A-Za-z]{4})?                              # script
    (?:-(?:[A-Za-z]{2}|[0-9]{3}))?                 # region
    (?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))* # variants
    (?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*  # extensions
    (?:-[xX](?:-[A-Za-z0-9]{1,8})+)?               # private use
    """,
    re.VERBOSE,
)
_PRIVATE_USE_RE = re.compile(r"[xX](?:-[A-Za-z0-9]{1,8})+")
_GRANDFATHERED_TAGS = frozenset(
    tag.lower()
    for tag in (
        "en-GB-oed",
        "i-ami",
        "i-bnn",
        "i-default",
        "i-enochian",
        "i-hak",
        "i-klingon",
        "i-lux",
        "i-mingo",
        "i-navajo",
        "i-pwn",
        "i-tao",
        "i-tay",
        "i-tsu",
        "sgn-BE-FR",
        "sgn-BE-NL",
        "sgn-CH-DE",
        "art-lojban",
        "cel-gaulish",
        "no-bok",
        "no-nyn",
        "zh-guoyu",
        "zh-hakka",
        "zh-min",
        "zh-min-nan",
        "zh-xiang",
    )
)


def _repeats_subtags(tag: str) -> bool:
    """RFC 5646 2.2.5/2.2.6: a variant or an extension singleton must not occur twice."""
    parts = tag.lower().split("-")
    if "x" in parts:
        parts = parts[: parts.index("x")]
    singletons = [part for part in parts[1:] if len(part) == 1]
    first_extension = next((i for i, part in enumerate(parts) if i and len(part) == 1), len(parts))
    variants = [p for p in parts[1:first_extension] if len(p) >= 5 or (len(p) == 4 and p[0].isdigit())]
    return len(set(singletons)) != len(singletons) or len(set(variants)) != len(variants)


def is_language_tag(value) -> bool:
    """A well-formed RFC 5646 language tag without repeated variants or extensions (no registry look-up)."""
    if not isinstance(value, str):
        return False
    if value.lower() in _GRANDFATHERED_TAGS or _PRIVATE_USE_RE.fullmatch(value):
        return True
    return _LANGTAG_RE.fullmatch(value) is not None and not _repeats_subtags(value)


_MAILTO_RE = re.compile(r"mailto:[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)*")
_SHA1_RE = re.compile(r"[0-9a-fA-F]{40}")
_SHA2_RE = re.compile(r"[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128}")
_MIME_NAME = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"  # an RFC 7230 "token"
_MIME_PARAMETER = rf'[ \t]*;[ \t]*{_MIME_NAME}=(?:{_MIME_NAME}|"(?:[^"\\]|\\.)*")'
_MEDIA_TYPE_RE = re.compile(rf"{_MIME_NAME}/{_MIME_NAME}(?:{_MIME_PARAMETER})*")


def _require_iri(value, path: str) -> str:
    _require_string(value, path)
    if not is_iri(value):
        raise _error(_("%(path)s: must be an absolute IRI with a scheme, such as 'http://example.com/x'"), path)
    return value


def _require_irl(value, path: str) -> str:
    _require_string(value, path)
    if not is_irl(value):
        raise _error(_("%(path)s: must be an IRL (a resolvable IRI such as 'https://example.com/page')"), path)
    return value


def _require_uuid(value, path: str) -> str:
    _require_string(value, path)
    if not is_uuid(value):
        raise _error(_("%(path)s: must be a UUID in standard string form (8-4-4-4-12 hexadecimal digits)"), path)
    return value


def _require_language_tag(value, path: str) -> str:
    _require_string(value, path)
    if not is_language_tag(value):
        raise _error(_("%(path)s: '%(tag)s' is not a valid RFC 5646 language tag"), path, tag=value)
    return value


# --------------------------------------------------------------------------------------------------
# Timestamps, durations and versions
# --------------------------------------------------------------------------------------------------

# ISO 8601 combined date and time, calendar date, extended (2013-05-18T05:32:34.804Z) or basic
# (20130518T053234.804Z) format; the offset may be written with or without its colon.
_TIMESTAMP_RE = re.compile(
    r"(?P<year>\d{4})(?P<dsep>-?)(?P<month>\d{2})(?P=dsep)(?P<day>\d{2})"
    r"(?P<dtsep>[T ])(?P<hour>\d{2})(?P<tsep>:?)(?P<minute>\d{2})"
    r"(?:(?P=tsep)(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?"
    r"(?P<zone>Z|(?P<sign>[+-])(?P<zone_hour>\d{2})(?::?(?P<zone_minute>\d{2}))?)?"
)


def _timestamp_zone(match: re.Match, path: str) -> timezone:
    if match["zone"] in (None, "Z"):
        return UTC  # Data 4.5: the time zone is a SHOULD*; a timestamp without one is read as UTC.
    hours, minutes = int(match["zone_hour"]), int(match["zone_minute"] or 0)
    if hours > 23 or minutes > 59:
        raise _error(_("%(path)s: the time zone offset is out of range"), path)
    if match["sign"] == "-" and hours == minutes == 0:
        raise _error(
            _("%(path)s: a negative zero offset ('-00:00') is not valid in ISO 8601; use 'Z' or '+00:00'"), path
        )
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if match["sign"] == "-" else offset)


def parse_timestamp(value, path: str = "timestamp") -> datetime:
    """Parse an ISO 8601 timestamp (Data 4.5) into an aware datetime; raise :class:`StatementError`."""
    _require_string(value, path)
    match = _TIMESTAMP_RE.fullmatch(value)
    # RFC 3339 (which xAPI 2.0 names) allows a space between date and time; ISO 8601 (xAPI 1.0.3) does not.
    space_allowed = _rules_version.get() == XAPI_2 and match is not None and match["dsep"] == "-"
    if (
        match is None
        or (match["dsep"] == "-") != (match["tsep"] == ":")
        or (match["dtsep"] == " " and not space_allowed)
    ):
        raise _error(_("%(path)s: must be an ISO 8601 date and time, such as '2015-11-18T12:17:00.000Z'"), path)
    zone = _timestamp_zone(match, path)
    second = int(match["second"] or 0)
    leap_second = second == 60
    microsecond = int((match["fraction"] or "0")[:6].ljust(6, "0"))
    try:
        moment = datetime(
            int(match["year"]),
            int(match["month"]),
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            59 if leap_second else second,
            microsecond,
            tzinfo=zone,
        )
    except ValueError:
        raise _error(_("%(path)s: '%(value)s' is not a real date and time"), path, value=value) from None
    return moment + timedelta(seconds=1) if leap_second else moment


_ZERO = Decimal(0)


@dataclass(frozen=True)
class ISODuration:
    """The components of an ISO 8601 duration, kept as written (Data 2.3.1.b8: never converted)."""

    years: Decimal = _ZERO
    months: Decimal = _ZERO
    weeks: Decimal = _ZERO
    days: Decimal = _ZERO
    hours: Decimal = _ZERO
    minutes: Decimal = _ZERO
    seconds: Decimal = _ZERO


_NUMBER = r"\d+(?:[.,]\d+)?"
_DURATION_RE = re.compile(
    rf"P(?:(?P<weeks>{_NUMBER})W"
    rf"|(?:(?P<years>{_NUMBER})Y)?(?:(?P<months>{_NUMBER})M)?(?:(?P<days>{_NUMBER})D)?"
    rf"(?:T(?:(?P<hours>{_NUMBER})H)?(?:(?P<minutes>{_NUMBER})M)?(?:(?P<seconds>{_NUMBER})S)?)?)"
)
_DURATION_UNITS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")


def parse_duration(value, path: str = "duration") -> ISODuration:
    """Parse an ISO 8601:2004 4.4.3.2 duration such as ``PT4H35M59.14S`` or ``P4W`` (Data 4.6)."""
    _require_string(value, path)
    match = _DURATION_RE.fullmatch(value)
    present = [unit for unit in _DURATION_UNITS if match and match[unit] is not None]
    has_time_part = any(unit in present for unit in ("hours", "minutes", "seconds"))
    if not present or ("T" in value and not has_time_part):
        raise _error(_("%(path)s: must be an ISO 8601 duration, such as 'PT4H35M59.14S' or 'P4W'"), path)
    if any(re.search(r"[.,]", match[unit]) for unit in present[:-1]):
        raise _error(_("%(path)s: only the last component of a duration may have a decimal fraction"), path)
    return ISODuration(**{unit: Decimal(match[unit].replace(",", ".")) for unit in present})


_VERSION_RE = re.compile(r"1\.0(?:\.\d+(?:-[0-9A-Za-z-]+)?)?")
_VERSION_2_RE = re.compile(r"2\.0\.\d+(?:-[0-9A-Za-z-]+)?")


def validate_version(value, path: str = "version") -> str:
    """A statement's version (Data 2.4.10, Communication 3.3): ``1.0.x``; under xAPI 2.0 also ``2.0.x``.

    A 1.0.3 request cannot carry a 2.0 statement: its sender says it speaks 1.0.3.
    """
    _require_string(value, path)
    if _VERSION_RE.fullmatch(value) is not None:
        return value
    if _rules_version.get() == XAPI_2:
        if _VERSION_2_RE.fullmatch(value) is None:
            raise _error(
                _("%(path)s: '%(value)s' is not supported; the version must start with '2.0.' or '1.0.'"),
                path,
                value=value,
            )
        return value
    raise _error(_("%(path)s: '%(value)s' is not supported; the version must start with '1.0.'"), path, value=value)


# --------------------------------------------------------------------------------------------------
# Language maps and extensions
# --------------------------------------------------------------------------------------------------


def validate_language_map(obj, path: str) -> dict:
    """A non-empty map from RFC 5646 language tags to strings (Data 4.2)."""
    obj = _require_object(obj, path)
    if not obj:
        raise _error(_("%(path)s: a language map must have at least one entry"), path)
    for tag, text in obj.items():
        if not is_language_tag(tag):
            raise _error(_("%(path)s: '%(tag)s' is not a valid RFC 5646 language tag"), path, tag=tag)
        _require_string(text, _child(path, tag))
    return obj


def validate_extensions(obj, path: str) -> dict:
    """An object whose keys are IRIs; the values are free, even null (Data 4.1)."""
    obj = _require_object(obj, path)
    for key in obj:
        if not is_iri(key):
            raise _error(_("%(path)s: the key '%(key)s' is not an absolute IRI"), path, key=key)
    return obj


# --------------------------------------------------------------------------------------------------
# Agents and Groups (Data 2.4.2)
# --------------------------------------------------------------------------------------------------


def _validate_account(value, path: str) -> None:
    account = _require_object(value, path)
    _check_properties(account, path, ACCOUNT_PROPERTIES, required=ACCOUNT_PROPERTIES)
    _require_irl(account["homePage"], _child(path, "homePage"))
    _require_string(account["name"], _child(path, "name"))


def _validate_mbox(value, path: str) -> None:
    _require_string(value, path)
    if not _MAILTO_RE.fullmatch(value) or not is_iri(value):
        raise _error(_("%(path)s: must be a 'mailto:' IRI with an email address, such as 'mailto:a@example.com'"), path)


def _validate_sha1sum(value, path: str) -> None:
    _require_string(value, path)
    if not _SHA1_RE.fullmatch(value):
        raise _error(_("%(path)s: must be the hex-encoded SHA1 hash of a mailto IRI (40 hexadecimal digits)"), path)


_IFI_VALIDATORS = {
    "mbox": _validate_mbox,
    "mbox_sha1sum": _validate_sha1sum,
    "openid": _require_iri,
    "account": _validate_account,
}


def _validate_ifis(obj: dict, path: str) -> list[str]:
    """Check the inverse functional identifiers present; at most one is allowed. Returns their names."""
    present = [key for key in IFI_PROPERTIES if key in obj]
    if len(present) > 1:
        raise _error(
            _("%(path)s: must have only one inverse functional identifier, found %(found)s"),
            path,
            found=", ".join(present),
        )
    for key in present:
        _IFI_VALIDATORS[key](obj[key], _child(path, key))
    return present


def _validate_agent_only(obj: dict, path: str) -> None:
    if "member" in obj:
        raise _error(_("%(path)s: only a Group has members; set objectType to 'Group'"), _child(path, "member"))
    _check_properties(obj, path, AGENT_PROPERTIES)
    if "name" in obj:
        _require_string(obj["name"], _child(path, "name"))
    if not _validate_ifis(obj, path):
        raise _error(
            _("%(path)s: an Agent must have exactly one of mbox, mbox_sha1sum, openid or account"),
            path,
        )


def _validate_members(value, path: str, *, anonymous: bool) -> list:
    members = _require_list(value, path)
    if anonymous and not members:
        raise _error(_("%(path)s: an anonymous Group must list at least one member"), path)
    for index, member in enumerate(members):
        member_path = _item(path, index)
        if isinstance(member, dict) and member.get("objectType") == "Group":
            raise _error(_("%(path)s: a Group must not contain another Group"), member_path)
        validate_agent(member, member_path, allow_group=False)
    return members


def _validate_group(obj: dict, path: str) -> None:
    _check_properties(obj, path, GROUP_PROPERTIES, required=("objectType",))
    if "name" in obj:
        _require_string(obj["name"], _child(path, "name"))
    identified = bool(_validate_ifis(obj, path))
    if not identified and "member" not in obj:
        raise _error(
            _("%(path)s: an anonymous Group (one without mbox, mbox_sha1sum, openid or account) must list its members"),
            _child(path, "member"),
        )
    if "member" in obj:
        _validate_members(obj["member"], _child(path, "member"), anonymous=not identified)


def validate_agent(value, path: str = "agent", *, allow_group: bool = True, require_object_type: bool = False) -> dict:
    """An Agent, or (if ``allow_group``) a Group, as in an actor (Data 2.4.2).

    ``require_object_type`` is for places where ``objectType`` is mandatory (an Agent as a
    statement's object, Data 2.4.4.2).
    """
    obj = _require_object(value, path)
    object_type = _object_type(obj, path)
    if object_type is None and require_object_type:
        raise _error(_("%(path)s: this property is required for an Agent or a Group"), _child(path, "objectType"))
    if object_type == "Group":
        if not allow_group:
            raise _error(_("%(path)s: must be an Agent, not a Group"), path)
        _validate_group(obj, path)
    elif object_type in (None, "Agent"):
        _validate_agent_only(obj, path)
    else:
        expected = "'Agent' or 'Group'" if allow_group else "'Agent'"
        raise _error(_("%(path)s: must be %(expected)s"), _child(path, "objectType"), expected=expected)
    return obj


def _validate_team(value, path: str) -> None:
    obj = _require_object(value, path)
    if _object_type(obj, path) != "Group":
        raise _error(_("%(path)s: must be a Group, with objectType 'Group'"), path)
    _validate_group(obj, path)


def _validate_authority(value, path: str) -> None:
    """Data 2.4.9: an Agent, or for 3-legged OAuth an anonymous Group of exactly two Agents."""
    obj = validate_agent(value, path)
    if obj.get("objectType") != "Group":
        return
    if any(key in obj for key in IFI_PROPERTIES) or len(obj["member"]) != 2:
        raise _error(_("%(path)s: a Group authority must be an anonymous Group of exactly two Agents"), path)


# --------------------------------------------------------------------------------------------------
# Verb, Activity and the other kinds of object (Data 2.4.3, 2.4.4)
# --------------------------------------------------------------------------------------------------


def _validate_verb(value, path: str) -> dict:
    verb = _require_object(value, path)
    _check_properties(verb, path, VERB_PROPERTIES, required=("id",))
    _require_iri(verb["id"], _child(path, "id"))
    if "display" in verb:
        validate_language_map(verb["display"], _child(path, "display"))
    return verb


def _validate_components(value, path: str) -> None:
    """An array of interaction components with distinct ids (Data 2.4.4.1.s15, s16)."""
    seen = set()
    for index, item in enumerate(_require_list(value, path)):
        item_path = _item(path, index)
        component = _require_object(item, item_path)
        _check_properties(component, item_path, COMPONENT_PROPERTIES, required=("id",))
        component_id = _require_string(component["id"], _child(item_path, "id"))
        if not component_id:
            raise _error(_("%(path)s: must not be empty"), _child(item_path, "id"))
        if component_id in seen:
            raise _error(
                _("%(path)s: '%(id)s' is used by more than one component"), _child(item_path, "id"), id=component_id
            )
        seen.add(component_id)
        if "description" in component:
            validate_language_map(component["description"], _child(item_path, "description"))


def _validate_interaction(definition: dict, path: str) -> None:
    interaction_keys = [key for key in ("correctResponsesPattern", *COMPONENT_LIST_PROPERTIES) if key in definition]
    if "interactionType" not in definition:
        if interaction_keys:
            raise _error(
                _("%(path)s: may only be used together with 'interactionType'"), _child(path, interaction_keys[0])
            )
        return
    interaction_type = _require_string(definition["interactionType"], _child(path, "interactionType"))
    if interaction_type not in INTERACTION_TYPES:
        raise _error(
            _("%(path)s: must be one of %(choices)s (case-sensitive)"),
            _child(path, "interactionType"),
            choices=", ".join(INTERACTION_TYPES),
        )
    if "correctResponsesPattern" in definition:
        patterns_path = _child(path, "correctResponsesPattern")
        for index, pattern in enumerate(_require_list(definition["correctResponsesPattern"], patterns_path)):
            _require_string(pattern, _item(patterns_path, index))
    supported = COMPONENT_LISTS_BY_TYPE.get(interaction_type, ())
    for key in COMPONENT_LIST_PROPERTIES:
        if key in definition and key not in supported:
            raise _error(
                _("%(path)s: not allowed for interactionType '%(type)s' (it supports: %(supported)s)"),
                _child(path, key),
                type=interaction_type,
                supported=", ".join(supported) or _("no component lists"),
            )
        if key in definition:
            _validate_components(definition[key], _child(path, key))


def validate_activity_definition(obj, path: str) -> dict:
    """An Activity Definition, including the interaction properties (Data 2.4.4.1)."""
    definition = _require_object(obj, path)
    _check_properties(definition, path, DEFINITION_PROPERTIES)
    for key in ("name", "description"):
        if key in definition:
            validate_language_map(definition[key], _child(path, key))
    if "type" in definition:
        _require_iri(definition["type"], _child(path, "type"))
    if "moreInfo" in definition:
        _require_irl(definition["moreInfo"], _child(path, "moreInfo"))
    if "extensions" in definition:
        validate_extensions(definition["extensions"], _child(path, "extensions"))
    _validate_interaction(definition, path)
    return definition


def validate_activity(value, path: str) -> dict:
    """An Activity: an IRI id, optional ``objectType: "Activity"`` and definition (Data 2.4.4.1)."""
    activity = _require_object(value, path)
    _check_properties(activity, path, ACTIVITY_PROPERTIES, required=("id",))
    if _object_type(activity, path) not in (None, "Activity"):
        raise _error(_("%(path)s: must be 'Activity'"), _child(path, "objectType"))
    _require_iri(activity["id"], _child(path, "id"))
    if "definition" in activity:
        validate_activity_definition(activity["definition"], _child(path, "definition"))
    return activity


def _validate_statement_ref(value, path: str) -> None:
    ref = _require_object(value, path)
    _check_properties(ref, path, STATEMENT_REF_PROPERTIES, required=STATEMENT_REF_PROPERTIES)
    if _object_type(ref, path) != "StatementRef":
        raise _error(_("%(path)s: must be 'StatementRef'"), _child(path, "objectType"))
    _require_uuid(ref["id"], _child(path, "id"))


def _validate_object(value, path: str, *, in_sub_statement: bool) -> None:
    obj = _require_object(value, path)
    object_type = _object_type(obj, path)
    if object_type is None and any(key in obj for key in ("member", *IFI_PROPERTIES)):
        raise _error(_("%(path)s: this property is required for an Agent or a Group"), _child(path, "objectType"))
    object_type = object_type or "Activity"
    if object_type == "Activity":
        validate_activity(obj, path)
    elif object_type in ("Agent", "Group"):
        validate_agent(obj, path)
    elif object_type == "StatementRef":
        _validate_statement_ref(obj, path)
    elif object_type == "SubStatement":
        if in_sub_statement:
            raise _error(_("%(path)s: a SubStatement must not contain another SubStatement"), path)
        _validate_sub_statement(obj, path)
    else:
        raise _error(
            _("%(path)s: must be one of %(choices)s (case-sensitive)"),
            _child(path, "objectType"),
            choices=", ".join(OBJECT_TYPES),
        )


# --------------------------------------------------------------------------------------------------
# Result, Context, Attachments (Data 2.4.5, 2.4.6, 2.4.11)
# --------------------------------------------------------------------------------------------------


def _validate_score(value, path: str) -> None:
    score = _require_object(value, path)
    _check_properties(score, path, SCORE_PROPERTIES)
    numbers = {key: _require_number(score[key], _child(path, key)) for key in SCORE_PROPERTIES if key in score}
    if "scaled" in numbers and not -1 <= numbers["scaled"] <= 1:
        raise _error(_("%(path)s: must be between -1 and 1"), _child(path, "scaled"))
    if "min" in numbers and "max" in numbers and not numbers["min"] < numbers["max"]:
        raise _error(_("%(path)s: must be less than max"), _child(path, "min"))
    if "raw" in numbers and "min" in numbers and numbers["raw"] < numbers["min"]:
        raise _error(_("%(path)s: must not be less than min"), _child(path, "raw"))
    if "raw" in numbers and "max" in numbers and numbers["raw"] > numbers["max"]:
        raise _error(_("%(path)s: must not be greater than max"), _child(path, "raw"))


def _validate_result(value, path: str) -> None:
    result = _require_object(value, path)
    _check_properties(result, path, RESULT_PROPERTIES)
    if "score" in result:
        _validate_score(result["score"], _child(path, "score"))
    for key in ("success", "completion"):
        if key in result:
            _require_bool(result[key], _child(path, key))
    if "response" in result:
        _require_string(result["response"], _child(path, "response"))
    if "duration" in result:
        parse_duration(result["duration"], _child(path, "duration"))
    if "extensions" in result:
        validate_extensions(result["extensions"], _child(path, "extensions"))


def _validate_context_activities(value, path: str) -> None:
    activities = _require_object(value, path)
    if not activities:
        raise _error(_("%(path)s: must contain at least one of parent, grouping, category or other"), path)
    _check_properties(activities, path, CONTEXT_ACTIVITY_KEYS)
    for key, entry in activities.items():
        key_path = _child(path, key)
        if isinstance(entry, list):
            for index, activity in enumerate(entry):
                validate_activity(activity, _item(key_path, index))
        elif isinstance(entry, dict):
            validate_activity(entry, key_path)
        else:
            raise _error(_("%(path)s: must be an Activity or an array of Activities"), key_path)


def _validate_relevant_types(entry: dict, path: str) -> None:
    if "relevantTypes" not in entry:
        return
    types_path = _child(path, "relevantTypes")
    relevant_types = _require_list(entry["relevantTypes"], types_path)
    if not relevant_types:
        raise _error(_("%(path)s: must list at least one Activity type IRI (or be left out)"), types_path)
    for index, value in enumerate(relevant_types):
        _require_iri(value, _item(types_path, index))


def _validate_context_agents(value, path: str) -> None:
    """xAPI 2.0 Data 2.4.6: ``[{"objectType": "contextAgent", "agent": Agent, "relevantTypes": [IRI, ...]}]``."""
    for index, entry in enumerate(_require_list(value, path)):
        entry_path = _item(path, index)
        entry = _require_object(entry, entry_path)
        _check_properties(entry, entry_path, CONTEXT_AGENT_PROPERTIES, required=("objectType", "agent"))
        if entry["objectType"] != "contextAgent":
            raise _error(_("%(path)s: must be 'contextAgent'"), _child(entry_path, "objectType"))
        validate_agent(entry["agent"], _child(entry_path, "agent"), allow_group=False)
        _validate_relevant_types(entry, entry_path)


def _validate_context_groups(value, path: str) -> None:
    """xAPI 2.0 Data 2.4.6: ``[{"objectType": "contextGroup", "group": Group, "relevantTypes": [IRI, ...]}]``."""
    for index, entry in enumerate(_require_list(value, path)):
        entry_path = _item(path, index)
        entry = _require_object(entry, entry_path)
        _check_properties(entry, entry_path, CONTEXT_GROUP_PROPERTIES, required=("objectType", "group"))
        if entry["objectType"] != "contextGroup":
            raise _error(_("%(path)s: must be 'contextGroup'"), _child(entry_path, "objectType"))
        _validate_team(entry["group"], _child(entry_path, "group"))
        _validate_relevant_types(entry, entry_path)


def _validate_context(value, path: str, *, object_is_activity: bool) -> None:
    context = _require_object(value, path)
    version_2 = _rules_version.get() == XAPI_2
    _check_properties(context, path, CONTEXT_PROPERTIES_2 if version_2 else CONTEXT_PROPERTIES)
    if "contextAgents" in context:
        _validate_context_agents(context["contextAgents"], _child(path, "contextAgents"))
    if "contextGroups" in context:
        _validate_context_groups(context["contextGroups"], _child(path, "contextGroups"))
    if "registration" in context:
        _require_uuid(context["registration"], _child(path, "registration"))
    if "instructor" in context:
        validate_agent(context["instructor"], _child(path, "instructor"))
    if "team" in context:
        _validate_team(context["team"], _child(path, "team"))
    if "contextActivities" in context:
        _validate_context_activities(context["contextActivities"], _child(path, "contextActivities"))
    for key in ("revision", "platform"):
        if key in context:
            _require_string(context[key], _child(path, key))
            if not object_is_activity:
                raise _error(
                    _("%(path)s: may only be used when the statement's object is an Activity"), _child(path, key)
                )
    if "language" in context:
        _require_language_tag(context["language"], _child(path, "language"))
    if "statement" in context:
        _validate_statement_ref(context["statement"], _child(path, "statement"))
    if "extensions" in context:
        validate_extensions(context["extensions"], _child(path, "extensions"))


def _require_length(value, path: str) -> None:
    _require_number(value, path)
    if isinstance(value, float | Decimal) and value != int(value):
        raise _error(_("%(path)s: must be a whole number of octets"), path)
    if value < 0:
        raise _error(_("%(path)s: must not be negative"), path)


def _validate_attachment(value, path: str) -> None:
    attachment = _require_object(value, path)
    _check_properties(attachment, path, ATTACHMENT_PROPERTIES, required=ATTACHMENT_REQUIRED)
    _require_iri(attachment["usageType"], _child(path, "usageType"))
    validate_language_map(attachment["display"], _child(path, "display"))
    if "description" in attachment:
        validate_language_map(attachment["description"], _child(path, "description"))
    if not _MEDIA_TYPE_RE.fullmatch(_require_string(attachment["contentType"], _child(path, "contentType"))):
        raise _error(_("%(path)s: must be an Internet media type, such as 'text/plain'"), _child(path, "contentType"))
    _require_length(attachment["length"], _child(path, "length"))
    if not _SHA2_RE.fullmatch(_require_string(attachment["sha2"], _child(path, "sha2"))):
        raise _error(_("%(path)s: must be a hex-encoded SHA-2 hash"), _child(path, "sha2"))
    if "fileUrl" in attachment:
        _require_irl(attachment["fileUrl"], _child(path, "fileUrl"))


def _validate_attachments(value, path: str) -> None:
    for index, attachment in enumerate(_require_list(value, path)):
        _validate_attachment(attachment, _item(path, index))


# --------------------------------------------------------------------------------------------------
# Statements and SubStatements (Data 2.2, 2.3.2, 2.4)
# --------------------------------------------------------------------------------------------------


def _validate_body(statement: dict, path: str, *, in_sub_statement: bool) -> None:
    """What a Statement and a SubStatement have in common."""
    validate_agent(statement["actor"], _child(path, "actor"))
    verb = _validate_verb(statement["verb"], _child(path, "verb"))
    _validate_object(statement["object"], _child(path, "object"), in_sub_statement=in_sub_statement)
    object_type = statement["object"].get("objectType", "Activity")
    if verb["id"] == VOIDED_VERB and object_type != "StatementRef":
        raise _error(_("%(path)s: a voiding statement must have a StatementRef as its object"), _child(path, "object"))
    if "result" in statement:
        _validate_result(statement["result"], _child(path, "result"))
    if "context" in statement:
        _validate_context(statement["context"], _child(path, "context"), object_is_activity=object_type == "Activity")
    if "timestamp" in statement:
        parse_timestamp(statement["timestamp"], _child(path, "timestamp"))
    if "attachments" in statement:
        _validate_attachments(statement["attachments"], _child(path, "attachments"))


def _validate_sub_statement(statement: dict, path: str) -> None:
    for key in FORBIDDEN_IN_SUB_STATEMENT:
        if key in statement:
            raise _error(_("%(path)s: a SubStatement must not have this property"), _child(path, key))
    _check_properties(statement, path, SUB_STATEMENT_PROPERTIES, required=("objectType", "actor", "verb", "object"))
    if _object_type(statement, path) != "SubStatement":
        raise _error(_("%(path)s: must be 'SubStatement'"), _child(path, "objectType"))
    _validate_body(statement, path, in_sub_statement=True)


def _validate_top_statement(statement: dict) -> None:
    _check_properties(statement, "", STATEMENT_PROPERTIES, required=("actor", "verb", "object"))
    if "id" in statement:
        _require_uuid(statement["id"], "id")
    _validate_body(statement, "", in_sub_statement=False)
    if "stored" in statement:
        parse_timestamp(statement["stored"], "stored")
    if "authority" in statement:
        _validate_authority(statement["authority"], "authority")
    if "version" in statement:
        validate_version(statement["version"])


def validate_statement(statement: dict, *, allow_sub_statement: bool = False) -> None:
    """Raise :class:`StatementError` on the first way ``statement`` breaks the xAPI 1.0.3 data model.

    With ``allow_sub_statement=True`` a dict whose ``objectType`` is ``"SubStatement"`` is checked
    as a SubStatement (Data 2.4.4.3) instead of being refused for having an ``objectType``.
    """
    statement = _require_object(statement, "")
    if allow_sub_statement and statement.get("objectType") == "SubStatement":
        _validate_sub_statement(statement, "")
    else:
        _validate_top_statement(statement)


def validate_statements(payload, *, version: str = XAPI_1) -> list[dict]:
    """Validate one statement or a batch (a list); the whole batch fails on any error (Communication 3.2).

    ``version`` is the xAPI version the request speaks (``XAPI_1`` or ``XAPI_2``): xAPI 2.0 adds
    ``context.contextAgents`` / ``contextGroups``, statement versions ``2.0.x`` and RFC 3339's space
    between date and time.

    Errors inside a batch are prefixed with the statement's 0-based index: ``statement 3: verb.id: ...``.
    Two statements with the same id in one batch are refused too (Communication 2.1.2.s2.b6).
    The nesting is bounded first, so nothing after this check (storage, projection) can recurse
    without limit on what a client sent.
    """
    token = _rules_version.set(version)
    try:
        return _validate_statements(payload)
    finally:
        _rules_version.reset(token)


def _validate_statements(payload) -> list[dict]:
    check_json_depth(payload)
    if isinstance(payload, dict):
        validate_statement(payload)
        return [payload]
    if not isinstance(payload, list):
        raise StatementError(
            _("statements: must be a statement object or an array of statements, not %(type)s")
            % {"type": _json_type(payload)}
        )
    if not payload:
        raise StatementError(_("statements: the array must contain at least one statement"))
    first_index_by_id: dict[str, int] = {}
    for index, statement in enumerate(payload):
        try:
            validate_statement(statement)
        except StatementError as error:
            raise StatementError(
                _("statement %(index)s: %(message)s") % {"index": index, "message": error.message}
            ) from error
        _check_unique_id(statement, index, first_index_by_id)
    return payload


def _check_unique_id(statement: dict, index: int, first_index_by_id: dict[str, int]) -> None:
    if "id" not in statement:
        return
    key = statement["id"].lower()
    if key in first_index_by_id:
        raise StatementError(
            _("statement %(index)s: id: '%(id)s' is already used by statement %(other)s in this batch")
            % {"index": index, "id": statement["id"], "other": first_index_by_id[key]}
        )
    first_index_by_id[key] = index
