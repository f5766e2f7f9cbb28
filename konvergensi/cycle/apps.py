from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "konvergensi.cycle"
    label = "cycle"
    default_auto_field = "django.db.models.BigAutoField"
