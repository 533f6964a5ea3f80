"""Datasette over the archive: `make_datasette` for tests and embedding, `serve` for the CLI."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import uvicorn
from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm

from portal_archive.archive.errors import ArchiveNotFound

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).parent
METADATA_NAME = "datasette-metadata.json"
SETTINGS = {
    # Long bodies in HTML tables are the main cost of a page; links show the rest.
    "truncate_cells_html": 300,
    "default_page_size": 20,
    "sql_time_limit_ms": 3000,
    # Suggesting facets runs a query per column on every table page: too slow for searches.
    "suggest_facets": False,
}


def metadata_path() -> Path:
    """How Datasette publishes the archive: shipped inside the package."""
    return PACKAGE_DIR / METADATA_NAME


def load_metadata() -> dict[str, Any]:
    metadata: dict[str, Any] = json.loads(metadata_path().read_text(encoding="utf-8"))
    return metadata


def canned_query(name: str) -> str:
    """SQL of a canned query from the metadata (tests and benchmarks run the same text)."""
    sql: str = load_metadata()["databases"]["archive"]["queries"][name]["sql"]
    return sql


def _check_plugins() -> None:
    """Our plugin modules are registered by their entry points only (pyproject.toml): an
    install that lost them would serve the archive without its media routes and headers."""
    names = {name for name, _ in pm.list_name_plugin()}
    missing = [m for m in PLUGIN_MODULES if not any(m in n for n in names)]
    if missing:
        raise RuntimeError(f"portal-archive's Datasette plugins are not installed: {missing}")


PLUGIN_MODULES = (
    "listing",
    "article",
    "media",
    "feeds",
    "headers",
    "bad_input",
    "versions",
    "entities",
    "table_queries",
    "home",
)


def make_datasette(
    db_path: str | Path, cors: bool = False, allow_robots: bool = False
) -> Datasette:
    """A Datasette over `db_path`, named `archive` in URLs whatever the file is called.
    Search engines are kept off (datasette-block-robots) unless `allow_robots`."""
    path = Path(db_path)
    if not path.is_file():
        raise ArchiveNotFound(f"no archive at {path}")
    _check_plugins()
    metadata = load_metadata()
    if allow_robots:
        plugins = metadata.setdefault("plugins", {})
        plugins["datasette-block-robots"] = {"literal": "User-agent: *\nDisallow:"}
    ds = Datasette(
        metadata=metadata,
        template_dir=str(PACKAGE_DIR / "templates"),
        settings=SETTINGS,
        cors=cors,
    )
    ds.add_database(Database(ds, path=str(path), is_mutable=True), name="archive")
    return ds


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    cors: bool = True,
    allow_robots: bool = False,
) -> None:
    """Serve the archive until interrupted (blocking)."""
    ds = make_datasette(db_path, cors=cors, allow_robots=allow_robots)
    asyncio.run(ds.invoke_startup())
    log.info("serving %s at http://%s:%s/archive", db_path, host, port)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
