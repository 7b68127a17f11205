"""URLs of OpenID Connect sign-in, organisation members and the privacy rights."""

from django.urls import path

from . import member_views, privacy_views
from .oidc import views as oidc_views

urlpatterns = [
    path("inloggen/oidc/terug/", oidc_views.callback, name="oidc_callback"),
    path("inloggen/oidc/<slug:slug>/", oidc_views.StartView.as_view(), name="oidc_start"),
    path("organisatie/leden/", member_views.members, name="members"),
    path("organisatie/leden/<int:pk>/deactiveren/", member_views.deactivate, name="deactivate"),
    path("organisatie/leden/<int:pk>/rol/", member_views.request_role, name="request_role"),
    path("mijn-gegevens/", privacy_views.my_data, name="my_data"),
    path("mijn-gegevens/download/", privacy_views.my_data_json, name="my_data_json"),
    path("account-verwijderen/", privacy_views.remove_account, name="remove_account"),
]
