from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accessibility.views import display_settings, help_page
from offline.urls import localized_urlpatterns as offline_localized_urls
from offline.urls import root_urlpatterns as offline_root_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("xapi/", include("xapi.urls")),
    *offline_root_urls,
]

if settings.DEBUG or getattr(settings, "LMS_SERVE_MEDIA", False):
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += i18n_patterns(
    path("display/", display_settings, name="display_settings"),
    path("help/", help_page, name="help"),
    path("accounts/profile/", include("accounts.urls")),
    path("accounts/", include("accounts.entrance_urls")),  # before allauth's: replaces its reset page
    path("accounts/", include("allauth.urls")),
    path("learning/", include("learning.urls")),
    path("assessments/", include("assessments.urls")),
    path("verify/", include("assessments.verify_urls")),
    path("groups/", include("groups.urls")),
    *offline_localized_urls,
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
