"""Issue 18's rules as pure functions: which addresses are public, how a host written as an
address is read in every spelling, the portal's own addresses, what a URL alone refuses, and
what media bytes are stored as an image."""

from __future__ import annotations

import base64
import io
import ipaddress
from types import SimpleNamespace

import pytest
from PIL import Image
from scrapy.utils.test import get_crawler

from portal_archive.archive.images import raster_type
from portal_archive.crawl import media
from portal_archive.crawl.addresses import (
    REFUSED_ADDRESS,
    REFUSED_SCHEME,
    AddressPolicy,
    crawl_policy,
    ip_literal,
    is_public,
    parse_networks,
    refusal,
)
from portal_archive.crawl.items import FileItem

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "255.255.255.255", "224.0.0.1", "239.255.255.250",
        "240.0.0.1", "192.0.0.1", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12::1",
        "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a9fe:a9fe",
        "2002:7f00:1::1", "2002:a9fe:a9fe::1",
    ],
)  # fmt: skip
def test_non_public_addresses(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "203.162.4.190", "2001:4860:4860::8888", "::ffff:8.8.8.8"]
)
def test_public_addresses(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.0.0.3", "127.0.0.3"),
        ("2130706435", "127.0.0.3"),
        ("0177.0.0.3", "127.0.0.3"),
        ("0x7f.0.0.3", "127.0.0.3"),
        ("0x7f000003", "127.0.0.3"),
        ("127.3", "127.0.0.3"),
        ("127.0.0.3.", "127.0.0.3"),
        ("[::1]", "::1"),
        ("::ffff:127.0.0.1", "::ffff:127.0.0.1"),
        ("fe80::1%eth0", "fe80::1"),
    ],
)
def test_every_spelling_of_an_address_is_read(host: str, address: str) -> None:
    assert ip_literal(host) == ipaddress.ip_address(address)


@pytest.mark.parametrize("host", ["hanam.gov.vn", "localhost", "face.bad", "1.2.3.4.5", ""])
def test_names_are_not_addresses(host: str) -> None:
    assert ip_literal(host) is None


def ips(*addresses: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    return [ipaddress.ip_address(a) for a in addresses]


def test_the_portal_address_is_allowed_and_no_other_loopback() -> None:
    policy = AddressPolicy(["127.0.0.2"])
    assert policy.allows(ipaddress.ip_address("127.0.0.2"))
    assert not policy.allows(ipaddress.ip_address("127.0.0.3"))
    assert policy.allows(ipaddress.ip_address("8.8.8.8"))


def test_a_portal_name_is_pinned_to_its_first_addresses() -> None:
    policy = AddressPolicy(["cong.noibo.test"])
    assert policy.admit("cong.noibo.test", ips("10.0.0.5")) == ips("10.0.0.5")
    # Later answers for it, and other names, gain no other private address.
    assert policy.admit("cong.noibo.test", ips("10.0.0.6", "8.8.8.8")) == ips("8.8.8.8")
    assert policy.admit("anh.noibo.test", ips("10.0.0.5", "10.0.0.7")) == ips("10.0.0.5")


def test_the_operator_allows_networks() -> None:
    policy = AddressPolicy(["cong.test"], parse_networks(["10.20.0.0/16", " fd00::/8 ", ""]))
    assert policy.admit("anh.test", ips("10.20.3.4", "10.21.0.1", "fd00::5")) == ips(
        "10.20.3.4", "fd00::5"
    )


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", REFUSED_SCHEME),
        ("FILE://localhost/etc/passwd", REFUSED_SCHEME),
        ("ftp://127.0.0.2/a.png", REFUSED_SCHEME),
        ("s3://kho/a.png", REFUSED_SCHEME),
        ("data:image/png;base64,AAAA", REFUSED_SCHEME),
        ("gopher://127.0.0.2/", REFUSED_SCHEME),
        ("http://127.0.0.3/a.png", REFUSED_ADDRESS),
        ("http://2130706435/a.png", REFUSED_ADDRESS),
        ("https://[::1]:8443/", REFUSED_ADDRESS),
        ("http://169.254.169.254/latest/meta-data/", REFUSED_ADDRESS),
        ("http://0.0.0.0:80/", REFUSED_ADDRESS),
        ("http://127.0.0.2:8080/a.png", None),
        ("HTTPS://portal.test/a.png", None),  # a name: judged when it is resolved
        ("http://8.8.8.8/", None),
    ],
)
def test_what_a_url_alone_refuses(url: str, reason: str | None) -> None:
    refused = refusal(url, AddressPolicy(["127.0.0.2", "portal.test"]))
    assert (refused.reason if refused else None) == reason


def png_bytes(size: tuple[int, int] = (30, 20), fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, format=fmt)
    return out.getvalue()


def test_raster_images_are_told_by_their_bytes() -> None:
    assert raster_type(png_bytes()) == "image/png"
    assert raster_type(png_bytes(fmt="JPEG")) == "image/jpeg"
    assert raster_type(png_bytes(fmt="GIF")) == "image/gif"
    assert raster_type(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert raster_type(b"<html><script>alert(1)</script></html>") is None
    assert raster_type(b"%PDF-1.4\n%%EOF") is None
    assert raster_type(b"") is None


def test_a_data_image_is_decoded_within_the_size_limit() -> None:
    content = png_bytes()
    url = "data:image/png;base64," + base64.b64encode(content).decode()
    assert media.inline_image(url, 10_000) == FileItem("image", url, content, "image/png")
    assert media.inline_image(url, len(content) - 1) == media.TOO_LARGE
    svg = "data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode()
    assert media.inline_image(svg, 10_000) == media.NOT_AN_IMAGE
    assert media.inline_image("data:image/png;base64", 10_000) == media.BAD_DATA_URL
    # A URL far longer than the limit is refused before it is decoded.
    assert media.inline_image("data:image/png;base64," + "A" * 50_000, 1_000) == media.TOO_LARGE


def test_a_mistyped_network_is_an_error_not_a_wider_or_narrower_rule() -> None:
    with pytest.raises(ValueError, match=r"'10\.0\.0\.0/33' is not a network"):
        parse_networks(["10.1.0.0/16", "10.0.0.0/33"])


def test_the_portal_is_known_from_the_spider_and_from_the_crawls_settings() -> None:
    """Any spider on the crawl's settings (`bench/crawl.py`'s bare one has no `hosts`) knows
    the portal's addresses: the runner's `ARCHIVE_PORTAL` names its base URL."""
    crawler = get_crawler(settings_dict={"ARCHIVE_PORTAL": {"base_url": "http://127.0.0.9:81/"}})
    crawler.spider = SimpleNamespace(hosts=("cong.test",), start_urls=["http://127.0.0.8/"])
    policy = crawl_policy(crawler)
    assert policy.allows(ipaddress.ip_address("127.0.0.9"))
    assert policy.allows(ipaddress.ip_address("127.0.0.8"))
    assert policy.portal_names == {"cong.test"}
    assert not policy.allows(ipaddress.ip_address("127.0.0.1"))
