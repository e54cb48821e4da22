"""Offline URLs in two lists: the service worker and the file lists sit at the site root, while the
manifest and the offline page exist once per language (`/offline/`, `/en/offline/`)."""

from django.urls import path

from . import views

root_urlpatterns = [
    path("sw.js", views.service_worker, name="offline_sw"),
    path("offline/courses/<int:page_id>/files/", views.course_file_list, name="offline_course_files"),
]

localized_urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="offline_manifest"),
    path("offline/", views.offline_page, name="offline_page"),
]
