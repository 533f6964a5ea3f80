"""Issue 18 end to end: a real crawl (the CLI, in its own process) of our hostile portal on
127.0.0.2, whose pages point at files of this machine and at internal services on 127.0.0.3
and 127.0.0.1 by every road we know. Nothing of them is asked for (the services saw not even a
connection), nothing of them is in the archive file, every refusal is a `fetches` row with its
reason and counted, and the articles, their real image and attachment are archived."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from portal_archive import stats as keys
from portal_archive.crawl.addresses import REFUSED_ADDRESS, REFUSED_SCHEME
from tests.e2e.hostile_portal import (
    ARTICLE_TITLE,
    PLAIN_TITLE,
    HostilePortal,
    Internal,
    Secrets,
    archive_bytes,
    crawl_cli,
    crawl_env,
)
from tests.e2e.local_server import free_port, query

pytestmark = pytest.mark.slow

INTERNAL_NAME = "dich-vu.noibo.test"


@dataclass
class Crawl:
    db: Path
    portal: HostilePortal
    internal: Internal
    local: Internal  # the service on 127.0.0.1, reached as `localhost`
    secrets: Secrets
    result: subprocess.CompletedProcess[str]

    def reasons(self) -> dict[str, str | None]:
        return dict(query(self.db, "select url, reason from fetches"))

    def stats(self) -> dict[str, int]:
        [(text,)] = query(self.db, "select stats from crawls")
        return dict(json.loads(text))


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    root = tmp_path_factory.mktemp("hostile")
    files = Secrets(root / "may-thu-thap")
    local_port = free_port()
    with (
        Internal("127.0.0.3") as internal,
        Internal("127.0.0.1", local_port) as local,
        HostilePortal(files, internal, localhost_port=local_port) as portal,
    ):
        db = root / "archive.db"
        env = crawl_env({INTERNAL_NAME: internal.host})
        result = crawl_cli(["--start-url", portal.base + "/", "--db", str(db)], env)
        yield Crawl(db, portal, internal, local, files, result)


def test_the_crawl_ends_ok_and_archives_the_articles(crawl: Crawl) -> None:
    assert crawl.result.returncode == 0, crawl.result.stdout + crawl.result.stderr[-3000:]
    titles = {t for (t,) in query(crawl.db, "select title from articles")}
    assert titles == {ARTICLE_TITLE, PLAIN_TITLE}


def test_no_internal_service_saw_even_a_connection(crawl: Crawl) -> None:
    assert crawl.internal.requests == [] and crawl.internal.connections == 0
    assert crawl.local.requests == [] and crawl.local.connections == 0


def test_no_secret_byte_is_in_the_archive_file(crawl: Crawl) -> None:
    stored = archive_bytes(crawl.db)
    assert crawl.portal.image in stored  # the check can see a stored image's bytes
    for marker in (crawl.secrets.marker, crawl.internal.marker, crawl.local.marker):
        assert marker not in stored, marker
    assert crawl.portal.marker not in stored  # the "image" that was a page


def test_every_other_scheme_is_a_refused_fetch_and_never_requested(crawl: Crawl) -> None:
    reasons = crawl.reasons()
    portal, inside = crawl.portal, crawl.internal
    # An image with another scheme (a Word paste's `file:`, `ftp:`, `s3:`) is no image of the
    # article at all: the extractor drops it, so it is never even recorded, or else refused.
    images = [
        *portal.file_urls().values(),
        f"ftp://{inside.host}:{inside.port}/anh.png",
        "s3://kho-noi-bo/anh.png",
    ]
    for url in images:
        assert reasons.get(url.replace("FILE:", "file:")) in (None, REFUSED_SCHEME), url
    article_images = {url for (url,) in query(crawl.db, "select url from article_images")}
    assert not {u for u in article_images if not u.startswith(("http:", "https:", "data:"))}
    refused = [  # linked files: attachments of the article, each a refused fetch
        f"file://{crawl.secrets.path('van-ban.pdf')}",
        f"ftp://{inside.host}/van-ban.pdf",
    ]
    for url in refused:  # as the page's URL resolves: the scheme in lower case
        url = url.replace("FILE:", "file:")
        assert reasons.get(url) == REFUSED_SCHEME, url


def test_a_redirect_to_a_file_is_not_followed(crawl: Crawl) -> None:
    hop = crawl.portal.base + "/Photos/chuyen-tep.png"
    assert query(crawl.db, "select status from fetches where url = ?", (hop,)) == [(302,)]


def test_every_internal_address_is_a_refused_fetch(crawl: Crawl) -> None:
    reasons = crawl.reasons()
    portal, inside = crawl.portal, crawl.internal
    refused = [
        *portal.internal_urls().values(),
        *portal.redirect_targets().values(),
        f"{inside.base}/van-ban-noi-bo.pdf",
        f"{inside.base}/Pages/dich.aspx",  # the end of a 307-308 chain of pages
        f"{inside.base}/lam-moi",  # a meta refresh
        f"{inside.base}/Pages/home.aspx",  # a pager postback to the form's action
    ]
    # Each has a path of its own; the host is as Scrapy spells it (`2130706435` -> 127.0.0.3).
    by_path = {urlsplit(url).path: reason for url, reason in reasons.items()}
    missing = {url for url in refused if by_path.get(urlsplit(url).path) != REFUSED_ADDRESS}
    assert missing == set()


def test_refusals_are_counted_and_are_not_errors_or_alarms(crawl: Crawl) -> None:
    stats = crawl.stats()
    by_reason = dict(query(crawl.db, "select reason, count(*) from fetches group by 1"))
    assert stats[keys.requests_refused(REFUSED_SCHEME)] >= by_reason[REFUSED_SCHEME] >= 2
    assert stats[keys.requests_refused(REFUSED_ADDRESS)] >= by_reason[REFUSED_ADDRESS] >= 16
    assert keys.FETCH_FAILURES not in stats
    assert "alarm/messages" not in stats or not stats["alarm/messages"]
    [(status,)] = query(crawl.db, "select status from crawls")
    assert status == "ok"


def test_the_real_image_data_image_and_attachment_are_stored(crawl: Crawl) -> None:
    images = query(crawl.db, "select url, mime, width, height from images order by url")
    portal = crawl.portal
    assert images == [
        (portal.data_url, "image/png", 50, 40),
        (portal.base + "/Photos/anh-that.png", "image/png", 400, 300),
    ]
    attachments = query(crawl.db, "select url, content from attachments where content is not null")
    assert attachments == [(portal.base + "/VanBan/ke-hoach.pdf", portal.attachment)]


def test_an_image_that_is_not_an_image_is_recorded_not_stored(crawl: Crawl) -> None:
    fake = crawl.portal.base + "/Photos/gia-anh.png"
    assert query(crawl.db, "select status, reason from fetches where url = ?", (fake,)) == [
        (200, "not_an_image")
    ]
    stats = crawl.stats()
    assert stats[keys.media_refused("not_an_image")] == 2  # and the data: SVG
