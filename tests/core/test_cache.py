"""The resilient Redis cache: Redis while it answers, process memory while it does not.

Against a real redis-server of the test's own, which the tests stop and start again.
"""

import logging
import time

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.slow


def test_values_live_in_redis_while_it_answers(resilient_cache):
    cache.set("greeting", "hallo", 60)
    assert cache.get("greeting") == "hallo"
    assert resilient_cache.client().exists("test:1:greeting") == 1
    assert cache.redis_available() is True


def test_an_outage_falls_back_to_memory_with_one_warning(resilient_cache, caplog):
    cache.set("before", "kept in redis", 60)
    resilient_cache.stop()
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert cache.get("before") is None  # a miss, not an error
        cache.set("during", "in memory", 60)
        assert cache.get("during") == "in memory"
        assert cache.add("counter", 0, 60) is True
        assert cache.incr("counter") == 1
        assert cache.incr("counter") == 2
        assert cache.get_or_set("computed", lambda: 42, 60) == 42
        cache.delete("during")
        assert cache.get("during") is None
    warnings = [r for r in caplog.records if r.name == "core.cache"]
    assert len(warnings) == 1
    assert "Redis unavailable" in warnings[0].getMessage()
    assert cache.redis_available() is False


def test_redis_is_used_again_after_it_returns(resilient_cache):
    resilient_cache.stop()
    cache.set("during", "in memory", 60)
    resilient_cache.start()
    time.sleep(0.6)  # the pause (0.5 s in this fixture) runs out; the next call probes Redis
    cache.set("after", "in redis", 60)
    assert resilient_cache.client().exists("test:1:after") == 1
    assert cache.get("after") == "in redis"
    assert cache.get("during") is None  # memory values are not carried over
    assert cache.redis_available() is True


def test_missing_counter_still_raises_value_error_like_django(resilient_cache):
    with pytest.raises(ValueError):
        cache.incr("never-set")
    resilient_cache.stop()
    with pytest.raises(ValueError):
        cache.incr("never-set")
