from django.urls import path

from . import feeds, views

app_name = "knowledge"

urlpatterns = [
    path("kennisbank/thema/<slug:slug>/", views.theme_detail, name="theme"),
    path("kennisbank/feedback/<int:page_id>/", views.feedback, name="feedback"),
    path("kennisbank/vraag-stellen/", views.ask_question, name="ask"),
    path("kennisbank/mijn-vragen/", views.my_questions, name="my_questions"),
    path("kennisbank/feeds/rss/", feeds.KnowledgeFeed(), name="feed_rss"),
    path("kennisbank/feeds/atom/", feeds.KnowledgeAtomFeed(), name="feed_atom"),
]
