"""Security headers on every response: a Content-Security-Policy allowing only the templates'
own inline scripts (by hash) on pages, the strict media policy elsewhere, and nosniff."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from portal_archive.web.common import (
    DATABASE,
    MEDIA_CSP,
    ASGIApp,
    Headers,
    hookimpl,
)

log = logging.getLogger(__name__)

# The archive's own HTML pages (Datasette's and ours): scripts only from the archive itself or
# inline scripts of the templates (by hash); inline styles are allowed (Datasette's templates
# use them); images also from the portals, for those not archived yet.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: http: https:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


# Template expressions found inside inline scripts, with every value they render to.
_SCRIPT_EXPRESSIONS = {"{{ datasette_allow_facet }}": ("true", "false")}


def secure(app: ASGIApp, page_policy: Callable[[], Awaitable[str]]) -> ASGIApp:
    """`app` with a Content-Security-Policy and `nosniff` on every response that has none:
    `page_policy()` on HTML, `MEDIA_CSP` on everything else."""

    async def secured(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return
        policy = await page_policy()

        async def send_secured(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = with_security_headers(message.get("headers", []), policy)
                message = dict(message, headers=headers)
            await send(message)

        await app(scope, receive, send_secured)

    return secured


def with_security_headers(headers: Headers, page_policy: str) -> list[tuple[bytes, bytes]]:
    given = {bytes(k).lower(): bytes(v) for k, v in headers}
    added = []
    if b"content-security-policy" not in given:
        html = given.get(b"content-type", b"").lower().startswith(b"text/html")
        added.append((b"content-security-policy", (page_policy if html else MEDIA_CSP).encode()))
    if b"x-content-type-options" not in given:
        added.append((b"x-content-type-options", b"nosniff"))
    return [(bytes(k), bytes(v)) for k, v in headers] + added


def page_csp(env: Any, plugin_scripts: Iterable[str] = ()) -> str:
    """`PAGE_CSP` allowing, by hash, every inline script of the templates `env` renders and
    the `plugin_scripts` (see `plugin_scripts`)."""
    allowed = inline_script_hashes(env) | {script_hash(text) for text in plugin_scripts}
    hashes = "".join(f" 'sha256-{h}'" for h in sorted(allowed))
    return PAGE_CSP.format(hashes=hashes)


def script_hash(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


async def plugin_scripts(datasette: Any) -> list[str]:
    """The inline scripts the map plugins add to pages, as they render for this archive:
    datasette-leaflet's (static URLs, on every page), datasette-cluster-map's (its settings and
    the location columns, on each table or view that has them), and the `[]` Datasette prints
    for a plugin that answers "no script" with an empty list. Known ahead, so allowed by hash;
    anything else inline still does not run."""
    import datasette_cluster_map
    import datasette_leaflet

    scripts = ["[]", datasette_leaflet.extra_body_script(datasette)]
    if DATABASE not in datasette.databases:
        return scripts
    db = datasette.get_database(DATABASE)
    for name in [*await db.table_names(), *await db.view_names()]:
        columns = await db.table_columns(name)
        script = datasette_cluster_map.extra_body_script(
            database=DATABASE, table=name, columns=columns, view_name="table", datasette=datasette
        )
        if isinstance(script, str) and script:
            scripts.append(script)
    return scripts


def inline_script_hashes(env: Any) -> set[str]:
    """Base64 SHA-256 of each inline script (as rendered) in the Jinja `env`'s templates.

    Only the templates' own text is allowed this way, never whatever a page may show. A script
    with a template expression not in `_SCRIPT_EXPRESSIONS` cannot be hashed ahead: logged, and
    it will not run (templates/search_all.html shows how a script is kept static)."""
    hashes: set[str] = set()
    for name in env.list_templates(extensions=["html"]):
        source = env.loader.get_source(env, name)[0]
        for script in _INLINE_SCRIPT.findall(source):
            for text in rendered_scripts(script, name):
                hashes.add(script_hash(text))
    return hashes


def rendered_scripts(script: str, template: str) -> Iterable[str]:
    for expression, values in _SCRIPT_EXPRESSIONS.items():
        if expression in script:
            return [
                t for v in values for t in rendered_scripts(script.replace(expression, v), template)
            ]
    if "{{" in script or "{%" in script:
        log.warning("inline script of %s depends on the page: blocked by the CSP", template)
        return []
    return [script]


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    """Security headers on every response."""

    policy: list[str] = []

    async def page_policy() -> str:
        if not policy:  # on the first request: the plugins' scripts need the database
            policy.append(page_csp(datasette.jinja_env, await plugin_scripts(datasette)))
        return policy[0]

    def wrap(app: ASGIApp) -> ASGIApp:
        return secure(app, page_policy)

    return wrap
