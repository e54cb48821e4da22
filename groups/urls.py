from django.urls import path

from . import views

app_name = "groups"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_create, name="create"),
    path("export/", views.export_progress, name="export_all"),
    path("<int:pk>/", views.group_detail, name="detail"),
    path("<int:pk>/edit/", views.group_edit, name="edit"),
    path("<int:pk>/poster/", views.join_poster, name="poster"),
    path("<int:pk>/join-code/", views.new_join_code, name="new_join_code"),
    path("<int:pk>/learners/add/", views.add_learners, name="add_learners"),
    path("<int:pk>/learners/import/", views.import_learners, name="import_learners"),
    path("<int:pk>/learners/import/template/", views.import_template, name="import_template"),
    path("<int:pk>/learners/<int:user_id>/remove/", views.remove_learner, name="remove_learner"),
    path("<int:pk>/cards/", views.login_cards, name="cards"),
    path("<int:pk>/trainers/", views.group_trainers, name="trainers"),
    path("<int:pk>/trainers/<int:user_id>/remove/", views.remove_trainer, name="remove_trainer"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/assignments/<int:assignment_id>/edit/", views.assignment_edit, name="assignment_edit"),
    path("<int:pk>/assignments/<int:assignment_id>/delete/", views.assignment_delete, name="assignment_delete"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/export/", views.export_progress, name="export"),
    path("learners/<int:user_id>/", views.learner_detail, name="learner"),
    path("learners/<int:user_id>/reset-pin/", views.reset_pin, name="reset_pin"),
    path("learners/<int:user_id>/sign-off/", views.sign_off_skill, name="sign_off"),
    path("learners/<int:user_id>/revoke-links/", views.revoke_links, name="revoke_links"),
    path("learners/<int:user_id>/lift-sign-in-wait/", views.lift_sign_in_wait, name="lift_sign_in_wait"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_code, name="join_code"),
    path("sign-in/<str:token>/", views.token_sign_in, name="token_sign_in"),
    path("inbox/", views.inbox, name="inbox"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<int:invitation_id>/accept/", views.accept_invitation, name="accept_invitation"),
    path("invitations/<int:invitation_id>/decline/", views.decline_invitation, name="decline_invitation"),
]
