"""Stemming under concurrent requests: gunicorn threads stem at the same time, and each must
get the same stems as a single thread (a shared Snowball stemmer raised IndexError)."""

from concurrent.futures import ThreadPoolExecutor

from search import text

WORDS = [
    f"{stem}{ending}"
    for stem in ("inburger", "leerbaarheid", "taalcursus", "participatie", "overdracht", "toets")
    for ending in ("", "en", "ing", "ingen", "heden", "s", "tje", "tjes", "de", "den")
]


def _stem_all(offset: int) -> list[str]:
    words = WORDS[offset:] + WORDS[:offset]
    return [text.stem.__wrapped__(word) for word in words * 20]  # past the lru_cache


def test_threads_stem_like_a_single_thread():
    expected = {offset: _stem_all(offset) for offset in range(8)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(_stem_all, range(8)))
    assert results == [expected[offset] for offset in range(8)]
