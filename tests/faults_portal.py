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
"""

from __future__ import annotations

import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

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


def article_html(n: int) -> bytes:
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    title = article_title(n)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><div id="s4-workspace"><div id="DeltaPlaceHolderMain"><h1>{title}</h1>
<div class="date">03/09/2024 15:10</div><div class="ms-rtestate-field">{body}</div>
<div class="author">Trần Minh Hoàng</div></div></div>
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


@dataclass
class FaultPortal:
    articles: int = 8
    extra: list[str] = field(default_factory=list)
    slow: float = 0.0
    outage_after: int | None = None  # article requests before the outage starts
    outage_seconds: float = 0.0
    outage_mode: str = "503"  # or "drop"
    port: int = 0  # 0: any free port; a former portal's port to serve "the same site" again
    requests: Counter[str] = field(default_factory=Counter)
    sent: dict[str, int] = field(default_factory=dict)  # bytes written per fault path
    completed: set[str] = field(default_factory=set)  # fault paths sent in full
    outage_started: float | None = None
    outage_answers: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""
    _server: ThreadingHTTPServer | None = None
    _bomb: bytes = b""

    def __enter__(self) -> FaultPortal:
        if "/Pages/bomb.aspx" in self.extra:
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
        return [article_path(n) for n in range(1, self.articles + 1)] + self.extra

    def in_outage(self, path: str) -> bool:
        with self.lock:
            self.requests[path] += 1
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
        if path == "/":
            self.send(handler, 200, home_html(self.paths()))
        elif path.startswith("/Pages/tin-"):
            n = int(path.removeprefix("/Pages/tin-").removesuffix(".aspx"))
            self.send(handler, 200, article_html(n))
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
