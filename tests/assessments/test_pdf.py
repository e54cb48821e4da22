"""The certificate PDF: Chinese text in an embedded subset of Noto Sans CJK, checked with poppler-utils.

The PDF is turned into text (``pdftotext``) and into a picture (``pdftoppm``, saved under
artifacts/screenshots/), and the QR code is read back from that picture.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from wagtail.models import Site

from assessments import pdf
from assessments.certificates import grouped_code
from assessments.models import CertificateSettings

from .test_certificates import finish_course

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def require(what, reason):
    """Skip when a system package is missing, unless the run demands everything (LMS_REQUIRE_BROWSER)."""
    if os.environ.get("LMS_REQUIRE_BROWSER"):
        pytest.fail(f"{reason} is required but missing.")
    pytest.skip(f"{reason} is not installed ({what}).")


@pytest.fixture(autouse=True)
def system_packages():
    try:
        pdf.find_fonts()
    except pdf.CertificateFontMissing:
        require("apt-get install fonts-noto-cjk", "The Noto Sans CJK font")
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm") and shutil.which("pdffonts")):
        require("apt-get install poppler-utils", "poppler-utils")


@pytest.fixture
def certificate(learner, phone_course):
    learner.learner_profile.display_name = "张秀英"
    learner.learner_profile.save()
    settings = CertificateSettings.for_site(Site.objects.get(is_default_site=True))
    settings.issuer_name = "云南省数字乡村培训中心"
    settings.issuer_name_en = "Yunnan Digital Village Training Centre"
    settings.save()
    return finish_course(learner, phone_course)


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def download(client, url, tmp_path, name):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(response.content)
    return path


def read_qr(png):
    import zxingcpp
    from PIL import Image

    return [result.text for result in zxingcpp.read_barcodes(Image.open(png))]


@pytest.mark.django_db
def test_chinese_pdf_has_the_learner_course_code_and_a_working_qr(certificate, learner_client, tmp_path):
    path = download(learner_client, f"/assessments/certificates/{certificate.code}/pdf/", tmp_path, "zh")

    text = run("pdftotext", "-layout", str(path), "-")
    assert "张秀英" in text
    assert certificate.course_title in text
    assert grouped_code(certificate.code) in text
    assert "云南省数字乡村培训中心" in text
    assert f"{certificate.issued_at.astimezone().year}" in text

    fonts = run("pdffonts", str(path))
    font_line = next(line for line in fonts.splitlines() if "NotoSansCJKSC" in line)
    assert font_line.split()[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, with a Unicode map
    assert path.stat().st_size < 60_000, "the font must be subsetted"

    info = run("pdfinfo", str(path))
    assert re.search(r"Pages:\s+1\n", info)
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts", info)  # A4 landscape

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    run("pdftoppm", "-png", "-r", "100", "-singlefile", str(path), str(ARTIFACTS / "certificate-pdf-zh"))
    png = ARTIFACTS / "certificate-pdf-zh.png"
    assert read_qr(png) == [f"http://testserver/verify/{certificate.code}/"]


@pytest.mark.django_db
def test_english_pdf_uses_the_english_titles(certificate, learner_client, tmp_path):
    path = download(learner_client, f"/en/assessments/certificates/{certificate.code}/pdf/", tmp_path, "en")
    text = " ".join(run("pdftotext", str(path), "-").split())
    assert "Certificate of completion" in text
    assert "张秀英" in text
    assert certificate.course_title_en in text
    assert "Yunnan Digital Village Training Centre" in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    run("pdftoppm", "-png", "-r", "100", "-singlefile", str(path), str(ARTIFACTS / "certificate-pdf-en"))
    assert read_qr(ARTIFACTS / "certificate-pdf-en.png") == [f"http://testserver/en/verify/{certificate.code}/"]


@pytest.mark.django_db
def test_a_very_long_course_title_stays_on_the_page(certificate, learner_client, tmp_path):
    certificate.course_title = "智能手机入门：" + "从开机、充电、联网到视频通话、移动支付和防范电信诈骗的完整课程" * 2
    certificate.learner_name = "欧阳娜娜" * 8
    certificate.save()
    path = download(learner_client, f"/assessments/certificates/{certificate.code}/pdf/", tmp_path, "long")
    assert re.search(r"Pages:\s+1\n", run("pdfinfo", str(path)))
    text = "".join(run("pdftotext", str(path), "-").split())
    assert certificate.learner_name in text
    assert "防范电信诈骗的完整课程" in text


@pytest.mark.django_db
def test_a_missing_font_is_a_clear_error(certificate, learner_client, monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "FONT_DIRS", (tmp_path,))
    pdf.find_fonts.cache_clear()
    try:
        with pytest.raises(pdf.CertificateFontMissing, match="apt-get install fonts-noto-cjk"):
            pdf.find_fonts()
        response = learner_client.get(f"/en/assessments/certificates/{certificate.code}/pdf/")
        assert response.status_code == 503
        assert "The PDF cannot be made on this server at the moment" in response.content.decode()
    finally:
        monkeypatch.undo()
        pdf.find_fonts.cache_clear()
