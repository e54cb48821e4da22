from django.urls import path

from . import documents, views

app_name = "xapi"
urlpatterns = [
    path("about", views.about, name="about"),
    path("statements", views.statements, name="statements"),
    path("activities/state", documents.state, name="state"),
    path("activities/profile", documents.activity_profile, name="activity_profile"),
    path("activities", documents.activities, name="activities"),
    path("agents/profile", documents.agent_profile, name="agent_profile"),
    path("agents", documents.agents, name="agents"),
]
