"""`python -m portal_archive_demo --articles N [--seed S] [--port P] [--host H]`.

Prints exactly one line, `READY http://HOST:PORT/`, then serves until SIGTERM or SIGINT.
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
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    try:
        server = start_demo_server(DemoSite(args.articles, args.seed), args.host, args.port)
    except OSError as error:  # the one line callers read says why, e.g. the port is taken
        sys.stdout.write(f"ERROR cannot serve on {args.host}:{args.port}: {error.strerror}\n")
        sys.stdout.flush()
        return 1
    sys.stdout.write(f"READY {server.url}\n")  # the one line callers wait for
    sys.stdout.flush()
    stop.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
