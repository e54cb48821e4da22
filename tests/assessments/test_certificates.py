"""Certificates: issued once per finished course (also across rebuilds), seen by their owner, revoked in the admin."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import ModelLogEntry

from assessments import services as quizzes
from assessments.certificates import (
    RESTORE_ACTION,
    REVOKE_ACTION,
    find_certificate,
    grouped_code,
    issue_certificate,
    normalise_code,
    restore_certificate,
    revoke_certificate,
)
from assessments.models import AssessmentPage, Certificate
from courses.models import CoursePage
from learning import services
from learning.models import Enrolment

from .conftest import form, right_answers


def finish_course(learner, course):
    """Every lesson done, as the "Mark as done" button does it, and the final test (if any) passed."""
    for lesson in course.lessons():
        services.record_lesson_completed(learner=learner, lesson=lesson)
    final_test = AssessmentPage.objects.live().child_of(course).first()
    if final_test is not None:
        attempt = quizzes.start_attempt(learner=learner, assessment=final_test)
        questions = [q for q in quizzes.attempt_questions(attempt) if q.kind != "practical"]
        quizzes.submit_attempt(learner=learner, attempt=attempt, data=form(right_answers(questions)))
    return Certificate.objects.get(learner=learner, course_key=course.translation_key)


@pytest.fixture
def certificate(learner, phone_course):
    return finish_course(learner, phone_course)


@pytest.mark.django_db
def test_finishing_a_course_issues_one_certificate(learner, phone_course):
    assert AssessmentPage.objects.live().child_of(phone_course).exists()
    lessons = list(phone_course.lessons())
    for lesson in lessons[:-1]:
        services.record_lesson_completed(learner=learner, lesson=lesson)
    assert not Certificate.objects.exists()
    services.record_lesson_completed(learner=learner, lesson=lessons[-1])
    assert not Certificate.objects.exists()  # the final test is still to pass

    certificate = finish_course(learner, phone_course)
    services.record_lesson_completed(learner=learner, lesson=lessons[-1])  # a second tap changes nothing

    assert Certificate.objects.get() == certificate
    enrolment = Enrolment.objects.get(learner=learner)
    english = CoursePage.objects.get(translation_key=phone_course.translation_key, locale__language_code="en")
    assert certificate.learner == learner
    assert certificate.enrolment == enrolment
    assert certificate.course_key == phone_course.translation_key
    assert certificate.learner_name == "李奶奶"
    assert certificate.course_title == phone_course.title
    assert certificate.course_title_en == english.title
    assert certificate.issued_at == enrolment.completed_at
    assert certificate.is_valid
    assert len(certificate.code) == 12


@pytest.mark.django_db
def test_a_course_without_a_final_test_is_finished_by_its_lessons(learner, phone_course):
    AssessmentPage.objects.child_of(phone_course).get().unpublish()
    for lesson in phone_course.lessons():
        services.record_lesson_completed(learner=learner, lesson=lesson)
    assert Certificate.objects.filter(learner=learner, course_key=phone_course.translation_key).count() == 1


@pytest.mark.django_db
def test_rebuilding_progress_keeps_the_one_certificate_and_relinks_it(certificate, learner):
    old_enrolment_id = certificate.enrolment_id

    call_command("rebuild_progress", stdout=open("/dev/null", "w"))  # noqa: SIM115

    rebuilt = Certificate.objects.get()
    new_enrolment = Enrolment.objects.get(learner=learner)
    assert new_enrolment.pk != old_enrolment_id
    assert rebuilt.enrolment == new_enrolment
    assert (rebuilt.code, rebuilt.issued_at, rebuilt.learner_name) == (
        certificate.code,
        certificate.issued_at,
        certificate.learner_name,
    )


@pytest.mark.django_db
def test_issuing_again_never_changes_a_certificate(certificate, learner, admin_user):
    learner.learner_profile.display_name = "李秀兰"
    learner.learner_profile.save()
    revoke_certificate(certificate=certificate, reason="Test", by=admin_user)

    again = issue_certificate(enrolment=Enrolment.objects.get(learner=learner))

    assert again.pk == certificate.pk
    assert again.learner_name == "李奶奶"  # the name it was issued with
    assert not again.is_valid  # a replay does not undo a revocation
    assert Certificate.objects.count() == 1


@pytest.mark.django_db
def test_revoke_and_restore_write_the_audit_log(certificate, admin_user):
    with pytest.raises(ValueError):
        revoke_certificate(certificate=certificate, reason="   ", by=admin_user)
    certificate.refresh_from_db()
    assert certificate.is_valid

    revoke_certificate(certificate=certificate, reason="Completed with someone else's account", by=admin_user)
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revoked_reason == "Completed with someone else's account"
    entry = ModelLogEntry.objects.get(action=REVOKE_ACTION, object_id=str(certificate.pk))
    assert entry.user == admin_user
    assert entry.data == {"reason": "Completed with someone else's account"}
    with translation.override("en"):
        assert entry.message == "Certificate revoked: Completed with someone else's account"

    restore_certificate(certificate=certificate, by=admin_user)
    certificate.refresh_from_db()
    assert certificate.is_valid and certificate.revoked_reason == ""
    assert ModelLogEntry.objects.filter(action=RESTORE_ACTION, object_id=str(certificate.pk)).count() == 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("abcd efgh jkmn", "ABCDEFGHJKMN"),
        ("ABCD-EFGH-JKMN", "ABCDEFGHJKMN"),
        ("ａｂｃｄ　ｅｆｇｈ　ｊｋｍｎ。", "ABCDEFGHJKMN"),  # full-width, as a phone's voice input types it
        (" abcd.efgh_jkmn ", "ABCDEFGHJKMN"),
        ("", ""),
    ],
)
def test_codes_are_normalised_as_people_type_them(typed, expected):
    assert normalise_code(typed) == expected


@pytest.mark.django_db
def test_find_certificate_ignores_case_and_spacing(certificate):
    assert find_certificate(grouped_code(certificate.code).lower()) == certificate
    assert find_certificate("x" * 200) is None
    assert find_certificate("") is None


# Learner pages -----------------------------------------------------------------------------------


def certificate_queries(client, url):
    """All queries of a request, and those that read certificates."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), [q["sql"] for q in queries if "assessments_certificate" in q["sql"]], response


@pytest.mark.django_db
def test_my_certificates_lists_them_in_one_query(certificate, learner, learner_client):
    url = "/en/assessments/certificates/"
    one_total, one_reads, _response = certificate_queries(learner_client, url)
    second = finish_course(learner, CoursePage.objects.get(slug="smart-agriculture", locale__language_code="zh-hans"))
    two_total, two_reads, response = certificate_queries(learner_client, url)

    assert len(one_reads) == len(two_reads) == 1
    assert one_total == two_total  # the page costs the same whatever the number of certificates
    html = response.content.decode()
    assert certificate.course_title_en in html and second.course_title_en in html
    assert html.index(second.course_title_en) < html.index(certificate.course_title_en)  # newest first
    assert f"/en/assessments/certificates/{certificate.code}/" in html


@pytest.mark.django_db
def test_my_certificates_without_any_points_to_the_courses(learner_client):
    html = learner_client.get("/en/assessments/certificates/").content.decode()
    assert "You have no certificates yet" in html
    assert 'href="/en/courses/"' in html


@pytest.mark.django_db
def test_profile_and_finished_course_link_to_the_certificates(certificate, learner_client, phone_course):
    assert "/assessments/certificates/" in learner_client.get("/accounts/profile/").content.decode()
    course_html = learner_client.get(phone_course.url).content.decode()
    assert f"/assessments/certificates/{certificate.code}/" in course_html


@pytest.mark.django_db
def test_certificate_page_shows_everything_a_certificate_needs(certificate, learner_client):
    response = learner_client.get(f"/en/assessments/certificates/{certificate.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Certificate of completion" in html
    assert certificate.learner_name in html
    assert certificate.course_title_en in html
    assert grouped_code(certificate.code) in html
    assert "Digital Literacy Classroom" in html  # issuer when the site setting is empty
    assert '<svg role="img" aria-label=' in html and 'class="certificate-qr"' in html
    assert f"http://testserver/en/verify/{certificate.code}/" in html
    assert f"/en/assessments/certificates/{certificate.code}/pdf/" in html
    assert "assessments/certificate.css" in html


@pytest.mark.django_db
def test_the_issuer_comes_from_the_site_setting_in_the_page_language(certificate, learner_client):
    from wagtail.models import Site

    from assessments.models import CertificateSettings

    settings = CertificateSettings.for_site(Site.objects.get(is_default_site=True))
    settings.issuer_name = "云南省数字乡村培训中心"
    settings.issuer_name_en = "Yunnan Digital Village Training Centre"
    settings.save()
    assert (
        "云南省数字乡村培训中心"
        in learner_client.get(f"/assessments/certificates/{certificate.code}/").content.decode()
    )
    english = learner_client.get(f"/en/assessments/certificates/{certificate.code}/").content.decode()
    assert "Yunnan Digital Village Training Centre" in english


@pytest.mark.django_db
def test_a_lowercase_code_leads_to_the_page(certificate, learner_client):
    response = learner_client.get(f"/assessments/certificates/{certificate.code.lower()}/")
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/certificates/{certificate.code}/"


@pytest.mark.django_db
def test_only_the_owner_and_certificate_staff_see_a_certificate(certificate, client, other_learner, admin_user):
    page = f"/assessments/certificates/{certificate.code}/"
    pdf = page + "pdf/"

    response = client.get(page)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    client.force_login(other_learner)
    assert client.get(page).status_code == 404
    assert client.get(pdf).status_code == 404
    assert client.get("/assessments/certificates/").content.decode().count(certificate.code) == 0

    client.force_login(admin_user)
    assert client.get(page).status_code == 200


@pytest.mark.django_db
def test_a_revoked_certificate_says_so_to_its_owner_and_offers_no_pdf(certificate, learner_client, admin_user):
    revoke_certificate(certificate=certificate, reason="Duplicate account", by=admin_user)
    html = learner_client.get(f"/en/assessments/certificates/{certificate.code}/").content.decode()
    assert "This certificate was revoked" in html
    assert "Duplicate account" in html
    assert "/pdf/" not in html
    response = learner_client.get(f"/en/assessments/certificates/{certificate.code}/pdf/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/assessments/certificates/{certificate.code}/"


# Admin -------------------------------------------------------------------------------------------


@pytest.fixture
def staff(django_user_model):
    """An admin user who may use the Wagtail admin, with no certificate permissions yet."""
    group = Group.objects.create(name="Certificate test staff")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user(username="staff", password="x-staff-pass-2026")
    user.groups.add(group)
    return user, group


def grant(group, codename):
    group.permissions.add(Permission.objects.get(content_type__app_label="assessments", codename=codename))


@pytest.mark.django_db
def test_admin_lists_searches_and_filters_certificates(certificate, admin_client, admin_user):
    other = finish_course(
        certificate.learner, CoursePage.objects.get(slug="smart-agriculture", locale__language_code="zh-hans")
    )
    revoke_certificate(certificate=other, reason="Test", by=admin_user)

    html = admin_client.get("/admin/certificates/").content.decode()
    assert certificate.code in html and other.code in html
    assert "/admin/certificates/add/" not in html and "/admin/certificates/new/" not in html

    found = admin_client.get("/admin/certificates/", {"q": grouped_code(certificate.code).lower()}).content.decode()
    assert certificate.code in found and other.code not in found
    by_name = admin_client.get("/admin/certificates/", {"q": "李奶奶"}).content.decode()
    assert certificate.code in by_name and other.code in by_name

    valid = admin_client.get("/admin/certificates/", {"status": "valid"}).content.decode()
    assert certificate.code in valid and other.code not in valid
    revoked = admin_client.get("/admin/certificates/", {"status": "revoked"}).content.decode()
    assert other.code in revoked and certificate.code not in revoked
    assert f"/admin/certificates/restore/{other.pk}/" in revoked


@pytest.mark.django_db
def test_admin_revokes_with_a_reason_and_can_restore(certificate, admin_client):
    url = f"/admin/certificates/revoke/{certificate.pk}/"
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(url, {"reason": "  "})
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.is_valid  # a reason is required; nothing changed

    response = admin_client.post(url, {"reason": "Exam taken by a relative"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert not certificate.is_valid and certificate.revoked_reason == "Exam taken by a relative"

    history = admin_client.get(f"/admin/certificates/history/{certificate.pk}/").content.decode()
    assert "Exam taken by a relative" in history

    assert admin_client.post(f"/admin/certificates/restore/{certificate.pk}/").status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_valid


@pytest.mark.django_db
def test_admin_revoke_needs_the_change_permission(certificate, client, staff):
    user, group = staff
    client.force_login(user)
    revoke = f"/admin/certificates/revoke/{certificate.pk}/"

    assert client.get("/admin/certificates/").status_code in (302, 403)
    assert client.post(revoke, {"reason": "No right to do this"}).status_code in (302, 403)

    grant(group, "view_certificate")
    listing = client.get("/admin/certificates/")
    assert listing.status_code == 200 and certificate.code in listing.content.decode()
    assert revoke not in listing.content.decode()
    assert client.get(f"/admin/certificates/inspect/{certificate.pk}/").status_code == 200
    assert client.post(revoke, {"reason": "No right to do this"}).status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.is_valid

    grant(group, "change_certificate")
    assert revoke in client.get("/admin/certificates/").content.decode()
    assert client.post(revoke, {"reason": "Checked by the county office"}).status_code == 302
    certificate.refresh_from_db()
    assert not certificate.is_valid
    assert ModelLogEntry.objects.get(action=REVOKE_ACTION).user == user


@pytest.mark.django_db
def test_admin_has_no_add_edit_or_delete_views(certificate, admin_client):
    for url in ("/admin/certificates/new/", f"/admin/certificates/edit/{certificate.pk}/"):
        assert admin_client.get(url).status_code == 404
    assert admin_client.post(f"/admin/certificates/delete/{certificate.pk}/").status_code == 404
    assert Certificate.objects.filter(pk=certificate.pk).exists()
