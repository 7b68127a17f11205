"""Malformed configuration is refused at start-up with an error naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.checks import check_environment

ROOT = Path(__file__).resolve().parents[2]


def _check(**env_extra):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"DJANGO_SETTINGS_MODULE": "website.settings.dev", "DATABASE_URL": ""}, **env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_start_up_refuses_malformed_environment_values_naming_each_variable():
    result = _check(
        RATE_LIMIT_ANONYMOUS_FORMS="10/x",
        RATE_LIMIT_API_USER="many",
        LOGIN_LOCKOUT_SECONDS="15m",
        TRUSTED_PROXIES="10.0.0.0/8,proxy.example.org",
        ELASTICSEARCH_URL="http://elastic:pw@es:92OO",
        EMAIL_URL="carrier-pigeon://coo",
        DEBUG="sometimes",
    )
    assert result.returncode != 0
    for variable, detail in [
        ("RATE_LIMIT_ANONYMOUS_FORMS", "'10/x' is not a rate"),
        ("RATE_LIMIT_API_USER", "'many' is not a rate"),
        ("LOGIN_LOCKOUT_SECONDS", "'15m' is not a whole number"),
        ("TRUSTED_PROXIES", "'proxy.example.org' is not an IP network"),
        ("ELASTICSEARCH_URL", "'http://elastic:***@es:92OO' is not a valid URL"),
        ("EMAIL_URL", "EMAIL_URL scheme 'carrier-pigeon' is not supported"),
        ("DEBUG", "'sometimes' is not true/false"),
    ]:
        assert f"Environment variable {variable}: {detail}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert "pw@" not in result.stderr  # no password in the log


def test_well_formed_values_pass():
    result = _check(
        RATE_LIMIT_ANONYMOUS_FORMS="5/15m",
        RATE_LIMIT_API_ANONYMOUS="30/minute",
        RATE_LIMIT_API_USER="1000/h",
        LOGIN_LOCKOUT_SECONDS="600",
        TRUSTED_PROXIES="10.0.0.0/8, 172.16.0.0/12, ::1",
        ELASTICSEARCH_URL="http://elastic:pw@127.0.0.1:9200",
        REDIS_URL="redis://127.0.0.1:6379/0",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def _messages():
    return {error.obj: error.msg for error in check_environment()}


@pytest.mark.parametrize(
    ("setting", "value", "variable"),
    [
        ("REDIS_URL", "redis://cache:port/0", "REDIS_URL"),
        ("REDIS_URL", "http://cache:6379/0", "REDIS_URL"),
        ("CELERY_BROKER_URL", "redis:///1", "CELERY_BROKER_URL"),
        ("SITE_URL", "lerendstelsel.example.org", "SITE_URL"),
        ("TRUSTED_PROXIES", ["10.0.0.0/33"], "TRUSTED_PROXIES"),
        ("PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS", "0/h", "RATE_LIMIT_ANONYMOUS_FORMS"),
    ],
)
def test_each_kind_of_malformed_value_is_named(settings, setting, value, variable):
    setattr(settings, setting, value)
    assert variable in _messages()


def test_a_port_that_is_not_a_number_is_named(settings):
    settings.ENVIRONMENT_PROBLEMS = {"SECURE_HSTS_SECONDS": "'1y' is not a whole number"}
    messages = _messages()
    assert messages["SECURE_HSTS_SECONDS"] == (
        "Environment variable SECURE_HSTS_SECONDS: '1y' is not a whole number."
    )


def test_the_project_settings_have_no_configuration_errors():
    assert check_environment() == []
