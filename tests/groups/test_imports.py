"""Bulk import of learners: template, preview, per-row errors, all-or-nothing, Excel's encodings."""

import contextlib
import io
import re
import zipfile
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from groups import imports
from groups.models import Membership

GOOD = "姓名,手机号\n王大妈,13712345678\n刘伯伯,\n"


def upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    "data",
    [GOOD.encode("utf-8"), b"\xef\xbb\xbf" + GOOD.encode("utf-8"), GOOD.encode("gbk")],
    ids=["utf-8", "utf-8-bom", "gbk"],
)
@pytest.mark.django_db
def test_csv_in_every_encoding_excel_writes(data):
    rows, errors = imports.parse_learners(upload("list.csv", data))
    assert errors == []
    assert [(r["name"], r["phone"]) for r in rows] == [("王大妈", "+8613712345678"), ("刘伯伯", "")]


@pytest.mark.django_db
def test_xlsx_with_english_headings_and_numeric_phone():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Mobile phone (optional)"])
    sheet.append(["Chen Jing", 13612345678])
    sheet.append(["  ", None])  # blank rows are skipped
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows, errors = imports.parse_learners(upload("list.xlsx", buffer.getvalue()))
    assert errors == [] and rows == [{"row": 2, "name": "Chen Jing", "phone": "+8613612345678"}]


@pytest.mark.django_db
@translation.override("en")
def test_each_bad_row_gets_its_own_plain_error():
    data = "姓名,手机\n,13712345678\n张三,12345\n李四,13800000001\n王五,13712345678\n" + "名" * 61 + ",\n"
    _rows, errors = imports.parse_learners(upload("bad.csv", data.encode()))
    by_row = {}
    for number, message in errors:
        by_row.setdefault(number, []).append(str(message))
    assert set(by_row) == {2, 3, 4, 5, 6}
    assert "name is missing" in by_row[2][0]
    assert "12345" in by_row[3][0]
    assert "already has an account" in by_row[4][0]
    assert "same as in row 2" in by_row[5][0]
    assert "60 characters" in by_row[6][0]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("x.csv", b"", "empty"),
        ("x.csv", "电话\n13712345678\n".encode(), "headings"),
        ("x.pdf", b"%PDF-1.4", "CSV or XLSX"),
        ("x.xlsx", b"PK\x03\x04 not really a zip", "could not be opened"),
        ("x.csv", b"\xff\xfe\x00\xd8\xff\xfe", "could not be read"),
    ],
)
@pytest.mark.django_db
@translation.override("en")
def test_unreadable_files_are_refused_in_plain_words(name, data, words):
    with pytest.raises(imports.ImportFileError, match=words):
        imports.parse_learners(upload(name, data))


@pytest.mark.django_db
def test_import_view_previews_then_imports_everyone_and_prints_cards(
    client, trainer, demo_group, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    url = f"/groups/{demo_group.pk}/learners/import/"
    before = get_user_model().objects.count()
    response = client.post(url, {"file": upload("list.csv", GOOD.encode("gbk"))})
    page = response.content.decode()
    assert "王大妈" in page and "137 1234 5678" in page
    assert get_user_model().objects.count() == before  # a preview creates nothing
    confirm = re.search(r'name="confirm" value="([^"]+)"', page).group(1)
    with django_capture_on_commit_callbacks(execute=True):  # the background task (immediate backend here)
        response = client.post(url, {"confirm": confirm})
    assert response.status_code == 302 and "/learners/import/" in response["Location"]
    assert get_user_model().objects.count() == before + 2
    status = client.get(response["Location"]).content.decode()
    assert "Show the login cards" in status or "显示登录卡" in status
    response = client.post(response["Location"])
    assert response["Location"].endswith("/cards/")
    cards = client.get(response["Location"]).content.decode()
    assert cards.count('class="login-card"') == 2 and cards.count("<svg") >= 2
    assert Membership.objects.filter(group=demo_group, learner__phone="+8613712345678").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ['=HYPERLINK("http://evil","点我")', "+1+1", "-2", "@SUM(A1)"])
def test_a_name_that_is_a_spreadsheet_formula_is_refused_in_the_preview(client, trainer, demo_group, name):
    client.force_login(trainer)
    before = get_user_model().objects.count()
    data = f'姓名,手机号\n好人,13712345678\n"{name.replace(chr(34), chr(34) * 2)}",\n'
    with translation.override("zh-hans"):
        response = client.post(f"/groups/{demo_group.pk}/learners/import/", {"file": upload("list.csv", data.encode())})
    page = response.content.decode()
    # Before the fix the preview offered to import this row as a learner's name, without a word.
    assert 'name="confirm"' not in page and 'role="alert"' in page
    assert "姓名不能以 =、+、- 或 @ 开头" in page
    assert get_user_model().objects.count() == before
    assert not get_user_model().objects.filter(learner_profile__display_name=name).exists()


def test_names_that_merely_contain_the_signs_are_names():
    assert not imports.name_looks_like_formula("王-小明")
    assert not imports.name_looks_like_formula("Anne-Marie")
    assert imports.name_looks_like_formula("=1+1")


@pytest.mark.django_db
def test_a_file_with_one_bad_row_imports_nobody(client, trainer, demo_group):
    client.force_login(trainer)
    before = get_user_model().objects.count()
    data = "姓名,手机号\n好人,13712345678\n,13712345679\n"
    response = client.post(f"/groups/{demo_group.pk}/learners/import/", {"file": upload("list.csv", data.encode())})
    page = response.content.decode()
    assert 'name="confirm"' not in page and 'role="alert"' in page
    assert get_user_model().objects.count() == before


@pytest.mark.django_db
def test_a_phone_taken_between_preview_and_import_rolls_back_every_row(
    client, trainer, demo_group, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    url = f"/groups/{demo_group.pk}/learners/import/"
    data = "姓名,手机号\n甲,13712345670\n乙,13712345671\n"
    page = client.post(url, {"file": upload("list.csv", data.encode())}).content.decode()
    confirm = re.search(r'name="confirm" value="([^"]+)"', page).group(1)
    get_user_model().objects.create_user(username="sneaky", phone="+8613712345671")
    before = get_user_model().objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": confirm})
    response = client.get(response["Location"])
    assert "Nothing was imported" in response.content.decode() or "没有导入" in response.content.decode()
    assert get_user_model().objects.count() == before


@pytest.mark.django_db
def test_a_tampered_preview_is_refused(client, trainer, demo_group):
    client.force_login(trainer)
    response = client.post(f"/groups/{demo_group.pk}/learners/import/", {"confirm": "forged"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_template_downloads_have_the_headings_the_importer_reads(client, trainer, demo_group):
    client.force_login(trainer)
    url = f"/groups/{demo_group.pk}/learners/import/template/"
    csv_text = b"".join(client.get(url + "?export=csv").streaming_content)
    assert csv_text.startswith(b"\xef\xbb\xbf")
    rows, errors = imports.parse_learners(upload("template.csv", csv_text))
    assert errors == [] and len(rows) == 1
    response = client.get("/en" + url + "?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [c.value for c in workbook.active[1]] == ["Name", "Mobile phone (optional)"]


# --------------------------------------------------------------------------------------------------
# Hostile files (issue #18, finding 8): zip bombs, fake XLSX, too many rows. Refused with a plain
# message, before openpyxl builds anything, and nothing is created.
# --------------------------------------------------------------------------------------------------

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHEET = "xl/worksheets/sheet1.xml"


def xlsx_with(replaced, *, compression=zipfile.ZIP_DEFLATED):
    """A real workbook (from openpyxl) whose parts in ``replaced`` are swapped for others.

    A part is bytes, or (head, chunk, times, tail) written as a stream at the highest compression
    level: a few hundred KB on disk that unpack to hundreds of MB.
    """
    workbook = Workbook()
    workbook.active.append(["姓名", "手机号"])
    workbook.active.append(["王大妈", "13712345678"])
    original = io.BytesIO()
    workbook.save(original)
    out = io.BytesIO()
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(out, "w", compression, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename not in replaced:
                target.writestr(info.filename, source.read(info.filename))
        for name, part in replaced.items():
            if isinstance(part, bytes):
                target.writestr(name, part)
                continue
            head, chunk, times, tail = part
            with target.open(name, "w", force_zip64=True) as stream:
                stream.write(head)
                for _ in range(times):
                    stream.write(chunk)
                stream.write(tail)
    return out.getvalue()


def sheet(rows_xml, *, dimension="A1:B2"):
    return (
        f'<worksheet xmlns="{MAIN_NS}"><dimension ref="{dimension}"/><sheetData>{rows_xml}</sheetData></worksheet>'
    ).encode()


def inline_row(number, *values):
    cells = "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in values)
    return f'<row r="{number}">{cells}</row>'


def declared_size(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())


@contextlib.contextmanager
def nothing_unpacked():
    """Fails the test if any part of the archive is decompressed or openpyxl is asked to open it."""
    with (
        mock.patch.object(zipfile.ZipFile, "open", side_effect=AssertionError("a part was unpacked")),
        mock.patch("openpyxl.load_workbook", side_effect=AssertionError("openpyxl opened the file")),
    ):
        yield


@pytest.fixture
def openpyxl_not_called():
    with mock.patch("openpyxl.load_workbook", side_effect=AssertionError("openpyxl opened the file")):
        yield


@pytest.fixture(scope="module")
def one_row_bomb():
    """The attacker's file: one row of 4,000,000 cells, about 440 KB, 152 MB unpacked."""
    head = f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">'.encode()
    cells = b'<c t="inlineStr"><is><t>x</t></is></c>' * 25_000
    return xlsx_with({SHEET: (head, cells, 160, b"</row></sheetData></worksheet>")})


@pytest.fixture(scope="module")
def shared_strings_bomb():
    """8,000,000 shared strings, about 300 KB, 136 MB unpacked."""
    content_types = (
        xlsx_content_types().replace(
            "</Types>",
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS_TYPE}"/></Types>',
        )
    ).encode()
    head = f'<sst xmlns="{MAIN_NS}" count="8000000" uniqueCount="8000000">'.encode()
    strings = b"<si><t>x</t></si>" * 50_000
    return xlsx_with({"[Content_Types].xml": content_types, "xl/sharedStrings.xml": (head, strings, 160, b"</sst>")})


def xlsx_content_types():
    workbook = Workbook()
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return archive.read("[Content_Types].xml").decode()


@pytest.mark.django_db
@translation.override("en")
def test_one_row_of_four_million_cells_is_refused_from_the_zip_directory(one_row_bomb):
    assert len(one_row_bomb) < 500 * 1024 and declared_size(one_row_bomb) > 150_000_000
    with nothing_unpacked(), pytest.raises(imports.ImportFileError, match="far more than a list of learners needs"):
        imports.parse_learners(upload("learners.xlsx", one_row_bomb))


@pytest.mark.django_db
@translation.override("en")
def test_eight_million_shared_strings_are_refused_from_the_zip_directory(shared_strings_bomb):
    assert len(shared_strings_bomb) < 500 * 1024 and declared_size(shared_strings_bomb) > 130_000_000
    with nothing_unpacked(), pytest.raises(imports.ImportFileError, match="far more than a list of learners needs"):
        imports.parse_learners(upload("learners.xlsx", shared_strings_bomb))


@pytest.mark.django_db
@translation.override("en")
def test_a_part_packed_too_tightly_is_refused_even_under_the_total():
    """15 MB of one repeated cell: under the 20 MB total, but packed about 1,000 times."""
    head = f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">'.encode()
    data = xlsx_with({SHEET: (head, b"<c/>" * 100_000, 40, b"</row></sheetData></worksheet>")})
    assert declared_size(data) < imports.MAX_XLSX_UNPACKED
    with nothing_unpacked(), pytest.raises(imports.ImportFileError, match="far more than a list of learners needs"):
        imports.parse_learners(upload("learners.xlsx", data))


@pytest.mark.django_db
@translation.override("en")
def test_too_many_cells_packed_normally_are_counted_and_refused_before_openpyxl(openpyxl_not_called):
    cells = "".join(f'<c t="inlineStr"><is><t>{n}</t></is></c>' for n in range(imports.MAX_XLSX_ELEMENTS))
    data = xlsx_with({SHEET: sheet(inline_row(1, "姓名") + f'<row r="2">{cells}</row>')})
    with pytest.raises(imports.ImportFileError, match="far more than a list of learners needs"):
        imports.parse_learners(upload("learners.xlsx", data))


@pytest.mark.django_db
@translation.override("en")
def test_an_xlsx_with_too_many_rows_is_refused_before_openpyxl(openpyxl_not_called):
    rows = inline_row(1, "姓名") + "".join(inline_row(n, f"学员{n}") for n in range(2, imports.MAX_SHEET_ROWS + 2))
    with pytest.raises(imports.ImportFileError, match="more than 2000 rows"):
        imports.parse_learners(upload("learners.xlsx", xlsx_with({SHEET: sheet(rows)})))


@pytest.mark.django_db
def test_extra_columns_and_huge_declared_dimensions_are_ignored():
    """openpyxl pads every row to the sheet's declared size; the reader asks for a bounded range."""
    extra = [f"备注{n}" for n in range(30)]
    rows = inline_row(1, "姓名", "手机号", *extra) + inline_row(2, "王大妈", "13712345678", *extra)
    data = xlsx_with({SHEET: sheet(rows, dimension="A1:XFD1048576")})
    assert len(imports._raw_rows(upload("learners.xlsx", data))[0]) == imports.MAX_COLUMNS
    rows, errors = imports.parse_learners(upload("learners.xlsx", data))
    assert errors == [] and [(r["name"], r["phone"]) for r in rows] == [("王大妈", "+8613712345678")]


@pytest.mark.django_db
@translation.override("en")
def test_entity_expansion_in_an_xlsx_is_refused(openpyxl_not_called):
    laughs = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = xlsx_with({SHEET: (laughs + sheet(inline_row(1, "&b;")).decode()).encode()})
    with pytest.raises(imports.ImportFileError, match="could not be opened"):
        imports.parse_learners(upload("learners.xlsx", data))


@pytest.mark.django_db
@translation.override("en")
def test_parts_in_other_compression_methods_are_refused(openpyxl_not_called):
    """bzip2 and LZMA parts decompress without zipfile's bound on their declared size."""
    with pytest.raises(imports.ImportFileError, match="could not be opened"):
        imports.parse_learners(upload("learners.xlsx", xlsx_with({}, compression=zipfile.ZIP_BZIP2)))


@pytest.mark.parametrize(
    "data", [b"Name,Phone\nWang,13712345678\n", b"\x00\x01\x02 random bytes", "姓名\n王大妈\n".encode("gbk")]
)
@pytest.mark.django_db
@translation.override("en")
def test_a_file_named_xlsx_that_is_not_a_zip_is_refused(data):
    with pytest.raises(imports.ImportFileError, match="could not be opened"):
        imports.parse_learners(upload("learners.xlsx", data))


@pytest.mark.django_db
@translation.override("en")
def test_a_csv_with_too_many_rows_is_refused():
    data = ("姓名\n" + "王大妈\n" * (imports.MAX_SHEET_ROWS + 5)).encode()
    with pytest.raises(imports.ImportFileError, match="more than 2000 rows"):
        imports.parse_learners(upload("learners.csv", data))
    data = ("姓名\n" + "王大妈\n" * (imports.MAX_ROWS + 1)).encode()
    with pytest.raises(imports.ImportFileError, match="more than 500 learners"):
        imports.parse_learners(upload("learners.csv", data))


@pytest.mark.django_db
def test_a_csv_row_with_many_columns_keeps_only_the_first_few():
    data = ("姓名,手机号," + ",".join(["备注"] * 5000) + "\n王大妈,13712345678\n").encode()
    assert len(imports._raw_rows(upload("learners.csv", data))[0]) == imports.MAX_COLUMNS
    rows, errors = imports.parse_learners(upload("learners.csv", data))
    assert errors == [] and rows[0]["name"] == "王大妈"


@pytest.mark.parametrize("bomb", ["one_row_bomb", "shared_strings_bomb"])
@pytest.mark.django_db
def test_the_import_page_refuses_a_bomb_in_plain_words_and_creates_nobody(client, trainer, demo_group, bomb, request):
    data = request.getfixturevalue(bomb)
    client.force_login(trainer)
    before = get_user_model().objects.count()
    members = Membership.objects.filter(group=demo_group).count()
    response = client.post(
        f"/groups/{demo_group.pk}/learners/import/",
        {"file": upload("learners.xlsx", data)},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "远远超出学员名单所需" in page and 'name="confirm"' not in page
    assert get_user_model().objects.count() == before
    assert Membership.objects.filter(group=demo_group).count() == members
