"""Scrapy settings for portal-archive: polite by default, every deviation from Scrapy's
defaults commented. The CLI layers its options on top (`runner.crawl_settings`)."""

BOT_NAME = "portal-archive"
SPIDER_MODULES = ["portal_archive.crawl.spiders"]
NEWSPIDER_MODULE = "portal_archive.crawl.spiders"

# Who we are and how to reach us: government webmasters should be able to tell an archive
# from an attack. `--contact` (or PORTAL_ARCHIVE_CONTACT) fills the contact in.
USER_AGENT = "portal-archive/0.1 (web archive of public government portals; +{contact})"
CONTACT = "https://github.com/portal-archive/portal-archive"

ROBOTSTXT_OBEY = True  # Scrapy's default is False.

# One request at a time per host with a delay, adapted by AutoThrottle to the server's latency:
# provincial servers are small and shared.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Retries wait with exponential backoff and honour Retry-After (portal_archive.crawl.middlewares).
RETRY_TIMES = 3
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 120.0
DOWNLOADER_MIDDLEWARES = {
    # First of all (before robots.txt, 100): a URL the crawl may not fetch goes no further.
    "portal_archive.crawl.request_guard.RequestGuard": 50,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "portal_archive.crawl.middlewares.BackoffRetryMiddleware": 550,
    # Nearer the downloader than retries: it sees every attempt, and stops retries too.
    "portal_archive.crawl.middlewares.HostCircuitBreaker": 560,
    "portal_archive.crawl.middlewares.CertificateWatch": 570,
    # After HttpCompressionMiddleware (590) inflates the body, before MetaRefreshMiddleware
    # (580) decodes it: the one decoding of the page, which the spider hands on.
    "portal_archive.crawl.middlewares.UndeclaredCharset": 585,
}
# A host that keeps failing is paused, probed, and given up on only after an outage budget
# (issue 9): small provincial servers go down for a minute or two.
HOST_MAX_FAILURES = 20  # failed attempts in a row (retries included) before the host is paused
HOST_OUTAGE_BUDGET = 600  # seconds a host may keep failing before the crawl gives up on it
HOST_PAUSE_BASE = 5.0  # first pause of a failing host; doubles after each failed probe
HOST_PAUSE_MAX = 120.0  # longest pause between probes of a host that is down
DOWNLOAD_TIMEOUT = 60
REDIRECT_MAX_TIMES = 10  # Scrapy's default is 20: a loop costs a portal fewer requests
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024  # attachments can be large; pages never are this big

# What the crawler may reach (issue 18, docs/reliability.md "Security"). Only http and https:
# Scrapy's handlers for file:, s3:, ftp: and data: are off, since a portal page must never make
# the crawler read the machine's files or other services. http and https connect only to public
# addresses, the portal's own, and the networks below (a `data:` image is decoded from its page).
DOWNLOAD_HANDLERS = {
    "file": None,
    "s3": None,
    "ftp": None,
    "data": None,
    "http": "portal_archive.crawl.downloads.GuardedDownloadHandler",
    "https": "portal_archive.crawl.downloads.GuardedDownloadHandler",
}
# Non-public networks (CIDRs, comma-separated on the command line) the crawl may also reach:
# for an intranet portal's neighbours (its image server, say). The portal's own addresses need
# no entry; loopback, private, link-local, shared, multicast and reserved addresses are
# otherwise refused.
ALLOWED_PRIVATE_NETWORKS: list[str] = []

# `/Pages/x.aspx`, `/pages/X.aspx?Source=...` are one page on IIS.
REQUEST_FINGERPRINTER_CLASS = "portal_archive.crawl.fingerprint.PortalRequestFingerprinter"

ITEM_PIPELINES = {
    "portal_archive.crawl.pipelines.ArchivePipeline": 300,
}

COOKIES_ENABLED = True  # SharePoint postback pagers may tie the view state to a session.
TELNETCONSOLE_ENABLED = False  # nothing should listen on a port the operator did not ask for
# Scrapy 2.19 on by default: an HTTP server on a local port that runs any code sent with its
# token (issue 9). Same reason as the telnet console.
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# Crawl health alarms (portal_archive.crawl.monitors), run by spidermon when the spider closes.
SPIDERMON_ENABLED = True
EXTENSIONS = {
    "spidermon.contrib.scrapy.extensions.Spidermon": 500,
    "portal_archive.crawl.progress.Progress": 600,
}
SPIDERMON_SPIDER_CLOSE_MONITORS = ("portal_archive.crawl.monitors.CrawlHealth",)
ALARM_MIN_UNKNOWN_PAGES = 3
ALARM_MIN_ARTICLES_FOR_COVERAGE = 10
# Field coverage is judged against the portal's own history (issue 19, docs/reliability.md):
# the share of its archived articles with the field (`runner.coverage_baseline`, set per
# crawl). A crawl whose coverage falls more than ALARM_MAX_COVERAGE_DROP below it alarms; a
# portal with no history yet is only warned about below these floors.
ALARM_COVERAGE_BASELINE: dict[str, float] = {}
ALARM_MAX_COVERAGE_DROP = 0.25
ALARM_MIN_DATE_COVERAGE = 0.8
ALARM_MIN_AUTHOR_COVERAGE = 0.3
# A dead portal: at least this many pages fetched and this share of them errors (4xx, 5xx, no
# answer, a page saying "not found").
ALARM_MIN_PAGES_FOR_ERROR_RATE = 10
ALARM_MAX_PAGE_ERROR_RATE = 0.8
ALARM_MAX_ERROR_RATE = 0.25
# Pages that look like articles (urls.looks_like_article) but give none: alarm above
# this share, once at least this many such pages were fetched.
ALARM_MAX_UNEXTRACTED_RATE = 0.2
ALARM_MIN_ARTICLE_LIKE_PAGES = 5
# Extractor crashes tolerated in one crawl before it alarms: each is a bug of ours, recorded as an
# `extractor_error` fetch and retried by `reextract`, but more than a handful is a broken release.
ALARM_MAX_EXTRACTOR_ERRORS = 5

# Crawler traps (issue 9, links.TrapGuard): links whose query differs only in a date, an
# opaque token or a large number (a day calendar `?ngay=2024-05-14`, `?token=...`) are followed
# for this many spellings per path and shape, and through chains of at most this many such
# pages. Paging (`?Page=N`, `PageFirstRow=N`) and item ids (`?ItemID=`, `?nid=`) are never bounded.
TRAP_MAX_VARIANTS = 5
TRAP_MAX_DEPTH = 5

# Incremental crawls: a listing stops paging once it shows this many archived articles in a row.
INCREMENTAL_STOP_AFTER = 10

# Every response reaches the spider, whatever its status: 404/410 mark archived articles gone,
# 304 answers a revalidation, and every fetch is recorded as provenance (`fetches`).
HTTPERROR_ALLOW_ALL = True

# Scrapy starts CONCURRENT_ITEMS tasks for every response's output; our pipeline is synchronous
# (it hands batches to a writer thread), so 100 tasks per page were pure overhead (~8% of CPU).
CONCURRENT_ITEMS = 8

# Extraction runs in this many worker processes (0: in the crawler's own thread). At polite
# speeds one worker is plenty; it keeps the reactor free to fetch and store.
EXTRACT_WORKERS = 1

# Pages that led to no article (introductions, contact pages, dead navigation) are visited again
# by incremental crawls once this many days have passed, not on every run (issue 9).
REVISIT_SETTLED_DAYS = 30

# The archive writer commits a batch of items every this many items or seconds, whichever first.
ARCHIVE_BATCH_SIZE = 100
ARCHIVE_BATCH_SECONDS = 2.0
# The progress line on a terminal (never in a pipe or under cron), refreshed this often.
PROGRESS_ENABLED = True
PROGRESS_INTERVAL = 1.0

# Scale-out workers (`portal-archive worker`, crawl/frontier.py). A worker refreshes its alive key
# in Redis every second or so; once it has been silent this many seconds it counts as dead and
# any worker puts the requests it held back in the queue.
FRONTIER_LEASE_TTL = 15.0
# A worker stops once the shared frontier (every queue, every worker's requests in flight) has
# been empty this many seconds (`worker --idle-timeout` overrides it).
FRONTIER_IDLE_TIMEOUT = 60.0
