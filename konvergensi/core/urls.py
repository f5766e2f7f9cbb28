from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("riwayat/<str:app_label>/<str:model_name>/<str:pk>/", views.history, name="history"),
    path("tugas/<uuid:pk>/", views.job, name="job"),
]
