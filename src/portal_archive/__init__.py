"""portal-archive: crawl SharePoint government portals into a searchable SQLite archive.

The parts: `extract` (pure: HTML to `Article`), `crawl` (everything Scrapy), `archive`
(SQLite storage and the Datasette face), `registry` (the portals), `cli` (the command).
"""
