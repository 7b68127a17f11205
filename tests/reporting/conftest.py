"""A small fixed data set with explicit timestamps, so every figure can be computed by hand.

The quarter under test is 2025-K1 ([2025-01-01, 2025-04-01) Europe/Amsterdam); "now" is
2025-04-15 12:00. See test_figures.py for the hand-computed expectations.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

import pytest
from django.utils import timezone

from accounts import roles
from signals.models import Dossier, FollowUp, OutcomeRating, Signal, SignalEvent
from signals.workflow import Level, Status
from taxonomy.models import Organisation, Phase, Region, Theme

NOW = timezone.make_aware(datetime(2025, 4, 15, 12, 0))


def at(y, m, d, h=10):
    return timezone.make_aware(datetime(y, m, d, h, 0))


@dataclass
class DataSet:
    signals: dict = field(default_factory=dict)
    dossiers: dict = field(default_factory=dict)
    regions: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)
    themes: dict = field(default_factory=dict)
    phases: dict = field(default_factory=dict)
    submitter: object = None


@pytest.fixture
def dataset(db, make_user):
    ds = DataSet()
    ds.regions = {
        "noord": Region.objects.create(name="Regio Noordkant", slug="regio-noordkant"),
        "zuid": Region.objects.create(name="Regio Zuidkant", slug="regio-zuidkant"),
    }
    ds.orgs = {
        "A": Organisation.objects.create(
            name="Gemeente Aadorp",
            slug="gemeente-aadorp",
            type="gemeente",
            region=ds.regions["noord"],
        ),
        "B": Organisation.objects.create(
            name="Taalschool Beekveld",
            slug="taalschool-beekveld",
            type="taalschool",
            region=ds.regions["zuid"],
        ),
        "C": Organisation.objects.create(
            name="COA Ceesdorp", slug="coa-ceesdorp", type="coa_locatie", region=ds.regions["noord"]
        ),
    }
    ds.themes = {"pip": Theme.objects.get(slug="pip"), "b1": Theme.objects.get(slug="b1-route")}
    ds.phases = {3: Phase.objects.get(number=3), 4: Phase.objects.get(number=4)}
    ds.submitter = make_user(role=roles.PROFESSIONAL, organisation=ds.orgs["A"])

    d1 = Dossier.objects.create(
        title="Dossier een", level=Level.SCHAKEL, created_at=at(2025, 1, 20)
    )
    d2 = Dossier.objects.create(
        title="Dossier twee besloten",
        level=Level.STELSEL,
        status=Status.OPGELOST,
        outcome="Regeling aangepast",
        outcome_at=at(2025, 3, 20),
        created_at=at(2025, 1, 5),
        is_published=True,
    )
    d3 = Dossier.objects.create(
        title="Dossier drie doorgezet",
        level=Level.STELSEL,
        status=Status.GEESCALEERD,
        created_at=at(2025, 1, 6),
    )
    ds.dossiers = {"d1": d1, "d2": d2, "d3": d3}

    def make(
        key,
        created,
        level,
        status,
        org,
        *,
        outcome_at=None,
        deadline=None,
        phase=None,
        themes=(),
        published=False,
        dossier=None,
    ):
        signal = Signal.objects.create(
            title=f"Signaal {key}",
            description="Omschrijving",
            created_at=created,
            level=level,
            status=status,
            organisation=ds.orgs[org],
            region=ds.orgs[org].region,
            outcome="Uitkomst met uitleg" if outcome_at else "",
            outcome_at=outcome_at,
            deadline=deadline,
            phase=ds.phases.get(phase),
            is_published=published,
            dossier=dossier,
            submitted_by=ds.submitter,
        )
        signal.themes.set([ds.themes[t] for t in themes])
        ds.signals[key] = signal
        return signal

    U, S, T = Level.UITVOERING, Level.SCHAKEL, Level.STELSEL
    make(
        "s1",
        at(2025, 1, 10),
        U,
        Status.OPGELOST,
        "A",
        outcome_at=at(2025, 1, 20),
        phase=3,
        themes=["pip"],
        published=True,
    )
    make(
        "s2",
        at(2025, 1, 15),
        U,
        Status.OPGELOST,
        "A",
        outcome_at=at(2025, 2, 4),
        phase=3,
        themes=["pip", "b1"],
        published=True,
    )
    make(
        "s3",
        at(2025, 2, 1),
        S,
        Status.AFGEWEZEN,
        "B",
        outcome_at=at(2025, 3, 3),
        phase=4,
        themes=["b1"],
        published=True,
    )
    make(
        "s4",
        at(2025, 2, 10),
        S,
        Status.IN_BEHANDELING,
        "B",
        deadline=date(2025, 4, 1),
        phase=4,
        themes=["b1"],
    )
    make(
        "s5",
        at(2025, 3, 5),
        T,
        Status.OPGELOST,
        "C",
        outcome_at=at(2025, 3, 25),
        phase=3,
        themes=["pip"],
        published=True,
    )
    make(
        "s6", at(2025, 3, 20), U, Status.INGEDIEND, "A", deadline=date(2025, 4, 30), published=True
    )
    make(
        "s7",
        at(2024, 12, 20),
        U,
        Status.OPGELOST,
        "A",
        outcome_at=at(2025, 1, 5),
        phase=3,
        themes=["pip"],
    )
    make("s8", at(2024, 11, 1), U, Status.OPGELOST, "A", outcome_at=at(2024, 11, 11))
    make("s9", at(2025, 4, 5), U, Status.INGEDIEND, "A", deadline=date(2025, 4, 10))
    make("s10", at(2025, 1, 25), S, Status.GEBUNDELD, "B", dossier=d1)

    s = ds.signals
    for signal, when, frm, to in [
        (s["s3"], at(2025, 2, 5), U, S),
        (s["s4"], at(2025, 2, 12), U, S),
        (s["s5"], at(2025, 3, 10), U, S),
        (s["s5"], at(2025, 3, 15), S, T),
    ]:
        SignalEvent.objects.create(
            signal=signal,
            action="escalate",
            from_level=frm,
            to_level=to,
            from_status=Status.IN_BEHANDELING,
            to_status=Status.GEESCALEERD,
            created_at=when,
        )
    SignalEvent.objects.create(
        dossier=d3,
        action="escalate",
        from_level=S,
        to_level=T,
        reason="Landelijk probleem",
        from_status=Status.IN_BEHANDELING,
        to_status=Status.GEESCALEERD,
        created_at=at(2025, 2, 20),
    )
    SignalEvent.objects.create(
        dossier=d2,
        action="resolve",
        from_level=T,
        to_level=T,
        reason="Regeling aangepast",
        from_status=Status.IN_BEHANDELING,
        to_status=Status.OPGELOST,
        created_at=at(2025, 3, 20),
    )
    FollowUp.objects.create(signal=s["s4"], text="We zoeken het uit", created_at=at(2025, 3, 1))
    FollowUp.objects.create(dossier=d1, text="Overleg gepland", created_at=at(2025, 3, 2))
    for key, rating, when in [
        ("s1", "ja", at(2025, 1, 25)),
        ("s2", "deels", at(2025, 2, 10)),
        ("s5", "nee", at(2025, 3, 28)),
        ("s7", "ja", at(2025, 1, 6)),
        ("s8", "ja", at(2024, 11, 15)),
    ]:
        OutcomeRating.objects.create(
            signal=s[key],
            user=ds.submitter,
            rating=rating,
            outcome_at=s[key].outcome_at,
            created_at=when,
        )
    return ds


@pytest.fixture(autouse=True)
def _no_figure_cache(settings):
    """Each test computes its figures afresh (test_views covers the cache itself)."""
    settings.REPORTING_CACHE_SECONDS = 0
