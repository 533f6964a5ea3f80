"""A small SharePoint-like portal with deterministic faults, served on 127.0.0.1 from a thread
of the test process (issue 9). A home page links `articles` article pages, each of which our
extractor reads as an article, and any `extra` paths; the faults:

  /Pages/huge.aspx    15 MB of HTML, no Content-Length (bytes sent are counted)
  /Pages/bomb.aspx    a gzip body of ~120 KB that inflates to 120 MB
  /Pages/drop.aspx    the connection closes before any answer
  /Pages/latin.aspx   windows-1252 bytes, said so by the HTTP header while the page's meta
                      claims UTF-8
  slow=S              every page answers after S seconds
  outage(after, for)  once `after` article pages were asked for, every request answers 503
                      (or has its connection dropped) for the next `for` seconds
  /robots.txt         disallows /Private/

With `hostile=True` the home page also links every fault a hostile portal shows at once (the
paths in HOSTILE, each small and deterministic), and every article under fresh `?sid=` values:

  /Pages/tam-ngung.aspx      503 twice, then an article
  /Pages/cham-lai.aspx       429 with `Retry-After: 1` once, then an article
  /Pages/dut-giua.aspx       the connection is reset halfway through the body once, then an article
  /Pages/thieu-byte.aspx     a body shorter than its Content-Length, then a close, once; then an
                             article
  /Pages/loi-500.aspx        always 500
  /Pages/khong-co.aspx       404
  /Pages/chuyen-1.aspx       redirects 3 hops (chuyen-2, chuyen-3) to /Pages/bai-chuyen-huong.aspx
  /Pages/vong-a.aspx         redirects to /Pages/vong-b.aspx, which redirects back: a loop
  /Private/secret.aspx       disallowed by robots.txt: must never be asked for
  /Pages/lich.aspx?ngay=D    a day calendar linking to the next day, forever
  /Pages/bai-long-sau.aspx   an article inside 5,000 nested <div>s
  /Pages/bai-loi-the.aspx    an article with unclosed tags, stray </td>s and <p>s inside <span>s
  /Pages/bai-doc-hai.aspx    an article with <script>, <style>, an <iframe>, `onerror=` on an
                             image, `javascript:` links with words, and the SVG image
  /img/ban-do.svg            image/svg+xml holding a <script>
  and /Pages/latin.aspx, /Pages/huge.aspx, /Pages/bomb.aspx, /Pages/drop.aspx above.
"""

from __future__ import annotations

import secrets
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

HUGE_BYTES = 15 * 1024 * 1024
BOMB_BYTES = 120 * 1024 * 1024

SENTENCES = (
    "Chiều ngày 3 tháng 9, Sở Nông nghiệp và Phát triển nông thôn tỉnh đã tổ chức đoàn kiểm tra "
    "tình hình sản xuất vụ mùa tại các huyện ven sông, ghi nhận nhiều cánh đồng lúa phát triển "
    "tốt nhờ hệ thống thủy lợi được nạo vét kịp thời trước mùa mưa bão.",
    "Theo báo cáo của các địa phương, diện tích gieo cấy đạt trên chín mươi phần trăm kế hoạch, "
    "năng suất dự kiến tăng so với cùng kỳ năm trước, trong khi sâu bệnh được phát hiện sớm và "
    "xử lý dứt điểm tại những thửa ruộng có nguy cơ lây lan.",
    "Đoàn công tác đề nghị chính quyền cấp xã tiếp tục hướng dẫn bà con áp dụng quy trình canh "
    "tác tiết kiệm nước, sử dụng phân bón hợp lý và chủ động phương án tiêu úng khi có mưa lớn "
    "kéo dài trong những tuần tới.",
    "Lãnh đạo Sở cũng lưu ý các hợp tác xã cần liên kết chặt chẽ với doanh nghiệp thu mua để "
    "bảo đảm đầu ra ổn định cho nông sản, tránh tình trạng được mùa mất giá như một số năm "
    "trước đây.",
)


def article_path(n: int) -> str:
    return f"/Pages/tin-{n}.aspx"


def article_title(n: int) -> str:
    return f"Kiểm tra sản xuất vụ mùa tại địa phương số {n}"


def article_html(n: int, links: tuple[str, ...] = ()) -> bytes:
    return page_html(article_title(n), "".join(f"<p>{s}</p>" for s in SENTENCES), links)


def page_html(title: str, body: str, links: tuple[str, ...] = ()) -> bytes:
    """An article page our extractor reads: `title` as its headline, `body` its content."""
    nav = "".join(f'<li><a href="{href}">Tin liên quan</a></li>' for href in links)
    nav = f'<ul class="related">{nav}</ul>' if links else ""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><div id="s4-workspace"><div id="DeltaPlaceHolderMain"><h1>{title}</h1>
<div class="date">03/09/2024 15:10</div><div class="ms-rtestate-field">{body}</div>
<div class="author">Trần Minh Hoàng</div></div></div>{nav}
</body></html>""".encode()


LATIN_TITLE = "Xã Tân Hòa đón nhận danh hiệu nông thôn mới"


def latin_html() -> bytes:
    """An article in windows-1252 (every letter of it exists there) under a lying UTF-8 meta."""
    body = "".join(
        f"<p>{s}</p>"
        for s in [
            "Sáng nay, xã Tân Hòa tổ chức lễ đón nhận danh hiệu xã đạt chuẩn nông thôn mới, "
            "với sự tham dự của đông đảo bà con trong xã và các xã lân cận.",
            "Chủ tịch xã cho biết, toàn bộ các tiêu chí đã hoàn thành, đường giao thông nội đồng "
            "được bê tông hóa, trường học và trạm y tế đều đạt chuẩn.",
        ]
    )
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Trang</title></head>
<body><div id="DeltaPlaceHolderMain"><h1>{LATIN_TITLE}</h1><div class="date">05/09/2024</div>
<div class="ms-rtestate-field">{body}</div></div></body></html>"""
    return html.encode("windows-1252", errors="xmlcharrefreplace")


def home_html(paths: list[str]) -> bytes:
    items = "".join(f'<li><a href="{p}">Tin {n}</a></li>' for n, p in enumerate(paths))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Trang chủ</title></head>
<body><ul class="news">{items}</ul></body></html>""".encode()


def gzip_bomb(size: int = BOMB_BYTES) -> bytes:
    """A gzip stream of `size` spaces, compressed without holding them in memory at once."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
    chunk = b" " * (1024 * 1024)
    parts = [packer.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join([*parts, packer.flush()])


ROBOTS_TXT = b"User-agent: *\nDisallow: /Private/\n"

# Articles of the hostile portal: path -> title. Each is linked from the home page, except the
# redirect chain's end, reached through /Pages/chuyen-1.aspx only.
TRANSIENT_503 = "/Pages/tam-ngung.aspx"
TRANSIENT_429 = "/Pages/cham-lai.aspx"
RESET = "/Pages/dut-giua.aspx"
TRUNCATED = "/Pages/thieu-byte.aspx"
REDIRECTED = "/Pages/bai-chuyen-huong.aspx"
DEEP = "/Pages/bai-long-sau.aspx"
MALFORMED = "/Pages/bai-loi-the.aspx"
HOSTILE_ARTICLE = "/Pages/bai-doc-hai.aspx"
LATIN = "/Pages/latin.aspx"
TITLES = {
    TRANSIENT_503: "Hội nghị trực tuyến về phòng chống thiên tai được tổ chức lại",
    TRANSIENT_429: "Tỉnh đẩy mạnh chuyển đổi số trong cải cách thủ tục hành chính",
    RESET: "Khánh thành cầu dân sinh nối hai bờ sông Châu",
    TRUNCATED: "Ra quân làm đường giao thông nông thôn mùa khô",
    REDIRECTED: "Công bố quy hoạch vùng trồng lúa chất lượng cao",
    DEEP: "Tổng kết phong trào toàn dân đoàn kết xây dựng đời sống văn hóa",
    MALFORMED: "Hướng dẫn kê khai giá đất năm 2024 cho hộ gia đình",
    HOSTILE_ARTICLE: "Công khai bản đồ quy hoạch sử dụng đất cấp xã",
    LATIN: LATIN_TITLE,
}
# Words of the hostile article's `javascript:` links: kept, without the link.
SCRIPT_LINK_WORDS = ("Xem toàn văn quyết định số 15", "Danh sách hộ được hỗ trợ")
# What the hostile article carries that must never reach stored or served HTML.
HOSTILE_MARKERS = (
    "<script",
    "onerror",
    "javascript:",
    "<iframe",
    "tamper_script",
    "tamper_onerror",
    "tamper_iframe",
    "tamper_style",
)
SVG_PATH = "/img/ban-do.svg"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    b"<script>alert('tamper_svg')</script><rect width='40' height='20'/></svg>"
)
FAILING = "/Pages/loi-500.aspx"
MISSING = "/Pages/khong-co.aspx"
REDIRECT_CHAIN = ["/Pages/chuyen-1.aspx", "/Pages/chuyen-2.aspx", "/Pages/chuyen-3.aspx"]
LOOP = ["/Pages/vong-a.aspx", "/Pages/vong-b.aspx"]
PRIVATE = "/Private/secret.aspx"
CALENDAR = "/Pages/lich.aspx"
CALENDAR_START = date(2024, 9, 3)
DEEP_WRAP = 5000
HOSTILE = [
    TRANSIENT_503,
    TRANSIENT_429,
    RESET,
    TRUNCATED,
    FAILING,
    MISSING,
    REDIRECT_CHAIN[0],
    LOOP[0],
    PRIVATE,
    f"{CALENDAR}?ngay={CALENDAR_START.isoformat()}",
    DEEP,
    MALFORMED,
    HOSTILE_ARTICLE,
    LATIN,
    "/Pages/huge.aspx",
    "/Pages/bomb.aspx",
    "/Pages/drop.aspx",
]
SIDS = 3  # session-id spellings of each article link on a hostile home page


def sentences(title: str) -> list[str]:
    """Several long sentences of an article, distinct per article."""
    return [
        f"Bài viết “{title}” được Văn phòng Ủy ban nhân dân tỉnh đăng tải để người dân, "
        "doanh nghiệp và cán bộ các cấp cùng theo dõi, góp ý trong quá trình thực hiện.",
        *SENTENCES[:3],
    ]


def plain_article(path: str) -> bytes:
    return page_html(TITLES[path], "".join(f"<p>{s}</p>" for s in sentences(TITLES[path])))


def deep_html() -> bytes:
    """The article block inside DEEP_WRAP bare <div>s (lxml stops at depth 256)."""
    inner = plain_article(DEEP).decode()
    head, _, rest = inner.partition('<div id="s4-workspace">')
    block, _, tail = rest.rpartition("</div>")
    wrapped = "<div>" * DEEP_WRAP + block + "</div>" * DEEP_WRAP
    return (head + '<div id="s4-workspace">' + wrapped + "</div>" + tail).encode()


def malformed_html() -> bytes:
    """Unclosed <b>/<i>/<p>, stray </td> and </tr>, <p> inside <span>, no </body></html>."""
    one, two, three, four = sentences(TITLES[MALFORMED])
    title = TITLES[MALFORMED]
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<body><div id="s4-workspace"><div id="DeltaPlaceHolderMain"><h1>{title}</h1>
<div class="date">03/09/2024 15:10</div><div class="ms-rtestate-field">
<p>{one} <b>Lưu ý</b></td><p>{two}</tr></td><span class="ms-rteFontSize-2"><p>{three}</p>
</span></td><p><i>{four}<p>
</div><div class="author">Trần Minh Hoàng</td></div></div>""".encode()


def hostile_html() -> bytes:
    one, two, three, four = sentences(TITLES[HOSTILE_ARTICLE])
    link, names = SCRIPT_LINK_WORDS
    body = f"""<style>p {{ background: url(tamper_style) }}</style>
<p>{one} <a href="javascript:alert('tamper_link')">{link}</a> đã được niêm yết.</p>
<script>document.title = 'tamper_script';</script>
<p><img src="{SVG_PATH}" alt="Bản đồ quy hoạch" onerror="alert('tamper_onerror')"></p>
<p>{two}</p><iframe src="http://127.0.0.1:9/tamper_iframe"></iframe>
<p>{three} <a href="JavaScript:void(0)" onclick="alert(1)">{names}</a> kèm theo.</p><p>{four}</p>"""
    return page_html(TITLES[HOSTILE_ARTICLE], body)


def calendar_html(day: date) -> bytes:
    following = (day + timedelta(days=1)).isoformat()
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Lịch công tác</title>
</head><body><h2>Lịch công tác ngày {day.isoformat()}</h2>
<a href="{CALENDAR}?ngay={following}">Ngày sau</a></body></html>""".encode()


@dataclass
class FaultPortal:
    articles: int = 8
    extra: list[str] = field(default_factory=list)
    slow: float = 0.0
    outage_after: int | None = None  # article requests before the outage starts
    outage_seconds: float = 0.0
    outage_mode: str = "503"  # or "drop"
    port: int = 0  # 0: any free port; a former portal's port to serve "the same site" again
    hostile: bool = False  # link and serve every fault of HOSTILE, and articles under ?sid=
    requests: Counter[str] = field(default_factory=Counter)
    asked_at: dict[str, list[float]] = field(default_factory=dict)  # monotonic times per path
    sent: dict[str, int] = field(default_factory=dict)  # bytes written per fault path
    completed: set[str] = field(default_factory=set)  # fault paths sent in full
    outage_started: float | None = None
    outage_answers: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""
    _server: ThreadingHTTPServer | None = None
    _bomb: bytes = b""

    def __enter__(self) -> FaultPortal:
        if "/Pages/bomb.aspx" in self.paths():
            self._bomb = gzip_bomb()
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                portal.answer(self)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.port = int(self._server.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}/"
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    def paths(self) -> list[str]:
        articles = [article_path(n) for n in range(1, self.articles + 1)]
        if not self.hostile:
            return articles + self.extra
        sids = [f"{a}?sid={secrets.token_hex(8)}" for a in articles for _ in range(SIDS)]
        return articles + sids + HOSTILE + self.extra

    def asked(self, path: str) -> int:
        """Requests for `path` under any query (session ids included)."""
        with self.lock:
            return sum(n for p, n in self.requests.items() if p.split("?")[0] == path)

    def in_outage(self, path: str) -> bool:
        with self.lock:
            self.requests[path] += 1
            self.asked_at.setdefault(path, []).append(time.monotonic())
            if self.outage_after is None:
                return False
            if self.outage_started is None:
                asked = sum(self.requests[p] for p in self.requests if p.startswith("/Pages/tin-"))
                if asked <= self.outage_after:
                    return False
                self.outage_started = time.monotonic()
            down = time.monotonic() - self.outage_started < self.outage_seconds
            self.outage_answers += down
            return down

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        if self.in_outage(path):
            if self.outage_mode == "drop":
                handler.close_connection = True
                return
            self.send(handler, 503, b"<html><body>Service Unavailable</body></html>")
            return
        if self.slow and path != "/robots.txt":
            time.sleep(self.slow)
        if self.hostile and self.answer_hostile(handler, path):
            return
        if path == "/":
            self.send(handler, 200, home_html(self.paths()))
        elif path == "/robots.txt":
            self.send(handler, 200, ROBOTS_TXT, {"Content-Type": "text/plain"})
        elif path.startswith("/Pages/tin-"):
            n = int(urlsplit(path).path.removeprefix("/Pages/tin-").removesuffix(".aspx"))
            # A hostile portal links the next article under a new session id on every page.
            following = f"{article_path(n + 1)}?sid={secrets.token_hex(8)}"
            links = (following,) if self.hostile and n < self.articles else ()
            self.send(handler, 200, article_html(n, links))
        elif path == "/Pages/huge.aspx":
            self.stream_huge(handler, path)
        elif path == "/Pages/bomb.aspx":
            self.send(handler, 200, self._bomb, {"Content-Encoding": "gzip"})
        elif path == "/Pages/drop.aspx":
            handler.close_connection = True
        elif path == "/Pages/latin.aspx":
            latin = {"Content-Type": "text/html; charset=windows-1252"}
            self.send(handler, 200, latin_html(), latin)
        else:
            self.send(handler, 404, b"<html><body>not found</body></html>")

    def answer_hostile(self, handler: BaseHTTPRequestHandler, raw: str) -> bool:
        """Answers the paths of HOSTILE; False for any other path."""
        path = urlsplit(raw).path
        attempt = self.requests[raw]  # this request included
        if path == TRANSIENT_503 and attempt <= 2:
            self.send(handler, 503, b"<html><body>Service Unavailable</body></html>")
        elif path == TRANSIENT_429 and attempt == 1:
            self.send(handler, 429, b"<html><body>Too Many Requests</body></html>", {
                "Retry-After": "1"
            })  # fmt: skip
        elif path == RESET and attempt == 1:
            self.reset(handler, plain_article(RESET))
        elif path == TRUNCATED and attempt == 1:
            self.truncate(handler, plain_article(TRUNCATED))
        elif path in (TRANSIENT_503, TRANSIENT_429, RESET, TRUNCATED, REDIRECTED):
            self.send(handler, 200, plain_article(path))
        elif path == FAILING:
            self.send(handler, 500, b"<html><body>Runtime Error</body></html>")
        elif path in REDIRECT_CHAIN:
            hops = [*REDIRECT_CHAIN, REDIRECTED]
            self.redirect(handler, hops[hops.index(path) + 1])
        elif path in LOOP:
            self.redirect(handler, LOOP[1 - LOOP.index(path)])
        elif path == CALENDAR:
            day = dict(parse_qsl(urlsplit(raw).query)).get("ngay", CALENDAR_START.isoformat())
            self.send(handler, 200, calendar_html(date.fromisoformat(day)))
        elif path == DEEP:
            self.send(handler, 200, deep_html())
        elif path == MALFORMED:
            self.send(handler, 200, malformed_html())
        elif path == HOSTILE_ARTICLE:
            self.send(handler, 200, hostile_html())
        elif path == SVG_PATH:
            self.send(handler, 200, SVG, {"Content-Type": "image/svg+xml"})
        else:
            return False
        return True

    def redirect(self, handler: BaseHTTPRequestHandler, location: str) -> None:
        self.send(handler, 302, b"", {"Location": location})

    def reset(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        """Half the body, then a TCP reset (SO_LINGER 0) instead of the rest."""
        self.head(handler, 200, len(body))
        handler.wfile.write(body[: len(body) // 2])
        handler.wfile.flush()
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.hang_up(handler)

    def truncate(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        """A Content-Length 4 KB larger than the bytes sent, then an orderly close."""
        self.head(handler, 200, len(body) + 4096)
        handler.wfile.write(body)
        handler.wfile.flush()
        self.hang_up(handler)

    def head(self, handler: BaseHTTPRequestHandler, status: int, length: int) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(length))
        handler.end_headers()

    def hang_up(self, handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        handler.rfile.close()  # the socket really closes once its last file is closed
        handler.connection.close()

    def send(
        self, handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: Any = None
    ) -> None:
        handler.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def stream_huge(self, handler: BaseHTTPRequestHandler, path: str) -> None:
        """Close-delimited (HTTP/1.0, no Content-Length): only counting can stop it."""
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.end_headers()
        chunk = ("<p>" + " ".join(SENTENCES) + "</p>\n").encode() * 64
        head = b"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        sent = 0
        try:
            handler.wfile.write(head)
            while sent < HUGE_BYTES:
                handler.wfile.write(chunk)
                sent += len(chunk)
                with self.lock:
                    self.sent[path] = sent
            handler.wfile.write(b"</body></html>")
            handler.wfile.flush()
        except OSError:  # the crawler hung up
            return
        with self.lock:
            self.completed.add(path)
        handler.close_connection = True
