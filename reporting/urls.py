from django.urls import path, register_converter

from . import views


class LevelConverter:
    regex = "uitvoering|schakel|stelsel"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


class ScopeConverter(LevelConverter):
    regex = "alle|uitvoering|schakel|stelsel"


register_converter(LevelConverter, "level")
register_converter(ScopeConverter, "scope")

app_name = "reporting"

urlpatterns = [
    path("rapportage/", views.dashboard, name="dashboard"),
    path("rapportage/start/", views.home, name="home"),
    path("rapportage/publiek/", views.public, name="public"),
    path("rapportage/fase/<slug:slug>/", views.phase_page, name="phase"),
    path("rapportage/kwartaal/", views.quarterly_index, name="quarterly_index"),
    path("rapportage/kwartaal/<scope:scope>/<str:period>/", views.quarterly, name="quarterly"),
    path(
        "rapportage/kwartaal/<scope:scope>/<str:period>/pdf/",
        views.quarterly_pdf,
        name="quarterly_pdf",
    ),
    path(
        "rapportage/kwartaal/<scope:scope>/<str:period>/xlsx/",
        views.quarterly_xlsx,
        name="quarterly_xlsx",
    ),
    path("rapportage/indicatoren/importeren/", views.import_values, name="import"),
    path("rapportage/<level:level>/", views.dashboard, name="level"),
]
