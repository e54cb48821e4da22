from django.urls import path

from . import certificate_views, views

app_name = "assessments"
urlpatterns = [
    path("tests/<int:page_id>/start/", views.start_attempt, name="start"),
    path("attempts/<int:attempt_id>/", views.attempt, name="attempt"),
    path("attempts/<int:attempt_id>/result/", views.result, name="result"),
    path("lessons/<int:lesson_id>/quiz/<str:block_id>/", views.check_answers, name="check"),
    path("lessons/<int:lesson_id>/quiz/<str:block_id>/again/", views.retry_check, name="check_again"),
    path("certificates/", certificate_views.my_certificates, name="certificate_list"),
    path("certificates/<str:code>/", certificate_views.certificate_page, name="certificate"),
    path("certificates/<str:code>/pdf/", certificate_views.certificate_pdf, name="certificate_pdf"),
]
