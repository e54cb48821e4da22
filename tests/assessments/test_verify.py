"""/verify/<code>/: anyone may check a certificate; the page says valid, revoked or unknown, and nothing more."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.certificates import grouped_code, revoke_certificate

from .test_certificates import finish_course


@pytest.fixture
def certificate(learner, phone_course):
    learner.email = "li.nainai@example.com"
    learner.save()
    return finish_course(learner, phone_course)


def main_text(response):
    html = response.content.decode()
    return re.search(r"<main.*</main>", html, re.S).group(0)


@pytest.mark.django_db
def test_a_valid_certificate(certificate, client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/en/verify/{certificate.code}/")
    # One read of the certificate, one of the site's certificate settings (the rest is the base template's).
    reads = [q for q in queries if q["sql"].startswith('SELECT "assessments_certificate')]
    assert len(reads) == 2
    html = main_text(response)
    assert response.status_code == 200
    assert "This certificate is valid." in html
    assert certificate.learner_name in html
    assert certificate.course_title_en in html
    assert grouped_code(certificate.code) in html
    assert "Digital Literacy Classroom" in html
    assert re.search(r"\d{4}", html)  # the date
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.mark.django_db
def test_the_chinese_page_works_without_prefix(certificate, client):
    response = client.get(f"/verify/{certificate.code}/")
    assert response.status_code == 200
    assert certificate.course_title in main_text(response)


@pytest.mark.django_db
def test_nothing_personal_beyond_name_and_course(certificate, client, admin_user):
    revoke_certificate(certificate=certificate, reason="Private note about 13800000001", by=admin_user)
    learner = certificate.learner
    for response in (client.get(f"/verify/{certificate.code}/"), client.get(f"/en/verify/{certificate.code}/")):
        html = response.content.decode()
        for secret in (
            learner.phone,
            "13800000001",
            learner.email,
            learner.username,
            str(learner.xapi_id),
            f'"{learner.pk}"',
            "Private note",
        ):
            assert secret not in html, secret


@pytest.mark.django_db
def test_a_revoked_certificate_is_not_valid(certificate, client, admin_user):
    revoke_certificate(certificate=certificate, reason="Duplicate", by=admin_user)
    response = client.get(f"/en/verify/{certificate.code}/")
    html = main_text(response)
    assert response.status_code == 200
    assert "This certificate is not valid: it was revoked." in html
    assert "It was revoked on" in html
    assert "This certificate is valid." not in html


@pytest.mark.django_db
def test_an_unknown_code_is_a_friendly_404(client, db):
    response = client.get("/en/verify/ABCDEFGHJKMN/")
    html = main_text(response)
    assert response.status_code == 404
    assert "There is no certificate with this code." in html
    assert 'name="code"' in html and 'value="ABCD EFGH JKMN"' in html  # ready to correct and try again


@pytest.mark.django_db
def test_codes_are_case_insensitive_and_may_be_typed_with_spaces(certificate, client):
    response = client.get(f"/en/verify/{certificate.code.lower()}/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/verify/{certificate.code}/"

    typed = grouped_code(certificate.code).lower().replace(" ", "-")
    response = client.get("/en/verify/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/en/verify/{certificate.code}/"


@pytest.mark.django_db
def test_the_form_page_and_a_mistyped_code(client, db):
    form = client.get("/en/verify/")
    assert form.status_code == 200
    html = main_text(form)
    assert "Check a certificate" in html and 'name="code"' in html and 'autocapitalize="characters"' in html

    response = client.get("/en/verify/", {"code": "ABC 0O1"})
    assert response.status_code == 400
    assert "A verification code has 12 letters and digits" in main_text(response)
    assert client.get("/en/verify/", {"code": ""}).status_code == 400
