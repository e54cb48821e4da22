"""Certificates as A4 landscape PDFs, with Chinese text in an embedded, subsetted Noto Sans CJK SC.

fpdf2 (pure Python) embeds the CFF-outline OpenType font from Debian's ``fonts-noto-cjk`` (SIL Open
Font License 1.1, which allows embedding) as a subset holding only the glyphs used: a certificate is
about 13 KB. ReportLab's TTFont cannot read CFF outlines, and WeasyPrint would bring Pango and a second
HTML layout engine for one page. Subsetting the 20 MB font collection costs about a second of CPU,
so finished PDFs are kept in the cache.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

import segno
from django.core.cache import cache
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fontTools.ttLib import TTCollection
from fpdf import FPDF

# Where Debian's fonts-noto-cjk puts its font collections (the same path on Ubuntu).
FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"),)
FONT_FILES = {"": "NotoSansCJK-Regular.ttc", "B": "NotoSansCJK-Bold.ttc"}
FONT_FAMILY = "Noto Sans CJK SC"
CACHE_SECONDS = 7 * 24 * 3600

PAGE_W, PAGE_H = 297, 210  # A4 landscape, mm
BRAND = (11, 92, 173)
INK = (27, 27, 27)
INK_SOFT = (61, 61, 61)
QR_SIZE = 38


class CertificateFontMissing(RuntimeError):
    """The CJK font is not installed, so no PDF with Chinese text can be made."""


@lru_cache(maxsize=1)
def find_fonts():
    """``{style: (path, index in the collection)}`` of Noto Sans CJK SC, found in the installed Debian package."""
    found = {}
    for style, name in FONT_FILES.items():
        for folder in FONT_DIRS:
            path = folder / name
            if path.is_file():
                collection = TTCollection(str(path), lazy=True)
                index = next(
                    (i for i, font in enumerate(collection.fonts) if font["name"].getDebugName(1) == FONT_FAMILY),
                    None,
                )
                if index is not None:
                    found[style] = (str(path), index)
                    break
        if style not in found:
            find_fonts.cache_clear()
            raise CertificateFontMissing(
                f"{FONT_FAMILY} ({name}) was not found in {', '.join(map(str, FONT_DIRS))}. "
                "Install Debian's fonts-noto-cjk package: apt-get install fonts-noto-cjk"
            )
    return found


def _fit_size(pdf, text, style, size, width, min_size=10):
    """The largest font size up to ``size`` (and not below ``min_size``) at which ``text`` fits on one line."""
    pdf.set_font("cjk", style, size)
    while size > min_size and pdf.get_string_width(text) > width:
        size -= 1
        pdf.set_font("cjk", style, size)
    return size


def _centred(pdf, y, text, *, size, style="", colour=INK, width=230):
    size = _fit_size(pdf, text, style, size, width, min_size=min(size, 18))
    pdf.set_text_color(*colour)
    pdf.set_xy((PAGE_W - width) / 2, y)
    # Very long texts (a course title) wrap onto more lines at 18 pt rather than shrink further.
    pdf.multi_cell(width, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    return pdf.get_y()


def _draw_qr(pdf, url, x, y, size):
    """The QR code as filled rectangles (one per run of dark modules): sharp at any zoom, no image."""
    qr = segno.make(url, error="m")
    matrix = qr.matrix
    module = size / len(matrix)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x - 2 * module, y - 2 * module, size + 4 * module, size + 4 * module, style="F")
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(matrix):
        start = None
        for col_index, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                pdf.rect(x + start * module, y + row_index * module, (col_index - start) * module, module, style="F")
                start = None


def render_certificate_pdf(text):
    """The PDF bytes of a certificate (``certificates.CertificateText``) in the active language."""
    fonts = find_fonts()
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 20, 20)
    for style, (path, index) in fonts.items():
        pdf.add_font("cjk", style, path, collection_font_number=index)
    english = (get_language() or "").startswith("en")
    pdf.set_lang("en" if english else "zh-CN")
    title = _("Certificate of completion")
    pdf.set_title(f"{title}: {text.learner_name}, {text.course_title}")
    pdf.set_author(text.issuer)
    pdf.set_creator(_("Digital Literacy Classroom"))
    pdf.add_page()

    # Frame: a thick and a thin line in the brand colour.
    pdf.set_draw_color(*BRAND)
    pdf.set_line_width(1.6)
    pdf.rect(10, 10, PAGE_W - 20, PAGE_H - 20)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, PAGE_W - 28, PAGE_H - 28)

    _centred(pdf, 28, title, size=34, style="B", colour=BRAND)
    _centred(pdf, 52, _("This certifies that"), size=15, colour=INK_SOFT)
    bottom = _centred(pdf, 63, text.learner_name, size=32, style="B")
    pdf.set_draw_color(*INK_SOFT)
    pdf.set_line_width(0.3)
    pdf.line(PAGE_W / 2 - 60, bottom + 2, PAGE_W / 2 + 60, bottom + 2)
    _centred(pdf, bottom + 8, _("has completed the course"), size=15, colour=INK_SOFT)
    _centred(pdf, bottom + 19, text.course_title, size=24, style="B", colour=BRAND)

    # Date, issuer and code at the bottom left; the QR code at the bottom right.
    qr_x, qr_y = PAGE_W - 24 - QR_SIZE, PAGE_H - 30 - QR_SIZE
    rows = (
        (_("Date"), date_format(text.issued_on, "DATE_FORMAT")),
        (_("Issued by"), text.issuer),
        (_("Verification code"), text.grouped_code),
    )
    y = PAGE_H - 62
    for label, value in rows:
        pdf.set_xy(26, y)
        pdf.set_text_color(*INK_SOFT)
        pdf.set_font("cjk", "", 12)
        pdf.cell(44, 8, label)
        pdf.set_text_color(*INK)
        _fit_size(pdf, value, "B", 14, qr_x - 80)
        pdf.cell(qr_x - 80, 8, value)
        y += 10
    pdf.set_xy(26, y + 1)
    pdf.set_text_color(*INK_SOFT)
    pdf.set_font("cjk", "", 10)
    pdf.cell(qr_x - 36, 6, f"{_('Check this certificate at:')} {text.verify_url}", link=text.verify_url)

    _draw_qr(pdf, text.verify_url, qr_x, qr_y, QR_SIZE)
    pdf.set_xy(qr_x - 6, qr_y + QR_SIZE + 2)
    pdf.set_font("cjk", "", 9)
    pdf.cell(QR_SIZE + 12, 5, _("Scan to check"), align="C")
    return bytes(pdf.output())


def certificate_pdf(*, certificate, text):
    """The certificate's PDF, from the cache when the same certificate was asked for in the same words."""
    key_source = "|".join(
        (certificate.code, get_language() or "", str(certificate.revoked_at), repr(text), "v1")
    ).encode()
    key = "certificate-pdf:" + hashlib.sha256(key_source).hexdigest()
    data = cache.get(key)
    if data is None:
        data = render_certificate_pdf(text)
        cache.set(key, data, CACHE_SECONDS)
    return data
