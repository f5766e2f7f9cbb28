from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("measurements", "0004_import_write_indexes"),
        ("measurements", "0004_round_summary"),
    ]

    operations = []
