"""Django views of communities outside a community page's own routes.

Everything inside a community (``/communities/<slug>/...``) is routed by the page itself
(``CommunityPage`` is a routable page), so nothing here collides with Wagtail's tree.
"""

from django.urls import path

from . import views

app_name = "communities"

urlpatterns = [
    path(
        "communities/uitnodiging/<str:token>/",
        views.accept_invitation,
        name="accept_invitation",
    ),
]
