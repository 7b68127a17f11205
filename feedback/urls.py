from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.choose_language, name="choose_language"),
    path("feedback/moderatie/", views.moderation_list, name="moderation_list"),
    path("feedback/moderatie/<int:pk>/", views.moderation_detail, name="moderation_detail"),
    path(
        "feedback/moderatie/<int:pk>/signaal/",
        views.moderation_to_signal,
        name="moderation_to_signal",
    ),
    path("feedback/moderatie/<int:pk>/koppelen/", views.moderation_link, name="moderation_link"),
    path(
        "feedback/moderatie/<int:pk>/archiveren/",
        views.moderation_archive,
        name="moderation_archive",
    ),
    path("feedback/<str:language>/", views.feedback_form, name="form"),
    path("feedback/<str:language>/bedankt/", views.thanks, name="thanks"),
]
