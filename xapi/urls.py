from django.urls import path, re_path

from . import documents, views

app_name = "xapi"
# Every resource view is wrapped by views.lrs_resource, which also unwraps the alternate request
# syntax (Communication 1.3); anything else under /xapi/ is a 404 that still names the xAPI version.
urlpatterns = [
    path("about", views.about, name="about"),
    path("statements", views.statements, name="statements"),
    path("activities/state", documents.state, name="state"),
    path("activities/profile", documents.activity_profile, name="activity_profile"),
    path("activities", documents.activities, name="activities"),
    path("agents/profile", documents.agent_profile, name="agent_profile"),
    path("agents", documents.agents, name="agents"),
    re_path(r"^(?P<path>.*)$", views.not_found, name="not_found"),
]
