# ruff: noqa: E501  (generated markup is written as long literal lines on purpose)
"""Golden corpus, part three: what a crawl of a whole portal meets besides its news (issue 19).

Document notices (a headline, a date, a line or two and the file), a body printed in headings,
`data:` and Word-pasted images, labelled by-lines and source lines, a photo credit as the
by-line, a blog's author in its header, an article in another web part, a title row with empty
date brackets, a sidebar box beside the text; and pages that are not articles: a home page with
one featured story, an introduction under visitor counters, a list of notices, a question form.
Our own words and markup on the shells of `shapes`; the truth rules are those of `shapes`, and
a notice's truth has `kind` "document" with its files as attachments.
"""

from __future__ import annotations

import random

from portal_archive_demo.common import esc, hexid
from portal_archive_demo.golden.shapes import (
    SITE_HUYEN,
    SITE_SO,
    SITE_THANHTRA,
    Article,
    Page,
    Site,
    breadcrumb,
    lacviet_shell,
    news_header,
    paragraphs,
    seattle_shell,
    sp,
    zone2010,
    zone2013,
)

RELATED = [
    ("Thông báo kết quả tiếp công dân định kỳ tháng Bảy", "12/08/2019"),
    ("Lịch tiếp công dân của lãnh đạo Ủy ban nhân dân huyện tháng Tám", "02/08/2019"),
    ("Thông báo chuyển đơn kiến nghị của công dân thôn Ea Rốk", "29/07/2019"),
    ("Kế hoạch kiểm tra công tác cải cách hành chính năm 2019", "22/07/2019"),
]


def _related(items: list[tuple[str, str]]) -> str:
    """Lạc Việt's "TIN ĐÃ ĐƯA" part under the news detail."""
    rows = "".join(
        f'<li><a href="/thong-bao-{i}/">{esc(t)}</a><span class="ShowDate">({d})</span></li>'
        for i, (t, d) in enumerate(items)
    )
    return (
        '<div id="part2"><table class="tbtinkhac"><tr><td class="OtherTitle"><p class="OtherTitle">TIN ĐÃ ĐƯA</p></td></tr></table>'
        f'<table><tr><td class="Other"><ul>{rows}</ul></td></tr></table>'
        '<div class="css_Xemtiep"><a href="#"><img src="/_layouts/LacVietBio/eofficeimg/news/xemtiep.gif" alt=""/></a></div></div>'
    )


def _detail(a: Article, folder: str, time: str, inner: str, rng: random.Random) -> str:
    """The Krông Nô-like news detail: header row, p.Title, the pasted body, the related part."""
    return f"""{news_header(folder, time)}
<div id="part1"><table id="tableforprint" width="100%"><tr><td style="text-align: center"><p class="Title">{esc(a.title)}</p></td></tr>
<tr><td><b class="lv_description_mode1 allowMenu"></b></td></tr>
<tr><td><div class="ExternalClass{hexid(rng)}"><div class="journal-content-article">
{inner}
</div></div></td></tr></table>
{_related(RELATED)}</div>"""


_RELATED_CHROME = ["TIN ĐÃ ĐƯA", *(t for t, _ in RELATED)]


def _begin(
    seed: str, url: str, family: str, title: str, when: tuple[str, str], category: str = ""
) -> tuple[random.Random, Article]:
    """A page's random source and its article's truth, headline and date set."""
    a = Article(url, family)
    a.title = a.block("title", title)
    a.published, a.published_raw = when
    a.category = category
    return random.Random(seed), a


def _lacviet_page(
    name: str,
    url: str,
    site: Site,
    center: str,
    rng: random.Random,
    a: Article,
    more_chrome: list[str] | None = None,
) -> Page:
    html, chrome = lacviet_shell(site, center, rng)
    return Page(name, url, html, a.truth(), [*chrome, *(more_chrome or [])], a.blocks)


def _so_detail(a: Article, after_title: str) -> str:
    """The Sở-like news detail: header row, p.Title in the print table, then `after_title`."""
    return (
        news_header("", a.published_raw)
        + '<div id="part1"><table id="tableforprint" width="100%"><tr><td>'
        f'<p class="Title allowMenuPost">{esc(a.title)}</p></td></tr></table><br/>'
        f"{after_title}</div>"
    )


# 60: a document notice: a line of text and the file behind "Xem chi tiết Tại đây" ----------------
def notice_with_line() -> Page:
    url = SITE_HUYEN.host + "/thong-bao-lich-tiep-cong-dan-thang-8/"
    rng, a = _begin(
        "60-notice",
        url,
        "lacviet",
        "Thông báo kế hoạch tiếp dân định kỳ của Chủ tịch UBND huyện tháng 8 năm 2019",
        ("2019-08-05", "05/08/2019"),
        "Thông báo",
    )
    a.kind = "document"
    line = a.para(
        "Ủy ban nhân dân huyện Ea Hlai thông báo kế hoạch tiếp dân định kỳ trong tháng 8 năm 2019 như sau:"
    )
    href = a.attach("/img/TB 112-UBND lịch tiếp dân.pdf", "Tại đây")
    inner = f'<p>{esc(line)}</p>\n<p>Xem chi tiết <a href="{esc(href)}">Tại đây</a></p>'
    html, chrome = lacviet_shell(
        SITE_HUYEN, _detail(a, a.category, a.published_raw, inner, rng), rng
    )
    chrome += [*_RELATED_CHROME, "Xem chi tiết"]
    return Page("60-lacviet-2010-vi-notice", url, html, a.truth(), chrome, a.blocks)


# 61: a document notice that is only its file, in the template's "tải file đính kèm" slot ---------
def notice_file_only() -> Page:
    url = SITE_SO.host + "/quyet-dinh-cong-bo-thu-tuc-hanh-chinh-linh-vuc-viec-lam/"
    rng, a = _begin(
        "61-notice",
        url,
        "lacviet",
        "Quyết định công bố thủ tục hành chính lĩnh vực việc làm thuộc thẩm quyền của Sở",
        ("2019-07-18T15:40:00+07:00", "thứ năm, Ngày 18/07/2019, 15:40"),
    )
    a.kind = "document"
    a.view_count = 27
    href = a.attach("/VanBan/QD 415-SLDTBXH.doc", "Tại đây")
    center = _so_detail(
        a,
        '<span class="css_readCounter">Số lượt người xem: 27</span>'
        f'<span class="css_printandback"> <span>tải file đính kèm<a href="{esc(href)}">Tại đây</a></span> '
        '<a class="print" href="javascript: popuponclick()">Bản in</a><span> | <a class="return" href="JavaScript:history.back()">Quay lại</a></span></span>',
    )
    return _lacviet_page("61-lacviet-2010-vi-notice-file", url, SITE_SO, center, rng, a)


# 62: the whole body printed in headings (a pasted text kept its heading style) ----------------------
def heading_body() -> Page:
    url = SITE_THANHTRA.host + "/thanh-tra-huyen-kiem-tra-cong-tac-tiep-dan/"
    rng, a = _begin(
        "62-heading-body",
        url,
        "lacviet",
        "Thanh tra tỉnh kiểm tra công tác tiếp công dân tại huyện Ea Hlai",
        ("2019-05-21T09:05:00+07:00", "(21.05.2019 09:05)"),
        "Tin hoạt động ngành",
    )
    ps = paragraphs(rng, 4)
    inner = "\n".join(f'<h3 style="text-align: justify;">{sp(esc(a.para(t)))}</h3>' for t in ps)
    center = f"""{news_header(a.category, a.published_raw)}
<div id="part1"><table id="tableforprint" width="100%"><tr><td><p class="Title" style="text-align:center">{esc(a.title)}</p></td></tr>
<tr><td><b class="lv_description_mode1 allowMenu"></b></td></tr>
<tr><td><div class="ExternalClass{hexid(rng)}"><div>
{inner}
</div></div></td></tr></table><br/>
<span class="css_readCounter">Số lượt người xem : <b id="viewCounter"></b></span>
<span class="css_printandback"><a class="print" href="javascript: popuponclick()">Bản in</a></span></div>"""
    html, chrome = lacviet_shell(SITE_THANHTRA, center, rng)
    chrome = [c for c in chrome if c != "Quay lại"]
    return Page("62-lacviet-2010-vi-heading-body", url, html, a.truth(), chrome, a.blocks)


# 63: a `data:` image with its caption, and a Word paste's image on the author's disk --------------
DATA_PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFklEQVR42mP8z8Dw"
    "n4EIwDiqkL4KAQCZ6AgM2y1jmwAAAABJRU5ErkJggg=="
)


def pasted_images() -> Page:
    url = SITE_HUYEN.host + "/ea-hlai-trao-nha-tinh-nghia-cho-gia-dinh-chinh-sach/"
    rng, a = _begin(
        "63-images",
        url,
        "lacviet",
        "Ea Hlai trao nhà tình nghĩa cho gia đình chính sách ở xã Ea Rốk",
        ("2019-07-27", "27/07/2019"),
        "Văn hóa xã hội",
    )
    ps = paragraphs(rng, 5)
    cap = "Lãnh đạo huyện trao quyết định bàn giao nhà tình nghĩa cho gia đình bà Lê Thị Hoa"
    word_src = "file:///C:/Users/VanPhong/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg"
    parts = [
        f'<p style="text-align:justify">{esc(a.para(ps[0]))}</p>',
        f'<p style="text-align:center"><img alt="" src="{a.image(DATA_PNG, cap)}" style="width:500px"/></p>',
        f'<p style="text-align:center"><em>{esc(cap)}</em></p>',
        f'<p style="text-align:justify">{esc(a.para(ps[1]))}</p>',
        f'<p class="MsoNormal"><span style="font-size:13pt"><img width="480" height="320" src="{word_src}" v:shapes="Picture_x0020_1"/></span></p>',
        *(f'<p class="MsoNormal" style="text-align:justify">{esc(a.para(t))}</p>' for t in ps[2:]),
    ]
    return _lacviet_page(
        "63-lacviet-2010-vi-images",
        url,
        SITE_HUYEN,
        _detail(a, a.category, a.published_raw, "\n".join(parts), rng),
        rng,
        a,
        [*_RELATED_CHROME],
    )


# 64: labelled by-line and source lines: "Người viết tin: …", "Nguồn tin: …" -----------------------
def labelled_lines() -> Page:
    url = SITE_SO.host + "/tap-huan-nghiep-vu-bao-tro-xa-hoi-cap-xa/"
    rng, a = _begin(
        "64-bylines",
        url,
        "lacviet",
        "Tập huấn nghiệp vụ bảo trợ xã hội cho cán bộ cấp xã năm 2019",
        ("2019-06-20T08:30:00+07:00", "thứ năm, Ngày 20/06/2019, 08:30"),
    )
    a.view_count = 41
    a.author = "Phạm Thị Lan"
    a.source = "Báo Nam Sơn điện tử"
    ps = paragraphs(rng, 5)
    body = "".join(f'<p style="text-align:justify;">{sp(esc(a.para(t)))}</p>\n' for t in ps)
    a.block("author", f"Người viết tin: {a.author}")
    a.block("source", f"Nguồn tin: {a.source}")
    center = _so_detail(
        a,
        f"{body}"
        f'<p style="text-align: right;">{sp(f"<strong>Người viết tin: {esc(a.author)}</strong>")}</p>'
        f'<p style="text-align: right;">&nbsp; &nbsp; &nbsp;Nguồn tin: {esc(a.source)}</p>'
        '<span class="css_readCounter">Số lượt người xem: 41</span>'
        '<span class="css_printandback"><a class="print" href="javascript: popuponclick()">Bản in</a></span>',
    )
    return _lacviet_page("64-lacviet-2010-vi-bylines", url, SITE_SO, center, rng, a)


# 65: a photo-and-text credit without a colon is the by-line; "Theo …" the source ------------------
def photo_credit() -> Page:
    url = SITE_HUYEN.host + "/nong-dan-ea-hlai-thu-hoach-ca-phe-dung-ky/"
    rng, a = _begin(
        "65-credit",
        url,
        "lacviet",
        "Nông dân Ea Hlai thu hoạch cà phê đúng độ chín để giữ giá",
        ("2019-10-14", "14/10/2019"),
        "Kinh tế",
    )
    a.author = "Hoàng Minh Đức"
    a.source = "baonamson.example.vn"
    ps = paragraphs(rng, 4)
    a.block("author", f"Tin ảnh {a.author}")
    a.block("source", f"Theo {a.source}")
    inner = "\n".join(
        [
            *(f'<p style="text-align:justify">{esc(a.para(t))}</p>' for t in ps),
            f'<p style="text-align:right"><em>Tin ảnh {esc(a.author)}</em></p>',
            f'<p style="text-align:right">Theo {esc(a.source)}</p>',
        ]
    )
    return _lacviet_page(
        "65-lacviet-2010-vi-credit",
        url,
        SITE_HUYEN,
        _detail(a, a.category, a.published_raw, inner, rng),
        rng,
        a,
        [*_RELATED_CHROME],
    )


# 66: a blog's author named once, in the blog's header over the post (SharePoint 2013) -------------
def blog_header_author() -> Page:
    host = "https://cangvu.example.gov.vn"
    url = host + "/baochi/blog-giam-doc/Pages/BaiViet.aspx?ID=12"
    rng, a = _begin(
        "66-blog-header",
        url,
        "generic",
        "Vì sao cảng cần thêm một bến cho tàu khách",
        ("2021-03-12", "12 tháng 3 năm 2021"),
        "Blog của Giám đốc",
    )
    a.author = "Lê Minh Tuấn"
    ps = paragraphs(rng, 6)
    blurb = "".join(f"<div>{esc(a.para(t))}</div>" for t in ps)
    post = (
        f'<img src="/baochi/blog-giam-doc/Lists/Photos/ben-tau-khach.jpg" alt="" width="20" height="20"/>'
        f'<div class="extraInfo"><span class="blogCat">Ý tưởng</span> <span class="blogDate">{esc(a.published_raw)}</span></div>'
        f'<h1>{esc(a.title)}</h1><div class="blurb">{blurb}</div>'
    )
    main = f"""{breadcrumb([("Trang chủ", "/"), ("Báo chí", "/baochi")], a.category)}
<div class="dividerContainer blogHeader"><div class="widthLimiter"><div class="blogInfo"><h1 class="author">{esc(a.author)}</h1><h1>Blog</h1></div></div></div>
<div class="dividerContainer genericPage blog"><div class="widthLimiter"><div class="grid3_4"><h1>Blog</h1>{zone2013(3, "", post)}</div></div></div>"""
    html, chrome = seattle_shell("Cảng vụ - Blog", main, rng, "vi")
    return Page("66-generic-2013-vi-blogheader", url, html, a.truth(), chrome, a.blocks)


# 67/68: an article in another of the portal's web parts, no news-detail markup ---------------------
def other_webpart(empty_brackets: bool) -> Page:
    name = "68-generic-2010-vi-brackets" if empty_brackets else "67-generic-2010-vi-webpart"
    rng = random.Random(name)
    url = SITE_THANHTRA.host + (
        "/ket-luan-thanh-tra-cong-vu/" if empty_brackets else "/gioi-thieu-van-ban-moi/"
    )
    a = Article(url, "generic")
    a.title = a.block(
        "title",
        "Kết luận thanh tra việc chấp hành pháp luật về công vụ tại Sở Xây dựng"
        if empty_brackets
        else "Giới thiệu Luật Tố cáo năm 2018 đến cán bộ, công chức toàn ngành",
    )
    a.published, a.published_raw = (
        ("2019-09-03", "03/09/2019") if empty_brackets else ("2019-04-16", "16/04/2019")
    )
    ps = paragraphs(rng, 5)
    brackets = ' <span class="lv-ngay">( )</span>' if empty_brackets else ""
    body = "".join(f"<p>{esc(a.para(t))}</p>" for t in ps)
    inner = (
        f'<div class="lv-tinbai"><div class="lv-tinbai-tieude">{esc(a.title)}{brackets}</div>'
        f'<div class="lv-tinbai-ngay">Cập nhật: {a.published_raw}</div>'
        f'<div class="lv-tinbai-noidung">{body}</div></div>'
    )
    center = zone2010(14, "", inner)
    return _lacviet_page(name, url, SITE_THANHTRA, center, rng, a, ["( )"])


# 69: a sidebar box of links between the headline and the text -------------------------------------
SIDEBOX = [
    "Hướng dẫn thực hiện quy chế dân chủ ở cơ sở",
    "Quy định mới về xử lý đơn thư nặc danh",
    "Những điểm mới của luật khiếu nại",
]


def sidebox() -> Page:
    url = SITE_THANHTRA.host + "/ra-mat-to-tiep-dan-luu-dong/"
    rng, a = _begin(
        "69-sidebox",
        url,
        "generic",
        "Ra mắt tổ tiếp dân lưu động tại các xã vùng sâu",
        ("2019-11-02", "02/11/2019"),
    )
    ps = paragraphs(rng, 5)
    box = "".join(
        f'<li><a href="/tin-chuyen-nganh/{i}">{esc(t)}</a></li>' for i, t in enumerate(SIDEBOX)
    )
    inner = (
        f'<div class="bai-viet"><p><strong>{esc(a.title)}</strong></p><p class="ngay">{a.published_raw}</p>'
        f'<div class="hop-phai" style="float:right;width:200px"><h3>Tin chuyên ngành</h3><ul>{box}</ul></div>'
        + "".join(f"<p>{esc(a.para(t))}</p>" for t in ps)
        + "</div>"
    )
    html, chrome = lacviet_shell(SITE_THANHTRA, zone2010(14, "", inner), rng)
    return Page(
        "69-generic-2010-vi-sidebox",
        url,
        html,
        a.truth(),
        [*chrome, "Tin chuyên ngành", *SIDEBOX],
        a.blocks,
    )


# --- Not articles ------------------------------------------------------------------------------------
def na_featured_home() -> Page:
    """A home page led by one featured story: its linked headline, date, teaser and picture."""
    rng = random.Random("na-featured-home")
    sents = paragraphs(rng, 9)
    feature = (
        '<div class="lv-noibat"><a href="/khoi-cong-cau-ea-hlai/"><img src="/PublishingImages/noibat.jpg" alt="" width="300"/></a>'
        '<h2><a href="/khoi-cong-cau-ea-hlai/">Khởi công xây dựng cầu qua sông Ea Hlai nối hai xã vùng sâu</a></h2>'
        f'<span class="ngay">(18/09/2019)</span><p>{esc(sents[0])} {esc(sents[1])}</p></div>'
    )
    items = "".join(
        f'<li><a href="/tin-{i}/">{esc(s.split(".")[0])}</a> <span class="ShowDate">({i + 3:02d}/09/2019)</span></li>'
        for i, s in enumerate(sents[2:])
    )
    center = zone2010(13, "", feature) + zone2010(15, "", f'<ul class="lv-news-list">{items}</ul>')
    html, chrome = lacviet_shell(SITE_HUYEN, center, rng)
    return Page("na-lacviet-featured-home", SITE_HUYEN.host + "/", html, None, chrome)


def na_counter_intro() -> Page:
    """A section's introduction under the visitor counters: its heading is a menu item."""
    rng = random.Random("na-counter-intro")
    text = "".join(f"<p>{esc(t)}</p>" for t in paragraphs(rng, 6))
    center = zone2010(13, "", f'<div class="gtc-pad"><p>Chức năng nhiệm vụ</p>{text}</div>')
    html, chrome = lacviet_shell(SITE_SO, center, rng)
    return Page(
        "na-lacviet-counter-intro", SITE_SO.host + "/chuc-nang-nhiem-vu/", html, None, chrome
    )


def na_notice_listing() -> Page:
    """A list of notices titled by its first item, each dated, with an empty teaser cell."""
    rng = random.Random("na-notice-listing")
    rows = "".join(
        f'<tr><td class="TitleFront"><a href="/thong-bao-{i}/">{esc(t)}</a><span class="ShowDate">({d})</span></td></tr>'
        f'<tr><td class="tinHT"><div class="ContentText"></div></td></tr>'
        for i, (t, d) in enumerate(RELATED)
    )
    inner = (
        '<div class="container_top_left1"><div class="div_header_style1"><a class="a_header_style1" href="">THÔNG BÁO</a></div>'
        f'<table width="100%">{rows}</table><ul class="pagination"><li><a href="?Page=2">2</a></li></ul></div>'
    )
    html, chrome = lacviet_shell(SITE_HUYEN, zone2010(13, "", inner), rng)
    return Page("na-lacviet-notice-listing", SITE_HUYEN.host + "/thong-bao/", html, None, chrome)


def na_question_form() -> Page:
    """Questions and answers under a search form and a question form."""
    rng = random.Random("na-qa")
    qa = "".join(
        f'<div class="hoidap-item"><p class="cauhoi"><strong>{esc(q)}</strong></p><p>Người gửi: {esc(who)} ({d})</p>'
        f"<p>Nội dung: {esc(ask)}</p><p>Trả lời: {esc(answer)}</p></div>"
        for q, who, d, ask, answer in zip(
            ["Chế độ trợ cấp cho người khuyết tật nặng", "Thủ tục cấp lại thẻ bảo hiểm y tế"],
            ["Nguyễn Văn Bảy", "Trần Thị Tám"],
            ["03/05/2019", "11/06/2019"],
            paragraphs(rng, 2),
            paragraphs(rng, 2),
            strict=True,
        )
    )
    form = (
        '<div class="hoidap-tim"><span>Tìm theo</span> <select name="linhvuc"><option>Tất cả lĩnh vực</option></select> '
        '<input type="text" name="tukhoa" value=""/> <input type="submit" value="Tìm"/></div>'
        '<div class="hoidap-gui"><p>Gửi câu hỏi</p><input type="text" name="hoten"/><textarea name="noidung"></textarea></div>'
    )
    html, chrome = lacviet_shell(SITE_SO, zone2010(13, "", form + qa), rng)
    return Page("na-lacviet-questions", SITE_SO.host + "/hoi-dap/", html, None, chrome)


NOTES = {
    "60-lacviet-2010-vi-notice": "document notice: p.Title, a line, 'Xem chi tiết <a>Tại đây</a>' to a PDF with a space in its name, TIN ĐÃ ĐƯA",
    "61-lacviet-2010-vi-notice-file": "document notice that is only its file: empty body, the .doc in the tool row's 'tải file đính kèm' slot",
    "62-lacviet-2010-vi-heading-body": "every body paragraph an h3 with CKEditor spans",
    "63-lacviet-2010-vi-images": "a data: PNG with a centred italic caption; a Word paste's file:///C: image (never requestable) with v:shapes",
    "64-lacviet-2010-vi-bylines": "right-aligned 'Người viết tin:' by-line and 'Nguồn tin:' source line",
    "65-lacviet-2010-vi-credit": "'Tin ảnh <name>' (no colon) as the by-line, 'Theo <site>' as the source",
    "66-generic-2013-vi-blogheader": "2013 blog: the author in the blog header's h1.author, the post's date in span.blogDate",
    "67-generic-2010-vi-webpart": "article in another web part (lv-tinbai): title div, 'Cập nhật:' date, body div",
    "68-generic-2010-vi-brackets": "the same web part with the template's empty date brackets '( )' after the title",
    "69-generic-2010-vi-sidebox": "bold headline, date, then a floated 'Tin chuyên ngành' h3 box of links before the text",
    "na-lacviet-featured-home": "not an article: a home page led by one featured story (linked h2, date, teaser)",
    "na-lacviet-counter-intro": "not an article: an introduction whose heading is a menu item, under visitor counters",
    "na-lacviet-notice-listing": "not an article: a list of dated notices with empty teaser cells",
    "na-lacviet-questions": "not an article: questions and answers under a search form and a question form",
}


def build() -> list[Page]:
    return [
        notice_with_line(),
        notice_file_only(),
        heading_body(),
        pasted_images(),
        labelled_lines(),
        photo_credit(),
        blog_header_author(),
        other_webpart(False),
        other_webpart(True),
        sidebox(),
        na_featured_home(),
        na_counter_intro(),
        na_notice_listing(),
        na_question_form(),
    ]


__all__ = ["NOTES", "build"]
