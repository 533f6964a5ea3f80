"""`DemoServer`: the demo site over real HTTP on 127.0.0.1, with admin endpoints and counters.

Admin endpoints let tests mutate a server running in another process:
`POST /_demo/add?n=50`, `POST /_demo/edit?path=<urlencoded path>`,
`POST /_demo/remove?path=<urlencoded path>` (the article answers 410 Gone),
`POST /_demo/layout?name=changed`, `GET /_demo/stats` (JSON) and `POST /_demo/reset-stats`.
robots.txt disallows `/_demo/`.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from portal_archive_demo.site import DemoSite, Response

logger = logging.getLogger(__name__)

KINDS = ("article", "listing", "image", "attachment", "calendar", "other")


class _Stats:
    """Thread-safe request counters: total, per kind, 304s and error statuses."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()

    def record(self, response: Response) -> None:
        with self._lock:
            self._counts["total"] += 1
            self._counts[response.kind] += 1
            if response.status == 304:
                self._counts["not_modified"] += 1
            elif response.status >= 400:
                self._counts["errors"] += 1

    def snapshot(self) -> dict[str, Any]:
        """Flat counters plus the same per-kind counts grouped under "by_kind"."""
        with self._lock:
            flat: dict[str, Any] = {
                key: self._counts[key] for key in ("total", *KINDS, "not_modified", "errors")
            }
        flat["by_kind"] = {kind: flat[kind] for kind in KINDS}
        return flat

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive: crawlers reuse connections
    server_version = "Microsoft-IIS/8.5"
    sys_version = ""

    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_POST(self) -> None:
        self._handle("POST")

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s " + format, self.address_string(), *args)

    def _read_form(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        return dict(parse_qsl(raw, keep_blank_values=True))

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        form = self._read_form() if method == "POST" else None
        if parts.path.startswith("/_demo/"):
            response = self._admin(method, parts.path, dict(parse_qsl(parts.query)))
        else:
            if self.server.latency:
                time.sleep(self.server.latency)  # a slow provincial server (bench/scale.py)
            site = self.server.site
            response = site.render(method, parts.path, parts.query, form, dict(self.headers))
            self.server.stats.record(response)
        self._send(response, method == "HEAD")

    def _admin(self, method: str, path: str, params: dict[str, str]) -> Response:
        site, stats = self.server.site, self.server.stats
        try:
            if path == "/_demo/stats":
                return _json(stats.snapshot() | {"articles": site.article_total})
            if method != "POST":
                return _json({"error": "use POST"}, 405)
            if path == "/_demo/add":
                site.add_articles(int(params.get("n", "1")))
            elif path == "/_demo/edit":
                site.edit_article(params["path"])
            elif path == "/_demo/remove":
                site.remove_article(params["path"])
            elif path == "/_demo/layout":
                site.set_layout(params.get("name", ""))
            elif path == "/_demo/reset-stats":
                stats.reset()
            else:
                return _json({"error": "unknown endpoint"}, 404)
        except (KeyError, ValueError) as exc:
            return _json({"error": str(exc)}, 400)
        return _json({"ok": True, "articles": site.article_total, "layout": site.layout})

    def _send(self, response: Response, head_only: bool) -> None:
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if not head_only and response.status != 304:
            self.wfile.write(response.body)


def _json(payload: dict[str, object], status: int = 200) -> Response:
    body = json.dumps(payload).encode()
    return Response(status, {"Content-Type": "application/json"}, body, "other")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], site: DemoSite, latency: float = 0.0) -> None:
        super().__init__(address, _Handler)
        self.site = site
        self.latency = latency
        self.stats = _Stats()


class DemoServer:
    """A running demo server; `url` ends with "/", `stop()` shuts it down and joins the thread."""

    def __init__(
        self, site: DemoSite, host: str = "127.0.0.1", port: int = 0, latency: float = 0.0
    ) -> None:
        self.site = site
        self._httpd = _Server((host, port), site, latency)
        address = self._httpd.server_address
        self.host, self.port = str(address[0]), int(address[1])
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, daemon=True, name=f"demo-server-{self.port}"
        )

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def start(self) -> DemoServer:
        self._thread.start()
        logger.info("demo portal serving %s (%d articles)", self.url, self.site.article_total)
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def stats(self) -> dict[str, Any]:
        """Request counts: total, one per kind (article, listing, image, attachment, calendar,
        other), not_modified (304s), errors (4xx/5xx), and the kinds again under "by_kind"."""
        return self._httpd.stats.snapshot()

    def reset_stats(self) -> None:
        self._httpd.stats.reset()

    def __enter__(self) -> DemoServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_demo_server(
    site: DemoSite, host: str = "127.0.0.1", port: int = 0, latency: float = 0.0
) -> DemoServer:
    """Serve `site` from a background thread; port 0 picks a free port (see `server.url`);
    every page waits `latency` seconds before its answer."""
    return DemoServer(site, host, port, latency).start()
