"""The public certificate check, mounted at /verify/ (and /en/verify/) by lms/urls.py."""

from django.urls import path

from . import certificate_views

urlpatterns = [
    path("", certificate_views.verify, name="certificate_verify_form"),
    path("<str:code>/", certificate_views.verify, name="certificate_verify"),
]
