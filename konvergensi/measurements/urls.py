from django.urls import include, path

from . import views, views_merge

app_name = "measurements"

urlpatterns = [
    path("impor/", views.batch_list, name="imports"),
    path("impor/unggah/", views.upload, name="upload"),
    path("impor/<int:pk>/", views.batch, name="batch"),
    path("impor/<int:pk>/status/", views.batch_status, name="batch_status"),
    path("impor/pratinjau/<uuid:pk>/", views.preview_job, name="preview_job"),
    path("impor/pratinjau/<uuid:pk>/status/", views.preview_job_status, name="preview_job_status"),
    path("impor/<int:pk>/konfirmasi/", views.confirm, name="confirm"),
    path("impor/<int:pk>/batal/", views.cancel, name="cancel"),
    path("impor/<int:pk>/galat/", views.error_file, name="error_file"),
    path("templat/", views.template_download, name="template"),
    path("ekspor/", views.export, name="export"),
    path("entri/", views.entry, name="entry"),
    # children registered twice (decision 0007), beside the child pages they start from
    path("analisis/desa/<str:code>/anak-ganda/", views_merge.candidates, name="merge_candidates"),
    path("analisis/anak/<int:pk>/gabung/", views_merge.pick, name="merge_pick"),
    path("analisis/anak/<int:pk>/gabung/<int:other>/", views_merge.confirm, name="merge_confirm"),
    path("", include("konvergensi.measurements.urls_analysis")),
]
