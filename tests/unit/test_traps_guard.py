"""Issue 9, hole 3: crawler traps. A path whose links differ only in a date, an opaque token or
a large number is followed a bounded number of times, and chains of such pages end; paging and
item ids, how a portal lists thousands of articles, are never bounded."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from portal_archive.crawl.links import TRAP_LINKS_DROPPED, TRAP_PATHS_BOUNDED, TrapGuard
from portal_archive.crawl.urls import is_trap_value, trap_shape

SITE = "http://portal.example"
CALENDAR = SITE + "/Pages/lich-cong-tac.aspx"
LISTING = SITE + "/tin-tuc/Pages/default.aspx"
DAY0 = date(2024, 1, 1)


def days(n: int) -> list[str]:
    return [(DAY0 + timedelta(days=k)).isoformat() for k in range(n)]


@pytest.mark.parametrize(
    "value",
    [
        "2024-05-14",
        "2024/5/14",
        "2024-05",
        "2024",
        "20240514",
        "202405",
        "14/05/2024",
        "14-5-2024",
        "5/14/2024",
        "14.05.2024",
        "14/05/24",
        "05/2024",
        "2024-05-14T09:30:00Z",
        "2024-05-14T09:30:00+07:00",
        "2024-05-14 09:30:00",
        "5/14/2024 9:30 AM",
        "14 May 2024",
        "14-May-2024",
        "May 14, 2024",
        "1715650200",  # a Unix timestamp
        "1715650200123",
        "8f14e45fceea167a5a36dedd4bea2543",
        "0x0120D52000B3A5D1E1E9C2A84F9B9B8F4E8B8A0C05",
        "6e8c4b2a-1234-4abc-9def-0123456789ab",
        "{6E8C4B2A-1234-4ABC-9DEF-0123456789AB}",
        "aGVsbG8gd29ybGQxMjM0NQ==",
        "Q2xhc3NpYzEyMzQ1Njc4OTA",
        "x9Yz-_Abc123Def456Ghi789",
    ],
)
def test_dates_tokens_and_large_numbers_are_trap_values(value):
    assert is_trap_value(value)


@pytest.mark.parametrize(
    "value",
    ["57", "3", "12345678", "TRUE", "tin-tuc", "hoi-nghi-tong-ket-nam-2023", "TinTucSuKien2024",
     "HoiNghiTongKetNamHoc2023", "Page$2", "20245", "2099", "1850", "", "thoi-su", "Ha Nam"],
)  # fmt: skip
def test_names_slugs_and_small_numbers_are_not(value):
    assert not is_trap_value(value)


@pytest.mark.parametrize(
    "url",
    [
        LISTING + "?Page=2",
        LISTING + "?PageIndex=2015",
        LISTING + "?p=20240514",
        LISTING + "?Paged=TRUE&p_Created=20240501%2009%3a30%3a00&p_ID=57&PageFirstRow=31",
        LISTING + "?Paged=TRUE&PagedPrev=TRUE&p_Modified=2024-05-01T09:30:00Z&PageFirstRow=1",
        SITE + "/Lists/Posts/Post.aspx?ID=1715650200",
        SITE + "/Pages/a.aspx?ItemID=2024",
        SITE + "/Trang/ChiTietTinTuc.aspx?nid=202405141",
        SITE + "/Trang/ChiTiet.aspx?NewsId=20240514",
        SITE + "/Pages/a.aspx?cat=tin-tuc&Page=3",
        SITE + "/Pages/a.aspx",
    ],
)
def test_paging_and_item_ids_have_no_trap_shape(url):
    assert trap_shape(url) is None


def test_a_trap_shape_blanks_only_the_trap_values():
    assert trap_shape(CALENDAR + "?Ngay=2024-05-14&cat=3&Page=2") == (
        SITE + "/pages/lich-cong-tac.aspx?cat=3&ngay=*&page=2"
    )
    assert trap_shape(CALENDAR + "?ngay=14%2F05%2F2024&sid=9") == trap_shape(
        CALENDAR + "?NGAY=2025-01-01"
    )


def test_the_bounds_default_to_the_settings():
    settings = Settings()
    settings.setmodule("portal_archive.crawl.settings", priority="project")
    guard = TrapGuard()
    assert guard.max_variants == settings.getint("TRAP_MAX_VARIANTS") == 5
    assert guard.max_depth == settings.getint("TRAP_MAX_DEPTH") == 5


def test_500_listing_pages_are_all_followed_and_500_days_are_cut_at_the_bound(caplog):
    crawler = get_crawler()
    guard = TrapGuard(stats=crawler.stats)
    paging = [
        *(f"{LISTING}?Page={n}" for n in range(1, 501)),
        *(f"{LISTING}?PageIndex={n}" for n in range(1, 501)),
        *(f"{SITE}/tin-tuc/Pages/thong-bao.aspx?p={n}" for n in range(1, 501)),
        *(
            f"{SITE}/Lists/Posts/AllPosts.aspx?Paged=TRUE&p_PublishedDate={day}%2009%3a30%3a00"
            f"&p_ID={n}&PageFirstRow={30 * n + 1}"
            for n, day in enumerate(days(500))
        ),
        *(f"{SITE}/Pages/a.aspx?ItemID={n}" for n in range(1, 501)),
        *(f"{SITE}/Trang/ChiTietTinTuc.aspx?nid={n}" for n in range(1, 501)),
        *(f"{SITE}/Trang/ChiTiet.aspx?NewsId={n}" for n in range(100_000_000, 100_000_500)),
    ]
    with caplog.at_level(logging.INFO, logger="portal_archive.crawl.links"):
        assert all(guard.allow(url, LISTING) for url in paging)
        calendar = [guard.allow(f"{CALENDAR}?ngay={day}", CALENDAR) for day in days(500)]
    assert calendar == [True] * 5 + [False] * 495
    assert guard.dropped == 495 and guard.bounded_paths == {
        "portal.example/pages/lich-cong-tac.aspx"
    }
    assert crawler.stats.get_value(TRAP_LINKS_DROPPED) == 495
    assert crawler.stats.get_value(TRAP_PATHS_BOUNDED) == 1
    assert [r.getMessage() for r in caplog.records] == [
        "crawler trap bounded at portal.example/pages/lich-cong-tac.aspx: more than 5 date or "
        "token variants, the rest is not followed"
    ]


@pytest.mark.parametrize(
    "make",
    [
        lambda n: f"{CALENDAR}?ngay={(DAY0 + timedelta(days=n)).strftime('%d/%m/%Y')}",
        lambda n: f"{CALENDAR}?d={(DAY0 + timedelta(days=n)).strftime('%Y%m%d')}",
        lambda n: f"{CALENDAR}?thang={(DAY0 + timedelta(days=31 * n)).strftime('%m/%Y')}",
        lambda n: f"{SITE}/Pages/view.aspx?token={n:032x}",
        lambda n: f"{SITE}/Pages/view.aspx?v={{{n:08x}-1234-4abc-9def-0123456789ab}}",
        lambda n: f"{SITE}/Pages/view.aspx?t={1715650200 + 60 * n}",
    ],
)
def test_each_shape_of_trap_is_bounded(make):
    guard = TrapGuard(max_variants=3)
    assert [guard.allow(make(n), SITE + "/") for n in range(50)] == [True] * 3 + [False] * 47


def test_bounds_are_per_path_and_per_other_parameters():
    guard = TrapGuard(max_variants=2)
    for path in ("/Pages/lich-cong-tac.aspx", "/Pages/lich-tiep-dan.aspx"):
        for room in ("a", "b"):
            urls = [f"{SITE}{path}?phong={room}&ngay={day}" for day in days(4)]
            assert [guard.allow(url) for url in urls] == [True, True, False, False]
    assert len(guard.bounded_paths) == 2 and guard.dropped == 8


def test_a_url_once_allowed_stays_allowed_and_costs_one_variant():
    guard = TrapGuard(max_variants=2)
    first, second, third = (f"{CALENDAR}?ngay={day}" for day in days(3))
    assert guard.allow(first) and guard.allow(first.replace("ngay", "Ngay")) and guard.allow(first)
    assert guard.allow(second) and not guard.allow(third)
    assert guard.allow(first) and guard.allow(second)


def test_a_chain_of_trap_pages_ends_at_the_depth_limit():
    guard = TrapGuard(max_variants=1000, max_depth=4)
    urls = [f"{CALENDAR}?ngay={day}" for day in days(10)]
    referrer = SITE + "/"  # an ordinary page starts the chain; a page not followed ends it
    followed = []
    for url in urls:
        followed.append(guard.allow(url, referrer))
        referrer = url if followed[-1] else referrer
    assert followed == [True] * 4 + [False] * 6
    # A page cut off deep in the chain is followed when an ordinary page links to it.
    assert guard.allow(urls[4], SITE + "/Pages/default.aspx")


def test_chains_cross_paths_and_shapes():
    guard = TrapGuard(max_variants=1000, max_depth=3)
    chain = [
        f"{CALENDAR}?ngay=2024-05-14",
        f"{SITE}/Pages/lich-tuan.aspx?tuan=2024-05-13",
        f"{SITE}/Pages/view.aspx?token={'ab' * 16}",
        f"{CALENDAR}?ngay=2024-05-15",
    ]
    referrer = SITE + "/"
    followed = []
    for url in chain:
        followed.append(guard.allow(url, referrer))
        referrer = url if followed[-1] else referrer
    assert followed == [True, True, True, False]


def test_ordinary_pages_between_trap_pages_reset_the_chain():
    guard = TrapGuard(max_variants=1000, max_depth=1)
    assert guard.allow(f"{CALENDAR}?ngay=2024-05-14", SITE + "/")
    assert not guard.allow(f"{CALENDAR}?ngay=2024-05-15", f"{CALENDAR}?ngay=2024-05-14")
    assert guard.allow(SITE + "/Pages/a.aspx?ItemID=5", f"{CALENDAR}?ngay=2024-05-14")
    assert guard.allow(f"{CALENDAR}?ngay=2024-05-15", SITE + "/Pages/a.aspx?ItemID=5")


def test_a_list_views_pages_carrying_its_view_guid_are_all_followed():
    # SharePoint list views page with `Paged=TRUE&p_ID=…&PageFirstRow=…&View={GUID}`: the GUID
    # is trap-like but constant, and each page moves the paging parameters, not a trap value.
    guard = TrapGuard()
    view = "%7B5E0F0C1A-7B2D-4C3E-9F10-2A3B4C5D6E7F%7D"
    base = "http://portal.example/Lists/TinTuc/AllItems.aspx"
    previous = base
    for page in range(1, 40):
        url = f"{base}?Paged=TRUE&p_ID={1000 - 20 * page}&PageFirstRow={20 * page + 1}&View={view}"
        assert guard.allow(url, previous), page
        previous = url
    assert guard.dropped == 0
