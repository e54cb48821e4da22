"""Reading a list of learners from a CSV or XLSX file, with an error in plain words for every bad row.

Excel on Chinese Windows saves CSV as GBK, newer versions as UTF-8 with a byte-order mark; both are
read. Nothing is created here: the view shows a preview, and ``services.import_learners`` creates all
rows or none.
"""

import csv
import io
import zipfile
from xml.parsers import expat

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accessibility.text import normalise_typed_text
from accounts.phone import display_phone, normalise_phone

MAX_ROWS = 500
MAX_BYTES = 2 * 1024 * 1024
NAME_MAX = 60
# Template headings, and other headings people use, for each column (compared without case or spaces).
COLUMNS = {"name": _("Name"), "phone": _("Mobile phone (optional)")}
ALIASES = {
    "name": {"name", "姓名", "名字", "学员姓名", "learner", "learnername"},
    "phone": {"phone", "mobile", "mobilephone", "手机", "手机号", "手机号码", "电话", "电话号码"},
}
# What is read at most: the template's columns and a few more (further columns are ignored), and
# rows, empty ones included.
MAX_COLUMNS = len(COLUMNS) + 8
MAX_SHEET_ROWS = 2000
# A list of 500 learners is a few hundred KB of spreadsheet XML. An XLSX file is a zip archive whose
# directory declares what each part unpacks to, and zipfile never returns more than that: a file that
# declares more is refused before anything is unpacked (zip bombs). Parts above XLSX_RATIO_FROM may
# not be packed tighter than MAX_XLSX_RATIO (real spreadsheets pack 5-20 times).
MAX_XLSX_UNPACKED = 20 * 1024 * 1024
MAX_XLSX_PARTS = 200
XLSX_RATIO_FROM = 1024 * 1024
MAX_XLSX_RATIO = 100
# XML elements (cells, shared strings, styles, ...) counted while streaming every part, before
# openpyxl builds an object for each.
MAX_XLSX_ELEMENTS = 100_000
SPREADSHEET_ROW = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}row"


# A name beginning with one of these is a spreadsheet formula ("=HYPERLINK(...)"), not a person's name.
FORMULA_STARTS = ("=", "+", "-", "@")


def name_looks_like_formula(name):
    """True for a name a spreadsheet would run as a formula: the preview refuses the row."""
    return name.startswith(FORMULA_STARTS)


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong type, empty, no name column, too big)."""


def template_columns():
    return list(COLUMNS.items())


def _heading_key(text):
    return "".join(str(text or "").split()).lower().replace("（", "(").replace("）", ")")


def _known_headings():
    known = {}
    for key, names in ALIASES.items():
        for name in names:
            known[_heading_key(name)] = key
    for code in ("zh-hans", "en"):
        with translation.override(code):
            for key, heading in COLUMNS.items():
                known[_heading_key(str(heading))] = key
    return known


def decode_csv(data):
    """Text of a CSV file in UTF-8 (with or without BOM) or GBK/GB18030, as Excel writes them."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The file's text could not be read. Save it from Excel as “CSV UTF-8”.")) from error


def _too_many_rows():
    return ImportFileError(
        _("The file has more than %(rows)s rows. Split it into files of at most 500 learners.")
        % {"rows": MAX_SHEET_ROWS}
    )


def _raw_rows(upload):
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is too big. Split it into files of at most 500 learners."))
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    name = (getattr(upload, "name", "") or "").lower()
    if data.startswith(b"PK") or name.endswith(".xlsx"):
        return _xlsx_rows(data)
    if name and not name.endswith((".csv", ".txt")):
        raise ImportFileError(_("Please upload a CSV or XLSX file (Excel: Save as → CSV UTF-8 or Excel workbook)."))
    text = decode_csv(data)
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t，")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            if len(rows) == MAX_SHEET_ROWS:
                raise _too_many_rows()
            rows.append(row[:MAX_COLUMNS])
    except csv.Error as error:
        raise ImportFileError(_("The file's text could not be read. Save it from Excel as “CSV UTF-8”.")) from error
    return rows


def _unreadable_xlsx():
    return ImportFileError(_("This XLSX file could not be opened. Save it again from Excel and retry."))


def _oversized_xlsx():
    return ImportFileError(
        _(
            "This XLSX file holds far more than a list of learners needs. "
            "Copy the list into a new, empty workbook, save it and retry."
        )
    )


def check_xlsx_archive(data):
    """Refuse an XLSX file from its zip directory alone: nothing is unpacked yet.

    Then stream its XML, counting rows and elements without keeping them, so openpyxl only ever builds
    a bounded workbook. Raises ImportFileError.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise _unreadable_xlsx() from error
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_XLSX_PARTS or sum(part.file_size for part in parts) > MAX_XLSX_UNPACKED:
            raise _oversized_xlsx()
        for part in parts:
            # Excel deflates; other methods (bzip2, LZMA) decompress without zipfile's size bound.
            if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _unreadable_xlsx()
            if part.file_size > XLSX_RATIO_FROM and part.file_size > MAX_XLSX_RATIO * max(part.compress_size, 1):
                raise _oversized_xlsx()
        _count_elements(archive, parts)


def _count_elements(archive, parts):
    """Stream every XML part with expat (no tree is built), refusing too many rows or elements."""
    counts = {"elements": 0, "rows": 0}

    def start(name, _attributes):
        counts["elements"] += 1
        if counts["elements"] > MAX_XLSX_ELEMENTS:
            raise _oversized_xlsx()
        if name == SPREADSHEET_ROW:
            counts["rows"] += 1
            if counts["rows"] > MAX_SHEET_ROWS:
                raise _too_many_rows()

    def refuse_dtd(*_args):
        raise _unreadable_xlsx()  # spreadsheets have no DTDs; entities could expand (billion laughs)

    for part in parts:
        parser = expat.ParserCreate(namespace_separator="}")
        parser.StartElementHandler = start
        parser.StartDoctypeDeclHandler = refuse_dtd
        parser.EntityDeclHandler = refuse_dtd
        try:
            with archive.open(part) as stream:
                if not stream.read(512).removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<"):
                    continue  # not XML (a picture, a binary part): openpyxl does not parse it
            with archive.open(part) as stream:
                parser.ParseFile(stream)
        except ImportFileError:
            raise
        except (expat.ExpatError, zipfile.BadZipFile, OSError, ValueError) as error:
            raise _unreadable_xlsx() from error


def _xlsx_rows(data):
    from openpyxl import load_workbook

    check_xlsx_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _unreadable_xlsx() from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        # Bounded whatever the sheet's declared dimensions: openpyxl pads rows up to them.
        for values in sheet.iter_rows(max_row=MAX_SHEET_ROWS, max_col=MAX_COLUMNS, values_only=True):
            rows.append(["" if value is None else _cell_text(value) for value in values])
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError) as error:
        raise _unreadable_xlsx() from error
    finally:
        workbook.close()
    return rows


def _cell_text(value):
    # Excel stores a typed phone number as a number: 13800000001.0 must read as 13800000001.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_learners(upload):
    """(rows, errors): rows as dicts {row, name, phone}; errors as [(row number, message)]. Raises ImportFileError."""
    raw = [row for row in _raw_rows(upload) if any(str(cell).strip() for cell in row)]
    if not raw:
        raise ImportFileError(_("The file is empty."))
    known = _known_headings()
    header = [known.get(_heading_key(cell)) for cell in raw[0]]
    if "name" not in header:
        raise ImportFileError(
            _("The first row must hold the column headings, with one column called “%(name)s”.")
            % {"name": COLUMNS["name"]}
        )
    if len(raw) - 1 > MAX_ROWS:
        raise ImportFileError(_("The file has more than 500 learners. Split it into smaller files."))
    name_at = header.index("name")
    phone_at = header.index("phone") if "phone" in header else None
    rows, errors, phones_seen = [], [], {}
    User = get_user_model()
    for number, cells in enumerate(raw[1:], start=2):
        cells = [str(cell) for cell in cells]
        name = normalise_typed_text(cells[name_at] if name_at < len(cells) else "").strip()
        phone_text = (cells[phone_at] if phone_at is not None and phone_at < len(cells) else "").strip()
        row = {"row": number, "name": name, "phone": ""}
        if not name:
            errors.append((number, _("The name is missing.")))
        elif len(name) > NAME_MAX:
            errors.append((number, _("The name is longer than 60 characters.")))
        elif name_looks_like_formula(name):
            message = _("“%(name)s” is not a name: a name must not begin with =, +, - or @.")
            errors.append((number, message % {"name": name}))
        if phone_text:
            try:
                row["phone"] = normalise_phone(phone_text)
            except ValidationError:
                message = _("“%(phone)s” is not a mobile number (11 digits, e.g. 138 0013 8000).")
                errors.append((number, message % {"phone": phone_text}))
        if row["phone"]:
            if row["phone"] in phones_seen:
                message = _("The mobile number is the same as in row %(other)s.")
                errors.append((number, message % {"other": phones_seen[row["phone"]]}))
            else:
                phones_seen[row["phone"]] = number
        rows.append(row)
    taken = set(User.objects.filter(phone__in=list(phones_seen)).values_list("phone", flat=True))
    for row in rows:
        if row["phone"] in taken:
            errors.append(
                (
                    row["row"],
                    _("%(phone)s already has an account. Add that learner by mobile number instead.")
                    % {"phone": display_phone(row["phone"])},
                )
            )
    errors.sort(key=lambda error: error[0])
    return rows, errors
