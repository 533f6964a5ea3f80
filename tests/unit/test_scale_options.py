"""The scale-out commands' arguments (issue 11): Redis URLs are checked before anything runs."""

from __future__ import annotations

import click
import pytest

from portal_archive.cli.options import RedisURLType
from portal_archive.crawl.frontier import KEYS, Keys


@pytest.mark.parametrize(
    "url", ["redis://127.0.0.1:6379/0", "rediss://cache.example:6380/2", "unix:///run/redis.sock"]
)
def test_redis_urls_are_accepted(url):
    assert RedisURLType().convert(url, None, None) == url


@pytest.mark.parametrize("url", ["http://127.0.0.1:6379", "127.0.0.1:6379", "redis://h:port/0"])
def test_bad_redis_urls_are_one_readable_error(url):
    with pytest.raises(click.BadParameter, match="Redis URL"):
        RedisURLType().convert(url, None, None)


def test_every_key_is_under_the_prefix():
    keys = Keys("x:")
    names = [keys.portals, keys.workers, keys.items, keys.processing, keys.lease_seq]
    names += [keys.alive("w"), keys.inflight("w"), keys.plan("p"), keys.queue("p")]
    names += [keys.seen("p"), keys.postbacks("p"), keys.stats("p"), keys.host("h")]
    assert all(name.startswith("x:") for name in names)
    assert len(set(names)) == len(names)
    assert KEYS.queue("demo") != KEYS.queue("hanam")
