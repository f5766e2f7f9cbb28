from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("pengaturan/", views.settings_page, name="settings"),
    path("pengaturan/instansi/baru/", views.institution_edit, name="institution_create"),
    path("pengaturan/instansi/<int:pk>/", views.institution_edit, name="institution_edit"),
    path("pengaturan/pengguna/baru/", views.user_edit, name="user_create"),
    path("pengaturan/pengguna/<int:pk>/", views.user_edit, name="user_edit"),
]

# Login and logout keep their global names (settings.LOGIN_URL = "login").
auth_urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
]
