"""Start the real OpenID provider (tests/oidc_provider, npm oidc-provider) on 127.0.0.1.

``OpenIDProvider(clients).start()`` runs ``node server.mjs``, waits for its port and
offers the test-only controls (accounts, a tampered next ID token, the code lifetime).
``Browser`` plays the person at the provider: it signs in on the provider's own login
form with a requests session, follows redirects until they lead back to the site.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import requests

HARNESS = Path(__file__).resolve().parents[1] / "oidc_provider"


def skip_reason() -> str | None:
    if shutil.which("node") is None:
        return "OpenID provider: Node.js (node) is not installed; CI installs it"
    if not (HARNESS / "node_modules" / "oidc-provider").exists():
        return "OpenID provider: run `npm ci` in tests/oidc_provider (scripts/services.sh does)"
    return None


class OpenIDProvider:
    def __init__(self, clients: list[dict]):
        self.clients = clients
        self.process = None
        self.issuer = ""

    def start(self) -> OpenIDProvider:
        reason = skip_reason()
        if reason:
            pytest.skip(reason)
        env = {**os.environ, "OIDC_TEST_CONFIG": json.dumps({"clients": self.clients})}
        self.process = subprocess.Popen(
            ["node", str(HARNESS / "server.mjs")],
            cwd=HARNESS,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the OpenID provider did not start")
        self.issuer = json.loads(line)["issuer"]
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def _control(self, path: str, body: dict) -> None:
        requests.post(f"{self.issuer}/__test__/{path}", json=body, timeout=5).raise_for_status()

    def add_account(self, account_id: str, **claims) -> None:
        self._control("accounts", {account_id: claims})

    def tamper_next_id_token(self, claim: str, value) -> None:
        self._control("tamper", {"claim": claim, "value": value})

    def set_code_ttl(self, seconds: int) -> None:
        self._control("code-ttl", {"seconds": seconds})

    def settings_entry(self, slug="gemeente-test", client_id="portal", **extra) -> dict:
        client = next(c for c in self.clients if c["client_id"] == client_id)
        return {
            "slug": slug,
            "label": "Gemeente Test",
            "issuer": self.issuer,
            "client_id": client_id,
            "client_secret": client["client_secret"],
            "scopes": "openid email profile organisation",
            **extra,
        }


FORM = re.compile(r'<form[^>]*?action="([^"]+)"', re.I)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', re.I)


class Browser:
    """The person at the provider: a cookie jar and the provider's own HTML forms."""

    def __init__(self, issuer: str):
        self.issuer = issuer
        self.session = requests.Session()

    def _follow(self, url: str):
        """Follow provider redirects; stop at the first URL outside the provider."""
        while url.startswith(self.issuer):
            response = self.session.get(url, allow_redirects=False, timeout=10)
            if response.status_code in (302, 303):
                url = urljoin(url, response.headers["Location"])
                continue
            return url, response
        return url, None

    def sign_in(self, authorize_url: str, account_id: str) -> str:
        """Sign in at the provider; returns the URL it redirects back to (callback)."""
        url, page = self._follow(authorize_url)
        if page is not None:  # the provider's login form
            action = urljoin(url, unescape(FORM.search(page.text).group(1)))
            response = self.session.post(
                action,
                data={"prompt": "login", "login": account_id, "password": "any"},
                allow_redirects=False,
                timeout=10,
            )
            url, page = self._follow(urljoin(action, response.headers["Location"]))
        assert page is None, f"the provider did not redirect back: {page.text[:300]}"
        return url

    def confirm_logout(self, end_session_url: str) -> str:
        """Answer "yes, sign me out" on the provider's page; returns where it sends us."""
        page = self.session.get(end_session_url, timeout=10)
        action = urljoin(page.url, unescape(FORM.search(page.text).group(1)))
        data = dict(HIDDEN.findall(page.text))
        data["logout"] = "yes"
        response = self.session.post(action, data=data, allow_redirects=False, timeout=10)
        return response.headers.get("Location", "")

    def has_provider_session(self) -> bool:
        return any(c.name.startswith("_session") for c in self.session.cookies)


def path_of(url: str) -> str:
    parsed = urlparse(url)
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")
