"""The domain exceptions, one base: library code raises them with a message fit for an
operator, and only the CLI turns them into one readable line and an exit code."""

from __future__ import annotations


class PortalArchiveError(Exception):
    """Anything portal-archive cannot do, with a message fit for an operator."""


class ArchiveError(PortalArchiveError):
    """Anything the archive cannot do."""


class ArchiveNotFound(ArchiveError):
    """The path is missing or is not a portal-archive database."""


class ArchiveLocked(PortalArchiveError):
    """Another crawl holds the archive (exit code 3)."""


class RegistryError(PortalArchiveError):
    """The portal registry cannot be read, or a portal in it lacks what a crawl needs."""


class UnknownPortal(PortalArchiveError, KeyError):
    """A portal id the registry does not hold."""

    def __str__(self) -> str:
        return f"unknown portal {self.args[0]!r}: `portal-archive portals` lists the known ones"
