"""Issue 18, the other side: what the operator asks for still works. An intranet portal on a
private address (loopback standing in), registered by a host name, crawls, reaches the
neighbour the operator allowed (`ALLOWED_PRIVATE_NETWORKS`) and still no other private
address; and a crawl through the operator's HTTP proxy (on 127.0.0.1, a non-public address
trusted as the proxy) works, while its pages still cannot send it to an internal address."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.hostile_portal import (
    ARTICLE_TITLE,
    PLAIN_TITLE,
    HostilePortal,
    Internal,
    Secrets,
    Served,
    archive_bytes,
    crawl_cli,
    crawl_env,
)
from tests.e2e.local_server import query

pytestmark = pytest.mark.slow

PORTAL_NAME = "cong.noibo.test"
INTERNAL_NAME = "dich-vu.noibo.test"


def test_an_intranet_portal_reaches_its_allowed_neighbour_and_nothing_else(
    tmp_path: Path,
) -> None:
    files = Secrets(tmp_path / "may")
    with (
        Internal("127.0.0.3") as internal,
        Internal("127.0.0.4") as neighbour,
        HostilePortal(
            files, internal, extra_images=(f"{neighbour.base}/anh-lang-gieng.png",)
        ) as portal,
    ):
        registry = tmp_path / "portals.toml"
        registry.write_text(
            f'[noibo]\nname = "Cổng nội bộ"\nprovince = "Tỉnh thử"\n'
            f'base_url = "http://{PORTAL_NAME}:{urlsplit(portal.base).port}/"\n'
            f'start_urls = ["/"]\nhosts = ["{PORTAL_NAME}"]\n',
            encoding="utf-8",
        )
        db = tmp_path / "noibo.db"
        env = crawl_env(
            {PORTAL_NAME: "127.0.0.2", INTERNAL_NAME: internal.host},
            settings="ALLOWED_PRIVATE_NETWORKS=127.0.0.4/32",
        )
        result = crawl_cli(["noibo", "--registry", str(registry), "--db", str(db)], env)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert {t for (t,) in query(db, "select title from articles")} == {ARTICLE_TITLE, PLAIN_TITLE}
    assert ("GET", "/anh-lang-gieng.png") in neighbour.requests
    stored = archive_bytes(db)
    assert neighbour.marker in stored  # what the operator allowed is fetched and kept
    assert internal.untouched
    assert internal.marker not in stored and files.marker not in stored
    assert ("/Pages/tong-ket.aspx") in portal.asked


class ForwardingProxy(Served):
    """An HTTP proxy on 127.0.0.1 that forwards to `allowed` (host, port) only and records
    every target it was asked for."""

    def __init__(self, allowed: tuple[str, int]) -> None:
        self.targets: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                target = urlsplit(self.path)
                owner.targets.append(self.path)
                if (target.hostname, target.port) != allowed:
                    self.send_error(403)  # this proxy serves the portal only
                    return
                upstream = http.client.HTTPConnection(*allowed, timeout=10)
                upstream.request(self.command, target.path or "/", headers=dict(self.headers))
                answer = upstream.getresponse()
                body = answer.read()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                upstream.close()

            do_POST = do_GET

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[tuple[HostilePortal, Internal, ForwardingProxy]]:
    with (
        Internal("127.0.0.3") as internal,
        HostilePortal(Secrets(tmp_path / "may"), internal) as portal,
        ForwardingProxy((portal.host, int(urlsplit(portal.base).port or 80))) as proxy,
    ):
        yield portal, internal, proxy


def test_a_crawl_through_the_operators_proxy_works_and_stays_out(
    proxied: tuple[HostilePortal, Internal, ForwardingProxy], tmp_path: Path
) -> None:
    portal, internal, proxy = proxied
    db = tmp_path / "proxied.db"
    # Through the proxy for http only (https goes direct, judged at connect time).
    env = crawl_env({INTERNAL_NAME: internal.host}, http_proxy=proxy.url)
    result = crawl_cli(["--start-url", portal.base + "/", "--db", str(db)], env)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert {t for (t,) in query(db, "select title from articles")} == {ARTICLE_TITLE, PLAIN_TITLE}
    assert portal.base + "/Pages/tong-ket.aspx" in proxy.targets  # it went through the proxy
    assert [t for t in proxy.targets if urlsplit(t).hostname == internal.host] == []
    assert internal.untouched
    # Through a proxy, names are the proxy's to resolve: only those were asked of it (and it
    # refused them here); every address in a URL was judged by the crawler.
    others = {urlsplit(t).hostname for t in proxy.targets} - {portal.host}
    assert others <= {INTERNAL_NAME, "localhost"}
