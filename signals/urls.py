from django.urls import include, path

from .views import detail, dossiers, intake, lists, public, workbench

app_name = "signals"

urlpatterns = [
    path("signalen/", lists.signal_list, name="list"),
    path("signalen/nieuw/", intake.submit, name="submit"),
    path("signalen/vergelijkbaar/", intake.similar_json, name="similar"),
    path("signalen/export/", lists.export, name="export"),
    path("signalen/opvolging/", public.public_followup, name="public_followup"),
    path("signalen/opvolging/<str:kind>/<int:pk>/", public.public_detail, name="public_detail"),
    path("signalen/<int:pk>/", detail.signal_detail, name="detail"),
    path("signalen/<int:pk>/herkennen/", detail.support, name="support"),
    path("signalen/<int:pk>/niet-herkennen/", detail.unsupport, name="unsupport"),
    path("signalen/<int:pk>/volgen/", detail.follow, name="follow"),
    path("signalen/<int:pk>/ontvolgen/", detail.unfollow, name="unfollow"),
    path("signalen/<int:pk>/beoordelen/", detail.rate, name="rate"),
    path("signalen/<int:pk>/aanvullen/", detail.provide_info, name="provide_info"),
    path("mijn-signalen/", lists.mine, name="mine"),
    path("werkbank/", workbench.workbench, name="workbench"),
    path("werkbank/bulk/", workbench.workbench_bulk, name="workbench_bulk"),
    path("werkbank/signalen/<int:pk>/", workbench.workbench_detail, name="workbench_detail"),
    path("werkbank/signalen/<int:pk>/handeling/", workbench.signal_action, name="signal_action"),
    path("werkbank/signalen/<int:pk>/toewijzen/", workbench.signal_assign, name="signal_assign"),
    path("werkbank/signalen/<int:pk>/bundelen/", workbench.signal_bundle, name="signal_bundle"),
    path("werkbank/signalen/<int:pk>/notitie/", workbench.signal_note, name="signal_note"),
    path("werkbank/signalen/<int:pk>/update/", workbench.signal_followup, name="signal_followup"),
    path(
        "werkbank/signalen/<int:pk>/kennisvraag/",
        workbench.signal_question,
        name="signal_question",
    ),
    path("dossiers/", dossiers.dossier_list, name="dossier_list"),
    path("dossiers/<int:pk>/", dossiers.dossier_detail, name="dossier_detail"),
    path("dossiers/<int:pk>/volgen/", dossiers.dossier_follow, name="dossier_follow"),
    path("dossiers/<int:pk>/ontvolgen/", dossiers.dossier_unfollow, name="dossier_unfollow"),
    path("dossiers/<int:pk>/bewerken/", dossiers.dossier_edit, name="dossier_edit"),
    path("dossiers/<int:pk>/mijlpaal/", dossiers.dossier_milestone, name="dossier_milestone"),
    path(
        "dossiers/<int:pk>/mijlpaal-bereikt/",
        dossiers.dossier_milestone_done,
        name="dossier_milestone_done",
    ),
    path("dossiers/<int:pk>/handeling/", dossiers.dossier_action, name="dossier_action"),
    path("dossiers/<int:pk>/toewijzen/", dossiers.dossier_assign, name="dossier_assign"),
    path("dossiers/<int:pk>/notitie/", dossiers.dossier_note, name="dossier_note"),
    path("dossiers/<int:pk>/update/", dossiers.dossier_followup, name="dossier_followup"),
    path("dossiers/<int:pk>/kennisvraag/", dossiers.dossier_question, name="dossier_question"),
    path("api/v1/", include("signals.api_urls")),
]
