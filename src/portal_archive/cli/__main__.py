"""`python -m portal_archive.cli`: the same as the `portal-archive` command."""

from portal_archive.cli import main

main()
