"""Main content of the non-article pages: listings, home, calendar, contact, search, info pages.

Listings are newest first. Each section pages differently, as real portals do: `?Page=N`,
`?PageIndex=N`, a list view's `?Paged=TRUE&p_ID=..&PageFirstRow=N`, and one section reachable
beyond page 1 only through an ASP.NET postback pager.
"""

from __future__ import annotations

import random
import unicodedata
from calendar import monthrange
from datetime import date, timedelta
from urllib.parse import quote

from portal_archive_demo import data, urls
from portal_archive_demo import phrases as ph
from portal_archive_demo.common import esc

PER_PAGE = {
    "publishing": 15,
    "newswebpart": 10,
    "itemid": 20,
    "dispform": 20,
    "lacviet": 10,
    "pressrelease": 15,
    "chitiet": 12,
}
PAGER_TARGET = f"ctl00$ctl40$g_{'3f1c9a2e_8b47_4d05_a6e1_9c2b7d4f0e18'}$pager"
INFO_PAGES = {data.slugify(name).lower(): name for _, items in ph.MENU for name in items}
INFO_PAGES.update({data.slugify(top).lower(): top for top, _ in ph.MENU})
INFO_PAGES.update(
    {
        "lich-tiep-cong-dan": "Lịch tiếp công dân",
        "gia-ca-thi-truong": "Giá cả thị trường",
        "thoi-tiet": "Thời tiết",
        "duong-day-nong": "Đường dây nóng",
        "dichvucong": "Cổng Dịch vụ công",
        "lienket": "Liên kết",
        "ketquabinhchon": "Kết quả bình chọn",
        "sodosite": "Sơ đồ site",
    }
)


def family_indices(total: int, family: str) -> tuple[int, int]:
    """(newest index, count) of a family's articles in a site of `total` articles."""
    runs = data.family_runs(total, family)
    return (runs[0][0] if runs else 0), sum(count for _, _, count in runs)


def page_of(total: int, family: str, page: int) -> tuple[list[int], int]:
    """Indices on listing page `page` (1-based), newest first, and the number of pages."""
    runs = data.family_runs(total, family)
    count = sum(n for _, _, n in runs)
    per = PER_PAGE[family]
    pages = max(1, -(-count // per))
    start, end = (page - 1) * per, min(page * per, count)
    out: list[int] = []
    for top, step, n in runs:  # the runs are consecutive in newest-first order
        out.extend(top - step * j for j in range(max(start, 0), min(end, n)))
        start, end = start - n, end - n
    return out, pages


def _date(index: int) -> str:
    return data.published_at(index).strftime("%d/%m/%Y")


def _title(seed: int, index: int) -> str:
    return esc(data.title_of(seed, index))


def recent_box(seed: int, total: int) -> str:
    """The "Tin mới" side box: the six newest articles, some linked with case variants."""
    items = []
    for index in range(total, max(0, total - 6), -1):
        href = esc(urls.encode_path(urls.article_path(seed, index)))
        if index % 3 == 0:
            href = href.replace("/Pages/", "/pages/").replace("/Trang/", "/TRANG/")
        items.append(f'<li><a href="{href}">{_title(seed, index)}</a></li>')
    return f'<ul class="recent-news">{"".join(items)}</ul>'


def _numbers(page: int, pages: int, href: str) -> str:
    low, high = max(1, page - 4), min(pages, page + 5)
    links = [
        f"<span class='current'>{n}</span>"
        if n == page
        else f'<a href="{href.format(n=n)}">{n}</a>'
        for n in range(low, high + 1)
    ]
    if page < pages:
        links.append(f'<a href="{href.format(n=page + 1)}">Trang sau &raquo;</a>')
    return f'<div class="pager">{" ".join(links)}</div>'


def publishing_listing(seed: int, total: int, page: int) -> str:
    indices, pages = page_of(total, "publishing", page)
    rows = []
    for index in indices:
        path = urls.article_path(seed, index)
        name = path.rsplit("/", 1)[1]
        href = {0: name, 1: path.replace("/Pages/", "/pages/"), 2: name}[index % 3]
        rows.append(
            f'<div class="dfwp-item"><div class="item link-item"><a href="{href}">'
            f'{_title(seed, index)}</a><div class="description">{_date(index)}</div></div></div>'
        )
    return _listing_wp(ph.PUBLISHING_CATEGORY, rows, _numbers(page, pages, "default.aspx?Page={n}"))


def _listing_wp(title: str, rows: list[str], pager: str) -> str:
    body = "".join(rows) or '<div class="ms-emptyText">Không có tin bài nào.</div>'
    return (
        '<div class="ms-webpart-zone ms-fullWidth"><div class="ms-webpart-chrome ms-webpart-'
        'chrome-vertical"><div class="ms-webpart-chrome-title"><h2 class="ms-webpart-titleText">'
        f'<span>{esc(title)}</span></h2></div><div class="ms-WPBody">'
        f'<div class="dfwp-column dfwp-list news-list">{body}</div>{pager}</div></div></div>'
    )


def news_listing(seed: int, total: int, page: int) -> str:
    indices, pages = page_of(total, "newswebpart", page)
    rows = []
    for index in indices:
        href = f"../../Trang/ChiTietTinTuc.aspx?nid={index}"
        if index % 4 == 0:
            back = quote(f"/Trang/Tin-tuc-su-kien.aspx?PageIndex={page}", safe="")
            href += f"&amp;ReturnUrl={back}"
        rows.append(
            f'<div class="news-item"><a class="news-link" href="{href}">{_title(seed, index)}'
            f'</a> <span class="news-item-date">({_date(index)})</span></div>'
        )
    pager = _numbers(page, pages, "Tin-tuc-su-kien.aspx?PageIndex={n}")
    return _listing_wp("Tin tức - Sự kiện", rows, pager)


def postback_listing(seed: int, total: int, page: int) -> str:
    """The ministry-style section: relative `?ItemID=` links, pages only through postback."""
    indices, pages = page_of(total, "itemid", page)
    rows = [
        f'<tr><td class="title"><a href="?ItemID={index}">{_title(seed, index)}</a></td>'
        f'<td class="date">{_date(index)}</td></tr>'
        for index in indices
    ]
    links = []
    for n in range(max(1, page - 4), min(pages, page + 5) + 1):
        if n == page:
            links.append(f"<td><span>{n}</span></td>")
        else:
            links.append(
                f"<td><a href=\"javascript:__doPostBack('{PAGER_TARGET}','Page${n}')\">{n}</a></td>"
            )
    if page < pages:
        links.append(
            f"<td><a href=\"javascript:__doPostBack('{PAGER_TARGET}','Page$Last')\">Cuối</a></td>"
        )
    table = (
        f'<table class="grid-news" cellspacing="0" border="0"><tbody>{"".join(rows)}'
        f'<tr class="pager"><td colspan="2"><table><tr>{"".join(links)}</tr></table></td></tr>'
        "</tbody></table>"
    )
    return _listing_wp("Tin hoạt động", [table], "")


def district_listing(seed: int, total: int, first_row: int) -> str:
    """A SharePoint 2010 list view with `?Paged=TRUE&p_ID=..&PageFirstRow=..` paging."""
    per = PER_PAGE["dispform"]
    page = (max(1, first_row) - 1) // per + 1
    indices, pages = page_of(total, "dispform", page)
    source = quote(urls.DISTRICT_LISTING, safe="")
    rows = [
        f'<tr class="{"ms-alternating " if n % 2 else ""}ms-itmhover"><td class="ms-vb-title">'
        f'<a href="/{ph.DISTRICT_SLUG}/Lists/TinTuc/DispForm.aspx?ID={index}&amp;Source={source}"'
        f' onclick="EditLink2(this,\'WPQ2\');return false;" target="_self">{_title(seed, index)}'
        f'</a></td><td class="ms-vb2"><nobr>{_date(index)}</nobr></td></tr>'
        for n, index in enumerate(indices)
    ]
    nav = ""
    if page < pages and indices:
        nav = (
            f'<a href="?Paged=TRUE&amp;p_ID={indices[-1]}&amp;PageFirstRow={page * per + 1}'
            '&amp;View=%7B5E0F0C1A-7B2D-4C3E-9F10-2A3B4C5D6E7F%7D">Tiếp &gt;</a>'
        )
    return (
        '<div id="WebPartWPQ2" class="ms-WPBody"><table class="ms-listviewtable" cellpadding="1" '
        'cellspacing="0" border="0" width="100%"><tr class="ms-viewheadertr"><th class="ms-vh2">'
        'Tiêu đề</th><th class="ms-vh2">Ngày đăng</th></tr>'
        f'{"".join(rows)}</table><table class="ms-bottompaging"><tr><td class="ms-paging">'
        f"{(page - 1) * per + 1} - {(page - 1) * per + len(indices)}</td><td>{nav}</td></tr>"
        "</table></div>"
    )


def lacviet_listing(seed: int, total: int, page: int) -> str:
    """The blog's post list: relative `Post.aspx` links, every other one with `PublishedDate`."""
    indices, pages = page_of(total, "lacviet", page)
    rows = []
    for index in indices:
        href = "Post.aspx?" + urls.article_path(seed, index).split("?", 1)[1].replace("&", "&amp;")
        if index % 2:
            href += f"&amp;PublishedDate={urls.published_date_param(index)}"
        rows.append(
            f'<tr><td class="ms-PostTitle"><a href="{href}">{_title(seed, index)}</a></td>'
            f'<td class="ms-PostDate">{_date(index)}</td></tr>'
        )
    body = "".join(rows) or '<tr><td class="ms-vb">Không có bài viết nào.</td></tr>'
    return (
        '<div id="WebPartWPQ3" class="ms-WPBody"><table class="ms-blog-postList" cellspacing="0" '
        f'width="100%">{body}</table>{_numbers(page, pages, "AllPosts.aspx?Page={n}")}</div>'
    )


def press_listing(seed: int, total: int, page: int) -> str:
    indices, pages = page_of(total, "pressrelease", page)
    rows = [
        f'<div class="pr-item"><span class="pr-date">{_date(index)}</span> <a href="'
        f'{urls.article_path(seed, index).rsplit("/", 1)[1]}">{_title(seed, index)}</a></div>'
        for index in indices
    ]
    return _listing_wp(ph.PRESS_CATEGORY, rows, _numbers(page, pages, "default.aspx?Page={n}"))


def chitiet_listing(seed: int, total: int, page: int) -> str:
    indices, pages = page_of(total, "chitiet", page)
    rows = [
        f'<li class="tin-item"><a class="tieude-tin" href="ChiTietTin.aspx?NewsId={index}">'
        f'{_title(seed, index)}</a> <span class="ngay">({_date(index)})</span></li>'
        for index in indices
    ]
    listing = f'<ul class="danhsach-tin">{"".join(rows)}</ul>' if rows else ""
    pager = _numbers(page, pages, "DanhSachTin.aspx?PageIndex={n}")
    return _listing_wp("Tin chuyên ngành", [listing] if listing else [], pager)


def home(seed: int, total: int) -> str:
    blocks = []
    listings = (
        ("publishing", ph.PUBLISHING_CATEGORY, urls.PUBLISHING_LISTING),
        ("newswebpart", "Tin tức - Sự kiện", urls.NEWS_LISTING),
        ("itemid", "Chỉ đạo điều hành", urls.ITEMID_PAGE),
        ("dispform", f"Tin huyện {ph.DISTRICT}", urls.DISTRICT_LISTING),
        ("lacviet", f"Bản tin {ph.DISTRICT}", urls.LACVIET_LISTING),
        ("pressrelease", ph.PRESS_CATEGORY, urls.PRESS_LISTING),
        ("chitiet", "Tin chuyên ngành", urls.CHITIET_LISTING),
    )
    for family, name, listing in listings:
        indices, _ = page_of(total, family, 1)
        if not indices and family in data.NEW_FAMILIES:
            continue  # sites of up to 300 articles have none: their home page stays as it was
        items = "".join(
            f'<li><a href="{_home_href(seed, index)}">{_title(seed, index)}</a></li>'
            for index in indices[:5]
        )
        blocks.append(
            f'<div class="home-section"><h2 class="home-section-title"><a href="{listing}">'
            f'{name}</a></h2><ul>{items}</ul><a class="more" href="{listing}">Xem tiếp</a></div>'
        )
    return (
        '<div class="home-banner"><img src="/SiteAssets/banner-dong-tram.jpg" alt="" /></div>'
        + "".join(blocks)
        + f'<p class="home-links"><a href="{urls.CALENDAR}">Lịch công tác</a> | '
        f'<a href="/{ph.DISTRICT_SLUG}/">Trang huyện {ph.DISTRICT}</a></p>'
    )


def _home_href(seed: int, index: int) -> str:
    """Home links use upper-case variants of paths now and then: IIS treats them as one page."""
    href = esc(urls.encode_path(urls.article_path(seed, index)))
    if data.family_of(index) == "lacviet":  # blog links come in other spellings too
        return href.replace("/Lists/Posts/Post.aspx", "/lists/posts/post.aspx").replace(
            "&amp;ItemId=", "&amp;ItemID="
        )
    return href.replace("/tin-tuc/", "/Tin-Tuc/") if index % 2 else href


def parse_calendar_date(value: str) -> date:
    """SharePoint's `CalendarDate` is M/D/YYYY; anything unparsable falls back to June 2022."""
    try:
        month, day, year = (int(part) for part in value.split("/"))
        return date(year, month, day)
    except ValueError:
        return date(2022, 6, 1)


def _cal_href(when: date, period: str) -> str:
    value = quote(f"{when.month}/{when.day}/{when.year}", safe="")
    return f"{urls.CALENDAR}?CalendarDate={value}&amp;CalendarPeriod={period}"


def _events(seed: int, when: date) -> list[str]:
    rng = random.Random(f"demo-cal:{seed}:{when.isoformat()}")
    kinds = (
        "Họp giao ban UBND tỉnh",
        "Tiếp công dân định kỳ",
        "Làm việc với huyện Lâm Khê",
        "Dự hội nghị trực tuyến",
        "Kiểm tra công trình đê sông Tràm Giang",
    )
    return [f"{8 + 2 * k}:00 {rng.choice(kinds)}" for k in range(rng.randint(0, 2))]


def calendar(seed: int, when: date, period: str) -> str:
    """A month (or day) view that always links one month/day further: a classic crawler trap."""
    if period == "day":
        events = "".join(f"<li>{e}</li>" for e in _events(seed, when))
        nav = (
            f'<a href="{_cal_href(when - timedelta(days=1), "day")}">Ngày trước</a> | '
            f'<a href="{_cal_href(when + timedelta(days=1), "day")}">Ngày sau</a>'
        )
        return f'<div class="ms-acal-rootdiv"><h2>{when:%d/%m/%Y}</h2><ul>{events}</ul>{nav}</div>'
    first = when.replace(day=1)
    days = monthrange(first.year, first.month)[1]
    cells = []
    for d in range(1, days + 1):
        day = first.replace(day=d)
        events = "".join(f'<div class="ms-acal-item">{e}</div>' for e in _events(seed, day))
        cells.append(
            f'<td class="ms-acal-month-day"><a href="{_cal_href(day, "day")}">{d}</a>{events}</td>'
        )
    rows = "".join("<tr>" + "".join(cells[i : i + 7]) + "</tr>" for i in range(0, days, 7))
    prev_month = (first - timedelta(days=1)).replace(day=1)
    next_month = first + timedelta(days=days)
    return (
        f'<div class="ms-acal-rootdiv"><div class="ms-acal-header"><a href="'
        f'{_cal_href(prev_month, "month")}">&lt; Tháng trước</a> <span>Tháng {first.month} năm '
        f'{first.year}</span> <a href="{_cal_href(next_month, "month")}">Tháng sau &gt;</a></div>'
        f'<table class="ms-acal-month">{rows}</table></div>'
    )


def contact(sent: bool) -> str:
    if sent:
        return '<div class="contact-done"><p>Cảm ơn bạn đã gửi ý kiến tới Ban Biên tập.</p></div>'
    return (
        '<div class="contact"><h2>Liên hệ Ban Biên tập</h2>'
        f"<p>{ph.ADDRESS}</p><p>Điện thoại: {ph.PHONE}</p><table class='contact-form'>"
        '<tr><td>Họ và tên</td><td><input type="text" name="HoTen" /></td></tr>'
        '<tr><td>Thư điện tử</td><td><input type="text" name="Email" /></td></tr>'
        '<tr><td>Nội dung</td><td><textarea name="NoiDung" rows="6"></textarea></td></tr>'
        '<tr><td></td><td><input type="submit" name="GuiLienHe" value="Gửi" /></td></tr></table>'
        "</div>"
    )


def fold(text: str) -> str:
    """Lower-case and strip diacritics so searches work with or without them."""
    text = text.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def search(seed: int, total: int, query: str) -> str:
    """Search results over the newest 400 titles, matched with or without diacritics."""
    needle = fold(query.strip())
    hits = []
    for index in range(total, max(0, total - 400), -1):
        if needle and needle in fold(data.title_of(seed, index)):
            hits.append(index)
            if len(hits) == 10:
                break
    items = "".join(
        f'<li><a href="{esc(urls.encode_path(urls.article_path(seed, i)))}">'
        f"{_title(seed, i)}</a> ({_date(i)})</li>"
        for i in hits
    )
    return (
        f'<div class="search-results"><p>Kết quả tìm kiếm cho "{esc(query)}": '
        f"{len(hits)} kết quả</p><ol>{items}</ol></div>"
    )


def info(name: str) -> str:
    """A static page of the menu: a table of contacts, not prose (it must not look like news)."""
    rows = "".join(
        f"<tr><td>{esc(office)}</td><td>0299.38{n:02}.{100 + n * 7}</td></tr>"
        for n, office in enumerate(
            ("Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Ban Biên tập")
        )
    )
    return (
        f'<div class="info-page"><h2>{esc(name)}</h2><table class="info-table">'
        f"<tr><th>Đơn vị</th><th>Điện thoại</th></tr>{rows}</table></div>"
    )


NOT_FOUND = (
    "<!DOCTYPE html><html><head><title>404 NOT FOUND</title></head><body>"
    "<h1>404 NOT FOUND</h1><p>Không tìm thấy trang bạn yêu cầu.</p></body></html>"
)
VIEWSTATE_ERROR = (
    "<!DOCTYPE html><html><head><title>Validation of viewstate MAC failed.</title></head><body>"
    "<h1>Server Error in '/' Application.</h1><h2><i>Validation of viewstate MAC failed. If this "
    "application is hosted by a Web Farm or cluster, ensure that &lt;machineKey&gt; configuration "
    "specifies the same validationKey and validation algorithm.</i></h2></body></html>"
)
ROBOTS = "User-agent: *\nDisallow: /_demo/\nDisallow: /_layouts/\nDisallow: /_vti_bin/\n"
