"""The portal registry: portals are data (`portals.toml`), not code."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from portal_archive.errors import RegistryError, UnknownPortal

REGISTRY_PATH = Path(__file__).with_name("portals.toml")


@dataclass(frozen=True)
class Portal:
    id: str
    name: str
    province: str
    base_url: str
    start_urls: tuple[str, ...]
    hosts: tuple[str, ...] = field(default=())
    tested: bool = False
    enabled: bool = False
    demo: bool = False

    def rebased(self, base_url: str) -> Portal:
        """The same portal served from another root (the demo server's port, a mirror)."""
        base = base_url if base_url.endswith("/") else base_url + "/"
        starts = tuple(urljoin(base, urlsplit(u).path.lstrip("/") or "") for u in self.start_urls)
        return replace(
            self, base_url=base, start_urls=starts, hosts=(urlsplit(base).hostname or "",)
        )


def adhoc_portal(start_urls: list[str], portal_id: str = "adhoc") -> Portal:
    """A portal made from start URLs alone: generic rules, same hosts only."""
    hosts = tuple(dict.fromkeys(urlsplit(u).hostname or "" for u in start_urls))
    first = urlsplit(start_urls[0])
    return Portal(
        id=portal_id,
        name=first.netloc,
        province="",
        base_url=f"{first.scheme}://{first.netloc}/",
        start_urls=tuple(start_urls),
        hosts=hosts,
    )


def user_registry() -> Path:
    """Where an operator's own registry lives when no `--registry` or `PORTAL_ARCHIVE_REGISTRY`
    names one: `$XDG_CONFIG_HOME/portal-archive/portals.toml` (`~/.config/…`)."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "portal-archive" / "portals.toml"


def registry_path(path: Path | None = None) -> Path:
    """`path`, else the user's registry if there is one, else the packaged `portals.toml`."""
    if path is not None:
        return path
    user = user_registry()
    return user if user.is_file() else REGISTRY_PATH


def load_portals(path: Path | None = None) -> dict[str, Portal]:
    """Read the registry (`registry_path(path)`); start URLs relative to `base_url` are resolved
    against it. A file that is not a registry raises `RegistryError` saying where and why."""
    source = registry_path(path)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RegistryError(f"cannot read the portal registry {source}: {error}") from None
    portals = {}
    for pid, row in data.items():
        if not isinstance(row, dict) or not {"name", "base_url"} <= row.keys():
            raise RegistryError(
                f"{source}: [{pid}] needs at least name and base_url (see the packaged "
                "portals.toml)"
            )
        base = row["base_url"]
        if not str(base).startswith(("http://", "https://")):
            raise RegistryError(f"{source}: [{pid}] base_url {base!r} is not an http(s) URL")
        starts = tuple(urljoin(base, u) for u in row.get("start_urls", [base]))
        hosts = tuple(row.get("hosts", [urlsplit(base).hostname or ""]))
        portals[pid] = Portal(
            id=pid,
            name=row["name"],
            province=row.get("province", ""),
            base_url=base,
            start_urls=starts,
            hosts=hosts,
            tested=bool(row.get("tested", False)),
            enabled=bool(row.get("enabled", False)),
            demo=bool(row.get("demo", False)),
        )
    return portals


def get_portal(portal_id: str, path: Path | None = None) -> Portal:
    portals = load_portals(path)
    if portal_id not in portals:
        raise UnknownPortal(portal_id)
    return portals[portal_id]
