"""URL policy: what the spider follows, and which spellings are one page."""

import pytest

from portal_archive.crawl.urls import clean_url, is_followable, parse_postback, url_key

HOSTS = ("portal.example",)


def test_clean_url_drops_noise_parameters_and_fragment():
    url = "http://portal.example/Pages/a.aspx?ItemID=5&Source=http%3A%2F%2Fx%2Fy&IsDlg=1#top"
    assert clean_url(url) == "http://portal.example/Pages/a.aspx?ItemID=5"


def test_clean_url_keeps_an_untouched_query_as_spelled():
    url = "http://portal.example/Trang/ChiTietTinTuc.aspx?nid=12&Cat=3"
    assert clean_url(url) == url


@pytest.mark.parametrize(
    "variant",
    [
        "http://portal.example/pages/A.aspx?itemid=5",
        "http://PORTAL.example/Pages/a.ASPX?ItemID=5&ReturnUrl=/x",
        "http://portal.example:80/Pages/a.aspx?ItemID=5#c",
    ],
)
def test_url_key_folds_case_and_noise(variant):
    assert url_key(variant) == url_key("http://portal.example/Pages/a.aspx?ItemID=5")


def test_url_key_keeps_different_pages_apart():
    assert url_key("http://portal.example/a.aspx?ItemID=5") != url_key(
        "http://portal.example/a.aspx?ItemID=6"
    )


@pytest.mark.parametrize(
    ("url", "followed"),
    [
        ("http://portal.example/Trang/ChiTietTinTuc.aspx?nid=1", True),
        ("http://portal.example/tin-tuc/Pages/x.aspx?Page=2", True),
        ("http://other.example/Pages/x.aspx", False),
        ("http://portal.example/_layouts/15/viewlsts.aspx", False),
        ("http://portal.example/_vti_bin/owssvr.dll", False),
        ("http://portal.example/_catalogs/masterpage/x.aspx", False),
        ("http://portal.example/Lists/LichCongTac/calendar.aspx", True),
        ("http://portal.example/Lists/LichCongTac/calendar.aspx?CalendarDate=1%2F1%2F2031", False),
        ("http://portal.example/Documents/Bao%20cao.pdf", False),
        ("mailto:a@portal.example", False),
    ],
)
def test_is_followable(url, followed):
    assert is_followable(url, HOSTS) is followed


def test_parse_postback():
    href = "javascript:__doPostBack('ctl00$ctl40$g_0a1b$pager','Page$3')"
    assert parse_postback(href) == ("ctl00$ctl40$g_0a1b$pager", "Page$3")
    assert parse_postback("javascript:void(0)") is None
