from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
    path("zoeken/klik/", views.click, name="click"),
    path("zoeken/feedback/", views.feedback, name="feedback"),
    path("api/v1/search/", views.SearchAPIView.as_view(), name="api-search"),
    path(
        "api/v1/search/autocomplete/",
        views.AutocompleteAPIView.as_view(),
        name="api-autocomplete",
    ),
]
