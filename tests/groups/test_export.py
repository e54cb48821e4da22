"""The trainer's progress export: the project's one exporter (lms/exports.py), CSV with BOM, XLSX, safe cells."""

import io

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from openpyxl import load_workbook

from groups import services


@pytest.mark.django_db
def test_csv_has_a_bom_translated_headings_and_neutralised_formulas(client, trainer, course):
    group = services.create_group(trainer=trainer, name='=HYPERLINK("http://evil")')
    learner = services.create_pin_learner(group=group, trainer=trainer, display_name="+1 @SUM(A1)")
    services.assign(group=group, assigned_by=trainer, course=course, sms=False)
    client.force_login(trainer)
    response = client.get(f"/groups/{group.pk}/export/?export=csv")
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    with translation.override("zh-hans"):
        group_heading = pgettext("learning group", "Group")
        headings = ",".join([group_heading, *(gettext(word) for word in ("Learner", "User name", "Course"))])
    assert text.splitlines()[0].startswith(headings)
    assert "'=HYPERLINK" in text and "'+1 @SUM(A1)" in text
    assert learner.username in text
    english = b"".join(client.get(f"/en/groups/{group.pk}/export/?export=csv").streaming_content).decode("utf-8-sig")
    assert english.splitlines()[0].startswith("Group,Learner,User name,Course")


@pytest.mark.django_db
def test_xlsx_export_of_all_my_groups(client, trainer):
    client.force_login(trainer)
    response = client.get("/en/groups/export/?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Group", "Learner", "User name", "Course")
    assert {row[2] for row in rows[1:]} >= {"learner1", "learner2", "zhaody001"}
    assert client.get("/groups/export/").status_code == 404  # a format must be asked for
