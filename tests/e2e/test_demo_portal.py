"""The demo portal over real HTTP: markup, ground truth, traps, paging, conditional GET, admin."""

from __future__ import annotations

import html
import io
import json
import re
import signal
import subprocess
import sys
import time
import tracemalloc
import unicodedata
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode, urljoin

import pytest
from parsel import Selector
from PIL import Image

from portal_archive_demo import DemoServer, DemoSite, start_demo_server
from portal_archive_demo.data import ALL_FAMILIES, MIXED_FROM
from portal_archive_demo.pages import PAGER_TARGET

ROOT = Path(__file__).resolve().parents[2]
# Four articles of each of the seven renderings past MIXED_FROM (indexes below it keep the four
# original families, so that crawl tests of up to 300 articles see the same pages as before).
ARTICLES = MIXED_FROM - 1 + 28
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class Fetched:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(
    url: str,
    form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
) -> Fetched:
    data = urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Fetched(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as err:
        with err:
            return Fetched(err.code, dict(err.headers), err.read())


class TagBalance(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


def assert_well_formed(text: str) -> None:
    checker = TagBalance()
    checker.feed(text)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []


def page_text(text: str) -> str:
    """Visible-ish text of a page, NFC and whitespace-collapsed, for containment checks."""
    plain = re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<script.*?</script>", " ", text))
    plain = unicodedata.normalize("NFC", html.unescape(plain))
    return re.sub(r"[\s\u00a0]+", " ", plain)


@pytest.fixture(scope="module")
def site() -> DemoSite:
    return DemoSite(articles=ARTICLES, seed=1)


@pytest.fixture(scope="module")
def server(site: DemoSite) -> Iterator[DemoServer]:
    running = start_demo_server(site)
    yield running
    running.stop()


@pytest.fixture()
def fresh() -> Iterator[DemoServer]:
    """A private server for tests that mutate the site."""
    running = start_demo_server(DemoSite(articles=60, seed=5))
    yield running
    running.stop()


def one_per_family(site: DemoSite) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in site.article_paths():
        found.setdefault(site.article_data(path).family, path)
    return found


def test_every_page_is_well_formed_sharepoint_of_realistic_weight(
    site: DemoSite, server: DemoServer
) -> None:
    paths = site.non_article_paths() + list(one_per_family(site).values())
    assert len(paths) == 18
    for path in paths:
        page = fetch(urljoin(server.url, path))
        assert page.status == 200, path
        assert page.headers["Content-Type"] == "text/html; charset=utf-8"
        assert 100_000 <= len(page.body) <= 135_000, (path, len(page.body))
        text = page.text
        assert_well_formed(text)
        sel = Selector(text)
        assert len(sel.css("form#aspnetForm input#__VIEWSTATE::attr(value)").get("")) > 60_000
        for name in ("__EVENTVALIDATION", "__REQUESTDIGEST", "__EVENTTARGET"):
            assert sel.css(f"input#{name}"), (path, name)
        assert "webLanguage: 1066" in text and text.count("RegisterSod(") > 30
        boxes = sel.css("h2.ms-webpart-titleText span::text").getall()
        assert {"Thăm dò ý kiến", "Liên kết website", "Tin mới"} <= set(boxes)
        assert sel.css("#DeltaTopNavigation, #s4-topheader2").css("ul.mega-menu li a")
        assert "0299.3812.456" in text and "Bản quyền thuộc UBND tỉnh Vân Lĩnh" in text
        assert sel.css("img[src='/SiteAssets/logo-van-linh.png'], img#ctl00_onetidHeadbnnr2")


def test_main_site_is_seattle_in_english_and_district_is_v4_in_vietnamese(
    site: DemoSite, server: DemoServer
) -> None:
    main = Selector(fetch(server.url).text)
    assert main.css("a.ms-SkiptoMainContent::text").get() == "Skip to main content"
    assert main.css("#contentBox > #DeltaPlaceHolderMain > a#mainContent")
    assert main.css("#suiteBar") and main.css("#s4-ribbonrow")
    district = Selector(fetch(urljoin(server.url, one_per_family(site)["dispform"])).text)
    assert district.css("body.v4master")
    assert district.css("a.ms-SkiptoMainContent::text").get() == "Bỏ qua để tới nội dung chính"
    assert district.css("a.ms-SkiptoNavigation::text").get() == "Bỏ qua Lệnh Dải băng"
    assert district.css("#MSO_ContentTable a[name=mainContent]")


def test_each_family_has_its_domain_markup(site: DemoSite, server: DemoServer) -> None:
    paths = one_per_family(site)
    assert paths["newswebpart"].startswith("/Trang/ChiTietTinTuc.aspx?nid=")
    assert re.fullmatch(r"/tin-tuc/Pages/[A-Za-z0-9-]+\.aspx", paths["publishing"])
    assert paths["itemid"].startswith("/tintuc/Pages/tin-hoat-dong.aspx?ItemID=")

    pub = Selector(fetch(urljoin(server.url, paths["publishing"])).text)
    truth = site.expected_article(paths["publishing"], server.url)
    assert pub.css(".article-header .date-line::text").get() == truth.published_raw
    assert pub.css(".article-header .by-line::text").get("") == truth.author
    assert pub.css(".article-content .ms-rtestate-field p")

    news_path = next(
        p
        for p in site.article_paths()
        if "nid=" in p and site.article_data(p).author and int(p.split("=")[1]) > 20
    )
    news = Selector(fetch(urljoin(server.url, news_path)).text)
    truth = site.expected_article(news_path, server.url)
    assert news.css("#DeltaPlaceHolderMain h2.ms-webpart-titleText span::text").get() == (
        truth.category
    )
    last = news.css(".news-content > p")[-1]
    assert "right" in last.attrib["style"]
    assert truth.author in " ".join(news.css(".news-content > p strong::text").getall())
    assert news.css(".news-sapo strong")
    assert news.css(".other-news h3::text").get() == "Các tin khác"

    disp = Selector(fetch(urljoin(server.url, paths["dispform"])).text)
    labels = disp.css("table.ms-formtable td.ms-formlabel h3::text").getall()
    assert labels[:6] == ["Tiêu đề", "Ngày đăng", "Chuyên mục", "Tóm tắt", "Nội dung", "Tác giả"]
    assert disp.css("td.ms-formbody .ms-rtestate-field")


def test_lacviet_news_web_part_on_v4(site: DemoSite, server: DemoServer) -> None:
    path = one_per_family(site)["lacviet"]
    assert re.fullmatch(r"/dongtram/tintuc/Lists/Posts/Post\.aspx\?CategoryId=\d+&ItemId=\d+", path)
    page = fetch(urljoin(server.url, path)).text
    sel = Selector(page)
    truth = site.expected_article(path, server.url)
    assert sel.css("body.v4master #MSO_ContentTable div.container_top_mid2")
    assert (
        sel.css("title::text").get("").strip() == "Trang chủ - Cổng thông tin điện tử tỉnh Vân Lĩnh"
    )
    header = sel.css("div.container_top_mid2 > table tr.ms-news-header")
    assert header.css("td.FolderTitle::text").get("") == truth.category
    time_text = header.css("td.Time::text").get("")
    assert time_text == truth.published_raw
    assert re.fullmatch(
        r"(thứ [a-zăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ]+|chủ nhật), Ngày \d\d/\d\d/\d{4}, "
        r"\d\d:\d\d",
        time_text,
    )
    assert isinstance(truth.published, datetime) and truth.published.utcoffset() is not None
    assert sel.css("div#part1 > table#tableforprint p.Title::text").get() == truth.title
    first = sel.css("div#part1 > p")[0]
    assert first.css("strong") and truth.summary in page_text(first.get())
    assert sel.css("span.css_readCounter::text").get() == f"Số lượt người xem: {truth.view_count}"
    links = sel.css("span.css_printandback a::text").getall()
    assert "Bản in" in links and "Quay lại" in links
    # Across the site: captions in the next table row, centred by-lines and "Theo:" sources.
    pages = [
        (p, fetch(urljoin(server.url, p)).text)
        for p in site.article_paths()
        if site.article_data(p).family == "lacviet"
    ]
    table_captions = [
        Selector(text).css("div#part1 table:not(#tableforprint) tr:nth-child(2) p ::text").getall()
        for _, text in pages
    ]
    assert any(table_captions)
    for p, text in pages:
        want = site.expected_article(p, server.url)
        centred = Selector(text).css("div#part1 > p[style='text-align:center']")
        if want.author:
            assert any(want.author in c.css("strong::text").getall() for c in centred), p
        if want.source:
            assert f'Theo: <a href="http://baovanlinh.example.vn/">{want.source}</a>' in text


def test_pressrelease_and_chitiet_markup(site: DemoSite, server: DemoServer) -> None:
    paths = one_per_family(site)
    assert re.fullmatch(r"/baochi/Pages/[A-Za-z0-9-]+-\d+\.aspx", paths["pressrelease"])
    sel = Selector(fetch(urljoin(server.url, paths["pressrelease"])).text)
    truth = site.expected_article(paths["pressrelease"], server.url)
    main = sel.css("#DeltaPlaceHolderMain #col-mn")
    assert re.fullmatch(r"(Thông cáo số: \d+)?", main.css("p.pr-rel-numb strong::text").get(""))
    assert main.css("p#date::text").get() == f"Ngày: {truth.published_raw}"
    assert main.css("span > span > h1::text").get() == truth.title
    assert not main.css(".ms-rtestate-field p")  # the body is not in a rich-text field
    last_body = truth.body_text.split("\n\n")[-1]
    texts = [page_text(p.get()).strip() for p in main.css(":scope > p")]
    contact = next(i for i, t in enumerate(texts) if t.startswith("Để biết thêm thông tin"))
    assert texts[contact - 1] == last_body or texts[contact - 2] == last_body
    assert truth.summary == "" and truth.author == "" and truth.category == "Thông cáo báo chí"
    for path in site.article_paths():
        item = site.article_data(path)
        if item.family == "pressrelease" and item.lead_image:
            home = Selector(fetch(urljoin(server.url, path)).text).css("div.homeImageLeft")
            assert home.css("div[style='display:none']::text").get() == "Home Image"
            assert home.css("img")
            break
    else:
        pytest.fail("no press release with a home image")

    assert paths["chitiet"].startswith("/tintuc/Pages/ChiTietTin.aspx?NewsId=")
    found_credit = found_attachment = False
    for path in site.article_paths():
        if site.article_data(path).family != "chitiet":
            continue
        sel = Selector(fetch(urljoin(server.url, path)).text)
        truth = site.expected_article(path, server.url)
        box = sel.css("div.chitiet-tin")
        assert box.css("h2.tieude::text").get() == truth.title
        assert box.css("div.ngaydang::text").get() == f"Ngày đăng: {truth.published_raw}"
        assert box.css("div.tomtat::text").get() == truth.summary
        assert box.css("div.noidung > p")
        for image in truth.images:
            if image.caption:
                assert "Ảnh: " in image.caption
                found_credit = True
        if truth.attachments:
            assert box.css("div.dinhkem a::text").get() == truth.attachments[0].title
            found_attachment = True
    assert found_credit and found_attachment


def test_blog_posts_are_linked_with_and_without_published_date(
    site: DemoSite, server: DemoServer
) -> None:
    listing = fetch(urljoin(server.url, "/dongtram/tintuc/Lists/Posts/AllPosts.aspx")).text
    hrefs = Selector(listing).css("td.ms-PostTitle a::attr(href)").getall()
    wanted = site.listing_articles("blog", 1)
    assert len(hrefs) == len(wanted) == 4
    assert any("&PublishedDate=" in h for h in hrefs)
    assert any("PublishedDate" not in h for h in hrefs)
    for href, path in zip(hrefs, wanted, strict=True):
        url = urljoin(server.url + "dongtram/tintuc/Lists/Posts/AllPosts.aspx", href)
        assert url.split("&PublishedDate=")[0] == urljoin(server.url, path)
        assert re.search(r"PublishedDate=\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$", url) or (
            "PublishedDate" not in url
        )
        assert fetch(url).body == fetch(urljoin(server.url, path)).body
    home = fetch(server.url).text
    assert "/dongtram/tintuc/lists/posts/post.aspx?CategoryId=" in home and "&amp;ItemID=" in home
    for section, listing_path in (
        ("press", "/baochi/Pages/default.aspx"),
        ("chitiet", "/tintuc/Pages/DanhSachTin.aspx"),
    ):
        page = fetch(urljoin(server.url, listing_path))
        assert page.status == 200
        for path in site.listing_articles(section, 1):
            assert path.rsplit("/", 1)[1].replace("&", "&amp;") in page.text
        assert listing_path in home


def test_variety_across_articles(site: DemoSite) -> None:
    items = [site.article_data(p) for p in site.article_paths()]
    old_each = (MIXED_FROM - 1) // 4 + 4  # every 4th below MIXED_FROM, then 4 of the 28 mixed
    assert Counter(i.family for i in items) == {
        "newswebpart": old_each,
        "publishing": old_each,
        "dispform": old_each,
        "itemid": old_each,
        "lacviet": 4,
        "pressrelease": 4,
        "chitiet": 4,
    }
    assert [i.family for i in items[:4]] == ["publishing", "dispform", "itemid", "newswebpart"]
    mixed = [ALL_FAMILIES[i % 7] for i in range(MIXED_FROM, MIXED_FROM + 7)]
    assert [i.family for i in items[MIXED_FROM - 1 : MIXED_FROM + 6]] == mixed
    assert set(mixed) == set(ALL_FAMILIES)
    styles = Counter(i.date_style for i in items)
    assert {"padded-time", "unpadded-time", "weekday", "date", "lead", "spelled"} <= set(styles)
    assert 5 <= styles["lead"] <= 30
    assert sum(i.word_paste for i in items) >= 10 and sum(i.nfd for i in items) >= 3
    assert sum(i.glued_count is not None for i in items) >= 3
    assert sum(bool(i.source) for i in items) >= 5
    assert sum(i.attachment is not None for i in items) >= 30
    assert Counter(len(i.all_images) for i in items).keys() >= {0, 1, 2, 3}
    images = Counter(img.path for i in items for img in i.all_images)
    assert max(images.values()) >= 3  # shared pictures, for de-duplication
    assert any(" (" in path for path in images)
    assert all(unicodedata.is_normalized("NFC", i.title) for i in items)
    assert any("đ" in i.title.lower() for i in items)


def test_page_shows_everything_the_ground_truth_says(site: DemoSite, server: DemoServer) -> None:
    paths = list(site.article_paths())
    for path in paths[:48] + paths[MIXED_FROM - 1 :]:
        page = fetch(urljoin(server.url, path))
        text = page_text(page.text)
        truth = site.expected_article(path, server.url)
        item = site.article_data(path)
        assert truth.url == urljoin(server.url, path)
        for field in (
            truth.title,
            truth.summary,
            truth.author,
            truth.source,
            truth.published_raw,
            truth.category,
        ):
            assert field in text, (path, field)
        for paragraph in truth.body_text.split("\n\n"):
            assert paragraph in text, (path, paragraph)
        for image in truth.images:
            assert image.url.startswith(server.url) and " " not in image.url
            assert image.caption in text
        if truth.view_count is not None and item.family == "lacviet":
            assert f"Số lượt người xem: {truth.view_count}<" in page.text
        elif truth.view_count is not None:
            assert f"Lượt xem: {truth.view_count:,}".replace(",", ".") in text
        if item.glued_count is not None:  # glued: no space, at most closing tags between
            glued = re.escape(truth.author) + r"(?:</[a-z]+>)*" + str(item.glued_count)
            assert re.search(glued, unicodedata.normalize("NFC", html.unescape(page.text)))
        if item.date_style == "lead":  # the date is in the lead only: no publication date
            assert truth.published is None and truth.date_source == "none"
            lead = truth.summary or truth.body_text
            assert lead.split(",")[0].endswith(item.published_raw)
            assert "Ngày đăng:" not in page.text
        if item.has_time:
            assert isinstance(truth.published, datetime)
            assert str(truth.published.tzinfo) == "Asia/Ho_Chi_Minh"


def test_word_pasted_bodies_carry_office_markup_and_entities(
    site: DemoSite, server: DemoServer
) -> None:
    path = next(p for p in site.article_paths() if site.article_data(p).word_paste)
    raw = fetch(urljoin(server.url, path)).text
    assert "<o:p>" in raw and "mso-" in raw and "&nbsp;" in raw
    assert re.search(r"&(acirc|agrave|ocirc|ecirc|aacute);", raw)
    truth = site.expected_article(path, server.url)
    assert truth.body_text.split("\n\n")[-1] in page_text(raw)


def test_images_and_pdfs_are_real_files(site: DemoSite, server: DemoServer) -> None:
    seen: set[str] = set()
    truths = list(site.expected_articles(server.url))
    for truth in truths[:60] + truths[MIXED_FROM - 1 :]:
        for image in truth.images:
            if image.url in seen:
                continue
            seen.add(image.url)
            got = fetch(image.url)
            assert got.status == 200, image.url
            picture = Image.open(io.BytesIO(got.body))
            picture.verify()
            expected = {"JPEG": "image/jpeg", "PNG": "image/png"}[picture.format or ""]
            assert got.headers["Content-Type"] == expected
        for attachment in truth.attachments:
            got = fetch(attachment.url)
            assert got.status == 200 and got.headers["Content-Type"] == "application/pdf"
            assert got.body.startswith(b"%PDF-1.4") and got.body.rstrip().endswith(b"%%EOF")
    assert any("%20(" in url for url in seen)
    assert {url.rsplit(".", 1)[1] for url in seen} == {"jpg", "png"}


def _hidden_fields(text: str) -> dict[str, str]:
    sel = Selector(text)
    return {
        i.attrib["name"]: i.attrib.get("value", "")
        for i in sel.css("form#aspnetForm input[type=hidden]")
    }


def _item_ids(text: str) -> list[str]:
    return Selector(text).css("table.grid-news td.title a::attr(href)").getall()


def test_postback_pager_needs_the_viewstate_posted_back(site: DemoSite, server: DemoServer) -> None:
    url = urljoin(server.url, "/tintuc/Pages/tin-hoat-dong.aspx")
    first = fetch(url)
    expected = [p.split("tin-hoat-dong.aspx")[1] for p in site.listing_articles("postback", 1)]
    assert _item_ids(first.text) == expected
    assert f"__doPostBack('{PAGER_TARGET}','Page$2')" in first.text
    assert fetch(url + "?Page=2").text.count("?ItemID=") == first.text.count("?ItemID=")

    form = _hidden_fields(first.text) | {"__EVENTTARGET": PAGER_TARGET, "__EVENTARGUMENT": "Page$2"}
    second = fetch(url, form)
    want = [p.split("tin-hoat-dong.aspx")[1] for p in site.listing_articles("postback", 2)]
    assert second.status == 200 and _item_ids(second.text) == want

    form3 = _hidden_fields(second.text) | {
        "__EVENTTARGET": PAGER_TARGET,
        "__EVENTARGUMENT": "Page$3",
    }
    want3 = [p.split("tin-hoat-dong.aspx")[1] for p in site.listing_articles("postback", 3)]
    assert _item_ids(fetch(url, form3).text) == want3

    no_state = {k: v for k, v in form.items() if k != "__VIEWSTATE"}
    assert _item_ids(fetch(url, no_state).text) == expected
    tampered = form | {"__VIEWSTATE": form["__VIEWSTATE"][:-4] + "AAAA"}
    assert fetch(url, tampered).status == 500


def test_get_pagers_list_newest_first(site: DemoSite, server: DemoServer) -> None:
    newest_pub = site.listing_articles("publishing", 1)[0]
    assert newest_pub == max(
        site.listing_articles("publishing", 1), key=lambda p: int(re.findall(r"\d+", p)[-1])
    )
    checks = (
        ("/tin-tuc/Pages/default.aspx?Page=2", "publishing", 2, "a"),
        ("/Trang/Tin-tuc-su-kien.aspx?PageIndex=3", "news", 3, "a.news-link"),
        (
            "/dongtram/Lists/TinTuc/AllItems.aspx?Paged=TRUE&p_ID=220&PageFirstRow=21",
            "district",
            2,
            "td.ms-vb-title a",
        ),
    )
    for path, section, number, css in checks:
        url = urljoin(server.url, path)
        sel = Selector(fetch(url).text)
        hrefs = sel.css(
            f"#DeltaPlaceHolderMain {css}::attr(href), #MSO_ContentTable {css}::attr(href)"
        ).getall()
        resolved = [urljoin(url, h).split("&ReturnUrl")[0].split("&Source")[0] for h in hrefs]
        wanted = [urljoin(server.url, p) for p in site.listing_articles(section, number)]
        assert [r.lower() for r in resolved if r.lower() in {w.lower() for w in wanted}] == [
            w.lower() for w in wanted
        ]
        assert 10 <= len(wanted) <= 20


def test_calendar_links_to_the_next_month_forever(server: DemoServer) -> None:
    url = urljoin(server.url, "/Lists/LichCongTac/calendar.aspx")
    seen = set()
    for _ in range(30):
        page = fetch(url)
        assert page.status == 200
        seen.add(url)
        href = Selector(page.text).xpath("//a[contains(., 'Tháng sau')]/@href").get()
        assert href is not None
        url = urljoin(url, href)
    assert len(seen) == 30 and "CalendarDate=12%2F1%2F2024" in url


def test_paths_and_query_names_are_case_insensitive(site: DemoSite, server: DemoServer) -> None:
    path = one_per_family(site)["publishing"]
    canonical = fetch(urljoin(server.url, path))
    variant = fetch(urljoin(server.url, path.upper().replace("/PAGES/", "/pages/")))
    assert variant.status == 200
    title = "h1.article-title::text"
    assert Selector(variant.text).css(title).get() == Selector(canonical.text).css(title).get()
    news = one_per_family(site)["newswebpart"]
    assert fetch(urljoin(server.url, news.replace("nid=", "NID="))).status == 200
    assert fetch(urljoin(server.url, news + "&Source=%2FTrang%2FTin-tuc-su-kien.aspx")).status == (
        200
    )


def test_traps_and_variants_are_linked(server: DemoServer) -> None:
    home = fetch(server.url).text
    assert "/_layouts/" in home and "/_vti_bin/" in home and "Source=" in home
    assert "/Tin-Tuc/Pages/" in home and re.search(r'href="/tin-tuc/Pages/[^"]+"', home)
    news = fetch(urljoin(server.url, "/Trang/Tin-tuc-su-kien.aspx")).text
    assert "../../Trang/ChiTietTinTuc.aspx?nid=" in news and "ReturnUrl=" in news
    district = fetch(urljoin(server.url, "/dongtram/Lists/TinTuc/AllItems.aspx")).text
    assert "&amp;Source=%2Fdongtram" in district
    robots = fetch(urljoin(server.url, "/robots.txt")).text
    assert "Disallow: /_demo/" in robots and "Disallow: /_layouts/" in robots


def test_missing_pages_answer_404(site: DemoSite, server: DemoServer) -> None:
    publishing = one_per_family(site)["publishing"]
    for path in (
        "/Trang/Old/SoDoWebsite.aspx",
        "/thuvien/Pages/default.aspx",
        "/Trang/ChiTietTinTuc.aspx?nid=99999",
        "/Trang/ChiTietTinTuc.aspx?nid=abc",
        publishing.replace("-", "x", 1),
        "/tin-tuc/PublishingImages/Khong%20co.jpg",
        "/Trang/Documents/VanBan/Ke%20hoach%20so%203.pdf",
        f"/tintuc/Pages/ChiTietTin.aspx?NewsId={MIXED_FROM}",  # a news web part index
        "/tintuc/Pages/ChiTietTin.aspx?NewsId=6",  # below MIXED_FROM: original families only
        "/dongtram/tintuc/Lists/Posts/Post.aspx?CategoryId=1&ItemId=7",
        f"/baochi/Pages/x-{MIXED_FROM + 5}.aspx",  # wrong slug
    ):
        assert fetch(urljoin(server.url, path)).status == 404, path
    assert fetch(urljoin(server.url, "/_vti_bin/spsdisco.aspx")).status == 403


def test_conditional_get_and_edits(fresh: DemoServer) -> None:
    site = fresh.site
    path = one_per_family(site)["newswebpart"]
    url = urljoin(fresh.url, path)
    first = fetch(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert fetch(url, headers={"If-None-Match": etag}).status == 304
    assert fetch(url, headers={"If-Modified-Since": modified}).status == 304
    assert fetch(url, headers={"If-None-Match": '"other"'}).status == 200
    assert fresh.stats()["not_modified"] == 2

    before = site.expected_article(path, fresh.url).body_text
    assert fetch(urljoin(fresh.url, "/_demo/edit?path=" + quote(path, safe="")), {}).status == 200
    after = fetch(url, headers={"If-None-Match": etag})
    assert after.status == 200 and after.headers["ETag"] != etag
    assert after.headers["Last-Modified"] != modified
    truth = site.expected_article(path, fresh.url).body_text
    assert truth.startswith(before) and "Cập nhật lần 1:" in truth
    assert truth.split("\n\n")[-1] in page_text(after.text)
    assert fetch(url, headers={"If-Modified-Since": modified}).status == 200
    bad = fetch(urljoin(fresh.url, "/_demo/edit?path=%2FTrang%2FLienHe.aspx"), {})
    assert bad.status == 400


def test_admin_add_layout_and_stats(fresh: DemoServer) -> None:
    site = fresh.site
    old_top = site.listing_articles("news", 1)[0]
    assert json.loads(fetch(urljoin(fresh.url, "/_demo/add?n=8"), {}).body)["articles"] == 68
    assert len(list(site.article_paths())) == 68
    listing = fetch(urljoin(fresh.url, "/Trang/Tin-tuc-su-kien.aspx")).text
    new_top = site.listing_articles("news", 1)[0]
    assert new_top != old_top and new_top.split("?")[1] in listing.split(old_top.split("?")[1])[0]

    path = site.listing_articles("news", 1)[0]
    normal = fetch(urljoin(fresh.url, path))
    assert fetch(urljoin(fresh.url, "/_demo/layout?name=changed"), {}).status == 200
    redesigned = fetch(urljoin(fresh.url, path), headers={"If-None-Match": normal.headers["ETag"]})
    assert redesigned.status == 200
    assert "news-detail" not in redesigned.text and "vl-story-data" in redesigned.text
    assert "Ngày đăng:" not in redesigned.text
    assert fetch(urljoin(fresh.url, "/_demo/layout?name=weird"), {}).status == 400

    fetch(urljoin(fresh.url, "/_demo/reset-stats"), {})
    fetch(fresh.url)
    fetch(urljoin(fresh.url, path))
    fetch(urljoin(fresh.url, "/Trang/Tin-tuc-su-kien.aspx"))
    fetch(urljoin(fresh.url, "/SiteAssets/logo-van-linh.png"))
    fetch(urljoin(fresh.url, "/nowhere.aspx"))
    stats = json.loads(fetch(urljoin(fresh.url, "/_demo/stats")).body)
    assert stats == fresh.stats() | {"articles": 68}
    assert stats["total"] == 5 and stats["article"] == 1 and stats["listing"] == 1
    assert stats["image"] == 1 and stats["other"] == 2 and stats["errors"] == 1
    assert stats["by_kind"] == {
        "article": 1,
        "listing": 1,
        "image": 1,
        "attachment": 0,
        "calendar": 0,
        "other": 2,
    }


def test_same_seed_same_bytes_other_seed_other_site(server: DemoServer, site: DemoSite) -> None:
    twin, other = DemoSite(articles=ARTICLES, seed=1), DemoSite(articles=ARTICLES, seed=2)
    for path in ["/", *list(site.article_paths())[:8]]:
        base, _, query = path.partition("?")
        assert twin.render("GET", base, query).body == site.render("GET", base, query).body
        assert other.render("GET", base, query).body != site.render("GET", base, query).body
    url = urljoin(server.url, "/Trang/Tin-tuc-su-kien.aspx?PageIndex=2")
    assert fetch(url).body == fetch(url).body


def test_large_site_is_lazy_and_memory_flat() -> None:
    tracemalloc.start()
    started = time.perf_counter()
    big = DemoSite(articles=100_000, seed=3)
    last = "/Trang/ChiTietTinTuc.aspx?nid=99995"  # the newest news web part article
    assert big.article_data(last).index == 99_995
    response = big.render("GET", "/Trang/ChiTietTinTuc.aspx", "nid=99995")
    elapsed = time.perf_counter() - started
    for n in range(1, 400):
        big.render("GET", "/Trang/ChiTietTinTuc.aspx", f"nid={n * 248}")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response.status == 200 and b'class="news-title"' in response.body
    assert elapsed < 1.0
    assert peak < 40_000_000  # bounded caches, nothing per article
    # 50 news articles below MIXED_FROM (every 4th), 14,257 from 201 to 99,996 (every 7th).
    assert MIXED_FROM == 201
    assert big.listing_page_count("news") == 1431
    oldest = big.render("GET", "/Trang/Tin-tuc-su-kien.aspx", "PageIndex=1431")
    assert oldest.status == 200
    assert big.listing_articles("news", 1431)[-1] == "/Trang/ChiTietTinTuc.aspx?nid=4"
    assert big.listing_articles("news", 1426)[6:8] == [
        "/Trang/ChiTietTinTuc.aspx?nid=203",
        "/Trang/ChiTietTinTuc.aspx?nid=200",
    ]


def test_render_is_fast(site: DemoSite) -> None:
    every = list(site.article_paths())
    paths = [p.partition("?") for p in every[:72] + every[MIXED_FROM - 1 :]]
    for base, _, query in paths:
        site.render("GET", base, query)
    started = time.perf_counter()
    for base, _, query in paths:
        site.render("GET", base, query)
    assert (time.perf_counter() - started) / len(paths) < 0.003


def test_process_entry_point_prints_ready_and_serves() -> None:
    command = [sys.executable, "-m", "portal_archive_demo", "--articles", "40", "--seed", "9"]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            match = re.fullmatch(r"READY (http://127\.0\.0\.1:\d+/)\n", line)
            assert match, line
            url = match.group(1)
            assert fetch(url).status == 200
            assert fetch(urljoin(url, "/_demo/add?n=2"), {}).status == 200
            assert json.loads(fetch(urljoin(url, "/_demo/stats")).body)["articles"] == 42
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=10) == 0
            assert proc.stdout.read() == ""
        finally:
            if proc.poll() is None:
                proc.kill()
