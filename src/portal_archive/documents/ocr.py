"""Vietnamese OCR through the `tesseract` command (Debian's `tesseract-ocr-vie`): one page image
in, its text and the mean confidence of its words out. One run writes both the plain text (its
line layout) and the TSV (each word's confidence)."""

from __future__ import annotations

import csv
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

LANGUAGE = "vie"


class OcrError(Exception):
    """Tesseract failed or is missing; the message is the reason recorded."""


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidence: float | None  # mean word confidence, 0-100; None without words
    words: int


def ocr_image(image: Image.Image, timeout: float) -> OcrPage:
    """OCR one page image (any mode; sent as greyscale PNG)."""
    with tempfile.TemporaryDirectory(prefix="portal-archive-ocr-") as tmp:
        source = Path(tmp) / "page.png"
        image.convert("L").save(source, format="PNG")
        base = Path(tmp) / "out"
        # One thread per tesseract: pages of several files run side by side instead, and
        # OpenMP's threads only contend on a shared machine.
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        command = ["tesseract", str(source), str(base), "-l", LANGUAGE, "txt", "tsv"]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=timeout, env=env, check=False
            )
        except FileNotFoundError:
            raise OcrError(
                "tesseract is not installed (apt-get install tesseract-ocr-vie)"
            ) from None
        except subprocess.TimeoutExpired:
            raise OcrError(f"OCR of a page took over {timeout:.0f} s") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OcrError(f"tesseract failed: {message[-1] if message else done.returncode}")
        text = base.with_suffix(".txt").read_text(encoding="utf-8")
        confidences = _word_confidences(base.with_suffix(".tsv"))
    mean = sum(confidences) / len(confidences) if confidences else None
    return OcrPage(text=text.strip(), confidence=mean, words=len(confidences))


def _word_confidences(tsv: Path) -> list[float]:
    with tsv.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            float(row["conf"])
            for row in rows
            if row.get("level") == "5"
            and (row.get("text") or "").strip()
            and float(row["conf"]) >= 0
        ]
