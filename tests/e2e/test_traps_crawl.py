"""Issue 9 end to end: a portal full of traps. Articles linked under ever new session ids are
fetched and stored once; a day calendar that links to the next day forever is fetched a bounded
number of times; a listing paged 200 deep by `?Page=N` is walked to its end.

A real HTTP server on 127.0.0.1 in this process, the real `portal-archive` CLI in another and a
real SQLite archive."""

from __future__ import annotations

import secrets
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.e2e.local_server import Answer, html, query, serving

CLI = [sys.executable, "-m", "portal_archive.cli"]
ARTICLES = 5
SPELLINGS = 7  # session ids per article link on the home page
LISTING_PAGES = 200
TRAP_MAX_VARIANTS = 5  # portal_archive.crawl.settings

PARAGRAPHS = (
    "Sáng ngày 14 tháng 5, Ủy ban nhân dân tỉnh đã tổ chức hội nghị sơ kết công tác sáu tháng đầu "
    "năm và triển khai nhiệm vụ trọng tâm sáu tháng cuối năm với lãnh đạo các sở, ngành.",
    "Các đại biểu đã thảo luận về kết quả phát triển kinh tế, xây dựng nông thôn mới và cải cách "
    "hành chính, chỉ ra những hạn chế cần khắc phục trong thời gian tới.",
    "Kết luận hội nghị, đồng chí Chủ tịch tỉnh yêu cầu các đơn vị đổi mới phương thức làm việc, "
    "phục vụ người dân và doanh nghiệp ngày càng tốt hơn, hoàn thành các chỉ tiêu đã đề ra.",
)


def sid() -> str:
    return secrets.token_hex(12)


def html_page(title: str, links: list[str], article: bool = False) -> str:
    items = "".join(f'<li><a href="{href}">Liên kết {n}</a></li>' for n, href in enumerate(links))
    main = ""
    if article:
        body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        main = (
            f'<div id="DeltaPlaceHolderMain"><h1>{title}</h1><div class="date">14/05/2024 07:30'
            f'</div><div class="ms-rtestate-field">{body}</div></div>'
        )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f'<ul class="menu">{items}</ul><div id="s4-workspace">{main}</div></body></html>'
    )


def article_href(n: int) -> str:
    return f"/tin-tuc/Pages/hoi-nghi-so-ket-cong-tac-sau-thang-so-{n}.aspx?sid={sid()}"


class Portal:
    """A home page linking every article under several session ids, a day calendar and a long
    listing; every page links the articles again under new session ids. Requests are logged."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.lock = threading.Lock()

    def page(self, raw_path: str) -> str | None:
        parts = urlsplit(raw_path)
        path = parts.path.lower()
        params = {k.lower(): v for k, v in parse_qsl(parts.query)}
        articles = [article_href(n) for n in range(1, ARTICLES + 1)]
        if path == "/pages/default.aspx":
            home = [article_href(n) for n in range(1, ARTICLES + 1) for _ in range(SPELLINGS)]
            return html_page("Trang chủ", [*home, "/tin-tuc/Pages/danh-sach.aspx?Page=1"])
        if path == "/pages/lich.aspx":
            return html_page("Lịch", ["/Pages/lich-cong-tac.aspx?ngay=2024-05-14"])
        if path == "/pages/lich-cong-tac.aspx":
            day = date.fromisoformat(params.get("ngay", "2024-05-14"))
            days = [(day + timedelta(days=d)).isoformat() for d in (-1, 1)]
            return html_page(f"Lịch {day}", [f"/Pages/lich-cong-tac.aspx?ngay={d}" for d in days])
        if path == "/tin-tuc/pages/danh-sach.aspx":
            n = int(params.get("page", "1"))
            more = [f"/tin-tuc/Pages/danh-sach.aspx?Page={n + 1}"] if n < LISTING_PAGES else []
            return html_page(f"Tin tức trang {n}", [*articles, *more])
        if path.startswith("/tin-tuc/pages/hoi-nghi-so-ket-cong-tac-sau-thang-so-"):
            n = int(path.rsplit("-", 1)[1].split(".")[0])
            return html_page(f"Hội nghị sơ kết công tác sáu tháng số {n}", articles, article=True)
        return None

    def fetched(self, prefix: str) -> list[str]:
        return [p for p in self.requests if p.lower().startswith(prefix)]


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, Portal]]:
    state = Portal()

    def answer(path: str) -> Answer:
        with state.lock:
            state.requests.append(path)
        return html(state.page(path))

    with serving(answer) as url:
        yield url, state


def crawl(start_url: str, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    cmd = [*CLI, "crawl", "--start-url", start_url, "--db", str(db), "--fast", *extra]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=240)


@pytest.fixture(scope="module")
def crawled(site, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Portal, Path]:
    url, portal = site
    db = tmp_path_factory.mktemp("traps") / "traps.db"
    # --max-pages only ends a crawl caught in a trap (~210 pages are expected).
    result = crawl(url + "/Pages/default.aspx", db, "--max-pages", "300")
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    return url, portal, db


def test_articles_behind_session_ids_are_fetched_and_stored_once(crawled):
    url, portal, db = crawled
    fetched = portal.fetched("/tin-tuc/pages/hoi-nghi-so-ket")
    expected = [f"/tin-tuc/Pages/hoi-nghi-so-ket-cong-tac-sau-thang-so-{n}.aspx" for n in (1, 2)]
    assert sorted(fetched) == sorted(
        f"/tin-tuc/Pages/hoi-nghi-so-ket-cong-tac-sau-thang-so-{n}.aspx"
        for n in range(1, ARTICLES + 1)
    )
    assert set(expected) <= set(fetched)
    assert query(db, "select count(*), count(distinct title) from articles") == [
        (ARTICLES, ARTICLES)
    ]
    stored = query(db, "select url from articles where url like '%sid=%'")
    assert stored == []
    assert query(db, "select count(*) from fetches where url like '%hoi-nghi-so-ket%'") == [
        (ARTICLES,)
    ]
    assert url.startswith("http://127.0.0.1:")


def test_a_listing_paged_by_page_number_is_walked_to_its_end(crawled):
    _, portal, _ = crawled
    pages = portal.fetched("/tin-tuc/pages/danh-sach.aspx")
    assert sorted(pages) == sorted(
        f"/tin-tuc/Pages/danh-sach.aspx?Page={n}" for n in range(1, LISTING_PAGES + 1)
    )


def test_a_day_calendar_is_fetched_a_bounded_number_of_times(site, tmp_path):
    url, portal = site
    db = tmp_path / "calendar.db"
    # --max-pages only keeps an unbounded crawl from running forever: the bound must act first.
    result = crawl(url + "/Pages/lich.aspx", db, "--max-pages", "60")
    days = portal.fetched("/pages/lich-cong-tac.aspx")
    assert len(days) == TRAP_MAX_VARIANTS, days
    assert result.returncode == 4, result.stdout + result.stderr[-3000:]  # no article: an alarm
    assert result.stderr.count("crawler trap bounded at 127.0.0.1") == 1
    stats = "json_extract(stats, '$.\"portal/trap_paths_bounded\"'), "
    stats += "json_extract(stats, '$.finish_reason')"
    assert query(db, f"select {stats} from crawls") == [(1, "finished")]
