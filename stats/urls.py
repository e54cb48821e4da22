from django.urls import path

from . import views

app_name = "stats"
urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("courses/", views.CourseReportView.as_view(), name="courses"),
    path("regions/", views.RegionReportView.as_view(), name="regions"),
    path("people/", views.PeopleReportView.as_view(), name="people"),
    path("groups/", views.GroupReportView.as_view(), name="groups"),
    path("trends/", views.TrendReportView.as_view(), name="trends"),
    path("gaps/", views.GapReportView.as_view(), name="gaps"),
    path("export/learners/", views.LearnerExportView.as_view(), name="learner_export"),
    path("export/statements/", views.StatementExportView.as_view(), name="statement_export"),
]
