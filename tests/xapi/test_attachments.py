"""Statement attachments over HTTP (xAPI 1.0.3 Data 2.4.11, Communication 1.5.2).

Each test names the requirement it checks, mirroring the ADL conformance suite
(E.Data2.4.11-AttachmentsProperty.js and its .part templates, which use bare LF line breaks).
"""

import base64
import hashlib
import json

import pytest

from xapi.attachments import AttachmentError, parse_multipart
from xapi.models import Attachment, Statement

from .lrs_helpers import attachment, attachment_part, make_client, multipart, new_id, post_statements, statement, url

TEXT = b"here is a simple attachment"
TEXT_SHA2 = "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a"


@pytest.fixture
def lrs(db):
    return make_client()


def with_text_attachment(**overrides):
    return statement(attachments=[attachment(TEXT)], **overrides)


def nothing_stored():
    return not Statement.objects.exists() and not Attachment.objects.exists()


def split_response(response):
    """The parts of a multipart/mixed response, parsed by our own strict parser."""
    return parse_multipart(response.content, response["Content-Type"])


def test_the_specification_example_hash_is_sha256_of_the_text():
    assert hashlib.sha256(TEXT).hexdigest() == TEXT_SHA2


# --------------------------------------------------------------------------------------------------
# Accepting attachments (Communication 1.5.2.s3.b4)
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", [b"\r\n", b"\n"], ids=["crlf", "lf"])
def test_multipart_post_stores_the_statement_and_its_content_once(lrs, newline):
    body, content_type = multipart(with_text_attachment(), [attachment_part(TEXT)], newline=newline)
    response = post_statements(lrs, body, content_type)
    assert response.status_code == 200, response.content
    [statement_id] = response.json()
    stored = Attachment.objects.get()
    assert stored.sha2 == TEXT_SHA2 and stored.length == len(TEXT) and stored.content_type == "text/plain"
    assert stored.content.open("rb").read() == TEXT
    # Sending the same content again does not store it twice.
    again, _type = multipart(with_text_attachment(), [attachment_part(TEXT)])
    assert post_statements(lrs, again, content_type).status_code == 200
    assert Attachment.objects.count() == 1
    assert Statement.objects.filter(statement_id=statement_id).exists()


def test_multipart_put_returns_204(lrs):
    statement_id = new_id()
    body, content_type = multipart(with_text_attachment(), [attachment_part(TEXT)])
    response = lrs.put(url("/xapi/statements", statementId=statement_id), body, content_type=content_type)
    assert response.status_code == 204, response.content
    assert Statement.objects.filter(statement_id=statement_id).exists() and Attachment.objects.count() == 1


def test_a_batch_shares_one_copy_of_an_attachment(lrs):
    """Communication 1.5.2.s2.b2.b5: one copy of data used by several statements."""
    body, content_type = multipart([with_text_attachment(), with_text_attachment()], [attachment_part(TEXT)])
    assert len(post_statements(lrs, body, content_type).json()) == 2
    assert Attachment.objects.count() == 1


def test_multipart_without_attachments_is_accepted(lrs):
    """Communication 1.5.2.s3.b8."""
    body, content_type = multipart(statement(), [])
    assert post_statements(lrs, body, content_type).status_code == 200


def test_json_with_only_file_url_attachments_is_accepted(lrs):
    """Communication 1.5.1.s1.b2; ADL suite: 'attachment uses fileUrl and content-type is application/json'."""
    linked = statement(attachments=[attachment(TEXT, fileUrl="http://over.there.com/file.txt")])
    assert post_statements(lrs, linked).status_code == 200
    assert not Attachment.objects.exists()


def test_sub_statement_attachments_are_matched_too(lrs):
    sub = {
        "objectType": "SubStatement",
        "actor": statement()["actor"],
        "verb": statement()["verb"],
        "object": {"id": "http://www.example.com/sub"},
        "attachments": [attachment(TEXT)],
    }
    body, content_type = multipart(statement(object=sub), [attachment_part(TEXT)])
    assert post_statements(lrs, body, content_type).status_code == 200
    assert Attachment.objects.count() == 1


# --------------------------------------------------------------------------------------------------
# Refusing malformed requests: 400 and nothing stored
# --------------------------------------------------------------------------------------------------


def test_json_attachment_without_file_url_is_refused(lrs):
    """Communication 1.5.2.s2.b1; ADL suite: 'missing attachment's binary' with application/json."""
    response = post_statements(lrs, [statement(), with_text_attachment()])
    assert response.status_code == 400 and "fileUrl" in response.json()["error"]
    assert nothing_stored()


@pytest.mark.parametrize(
    ("build", "message"),
    [
        # ADL: first part content type is not "application/json" (Communication 1.5.2.s2.b2.b1)
        (lambda: multipart(with_text_attachment(), [attachment_part(TEXT)], first_type="text/plain"), "first part"),
        # ADL: missing X-Experience-API-Hash (Communication 1.5.2.s2.b2.b3)
        (
            lambda: multipart(
                with_text_attachment(),
                [({"Content-Type": "text/plain", "Content-Transfer-Encoding": "binary"}, TEXT)],
            ),
            "X-Experience-API-Hash",
        ),
        # ADL: hash header does not match the content (Communication 1.5.2.s1.b4)
        (lambda: multipart(with_text_attachment(), [attachment_part(b"other text", sha2=TEXT_SHA2)]), "match"),
        # ADL: Content-Transfer-Encoding other than binary (Data 2.4.11)
        (
            lambda: multipart(
                with_text_attachment(),
                [
                    (
                        {
                            "Content-Type": "text/plain",
                            "Content-Transfer-Encoding": "base64",
                            "X-Experience-API-Hash": TEXT_SHA2,
                        },
                        TEXT,
                    )
                ],
            ),
            "binary",
        ),
        # ADL: too few parts: an attachment without fileUrl has no part (Communication 1.5.2.s3.b5)
        (
            lambda: multipart(
                statement(attachments=[attachment(TEXT), attachment(b"here is another simple attachment")]),
                [attachment_part(TEXT)],
            ),
            "not sent",
        ),
        # ADL: too many parts: a part no attachment declares
        (
            lambda: multipart(with_text_attachment(), [attachment_part(TEXT), attachment_part(b"a third")]),
            "does not belong",
        ),
        # The part's Content-Type must match the attachment's contentType (Communication 1.5.2.s2.b2.b7)
        (lambda: multipart(with_text_attachment(), [attachment_part(TEXT, content_type="image/png")]), "Content-Type"),
        # ADL: statements split over two parts (Communication 1.5.2.s2.b2.b1): the second has no hash
        (
            lambda: multipart(
                with_text_attachment(), [({"Content-Type": "application/json"}, b"{}"), attachment_part(TEXT)]
            ),
            "X-Experience-API-Hash",
        ),
    ],
    ids=["first-part-type", "no-hash", "bad-hash", "not-binary", "too-few", "too-many", "part-type", "split"],
)
def test_bad_multipart_requests_are_refused(lrs, build, message):
    body, content_type = build()
    response = post_statements(lrs, body, content_type)
    assert response.status_code == 400, response.content
    assert message in response.json()["error"]
    assert nothing_stored()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        # ADL: boundary missing from the Content-Type header (RFC 2046, Communication 1.5.2.s2.b2)
        (b"--xyz\r\nContent-Type: application/json\r\n\r\n{}\r\n--xyz--", "multipart/mixed;"),
        # no boundary before the first part
        (b"Content-Type: application/json\r\n\r\n{}\r\n--xyz--", "multipart/mixed; boundary=xyz"),
        # ADL: middle part without its boundary: the attachment runs into the statements part
        (
            b'--xyz\nContent-Type: application/json\n\n{"a": 1}\n\nContent-Type: text/plain\n\nhi\n--xyz--\n',
            "multipart/mixed; boundary=xyz",
        ),
        # ADL: a header line without a colon (the "too many" template)
        (
            b"--xyz\nContent-Type: application/json\n\n{}\n--xyz\nContent-Type: text/plain\n"
            + TEXT_SHA2.encode()
            + b"\n\nhi\n--xyz--\n",
            "multipart/mixed; boundary=xyz",
        ),
        # never closed
        (b"--xyz\r\nContent-Type: application/json\r\n\r\n{}\r\n", "multipart/mixed; boundary=xyz"),
        # ADL: multipart/form-data is not a statement content type (Data 2.4.11)
        (b"--xyz\r\nContent-Type: application/json\r\n\r\n{}\r\n--xyz--", "multipart/form-data; boundary=xyz"),
    ],
    ids=["no-boundary-parameter", "no-first-boundary", "middle-no-boundary", "bad-header", "unclosed", "form-data"],
)
def test_malformed_bodies_are_refused(lrs, body, content_type):
    response = post_statements(lrs, body, content_type)
    assert response.status_code == 400, response.content
    assert response.json()["error"]
    assert nothing_stored()


def test_a_bad_statement_in_a_multipart_batch_stores_no_attachment(lrs):
    body, content_type = multipart(
        [with_text_attachment(), statement(verb={"id": "not an iri"})], [attachment_part(TEXT)]
    )
    assert post_statements(lrs, body, content_type).status_code == 400
    assert nothing_stored()


# --------------------------------------------------------------------------------------------------
# Returning attachments (Communication 2.1.3.s2.b6-b7)
# --------------------------------------------------------------------------------------------------


def test_get_with_attachments_true_returns_multipart_with_the_content(lrs):
    body, content_type = multipart(with_text_attachment(), [attachment_part(TEXT)])
    [statement_id] = post_statements(lrs, body, content_type).json()

    response = lrs.get(url("/xapi/statements", attachments=True, limit=1))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("multipart/mixed; boundary=")
    parts = split_response(response)
    result = json.loads(parts[0][1])
    assert [s["id"] for s in result["statements"]] == [statement_id] and "more" in result
    assert parts[0][0]["content-type"] == "application/json"
    [(headers, content)] = parts[1:]
    assert content == TEXT
    assert headers["x-experience-api-hash"] == TEXT_SHA2 and headers["content-transfer-encoding"] == "binary"

    single = lrs.get(url("/xapi/statements", statementId=statement_id, attachments=True))
    assert single.status_code == 200 and single["Last-Modified"]
    single_parts = split_response(single)
    assert json.loads(single_parts[0][1])["id"] == statement_id and single_parts[1][1] == TEXT


@pytest.mark.parametrize("params", [{}, {"attachments": False}], ids=["missing", "false"])
def test_get_without_attachments_is_plain_json(lrs, params):
    """ADL: 'should NOT return the attachment if attachments is missing / false'."""
    body, content_type = multipart(with_text_attachment(), [attachment_part(TEXT)])
    [statement_id] = post_statements(lrs, body, content_type).json()
    response = lrs.get(url("/xapi/statements", statementId=statement_id, **params))
    assert response["Content-Type"] == "application/json"
    assert response.json()["attachments"][0]["sha2"] == TEXT_SHA2
    assert TEXT not in response.content


def test_attachments_parameter_must_be_boolean(lrs):
    assert lrs.get(url("/xapi/statements", attachments="yes")).status_code == 400


# --------------------------------------------------------------------------------------------------
# The parser on its own
# --------------------------------------------------------------------------------------------------


def test_parser_accepts_preamble_newlines_and_epilogue_and_keeps_binary_bytes():
    raw = bytes(range(256))
    body = (
        b"\r\n--b\r\nContent-Type: application/json\r\n\r\n[]\r\n--b\r\nX-Experience-API-Hash: h\r\n\r\n"
        + raw
        + b"\r\n--b--\r\nepilogue"
    )
    parts = parse_multipart(body, "multipart/mixed; boundary=b")
    assert parts[0] == ({"content-type": "application/json"}, b"[]")
    assert parts[1] == ({"x-experience-api-hash": "h"}, raw)


def test_parser_refuses_text_after_a_boundary():
    with pytest.raises(AttachmentError):
        parse_multipart(b"--b\r\nA: 1\r\n\r\nx\r\n--bb\r\n\r\n--b--", "multipart/mixed; boundary=b")


# --------------------------------------------------------------------------------------------------
# Signed statements (Data 2.6), as ADL's E.Data2.6-SignedStatements.js sends them
# --------------------------------------------------------------------------------------------------


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def signed(data, *, alg="RS256", content_type="application/octet-stream", payload=None):
    """A multipart body with ``data`` signed as a JWS (the RSA signature itself is not checked here)."""
    header = b64url(json.dumps({"alg": alg}).encode())
    body = payload if payload is not None else json.dumps(data)
    jws = f"{header}.{b64url(body.encode())}.{b64url(b'signature-bytes')}".encode()
    usage = "http://adlnet.gov/expapi/attachments/signature"
    signature = attachment(jws, content_type, usageType=usage)
    return multipart({**data, "attachments": [signature]}, [attachment_part(jws, content_type)])


def test_a_well_formed_signature_is_accepted(lrs):
    body, content_type = signed(statement(id=new_id()))
    assert post_statements(lrs, body, content_type).status_code == 200


@pytest.mark.parametrize(
    "options",
    [
        {"content_type": "text/plain; charset=ascii"},  # Data 2.6.s4.b1
        {"alg": "HS256"},  # Data 2.6.s4.b4
        {"payload": json.dumps(statement()).replace('"', "'", 1)},  # Data 2.6.s4.b3: broken JSON
        {"payload": json.dumps(statement(verb={"id": "http://example.com/other"}))},  # not this statement
    ],
    ids=["content-type", "algorithm", "broken-json", "different-statement"],
)
def test_malformed_signatures_are_refused(lrs, options):
    body, content_type = signed(statement(), **options)
    response = post_statements(lrs, body, content_type)
    assert response.status_code == 400 and "sign" in response.json()["error"]
    assert nothing_stored()


def test_signed_durations_compare_to_a_hundredth_of_a_second(lrs):
    """Data 4.6 (and 2.6): precision beyond 0.01 s is not part of comparing a statement with its signed copy."""
    sent = statement(id=new_id(), result={"duration": "PT1.23S"})
    finer = json.dumps({**sent, "result": {"duration": "PT1.2389S"}})
    body, content_type = signed(sent, payload=finer)
    assert post_statements(lrs, body, content_type).status_code == 200
    other = statement(id=new_id(), result={"duration": "PT1.23S"})
    coarser = json.dumps({**other, "result": {"duration": "PT1.24S"}})
    body, content_type = signed(other, payload=coarser)
    response = post_statements(lrs, body, content_type)
    assert response.status_code == 400 and "sign" in response.json()["error"]


def test_signed_durations_inside_a_sub_statement_compare_the_same_way_under_2_0(db):
    lrs2 = make_client(HTTP_X_EXPERIENCE_API_VERSION="2.0.0")
    sub = {
        "objectType": "SubStatement",
        "actor": statement()["actor"],
        "verb": statement()["verb"],
        "object": {"id": "http://www.example.com/sub"},
        "result": {"duration": "PT2S"},
    }
    sent = statement(id=new_id(), object=sub)
    finer = json.dumps({**sent, "object": {**sub, "result": {"duration": "PT2.001S"}}})
    body, content_type = signed(sent, payload=finer)
    response = post_statements(lrs2, body, content_type)
    assert response.status_code == 200 and response["X-Experience-API-Version"] == "2.0.0"


def test_a_missing_attachment_file_leaves_its_body_out_instead_of_a_500(lrs):
    """The file of a stored attachment is gone: attachments=true still answers, with the consistent-through header."""
    body, content_type = multipart(with_text_attachment(), [attachment_part(TEXT)])
    [statement_id] = post_statements(lrs, body, content_type).json()
    Attachment.objects.get().content.delete(save=False)  # before the fix, every such query was a 500

    for target in (
        url("/xapi/statements", attachments=True),
        url("/xapi/statements", statementId=statement_id, attachments=True),
    ):
        response = lrs.get(target)
        assert response.status_code == 200 and response["X-Experience-API-Consistent-Through"]
        parts = split_response(response)
        assert len(parts) == 1 and statement_id in parts[0][1].decode()
