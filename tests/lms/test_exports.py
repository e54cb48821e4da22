"""lms.exports: the one exporter. Files are read back (csv module, openpyxl) and compared cell by cell."""

import csv
import datetime
import io
import tracemalloc
import zoneinfo

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lms.exports import UTF8_BOM, SpreadsheetExport, neutralise_formula

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

COLUMNS = [("name", _("Title")), ("count", "Count"), ("when", "When"), ("note", "Note")]
ROWS = [
    {"name": "王小明", "count": 3, "when": datetime.datetime(2026, 3, 1, 16, 30, tzinfo=datetime.UTC), "note": None},
    {"name": '=HYPERLINK("http://x")', "count": -2, "when": None, "note": "+86 138"},
    {"name": "-5", "count": 0, "when": None, "note": "@SUM(A1)"},
    {"name": "\tTab", "count": 1.5, "when": None, "note": "\rcr"},
    {"name": "a=b", "count": 7, "when": None, "note": 'plain, with comma "quoted"\nnew line'},
]
# What a CSV file must hold: formulas neutralised, times in Beijing time, numbers as numbers.
EXPECTED = [
    ["王小明", 3, datetime.datetime(2026, 3, 2, 0, 30), None],
    ['\'=HYPERLINK("http://x")', -2, None, "'+86 138"],
    ["'-5", 0, None, "'@SUM(A1)"],
    ["'\tTab", 1.5, None, "'\rcr"],
    ["a=b", 7, None, 'plain, with comma "quoted"\nnew line'],
]

# What an XLSX file must hold: the very text typed, as text cells (no apostrophe, no formula).
EXPECTED_XLSX = [
    ["王小明", 3, datetime.datetime(2026, 3, 2, 0, 30), None],
    ['=HYPERLINK("http://x")', -2, None, "+86 138"],
    ["-5", 0, None, "@SUM(A1)"],
    ["\tTab", 1.5, None, "\rcr"],
    ["a=b", 7, None, 'plain, with comma "quoted"\nnew line'],
]


def as_csv_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    return str(value)


def xml_newlines(row):
    # XML turns a carriage return into a line feed when the workbook is read back; Excel does the same.
    return [value.replace("\r", "\n") if isinstance(value, str) else value for value in row]


def read_csv(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(UTF8_BOM.encode("utf-8"))
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_xlsx(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_neutralise_formula():
    for trigger in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise_formula(f"{trigger}1") == f"'{trigger}1"
    assert neutralise_formula("") == ""
    assert neutralise_formula("1-2") == "1-2"
    assert neutralise_formula("'=x") == "'=x"


def test_csv_is_utf8_with_bom_translated_and_neutralised_cell_by_cell():
    export = SpreadsheetExport(columns=COLUMNS, filename="统计")
    with translation.override("zh-hans"):
        response = export.response(ROWS, "csv")
        rows = read_csv(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "filename*=utf-8''%E7%BB%9F%E8%AE%A1.csv" in response["Content-Disposition"]
    assert rows[0] == ["标题", "Count", "When", "Note"]
    assert rows[1:] == [[as_csv_text(value) for value in row] for row in EXPECTED]


def test_xlsx_holds_the_typed_text_as_text_cells_and_native_types():
    export = SpreadsheetExport(columns=COLUMNS, filename="report")
    with translation.override("en"):
        response = export.response(ROWS, "xlsx")
        body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Title", "Count", "When", "Note"]
    assert rows[1:] == [xml_newlines(row) for row in EXPECTED_XLSX]
    # Text cells, so Excel shows "+86 138" and never runs "=HYPERLINK(...)" as a formula.
    types = {cell.value: cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row if cell.value}
    assert types['=HYPERLINK("http://x")'] == types["+86 138"] == types["@SUM(A1)"] == types["-5"] == "s"
    assert types[-2] == "n"


def test_csv_and_xlsx_agree_apart_from_the_csv_apostrophe():
    export = SpreadsheetExport(columns=COLUMNS, filename="report")
    csv_rows = read_csv(export.response(ROWS, "csv"))
    xlsx_rows = read_xlsx(export.response(ROWS, "xlsx"))
    assert len(csv_rows) == len(xlsx_rows) == len(ROWS) + 1
    apostrophes = 0
    for csv_row, xlsx_row in zip(csv_rows, xlsx_rows, strict=True):
        for csv_cell, xlsx_cell in zip(xml_newlines(csv_row), xlsx_row, strict=True):
            if isinstance(xlsx_cell, str) and csv_cell == "'" + xlsx_cell:
                apostrophes += 1  # the CSV-only guard against formulas
            else:
                assert csv_cell == as_csv_text(xlsx_cell)
    assert apostrophes == 6


def test_xlsx_drops_control_characters_openpyxl_cannot_store():
    export = SpreadsheetExport(columns=[("name", "Name")], filename="x")
    assert read_xlsx(export.response([{"name": "a\x00b\x07c"}], "xlsx"))[1] == ["abc"]


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        SpreadsheetExport(columns=COLUMNS, filename="x").response(ROWS, "pdf")


@pytest.mark.django_db
def test_queryset_is_read_in_one_streamed_query_with_model_headings(django_assert_num_queries):
    users = get_user_model().objects.order_by("pk")
    export = SpreadsheetExport(columns=[("username", ""), ("phone", "")], filename="users")
    with translation.override("en"), django_assert_num_queries(1):
        rows = read_csv(export.response(users, "csv"))
    # Empty headings fall back to the model field's verbose name.
    assert users._result_cache is None  # iterated, not cached
    assert rows[0] == ["Username", "Mobile phone number"]
    # E.164 numbers begin with "+": neutralised like any other would-be formula.
    assert rows[1:] == [[user.username, f"'{user.phone}" if user.phone else ""] for user in users]
    assert any(row[1].startswith("'+86") for row in rows)


def test_large_csv_streams_in_chunks_in_constant_memory():
    rows = ({"name": f"学员{i}", "count": i, "when": None, "note": "=x"} for i in range(100_000))
    export = SpreadsheetExport(columns=COLUMNS, filename="big")
    response = export.response(rows, "csv")
    tracemalloc.start()
    chunks = lines = 0
    for chunk in response.streaming_content:
        chunks += 1
        lines += chunk.count(b"\n")
        assert len(chunk) < 256 * 1024
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert lines == 100_001
    assert chunks > 10
    assert peak < 5 * 1024 * 1024  # the whole file is about 3 MB; never held at once


def test_large_xlsx_is_written_in_constant_memory():
    rows = ({"name": f"学员{i}", "count": i, "when": None, "note": "=x"} for i in range(30_000))
    export = SpreadsheetExport(columns=COLUMNS, filename="big")
    tracemalloc.start()
    response = export.response(rows, "xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert sum(1 for _row in workbook.active.iter_rows(values_only=True)) == 30_001
    assert peak < 10 * 1024 * 1024
