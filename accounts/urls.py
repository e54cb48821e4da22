from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("password/", views.new_password, name="new_password"),
    path("divisions/<str:code>/", views.division_children, name="division_children"),
]
