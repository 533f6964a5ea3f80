"""Article markup of each portal family (see docs/extraction.md), and the "changed" redesign.

Every function returns the main-content HTML (what sits inside `#DeltaPlaceHolderMain` or
`#MSO_ContentTable`); the chrome is added by `portal_archive_demo.chrome`.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from datetime import timedelta
from html import escape as html_escape
from html.entities import codepoint2name

from portal_archive_demo import phrases as ph
from portal_archive_demo import urls
from portal_archive_demo.common import esc
from portal_archive_demo.data import ArticleData, ImageRef, older_of_family, published_at, title_of

# Word turns these into named entities; đ/Đ have no name and come out as numeric references.
_ENTITY_TABLE = {cp: f"&{name};" for cp, name in codepoint2name.items() if cp > 0xBF}
_ENTITY_TABLE.update({0x111: "&#273;", 0x110: "&#272;"})
_WORD_P = (
    '<p class="MsoNormal" style="margin-bottom:6.0pt;text-align:justify;text-indent:36.0pt;'
    'line-height:normal"><span lang="VI" style="font-size:14.0pt;font-family:&quot;Times New '
    'Roman&quot;,serif;mso-fareast-font-family:&quot;Times New Roman&quot;">{}<o:p></o:p>'
    "</span></p>"
)
_WORD_BLANK = '<p class="MsoNormal"><span style="mso-spacerun:yes"><o:p>&nbsp;</o:p></span></p>'
GUID = "3f1c9a2e_8b47_4d05_a6e1_9c2b7d4f0e18"


def _text(data: ArticleData, text: str) -> str:
    """Escape text the way this article's page does (Word entities, sometimes NFD)."""
    out = html_escape(text, quote=False)
    if data.nfd:
        out = unicodedata.normalize("NFD", out)
    if data.word_paste:
        out = unicodedata.normalize("NFC", out).translate(_ENTITY_TABLE)
        out = out.replace(". ", ".&nbsp; ")
    return out


def img_src(data: ArticleData, image: ImageRef) -> str:
    """Root-relative src; publishing pages use a relative `../PublishingImages/` on even ids."""
    encoded = urls.encode_path(image.path)
    if data.family in ("publishing", "pressrelease") and data.index % 2 == 0:
        return "../" + encoded.split("/", 2)[2]
    return encoded


def _img_tag(data: ArticleData, image: ImageRef) -> str:
    return (
        f'<img alt="{esc(image.alt)}" src="{img_src(data, image)}" '
        'style="width: 500px; height: 333px;" />'
    )


def image_block(data: ArticleData, image: ImageRef) -> str:
    tag = _img_tag(data, image)
    caption = _text(data, image.caption)
    if image.style == "table":
        return (
            '<table align="center" border="0" cellpadding="3" cellspacing="0" class="image-table">'
            f'<tbody><tr><td>{tag}</td></tr><tr><td style="text-align: center;"><em>{caption}'
            "</em></td></tr></tbody></table>"
        )
    out = f'<p style="text-align: center;">{tag}</p>'
    if image.style == "em":
        out += f'<p style="text-align: center;"><em>{caption}</em></p>'
    elif image.style == "credit":  # a plain paragraph: only its "Ảnh: ..." credit tells
        out += f'<p style="text-align: center;">{caption}</p>'
    return out


def attachment_link(data: ArticleData) -> str:
    assert data.attachment is not None
    href = urls.encode_path(data.attachment.path)
    return f'<a href="{href}">{esc(data.attachment.title)}</a>'


def attachment_paragraph_text(data: ArticleData) -> str:
    assert data.attachment is not None
    return f"Xem chi tiết văn bản tại đây: {data.attachment.title}"


def body_html(data: ArticleData, inline_attachment: bool) -> str:
    """Paragraphs with images after their slots; the attachment link as a last paragraph."""
    after = {slot: image for slot, image in data.images}
    wrap = _WORD_P if data.word_paste else '<p style="text-align: justify;">{}</p>'
    out = []
    for n, paragraph in enumerate(data.paragraphs):
        out.append(wrap.format(_text(data, paragraph)))
        if data.word_paste and n % 2 == 0:
            out.append(_WORD_BLANK)
        if n in after:
            out.append(image_block(data, after[n]))
    if inline_attachment and data.attachment:
        out.append(f"<p>Xem chi tiết văn bản tại đây: {attachment_link(data)}</p>")
    return "\n".join(out)


def _related(
    seed: int,
    data: ArticleData,
    href: Callable[[int], str],
    heading: str,
    css: str = "other-news",
) -> str:
    items = "".join(
        f'<li><a href="{href(i)}">{esc(title_of(seed, i))}</a> '
        f'<span class="date">({_short_date(i)})</span></li>'
        for i in older_of_family(data.index, 5)
    )
    return f'<div class="{css}"><h3>{heading}</h3><ul>{items}</ul></div>' if items else ""


def _short_date(index: int) -> str:
    return published_at(index).strftime("%d/%m/%Y")


def _webpart(title: str, body: str, wpq: str = f"ctl00_ctl40_g_{GUID}") -> str:
    return (
        '<div class="ms-webpart-zone ms-fullWidth"><div class="s4-wpcell-plain ms-webpartzone-cell'
        ' ms-webpart-cell-vertical ms-fullWidth"><div class="ms-webpart-chrome ms-webpart-chrome-'
        'vertical ms-webpart-chrome-fullWidth"><div class="ms-webpart-chrome-title"><span title="'
        f'{esc(title)}" class="js-webpart-titleCell"><h2 style="text-align:justify;" '
        f'class="ms-webpart-titleText"><nobr><span>{esc(title)}</span></nobr></h2></span>'
        f'</div><div class="ms-WPBody noindex" id="WebPart{wpq}">{body}</div></div></div></div>'
    )


def publishing(seed: int, data: ArticleData) -> str:
    date_line = "" if data.date_style == "lead" else data.published_raw
    lead = ""
    if data.lead_image:
        img = data.lead_image
        lead = (
            f'<div class="captioned-image"><div class="image">{_img_tag(data, img)}</div>'
            f'<div class="caption">{esc(img.caption)}</div></div>'
        )
    related = _related(
        seed, data, lambda i: urls.article_path(seed, i).rsplit("/", 1)[1], "Tin cùng chuyên mục"
    )
    return (
        f'<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="'
        f'{urls.PUBLISHING_LISTING}">{data.category}</a></div>'
        '<div class="article article-left"><div class="article-header">'
        f'<h1 class="article-title ms-rteElement-H1">{esc(data.title)}</h1>'
        f'<div class="date-line">{date_line}</div>'
        f'<div class="by-line">{esc(data.author)}</div></div>{lead}'
        '<div class="article-content"><div id="ctl00_PlaceHolderMain_ctl03__ControlWrapper_Rich'
        'HtmlField" class="ms-rtestate-field" style="display:inline" aria-labelledby="ctl00_Place'
        f'HolderMain_ctl03_label">{body_html(data, True)}</div></div></div>'
        + _webpart("Tin cùng chuyên mục", related, "WPQ4")
    )


def _views(n: int | None) -> str:
    return "" if n is None else f"Lượt xem: {n:,}".replace(",", ".")


def _author_line(data: ArticleData) -> str:
    glued = "" if data.glued_count is None else str(data.glued_count)
    line = f"<strong>{esc(data.author)}</strong>{glued}" if data.author else ""
    if not data.source:
        return f'<p style="text-align: right;">{line}</p>' if line else ""
    source = f"(Nguồn: {esc(data.source)})"
    if data.index % 2:
        return f'<p style="text-align: right;">{line} {source}</p>'
    return f'<p style="text-align: right;">{line}</p><p style="text-align: right;">{source}</p>'


def newswebpart(seed: int, data: ArticleData) -> str:
    date_part = "" if data.date_style == "lead" else f"Ngày đăng: {data.published_raw}"
    views = _views(data.view_count)
    sep = " | " if date_part and views else ""
    related = _related(
        seed, data, lambda i: f"../../Trang/ChiTietTinTuc.aspx?nid={i}", "Các tin khác"
    )
    body = (
        f'<div class="news-detail"><h1 class="news-title">{esc(data.title)}</h1>'
        f'<div class="news-date"><span class="date">{date_part}</span>{sep}'
        f'<span class="views">{views}</span></div>'
        f'<div class="news-sapo"><strong>{_text(data, data.summary)}</strong></div>'
        f'<div class="news-content">{body_html(data, True)}{_author_line(data)}</div>'
        f"{related}</div>"
    )
    return _webpart(data.category, body)


def _form_row(label: str, internal: str, kind: str, value: str) -> str:
    return (
        '<tr><td nowrap="true" valign="top" width="190px" class="ms-formlabel"><h3 class="ms-'
        f'standardheader"><a name="SPBookmark_{internal}"></a>{label}</h3></td><td valign="top" '
        f'class="ms-formbody" width="400px"><!-- FieldName="{label}" FieldInternalName="{internal}"'
        f' FieldType="{kind}" -->\n{value}</td></tr>'
    )


def dispform(seed: int, data: ArticleData) -> str:
    rows = [
        _form_row("Tiêu đề", "Title", "SPFieldText", esc(data.title)),
        _form_row("Ngày đăng", "NgayDang", "SPFieldDateTime", data.published_raw),
        _form_row("Chuyên mục", "ChuyenMuc", "SPFieldChoice", data.category),
        _form_row("Tóm tắt", "TomTat", "SPFieldNote", _text(data, data.summary)),
        _form_row(
            "Nội dung",
            "NoiDung",
            "SPFieldNote",
            f'<div class="ms-rtestate-field">{body_html(data, False)}</div>',
        ),
        _form_row("Tác giả", "TacGia", "SPFieldText", esc(data.author)),
    ]
    if data.attachment:
        rows.append(
            '<tr id="idAttachmentsRow"><td nowrap="true" valign="top" class="ms-formlabel" '
            'width="20%"><h3 class="ms-standardheader">Tệp đính kèm</h3></td><td valign="top" '
            'class="ms-formbody" width="80%"><table border="0" cellpadding="0" cellspacing="0" '
            f'id="idAttachmentsTable"><tr><td class="ms-vb">{attachment_link(data)}</td></tr>'
            "</table></td></tr>"
        )
    created = data.published.strftime("%d/%m/%Y %H:%M")
    modified = (data.published + timedelta(hours=data.version)).strftime("%d/%m/%Y %H:%M")
    source = "%2Fdongtram%2FLists%2FTinTuc%2FAllItems.aspx"
    return (
        '<div id="WebPartWPQ2" class="ms-WPBody" width="100%"><table class="ms-toolbar" '
        'cellpadding="2" cellspacing="0" border="0" width="100%"><tr><td class="ms-toolbar">'
        '<a href="AllItems.aspx">Đóng</a> | '
        '<a href="/_layouts/SubNew.aspx?List=%7B8C3A6B2E%7D&amp;'
        f'ID={data.index}&amp;Source={source}">Thông báo cho tôi</a></td></tr></table>'
        '<table class="ms-formtable" style="margin-top: 8px;" border="0" cellpadding="0" '
        f'cellspacing="0" width="100%">{"".join(rows)}</table>'
        '<table class="ms-formtoolbar" cellpadding="2" cellspacing="0" border="0" width="100%">'
        f'<tr><td class="ms-descriptiontext" nowrap="nowrap">Được tạo lúc {created} bởi Quản trị '
        f"hệ thống<br/>Sửa đổi lần cuối lúc {modified} bởi Quản trị hệ thống</td></tr></table>"
        "</div>"
    )


def itemid(seed: int, data: ArticleData) -> str:
    views = _views(data.view_count)
    related = _related(seed, data, lambda i: f"?ItemID={i}", "Tin liên quan")
    attach = ""
    if data.attachment:
        attach = f'<div class="attach-detail">Tệp đính kèm: {attachment_link(data)}</div>'
    body = (
        f'<div class="tin-chi-tiet"><div class="title-detail">{esc(data.title)}</div>'
        f'<div class="date-detail">Cập nhật: {data.published_raw}'
        f'<span class="view-detail"> {views}</span></div>'
        f'<div class="sapo-detail">{esc(data.summary)}</div>'
        f'<div class="content-detail">{body_html(data, False)}</div>'
        f'<div class="author-detail">{esc(data.author)}</div>{attach}{related}</div>'
    )
    return _webpart(data.category, body, "WPQ3")


_CK = (
    '<p style="text-align:justify"><span style="font-size:14px"><span style="font-family:'
    'Times New Roman,Times,serif">{}</span></span></p>'
)
_CURRENT = ' class="current"'
_CK_BLANK = '<p style="text-align:justify">&nbsp;</p>'
_CK_CENTER = '<p style="text-align:center"><span style="font-size:14px">{}</span></p>'
SOURCE_HOST = "http://baovanlinh.example.vn/"


def _lacviet_image(data: ArticleData, image: ImageRef) -> str:
    tag = _img_tag(data, image)
    caption = _text(data, image.caption)
    if image.style == "table":  # the caption is a centred paragraph in the row under the image
        return (
            '<table align="center" border="0" cellpadding="1" cellspacing="1"><tbody><tr><td>'
            f"{tag}</td></tr><tr><td>{_CK_CENTER.format(caption)}</td></tr></tbody></table>"
        )
    out = _CK_CENTER.format(tag)
    if image.style == "em":
        out += _CK_CENTER.format(f"<em>{caption}</em>")
    return out


def lacviet(seed: int, data: ArticleData) -> str:
    """The Lạc Việt news web part on SharePoint 2010: header row, p.Title, CKEditor body."""
    after = {slot: image for slot, image in data.images}
    body = [
        '<p style="text-align:justify"><strong><span style="font-size:14px">'
        f"{_text(data, data.summary)}</span></strong></p>",
        _CK_BLANK,
    ]
    for n, paragraph in enumerate(data.paragraphs):
        body.append(_CK.format(_text(data, paragraph)))
        if n in after:
            body.append(_lacviet_image(data, after[n]))
        body.append(_CK_BLANK if n % 2 else "<p></p>")
    if data.attachment:
        body.append(_CK.format(f"Xem chi tiết văn bản tại đây: {attachment_link(data)}"))
    if data.author:
        label = "Tin, ảnh: " if data.index % 3 == 0 else ""
        body.append(_CK_CENTER.format(f"{label}<strong>{esc(data.author)}</strong>"))
    if data.source:
        body.append(
            _CK_CENTER.format(
                f'<strong>Theo: <a href="{SOURCE_HOST}">{esc(data.source)}</a></strong>'
            )
        )
    older = "".join(
        f'<li><a href="Post.aspx?ItemId={i}">{esc(title_of(seed, i))}({_short_date(i)})</a></li>'
        for i in older_of_family(data.index, 5)
    )
    return (
        f'<div class="ms-WPBody" id="WebPartWPQ2"><div id="ctl00_m_g_{GUID}">'
        '<script type="text/javascript">var lvNewsItem = { allowPrint: true, mode: 1 };</script>'
        '<div class="container_top_mid2"><table width="100%" cellpadding="0" cellspacing="0">'
        '<tbody><tr class="ms-news-header"><td class="FolderTitle" style="CURSOR: hand">'
        f'{esc(data.category)}</td><td class="Time" align="right" style="TEXT-ALIGN: '
        f'right; FONT-WEIGHT: normal">{data.published_raw}</td></tr></tbody></table></div>'
        '<div id="part1" style="padding: 10px"><table id="tableforprint"><tbody><tr><td>'
        f'<p class="Title allowMenuPost">{esc(data.title)}</p></td></tr></tbody></table>'
        f"<br />{''.join(body)}"
        '<span class="css_readCounter" style="height: 50px;padding-top:50px">Số lượt người xem: '
        f"{data.view_count}</span>"
        '<span class="css_printandback" style="height: 50px;padding-top:50px">'
        '<a class="print" style="COLOR: #686868" href="javascript:PrintNews();">Bản in</a>'
        '<span style="width: 5px"> <a class="return" style="color: #686868" href="'
        f'{urls.LACVIET_LISTING}">Quay lại</a></span><div class="css_linkstoweb">'
        '<input type="hidden" id="hiddenUrl" value="" /><div class="css_link_facebook"></div>'
        '<div class="css_link_twitter"></div></div></span></div>'
        '<button type="button" style="display:none">Gửi email</button></div></div>'
        + (
            '<div class="ms-WPBody" id="WebPartWPQ4"><div class="tin-da-dua"><p class="tinkhac">'
            f"TIN ĐÃ ĐƯA</p><ul>{older}</ul></div></div>"
            if older
            else ""
        )
    )


def press_release_number(data: ArticleData) -> str:
    """ "Thông cáo số: N" (N counts the site's press releases); empty on one page in ten."""
    return "" if data.index % 10 == 5 else f"Thông cáo số: {data.index // 7}"


def pressrelease(seed: int, data: ArticleData) -> str:
    """SharePoint 2013 publishing, press-release layout: body paragraphs not in a rich field."""
    after = {slot: image for slot, image in data.images}
    home_image = ""
    if data.lead_image:
        home_image = (
            '<div class="homeImageLeft"><div id="ctl00_PlaceHolderMain_AnhDaiDien_label" '
            'style="display:none">Home Image</div><div id="ctl00_PlaceHolderMain_AnhDaiDien__'
            'ControlWrapper_RichImageField" class="ms-rtestate-field" style="display:inline">'
            f'<div class="ms-rtestate-field">{_img_tag(data, data.lead_image)}</div></div></div>'
        )
    body = []
    if data.attachment:
        body.append(f"<p><strong>Bản dịch:</strong></p><p><b>{attachment_link(data)}</b>&nbsp;</p>")
    for n, paragraph in enumerate(data.paragraphs):
        body.append(f"<p>{_text(data, paragraph)}</p>")
        if n in after:
            body.append(image_block(data, after[n]))
    contact = "<br />".join(esc(line) for line in ph.PRESS_CONTACT)
    notes = "".join(f"<li>{esc(note)}</li>" for note in ph.PRESS_NOTES)
    nav = "".join(
        f'<li{_CURRENT if name == ph.PRESS_CATEGORY else ""}><div><a href="{href}">'
        f"{name}</a></div></li>"
        for name, href in (
            (ph.PRESS_CATEGORY, urls.PRESS_LISTING),
            ("Phát ngôn của người phát ngôn", "/baochi/Pages/PhatNgon.aspx"),
            ("Lịch họp báo", "/baochi/Pages/LichHopBao.aspx"),
        )
    )
    return (
        '<div class="dividerContainer genericPage"><div id="ct-txt" class="clearfix pr '
        'widthLimiter"><div id="leftNavigation" class="noindex"><ul><li><div><a href="'
        f'{urls.PRESS_LISTING}">Báo chí</a></div><ul>{nav}</ul></li></ul></div>'
        '<div id="col-mn" class="grid2_3 mainContent"><div id="ct-wd" class="noindex">'
        '<ul class="topLinks"><li><a href="javascript:window.print()">In trang</a></li>'
        '<li><span class="share-title">Chia sẻ trang này</span></li></ul></div>'
        f'<p class="pr-rel-numb"><strong>{press_release_number(data)}</strong></p>'
        f'<p id="date">Ngày: {data.published_raw}</p>'
        '<span id="ctl00_PlaceHolderMain_TieuDe_box"><span>'
        f"<h1>{esc(data.title)}</h1></span></span>{home_image}{''.join(body)}"
        f"<p><strong>Để biết thêm thông tin, xin liên hệ:</strong><br />{contact}</p>"
        f"<p><strong>Ghi chú gửi biên tập viên:</strong></p><ul>{notes}</ul>"
        '<div id="ctl00_PlaceHolderMain_NoiDungPhu_label" style="display:none">NoiDungPhu1</div>'
        '<div class="ms-rtestate-field" style="display:inline"></div></div>'
        '<div id="col-xtra" class="grid1_3 extendContainer"><div class="contactBox"><h2>Liên hệ'
        ' báo chí</h2><a href="mailto:baochi@vanlinh.example.vn">Gửi thư</a></div>'
        '<div class="rhcPink"><h2>Liên kết</h2><p><a href="/baochi/Pages/DangKy.aspx">Đăng ký '
        "nhận thông cáo báo chí</a></p></div></div></div></div>"
    )


def chitiet(seed: int, data: ArticleData) -> str:
    """A custom web part named in Vietnamese: tieude, ngaydang, tomtat, noidung, dinhkem."""
    after = {slot: image for slot, image in data.images}
    body = []
    for n, paragraph in enumerate(data.paragraphs):
        body.append(f'<p style="text-align: justify;">{_text(data, paragraph)}</p>')
        if n in after:
            body.append(image_block(data, after[n]))
    if data.author:
        body.append(f'<p style="text-align: right;"><strong>{esc(data.author)}</strong></p>')
    attach = ""
    if data.attachment:
        attach = (
            '<div class="dinhkem"><span class="nhan">Tệp đính kèm:</span><ul><li>'
            f"{attachment_link(data)}</li></ul></div>"
        )
    related = _related(
        seed, data, lambda i: f"ChiTietTin.aspx?NewsId={i}", "Các tin khác", "tinkhac"
    )
    inner = (
        f'<div class="chitiet-tin"><h2 class="tieude">{esc(data.title)}</h2>'
        f'<div class="ngaydang">Ngày đăng: {data.published_raw}</div>'
        f'<div class="tomtat">{_text(data, data.summary)}</div>'
        f'<div class="noidung">{"".join(body)}</div>{attach}{related}</div>'
    )
    return _webpart(data.category, inner, "WPQ5")


def changed(seed: int, data: ArticleData) -> str:
    """A redesign into a script-rendered page: the article travels as JSON for the browser to
    draw, and the served HTML holds no text of it. No HTML extractor finds an article here, which
    is what a crawl's "layout may have changed" alarm is for."""
    story = {
        "category": data.category,
        "headline": data.title,
        "time": data.published.strftime("%d.%m.%Y"),
        "lede": data.summary,
        "paragraphs": list(data.paragraphs),
        "sign": data.author,
    }
    payload = json.dumps(story, ensure_ascii=False).replace("</", "<\\/")
    return (
        '<div id="vl-app" class="vl-story" data-state="loading"></div>'
        f'<script type="application/json" id="vl-story-data">{payload}</script>'
    )


RENDERERS: dict[str, Callable[[int, ArticleData], str]] = {
    "publishing": publishing,
    "newswebpart": newswebpart,
    "dispform": dispform,
    "itemid": itemid,
    "lacviet": lacviet,
    "pressrelease": pressrelease,
    "chitiet": chitiet,
}
