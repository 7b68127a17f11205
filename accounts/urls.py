from django.urls import path

from . import views
from .identity_urls import urlpatterns as identity_urlpatterns
from .oidc import views as oidc_views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", oidc_views.LogoutView.as_view(), name="logout"),
    path("registreren/", views.register, name="register"),
    path("activeren/<uidb64>/<token>/", views.activate, name="activate"),
    path("profiel/", views.profile, name="profile"),
    path("wachtwoord-vergeten/", views.password_reset, name="password_reset"),
    path("wachtwoord-vergeten/verzonden/", views.password_reset_done, name="password_reset_done"),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        views.password_reset_complete,
        name="password_reset_complete",
    ),
]

urlpatterns += identity_urlpatterns
