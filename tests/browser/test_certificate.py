"""A certificate on a 360x740 phone, printed on A4 landscape by Chromium, and checked at /verify/.

The certificate is earned through the real services (every lesson done, the final test passed) in
the development server's database; the browser then finds it from the profile page as a learner would.
"""

import re
import subprocess
from urllib.parse import urlsplit

import pytest

from .conftest import ARTIFACTS, screenshot
from .test_accessibility import DESCRIBE, LAYOUT_CHECKS, TARGET_CHECKS, axe_violations

pytestmark = pytest.mark.browser

LEARNER = ("learner2@example.com", "learner-demo-2026", "张小明")
EARN_CERTIFICATE = """
from wagtail.models import Site
from assessments.models import CertificateSettings
from courses.models import CoursePage
from django.contrib.auth import get_user_model
from tests.assessments.test_certificates import finish_course

settings = CertificateSettings.for_site(Site.objects.get(is_default_site=True))
settings.issuer_name = "数字素养课堂培训中心"
settings.issuer_name_en = "Digital Literacy Classroom Training Centre"
settings.save()
learner = get_user_model().objects.get(username="learner2")
course = CoursePage.objects.get(slug="livestream-selling", locale__language_code="zh-hans")
print(finish_course(learner, course).code)
"""


@pytest.fixture(scope="module")
def certificate_code(live_manage):
    output = live_manage("shell", "-c", EARN_CERTIFICATE)
    return output.strip().splitlines()[-1]


def check_page(page, name):
    """axe-core, touch targets and reflow, as tests/browser/test_accessibility.py checks every page."""
    page.evaluate(f"() => {{ {DESCRIBE} }}")
    problems = axe_violations(page, "normal")
    problems += page.evaluate(TARGET_CHECKS, [48, 48])
    problems += page.evaluate(LAYOUT_CHECKS)
    assert not problems, f"{name}:\n" + "\n".join(problems)


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def learner_phone(browser, live_site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_site}/accounts/login/")
    page.fill("#id_login", LEARNER[0])
    page.fill("#id_password", LEARNER[1])
    page.locator("#main form[action*=login] button[type=submit]").first.click()
    page.wait_for_load_state()
    yield page
    context.close()


def test_learner_finds_views_and_prints_the_certificate(learner_phone, live_site, certificate_code, tmp_path):
    page = learner_phone
    page.goto(f"{live_site}/accounts/profile/")
    page.locator("#main a[href$='/assessments/certificates/']").click()
    assert page.locator(".certificate-list li").count() == 1
    check_page(page, "certificate list")
    screenshot(page, "certificate-zh-1-list")

    page.locator(".certificate-list a").click()
    assert urlsplit(page.url).path == f"/assessments/certificates/{certificate_code}/"
    assert page.locator(".certificate-name").inner_text() == LEARNER[2]
    assert page.locator("svg.certificate-qr").is_visible()
    check_page(page, "certificate page")
    screenshot(page, "certificate-zh-2-page")
    page.locator(".certificate-footer").scroll_into_view_if_needed()
    screenshot(page, "certificate-zh-3-page-footer")

    # Printed: only the certificate, on one A4 landscape page.
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden() and page.locator(".form-actions").is_hidden()
    printed = tmp_path / "printed.pdf"
    printed.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
    info = run("pdfinfo", str(printed))
    assert re.search(r"Pages:\s+1\n", info), info
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - 841.9) < 1 and abs(height - 595.3) < 1, info  # A4 landscape
    text = " ".join(run("pdftotext", str(printed), "-").split())
    assert LEARNER[2] in text and certificate_code[:4] in text and "数字素养课堂培训中心" in text
    run("pdftoppm", "-png", "-r", "60", "-singlefile", str(printed), str(ARTIFACTS / "certificate-zh-4-print"))
    page.emulate_media(media="screen")

    # The page's own PDF link downloads the PDF.
    with page.expect_download() as download_info:
        page.locator(f"a[href$='/{certificate_code}/pdf/']").click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{certificate_code}.pdf"
    assert LEARNER[2] in run("pdftotext", download.path(), "-")


def test_certificate_page_in_english_and_extra_large_text(learner_phone, live_site, certificate_code):
    page = learner_phone
    page.goto(f"{live_site}/en/assessments/certificates/{certificate_code}/")
    assert "Certificate of completion" in page.locator("h1").inner_text()
    assert "Digital Literacy Classroom Training Centre" in page.locator(".certificate-facts").inner_text()
    screenshot(page, "certificate-en-page")
    page.context.add_cookies([{"name": "lms_display", "value": "xlarge.normal.0.0", "url": live_site}])
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "certificate-en-page-xlarge")


def test_anyone_checks_a_certificate(phone, live_site, certificate_code):
    phone.goto(f"{live_site}/verify/")
    phone.fill("#id_code", " ".join(certificate_code[i : i + 4] for i in range(0, 12, 4)).lower())
    screenshot(phone, "verify-zh-1-form")
    phone.locator("#main form button[type=submit]").click()
    assert urlsplit(phone.url).path == f"/verify/{certificate_code}/"
    assert phone.locator(".verify-valid").count() == 1
    assert LEARNER[2] in phone.locator(".verify-facts").inner_text()
    check_page(phone, "verify page")
    screenshot(phone, "verify-zh-2-valid")

    response = phone.goto(f"{live_site}/en/verify/ABCDEFGHJKMN/")
    assert response.status == 404
    assert phone.locator(".verify-unknown").count() == 1
    check_page(phone, "unknown code page")
    screenshot(phone, "verify-en-3-unknown")
