"""A hostile portal of our own (issue 18) and the machine it attacks, all on loopback.

`Internal` is a service the crawler must never reach (127.0.0.3, or 127.0.0.1 for `localhost`):
it records every connection and request, and answers anything with a real PNG carrying its
secret, so that a leak would be stored as an image. `Secrets` are files on the crawling
machine, each carrying a marker (a PNG, a PDF-like file, a passwd-like file).

`HostilePortal` serves, on another loopback address, a home page and articles whose images,
attachments, links, redirects, meta refreshes and postbacks point at those: `file:` in every
spelling (absolute, `file://localhost/`, upper case, in `srcset` and CSS `url()`), `ftp:`,
`s3:`, the internal host by address (dotted, decimal, octal, hex, short), by name, through
301/302/307/308 redirects and a chain, `[::1]` and `0.0.0.0`; besides a real image, a `data:`
image, an "image" that is HTML and a real attachment, which the archive keeps (or refuses) as
any portal's.

`python -m tests.e2e.hostile_portal ARGS` is `portal-archive ARGS` with extra host names
(`HOSTILE_DNS="name=address,..."`) answered by the process's resolver: a name that resolves
to a loopback address without editing /etc/hosts."""

from __future__ import annotations

import base64
import io
import os
import secrets
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from PIL import Image, PngImagePlugin

from tests.e2e.faults_portal import SENTENCES, page_html
from tests.e2e.local_server import Answer, serving

ARTICLE_TITLE = "Hội nghị tổng kết công tác chuyển đổi số của tỉnh năm 2024"
PLAIN_TITLE = "Xã Hòa Bình ra mắt tổ công nghệ số cộng đồng"
DNS_ENV = "HOSTILE_DNS"


def png(marker: bytes = b"", colour: str = "teal", size: tuple[int, int] = (64, 48)) -> bytes:
    """A real PNG; `marker` rides in a text chunk, in the clear."""
    info = PngImagePlugin.PngInfo()
    if marker:
        info.add_text("Comment", marker.decode("ascii"))
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


@dataclass
class Secrets:
    """Files on the crawling machine that a page names by `file:` URL."""

    folder: Path
    marker: bytes = field(default_factory=lambda: b"TEP-BI-MAT-" + secrets.token_hex(8).encode())

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "anh.png").write_bytes(png(self.marker, "red"))
        (self.folder / "van-ban.pdf").write_bytes(b"%PDF-1.4\n" + self.marker + b"\n%%EOF\n")
        (self.folder / "passwd").write_bytes(b"root:x:0:0:" + self.marker + b":/root:/bin/sh\n")

    def path(self, name: str) -> str:
        return str(self.folder / name)


class Served:
    """A test server (`self.server`) run from a thread of this process while entered."""

    server: ThreadingHTTPServer

    def __enter__(self) -> Any:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class Internal(Served):
    """A service on `host` that records who came: connections and requests (method, path)."""

    def __init__(self, host: str = "127.0.0.3", port: int = 0) -> None:
        self.host = host
        self.marker = b"DICH-VU-NOI-BO-" + secrets.token_hex(8).encode()
        self.connections = 0
        self.requests: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self) -> None:
                with owner.lock:
                    owner.requests.append((self.command, self.path))
                body = png(owner.marker)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_HEAD = answer

            def log_message(self, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            def verify_request(self, request: Any, client_address: Any) -> bool:
                with owner.lock:
                    owner.connections += 1
                return True

        self.server = Server((host, port), Handler)
        self.port = int(self.server.server_address[1])
        self.base = f"http://{host}:{self.port}"

    @property
    def untouched(self) -> bool:
        return self.connections == 0 and not self.requests


def ipv4_spellings(address: str, port: int) -> dict[str, str]:
    """`address` as the resolver also reads it: decimal, octal, hex and short forms."""
    parts = [int(p) for p in address.split(".")]
    number = int.from_bytes(bytes(parts), "big")
    return {
        "decimal": f"http://{number}:{port}/so-thap-phan.png",
        "octal": f"http://{'.'.join(f'0{p:o}' for p in parts)}:{port}/so-bat-phan.png",
        "hex": f"http://0x{parts[0]:x}.{parts[1]}.{parts[2]}.0x{parts[3]:x}:{port}/so-hex.png",
        "short": f"http://{parts[0]}.{parts[3]}:{port}/viet-tat.png",
    }


class HostilePortal:
    """The portal on `host`; `internal` is the service its pages point at (`internal_name` a
    name resolving to it, `localhost_port` a service on 127.0.0.1 reached as `localhost`)."""

    REDIRECT_CODES = (301, 302, 307, 308)

    def __init__(
        self,
        secrets_: Secrets,
        internal: Internal,
        host: str = "127.0.0.2",
        internal_name: str = "dich-vu.noibo.test",
        localhost_port: int = 9,
        extra_images: tuple[str, ...] = (),
    ) -> None:
        self.secrets = secrets_
        self.internal = internal
        self.internal_name = internal_name
        self.localhost_port = localhost_port
        self.extra_images = extra_images
        self.asked: list[str] = []
        self.marker = b"ANH-GIA-" + secrets.token_hex(8).encode()
        self.image = png(b"", "orange", (400, 300))
        self.data_url = "data:image/png;base64," + _b64(png(b"", "navy", (50, 40)))
        self.attachment = b"%PDF-1.4\nke hoach\n%%EOF\n"
        self.host = host
        self.base = ""  # once served
        self.stack = ExitStack()

    def __enter__(self) -> HostilePortal:
        self.base = self.stack.enter_context(serving(self.answer, self.host))
        return self

    def __exit__(self, *exc: object) -> None:
        self.stack.close()

    # -- what the pages point at ---------------------------------------------------------

    def file_urls(self) -> dict[str, str]:
        anh = self.secrets.path("anh.png")
        return {
            "file": f"file://{anh}",
            "file_localhost": f"file://localhost{anh}",
            "file_upper": f"FILE://{anh}",
            "file_passwd": f"file://{self.secrets.path('passwd')}",
        }

    def internal_urls(self) -> dict[str, str]:
        """Image URLs that go to the internal service (or another non-public address)."""
        inside = self.internal
        return {
            "direct": f"{inside.base}/truc-tiep.png",
            "by_name": f"http://{self.internal_name}:{inside.port}/theo-ten.png",
            "https_by_name": f"https://{self.internal_name}:{inside.port}/tls.png",
            "localhost": f"http://localhost:{self.localhost_port}/may-nay.png",
            "ipv6_loopback": f"http://[::1]:{inside.port}/ipv6.png",
            "unspecified": f"http://0.0.0.0:{inside.port}/khong-dia-chi.png",
            "mapped_ipv6": f"http://[::ffff:{inside.host}]:{inside.port}/anh-xa.png",
            **ipv4_spellings(inside.host, inside.port),
        }

    def redirect_targets(self) -> dict[str, str]:
        """Where each redirecting portal image (and the chain) finally points: internal."""
        targets = {
            f"/Photos/chuyen-{code}.png": f"{self.internal.base}/sau-{code}.png"
            for code in self.REDIRECT_CODES
        }
        inside = self.internal
        targets["/Photos/chuoi-1.png"] = f"http://{self.internal_name}:{inside.port}/cuoi.png"
        # Scheme-relative: the request's own scheme, the internal host.
        targets["/Photos/giao-thuc.png"] = f"//{inside.host}:{inside.port}/giao-thuc.png"
        return targets

    def article_body(self) -> str:
        inside, files = self.internal, self.file_urls()
        images = [
            *files.values(),
            f"ftp://{inside.host}:{inside.port}/anh.png",
            "s3://kho-noi-bo/anh.png",
            *self.internal_urls().values(),
            *(self.base + path for path in self.redirect_targets()),
            "/Photos/chuyen-tep.png",  # a redirect to a file of this machine
            *self.extra_images,
            "/Photos/anh-that.png",
            "/Photos/gia-anh.png",
            self.data_url,
            "data:image/svg+xml;base64," + _b64(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ]
        paragraphs = [f"<p>{s}</p>" for s in SENTENCES]
        for n, src in enumerate(images):
            paragraphs.insert(n % len(paragraphs), f'<p><img src="{src}" alt="Ảnh {n}"></p>')
        css = f"background-image:url('{files['file']}')"
        return (
            "".join(paragraphs) + f'<p><img src="/Photos/anh-that.png" srcset="{files["file"]} 2x, '
            f'{inside.base}/srcset.png 3x" alt="Ảnh lớn"></p>'
            + f'<div style="{css}"><p>{SENTENCES[0]}</p></div>'
            + f'<p><a href="file://{self.secrets.path("van-ban.pdf")}">Tải kế hoạch (PDF)</a></p>'
            + f'<p><a href="{inside.base}/van-ban-noi-bo.pdf">Văn bản nội bộ</a></p>'
            + f'<p><a href="ftp://{inside.host}/van-ban.pdf">Văn bản FTP</a></p>'
            + '<p><a href="/VanBan/ke-hoach.pdf">Kế hoạch năm 2024</a></p>'
        )

    def home(self) -> bytes:
        inside = self.internal
        links = [
            "/Pages/tong-ket.aspx",
            "/Pages/to-cong-nghe.aspx",
            "/Pages/chuyen-trang.aspx",
            "/Pages/lam-moi.aspx",
            f"{inside.base}/Pages/noi-bo.aspx",
            f"http://{self.internal_name}:{inside.port}/Pages/noi-bo.aspx",
            f"file://{self.secrets.path('passwd')}",
        ]
        items = "".join(f'<li><a href="{href}">Tin {n}</a></li>' for n, href in enumerate(links))
        pager = "javascript:__doPostBack('ctl00$m$g_tin$pager','Page$2')"
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Trang chủ</title>
<link rel="icon" href="{inside.base}/favicon.ico"></head><body>
<form id="aspnetForm" method="post" action="{inside.base}/Pages/home.aspx">
<input type="hidden" name="__VIEWSTATE" value="abc"><ul class="news">{items}</ul>
<a href="{pager}">2</a></form></body></html>""".encode()

    def answer(self, raw: str) -> Answer:
        self.asked.append(raw)
        path = raw.split("?", 1)[0]
        inside = self.internal
        redirects = self.redirect_targets()
        if path in ("/", "/Pages/home.aspx"):
            return 200, {}, self.home()
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow:\n"
        if path == "/Pages/tong-ket.aspx":
            return 200, {}, page_html(ARTICLE_TITLE, self.article_body())
        if path == "/Pages/to-cong-nghe.aspx":
            body = "".join(f"<p>{s}</p>" for s in reversed(SENTENCES))
            return 200, {}, page_html(PLAIN_TITLE, body)
        if path == "/Pages/chuyen-trang.aspx":  # a page chain: 307, then 308 to inside
            return 307, {"Location": "/Pages/chuyen-tiep.aspx"}, b""
        if path == "/Pages/chuyen-tiep.aspx":
            return 308, {"Location": f"{inside.base}/Pages/dich.aspx"}, b""
        if path == "/Pages/lam-moi.aspx":
            refresh = f'<meta http-equiv="refresh" content="0;url={inside.base}/lam-moi">'
            return 200, {}, f"<html><head>{refresh}</head><body></body></html>".encode()
        if path == "/Photos/chuoi-1.png":  # an image chain: 302, 301, then inside by name
            return 302, {"Location": "/Photos/chuoi-2.png"}, b""
        if path == "/Photos/chuoi-2.png":
            return 301, {"Location": redirects["/Photos/chuoi-1.png"]}, b""
        if path == "/Photos/chuyen-tep.png":
            return 302, {"Location": self.file_urls()["file"]}, b""
        if path == "/Photos/giao-thuc.png":
            return 302, {"Location": redirects[path]}, b""
        if path in redirects:
            code = int(path.rsplit("-", 1)[1].split(".")[0])
            return code, {"Location": redirects[path]}, b""
        if path == "/Photos/anh-that.png":
            return 200, {"Content-Type": "image/png"}, self.image
        if path == "/Photos/gia-anh.png":  # called a PNG, is a page with a script
            body = b"<html><script>alert(1)</script>" + self.marker + b"</html>"
            return 200, {"Content-Type": "image/png"}, body
        if path == "/VanBan/ke-hoach.pdf":
            return 200, {"Content-Type": "application/pdf"}, self.attachment
        return 404, {}, b"khong co"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def crawl_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`portal-archive crawl ARGS --fast` in a process of its own, with `crawl_env`'s names."""
    return subprocess.run(
        [sys.executable, "-m", "tests.e2e.hostile_portal", "crawl", *args, "--fast"],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def archive_bytes(db: Path) -> bytes:
    """Every byte of the archive: the SQLite file and its WAL and journal, if any."""
    return b"".join(p.read_bytes() for p in sorted(db.parent.glob(db.name + "*")))


def crawl_env(names: dict[str, str], settings: str = "", **extra: str) -> dict[str, str]:
    """The environment of a crawl subprocess: no proxy of the machine's (unless `extra` sets
    one), `names` resolved by `python -m tests.e2e.hostile_portal`, `settings` applied."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env[DNS_ENV] = ",".join(f"{name}={address}" for name, address in names.items())
    env["PORTAL_ARCHIVE_SETTINGS"] = settings
    env.update(extra)
    return env


@contextmanager
def extra_host_names(mapping: dict[str, str]) -> Iterator[None]:
    """The process's resolver answers `mapping`'s names with its addresses (IPv4), as an
    /etc/hosts entry would, for this process only."""
    real_getaddrinfo, real_gethostbyname = socket.getaddrinfo, socket.gethostbyname

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        return real_getaddrinfo(mapping.get(str(name).lower(), host), *args, **kwargs)

    def gethostbyname(host: str) -> str:
        return mapping.get(host.lower()) or real_gethostbyname(host)

    socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname  # type: ignore[assignment]
    try:
        yield
    finally:
        socket.getaddrinfo, socket.gethostbyname = real_getaddrinfo, real_gethostbyname


def dns_mapping(text: str) -> dict[str, str]:
    pairs = (item.partition("=") for item in text.split(",") if item)
    return {name.strip().lower(): address.strip() for name, _, address in pairs}


if __name__ == "__main__":
    from portal_archive.cli import main

    with extra_host_names(dns_mapping(os.environ.get(DNS_ENV, ""))):
        main()
