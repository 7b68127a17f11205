import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts import roles
from taxonomy.models import Organisation

pytestmark = pytest.mark.django_db
User = get_user_model()


def _form(**overrides):
    data = {
        "first_name": "Noor",
        "last_name": "de Boer",
        "email": "Noor.deBoer@Gemeente.example",
        "organisation": Organisation.objects.get(slug="duo").pk,
        "job_title": "Klantmanager",
        "password1": "Zeer-lang-wachtwoord-42",
        "password2": "Zeer-lang-wachtwoord-42",
        "accept_terms": "on",
    }
    data.update(overrides)
    return data


def test_professional_registers_activates_by_email_and_is_logged_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/registreren/", _form())
    assert response.status_code == 200
    assert "bevestig uw e-mailadres" in response.content.decode()
    user = User.objects.get(email="noor.deboer@gemeente.example")
    assert not user.is_active
    assert user.has_role(roles.PROFESSIONAL)
    assert user.organisation.slug == "duo"

    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/account/activeren/\S+/)", mail.outbox[0].body).group(1)
    assert (
        client.post(
            "/account/inloggen/", {"username": user.email, "password": "Zeer-lang-wachtwoord-42"}
        ).status_code
        == 200
    )

    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert "Uw account is geactiveerd" in response.content.decode()
    user.refresh_from_db()
    assert user.is_active
    assert response.context["user"] == user
    # The link is single-use.
    client.logout()
    assert client.get(link).status_code == 400


def test_registration_errors_are_explained_and_input_is_kept(client, make_user):
    make_user(email="bestaat@example.org")
    response = client.post(
        "/account/registreren/",
        _form(email="BESTAAT@example.org", password2="iets-anders-dan-1", accept_terms=""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er bestaat al een account" not in html  # never tells which addresses exist
    assert "De twee wachtwoorden zijn niet gelijk" in html
    assert "akkoord gaan met de privacyverklaring" in html
    assert 'value="Noor"' in html  # nothing typed is lost
    assert 'aria-invalid="true"' in html
    assert User.objects.filter(email__iexact="bestaat@example.org").count() == 1


def test_weak_password_is_refused(client):
    response = client.post(
        "/account/registreren/", _form(password1="12345678901", password2="12345678901")
    )
    assert "password1" in response.context["form"].errors
    assert not User.objects.filter(email="noor.deboer@gemeente.example").exists()


def test_login_with_email_in_any_case(client, make_user):
    make_user(email="klant@example.org")
    response = client.post(
        "/account/inloggen/", {"username": "KLANT@example.org", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302


def test_login_is_locked_after_repeated_failures(client, make_user, caplog):
    make_user(email="doelwit@example.org")
    for _ in range(5):
        response = client.post(
            "/account/inloggen/", {"username": "doelwit@example.org", "password": "fout"}
        )
        assert "klopt niet" in response.content.decode()
    response = client.post(
        "/account/inloggen/",
        {"username": "doelwit@example.org", "password": "correct-horse-battery"},
    )
    assert response.status_code == 200
    assert "te vaak een verkeerd wachtwoord" in response.content.decode()
    assert any("Login locked" in record.message for record in caplog.records)


def test_password_reset_by_email(client, make_user):
    make_user(email="vergeten@example.org")
    response = client.post(
        "/account/wachtwoord-vergeten/", {"email": "vergeten@example.org"}, follow=True
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    path = re.search(
        r"http://testserver(/account/wachtwoord-herstellen/\S+/)", mail.outbox[0].body
    ).group(1)
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "Nieuw-wachtwoord-2026", "new_password2": "Nieuw-wachtwoord-2026"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="vergeten@example.org").check_password("Nieuw-wachtwoord-2026")


def test_profile_requires_login_and_saves_changes(client, make_user):
    assert client.get("/account/profiel/").status_code == 302
    user = make_user(email="profiel@example.org", role=roles.PROFESSIONAL)
    client.force_login(user)
    response = client.get("/account/profiel/")
    assert "Professional" in response.content.decode()
    client.post(
        "/account/profiel/",
        {
            "first_name": "Nieuw",
            "last_name": "Naam",
            "organisation": user.organisation_id,
            "job_title": "Taalcoach",
            "preferred_language": "en",
        },
    )
    user.refresh_from_db()
    assert (user.first_name, user.job_title, user.preferred_language) == (
        "Nieuw",
        "Taalcoach",
        "en",
    )
