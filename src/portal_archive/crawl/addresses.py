"""Which addresses a crawl may connect to (issue 18): the public internet, and of the rest
(loopback, private, link-local, shared, multicast, reserved, unspecified; IPv4 and IPv6) only
the portal's own addresses and the networks the operator allows (`ALLOWED_PRIVATE_NETWORKS`).
A hostile or hacked portal must not turn the crawler against the machine it runs on or the
network around it (a cloud's metadata service, an intranet).

The decision is taken on addresses, never on names: `downloads.GuardedDownloadHandler` asks it
with the addresses a name resolved to, at the moment of connecting, and `request_guard` with
an address written in a URL (in any spelling the system's resolver would accept)."""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.python import global_object_name

from portal_archive import stats as keys

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# `fetches.reason` of a request the crawler would not send.
REFUSED_SCHEME = "refused_scheme"  # not http or https (file:, ftp:, s3:, data: as a request...)
REFUSED_ADDRESS = "refused_address"  # a non-public address that is not the portal's
REFUSALS = frozenset({REFUSED_SCHEME, REFUSED_ADDRESS})
SCHEMES = frozenset({"http", "https"})


class RefusedRequest(IgnoreRequest):
    """A request the crawler refused to send; `reason` is one of `REFUSALS`. An IgnoreRequest:
    never retried, never a failure of the host, and robots.txt treats it as no robots.txt."""

    def __init__(self, reason: str, url: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {url}" + (f" ({detail})" if detail else ""))
        self.reason = reason


# Scrapy's DownloaderStats counts every exception by its class: a refusal is not an error of
# the portal (the error-rate alarm leaves these out).
REFUSED_EXCEPTION_STAT = f"downloader/exception_type_count/{global_object_name(RefusedRequest)}"

# What inet_aton reads as an IPv4 address: 1 to 4 parts, each decimal, octal (0177) or hex
# (0x7f): `2130706435`, `0177.0.0.1`, `127.1`, `0x7f.0.0.1` all name 127.0.0.1.
_IPV4_SPELLING = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}\.?", re.I)


def ip_literal(host: str) -> IPAddress | None:
    """The address `host` spells, if it is an IP literal in any spelling a resolver accepts
    (IPv6 with or without brackets, dotted, decimal, octal, hex or short IPv4); None for a name."""
    text = host.strip().strip("[]")
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        pass
    if not _IPV4_SPELLING.fullmatch(text):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(text.rstrip(".")))
    except OSError:
        return None


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries to the IPv4 network (mapped `::ffff:a.b.c.d`,
    compatible `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:aabb:ccdd::`), if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    packed = ip.packed
    if packed[:12] == bytes(12) and packed[12:] != bytes(4):
        return ipaddress.IPv4Address(packed[12:])
    if ip in _NAT64:
        return ipaddress.IPv4Address(packed[12:])
    return None


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def is_public(ip: IPAddress) -> bool:
    """A unicast address of the public internet; an IPv6 address that carries an IPv4 one is
    judged by that."""
    inner = embedded_ipv4(ip)
    if inner is not None:  # the connection ends at the IPv4 address
        return is_public(inner)
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def parse_networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    """`ALLOWED_PRIVATE_NETWORKS` as networks ("10.1.0.0/16", "fd00::/8", "192.168.1.5");
    a value that is none stops the crawl (a ValueError), it never widens or drops the rule."""
    networks = []
    for value in (v.strip() for v in values if v.strip()):
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            raise ValueError(f"ALLOWED_PRIVATE_NETWORKS: {value!r} is not a network") from None
    return tuple(networks)


class AddressPolicy:
    """One crawl's rule: public addresses always; others only the portal's own or the
    operator's allowed networks. A portal host written as an address is the portal's; a portal
    host name's addresses are the portal's as first resolved in this crawl (pinned: a name that
    later resolves elsewhere gains nothing)."""

    def __init__(self, portal_hosts: Iterable[str], networks: Iterable[IPNetwork] = ()) -> None:
        self.networks = tuple(networks)
        self.portal_names: set[str] = set()
        self.portal_addresses: set[IPAddress] = set()
        self.pinned: set[str] = set()
        for host in portal_hosts:
            ip = ip_literal(host)
            if ip is not None:
                self.portal_addresses.add(ip)
            elif host:
                self.portal_names.add(host.lower().rstrip("."))

    def allows(self, ip: IPAddress) -> bool:
        return (
            is_public(ip)
            or ip in self.portal_addresses
            or any(ip.version == net.version and ip in net for net in self.networks)
        )

    def admit(self, host: str, addresses: Iterable[IPAddress]) -> list[IPAddress]:
        """Of the addresses `host` resolved to, those a connection may go to."""
        found = list(addresses)
        name = host.lower().rstrip(".")
        if name in self.portal_names and name not in self.pinned:
            self.pinned.add(name)
            self.portal_addresses.update(found)
        return [ip for ip in found if self.allows(ip)]


def refusal(url: str, policy: AddressPolicy) -> RefusedRequest | None:
    """Why `url` may not be requested, judged from the URL alone (its scheme, and its host when
    that is an address); None when only the connection can tell."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        return RefusedRequest(REFUSED_SCHEME, url)
    ip = ip_literal(parts.hostname or "")
    if ip is not None and not policy.allows(ip):
        return RefusedRequest(REFUSED_ADDRESS, url, str(ip))
    return None


def count_refusal(stats: Any, error: RefusedRequest) -> None:
    stats.inc_value(keys.REQUESTS_REFUSED)
    stats.inc_value(keys.requests_refused(error.reason))


_policies: WeakKeyDictionary[Any, AddressPolicy] = WeakKeyDictionary()


def crawl_policy(crawler: Any) -> AddressPolicy:
    """The policy of `crawler`'s crawl, shared by its components: the portal's hosts are the
    spider's `hosts`, its start URLs' hosts and its base URL's (registry, `--start-url`,
    `--base-url`; the runner puts the portal in `ARCHIVE_PORTAL`)."""
    policy = _policies.get(crawler)
    if policy is None:
        spider = crawler.spider
        base_url = crawler.settings.getdict("ARCHIVE_PORTAL").get("base_url", "")
        urls = [base_url, *getattr(spider, "start_urls", ())]
        hosts = [*getattr(spider, "hosts", ()), *(urlsplit(u).hostname or "" for u in urls)]
        networks = parse_networks(crawler.settings.getlist("ALLOWED_PRIVATE_NETWORKS"))
        policy = _policies[crawler] = AddressPolicy(hosts, networks)
        logger.debug("portal hosts %s, allowed networks %s", hosts, networks)
    return policy
