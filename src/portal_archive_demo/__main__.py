"""`python -m portal_archive_demo --articles N [--seed S] [--port P] [--host H]… [--latency S]`.

Prints exactly one line, `READY http://HOST:PORT/` (one URL per `--host`, the same site on
each: its links follow the Host header), then serves until SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from portal_archive_demo.server import start_demo_server
from portal_archive_demo.site import DemoSite


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal_archive_demo", description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--host", action="append", help="repeat for several hosts")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each page")
    args = parser.parse_args(argv)
    hosts = args.host or ["127.0.0.1"]
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    site = DemoSite(args.articles, args.seed)
    servers = []
    for host in hosts:
        try:
            servers.append(start_demo_server(site, host, args.port, args.latency))
        except OSError as error:  # the one line callers read says why, e.g. the port is taken
            sys.stdout.write(f"ERROR cannot serve on {host}:{args.port}: {error.strerror}\n")
            sys.stdout.flush()
            return 1
    # The one line callers wait for.
    sys.stdout.write(f"READY {' '.join(server.url for server in servers)}\n")
    sys.stdout.flush()
    stop.wait()
    for server in servers:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
