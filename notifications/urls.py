from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("meldingen/", views.notification_list, name="list"),
    path("meldingen/instellingen/", views.preferences, name="preferences"),
    path("meldingen/alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("meldingen/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("meldingen/<int:pk>/", views.notification_open, name="open"),
    path("meldingen/<int:pk>/gelezen/", views.mark_read, name="mark_read"),
]
