"""Whole real portals, crawled offline with the real CLI and scored against the sites' own markup.

    python bench/realsites.py SITES_DIR [--site NAME ...] [--host NAME=HOST ...]
                              [--proxy serve_mirror.py] [--work DIR]

SITES_DIR holds exported static rebuilds, one `NAME/www` folder each (see
`../shared/real-sites/README.md`); nothing of them enters the repository. The bench starts the
mirror proxy on a free loopback port, crawls each site from its home page with
`portal-archive crawl --start-url http://HOST/ --fast` through it, then prints one row per site:

  pages     HTML files in the export
  art       article pages in the site (news and document notices), judged from the site's own
            markup: a Lạc Việt news-detail web part (`tr.ms-news-header` with a `Title`
            headline), or a publishing page whose headline `h1` comes with a `#date` element
  doc       of them, document notices: a short text that links a file (PDF, Word, ...)
  reach     article pages a link walk from the home page reaches (the exported files' links,
            resolved the way the proxy serves them)
  arch      reachable article pages archived (`articles` rows whose URL serves that file)
  nonart    `articles` rows whose page is not an article page (home, listing, 404 ...)
  dup       `articles` rows of a page already stored under another spelling
  title     archived article pages whose title is the page's own headline (case and spaces
            aside)
  date      archived article pages whose `published` day is the day of the page's own date
            element (both empty counts as agreeing)
  chrome    archived article pages whose body holds a line of the site's chrome (a line of 20+
            characters found on more than half of the site's pages)
  miss      reachable article pages not archived
  flag      of them, recorded by the crawl as `unextracted` (a miss it says it made)
  wrong     pages recorded as `unextracted` that are no article page
  exit      the crawl's exit code; alarms follow the table

`--work DIR` keeps each crawl's database and log there (default: a temporary folder) for a closer
look; `--details` lists the missed and mistitled pages.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType
from urllib.parse import urljoin, urlsplit

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "portal-archive"
DEFAULT_PROXY = "/work/shared/real-sites/serve_mirror.py"
DOCUMENT_FILE = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|rar|zip|7z)$", re.I)
DOCUMENT_MAX_WORDS = 120  # a notice is a line or two; a news story runs to hundreds of words
CHROME_MIN_CHARS = 20
MONTHS = {
    name: number
    for number, name in enumerate(
        "january february march april may june july august september october november december".split(),  # noqa: E501, SIM905
        start=1,
    )
}
NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
WORD_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")


@dataclass
class Page:
    """An article page as the site itself marks it."""

    file: Path
    headline: str
    day: date | None
    document: bool


@dataclass
class Site:
    name: str
    root: Path
    host: str
    html_files: list[Path] = field(default_factory=list)
    articles: dict[Path, Page] = field(default_factory=dict)
    reached: set[Path] = field(default_factory=set)
    chrome: set[str] = field(default_factory=set)


def load_proxy(path: str) -> ModuleType:
    """The mirror proxy's own module: its `resolve_file` is how a URL becomes a file."""
    spec = importlib.util.spec_from_file_location("serve_mirror", path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def norm(text: str) -> str:
    """Text as a reader compares it: NFC, spaces collapsed, case and invisible marks (a zero
    width space) aside."""
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(unicodedata.normalize("NFC", visible).split()).casefold()


def classes(element: lxml.html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def parse_day(text: str) -> date | None:
    try:
        if m := NUMERIC_DATE.search(text):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if (m := WORD_DATE.search(text)) and m[2].lower() in MONTHS:
            return date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    except ValueError:
        return None
    return None


def read_tree(path: Path) -> lxml.html.HtmlElement | None:
    data = path.read_bytes()
    if not data.strip():
        return None
    try:
        return lxml.html.document_fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return None


def is_html(path: Path) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".aspx"):
        return True
    if path.suffix:
        return False
    with path.open("rb") as fh:
        return b"<html" in fh.read(2048).lower()


def block_words_and_files(block: lxml.html.HtmlElement) -> tuple[int, bool]:
    words = len(block.text_content().split())
    files = any(DOCUMENT_FILE.search(a.get("href", "").split("?")[0]) for a in block.iter("a"))
    return words, files


def lacviet_article(tree: lxml.html.HtmlElement, file: Path) -> Page | None:
    """The Lạc Việt news-detail web part: a header row (category, time) then the headline."""
    for header in tree.xpath('//tr[contains(concat(" ", @class, " "), " ms-news-header ")]'):
        part = next(
            (a for a in header.iterancestors() if "ms-WPBody" in classes(a)), header.getparent()
        )
        headline = next(
            (e for e in part.iter() if isinstance(e.tag, str) and "Title" in classes(e)), None
        )
        if headline is None or not headline.text_content().strip():
            continue
        time_cells = header.xpath('.//td[contains(concat(" ", @class, " "), " Time ")]')
        day = parse_day(time_cells[0].text_content()) if time_cells else None
        body = next((e for e in part.iter() if e.get("id") == "part1"), part)
        words, files = block_words_and_files(body)
        return Page(file, headline.text_content(), day, files and words <= DOCUMENT_MAX_WORDS)
    return None


def publishing_article(tree: lxml.html.HtmlElement, file: Path) -> Page | None:
    """A publishing page that dates itself: a `#date` element and a visible headline `h1`."""
    dated = tree.xpath('//*[@id="date"]')
    if not dated:
        return None
    headlines = [
        h
        for h in tree.iter("h1")
        if not classes(h) & {"offs", "noindex", "hidden"} and h.text_content().strip()
    ]
    if not headlines:
        return None
    body = headlines[0].getparent()
    while body is not None and len(body.text_content().split()) < 40:
        body = body.getparent()
    words, files = block_words_and_files(body if body is not None else headlines[0])
    return Page(
        file,
        headlines[0].text_content(),
        parse_day(dated[0].text_content()),
        files and words <= DOCUMENT_MAX_WORDS,
    )


def own_lines(tree: lxml.html.HtmlElement) -> set[str]:
    """A page's lines of text long enough to tell (elements' own text)."""
    lines = set()
    for element in tree.iter("a", "td", "li", "p", "span", "div", "h2", "h3"):
        text = norm(element.text or "")
        if len(text) >= CHROME_MIN_CHARS:
            lines.add(text)
    return lines


def survey(site: Site) -> None:
    """The site's HTML files, its article pages and its chrome."""
    lines: Counter[str] = Counter()
    parsed = 0
    for path in sorted(site.root.rglob("*")):
        if not path.is_file() or not is_html(path):
            continue
        site.html_files.append(path)
        tree = read_tree(path)
        if tree is None:
            continue
        parsed += 1
        lines.update(own_lines(tree))
        page = lacviet_article(tree, path) or publishing_article(tree, path)
        if page:
            site.articles[path] = page
    # the site's chrome: lines on more than half of its pages
    site.chrome = {line for line, n in lines.items() if n > parsed / 2}


def resolve(proxy: ModuleType, site: Site, url: str) -> Path | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or host.removeprefix("www.") != site.host.removeprefix(
        "www."
    ):
        return None
    found, _ = proxy.resolve_file(site.root, parts.path or "/", parts.query)
    return Path(found) if found else None


def walk(proxy: ModuleType, site: Site) -> None:
    """Breadth-first over `a href` links from the home page, by the file each URL serves."""
    home = f"http://{site.host}/"
    start = resolve(proxy, site, home)
    queue: deque[tuple[str, Path]] = deque([(home, start)] if start else [])
    seen = {start}
    while queue:
        url, path = queue.popleft()
        tree = read_tree(path) if is_html(path) else None
        if tree is None:
            continue
        for anchor in tree.iter("a"):
            href = (anchor.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:", "mailto:")):
                continue
            target_url = urljoin(url, href).split("#")[0]
            target = resolve(proxy, site, target_url)
            if target and target not in seen:
                seen.add(target)
                queue.append((target_url, target))
    site.reached = {p for p in seen if p is not None}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def self_signed(work: Path) -> list[str]:
    """A certificate for the proxy's https tunnels: pages link their own host over https too,
    and a CONNECT the proxy refuses would look like a host that is down."""
    cert, key = work / "mirror-cert.pem", work / "mirror-key.pem"
    if not cert.is_file():
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
             "-out", str(cert), "-days", "365", "-subj", "/CN=mirror"],
            check=True, capture_output=True,
        )  # fmt: skip
    return ["--tls-cert", str(cert), "--tls-key", str(key)]


def start_proxy(
    proxy_path: str, sites: list[Site], work: Path
) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    args = [sys.executable, proxy_path, "--port", str(port), "--log", str(work / "proxy.log")]
    args += self_signed(work)
    for site in sites:
        args += ["--site", f"{site.host}={site.root}"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return process, port
        time.sleep(0.1)
    process.kill()
    raise SystemExit("the mirror proxy did not start")


def no_enrich() -> list[str]:
    """Entity tagging after the crawl is no part of what is measured (and takes a second an
    article): left out where the CLI can leave it out."""
    help_text = subprocess.run([str(CLI), "crawl", "--help"], capture_output=True, text=True)
    return ["--no-enrich"] if "--no-enrich" in help_text.stdout else []


def crawl(site: Site, db: Path, port: int, work: Path) -> tuple[int, float]:
    proxy = f"http://127.0.0.1:{port}"
    env = dict(os.environ, http_proxy=proxy, https_proxy=proxy, no_proxy="")
    command = [str(CLI), "crawl", "--start-url", f"http://{site.host}/", "--db", str(db)]
    command += ["--fast", "-q", *no_enrich()]
    started = time.perf_counter()
    with (work / f"{site.name}.log").open("wb") as log:
        code = subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT).returncode
    return code, time.perf_counter() - started


@dataclass
class Score:
    archived: int = 0
    duplicates: int = 0
    flagged: int = 0  # missed article pages the crawl recorded as `unextracted`
    wrongly_flagged: int = 0  # `unextracted` pages that are no article page
    nonarticle: list[str] = field(default_factory=list)
    titles_right: int = 0
    dates_right: int = 0
    chrome: int = 0
    missed: list[Path] = field(default_factory=list)
    mistitled: list[tuple[str, str]] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)


def score_row(site: Site, page: Page, row: tuple[str, str, str], result: Score) -> None:
    """One archived article page's title, date and body against the page's own elements."""
    title, published, body = row
    if norm(title) == norm(page.headline):
        result.titles_right += 1
    else:
        result.mistitled.append((title, page.headline.strip()))
    if published[:10] == (page.day.isoformat() if page.day else ""):
        result.dates_right += 1
    if any(norm(line) in site.chrome for line in body.splitlines() if line.strip()):
        result.chrome += 1


def score(proxy: ModuleType, site: Site, db: Path) -> Score:
    result = Score()
    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT url, title, published, body_text FROM articles").fetchall()
    archived: set[Path] = set()
    for url, title, published, body in rows:
        path = resolve(proxy, site, url)
        page = site.articles.get(path) if path else None
        if page is None:
            result.nonarticle.append(url)
            continue
        if page.file in archived:  # the same page stored again under another spelling
            result.duplicates += 1
            continue
        archived.add(page.file)
        score_row(site, page, (title or "", published or "", body or ""), result)
    result.archived = len(archived & site.reached)
    result.missed = sorted(p for p in site.articles if p in site.reached and p not in archived)
    for (stats,) in connection.execute("SELECT stats FROM crawls"):
        result.alarms += re.findall(r'"alarm/messages": \[(.*?)\]', stats or "")
    flagged = {
        resolve(proxy, site, url)
        for (url,) in connection.execute("SELECT url FROM fetches WHERE reason = 'unextracted'")
    }
    result.flagged = sum(1 for p in result.missed if p in flagged)
    result.wrongly_flagged = sum(1 for p in flagged if p not in site.articles)
    columns = {r[1] for r in connection.execute("PRAGMA table_info(fetches)")}
    if "page_kind" in columns:
        result.kinds.update(
            dict(connection.execute("SELECT page_kind, count(*) FROM fetches GROUP BY 1"))
        )
    connection.close()
    return result


COLUMNS = (
    ("site", -10), ("pages", 6), ("art", 5), ("doc", 5), ("reach", 6), ("arch", 6),
    ("nonart", 7), ("dup", 5), ("title", 7), ("date", 6), ("chrome", 7), ("miss", 5),
    ("flag", 5), ("wrong", 6), ("exit", 5), ("secs", 6),
)  # fmt: skip
HEADER = "".join(
    f"{name:<{-width}}" if width < 0 else f"{name:>{width}}" for name, width in COLUMNS
)


def row(site: Site, result: Score, code: int, seconds: float) -> str:
    docs = sum(p.document for p in site.articles.values())
    reach = sum(1 for p in site.articles if p in site.reached)
    return (
        f"{site.name:<10}{len(site.html_files):>6}{len(site.articles):>5}{docs:>5}{reach:>6}"
        f"{result.archived:>6}{len(result.nonarticle):>7}{result.duplicates:>5}{result.titles_right:>7}"
        f"{result.dates_right:>6}{result.chrome:>7}{len(result.missed):>5}{result.flagged:>5}"
        f"{result.wrongly_flagged:>6}{code:>5}{seconds:>6.0f}"
    )


def find_sites(sites_dir: Path, only: list[str], hosts: dict[str, str]) -> list[Site]:
    sites = []
    for www in sorted(sites_dir.glob("*/www")):
        name = www.parent.name
        if only and name not in only:
            continue
        cname = www / "CNAME"
        host = hosts.get(name) or (cname.read_text().strip() if cname.is_file() else "")
        if not host:
            print(f"{name}: no CNAME and no --host {name}=HOST; skipped", file=sys.stderr)
            continue
        sites.append(Site(name, www.resolve(), host.lower()))
    return sites


def details(site: Site, result: Score) -> None:
    print(f"\n{site.name}: missed {len(result.missed)}, non-article rows {len(result.nonarticle)}")
    for path in result.missed:
        page = site.articles[path]
        kind = "document" if page.document else "news"
        print(f"  missed {kind:<8} {path.relative_to(site.root)}")
    for url in result.nonarticle:
        print(f"  stored non-article {url}")
    for stored, own in result.mistitled:
        print(f"  title {stored[:70]!r} (the page's own: {own[:70]!r})")
    print(f"  page kinds: {dict(result.kinds)}" if result.kinds else "  page kinds: not recorded")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sites_dir", type=Path)
    parser.add_argument("--site", action="append", default=[], help="only this site (repeatable)")
    parser.add_argument(
        "--host",
        action="append",
        default=[],
        help="NAME=HOST: the original host of a site whose CNAME names its mirror",
    )
    parser.add_argument("--proxy", default=DEFAULT_PROXY, help="serve_mirror.py")
    parser.add_argument("--work", type=Path, help="keep the crawls' databases and logs here")
    parser.add_argument("--details", action="store_true", help="list misses and wrong titles")
    parser.add_argument(
        "--no-crawl", action="store_true", help="score the databases already in --work"
    )
    args = parser.parse_args()
    hosts = dict(pair.split("=", 1) for pair in args.host)
    sites = find_sites(args.sites_dir, args.site, hosts)
    proxy = load_proxy(args.proxy)
    work = args.work or Path(tempfile.mkdtemp(prefix="realsites-"))
    work.mkdir(parents=True, exist_ok=True)
    for site in sites:
        survey(site)
        walk(proxy, site)
    server, port = start_proxy(args.proxy, sites, work)
    lines, notes = [], []
    try:
        for site in sites:
            db = work / f"{site.name}.db"
            code, seconds = -1, 0.0
            if not args.no_crawl:
                for stale in work.glob(f"{site.name}.db*"):
                    stale.unlink()
                code, seconds = crawl(site, db, port, work)
            result = score(proxy, site, db)
            lines.append(row(site, result, code, seconds))
            notes += [f"{site.name}: alarm {a}" for a in result.alarms if a.strip()]
            if args.details:
                details(site, result)
    finally:
        server.terminate()
        server.wait()
    print()
    print(HEADER)
    print("\n".join(lines))
    print("\n".join(notes) or "no alarms")
    print(f"(databases and crawl logs in {work})")


if __name__ == "__main__":
    main()
