from django.urls import include, path

from . import views

app_name = "signals"

urlpatterns = [
    path("signalen/", views.signal_list, name="list"),
    path("signalen/nieuw/", views.submit, name="submit"),
    path("signalen/vergelijkbaar/", views.similar_json, name="similar"),
    path("signalen/export/", views.export, name="export"),
    path("signalen/opvolging/", views.public_followup, name="public_followup"),
    path("signalen/opvolging/<str:kind>/<int:pk>/", views.public_detail, name="public_detail"),
    path("signalen/<int:pk>/", views.signal_detail, name="detail"),
    path("mijn-signalen/", views.mine, name="mine"),
    path("werkbank/", views.workbench, name="workbench"),
    path("werkbank/bulk/", views.workbench_bulk, name="workbench_bulk"),
    path("werkbank/signalen/<int:pk>/", views.workbench_detail, name="workbench_detail"),
    path("dossiers/", views.dossier_list, name="dossier_list"),
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("api/v1/", include("signals.api_urls")),
]
