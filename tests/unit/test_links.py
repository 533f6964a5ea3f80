"""Link scanning without a parse: what the spider follows from a SharePoint page."""

from portal_archive.crawl.links import scan_links

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
        "http://portal.example/Trang/ChiTietTinTuc.aspx?nid=7",
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
