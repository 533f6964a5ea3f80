"""Link scanning without a parse: what the spider follows from a SharePoint page."""

from portal_archive.crawl.links import scan_links
from portal_archive.crawl.urls import url_key

HOSTS = ("portal.example",)
PAGE = "http://portal.example/Trang/Tin-tuc-su-kien.aspx?PageIndex=1"


def test_scan_links_resolves_relative_forms_and_drops_what_is_not_a_page():
    text = """
    <a href="../../Trang/ChiTietTinTuc.aspx?nid=7&amp;ReturnUrl=%2FTrang">T</a>
    <a href='../../Trang/ChiTietTinTuc.aspx?nid=7'><img></a>
    <a href="?ItemID=5">x</a>
    <a href="/_layouts/15/Authenticate.aspx?Source=%2F">login</a>
    <a href="javascript:;">menu</a>
    <a href="http://other.example/Pages/a.aspx">elsewhere</a>
    <a href="/Documents/Bao%20cao.pdf">pdf</a>
    <a href="Tin-tuc-su-kien.aspx?PageIndex=2">2</a>
    """
    found = scan_links(text, PAGE, HOSTS)
    assert [url for url, _ in found.links] == [
        # requested as linked (issue 19); the next link, one page with it, is left out
        "http://portal.example/Trang/ChiTietTinTuc.aspx?nid=7&ReturnUrl=%2FTrang",
        "http://portal.example/Trang/Tin-tuc-su-kien.aspx?ItemID=5",
        "http://portal.example/Trang/Tin-tuc-su-kien.aspx?PageIndex=2",
    ]


def test_scan_links_honours_base_href():
    text = '<base href="http://portal.example/sites/xa/"><a href="Pages/a.aspx">a</a>'
    found = scan_links(text, PAGE, HOSTS)
    assert found.links[0][0] == "http://portal.example/sites/xa/Pages/a.aspx"


def test_scan_links_finds_pager_postbacks_with_escaped_quotes():
    text = (
        '<a href="javascript:__doPostBack(&#39;ctl00$m$g_1$pager&#39;,&#39;Page$2&#39;)">2</a>'
        "<a href=\"javascript:__doPostBack('ctl00$m$g_1$pager','Page$3')\">3</a>"
        "<a href=\"javascript:__doPostBack('ctl00$vote','')\">vote</a>"
    )
    found = scan_links(text, PAGE, HOSTS)
    assert found.pager_events == [("ctl00$m$g_1$pager", "Page$2"), ("ctl00$m$g_1$pager", "Page$3")]


def test_scan_links_takes_no_link_from_a_script():
    text = """
    <script>var html = '<a href="/' + slug + '/">' + title + '</a>';
    document.write("<a href='/tin-tuc/" + id + "'>x</a>");</script>
    <SCRIPT type="text/javascript">w('<a href="/chi-tiet/' + n + '">')</SCRIPT>
    <a href="/gioi-thieu">Giới thiệu</a>
    """
    found = scan_links(text, PAGE, HOSTS)
    assert [url for url, _ in found.links] == ["http://portal.example/gioi-thieu"]


def test_one_key_for_http_and_https_and_for_repeated_slashes():
    assert url_key("https://portal.example//tin-tuc/Pages/a.aspx") == url_key(
        "http://portal.example/tin-tuc/Pages/a.aspx"
    )
    assert url_key("http://portal.example/a?x=1") != url_key("http://portal.example/a?x=2")
