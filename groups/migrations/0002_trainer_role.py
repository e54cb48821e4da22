"""The existing "Trainers" group (Wagtail admin → Settings → Groups) gets the trainer permission."""

from django.db import migrations

TRAINER = ("act_as_trainer", "Can run learning groups as a trainer")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="groups", model="learninggroup")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=TRAINER[0], defaults={"name": TRAINER[1]}
    )
    trainers, _ = Group.objects.get_or_create(name="Trainers")
    trainers.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Trainers"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="groups", codename=TRAINER[0]))


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
