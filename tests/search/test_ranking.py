"""The shared ranking formula (search.ranking): one test per component."""

import datetime
import math

import pytest

from search import ranking
from search.synonyms import Concept, ExpandedQuery
from search.text import stem

NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
AVERAGES = {"title": 5.0, "summary": 10.0, "keywords": 2.0, "body": 40.0}


def _query(*typed_words, df=None, documents=100.0):
    expanded = ExpandedQuery(
        text=" ".join(typed_words), concepts=[Concept(typed=(w,)) for w in typed_words]
    )
    query = ranking.rank_query(expanded)
    query.df = df or {w: 10 for w in typed_words}
    query.documents = documents
    return query


def _doc(title="", summary="", keywords="", body=""):
    return ranking.analyse({"title": title, "summary": summary, "keywords": keywords, "body": body})


def test_idf_rare_words_weigh_more_and_never_negative():
    assert ranking.idf(1, 1000) > ranking.idf(100, 1000) > ranking.idf(900, 1000)
    assert ranking.idf(1000, 1000) > 0
    assert math.isclose(ranking.idf(10, 100), math.log(1 + (100 - 10 + 0.5) / 10.5))


def test_term_frequency_saturates():
    assert ranking.saturate(0) == 0
    one, two, twenty = ranking.saturate(1), ranking.saturate(2), ranking.saturate(20)
    assert one < two < twenty < 1
    assert two - one > ranking.saturate(21) - twenty  # diminishing returns


def test_length_normalisation_per_field():
    assert ranking.length_norm("body", 40, 40.0) == 1.0
    assert ranking.length_norm("body", 80, 40.0) > ranking.length_norm("title", 80, 40.0)
    assert ranking.length_norm("body", 1, 400.0) == ranking.NORM_FLOOR
    query = _query("termijn")
    short = _doc(body="de termijn " + "tekst " * 5)
    long = _doc(body="de termijn " + "tekst " * 200)
    assert ranking.term_score(query.concepts[0][0].terms[0], short, AVERAGES, query) > (
        ranking.term_score(query.concepts[0][0].terms[0], long, AVERAGES, query)
    )


def test_field_weights_title_above_summary_above_body():
    EQUAL = dict.fromkeys(ranking.FIELDS, 1.0)  # same length norm in every field
    query = _query("termijn")
    scores = {
        name: ranking.score_document(
            query, _doc(**{name: "termijn"}), EQUAL, kind="qa", quality=0, date=None, now=NOW
        )
        for name in ("title", "summary", "body")
    }
    assert scores["title"] > scores["summary"] > scores["body"] > 0
    assert set(ranking.ELASTIC_BOOSTS) == set(ranking.FIELDS)


def test_common_word_counts_less_than_rare_word():
    query = _query("inburgering", "voltooid", df={"inburgering": 90, "voltooid": 2})
    common = _doc(title="inburgering inburgering")
    rare = _doc(title="voltooid")
    score = ranking.score_document
    assert score(query, rare, AVERAGES, kind="qa", quality=0, date=None, now=NOW) > score(
        query, common, AVERAGES, kind="qa", quality=0, date=None, now=NOW
    )


def test_coverage_rewards_answering_every_concept():
    assert ranking.coverage_factor(2, 2) > ranking.coverage_factor(1, 2)
    query = _query("termijn", "verlengen")
    both = _doc(summary="termijn verlengen")
    one = _doc(summary="termijn termijn termijn")
    args = {"kind": "qa", "quality": 0, "date": None, "now": NOW}
    assert ranking.score_document(query, both, AVERAGES, **args) > ranking.score_document(
        query, one, AVERAGES, **args
    )


def test_stem_prefix_and_infix_matches():
    term = ranking.Term("termijn", stem("termijn"))
    assert ranking.match_weight(term, stem("termijnen")) == ranking.MATCH_EXACT
    assert ranking.match_weight(term, stem("inburgeringstermijn")) == ranking.MATCH_INFIX
    inkoop = ranking.Term("inkoop", stem("inkoop"))
    assert ranking.match_weight(inkoop, stem("inkoopafspraken")) == ranking.MATCH_PREFIX
    assert ranking.match_weight(inkoop, stem("werk")) == 0


def test_compound_matches_need_a_long_enough_piece():
    # A short stem is not looked for inside unrelated words (leren -> ler, controler) ...
    leren = ranking.Term("leren", stem("leren"))
    assert ranking.match_weight(leren, stem("controleren")) == 0
    assert ranking.match_weight(leren, stem("sneller")) == 0
    # ... but a word with a short stem still finds the compounds it starts (taal -> tal) ...
    taal = ranking.Term("taal", stem("taal"))
    assert ranking.match_weight(taal, stem("taalaanbod")) == ranking.MATCH_PREFIX
    assert ranking.match_weight(taal, stem("talent")) == 0
    # ... and a compound's tail counts from four letters (toets -> toet).
    toets = ranking.Term("toets", stem("toets"))
    assert ranking.match_weight(toets, stem("leerbaarheidstoets")) == ranking.MATCH_INFIX


def test_words_of_a_phrase_match_their_own_stem_only():
    expanded = ExpandedQuery(text="vaste lasten", concepts=[Concept(typed=("vaste", "lasten"))])
    query = ranking.rank_query(expanded)
    assert all(term.exact for term in query.concepts[0][0].terms)
    query.df, query.documents = {"vaste": 5, "lasten": 5}, 100.0
    args = {"kind": "qa", "quality": 0, "date": None, "now": NOW}
    assert ranking.score_document(query, _doc(title="vaste lasten"), AVERAGES, **args) > 0
    assert ranking.score_document(query, _doc(title="vastgesteld lasten"), AVERAGES, **args) == 0
    single = ranking.rank_query(ExpandedQuery(text="vaste", concepts=[Concept(typed=("vaste",))]))
    assert not single.concepts[0][0].terms[0].exact


def test_synonym_alternative_scores_less_than_typed_word_and_phrases_need_every_word():
    expanded = ExpandedQuery(
        text="azc", concepts=[Concept(typed=("azc",), alternatives=[("asielzoekerscentrum",)])]
    )
    query = ranking.rank_query(expanded)
    query.df, query.documents = {"azc": 5, "asielzoekerscentrum": 5}, 100.0
    args = {"kind": "qa", "quality": 0, "date": None, "now": NOW}
    typed = ranking.score_document(query, _doc(title="azc"), AVERAGES, **args)
    synonym = ranking.score_document(query, _doc(title="asielzoekerscentrum"), AVERAGES, **args)
    assert typed > synonym > 0
    assert math.isclose(synonym / typed, ranking.SYNONYM_WEIGHT)
    phrase = ExpandedQuery(text="", concepts=[Concept(typed=("brede", "intake"))])
    pq = ranking.rank_query(phrase)
    pq.documents = 100.0
    assert ranking.score_document(pq, _doc(title="brede scholing"), AVERAGES, **args) == 0


def test_compound_splits_in_both_directions():
    known = {stem(w) for w in ("termijn", "inburgering", "plan")}.__contains__
    assert ranking.compound_splits("inburgeringstermijn", known) == [("inburgering", "termijn")]
    assert ranking.compound_splits("termijn", known) == []
    expanded = ranking.add_compound_splits(
        ExpandedQuery(text="", concepts=[Concept(typed=("inburgeringstermijn",))]), known
    )
    query = ranking.rank_query(expanded)
    query.documents = 100.0
    args = {"kind": "qa", "quality": 0, "date": None, "now": NOW}
    split_doc = _doc(title="termijn van de inburgering")
    assert ranking.score_document(query, split_doc, AVERAGES, **args) > 0
    # The other direction: typed parts find the compound (prefix and infix matches).
    parts = _query("inburgering", "termijn")
    assert ranking.score_document(parts, _doc(title="inburgeringstermijn"), AVERAGES, **args) > 0


def test_rating_recency_and_kind_factors():
    assert ranking.rating_factor(1.0) == 1 + ranking.RATING_WEIGHT
    assert ranking.rating_factor(None) == 1.0
    assert ranking.recency_factor(NOW, NOW) == 1 + ranking.RECENCY_WEIGHT
    old = NOW - datetime.timedelta(days=3650)
    assert 1.0 < ranking.recency_factor(old, NOW) < ranking.recency_factor(NOW, NOW)
    assert ranking.recency_factor(None, NOW) == 1.0
    assert ranking.kind_factor("qa") > ranking.kind_factor("signal")


def test_stemmer_agrees_with_postgresql_dutch_configuration():
    # Values of to_tsvector('dutch', ...) on PostgreSQL 15.
    expected = {
        "inburgering": "inburger",
        "leerbaarheidstoets": "leerbaarheidstoet",
        "gemeenten": "gemeent",
        "maanden": "maand",
        "afgerond": "afgerond",
    }
    assert {word: stem(word) for word in expected} == expected


def test_scoring_words_fold_like_the_index():
    from search.text import words

    text = "Cliënt, coördinatie en ÉÉN café-overleg (2021)"
    assert ranking.scoring_words(text) == words(text)


def test_prepared_matches_equal_the_match_rules():
    vocabulary = {
        stem(w)
        for w in "taal taalaanbod talent leren controleren toets leerbaarheidstoets "
        "inkoop inkoopafspraken vaste vastgesteld termijn inburgeringstermijn".split()
    }
    expanded = ExpandedQuery(
        text="",
        concepts=[Concept(typed=(w,)) for w in ("taal", "leren", "toets", "inkoop", "termijn")]
        + [Concept(typed=("vaste", "lasten"))],
    )
    query = ranking.rank_query(expanded)
    ranking.prepare_matches(query, vocabulary)
    for concept in query.concepts:
        for term in concept[0].terms:
            expected = {t: ranking.match_weight(term, t) for t in vocabulary}
            assert query.matches[term.word] == {t: w for t, w in expected.items() if w}


def test_a_concept_only_in_the_body_covers_less_than_one_in_the_title():
    query = _query("gezinsmigrant", "taalles")
    args = {"kind": "qa", "quality": 0, "date": None, "now": NOW}
    filler = " ".join(["overleg"] * 30)
    head = _doc(title="gezinsmigrant taalles", body=filler)
    body = _doc(title="overleg", body=f"gezinsmigrant {filler} taalles")
    _text, head_covered = ranking.text_score(query, head, AVERAGES)
    _text, body_covered = ranking.text_score(query, body, AVERAGES)
    assert head_covered == 2
    assert body_covered == 2 * ranking.BODY_COVERAGE
    assert ranking.score_document(query, head, AVERAGES, **args) > ranking.score_document(
        query, body, AVERAGES, **args
    )


def test_one_part_of_a_typed_compound_finds_the_item_with_half_the_coverage():
    # "screeningsgesprek": an item about the screening that never says "gesprek" still answers.
    expanded = ExpandedQuery(
        text="screeningsgesprek", concepts=[Concept(typed=("screeningsgesprek",))]
    )
    expanded = ranking.add_compound_splits(
        expanded, {stem("screening"), stem("gesprek")}.__contains__
    )
    query = ranking.rank_query(expanded)
    query.df, query.documents = {"screening": 3, "gesprek": 10}, 100.0
    screening = _doc(title="Waarvoor dient de screening?")
    both = _doc(title="Het gesprek na de screening")
    neither = _doc(title="Huisvesting en inschrijving")
    text_part, covered_part = ranking.text_score(query, screening, AVERAGES)
    text_both, covered_both = ranking.text_score(query, both, AVERAGES)
    assert text_part > 0 and covered_part == ranking.SPLIT_PART_COVERAGE
    assert text_both > text_part and covered_both == 1.0
    assert ranking.text_score(query, neither, AVERAGES) == (0.0, 0.0)


@pytest.mark.django_db
def test_question_words_are_left_out_of_a_question_with_other_words():
    from search.synonyms import expand

    typed = [c.typed for c in expand("Waar meld ik een probleem met de uitvoering?").concepts]
    assert ("waar",) not in typed and ("uitvoering",) in typed
    # A query of question words alone is still searched as typed.
    assert [c.typed for c in expand("wanneer").concepts] == [("wanneer",)]


def test_language_levels_are_one_word_however_they_are_written():
    from search.text import words

    assert words("B-1 route") == words("b1 route") == ["b1", "route"]
    assert ranking.scoring_words("Niveau A-2 of B1-route") == ["niveau", "a2", "of", "b1", "route"]


def test_idf_stays_positive_when_the_corpus_estimate_is_below_the_document_frequency():
    # A table the planner has not analysed yet reports no rows: df must still weigh.
    assert ranking.idf(5, 1.0) > 0 and ranking.idf(50, 10.0) > 0
    assert ranking.idf(1, 1.0) > ranking.idf(5, 1.0)
