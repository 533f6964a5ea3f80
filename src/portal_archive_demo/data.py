"""Deterministic article data for the demo portal: everything derives from (seed, index, edits).

Nothing is stored per article: a 100,000-article site costs no memory until a page is asked for,
and the same (seed, index) always yields the same article. Index 1 is the oldest article; higher
indexes are newer, so added articles simply take the next indexes.
"""

from __future__ import annotations

import math
import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from portal_archive_demo import phrases as ph

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Indexes below MIXED_FROM cycle through the four original families (`FAMILIES[i % 4]`), so
# sites of up to 300 articles (every crawl test) keep their pages byte for byte; from
# MIXED_FROM on, indexes cycle through all seven renderings (`ALL_FAMILIES[i % 7]`).
FAMILIES = ("newswebpart", "publishing", "dispform", "itemid")
NEW_FAMILIES = ("lacviet", "pressrelease", "chitiet")
ALL_FAMILIES = FAMILIES + NEW_FAMILIES
MIXED_FROM = 201
_START = date(2016, 1, 4)
_SPAN_DAYS = (
    3650  # 100,000 articles cover ten years; growth is sub-linear so small sites span months
)

IMAGE_FOLDERS = {
    "publishing": "/tin-tuc/PublishingImages/",
    "newswebpart": "/Trang/HinhAnh/TinTuc/",
    "dispform": f"/{ph.DISTRICT_SLUG}/HinhAnh/",
    "itemid": "/tintuc/PublishingImages/",
    "lacviet": f"/{ph.DISTRICT_SLUG}/tintuc/Lists/Photos/",
    "pressrelease": "/baochi/PublishingImages/",
    "chitiet": "/tintuc/HinhAnhTinTuc/",
}
DOC_FOLDERS = {
    "publishing": "/tin-tuc/Documents/",
    "newswebpart": "/Trang/Documents/VanBan/",
    "dispform": f"/{ph.DISTRICT_SLUG}/Lists/TinTuc/Attachments/",
    "itemid": "/tintuc/Documents/",
    "lacviet": f"/{ph.DISTRICT_SLUG}/tintuc/Documents/",
    "pressrelease": "/baochi/Documents/",
    "chitiet": "/tintuc/DinhKem/",
}
_DATE_STYLES = {
    "publishing": (("date", 90), ("lead", 10)),
    "newswebpart": (("padded-time", 45), ("unpadded-time", 25), ("weekday", 20), ("lead", 10)),
    "dispform": (("padded-time", 60), ("date", 40)),
    "itemid": (("padded-time", 60), ("spelled", 40)),
    "lacviet": (("lacviet", 85), ("date", 15)),
    "pressrelease": (("date", 100),),
    "chitiet": (("padded-time", 80), ("date", 20)),
}


@dataclass(frozen=True)
class ImageRef:
    """An article image: unencoded site path, caption, alt and how the caption is marked up."""

    path: str
    caption: str
    alt: str
    style: str  # "em" (<p><em> after <p><img>), "table" (row under the image), "credit"
    # (a plain paragraph ending "Ảnh: <name>" after <p><img>), "none"


@dataclass(frozen=True)
class DocRef:
    """A linked PDF: unencoded site path and the link text."""

    path: str
    title: str


@dataclass(frozen=True)
class ArticleData:
    """The source of truth for one article; HTML and ground truth are both derived from it."""

    index: int
    family: str
    title: str
    published: datetime
    date_style: str
    category: str
    author: str
    source: str
    glued_count: int | None
    view_count: int | None
    summary: str
    paragraphs: tuple[str, ...]
    images: tuple[tuple[int, ImageRef], ...]  # (insert after paragraph n, image)
    lead_image: ImageRef | None
    attachment: DocRef | None
    word_paste: bool
    nfd: bool
    version: int

    @property
    def has_time(self) -> bool:
        return self.date_style in ("padded-time", "unpadded-time", "lacviet")

    @property
    def published_value(self) -> date | datetime:
        return self.published if self.has_time else self.published.date()

    @property
    def published_raw(self) -> str:
        return format_date(self.published, self.date_style)

    @property
    def all_images(self) -> list[ImageRef]:
        lead = [self.lead_image] if self.lead_image else []
        return lead + [img for _, img in self.images]


def family_of(index: int) -> str:
    if index < MIXED_FROM:
        return FAMILIES[index % len(FAMILIES)]
    return ALL_FAMILIES[index % len(ALL_FAMILIES)]


def family_runs(total: int, family: str) -> list[tuple[int, int, int]]:
    """A family's indexes in 1..total as arithmetic runs (top, step, count), newest first."""
    runs: list[tuple[int, int, int]] = []
    if total >= MIXED_FROM and family in ALL_FAMILIES:
        step = len(ALL_FAMILIES)
        top = total - ((total - ALL_FAMILIES.index(family)) % step)
        if top >= MIXED_FROM:
            first = MIXED_FROM + ((ALL_FAMILIES.index(family) - MIXED_FROM) % step)
            runs.append((top, step, (top - first) // step + 1))
    if family in FAMILIES:
        step, k = len(FAMILIES), FAMILIES.index(family)
        last = min(total, MIXED_FROM - 1)
        top = last - ((last - k) % step)
        first = k or step
        if top >= first:
            runs.append((top, step, (top - first) // step + 1))
    return runs


def older_of_family(index: int, count: int) -> list[int]:
    """Up to `count` indexes of the same family just below `index`, newest first."""
    family, i = family_of(index), index - 1
    found: list[int] = []
    while i >= 1 and len(found) < count:
        if family_of(i) == family:
            found.append(i)
        i -= 1
    return found


def published_at(index: int) -> datetime:
    """Publication time: monotonic in index, working hours, Asia/Ho_Chi_Minh."""
    days = int(_SPAN_DAYS * math.sqrt(index / 100_000))
    minute = 7 * 60 + (index * 37) % 600
    day = _START + timedelta(days=days)
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=TZ)


def format_date(when: datetime, style: str, weekdays: tuple[str, ...] = ph.WEEKDAYS) -> str:
    """`when` as Vietnamese portals print it; `weekdays` names Monday to Sunday."""
    d, m, y, hh, mm = when.day, when.month, when.year, when.hour, when.minute
    if style == "padded-time":
        return f"{d:02}/{m:02}/{y} {hh:02}:{mm:02}"
    if style == "unpadded-time":
        return f"{d}/{m}/{y} {hh}:{mm}"
    if style == "time-first":
        return f"{hh:02}:{mm:02} {d:02}/{m:02}/{y}"
    if style == "weekday":
        return f"{weekdays[when.weekday()]}, {d:02}/{m:02}/{y}"
    if style == "spelled":
        return f"ngày {d} tháng {m} năm {y}"
    if style == "lacviet":  # the Lạc Việt news web part's td.Time
        return f"{ph.WEEKDAYS[when.weekday()].lower()}, Ngày {d:02}/{m:02}/{y}, {hh:02}:{mm:02}"
    if style == "lead":
        return f"{d}/{m}/{y}"
    return f"{d:02}/{m:02}/{y}"


def slugify(text: str) -> str:
    """ASCII slug without diacritics, as Vietnamese SharePoint page names are written."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return "-".join(words[:9])


def _fill(rng: random.Random, template: str, year: int) -> str:
    person, position = rng.choice(ph.PERSONS)
    return template.format(
        commune=rng.choice(ph.COMMUNES),
        district=rng.choice(ph.DISTRICTS),
        year=year,
        person=person,
        position=position,
        area=rng.choice(("tỉnh", "huyện", "xã")),
        percent=rng.randint(62, 99),
        count=rng.randint(12, 480),
        river=ph.RIVER,
        topic=rng.choice(ph.TOPICS).format(year=year),
        subject=rng.choice(ph.SUBJECTS).format(
            commune=rng.choice(ph.COMMUNES), district=ph.DISTRICT
        ),
    )


@lru_cache(maxsize=8192)
def title_parts(seed: int, index: int) -> tuple[str, str, str]:
    """Subject, action, topic of an article's title (cheap: listings only need these)."""
    rng = random.Random(f"demo-title:{seed}:{index}")
    year = published_at(index).year
    subject = rng.choice(ph.SUBJECTS).format(
        commune=rng.choice(ph.COMMUNES), district=rng.choice(ph.DISTRICTS)
    )
    return subject, rng.choice(ph.ACTIONS), rng.choice(ph.TOPICS).format(year=year)


def title_of(seed: int, index: int) -> str:
    subject, action, topic = title_parts(seed, index)
    return f"{subject} {action} {topic}"


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    names = [name for name, _ in options]
    return rng.choices(names, weights=[weight for _, weight in options])[0]


def _image(rng: random.Random, family: str, year: int, caption_ok: bool = True) -> ImageRef:
    base_no = rng.randrange(len(ph.IMAGE_BASES))
    variant = rng.randrange(4)
    ext = "png" if base_no % 4 == 3 else "jpg"
    name = ph.IMAGE_BASES[base_no] + (f" ({variant}).{ext}" if variant else f".{ext}")
    caption = _fill(rng, rng.choice(ph.CAPTIONS), year) if caption_ok else ""
    style = rng.choice(("em", "em", "table")) if caption else "none"
    alt = rng.choice(("", caption, ph.IMAGE_BASES[base_no]))
    return ImageRef(IMAGE_FOLDERS[family] + name, caption, alt, style)


def _new_image(rng: random.Random, family: str, year: int, caption_ok: bool = True) -> ImageRef:
    """An image of the three newer renderings, each with its own caption markup."""
    base_no = rng.randrange(len(ph.IMAGE_BASES))
    variant = rng.randrange(4)
    ext = "png" if base_no % 4 == 3 else "jpg"
    name = ph.IMAGE_BASES[base_no] + (f" ({variant}).{ext}" if variant else f".{ext}")
    caption = ""
    if caption_ok and rng.random() < 0.85:
        caption = _fill(rng, rng.choice(ph.CAPTIONS), year)
    if not caption:
        style = "none"
    elif family == "chitiet":
        caption, style = f"{caption}. Ảnh: {rng.choice(ph.PHOTOGRAPHERS)}", "credit"
    elif family == "lacviet":
        style = rng.choice(("table", "table", "em"))
    else:
        style = "em"
    alt = rng.choice(("", caption, ph.IMAGE_BASES[base_no]))
    return ImageRef(IMAGE_FOLDERS[family] + name, caption, alt, style)


def _attachment(rng: random.Random, family: str, index: int) -> DocRef:
    file_kind, title_kind = rng.choice(ph.DOC_KINDS)
    if family == "pressrelease":  # the translation linked above the first paragraph
        language = rng.choice(ph.TRANSLATIONS)
        return DocRef(
            f"{DOC_FOLDERS[family]}Thong cao {language[0]} so {index}.pdf", f"{language[1]} (pdf)"
        )
    folder = DOC_FOLDERS[family] + (f"{index}/" if family == "dispform" else "")
    file_name = f"{file_kind} so {index}.pdf"
    # SharePoint list attachments are linked by their file name; pages link a document title.
    title = file_name if family == "dispform" else title_kind.format(n=index)
    return DocRef(folder + file_name, title)


def _summary(rng: random.Random, parts: tuple[str, str, str], lead: str) -> str:
    subject, action, topic = parts
    opening = lead or rng.choice(("Vừa qua", "Mới đây", "Trong những ngày qua"))
    return f"{opening}, {subject} đã {action} {topic}. Tham dự có {rng.choice(ph.ATTENDEES)}."


def _paragraphs(rng: random.Random, year: int) -> list[str]:
    count = rng.randint(3, 8)
    return [
        # Sampled without replacement: a sentence said twice in one paragraph reads as a bug.
        " ".join(
            _fill(rng, sentence, year) for sentence in rng.sample(ph.SENTENCES, rng.randint(2, 3))
        )
        for _ in range(count)
    ]


def _byline(rng: random.Random, family: str) -> tuple[str, str, int | None, int | None]:
    """Author, source, glued (unlabelled) count and labelled view count."""
    author = rng.choice(ph.AUTHORS) if rng.random() > 0.05 else ""
    source = rng.choice(ph.SOURCES) if family == "newswebpart" and rng.random() < 0.3 else ""
    views = rng.randint(40, 25_000)
    if family == "lacviet":
        return author, (rng.choice(ph.SOURCES) if rng.random() < 0.5 else ""), None, views
    if family == "pressrelease":
        return "", "", None, None
    if family == "newswebpart":
        glued = author != "" and rng.random() < 0.15
        return author, source, (views if glued else None), (None if glued else views)
    if family == "itemid" and rng.random() < 0.5:
        return author, source, None, views
    return author, source, None, None


def generate(seed: int, index: int, edits: int = 0) -> ArticleData:
    """Build article `index` of the site seeded with `seed`, after `edits` edits."""
    return _generate(seed, index, edits)


@lru_cache(maxsize=2048)  # ~10 MB at most: bounded whatever the site size
def _generate(seed: int, index: int, edits: int) -> ArticleData:
    rng = random.Random(f"demo-article:{seed}:{index}")
    family = family_of(index)
    when = published_at(index)
    style = _weighted(rng, _DATE_STYLES[family])
    lead = f"{rng.choice(ph.OPENINGS)} {format_date(when, 'lead')}" if style == "lead" else ""
    parts = title_parts(seed, index)
    paragraphs = _paragraphs(rng, when.year)
    summary = _summary(rng, parts, lead)
    if family in ("publishing", "pressrelease"):
        # No sapo on these pages: the lead sentence opens the body instead.
        paragraphs.insert(0, summary)
        summary = ""
    n_images = rng.choices((0, 1, 2, 3), weights=(20, 40, 30, 10))[0]
    slots = sorted(rng.sample(range(len(paragraphs)), min(n_images, len(paragraphs))))
    make_image = _new_image if family in NEW_FAMILIES else _image
    images = tuple((slot, make_image(rng, family, when.year)) for slot in slots)
    lead_image = None
    if family == "publishing" and rng.random() < 0.85:
        lead_image = _image(rng, family, when.year)
    elif family == "pressrelease" and rng.random() < 0.85:
        # The "Home Image" above the body: never captioned.
        lead_image = _new_image(rng, family, when.year, caption_ok=False)
    author, source, glued, views = _byline(rng, family)
    attachment = _attachment(rng, family, index) if rng.random() < 0.25 else None
    word_paste = family in ("publishing", "newswebpart") and rng.random() < 0.2
    nfd = rng.random() < 0.05
    category = _category(rng, family)
    if index % 7 == 3:  # by index, not by the generator's dice: the rest stays as it was
        partner = ph.PARTNERS[(index // 7) % len(ph.PARTNERS)]
        paragraphs.append(ph.PARTNER_VISIT.format(partner=partner))
    for n in range(1, edits + 1):
        paragraphs.append(f"Cập nhật lần {n}: " + _fill(rng, rng.choice(ph.SENTENCES), when.year))
    return ArticleData(
        index=index,
        family=family,
        title=" ".join((parts[0], parts[1], parts[2])),
        published=when,
        date_style=style,
        category=category,
        author=author,
        source=source,
        glued_count=glued,
        view_count=views,
        summary=summary,
        paragraphs=tuple(paragraphs),
        images=images,
        lead_image=lead_image,
        attachment=attachment,
        word_paste=word_paste,
        nfd=nfd,
        version=edits + 1,
    )


def _category(rng: random.Random, family: str) -> str:
    if family == "newswebpart":
        return rng.choice(ph.NEWS_CATEGORIES)
    if family == "dispform":
        return rng.choice(ph.DISPFORM_CATEGORIES)
    if family == "itemid":
        return rng.choice(ph.ITEMID_CATEGORIES)
    if family == "lacviet":  # td.FolderTitle, left empty by some sites
        return rng.choice(ph.LACVIET_CATEGORIES) if rng.random() < 0.85 else ""
    if family == "pressrelease":
        return ph.PRESS_CATEGORY
    if family == "chitiet":
        return rng.choice(ph.CHITIET_CATEGORIES)
    return ph.PUBLISHING_CATEGORY
