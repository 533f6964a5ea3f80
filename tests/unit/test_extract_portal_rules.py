"""The rules a crawl of whole portals asked for (issue 19), one small page of our own each:
document notices, the date the block shows (never the lead's), image URLs a crawl may request,
labelled by-lines and sources, titles and categories that are never chrome, and pages that only
look like articles. The golden pages (tests/golden/6x-*, na-lacviet-*) hold the same rules on
whole SharePoint pages."""

from __future__ import annotations

from datetime import date

import pytest

from portal_archive.extract import extract_article_or_raise
from portal_archive.extract.body import image_url
from portal_archive.extract.ending import is_pointer_line

URL = "http://huyen.example.gov.vn/tin-tuc/thong-bao-ke-hoach-thang-9/"
TEXT = (
    "Ủy ban nhân dân huyện đã họp với các phòng ban để rà soát kế hoạch, đôn đốc tiến độ các công "
    "trình và giao nhiệm vụ cụ thể cho từng đơn vị trong quý tới. "
)


def lacviet(title: str, inner: str, time: str = "thứ hai, Ngày 09/09/2019, 08:15") -> str:
    """A Lạc Việt news detail: header row with the date, p.Title, then `inner`."""
    return (
        "<html><body><div id='s4-workspace'><div class='postMain'><div>"
        "<table><tr class='ms-news-header'><td class='FolderTitle'>Root</td>"
        f"<td class='Time'>{time}</td></tr></table>"
        f"<div id='part1'><table id='tableforprint'><tr><td><p class='Title'>{title}</p></td></tr>"
        f"</table>{inner}</div></div></div></div></body></html>"
    )


def generic(head: str, inner: str) -> str:
    zone = f"<div id='DeltaPlaceHolderMain'>{head}<div class='noi-dung'>{inner}</div></div>"
    return f"<html><body>{zone}</body></html>"


# --- Document notices ---------------------------------------------------------------------------
def test_a_dated_headline_over_a_line_and_its_file_is_a_document_notice() -> None:
    html = lacviet(
        "Thông báo kế hoạch tiếp dân tháng 9",
        "<p>Ủy ban nhân dân huyện thông báo kế hoạch tiếp dân tháng 9 như sau:</p>"
        "<p>Xem chi tiết <a href='/img/TB 15.pdf'>Tại đây</a></p>",
    )
    article = extract_article_or_raise(html, URL)
    assert article is not None and article.kind == "document"
    assert article.body_text == "Ủy ban nhân dân huyện thông báo kế hoạch tiếp dân tháng 9 như sau:"
    assert [(a.url, a.title) for a in article.attachments] == [
        ("http://huyen.example.gov.vn/img/TB%2015.pdf", "Tại đây")
    ]
    assert article.published is not None and article.category == ""  # "Root" is no section


def test_a_notice_whose_file_link_was_lost_is_still_a_notice_in_a_family() -> None:
    html = lacviet("Lịch làm việc tuần 37", "<p>Xem chi tiết <a href='/'>Tại đây</a></p>")
    article = extract_article_or_raise(html, URL)
    assert article is not None and article.kind == "document"
    assert article.body_text == "" and article.attachments == []


def test_news_with_a_file_attached_stays_an_article() -> None:
    html = lacviet(
        "Huyện họp rà soát kế hoạch quý", f"<p>{TEXT * 4}</p><p><a href='/kh.pdf'>Kế hoạch</a></p>"
    )
    article = extract_article_or_raise(html, URL)
    assert article is not None and article.kind == "article" and len(article.attachments) == 1


def test_a_headline_and_a_date_without_text_or_file_is_not_an_article() -> None:
    assert extract_article_or_raise(lacviet("Thông báo 1", ""), URL) is None


def test_structure_alone_finds_a_notice_by_its_file() -> None:
    html = generic(
        "<h1>Quyết định phê duyệt danh mục dự án năm 2019</h1><p>Ngày đăng: 12/08/2019</p>",
        "<p>Tải về: <a href='/vb/qd-12.docx'>Quyết định số 12</a></p>",
    )
    article = extract_article_or_raise(html, URL, families=False)
    assert article is not None and article.kind == "document" and article.family == "generic"
    assert [a.title for a in article.attachments] == ["Quyết định số 12"]


def test_a_list_of_many_files_is_not_a_notice() -> None:
    links = "".join(f"<p><a href='/vb/{i}.pdf'>Văn bản số {i}</a></p>" for i in range(5))
    html = generic("<h1>Văn bản chỉ đạo điều hành</h1><p>Ngày đăng: 12/08/2019</p>", links)
    assert extract_article_or_raise(html, URL) is None


@pytest.mark.parametrize(
    ("line", "pointer"),
    [
        ("Xem chi tiết tại đây", True),
        ("xem chi tiết văn bản tại đây", True),
        ("Tải về", True),
        ("File đính kèm:", True),
        ("Xem chi tiết kế hoạch tổ chức hội nghị của huyện ở trang sau", False),
    ],
)
def test_pointer_lines(line: str, pointer: bool) -> None:
    assert is_pointer_line(line) is pointer


# --- Dates --------------------------------------------------------------------------------------
def test_a_date_only_in_the_lead_is_not_the_publication_date() -> None:
    lead = "Sáng ngày 8/9/2019, " + TEXT * 6
    html = generic("<h1>Huyện họp rà soát kế hoạch quý ba</h1>", f"<p>{lead}</p><p>{TEXT * 2}</p>")
    article = extract_article_or_raise(html, URL)
    assert article is not None
    assert (article.published, article.published_raw, article.date_source) == (None, "", "none")


def test_the_date_the_block_shows_is_the_publication_date() -> None:
    html = generic(
        "<h1>Huyện họp rà soát kế hoạch quý ba</h1><p>Ngày đăng: 10/09/2019</p>",
        f"<p>Sáng ngày 8/9/2019, {TEXT * 3}</p>",
    )
    article = extract_article_or_raise(html, URL)
    assert article is not None and article.published == date(2019, 9, 10)


# --- Images -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("src", "url"),
    [
        ("data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,iVBORw0KGgo="),
        ("data:text/html;base64,PHA+", ""),  # not an image
        ("file:///C:/Users/A/AppData/Local/Temp/clip_image002.jpg", ""),
        ("javascript:void(0)", ""),
        ("/img/anh 1.jpg", "http://huyen.example.gov.vn/img/anh%201.jpg"),
        ("", ""),
    ],
)
def test_image_urls_are_http_or_data(src: str, url: str) -> None:
    assert image_url(URL, src) == url


def test_data_images_stay_and_word_pasted_images_go() -> None:
    data = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=="
    html = lacviet(
        "Trao nhà tình nghĩa cho gia đình chính sách",
        f"<p>{TEXT * 2}</p><p><img src='{data}'/></p><p>{TEXT}</p>"
        "<p><img src='file:///C:/Users/A/clip_image002.jpg' width='400'/></p>",
    )
    article = extract_article_or_raise(html, URL)
    assert article is not None and [i.url for i in article.images] == [data]
    assert "file:" not in article.body_html


# --- By-lines and sources -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("closing", "author", "source"),
    [
        ("<p style='text-align:right'>Người viết tin: Phạm Thị Lan</p>", "Phạm Thị Lan", ""),
        ("<p style='text-align:right'>Người đưa tin: Phạm Thị Lan</p>", "Phạm Thị Lan", ""),
        ("<p style='text-align:right'>Nguồn tin: Báo Nam Sơn</p>", "", "Báo Nam Sơn"),
        ("<p style='text-align:right'>Nguồn tin từ: Báo Nam Sơn</p>", "", "Báo Nam Sơn"),
        ("<p style='text-align:right'><em>Tin ảnh Hoàng Minh Đức</em></p>", "Hoàng Minh Đức", ""),
        ("<p style='text-align:right'>Theo chinhphu.example.vn</p>", "", "chinhphu.example.vn"),
    ],
)
def test_closing_lines_land_in_author_or_source_without_labels(
    closing: str, author: str, source: str
) -> None:
    html = lacviet("Huyện họp rà soát kế hoạch quý ba", f"<p>{TEXT * 3}</p>{closing}")
    article = extract_article_or_raise(html, URL)
    assert article is not None and (article.author, article.source) == (author, source)
    assert "tin:" not in article.body_text.lower()


def test_figures_of_a_table_are_no_byline() -> None:
    html = generic(
        "<h1>Huyện họp rà soát kế hoạch quý ba</h1><p>Ngày đăng: 10/09/2019</p>",
        f"<p>{TEXT * 3}</p><p style='text-align:center'>15.9%, 11.8%</p>",
    )
    article = extract_article_or_raise(html, URL)
    assert article is not None and article.author == ""


# --- Titles and categories ----------------------------------------------------------------------
def test_empty_date_brackets_leave_the_title() -> None:
    html = lacviet("Kết luận thanh tra công vụ <span>( )</span>", f"<p>{TEXT * 3}</p>")
    article = extract_article_or_raise(html, URL)
    assert article is not None and article.title == "Kết luận thanh tra công vụ"


def test_a_body_sub_heading_is_not_the_title() -> None:
    head = "<html><head><meta property='og:title' content='Cảng mở thêm tuyến tàu khách'/></head>"
    html = head + (
        "<body><div id='DeltaPlaceHolderMain'><p>Ngày đăng: 10/09/2019</p>"
        f"<p>{TEXT * 2}</p><p>{TEXT}</p><h3>Những khó khăn</h3><p>{TEXT * 2}</p>"
        "</div></body></html>"
    )
    article = extract_article_or_raise(html, URL)
    assert article is not None and article.title == "Cảng mở thêm tuyến tàu khách"


def test_a_selected_home_item_is_no_category() -> None:
    nav = (
        "<div class='menu'><ul><li class='static selected'><a href='/'><span>Home</span>"
        "<span class='ms-hidden'>Currently selected</span></a></li></ul></div>"
    )
    html = generic(
        nav + "<h1>Huyện họp rà soát kế hoạch</h1><p>Ngày đăng: 10/09/2019</p>", TEXT * 3
    )
    article = extract_article_or_raise(html, URL)
    assert article is not None and article.category == ""


# --- Pages that only look like articles ----------------------------------------------------------
def test_a_featured_story_under_a_linked_headline_is_a_home_page() -> None:
    html = generic(
        "<h2><a href='/khoi-cong-cau/'>Khởi công xây dựng cầu qua sông</a></h2><p>(18/09/2019)</p>",
        f"<p>{TEXT * 2}</p>",
    )
    assert extract_article_or_raise(html, "http://huyen.example.gov.vn/") is None


def test_an_introduction_named_in_the_menu_is_not_an_article() -> None:
    menu = "<ul class='ms-quickLaunch'><li><a href='/gioi-thieu/'>Giới thiệu chung</a></li></ul>"
    html = (
        f"<html><body>{menu}<div id='DeltaPlaceHolderMain'><h1>Giới thiệu chung</h1>"
        f"<p>Ngày đăng: 10/09/2019</p><p>{TEXT * 6}</p></div></body></html>"
    )
    assert extract_article_or_raise(html, URL) is None


def test_a_question_form_over_answers_is_not_an_article() -> None:
    html = generic(
        "<span>Tìm theo</span><select name='lv'><option>Tất cả</option></select>"
        "<input type='text' name='q'/><h3>Chế độ trợ cấp cho người khuyết tật</h3>"
        "<p>Ngày gửi: 03/05/2019</p>",
        f"<p>{TEXT * 3}</p>",
    )
    assert extract_article_or_raise(html, URL) is None


def test_a_comment_form_below_an_article_does_not_unmake_it() -> None:
    html = generic(
        "<h1>Huyện họp rà soát kế hoạch quý ba</h1><p>Ngày đăng: 10/09/2019</p>",
        f"<p>{TEXT * 3}</p><div><input type='text' name='ten'/><textarea></textarea></div>",
    )
    assert extract_article_or_raise(html, URL) is not None


def test_a_counter_widget_title_is_no_headline() -> None:
    digits = "".join(f"<div class='so'>{d}</div>" for d in "0000042")
    html = (
        "<html><body><div><h3>SỐ LƯỢT ĐANG ONLINE</h3>"
        f"{digits}</div><div><p>Chức năng nhiệm vụ</p><p>{TEXT * 6}</p></div></body></html>"
    )
    article = extract_article_or_raise(html, URL)
    assert article is None or article.title != "SỐ LƯỢT ĐANG ONLINE"


def test_a_blog_header_names_the_author() -> None:
    html = (
        "<html><body><div class='blogHeader'><h1 class='author'>Lê Minh Tuấn</h1>"
        "<h1>Blog</h1></div>"
        "<div id='DeltaPlaceHolderMain'><span class='blogDate'>12 tháng 3 năm 2021</span>"
        f"<h1>Vì sao cảng cần thêm một bến</h1><div><p>{TEXT * 3}</p><p>{TEXT}</p></div></div>"
        "</body></html>"
    )
    article = extract_article_or_raise(html, URL)
    assert article is not None and article.author == "Lê Minh Tuấn"
