"""The database cache's table (CACHES in lms/settings/base.py), made by every `migrate`.

Wagtail reads the cache on every page and allauth keeps its rate limits there, so a database that was
migrated without `createcachetable` would fail on the first request (benchmarks, browser tests and
fresh installs all run only `migrate`). With Redis configured this does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False)]
