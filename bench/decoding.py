"""Decoding benchmark: our `extract/decode.py` (w3lib's parsers in Scrapy's order, with our
windows-1258 last resort) against Scrapy reading pages alone and beautifulsoup4's
`UnicodeDammit`, same run; and the crawl's reading (Scrapy with `UndeclaredCharset`), which
must be ours.

    .venv/bin/python bench/decoding.py        (or: make bench-decode)

Every golden page is re-served in the byte shapes portals produce: UTF-8 with and without a
header or a meta tag, windows-1258 under a right header and a wrong meta, windows-1258 declared
only by meta, windows-1258 declared nowhere, a UTF-8 BOM under a wrong header, and UTF-16 with a
BOM. Each decoder is right on a shape when the page's body reads back exactly as written (NFC,
characters windows-1258 lacks
read back from numeric references). Prints the shapes each gets right and
the median microseconds per page.
"""

from __future__ import annotations

import codecs
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from scrapy import Request  # noqa: E402
from scrapy.http import HtmlResponse  # noqa: E402

from portal_archive.crawl.middlewares import UndeclaredCharset  # noqa: E402
from portal_archive.extract.decode import blank_long_values, slim_utf8  # noqa: E402
from portal_archive_demo.charsets import windows_1258  # noqa: E402
from portal_archive_demo.golden import write_pages  # noqa: E402

GOLDEN = write_pages(ROOT / "tests" / "golden")  # the golden pages are generated, not checked in
META = re.compile(r"""<meta[^>]+charset\s*=\s*["']?\s*[A-Za-z0-9_.:-]+[^>]*>""", re.IGNORECASE)
CHAR_REF = re.compile(r"&#(\d+);")

Shape = tuple[bytes, str | None]  # page bytes, the HTTP header's charset
Decoder = Callable[[bytes, str | None], str]


def with_meta(html: str, charset: str | None) -> str:
    bare = META.sub("", html)
    if charset is None:
        return bare
    return bare.replace("<head>", f'<head><meta charset="{charset}">', 1)


def shapes(html: str) -> dict[str, Shape]:
    return {
        "utf-8, header": (with_meta(html, None).encode(), "utf-8"),
        "utf-8, meta": (with_meta(html, "utf-8").encode(), None),
        "utf-8, undeclared": (with_meta(html, None).encode(), None),
        "1258, header, wrong meta": (windows_1258(with_meta(html, "utf-8")), "windows-1258"),
        "1258, meta": (windows_1258(with_meta(html, "windows-1258")), None),
        "1258, undeclared": (windows_1258(with_meta(html, None)), None),
        "BOM, wrong header": (codecs.BOM_UTF8 + with_meta(html, None).encode(), "iso-8859-1"),
        "utf-16 BOM": (with_meta(html, None).encode("utf-16"), None),
    }


def ours(data: bytes, charset: str | None) -> str:
    return slim_utf8(data, charset).decode("utf-8")


def scrapy_alone(data: bytes, charset: str | None) -> str:
    headers = {"Content-Type": f"text/html; charset={charset}" if charset else "text/html"}
    return HtmlResponse("http://127.0.0.1/", body=data, headers=headers).text


def crawl(data: bytes, charset: str | None) -> str:
    """Scrapy's reading with `UndeclaredCharset`'s last resort, as the crawl runs it."""
    headers = {"Content-Type": f"text/html; charset={charset}" if charset else "text/html"}
    response = HtmlResponse("http://127.0.0.1/", body=data, headers=headers)
    answer = UndeclaredCharset().process_response(Request(response.url), response)
    assert isinstance(answer, HtmlResponse)
    return answer.text


def dammit(data: bytes, charset: str | None) -> str:
    from bs4 import UnicodeDammit

    known = [charset] if charset else []
    found = UnicodeDammit(data, known_definite_encodings=known, user_encodings=["windows-1258"])
    return found.unicode_markup or ""


def body(text: str) -> str:
    """The page's body as compared: NFC, and characters windows-1258 lacks (written as numeric
    references in those shapes) read back."""
    text = text.lstrip("\ufeff")
    text = blank_long_values(text.encode("utf-8", "replace")).decode("utf-8")
    text = CHAR_REF.sub(lambda m: chr(int(m.group(1))), text)
    return unicodedata.normalize("NFC", text[text.find("<body") :])


def for_lxml(decode: Decoder) -> Decoder:
    """What the extractor needs from a decoder: UTF-8 text with `__VIEWSTATE` blanked, as ours
    gives it, so the timings compare the same work."""

    def slim(data: bytes, charset: str | None) -> str:
        return blank_long_values(decode(data, charset).encode("utf-8", "replace")).decode("utf-8")

    return slim


def decoders() -> dict[str, Decoder]:
    found: dict[str, Decoder] = {
        "ours": ours,
        "scrapy alone": for_lxml(scrapy_alone),
        "crawl": for_lxml(crawl),
    }
    try:
        import bs4  # noqa: F401

        found["UnicodeDammit"] = for_lxml(dammit)
    except ImportError:
        print("beautifulsoup4 not installed: UnicodeDammit left out")
    return found


def main() -> None:
    pages = []
    for path in sorted(GOLDEN.glob("*.html")):
        try:  # the corpus's own encoding mutations are not a base to re-encode
            pages.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            continue
    runs = decoders()
    right: dict[str, dict[str, int]] = {name: {} for name in runs}
    times: dict[str, list[float]] = {name: [] for name in runs}
    for html in pages:
        truth = body(html)
        for shape, (data, charset) in shapes(html).items():
            for name, decode in runs.items():
                started = time.perf_counter()
                text = decode(data, charset)
                times[name].append(time.perf_counter() - started)
                ok = body(text) == truth
                right[name][shape] = right[name].get(shape, 0) + ok
    names = list(runs)
    print(f"{len(pages)} UTF-8 golden pages x {len(shapes(pages[0]))} byte shapes\n")
    print(f"{'shape':28}" + "".join(f"{n:>18}" for n in names))
    for shape in shapes(pages[0]):
        print(f"{shape:28}" + "".join(f"{right[n][shape]:>15}/{len(pages)}" for n in names))
    total = len(pages) * len(shapes(pages[0]))
    print(f"{'all':28}" + "".join(f"{sum(right[n].values()):>14}/{total}" for n in names))
    base = statistics.median(times["ours"])
    median = {n: statistics.median(times[n]) for n in names}
    print(f"{'median us/page':28}" + "".join(f"{median[n] * 1e6:>18.0f}" for n in names))
    print(f"{'ratio to ours':28}" + "".join(f"{median[n] / base:>17.1f}x" for n in names))


if __name__ == "__main__":
    main()
