"""Search benchmark on PostgreSQL: JSON endpoint latency vs raw SQL, plus relevance figures.

    .venv/bin/python bench/bench_search.py [--signals 10000|100000|1000000] [--rebuild]

Uses its own database (``bench_search`` on the local server, or BENCH_DATABASE_URL), created
with ``migrate`` and the demo content on first use. Synthetic documents (5,000 Q&A, 500
handreikingen and N signals, Dutch text generated from the domain vocabulary) are bulk
loaded with COPY straight into the search table; the trigger builds the vectors.
Prints a table and writes bench/results/search.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from _results import results_dir, write_json

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_search"

THEMES = [
    "Inburgeringsplicht en doelgroepen",
    "Aanbodplicht",
    "Voorinburgering en screening",
    "Overdracht COA-gemeente",
    "Huisvesting en inschrijving",
    "Brede intake",
    "Leerbaarheidstoets",
    "PIP",
    "B1-route",
    "Onderwijsroute",
    "Z-route",
    "KNM",
    "MAP",
    "PVT",
    "Dualiteit, participatie en werk",
    "Maatschappelijke begeleiding",
    "Financieel ontzorgen",
    "Participatiewet en bijstand",
    "Naleving en handhaving",
    "Voortgang en afronding",
    "Regie en regionale samenwerking",
    "Beleid en regelgeving",
    "Financien",
    "Inkoop",
    "Werkprocessen, ICT en gegevensuitwisseling",
    "Voorlichting en communicatie",
    "Monitoring en lerend stelsel",
]
PHASES = [
    "Vaststellen inburgeringsplicht",
    "Voorbereiden",
    "Brede intake en PIP",
    "Inburgeren en participeren",
    "Afronden",
]
ORGS = [
    "DUO",
    "COA",
    "IND",
    "SZW",
    "VNG",
    "Divosa",
    "Blik op Werk",
    "VluchtelingenWerk",
    "Gemeente Utrecht",
    "Gemeente Zwolle",
    "Gemeente Tilburg",
    "ROC Midden",
    "CvTE",
    "NRTO",
]
LEVELS = ["Uitvoeringsniveau", "Schakelniveau", "Stelselniveau"]
STATUSES = ["Ingediend", "In behandeling", "Geëscaleerd", "Opgelost", "Gesloten"]

SUBJECTS = [
    "de klantmanager",
    "de gemeente",
    "het COA",
    "DUO",
    "de taalschool",
    "de consulent",
    "de statushouder",
    "de inburgeraar",
    "de regiocoördinator",
    "VluchtelingenWerk",
    "de werkgever",
    "het ROC",
    "de ketenpartner",
    "de casemanager",
    "de taalcoach",
]
VERBS = [
    "ontvangt",
    "mist",
    "plant",
    "bespreekt",
    "controleert",
    "regelt",
    "vraagt naar",
    "wacht op",
    "deelt",
    "legt vast",
    "beoordeelt",
    "verstuurt",
    "ondersteunt bij",
]
OBJECTS = [
    "de brede intake",
    "het klantprofiel",
    "de leerbaarheidstoets",
    "het PIP",
    "de overdracht",
    "het driegesprek",
    "de huisvesting",
    "de inschrijving in de BRP",
    "de bijstandsuitkering",
    "het financieel ontzorgen",
    "de vaste lasten",
    "de huur",
    "de zorgverzekering",
    "de B1-route",
    "de onderwijsroute",
    "de Z-route",
    "het KNM-examen",
    "de MAP",
    "het PVT",
    "de participatieverklaring",
    "de voortgangsrapportage",
    "de inkoop van taalaanbod",
    "de regionale samenwerking",
    "de gegevensuitwisseling",
    "de koppeling met TVS",
    "de termijn van drie jaar",
    "de boete",
    "de handhaving",
    "de ontheffing",
    "de examens",
    "het taalschakeltraject",
    "de werkervaringsplaats",
    "de dualiteit van taal en werk",
    "de maatschappelijke begeleiding",
    "de screening",
    "de voorinburgering op het azc",
    "het regioadvies",
    "de budgetbegeleiding",
    "de integratie-uitkering",
    "de AVG-afspraken",
]
TAILS = [
    "te laat",
    "zonder toelichting",
    "per e-mail",
    "na zes maanden",
    "binnen de termijn",
    "in de eerste maanden",
    "voor nareizigers",
    "voor gezinsmigranten",
    "bij lage instroom",
    "tijdens de systeemwijziging",
    "in de regio",
    "met een tolk",
    "op de opvanglocatie",
    "volgens de handreiking",
    "zonder vast aanspreekpunt",
    "bij verhuizing naar een andere gemeente",
]
QUESTION_STARTS = [
    "Hoe",
    "Wanneer",
    "Wie",
    "Wat doe ik als",
    "Mag",
    "Waarom",
    "Welke afspraken gelden als",
]

QUERIES = [
    "wie betaalt de huur de eerste maanden",
    "leerbaarheidstoets",
    "driegesprek lukt niet",
    "pip vaststellen zonder bijstandsbesluit",
    "b1 route afschalen a2",
    "z-route uren",
    "knm examen",
    "ona",
    "statushouder huisvesting brp",
    "overdracht coa gemeente",
    "brede intake azc",
    "boete inburgeraar",
    "termijn verlengen ziekte",
    "gezinsmigrant taalcursus",
    "nareizigers aanbodplicht",
    "inkoop taalaanbod lage instroom",
    "regionale samenwerking convenant",
    "gegevens delen avg ketenpartners",
    "koppeling tvs duo",
    "budget inburgering te laag",
    "prestatie indicatoren taalaanbieders",
    "signaal melden knelpunt",
    "keurmerk blik op werk",
    "voortgangsgesprek",
    "tolk brede intake",
    "participatieverklaring",
    "map module arbeidsmarkt",
    "onderwijsroute jongeren",
    "financieel ontzorgen verlengen",
    "vaste lasten zes maanden",
    "voorinburgering azc",
    "screening regioadvies",
    "maatschappelijke begeleiding vluchtelingenwerk",
    "dualiteit taal en werk",
    "afronding inburgering duo",
    "ontheffing",
    "examen cvte",
    "klantprofiel ontbreekt",
    "systeem storing cliënten kwijt",
    "verwijtbaar niet nakomen",
    "statushouder",
    "vergunninghouder bijstand",
    "wet inburgering 2021",
    "azc",
    "taalschakeltraject",
    "werkervaringsplaats",
    "budgetbegeleiding",
    "integratie-uitkering",
    "leerroute kiezen",
    "zelfredzaamheid",
]

# Realistic synthetic text ----------------------------------------------------------------
# Real signal and knowledge texts each treat one or two topics in everyday Dutch with a long
# tail of words: a handful of words occur everywhere, most words occur rarely (Zipf). The
# generator draws topics and words with weights 1/rank^s, so a domain word such as
# "leerbaarheidstoets" occurs in a few percent of the documents, not in half of them.
MORE_TOPICS = [
    "de kinderopvang",
    "het zorgtraject",
    "de schuldhulpverlening",
    "de taalmeter",
    "het startgesprek",
    "de intakeplanning",
    "de klantreis",
    "het vervolggesprek",
    "de praktijkverklaring",
    "de portfolio-opdracht",
    "het spreekexamen",
    "het schrijfexamen",
    "de leesvaardigheid",
    "de luistervaardigheid",
    "de rijksbijdrage",
    "de verantwoording",
    "de subsidieregeling",
    "de aanbesteding",
    "het raamcontract",
    "de kwaliteitseisen",
    "de wachtlijst",
    "de groepsgrootte",
    "het lesrooster",
    "de kinderbijslag",
    "de toeslagen",
    "de huurtoeslag",
    "de energierekening",
    "de gemeentelijke belastingen",
    "de zorgtoeslag",
    "het zakgeld",
    "de leefgeldregeling",
    "de woningtoewijzing",
    "de urgentieverklaring",
    "het tijdelijk verblijf",
    "de gezinshereniging",
    "de nareis",
    "de taakstelling",
    "het huisvestingsbesluit",
    "de verhuiskosten",
    "de inrichtingskosten",
    "het bankrekeningnummer",
    "de DigiD-aanvraag",
    "de zorgverzekeraar",
    "de huisarts",
    "de GGD",
    "de jeugdhulp",
    "het trauma",
    "de psychische klachten",
    "het analfabetisme",
    "de alfabetisering",
    "de vrijwilligersvacature",
    "de stageplek",
    "de jobcoach",
    "de werkgeversdienstverlening",
    "de loonkostensubsidie",
    "de proefplaatsing",
    "de diplomawaardering",
    "het Nuffic-advies",
    "de mbo-opleiding",
    "de hbo-opleiding",
    "de schakelklas",
    "het ISK-onderwijs",
    "de leerplicht",
    "de kwalificatieplicht",
    "de studiefinanciering",
    "de lening van DUO",
    "het examengeld",
    "de vrijstelling",
    "de herkansing",
    "de uitslag",
    "de examenplanning",
    "de uitstelregeling",
    "de bezwaarprocedure",
    "het beroep",
    "de hoorzitting",
    "de klachtenregeling",
    "het privacyreglement",
    "het verwerkingsregister",
    "de bewaartermijn",
    "de datalek-melding",
    "de casusbespreking",
    "het multidisciplinair overleg",
    "de netwerkbijeenkomst",
    "het kennisdocument",
    "de werkinstructie",
    "het stroomschema",
    "de monitor",
    "de dashboardcijfers",
    "de evaluatie",
    "de pilot",
    "de subsidieaanvraag",
]
ALL_TOPICS = OBJECTS + MORE_TOPICS
GENERIC = """
afspraak week maand dag jaar vraag antwoord moment keer kant manier deel reden situatie
probleem oplossing voorbeeld idee plan gesprek team collega cliënt klant mevrouw meneer
gezin kind kinderen ouders partner familie vriend buurt wijk stad dorp regio land
brief mail telefoon formulier document dossier systeem portaal lijst overzicht aanvraag
besluit beschikking termijn datum tijd periode start einde vervolg stap fase traject
les cursus school docent groep klas niveau toets score uitslag advies rapport verslag
werk baan werkgever stage vrijwilliger uren contract loon inkomen geld kosten rekening
woning huis kamer adres verhuizing sleutel buren wijkteam huisbaas corporatie
gezondheid zorg arts ziekte klachten stress slaap energie motivatie vertrouwen
taal woord zin tekst uitleg vertaling tolk begrip communicatie informatie kennis
regel wet beleid afspraken uitvoering praktijk signaal knelpunt melding reactie
goed slecht lastig moeilijk makkelijk snel langzaam nieuw oud groot klein duidelijk
onduidelijk belangrijk nodig mogelijk onmogelijk eerder later vaak soms nooit altijd
helaas gelukkig eigenlijk inmiddels ongeveer vooral alleen samen direct meteen
krijgen geven maken doen gaan komen zien weten denken vinden zeggen vragen blijven
werken leren helpen zoeken wachten bellen mailen sturen ontvangen betalen kopen
beginnen stoppen proberen lukken missen vergeten begrijpen uitleggen bespreken
plannen regelen invullen aanvragen opsturen terugkomen nagaan checken doorgeven
""".split()
PREFIXES = """taal werk klant leer inburgerings budget zorg huur gezins school examen
intake contact overleg route plan regie keten data bijstand opvang""".split()
SUFFIXES = """traject plan gesprek termijn aanvraag verslag moment afspraak coach team
overleg kosten regeling dossier profiel niveau vraag melding""".split()
COMPOUNDS = [p + s for p in PREFIXES for s in SUFFIXES]
LINKERS = ["en", "maar", "omdat", "want", "terwijl", "daarna", "toch", "dus", "ook", "nog"]
FUNCTION = ["de", "het", "een", "in", "op", "met", "voor", "van", "bij", "naar", "aan", "er"]


def _zipf_weights(n, s=1.05):
    return [1.0 / (rank**s) for rank in range(1, n + 1)]


class Vocabulary:
    """Words and topics with Zipf weights, in a fixed (seeded) random rank order."""

    def __init__(self, seed=7):
        rng = random.Random(seed)
        self.topics = ALL_TOPICS[:]
        rng.shuffle(self.topics)
        self.topic_weights = _zipf_weights(len(self.topics), 1.0)
        self.words = GENERIC + COMPOUNDS
        rng.shuffle(self.words)
        self.word_weights = _zipf_weights(len(self.words), 1.05)
        self.cum_topics = list(__import__("itertools").accumulate(self.topic_weights))
        self.cum_words = list(__import__("itertools").accumulate(self.word_weights))

    def topic(self, rng):
        return rng.choices(self.topics, cum_weights=self.cum_topics)[0]

    def word(self, rng):
        return rng.choices(self.words, cum_weights=self.cum_words)[0]


VOCAB = Vocabulary()


def filler(rng, n) -> str:
    parts = []
    for i in range(n):
        if i and rng.random() < 0.35:
            parts.append(rng.choice(FUNCTION))
        parts.append(VOCAB.word(rng))
        if i and rng.random() < 0.1:
            parts.append(rng.choice(LINKERS))
    return " ".join(parts)


def sentence(rng, topic=None) -> str:
    if topic is not None and rng.random() < 0.5:
        return (
            f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {topic} {rng.choice(TAILS)}."
        )
    return filler(rng, rng.randint(5, 14)).capitalize() + "."


def paragraph(rng, n, topics=()) -> str:
    """n sentences about the given topics (a topic is named in about half of them)."""
    return " ".join(sentence(rng, rng.choice(topics) if topics else None) for _ in range(n))


def tokens(values):
    return "|" + "|".join(v.replace("|", "/") for v in values) + "|"


def synthetic_rows(kind, count, ct_id, rng, start_id):
    """Tab-separated COPY rows for the search table."""
    from django.utils import timezone

    from search.text import fold

    now = timezone.now()
    for i in range(count):
        obj = VOCAB.topic(rng)
        topics = [obj] if rng.random() < 0.6 else [obj, VOCAB.topic(rng)]
        if kind == "signal":
            title = (
                f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {obj} {rng.choice(TAILS)}"
            )
            summary = ""
            body = paragraph(rng, rng.randint(3, 7), topics)
            access = ["chain", f"user:{rng.randint(1, 5000)}"]
            level, status = rng.choice(LEVELS), rng.choice(STATUSES)
            quality = 0.0
        elif kind == "qa":
            title = f"{rng.choice(QUESTION_STARTS)} {obj} {rng.choice(TAILS)}?"
            summary = paragraph(rng, 2, topics)
            body = paragraph(rng, rng.randint(4, 10), topics)
            access = ["public"] if rng.random() < 0.85 else ["chain"]
            level = status = ""
            quality = round(rng.random(), 2)
        else:
            title = f"Handreiking {obj} {rng.choice(TAILS)}"
            summary = paragraph(rng, 2, topics)
            body = paragraph(rng, rng.randint(15, 30), topics)
            access = ["public"] if rng.random() < 0.8 else ["chain"]
            level = status = ""
            quality = round(rng.random(), 2)
        themes = rng.sample(THEMES, rng.randint(1, 2))
        phase = rng.choice(PHASES)
        org = rng.choice(ORGS)
        facets = [f"kind:{kind}", *[f"theme:{t}" for t in themes], f"phase:{phase}", f"org:{org}"]
        if level:
            facets += [f"level:{level}", f"status:{status}"]
        date = now - __import__("datetime").timedelta(days=rng.randint(0, 1500))
        values = [
            str(ct_id),
            f"bench-{start_id + i}",
            "bench.synthetic",
            kind,
            title[:300],
            summary,
            body,
            " ".join(themes),
            fold(title[:300]),
            f"/bench/{kind}/{start_id + i}/",
            date.isoformat(),
            level,
            status,
            tokens(facets),
            tokens(access),
            str(quality),
            now.isoformat(),
        ]
        yield (
            "\t".join(v.replace("\t", " ").replace("\n", " ").replace("\\", "/") for v in values)
            + "\n"
        )


COLUMNS = (
    "content_type_id, object_id, source, kind, title, summary, body, keywords, title_folded, "
    "url, date, level, status, facets, access, quality, indexed_at"
)


def load(kind, count, rng, start_id):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    ct_id = ContentType.objects.get_for_model(ContentType).pk  # any stable type: ids are unique
    buffer = io.StringIO()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        batch = 20000
        done = 0
        while done < count:
            n = min(batch, count - done)
            buffer = "".join(synthetic_rows(kind, n, ct_id, rng, start_id + done))
            with raw.copy(f"COPY search_searchdocument ({COLUMNS}) FROM STDIN") as copy:
                copy.write(buffer)
            done += n
            print(f"  {kind}: {done}/{count}", end="\r", flush=True)
    print()


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            return True
    return False


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--qa", type=int, default=5_000)
    parser.add_argument("--handreikingen", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true", help="Reload the synthetic corpus.")
    parser.add_argument(
        "--no-rum", action="store_true", help="Ignore the RUM index (measure the GIN path)."
    )
    parser.add_argument(
        "--engine",
        choices=["opensearch"],
        help="Also measure a real search engine node (bench/bench_engine.py).",
    )
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    created = ensure_database(url)

    import django

    django.setup()
    from django.conf import settings

    if args.no_rum:
        settings.SEARCH_RUM = False
    import logging

    logging.disable(logging.WARNING)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from accounts import roles
    from accounts.factories import UserFactory
    from search import services
    from search.backends.postgres import PostgresBackend
    from search.backends.postings import rebuild_postings
    from search.models import SearchDocument
    from search.permissions import tokens_for
    from search.query import SearchParams
    from search.synonyms import expand

    call_command("migrate", verbosity=0)
    if created or not SearchDocument.objects.exclude(source="bench.synthetic").exists():
        print("Loading demo content (knowledge, signals, communities) ...")
        call_command("seed_demo", force=True, stdout=io.StringIO())
    want = {"qa": args.qa, "handreiking": args.handreikingen, "signal": args.signals}
    have = dict(
        SearchDocument.objects.filter(source="bench.synthetic")
        .values_list("kind")
        .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
    )
    if args.rebuild or have != want:
        print(f"Loading synthetic corpus {want} ...")
        # Bulk path: the row trigger that maintains the postings is off during the load;
        # the postings are then rebuilt in one pass (as `rebuild_postings` does in production).
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE search_searchdocument DISABLE TRIGGER search_document_postings"
            )
            if args.no_rum:  # not maintained during the load (costly at a million rows)
                cursor.execute("DROP INDEX IF EXISTS search_doc_vector_rum")
        try:
            SearchDocument.objects.filter(source="bench.synthetic").delete()
            rng = random.Random(2021)
            start = 0
            t0 = time.perf_counter()
            for kind, count in want.items():
                load(kind, count, rng, start)
                start += count
            print(f"  documents loaded in {time.perf_counter() - t0:.0f} s")
        finally:
            with connection.cursor() as cursor:
                cursor.execute(
                    "ALTER TABLE search_searchdocument ENABLE TRIGGER search_document_postings"
                )
        t0 = time.perf_counter()
        count = rebuild_postings(connection)
        print(f"  {count:,} postings built in {time.perf_counter() - t0:.0f} s")
        with connection.cursor() as cursor:
            for table in ("search_searchdocument", "search_posting", "search_lexeme"):
                cursor.execute(f"VACUUM ANALYZE {table}")
    else:
        with connection.cursor() as cursor:  # an interrupted earlier load left no postings?
            cursor.execute(
                "SELECT count(*) FROM search_searchdocument d WHERE NOT EXISTS "
                "(SELECT 1 FROM search_posting p WHERE p.doc_id = d.id)"
            )
            missing = cursor.fetchone()[0]
        if missing:
            print(f"  {missing:,} documents without postings: rebuilding the postings")
            rebuild_postings(connection)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_posting")
    total_docs = SearchDocument.objects.count()

    user = UserFactory(role=roles.PROFESSIONAL)
    client = Client()
    client.force_login(user)
    tokens = tokens_for(user)
    backend = PostgresBackend()

    # Warm up (plans, caches, synonyms): every query once, so both measurements below see
    # the same steady state (otherwise the endpoint pays the first reads from disk and the
    # raw SQL, run right after it, does not).
    for q in QUERIES:
        client.get("/api/v1/search/", {"q": q})

    endpoint, raw = [], []
    per_query = []
    for _round in range(args.rounds):
        for q in QUERIES:
            t0 = time.perf_counter()
            response = client.get("/api/v1/search/", {"q": q})
            t1 = time.perf_counter()
            assert response.status_code == 200
            params = SearchParams(q=q)
            expanded = expand(q)
            t2 = time.perf_counter()
            backend.search(params, expanded, tokens)
            t3 = time.perf_counter()
            endpoint.append((t1 - t0) * 1000)
            raw.append((t3 - t2) * 1000)
            if _round == 0:
                data = response.json()
                per_query.append((q, data["count"], data["count_exact"]))

    # The same queries with a filter or in date order (one round each).
    variants = {
        "type=signal": {"type": "signal"},
        "theme=PIP": {"theme": "PIP"},
        "sort=date": {"sort": "date"},
    }
    variant_ms = {}
    exact = sum(1 for _q, _n, e in per_query if e)
    for label, extra in variants.items():
        times = []
        for q in QUERIES:
            t0 = time.perf_counter()
            response = client.get("/api/v1/search/", {"q": q, **extra})
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        variant_ms[label] = {
            "p50": round(percentile(times, 50), 1),
            "p95": round(percentile(times, 95), 1),
        }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size('search_searchdocument'), "
            "pg_total_relation_size('search_posting'), (SELECT count(*) FROM search_posting)"
        )
        documents_bytes, postings_bytes, postings_rows = cursor.fetchone()

    sys.path.insert(0, str(ROOT / "tests" / "search"))
    from relevance_set import evaluate_halves

    halves = evaluate_halves(lambda q: [h.title for h in services.search(user, q).hits])
    relevance = halves["held_out"]

    from search.pg_setup import rum_enabled

    # Relevance queries run on the postings; the GIN (or, where installed, RUM) index serves
    # the exact fallbacks (selective filters, date order).
    index = "postings+rum" if rum_enabled(connection) else "postings+gin"
    result = {
        "database": "postgresql",
        "index": index,
        "documents": total_docs,
        "qa": args.qa,
        "handreikingen": args.handreikingen,
        "signals": args.signals,
        "queries": len(QUERIES),
        "rounds": args.rounds,
        "endpoint_ms": {
            "p50": round(percentile(endpoint, 50), 1),
            "p95": round(percentile(endpoint, 95), 1),
            "max": round(max(endpoint), 1),
        },
        "raw_sql_ms": {
            "p50": round(percentile(raw, 50), 1),
            "p95": round(percentile(raw, 95), 1),
            "max": round(max(raw), 1),
        },
        "variants_ms": variant_ms,
        "median_result_count": statistics.median(n for _, n, _e in per_query),
        "exact_counts": f"{exact}/{len(per_query)}",
        "documents_table_mb": round(documents_bytes / 2**20),
        "postings_mb": round(postings_bytes / 2**20),
        "postings": postings_rows,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "relevance": {k: v for k, v in relevance.items() if k != "misses"},
        "relevance_tuning": {k: v for k, v in halves["tuning"].items() if k != "misses"},
        "relevance_misses": [list(m[:2]) for m in relevance["misses"]],
    }
    print()
    print(
        f"Search benchmark: {total_docs:,} documents ({args.signals:,} signals), "
        f"{len(QUERIES)} queries x {args.rounds} rounds, as a chain professional, {index.upper()}"
    )
    print(f"{'':22}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for label, key in (("JSON endpoint", "endpoint_ms"), ("backend (SQL+ranking)", "raw_sql_ms")):
        r = result[key]
        print(f"{label:22}{r['p50']:>10}{r['p95']:>10}{r['max']:>10}")
    for label, r in variant_ms.items():
        print(f"{'  ' + label:22}{r['p50']:>10}{r['p95']:>10}")
    print(
        f"Exact counts for {result['exact_counts']} queries (others: lower bound); postings "
        f"{postings_rows:,} rows, {result['postings_mb']} MB (documents {result['documents_table_mb']} MB); "
        f"load average {result['load_average']}"
    )
    for half, key in (("tuning", "relevance_tuning"), ("held-out", "relevance")):
        rel = result[key]
        print(
            f"Relevance, {half} half ({rel['queries']} queries, demo content among the "
            f"synthetic corpus): hit@1={rel['hit@1']} hit@3={rel['hit@3']} MRR={rel['mrr']}"
        )
    out = results_dir() / "search.json"
    existing = {}
    if out.exists():
        try:
            existing = json.loads(out.read_text())
        except ValueError:
            existing = {}
    existing.pop("summary", None)
    existing[f"{args.signals}_{index}"] = result
    stale = [
        key
        for key, run in existing.items()
        if not isinstance(run, dict) or not str(run.get("index", "")).startswith("postings")
    ]
    for key in stale:  # results of earlier backends (before the postings)
        existing.pop(key)
    summary = []
    for _key, run in sorted(existing.items()):
        if not isinstance(run, dict) or "endpoint_ms" not in run:
            continue
        label = f"search {run['signals']:,} signals {run.get('index', 'gin').upper()}"
        summary += [
            {"metric": f"{label} endpoint p50", "value": run["endpoint_ms"]["p50"], "unit": "ms"},
            {"metric": f"{label} endpoint p95", "value": run["endpoint_ms"]["p95"], "unit": "ms"},
            {"metric": f"{label} raw SQL p95", "value": run["raw_sql_ms"]["p95"], "unit": "ms"},
            {
                "metric": f"{label} held-out hit@3",
                "value": run["relevance"]["hit@3"],
                "unit": "ratio",
            },
            {
                "metric": f"{label} held-out hit@1",
                "value": run["relevance"]["hit@1"],
                "unit": "ratio",
            },
        ]
    existing["summary"] = summary
    write_json("search", existing, ensure_ascii=False)
    if args.engine:
        from bench_engine import run as run_engine

        run_engine(args.engine, QUERIES, args.rounds, client, tokens, result)


if __name__ == "__main__":
    main()
