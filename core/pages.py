"""Where apps hang their index pages: the default site's root page.

Apps never import the shell's page models; they ask for the home page here.
"""

from __future__ import annotations

from wagtail.models import Page, Site


def home_page() -> Page:
    """The root page of the default site (the shell's home page), as its specific type.

    Falls back to the first page below the tree root when no site is configured yet.
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page.specific
    root = Page.get_first_root_node()
    child = root.get_children().first() if root is not None else None
    return (child or root).specific
