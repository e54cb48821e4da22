"""Statement attachments in transit (xAPI 1.0.3 Data 2.4.11, Communication 1.5.2).

Why this module exists: statements with attachments arrive as ``multipart/mixed`` (RFC 2046), the
statements in the first part and each attachment's raw octets in a further part named by its
SHA-2 hash. Python's ``email`` parser is lenient (it records defects and carries on), so this is a
small strict parser: a malformed body, a part without its hash header, a hash that does not match
the content, a part nobody declared or an attachment nobody sent is refused with a message, and
nothing is stored. The content itself is stored by ``xapi.services.store_statements``.
"""

import base64
import dataclasses
import hashlib
import logging
import re
import uuid
from decimal import ROUND_DOWN, Decimal

from django.utils.http import parse_header_parameters
from django.utils.translation import gettext as _

from .models import Attachment
from .validation import StatementError, load_json, parse_duration

SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"
_HASHES = {56: hashlib.sha224, 64: hashlib.sha256, 96: hashlib.sha384, 128: hashlib.sha512}
_HEX_RE = re.compile(r"[0-9a-f]+")
_HEADER_NAME_RE = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_DELIMITER_END_RE = re.compile(rb"[ \t]*(\r?\n)")
_PREAMBLE_RE = re.compile(rb"(?:\r?\n)*")

logger = logging.getLogger(__name__)


class AttachmentError(ValueError):
    """A request's attachments break the transmission rules; ``message`` says how."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def media_type(value):
    """The lower-case ``type/subtype`` of a Content-Type value, without parameters."""
    return (value or "").split(";", 1)[0].strip().lower()


# --------------------------------------------------------------------------------------------------
# Reading a multipart/mixed request
# --------------------------------------------------------------------------------------------------


def _boundary(content_type):
    _main, params = parse_header_parameters(content_type or "")
    boundary = params.get("boundary", "")
    if not 1 <= len(boundary) <= 70:
        raise AttachmentError(_("The multipart/mixed Content-Type header must name a boundary (1 to 70 characters)."))
    return boundary.encode("latin-1")


def _headers(block):
    """The header lines of one part as a dict with lower-case names; continuation lines are joined."""
    headers = {}
    name = None
    for line in re.split(rb"\r?\n", block):
        if line[:1] in (b" ", b"\t") and name is not None:
            headers[name] += " " + line.strip().decode("latin-1")
            continue
        raw_name, colon, value = line.partition(b":")
        if not colon or not _HEADER_NAME_RE.fullmatch(raw_name):
            raise AttachmentError(
                _("A part of the multipart body has a malformed header line: %(line)s")
                % {"line": line[:80].decode("latin-1")}
            )
        name = raw_name.decode("ascii").lower()
        if name in headers:
            raise AttachmentError(_("A part of the multipart body repeats the %(name)s header.") % {"name": name})
        headers[name] = value.strip().decode("latin-1")
    return headers


def _split_part(chunk):
    """(headers, body) of one part: the headers end at the first empty line."""
    if chunk.startswith(b"\r\n") or chunk.startswith(b"\n"):
        return {}, chunk[2:] if chunk.startswith(b"\r\n") else chunk[1:]
    match = re.search(rb"\r?\n\r?\n", chunk)
    if match is None:
        raise AttachmentError(_("A part of the multipart body has no empty line between its headers and content."))
    return _headers(chunk[: match.start()]), chunk[match.end() :]


def parse_multipart(body, content_type):
    """The parts of a ``multipart/mixed`` body as ``[(headers, content)]``; AttachmentError if malformed.

    Line breaks may be CRLF (as RFC 2046 says) or bare LF (as some clients send); the line break
    before each delimiter belongs to the delimiter. Only empty lines may precede the first part.
    """
    marker = b"--" + _boundary(content_type)
    start = _PREAMBLE_RE.match(body).end()
    if not body.startswith(marker, start):
        raise AttachmentError(_("The multipart body does not start with its boundary."))
    parts = []
    position = start
    while True:
        after = position + len(marker)
        if body.startswith(b"--", after):
            break  # the close delimiter; anything after it is an epilogue
        line_end = _DELIMITER_END_RE.match(body, after)
        if line_end is None:
            raise AttachmentError(_("A boundary line in the multipart body is followed by other text."))
        content_start = line_end.end()
        following = body.find(b"\n" + marker, content_start - 1)
        if following == -1:
            raise AttachmentError(_("The multipart body is not closed with its final boundary."))
        content_end = following - 1 if body[following - 1 : following] == b"\r" else following
        if content_end < content_start:
            raise AttachmentError(_("A part of the multipart body is empty."))
        parts.append(_split_part(body[content_start:content_end]))
        position = following + 1
    if not parts:
        raise AttachmentError(_("The multipart body has no parts."))
    return parts


def read_statement_request(body, content_type):
    """(statements JSON bytes, {sha2: (content type, bytes)}) from a multipart/mixed statement request."""
    parts = parse_multipart(body, content_type)
    first_headers, document = parts[0]
    if media_type(first_headers.get("content-type")) != "application/json":
        raise AttachmentError(
            _("The first part of a multipart/mixed request must be the statements as application/json.")
        )
    received = {}
    for index, (headers, content) in enumerate(parts[1:], start=1):
        sha2 = headers.get("x-experience-api-hash", "").lower()
        if not sha2:
            raise AttachmentError(_("Part %(index)s has no X-Experience-API-Hash header.") % {"index": index + 1})
        encoding = headers.get("content-transfer-encoding", "binary").lower()
        if encoding != "binary":
            raise AttachmentError(
                _("Part %(index)s must have Content-Transfer-Encoding: binary, not %(encoding)s.")
                % {"index": index + 1, "encoding": encoding}
            )
        algorithm = _HASHES.get(len(sha2))
        if algorithm is None or not _HEX_RE.fullmatch(sha2):
            raise AttachmentError(
                _("Part %(index)s: X-Experience-API-Hash must be a hex SHA-2 hash.") % {"index": index + 1}
            )
        if algorithm(content).hexdigest() != sha2:
            raise AttachmentError(
                _("Part %(index)s: its content does not match its X-Experience-API-Hash.") % {"index": index + 1}
            )
        received[sha2] = (headers.get("content-type", "application/octet-stream"), content)
    return document, received


# --------------------------------------------------------------------------------------------------
# Matching attachments to statements
# --------------------------------------------------------------------------------------------------


def declared_attachments(statement):
    """The Attachment objects of a statement and of its SubStatement."""
    found = list(statement.get("attachments") or [])
    obj = statement.get("object") or {}
    if obj.get("objectType") == "SubStatement":
        found += obj.get("attachments") or []
    return found


def match_attachments(statements, received, *, multipart):
    """Check that declared attachments and received parts match one to one (Communication 1.5.2).

    Returns the contents to store, ``{sha2: (content type, bytes)}``.
    """
    declared = {}
    for index, statement in enumerate(statements):
        for attachment in declared_attachments(statement):
            sha2 = attachment["sha2"].lower()
            declared.setdefault(sha2, attachment)
            if "fileUrl" in attachment or sha2 in received:
                continue
            if not multipart:
                raise AttachmentError(
                    _(
                        "Statement %(index)s has an attachment without fileUrl; send its content in a "
                        "multipart/mixed request."
                    )
                    % {"index": index}
                )
            raise AttachmentError(
                _("Statement %(index)s declares an attachment (sha2 %(sha2)s) whose content was not sent.")
                % {"index": index, "sha2": sha2}
            )
    max_length = Attachment._meta.get_field("sha2").max_length
    for sha2, (content_type, _content) in received.items():
        attachment = declared.get(sha2)
        if attachment is None:
            raise AttachmentError(
                _("The part with hash %(sha2)s does not belong to any attachment in the statements.") % {"sha2": sha2}
            )
        if media_type(content_type) != media_type(attachment["contentType"]):
            raise AttachmentError(
                _("The part with hash %(sha2)s has Content-Type %(type)s but its attachment says %(declared)s.")
                % {"sha2": sha2, "type": content_type, "declared": attachment["contentType"]}
            )
        if len(sha2) > max_length:
            raise AttachmentError(_("Attachment content must be identified by a SHA-256 hash (64 hex digits)."))
    return received


# --------------------------------------------------------------------------------------------------
# Signed statements (Data 2.6)
# --------------------------------------------------------------------------------------------------

SIGNATURE_ALGORITHMS = ("RS256", "RS384", "RS512")
# Properties the signer cannot have known or that carry the signature itself.
_UNSIGNED_PROPERTIES = ("attachments", "id", "authority", "stored", "version")


def _base64url_json(segment, what):
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        return load_json(raw, reject_duplicates=False)
    except (ValueError, UnicodeDecodeError) as error:
        raise AttachmentError(_("The statement signature's %(what)s is not valid JSON.") % {"what": what}) from error


def check_signatures(statements, received):
    """Refuse malformed signatures (Data 2.6.s4): a JWS in compact form, RS256/384/512, signing this statement.

    A signature whose content was not sent (only a fileUrl) cannot be checked and is left alone.
    """
    for index, statement in enumerate(statements):
        for attachment in statement.get("attachments") or []:
            if attachment["usageType"] != SIGNATURE_USAGE:
                continue
            if media_type(attachment["contentType"]) != "application/octet-stream":
                raise AttachmentError(
                    _("Statement %(index)s: a signature attachment must have contentType application/octet-stream.")
                    % {"index": index}
                )
            sent = received.get(attachment["sha2"].lower())
            if sent is None:
                continue
            segments = sent[1].decode("ascii", errors="replace").strip().split(".")
            if len(segments) != 3 or not all(segments):
                raise AttachmentError(
                    _("Statement %(index)s: the signature is not a JWS in compact serialization.") % {"index": index}
                )
            header = _base64url_json(segments[0], _("header"))
            if not isinstance(header, dict) or header.get("alg") not in SIGNATURE_ALGORITHMS:
                raise AttachmentError(
                    _("Statement %(index)s: the signature must use RS256, RS384 or RS512.") % {"index": index}
                )
            payload = _base64url_json(segments[1], _("payload"))
            if not isinstance(payload, dict) or not _same_statement(payload, statement):
                raise AttachmentError(
                    _("Statement %(index)s: the signed statement differs from the statement sent.") % {"index": index}
                )


_CENTISECOND = Decimal("0.01")


def _comparable_duration(value):
    """Data 4.6: durations compare to 0.01 s; any further precision is not part of the comparison."""
    try:
        duration = parse_duration(value)
    except StatementError:
        return value
    return dataclasses.replace(duration, seconds=duration.seconds.quantize(_CENTISECOND, rounding=ROUND_DOWN))


def _with_comparable_duration(target):
    result = target.get("result")
    if isinstance(result, dict) and "duration" in result:
        return {**target, "result": {**result, "duration": _comparable_duration(result["duration"])}}
    return target


def _signed_view(data):
    """A statement as compared with its signed copy: unsigned properties left out, durations to 0.01 s."""
    view = _with_comparable_duration({k: v for k, v in data.items() if k not in _UNSIGNED_PROPERTIES})
    if isinstance(view.get("object"), dict):
        view["object"] = _with_comparable_duration(view["object"])
    return view


def _same_statement(payload, statement):
    """Whether the signed copy is the statement sent, apart from what the signer cannot include.

    Durations are compared to 0.01 s only (Data 4.6, unchanged in xAPI 2.0): ``PT1.2345S`` signed
    and ``PT1.23S`` sent are the same statement.
    """
    if "id" in payload and str(payload["id"]).lower() != str(statement.get("id", "")).lower():
        return False
    return _signed_view(payload) == _signed_view(statement)


# --------------------------------------------------------------------------------------------------
# Writing a multipart/mixed response
# --------------------------------------------------------------------------------------------------


def stored_contents(statements, *, skip_missing=False):
    """The stored attachment contents the statements refer to: ``[(sha2, content type, bytes)]``.

    A content whose file has gone from the storage (restored from an older backup, deleted by hand)
    raises OSError, or with ``skip_missing`` is left out and logged: the Statements resource still
    answers, as it would for an attachment that was only ever a fileUrl, instead of every query that
    includes that statement failing. (Forwarding must not send a statement without its content.)
    """
    hashes = {a["sha2"].lower() for statement in statements for a in declared_attachments(statement)}
    if not hashes:
        return []
    found = []
    for attachment in Attachment.objects.filter(sha2__in=hashes).order_by("sha2"):
        try:
            with attachment.content.open("rb") as handle:
                found.append((attachment.sha2, attachment.content_type, handle.read()))
        except OSError:
            if not skip_missing:
                raise
            logger.warning("xAPI attachment %s: file %s is missing from storage", attachment.sha2, attachment.content)
    return found


def multipart_body(document, contents):
    """(body, Content-Type) of a multipart/mixed response: the JSON document, then each attachment."""
    boundary = uuid.uuid4().hex
    chunks = [f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode(), document]
    for sha2, content_type, content in contents:
        chunks.append(
            f"\r\n--{boundary}\r\nContent-Type: {content_type}\r\nContent-Transfer-Encoding: binary\r\n"
            f"X-Experience-API-Hash: {sha2}\r\n\r\n".encode("latin-1")
        )
        chunks.append(content)
    chunks.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/mixed; boundary={boundary}"
