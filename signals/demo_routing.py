"""Demo teams, routing rules and ketenpartner staff (called by ``signals.demo.seed``).

Idempotent: teams and rules are matched on name, users on e-mail address.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from accounts import roles
from taxonomy.models import Organisation, Region

from .models import RoutingRule, ServiceLevel, Team
from .workflow import Level

PASSWORD_COORDINATOR = "demo-coordinator-2026"
PASSWORD_PARTNER = "demo-ketenpartner-2026"

# (email, first, last, organisation slug, role)
USERS = [
    ("schakel.utrecht@example.org", "Noor", "Kuipers", "divosa", roles.COORDINATOR_SCHAKEL),
    ("schakel.rijnmond@example.org", "Daan", "Verbeek", "divosa", roles.COORDINATOR_SCHAKEL),
    ("uitvoering.utrecht@example.org", "Iris", "Hoekstra", "gemeente-utrecht", roles.COORDINATOR_UITVOERING),
    ("coa@example.org", "Fatima", "Ouali", "coa", roles.KETENPARTNER),
    ("ind@example.org", "Pieter", "van Dam", "ind", roles.KETENPARTNER),
    ("vng@example.org", "Lotte", "Brouwer", "vng", roles.KETENPARTNER),
]  # fmt: skip

# Regional ketenoverleg teams at schakelniveau: (team name, region name, member e-mail)
REGIONAL = [
    ("Ketenoverleg Midden-Utrecht", "Midden-Utrecht", "schakel.utrecht@example.org"),
    ("Ketenoverleg Rijnmond", "Rijnmond", "schakel.rijnmond@example.org"),
    ("Ketenoverleg Groot Amsterdam", "Groot Amsterdam", "schakel@example.org"),
]
# Uitvoering teams per organisation: (team name, organisation slug, member e-mail)
PER_ORGANISATION = [
    ("Uitvoering Gemeente Utrecht", "gemeente-utrecht", "uitvoering.utrecht@example.org"),
]


def _user(email):
    return get_user_model().objects.filter(email=email).first()


def _users() -> list[tuple[str, str, str]]:
    User = get_user_model()
    logins = []
    for email, first, last, org_slug, role in USERS:
        password = PASSWORD_PARTNER if role == roles.KETENPARTNER else PASSWORD_COORDINATOR
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "organisation": Organisation.objects.filter(slug=org_slug).first(),
                "is_active": True,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        roles.assign_role(user, role)
        logins.append((str(roles.ROLES[role].label), email, password))
    return logins


def _team(name, level, members, **fields) -> Team:
    team, _ = Team.objects.get_or_create(name=name, defaults={"level": level, **fields})
    team.members.add(*[u for u in (_user(e) for e in members) if u])
    return team


def seed(stdout=None) -> list[tuple[str, str, str]]:
    logins = _users()
    _team("Uitvoering landelijk", Level.UITVOERING, ["uitvoering@example.org"], is_default=True)
    divosa = _team("Divosa programmateam", Level.SCHAKEL, ["schakel@example.org"], is_default=True)
    szw = _team(
        "SZW stelselteam", Level.STELSEL, ["stelsel@example.org"], is_default=True,
        resolution_days=30,
    )  # fmt: skip
    ServiceLevel.objects.get_or_create(
        team=szw, urgency="hoog", defaults={"response_days": 2, "resolution_days": 15}
    )
    ServiceLevel.objects.get_or_create(
        team=divosa, urgency="hoog", defaults={"response_days": 2, "resolution_days": 10}
    )
    position = 10
    for name, slug, member in PER_ORGANISATION:
        organisation = Organisation.objects.filter(slug=slug).first()
        team = _team(name, Level.UITVOERING, [member])
        if organisation:
            team.organisations.add(organisation)
            RoutingRule.objects.get_or_create(
                name=f"Signalen van {organisation.name}",
                defaults={
                    "level": Level.UITVOERING,
                    "position": position,
                    "team": team,
                    "conditions": {"organisation": [organisation.pk]},
                },
            )
        position += 10
    position = 10
    for name, region_name, member in REGIONAL:
        region = Region.objects.filter(slug=slugify(region_name)).first()
        team = _team(name, Level.SCHAKEL, [member], resolution_days=15)
        if region:
            team.regions.add(region)
            RoutingRule.objects.get_or_create(
                name=f"Regio {region.name}",
                defaults={
                    "level": Level.SCHAKEL,
                    "position": position,
                    "team": team,
                    "conditions": {"region": [region.pk]},
                },
            )
        position += 10
    if stdout:
        stdout.write(
            f"  teams: {Team.objects.count()}, routing rules: {RoutingRule.objects.count()}"
        )
    from .demo_subscriptions import seed as seed_subscriptions

    seed_subscriptions(stdout)  # before the demo signals: they reach these subscribers
    return logins


def seed_consultation(signal, coordinator) -> None:
    """A consultation in progress: DUO and COA asked about one open signal."""
    from datetime import timedelta

    from django.utils import timezone

    from .models import Consultation
    from .services import consultations

    if signal is None or coordinator is None or Consultation.objects.filter(signal=signal).exists():
        return
    organisations = list(Organisation.objects.filter(slug__in=["duo", "coa"]))
    if not organisations:
        return
    consultations.ask(
        signal,
        coordinator,
        organisations,
        "Herkent u dit in uw eigen uitvoering, en is er al een aanpassing in voorbereiding?",
        timezone.localdate() + timedelta(days=14),
    )
