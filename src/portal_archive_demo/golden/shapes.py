# ruff: noqa: E501  (generated markup is written as long literal lines on purpose)
"""Golden corpus, part two: "shape" pages, ours, in the STRUCTURES real SharePoint portals show.

`build()` makes the pages and their truth (`{"url": ..., "article": TRUTH | null}`, every
Article field but `body_html`); `portal_archive_demo.golden.write_pages()` writes them. All text
is our own writing; hosts are made up (*.example.gov.vn / *.example.vn). The markup reproduces
structures seen on real portals (Lạc Việt news web part on SharePoint 2010, SharePoint 2013
publishing press releases, SharePoint blog posts, custom news web parts, Tân Dân, and structural
mutations); it copies no text, ids or GUIDs from them. Output is deterministic (seeded RNGs only).

Ground-truth rules (the test in tests/unit/test_extract_shapes.py checks them):
- title: the headline shown in the article block (never `<title>`, never the title row).
- published: ISO date of the article's own date line; a datetime with +07:00 when the line shows
  a time (the blog's footer time is combined with its date). Header clocks and related-list
  dates are decoys.
- summary: the lead only when the first paragraph is typographically distinct (wholly bold,
  p.sapo, div.tomtat, tandan summary); else "".
- body_text: the narrative paragraphs joined with "\\n\\n" - no title, date, lead, captions,
  by-line, source line, counters, related lists, translation links, press-release contact block
  or editors' notes.
- author: the person line of the by-line as printed, honorific included ("Bác sỹ Lê Văn An");
  the office line printed under it on Lạc Việt skin (a) belongs to the by-line but is not part
  of `author` (role "byline": it must appear in no field). Blog posts: the footer's user name.
- source: the "Theo:" / "Theo" / "Nguồn:" text without label or parentheses.
- images: document order, captions "" when none (a caption split over two paragraphs is joined
  with one space), absolute URLs with spaces as %20 and non-ASCII as UTF-8 %XX ("(" ")" kept).
- attachments: absolute, deduplicated, in document order, titled by their link text.
- view_count: the printed counter, else None (an empty counter is None).
- category: FolderTitle, breadcrumb last item, blog category link or web-part title; else "".

Every page also lists `chrome` (phrases that must never reach title/summary/body) and `blocks`
(each paragraph of the article block with its role) for the coverage test.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import lxml.html

from portal_archive_demo.common import b64_blob, clean, esc, guid, hexid
from portal_archive_demo.phrases import SHAPE_EN_SENTENCES as EN_SENTENCES
from portal_archive_demo.phrases import SHAPE_SENTENCES as SENTENCES
from portal_archive_demo.phrases import WEEKDAYS


def abs_url(base: str, src: str) -> str:
    """Absolute, percent-encoded URL as the truth wants it (spaces %20, UTF-8 %XX, () kept)."""
    url = urljoin(base, unicodedata.normalize("NFC", src))
    parts = urlsplit(url)
    path = quote(parts.path, safe="/%()-._~!$&'*+,;=:@")
    query = quote(parts.query, safe="=&%/:?()-._~+,;")
    return urlunsplit((parts.scheme, parts.netloc, path, query, parts.fragment))


def viewstate(rng: random.Random, size: int) -> str:
    return "/wEPDwUK" + b64_blob(rng, size * 3 // 4)


# --- Page record ----------------------------------------------------------------------------------
@dataclass
class Page:
    name: str
    url: str
    html: str
    truth: dict[str, Any] | None
    chrome: list[str] = field(default_factory=list)
    # (role, text): title, summary, body, caption, author, source, attachment, byline
    blocks: list[tuple[str, str]] = field(default_factory=list)


class Article:
    """Collects the truth of one article while its markup is written."""

    def __init__(self, url: str, family: str) -> None:
        self.url, self.family = url, family
        self.title = ""
        self.published = ""
        self.published_raw = ""
        self.category = ""
        self.author = ""
        self.source = ""
        self.summary = ""
        self.body: list[str] = []
        self.images: list[dict[str, str]] = []
        self.attachments: list[dict[str, str]] = []
        self.view_count: int | None = None
        self.date_source = "page"
        self.kind = "article"
        self.blocks: list[tuple[str, str]] = []

    def block(self, role: str, text: str) -> str:
        self.blocks.append((role, text))
        return text

    def para(self, text: str) -> str:
        self.body.append(text)
        return self.block("body", text)

    def image(
        self, src: str, caption: str = "", alt: str = "", caption_parts: list[str] | None = None
    ) -> str:
        self.images.append({"url": abs_url(self.url, src), "caption": caption, "alt": alt})
        for part in caption_parts or ([caption] if caption else []):
            self.block("caption", part)
        return src

    def attach(self, href: str, title: str) -> str:
        url = abs_url(self.url, href)
        if all(a["url"] != url for a in self.attachments):
            self.attachments.append({"url": url, "title": title})
        self.block("attachment", title)
        return href

    def truth(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "published_raw": self.published_raw,
            "date_source": self.date_source,
            "category": self.category,
            "author": self.author,
            "source": self.source,
            "summary": self.summary,
            "body_text": "\n\n".join(self.body),
            "images": self.images,
            "attachments": self.attachments,
            "view_count": self.view_count,
            "family": self.family,
            "kind": self.kind,
        }


def paragraphs(rng: random.Random, count: int, bank: tuple[str, ...] = SENTENCES) -> list[str]:
    picked = rng.sample(bank, count * 2)
    return [f"{picked[2 * i]} {picked[2 * i + 1]}" for i in range(count)]


# --- SharePoint 2010 v4 chrome, Lạc Việt portal layout --------------------------------------------
@dataclass
class Site:
    host: str
    home_title: str
    owner: str
    address: str
    licence: str
    phone: str


SITE_SO = Site(
    "https://sldtbxh.example.gov.vn",
    "Trang chủ - Cổng thông tin Sở Lao động Thương binh và Xã hội tỉnh Nam Sơn",
    "Cơ quan chủ quản: Sở Lao động - Thương binh và Xã hội tỉnh Nam Sơn",
    "Địa chỉ: Số 18 đường Hoa Lư, phường Bắc Thành, thành phố Nam Sơn.",
    "Giấy phép: số 41/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 12/04/2016",
    "Đường dây nóng: 0262.3.811.204",
)
SITE_HUYEN = Site(
    "https://huyen-namson.example.gov.vn",
    "Trang chủ - Trang thông tin điện tử huyện Ea Hlai",
    "Cơ quan chủ quản: Ủy ban nhân dân huyện Ea Hlai",
    "Địa chỉ: Khu trung tâm hành chính huyện Ea Hlai, tỉnh Nam Sơn.",
    "Giấy phép số: 27/GPTTĐT-STTTT, do Sở Thông tin và Truyền thông cấp ngày 05/09/2017",
    "Email: eahlai@namson.example.gov.vn",
)
SITE_THANHTRA = Site(
    "https://thanhtra.example.gov.vn",
    "Trang chủ - Trang thông tin điện tử Thanh tra tỉnh Nam Sơn",
    "TRANG THÔNG TIN ĐIỆN TỬ THANH TRA TỈNH NAM SƠN",
    "Địa chỉ: Khu hành chính Đồi Thông, phường Tân An, thành phố Nam Sơn",
    "Giấy phép: số 19/GP-STTTT cấp ngày 20/11/2015",
    "Điện thoại: 0262.3.700.118",
)

LACVIET_CHROME = [
    "Skip Ribbon Commands",
    "Skip to main content",
    "Turn on more accessible mode",
    "Turn off more accessible mode",
    "SỐ LƯỢT TRUY CẬP",
    "SỐ LƯỢT ĐANG ONLINE",
    "THÔNG TIN CẦN BIẾT",
    "Lịch tiếp công dân",
    "Danh bạ điện thoại",
    "Liên kết Website",
    "Xem theo ngày",
    "Số lượt người xem",
    "Bản in",
    "Quay lại",
    "This page location is",
]


def lacviet_shell(
    site: Site,
    center: str,
    rng: random.Random,
    clock: str = "",
    about: tuple[str, ...] = ("Giới thiệu chung", "Chức năng nhiệm vụ", "Cơ cấu tổ chức"),
) -> tuple[str, list[str]]:
    """A Lạc Việt SharePoint 2010 page; `center` is the article zone; `about` the items of the
    left menu's introduction group. Returns (html, chrome)."""
    counter = "".join(
        f'<td><table class="tb-HitCount"><tr><td class="background-img"><div class="font-number">{d}</div></td></tr></table></td>'
        for d in f"{rng.randrange(10**6, 10**7)}"
    )
    online = "".join(
        f'<td><table class="tb-HitCount"><tr><td class="background-img"><div class="font-number">{d}</div></td></tr></table></td>'
        for d in f"{rng.randrange(1, 60):07d}"
    )
    gid = [guid(rng) for _ in range(8)]
    left_items = [
        ("GIỚI THIỆU", list(about)),
        (
            "TIN TỨC SỰ KIỆN",
            ["Người có công", "Bảo trợ xã hội", "Lao động - Việc làm", "Cải cách hành chính"],
        ),
        ("THÔNG TIN CẦN BIẾT", ["Lịch tiếp công dân", "Danh bạ điện thoại", "Góp ý kiến"]),
    ]
    left = "".join(
        f'<li class="ms-navSubMenu"><div class="ms-navheader"><div class="div-link-navheader"><span class="linkEmpty">{esc(head)}</span></div></div>'
        f'<ul class="classshow">'
        + "".join(
            f'<li class="classshow"><div class="ms-navItem"><div class="div-leftsubmenu"><a class="leftsubmenu" href="/tin-tuc/muc-{k}">{esc(t)}</a></div></div></li>'
            for k, t in enumerate(items)
        )
        + "</ul></li>"
        for head, items in left_items
    )
    clock_html = (
        f'<div class="time"><script type="text/javascript">function tS(){{x=new Date();return x;}}</script><span id="tP">{esc(clock)}</span></div>'
        if clock
        else '<div class="time"><script type="text/javascript">function tS(){x=new Date();return x;}</script></div>'
    )
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html dir="ltr" lang="vi-VN">
<head><meta http-equiv="X-UA-Compatible" content="IE=8"/><meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<title>
\t{esc(site.home_title)}
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/1033/styles/Themable/corev4.css"/>
<script type="text/javascript">var L_Menu_BaseUrl=""; var L_Menu_LCID="1066"; var g_wsaLCID = 1066; var _spPageContextInfo = {{webServerRelativeUrl: "\\u002f", webLanguage: 1033, currentLanguage: 1066, webUIVersion:4, pageListId:"{{{hexid(rng, 8)}-{hexid(rng, 4)}}}", pageItemId: {rng.randrange(2, 90)}, userId: 0}};</script>
<script type="text/javascript" src="/_layouts/1033/init.js"></script>
</head>
<body scroll="no" onload="javascript:_spBodyOnLoadWrapper();" class="v4master">
<form name="aspnetForm" method="post" action="/Pages/default.aspx" onsubmit="javascript:return WebForm_OnSubmit();" id="aspnetForm">
<input type="hidden" name="MSOWebPartPage_PostbackSource" id="MSOWebPartPage_PostbackSource" value=""/>
<input type="hidden" name="MSOTlPn_SelectedWpId" id="MSOTlPn_SelectedWpId" value=""/>
<input type="hidden" name="MSOTlPn_View" id="MSOTlPn_View" value="0"/>
<input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="0x{hexid(rng, 128)},{rng.randrange(1, 28)} Jun 2019 07:{rng.randrange(10, 59)}:11 -0000"/>
<input type="hidden" name="MSOSPWebPartManager_DisplayModeName" id="MSOSPWebPartManager_DisplayModeName" value="Browse"/>
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate(rng, rng.randrange(24000, 36000))}"/>
<script type="text/javascript">var MSOWebPartPageFormName = 'aspnetForm'; var g_presenceEnabled = true;</script>
<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="{hexid(rng, 8)}"/>
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="{viewstate(rng, 600)}"/>
<div id="TurnOnAccessibility" style="display:none" class="s4-notdlg noindex"><a id="linkTurnOnAcc" href="#" class="ms-TurnOnAcc" onclick="SetIsAccessibilityFeatureEnabled(true);return false;">Turn on more accessible mode</a></div>
<div id="TurnOffAccessibility" style="display:none" class="s4-notdlg noindex"><a id="linkTurnOffAcc" href="#" class="ms-TurnOffAcc" onclick="SetIsAccessibilityFeatureEnabled(false);return false;">Turn off more accessible mode</a></div>
<div class="s4-notdlg s4-skipribbonshortcut noindex"><a href="javascript:;" onclick="javascript:this.href='#startNavigation';" class="ms-SkiptoNavigation" accesskey="Y">Skip Ribbon Commands</a></div>
<div class="s4-notdlg noindex"><a href="javascript:;" onclick="javascript:this.href='#mainContent';" class="ms-SkiptoMainContent" accesskey="X">Skip to main content</a></div>
<a id="HiddenAnchor" href="javascript:;" style="display:none;"></a>
<div id="s4-ribbonrow" class="s4-pr s4-ribbonrowhidetitle" style="display:none"><div id="s4-ribboncont"><div class="ms-cui-ribbonTopBars"><div class="ms-cui-topBar1"></div><div class="ms-cui-topBar2">
<div id="RibbonContainer-TabRowLeft" class="ms-cui-TabRowLeft ms-siteactionscontainer s4-notdlg"><span class="s4-breadcrumb-anchor"><span class="s4-clust"><a id="GlobalBreadCrumbNavPopout-anchor" href="javascript:;"><img src="/_layouts/images/fgimg.png" alt="Navigate Up"/></a></span></span>
<div id="GlobalBreadCrumbNavPopout-menu" class="ms-popoutMenu s4-breadcrumb-menu" style="display:none"><div class="s4-breadcrumb-top"><span class="s4-breadcrumb-header">This page location is:</span></div>
<ul class="s4-breadcrumb"><li class="s4-breadcrumbRootNode"><a class="s4-breadcrumbRootNode" href="/">Home</a><ul class="s4-breadcrumbRootNode"><li class="s4-breadcrumbCurrentNode"><span class="s4-breadcrumbCurrentNode">default</span></li></ul></li></ul></div></div>
<div id="RibbonContainer-TabRowRight" class="ms-cui-TabRowRight s4-trc-container s4-notdlg"><a id="ctl00_IdWelcome_ExplicitLogin" class="s4-signInLink" href="/_layouts/Authenticate.aspx?Source=%2F">Sign In</a></div>
</div></div></div><div id="notificationArea" class="s4-noti"></div></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="s4-titlerow" class="s4-pr s4-notdlg s4-titlerowhidetitle"><div class="s4-title s4-lp">
<div class="s4-title-inner" style="display:none"><table class="s4-titletable"><tr><td class="s4-titletext"><h1><a href="/">Home</a></h1><h2></h2></td></tr></table></div>
<div class="v4-banner"><div class="menuTop"><div class="mn-dangnhap"><a href="/_layouts/Authenticate.aspx">Đăng nhập</a></div></div>
<div class="logoS"><img src="/PublishingImages/banner-top.png" alt=""/></div>
<div class="ms-menu"><div class="ms-menuL"><div id="ctl00_g_{gid[0]}"><div id="Path" style="display: none">//Pages/default.aspx/</div><div id="wrapper"><ul id="topnav">
<li class="parent"><div class="main-level"><a class="tmenu" href="/"><span>Trang chủ</span></a></div></li>
<li class="parent"><div class="main-level"><a class="tmenu" href="/gioi-thieu"><span>Giới thiệu</span></a></div></li>
<li class="parent"><div class="main-level"><a class="tmenu" href="/thu-tuc-hanh-chinh"><span>Thủ tục hành chính</span></a></div></li>
<li class="parent"><div class="main-level"><a class="tmenu" href="/van-ban"><span>Văn bản pháp quy</span></a></div></li>
<li class="parent"><div class="main-level"><a class="tmenu" href="/hoi-dap"><span>Hỏi đáp</span></a></div></li>
<li class="parent"><div class="main-level"><a class="tmenu" href="/lich-cong-tac"><span>Lịch công tác</span></a></div></li>
</ul></div></div></div></div>
<div class="dateSearch"><div class="searchL">{clock_html}</div>
<div class="searchR"><div class="ms-search"><div class="searchLB">Tìm kiếm</div><div id="s4-searcharea" class="s4-search s4-rp"><table class="s4-wpTopTable" border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td valign="top"><div class="noindex" id="WebPartWPQ1">
<div id="SRSB"><div id="ctl00_g_{gid[1]}"><table class="ms-sbtable ms-sbtable-ex s4-search"><tr class="ms-sbrow"><td class="ms-sbcell"><input name="ctl00$g_{gid[1]}$InputKeyword" type="text" maxlength="200" title="Tìm kiếm..." class="ms-sbplain" value="Tìm kiếm..."/></td><td class="ms-sbgo ms-sbcell"><a href="javascript:;"><img class="srch-gosearchimg" src="/_layouts/images/gosearch15.png" alt="Tìm"/></a></td></tr></table></div></div>
</div></td></tr></table></div></div></div></div>
</div></div></div>
<div id="s4-mainarea" class="s4-pr s4-widecontentarea"><div class="snMain">
<div class="snLeft"><table class="s4-wpTopTable" border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td valign="top"><div class="ms-WPBody noindex" id="WebPartWPQ2">
<div id="ctl00_g_{gid[2]}"><div id="LeftMenuWebName" style="display:none">tintuc</div><div class="navList"><ul class="ms-quickLaunch">{left}</ul></div></div></div></td></tr></table>
<table class="s4-wpTopTable" border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td valign="top"><div class="ms-WPBody noindex" id="WebPartWPQ4"><div id="ctl00_g_{gid[3]}">
<div class="linkweb"><div class="linkweb-title">Liên kết Website</div><div class="linkweb-cnt"><select id="cbo-weblink"><option>-- Liên kết web --</option><option value="https://namson.example.gov.vn">Cổng thông tin điện tử tỉnh Nam Sơn</option><option value="https://bo.example.gov.vn">Cổng thông tin điện tử Bộ</option></select></div></div></div></div></td></tr></table>
<table class="s4-wpTopTable" border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td valign="top"><div class="ms-WPBody noindex" id="WebPartWPQ5"><div id="ctl00_g_{gid[4]}">
<div class="TruyCapOnLine"><div class="ThongKeTruyCap"><div class="dvHit-main"><div class="divHitCount"><div class="HitTitle"><h3>SỐ LƯỢT TRUY CẬP</h3></div><div class="HitCount-content"><table><tr><td class="Hit-solan"><table><tr>{counter}</tr></table></td></tr></table></div></div></div>
<div class="dvHit-main"><div class="divHitCount-online"><div class="HitTitle"><h3>SỐ LƯỢT ĐANG ONLINE</h3></div><div class="HitCount-content"><table><tr><td class="Hit-solan"><table><tr>{online}</tr></table></td></tr></table></div></div></div></div></div></div></div></td></tr></table></div>
<div class="snCenter"><div class="postMain"><table width="100%" cellpadding="0" cellspacing="0" style="padding: 0px 0px 0px 0px;">
<tr><td id="MSOZoneCell_WebPartWPQ13" valign="top" class="s4-wpcell-plain"><table class="s4-wpTopTable" border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td valign="top"><div webpartid="{hexid(rng, 8).lower()}-{hexid(rng, 4).lower()}" haspers="false" id="WebPartWPQ13" width="100%" class="ms-WPBody noindex" allowdelete="false" style="">
<div id="ctl00_m_g_{gid[5]}"><script type="text/javascript">a = 0;</script>
{center}
<script type="text/javascript">function IncreaseReadCounter(siteGUID, itemID) {{ return false; }}</script>
</div></div></td></tr></table><div class="ms-PartSpacingVertical"></div></td></tr>
<tr><td id="MSOZoneCell_WebPartWPQ10" valign="top" class="s4-wpcell-plain"><table class="s4-wpTopTable" border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td valign="top"><div id="WebPartWPQ10" class="ms-WPBody noindex">
<div id="ctl00_m_g_{gid[6]}"><div class="lv-pst-xtn"><div class="lv-pst-xtn-t">Xem theo ngày:</div><div class="lv-pst-xtn-dp"><input type="text" id="datepicker"/><img class="ui-datepicker-trigger" src="/_layouts/images/calendar.gif" alt="..."/></div><div class="lv-pst-xtn-btn"><input type="button" value="Xem"/></div></div></div>
</div></td></tr></table></td></tr></table></div></div>
<div class="snRight"><table class="s4-wpTopTable" border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td valign="top"><div id="WebPartWPQ7" class="ms-WPBody noindex"><div id="ctl00_g_{gid[7]}">
<div class="ppy-placeholder"><div class="ppy-outer"><div class="title-album"><a href="/pages/hoat-dong-anh.aspx">Tin ảnh</a></div><div class="ppy-stage"><a href="/pages/hoat-dong-anh.aspx"><img src="/PublishingImages/album/anh-bia.jpg" alt=""/></a></div></div></div>
</div></div></td></tr></table></div>
</div></div>
<div class="footer"><div class="footer-cnt"><p>{esc(site.owner)}</p><p>{esc(site.address)}</p><p>{esc(site.phone)}</p><p>{esc(site.licence)}</p></div></div>
</div></div>
<script type="text/javascript">// <![CDATA[
var _fV4UI = true; JSRequest.EnsureSetup();
// ]]></script>
</form></body></html>
"""
    chrome = [*LACVIET_CHROME, site.owner, site.address, site.licence, site.home_title]
    return page, chrome


def news_header(folder: str, time: str) -> str:
    return (
        '<div class="container_top_mid2"><table width="100%" cellpadding="0" cellspacing="0"><tr class="ms-news-header">'
        f'<td class="FolderTitle">{esc(folder)}</td><td class="Time" style="TEXT-ALIGN: right; FONT-WEIGHT: normal">{esc(time)}</td>'
        "</tr></table></div>"
    )


def sp(text: str) -> str:
    """CKEditor's nested font spans around a run of text."""
    return f'<span style="font-size:14px;"><span style="font-family:arial,helvetica,sans-serif;">{text}</span></span>'


# 1a: Lạc Việt, sldtbxh-like skin --------------------------------------------------------------------
def lacviet_a() -> Page:
    rng = random.Random("40-lacviet")
    url = SITE_SO.host + "/so-ldtbxh/tin-tuc/Lists/Posts/Post.aspx?CategoryId=4&ItemId=118"
    a = Article(url, "lacviet")
    a.title = a.block("title", "Phòng bệnh tay chân miệng cho trẻ nhỏ trong mùa nắng nóng")
    a.published, a.published_raw = "2019-05-30T08:00:00+07:00", "thứ năm, Ngày 30/05/2019, 08:00"
    a.summary = a.block(
        "summary",
        "Thời tiết oi bức kéo dài khiến số trẻ mắc bệnh tay chân miệng tăng nhanh ở nhiều xã. "
        "Phụ huynh cần hiểu đúng về bệnh để chủ động phòng tránh và đưa trẻ đi khám kịp thời.",
    )
    a.view_count = 13
    a.author = "Bác sỹ Lê Văn An"
    a.source = "http://baomoi-namson.example.vn"
    ps = paragraphs(rng, 6)
    p0 = "Tay chân miệng là bệnh truyền nhiễm cấp tính do vi rút đường ruột gây ra, thường gặp ở trẻ dưới năm tuổi."
    heading = "Những dấu hiệu cần lưu ý:"
    img = "http://baomoi-namson.example.vn/database/image/2019/05/29/rua-tay-xa-phong.jpg"
    cap = "Rửa tay bằng xà phòng là cách đơn giản để phòng bệnh tay chân miệng. (ảnh minh họa)"
    img_tag = f'<img alt="" src="{a.image(img, cap)}" style="width: 500px; height: 334px;"/>'
    source_html = '<strong>Theo: <a href="http://baomoi-namson.example.vn/">http://baomoi-namson.example.vn</a></strong>'
    body = [
        news_header("", a.published_raw),
        '<div id="part1"><table id="tableforprint" width="100%"><tr><td>',
        f'<p class="Title allowMenuPost">{esc(a.title)}</p></td></tr></table><br/>',
        f'<p style="text-align:justify;"><strong>{sp(esc(a.summary))}</strong></p>\n<p>&nbsp;</p>',
        f'<p style="text-align:justify;">{sp(esc(a.para(p0)))}</p>\n<p>&nbsp;</p>',
        '<table align="center" border="0" cellpadding="1" cellspacing="1" style="width:500px;"><tbody><tr><td>'
        f"{sp(img_tag)}</td></tr>"
        f'<tr><td><p style="text-align: center;">{sp(esc(cap))}</p></td></tr></tbody></table>\n<p>&nbsp;</p>',
        f"<p>{sp(f'<strong>{esc(a.para(heading))}</strong>')}</p>\n<p>&nbsp;</p>",
    ]
    for text in ps[:3]:
        body.append(f'<p style="text-align:justify;">{sp(esc(a.para(text)))}</p>\n<p>&nbsp;</p>')
    body.append(
        '<table border="0" cellpadding="1" cellspacing="1" style="width:100%;"><tbody><tr><td>&nbsp;</td>'
        f'<td><p style="text-align:justify;">{sp(esc(a.para(ps[3])))}</p></td></tr></tbody></table>\n<p>&nbsp;</p>'
    )
    for text in ps[4:]:
        body.append(f'<p style="text-align:justify;">{sp(esc(a.para(text)))}</p>\n<p>&nbsp;</p>')
    a.block("author", a.author)
    office = a.block("byline", "Trưởng khoa Truyền nhiễm, Bệnh viện Đa khoa tỉnh Nam Sơn")
    a.author = f"{a.author}, {office}"  # a by-line is its trailing lines: the name, then the office
    a.block("source", "Theo: http://baomoi-namson.example.vn")
    body += [
        f'<p style="text-align: center;">{sp("Bác sỹ <strong>Lê Văn An</strong>")}</p>',
        f'<p style="text-align: center;">{sp(f"<strong>{esc(office)}</strong>")}</p>',
        f'<p style="text-align: center;">{sp(source_html)}</p>',
        '<span class="css_readCounter">Số lượt người xem: 13</span>',
        '<span class="css_printandback"><a class="print" href="javascript: popuponclick()"> Bản in</a><span> | <a class="return" href="JavaScript:history.back()">Quay lại</a></span>'
        f'<div class="css_linkstoweb"><input type="hidden" id="hiddenUrl" value="{esc(url)}"/>'
        '<div id="id_link_delicious" class="css_link_delicious"></div><div id="id_link_twitter" class="css_link_twitter"></div>'
        '<div id="id_link_facebook" class="css_link_facebook"></div></div>'
        '<script type="text/javascript">function linkFacebook(title) { return false; }</script></span></div>',
        '<button id="buttonTest" style="display:none" type="button">var i = 0;</button>',
    ]
    html, chrome = lacviet_shell(SITE_SO, "\n".join(body), rng)
    return Page("40-lacviet-2010-vi-so", url, html, a.truth(), chrome, a.blocks)


# 1b: Lạc Việt, Krông Nô-like skin (Liferay paste, malformed related list) --------------------------
def lacviet_b() -> Page:
    rng = random.Random("41-lacviet")
    url = SITE_HUYEN.host + "/tin-tuc/Lists/Posts/Post.aspx?CategoryId=3&ItemId=212"
    a = Article(url, "lacviet")
    a.title = a.block("title", "Ea Hlai: Nâng cấp đường vào các điểm du lịch sinh thái ven hồ")
    a.published, a.published_raw = "2019-06-17", "17/06/2019"
    a.category = "tin nổi bật"
    a.source = "http://baonamson.example.vn"
    a.summary = a.block(
        "summary",
        "Huyện Ea Hlai có nhiều thác nước, rừng nguyên sinh và hồ chứa lớn, là tiềm năng để phát triển du lịch sinh thái. "
        "Thời gian qua, huyện tập trung đầu tư giao thông để du khách đến các điểm tham quan thuận lợi hơn.",
    )
    ps = paragraphs(rng, 7)
    caps = [
        "Du khách chèo thuyền kayak trên hồ Ea Hlai vào buổi sáng sớm",
        "Tuyến đường mới nối trung tâm huyện với khu du lịch thác Bảy Tầng",
    ]
    lead_img = "img/hồ sen-3.jpg"
    cls = "ExternalClass" + hexid(rng)
    a.image(lead_img)

    def img_table(src: str, cap: str) -> str:
        return (
            f'<table align="center" border="0" cellpadding="0" cellspacing="0"><tbody><tr><td><img alt="" src="{esc(a.image(src, cap))}" style="width:100%"/></td></tr>'
            f'<tr><td><p style="text-align:justify">{esc(cap)}</p></td></tr></tbody></table>'
        )

    a.block("source", "Theo http://baonamson.example.vn")
    parts = [
        img_table(
            "http://baonamson.example.vn/database/image/2019/06/14/ho-ea-hlai-1.jpg", caps[0]
        ),
        *[f'<p style="text-align:justify">{esc(a.para(t))}</p>' for t in ps[:3]],
        img_table(
            "http://baonamson.example.vn/database/image/2019/06/14/duong-thac-bay-tang.jpg", caps[1]
        ),
        *[f'<p style="text-align:justify">{esc(a.para(t))}</p>' for t in ps[3:5]],
        '<table border="0" cellpadding="0" cellspacing="0" width="100%"><tbody><tr><td>&nbsp;</td>'
        f'<td><p style="text-align:justify">{esc(a.para(ps[5]))}</p></td></tr></tbody></table><p></p>',
        f'<p style="text-align:justify">{esc(a.para(ps[6]))}</p>',
        '<p style="text-align:right">Theo <a href="http://baonamson.example.vn/">http://baonamson.example.vn</a></p>',
        '<br/><p>Xem chi tiết <a href="/">Tại đây</a></p>',
    ]
    related = [
        ("Ea Hlai ra quân dọn vệ sinh môi trường hưởng ứng Ngày Môi trường", "11/06/2019"),
        ("Thông báo lựa chọn đơn vị tư vấn lập quy hoạch sử dụng đất", "06/06/2019"),
        ("Huyện Ea Hlai sơ kết công tác phòng chống thiên tai sáu tháng", "30/05/2019"),
        ("Kiểm tra công tác chuẩn bị kỳ thi trung học phổ thông", "28/05/2019"),
    ]
    rel = "".join(
        f'<li><a href="/tin-{i}/">{esc(t)}</a><span class="ShowDate">({d})</span></li>'
        for i, (t, d) in enumerate(related)
    )
    center = f"""{news_header(a.category, a.published_raw)}
<div id="part1"><table id="tableforprint" width="100%"><tr><td style="text-align: center"><p class="Title">{esc(a.title)}</p></td></tr>
<tr><td><b class="lv_description_mode1 allowMenu"></b></td></tr>
<tr><td><div class="{cls}"><p><span><br/></span></p><div>
<div class="asset-content" id="_101_{rng.randrange(10**7, 10**8)}"><div class="sapo-wrapper clearfix"><img class="pull-left" src="{esc(lead_img)}" style="margin-right: 5px; width: 100%; padding: 0 0 10px 0;"/><p class="sapo"><strong>{esc(a.summary)}</strong></p></div>
<div class="journal-content-article">
{chr(10).join(parts)}
</div></div></div></div></td></tr>
<tr><td id="MSOZoneCell_WebPartWPQ12" valign="top" class="s4-wpcell-plain"><table class="s4-wpTopTable" border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td valign="top"><div id="WebPartWPQ12" class="ms-WPBody noindex">
<div id="ctl00_m_g_{guid(rng)}"><div id="part2"><table><tr><td class="Other"><ul></ul></td></tr></table>
<table class="tbtinkhac"><tr><td class="OtherTitle"><p class="OtherTitle">TIN ĐÃ ĐƯA</p></td></tr></table>
<table><tr><td class="Other"><ul>{rel}</ul></td></tr></table>
<div class="css_Xemtiep"><a href="#"><img src="/_layouts/LacVietBio/eofficeimg/news/xemtiep.gif" alt=""/></a></div></div></div>
</div></td></tr></table><div class="ms-PartSpacingVertical"></div></td></tr>
<tr><td></td></tr></table><br/></div>"""
    html, chrome = lacviet_shell(SITE_HUYEN, center, rng)
    chrome = [c for c in chrome if c not in ("Số lượt người xem", "Bản in", "Quay lại")]
    chrome += ["TIN ĐÃ ĐƯA", "Xem chi tiết Tại đây", *(t for t, _ in related)]
    return Page("41-lacviet-2010-vi-huyen", url, html, a.truth(), chrome, a.blocks)


# 1c: Lạc Việt, Thanh tra-like skin -----------------------------------------------------------------
def lacviet_c() -> Page:
    rng = random.Random("42-lacviet")
    url = SITE_THANHTRA.host + "/tin-tuc/Lists/Posts/Post.aspx?CategoryId=6&ItemId=87"
    a = Article(url, "lacviet")
    a.title = a.block(
        "title", "Thanh tra huyện Ea Hlai tổng kết công tác năm 2018, triển khai nhiệm vụ năm 2019"
    )
    a.published, a.published_raw = "2019-07-26T14:14:00+07:00", "(26.07.2019 14:14)"
    a.category = "Tin hoạt động ngành"
    ps = paragraphs(rng, 4)
    cap1 = ["Đồng chí Trần Quốc Bảo –", "Chủ tịch UBND huyện Ea Hlai phát biểu tại hội nghị"]
    cap2 = "Đồng chí Hồ Thị Mai, Phó Chánh Thanh tra tỉnh phát biểu chỉ đạo"
    cap3 = "Lãnh đạo huyện trao giấy khen cho các tập thể có thành tích xuất sắc năm 2018"
    cls = "ExternalClass" + hexid(rng)
    inner = [
        f"<p>{esc(a.para(ps[0]))}</p>",
        f'<p><img alt="" src="{a.image("http://eahlai.example.gov.vn/img/TT01.png", " ".join(cap1), caption_parts=cap1)}" style="width:600px"/></p>',
        f"<p><strong>{esc(cap1[0])}</strong></p>",
        f"<p><strong>{esc(cap1[1])}</strong></p>",
        f"<p>{esc(a.para(ps[1]))}</p>",
        f'<p><img alt="" src="{a.image("http://eahlai.example.gov.vn/img/TT02.png", cap2)}" style="width:600px"/></p>',
        f"<p><strong>{esc(cap2)}</strong></p>",
        f"<p>{esc(a.para(ps[2]))}</p>",
        f'<p><img alt="" src="{a.image("http://eahlai.example.gov.vn/img/TT03.png", cap3)}" style="width:600px"/></p>',
        f"<p><strong>{esc(cap3)}</strong></p>",
        f"<p>{esc(a.para(ps[3]))}</p>",
    ]
    center = f"""{news_header(a.category, a.published_raw)}
<div id="part1"><table id="tableforprint" width="100%"><tr><td><p class="Title" style="text-align:center">{esc(a.title)}</p></td></tr>
<tr><td><b class="lv_description_mode1 allowMenu"></b></td></tr>
<tr><td><div class="{cls}"><p><span><br/></span></p><div>
{chr(10).join(inner)}
</div></div></td></tr><tr><td></td></tr></table><br/>
<p>xem chi tiết <a href="http://eahlai.example.gov.vn/tin-tuc/">tại đây</a></p>
<span class="css_readCounter">Số lượt người xem : <b id="viewCounter"></b></span>
<span class="css_printandback"><a class="print" href="javascript: popuponclick()">Bản in</a></span>
<script type="text/javascript">function linkFacebook(title) {{ return false; }}</script>
<div class="css_linkstoweb"><div id="id_link_delicious" class="css_link_delicious"></div><div id="id_link_twitter" class="css_link_twitter"></div><div id="id_link_facebook" class="css_link_facebook"></div><div id="sendEmail" class="css_sendEmail"></div></div></div>"""
    clock = "Thứ ba, 9/4/2019-14:7 PM"
    html, chrome = lacviet_shell(SITE_THANHTRA, center, rng, clock=clock)
    chrome = [c for c in chrome if c != "Quay lại"] + [clock, "xem chi tiết tại đây"]
    return Page("42-lacviet-2010-vi-thanhtra", url, html, a.truth(), chrome, a.blocks)


# --- SharePoint 2013 "seattle" chrome ------------------------------------------------------------
def seattle_shell(
    title_tag: str, main: str, rng: random.Random, lang: str = "vi", left: str = "", right: str = ""
) -> tuple[str, list[str]]:
    vi = lang == "vi"
    skip = "Chuyển tới nội dung chính" if vi else "Skip to main content"
    share = "Chia sẻ trang này" if vi else "Share this page"
    nav = (
        [
            ("Trang chủ", "/"),
            ("Giới thiệu", "/gioi-thieu"),
            ("Báo chí", "/baochi"),
            ("Văn bản", "/vanban"),
            ("Liên hệ", "/lienhe"),
        ]
        if vi
        else [
            ("Home", "/"),
            ("About us", "/about"),
            ("Press room", "/pressroom"),
            ("Documents", "/documents"),
            ("Contact", "/contact"),
        ]
    )
    menu = "".join(
        f'<li class="static"><a class="static menu-item" href="{h}"><span class="menu-item-text">{esc(t)}</span></a></li>'
        for t, h in nav
    )
    footer = (
        "Bản quyền thuộc Cảng vụ Hàng hải Nam Sơn. Địa chỉ: Số 2 đường Bến Cảng, thành phố Nam Sơn."
        if vi
        else "Copyright Nam Son Maritime Administration. Address: 2 Ben Cang Street, Nam Son City."
    )
    page = f"""<!DOCTYPE html>
<html xmlns:o="urn:schemas-microsoft-com:office:office" lang="{"vi-VN" if vi else "en-US"}" dir="ltr" class="ms-isBot">
<head><meta http-equiv="X-UA-Compatible" content="IE=10"/><meta name="GENERATOR" content="Microsoft SharePoint"/>
<meta http-equiv="Content-type" content="text/html; charset=utf-8"/>
<title>
\t{esc(title_tag)}
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1033/styles/Themable/corev15.css?rev=ox%2BqLd4%2Fx0k%3D"/>
<script type="text/javascript" src="/_layouts/15/init.js?rev=abc"></script>
<script type="text/javascript">var _spPageContextInfo = {{webServerRelativeUrl: "\\u002f", webLanguage: {1066 if vi else 1033}, currentLanguage: {1066 if vi else 1033}, webUIVersion:15, pageListId:"{{{hexid(rng, 8).lower()}-{hexid(rng, 4).lower()}}}", pageItemId:{rng.randrange(3, 400)}, siteClientTag: "0$$15.0.4569.1000"}};</script>
<script type="text/javascript">RegisterSod("sp.js", "\\u002f_layouts\\u002f15\\u002fsp.js?rev=x");</script>
</head>
<body onhashchange="if (typeof(_spBodyOnHashChange) != 'undefined') _spBodyOnHashChange();">
<div id="imgPrefetch" style="display:none"><img src="/_layouts/15/images/spcommon.png?rev=23"/></div>
<form method="post" action="./page.aspx" id="aspnetForm">
<div class="aspNetHidden">
<input type="hidden" name="_wpcmWpid" id="_wpcmWpid" value=""/>
<input type="hidden" name="MSOWebPartPage_PostbackSource" id="MSOWebPartPage_PostbackSource" value=""/>
<input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="0x{hexid(rng, 128)},08 Jan 2019 04:12:30 -0000"/>
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate(rng, rng.randrange(26000, 38000))}"/>
</div>
<script type="text/javascript">//<![CDATA[
var MSOWebPartPageFormName = 'aspnetForm';
//]]></script>
<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="{hexid(rng, 8)}"/><input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="{viewstate(rng, 500)}"/></div>
<span id="DeltaSPWebPartManager"></span>
<div id="TurnOnAccessibility" style="display:none" class="s4-notdlg noindex"><a id="linkTurnOnAcc" href="#" class="ms-accessible ms-acc-button" onclick="SetIsAccessibilityFeatureEnabled(true);return false;">Turn on more accessible mode</a></div>
<div id="TurnOffAccessibility" style="display:none" class="s4-notdlg noindex"><a id="linkTurnOffAcc" href="#" class="ms-accessible ms-acc-button">Turn off more accessible mode</a></div>
<div class="s4-notdlg s4-skipribbonshortcut noindex"><a href="javascript:;" onclick="document.getElementById('startNavigation').focus();" class="ms-accessible ms-acc-button" accesskey="Y">Skip Ribbon Commands</a></div>
<div class="s4-notdlg noindex"><a href="javascript:;" onclick="document.getElementById('mainContent').focus();" class="ms-accessible ms-acc-button">{skip}</a></div>
<div id="ms-designer-ribbon">
<div id="suiteBarDelta" class="ms-dialogHidden ms-fullWidth noindex"><div id="suiteBar" class="ms-dialogHidden noindex"><div id="suiteBarLeft"><div class="ms-table ms-fullWidth"><div class="ms-tableRow"><div class="ms-tableCell ms-verticalAlignMiddle"><div class="ms-core-brandingText">SharePoint</div></div></div></div></div>
<div id="suiteBarRight"><div id="welcomeMenuBox"><a id="ctl00_IdWelcome_ExplicitLogin" class="ms-signInLink" href="/_layouts/15/Authenticate.aspx">{"Đăng nhập" if vi else "Sign In"}</a></div></div></div></div>
<div id="s4-ribbonrow" style="display:none"><div id="globalNavBox" class="noindex"><div id="ribbonBox"><div id="s4-ribboncont"><div id="Ribbon" class="ms-cui ms-cui-needIEFilter" unselectable="on"><div class="ms-cui-ribbonTopBars"><div class="ms-cui-topBar2"><ul class="ms-cui-tts" role="tablist"><li class="ms-cui-tt ms-browseTab ms-cui-tt-s"><a class="ms-cui-tt-a" href="javascript:;"><span class="ms-cui-tt-span">Browse</span></a></li><li class="ms-cui-tt"><a class="ms-cui-tt-a" href="javascript:;"><span class="ms-cui-tt-span">Page</span></a></li></ul></div></div></div></div></div></div></div>
</div>
<div id="s4-workspace" class="ms-core-overlay"><div id="s4-bodyContainer">
<div id="hd" class="noindex"><a id="logo" href="/"><span class="offs">{"Trang chủ" if vi else "Homepage"}</span></a>
<div id="srch" class="noindex"><input name="ctl00$Header$SearchBox" type="text" id="SearchTextBox" class="srch" value="{"Tìm kiếm" if vi else "Search"}"/><input type="submit" value="" class="btn btn-srch"/></div>
<div id="DeltaTopNavigation" class="ms-displayInline ms-core-navigation"><div class="ms-core-listMenu-horizontalBox noindex"><ul class="root ms-core-listMenu-root static">{menu}</ul></div></div></div>
<div id="ct" class="clearfix"><span id="DeltaPlaceHolderMain"><a id="mainContent" name="mainContent" tabindex="-1"></a>
{main}
<div id="hidZone" style="display:none"></div></span></div>
<div id="ft" class="noindex"><div class="widthLimiter"><p>{esc(footer)}</p><ul class="socialLinks"><li><a href="https://social.example.vn/cangvu">Facebook</a></li></ul></div></div>
</div></div>
<script type="text/javascript">//<![CDATA[
Sys.Application.initialize();
//]]></script>
</form></body></html>
"""
    chrome = ["Skip Ribbon Commands", skip, "Turn on more accessible mode", share, footer, "Browse"]
    return page, chrome


def breadcrumb(items: list[tuple[str, str]], last: str) -> str:
    links = "<span> &gt; </span>".join(f'<span><a href="{h}">{esc(t)}</a></span>' for t, h in items)
    return f'<div id="bc" class="widthLimiter"><span id="ctl00_PlaceHolderMain_siteMapPath">{links}<span> &gt; </span><span>{esc(last)}</span></span></div>'


# 2: press releases ---------------------------------------------------------------------------------
def press_release(lang: str) -> Page:
    vi = lang == "vi"
    rng = random.Random(f"pr-{lang}")
    host = "https://cangvu.example.gov.vn"
    url = host + (
        "/baochi/tcbc/Pages/2019-01-08-01.aspx"
        if vi
        else "/en/pressroom/pr/Pages/2019-02-21-01.aspx"
    )
    a = Article(url, "pressrelease")
    if vi:
        a.title = a.block(
            "title", "Thử nghiệm thành công thủ tục thông quan điện tử tại cảng Nam Sơn"
        )
        a.published, a.published_raw = "2019-01-08", "8 tháng 1 năm 2019"
        a.category = "Thông cáo báo chí"
        crumbs = [("Trang chủ", "/Pages/default.aspx"), ("Báo chí", "/baochi/Pages/index.aspx")]
        number, date_label, trans_label = ("Thông cáo số:", "3"), "Ngày:", "Bản dịch:"
        trans = [
            (
                "/baochi/tcbc/Documents/2019-01-08-01-en.pdf",
                "Nam Son port completes electronic clearance trial",
            ),
            (
                "/baochi/tcbc/Documents/2019-01-08-01-fr.pdf",
                "Le port de Nam Son réussit l'essai du dédouanement électronique",
            ),
        ]
        dateline = "Nam Sơn"
        ps = paragraphs(rng, 6)
        contact_head, contact = (
            "Để biết thêm thông tin, xin liên hệ:",
            ["Phòng Truyền thông Cảng vụ", "truyenthong@cangvu.example.gov.vn"],
        )
        notes_head = "Ghi chú cho biên tập viên:"
        notes = [
            "Cảng vụ Hàng hải Nam Sơn quản lý hoạt động hàng hải tại các cảng biển trong tỉnh.",
            "Theo dõi chúng tôi tại https://social.example.vn/cangvu",
        ]
        side = [
            "Cần hỗ trợ?",
            "Liên kết liên quan",
            "Đăng ký nhận thông cáo báo chí",
            "Lịch họp báo và thông cáo",
        ]
        left_nav = [
            "Báo chí",
            "Thông cáo báo chí",
            "Số liệu thống kê",
            "Phát biểu",
            "Liên hệ báo chí",
        ]
        home_label, box_label = "Home Image", "IATAContentBox1"
    else:
        a.title = a.block(
            "title", "Port Authority Reports Faster Container Clearance After Digital Pilot"
        )
        a.published, a.published_raw = "2019-02-21", "21 February 2019"
        a.category = "Press Releases"
        crumbs = [
            ("Home", "/en/Pages/default.aspx"),
            ("Pressroom", "/en/pressroom/Pages/index.aspx"),
        ]
        number, date_label, trans_label = ("Press Release No.:", "7"), "Date:", "Translations:"
        trans = [
            (
                "/en/pressroom/pr/Documents/2019-02-21-01-vi.pdf",
                "Cảng vụ công bố kết quả thí điểm thông quan số",
            ),
            (
                "/en/pressroom/pr/Documents/2019-02-21-01-es.pdf",
                "La autoridad portuaria informa un despacho más rápido",
            ),
        ]
        dateline = "Nam Son"
        ps = paragraphs(rng, 5, EN_SENTENCES)
        contact_head, contact = (
            "For more information, please contact:",
            ["Corporate Communications", "media@cangvu.example.gov.vn"],
        )
        notes_head = "Notes for Editors:"
        notes = [
            "The Nam Son Maritime Administration oversees shipping in the province's seaports.",
            "You can follow us at https://social.example.vn/cangvu",
        ]
        side = [
            "Need Help?",
            "Related Links",
            "Subscribe to press releases",
            "Media agenda and release schedule",
        ]
        left_nav = [
            "Pressroom",
            "Press Releases",
            "Facts and Figures",
            "Speeches",
            "Press Enquiries",
        ]
        home_label, box_label = "Home Image", "IATAContentBox1"
    home_img = (
        "/baochi/tcbc/PublishingImages/cang-container-280.png"
        if vi
        else "/en/pressroom/pr/PublishingImages/container-yard-280.png"
    )
    a.image(home_img)
    trans_html = f"<p><strong>{esc(trans_label)}</strong></p>" + "".join(
        f'<p><a href="{a.attach(h, t)}">{esc(t)}</a>{"<br/>" if i == len(trans) - 1 else ""}</p>'
        for i, (h, t) in enumerate(trans)
    )
    first = f"{dateline} - {ps[0]}"
    a.para(first)
    body = [trans_html, f"<p><strong>{esc(dateline)}</strong> - {esc(ps[0])}</p>"]
    for t in ps[1:3]:
        body.append(f"<p>{esc(a.para(t))}</p>")
    bullets = (
        ["Giảm chi phí lưu kho cho chủ hàng", "Minh bạch thông tin về tình trạng hồ sơ"]
        if vi
        else ["Lower storage costs for shippers", "Clear status updates for each file"]
    )
    body.append("<ul>" + "".join(f"<li>{esc(a.para(b))}</li>" for b in bullets) + "</ul>")
    for t in ps[3:-1]:
        body.append(f"<p>{esc(a.para(t))}</p>")
    last = a.para(ps[-1])
    contact_html = f'<strong>{esc(contact_head)}</strong><br/><br/>{esc(contact[0])}<br/><a href="mailto:{contact[1]}">{contact[1]}</a><br/>'
    if vi:  # the contact block starts inside the same <p> as the last narrative sentence
        body.append(f"<p>{esc(last)}<br/><br/>{contact_html}</p>")
    else:
        body.append(f"<p>{esc(last)}<br/></p><p>{contact_html}</p>")
    body.append(
        f"<p><strong>{esc(notes_head)}</strong></p><ul>"
        + "".join(f"<li>{esc(n)}</li>" for n in notes)
        + "</ul>"
    )
    lnav = "".join(
        f'<li><div><a href="/baochi/{i}">{esc(t)}</a></div><span class="icon icon-navArrowRight"></span><ul></ul></li>'
        for i, t in enumerate(left_nav)
    )
    share = "Chia sẻ trang này" if vi else "Share this page"
    main = f"""{breadcrumb(crumbs, a.category)}
<div id="pageContentLimiter"><div class="widthLimiter"><div class="redFringe"></div></div></div>
<div class="dividerContainer genericPage"><div id="ct-txt" class="clearfix pr widthLimiter">
<div id="leftNavigation" class="noindex"><ul><li><div><a href="/baochi/Pages/index.aspx">{esc(left_nav[0])}</a></div><ul>{lnav}</ul></li></ul>
<div><div id="ctl00_PlaceHolderMain_DisplaySkyScraper__ControlWrapper_label" style="display:none">IATASkyscraperAD</div><div id="ctl00_PlaceHolderMain_DisplaySkyScraper__ControlWrapper_RichHtmlField" class="ms-rtestate-field" style="display:inline"><div class="ms-rtestate-field"></div></div></div></div>
<div id="col-mn" class="grid2_3 mainContent">
<div id="ct-wd" class="noindex"><div id="social-media" class="noindex"><ul class="topLinks"><li><a href="javascript:window.print()"><div class="icon icon-printer"></div></a></li><li><div id="sm-share" class="icon icon-share"></div></li></ul>
<div id="ctl00_PlaceHolderMain_pageTools_liShare"><div id="hidden-sm-div" class="noindex"><span class="share-title">{share}</span><ul>
<li><a href="http://social.example.vn/share?u={quote(url, safe="")}"><span class="icon icon-facebook"></span></a></li><li><a href="mailto:?subject={quote(a.title)}"><span class="icon icon-enveloppeRound"></span></a></li></ul></div></div></div></div>
<div id="printHeader"><img src="/Style%20Library/CangVu/Images/logo-print.png" alt=""/></div>
<p class="pr-rel-numb"><strong>{esc(number[0])}</strong> {number[1]}</p>
<p id="date">{esc(date_label)}
{esc(a.published_raw)}</p>
<span id="ctl00_PlaceHolderMain_DisplayContent_box1"><span><h1>{esc(a.title)}</h1></span></span>
<div class="homeImageLeft"><div id="ctl00_PlaceHolderMain_DisplayMainContent_ControlWrapper_label" style="display:none">{home_label}</div><div id="ctl00_PlaceHolderMain_DisplayMainContent_ControlWrapper_RichImageField" class="ms-rtestate-field" style="display:inline" aria-labelledby="ctl00_PlaceHolderMain_DisplayMainContent_ControlWrapper_label"><div class="ms-rtestate-field"><img alt="" src="{home_img}" style="BORDER:0px solid;"/></div></div></div>
{chr(10).join(b for b in body if b)}
<menu class="ms-hide"><ie:menuitem id="MSOMenu_Help" iconsrc="/_layouts/15/images/HelpIcon.gif" type="option" style="display:none"></ie:menuitem></menu>
<div id="ctl00_PlaceHolderMain_IATAContentBox1Field_label" style="display:none">{box_label}</div><div id="ctl00_PlaceHolderMain_IATAContentBox1Field__ControlWrapper_RichHtmlField" class="ms-rtestate-field" style="display:inline"></div>
</div>
<div id="col-xtra" class="grid1_3 extendContainer"><div class="contactBox"><h2>{esc(side[0])}</h2><a href="mailto:{contact[1]}">{"Liên hệ" if vi else "Contact us"}</a></div>
<div class="rhcPink"><div class="newst pnlRHCRelatedLinksTitle"><div><h2>{esc(side[1])}</h2></div></div>
<div id="ctl00_PlaceHolderMain_RichHtmlFieldHighlight_label" style="display:none">IATAHighlightInformation</div>
<div class="ms-rtestate-field"><span id="__publishingReusableFragment" class="ms-rtestate-read ms-reusableTextView"><p><a href="/baochi/Pages/dangky.aspx">{esc(side[2])}</a></p><p><a href="/baochi/Documents/lich-hop-bao.pdf">{esc(side[3])}</a><br/></p></span></div></div></div>
</div></div>"""
    html, chrome = seattle_shell(
        f"Cảng vụ - \n\t{a.title}" if vi else f"Port Authority - \n\t{a.title}", main, rng, lang
    )
    chrome += [
        trans_label,
        *side,
        home_label,
        box_label,
        "IATASkyscraperAD",
        "IATAHighlightInformation",
        contact_head,
        notes_head,
        contact[1],
        notes[0],
        number[0],
        left_nav[2],
        left_nav[3],
    ]
    name = f"{43 if vi else 44}-pressrelease-2013-{lang}"
    return Page(name, url, html, a.truth(), chrome, a.blocks)


# --- SharePoint 2010 v4 chrome with MSO_ContentTable ------------------------------------------------
def v4_shell(
    title_tag: str, main: str, rng: random.Random, side: str = "", crumbs: str = ""
) -> tuple[str, list[str]]:
    footer = "Bản quyền thuộc Ủy ban nhân dân tỉnh Nam Sơn. Địa chỉ: Số 1 đường Lê Lợi, thành phố Nam Sơn."
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html dir="ltr" lang="vi-VN"><head><meta http-equiv="X-UA-Compatible" content="IE=8"/>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<title>
\t{esc(title_tag)}
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/1066/styles/Themable/corev4.css"/>
<script type="text/javascript">var L_Menu_LCID="1066"; var _spPageContextInfo = {{webServerRelativeUrl: "\\u002fso-ldtbxh\\u002ftin-tuc", webLanguage: 1066, currentLanguage: 1066, webUIVersion:4, pageListId:"{{{hexid(rng, 8).lower()}}}", pageItemId: {rng.randrange(2, 99)}}};</script>
</head>
<body scroll="no" onload="javascript:_spBodyOnLoadWrapper();" class="v4master">
<form name="aspnetForm" method="post" action="./page.aspx" id="aspnetForm">
<input type="hidden" name="MSOWebPartPage_PostbackSource" id="MSOWebPartPage_PostbackSource" value=""/>
<input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="0x{hexid(rng, 128)},16 Jun 2022 02:20:00 -0000"/>
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate(rng, rng.randrange(22000, 34000))}"/>
<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="{hexid(rng, 8)}"/>
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="{viewstate(rng, 400)}"/>
<div id="TurnOnAccessibility" style="display:none" class="s4-notdlg noindex"><a id="linkTurnOnAcc" href="#" class="ms-TurnOnAcc">Bật chế độ hỗ trợ truy cập</a></div>
<div class="s4-notdlg s4-skipribbonshortcut noindex"><a href="javascript:;" class="ms-SkiptoNavigation" accesskey="Y">Bỏ qua lệnh Ribbon</a></div>
<div class="s4-notdlg noindex"><a href="javascript:;" class="ms-SkiptoMainContent" accesskey="X">Chuyển tới nội dung chính</a></div>
<div id="s4-ribbonrow" class="s4-pr s4-ribbonrowhidetitle"><div id="s4-ribboncont"><div id="RibbonContainer"><div class="ms-cui-topBar2"><span class="ms-siteactionsmenu"><a href="javascript:;">Thao tác trang</a></span><a id="ctl00_IdWelcome_ExplicitLogin" class="s4-signInLink" href="/_layouts/Authenticate.aspx">Đăng nhập</a></div></div></div></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="s4-titlerow" class="s4-pr s4-notdlg s4-titlerowhidetitle"><div class="s4-title s4-lp"><div class="s4-title-inner"><table class="s4-titletable"><tr>
<td class="s4-titlelogo"><a href="/"><img src="/_layouts/images/siteIcon.png" alt="Trang chủ"/></a></td>
<td class="s4-titletext"><h1><a href="/">Cổng thông tin điện tử tỉnh Nam Sơn</a></h1>{crumbs}</td></tr></table></div></div>
<div id="s4-topheader2" class="s4-pr s4-notdlg"><a name="startNavigation"></a><div class="s4-lp s4-toplinks"><div id="zz1_TopNavigationMenuV4" class="s4-tn"><div class="menu horizontal menu-horizontal"><ul class="root static">
<li class="static"><a class="static menu-item" href="/"><span class="additional-background"><span class="menu-item-text">Trang chủ</span></span></a></li>
<li class="static"><a class="static menu-item" href="/gioithieu"><span class="additional-background"><span class="menu-item-text">Giới thiệu chung</span></span></a></li>
<li class="static"><a class="static menu-item" href="/so-do"><span class="additional-background"><span class="menu-item-text">Sơ đồ cổng</span></span></a></li></ul></div></div></div></div></div>
<div id="s4-leftpanel" class="s4-notdlg"><div id="s4-leftpanel-content">{side}</div></div>
<div class="s4-ca s4-ca-dlgNoRibbon" id="MSO_ContentDiv"><table class="s4-wpTopTable" width="100%"><tr><td id="MSO_ContentTd" valign="top"><a name="mainContent"></a>
<table id="MSO_ContentTable" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td valign="top">
{main}
</td></tr></table></td></tr></table></div>
<div class="s4-notdlg footer"><p>{esc(footer)}</p></div>
</div></div></form></body></html>
"""
    chrome = [
        "Bỏ qua lệnh Ribbon",
        "Chuyển tới nội dung chính",
        "Bật chế độ hỗ trợ truy cập",
        "Thao tác trang",
        "Giới thiệu chung",
        "Sơ đồ cổng",
        footer,
    ]
    return page, chrome


def zone2010(n: int, title: str, inner: str) -> str:
    head = (
        f'<tr class="ms-WPHeader"><td align="left" class="ms-wpTdSpace">&#160;</td><td title="{esc(title)}" id="WebPartTitleWPQ{n}" class="ms-WPHeaderTd">'
        f'<h3 style="text-align:justify;" class="ms-standardheader ms-WPTitle"><nobr><span>{esc(title)}</span></nobr></h3></td></tr>'
        if title
        else ""
    )
    return (
        f'<table width="100%" cellpadding="0" cellspacing="0"><tr><td id="MSOZoneCell_WebPartWPQ{n}" valign="top" class="s4-wpcell">'
        f'<table class="s4-wpTopTable" border="0" cellpadding="0" cellspacing="0" width="100%">{head}<tr><td valign="top">'
        f'<div webpartid="00000000-0000-0000-0000-00000000000{n % 10}" haspers="false" id="WebPartWPQ{n}" width="100%" class="ms-WPBody" allowdelete="false" style="">'
        f"{inner}</div></td></tr></table></td></tr></table>"
    )


def zone2013(n: int, title: str, inner: str) -> str:
    head = (
        f'<div class="ms-webpart-chrome-title" id="WebPartWPQ{n}_ChromeTitle"><span title="{esc(title)}" class="js-webpart-titleCell"><h2 style="text-align:justify;" class="ms-webpart-titleText"><nobr><span>{esc(title)}</span></nobr></h2></span></div>'
        if title
        else ""
    )
    return (
        f'<div class="ms-webpart-zone ms-fullWidth"><div id="MSOZoneCell_WebPartWPQ{n}" class="s4-wpcell-plain ms-webpartzone-cell ms-webpart-cell-vertical ms-fullWidth">'
        f'<div class="ms-webpart-chrome ms-webpart-chrome-vertical ms-webpart-chrome-fullWidth">{head}'
        f'<div webpartid="00000000-0000-0000-0000-00000000000{n % 10}" haspers="false" id="WebPartWPQ{n}" width="100%" class="ms-WPBody noindex" allowdelete="false" style="">{inner}</div>'
        '<div class="ms-clear"></div></div></div></div>'
    )


def side_list(title: str, items: list[str], href: str, version: int, n: int) -> str:
    inner = (
        "<ul>"
        + "".join(f'<li><a href="{href}{i + 1}">{esc(t)}</a></li>' for i, t in enumerate(items))
        + "</ul>"
    )
    return zone2013(n, title, inner) if version == 2013 else zone2010(n, title, inner)


# 3: blog posts ------------------------------------------------------------------------------------------
BLOG_OTHERS = [
    "Tập huấn nghiệp vụ chi trả trợ cấp qua tài khoản",
    "Hướng dẫn hồ sơ hưởng bảo hiểm thất nghiệp",
    "Kết quả giải quyết việc làm sáu tháng đầu năm",
    "Thăm hỏi các gia đình có công nhân dịp lễ",
]


def blog_2010() -> Page:
    rng = random.Random("45-blog")
    host = "https://tinh.example.gov.vn"
    url = host + "/so-ldtbxh/tin-tuc/Lists/Posts/Post.aspx?CategoryId=2&ItemId=41"
    a = Article(url, "blogpost")
    a.title = a.block(
        "title",
        "Sở Lao động - Thương binh và Xã hội kiểm tra công tác dạy nghề tại các huyện phía Bắc",
    )
    a.published, a.published_raw = "2022-06-16T09:20:00+07:00", "thứ năm, 16 tháng 6 năm 2022"
    a.category = "Tin hoạt động"
    a.author = a.block("author", "Nguyễn Thị Hồng")
    a.summary = a.block(
        "summary",
        "Từ ngày 13 đến 15/6, đoàn công tác của Sở đã làm việc với ba huyện phía Bắc về kết quả đào tạo nghề cho lao động nông thôn.",
    )
    ps = paragraphs(rng, 5)
    cap = "Đoàn kiểm tra thăm lớp sửa chữa máy nông nghiệp tại xã Ea Tóh"
    cls = "ExternalClass" + hexid(rng)
    body = [f"<div><strong>{esc(a.summary)}</strong></div>"]
    for i, t in enumerate(ps):
        body.append(f"<div>{esc(a.para(t))}</div>")
        if i == 1:
            src = a.image("/so-ldtbxh/tin-tuc/Lists/Photos/Kiem tra day nghe (2).jpg", cap, alt=cap)
            body.append(
                f'<div style="text-align:center"><img alt="{esc(cap)}" src="{quote(src, safe="/()")}" style="margin:5px;width:480px"/></div>'
            )
            body.append(f'<div style="text-align:center"><em>{esc(cap)}</em></div>')
    post = f"""<div class="ms-PostWrapper">
<div class="ms-PostDate"><h3 class="ms-PostDateHeader">{esc(a.published_raw)}</h3></div>
<div class="ms-PostTitle"><h2 class="ms-PostTitle"><a href="/so-ldtbxh/tin-tuc/Lists/Posts/Post.aspx?ID=41">{esc(a.title)}</a></h2></div>
<div class="ms-PostBody"><div class="{cls}">{"".join(body)}</div></div>
<div class="ms-PostFooter">Đăng lúc 9:20 SA bởi <span class="ms-PostFooterAuthor"><a href="/_layouts/userdisp.aspx?ID=14">{esc(a.author)}</a></span> | Thể loại: <a href="/so-ldtbxh/tin-tuc/Lists/Categories/Category.aspx?CategoryId=2&amp;Name=Tin%20ho%E1%BA%A1t%20%C4%91%E1%BB%99ng">{esc(a.category)}</a> | <a href="/so-ldtbxh/tin-tuc/Lists/Posts/Post.aspx?ID=41">Liên kết cố định</a> | <a href="javascript:;">Gửi bài viết qua email</a> | <a href="/so-ldtbxh/tin-tuc/Lists/Posts/Post.aspx?ID=41#Comments">Bình luận (0)</a></div>
</div>"""
    comments = '<div class="ms-CommentHeader"><h3 class="ms-CommentHeader">Bình luận</h3></div><div class="ms-CommentEmpty">Không có bình luận nào cho bài viết này.</div>'
    main = zone2010(3, "", post) + zone2010(4, "", comments)
    side = (
        side_list(
            "Thể loại",
            ["Tin hoạt động", "Chính sách mới", "Hỏi đáp"],
            "/so-ldtbxh/tin-tuc/Lists/Categories/Category.aspx?CategoryId=",
            2010,
            5,
        )
        + side_list(
            "Các bài viết khác",
            BLOG_OTHERS,
            "/so-ldtbxh/tin-tuc/Lists/Posts/Post.aspx?ID=",
            2010,
            6,
        )
        + side_list(
            "Lưu trữ",
            ["Tháng 5 năm 2022", "Tháng 4 năm 2022"],
            "/so-ldtbxh/tin-tuc/Lists/Posts/Date.aspx?StartDateTime=",
            2010,
            7,
        )
    )
    crumbs = '<span class="ms-sitemapdirectional"><a href="/">Trang chủ</a> &gt; <a href="/so-ldtbxh">Sở LĐTBXH</a> &gt; <a href="/so-ldtbxh/tin-tuc">Tin tức</a> &gt; <span>Bài viết</span></span>'
    html, chrome = v4_shell("Bài viết", main, rng, side, crumbs)
    chrome += [
        "Các bài viết khác",
        "Đăng lúc",
        "Liên kết cố định",
        "Gửi bài viết qua email",
        "Bình luận (0)",
        "Không có bình luận nào",
        "Lưu trữ",
        *BLOG_OTHERS,
    ]
    return Page("45-blogpost-2010-vi", url, html, a.truth(), chrome, a.blocks)


def blog_2013() -> Page:
    rng = random.Random("46-blog")
    host = "https://tinh.example.gov.vn"
    url = host + "/so-ldtbxh/tin-tuc/Lists/Posts/Post.aspx?ID=57"
    a = Article(url, "blogpost")
    a.title = a.block("title", "Hỗ trợ người lao động mất việc tìm kiếm cơ hội làm việc mới")
    a.published, a.published_raw = "2022-09-08T14:35:00+07:00", "thứ năm, 08 tháng 9 năm 2022"
    a.category = "Chính sách mới"
    a.author = a.block("author", "Trần Văn Bình")
    ps = paragraphs(rng, 6)
    cap = "Người lao động tìm hiểu thông tin tuyển dụng tại sàn giao dịch việc làm. Ảnh: Thu Hà"
    body = []
    for i, t in enumerate(ps):
        body.append(f"<p>{esc(a.para(t))}</p>")
        if i == 2:
            src = a.image("/so-ldtbxh/tin-tuc/Lists/Photos/san-giao-dich-viec-lam.jpg", cap)
            body.append(f'<p><img alt="" src="{src}" style="margin:5px"/></p><p>{esc(cap)}</p>')
    post = f"""<div class="ms-blog-MainArea"><ul class="ms-blog-postList"><li><div>
<h1><a class="ms-accentText" href="/so-ldtbxh/tin-tuc/Lists/Posts/Post.aspx?ID=57">{esc(a.title)}</a></h1>
<div class="ms-metadata">{esc(a.published_raw)}</div><p></p>
<div class="ms-blog-postBody"><div dir="" class="ms-rtestate-field">{"".join(body)}</div></div><p></p>
<div class="ms-metadata ms-textSmall"><span>bởi <span class="ms-noWrap"><a href="/_layouts/15/userdisp.aspx?ID=7" class="ms-subtleLink">{esc(a.author)}</a></span> lúc 14:35 trong <a href="/so-ldtbxh/tin-tuc/Lists/Categories/Category.aspx?CategoryId=3&amp;Name=Chinh-sach-moi" id="blgcat" class="ms-link">{esc(a.category)}</a></span></div>
<div class="ms-blog-commandSpace"><div><a href="#comments" class="ms-comm-metalineItemSeparator ms-blog-command-noLeftPadding ms-textSmall">0 bình luận</a><span class="ms-blog-command" style="display: inline-block;"><a href="javascript:;" class="ms-secondaryCommandLink">Thích</a></span><span class="ms-blog-command"><a href="javascript:;" class="ms-secondaryCommandLink">Chia sẻ</a></span></div></div>
</div><div class="ms-blog-postDivider"><a name="comments"></a><h3 class="ms-blog-postComments">0 bình luận</h3></div></li></ul></div>"""
    side = (
        side_list(
            "Các bài viết khác",
            BLOG_OTHERS,
            "/so-ldtbxh/tin-tuc/Lists/Posts/Post.aspx?ID=",
            2013,
            5,
        )
        + side_list(
            "Thể loại",
            ["Tin hoạt động", "Chính sách mới", "Hỏi đáp"],
            "/so-ldtbxh/tin-tuc/Lists/Categories/Category.aspx?CategoryId=",
            2013,
            6,
        )
        + side_list(
            "Lưu trữ",
            ["Tháng 8 năm 2022", "Tháng 7 năm 2022"],
            "/so-ldtbxh/tin-tuc/Lists/Posts/Date.aspx?StartDateTime=",
            2013,
            7,
        )
    )
    main = f"""<div id="sideNavBox" class="ms-dialogHidden ms-forceWrap ms-noList"><a id="startNavigation" name="startNavigation" tabindex="-1"></a>{side}</div>
<div id="contentBox" aria-live="polite" aria-relevant="all"><div id="DeltaPlaceHolderMainInner">{zone2013(3, "", post)}</div></div>"""
    html, chrome = seattle_shell("Bài viết", main, rng, "vi")
    chrome += ["Các bài viết khác", "bình luận", "Thích", "Chia sẻ", "Lưu trữ", *BLOG_OTHERS]
    return Page("46-blogpost-2013-vi", url, html, a.truth(), chrome, a.blocks)


# 4: custom news web part with Vietnamese class words ----------------------------------------------------
def chitiet_tin() -> Page:
    rng = random.Random("47-chitiet")
    url = "https://xa-hoabinh.example.gov.vn/tintuc/Pages/ChiTiet.aspx?ItemID=325"
    a = Article(url, "generic")
    a.title = a.block("title", "Khởi công xây dựng khu tái định cư cho các hộ dân vùng sạt lở")
    a.published, a.published_raw = "2022-06-16", "16/06/2022"
    a.category = "Tin tức - Sự kiện"
    a.summary = a.block(
        "summary",
        "Sáng 15/6, huyện tổ chức lễ khởi công khu tái định cư rộng gần tám héc-ta dành cho một trăm hai mươi hộ dân.",
    )
    ps = paragraphs(rng, 6)
    cap1 = "Đại biểu thực hiện nghi thức khởi công công trình. Ảnh: Hoàng Đạt"
    cap2 = "Phối cảnh khu tái định cư sau khi hoàn thành. Ảnh: Ban Quản lý dự án"
    body = []
    for i, t in enumerate(ps):
        body.append(f'<p style="text-align:justify">{esc(a.para(t))}</p>')
        if i == 0:
            body.append(
                f'<p style="text-align:center"><img src="{a.image("/tintuc/PublishingImages/2022/khoi cong tdc (1).jpg", cap1)}" alt=""/></p><p>{esc(cap1)}</p>'
            )
        if i == 3:
            body.append(
                f'<p style="text-align:center"><img src="{a.image("/tintuc/PublishingImages/2022/phoi%20canh%20tdc.jpg", cap2)}" alt=""/></p>'
                f'<p style="text-align:center"><em>{esc(cap2)}</em></p>'
            )
    files = [
        ("/tintuc/VanBan/2022-06/Quyet dinh 1250-QD-UBND.pdf", "Quyết định số 1250/QĐ-UBND"),
        ("/tintuc/VanBan/2022-06/Phu luc danh sach ho dan.docx", "Phụ lục danh sách hộ dân"),
        ("/tintuc/VanBan/2022-06/Quyet dinh 1250-QD-UBND.pdf", "Quyết định số 1250/QĐ-UBND"),
    ]
    links = "".join(f'<li><a href="{esc(a.attach(h, t))}">{esc(t)}</a></li>' for h, t in files)
    a.blocks = [
        b for i, b in enumerate(a.blocks) if not (b[0] == "attachment" and b in a.blocks[:i])
    ]
    others = [
        "Hội nghị triển khai kế hoạch phòng chống thiên tai",
        "Xã Hòa Bình ra mắt mô hình dân vận khéo",
        "Khánh thành cầu treo thôn Ea Kmar",
    ]
    inner = f"""<div class="chitiet-tin"><h2 class="tieude">{esc(a.title)}</h2>
<div class="ngaydang">Ngày đăng: {a.published_raw}</div>
<div class="tomtat">{esc(a.summary)}</div>
<div class="noidung">{chr(10).join(body)}</div>
<div class="dinhkem"><span class="dinhkem-nhan">Tài liệu đính kèm:</span><ul>{links}</ul></div></div>
<div class="tinkhac"><h3>Các tin khác</h3><ul>{"".join(f'<li><a href="/tintuc/Pages/ChiTiet.aspx?ItemID={300 + i}">{esc(t)}</a> <span>(1{i}/06/2022)</span></li>' for i, t in enumerate(others))}</ul></div>"""
    side = side_list(
        "Thông báo",
        ["Lịch tiếp công dân tháng 6", "Thông báo tuyển dụng viên chức"],
        "/thongbao/",
        2013,
        6,
    )
    main = f"""<div class="ms-breadcrumb-box"><span><a href="/">Trang chủ</a></span> &gt; <span>{esc(a.category)}</span></div>
<table width="100%"><tr><td valign="top">{zone2013(4, a.category, inner)}</td><td valign="top" width="280">{side}</td></tr></table>"""
    html, chrome = seattle_shell("Cổng thông tin điện tử xã Hòa Bình", main, rng, "vi")
    chrome += ["Các tin khác", "Tài liệu đính kèm", "Thông báo tuyển dụng viên chức", *others]
    return Page("47-generic-2013-vi-chitiet", url, html, a.truth(), chrome, a.blocks)


# 5: Tân Dân -----------------------------------------------------------------------------------------------
def tandan() -> Page:
    rng = random.Random("48-tandan")
    host = "https://namson.example.gov.vn"
    url = host + "/portal/Pages/2021-3-12/Khoi-cong-du-an-abc123.aspx"
    a = Article(url, "tandan")
    a.title = a.block("title", "Khởi công dự án đường ven biển đoạn qua huyện Đông Hải")
    a.published, a.published_raw = "2021-03-12T10:45:00+07:00", "12/03/2021 10:45"
    a.category = "Kinh tế"
    a.summary = a.block(
        "summary",
        "Dự án có tổng chiều dài hơn hai mươi cây số, dự kiến hoàn thành trong năm 2023, góp phần kết nối các khu kinh tế ven biển.",
    )
    a.author = a.block("author", "Quang Huy")
    a.source = "Báo Nam Sơn"
    a.block("source", "Nguồn: Báo Nam Sơn")
    ps = paragraphs(rng, 6)
    cap = "Lãnh đạo tỉnh và các đại biểu bấm nút khởi công dự án"
    body = []
    for i, t in enumerate(ps):
        body.append(f'<p style="text-align:justify">{esc(a.para(t))}</p>')
        if i == 1:
            src = a.image("/portal/Photos/2021-03-12/Khoi cong duong ven bien.jpg", cap)
            body.append(
                f'<p style="text-align:center"><img src="{src}" alt="" border="0"/></p><p style="text-align:center"><em>{esc(cap)}</em></p>'
            )
    body.append(
        f'<p style="text-align:right"><strong>{esc(a.author)}</strong></p><p style="text-align:right">(Nguồn: {esc(a.source)})</p>'
    )
    doc = a.attach("/portal/VanBan/2021-03/QD-phe-duyet-du-an.pdf", "Quyết định phê duyệt dự án")
    others = [
        "Tăng cường quản lý hoạt động khai thác khoáng sản",
        "Hội nghị xúc tiến đầu tư vào khu kinh tế",
        "Triển khai tiêm vắc xin cho lực lượng tuyến đầu",
    ]
    inner = f"""<div class="tandan-p-article-news"><h1 class="tandan-p-article-news-title">{esc(a.title)}</h1>
<div class="tandan-p-article-news-date"><span class="tandan-span-date-publish">Đăng ngày {a.published_raw}</span></div>
<div class="tandan-p-article-news-summary"><p>{esc(a.summary)}</p></div>
<div class="tandan-p-article-news-content">{"".join(body)}</div>
<div class="tandan-p-article-news-attach"><a href="{doc}">{esc("Quyết định phê duyệt dự án")}</a></div>
<div class="tandan-p-article-news-tools"><a href="javascript:window.print()">In bài viết</a> | <a href="mailto:?subject=tin">Gửi email</a></div>
<div class="tandan-p-article-other"><div class="tandan-p-article-other-title">Tin cùng chuyên mục</div><ul>{"".join(f'<li><a href="/portal/Pages/2021-3-{5 + i}/Tin-{i}x{i}.aspx">{esc(t)}</a><span class="tandan-span-date">(0{5 + i}/03/2021)</span></li>' for i, t in enumerate(others))}</ul></div></div>"""
    main = f"""<div class="ms-breadcrumb-box"><span class="ms-breadcrumb"><a href="/portal">Trang chủ</a> &gt; <a href="/portal/Pages/Kinh-te.aspx">{esc(a.category)}</a></span></div>
<table width="100%"><tr><td valign="top">{zone2013(4, "", inner)}</td><td valign="top" width="260">{side_list("Tin mới", others[::-1], "/portal/Pages/moi-", 2013, 7)}</td></tr></table>"""
    html, chrome = seattle_shell("Cổng thông tin điện tử tỉnh Nam Sơn", main, rng, "vi")
    chrome += ["In bài viết", "Gửi email", "Tin cùng chuyên mục", "Tin mới", *others]
    return Page("48-tandan-2013-vi", url, html, a.truth(), chrome, a.blocks)


# 6: mutations ----------------------------------------------------------------------------------------------
MUT_TITLE = "Tỉnh Nam Sơn đưa vào vận hành trung tâm điều hành đô thị thông minh"
MUT_LEAD = "Trung tâm giúp theo dõi giao thông, môi trường và phản ánh của người dân theo thời gian thực, rút ngắn thời gian xử lý các vụ việc."
MUT_CAPS = [
    "Màn hình giám sát tại trung tâm điều hành",
    "Cán bộ trực tiếp nhận phản ánh của người dân qua ứng dụng",
]
MUT_AUTHOR = "Phạm Quỳnh"
MUT_SOURCE = "Báo Nam Sơn điện tử"
MUT_RELATED = [
    "Ra mắt ứng dụng phản ánh hiện trường",
    "Lắp đặt thêm camera giao thông tại nút giao",
    "Đào tạo kỹ năng số cho công chức xã",
]


def mutation(k: int) -> Page:
    """One article, many markups. k selects the mutation; each keeps the same words."""
    rng = random.Random(f"mutation-{k}")
    version = 2013 if k % 2 == 1 else 2010
    host = "https://namson.example.gov.vn"
    url = f"{host}/tintuc/Pages/trung-tam-dieu-hanh-{k:02d}.aspx"
    a = Article(url, "generic")
    paras = paragraphs(random.Random("mutation-words"), 7)
    # class names: real-looking, renamed to nonsense, or removed
    names = {
        "wrap": "news-detail",
        "title": "news-title",
        "date": "news-date",
        "lead": "news-sapo",
        "body": "news-content",
        "author": "news-author",
    }
    if k in (1, 10):
        names = {
            "wrap": "x1",
            "title": "blk-a",
            "date": "x7",
            "lead": "blk-b",
            "body": "q9",
            "author": "z3",
        }
    no_class = k in (2, 11)

    def c(key: str) -> str:
        return "" if no_class else f' class="{names[key]}"'

    with_time = k in (3, 6, 9)
    if with_time:
        a.published, a.published_raw = "2022-11-03T15:30:00+07:00", "03/11/2022 15:30"
    else:
        a.published, a.published_raw = "2022-11-03", "03/11/2022"
    date_label = {0: "Ngày đăng: ", 3: "Cập nhật: ", 5: "", 6: "Thứ Năm, ", 9: "Gửi lúc: "}.get(
        k, "Ngày đăng: "
    )
    date_html = f"<div{c('date')}>{esc(date_label + a.published_raw)}</div>"
    if k == 9 or k == 10:
        a.view_count = 1204
        date_html = f"<div{c('date')}>{esc(date_label + a.published_raw)} | Lượt xem: 1.204</div>"
    # title shapes
    if k == 4:
        title_html = f'<p style="font-weight:bold;font-size:18px;">{esc(MUT_TITLE)}</p>'
    elif k == 5:
        title_html = ""
    else:
        title_html = f"<h1{c('title')}>{esc(MUT_TITLE)}</h1>"
    a.title = a.block("title", MUT_TITLE)
    a.summary = a.block("summary", MUT_LEAD)
    lead_html = f"<p{c('lead')}><strong>{esc(MUT_LEAD)}</strong></p>"
    body = []
    for i, t in enumerate(paras):
        body.append(f'<p style="text-align:justify">{esc(a.para(t))}</p>')
        if i == 1:
            src = a.image(
                f"/tintuc/PublishingImages/2022/Trung tam dieu hanh ({k}).jpg", MUT_CAPS[0]
            )
            body.append(
                f'<p style="text-align:center"><img src="{src}" alt="" width="600"/></p><p style="text-align:center"><em>{esc(MUT_CAPS[0])}</em></p>'
            )
        if i == 4:
            src = a.image(f"/tintuc/PublishingImages/2022/tiep-nhan-phan-anh-{k}.jpg", MUT_CAPS[1])
            body.append(
                f'<table align="center" cellpadding="0" cellspacing="0"><tr><td><img src="{src}" alt="" width="600"/></td></tr><tr><td style="text-align:center"><em>{esc(MUT_CAPS[1])}</em></td></tr></table>'
            )
    a.author = a.block("author", MUT_AUTHOR)
    a.source = MUT_SOURCE
    a.block("source", f"(Nguồn: {MUT_SOURCE})")
    body.append(
        f'<p style="text-align:right"{c("author")}><strong>{esc(MUT_AUTHOR)}</strong></p><p style="text-align:right"><em>(Nguồn: {esc(MUT_SOURCE)})</em></p>'
    )
    body_html = "\n".join(body)
    if k == 3 or k == 10:  # extra wrappers around the body
        body_html = f'<div><div class="inner"><table width="100%"><tr><td><div>{body_html}</div></td></tr></table></div></div>'
    if k == 7:
        body_html = f'<div class="ms-rtestate-field" id="ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField">{body_html}</div>'
    else:
        body_html = f"<div{c('body')}>{body_html}</div>"
    related = (
        "<div><b>Tin liên quan</b><ul>"
        + "".join(
            f'<li><a href="/tintuc/Pages/lq-{i}.aspx">{esc(t)}</a> (0{i + 1}/11/2022)</li>'
            for i, t in enumerate(MUT_RELATED)
        )
        + "</ul></div>"
    )
    tools = '<table width="100%"><tr><td><a href="javascript:window.print()">In trang</a> | <a href="javascript:history.back()">Trở về</a></td></tr></table>'
    extra_after = ""
    if k in (8, 10, 11):
        extra_after += related
    if k in (9, 11):
        extra_after += tools
    if k == 5:
        head = f'<table width="100%"><tr><td class="title-cell">{esc(MUT_TITLE)}</td></tr><tr><td>{date_html}</td></tr></table>'
    elif k in (6, 10):
        head = f"<span{c('date')}>{esc(date_label + a.published_raw)}</span>" + title_html
        if k == 10:
            head = f"<span{c('date')}>{esc(a.published_raw)} | Lượt xem: 1.204</span>" + title_html
    else:
        head = title_html + date_html
    article = f"<div{c('wrap')}>{head}{lead_html}{body_html}{extra_after}</div>"
    side_items = [
        "Công khai ngân sách quý III",
        "Kết quả giải quyết thủ tục hành chính",
        "Lịch tiếp công dân của lãnh đạo tỉnh",
    ]
    if version == 2013:
        side = side_list("Thông báo", side_items, "/thongbao/tb-", 2013, 8)
        main = f'<div id="contentBox"><table width="100%"><tr><td valign="top">{zone2013(3, "", article)}</td><td valign="top" width="260">{side}</td></tr></table></div>'
        html, chrome = seattle_shell("Cổng thông tin điện tử tỉnh Nam Sơn", main, rng, "vi")
    else:
        side = side_list("Thông báo", side_items, "/thongbao/tb-", 2010, 8)
        main = f'<table width="100%"><tr><td valign="top">{zone2010(3, "", article)}</td><td valign="top" width="260">{side}</td></tr></table>'
        html, chrome = v4_shell("Cổng thông tin điện tử tỉnh Nam Sơn", main, rng)
    chrome += [
        "Tin liên quan",
        "In trang",
        "Trở về",
        "Lượt xem",
        "Thông báo",
        *MUT_RELATED,
        *side_items,
    ]
    return Page(f"50-mutation-{k:02d}-{version}-vi", url, html, a.truth(), chrome, a.blocks)


MUTATIONS = {
    0: "baseline: h1.news-title, div.news-date 'Ngày đăng:', bold lead, div.news-content (2010 MSO_ContentTable)",
    1: "class names renamed to nonsense (x1, blk-a, q9) (2013)",
    2: "no class attributes at all (2010)",
    3: "extra wrapper div/table/div around the body; 'Cập nhật:' date with time (2013)",
    4: "title as p styled bold 18px instead of h1 (2010)",
    5: "title as td.title-cell in a layout table, date in the next row (2013)",
    6: "date span ('Thứ Năm, dd/MM/yyyy HH:mm') before the title (2010)",
    7: "body inside div.ms-rtestate-field (2013)",
    8: "related-news list with no class after the body (2010)",
    9: "view counter 'Lượt xem: 1.204' on the date line and a print/back link row (2013)",
    10: "nonsense classes + wrappers + date-and-counter span before title + related list (2010)",
    11: "no classes + related list + print/back row (2013)",
}


# 7: non-articles ---------------------------------------------------------------------------------------------
def na_lacviet_home() -> Page:
    rng = random.Random("na-lacviet-home")
    parts = []
    groups = [
        ("TIN TỨC - SỰ KIỆN", 8),
        ("THÔNG TIN CẦN BIẾT", 6),
        ("CHÍNH SÁCH MỚI", 5),
    ]
    for g, (head, count) in enumerate(groups):
        sents = rng.sample(SENTENCES, count + 2)
        feat_title = sents[0].rstrip(".")
        teaser = sents[1]
        items = "".join(
            f'<li><a href="/tin-tuc/Lists/Posts/Post.aspx?CategoryId={g + 1}&amp;ItemId={100 + g * 10 + i}">{esc(s.rstrip("."))}</a> <span class="ShowDate">({(i * 3) % 28 + 1:02d}/0{g + 4}/2019)</span></li>'
            for i, s in enumerate(sents[2:])
        )
        inner = (
            f'<div class="lv-news-block"><div class="lv-news-head"><a href="/tin-tuc/muc-{g}">{esc(head)}</a></div>'
            f'<div class="lv-news-featured"><a href="/tin-tuc/Lists/Posts/Post.aspx?CategoryId={g + 1}&amp;ItemId={99 + g}"><img src="/PublishingImages/tin-noi-bat-{g}.jpg" alt="" width="180"/></a>'
            f'<p class="Title"><a href="/tin-tuc/Lists/Posts/Post.aspx?CategoryId={g + 1}&amp;ItemId={99 + g}">{esc(feat_title)}</a></p><p class="lv-teaser">{esc(teaser)}</p></div>'
            f'<ul class="lv-news-list">{items}</ul></div>'
        )
        parts.append(
            zone2010(13 + g, "", inner).replace('class="s4-wpcell"', 'class="s4-wpcell-plain"')
        )
    html, chrome = lacviet_shell(SITE_SO, "\n".join(parts), rng)
    return Page("na-lacviet-home", SITE_SO.host + "/Pages/default.aspx", html, None, chrome)


def na_blog_allposts() -> Page:
    rng = random.Random("na-blog-allposts")
    rows = "".join(
        f'<tr class="{"ms-alternating " if i % 2 else ""}ms-itmhover"><td class="ms-vb-title"><div class="ms-vb itx"><a href="/so-ldtbxh/tin-tuc/Lists/Posts/Post.aspx?CategoryId=2&amp;ItemId={30 + i}" onfocus="OnLink(this)">{esc(s.rstrip("."))}</a></div></td>'
        f'<td class="ms-vb2"><nobr>Nguyễn Thị Hồng</nobr></td><td class="ms-vb2"><nobr>{(i * 5) % 28 + 1}/{(i % 9) + 1}/2022 9:{10 + i} SA</nobr></td><td class="ms-vb2">{i % 3}</td></tr>'
        for i, s in enumerate(rng.sample(SENTENCES, 12))
    )
    table = (
        '<table summary="Bài viết" class="ms-listviewtable" cellpadding="1" cellspacing="0" border="0" width="100%"><tr class="ms-viewheadertr">'
        '<th class="ms-vh2">Tiêu đề</th><th class="ms-vh2">Người tạo</th><th class="ms-vh2">Ngày đăng</th><th class="ms-vh2">Số bình luận</th></tr>'
        f"{rows}</table>"
        '<table class="ms-bottompaging"><tr><td class="ms-paging">1 - 12</td><td><a href="/so-ldtbxh/tin-tuc/Lists/Posts/AllPosts.aspx?Paged=TRUE&amp;p_ID=30&amp;PageFirstRow=13">Tiếp</a></td></tr></table>'
    )
    main = zone2010(3, "Bài viết", table)
    side = side_list(
        "Thể loại",
        ["Tin hoạt động", "Chính sách mới", "Hỏi đáp"],
        "/so-ldtbxh/tin-tuc/Lists/Categories/Category.aspx?CategoryId=",
        2010,
        5,
    )
    html, chrome = v4_shell("Bài viết - Tất cả bài viết", main, rng, side)
    return Page(
        "na-blog-allposts",
        "https://tinh.example.gov.vn/so-ldtbxh/tin-tuc/Lists/Posts/AllPosts.aspx?CategoryId=2",
        html,
        None,
        chrome,
    )


def na_pressrelease_listing() -> Page:
    rng = random.Random("na-pr-listing")
    titles = [
        "Thử nghiệm thành công thủ tục thông quan điện tử tại cảng Nam Sơn",
        "Công bố lịch điều chỉnh luồng tàu vào cảng trong mùa mưa bão",
        "Cảng vụ ký kết hợp tác với trường đại học hàng hải",
        "Sản lượng hàng hóa qua cảng tăng mạnh trong quý đầu năm",
        "Thông báo về việc nạo vét luồng hàng hải khu vực cửa sông",
        "Kết quả kiểm tra an toàn các phương tiện thủy nội địa",
        "Tổ chức diễn tập tìm kiếm cứu nạn trên biển",
    ]
    items = "".join(
        f'<div class="pr-item"><span class="pr-date">{(i * 4) % 28 + 1} tháng {12 - i} năm 2019</span><a href="/baochi/tcbc/Pages/2019-{12 - i:02d}-01.aspx">{esc(t)}</a><p>{esc(SENTENCES[i])}</p></div>'
        for i, t in enumerate(titles)
    )
    years = "".join(
        f'<option value="{y}"{" selected" if y == 2019 else ""}>{y}</option>'
        for y in range(2019, 2012, -1)
    )
    main = f"""{breadcrumb([("Trang chủ", "/Pages/default.aspx"), ("Báo chí", "/baochi/Pages/index.aspx")], "Thông cáo báo chí")}
<div class="dividerContainer genericPage"><div id="ct-txt" class="clearfix pr widthLimiter"><div id="col-mn" class="grid2_3 mainContent">
<h1>Thông cáo báo chí</h1><div class="pr-filter"><label>Lọc thông cáo theo năm</label> <select name="ctl00$PlaceHolderMain$ddlYear">{years}</select>
<label>Chủ đề</label> <select name="ctl00$PlaceHolderMain$ddlTopic"><option>Tất cả</option><option>An toàn hàng hải</option><option>Cảng biển</option></select></div>
<div class="pr-list">{items}</div></div></div></div>"""
    html, chrome = seattle_shell("Cảng vụ - Thông cáo báo chí", main, rng, "vi")
    return Page(
        "na-pressrelease-listing",
        "https://cangvu.example.gov.vn/baochi/tcbc/Pages/index.aspx?year=2019",
        html,
        None,
        [*chrome, "Lọc thông cáo theo năm"],
    )


def na_lacviet_calendar() -> Page:
    rng = random.Random("na-lacviet-calendar")
    head = "".join(f'<th class="ms-acal-month-weekday">{d}</th>' for d in WEEKDAYS)
    rows = ""
    for w in range(5):
        cells = ""
        for d in range(7):
            day = w * 7 + d + 1
            if day > 30:
                cells += '<td class="ms-acal-month-weekday"></td>'
                continue
            event = (
                f'<div class="ms-acal-item"><a href="/lich-cong-tac/Lists/LichCongTac/DispForm.aspx?ID={day}">8:00 - Giao ban tuần tại phòng họp số {d + 1}</a></div>'
                if day % 4 == 1
                else ""
            )
            cells += f'<td class="ms-acal-month-weekday"><div class="ms-acal-date">{day}</div>{event}</td>'
        rows += f"<tr>{cells}</tr>"
    nav = '<div class="ms-acal-header"><a href="/lich-cong-tac/Lists/LichCongTac/calendar.aspx?CalendarDate=5%2F1%2F2019">&lt; Tháng trước</a> <span class="ms-acal-display">Tháng 6 năm 2019</span> <a href="/lich-cong-tac/Lists/LichCongTac/calendar.aspx?CalendarDate=7%2F1%2F2019">Tháng sau &gt;</a></div>'
    inner = f'{nav}<table class="ms-acal-month" width="100%"><tr>{head}</tr>{rows}</table>'
    center = zone2010(13, "LỊCH CÔNG TÁC", inner).replace(
        'class="s4-wpcell"', 'class="s4-wpcell-plain"'
    )
    html, chrome = lacviet_shell(SITE_SO, center, rng)
    return Page(
        "na-lacviet-calendar",
        SITE_SO.host + "/lich-cong-tac/Lists/LichCongTac/calendar.aspx?CalendarDate=6%2F1%2F2019",
        html,
        None,
        chrome,
    )


# --- Build and write ----------------------------------------------------------------------------------------
PAGE_NOTES = {
    "40-lacviet-2010-vi-so": "Lạc Việt skin (a): FolderTitle empty, td.Time weekday+time, p.Title, bold lead, image table with centred caption row, layout table, centred by-line + office + 'Theo:' source, css_readCounter 13",
    "41-lacviet-2010-vi-huyen": "Lạc Việt skin (b): bare date, empty b.lv_description_mode1, ExternalClass with Liferay asset-content/sapo-wrapper/p.sapo, relative Vietnamese img src with a space, plain justified captions in next table row, 'Theo' right, 'Xem chi tiết Tại đây', TIN ĐÃ ĐƯA list inside the same outer table",
    "42-lacviet-2010-vi-thanhtra": "Lạc Việt skin (c): '(dd.MM.yyyy HH:mm)' date, stale header clock decoy, bold <p><strong> captions (one split in two), 'xem chi tiết tại đây', empty b#viewCounter",
    "43-pressrelease-2013-vi": "SP2013 publishing press release (vi): siteMapPath breadcrumb, p.pr-rel-numb, p#date 'Ngày:', h1 in span, homeImageLeft with display:none 'Home Image' label, translation PDFs, body without rtestate wrapper, contact block inside the last <p>, editors' notes",
    "44-pressrelease-2013-en": "SP2013 publishing press release (en): 'Press Release No.:', 'Date: d Month yyyy', contact block in its own <p>",
    "45-blogpost-2010-vi": "SP2010 blog post: ms-PostWrapper with date header, h2.ms-PostTitle, ms-PostBody > ExternalClass divs (bold lead div, centred italic caption div), ms-PostFooter 'Đăng lúc 9:20 SA bởi … | Thể loại: …', sidebar 'Các bài viết khác'",
    "46-blogpost-2013-vi": "SP2013 blog post (CSR DOM): ul.ms-blog-postList > h1 > a.ms-accentText, div.ms-metadata long date, div.ms-blog-postBody > ms-rtestate-field, 'bởi … lúc 14:35 trong <a#blgcat>' line, caption ending 'Ảnh: …'",
    "47-generic-2013-vi-chitiet": "custom web part with Vietnamese classes: div.chitiet-tin > h2.tieude, div.ngaydang, div.tomtat, div.noidung ('Ảnh:' credit captions), div.dinhkem (.pdf twice + .docx), 'Các tin khác'",
    "48-tandan-2013-vi": "Tân Dân: tandan-p-article-news-title/-date 'Đăng ngày dd/MM/yyyy HH:mm'/-summary/-content, centred italic caption, right bold author + '(Nguồn: …)', /portal/VanBan attachment, 'Tin cùng chuyên mục'",
    "na-lacviet-home": "not an article: Lạc Việt home, three web parts each with a featured item (image + teaser) and 4-8 dated links",
    "na-blog-allposts": "not an article: blog AllPosts.aspx list view table with pager",
    "na-pressrelease-listing": "not an article: press-release listing with year/topic filters",
    "na-lacviet-calendar": "not an article: Lạc Việt calendar month view with next/previous month links",
}


def build() -> list[Page]:
    pages = [
        lacviet_a(),
        lacviet_b(),
        lacviet_c(),
        press_release("vi"),
        press_release("en"),
        blog_2010(),
        blog_2013(),
        chitiet_tin(),
        tandan(),
    ]
    pages += [mutation(k) for k in MUTATIONS]
    pages += [
        na_lacviet_home(),
        na_blog_allposts(),
        na_pressrelease_listing(),
        na_lacviet_calendar(),
    ]
    from portal_archive_demo.golden import portals  # builds on this module's shells

    pages += portals.build()
    for page in pages:
        check(page)
    return pages


def check(page: Page) -> None:
    """Self-checks: truth is consistent with the page and chrome never occurs in truth text."""
    if page.truth is None:
        return
    t = page.truth
    texts = [t["title"], t["summary"], t["body_text"]]
    for phrase in page.chrome:
        for text in texts:
            assert clean(phrase).casefold() not in clean(text).casefold(), (page.name, phrase)
    visible = clean(lxml.html.fromstring(page.html).text_content())
    for role, text in page.blocks:
        assert clean(text) in visible, (page.name, role, text)
    bodies = t["body_text"].split("\n\n")
    assert len(set(bodies)) == len(bodies), page.name


def pages() -> list[tuple[str, bytes, dict[str, object]]]:
    """(name, page bytes, {"url", "article": generator truth | None}) for every page."""
    return [(p.name, p.html.encode("utf-8"), {"url": p.url, "article": p.truth}) for p in build()]
