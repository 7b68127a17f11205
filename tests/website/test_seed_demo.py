import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from accounts import roles
from taxonomy.models import Organisation

pytestmark = pytest.mark.django_db


def _counts():
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"taxonomy", "accounts", "website", "knowledge", "signals", "communities"}
        or model._meta.label in {"wagtailcore.Page", "auth.Group"}
    }


def test_seed_demo_is_idempotent_and_prints_logins(capsys):
    call_command("seed_demo")
    first = _counts()
    out = capsys.readouterr().out
    call_command("seed_demo")
    assert _counts() == first
    for role in roles.ROLES.values():
        assert get_user_model().objects.filter(groups__name=role.group_name).exists(), role.key
    assert "admin@example.org" in out and "demo-admin-2026" in out
    assert Organisation.objects.filter(type="gemeente").count() >= 5
    assert Page.objects.live().count() >= 5


def test_seed_demo_refuses_in_production_without_force(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    settings.TESTING = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
