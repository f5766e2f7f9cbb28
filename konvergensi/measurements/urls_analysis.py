"""Analysis pages of the measurement data (Aksi 7 Tahap Kedua–Keempat), included from
``measurements/urls.py`` (names are ``measurements:<name>``)."""

from django.urls import path

from . import views_analysis as views

urlpatterns = [
    path("analisis/", views.prevalence_home, name="prevalence_home"),
    path("analisis/wilayah/<str:code>/", views.prevalence_region, name="prevalence"),
    path(
        "analisis/wilayah/<str:code>/puskesmas/",
        views.prevalence_puskesmas,
        name="prevalence_puskesmas",
    ),
    path("analisis/desa/<str:code>/anak/", views.children_desa, name="children_desa"),
    path("analisis/posyandu/<int:pk>/anak/", views.children_posyandu, name="children_posyandu"),
    path("analisis/anak/<int:pk>/", views.child_detail, name="child"),
    path("analisis/cakupan/<str:code>/", views.coverage, name="coverage"),
    path("analisis/mutu/<str:code>/", views.quality_page, name="quality"),
    path("analisis/mutu/<str:code>/tem/", views.tem, name="tem"),
    path("analisis/ulang/sampel/", views.draw_sample, name="draw_sample"),
    path("analisis/ulang/<int:pk>/", views.remeasure, name="remeasure"),
    path("analisis/putaran/", views.round_list, name="rounds"),
    path("analisis/putaran/baru/", views.round_edit, name="round_new"),
    path("analisis/putaran/<int:pk>/", views.round_edit, name="round_edit"),
    path("analisis/putaran/<int:pk>/hapus/", views.round_delete, name="round_delete"),
]
