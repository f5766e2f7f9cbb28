app_name = "cycle"
urlpatterns: list = []
