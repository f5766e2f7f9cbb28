from django.urls import path

from . import views, views_programs

app_name = "indicators"
urlpatterns = [
    path("", views.index, name="index"),
    path("target/", views.targets, name="targets"),
    path("impor/<str:kind>/", views.upload, name="upload"),
    path("impor/<str:kind>/templat.xlsx", views.template_download, name="template"),
    path("unggahan/<int:pk>/", views.upload_preview, name="upload_preview"),
    path("unggahan/<int:pk>/simpan/", views.upload_confirm, name="upload_confirm"),
    path("sumber-daya/", views_programs.supply_grid, name="supply"),
    path("sumber-daya/desa/<str:desa>/", views_programs.supply_row, name="supply_row"),
    path("sumber-daya/jenis/", views_programs.supply_types, name="supply_types"),
    path("sumber-daya/jenis/<int:pk>/", views_programs.supply_types, name="supply_type_edit"),
    path("program/", views_programs.program_list, name="programs"),
    path("program/baru/", views_programs.program_edit, name="program_new"),
    path("program/<int:pk>/", views_programs.program_edit, name="program_edit"),
    path("program/<int:pk>/hapus/", views_programs.program_delete, name="program_delete"),
    path("pemetaan/<str:kind>/", views_programs.matrix, name="matrix"),
    path("<slug:code>/", views.indicator_grid, name="grid"),
    path("<slug:code>/entri/", views.entry, name="entry"),
    path("<slug:code>/baris/<str:region>/", views.grid_row, name="grid_row"),
]
