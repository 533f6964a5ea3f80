"""`DemoSite`: the whole demo portal as a pure `render(method, path, query, form)` function.

State is tiny (article count, per-article edit counts, layout), so a 100,000-article site costs
no memory; pages are generated on demand from (seed, index). Paths are matched
case-insensitively and query names too, as IIS and ASP.NET do.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import unquote, urljoin, urlsplit

from portal_archive.model import Article
from portal_archive_demo import chrome, data, media, pages, truth, urls
from portal_archive_demo import phrases as ph
from portal_archive_demo.article_html import RENDERERS, changed

logger = logging.getLogger(__name__)

LAYOUTS = ("normal", "changed")
SECTIONS = {  # section name -> (family, listing path)
    "publishing": ("publishing", urls.PUBLISHING_LISTING),
    "news": ("newswebpart", urls.NEWS_LISTING),
    "postback": ("itemid", urls.ITEMID_PAGE),
    "district": ("dispform", urls.DISTRICT_LISTING),
    "blog": ("lacviet", urls.LACVIET_LISTING),
    "press": ("pressrelease", urls.PRESS_LISTING),
    "chitiet": ("chitiet", urls.CHITIET_LISTING),
}
_PDF_RE = re.compile(r" so (\d+)\.pdf$")
_BASE_HEADERS = {
    "Server": "Microsoft-IIS/8.5",
    "X-SharePointHealthScore": "0",
    "MicrosoftSharePointTeamServices": "15.0.0.4797",
    "X-AspNet-Version": "4.0.30319",
    "X-Powered-By": "ASP.NET",
}


@dataclass
class Response:
    """One HTTP answer. `kind` feeds the server's request statistics."""

    status: int
    headers: dict[str, str]
    body: bytes
    kind: str = "other"  # article | listing | image | attachment | calendar | other


@dataclass
class _State:
    total: int
    layout: str = "normal"
    edits: dict[int, int] = field(default_factory=dict)
    removed: set[int] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _image_catalogue() -> dict[str, str]:
    """Every image the site can serve: lower-cased path -> canonical path."""
    names = list(media.CHROME_IMAGES)
    for folder in data.IMAGE_FOLDERS.values():
        for number, base in enumerate(ph.IMAGE_BASES):
            ext = "png" if number % 4 == 3 else "jpg"
            names.append(f"{folder}{base}.{ext}")
            names.extend(f"{folder}{base} ({v}).{ext}" for v in range(1, 4))
    return {name.lower(): name for name in names}


class DemoSite:
    """A deterministic SharePoint portal of a made-up province. See the package docstring."""

    def __init__(self, articles: int = 300, seed: int = 1) -> None:
        if not 0 <= articles <= 1_000_000:
            raise ValueError(f"articles must be between 0 and 1,000,000, got {articles}")
        self.seed = seed
        self._state = _State(total=articles)
        self._vs = chrome.ViewState(seed)
        self._seattle = chrome.seattle_shell(seed)
        self._v4 = chrome.v4_shell(seed)
        self._images = _image_catalogue()
        self._recent: tuple[int, str] = (-1, "")
        self._counts: dict[tuple[int, str], int] = {}

    # -- state ---------------------------------------------------------------------------------

    @property
    def article_total(self) -> int:
        return self._state.total

    @property
    def layout(self) -> str:
        return self._state.layout

    def add_articles(self, n: int) -> None:
        """Publish `n` new articles; they take the next indexes and top every listing."""
        if n < 0:
            raise ValueError("n must be >= 0")
        with self._state.lock:
            self._state.total += n

    def edit_article(self, path: str) -> None:
        """Append an update paragraph to the article at `path`: body, ETag, Last-Modified change."""
        index = self._index_or_raise(path)
        with self._state.lock:
            self._state.edits[index] = self._state.edits.get(index, 0) + 1

    def remove_article(self, path: str) -> None:
        """Take the article at `path` down: it answers 410 Gone, as a portal's deleted item."""
        index = self._index_or_raise(path)
        with self._state.lock:
            self._state.removed.add(index)

    def set_layout(self, name: str) -> None:
        if name not in LAYOUTS:
            raise ValueError(f"layout must be one of {LAYOUTS}, got {name!r}")
        with self._state.lock:
            self._state.layout = name

    def _index_or_raise(self, path: str) -> int:
        base, query = urls.split_path_query(path)
        index = urls.article_index(self.seed, unquote(base), urls.query_dict(query))
        if index is None or index > self._state.total:
            raise KeyError(f"not an article of this site: {path}")
        return index

    def article_data(self, path: str) -> data.ArticleData:
        """The generator's record behind an article path (raises KeyError for other paths)."""
        index = self._index_or_raise(path)
        return data.generate(self.seed, index, self._state.edits.get(index, 0))

    # -- ground truth --------------------------------------------------------------------------

    def article_paths(self) -> Iterator[str]:
        """Path+query of every current article, oldest first (canonical spelling)."""
        for index in range(1, self._state.total + 1):
            yield urls.article_path(self.seed, index)

    def expected_article(self, path: str, base_url: str) -> Article:
        """What `extract_article(html, urljoin(base_url, path))` must return for this article."""
        parts = urlsplit(base_url)
        return truth.expected(
            self.article_data(path), urljoin(base_url, path), f"{parts.scheme}://{parts.netloc}"
        )

    def expected_articles(self, base_url: str) -> Iterator[Article]:
        for path in self.article_paths():
            yield self.expected_article(path, base_url)

    def non_article_paths(self) -> list[str]:
        """Home, first page of each listing, calendar, contact and a search results page."""
        return [
            urls.HOME,
            *(listing for _, listing in SECTIONS.values()),
            urls.CALENDAR,
            urls.CONTACT,
            f"{urls.SEARCH}?k=chinh+quyen",
        ]

    def listing_articles(self, section: str, page: int) -> list[str]:
        """Canonical article paths on page `page` of a section (keys of `SECTIONS`)."""
        family, _ = SECTIONS[section]
        indices, _ = pages.page_of(self._state.total, family, page)
        return [urls.article_path(self.seed, i) for i in indices]

    def listing_page_count(self, section: str) -> int:
        return pages.page_of(self._state.total, SECTIONS[section][0], 1)[1]

    def _count(self, what: str) -> int:
        """Distinct article images or attachments: walks every article, so O(articles)."""
        key = (self._state.total, what)
        if key not in self._counts:
            found: set[str] = set()
            for index in range(1, self._state.total + 1):
                item = data.generate(self.seed, index)
                if what == "images":
                    found.update(img.path for img in item.all_images)
                elif item.attachment:
                    found.add(item.attachment.path)
            self._counts[key] = len(found)
        return self._counts[key]

    @property
    def image_count(self) -> int:
        """Distinct image files referenced by current articles (reuse counts once)."""
        return self._count("images")

    @property
    def attachment_count(self) -> int:
        """PDF attachments of current articles (one per article that has one)."""
        return self._count("attachments")

    # -- rendering -----------------------------------------------------------------------------

    def render(
        self,
        method: str,
        path: str,
        query: str = "",
        form: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """Answer one request. `path` may be percent-encoded; `headers` enable conditional GET."""
        headers = {k.lower(): v for k, v in (headers or {}).items()}
        origin = f"http://{headers.get('host', '127.0.0.1')}/"
        plain = unquote(path)
        low = plain.lower()
        params = urls.query_dict(query)
        if low == "/robots.txt":
            return _ok(pages.ROBOTS.encode(), "text/plain; charset=utf-8")
        if media.content_type(low):
            return self._binary(plain, low)
        if low.startswith(("/_layouts/", "/_vti_bin/")):
            return self._system(low)
        index = urls.article_index(self.seed, plain, params)
        if index is not None and index <= self._state.total:
            return self._article(index, plain, headers, origin)
        return self._page(method.upper(), plain, low, params, form or {}, origin)

    def _binary(self, plain: str, low: str) -> Response:
        kind = media.content_type(low) or "application/octet-stream"
        if low in self._images:
            body = media.image_bytes(self._images[low])
            return _ok(body, kind, "image", cache="public, max-age=86400")
        match = _PDF_RE.search(low)
        if match and 1 <= int(match.group(1)) <= self._state.total:
            item = data.generate(self.seed, int(match.group(1)))
            if item.attachment and item.attachment.path.lower() == low:
                return _ok(media.pdf_bytes(item.attachment.title), kind, "attachment")
        return _not_found()

    def _system(self, low: str) -> Response:
        if low.endswith((".js", ".css", ".ico")):
            kind = "text/css" if low.endswith(".css") else "application/javascript"
            return _ok(b"/* SharePoint resource */\n", kind)
        body = b"<html><body><h1>403 FORBIDDEN</h1></body></html>"
        return Response(403, {**_BASE_HEADERS, "Content-Type": "text/html; charset=utf-8"}, body)

    def _shell_page(
        self,
        shell: list[str],
        path: str,
        main: str,
        title: str,
        full_title: str = "",
        **kw: object,
    ) -> str:
        return chrome.fill(
            shell,
            chrome.page_values(
                self._vs,
                path,
                title=full_title or f"{title} - {ph.PORTAL_NAME}",
                page_title=title,
                main=main,
                recent=self._recent_box(),
                **kw,  # type: ignore[arg-type]
            ),
        )

    def _recent_box(self) -> str:
        total = self._state.total
        if self._recent[0] != total:
            self._recent = (total, pages.recent_box(self.seed, total))
        return self._recent[1]

    def _article(self, index: int, path: str, req: dict[str, str], origin: str) -> Response:
        with self._state.lock:
            edits, layout = self._state.edits.get(index, 0), self._state.layout
            removed = index in self._state.removed
        if removed:
            gone = _not_found()
            return Response(410, gone.headers, gone.body, "article")
        item = data.generate(self.seed, index, edits)
        etag = f'"{{{index:08X}-5D1E-4C2B-9A7F-{self.seed:012X}}},{item.version}{layout[0]}"'
        modified = (item.published + timedelta(hours=item.version)).astimezone(UTC)
        meta = {"ETag": etag, "Last-Modified": format_datetime(modified, usegmt=True)}
        if _not_modified(req, etag, modified):
            return Response(304, {**_BASE_HEADERS, **meta}, b"", "article")
        if layout == "changed":
            main, shell = changed(self.seed, item), self._seattle
        else:
            main = RENDERERS[item.family](self.seed, item)
            shell = self._v4 if item.family in ("dispform", "lacviet") else self._seattle
        short = item.title if len(item.title) <= 60 else item.title[:57] + "..."
        full_title = ""
        if item.family == "lacviet" and layout == "normal":
            short = "Trang chủ"  # the blog's pages all carry the home page's title
        elif item.family == "pressrelease" and layout == "normal":
            full_title = f"Báo chí - \n\t{item.title}"
        page = self._shell_page(shell, path, main, short, full_title, origin=origin, item_id=index)
        return _ok(page.encode(), "text/html; charset=utf-8", "article", extra=meta)

    def _page(
        self,
        method: str,
        plain: str,
        low: str,
        params: dict[str, str],
        form: Mapping[str, str],
        origin: str,
    ) -> Response:
        seed, total = self.seed, self._state.total
        shell = self._seattle
        page_no = _int(params.get("page") or params.get("pageindex"), 1)
        if low == urls.PUBLISHING_LISTING.lower():
            main, title, kind = (
                pages.publishing_listing(seed, total, page_no),
                "Tin hoạt động",
                "listing",
            )
        elif low == urls.NEWS_LISTING.lower():
            main, title, kind = (
                pages.news_listing(seed, total, page_no),
                "Tin tức - Sự kiện",
                "listing",
            )
        elif low == urls.ITEMID_PAGE.lower() and "itemid" not in params:
            return self._postback_listing(method, plain, form, origin)
        elif low in (
            urls.DISTRICT_LISTING.lower(),
            f"/{ph.DISTRICT_SLUG}",
            f"/{ph.DISTRICT_SLUG}/",
            urls.DISTRICT_HOME.lower(),
        ):
            first = _int(params.get("pagefirstrow"), 1)
            main, title, kind = pages.district_listing(seed, total, first), "Tin tức", "listing"
            shell = self._v4
        elif low == urls.LACVIET_LISTING.lower():
            main, title, kind = pages.lacviet_listing(seed, total, page_no), "Bài viết", "listing"
            shell = self._v4
        elif low == urls.PRESS_LISTING.lower():
            main, title, kind = (
                pages.press_listing(seed, total, page_no),
                ph.PRESS_CATEGORY,
                "listing",
            )
        elif low == urls.CHITIET_LISTING.lower():
            main, title, kind = (
                pages.chitiet_listing(seed, total, page_no),
                "Tin chuyên ngành",
                "listing",
            )
        elif low in ("/", "/default.aspx", "/pages/default.aspx", "/trang/trangchu.aspx"):
            main, title, kind = pages.home(seed, total), "Trang chủ", "other"
        elif low == urls.CALENDAR.lower():
            when = pages.parse_calendar_date(params.get("calendardate", ""))
            period = "day" if params.get("calendarperiod", "").lower() == "day" else "month"
            main, title, kind = pages.calendar(seed, when, period), "Lịch công tác", "calendar"
        elif low == urls.CONTACT.lower():
            main, title, kind = pages.contact(method == "POST"), "Liên hệ", "other"
        elif low == urls.SEARCH.lower():
            main, title, kind = pages.search(seed, total, params.get("k", "")), "Tìm kiếm", "other"
        elif low.startswith("/trang/") and low[7:-5] in pages.INFO_PAGES and low.endswith(".aspx"):
            name = pages.INFO_PAGES[low[7:-5]]
            main, title, kind = pages.info(name), name, "other"
        else:
            return _not_found()
        body = self._shell_page(shell, plain, main, title, origin=origin)
        return _ok(body.encode(), "text/html; charset=utf-8", kind)

    def _postback_listing(
        self, method: str, plain: str, form: Mapping[str, str], origin: str
    ) -> Response:
        """Page N only via a POST carrying the unchanged `__VIEWSTATE`, as ASP.NET requires."""
        page = 1
        posted = form.get("__VIEWSTATE", "") if method == "POST" else ""
        if posted:
            current = self._vs.decode(plain, posted)
            if current is None:
                return Response(
                    500,
                    {**_BASE_HEADERS, "Content-Type": "text/html; charset=utf-8"},
                    pages.VIEWSTATE_ERROR.encode(),
                    "listing",
                )
            pages_total = pages.page_of(self._state.total, "itemid", 1)[1]
            page = _pager_page(form, max(current, 1), pages_total)
        main = pages.postback_listing(self.seed, self._state.total, page)
        body = chrome.fill(
            self._seattle,
            chrome.page_values(
                self._vs,
                plain,
                title=f"Tin hoạt động - {ph.PORTAL_NAME}",
                page_title="Tin hoạt động",
                main=main,
                recent=self._recent_box(),
                origin=origin,
                page=page,
            ),
        )
        return _ok(body.encode(), "text/html; charset=utf-8", "listing")


def _pager_page(form: Mapping[str, str], current: int, total_pages: int) -> int:
    if form.get("__EVENTTARGET") != pages.PAGER_TARGET:
        return current
    argument = form.get("__EVENTARGUMENT", "")
    if argument == "Page$Last":
        return total_pages
    if argument == "Page$Next":
        return min(current + 1, total_pages)
    wanted = _int(argument.removeprefix("Page$"), current)
    return min(max(wanted, 1), total_pages)


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else default


def _not_modified(req: Mapping[str, str], etag: str, modified: datetime) -> bool:
    if "if-none-match" in req:
        value = req["if-none-match"].strip()
        return value == "*" or etag in value
    if "if-modified-since" in req:
        try:
            since = parsedate_to_datetime(req["if-modified-since"])
        except (TypeError, ValueError):
            return False
        return since.tzinfo is not None and modified <= since
    return False


def _ok(
    body: bytes,
    content_type: str,
    kind: str = "other",
    *,
    cache: str = "private, max-age=0",
    extra: Mapping[str, str] | None = None,
) -> Response:
    headers = {**_BASE_HEADERS, "Content-Type": content_type, "Cache-Control": cache}
    return Response(200, {**headers, **(extra or {})}, body, kind)


def _not_found() -> Response:
    headers = {**_BASE_HEADERS, "Content-Type": "text/html; charset=utf-8"}
    return Response(404, headers, pages.NOT_FOUND.encode(), "other")
