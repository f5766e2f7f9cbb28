from django.apps import AppConfig


class SituationConfig(AppConfig):
    name = "konvergensi.situation"
    label = "situation"
    default_auto_field = "django.db.models.BigAutoField"
