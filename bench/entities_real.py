"""Entity tagging on real portal text (issue 21): our annotations of paragraphs of the
development portals, scored with the golden set's rule (`enrich/quality.py`), next to the
golden set's own numbers, and the tagging time per real article.

    .venv/bin/python bench/entities_real.py [SITES_DIR]   (default /tmp/sites)

`bench/entities_real.jsonl` holds references, never the text: each line names a site, an
article page (`<slug>/index.html` under `SITES_DIR/<site>/www`), a paragraph index into the
article's parts (title, summary, body lines, image captions: `article_parts`), the paragraph's
first words (to check that it still lines up) and the entities a journalist marks in it. The
paragraphs are read from the exported sites at run time. Rules were tuned on the development
sites; HELD_OUT's paragraphs were never tuned on directly, but their misses were printed with the
others while tuning; paragraphs marked "part": "fresh" were annotated after the tuning and
never looked at through the tagger before being scored. Each part is scored apart.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from portal_archive.archive.textnorm import vi_fold
from portal_archive.enrich.quality import Report, evaluate, load_golden
from portal_archive.enrich.tagger import Tagger
from portal_archive.extract import Article, extract_article

HERE = Path(__file__).parent
ANNOTATIONS = HERE / "entities_real.jsonl"
GOLDEN = HERE.parent / "tests" / "entities" / "golden.jsonl"
HELD_OUT = ("thanhtra",)
# What a crawl of these portals by their start URL gives as the portal's province: nothing.
PROVINCE = ""


def article_parts(article: Article) -> list[str]:
    """The texts the enrichment step tags, in order: title, summary, each body line, each image
    caption. Paragraph indexes in the annotations count in this list."""
    parts = [article.title, article.summary, *article.body_text.split("\n")]
    parts += [image.caption for image in article.images]
    return [p.strip() for p in parts if p and p.strip()]


def article_pages(sites_dir: str | Path, site: str) -> Iterator[str]:
    root = Path(sites_dir) / site / "www"
    for entry in sorted(os.listdir(root)):
        if (root / entry / "index.html").is_file():
            yield entry


def load_article(sites_dir: str | Path, site: str, page: str) -> Article | None:
    path = Path(sites_dir) / site / "www" / page / "index.html"
    return extract_article(path.read_bytes(), f"http://{site}.daknong.gov.vn/{page}/")


def published(article: Article) -> str | None:
    return article.published.isoformat()[:10] if article.published else None


def records(sites_dir: str | Path, annotations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The annotations with their paragraphs' text, as `quality.evaluate` reads them."""
    cache: dict[tuple[str, str], Article | None] = {}
    out: list[dict[str, Any]] = []
    for note in annotations:
        where = (note["site"], note["page"])
        if where not in cache:
            cache[where] = load_article(sites_dir, *where)
        article = cache[where]
        parts = article_parts(article) if article else []
        index = note["paragraph"]
        text = parts[index] if index < len(parts) else ""
        if not vi_fold(text).startswith(vi_fold(note["begins"])):
            raise SystemExit(f"{note['id']}: paragraph {index} of {where} no longer lines up")
        assert article is not None
        marks = note["entities"]
        out.append({
            **note,
            "text": text,
            "province": PROVINCE,
            "published": published(article),
            "people": [{"name": e["text"], "position": e["position"]}
                       for e in marks if e["kind"] == "person"],
            "organisations": [e["text"] for e in marks if e["kind"] == "organisation"],
            "places": [{"name": e["text"], "level": e["level"]}
                       | ({"province": e["province"]} if "province" in e else {})
                       for e in marks if e["kind"] == "place"],
        })  # fmt: skip
    return out


def table(title: str, report: Report, paragraphs: int) -> None:
    print(f"{title}: {paragraphs} paragraphs")
    print(f"{'kind':<14}{'precision':>10}{'recall':>8}{'F1':>7}{'found':>7}{'wanted':>8}")
    for kind, s in report.scores.items():
        found, wanted = s.true_positive + s.false_positive, s.true_positive + s.false_negative
        f1 = 2 * s.precision * s.recall / (s.precision + s.recall or 1)
        print(f"{kind:<14}{s.precision:>10.3f}{s.recall:>8.3f}{f1:>7.3f}{found:>7}{wanted:>8}")
    for level, (right, wanted) in sorted(report.place_levels.items(), key=lambda x: x[0] or "~"):
        print(f"  places, {level or 'other':<10} recall {right}/{wanted}")
    print(f"positions right: {report.positions_right}/{report.positions_total}")
    print(f"communes resolved in their province: {report.resolved_right}/{report.resolved_total}")


def misses(report: Report) -> None:
    for kind, s in report.scores.items():
        for line in s.misses:
            print(f"  miss  {kind}: {line}")
        for line in s.extras:
            print(f"  extra {kind}: {line}")


def timing(tagger: Tagger, sites_dir: str | Path, sites: list[str]) -> None:
    """Time to tag whole articles (every part) of the development sites: wall clock and this
    process's CPU time (the machine is shared), per article and per 900 words, and for the
    articles of 700 words or more alone."""
    texts: list[str] = []
    for site in sites:
        for page in article_pages(sites_dir, site):
            article = load_article(sites_dir, site, page)
            if article is not None and article.kind == "article":
                texts.append("\n".join(article_parts(article)))
    long = [t for t in texts if len(t.split()) >= 700]
    for label, group in (("all articles", texts), ("articles of 700+ words", long)):
        words = sum(len(t.split()) for t in group)
        wall, cpu = time.perf_counter(), time.process_time()
        for text in group:
            tagger.tag(text, PROVINCE, None)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        n = max(len(group), 1)
        print(
            f"tagging {label}: {len(group)}, {words / n:.0f} words each;"
            f" {wall / n * 1000:.1f} ms an article ({cpu / n * 1000:.1f} ms CPU);"
            f" per 900 words {wall / max(words, 1) * 900_000:.1f} ms"
            f" ({cpu / max(words, 1) * 900_000:.1f} ms CPU)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sites_dir", nargs="?", default="/tmp/sites")
    parser.add_argument("--misses", action="store_true", help="list what was missed or extra")
    parser.add_argument("--ner", action="store_true", help="add underthesea's NER people")
    args = parser.parse_args()
    started = time.perf_counter()
    tagger = Tagger(use_ner=args.ner)
    tagger.tag("xã Tiên Ngoại", "Hà Nam")
    print(f"start-up (gazetteer, underthesea): {time.perf_counter() - started:.2f} s")
    notes = [json.loads(line) for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines()
             if line.strip()]  # fmt: skip
    real = records(args.sites_dir, notes)
    golden = load_golden(GOLDEN)
    tuned = [r for r in real if r["site"] not in HELD_OUT and "part" not in r]
    seen = [r for r in real if r["site"] in HELD_OUT and "part" not in r]
    fresh = [r for r in real if r.get("part") == "fresh"]
    for title, part in (
        ("golden set", golden),
        (f"real text, development ({', '.join(sorted({r['site'] for r in tuned}))})", tuned),
        (
            f"real text, held out ({', '.join(HELD_OUT)}; its misses were printed while tuning)",
            seen,
        ),
        ("real text, fresh (annotated after the tuning, never tuned on)", fresh),
        ("real text, all", real),
    ):
        report = evaluate(part, tagger)
        table(title, report, len(part))
        if args.misses and part is not golden:
            misses(report)
    sites = sorted({r["site"] for r in real})
    timing(tagger, args.sites_dir, sites)


if __name__ == "__main__":
    main()
