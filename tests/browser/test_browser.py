"""The served archive in real headless Chromium (Debian's package, driven by Playwright).

A journalist's path: open the archive, type a query without diacritics into the search box,
see the article with its match highlighted, open it, see its image and caption. Every page is
served with a Content-Security-Policy: each test also checks that the browser reported no
violation of it (and that the pages it loaded had one).
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Response, expect, sync_playwright

from portal_archive.archive import Archive
from portal_archive.enrichment import enrich_archive
from tests.e2e.local_server import free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parents[1] / "artifacts"
T0 = datetime(2024, 5, 2, tzinfo=UTC)
IMAGE_URL = "http://127.0.0.1:9/Photos/cau-moi.png"
CAPTION = "Cây cầu mới nối hai xã Tân Hòa và Đồng Văn"
TITLE = "Chính quyền thân thiện: Đảng ủy xã Tân Hòa đối thoại với người dân"
SVG_URL = "http://127.0.0.1:9/Photos/ban-do.svg"
# A portal's SVG with a script in it: archived as sent, it must never run from the archive.
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30">'
    b"<script>alert('svg script ran')</script>"
    b'<rect width="60" height="30" fill="teal"/></svg>'
)
SVG_ID = 2
PERSON = "Trần Minh Đức"
PERSON_TEXT = (
    f"Sáng nay, đồng chí {PERSON}, Phó Chủ tịch UBND tỉnh Hà Nam, làm việc tại xã Trác Văn, "
    "thị xã Duy Tiên về tiến độ xây dựng nông thôn mới."
)
# Reports CSP violations to the test, on every page the browser opens.
WATCH_CSP = """document.addEventListener('securitypolicyviolation', e =>
  window.reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI} on ${e.documentURI}`));
"""


def photo() -> bytes:
    """A real PNG with some drawing on it (640 wide: the archive also makes a thumbnail)."""
    img = Image.new("RGB", (640, 360), (40, 110, 170))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 250, 640, 360), fill=(60, 140, 60))
    draw.line((40, 250, 600, 250), fill=(200, 200, 200), width=12)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def build_archive(path: Path) -> None:
    arc = Archive(path)
    arc.upsert_portal("demo", "Cổng Demo", "Demo", "http://127.0.0.1:9/")
    arc.store_article(
        "demo",
        {
            "url": "http://127.0.0.1:9/Pages/tin-1.aspx",
            "title": TITLE,
            "published": "2024-04-30T09:15:00+07:00",
            "category": "Tin tức - Sự kiện",
            "summary": "Buổi đối thoại bàn cách xây dựng chính quyền thân thiện ở cơ sở.",
            "body_text": "Người dân hỏi về cây cầu mới.\n\nĐảng ủy xã trả lời từng ý kiến.",
            "body_html": (
                "<p>Người dân hỏi về cây cầu mới.</p>"
                f'<p><img src="{IMAGE_URL}" alt="Cầu mới"></p>'
                "<p>Đảng ủy xã trả lời từng ý kiến.</p>"
            ),
            "images": [{"url": IMAGE_URL, "caption": CAPTION, "alt": "Cầu mới"}],
        },
        T0,
        None,
    )
    for n in range(2, 6):
        arc.store_article(
            "demo",
            {
                "url": f"http://127.0.0.1:9/Pages/tin-{n}.aspx",
                "title": f"Tin nông thôn mới số {n}",
                "published": f"2024-03-0{n}",
                "body_text": "Đường làng được bê tông hóa.",
            },
            T0,
            None,
        )
    arc.store_article(
        "demo",
        {
            "url": "http://127.0.0.1:9/Pages/ban-do.aspx",
            "title": "Bản đồ quy hoạch xã Tân Hòa",
            "published": "2024-02-01",
            "body_text": "Bản đồ.",
            "body_html": f'<p>Bản đồ.</p><p><img src="{SVG_URL}"></p>',
            "images": [{"url": SVG_URL}],
        },
        T0,
        None,
    )
    arc.store_article(
        "demo",
        {
            "url": "http://127.0.0.1:9/Pages/lam-viec.aspx",
            "title": "Lãnh đạo tỉnh làm việc tại xã Trác Văn",
            "published": "2024-01-15",
            "body_text": PERSON_TEXT,
        },
        T0,
        None,
    )
    arc.store_image(IMAGE_URL, photo(), "image/png")
    assert arc.store_image(SVG_URL, SVG, "image/svg+xml") == SVG_ID
    arc.close()
    enrich_archive(path)  # who and where, as after a crawl


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`portal-archive serve` as a process on a free port."""
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "archive.db"
    build_archive(db)
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "portal_archive.cli",
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
    ]
    log = tmp / "serve.log"
    with log.open("wb") as stderr:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"serve did not start: {log.read_text()}") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def page(csp_problems: list[str]) -> Iterator[Page]:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.set_default_timeout(5000)
            watch_csp(page, csp_problems)
            yield page
        finally:
            browser.close()


@pytest.fixture
def csp_problems() -> list[str]:
    """Filled while a test runs: CSP violations, and pages served without a CSP."""
    return []


def watch_csp(page: Page, problems: list[str]) -> None:
    def violation(report: str) -> None:
        problems.append(report)

    page.expose_function("reportCspViolation", violation)
    page.add_init_script(WATCH_CSP)

    def console(message: object) -> None:
        text = getattr(message, "text", "")
        if "Content Security Policy" in text:
            problems.append(f"console: {text}")

    def document(response: Response) -> None:
        is_document = response.request.resource_type == "document"
        if is_document and "content-security-policy" not in response.headers:
            problems.append(f"no CSP on {response.url}")

    page.on("console", console)
    page.on("response", document)


@contextmanager
def screenshot_on_failure(page: Page, name: str) -> Iterator[None]:
    """Keep what the browser showed when an assertion failed, under tests/artifacts/."""
    try:
        yield
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-failure.png"), full_page=True)
        raise


def test_journalist_searches_without_diacritics_and_reads_the_article(
    server: str, page: Page, csp_problems: list[str]
) -> None:
    with screenshot_on_failure(page, "journalist"):
        search_and_read(server, page)
    assert csp_problems == []


def search_and_read(server: str, page: Page) -> None:
    page.goto(server + "/archive")
    page.get_by_role("link", name="Tìm kiếm / Search").first.click()
    page.locator("input[name=q]").fill("chinh quyen than thien")
    page.locator("input[name=q]").press("Enter")

    snippet = page.locator("td.col-snippet").first
    expect(snippet.locator("mark").first).to_have_text("chính")
    marks = snippet.locator("mark").all_inner_texts()
    assert [m.lower() for m in marks] == ["chính", "quyền", "thân", "thiện"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)

    page.locator("td.col-title a.article-link").first.click()
    expect(page.locator("article.article-page h1")).to_have_text(TITLE)
    figure = page.locator(".article-body figure")
    expect(figure.locator("figcaption")).to_have_text(CAPTION)
    image = figure.locator("img")
    expect(image).to_have_attribute("src", "/-/archive/images/1")
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.article-body img').complete")
    assert image.evaluate("img => img.naturalWidth") == 640
    assert image.evaluate("img => img.naturalHeight") == 360


def test_the_front_page_searches_first_and_shows_the_newest(
    server: str, page: Page, csp_problems: list[str]
) -> None:
    """The archive opens on a search box, the newest articles with their thumbnails and the
    portals; a query typed there without diacritics gives ranked results without the raw URL
    column, with relevance, and opens the article."""
    with screenshot_on_failure(page, "home"):
        page.goto(server + "/")
        expect(page.locator("form.search input[name=q]")).to_be_visible()
        newest = page.locator("ul.newest li").first
        expect(newest.locator("a.article-link")).to_have_text(TITLE)
        expect(newest.locator("img.lead-thumb")).to_have_attribute(
            "src", "/-/archive/images/1/thumb"
        )
        expect(page.locator("table.portals tbody tr")).not_to_have_count(0)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)

        page.locator("form.search input[name=q]").fill("chinh quyen than thien")
        page.locator("form.search input[name=q]").press("Enter")
        expect(page.locator("td.col-snippet mark").first).to_have_text("chính")
        expect(page.locator("th.col-url")).to_be_hidden()
        expect(page.locator("td.col-relevance").first).to_have_text("1.0")
        page.screenshot(path=str(ARTIFACTS / "home-search.png"), full_page=True)
        page.locator("td.col-title a.article-link").first.click()
        expect(page.locator("article.article-page h1")).to_have_text(TITLE)
    assert csp_problems == []


def test_an_entity_page_lists_the_articles_naming_a_person(
    server: str, page: Page, csp_problems: list[str]
) -> None:
    """From the entities table, a person's name opens their page: the articles naming them,
    with the position the text gives, each opening the article."""
    with screenshot_on_failure(page, "entity"):
        page.goto(server + "/archive/entities?kind=person")
        page.locator("a.entity-link", has_text=PERSON).first.click()
        expect(page.locator("td.col-title a.article-link")).to_have_text(
            "Lãnh đạo tỉnh làm việc tại xã Trác Văn"
        )
        expect(page.locator("td.col-positions").first).to_contain_text("Phó Chủ tịch UBND tỉnh")
        # ... and who and what the same articles name, each opening its own page.
        expect(page.locator("section.comentions a.entity-link", has_text="Trác Văn")).to_have_count(
            1
        )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "entity.png"), full_page=True)
        page.locator("td.col-title a.article-link").first.click()
        expect(page.locator("article.article-page h1")).to_have_text(
            "Lãnh đạo tỉnh làm việc tại xã Trác Văn"
        )
    assert csp_problems == []


def test_search_all_tables_finds_a_caption_typed_without_diacritics(
    server: str, page: Page, csp_problems: list[str]
) -> None:
    """datasette-search-all's page, as a user types in it: 'dong van' finds 'Đồng Văn'."""
    with screenshot_on_failure(page, "search-all"):
        page.goto(server + "/-/search")
        page.locator("#search-all-q").fill("dong van")
        page.locator("#search-all-q").press("Enter")
        heading = page.locator("#search-all-results h2", has_text="article_images")
        expect(heading).to_contain_text("1 result")
        expect(page.locator("#search-all-results td", has_text=CAPTION)).to_have_count(1)
        expect(page.locator("#search-all-no-results")).to_contain_text("attachments")
    assert csp_problems == []


def test_listing_shows_the_lead_image_thumbnail(
    server: str, page: Page, csp_problems: list[str]
) -> None:
    """The newest-articles list shows the stored thumbnail (320 wide) of the illustrated
    article, drawn in its small box, and nothing for the articles without images."""
    with screenshot_on_failure(page, "listing"):
        page.goto(server + "/archive/articles")
        thumbs = page.locator("td.col-lead_image_id img.lead-thumb")
        expect(thumbs).to_have_count(1)
        thumb = thumbs.first
        expect(thumb).to_have_attribute("src", "/-/archive/images/1/thumb")
        expect(thumb).to_have_attribute("alt", "Cầu mới")
        expect(thumb).to_have_attribute("loading", "lazy")
        page.wait_for_function(
            "document.querySelector('img.lead-thumb').complete"
            " && document.querySelector('img.lead-thumb').naturalWidth > 0"
        )
        assert thumb.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [320, 180]
        assert thumb.evaluate("img => [img.width, img.height]") == [96, 54]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "listing.png"), full_page=True)
    assert csp_problems == []


def test_pages_work_under_their_csp(server: str, page: Page, csp_problems: list[str]) -> None:
    """The inline scripts of Datasette's templates (allowed by hash) run: the SQL editor, the
    table's facet flag, the diff page; no violation reported anywhere."""
    with screenshot_on_failure(page, "csp-pages"):
        response = page.goto(server + "/archive")
        assert response is not None
        assert (
            "'unsafe-inline'"
            not in response.headers["content-security-policy"].split("style-src")[0]
        )
        expect(page.locator(".CodeMirror")).to_have_count(1)  # _codemirror_foot.html ran
        page.goto(server + "/archive/articles?_sort=title")
        assert page.evaluate("typeof DATASETTE_ALLOW_FACET") == "boolean"  # table.html's
        page.goto(server + "/-/archive/articles/1/diff")
        expect(page.locator("article.version-diff h1")).to_have_text(TITLE)
        page.goto(server + "/archive/nowhere")
        expect(page.locator("h1")).to_contain_text("404")
    assert csp_problems == []


def test_a_portal_svg_never_runs_its_script(
    server: str, page: Page, csp_problems: list[str]
) -> None:
    """Opened directly, the SVG is a download; in the article it is drawn by <img>, where SVG
    runs no script; its thumbnail does not exist."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with screenshot_on_failure(page, "svg"):
        with page.expect_download() as download:
            try:
                page.goto(server + f"/-/archive/images/{SVG_ID}")
            except PlaywrightError as error:
                assert "Download is starting" in error.message
        assert download.value.suggested_filename == "ban-do.svg"
        page.goto(server + "/archive/articles/6")
        image = page.locator(".article-body img")
        expect(image).to_have_attribute("src", f"/-/archive/images/{SVG_ID}")
        page.wait_for_function("document.querySelector('.article-body img').complete")
        assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [60, 30]
        thumb = page.goto(server + f"/-/archive/images/{SVG_ID}/thumb")
        assert thumb is not None and thumb.status == 404
    assert dialogs == []
    assert csp_problems == []
