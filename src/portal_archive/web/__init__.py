"""The Datasette face of the archive: plugin hooks, the article and versions pages, media routes,
and `serve`. Datasette is imported only by those who serve: the crawler never pays for it."""

from __future__ import annotations

from portal_archive.web.serving import make_datasette, serve

__all__ = ["make_datasette", "serve"]
