from django.urls import path

from . import views

app_name = "cycle"
urlpatterns = [
    path("aksi/<int:number>/", views.aksi, name="aksi"),
    path("aksi/<int:number>/status/", views.aksi_status, name="aksi_status"),
    path("aksi/<int:number>/bukti/", views.evidence_upload, name="evidence_upload"),
    path("bukti/<int:pk>/unduh/", views.evidence_download, name="evidence_download"),
]
