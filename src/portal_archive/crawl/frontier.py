"""The shared frontier of `portal-archive worker`: Scrapy components that keep the request queue,
the dupefilter, the items and the per-host politeness in Redis (issue 11).

Built on scrapy-redis (its scheduler, priority queue and dupefilter, subclassed) with three
additions it lacks:

- Leases. scrapy-redis pops a request and forgets it, so a worker that dies loses what it held.
  Here a pop moves the request into the worker's in-flight hash (`inflight:<worker>`) in one Lua
  script; the lease ends once the response (or failure) has been handled and its items and new
  requests are in Redis. Each worker keeps `alive:<worker>` fresh; any worker puts the leases of
  a worker whose key has expired back in the queue, past the dupefilter (`RECLAIM`).
- One request per host across all workers. A downloader middleware takes the host's token
  (`host:<name>`, `SET NX PX` in a script) before sending and leaves it, after the answer, to
  expire after the host's delay: a shared token keeps one request in flight per host whatever the
  number of workers or portals, where host-partitioned queues would tie a host to one worker.
- Our fingerprints (`crawl.fingerprint`) in the dupefilter, not scrapy-redis' own.

Scrapy 2.16 removed `start_requests()`, which scrapy-redis' `RedisSpider` still relies on: our
workers need no such spider, since `portal-archive enqueue` puts the seeds in the queue itself.
Requests and items are pickled, as scrapy-redis does: the Redis server must be trusted.
"""

from __future__ import annotations

import asyncio
import logging
import pickle
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import redis
from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Response
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from portal_archive.crawl.spiders.sharepoint import SharePointSpider

logger = logging.getLogger(__name__)

PREFIX = "portal-archive:"
LEASE = "frontier_lease"  # request.meta: the in-flight entry this request came from
HOST_TOKEN = "frontier_host_token"  # request.meta: this request holds its host's token


@dataclass(frozen=True)
class Keys:
    """Every Redis key of the frontier, in one place."""

    prefix: str = PREFIX

    @property
    def portals(self) -> str:
        return f"{self.prefix}portals"

    @property
    def workers(self) -> str:
        return f"{self.prefix}workers"

    @property
    def items(self) -> str:
        return f"{self.prefix}items"

    @property
    def processing(self) -> str:
        return f"{self.prefix}items:processing"

    @property
    def lease_seq(self) -> str:
        return f"{self.prefix}lease-seq"

    @property
    def alive_prefix(self) -> str:
        return f"{self.prefix}alive:"

    @property
    def inflight_prefix(self) -> str:
        return f"{self.prefix}inflight:"

    def alive(self, worker: str) -> str:
        return self.alive_prefix + worker

    def inflight(self, worker: str) -> str:
        return self.inflight_prefix + worker

    def plan(self, portal_id: str) -> str:
        return f"{self.prefix}plan:{portal_id}"

    def queue(self, portal_id: str) -> str:
        return f"{self.prefix}queue:{portal_id}"

    def seen(self, portal_id: str) -> str:
        return f"{self.prefix}seen:{portal_id}"

    def postbacks(self, portal_id: str) -> str:
        return f"{self.prefix}postbacks:{portal_id}"

    def stats(self, portal_id: str) -> str:
        return f"{self.prefix}stats:{portal_id}"

    def host(self, name: str) -> str:
        return f"{self.prefix}host:{name}"


KEYS = Keys()

# KEYS: seen set, queue, in-flight hash of the lease (or any key); ARGV: fingerprint ('' = do not
# filter), score, request, lease ('' = none). Marks the request seen and queues it in one step, so
# no crash can leave it seen but unqueued; a request that replaces a leased one (a retry, a
# redirect) ends that lease in the same step.
PUSH = """
if ARGV[4] ~= '' then redis.call('HDEL', KEYS[3], ARGV[4]) end
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""

# KEYS: queue, in-flight hash, lease counter. Pops the best request into the in-flight hash as
# "queue\\nscore\\nrequest" under a new lease number; returns {lease, request} or nil.
POP = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
local lease = tostring(redis.call('INCR', KEYS[3]))
redis.call('HSET', KEYS[2], lease, KEYS[1] .. '\\n' .. top[2] .. '\\n' .. top[1])
return {lease, top[1]}
"""

# KEYS: workers set; ARGV: alive prefix, in-flight prefix. Every lease of a worker whose alive
# key has expired goes back to its queue (past the dupefilter); returns how many.
RECLAIM = """
local n = 0
for _, w in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. w) == 0 then
    local key = ARGV[2] .. w
    local entries = redis.call('HGETALL', key)
    for i = 2, #entries, 2 do
      local v = entries[i]
      local a = string.find(v, '\\n', 1, true)
      local b = string.find(v, '\\n', a + 1, true)
      redis.call('ZADD', string.sub(v, 1, a - 1), string.sub(v, a + 1, b - 1), string.sub(v, b + 1))
      n = n + 1
    end
    redis.call('DEL', key)
    redis.call('SREM', KEYS[1], w)
  end
end
return n
"""

# KEYS: host token; ARGV: worker, milliseconds to hold it, alive prefix. 0 when taken, else
# the milliseconds to wait. A token held by a dead worker is taken over; an empty token is a
# host cooling down for its delay after an answer.
TAKE_HOST = """
local owner = redis.call('GET', KEYS[1])
if owner and (owner == '' or redis.call('EXISTS', ARGV[3] .. owner) == 1) then
  local left = redis.call('PTTL', KEYS[1])
  if left < 1 then return 1 end
  return left
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 0
"""

# KEYS: host token; ARGV: worker, delay in milliseconds. The host stays taken for its delay.
LEAVE_HOST = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  if tonumber(ARGV[2]) > 0 then
    redis.call('SET', KEYS[1], '', 'PX', ARGV[2])
  else
    redis.call('DEL', KEYS[1])
  end
  return 1
end
return 0
"""


def connect(url: str) -> redis.Redis:
    """A client for `url` (redis://, rediss://, unix://); raises ValueError for a bad URL and
    redis.RedisError when the server does not answer."""
    server = redis.Redis.from_url(url, socket_connect_timeout=5, health_check_interval=30)
    server.ping()
    return server


def reclaim(server: redis.Redis, keys: Keys = KEYS) -> int:
    """Put the leases of dead workers back in their queues; returns how many."""
    return int(server.eval(RECLAIM, 1, keys.workers, keys.alive_prefix, keys.inflight_prefix))


def frontier_busy(server: redis.Redis, keys: Keys = KEYS) -> bool:
    """Whether any portal has queued requests or any worker holds one."""
    portals = [p.decode() for p in server.smembers(keys.portals)]  # type: ignore[union-attr]
    if any(server.zcard(keys.queue(p)) for p in portals):
        return True
    workers = [w.decode() for w in server.smembers(keys.workers)]  # type: ignore[union-attr]
    return any(server.hlen(keys.inflight(w)) for w in workers)


def live_workers(server: redis.Redis, keys: Keys = KEYS) -> list[str]:
    workers = [w.decode() for w in server.smembers(keys.workers)]  # type: ignore[union-attr]
    return [w for w in workers if server.exists(keys.alive(w))]


def request_score(request: Request) -> int:
    return -request.priority  # as scrapy-redis' PriorityQueue: lower scores first


class PortalDupeFilter(RFPDupeFilter):  # type: ignore[misc]  # scrapy-redis has no types
    """scrapy-redis' dupefilter with the crawl's fingerprints (`/Pages/A.aspx` and
    `/pages/a.aspx?Source=…` are one page), kept per portal."""

    def __init__(self, server: redis.Redis, key: str, fingerprinter: Any) -> None:
        super().__init__(server, key=key)
        self.fingerprinter = fingerprinter

    def request_fingerprint(self, request: Request) -> str:
        return str(self.fingerprinter.fingerprint(request).hex())


class LeasedQueue(PriorityQueue):  # type: ignore[misc]  # scrapy-redis has no types
    """scrapy-redis' priority queue (a sorted set), popped into a worker's in-flight hash."""

    def __init__(self, server: redis.Redis, spider: Any, key: str, worker: str) -> None:
        super().__init__(server, spider, key)
        self.worker = worker

    def encode(self, request: Request) -> bytes:
        return bytes(self._encode_request(request))

    def pop_leased(self) -> Request | None:
        found = self.server.eval(POP, 3, self.key, KEYS.inflight(self.worker), KEYS.lease_seq)
        if not found:
            return None
        lease, data = found
        request: Request = self._decode_request(data)
        request.meta[LEASE] = lease.decode()
        return request


def push_request(
    server: redis.Redis,
    portal_id: str,
    data: bytes,
    fingerprint: str,
    score: int,
    lease: str = "",
    worker: str = "",
) -> bool:
    """Queue one encoded request unless its fingerprint was seen (see PUSH)."""
    added = server.eval(
        PUSH,
        3,
        KEYS.seen(portal_id),
        KEYS.queue(portal_id),
        KEYS.inflight(worker),
        fingerprint,
        score,
        data,
        lease,
    )
    return bool(added)


class FrontierScheduler(Scheduler):  # type: ignore[misc]  # scrapy-redis has no types
    """scrapy-redis' scheduler on leased queues; the queue of this crawler's portal is shared by
    every worker, and nothing is flushed when a worker stops."""

    def __init__(self, server: redis.Redis, crawler: Any) -> None:
        settings = crawler.settings
        self.portal_id = settings.getdict("ARCHIVE_PORTAL")["id"]
        self.worker = settings.get("FRONTIER_WORKER")
        super().__init__(
            server,
            persist=True,
            queue_key=KEYS.queue(self.portal_id),
            dupefilter=PortalDupeFilter(
                server, KEYS.seen(self.portal_id), crawler.request_fingerprinter
            ),
            dupefilter_key=KEYS.seen(self.portal_id),
        )
        self.stats = crawler.stats
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> FrontierScheduler:
        return cls(connect(crawler.settings["REDIS_URL"]), crawler)

    def open(self, spider: Any) -> None:
        self.spider = spider
        self.queue = LeasedQueue(self.server, spider, self.queue_key, self.worker)

    def close(self, reason: str) -> None:
        pass  # the frontier outlives every worker

    def enqueue_request(self, request: Request) -> bool:
        lease = request.meta.pop(LEASE, "")
        request.meta.pop(HOST_TOKEN, None)
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        added = push_request(
            self.server,
            self.portal_id,
            self.queue.encode(request),
            fingerprint,
            request_score(request),
            lease,
            self.worker,
        )
        if added:
            self.stats.inc_value("scheduler/enqueued/redis")
        return added

    def next_request(self) -> Request | None:
        request = self.queue.pop_leased()
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return bool(self.server.zcard(self.queue_key))


class HostToken:
    """One request in flight per host across every worker: the host's token in Redis is taken
    before a request is sent and, after its answer, left to expire after the host's delay (the
    larger of DOWNLOAD_DELAY and AutoThrottle's current delay for the host)."""

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.server = connect(settings["REDIS_URL"])
        self.worker = settings.get("FRONTIER_WORKER")
        self.hold_ms = int((settings.getfloat("DOWNLOAD_TIMEOUT") + 30) * 1000)
        self.delay = settings.getfloat("DOWNLOAD_DELAY")

    @classmethod
    def from_crawler(cls, crawler: Any) -> HostToken:
        if not crawler.settings.get("FRONTIER_WORKER"):
            raise NotConfigured
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        key = KEYS.host(host)
        while True:
            wait = int(
                self.server.eval(TAKE_HOST, 1, key, self.worker, self.hold_ms, KEYS.alive_prefix)
            )
            if wait == 0:
                request.meta[HOST_TOKEN] = host
                return
            await asyncio.sleep(min(wait, 500) / 1000)

    def process_response(self, request: Request, response: Response) -> Response:
        self.leave(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self.leave(request)

    def leave(self, request: Request) -> None:
        host = request.meta.pop(HOST_TOKEN, None)
        if host is None:
            return
        delay = max(self.delay, self.slot_delay(request))
        self.server.eval(LEAVE_HOST, 1, KEYS.host(host), self.worker, int(delay * 1000))

    def slot_delay(self, request: Request) -> float:
        """AutoThrottle's current delay for the request's download slot, if any."""
        engine = getattr(self.crawler, "engine", None)
        slots = getattr(getattr(engine, "downloader", None), "slots", {})
        slot = slots.get(request.meta.get("download_slot") or urlsplit(request.url).hostname)
        return float(getattr(slot, "delay", 0.0))


class RedisItemPipeline:
    """Pushes each item, pickled with its portal id, to the frontier's item list: workers never
    write SQLite, `portal-archive ingest` does."""

    def __init__(self, server: redis.Redis, portal_id: str) -> None:
        self.server = server
        self.portal_id = portal_id

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisItemPipeline:
        settings = crawler.settings
        return cls(connect(settings["REDIS_URL"]), settings.getdict("ARCHIVE_PORTAL")["id"])

    def process_item(self, item: Any) -> Any:
        self.server.rpush(KEYS.items, pickle.dumps((self.portal_id, item)))
        return item


class WorkerPresence:
    """A worker's side of the frontier for one crawler: keeps the worker's alive key fresh,
    reclaims dead workers' leases, ends each lease once its response is handled, and keeps the
    spider open until the whole frontier has been empty for FRONTIER_IDLE_TIMEOUT seconds."""

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.server = connect(settings["REDIS_URL"])
        self.worker = settings.get("FRONTIER_WORKER")
        self.ttl = settings.getfloat("FRONTIER_LEASE_TTL")
        self.idle_timeout = settings.getfloat("FRONTIER_IDLE_TIMEOUT")
        self.idle_since: float | None = None
        self.loop: task.LoopingCall | None = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.idle, signal=signals.spider_idle)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> WorkerPresence:
        if not crawler.settings.get("FRONTIER_WORKER"):
            raise NotConfigured
        return cls(crawler)

    def opened(self) -> None:
        self.follow_scrapes()
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(min(1.0, self.ttl / 3))

    def follow_scrapes(self) -> None:
        """End a request's lease once Scrapy has handled its answer: callback or errback run,
        items through the pipeline (pushed), new requests scheduled (pushed). Scrapy has no
        signal for that moment, so this wraps the scraper's `enqueue_scrape`, whose Deferred
        fires exactly then."""
        scraper = self.crawler.engine.scraper
        handle = scraper.enqueue_scrape

        def enqueue_scrape(result: Any, request: Request) -> Any:
            done = handle(result, request)
            done.addBoth(self.release, request)
            return done

        scraper.enqueue_scrape = enqueue_scrape

    def release(self, result: Any, request: Request) -> Any:
        lease = request.meta.pop(LEASE, None)
        if lease is not None:
            self.server.hdel(KEYS.inflight(self.worker), lease)
        return result

    def tick(self) -> None:
        self.server.set(KEYS.alive(self.worker), 1, px=int(self.ttl * 1000))
        reclaimed = reclaim(self.server)
        if reclaimed:
            logger.warning("put back %d requests held by workers that stopped", reclaimed)
        # Wake the engine: requests other workers queued are pulled now, not at its heartbeat.
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def idle(self) -> None:
        if frontier_busy(self.server):
            self.idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle_timeout:
            raise DontCloseSpider

    def closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        portal_id = self.crawler.settings.getdict("ARCHIVE_PORTAL")["id"]
        counts = {k: v for k, v in stats.items() if isinstance(v, int) and not isinstance(v, bool)}
        with self.server.pipeline() as pipe:
            for name, value in counts.items():
                pipe.hincrby(KEYS.stats(portal_id), name, value)
            pipe.execute()


class FrontierSpider(SharePointSpider):
    """The SharePoint spider as a worker: its seeds are in the shared queue already (put there by
    `portal-archive enqueue`), and pager postbacks are followed once across all workers."""

    name = "sharepoint"

    async def start(self) -> AsyncIterator[Request]:
        self.open_traps()
        nothing: tuple[Request, ...] = ()
        for request in nothing:
            yield request

    def first_postback(self, page: str, target: str, argument: str) -> bool:
        server = getattr(self, "_frontier", None)
        if server is None:
            server = self._frontier = connect(self.crawler.settings["REDIS_URL"])
        member = f"{page}\n{target}\n{argument}"
        return bool(server.sadd(KEYS.postbacks(self.portal_id), member))


def seed(
    server: redis.Redis, spider: SharePointSpider, fingerprinter: Any, requests: Iterable[Request]
) -> int:
    """Queue `requests` (a plan's seeds) for `spider`'s portal; returns how many were new."""
    queue = LeasedQueue(server, spider, KEYS.queue(spider.portal_id), "")
    added = 0
    for request in requests:
        fingerprint = "" if request.dont_filter else fingerprinter.fingerprint(request).hex()
        added += push_request(
            server, spider.portal_id, queue.encode(request), fingerprint, request_score(request)
        )
    return added


def drain_items(server: redis.Redis, most: int, wait: float) -> Iterator[bytes]:
    """Move up to `most` items into the processing list (reliable queue): they stay there until
    `done_items` after their transaction commits. Waits up to `wait` seconds for the first."""
    first = server.blmove(KEYS.items, KEYS.processing, wait, "LEFT", "RIGHT")  # type: ignore[arg-type]
    if first is None:
        return
    yield bytes(first)  # type: ignore[arg-type]
    for _ in range(most - 1):
        data = server.lmove(KEYS.items, KEYS.processing, "LEFT", "RIGHT")
        if data is None:
            return
        yield bytes(data)  # type: ignore[arg-type]


def done_items(server: redis.Redis) -> None:
    server.delete(KEYS.processing)
