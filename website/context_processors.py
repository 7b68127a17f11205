from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from core import navigation


def _menu_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = Page.objects.child_of(site.root_page).live().in_menu()
    if not request.user.is_authenticated:
        pages = pages.public()
    return list(pages)


def site_shell(request):
    """Navigation and language data for every page of the shell (two queries at most)."""
    items = [
        {"label": page.title, "url": page.get_url(request), "page": True}
        for page in _menu_pages(request)
    ]
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
