from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("konvergensi.core.urls")),
    path("akun/", include("konvergensi.accounts.urls")),
    path("wilayah/", include("konvergensi.regions.urls")),
    path("siklus/", include("konvergensi.cycle.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
