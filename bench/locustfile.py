"""Load scenario: a realistic mix of visitors, professionals and coordinators.

Run by ``bench/bench_load.py`` (which prepares the database and starts gunicorn); it can
also be pointed at any running instance:

    LOAD_PATHS=bench/results/load_paths.json locust -f bench/locustfile.py \
        --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:8000

``LOAD_PATHS`` is a JSON file with ``questions``, ``themes``, ``queries`` (lists of paths or
words) and ``professionals``/``coordinators`` (lists of [email, password]).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

with open(os.environ.get("LOAD_PATHS", "bench/results/load_paths.json"), encoding="utf-8") as fh:
    DATA = json.load(fh)

_professionals = itertools.cycle(DATA["professionals"])
_coordinators = itertools.cycle(DATA["coordinators"])
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# No numbers in generated text: long digit runs can look like a BSN to the privacy guard.
PLACES = ["Utrecht", "Zwolle", "Tilburg", "Groningen", "Arnhem", "Leiden", "Venlo", "Almere"]
_SIGNAL_LINK = re.compile(r'href="/werkbank/signalen/(\d+)/"')


class _SignedIn(HttpUser):
    abstract = True
    accounts = None

    def _insecure_cookies(self):
        # Production cookies are Secure; the benchmark talks plain HTTP on the loopback
        # (as behind a TLS-terminating proxy), so let the client send them anyway.
        for cookie in self.client.cookies:
            cookie.secure = False

    def _csrf(self, path, name):
        response = self.client.get(path, name=name)
        self._insecure_cookies()
        match = _CSRF.search(response.text)
        return match.group(1) if match else ""

    def on_start(self):
        email, password = next(self.accounts)
        token = self._csrf("/account/inloggen/", "login form")
        with self.client.post(
            "/account/inloggen/",
            {"username": email, "password": password, "csrfmiddlewaretoken": token},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login failed for {email}: {response.status_code}")
        self._insecure_cookies()


class Visitor(HttpUser):
    """Anonymous: reads the home page, the kennisbank, Q&A and theme pages, searches."""

    weight = 6
    wait_time = between(1, 3)

    @task(3)
    def home(self):
        self.client.get("/", name="/")

    @task(3)
    def question(self):
        self.client.get(random.choice(DATA["questions"]), name="Q&A page")

    @task(2)
    def theme(self):
        self.client.get(random.choice(DATA["themes"]), name="theme page")

    @task(1)
    def kennisbank(self):
        self.client.get("/kennisbank/", name="/kennisbank/")

    @task(3)
    def search(self):
        self.client.get("/zoeken/", params={"q": random.choice(DATA["queries"])}, name="search")

    @task(1)
    def public_followup(self):
        self.client.get("/signalen/opvolging/", name="public follow-up")


class Professional(_SignedIn):
    """Signed in: submits signals, reads own list and the shared signal list."""

    weight = 3
    wait_time = between(1, 3)
    accounts = _professionals

    @task(2)
    def submit_signal(self):
        token = self._csrf("/signalen/nieuw/", "signal form")
        place = random.choice(PLACES)
        with self.client.post(
            "/signalen/nieuw/",
            {
                "title": f"Knelpunt bij de overdracht in {place}",
                "description": "Het driegesprek tussen azc en gemeente lukt niet; de "
                "overdracht gaat per e-mail en informatie raakt kwijt.",
                "urgency": "normaal",
                "confirm": "1",
                "csrfmiddlewaretoken": token,
            },
            name="submit signal",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"signal not accepted: {response.status_code}")

    @task(3)
    def my_signals(self):
        self.client.get("/mijn-signalen/", name="/mijn-signalen/")

    @task(2)
    def signal_list(self):
        self.client.get("/signalen/", name="/signalen/")

    @task(2)
    def search(self):
        self.client.get("/zoeken/", params={"q": random.choice(DATA["queries"])}, name="search")


class Coordinator(_SignedIn):
    """Coordinator: lists the workbench (filtered) and opens signals."""

    weight = 1
    wait_time = between(1, 3)
    accounts = _coordinators
    seen: list[str] = []

    @task(3)
    def workbench(self):
        response = self.client.get("/werkbank/", name="/werkbank/")
        self.seen = _SIGNAL_LINK.findall(response.text)[:10] or self.seen

    @task(2)
    def workbench_filtered(self):
        self.client.get(
            "/werkbank/",
            params={"status": random.choice(["ingediend", "in_behandeling"]), "sort": "deadline"},
            name="/werkbank/?filter",
        )

    @task(2)
    def open_signal(self):
        if self.seen:
            pk = random.choice(self.seen)
            self.client.get(f"/werkbank/signalen/{pk}/", name="workbench detail")
