"""Sign-in pages that replace or add to allauth's, mounted at /accounts/ before ``allauth.urls``.

The reset page keeps allauth's URL name, so every "Forgot password?" link allauth renders lands here.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("password/reset/", views.ForgotPasswordView.as_view(), name="account_reset_password"),
    path("login/card/", views.CardLoginView.as_view(), name="account_login_card"),
]
