from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from core import navigation, page_cache
from core.http_cache import public_pages


def _menu_items(request) -> list[tuple[str, str]]:
    """(title, url) of the menu pages; cached until the next site-wide purge."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    signed_in = request.user.is_authenticated

    def load():
        pages = Page.objects.child_of(site.root_page).live().in_menu()
        if not signed_in:
            pages = public_pages(pages)
        return [(page.title, page.get_url(request)) for page in pages]

    return page_cache.fragment(f"menu:{site.pk}:{int(signed_in)}", load)


def site_shell(request):
    """Navigation and language data for every page of the shell (no query when cached)."""
    items = [{"label": label, "url": url, "page": True} for label, url in _menu_items(request)]
    for entry in navigation.app_entries(request.user):
        url = entry.url()
        if url:
            items.append({"label": entry.label, "url": url})
    current = request.path
    # Page titles are Dutch content; app labels are Dutch where the language has no catalog.
    interface = translation.get_language() in settings.INTERFACE_LANGUAGES
    for item in items:
        item["lang"] = "" if interface and "page" not in item else "nl"
        item["active"] = item["url"] != "/" and current.startswith(item["url"])
    return {
        "main_navigation": items,
        "available_languages": [
            (code, name)
            for code, name in settings.LANGUAGES
            if code in settings.INTERFACE_LANGUAGES
        ],
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
