import os
import subprocess
import sys
from pathlib import Path

import pytest

from website.schedule import CELERY_BEAT_SCHEDULE
from website.settings.env import database_config, email_config

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "website.settings.production",
    "SECRET_KEY": "x9!kq-" + "a1B2c3D4e5F6g7H8i9J0" * 3,
    "ALLOWED_HOSTS": "lerendstelsel.example.org",
}


def _manage(*args, env_extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_strong_secret_key():
    result = _manage("check", env_extra={**PRODUCTION_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_database_url_selects_postgresql_and_default_is_sqlite(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_config(tmp_path / "db.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"
    monkeypatch.setenv("DATABASE_URL", "postgres://app:secret@db:5432/lerendstelsel")
    config = database_config(tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["NAME"], config["USER"]) == ("db", "lerendstelsel", "app")


def test_email_url_is_translated_to_smtp_settings():
    config = email_config("submission://mailer:p%40ss@smtp.example.org:2525")
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert config["EMAIL_HOST"] == "smtp.example.org"
    assert config["EMAIL_PORT"] == 2525
    assert config["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert config["EMAIL_USE_TLS"] is True
    assert email_config(None)["EMAIL_BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ValueError):
        email_config("carrier-pigeon://coo")


def test_embedded_default_runs_celery_tasks_in_process():
    code = "from django.conf import settings; print(settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL)"
    env = {"DJANGO_SETTINGS_MODULE": "website.settings.dev", "REDIS_URL": "", "DATABASE_URL": ""}
    result = _manage("shell", "--no-imports", "-c", code, env_extra=env)
    assert result.stdout.split() == ["True", "memory://"], result.stderr
    env["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    result = _manage("shell", "--no-imports", "-c", code, env_extra=env)
    assert result.stdout.split() == ["False", "redis://127.0.0.1:6379/0"], result.stderr


def test_every_beat_job_names_a_registered_task():
    from website.celery import app

    app.loader.import_default_modules()
    assert CELERY_BEAT_SCHEDULE
    for name, entry in CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, f"beat job {name} names unknown task {entry['task']}"


# Backticked capitals in the docs that are not environment variables of the settings.
NOT_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE",
    "INFO",
    "CONN_MAX_AGE",
    "WARNING",
    "REMOTE_ADDR",
    "LICENSE",
}


def test_every_variable_the_docs_call_configurable_is_read_from_the_environment():
    import re

    # The configuration docs (other docs name code constants and Django settings too).
    docs = [ROOT / "README.md", ROOT / "docs" / "operations.md"]
    named = set()
    for doc in docs:
        named |= set(re.findall(r"`([A-Z][A-Z0-9_]{3,})`", doc.read_text()))
    sources = "\n".join(p.read_text() for p in (ROOT / "website" / "settings").glob("*.py"))
    unread = sorted(
        name
        for name in named - NOT_ENVIRONMENT
        if not re.search(r"env\w*\(\s*\"" + name + '"', sources)
    )
    assert not unread, f"documented but not read from the environment: {unread}"


def test_private_media_root_comes_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(settings.PRIVATE_MEDIA_ROOT, settings.COMMUNITIES_DOCUMENT_ROOT)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "website.settings.dev", "PRIVATE_MEDIA_ROOT": str(tmp_path)}
    result = _manage("shell", "--no-imports", "-c", code, env_extra=env)
    assert result.stdout.split() == [str(tmp_path), str(tmp_path / "communities")], result.stderr


def test_broker_can_use_its_own_redis_database():
    code = "from django.conf import settings; print(settings.CELERY_BROKER_URL, settings.REDIS_URL)"
    env = {
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/1",
    }
    result = _manage("shell", "--no-imports", "-c", code, env_extra=env)
    assert result.stdout.split() == ["redis://127.0.0.1:6379/1", "redis://127.0.0.1:6379/0"]
