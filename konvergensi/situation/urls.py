from django.urls import path

from . import views

app_name = "situation"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.year_home, name="year"),
    path("<int:year>/buat/", views.create, name="create"),
    path("<int:year>/pengaturan/", views.settings_page, name="settings"),
    path("<int:year>/jalankan/", views.run, name="run"),
    path("<int:year>/status/", views.set_status, name="status"),
    path("<int:year>/hasil/<slug:tab>/", views.results, name="results"),
    path("<int:year>/lokus/<int:pk>/", views.lokus_override, name="lokus"),
    path("<int:year>/rekomendasi/tambah/", views.recommendation_add, name="rec_add"),
    path("<int:year>/rekomendasi/<int:pk>/", views.recommendation_edit, name="rec_edit"),
    path("<int:year>/rekomendasi/<int:pk>/hapus/", views.recommendation_delete, name="rec_delete"),
    path("<int:year>/fgd/", views.fgd_save, name="fgd"),
    path("<int:year>/unduh/<str:name>", views.download, name="download"),
]
