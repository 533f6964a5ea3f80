"""Raw payloads and HTTP headers as the archive keeps them: zstd blobs and ordered JSON."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

import zstandard

# Level 6: article HTML shrinks ~6x, close to level 19's ratio at a fraction of its CPU cost,
# and compression runs inside the crawl's write transaction.
ZSTD_LEVEL = 6


class Codec:
    """zstd compressor and decompressor pair; one per Archive (zstd contexts are not shared
    across threads)."""

    def __init__(self, level: int = ZSTD_LEVEL) -> None:
        self._compressor = zstandard.ZstdCompressor(level=level, write_content_size=True)
        self._decompressor = zstandard.ZstdDecompressor()

    def compress(self, payload: bytes) -> bytes:
        return self._compressor.compress(payload)

    def decompress(self, blob: bytes) -> bytes:
        return self._decompressor.decompress(blob)


def sha256_hex(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A header's value by case-insensitive name; None when absent or blank."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return str(value).strip() or None
    return None


def headers_json(headers: Mapping[str, str]) -> str:
    """Headers as a JSON object in their original order, names as the server sent them."""
    return json.dumps(
        {str(k): str(v) for k, v in headers.items()}, ensure_ascii=False, separators=(",", ":")
    )


def headers_from_json(text: str | None) -> list[tuple[str, str]]:
    """Inverse of `headers_json`; also reads a list of [name, value] pairs."""
    if not text:
        return []
    data = json.loads(text)
    if isinstance(data, dict):
        return [(str(k), str(v)) for k, v in data.items()]
    return [(str(k), str(v)) for k, v in data]
