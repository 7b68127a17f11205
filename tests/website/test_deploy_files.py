"""The production stack cannot be started here (no Docker engine); check its structure instead."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_defines_the_production_stack_with_health_checks_and_volumes():
    compose = _compose()
    services = compose["services"]
    assert {"web", "worker", "beat", "migrate", "db", "redis", "elasticsearch"} <= set(services)
    for name in ("web", "db", "redis", "elasticsearch", "worker"):
        assert "healthcheck" in services[name], f"{name} has no health check"
    assert {"pgdata", "esdata", "media"} <= set(compose["volumes"])
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:3] == ["celery", "-A", "website"]
    assert "beat" in services["beat"]["command"]
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_compose_runs_production_settings_with_every_service_url():
    env = _compose()["services"]["web"]["environment"]
    assert env["DJANGO_SETTINGS_MODULE"] == "website.settings.production"
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["REDIS_URL"] == "redis://redis:6379/0"
    assert env["ELASTICSEARCH_URL"].startswith("http://elastic:")
    assert "SECRET_KEY" in env


def test_elasticsearch_is_a_secured_single_node():
    es = _compose()["services"]["elasticsearch"]
    assert es["image"].split(":")[-1].startswith("8.")
    assert es["environment"]["discovery.type"] == "single-node"
    assert es["environment"]["xpack.security.enabled"] == "true"
    assert "ELASTIC_PASSWORD" in es["environment"]


def test_readme_starts_with_the_two_commands():
    lines = [line for line in (ROOT / "README.md").read_text().splitlines() if line.strip()]
    block = "\n".join(lines[:6])
    assert block.index("make run") < block.index("make test")
    assert "docker compose up" in (ROOT / "README.md").read_text()


def test_ci_runs_make_test_on_postgresql():
    script = (ROOT / ".ci" / "run").read_text()
    assert "make test" in script
    assert "postgres://" in script and "REDIS_URL" in script
