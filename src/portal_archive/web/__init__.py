"""The Datasette face of the archive: plugin modules (listing, article page, media, feeds,
security headers, bad input, versions), each registered by its entry point, and `serve`.

`make_datasette` and `serve` load lazily: Datasette imports our plugin modules while it starts,
and they must not import Datasette's app back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portal_archive.web.serving import make_datasette, serve

__all__ = ["make_datasette", "serve"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from portal_archive.web import serving

        return getattr(serving, name)
    raise AttributeError(name)
