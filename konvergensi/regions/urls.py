from django.urls import path

from . import views

app_name = "regions"
urlpatterns = [
    path("", views.data, name="data"),
    path("kode/<str:code>/", views.region, name="region"),
    path("puskesmas/", views.puskesmas_list, name="puskesmas"),
    path("posyandu/", views.posyandu_list, name="posyandu"),
    path("impor/<str:kind>/", views.facility_import, name="facility_import"),
    path(
        "impor/<str:kind>/konfirmasi/",
        views.facility_import_confirm,
        name="facility_import_confirm",
    ),
    path("impor/<str:kind>/templat/", views.facility_template, name="facility_template"),
    path("batas/", views.boundaries, name="boundaries"),
]
