"""A deterministic SharePoint portal of the made-up province of Vân Lĩnh, served on 127.0.0.1.

The demo, the test bed and the benchmark target of the crawler and the extractor::

    from portal_archive_demo import DemoSite, start_demo_server
    site = DemoSite(articles=300, seed=1)
    server = start_demo_server(site)            # server.url == "http://127.0.0.1:PORT/"
    truth = site.expected_article("/Trang/ChiTietTinTuc.aspx?nid=12", server.url)
    server.stop()

Pages are generated on demand from (seed, index); see `DemoSite` for the ground-truth helpers
and `.server` for the admin endpoints. `python -m portal_archive_demo` runs it as a process.
"""

from portal_archive_demo.server import DemoServer, start_demo_server
from portal_archive_demo.site import SECTIONS, DemoSite, Response

__all__ = ["SECTIONS", "DemoServer", "DemoSite", "Response", "start_demo_server"]
