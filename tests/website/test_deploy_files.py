"""The production stack cannot be started here (no Docker engine); check its structure instead."""

import re
from pathlib import Path
from urllib.parse import urlparse

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


# --- structure checks in the spirit of `docker compose config` (no Docker engine here) -------

COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text()
DOCKERFILE = (ROOT / "Dockerfile").read_text()
VARIABLE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}")
APP_SERVICES = ("migrate", "web", "worker", "beat")


def _documented_in_env_example() -> set[str]:
    names = set()
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.match(r"\s*#?\s*([A-Z][A-Z0-9_]*)=", line)
        if match:
            names.add(match.group(1))
    return names


def _named_volume(entry):
    source = entry["source"] if isinstance(entry, dict) else entry.split(":", 1)[0]
    if isinstance(entry, dict) and entry.get("type", "volume") != "volume":
        return None
    return None if source.startswith((".", "/", "~", "$")) else source


def test_every_named_volume_used_is_declared():
    compose = _compose()
    declared = set(compose["volumes"])
    used = {
        name
        for service in compose["services"].values()
        for entry in service.get("volumes", [])
        if (name := _named_volume(entry))
    }
    assert used, "no named volumes found"
    assert used <= declared, f"undeclared volumes: {used - declared}"
    assert declared <= used, f"declared but unused volumes: {declared - used}"


def test_every_variable_has_a_default_or_is_documented_in_env_example():
    assert "$" not in VARIABLE.sub("", COMPOSE_TEXT.replace("$$", "")), "unbraced $VAR"
    documented = _documented_in_env_example()
    references = VARIABLE.findall(COMPOSE_TEXT)
    assert references
    for name, operator, _rest in references:
        has_default = operator in {"-", ":-"}
        assert has_default or name in documented, (
            f"${{{name}}} has no default and no .env.example line"
        )
    required = {name for name, operator, _ in references if operator in {"?", ":?"}}
    assert {"SECRET_KEY", "POSTGRES_PASSWORD", "ELASTIC_PASSWORD"} <= required


def test_every_service_reference_resolves():
    services = _compose()["services"]
    for name, service in services.items():
        depends = service.get("depends_on", {})
        targets = depends if isinstance(depends, list) else list(depends)
        for target in targets:
            assert target in services, f"{name} depends on unknown service {target}"
            assert target != name
        if isinstance(depends, dict):
            for target, condition in depends.items():
                assert condition["condition"] in {
                    "service_started",
                    "service_healthy",
                    "service_completed_successfully",
                }
                if condition["condition"] == "service_healthy":
                    assert "healthcheck" in services[target], f"{target} has no health check"
    # Hosts in the app's service URLs are services of this file.
    env = services["web"]["environment"]
    for key in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL"):
        host = re.search(r"@?([a-z][a-z0-9_-]*):\d+", env[key].split("@")[-1]).group(1)
        assert host in services, f"{key} points at unknown service {host}"


def test_migrate_waits_for_the_database_but_not_for_elasticsearch():
    services = _compose()["services"]
    assert set(services["migrate"]["depends_on"]) == {"db", "redis"}
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )


def test_broker_and_cache_use_separate_redis_databases():
    for name in APP_SERVICES:
        env = _compose()["services"][name]["environment"]
        cache, broker = urlparse(env["REDIS_URL"]), urlparse(env["CELERY_BROKER_URL"])
        assert cache.hostname == broker.hostname == "redis"
        assert cache.path.strip("/") != broker.path.strip("/")


def test_private_files_live_on_a_named_volume_where_the_setting_points():
    compose = _compose()
    for name in APP_SERVICES:
        service = compose["services"][name]
        mounts = dict(entry.split(":", 1) for entry in service["volumes"])
        private_root = service["environment"]["PRIVATE_MEDIA_ROOT"]
        assert mounts["private_media"] == private_root, name
        assert mounts["media"] == service["environment"]["MEDIA_ROOT"], name
    # The image creates both folders owned by the app user (uid 1000), so a new named volume
    # starts out writable for it, and runs as that user.
    assert "useradd --create-home --uid 1000 app" in DOCKERFILE
    assert "chown -R app:app /app/media /app/private_media" in DOCKERFILE
    assert re.search(r"^USER app$", DOCKERFILE, re.M)
    assert "private_media" in compose["services"]["beat"]["command"][-1]  # beat's schedule


def test_images_are_pinned_by_version():
    for name, service in _compose()["services"].items():
        image = VARIABLE.sub(lambda m: m.group(3) or "", service["image"])
        assert ":" in image.rsplit("/", 1)[-1], f"{name}: image without a tag"
        tag = image.rsplit(":", 1)[1]
        assert tag != "latest", name
        if name not in APP_SERVICES:
            # PostgreSQL releases are major.minor (15.14); the others major.minor.patch.
            assert re.match(r"\d+\.\d+(\.\d+)?(-|$)", tag), f"{name}: {tag} is not exact"
    base = re.findall(r"^FROM\s+(\S+)", DOCKERFILE, re.M)
    assert base and all(re.search(r":\d+\.\d+\.\d+", image) for image in base), base


def test_elasticsearch_server_matches_the_client_minor_version():
    lock = (ROOT / "requirements" / "base.txt").read_text()
    client = re.search(r"^elasticsearch==(\d+)\.(\d+)\.", lock, re.M).groups()
    server = _compose()["services"]["elasticsearch"]["image"].rsplit(":", 1)[1].split(".")[:2]
    assert tuple(server) == client


def test_dockerfile_installs_only_the_hashed_lock():
    installs = [line for line in DOCKERFILE.splitlines() if "pip install" in line]
    assert installs == ["RUN pip install --require-hashes --no-deps -r requirements/base.txt"], (
        installs
    )
    assert "COPY requirements/base.txt" in DOCKERFILE
    lock = (ROOT / "requirements" / "base.txt").read_text()
    assert "--hash=sha256:" in lock and "gunicorn==" in lock


def test_dockerignore_keeps_secrets_and_data_out_of_the_image():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".env", "private_media", "media", "db.sqlite3", ".git", ".venv"} <= ignored


def test_license_file_matches_the_declared_licence():
    assert 'license = { text = "EUPL-1.2" }' in (ROOT / "pyproject.toml").read_text()
    text = (ROOT / "LICENSE").read_text()
    assert text.lstrip().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "15. Applicable Law" in text and "Appendix" in text
