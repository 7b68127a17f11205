"""Demo users, one or more per role, with printed passwords (never for production)."""

from django.contrib.auth import get_user_model

from taxonomy.models import Organisation

from . import roles

# (email, first, last, organisation slug, role, password)
DEMO_USERS = [
    (
        "professional@example.org",
        "Priya",
        "Jansen",
        "gemeente-utrecht",
        roles.PROFESSIONAL,
        "demo-professional-2026",
    ),
    (
        "consulent@example.org",
        "Tom",
        "de Vries",
        "gemeente-rotterdam",
        roles.PROFESSIONAL,
        "demo-professional-2026",
    ),
    ("redacteur@example.org", "Ellen", "Bakker", "divosa", roles.REDACTEUR, "demo-redacteur-2026"),
    (
        "uitvoering@example.org",
        "Sanne",
        "Visser",
        "gemeente-amsterdam",
        roles.COORDINATOR_UITVOERING,
        "demo-coordinator-2026",
    ),
    (
        "schakel@example.org",
        "Ahmed",
        "El Amrani",
        "divosa",
        roles.COORDINATOR_SCHAKEL,
        "demo-coordinator-2026",
    ),
    (
        "stelsel@example.org",
        "Marieke",
        "Smit",
        "szw",
        roles.COORDINATOR_STELSEL,
        "demo-coordinator-2026",
    ),
    (
        "ketenpartner@example.org",
        "Joost",
        "Mulder",
        "duo",
        roles.KETENPARTNER,
        "demo-ketenpartner-2026",
    ),
    (
        "inburgeraar@example.org",
        "Lina",
        "Haddad",
        "pvi",
        roles.INBURGERAAR,
        "demo-inburgeraar-2026",
    ),
    ("beheerder@example.org", "Bart", "Peters", "divosa", roles.BEHEERDER, "demo-beheerder-2026"),
    (
        "orgbeheer@example.org",
        "Hanna",
        "Visser",
        "gemeente-utrecht",
        roles.ORGANISATIEBEHEERDER,
        "demo-orgbeheer-2026",
    ),
]
ADMIN = ("admin@example.org", "demo-admin-2026")


def seed(stdout=None) -> list[tuple[str, str, str]]:
    User = get_user_model()
    roles.sync_roles()
    logins = []
    for email, first, last, org_slug, role, password in DEMO_USERS:
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
    admin, created = User.objects.get_or_create(
        email=ADMIN[0],
        defaults={
            "first_name": "Demo",
            "last_name": "Beheerder",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        admin.set_password(ADMIN[1])
        admin.save(update_fields=["password"])
    logins.insert(0, ("Admin (superuser)", ADMIN[0], ADMIN[1]))
    return logins
