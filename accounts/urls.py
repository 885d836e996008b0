from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import password_reset, privacy, profile, views

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/code/", views.sign_up_code, name="sign_up_code"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", profile.profile, name="profile"),
    path("profile/confirm/", profile.confirm_contact, name="confirm_contact"),
    path("profile/password/", profile.PasswordChangeView.as_view(), name="password_change"),
    path("my-data/", privacy.my_data, name="my_data"),
    path("my-data/download/", privacy.download_my_data, name="download_my_data"),
    path("my-data/delete/", privacy.delete_my_account, name="delete_my_account"),
    path("password-reset/", password_reset.request_reset, name="password_reset"),
    path("password-reset/code/", password_reset.reset_with_code, name="password_reset_code"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
