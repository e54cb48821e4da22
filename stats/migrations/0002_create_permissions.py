from django.db import migrations


def create_stats_permissions(apps, schema_editor):
    # Normally created after "migrate" finishes (post_migrate); created here so that data migrations
    # and deployments can grant them straight away.
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("stats")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_stats_permissions, migrations.RunPython.noop)]
