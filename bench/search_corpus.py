"""The synthetic search corpus of ``bench_search.py``: generated Dutch documents, COPY-loaded.

Q&A, handreikingen and signals with Zipf-distributed words and topics from
``search_vocabulary``, written straight into ``search_searchdocument`` with COPY (the row
trigger builds the vectors; the benchmark rebuilds the postings in one pass afterwards).
"""

from __future__ import annotations

import io
import random

from search_vocabulary import (
    ALL_TOPICS,
    COMPOUNDS,
    FUNCTION,
    GENERIC,
    LEVELS,
    LINKERS,
    ORGS,
    PHASES,
    QUESTION_STARTS,
    STATUSES,
    SUBJECTS,
    TAILS,
    THEMES,
    VERBS,
)


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
