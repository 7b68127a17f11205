from django.urls import path

from . import subscription_views, views

app_name = "notifications"

urlpatterns = [
    path("meldingen/", views.notification_list, name="list"),
    path("meldingen/instellingen/", views.preferences, name="preferences"),
    path("meldingen/alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("meldingen/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("meldingen/<int:pk>/", views.notification_open, name="open"),
    path("meldingen/<int:pk>/gelezen/", views.mark_read, name="mark_read"),
    path(
        "meldingen/volgopdrachten/",
        subscription_views.subscription_list,
        name="subscriptions",
    ),
    path(
        "meldingen/volgopdrachten/<int:pk>/",
        subscription_views.subscription_change,
        name="subscription_change",
    ),
    path(
        "meldingen/volgopdrachten/<int:pk>/verwijderen/",
        subscription_views.subscription_delete,
        name="subscription_delete",
    ),
]
