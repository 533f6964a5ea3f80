"""Crawl health alarms as spidermon monitors, run when the spider closes.

Each alarm is a failed monitor; `RecordAlarms` copies their messages into the crawl's stats
(`alarm/messages`), from where `runner` turns them into log lines, the crawls row and
the CLI's exit code 4. Thresholds are Scrapy settings (the CLI sets them from its options).
"""

from __future__ import annotations

from typing import Any

from spidermon import Monitor, MonitorSuite, monitors
from spidermon.core.actions import Action

from portal_archive import stats as keys
from portal_archive.crawl.addresses import REFUSED_EXCEPTION_STAT
from portal_archive.extract.page_kind import ERROR, PAGE_KINDS

ALARM_STAT = keys.ALARMS
# Pages that gave an article or look like they should have (by URL or by structure), and those
# of them that gave no article (recorded as `unextracted` fetches).
ARTICLE_LIKE_PAGES = keys.ARTICLE_LIKE_PAGES
UNEXTRACTED_PAGES = keys.UNEXTRACTED_PAGES


def _stat(monitor: Monitor, key: str) -> int:
    return int(monitor.data.stats.get(key, 0) or 0)


def _setting(monitor: Monitor, key: str) -> float:
    return float(monitor.data.crawler.settings.getfloat(key))


def _warn(monitor: Monitor, message: str) -> None:
    """A note for the operator that is no alarm: kept in the stats, shown by the CLI."""
    stats = monitor.data.crawler.stats
    stats.set_value(keys.WARNINGS, [*(stats.get_value(keys.WARNINGS) or []), message])


@monitors.name("Portal health")
class PortalHealthMonitor(Monitor):  # type: ignore[misc]
    @monitors.name("articles found")
    def test_articles_found(self) -> None:
        """A layout change shows as pages fetched and no article extracted from them."""
        if self.data.stats.get("finish_reason") == "closespider_pagecount":
            return  # cut short by --max-pages: the articles may lie behind the cut
        extracted = _stat(self, keys.ARTICLES_EXTRACTED)
        lost = _stat(self, keys.KNOWN_ARTICLES_LOST)
        # New pages, and pages that answered an error: a portal whose links all lead to 404s
        # has no article anywhere either.
        unknown = _stat(self, keys.UNKNOWN_PAGES) + _stat(self, keys.page_kind(ERROR))
        minimum = int(_setting(self, "ALARM_MIN_UNKNOWN_PAGES"))
        if extracted == 0 and (lost > 0 or unknown >= minimum):
            self.fail(
                f"no article extracted from {unknown} new pages"
                + (f" and {lost} archived articles no longer extract" if lost else "")
                + ": the portal's layout may have changed"
            )

    @monitors.name("article pages extract")
    def test_article_pages_extract(self) -> None:
        """Pages that look like article pages (by URL or built like the portal's articles) and
        give no article are extraction misses: a few are tolerable (an empty post), a fifth of
        the article pages is a portal the extractor does not understand."""
        looked = _stat(self, ARTICLE_LIKE_PAGES)
        if looked < int(_setting(self, "ALARM_MIN_ARTICLE_LIKE_PAGES")):
            return
        missed = _stat(self, UNEXTRACTED_PAGES)
        ceiling = _setting(self, "ALARM_MAX_UNEXTRACTED_RATE")
        if missed / looked > ceiling:
            self.fail(
                f"{missed} of {looked} pages that look like articles gave no article "
                f"({missed / looked:.0%}, above the {ceiling:.0%} ceiling): "
                "see the unextracted_pages query"
            )

    @monitors.name("extractor does not crash")
    def test_extractor_does_not_crash(self) -> None:
        """Each crash is a page lost to a bug of ours until `reextract` runs a fixed release."""
        crashes = _stat(self, keys.EXTRACTOR_ERRORS)
        if crashes > int(_setting(self, "ALARM_MAX_EXTRACTOR_ERRORS")):
            last = self.data.stats.get(keys.EXTRACTOR_ERROR_LAST, "")
            self.fail(
                f"the extractor crashed on {crashes} pages (last: {last}): "
                "see the unextracted_pages query; `portal-archive reextract` retries them"
            )

    @monitors.name("archived articles still extract")
    def test_known_articles_extract(self) -> None:
        refetched = _stat(self, keys.KNOWN_ARTICLES_REFETCHED)
        lost = _stat(self, keys.KNOWN_ARTICLES_LOST)
        if refetched >= 5 and lost / refetched > 0.5:
            self.fail(f"{lost} of {refetched} archived articles no longer extract as articles")

    @monitors.name("field coverage")
    def test_field_coverage(self) -> None:
        """Judged against the portal's own history (`ALARM_COVERAGE_BASELINE`: the share of
        its archived articles with the field): a portal that never shows an author is healthy
        without one. A drop of more than `ALARM_MAX_COVERAGE_DROP` below what it showed
        alarms; a portal without history is only warned about below the fixed floors."""
        extracted = _stat(self, keys.ARTICLES_EXTRACTED)
        if extracted < int(_setting(self, "ALARM_MIN_ARTICLES_FOR_COVERAGE")):
            return
        settings = self.data.crawler.settings
        baseline = settings.getdict("ALARM_COVERAGE_BASELINE")
        drop = _setting(self, "ALARM_MAX_COVERAGE_DROP")
        failed = []
        for field in ("date", "author"):
            coverage = _stat(self, keys.articles_with(field)) / extracted
            if field in baseline:
                before = float(baseline[field])
                if coverage < before - drop:
                    failed.append(
                        f"{field} found on {coverage:.0%} of articles, down from the "
                        f"{before:.0%} of the portal's archived articles"
                    )
                continue
            floor = _setting(self, f"ALARM_MIN_{field.upper()}_COVERAGE")
            if coverage < floor:
                _warn(
                    self,
                    f"{field} found on {coverage:.0%} of articles (first crawl of the portal: "
                    f"its baseline from now on; the usual floor is {floor:.0%})",
                )
        if failed:
            self.fail("; ".join(failed))

    @monitors.name("pages answer")
    def test_pages_answer(self) -> None:
        """A dead portal answers (nearly) every page with an error, a 404 or a page that says
        it is not there; whatever else it does, that is no healthy crawl."""
        pages = sum(_stat(self, keys.page_kind(kind)) for kind in PAGE_KINDS)
        if pages < int(_setting(self, "ALARM_MIN_PAGES_FOR_ERROR_RATE")):
            return
        errors = _stat(self, keys.page_kind(ERROR))
        ceiling = _setting(self, "ALARM_MAX_PAGE_ERROR_RATE")
        if errors / pages >= ceiling:
            self.fail(
                f"{errors} of {pages} pages answered with an error ({errors / pages:.0%}, "
                f"at or above {ceiling:.0%}): the portal may be gone or moved"
            )

    @monitors.name("hosts answering")
    def test_hosts_answering(self) -> None:
        given_up = self.data.stats.get(keys.HOSTS_GIVEN_UP) or []
        if given_up:
            dropped = _stat(self, keys.REQUESTS_DROPPED_HOST_DOWN)
            lasted = _stat(self, keys.OUTAGE_SECONDS)
            self.fail(
                f"gave up on {', '.join(given_up)} after it failed for {lasted}s in a row "
                f"({dropped} requests not sent; the next crawl resumes)"
            )

    @monitors.name("error rate")
    def test_error_rate(self) -> None:
        """Attempts that failed during an outage the crawl rode out
        (`OUTAGE_FAILURES_RIDDEN_OUT`, the first ones before the host was paused included) are
        not counted; a host given up on has its own alarm."""
        if self.data.stats.get(keys.HOSTS_GIVEN_UP):
            return
        ridden_out = _stat(self, keys.OUTAGE_FAILURES_RIDDEN_OUT)
        requests = _stat(self, "downloader/request_count") - ridden_out
        if requests < 10:
            return
        failed = -ridden_out + sum(
            _stat(self, key)
            for key in self.data.stats
            if key.startswith("downloader/response_status_count/5")
            or key == "downloader/exception_count"
            or key == "spider_exceptions/count"
        )
        failed -= _stat(self, REFUSED_EXCEPTION_STAT)  # refusals (issue 18) are no failures
        ceiling = _setting(self, "ALARM_MAX_ERROR_RATE")
        rate = failed / requests
        self.assertLessEqual(
            rate, ceiling, msg=f"{rate:.0%} of requests failed, above the {ceiling:.0%} ceiling"
        )


class RecordAlarms(Action):  # type: ignore[misc]
    """Keeps the failed monitors' messages in the stats for the CLI and the crawls row."""

    def run_action(self) -> None:
        messages: list[str] = [
            str(result.reason).split("\n")[0]
            for result in self.result.monitors_failed_results
            if result.reason
        ]
        self.data.crawler.stats.set_value(ALARM_STAT, messages)


class CrawlHealth(MonitorSuite):  # type: ignore[misc]
    monitors = [PortalHealthMonitor]  # noqa: RUF012 (spidermon reads class lists)
    monitors_failed_actions = [RecordAlarms]  # noqa: RUF012


def alarm_messages(stats: dict[str, Any]) -> list[str]:
    return list(stats.get(ALARM_STAT) or [])


def warning_messages(stats: dict[str, Any]) -> list[str]:
    return list(stats.get(keys.WARNINGS) or [])
