"""Load China's administrative divisions (see accounts/divisions/README.md for the source)."""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "divisions" / "data.json"


def load_divisions(apps, schema_editor):
    Division = apps.get_model("accounts", "Division")
    rows = json.loads(DATA_FILE.read_text(encoding="utf-8"))["divisions"]
    parents = {code: parent for code, _zh, _en, parent in rows}
    objects = []
    for code, name_zh, name_en, parent in rows:
        level = 1 if parent is None else (2 if parents.get(parent) is None else 3)
        objects.append(Division(code=code, name_zh=name_zh, name_en=name_en, level=level, parent_id=parent))
    # Parents come before children because codes sort that way; insert in that order.
    Division.objects.bulk_create(sorted(objects, key=lambda d: d.level), batch_size=500)


def unload_divisions(apps, schema_editor):
    apps.get_model("accounts", "Division").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(load_divisions, unload_divisions)]
