"""The http and https download handler (issue 18): Scrapy's HTTP/1.1 handler, whose
connections go only to addresses the crawl's `addresses.AddressPolicy` admits.

The check sits between name resolution and connecting, on the very addresses the connection
is then made to: Twisted's `HostnameEndpoint` resolves the host once through the reactor's
resolver (Scrapy's cache included) and connects to what the resolver handed it; ours hands it
only admitted addresses. A public name that resolves to 127.0.0.1 therefore connects nowhere,
and there is no second lookup for DNS to answer differently. Every redirect is a new request
and is checked again. Through an HTTP proxy the operator configured, the connection goes to
the proxy, which is trusted; the target is then judged by its URL (`request_guard`)."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlparse

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import (
    HTTP11DownloadHandler,
    _ScrapyAgent,
    _TunnelingAgent,
)
from scrapy.exceptions import ResponseDataLossError
from scrapy.http import Response
from scrapy.utils._download_handlers import get_dataloss_msg, wrap_twisted_exceptions
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.url import add_http_if_no_scheme
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.endpoints import HostnameEndpoint, wrapClientTLS
from twisted.internet.interfaces import (
    IAddress,
    IHostnameResolver,
    IHostResolution,
    IResolutionReceiver,
)
from twisted.web.client import URI, Agent, _StandardEndpointFactory
from zope.interface import implementer

from portal_archive.crawl.addresses import (
    REFUSED_ADDRESS,
    AddressPolicy,
    RefusedRequest,
    count_refusal,
    crawl_policy,
)

logger = logging.getLogger(__name__)

# (host, resolved addresses) -> the addresses a connection may go to.
Admit = Callable[[str, Sequence[IAddress]], list[IAddress]]


@implementer(IResolutionReceiver)
class _Admitting:
    """Collects a resolution's addresses and passes on only the admitted ones, once complete."""

    def __init__(self, receiver: Any, host: str, admit: Admit) -> None:
        self.receiver = receiver
        self.host = host
        self.admit = admit
        self.addresses: list[IAddress] = []

    def resolutionBegan(self, resolution: IHostResolution) -> None:
        self.receiver.resolutionBegan(resolution)

    def addressResolved(self, address: IAddress) -> None:
        self.addresses.append(address)

    def resolutionComplete(self) -> None:
        for address in self.admit(self.host, self.addresses):
            self.receiver.addressResolved(address)
        self.receiver.resolutionComplete()


@implementer(IHostnameResolver)
class AdmittingResolver:
    """The reactor's resolver, answering only with admitted addresses."""

    def __init__(self, resolver: Any, admit: Admit) -> None:
        self.resolver = resolver
        self.admit = admit

    def resolveHostName(
        self,
        resolutionReceiver: Any,
        hostName: str,
        portNumber: int = 0,
        addressTypes: Any = None,
        transportSemantics: str = "TCP",
    ) -> Any:
        return self.resolver.resolveHostName(
            _Admitting(resolutionReceiver, hostName, self.admit),
            hostName,
            portNumber,
            addressTypes,
            transportSemantics,
        )


class GuardedHostnameEndpoint(HostnameEndpoint):
    """Twisted's endpoint (one resolution, then connection attempts to what it gave) with the
    admitting resolver in front of the reactor's."""

    def __init__(self, reactor: Any, host: str, port: int, admit: Admit, **kwargs: Any) -> None:
        self._admit = admit  # before Twisted's __init__, which asks for the resolver
        super().__init__(reactor, host, port, **kwargs)

    def _getNameResolverAndMaybeWarn(self, reactor: object) -> Any:
        return AdmittingResolver(super()._getNameResolverAndMaybeWarn(reactor), self._admit)


class GuardedEndpointFactory(_StandardEndpointFactory):
    """Twisted's endpoints for http and https, built on `GuardedHostnameEndpoint`."""

    def __init__(self, standard: Any, admit: Admit) -> None:
        super().__init__(  # type: ignore[no-untyped-call]
            standard._reactor,
            standard._policyForHTTPS,
            standard._connectTimeout,
            standard._bindAddress,
        )
        self._admit = admit

    def endpointForURI(self, uri: URI) -> Any:
        options: dict[str, Any] = {"bindAddress": self._bindAddress}
        if self._connectTimeout is not None:
            options["timeout"] = self._connectTimeout
        host = uri.host.decode("ascii")
        endpoint: Any = GuardedHostnameEndpoint(
            self._reactor, host, uri.port, self._admit, **options
        )
        if uri.scheme == b"https":
            creator = self._policyForHTTPS.creatorForNetloc(uri.host, uri.port)
            return wrapClientTLS(creator, endpoint)
        return endpoint


class Admission:
    """One request's connect-time check: what was refused, for the error the request gets."""

    def __init__(self, policy: AddressPolicy, trusted_host: str | None) -> None:
        self.policy = policy
        self.trusted_host = trusted_host  # the operator's proxy
        self.refused: list[str] = []

    def __call__(self, host: str, addresses: Sequence[IAddress]) -> list[IAddress]:
        if self.trusted_host is not None and host.lower() == self.trusted_host:
            return list(addresses)
        by_ip = {
            address: ipaddress.ip_address(address.host.split("%", 1)[0])
            for address in addresses
            if isinstance(address, IPv4Address | IPv6Address)
        }
        allowed = set(self.policy.admit(host, by_ip.values()))
        kept = [address for address, ip in by_ip.items() if ip in allowed]
        if not kept and by_ip:
            self.refused.append(f"{host} is {', '.join(sorted(str(ip) for ip in by_ip.values()))}")
        return kept


class GuardedAgent(_ScrapyAgent):
    """Scrapy's agent for one request, its connections checked by `admission`."""

    def __init__(self, admission: Admission, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.admission = admission

    def _get_agent(self, request: Request, timeout: float) -> Agent:
        agent = super()._get_agent(request, timeout)
        if not isinstance(agent, _TunnelingAgent):  # https through a proxy: to the proxy only
            agent._endpointFactory = GuardedEndpointFactory(agent._endpointFactory, self.admission)
        return agent


def proxy_host(request: Request) -> str | None:
    """The host of the HTTP proxy this request goes through (set by the operator's
    `http_proxy`/`https_proxy`, read by Scrapy's HttpProxyMiddleware), if any."""
    proxy = request.meta.get("proxy")
    if not proxy:
        return None
    return (urlparse(add_http_if_no_scheme(proxy)).hostname or "").lower() or None


class GuardedDownloadHandler(HTTP11DownloadHandler):
    """`DOWNLOAD_HANDLERS` for http and https (settings.py)."""

    async def download_request(self, request: Request) -> Response:
        admission = Admission(crawl_policy(self._crawler), proxy_host(request))
        agent = GuardedAgent(
            admission,
            contextFactory=self._contextFactory,
            bindAddress=self._bind_address,
            pool=self._pool,
            maxsize=self._default_maxsize,
            warnsize=self._default_warnsize,
            fail_on_dataloss=self._fail_on_dataloss,
            crawler=self._crawler,
            tls_verbose_logging=self._tls_verbose_logging,
        )
        try:
            with wrap_twisted_exceptions():
                return await maybe_deferred_to_future(agent.download_request(request))
        except ResponseDataLossError:
            if not self._fail_on_dataloss_warned:  # as Scrapy's handler does
                logger.warning(get_dataloss_msg(request.url))
                self._fail_on_dataloss_warned = True
            raise
        except Exception as error:
            if not admission.refused:
                raise
            refused = RefusedRequest(REFUSED_ADDRESS, request.url, "; ".join(admission.refused))
            count_refusal(self._crawler.stats, refused)
            logger.warning("not fetched: %s", refused)
            raise refused from error
