from django.urls import path

from . import status_views, views

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
    path(
        "feedback/moderatie/<int:pk>/antwoorden/",
        status_views.moderation_answer,
        name="moderation_answer",
    ),
    path("feedback/moderatie/uitkomsten/", status_views.outcome_list, name="outcome_list"),
    path("feedback/moderatie/uitkomsten/nieuw/", status_views.outcome_edit, name="outcome_new"),
    path("feedback/moderatie/uitkomsten/<int:pk>/", status_views.outcome_edit, name="outcome_edit"),
    path("feedback/status/", status_views.status_entry, name="status_entry"),
    path("feedback/wat-we-doen/", status_views.outcomes_entry, name="outcomes_entry"),
    path("feedback/<str:language>/status/", status_views.status, name="status"),
    path("feedback/<str:language>/wat-we-doen/", status_views.outcomes_page, name="outcomes"),
    path("feedback/<str:language>/", views.feedback_form, name="form"),
    path("feedback/<str:language>/bedankt/", views.thanks, name="thanks"),
]
