"""One image or attachment, linked by two articles under two spellings of its URL (IIS paths
are case-blind): fetched once, and both articles link its bytes, so the next crawl finds no
missing media. A real server on 127.0.0.1, the real CLI, a real SQLite archive."""

from __future__ import annotations

import base64
import subprocess
import sys

from tests.e2e.local_server import Answer, query, serving
from tests.e2e.local_server import html as answer_page
from tests.e2e.test_unextracted import NAVIGATION, PARAGRAPHS

CLI = [sys.executable, "-m", "portal_archive.cli"]
# A 1x1 PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
SPELLINGS = {  # article -> how its page spells the shared image and the shared attachment
    "bai-1": ("/Tin-Tuc/HinhAnh/Hoi%20nghi.png", "/Tin-Tuc/TaiLieu/Ke%20hoach.pdf"),
    "bai-2": ("/tin-tuc/hinhanh/hoi%20nghi.png", "/tin-tuc/tailieu/ke%20hoach.pdf"),
}


def article(slug: str) -> str:
    image, document = SPELLINGS[slug]
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tin {slug}</title></head>
<body><ul class="menu">{NAVIGATION}</ul><div id="s4-workspace"><div id="DeltaPlaceHolderMain">
<h1>Hội nghị tổng kết {slug}</h1><div class="date">14/05/2018 07:30</div>
<div class="ms-rtestate-field"><p><img src="{image}" alt="Hội nghị"></p>{body}
<p><a href="{document}">Kế hoạch năm</a></p></div></div></div></body></html>"""


def answer(path: str) -> Answer:
    lower = path.lower()
    if lower == "/robots.txt":
        return 404, {}, b""
    if lower.endswith(".png"):
        return 200, {"Content-Type": "image/png"}, PIXEL
    if lower.endswith(".pdf"):
        return 200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 ke hoach\n%%EOF\n"
    for slug in SPELLINGS:
        if lower == f"/tin-tuc/pages/{slug}.aspx":
            return answer_page(article(slug))
    links = "".join(f'<li><a href="/tin-tuc/Pages/{s}.aspx">{s}</a></li>' for s in SPELLINGS)
    return answer_page(f"<html><body><ul>{links}</ul></body></html>")


def test_a_file_linked_under_two_spellings_is_fetched_once_and_linked_by_both(tmp_path):
    db = tmp_path / "a.db"
    with serving(answer) as url:
        cmd = [*CLI, "crawl", "--start-url", url + "/", "--fast", "--db", str(db)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr[-3000:]
        assert query(db, "select count(*) from articles") == [(2,)]
        assert query(db, "select count(*) from article_images where image_id is null") == [(0,)]
        assert query(db, "select count(*) from attachments where content is null") == [(0,)]
        assert query(db, "select count(*) from fetches where url like '%.png'") == [(1,)]
        again = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert again.returncode == 0, again.stderr[-3000:]
    # Nothing was missing, so the second crawl asked for no file again.
    assert query(db, "select count(*) from fetches where url like '%.png'") == [(1,)]
    assert query(db, "select count(*) from fetches where url like '%.pdf'") == [(1,)]
