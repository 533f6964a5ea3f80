"""Issue 9, hole 2: session ids in links. Every spelling of a page with a session id in its
query or path is one URL, one url key and one request fingerprint."""

from __future__ import annotations

import pytest
from scrapy import Request

from portal_archive.crawl.fingerprint import PortalRequestFingerprinter
from portal_archive.crawl.links import scan_links
from portal_archive.crawl.urls import clean_url, url_key

ARTICLE = "http://portal.example/Trang/ChiTietTinTuc.aspx?nid=7"
PAGE = "http://portal.example/tin-tuc/Pages/hoi-nghi-tong-ket.aspx"

SESSION_VARIANTS = [
    ARTICLE + "&sid=8f14e45fceea167a5a36dedd4bea2543",
    ARTICLE + "&SID=1",
    ARTICLE + "&sessionid=abc123",
    ARTICLE + "&SessionID=XYZ",
    ARTICLE + "&session_id=c9f0f895fb98ab9159f51fd0297e236d",
    ARTICLE + "&jsessionid=0A1B2C3D4E5F",
    ARTICLE + "&PHPSESSID=r2t5uvjq435r4q7ib3vtdjq120",
    ARTICLE + "&ASPSESSIONIDQASDRTBC=KJHDFGKJHDFGKJHDFGKJHDFG",
    ARTICLE + "&aspsessionidCSQBRATD=NOPLKJNOPLKJNOPLKJNOPLKJ",
    ARTICLE + "&aspxsessionid=yzq3qx55ry1wwj45o2nzgu45",
    ARTICLE + "&sessid=42",
    "http://portal.example/Trang/ChiTietTinTuc.aspx?sid=42&nid=7",
    "http://portal.example/Trang/ChiTietTinTuc.aspx?sid=42&amp;nid=7&amp;sid=43",
    "http://portal.example/Trang/ChiTietTinTuc.aspx;jsessionid=0A1B2C3D4E5F?nid=7",
    "http://portal.example/Trang/ChiTietTinTuc.aspx;JSESSIONID=0A1B2C3D.node1?nid=7",
    "http://portal.example/(S(yzq3qx55ry1wwj45o2nzgu45))/Trang/ChiTietTinTuc.aspx?nid=7",
    "http://portal.example/(s(lit3py55t21z5v55vlm25s55))/Trang/ChiTietTinTuc.aspx?nid=7",
    "http://portal.example/(A(aB3dE5gH7jK9mN1pQ3sT5vX7z))/Trang/ChiTietTinTuc.aspx?nid=7",
    "http://portal.example/(F(x9Yz-_Abc123Def456Ghi789Jkl0))/Trang/ChiTietTinTuc.aspx?nid=7",
    "http://portal.example/(A(aB3dE5gH7jK9)S(yzq3qx55ry1wwj45o2nzgu45))/Trang/ChiTietTinTuc.aspx"
    "?nid=7",
    "http://portal.example/(S(yzq3qx55ry1wwj45o2nzgu45))/Trang/ChiTietTinTuc.aspx?nid=7"
    "&sid=1&ReturnUrl=%2F#top",
]


@pytest.mark.parametrize("variant", SESSION_VARIANTS)
def test_clean_url_strips_session_ids(variant):
    assert clean_url(variant) == ARTICLE


@pytest.mark.parametrize("variant", SESSION_VARIANTS)
def test_session_variants_share_one_key_and_one_fingerprint(variant):
    fingerprinter = PortalRequestFingerprinter()
    assert url_key(variant) == url_key(ARTICLE)
    assert fingerprinter.fingerprint(Request(variant)) == fingerprinter.fingerprint(
        Request(ARTICLE)
    )


@pytest.mark.parametrize(
    "variant",
    [
        PAGE + ";jsessionid=0A1B2C3D4E5F",
        PAGE + "?sid=f3ccdd27d2000e3f9255a7e3e2c48800",
        "http://portal.example/(S(yzq3qx55ry1wwj45o2nzgu45))/tin-tuc/Pages/hoi-nghi-tong-ket.aspx",
    ],
)
def test_pages_without_a_query_lose_the_session_too(variant):
    assert clean_url(variant) == PAGE


def test_a_cookieless_segment_alone_is_the_site_root():
    assert clean_url("http://portal.example/(S(yzq3qx55ry1wwj45o2nzgu45))/") == (
        "http://portal.example/"
    )
    assert clean_url("http://portal.example/(S(yzq3qx55ry1wwj45o2nzgu45))") == (
        "http://portal.example/"
    )


@pytest.mark.parametrize(
    "url",
    [
        # Parameters that merely contain a session parameter's name are content.
        "http://portal.example/Pages/a.aspx?side=left",
        "http://portal.example/Pages/a.aspx?sidebar=1&nid=7",
        "http://portal.example/Pages/a.aspx?ssid=7",
        # Parentheses in an ordinary path segment are not a cookieless session.
        "http://portal.example/Documents/Bao%20cao%20(S2).aspx",
        "http://portal.example/(tin-tuc)/Pages/a.aspx",
        "http://portal.example/Pages/a.aspx;version=2",
    ],
)
def test_lookalikes_are_kept(url):
    assert clean_url(url) == url


def test_scan_links_gives_one_link_for_a_page_behind_many_session_ids():
    text = "".join(
        f'<a href="ChiTietTinTuc.aspx?nid=7&amp;sid={n:032x}">Tin {n}</a><a href="/x">x</a>'
        for n in range(7)
    )
    found = scan_links(text, "http://portal.example/Trang/Default.aspx", ("portal.example",))
    assert {url for url, _ in found.links} == {ARTICLE, "http://portal.example/x"}
    assert len({key for _, key in found.links}) == 2
