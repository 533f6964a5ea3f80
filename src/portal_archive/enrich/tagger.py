"""Text to entities: people (with their positions), organisations and places.

Pure and offline. Spellings are normalised first ("Ð" for "Đ", curly apostrophes, "Đăk" for
"Đắk"), and a word keeps its apostrophes ("R'lấp"). Places are administrative units found with
their type words ("xã", "thị xã", "tỉnh"…), and the lists one type word heads ("các huyện A,
B và C", "3 xã: A, B, C"), looked up in the gazetteer of both eras (`gazetteer`; names also
without apostrophes, minority-language names also without tones), resolved by the article's
date (before or after the 2025 reform), the districts and provinces it names and the portal's
own province; units written bare where the text says they are units (in parentheses after a
place, in an address ending in a province, districts of a province the text names); bare
province and country names; villages and landmarks with their head words ("thôn", "chùa"…).
People are runs of capitalised syllables that begin with a Vietnamese surname or follow an
honorific ("ông", "đồng chí", "Đại tá"…), one-word names before a position ("K'Thanh –
TUV…"), with the position written next to them ("…, Phó Chủ tịch UBND tỉnh", "… - PCT UBND
huyện" or "Chủ tịch UBND tỉnh … Nguyễn Văn A"); `expand_position` spells out its
abbreviations. Organisations begin with a head word ("Sở", "UBND", "Công ty"…) and end at a
new body, a title or a person. underthesea's CRF named-entity tagger (it ships inside the
wheel) adds the people that neither rule finds, when `use_ner` is on (measured on real text:
it adds false people and none that the rules miss, so it stays off).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from portal_archive.archive.textnorm import normalize_tones, vi_fold, vi_key
from portal_archive.enrich import words as w
from portal_archive.enrich.gazetteer import (
    COMMUNE,
    DISTRICT,
    LEGACY,
    NEW,
    PROVINCE,
    AdminUnit,
    Gazetteer,
    gazetteer,
)

PERSON = "person"
ORGANISATION = "organisation"
PLACE = "place"
KINDS = (PERSON, ORGANISATION, PLACE)

# Articles published from this day on name the 2025 units.
REFORM_DATE = "2025-07-01"


@dataclass
class Found:
    """One entity of one text, with how often the text names it."""

    kind: str
    name: str
    level: str | None = None  # places: province, district, commune; None for other places
    unit: AdminUnit | None = None  # places resolved to an administrative unit
    mentions: int = 0
    bare: str = ""  # unresolved units: the name without its type word
    positions: list[str] = field(default_factory=list)  # people

    @property
    def key(self) -> str:
        """Identity across articles: a unit's era and code, else the kind, level and folded
        name (two people of one name are one entity: the archive cannot tell them apart)."""
        if self.unit is not None:
            return f"{PLACE}:{self.unit.key}"
        return f"{self.kind}:{self.level or ''}:{vi_fold(self.name)}"

    @property
    def short(self) -> str:
        """A place's name without its type word."""
        return self.unit.short if self.unit else (self.bare or self.name)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    low: str
    cap: bool
    word: bool


# A word keeps its apostrophes: "R'lấp", "N'Jang", "K'Thanh" are one syllable each.
_TOKEN = re.compile(r"\w+(?:'\w+)*|[^\w\s]")

# Spellings of one thing: "Ð" (U+00D0, Icelandic) typed for "Đ", curly apostrophes, and the
# "Đăk"/"Đak" that portals write for the gazetteer's "Đắk" (all the same length, so offsets
# stay those of the text as given).
_SPELLING = str.maketrans({"Ð": "Đ", "ð": "đ", "’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
_DAK = re.compile(r"\b([Đđ])(?:ăk|ak)\b")


def normalize_spelling(text: str) -> str:
    return _DAK.sub(lambda m: m.group(1) + "ắk", text.translate(_SPELLING))


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        t = m.group()
        out.append(Token(t, m.start(), m.end(), t.lower(), t[:1].isupper(), t[:1].isalnum()))
    return out


# Phrase sets by first word and longest first, built once per set (they live as long as the
# module or the tagger: the set itself is kept so that its id is never reused).
_INDEX: dict[int, tuple[object, dict[str, list[tuple[str, ...]]]]] = {}


def _index(phrases: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    kept = _INDEX.get(id(phrases))
    if kept is not None and kept[0] is phrases:
        return kept[1]
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
    for group in by_first.values():
        group.sort(key=len, reverse=True)
    _INDEX[id(phrases)] = (phrases, by_first)
    return by_first


def _match(tokens: Sequence[Token], i: int, phrases: Iterable[tuple[str, ...]]) -> int:
    """Length of the longest phrase (lower-case words) found at `i`, else 0."""
    if i >= len(tokens):
        return 0
    for phrase in _index(phrases).get(tokens[i].low, ()):
        n = len(phrase)
        if i + n <= len(tokens) and all(tokens[i + k].low == phrase[k] for k in range(1, n)):
            return n
    return 0


def _cap_run(tokens: Sequence[Token], i: int, used: set[int], limit: int = 6) -> int:
    """How many capitalised words (or numbers, as in "Phường 1") start at `i`."""
    n = 0
    while (
        i + n < len(tokens)
        and n < limit
        and i + n not in used
        and tokens[i + n].word
        and (tokens[i + n].cap or (n == 0 and tokens[i + n].text[:1].isdigit()))
        and not (n and tokens[i + n].text.isupper() and len(tokens[i + n].text) > 1)
    ):
        n += 1
    return n


@dataclass
class _Place:
    level: str | None
    name: str  # as written, without the type word
    candidates: list[AdminUnit]
    span: tuple[int, int]
    label: str = ""  # non-administrative places: the head word and the name
    written: str = ""  # unresolved units: the type word as written


class Tagger:
    """Tags texts; holds the gazetteer (loaded once) and, when asked, underthesea's NER."""

    def __init__(self, use_ner: bool = False) -> None:
        self.gaz: Gazetteer = gazetteer()
        self.unit_names = self.gaz.names()
        # Province names written bare ("Hà Nội", "Nam Định"); "Hồ Chí Minh" bare is the man.
        self.eponyms = frozenset([("hồ", "chí", "minh")])
        self.bare_provinces = frozenset(
            tuple(unit.short.lower().split())
            for unit in self.gaz.units.values()
            if unit.level == PROVINCE and tuple(unit.short.lower().split()) not in self.eponyms
        )
        # Looser names of every unit: apostrophes dropped ("Đắk R'lấp", "Đắk Rlấp"), and for
        # names of minority languages ("Cư Jut", "Buôn Choah") also the tones.
        self.loose: dict[tuple[str, str], list[AdminUnit]] = {}
        self.toneless: dict[tuple[str, str], list[AdminUnit]] = {}
        for unit in self.gaz.units.values():
            self.loose.setdefault((unit.level, loose_key(unit.short)), []).append(unit)
            self.toneless.setdefault((unit.level, vi_fold(loose_key(unit.short))), []).append(unit)
        self.unit_names |= {vi_fold(loose_key(unit.short)) for unit in self.gaz.units.values()}
        self.bare_provinces |= frozenset(
            tuple(loose_key(unit.short).split())
            for unit in self.gaz.units.values()
            if unit.level == PROVINCE and tuple(unit.short.lower().split()) not in self.eponyms
        )
        self.use_ner = use_ner
        self.joined: set[int] = set()  # of the text being tagged: see `joined_syllables`
        self.text = ""  # the text being tagged, with its spellings normalised

    def find(self, level: str, name: str) -> list[AdminUnit]:
        """Units of `level` named `name`: as written, else without apostrophes, else (a name
        in a minority language, whose tones portals write many ways) without tones."""
        units = self.gaz.find(level, name) or self.loose.get((level, loose_key(name)), [])
        if not units and _minority_name(name):
            units = self.toneless.get((level, vi_fold(loose_key(name))), [])
        return units

    # -- places ---------------------------------------------------------------------------

    def _admin_mentions(self, tokens: Sequence[Token], used: set[int]) -> list[_Place]:
        """Units named with their type word, and the lists one type word heads ("các huyện
        Đắk Mil, Cư Jút và Krông Nô", "5 huyện, thị xã (Đắk Mil, Gia Nghĩa)", "11 xã: A, B")."""
        found: list[_Place] = []
        i = 0
        while i < len(tokens):
            n = _match(tokens, i, w.TYPE_WORDS)
            prev = tokens[i - 1].low if i else ""
            if not n or (tokens[i].low == "xã" and prev in ("tác", "thị")) or i in used:
                i += 1
                continue
            shouting = tokens[i].text.isupper() and len(tokens[i].text) > 1
            if shouting and tokens[i].low != "tp":  # a heading in capitals: "TẠI THANH TRA TỈNH"
                i += n
                continue
            levels = w.TYPE_WORDS[tuple(t.low for t in tokens[i : i + n])]
            written = " ".join(t.low for t in tokens[i : i + n])
            k = i + n
            # More type words for one list: "huyện, thị xã (…)".
            while (
                k + 1 < len(tokens)
                and tokens[k].text == ","
                and _match(tokens, k + 1, w.TYPE_WORDS)
            ):
                m = _match(tokens, k + 1, w.TYPE_WORDS)
                levels = levels + w.TYPE_WORDS[tuple(t.low for t in tokens[k + 1 : k + 1 + m])]
                k += 1 + m
            opened = k < len(tokens) and tokens[k].text in (":", "(")
            k += opened
            run = _cap_run(tokens, k, used, limit=4)
            if run and tokens[k].text.isdigit() and written not in ("phường", "quận"):
                run = 0  # "mỗi huyện 2 điểm thi"; "Phường 1", "Quận 3" are names
            place = self._lookup(tokens, k, run, levels) if run else None
            if place is None or (opened and not place.candidates):
                i += n
                continue
            place.span = (i, place.span[1])
            place.written = written
            found.append(place)
            used.update(range(*place.span))
            i = place.span[1]
            # The list goes on while its names are units of these levels.
            while i + 1 < len(tokens) and tokens[i].text in (",", "và", ";"):
                k = i + 1 + (tokens[i].text == "," and tokens[i + 1].low == "và")
                run = _cap_run(tokens, k, used, limit=4)
                more = self._lookup(tokens, k, run, levels) if run else None
                ends = more is not None and (
                    more.span[1] >= len(tokens)
                    or tokens[more.span[1]].text in ",.;)"
                    or tokens[more.span[1]].low == "và"
                )
                # A name the data lacks stays in a list written as one ("11 xã: A, B, C").
                if more is None or not (more.candidates or (opened and ends)):
                    break
                more.written = written
                found.append(more)
                used.update(range(*more.span))
                i = more.span[1]
        return found

    def _lookup(
        self, tokens: Sequence[Token], start: int, run: int, levels: tuple[str, ...]
    ) -> _Place | None:
        for size in range(run, 0, -1):
            name = " ".join(t.text for t in tokens[start : start + size])
            for level in levels:
                units = self.find(level, name)
                if level == PROVINCE and len(levels) > 1:
                    # "thành phố Nam Định" is the district; "thành phố Hà Nội" the province.
                    units = [u for u in units if u.name.startswith("Thành phố")]
                if units:
                    return _Place(level, name, units, (start, start + size))
        if tokens[start].text in w.SURNAMES and run >= 2:
            return None  # "UBND huyện Tạ Minh Đức": a person, not a place
        region = _match(tokens, start, w.REGIONS)
        if region:  # "5 tỉnh Tây Nguyên": a region, not a unit
            label = " ".join(t.text for t in tokens[start : start + region])
            return _Place(None, label, [], (start, start + region), label)
        # Not a unit we know (a foreign province, a commune merged away before the data):
        # the name ends where a person's name begins.
        size = 1
        while size < min(run, 3) and tokens[start + size].text not in w.SURNAMES:
            size += 1
        name = " ".join(t.text for t in tokens[start : start + size])
        return _Place(levels[-1], name, [], (start, start + size))

    def _bare_names(
        self, tokens: Sequence[Token], used: set[int], org_tokens: set[int]
    ) -> list[_Place]:
        """Province and country names written without a type word ("Hà Nội", "Lào"), when
        they are not part of a longer name (a person's, or "Lào Cai")."""
        found: list[_Place] = []
        for i, token in enumerate(tokens):
            if i in used or not token.cap:
                continue
            for names, level in ((self.bare_provinces, PROVINCE), (w.COUNTRIES, None)):
                n = _match(tokens, i, names)
                blocked = used if level else used | org_tokens  # "Mặt trận Tổ quốc Việt Nam"
                if not n or any(k in blocked for k in range(i, i + n)):
                    continue
                before = tokens[i - 1] if i else None
                after = tokens[i + n] if i + n < len(tokens) else None
                inside = bool(before and before.cap and before.word)
                if not level and before is not None and before.low in w.COUNTRY_ATTRIBUTES:
                    continue  # "tiền Việt Nam", "Đảng Cộng sản Việt Nam"
                head = before is not None and before.text in w.ORG_HEAD_WORDS
                unit_before = i - 1 in used and before is not None and before.text not in w.SURNAMES
                if inside and not head and not unit_before:
                    continue
                if after and after.cap and after.word and i + n not in used:
                    continue
                name = " ".join(t.text for t in tokens[i : i + n])
                units = self.find(PROVINCE, name) if level else []
                found.append(_Place(level, name, units, (i, i + n)))
                used.update(range(i, i + n))
        return found

    def _bare_units(
        self, tokens: Sequence[Token], used: set[int], places: list[_Place]
    ) -> list[_Place]:
        """Districts and communes written without their type word, where the text says they
        are units: in parentheses after a place ("xã Đức Minh (Đắk Mil)", "(Cư Jút)"), in an
        address ending in a province ("Quỳnh Thanh, Quỳnh Lưu, Nghệ An"), or a district of a
        province the text already names ("tại Gia Nghĩa")."""
        found: list[_Place] = []
        provinces = {u.province for p in places for u in p.candidates}
        for i, token in enumerate(tokens):
            if i in used or not token.cap or not token.word:
                continue
            if i and tokens[i - 1].cap and tokens[i - 1].word:
                continue
            run = _cap_run(tokens, i, used, limit=4)
            if not run or (i + run < len(tokens) and tokens[i + run].word and tokens[i + run].cap):
                continue
            before = tokens[i - 1].text if i else ""
            after = tokens[i + run].text if i + run < len(tokens) else ""
            name = " ".join(t.text for t in tokens[i : i + run])
            if run == 1 and "'" not in name and not _minority_name(name):
                continue  # one syllable alone is too often something else
            for level in (DISTRICT, COMMUNE):
                units = self.find(level, name)
                if not units:
                    continue
                in_named = [u for u in units if u.province in provinces]
                bracketed = before == "(" and after in (")", ",")
                address = before == "," and after == "," and in_named
                last = after in ("", ".", ";")  # "tại chợ X, Gia Nghĩa."
                district = level == DISTRICT and in_named and (before != "," or last)
                if bracketed or address or district:
                    place = _Place(level, name, in_named or units, (i, i + run))
                    found.append(place)
                    used.update(range(i, i + run))
                    provinces |= {u.province for u in place.candidates}
                    break
        return found

    def _address_chains(
        self, tokens: Sequence[Token], used: set[int], places: list[_Place]
    ) -> None:
        """Bare names before a place in an address ("Quỳnh Thanh, Quỳnh Lưu, Nghệ An"): a
        district of that province, then a commune of that district."""
        for place in list(places):
            if place.level not in (PROVINCE, DISTRICT) or not place.candidates:
                continue
            parent = place
            start = place.span[0]
            while start >= 2 and tokens[start - 1].text == ",":
                end = start - 1
                begin = end
                while begin > 0 and tokens[begin - 1].cap and tokens[begin - 1].word:
                    begin -= 1
                if begin == end or any(k in used for k in range(begin, end)) or end - begin > 4:
                    break
                name = " ".join(t.text for t in tokens[begin:end])
                level = DISTRICT if parent.level == PROVINCE else COMMUNE
                short = {vi_fold(u.short) for u in parent.candidates}
                units = [
                    u
                    for u in self.find(level, name)
                    if vi_fold(u.province if level == DISTRICT else u.district) in short
                ]
                if not units:
                    break
                found = _Place(level, name, units, (begin, end))
                places.append(found)
                used.update(range(begin, end))
                parent, start = found, begin

    def _landmarks(self, tokens: Sequence[Token], used: set[int]) -> list[_Place]:
        found: list[_Place] = []
        for i in range(len(tokens)):
            n = _match(tokens, i, w.PLACE_HEADS)
            opening = i == 0 or tokens[i - 1].text in ".!?:"
            # Villages capitalised after a comma, or before their number ("Thôn 5").
            numbered = i + n < len(tokens) and tokens[i + n].text[:1].isdigit()
            village = _match(tokens, i, w.VILLAGE_HEADS) == n and (
                tokens[i - 1].text in ",;(" or numbered
            )
            if not n or i in used or (tokens[i].cap and not opening and not village):
                continue
            run = _cap_run(tokens, i + n, used, limit=3)
            if run:
                span = (i, i + n + run)
                label = " ".join(t.text for t in tokens[span[0] : span[1]])
                found.append(_Place(None, label, [], span, label))
                used.update(range(*span))
        return found

    def _resolve(self, places: list[_Place], province: str, published: str | None) -> None:
        """Keep one unit per mention: the era the article was written in (the other era when
        that one has no such unit), then the districts and provinces the text names, then
        the portal's own province. A name that stays ambiguous stays unresolved."""
        new_era = bool(published) and str(published) >= REFORM_DATE
        era = NEW if new_era else LEGACY
        home = vi_fold(province)
        if new_era:
            home = self.gaz.province_successor.get(home, home)
        for place in places:
            same = [u for u in place.candidates if u.era == era]
            place.candidates = same or place.candidates
        named_provinces = {
            vi_fold(p.candidates[0].short)
            for p in places
            if p.level == PROVINCE and len(p.candidates) >= 1
        }
        named_districts = {
            vi_fold(p.candidates[0].short) for p in places if p.level == DISTRICT and p.candidates
        }
        named_provinces |= {
            vi_fold(p.candidates[0].province)
            for p in places
            if p.level == DISTRICT and len(p.candidates) == 1
        }
        for place in places:
            if len(place.candidates) <= 1:
                continue

            def score(unit: AdminUnit) -> int:
                folded = vi_fold(unit.province)
                return (
                    4 * (bool(unit.district) and vi_fold(unit.district) in named_districts)
                    + 2 * (folded == home)
                    + (folded in named_provinces)
                )

            scored = sorted(((score(u), u.key, u) for u in place.candidates), reverse=True)
            best = scored[0][0]
            top = [u for s, _, u in scored if s == best]
            place.candidates = top if best > 0 and len(top) == 1 else []

    # -- organisations and people ---------------------------------------------------------

    def _organisations(
        self, text: str, tokens: Sequence[Token], used: set[int]
    ) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        i = 0
        while i < len(tokens):
            n = _match(tokens, i, w.ORG_HEADS)
            # Inside another name, unless that was a title ("Trưởng Ban Tuyên giáo") or an
            # abbreviation ("cơ quan CSĐT Công an huyện").
            after_name = (
                i > 0
                and tokens[i - 1].cap
                and tokens[i - 1].word
                and not _ends_title(tokens, i, w.TITLES)
                and not (len(tokens[i - 1].text) > 1 and tokens[i - 1].text.isupper())
            )
            # "55/UBND-VP" is a document's number, not a body.
            numbered = i > 0 and tokens[i - 1].text == "/"
            school = tokens[i].low != "trường" or (
                i + 1 < len(tokens) and tokens[i + 1].low in w.SCHOOL_KINDS
            )
            shouting = tokens[i].text.isupper() and tokens[i].low not in w.ORG_ACRONYMS
            if not n or not tokens[i].cap or after_name or numbered or not school or shouting:
                i += 1
                continue
            end = self.org_end(tokens, i + n)
            named = any(t.cap and t.word for t in tokens[i + n : end])
            head = tuple(t.low for t in tokens[i : i + n])
            if head in w.ORG_DESCRIBED and (not named or end == i + n + 1 or end > i + n):
                # "Trung tâm Kiểm soát bệnh tật tỉnh Đắk Nông": its unit after a description.
                described = self._described_end(tokens, end)
                named = named or described > end
                end = max(end, described)
            if not named and head not in w.ORG_WHOLE:
                i += n
                continue
            found.append((text[tokens[i].start : tokens[end - 1].end], i, end))
            i = end
        return found

    def _described_end(self, tokens: Sequence[Token], j: int) -> int:
        """Where a body named by a description and its unit ends ("Ban chỉ huy quân sự huyện
        Đắk Song", "Trung tâm hỗ trợ phát triển giáo dục hòa nhập tỉnh Đắk Nông"): a few
        words, then a type word and (maybe) the unit's name. `j` when there is no such unit."""
        k = j
        while k < len(tokens) and k - j <= 8 and tokens[k].word and tokens[k].low not in w.STOP:
            n = _match(tokens, k, w.TYPE_WORDS)
            if n and k > j:
                run = _cap_run(tokens, k + n, set(), limit=4)
                return k + n + (self._unit_size(tokens, k + n, run) if run else 0)
            k += 1
        return j

    def _unit_size(self, tokens: Sequence[Token], k: int, run: int) -> int:
        """How many of the `run` capitalised words at `k` name a unit (a person's name may
        follow: "UBND xã Liêm Sơn Đặng Văn Hùng")."""
        for size in range(min(run, 4), 0, -1):
            name = " ".join(t.text for t in tokens[k : k + size])
            if vi_fold(name) in self.unit_names or vi_fold(loose_key(name)) in self.unit_names:
                return size
        return 0 if tokens[k].text in w.SURNAMES else min(run, 2)

    def _goes_on(self, tokens: Sequence[Token], k: int) -> bool:
        """Whether a name goes on after the "," or "và" at `k`: not when a new body, a title
        or a person follows ("Sở Xây dựng, Sở Tài chính"; "Bộ Y tế, Thứ trưởng…"); yes when
        the words after it end in "và …" or in a unit ("Sở Văn hóa, Thể thao và Du lịch",
        "Phòng Văn hóa, Thông tin huyện Krông Nô")."""
        nxt = k + 1
        if tokens[k].low == "và" and _match(tokens, nxt, w.ORG_TAILS):
            return True  # "Thương binh và xã hội"
        if nxt >= len(tokens) or not tokens[nxt].cap or not tokens[nxt].word:
            return False
        if _match(tokens, nxt, w.ORG_HEADS) or _match(tokens, nxt, w.TITLES):
            return False
        if tokens[nxt].text in w.SURNAMES and _cap_run(tokens, nxt, set(), limit=4) >= 2:
            return False  # a person: "Sở Y tế và Nguyễn Văn A"; "và Đào tạo" goes on
        if tokens[k].low == "và":
            return True
        m = nxt
        while m < len(tokens) and tokens[m].word and m - nxt < 6:
            if tokens[m].low == "và" or _match(tokens, m, w.TYPE_WORDS):
                return True
            m += 1
        return False

    def _lower_inside(self, tokens: Sequence[Token], k: int, end: int) -> bool:
        """Whether the lower-case word at `k` (right after the name's last word) is still part
        of the name: before "-" or "và" and a capitalised word ("Văn hóa thể thao và Du
        lịch", "Giao thông-Vận tải"), or the second syllable after such a joint ("Thông
        tin-Truyền thông")."""
        t = tokens[k]
        if k != end or not t.word or t.cap or t.low in w.STOP or _match(tokens, k, w.TYPE_WORDS):
            return False
        if k >= 2 and tokens[k - 2].text in ("-", "&") and tokens[k - 1].cap:
            return not tokens[k - 1].text.isupper()  # "TB&XH năm": abbreviations end there
        for m in (k + 1, k + 2):
            if m + 1 < len(tokens) and tokens[m].text in ("-", "&", "và") and tokens[m + 1].cap:
                return m == k + 1 or (not tokens[k + 1].cap and tokens[k + 1].word)
        return False

    def org_end(self, tokens: Sequence[Token], j: int) -> int:
        """Where an organisation's name that goes on at `j` ends: capitalised words and their
        lower-case second syllables, known lower-case tails ("nông thôn"), "và"/"," before a
        capitalised word of the same name, abbreviations joined by "-" and "&" ("Bộ
        NN&PTNT"), and the unit it belongs to ("tỉnh", "huyện Kim Bảng"). A person's name
        after it is not part of it ("Bộ trưởng Bộ Y tế Nguyễn Văn A")."""
        end = j
        k = j
        school = (j > 0 and tokens[j - 1].low == "trường") or (
            j > 1 and tokens[j - 2].low == "trường"
        )
        while k < len(tokens):
            t = tokens[k]
            tail = _match(tokens, k, w.ORG_TAILS)
            if t.word and t.cap and not _match(tokens, k, w.TYPE_WORDS):
                size = self._unit_size(tokens, k, _cap_run(tokens, k, set(), limit=4))
                named = vi_fold(" ".join(x.text for x in tokens[k : k + size]))
                follows = tokens[k + size] if k + size < len(tokens) else None
                if named in self.unit_names and follows and follows.text in w.SURNAMES:
                    return k + size  # "Huyện ủy Thanh Liêm Nguyễn Hữu Phước"
                run = _cap_run(tokens, k, set(), limit=4)
                whole = vi_fold(" ".join(x.text for x in tokens[k : k + run]))
                person = run >= 2 and whole not in self.unit_names
                if k > j and t.text in w.SURNAMES and not school and person:
                    return end  # "Bộ Kế hoạch và Đầu tư Nguyễn Chí Dũng"
                k += 1
                # The lower-case syllables of the same word.
                while k in self.joined and not tokens[k].cap and tokens[k].low not in w.STOP:
                    k += 1
                end = k
            elif tail:
                k += tail
                end = k
            elif (t.text in ("-", "&") and k + 1 < len(tokens) and tokens[k + 1].cap) or (
                t.low in ("và", ",") and k + 1 < len(tokens) and self._goes_on(tokens, k)
            ):
                k += 1
            elif self._lower_inside(tokens, k, end):
                k += 1
                end = k
            elif _match(tokens, k, w.TYPE_WORDS):
                n = _match(tokens, k, w.TYPE_WORDS)
                k += n
                run = _cap_run(tokens, k, set(), limit=4)
                if run:
                    k += self._unit_size(tokens, k, run)
                end = k
                break
            else:
                break
        return end

    def _people(
        self, tokens: Sequence[Token], used: set[int], ner_spans: Sequence[tuple[int, int]]
    ) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        i = 0
        while i < len(tokens):
            if i in used or not tokens[i].cap or not tokens[i].word:
                i += 1
                continue
            run = _cap_run(tokens, i, used, limit=6)
            # A name ends where a village, a unit or a body begins ("Phạm Văn Ba Thôn 3").
            run = next((k - i for k in range(i + 1, i + run) if _heads_other(tokens, k)), run)
            if tokens[i].low in w.HONORIFICS:  # "Ông Lê Đức Thịnh" opening a sentence
                i += 1
                continue
            honorific = i > 0 and (
                tokens[i - 1].low in w.HONORIFICS or _ends_title(tokens, i, w.RANKS)
            )
            if run == 1 and self._single_name(tokens, i, honorific):
                found.append((tokens[i].text, i, i + 1))
                used.add(i)
                i += 1
                continue
            # "Chủ tịch Hồ Chí Minh": after a title, a surname's run is a name even when it
            # is also a place's.
            titled = i > 0 and _ends_title(tokens, i, w.TITLES)
            start = i
            if tokens[i].text not in w.SURNAMES and not honorific:
                start = next((k for k in range(i + 1, i + run) if tokens[k].text in w.SURNAMES), -1)
                if start < 0 or i + run - start < 2:
                    i += max(run, 1)
                    continue
            size = min(i + run - start, 4)
            name = " ".join(t.text for t in tokens[start : start + size])
            year = size == 2 and tokens[start + 1].text in w.CYCLE_YEARS  # "xuân Đinh Dậu"
            year = year or tuple(name.lower().split()) in w.COUNTRIES  # "Nhà giáo Việt Nam"
            # A unit named after a person, written bare ("tư tưởng Hồ Chí Minh"), is the
            # person; the road ("đường Hồ Chí Minh") and bodies named after him are not.
            eponym = (
                tuple(name.lower().split()) in self.eponyms
                and start > 0
                and not tokens[start - 1].cap
                and tokens[start - 1].low not in w.EPONYM_NOT_PERSON
            )
            known = honorific or titled or eponym or vi_fold(name) not in self.unit_names
            if size >= 2 and not year and known:
                found.append((name, start, start + size))
                used.update(range(start, start + size))
            i += max(run, 1)
        for s, e in ner_spans:
            if any(k in used for k in range(s, e)) or not 2 <= e - s <= 4:
                continue
            name = " ".join(t.text for t in tokens[s:e])
            if all(t.cap and t.word for t in tokens[s:e]) and vi_fold(name) not in self.unit_names:
                found.append((name, s, e))
                used.update(range(s, e))
        return found

    def _single_name(self, tokens: Sequence[Token], i: int, honorific: bool) -> bool:
        """A one-word name: after an honorific or written the way names of minority peoples
        are ("K'Thanh"), and followed by a position ("ông Việt - Phó Giám đốc Sở…")."""
        t = tokens[i]
        if not (honorific or "'" in t.text) or t.text.isupper() or t.text in w.SURNAMES:
            return False
        nxt = i + 1
        return (
            nxt + 1 < len(tokens)
            and tokens[nxt].text in (",", "-")
            and bool(_match(tokens, nxt + 1, w.TITLES))
        )

    def _ner_people(self, text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
        """underthesea's PER spans, as token index spans of `tokens`."""
        from underthesea import ner  # ~0.4 s to import: only when asked for

        starts = {t.start: k for k, t in enumerate(tokens)}
        ends = {t.end: k for k, t in enumerate(tokens)}
        spans: list[tuple[int, int]] = []
        for sentence in _sentences(text):
            offset = sentence[0]
            pos = offset
            current: list[int] | None = None
            for word, _pos, _chunk, tag in ner(sentence[1]):
                found = text.find(word, pos)
                if found < 0:
                    current = None
                    continue
                pos = found + len(word)
                if tag.endswith("PER") and found in starts and pos in ends:
                    if tag.startswith("B") or current is None:
                        current = [starts[found], ends[pos] + 1]
                        spans.append((current[0], current[1]))
                    else:
                        current[1] = ends[pos] + 1
                        spans[-1] = (current[0], current[1])
                else:
                    current = None
        return spans

    def tag(self, text: str, province: str = "", published: str | None = None) -> list[Found]:
        """Entities of `text` (title and body), most mentioned first within each kind.
        `province`: the portal's own; `published`: the article's date (ISO), which picks the
        era of the units it names."""
        text = self.text = normalize_spelling(normalize_tones(text))
        tokens = tokenize(text)
        self.joined = joined_syllables(text, tokens)
        used: set[int] = set()
        admin = self._admin_mentions(tokens, used)
        orgs = self._organisations(text, tokens, set())
        org_tokens = {k for _, s, e in orgs for k in range(s, e)}
        bare = self._bare_names(tokens, used, org_tokens)
        places = admin + bare
        self._address_chains(tokens, used, places)
        places += self._bare_units(tokens, used, places)
        places += self._landmarks(tokens, used)
        self._resolve(places, province, published)
        ner_spans = self._ner_people(text, tokens) if self.use_ner else []
        people = self._people(tokens, used | org_tokens, ner_spans)
        return self._collect(tokens, places, orgs, people)

    def _collect(
        self,
        tokens: Sequence[Token],
        places: list[_Place],
        orgs: list[tuple[str, int, int]],
        people: list[tuple[str, int, int]],
    ) -> list[Found]:
        found: dict[str, Found] = {}

        def add(item: Found) -> Found:
            kept = found.setdefault(item.key, item)
            kept.mentions += 1
            return kept

        for place in places:
            unit = place.candidates[0] if place.candidates else None
            level = unit.level if unit else place.level
            name = unit.name if unit else (place.label or place.name)
            if unit is None and place.level is not None and not place.label:
                name = f"{place.written} {place.name}"
            add(Found(PLACE, name, level, unit, bare="" if unit else place.name))
        # A body named again shorter ("Hội Nông dân huyện Lý Nhân… Chủ tịch Hội Nông dân
        # huyện") is one entity, under its fullest name.
        folded = [vi_fold(name) for name, _s, _e in orgs]
        for name, _s, _e in orgs:
            short = vi_fold(name) + " "
            longer = [orgs[k][0] for k, f in enumerate(folded) if f.startswith(short)]
            add(Found(ORGANISATION, max(longer, key=len) if longer else name))
        for name, s, e in people:
            person = add(Found(PERSON, name))
            position = position_of(self, tokens, s, e)
            if position and position not in person.positions:
                person.positions.append(position)
        order = {kind: k for k, kind in enumerate(KINDS)}
        return sorted(found.values(), key=lambda f: (order[f.kind], -f.mentions, f.name))


def joined_syllables(text: str, tokens: Sequence[Token]) -> set[int]:
    """Indexes of the tokens that continue the word before them, by underthesea's word
    segmenter (its CRF model ships in the wheel): "Tài chính" is one word, so "Sở Tài chính
    đã" ends after "chính"; "Minh Phát bao tiêu" ends after "Phát". Only names of bodies read
    it: sentences without a capitalised head word of one are not segmented (the segmenter is
    most of the tagging time)."""
    from underthesea import word_tokenize  # ~0.4 s to import, once

    starts = {t.start: k for k, t in enumerate(tokens)}
    heads = [t.start for t in tokens if t.cap and t.low in _HEAD_FIRST_WORDS]
    joined: set[int] = set()
    for offset, sentence in _sentences(text):
        end = offset + len(sentence)
        if not any(offset <= h < end for h in heads):
            continue
        pos = offset
        for word in word_tokenize(sentence):
            found = text.find(word, pos)
            if found < 0:
                continue
            pos = found + len(word)
            for m in re.finditer(r"\S+", word):
                k = starts.get(found + m.start())
                if k is not None and m.start() > 0:
                    joined.add(k)
    return joined


def loose_key(name: str) -> str:
    """A unit's name for comparison, apostrophes dropped: "Đắk R'Lấp" and "Đắk Rlấp" meet."""
    return vi_key(normalize_spelling(name)).replace("'", "")


def _minority_name(name: str) -> bool:
    """Whether `name` reads as a place name of a minority language (the Central Highlands'
    "Đắk", "Ea", "Krông"…, letters Vietnamese words do not use, apostrophes)."""
    low = vi_key(normalize_spelling(name))
    return (
        "'" in low
        or bool(set(low.split()) & w.MINORITY_SYLLABLES)
        or bool(re.search(r"[fjwz]", low))
    )


def _heads_other(tokens: Sequence[Token], k: int) -> bool:
    """Whether a village, a unit or a body begins at `k` ("Trường" only before a school's
    kind: "Bùi Xuân Trường" is a name)."""
    if tokens[k].low == "trường" and (
        k + 1 >= len(tokens) or tokens[k + 1].low not in w.SCHOOL_KINDS
    ):
        return False
    return tokens[k].cap and bool(
        _match(tokens, k, w.VILLAGE_HEADS)
        or _match(tokens, k, w.TYPE_WORDS)
        or (_match(tokens, k, w.ORG_HEADS) and tokens[k].text not in w.SURNAMES)
    )


def _sentences(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"[^.!?\n]+[.!?]?", text):
        if m.group().strip():
            out.append((m.start(), m.group()))
    return out


_HEAD_FIRST_WORDS = frozenset(p[0] for p in w.ORG_HEADS | w.TITLES)


def _ends_title(tokens: Sequence[Token], i: int, titles: frozenset[tuple[str, ...]]) -> bool:
    """Whether one of `titles` ends right before token `i`."""
    return any(tuple(x.low for x in tokens[i - n : i]) in titles for n in range(1, min(i, 6) + 1))


def position_of(tagger: Tagger, tokens: Sequence[Token], start: int, end: int) -> str:
    """The position written with the person at tokens [start, end): after the name and a
    comma or a dash ("Nguyễn Văn A, Phó Chủ tịch UBND tỉnh", "Nguyễn Văn A - PCT UBND
    huyện"), else just before it ("Thứ trưởng Nguyễn Văn A"), as the text writes it. Empty
    when the text gives none."""
    if end + 1 < len(tokens) and tokens[end].text in (",", "-"):
        after = _position_from(tagger, tokens, end + 1)
        if after:
            return after
    # Before: the nearest title start within the clause, and the titles it ends ("Phó").
    k = start - 1
    while k >= 0 and start - k <= 12 and tokens[k].text not in w.CLAUSE_ENDS:
        if _match(tokens, k, w.TITLES) and tokens[k].cap:
            while k > 0 and tokens[k - 1].cap and _match(tokens, k - 1, w.TITLES) > 1:
                k -= 1
            return tagger.text[tokens[k].start : tokens[start - 1].end]
        k -= 1
    return ""


_ABBREVIATION = re.compile(
    r"(?<![\w&-])("
    + "|".join(re.escape(a) for a in sorted(w.ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w&-])"
)


def expand_position(position: str) -> str:
    """`position` with its abbreviations spelled out ("PCT UBND huyện" -> "Phó Chủ tịch Ủy
    ban nhân dân huyện"); "" when it has none."""
    expanded = _ABBREVIATION.sub(lambda m: w.ABBREVIATIONS[m.group(1)], position)
    return expanded if expanded != position else ""


def _position_from(tagger: Tagger, tokens: Sequence[Token], k: int) -> str:
    """A position phrase starting at `k`: titles one after another, with or without commas
    or dashes between them ("UVTVTU, Trưởng Ban Tuyên giáo Tỉnh ủy", "TUV Phó Chủ tịch
    HĐND tỉnh"), as written."""
    first, last = k, -1
    while k < len(tokens) and _match(tokens, k, w.TITLES):
        end = tagger.org_end(tokens, k)
        if end <= k:
            end = k + _match(tokens, k, w.TITLES)
        last = end
        if end < len(tokens) and _match(tokens, end, w.TITLES) and tokens[end].cap:
            k = end  # "TUV Phó Chủ tịch"
        elif end + 1 < len(tokens) and tokens[end].text in (",", "-"):
            k = end + 1
        else:
            break
    return tagger.text[tokens[first].start : tokens[last - 1].end] if last > first else ""
