"""Purging a caching proxy or CDN through ``wagtail.contrib.frontend_cache``'s backends.

``HTTPPurgeBackend`` sends ``PURGE <path>`` with the page's ``Host`` to a proxy (Varnish,
nginx with a purge module) like Wagtail's ``HTTPBackend``, but a failure raises instead of
being only logged, so the caller (the outbox) can retry it. A 404 answer counts as done:
nginx answers so when the URL was not in its cache.
"""

from __future__ import annotations

import logging
from urllib.error import HTTPError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

logger = logging.getLogger(__name__)


class PurgeFailed(Exception):
    pass


class HTTPPurgeBackend(BaseBackend):
    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.scheme, self.netloc = location.scheme, location.netloc
        self.timeout = float(params.get("TIMEOUT", 5))

    def purge(self, url) -> None:
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        target = urlunsplit((self.scheme, self.netloc, parts.path or "/", parts.query, ""))
        request = Request(target, method="PURGE", headers={"Host": host})
        try:
            with urlopen(request, timeout=self.timeout):  # noqa: S310 - configured location
                pass
        except HTTPError as exc:
            if exc.code != 404:
                raise PurgeFailed(f"{target}: HTTP {exc.code}") from exc
        except OSError as exc:
            raise PurgeFailed(f"{target}: {exc}") from exc


def configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_urls(urls) -> None:
    """Purge full URLs from every configured proxy/CDN. Raises when one of them failed."""
    from wagtail.contrib.frontend_cache.utils import get_backends

    urls = sorted(set(urls))
    if not urls:
        return
    errors = []
    for name, backend in get_backends().items():
        mine = [url for url in urls if backend.invalidates_hostname(urlsplit(url).hostname)]
        if not mine:
            continue
        try:
            backend.purge_batch(mine)
        except Exception as exc:
            errors.append(f"{name}: {exc}")
    if errors:
        raise PurgeFailed("; ".join(errors))
