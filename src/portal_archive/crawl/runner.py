"""Running one crawl of one portal into an archive: settings in, stats out."""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from twisted.python.failure import Failure

from portal_archive import stats as keys
from portal_archive.archive import Archive
from portal_archive.crawl import settings as defaults
from portal_archive.crawl.monitors import alarm_messages, warning_messages
from portal_archive.crawl.spiders.sharepoint import SharePointSpider
from portal_archive.crawl.urls import url_key
from portal_archive.extract.page_kind import PAGE_KINDS, kind_counts
from portal_archive.registry import Portal

logger = logging.getLogger(__name__)

# spidermon still logs through Spider.log(), which Scrapy deprecates: not ours to fix.
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated")

# Scrapy settings for one run, `NAME=VALUE` separated by spaces, applied over everything else
# (tests scale an outage budget down with it; issue 9).
SETTINGS_ENV = "PORTAL_ARCHIVE_SETTINGS"

# Finish reasons that mean the crawl did what it was asked to.
CLEAN_FINISH = frozenset({"finished", "closespider_pagecount"})


@dataclass
class CrawlResult:
    crawl_id: int | None
    status: str
    stats: dict[str, Any]
    alarms: list[str] = field(default_factory=list)
    portal_id: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def summary(self) -> str:
        s = self.stats
        line = (
            f"crawl {self.crawl_id} {self.status}: "
            f"{s.get('downloader/response_count', 0)} responses, "
            f"{s.get(keys.ARTICLES_EXTRACTED, 0)} articles "
            f"({s.get(keys.ARTICLES_NEW, 0)} new, "
            f"{s.get(keys.ARTICLES_CHANGED, 0)} changed, "
            f"{s.get(keys.ARTICLES_UNCHANGED, 0)} unchanged), "
            f"{s.get(keys.IMAGES_STORED, 0)} images, "
            f"{s.get(keys.ATTACHMENTS_STORED, 0)} attachments, "
            f"{s.get('log_count/ERROR', 0)} errors"
        )
        if keys.NOT_MODIFIED in s:
            line += f", {s[keys.NOT_MODIFIED]} not modified"
        if keys.ARTICLES_GONE in s:
            line += f", {s[keys.ARTICLES_GONE]} gone"
        if keys.UNEXTRACTED_PAGES in s:
            line += (
                f", {s[keys.UNEXTRACTED_PAGES]} unextracted"
                f" (of {s.get(keys.ARTICLE_LIKE_PAGES, 0)} article-like pages)"
            )
        kinds = kind_counts({kind: int(s.get(keys.page_kind(kind), 0)) for kind in PAGE_KINDS})
        if kinds:
            line += f"; pages: {kinds}"
        return line

    @property
    def warnings(self) -> list[str]:
        return warning_messages(self.stats)


@dataclass
class CrawlPlan:
    """What the archive already holds decides what this crawl fetches."""

    known: dict[str, str]
    seen: set[str]
    skip_known: bool
    stop_paging: bool
    revalidate: list[dict[str, Any]]
    media: list[tuple[str, str]]
    settled: set[str] = field(default_factory=set)
    signature: list[tuple[str, int, int]] = field(default_factory=list)
    # The share of the portal's archived articles with each field ("date", "author"): the
    # coverage alarms judge this crawl against it. Empty before the portal has enough articles.
    coverage_baseline: dict[str, float] = field(default_factory=dict)

    def spider_arguments(self) -> dict[str, Any]:
        return {
            "signature": self.signature,
            "known": self.known,
            "seen": self.seen,
            "skip_known": self.skip_known,
            "stop_paging": self.stop_paging,
            "revalidate": self.revalidate,
            "media": self.media,
            "settled": self.settled,
        }


def plan_crawl(
    portal: Portal,
    db_path: str,
    *,
    full: bool,
    revalidate: bool,
    older_than: timedelta | None,
    revisit_after: timedelta = timedelta(days=defaults.REVISIT_SETTLED_DAYS),
) -> CrawlPlan:
    """Incremental by default: archived articles are not fetched again, settled pages (see
    `settled_pages`) are visited once per `revisit_after`, and listings stop at a run of
    archived articles once an earlier crawl of the portal ran to its end. `full` walks and
    fetches everything; `revalidate` re-fetches archived articles with conditional GET."""
    archive = Archive(db_path)
    try:
        known_urls = archive.known_article_urls(portal.id)
        known = {url_key(u): u for u in known_urls}
        complete = archive.last_crawl_complete(portal.id) and not last_crawl_gave_up(
            archive, portal.id
        )
        since = datetime.now(UTC) - revisit_after
        return CrawlPlan(
            known=known,
            seen={url_key(u) for u in archive.fetched_urls(portal.id)},
            skip_known=not full,
            stop_paging=not full and complete,
            revalidate=archive.revalidation_candidates(portal.id, older_than) if revalidate else [],
            media=archive.missing_media(portal.id),
            # After a crawl that ended early, what a page led to is not known yet: visit all.
            settled=settled_pages(archive.page_fetches(portal.id), known, since)
            if complete and not full
            else set(),
            signature=archive.page_signature(portal.id),
            coverage_baseline=coverage_baseline(archive, portal.id),
        )
    finally:
        archive.close()


def coverage_baseline(archive: Archive, portal_id: str) -> dict[str, float]:
    """What the portal's archive shows of each field, once it holds enough articles to say."""
    count, shares = archive.field_coverage(portal_id)
    return shares if count >= defaults.ALARM_MIN_ARTICLES_FOR_COVERAGE else {}


def settled_pages(
    fetches: Iterable[tuple[str, int, str | None, str]],
    articles: Mapping[str, str],
    since: datetime,
) -> set[str]:
    """Url keys of pages an incremental crawl need not visit: not articles, leading to no
    article in any crawl (`fetches`, oldest first), directly or through the pages they led to (a
    listing leads to its articles, or to its next page that does), and last fetched since
    `since`. Pages whose newest answer was 404 or 410 are settled too. The rest of the site
    (introductions, contact and search pages, dead navigation) is visited again once the
    revisit window has passed."""
    latest: dict[str, tuple[int, str]] = {}
    led_here: dict[str, set[str]] = {}
    for url, status, referer, fetched_at in fetches:
        key = url_key(url)
        latest[key] = (status, fetched_at)
        if referer:
            led_here.setdefault(key, set()).add(url_key(referer))
    leading = set()
    frontier = [key for key in latest if key in articles]
    while frontier:
        for referer in led_here.get(frontier.pop(), ()):
            if referer not in leading:
                leading.add(referer)
                frontier.append(referer)
    recent = since.isoformat()
    return {
        key
        for key, (status, fetched_at) in latest.items()
        if key not in articles
        and key not in leading
        and status in SETTLED_STATUSES
        and fetched_at >= recent
    }


# A page that answered, or a page that is gone; not one that failed (it is tried again).
SETTLED_STATUSES = frozenset({200, 404, 410})


def last_crawl_gave_up(archive: Archive, portal_id: str) -> bool:
    """A crawl that gave up on a host in an outage ended early: walk the listings again."""
    crawls = archive.recent_crawls(portal_id, 1)
    return bool(crawls and (crawls[0]["stats"] or {}).get(keys.HOSTS_GIVEN_UP))


@dataclass(frozen=True)
class CrawlOptions:
    """How one crawl runs: what the CLI's options say, typed, in one value."""

    full: bool = False  # walk and fetch everything, archived articles and settled pages too
    revalidate: bool = False  # re-fetch archived articles with conditional GET
    older_than: timedelta | None = None  # ... only those last fetched before this
    polite: bool = True  # False only for servers we run ourselves (the demo portal)
    max_pages: int | None = None
    contact: str | None = None  # goes into the User-Agent
    log_level: str = "INFO"
    overrides: Mapping[str, str] = field(default_factory=dict)  # settings at command-line priority


def crawl_settings(portal: Portal, db_path: str, options: CrawlOptions | None = None) -> Settings:
    """Scrapy's settings for one crawl: the project's defaults, then `options`."""
    options = options or CrawlOptions()
    polite, max_pages, contact = options.polite, options.max_pages, options.contact
    log_level, overrides = options.log_level, options.overrides
    settings = Settings()
    settings.setmodule("portal_archive.crawl.settings", priority="project")
    settings.set(
        "USER_AGENT", settings["USER_AGENT"].format(contact=contact or settings["CONTACT"])
    )
    settings.set("ARCHIVE_PATH", db_path)
    settings.set(
        "ARCHIVE_PORTAL",
        {
            "id": portal.id,
            "name": portal.name,
            "province": portal.province,
            "base_url": portal.base_url,
        },
    )
    settings.set("LOG_LEVEL", log_level)
    if max_pages:
        settings.set("CLOSESPIDER_PAGECOUNT", max_pages)
    if not polite:
        # Only for servers we run ourselves (the demo portal): no delay, full concurrency.
        settings.set("AUTOTHROTTLE_ENABLED", False)
        settings.set("DOWNLOAD_DELAY", 0)
        settings.set("CONCURRENT_REQUESTS", 16)
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 16)
        settings.set("RETRY_BACKOFF_BASE", 0.1)
        # A server we run has no outage worth minutes of waiting.
        settings.set("HOST_PAUSE_BASE", 0.5)
        settings.set("HOST_OUTAGE_BUDGET", 10)
    settings.setdict(dict(overrides or {}), priority="cmdline")
    if polite and settings.getfloat("DOWNLOAD_DELAY") < MIN_POLITE_DELAY:
        # Scrapy 2.19 hands a host's whole queue to the downloader at once when the delay is
        # 0, whatever CONCURRENT_REQUESTS_PER_DOMAIN says: any delay keeps it one at a time.
        settings.set("DOWNLOAD_DELAY", MIN_POLITE_DELAY, priority="cmdline")
    return settings


MIN_POLITE_DELAY = 0.001  # seconds


def setting_overrides(text: str) -> dict[str, str]:
    """`NAME=VALUE NAME=VALUE` (the `PORTAL_ARCHIVE_SETTINGS` environment variable) as a dict."""
    pairs = [word.partition("=") for word in text.split()]
    bad = [name for name, sign, _ in pairs if not sign or not name.isupper()]
    if bad:
        raise ValueError(f"{SETTINGS_ENV}: expected NAME=VALUE, got {' '.join(bad)}")
    return {name: value for name, _, value in pairs}


class WithoutTraceback(logging.Filter):
    """Scrapy logs a failed robots.txt fetch with a traceback; its message already says why."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


def run_crawl(portal: Portal, db_path: str, options: CrawlOptions | None = None) -> CrawlResult:
    """Crawl `portal` into the archive at `db_path`; blocks until the crawl ends (see
    `run_crawls`, which this is for one portal)."""
    return run_crawls([(portal, options or CrawlOptions())], db_path)[0]


def run_crawls(jobs: Sequence[tuple[Portal, CrawlOptions]], db_path: str) -> list[CrawlResult]:
    """Crawl every portal of `jobs` into the archive at `db_path` at the same time, in this
    process; blocks until the last crawl ends and returns one result per job, in order.

    Each portal is a crawler of its own (its settings, politeness per host, robots.txt, circuit
    breaker, stats, alarms and `crawls` row), so one portal that fails or raises an alarm does
    not stop the others. They share the process's extraction workers and archive writer.
    Scrapy's reactor runs once per process, so this is called once per process (the CLI).
    Settings named in `PORTAL_ARCHIVE_SETTINGS` ("NAME=VALUE ...") apply to every job whose
    options carry no overrides of their own.
    """
    if len({portal.id for portal, _ in jobs}) != len(jobs):
        raise ValueError("each portal may be crawled once per run")
    jobs = with_env_overrides(jobs)
    started = start_crawlers(
        [planned_job(portal, options, db_path) for portal, options in jobs],
        jobs[0][1].log_level if jobs else "INFO",
    )
    return [
        crawl_result(portal, crawler, failures, db_path) for portal, crawler, failures in started
    ]


def planned(portal: Portal, options: CrawlOptions, db_path: str) -> CrawlPlan:
    """`plan_crawl` as `options` ask for it, with the revisit window of the crawl's settings
    (`REVISIT_SETTLED_DAYS`, which an operator may override like any other setting)."""
    days = crawl_settings(portal, db_path, options).getfloat("REVISIT_SETTLED_DAYS")
    return plan_crawl(
        portal,
        db_path,
        full=options.full,
        revalidate=options.revalidate,
        older_than=options.older_than,
        revisit_after=timedelta(days=days),
    )


def planned_job(portal: Portal, options: CrawlOptions, db_path: str) -> CrawlJob:
    """One portal's crawler as the archive plans it: its settings (with the coverage the
    portal's history shows, for the alarms) and its spider's arguments."""
    plan = planned(portal, options, db_path)
    settings = crawl_settings(portal, db_path, options)
    settings.set("ALARM_COVERAGE_BASELINE", plan.coverage_baseline)
    return CrawlJob(portal, settings, plan.spider_arguments())


def with_env_overrides(
    jobs: Sequence[tuple[Portal, CrawlOptions]],
) -> list[tuple[Portal, CrawlOptions]]:
    """Settings named in `PORTAL_ARCHIVE_SETTINGS` apply to every job without overrides."""
    env = setting_overrides(os.environ.get(SETTINGS_ENV, ""))
    return [(p, o if o.overrides else replace(o, overrides=env)) for p, o in jobs]


@dataclass
class CrawlJob:
    """One portal's crawler: its settings, spider arguments and spider class."""

    portal: Portal
    settings: Settings
    spider_arguments: dict[str, Any]
    spider_class: type[SharePointSpider] = SharePointSpider


def start_crawlers(
    jobs: Sequence[CrawlJob], log_level: str
) -> list[tuple[Portal, Crawler, list[Failure]]]:
    """Run one crawler per job in this process's reactor until the last one ends."""
    process: CrawlerProcess | None = None
    started: list[tuple[Portal, Crawler, list[Failure]]] = []
    for job in jobs:
        first = process is None
        if process is None:
            # The process's own settings are merged into every crawler over its own at equal
            # priority: they carry only what is the process's (logging), never a portal's.
            process = CrawlerProcess({"LOG_LEVEL": log_level})
            logging.getLogger("scrapy.downloadermiddlewares.robotstxt").addFilter(
                WithoutTraceback()
            )
        crawler = Crawler(job.spider_class, job.settings, init_reactor=first)
        failures: list[Failure] = []
        done = process.crawl(
            crawler,
            portal_id=job.portal.id,
            start_urls=job.portal.start_urls,
            hosts=job.portal.hosts,
            **job.spider_arguments,
        )
        done.addErrback(failures.append)
        started.append((job.portal, crawler, failures))
    if process is not None:
        process.start()
    return started


def crawl_outcome(portal_id: str, stats: Mapping[str, Any], failed: bool) -> tuple[str, list[str]]:
    """The `crawls` status of a crawl with these final stats, and its alarms (logged)."""
    reason = str(stats.get("finish_reason", "unknown"))
    status = "error" if failed else "ok" if reason in CLEAN_FINISH else reason
    alarms = alarm_messages(dict(stats))
    if stats.get(keys.WRITE_ERROR):
        status = "write_error"
    elif status != "error" and stats.get("downloader/response_count", 0) == 0:
        status = "no_response"
    elif status == "ok" and alarms:
        status = "alarm"
    for message in alarms:
        logger.error("ALARM %s: %s", portal_id, message)
    return status, alarms


def keep_structure(archive: Archive, portal_id: str, crawl_id: int, spider: Any) -> None:
    """What the crawl learned of the portal's article pages, for the next crawl, and the misses
    it could judge only at its end (`SharePointSpider.judge_pending`)."""
    if not isinstance(spider, SharePointSpider):
        return
    archive.save_page_signature(portal_id, spider.signature.rows())
    archive.mark_unextracted(crawl_id, spider.late_unextracted)


def crawl_result(
    portal: Portal, crawler: Crawler, failures: list[Failure], db_path: str
) -> CrawlResult:
    """What one portal's crawl came to, written to its `crawls` row."""
    stats = {
        k: v.isoformat() if isinstance(v, datetime) else v
        for k, v in (crawler.stats.get_stats() if crawler.stats else {}).items()
    }
    for failure in failures:  # the crawler could not start, or raised: logged by Scrapy too
        logger.error("crawl of %s failed: %s", portal.id, failure.getErrorMessage())
    status, alarms = crawl_outcome(portal.id, stats, failed=bool(failures))
    crawl_id = int(stats[keys.CRAWL_ID]) if keys.CRAWL_ID in stats else None
    if crawl_id is not None:
        archive = Archive(db_path)
        try:
            keep_structure(archive, portal.id, crawl_id, crawler.spider)
            archive.finish_crawl(int(crawl_id), status, stats)
        finally:
            archive.close()
    return CrawlResult(crawl_id, status, stats, alarms, portal_id=portal.id)
