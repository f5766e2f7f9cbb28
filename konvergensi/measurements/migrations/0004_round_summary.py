import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("measurements", "0003_index_measured_on"),
    ]

    operations = [
        migrations.CreateModel(
            name="RoundSummary",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("start_date", models.DateField()),
                ("end_date", models.DateField()),
                ("columns", models.CharField(max_length=300)),
                ("measurement_top", models.BigIntegerField()),
                ("history_top", models.BigIntegerField()),
                ("counts", models.JSONField(default=dict)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "round",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="measurements.measurementround",
                    ),
                ),
            ],
        ),
    ]
