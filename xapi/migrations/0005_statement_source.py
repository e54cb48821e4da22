from django.db import migrations, models


def classify_existing(apps, schema_editor):
    """Statements stored before the column existed: the authority the LRS set says who stored them."""
    Statement = apps.get_model("xapi", "Statement")
    Statement.objects.filter(data__authority__account__name="lms").update(source="lms")
    learner_ids = []
    others = Statement.objects.exclude(data__authority__account__name="lms").exclude(
        data__authority__account__name__startswith="client:"
    )
    for row in others.only("id", "data").iterator(chunk_size=2000):
        authority = (row.data.get("authority") or {}).get("account")
        actor = (row.data.get("actor") or {}).get("account")
        if authority and authority == actor:
            learner_ids.append(row.id)
    for start in range(0, len(learner_ids), 500):
        Statement.objects.filter(id__in=learner_ids[start : start + 500]).update(source="learner")


class Migration(migrations.Migration):
    dependencies = [
        ("xapi", "0004_forwarding_status"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="source",
            field=models.CharField(
                choices=[
                    ("lms", "The LMS's own services"),
                    ("learner", "The learner's own browser session"),
                    ("client", "An LRS client (third-party tool)"),
                ],
                default="client",
                max_length=10,
                verbose_name="stored by",
            ),
        ),
        migrations.RunPython(classify_existing, migrations.RunPython.noop),
    ]
