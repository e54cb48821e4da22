"""The statistics pages and exports in the Wagtail admin: permissions, files, privacy, audit log."""

import csv
import io
import json
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from stats import queries
from stats.exports import STATUS_COMPLETED
from stats.models import ExportRecord
from stats.privacy import SMALL_COUNT, WITHHELD
from stats.views import COLUMN_LABELS
from xapi.models import Statement

from .conftest import NOW

REPORTS = [
    "stats:overview",
    "stats:courses",
    "stats:regions",
    "stats:people",
    "stats:groups",
    "stats:trends",
    "stats:gaps",
]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(response):
    data = body(response)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(response):
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)))
    return [["" if value is None else value for value in row] for row in workbook.active.iter_rows(values_only=True)]


def as_text(value):
    return "" if value is None else str(value)


@pytest.mark.parametrize("name", [*REPORTS, "stats:learner_export", "stats:statement_export"])
def test_editor_without_statistics_permission_gets_nothing(client, editor, dataset, name):
    client.force_login(editor)
    response = client.get(reverse(name), {"export": "csv"})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not ExportRecord.objects.exists()


def test_menu_shows_statistics_only_with_the_permission(client, editor, viewer):
    client.force_login(editor)
    assert reverse("stats:overview") not in client.get(reverse("wagtailadmin_home")).text
    client.force_login(viewer)
    home = client.get(reverse("wagtailadmin_home")).text
    assert reverse("stats:overview") in home
    assert reverse("stats:learner_export") not in home


@pytest.mark.parametrize("name", REPORTS)
def test_viewer_sees_each_report_with_an_accessible_chart(client, viewer, dataset, name):
    client.force_login(viewer)
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.text
    svg = re.search(r'<svg class="stats-chart" role="img" aria-labelledby="([\w-]+)-title \1-desc"', html)
    assert svg, "every report has a chart"
    assert f'<title id="{svg.group(1)}-title">' in html
    assert f'<desc id="{svg.group(1)}-desc">' in html
    assert "<table" in html  # the data table beside the chart
    chart = html[svg.start() : html.index("</svg>", svg.start())]
    assert "<script" not in chart and " on" not in chart.replace(" one", "")  # drawn, not scripted


@pytest.mark.parametrize("name", ["stats:learner_export", "stats:statement_export"])
def test_viewer_gets_no_learner_level_data(client, viewer, dataset, name):
    client.force_login(viewer)
    response = client.get(reverse(name), {"download": "1", "export": "csv"})
    assert response.status_code == 302
    assert not ExportRecord.objects.exists()


def test_region_report_csv_and_xlsx_match_the_page_cell_by_cell(client, personal, dataset):
    client.force_login(personal)
    url = reverse("stats:regions")
    csv_rows = read_csv(client.get(url, {"export": "csv"}))
    xlsx_rows = read_xlsx(client.get(url, {"export": "xlsx"}))
    rows = queries.breakdown(dimension="province", filters=queries.StatsFilter.default())
    columns = [
        "label",
        "registered",
        "active_7",
        "active_30",
        "enrolments",
        "completions",
        "completion_rate",
        "pass_rate",
        "avg_score",
        "learning_hours",
        "urban_completion_rate",
        "rural_completion_rate",
        "urban_rural_gap",
    ]
    with translation.override("zh-hans"):
        assert csv_rows[0] == [str(COLUMN_LABELS[name]) for name in columns]
    assert len(csv_rows) == len(rows) + 1
    for csv_row, xlsx_row, row in zip(csv_rows[1:], xlsx_rows[1:], rows, strict=True):
        # CSV is text, XLSX keeps numbers: the same cells either way.
        assert len(csv_row) == len(xlsx_row) == len(columns)
        for text, cell, name in zip(csv_row, xlsx_row, columns, strict=True):
            assert text == as_text(row[name])
            if isinstance(cell, int | float):
                assert float(text) == cell, name
            else:
                assert text == cell, name
    assert csv_rows[0] == [as_text(value) for value in xlsx_rows[0]]


def test_small_cells_are_suppressed_without_the_personal_data_permission(client, viewer, personal, dataset, regions):
    params = {"province": "440000", "prefecture": regions["gd1"].parent_id, "export": "csv"}
    client.force_login(viewer)
    rows = read_csv(client.get(reverse("stats:regions"), params))
    by_name = {row[0]: row for row in rows[1:]}
    small = by_name[regions["gd2"].name_zh]  # three counted learners
    assert small[1] == SMALL_COUNT  # registered
    assert small[4] == SMALL_COUNT  # enrolments
    assert small[6] == WITHHELD  # completion rate drawn from three learners
    large = by_name[regions["gd1"].name_zh]
    assert large[1] == "12"

    client.force_login(personal)
    rows = read_csv(client.get(reverse("stats:regions"), params))
    small = {row[0]: row for row in rows[1:]}[regions["gd2"].name_zh]
    assert small[1] == "3"
    assert small[4] == "3"
    assert small[6] == "33.3"


def test_page_shows_the_suppression_note_and_marker(client, viewer, dataset, regions):
    client.force_login(viewer)
    html = client.get(reverse("stats:regions"), {"province": "440000", "prefecture": regions["gd1"].parent_id}).text
    assert "&lt;5" in html
    assert "fewer than 5" in html or "少于 5" in html


def test_region_drill_down_links(client, viewer, dataset, regions):
    client.force_login(viewer)
    html = client.get(reverse("stats:regions")).text
    assert "?province=440000" in html
    html = client.get(reverse("stats:regions"), {"province": "440000"}).text
    assert f"prefecture={regions['gd1'].parent_id}" in html


def test_every_report_export_is_in_the_audit_log(client, viewer, dataset):
    client.force_login(viewer)
    response = client.get(reverse("stats:courses"), {"export": "xlsx", "area": "rural"})
    rows = read_xlsx(response)
    record = ExportRecord.objects.get()
    assert (record.kind, record.report, record.file_format, record.user) == ("report", "by-course", "xlsx", viewer)
    assert record.row_count == len(rows) - 1
    assert record.filters["area"] == "rural"
    entry = ModelLogEntry.objects.get(action="stats.export")
    assert entry.user_id == viewer.pk
    assert entry.object_id == str(record.pk)
    assert entry.data["rows"] == record.row_count
    assert entry.data["filters"]["area"] == "rural"
    assert entry.timestamp


LEARNER_HEADINGS_WITHOUT_PHONE = 19


def test_learner_export_lists_each_learner_and_course_without_phone_numbers(client, exporter, dataset, courses):
    client.force_login(exporter)
    rows = read_csv(client.get(reverse("stats:learner_export"), {"download": "1", "export": "csv"}))
    assert len(rows[0]) == LEARNER_HEADINGS_WITHOUT_PHONE
    text = "\n".join(",".join(row) for row in rows)
    assert "+86139" not in text and "'+86139" not in text
    # The default period holds 12 + 3 + 12 enrolments of the dataset (the 7 older ones are outside it).
    dataset_rows = [row for row in rows[1:] if row[1].startswith(("gd1-", "gd2-", "sc-"))]
    assert len(dataset_rows) == 27
    record = ExportRecord.objects.get()
    assert record.kind == "learners" and not record.with_phone_numbers
    assert record.row_count == len(rows) - 1


def test_learner_export_row_content(client, exporter, dataset, regions):
    from groups.models import LearningGroup, Membership

    group = LearningGroup.objects.create(name="越秀学习小组")
    group.trainers.add(dataset["users"][0].__class__.objects.get(username="trainer"))
    learner = next(user for user in dataset["users"] if user.username == "gd2-0")
    Membership.objects.create(group=group, learner=learner)
    client.force_login(exporter)
    rows = read_xlsx(client.get(reverse("stats:learner_export"), {"download": "1", "export": "xlsx"}))
    headings = rows[0]
    row = dict(zip(headings, next(r for r in rows if r[1] == "gd2-0"), strict=True))
    values = list(row.values())
    assert values[0] == str(learner.xapi_id)
    with translation.override("zh-hans"):
        assert values[3] == str(STATUS_COMPLETED)
    assert values[4] == 100
    assert values[5] == 80
    assert values[11:14] == ["广东省", regions["gd2"].parent.name_zh, regions["gd2"].name_zh]
    assert values[17:] == ["越秀学习小组", "王老师"]


def test_phone_numbers_need_the_personal_data_permission(client, exporter, personal, dataset):
    client.force_login(exporter)
    response = client.get(reverse("stats:learner_export"), {"download": "1", "export": "csv", "phone": "1"})
    assert response.status_code == 200
    assert not response.streaming  # the form again, with the error
    assert "phone" in response.text.lower() or "手机" in response.text
    assert not ExportRecord.objects.exists()

    client.force_login(personal)
    rows = read_csv(client.get(reverse("stats:learner_export"), {"download": "1", "export": "csv", "phone": "1"}))
    assert len(rows[0]) == LEARNER_HEADINGS_WITHOUT_PHONE + 1
    phones = {row[2] for row in rows[1:] if row[1].startswith("gd1-")}
    # E.164 numbers begin with "+": neutralised against formula injection.
    assert "'+8613900000000" in phones
    assert ExportRecord.objects.get().with_phone_numbers


def test_names_that_look_like_formulas_are_neutralised(client, exporter, dataset):
    profile = dataset["users"][0].learner_profile
    profile.display_name = '=HYPERLINK("http://evil","x")'
    profile.save()
    client.force_login(exporter)
    rows = read_csv(client.get(reverse("stats:learner_export"), {"download": "1", "export": "csv"}))
    assert '\'=HYPERLINK("http://evil","x")' in [row[1] for row in rows]
    # XLSX keeps the name as a text cell: no formula, and no apostrophe to show.
    rows = read_xlsx(client.get(reverse("stats:learner_export"), {"download": "1", "export": "xlsx"}))
    assert '=HYPERLINK("http://evil","x")' in [row[1] for row in rows]


def test_opted_out_learner_is_absent_everywhere(client, personal, dataset, regions):
    from xapi.records import build_statement
    from xapi.services import store_statements

    opted_out = dataset["opted_out"]
    course = dataset["courses"][0]
    enrolment = opted_out.enrolments.get(course_key=course.translation_key)
    statement = build_statement(
        learner=opted_out, verb="completed", kind="course", page=course, registration=enrolment.registration
    )
    store_statements(statements=[statement])
    client.force_login(personal)
    # Learner-level export and statements.
    rows = read_csv(client.get(reverse("stats:learner_export"), {"download": "1", "export": "csv", "phone": "1"}))
    flat = "\n".join(",".join(row) for row in rows)
    assert str(opted_out.xapi_id) not in flat and "不统计的人" not in flat and "13911112222" not in flat
    lines = body(client.get(reverse("stats:statement_export"), {"download": "1"})).decode().splitlines()
    assert all(str(opted_out.xapi_id) not in line for line in lines)
    assert Statement.objects.filter(learner=opted_out).exists()
    # Every aggregate table, at the county where they live: three learners, not four.
    for name in REPORTS:
        response = client.get(reverse(name), {"province": "440000", "export": "csv"})
        assert response.status_code == 200
    rows = read_csv(
        client.get(
            reverse("stats:regions"), {"province": "440000", "prefecture": regions["gd2"].parent_id, "export": "csv"}
        )
    )
    assert {row[0]: row[1] for row in rows[1:]}[regions["gd2"].name_zh] == "3"


def test_statement_export_is_json_lines_of_the_period(client, exporter, dataset):
    from xapi.records import build_statement
    from xapi.services import store_statements

    learner = dataset["users"][0]
    course = dataset["courses"][0]
    enrolment = learner.enrolments.get(course_key=course.translation_key)
    store_statements(
        statements=[
            build_statement(
                learner=learner, verb="completed", kind="course", page=course, registration=enrolment.registration
            )
        ]
    )
    client.force_login(exporter)
    response = client.get(reverse("stats:statement_export"), {"download": "1"})
    assert response["Content-Type"] == "application/x-ndjson"
    statements = [json.loads(line) for line in body(response).decode().splitlines()]
    ids = {statement["id"] for statement in statements}
    expected = set(
        Statement.objects.filter(voided=False, stored__gte=queries.StatsFilter.default().start_at)
        .exclude(learner__learner_profile__counted_in_statistics=False)
        .exclude(learner__is_staff=True)
        .values_list("statement_id", flat=True)
    )
    assert ids == {str(value) for value in expected}
    assert str(learner.xapi_id) in {statement["actor"]["account"]["name"] for statement in statements}
    record = ExportRecord.objects.get()
    assert (record.kind, record.file_format, record.row_count) == ("statements", "jsonl", len(statements))


def test_bad_filters_show_an_error_and_change_nothing(client, viewer, dataset):
    client.force_login(viewer)
    response = client.get(reverse("stats:overview"), {"start": "2026-05-01", "end": "2026-01-01"})
    assert response.status_code == 200
    assert 'role="alert"' in response.text or "error" in response.text
    assert response.context["stats_filter"] == queries.StatsFilter.default()
    response = client.get(reverse("stats:regions"), {"province": "999999"})
    assert response.status_code == 200
    assert response.context["stats_filter"].province is None


def test_query_count_of_pages_is_constant(client, viewer, dataset, courses, regions, django_assert_max_num_queries):
    from .conftest import enrol, make_learner

    client.force_login(viewer)
    counts = {}
    for name in REPORTS:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            client.get(reverse(name))
        counts[name] = len(captured)
    for number in range(25):
        user = make_learner(f"extra-{number}", county=regions["gd1"], area="rural")
        enrol(user, courses[1], completed=True, score=0.75)
    for name in REPORTS:
        with django_assert_max_num_queries(counts[name]):
            client.get(reverse(name))
    assert NOW


@pytest.mark.parametrize("name", [*REPORTS, "stats:learner_export", "stats:statement_export"])
def test_date_fields_load_the_date_picker_before_calling_it(client, personal, dataset, name):
    client.force_login(personal)
    html = client.get(reverse(name)).text
    # The widget's inline script calls initDateChooser(); before the fix no page loaded its definition.
    call = html.index('initDateChooser("id_start"')
    script = html.find("wagtailadmin/js/date-time-chooser.js")
    assert 0 <= script < call
    assert html.count("initDateChooser(") == 2  # start and end, nothing else relies on the global


def test_xlsx_phone_numbers_show_without_an_apostrophe(client, personal, dataset):
    client.force_login(personal)
    params = {"download": "1", "export": "xlsx", "phone": "1"}
    rows = read_xlsx(client.get(reverse("stats:learner_export"), params))
    phones = {row[2] for row in rows[1:] if str(row[1]).startswith("gd1-")}
    assert "+8613900000000" in phones and not any(str(phone).startswith("'") for phone in phones)
