"""Small helpers every page generator here shares: the demo portal (`chrome`, `article_html`,
`pages`, `truth`) and the golden corpus (`golden.families`, `golden.shapes`)."""

from __future__ import annotations

import base64
import html
import random
import re
import unicodedata

_B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_SPACES = re.compile(r"[\s\u00a0\u200b\u200c\u200d\ufeff]+")


def esc(text: str) -> str:
    """Text for HTML content or a quoted attribute value."""
    return html.escape(text, quote=True)


def b64_blob(rng: random.Random, size: int) -> str:
    """`size` random bytes in base64: `__VIEWSTATE` payloads, script revisions, icon data."""
    return base64.b64encode(rng.randbytes(size)).decode()


def b64_chars(rng: random.Random, count: int) -> str:
    """`count` characters drawn one by one from the base64 alphabet (no padding)."""
    return "".join(rng.choice(_B64_ALPHABET) for _ in range(count))


def hexid(rng: random.Random, n: int = 32) -> str:
    """`n` upper-case hex digits, as SharePoint prints ids and digests."""
    return "".join(rng.choice("0123456789ABCDEF") for _ in range(n))


def guid(rng: random.Random) -> str:
    """A lower-case GUID with underscores, as web-part control ids carry it."""
    h = hexid(rng).lower()
    return f"{h[:8]}_{h[8:12]}_{h[12:16]}_{h[16:20]}_{h[20:]}"


def clean(text: str) -> str:
    """NFC and whitespace collapsed, as every text field of the contract is."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
