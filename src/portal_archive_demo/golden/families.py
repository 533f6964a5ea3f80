# ruff: noqa: E501  (generated markup is written as long literal lines on purpose)
"""Golden corpus, part one: articles of seven portal families and eight pages that are not.

Our own SharePoint pages (2010 and 2013 chrome, English and Vietnamese, entity-encoded,
decomposed, UTF-16 and BOM variants) and the generator's truth for each: every Article field but
`body_html`. All text is our own writing, from the golden banks of `portal_archive_demo.phrases`;
`portal_archive_demo.golden.write_pages()` writes them.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import datetime
from html.entities import codepoint2name

from portal_archive_demo.common import b64_chars, esc
from portal_archive_demo.data import TZ, format_date
from portal_archive_demo.phrases import CORPUS_AUTHORS as AUTHORS
from portal_archive_demo.phrases import CORPUS_CAPTIONS as CAPTIONS
from portal_archive_demo.phrases import CORPUS_CATEGORIES as CATEGORIES
from portal_archive_demo.phrases import CORPUS_RELATED as RELATED
from portal_archive_demo.phrases import CORPUS_SENTENCES as SENTENCES
from portal_archive_demo.phrases import CORPUS_TITLES as TITLES
from portal_archive_demo.phrases import CORPUS_WEEKDAYS as WEEKDAYS

HOST = "https://tinh.example.gov.vn"


def entities(text: str) -> str:
    """Every non-ASCII letter as an entity, named where HTML has a name (Word's export does)."""
    out = []
    for ch in esc(text):
        code = ord(ch)
        if code < 128:
            out.append(ch)
        elif code in codepoint2name:
            out.append(f"&{codepoint2name[code]};")
        else:
            out.append(f"&#{code};")
    return "".join(out)


# --- Dates ------------------------------------------------------------------------------------
# Printed date shapes, cycled by page number; a time makes the expected value a datetime.
DATE_STYLES = ("date", "unpadded-time", "padded-time", "weekday", "spelled", "time-first", "lead")


def date_format(kind: int, when: datetime) -> tuple[str, str]:
    """(printed string, ISO expected value)."""
    style = DATE_STYLES[kind % len(DATE_STYLES)]
    iso = when.replace(second=0) if "time" in style else when.date()
    return format_date(when, style, WEEKDAYS), iso.isoformat()


# --- Page chrome ------------------------------------------------------------------------------
def side_boxes() -> str:
    news = "".join(
        f'<li><a href="/Pages/tin-{i}.aspx">{esc(t)}</a></li>' for i, t in enumerate(RELATED)
    )
    return f"""
<div class="ms-webpart-zone ms-fullWidth"><div class="ms-webpart-chrome ms-webpart-chrome-vertical">
 <div class="ms-webpart-chrome-title"><h2 class="ms-webpart-titleText"><span>Tin mới</span></h2></div>
 <div class="ms-WPBody" id="WebPartWPQ5"><ul class="latest">{news}</ul></div></div>
<div class="ms-webpart-chrome"><div class="ms-webpart-chrome-title"><h2 class="ms-webpart-titleText">Thăm dò ý kiến</h2></div>
 <div class="ms-WPBody" id="WebPartWPQ6"><p>Bạn đánh giá thế nào về cổng thông tin?</p>
 <input type="radio" name="poll" value="1"> Tốt <input type="radio" name="poll" value="2"> Chưa tốt
 <input type="button" value="Biểu quyết"></div></div>
<div class="ms-webpart-chrome"><div class="ms-webpart-chrome-title"><h2 class="ms-webpart-titleText">Liên kết website</h2></div>
 <div class="ms-WPBody" id="WebPartWPQ7"><select><option>Chính phủ</option><option>Bộ Nội vụ</option></select>
 <a href="http://chinhphu.example.vn"><img src="/PublishingImages/banner-chinhphu.png" width="180"></a></div></div></div>"""


def shell(
    version: int, lang: str, title: str, main: str, crumbs: list[str], rng: random.Random
) -> str:
    skip = (
        ("Skip Ribbon Commands", "Skip to main content")
        if lang == "en"
        else ("Bỏ qua lệnh Ribbon", "Chuyển tới nội dung chính")
    )
    short = title[:28] + "..."
    crumb = " &gt; ".join(f'<a href="/">{esc(c)}</a>' for c in ["Trang chủ", *crumbs])
    nav = '<div id="DeltaTopNavigation" class="ms-core-navigation"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu chung</a></li><li><a href="/sd">Sơ đồ cổng</a></li></ul></div>'
    top = f"""<div id="s4-ribbonrow"><div id="RibbonContainer">Browse Page</div></div>
<div class="s4-skipribbonshortcut"><a href="#startNavigation" class="ms-SkiptoNavigation">{skip[0]}</a></div>
<a href="#mainContent" class="ms-SkiptoMainContent">{skip[1]}</a>
<a id="TurnOnAccessibility" href="#" style="display:none">Turn on more accessible mode</a>"""
    if version == 2013:
        content = f"""<div id="suiteBar"><span>SharePoint</span></div>{top}
<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="s4-titlerow"><h1 id="pageTitle"><span id="DeltaPlaceHolderPageTitleInTitleArea">{esc(short)}</span></h1>
<div class="ms-breadcrumb-box breadcrumb">{crumb}</div>{nav}</div>
<div id="sideNavBox"><a name="startNavigation"></a><ul><li><a href="/Trang/Tin-tuc-su-kien.aspx?Cat=1">Tin tức</a></li></ul></div>
<div id="contentBox"><div id="DeltaPlaceHolderMain"><a id="mainContent" name="mainContent"></a>
<table width="100%"><tr><td valign="top" class="left-zone">{main}</td><td valign="top" class="right-zone">{side_boxes()}</td></tr></table>
</div></div>"""
    else:
        content = f"""{top}<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="s4-title s4-lp"><h1 class="s4-titletext">{esc(short)}</h1><span class="ms-sitemapdirectional">{crumb}</span></div>{nav}
<table class="s4-wpTopTable"><tr><td id="MSO_ContentTd"><a name="mainContent"></a>
<table id="MSO_ContentTable"><tr><td>
<table width="100%"><tr><td valign="top">{main}</td><td valign="top">{side_boxes()}</td></tr></table>
</td></tr></table></td></tr></table>"""
    return f"""<!DOCTYPE html><html lang="{"vi-vn" if lang == "vi" else "en-us"}" dir="ltr"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<title>{esc(short)} - Cổng thông tin điện tử tỉnh</title>
<link rel="stylesheet" href="/_layouts/15/1066/styles/corev15.css"/>
<script>var _spPageContextInfo = {{webLanguage: {1066 if lang == "vi" else 1033}, pageItemId: 7}};</script>
</head><body><form method="post" action="./page.aspx" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDw{b64_chars(rng, 6000)}" />
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAA{b64_chars(rng, 6000)[:400]}" />
{content}
<div class="footer"><p>Bản quyền thuộc Cổng thông tin điện tử tỉnh. Địa chỉ: số 1 đường Trần Hưng Đạo.</p></div>
</div></div></form></body></html>"""


def webpart(title: str, inner: str, version: int) -> str:
    if version == 2013:
        head = (
            f'<div class="ms-webpart-chrome-title"><h2 class="ms-webpart-titleText"><span>{esc(title)}</span></h2></div>'
            if title
            else ""
        )
        return f'<div class="ms-webpart-zone"><div class="ms-webpart-chrome">{head}<div class="ms-WPBody" id="WebPartctl00_ctl33_g_8f1e">{inner}</div></div></div>'
    head = (
        f'<tr class="ms-WPHeader"><td><h3 class="ms-standardheader ms-WPTitle"><span>{esc(title)}</span></h3></td></tr>'
        if title
        else ""
    )
    return f'<table><tr><td id="MSOZoneCell_WebPartWPQ2"><table>{head}<tr><td><div class="ms-WPBody" id="WebPartWPQ2">{inner}</div></td></tr></table></td></tr></table>'


# --- Article bodies -----------------------------------------------------------------------------
class Spec:
    """One article page: what it shows and how; `expected` is what extraction must return."""

    def __init__(self, n: int) -> None:
        rng = random.Random(n)
        self.n, self.rng = n, rng
        self.family = FAMILY_CYCLE[n % len(FAMILY_CYCLE)]
        self.version = 2013 if n % 2 == 0 else 2010
        self.lang = "en" if n % 3 == 0 else "vi"
        self.title = TITLES[n % len(TITLES)] + (
            "" if n < len(TITLES) else f" (đợt {n // len(TITLES) + 1})"
        )
        self.when = datetime(
            2022, 1 + n % 12, 1 + (n * 7) % 28, 7 + n % 10, (n * 13) % 60, tzinfo=TZ
        )
        self.date_kind = n
        self.no_date_line = n % 9 == 4
        self.author = AUTHORS[n % len(AUTHORS)] if n % 7 != 6 else ""
        self.author_glued = (
            n % 5 == 2 and bool(self.author) and self.family in ("newswebpart", "generic", "trang")
        )
        self.views = 1000 + n * 37 if n % 3 != 1 else None
        self.category = CATEGORIES[n % len(CATEGORIES)] if n % 8 != 7 else ""
        self.summary = " ".join(rng.sample(SENTENCES, 2)) + "." if n % 4 != 3 else ""
        self.paragraphs = [" ".join(rng.sample(SENTENCES, 3)) + "." for _ in range(3 + n % 3)]
        if self.no_date_line:
            self.paragraphs[0] = (
                f"Sáng ngày {self.when.day}/{self.when.month}/{self.when.year}, "
                + self.paragraphs[0]
            )
        self.images = [(i, CAPTIONS[(n + i) % len(CAPTIONS)]) for i in range(n % 3)]
        self.caption_style = ["p-center", "table", "em-inline", "figure", "p-em"][n % 5]
        self.word = n % 4 == 1
        self.encode = "entities" if n % 6 == 5 else "nfd" if n % 6 == 2 else "plain"
        self.related_inside = n % 2 == 1
        self.attach = n % 4 == 0

    # Text encoders: the page shows the same words as entities or decomposed Unicode.
    def t(self, text: str) -> str:
        if self.encode == "entities":
            return entities(text)
        if self.encode == "nfd":
            return esc(unicodedata.normalize("NFD", text))
        return esc(text)

    def image_path(self, i: int) -> str:
        return f"/PublishingImages/{self.when:%Y-%m}/Anh hoi nghi {self.n}-{i} ({i + 1}).jpg"

    def image_html(self, i: int, caption: str) -> str:
        src = self.image_path(i)
        src = src if i % 2 == 0 else src.replace(" ", "%20")
        img = f'<img src="{src}" alt="{self.t(caption)}" width="500" style="border:0"/>'
        style = self.caption_style
        if style == "table":
            return f'<table align="center"><tr><td>{img}</td></tr><tr><td><em>{self.t(caption)}</em></td></tr></table>'
        if style == "em-inline":
            return f'<p style="text-align:center">{img}<br/><em>{self.t(caption)}</em></p>'
        if style == "figure":
            return f"<figure>{img}<figcaption>{self.t(caption)}</figcaption></figure>"
        if style == "p-em":
            return f"<p>{img}</p><p><em>{self.t(caption)}</em></p>"
        return f'<p align="center">{img}</p><p style="text-align: center;"><em>{self.t(caption)}</em></p>'

    def para(self, text: str) -> str:
        if self.word:
            return (
                f'<p class="MsoNormal" style="text-align:justify;mso-line-height-rule:exactly">'
                f'<span lang="VI" style="font-size:13.0pt;mso-fareast-font-family:Times">{self.t(text)}'
                f'<o:p></o:p></span></p>\n<p class="MsoNormal">&nbsp;<o:p></o:p></p>'
            )
        return f"<p>{self.t(text)}</p>"

    def author_line(self) -> str:
        if self.author_glued:
            count = f"Lượt xem: {self.views}" if self.views else ""
            return (
                f'<p align="right"><strong>{esc(self.author)}</strong> (Nguồn: Báo Tỉnh){count}</p>'
            )
        return f'<p style="text-align:right"><strong>{self.t(self.author)}</strong></p>'

    def body(self, with_author_line: bool, with_images: bool = True) -> str:
        parts = []
        for k, p in enumerate(self.paragraphs):
            parts.append(self.para(p))
            if with_images:
                parts += [self.image_html(i, c) for i, c in self.images if i == k]
        if self.attach:
            parts.append(
                f'<p>Tải về: <a href="/VanBan/Ke hoach so {self.n}.pdf">Kế hoạch số {self.n}</a></p>'
            )
        if self.related_inside:
            links = "".join(
                f'<li><a href="/Pages/lq-{i}.aspx">{esc(t)}</a></li>' for i, t in enumerate(RELATED)
            )
            related = f"<p><strong>Tin liên quan:</strong></p><ul>{links}</ul>"
        else:
            related = ""
        if with_author_line and self.author:
            parts.append(self.author_line())
        return "\n".join(parts) + related

    def date_text(self) -> tuple[str, str]:
        return date_format(self.date_kind, self.when)

    def expected(self, url: str, family: str, author_in_body: bool) -> dict[str, object]:
        printed, shown = self.date_text()
        iso: str | None = shown
        if self.no_date_line:  # a date in the lead only: the page shows no publication date
            printed, iso, source = "", None, "none"
        else:
            source = "page"
        body_paras = list(self.paragraphs)
        if self.attach:
            body_paras.append(f"Tải về: Kế hoạch số {self.n}")
        return {
            "url": url,
            "title": self.title,
            "published": iso,
            "published_raw": printed,
            "date_source": source,
            "category": self.category,
            "author": self.author,
            "summary": self.summary,
            "body_text": "\n\n".join(body_paras),
            "images": [
                {"url": HOST + self.image_path(i).replace(" ", "%20"), "caption": c, "alt": c}
                for i, c in self.images
            ],
            "attachments": (
                [
                    {
                        "url": f"{HOST}/VanBan/Ke%20hoach%20so%20{self.n}.pdf",
                        "title": f"Kế hoạch số {self.n}",
                    }
                ]
                if self.attach
                else []
            ),
            "view_count": self.views,
            "family": family,
        }


def date_line(spec: Spec, label: str) -> str:
    if spec.no_date_line:
        return ""
    printed, _ = spec.date_text()
    views = (
        f" | Lượt xem: {spec.views:,}".replace(",", ".")
        if spec.views and not spec.author_glued
        else ""
    )
    return f"{label}{printed}{views}"


def render(spec: Spec) -> tuple[str, str, dict[str, object]]:
    """(url path, main-zone HTML, expected record)."""
    fam = spec.family
    if spec.views and fam in ("publishing", "dispform", "itemid"):
        spec.views = None  # these renderings print no counter
    if fam in ("newswebpart", "tandan", "generic") and spec.no_date_line and not spec.author_glued:
        spec.views = None  # the counter lives on the date line, which this page lacks
    crumbs = [spec.category] if spec.category else []
    builders = {
        "publishing": publishing, "newswebpart": newswebpart, "tandan": tandan, "dispform": dispform,
        "trang": trang, "itemid": itemid, "generic": generic,
    }  # fmt: skip
    path, main, crumbs_used, author_in_body = builders[fam](spec)
    url = HOST + path
    expected = spec.expected(url, fam, author_in_body)
    if not crumbs_used and fam in ("publishing", "trang"):
        expected["category"] = ""
    return path, main, {"crumbs": crumbs if crumbs_used else [], **expected}


def slug(spec: Spec) -> str:
    return f"tin-{spec.n}"


def publishing(spec: Spec) -> tuple[str, str, bool, bool]:
    spec.author_glued = False
    printed = "" if spec.no_date_line else spec.date_text()[0]
    cap = spec.images[0] if spec.images else None
    lead_image = ""
    if cap:
        lead_image = (
            f'<div class="captioned-image"><div class="image"><img src="{spec.image_path(0)}" alt="{esc(cap[1])}"/></div>'
            f'<div class="caption">{spec.t(cap[1])}</div></div>'
        )
    spec.images = spec.images[:1]  # the layout shows one captioned image
    summary = f'<div class="article-summary">{spec.t(spec.summary)}</div>' if spec.summary else ""
    main = f"""<div class="article article-left"><div class="article-header">
<div class="ms-rtestate-field"><h1 class="article-title">{spec.t(spec.title)}</h1></div>
<div class="date-line">{printed}</div><div class="by-line">{esc(spec.author)}</div></div>
{summary}{lead_image}<div class="article-content"><div class="ms-rtestate-field">{spec.body(False, with_images=False)}</div></div></div>"""
    return f"/Pages/{slug(spec)}.aspx", main, True, False


def newswebpart(spec: Spec) -> tuple[str, str, bool, bool]:
    sapo = (
        f'<div class="news-sapo"><strong>{spec.t(spec.summary)}</strong></div>'
        if spec.summary
        else ""
    )
    tools = '<div class="news-tools"><a href="javascript:window.print()">In bài viết</a> <a href="mailto:?subject=x">Gửi email</a> <a href="javascript:history.back()">Quay lại</a></div>'
    other = "".join(
        f'<li><a href="/Pages/DetailNews.aspx?NewsId={i}">{esc(t)}</a></li>'
        for i, t in enumerate(RELATED)
    )
    inner = f"""<div class="news-detail"><h2 class="news-title">{spec.t(spec.title)}</h2>
<div class="news-date">{date_line(spec, "Ngày đăng: ")}</div>{sapo}
<div class="news-content">{spec.body(True)}</div>{tools}
<div class="other-news"><h3>Các tin khác</h3><ul>{other}</ul></div>
<div class="news-tags">Từ khóa: <a href="/tag/a">cải cách</a></div></div>"""
    return (
        f"/Pages/DetailNews.aspx?NewsId={spec.n}&CategoryId=2",
        webpart(spec.category, inner, spec.version),
        False,
        True,
    )


def tandan(spec: Spec) -> tuple[str, str, bool, bool]:
    summary = (
        f'<div class="tandan-news-summary">{spec.t(spec.summary)}</div>' if spec.summary else ""
    )
    line = date_line(spec, "Đăng ngày ")
    inner = f"""<div class="tandan-news-detail"><h1 class="tandan-news-title">{spec.t(spec.title)}</h1>
<div class="tandan-news-date">{line}</div>{summary}<div class="tandan-news-body">{spec.body(True)}</div>
<div class="tandan-other-news"><b>Tin cùng chuyên mục</b><ul><li><a href="/portal/Pages/x.aspx">{RELATED[0]}</a></li></ul></div></div>"""
    d = spec.when
    return (
        f"/portal/Pages/{d.year}-{d.month}-{d.day}/Tin-so-{spec.n}abc12.aspx",
        webpart(spec.category, inner, spec.version),
        False,
        True,
    )


def dispform(spec: Spec) -> tuple[str, str, bool, bool]:
    spec.author_glued = False
    rows = [("Tiêu đề", spec.t(spec.title))]
    if not spec.no_date_line:
        rows.append(("Ngày đăng", spec.date_text()[0]))
    if spec.category:
        rows.append(("Chuyên mục", esc(spec.category)))
    if spec.summary:
        rows.append(("Tóm tắt", spec.t(spec.summary)))
    rows.append(("Nội dung", f'<div class="ms-rtestate-field">{spec.body(False)}</div>'))
    if spec.author:
        rows.append(("Tác giả", esc(spec.author)))
    table = "".join(
        f'<tr><td nowrap="true" valign="top" class="ms-formlabel"><h3 class="ms-standardheader"><nobr>{label}</nobr></h3></td>'
        f'<td valign="top" class="ms-formbody">{value}</td></tr>'
        for label, value in rows
    )
    inner = f"""<table class="ms-formtoolbar"><tr><td><a href="javascript:;">Close</a></td></tr></table>
<table class="ms-formtable" style="margin-top: 8px;" border="0" cellpadding="0" cellspacing="0" width="100%">{table}</table>
<table id="onetidinfoblock"><tr><td>Created at 1/2/2022 by System Account</td></tr></table>"""
    return (
        f"/Lists/TinTuc/DispForm.aspx?ID={spec.n}",
        webpart("", inner, spec.version),
        False,
        False,
    )


def trang(spec: Spec) -> tuple[str, str, bool, bool]:
    spec.author_glued = False
    summary = f'<div class="tom-tat"><b>{spec.t(spec.summary)}</b></div>' if spec.summary else ""
    author = f'<div class="tac-gia">Tác giả: {esc(spec.author)}</div>' if spec.author else ""
    views = f'<span class="luot-xem">Lượt xem: {spec.views}</span>' if spec.views else ""
    printed = "" if spec.no_date_line else spec.date_text()[0]
    inner = f"""<div class="tin-chitiet"><h2 class="tieu-de">{spec.t(spec.title)}</h2>
<div class="ngay-dang">{printed} {views}</div>{summary}<div class="noi-dung">{spec.body(False)}</div>{author}
<div class="tin-khac"><span>Các tin khác</span><ul><li><a href="/Trang/ChiTietTinTuc.aspx?nid=1">{RELATED[1]}</a></li></ul></div></div>"""
    return (
        f"/Trang/ChiTietTinTuc.aspx?nid={spec.n}",
        webpart("Chi tiết tin", inner, spec.version),
        True,
        False,
    )


def itemid(spec: Spec) -> tuple[str, str, bool, bool]:
    spec.author_glued = False
    summary = f'<div class="item-summary">{spec.t(spec.summary)}</div>' if spec.summary else ""
    author = f'<span class="item-author">{esc(spec.author)}</span>' if spec.author else ""
    printed = "" if spec.no_date_line else spec.date_text()[0]
    inner = f"""<div class="item-detail"><span class="item-title">{spec.t(spec.title)}</span>
<span class="item-date">{printed}</span>{summary}<div class="item-body">{spec.body(False)}</div>{author}
<div class="item-print"><a href="javascript:print()">In bài viết</a></div></div>"""
    return (
        f"/tintuc/Pages/{slug(spec)}.aspx?ItemID={spec.n}",
        webpart(spec.category, inner, spec.version),
        False,
        False,
    )


def generic(spec: Spec) -> tuple[str, str, bool, bool]:
    summary = f"<p><strong>{spec.t(spec.summary)}</strong></p>" if spec.summary else ""
    line = date_line(spec, "Cập nhật: ")
    inner = f"""<h1>{spec.t(spec.title)}</h1><div class="dateline">{line}</div>
<div class="ms-rtestate-field" id="ctl00_PlaceHolderMain_ctl03__ControlWrapper_RichHtmlField">{summary}{spec.body(True)}</div>"""
    return (
        f"/sites/xa/Pages/{slug(spec)}.aspx",
        webpart(spec.category, inner, spec.version),
        False,
        True,
    )


FAMILY_CYCLE = ["publishing", "newswebpart", "tandan", "dispform", "trang", "itemid", "generic"]


# --- Pages that are not articles -------------------------------------------------------------------
def news_items(prefix: str) -> str:
    return "".join(
        f'<div class="news-item"><a href="{prefix}{i}"><img src="/PublishingImages/t{i}.jpg" width="120"/></a>'
        f'<a class="title" href="{prefix}{i}">{esc(t)}</a><span class="date">({(i % 27) + 1:02d}/06/2022)</span>'
        f"<p>{esc(SENTENCES[i][:70])}...</p></div>"
        for i, t in enumerate(TITLES)
    )


def non_articles() -> list[tuple[str, str, str, int, str]]:
    """(name, path, main-zone HTML, version, lang)."""
    pager = '<div class="pager"><a href="javascript:__doPostBack(\'ctl00$m$g$pager\',\'Page$2\')">2</a> <a href="?Page=3">3</a></div>'
    listing = webpart(
        "Tin tức - Sự kiện",
        f'<div class="news-list">{news_items("/Pages/DetailNews.aspx?NewsId=")}</div>{pager}',
        2013,
    )
    trang_list = webpart(
        "Tin tức", f'<div class="ds-tin">{news_items("/Trang/ChiTietTinTuc.aspx?nid=")}</div>', 2010
    )
    item_list = webpart(
        "Tin hoạt động",
        f'<ul class="items">{"".join(f"<li><a href=?ItemID={i}>{esc(t)}</a> <i>(12/0{1 + i % 9}/2022)</i></li>" for i, t in enumerate(TITLES))}</ul>',
        2013,
    )
    welcome = (
        '<div class="ms-rtestate-field"><h2>Chào mừng bạn đến với Cổng thông tin điện tử tỉnh</h2>'
        f"<p>{esc(SENTENCES[3])}. {esc(SENTENCES[12])}. {esc(SENTENCES[9])}.</p></div>"
    )
    home = (
        welcome
        + webpart(
            "Tin nổi bật",
            f'<div class="slider">{news_items("/Pages/DetailNews.aspx?NewsId=")}</div>',
            2013,
        )
        + webpart(
            "Thông báo",
            f"<ul>{''.join(f'<li><a href=/tb/{i}>{esc(t)}</a></li>' for i, t in enumerate(TITLES[:5]))}</ul>",
            2013,
        )
    )
    cells = "".join(
        f'<td class="ms-acal-month-weekday"><div class="ms-acal-date">{d}</div>'
        + (
            f'<div class="ms-acal-item"><a href="/Lists/LichCongTac/DispForm.aspx?ID={d}">Họp giao ban {d}</a></div>'
            if d % 3 == 0
            else ""
        )
        + "</td>"
        for d in range(1, 29)
    )
    calendar = webpart(
        "Lịch công tác",
        f'<h2>Tháng 6 năm 2022</h2><table class="ms-acal-month"><tr>{cells}</tr></table><p>{esc(SENTENCES[0])}. {esc(SENTENCES[1])}. {esc(SENTENCES[2])}. {esc(SENTENCES[4])}.</p>',
        2013,
    )
    results = "".join(
        f'<div class="ms-srch-item"><h3><a href="/Pages/tin-{i}.aspx">{esc(t)}</a></h3><div class="ms-srch-item-summary">{esc(SENTENCES[i])}...</div></div>'
        for i, t in enumerate(TITLES)
    )
    search = webpart(
        "",
        f'<div id="Result" class="ms-srch-result"><h2>Kết quả tìm kiếm</h2>{results}</div>',
        2013,
    )
    contact = webpart(
        "Liên hệ",
        '<h2>Liên hệ với chúng tôi</h2><div class="ms-rtestate-field"><p>Văn phòng Ủy ban nhân dân tỉnh, số 1 đường Trần Hưng Đạo, thành phố.</p>'
        "<p>Điện thoại: 0226 3852 000. Thư điện tử: vanphong@tinh.example.gov.vn</p></div>"
        '<div class="contact-form"><label>Họ và tên</label><input type="text" name="ten"/><label>Nội dung</label>'
        '<textarea name="noidung"></textarea><input type="submit" value="Gửi"/></div>',
        2010,
    )
    error = webpart(
        "",
        "<h2>Không tìm thấy trang</h2><p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa.</p>",
        2013,
    )
    return [
        ("na-listing-newswebpart", "/Pages/Tin-tuc.aspx?CategoryId=2&Page=1", listing, 2013, "vi"),
        ("na-listing-trang", "/Trang/Tin-tuc-su-kien.aspx?Cat=1", trang_list, 2010, "vi"),
        ("na-listing-itemid", "/tintuc/Pages/default.aspx", item_list, 2013, "en"),
        ("na-home", "/Pages/default.aspx", home, 2013, "vi"),
        (
            "na-calendar",
            "/Lists/LichCongTac/calendar.aspx?CalendarDate=6%2F1%2F2022",
            calendar,
            2013,
            "en",
        ),
        ("na-search", "/_layouts/15/osssearchresults.aspx?k=hoi%20nghi", search, 2013, "vi"),
        ("na-contact", "/Pages/LienHe.aspx", contact, 2010, "vi"),
        ("na-error", "/Pages/NotFound.aspx", error, 2013, "en"),
    ]


def pages() -> list[tuple[str, bytes, dict[str, object]]]:
    """(name, page bytes, {"url", "article": generator truth | None}) for every page."""
    out: list[tuple[str, bytes, dict[str, object]]] = []
    for n in range(38):
        spec = Spec(n)
        path, main_html, expected = render(spec)
        expected.pop("crumbs")
        name = f"{n:02d}-{spec.family}-{spec.version}-{spec.lang}"
        page = shell(
            spec.version,
            spec.lang,
            spec.title,
            main_html,
            [spec.category] if spec.category else [],
            spec.rng,
        )
        # Two pages arrive in other encodings: UTF-16 and UTF-8 with a BOM, both declaring utf-8.
        encoding = "utf-16" if n == 10 else "utf-8-sig" if n == 11 else "utf-8"
        out.append((name, page.encode(encoding), {"url": expected["url"], "article": expected}))
    for name, path, main_html, version, lang in non_articles():
        page = shell(
            version, lang, "Cổng thông tin điện tử tỉnh", main_html, [], random.Random(name)
        )
        out.append((name, page.encode("utf-8"), {"url": HOST + path, "article": None}))
    return out
