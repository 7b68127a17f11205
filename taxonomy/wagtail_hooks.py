from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Phase, Region, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


class PhaseViewSet(SnippetViewSet):
    model = Phase
    icon = "list-ol"
    list_display = ["number", "name", "is_active"]
    search_fields = ["name"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "abbreviation", "type", "region", "is_active"]
    list_filter = ["type", "is_active"]
    search_fields = ["name", "abbreviation"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomie")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ThemeViewSet, PhaseViewSet, RegionViewSet, OrganisationViewSet)


register_snippet(TaxonomyGroup)
