"""Explicit schema of the archive as named migrations (sqlite-utils `Migrations`).

Never rename a column of the public tables (portals, articles, images, article_images,
attachments, crawls): JSON API consumers build on them. Add new migrations at the end.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

from portal_archive.archive.textnorm import vi_fold

migrations = Migrations("portal-archive")

# Columns of an article that form its content (and its versions). Fetch times are not content.
CONTENT_COLUMNS = (
    "title",
    "published",
    "published_raw",
    "category",
    "author",
    "summary",
    "body_text",
    "body_html",
    "source",  # migration 0008; left out of content hashes while empty (archive.store)
)
FTS_COLUMNS = ("title", "summary", "body_text", "search_folded")
FTS_TOKENIZE = "unicode61 remove_diacritics 2"

_TABLES = """
CREATE TABLE portals (
    id TEXT PRIMARY KEY,
    name TEXT,
    province TEXT,
    base_url TEXT
);
CREATE TABLE crawls (
    id INTEGER PRIMARY KEY,
    portal_id TEXT REFERENCES portals(id),
    started_at TEXT,
    finished_at TEXT,
    status TEXT,
    stats TEXT
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    portal_id TEXT REFERENCES portals(id),
    title TEXT,
    published TEXT,
    published_raw TEXT,
    date_source TEXT,
    category TEXT,
    author TEXT,
    summary TEXT,
    body_text TEXT,
    body_html TEXT,
    view_count INTEGER,
    family TEXT,
    excerpt TEXT,
    published_month TEXT,
    first_seen TEXT,
    last_fetched TEXT,
    content_hash TEXT,
    version_count INTEGER NOT NULL DEFAULT 1,
    gone_at TEXT,
    crawl_id INTEGER,
    search_folded TEXT
);
CREATE INDEX idx_articles_portal_published ON articles(portal_id, published);
CREATE INDEX idx_articles_published ON articles(published);
CREATE INDEX idx_articles_category ON articles(category);
CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    version INTEGER NOT NULL,
    fetched_at TEXT,
    title TEXT,
    published TEXT,
    published_raw TEXT,
    category TEXT,
    author TEXT,
    summary TEXT,
    body_text TEXT,
    body_html TEXT,
    images TEXT,
    attachments TEXT,
    content_hash TEXT,
    UNIQUE (article_id, version)
);
CREATE TABLE images (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    url TEXT,
    mime TEXT,
    width INTEGER,
    height INTEGER,
    bytes INTEGER,
    content BLOB,
    thumbnail BLOB,
    thumbnail_mime TEXT
);
CREATE INDEX idx_images_url ON images(url);
CREATE TABLE article_images (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    image_id INTEGER REFERENCES images(id),
    url TEXT,
    caption TEXT,
    alt TEXT,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX idx_article_images_url ON article_images(url);
CREATE INDEX idx_article_images_image ON article_images(image_id);
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    url TEXT,
    title TEXT,
    mime TEXT,
    bytes INTEGER,
    sha256 TEXT,
    content BLOB,
    UNIQUE (article_id, position)
);
CREATE INDEX idx_attachments_url ON attachments(url);
"""


def _fts_sql() -> str:
    """The articles FTS table and triggers that keep it in step with the content columns.

    Hand-written rather than `enable_fts(create_triggers=True)` so that the update trigger fires
    only when indexed columns change: touching `last_fetched` on every re-crawl must not re-index.
    """
    cols = ", ".join(FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    delete = (
        f"INSERT INTO articles_fts(articles_fts, rowid, {cols}) VALUES('delete', old.id, {old});"
    )
    insert = f"INSERT INTO articles_fts(rowid, {cols}) VALUES (new.id, {new});"
    return f"""
CREATE VIRTUAL TABLE articles_fts USING FTS5 (
    {cols},
    tokenize='{FTS_TOKENIZE}',
    content="articles", content_rowid="id"
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN {insert} END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN {delete} END;
CREATE TRIGGER articles_au AFTER UPDATE OF {cols} ON articles BEGIN {delete} {insert} END;
"""


@migrations(name="0001_initial_schema")
def m0001_initial_schema(db: Database) -> None:
    """Public tables of issue 2 plus versions (issue 5) and the articles search index."""
    for statement in _statements(_TABLES + _fts_sql()):
        db.execute(statement)


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (executescript would commit mid-migration)."""
    out: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if pending.strip() and sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    return out


@migrations(name="0002_caption_and_attachment_search")
def m0002_caption_and_attachment_search(db: Database) -> None:
    """Captions and attachment titles searchable (datasette-search-all searches every FTS table)."""
    db.table("article_images").enable_fts(
        ["caption", "alt"], tokenize=FTS_TOKENIZE, create_triggers=True, replace=True
    )
    db.table("attachments").enable_fts(
        ["title"], tokenize=FTS_TOKENIZE, create_triggers=True, replace=True
    )


@migrations(name="0003_fetches")
def m0003_fetches(db: Database) -> None:
    """Provenance of every fetch (issue 5 section 3)."""
    db.execute(
        """CREATE TABLE fetches (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            status INTEGER,
            headers TEXT,
            etag TEXT,
            last_modified TEXT,
            bytes INTEGER,
            payload_sha256 TEXT,
            crawl_id INTEGER REFERENCES crawls(id)
        )"""
    )
    db.execute("CREATE INDEX idx_fetches_url ON fetches(url, fetched_at)")


@migrations(name="0004_captures")
def m0004_captures(db: Database) -> None:
    """Raw payloads (zstd, one row per distinct sha256), fetch methods, and edit times.

    `articles.changed_at` is when the current content was first fetched after an edit (NULL for
    an article never edited); rows edited before this migration get their last fetch time.
    """
    db.execute("ALTER TABLE fetches ADD COLUMN method TEXT NOT NULL DEFAULT 'GET'")
    db.execute("CREATE INDEX idx_fetches_crawl ON fetches(crawl_id, status)")
    db.execute(
        """CREATE TABLE captures (
            sha256 TEXT PRIMARY KEY,
            bytes INTEGER NOT NULL,
            content BLOB NOT NULL
        )"""
    )
    db.execute("ALTER TABLE articles ADD COLUMN changed_at TEXT")
    # Hand-written: a back-fill of every edited row from its own column, in one statement.
    db.execute("UPDATE articles SET changed_at = last_fetched WHERE version_count > 1")
    db.execute("CREATE INDEX idx_articles_changed_at ON articles(changed_at)")


# Captions (with alt text) and attachment titles get a folded copy, indexed next to the text:
# FTS5 never folds đ, so "dong van" must find "Đồng Văn" through the copy.
MEDIA_FTS = {
    "article_images": ("caption", "alt", "search_folded"),
    "attachments": ("title", "search_folded"),
}


def _media_fts_sql(table: str, columns: tuple[str, ...]) -> list[str]:
    """FTS table in sqlite-utils' shape (Datasette detects `content=[table]`) plus triggers.

    The update trigger fires only when indexed columns change: linking an image's bytes
    (`image_id`) must not re-index its caption.
    """
    cols = ", ".join(f"[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    fts = f"[{table}_fts]"
    delete = f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});"
    insert = f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});"
    # Hand-written FTS5 table, commands and triggers: why not `enable_fts()`, see above.
    return [
        f"CREATE VIRTUAL TABLE {fts} USING FTS5 ({cols}, tokenize='{FTS_TOKENIZE}', "
        f"content=[{table}])",
        f"INSERT INTO {fts}({fts}) VALUES('rebuild')",
        f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN {insert} END",
        f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN {delete} END",
        f"CREATE TRIGGER [{table}_au] AFTER UPDATE OF {cols} ON [{table}] "
        f"BEGIN {delete} {insert} END",
    ]


def fold_media_sql(table: str) -> str:
    """Expression of a media row's folded copy, given a `vi_fold` SQL function."""
    text = " || ' ' || ".join(f"coalesce({c}, '')" for c in MEDIA_FTS[table][:-1])
    return f"vi_fold({text})"


@migrations(name="0005_folded_media_search")
def m0005_folded_media_search(db: Database) -> None:
    """Folded copies of captions and attachment titles, back-filled and indexed (issue 4)."""
    db.conn.create_function("vi_fold", 1, vi_fold, deterministic=True)
    for table, columns in MEDIA_FTS.items():
        for suffix in ("ai", "ad", "au"):
            db.execute(f"DROP TRIGGER IF EXISTS [{table}_{suffix}]")
        db.execute(f"DROP TABLE IF EXISTS [{table}_fts]")
        db.execute(f"ALTER TABLE [{table}] ADD COLUMN search_folded TEXT")
        # Hand-written: a back-fill of every row through the vi_fold SQL function.
        db.execute(f"UPDATE [{table}] SET search_folded = {fold_media_sql(table)}")
        for statement in _media_fts_sql(table, columns):
            db.execute(statement)


@migrations(name="0006_published_month_index")
def m0006_published_month_index(db: Database) -> None:
    """The default `published_month` facet of the articles list reads this small index instead
    of every row (157 -> ~7 ms at 100,000 articles)."""
    db.execute("CREATE INDEX idx_articles_published_month ON articles(published_month)")


# The image (its `images.id`) at position 0 of an article, once its bytes are stored: what the
# listing pages show as a thumbnail without a per-row lookup.
LEAD_IMAGE_SQL = (
    "SELECT image_id FROM article_images WHERE article_id = articles.id AND position = 0"
)


@migrations(name="0007_lead_image")
def m0007_lead_image(db: Database) -> None:
    """`articles.lead_image_id`, back-filled; `Archive` keeps it in step on every write."""
    db.execute("ALTER TABLE articles ADD COLUMN lead_image_id INTEGER")
    # Hand-written: a back-fill of every row by a correlated subquery.
    db.execute(f"UPDATE articles SET lead_image_id = ({LEAD_IMAGE_SQL})")


@migrations(name="0008_unextracted_pages_and_source")
def m0008_unextracted_pages_and_source(db: Database) -> None:
    """Issue 8: `fetches.reason` says why a fetch of a page stored no article (`unextracted`:
    it looks like an article detail page but the extractor found none), so that misses show
    and `reextract` retries them; `articles.source` (and in versions) keeps the credited
    origin ("Theo: ...", "Nguồn: ...")."""
    db.execute("ALTER TABLE fetches ADD COLUMN reason TEXT")
    db.execute("CREATE INDEX idx_fetches_reason ON fetches(reason) WHERE reason IS NOT NULL")
    db.execute("ALTER TABLE articles ADD COLUMN source TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE article_versions ADD COLUMN source TEXT NOT NULL DEFAULT ''")


@migrations(name="0009_fetch_referer")
def m0009_fetch_referer(db: Database) -> None:
    """Issue 9: `fetches.referer` is the page whose link led to the fetch. Pages that led to no
    article (introductions, contact pages, dead navigation) are then known as settled, and an
    incremental crawl revisits them on a slow schedule instead of every run."""
    db.execute("ALTER TABLE fetches ADD COLUMN referer TEXT")


@migrations(name="0010_web_archive_imports")
def m0010_web_archive_imports(db: Database) -> None:
    """Issue 12: fetches imported from web archive files (WARC, WACZ) say where they came from
    (`source_file`, `source_offset` of the record); `warc_imports` keeps, per file (by its
    fingerprint), the offset up to which its records are committed, so that a killed import
    resumes there and a finished one is not read again; `warc_payloads` maps a record's
    `WARC-Payload-Digest` to the capture it holds, so that revisit records find their payload."""
    db.execute("ALTER TABLE fetches ADD COLUMN source_file TEXT")
    db.execute("ALTER TABLE fetches ADD COLUMN source_offset INTEGER")
    db.execute(
        """CREATE TABLE warc_imports (
            fingerprint TEXT PRIMARY KEY,
            source_file TEXT NOT NULL,
            next_offset INTEGER NOT NULL DEFAULT 0,
            records INTEGER NOT NULL DEFAULT 0,
            damaged INTEGER NOT NULL DEFAULT 0,
            finished_at TEXT,
            crawl_id INTEGER
        )"""
    )
    db.execute(
        """CREATE TABLE warc_payloads (
            digest TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL
        )"""
    )


# Issue 13: the entities named in articles (people, organisations, places), and per article the
# JSON arrays that Datasette facets on (`_facet_array=`), the place it is mapped at and the
# content hash it was tagged at (so a crawl tags only its new and changed articles).
ENTITY_FACET_COLUMNS = (
    "people",
    "organisations",
    "places",
    "provinces",
    "provinces_2025",
    "districts",
)


@migrations(name="0011_entities")
def m0011_entities(db: Database) -> None:
    """Issue 13: `entities`, `article_entities`, `entity_positions`, the facet columns and the
    `article_map` view (datasette-cluster-map draws any table with latitude/longitude)."""
    db.executescript(
        """
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    normalized TEXT NOT NULL,
    admin_code TEXT,
    level TEXT,
    lat REAL,
    lon REAL,
    successor_code TEXT,
    era TEXT,
    short_name TEXT,
    province TEXT,
    district TEXT,
    successors TEXT,
    key TEXT NOT NULL UNIQUE
);
CREATE INDEX idx_entities_kind_normalized ON entities(kind, normalized);
CREATE INDEX idx_entities_short ON entities(level, short_name);
CREATE INDEX idx_entities_successor ON entities(successor_code);
CREATE TABLE article_entities (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX idx_article_entities_entity ON article_entities(entity_id, article_id);
CREATE TABLE entity_positions (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    position TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_id, position)
);
CREATE INDEX idx_entity_positions_entity ON entity_positions(entity_id);
"""
    )
    for column in ENTITY_FACET_COLUMNS:
        db.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN place_entity_id INTEGER")
    db.execute("ALTER TABLE articles ADD COLUMN enriched_hash TEXT")
    db.execute(
        """CREATE VIEW article_map AS
SELECT a.id, a.title, a.published, a.portal_id, e.name AS place, e.id AS place_id,
  e.lat AS latitude, e.lon AS longitude
FROM articles a JOIN entities e ON e.id = a.place_entity_id
WHERE e.lat IS NOT NULL"""
    )


@migrations(name="0012_page_kinds")
def m0012_page_kinds(db: Database) -> None:
    """Issue 19: every fetched page has a kind (`fetches.page_kind`: article, document,
    listing, home, other, error; `extract.page_kind`) and the evidence for it (`kind_reason`);
    `articles.kind` tells document notices from news; `page_signatures` keeps, per portal, the
    class names of the pages that gave an article (`article_pages`) and of its home pages
    (`home_pages`), so that a page built like the articles but giving none is a miss whatever
    its URL looks like (the name '' holds the number of article pages learned from)."""
    db.execute("ALTER TABLE fetches ADD COLUMN page_kind TEXT")
    db.execute("ALTER TABLE fetches ADD COLUMN kind_reason TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'article'")
    db.execute(
        """CREATE TABLE page_signatures (
            portal_id TEXT NOT NULL,
            name TEXT NOT NULL,
            article_pages INTEGER NOT NULL,
            home_pages INTEGER NOT NULL,
            PRIMARY KEY (portal_id, name)
        )"""
    )


@migrations(name="0013_entity_position_expanded")
def m0013_entity_position_expanded(db: Database) -> None:
    """Issue 21: a position's abbreviations spelled out ("PCT UBND huyện" -> "Phó Chủ tịch Ủy
    ban nhân dân huyện"), next to the position as written; NULL when it has none."""
    db.execute("ALTER TABLE entity_positions ADD COLUMN position_expanded TEXT")


# Issue 23: the text and fields of attached documents. The document's fields and text are
# indexed with a folded copy, as articles are; the row is keyed by its attachment (`rowid`).
DOCUMENT_FIELDS = (
    "doc_type",
    "number",
    "issuer",
    "place",
    "issued_on",
    "subject",
    "signer",
    "signer_position",
)
DOCUMENT_FTS_COLUMNS = ("subject", "number", "issuer", "text", "search_folded")


@migrations(name="0014_documents")
def m0014_documents(db: Database) -> None:
    """Issue 23: `documents`, one row per attached file read or tried: its text and how it was
    got (`text_source`: pdf, ocr, docx, or unread with a `reason`), the OCR's mean word
    confidence, its pages, the fields of the official document, and `sha256` of the bytes read
    (the same file attached twice is read once); `documents_fts` over fields, text and the
    folded copy."""
    fields = ",\n    ".join(f"{column} TEXT" for column in DOCUMENT_FIELDS)
    db.execute(
        f"""CREATE TABLE documents (
    attachment_id INTEGER PRIMARY KEY REFERENCES attachments(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    sha256 TEXT,
    text TEXT NOT NULL DEFAULT '',
    text_source TEXT NOT NULL,
    ocr_confidence REAL,
    pages INTEGER,
    reason TEXT,
    {fields},
    search_folded TEXT,
    read_at TEXT NOT NULL,
    seconds REAL
)"""
    )
    db.execute("CREATE INDEX idx_documents_article ON documents(article_id)")
    db.execute("CREATE INDEX idx_documents_sha256 ON documents(sha256)")
    for column in ("text_source", "doc_type", "issuer", "issued_on"):
        db.execute(f"CREATE INDEX idx_documents_{column} ON documents({column})")
    for statement in _media_fts_sql("documents", DOCUMENT_FTS_COLUMNS):
        db.execute(statement)
