"""A real OpenSearch node for the engine tests (built from engine/ by ``make engine``).

``engine_node`` starts one node per test session on a free port and yields its URL;
``engine_nodes`` starts extra nodes for tests that kill or cluster them. Without Java and Maven
the engine tests skip with a reason naming OpenSearch (CI has both and fails on such a skip).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENGINE_DIR = ROOT / "engine"
JAR = ENGINE_DIR / "target" / "search-engine-1.0.0.jar"
CLASSPATH = ENGINE_DIR / "target" / "classpath.txt"
READY = "ENGINE READY "
START_TIMEOUT = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _built() -> bool:
    return JAR.exists() and CLASSPATH.exists()


_build_lock = threading.Lock()


def ensure_built() -> None:
    """Build the launcher if needed, or skip with a reason that names OpenSearch."""
    with _build_lock:
        if not shutil.which("java"):
            pytest.skip("OpenSearch test node needs Java 17 (and Maven to build it); not found")
        if _built():
            return
        if not shutil.which("mvn"):
            pytest.skip("OpenSearch test node needs Maven to build engine/ (make engine)")
        for args in (["mvn", "-q", "-B", "-o", "package"], ["mvn", "-q", "-B", "package"]):
            result = subprocess.run(args, cwd=ENGINE_DIR, capture_output=True, text=True)
            if result.returncode == 0 and _built():
                return
        pytest.fail(f"OpenSearch test node did not build:\n{result.stdout[-2000:]}")


class EngineNode:
    """One OpenSearch node in its own JVM (heap 1 GB), bound to 127.0.0.1."""

    def __init__(self, name="engine-1", cluster="engine-test", http_port=None, **settings):
        self.name = name
        self.http_port = http_port or free_port()
        self.transport_port = settings.pop("transport_port", None) or free_port()
        self.home = Path(settings.pop("home", None) or tempfile.mkdtemp(prefix=f"{name}-"))
        self.settings = {
            "cluster.name": cluster,
            "node.name": name,
            "http.port": str(self.http_port),
            "transport.port": str(self.transport_port),
            "path.home": str(self.home),
            "path.data": str(self.home / "data"),
            **settings,
        }
        self.process = None
        self.url = f"http://127.0.0.1:{self.http_port}"

    def start(self) -> EngineNode:
        ensure_built()
        classpath = f"{JAR}{os.pathsep}{CLASSPATH.read_text().strip()}"
        args = [
            "java",
            "-Xms1g",
            "-Xmx1g",
            "-XX:+UseSerialGC",
            "-Dengine.exit_on_stdin_close=true",
            "-cp",
            classpath,
            "nl.inburgering.engine.EngineNode",
            *[f"{key}={value}" for key, value in self.settings.items()],
        ]
        self.log = open(self.home / "node.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True
        )
        deadline = time.monotonic() + START_TIMEOUT
        line = ""
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if line.startswith(READY) or not line and self.process.poll() is not None:
                break
        if not line.startswith(READY):
            self.stop()
            tail = (self.home / "node.log").read_text()[-3000:]
            pytest.fail(f"OpenSearch test node did not start: {tail}")
        # Drain stdout so the node never blocks on a full pipe.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        return self

    def health(self, status="yellow", timeout="60s", **params) -> dict:
        query = "&".join(
            f"{k}={v}" for k, v in {"wait_for_status": status, "timeout": timeout, **params}.items()
        )
        with urllib.request.urlopen(f"{self.url}/_cluster/health?{query}", timeout=90) as response:
            return json.loads(response.read())

    def kill(self) -> None:
        """SIGKILL: the node vanishes mid-request, as in a crash."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(30)
        if getattr(self, "log", None):
            self.log.close()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)


@pytest.fixture(scope="session")
def engine_node():
    """The session's OpenSearch node (started once, green/yellow before use).

    ``ENGINE_TEST_URL`` reuses a node that is already running (quicker while developing).
    """
    external = os.environ.get("ENGINE_TEST_URL")
    if external:
        node = EngineNode(http_port=int(external.rsplit(":", 1)[1]))
        node.health()
        yield node
        return
    ensure_built()
    node = EngineNode().start()
    node.health()
    yield node
    node.cleanup()


@pytest.fixture
def engine_nodes():
    """Start extra nodes for one test (kill/restart, two-node cluster); all stopped after."""
    started: list[EngineNode] = []

    def start(**kwargs) -> EngineNode:
        node = EngineNode(**kwargs).start()
        started.append(node)
        return node

    yield start
    for node in started:
        node.cleanup()


_prefixes = itertools.count(1)


@pytest.fixture
def engine(engine_node, settings):
    """Point the project at the session node with an index prefix of this test's own."""
    from search import engine_backend

    prefix = f"test{os.getpid()}-{next(_prefixes)}"
    settings.OPENSEARCH_URL = engine_node.url
    settings.ELASTICSEARCH_URL = None
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    settings.SEARCH_ENGINE_PAUSE_SECONDS = 30
    settings.SEARCH_ENGINE_TIMEOUT = 15  # a shared 2-core CI machine; production default is 2 s
    from django.core.cache import cache

    from search.models import PROMOTED_CACHE_KEY, SYNONYM_CACHE_KEY

    # Cached synonyms survive a rolled-back test: never let one test's synonyms reach the next.
    cache.delete_many([SYNONYM_CACHE_KEY, PROMOTED_CACHE_KEY])
    engine_backend.resume()
    yield engine_node
    engine_backend.resume()
    cache.delete_many([SYNONYM_CACHE_KEY, PROMOTED_CACHE_KEY])
    from opensearchpy import OpenSearch

    OpenSearch(hosts=[engine_node.url], timeout=60).indices.delete(
        index=f"{prefix}-search-*", ignore_unavailable=True
    )
