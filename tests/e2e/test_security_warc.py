"""Issue 18 for `import-warc`: a web archive is data, never instructions. An imported article
whose images are `file:` URLs of this machine, a record whose target is a `file:` URL, and an
"image" record that is a page with a script: the import reads none of the machine's files,
stores only the raster image as an image, and archives the article."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.e2e.faults_portal import SENTENCES, page_html
from tests.e2e.hostile_portal import Secrets, archive_bytes, png
from tests.e2e.local_server import query
from tests.e2e.test_warc_import import Capture, import_, write_warc

pytestmark = pytest.mark.slow

SITE = "http://cong.vidu.vn"
AT = datetime(2021, 6, 1, 8, 0, tzinfo=UTC)
TITLE = "Tỉnh tổ chức hội nghị sơ kết sáu tháng đầu năm 2021"


def test_an_import_reads_no_local_file_and_stores_only_images(tmp_path: Path) -> None:
    files = Secrets(tmp_path / "may")
    local = f"file://{files.path('anh.png')}"
    real, fake = png(b"", "olive", (120, 90)), b"<html><script>alert(1)</script>GIA</html>"
    body = "".join(f"<p>{s}</p>" for s in SENTENCES) + "".join(
        f'<p><img src="{src}" alt="Ảnh"></p>'
        for src in (local, f"{SITE}/Photos/that.png", f"{SITE}/Photos/gia.png")
    )
    html = {"Content-Type": "text/html; charset=utf-8"}
    warc = write_warc(
        tmp_path / "a.warc.gz",
        [
            Capture(f"{SITE}/Pages/so-ket.aspx", AT, 200, html, page_html(TITLE, body)),
            Capture(f"{SITE}/Photos/that.png", AT, 200, {"Content-Type": "image/png"}, real),
            Capture(f"{SITE}/Photos/gia.png", AT, 200, {"Content-Type": "image/png"}, fake),
            # A record claiming to be the local file: its own payload, never the file's.
            Capture(local, AT, 200, {"Content-Type": "image/png"}, b"not the file"),
        ],
    )
    db = tmp_path / "a.db"
    result = import_(str(warc), "--db", str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    assert query(db, "select title from articles") == [(TITLE,)]
    assert query(db, "select url, width from images") == [(f"{SITE}/Photos/that.png", 120)]
    stored = archive_bytes(db)
    assert files.marker not in stored
    assert fake not in stored  # an "image" that is a page: recorded, its bytes not kept
