from django.apps import AppConfig
from django.db.models.signals import post_save


class MeasurementsConfig(AppConfig):
    name = "konvergensi.measurements"
    label = "measurements"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals
        from .models import ImportBatch

        post_save.connect(
            signals.refresh_round_summaries,
            sender=ImportBatch,
            dispatch_uid="prevalence_refresh_after_import",
        )
