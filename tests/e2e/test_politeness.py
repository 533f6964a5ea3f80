"""Politeness against servers we start here: robots.txt, Retry-After, and giving up on a host
that keeps failing instead of hammering it. Real crawls through the CLI."""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Handler = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


class Recorder:
    def __init__(self) -> None:
        self.requests: list[tuple[float, str]] = []
        self.lock = threading.Lock()

    def paths(self, prefix: str = "") -> list[str]:
        with self.lock:
            return [p for _, p in self.requests if p.startswith(prefix)]


@pytest.fixture
def server() -> Iterator[Callable[[Handler], tuple[str, Recorder]]]:
    servers: list[ThreadingHTTPServer] = []

    def start(answer: Handler, tls: ssl.SSLContext | None = None) -> tuple[str, Recorder]:
        recorder = Recorder()

        class Page(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with recorder.lock:
                    recorder.requests.append((time.monotonic(), self.path))
                status, headers, body = answer(self)
                self.send_response(status)
                for key, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Page)
        if tls is not None:
            httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        scheme = "https" if tls else "http"
        return f"{scheme}://127.0.0.1:{httpd.server_address[1]}/", recorder

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def links(paths: list[str]) -> bytes:
    items = "".join(f'<li><a href="{p}">{p}</a></li>' for p in paths)
    return f"<html><body><ul>{items}</ul></body></html>".encode()


def crawl(url: str, tmp_path, *extra: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "portal_archive.cli", "crawl", "--start-url", url, "--fast"]
    return subprocess.run(
        [*cmd, "--db", str(tmp_path / "a.db"), *extra], capture_output=True, text=True, timeout=120
    )


def test_a_host_that_keeps_failing_is_given_up_on(server, tmp_path):
    pages = [f"/Pages/tin-{n}.aspx" for n in range(200)]

    def answer(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        if request.path == "/":
            return 200, {}, links(pages)
        if request.path == "/robots.txt":
            return 404, {}, b""
        return 503, {}, b"<html><body>Service Unavailable</body></html>"

    url, recorder = server(answer)
    result = crawl(url, tmp_path)
    failing = recorder.paths("/Pages/")
    # Without giving up: 200 pages x 4 attempts. With it: about 20 failures, plus what was in
    # flight when the host was given up on.
    assert len(failing) < 200, len(failing)
    assert result.returncode == 4, result.stderr[-2000:]
    assert "gave up on 127.0.0.1" in result.stderr


def test_retry_after_is_honoured(server, tmp_path):
    calls = {"n": 0}

    def answer(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        if request.path == "/robots.txt":
            return 404, {}, b""
        calls["n"] += 1
        if calls["n"] == 1:
            return 429, {"Retry-After": "2"}, b"slow down"
        return 200, {}, links([])

    url, recorder = server(answer)
    crawl(url, tmp_path)
    times = [t for t, p in recorder.requests if p == "/"]
    assert len(times) == 2
    assert times[1] - times[0] >= 1.9  # the server asked for 2 s; fast mode would retry in 0.1 s


def test_robots_txt_is_obeyed(server, tmp_path):
    def answer(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        if request.path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
        return 200, {}, links(["/private/secret.aspx", "/public/open.aspx"])

    url, recorder = server(answer)
    crawl(url, tmp_path)
    assert "/public/open.aspx" in recorder.paths()
    assert not recorder.paths("/private/")


def expired_certificate(folder) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 that expired yesterday."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=400))
        .not_valid_after(now - dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_file), str(key_file)


def test_an_expired_certificate_is_logged_and_the_crawl_goes_on(server, tmp_path):
    def answer(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        if request.path == "/robots.txt":
            return 404, {}, b""
        return 200, {}, links(["/Pages/a.aspx"] if request.path == "/" else [])

    cert, key = expired_certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    tls_url, tls_recorder = server(answer, context)  # https, expired yesterday
    result = crawl(tls_url, tmp_path)
    assert "/Pages/a.aspx" in tls_recorder.paths()
    assert "TLS certificate of 127.0.0.1 expired" in result.stderr


def test_an_unreachable_site_is_one_readable_error_not_tracebacks(tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # bound, never listening: connections are refused
        result = crawl(f"http://127.0.0.1:{port}/", tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error: adhoc: no answer from")
