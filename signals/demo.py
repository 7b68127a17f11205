"""Demo signals and dossiers, written in our own words from the knelpunten in the domain brief.

Everything goes through the services (history, deadlines, notifications). Idempotent: a
signal or dossier whose title exists already is left alone.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Max

from taxonomy.models import Organisation, Phase, Theme

from . import services
from .demo_content import DOSSIERS, SIGNALS, C, K, P
from .models import Dossier, Signal


def _user(email):
    return get_user_model().objects.filter(email=email).first()


def seed(stdout=None) -> dict:
    uitvoering = _user("uitvoering@example.org")
    schakel = _user("schakel@example.org")
    stelsel = _user("stelsel@example.org")
    if not (uitvoering and schakel and stelsel):
        return {}
    from .demo_routing import seed as seed_routing
    from .demo_routing import seed_consultation

    logins = seed_routing(stdout)
    existing = set(Signal.objects.values_list("title", flat=True))
    dossiers = {}
    for key, spec in DOSSIERS.items():
        dossier = Dossier.objects.filter(title=spec["title"]).first()
        dossiers[key] = (dossier, dossier is None)
    created = 0
    bundles: dict[str, list] = {}
    for title, description, theme_slugs, phase, org, email, scenario in SIGNALS:
        if title in existing:
            continue
        submitter = _user(email)
        signal = services.create_signal(
            submitted_by=submitter,
            title=title,
            description=description,
            themes=list(Theme.objects.filter(slug__in=theme_slugs)),
            phase=Phase.objects.filter(number=phase).first() if phase else None,
            organisation=Organisation.objects.filter(slug=org).first(),
            frequency="regelmatig",
            affected_count=10 + (len(title) % 7) * 15,
            urgency="hoog" if "PIP" in title or "Budget" in title else "normaal",
        )
        created += 1
        _play(signal, scenario, uitvoering, schakel, stelsel, bundles)
    for key, signals in bundles.items():
        dossier, is_new = dossiers[key]
        if not is_new:
            continue
        spec = DOSSIERS[key]
        dossier = services.create_dossier(
            title=spec["title"], actor=schakel, level="schakel", analysis=spec["analysis"]
        )
        services.bundle(signals, dossier, schakel, "Zelfde onderliggend knelpunt.")
        if key == "overdracht":
            services.add_milestone(dossier, schakel, "Werksessie met COA en vijf gemeenten")
            services.add_followup(
                dossier, schakel, "COA en gemeenten werken samen een formulier uit.", True
            )
            services.resolve_dossier(dossier, schakel, spec["outcome"])
            services.apply_action(dossier, "publish", schakel, spec["summary"])
        elif key == "data":
            services.apply_action(dossier, "escalate", schakel, spec["escalate"])
            services.add_followup(
                dossier, stelsel, "Geagendeerd voor het eerstvolgende ketenoverleg.", False
            )
    # Supports from colleagues on a few open signals.
    supporters = [u for u in (_user(P), _user(C), _user(K)) if u]
    for signal in Signal.objects.filter(title__in=[s[0] for s in SIGNALS[:8]]):
        for user in supporters:
            services.support(signal, user)
    open_signal = (
        Signal.objects.filter(title__in=[s[0] for s in SIGNALS], level="uitvoering")
        .exclude(status__in=["opgelost", "afgewezen"])
        .order_by("pk")
        .first()
    )
    if open_signal is not None:
        asker = open_signal.team.members.first() if open_signal.team_id else uitvoering
        seed_consultation(open_signal, asker)
    if stdout:
        total = Signal.objects.aggregate(n=Max("pk"))["n"]
        stdout.write(f"  signals: {created} new (highest id {total}), dossiers: {len(bundles)}")
    return {"signals": created, "logins": logins}


def _play(signal, scenario, uitvoering, schakel, stelsel, bundles):
    def act(obj, *args):
        result = services.apply_action(obj, *args)
        obj.refresh_from_db()
        return result

    if scenario == "new":
        return
    if scenario == "classified":
        act(signal, "classify", uitvoering)
    elif scenario == "info":
        act(signal, "request_info", uitvoering, "Om hoeveel dagen ging het en welke partners?")
    elif scenario in {"escalated", "escalated_classified", "stelsel"}:
        act(signal, "escalate", uitvoering, "Speelt bij meerdere gemeenten in de regio.")
        if scenario == "escalated_classified":
            act(signal, "classify", schakel)
        if scenario == "stelsel":
            act(signal, "classify", schakel)
            act(signal, "escalate", schakel, "Gaat over de landelijke bekostiging.")
            act(signal, "classify", stelsel)
            services.add_followup(
                signal, stelsel, "SZW neemt dit mee in het gesprek over de middelen.", True
            )
            act(signal, "publish", stelsel, "Middelen voor de uitvoering komen te laat.")
    elif scenario == "resolved":
        act(signal, "classify", uitvoering)
        act(
            signal,
            "resolve",
            uitvoering,
            "Er staat nu een uitleg over de afname en weging van de toets in de kennisbank, "
            "met voorbeelden uit drie gemeenten.",
        )
        act(signal, "publish", uitvoering, "Uitleg over de leerbaarheidstoets gepubliceerd.")
    elif scenario == "resolved_local":
        act(
            signal,
            "resolve",
            uitvoering,
            "De taalschool start na de zomer een avondgroep; de gemeente betaalt de extra uren.",
        )
    elif scenario == "declined":
        act(
            signal,
            "decline",
            uitvoering,
            "Dit signaal is al eerder gemeld en wordt in het bestaande overleg met DUO besproken.",
        )
    elif scenario.startswith("dossier:"):
        act(signal, "escalate", uitvoering, "Hoort bij een breder knelpunt.")
        signal.refresh_from_db()
        bundles.setdefault(scenario.split(":", 1)[1], []).append(signal)
