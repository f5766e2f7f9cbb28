from django.contrib import admin
from django.urls import include, path

from konvergensi.accounts.urls import auth_urlpatterns
from konvergensi.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("publik/", core_views.public, name="public"),
    path("tentang/", core_views.about, name="about"),
    path("", include("konvergensi.core.urls")),
    path("akun/", include(auth_urlpatterns)),
    path("akun/", include("konvergensi.accounts.urls")),
    path("wilayah/", include("konvergensi.regions.urls")),
    path("siklus/", include("konvergensi.cycle.urls")),
    path("pengukuran/", include("konvergensi.measurements.urls")),
    path("indikator/", include("konvergensi.indicators.urls")),
    path("analisis-situasi/", include("konvergensi.situation.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
# Uploaded files (evidence, imports) are never served as /media/: every download goes through
# a view that checks access.
