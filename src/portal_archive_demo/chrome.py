"""SharePoint page chrome: 2013 "seattle" for the province site, 2010 "v4" for the district subsite.

Each shell is built once per site as a template split on NUL-delimited slot names, so a page
render is one `str.join`. The `__VIEWSTATE` is a per-page 32-character header followed by a
precomputed pseudo-random blob of ~56 KB, which keeps pages at the 100-130 KB real ones weigh.
"""

from __future__ import annotations

import base64
import hashlib
import random
import struct
from collections.abc import Mapping
from urllib.parse import quote

from portal_archive_demo import phrases as ph
from portal_archive_demo import urls
from portal_archive_demo.common import b64_blob, esc
from portal_archive_demo.data import slugify

_VS_MAGIC = b"\xff\x01\x0f\x0f"
_VS_BLOB_BYTES = 56_000


def _slot(name: str) -> str:
    return f"\x00{name}\x00"


class ViewState:
    """Deterministic `__VIEWSTATE` values that encode (page path, pager page) and can be checked."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._blob = b64_blob(random.Random(f"demo-viewstate:{seed}"), _VS_BLOB_BYTES)

    def _mac(self, path: str, page: int) -> bytes:
        return hashlib.sha256(f"{self._seed}|{path.lower()}|{page}".encode()).digest()[:16]

    def encode(self, path: str, page: int = 0) -> str:
        header = _VS_MAGIC + struct.pack(">I", page) + self._mac(path, page)
        return base64.b64encode(header).decode() + self._blob

    def decode(self, path: str, value: str) -> int | None:
        """The pager page a posted-back viewstate carries, None when it was altered."""
        if len(value) != 32 + len(self._blob) or value[32:] != self._blob:
            return None
        try:
            header = base64.b64decode(value[:32], validate=True)
        except ValueError:
            return None
        page = struct.unpack(">I", header[4:8])[0]
        ok = header[:4] == _VS_MAGIC and header[8:] == self._mac(path, page)
        return page if ok else None


def event_validation(path: str) -> str:
    seed = hashlib.sha256(f"ev|{path.lower()}".encode()).digest()
    raw = b"".join(hashlib.sha256(seed + bytes([i])).digest() for i in range(5))
    return base64.b64encode(raw).decode()


def request_digest(path: str) -> str:
    digest = hashlib.sha512(f"digest|{path.lower()}".encode()).hexdigest().upper()
    return f"0x{digest},16 Jun 2022 01:15:00 -0000"


def _register_sod(rng: random.Random, prefix: str) -> str:
    names = (
        "require.js",
        "strings.js",
        "sp.res.resx",
        "sp.runtime.js",
        "sp.js",
        "sp.init.js",
        "sp.ui.dialog.js",
        "core.js",
        "menu.js",
        "mQuery.js",
        "callout.js",
        "clienttemplates.js",
        "sharing.js",
        "suitelinks.js",
        "clientrenderer.js",
        "srch.resources.resx",
        "search.clientcontrols.js",
        "sp.search.js",
        "ajaxtoolkit.js",
        "userprofile",
        "followingcommon.js",
        "profilebrowserscriptres.resx",
        "sp.ui.mysitecommon.js",
        "inplview",
        "ribbon",
        "sp.ui.pub.ribbon.js",
        "cui.js",
        "inplview.js",
        "datepicker.js",
        "sp.ui.policy.resources.resx",
        "mdn.js",
        "offline.js",
        "WPAdderClass",
        "dragdrop.js",
        "quicklaunch.js",
        "browserScript",
        "sp.core.js",
        "clientforms.js",
        "cmssitemanager.js",
        "autofill.js",
        "sp.ui.listsearchbox.js",
        "sp.publishing.resources.resx",
        "mediaplayer.js",
    )
    lines = []
    for name in names:
        rev = b64_blob(rng, 15)
        lines.append(
            f'RegisterSod("{name}", "\\u002f_layouts\\u002f{prefix}\\u002f{name}?rev={rev}");'
        )
        if rng.random() < 0.4:
            lines.append(f'RegisterSodDep("{name}", "strings.js");')
    return "\n".join(lines)


def _menu_href(top: str, item: str) -> str:
    special = {
        "Tin hoạt động": urls.ITEMID_PAGE,
        "Tin địa phương": urls.DISTRICT_LISTING,
        "Thông tin cần biết": urls.NEWS_LISTING + "?Cat=2",
        "Chỉ đạo điều hành": urls.PUBLISHING_LISTING,
    }
    if item in special:
        return special[item]
    if top == "Tin tức - Sự kiện":
        return f"{urls.NEWS_LISTING}?Cat={len(item) % 7 + 1}"
    return f"/Trang/{slugify(item)}.aspx"


def mega_menu(rng: random.Random) -> str:
    """The top navigation: a SharePoint AspMenu with a mega-menu panel per top item."""
    out = [
        '<div id="zz1_TopNavigationMenu" class="noindex ms-core-listMenu-horizontalBox">',
        '<ul id="zz2_RootAspMenu" class="root ms-core-listMenu-root static">',
        '<li class="static"><a class="static menu-item ms-core-listMenu-item '
        'ms-displayInline ms-navedit-linkNode" href="/"><span class="additional-background '
        'ms-navedit-flyoutArrow"><span class="menu-item-text">Trang chủ</span></span></a></li>',
    ]
    for top, items in ph.MENU:
        out.append(
            '<li class="static dynamic-children"><a class="static dynamic-children '
            'menu-item ms-core-listMenu-item ms-displayInline ms-navedit-linkNode" '
            f'href="/Trang/{slugify(top)}.aspx"><span aria-haspopup="true" '
            'class="additional-background ms-navedit-flyoutArrow dynamic-children">'
            f'<span class="menu-item-text">{top}</span></span></a>'
        )
        out.append('<ul class="dynamic mega-menu">')
        for item in items:
            icon = b64_blob(rng, 6)
            out.append(
                f'<li class="dynamic"><a class="dynamic menu-item ms-core-listMenu-item '
                f'ms-displayInline ms-navedit-linkNode" href="{_menu_href(top, item)}" '
                f'data-icon="{icon}"><span class="additional-background '
                f'ms-navedit-flyoutArrow"><span class="menu-item-text">{item}</span>'
                "</span></a></li>"
            )
        out.append("</ul></li>")
    out.append("</ul></div>")
    return "\n".join(out)


def side_boxes() -> str:
    """Left column boxes; "Thông tin cần biết" shares its name with a news category on purpose."""
    poll = "".join(
        f'<li><input type="radio" name="ctl00$ctl41$g_8a0e$poll" id="poll{i}" value="{i}"/>'
        f'<label for="poll{i}">{option}</label></li>'
        for i, option in enumerate(ph.POLL_OPTIONS)
    )
    links = "".join(f'<li><a href="{href}">{name}</a></li>' for name, href in ph.WEB_LINKS)
    info = "".join(
        f'<li><a href="/Trang/{slugify(t)}.aspx">{t}</a></li>'
        for t in ("Lịch tiếp công dân", "Giá cả thị trường", "Thời tiết", "Đường dây nóng")
    )
    box = (
        '<div class="ms-webpart-chrome ms-webpart-chrome-vertical side-box"><div '
        'class="ms-webpart-chrome-title"><h2 class="ms-webpart-titleText"><span>{title}'
        '</span></h2></div><div class="ms-WPBody">{body}</div></div>'
    )
    return "\n".join(
        (
            box.format(
                title="Thăm dò ý kiến",
                body=(
                    "<p>Bạn đánh giá thế nào về chất lượng giải quyết thủ tục hành chính "
                    f'tại tỉnh?</p><ul class="poll">{poll}</ul>'
                    "<a href=\"javascript:__doPostBack('ctl00$ctl41$g_8a0e$vote','')\">"
                    'Biểu quyết</a> | <a href="/Trang/KetQuaBinhChon.aspx">Xem kết quả</a>'
                ),
            ),
            box.format(title="Tin mới", body=_slot("recent")),
            box.format(title="Thông tin cần biết", body=f'<ul class="info-links">{info}</ul>'),
            box.format(title="Liên kết website", body=f'<ul class="web-links">{links}</ul>'),
        )
    )


def footer() -> str:
    return (
        '<div id="footer" class="ms-dialogHidden footer"><div class="footer-inner">'
        f"<p><strong>{ph.PORTAL_NAME.upper()}</strong></p>"
        "<p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Vân Lĩnh</p>"
        f"<p>Địa chỉ: {ph.ADDRESS}</p>"
        f"<p>Điện thoại: {ph.PHONE} - Fax: 0299.3812.457 - Email: banbientap@vanlinh.gov.vn</p>"
        "<p>Giấy phép số 09/GP-TTĐT do Sở Thông tin và Truyền thông cấp.</p>"
        "<p>© Bản quyền thuộc UBND tỉnh Vân Lĩnh. Ghi rõ nguồn khi phát hành lại thông tin từ "
        "cổng thông tin này.</p>"
        f'<p><a href="{urls.CONTACT}">Liên hệ</a> | <a href="/Trang/SoDoSite.aspx">Sơ đồ site</a>'
        ' | <a href="/_layouts/15/viewlsts.aspx">Nội dung site</a> | '
        '<a href="/_vti_bin/spsdisco.aspx">Dịch vụ web</a></p>'
        '<img src="/SiteAssets/icon-home.png" alt="" width="16" height="16"/>'
        "</div></div>"
    )


def _hidden_fields() -> str:
    fields = (
        ("_wpcmWpid", ""),
        ("wpcmVal", ""),
        ("MSOWebPartPage_PostbackSource", ""),
        ("MSOTlPn_SelectedWpId", ""),
        ("MSOTlPn_View", "0"),
        ("MSOTlPn_ShowSettings", "False"),
        ("MSOGallery_SelectedLibrary", ""),
        ("MSOGallery_FilterString", ""),
        ("MSOTlPn_Button", "none"),
        ("__EVENTTARGET", ""),
        ("__EVENTARGUMENT", ""),
        ("MSOSPWebPartManager_DisplayModeName", "Browse"),
        ("MSOSPWebPartManager_ExitingDesignMode", "false"),
        ("MSOWebPartPage_Shared", ""),
        ("MSOLayout_LayoutChanges", ""),
        ("MSOLayout_InDesignMode", ""),
        ("MSOSPWebPartManager_OldDisplayModeName", "Browse"),
        ("MSOSPWebPartManager_StartWebPartEditingName", "false"),
        ("MSOSPWebPartManager_EndWebPartEditing", "false"),
    )
    out = [f'<input type="hidden" name="{n}" id="{n}" value="{v}" />' for n, v in fields]
    out.append(
        '<input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="'
        f'{_slot("digest")}" />'
    )
    out.append(f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{_slot("vs")}" />')
    return '<div class="aspNetHidden">\n' + "\n".join(out) + "\n</div>"


_POSTBACK_SCRIPT = """<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['aspnetForm'];
if (!theForm) { theForm = document.aspnetForm; }
function __doPostBack(eventTarget, eventArgument) {
    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {
        theForm.__EVENTTARGET.value = eventTarget;
        theForm.__EVENTARGUMENT.value = eventArgument;
        theForm.submit();
    }
}
//]]>
</script>"""


def _context_script(version: int, web_url: str, title: str) -> str:
    return (
        '<script type="text/javascript">//<![CDATA[\nvar _spPageContextInfo = '
        f'{{webServerRelativeUrl: "{web_url}", webAbsoluteUrl: "{_slot("origin")}'
        f'{web_url.lstrip("/")}", siteAbsoluteUrl: "{_slot("origin")}", serverRequestPath: '
        f'"{_slot("reqpath")}", layoutsUrl: "_layouts/{version}", webTitle: "{title}", '
        'webTemplate: "53", tenantAppVersion: "0", isAppWeb: false, webLogoUrl: '
        '"/SiteAssets/logo-van-linh.png", webLanguage: 1066, currentLanguage: 1066, '
        'currentUICultureName: "vi-VN", currentCultureName: "vi-VN", clientServerTimeDelta: '
        'new Date("2022-06-16T01:15:00.0000000Z") - new Date(), siteClientTag: '
        '"2$$15.0.4797.1000", crossDomainPhotosEnabled:false, webUIVersion:15, '
        f'pageListId: "{{{_slot("listid")}}}", pageItemId: {_slot("itemid")}, '
        'userId: 0, alertsEnabled:false, siteServerRelativeUrl: "\\u002f", '
        "allowSilverlightPrompt:'True'};\n//]]>\n</script>"
    )


def _tail_script(rng: random.Random, version: int) -> str:
    guid = rng.randbytes(16).hex()
    return (
        '<script type="text/javascript">\n//<![CDATA[\n'
        "var _spFormDigestRefreshInterval = 1440000;"
        "window.g_updateFormDigestPageLoaded = new Date(); "
        f"var _fV4UI = {str(version == 14).lower()};"
        f'\nvar g_Workspace = "s4-workspace"; var g_wsaEnabled = false; '
        f'var _spWebPartComponents = new Object(); _spWebPartComponents["WebPart{guid}"] = '
        f"new Object();\n{_register_sod(rng, str(version))}\n"
        "ExecuteOrDelayUntilScriptLoaded(function(){ var initInfo = { itemPermMasks: {}, "
        'listPermsMask: {}, listId: "", itemId: "", workspaceRibbonsEnabled: false}; '
        'SP.Ribbon.PageState.Handlers.initialize(initInfo); }, "sp.ribbon.js");\n'
        "//]]>\n</script>"
    )


_HEAD = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' dir="ltr" lang="vi-VN">\n<head><meta http-equiv="X-UA-Compatible" content="IE=10" />'
    '<meta name="GENERATOR" content="Microsoft SharePoint" />'
    '<meta http-equiv="Content-type" content="text/html; charset=utf-8" />'
    f"<title>\n\t{_slot('title')}\n</title>"
)


def seattle_shell(seed: int) -> list[str]:
    """The 2013 "seattle" master page with English accessibility links, as template parts."""
    rng = random.Random(f"demo-seattle:{seed}")
    parts = [
        _HEAD,
        '<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/'
        'corev15.css?rev=OqAycmyMLoQIDkAlzHdMhQ%3D%3D"/>',
        '<script type="text/javascript" src="/_layouts/15/init.js?rev=eMe7%2BJ3ZJQbPk7%2B'
        'DTWE5Zg%3D%3D"></script>',
        '<link rel="shortcut icon" href="/_layouts/15/images/favicon.ico?rev=23" />',
        "</head>\n<body>",
        '<div id="imgPrefetch" style="display:none"><img src="/_layouts/15/images/spcommon.png"'
        " /></div>",
        f'<form method="post" action="{_slot("action")}" onsubmit="javascript:return '
        'WebForm_OnSubmit();" id="aspnetForm">',
        _hidden_fields(),
        _POSTBACK_SCRIPT,
        _context_script(15, "/", ph.PORTAL_NAME),
        '<div id="TurnOnAccessibility" style="display:none" class="s4-notdlg noindex">'
        '<a id="linkTurnOnAcc" href="#" class="ms-accessible ms-acc-button" onclick="SetIsAcc'
        'essibilityMode(true);return false;">Turn on more accessible mode</a></div>',
        '<div id="TurnOffAccessibility" style="display:none" class="s4-notdlg noindex"><a id='
        '"linkTurnOffAcc" href="#" class="ms-accessible ms-acc-button">Turn off more accessible'
        " mode</a></div>",
        '<div class="s4-notdlg s4-skipribbonshortcut noindex"><a href="javascript:;" onclick="'
        'document.getElementById(&#39;startNavigation&#39;).focus();" class="ms-SkiptoNavigation"'
        ' accesskey="Y">Skip Ribbon Commands</a></div>',
        '<div class="s4-notdlg noindex"><a href="#mainContent" class="ms-SkiptoMainContent" '
        'accesskey="X">Skip to main content</a></div>',
        '<div id="TurnOffAnimation" style="display:none;" class="s4-notdlg noindex"><a id="'
        'linkTurnOffAnimation" href="#" class="ms-accessible ms-acc-button">Turn off Animations'
        "</a></div>",
        '<div id="ms-designer-ribbon"><div id="suiteBar" class="ms-dialogHidden noindex">'
        '<div id="suiteBarLeft" class="ms-table ms-core-suiteBarLeft"><div class="ms-tableRow">'
        '<div class="ms-tableCell ms-verticalAlignMiddle"><div class="ms-core-brandingText">'
        f'SharePoint</div></div></div></div><div id="suiteBarRight"><a href="/_layouts/15/'
        f'Authenticate.aspx?Source={_slot("source")}" class="ms-signInLink">Đăng nhập</a></div>'
        '</div><div id="s4-ribbonrow"><div id="globalNavBox" class="noindex"><div id="ribbonBox">'
        '<div id="s4-ribbonCont"><div id="RibbonContainer"><div class="ms-cui-ribbonTopBars">'
        '<div class="ms-cui-topBar1"></div><div class="ms-cui-topBar2"><div class="ms-cui-tts">'
        '<ul role="tablist"><li class="ms-cui-tt ms-browseTab ms-cui-tt-s"><a class="ms-cui-tt-a"'
        ' href="javascript:;" title="Duyệt"><span class="ms-cui-tt-span">Duyệt</span></a></li>'
        '<li class="ms-cui-tt"><a class="ms-cui-tt-a" href="javascript:;"><span class="ms-cui-tt-'
        'span">Trang</span></a></li></ul></div></div></div></div></div></div></div></div></div>',
        '<div id="s4-workspace" class="ms-core-overlay"><div id="s4-bodyContainer">',
        '<div id="s4-titlerow" class="ms-dialogHidden s4-titlerowhidetitle"><div id="titleAreaBox"'
        ' class="ms-noList ms-table ms-core-tableNoSpace"><div id="titleAreaRow" class="ms-'
        'tableRow"><div id="siteIcon" class="ms-tableCell ms-verticalAlignTop"><a href="/">'
        '<img id="ctl00_onetidHeadbnnr2" class="ms-siteicon-img" src="/SiteAssets/logo-van-'
        f'linh.png" alt="{ph.PORTAL_NAME}" /></a></div><div class="ms-breadcrumb-box ms-tableCell'
        ' ms-verticalAlignTop"><h1 id="pageTitle" class="ms-core-pageTitle"><span id="DeltaPlace'
        f'HolderPageTitleInTitleArea">{_slot("pagetitle")}</span></h1></div></div></div>',
        '<div id="DeltaTopNavigation" class="ms-displayInline ms-core-navigation" '
        'role="navigation">'
        '<a name="startNavigation"></a>',
        mega_menu(rng),
        f'<div class="search-box"><input type="text" name="k" title="Tìm kiếm"/><a href="'
        f'{urls.SEARCH}?k=chinh+quyen">Tìm kiếm</a> | <a href="{urls.CALENDAR}">Lịch công tác</a>'
        "</div></div></div>",
        '<div id="contentRow"><div id="sideNavBox" class="ms-dialogHidden ms-forceWrap ms-noList">',
        side_boxes(),
        '</div><div id="contentBox" aria-live="polite" aria-relevant="all"><div id="notification'
        'Area" class="ms-notif-box"></div><div id="DeltaPageStatusBar"><div id="pageStatusBar">'
        '</div></div><div id="DeltaPlaceHolderMain"><a id="mainContent" name="mainContent" '
        'tabindex="-1"></a>',
        _slot("main"),
        "</div></div></div>",
        footer(),
        "</div></div>",
        '<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTAT'
        'EGENERATOR" value="BAB98CB3" /><input type="hidden" name="__EVENTVALIDATION" id="__EVENT'
        f'VALIDATION" value="{_slot("ev")}" /></div>',
        _tail_script(rng, 15),
        "</form>\n</body>\n</html>\n",
    ]
    return "\n".join(parts).split("\x00")


def v4_shell(seed: int) -> list[str]:
    """The 2010 "v4" master page of the district subsite, with Vietnamese accessibility links."""
    rng = random.Random(f"demo-v4:{seed}")
    web = f"/{ph.DISTRICT_SLUG}/"
    quick = "".join(
        f'<li><a class="s4-ql-item" href="{href}"><span class="menu-item-text">{name}</span></a>'
        "</li>"
        for name, href in (
            ("Tin tức", urls.DISTRICT_LISTING),
            ("Giới thiệu huyện", f"{web}Pages/GioiThieu.aspx"),
            ("Lịch công tác", urls.CALENDAR),
            ("Cổng tỉnh", "/"),
        )
    )
    parts = [
        _HEAD.replace('content="IE=10"', 'content="IE=8"'),
        '<link rel="stylesheet" type="text/css" href="/_layouts/1066/styles/Themable/corev4.css?'
        'rev=iIikGkMuXBs8CWzKDAyjsQ%3D%3D"/>',
        '<script type="text/javascript" src="/_layouts/1066/init.js?rev=BJDmyeIV5jS04CPkRq4Ldg'
        '%3D%3D"></script>',
        '</head>\n<body scroll="no" onload="if (typeof(_spBodyOnLoadWrapper) != \'undefined\') '
        '_spBodyOnLoadWrapper();" class="v4master">',
        f'<form name="aspnetForm" method="post" action="{_slot("action")}" onsubmit="javascript:'
        'return WebForm_OnSubmit();" id="aspnetForm">',
        _hidden_fields(),
        _POSTBACK_SCRIPT,
        _context_script(14, web, f"Huyện {ph.DISTRICT}"),
        '<div id="TurnOnAccessibility" style="display:none" class="s4-notdlg noindex"><a href="#"'
        ' class="ms-TurnOnAcc" onclick="SetIsAccessibilityMode(true);return false;">Bật chế độ '
        "trợ năng nâng cao hơn</a></div>",
        '<div class="s4-notdlg s4-skipribbonshortcut noindex"><a href="javascript:;" onclick="'
        'javascript:this.href=\'#startNavigation\';" class="ms-SkiptoNavigation" accesskey="/"'
        ">Bỏ qua Lệnh Dải băng</a></div>",
        '<div class="s4-notdlg noindex"><a href="#mainContent" class="ms-SkiptoMainContent">'
        "Bỏ qua để tới nội dung chính</a></div>",
        '<div id="s4-ribbonrow" class="s4-pr s4-ribbonrowhidetitle"><div id="s4-ribboncont">'
        '<div class="ms-cui-ribbonTopBars"><div class="ms-cui-topBar2"><ul role="tablist"><li '
        'class="ms-cui-tt ms-browseTab ms-cui-tt-s"><a href="javascript:;" class="ms-cui-tt-a">'
        '<span class="ms-cui-tt-span">Duyệt</span></a></li></ul></div></div>'
        f'<div class="s4-trc-container"><a href="/_layouts/Authenticate.aspx?Source='
        f'{_slot("source")}" class="ms-signInLink">Đăng nhập</a></div></div></div>',
        '<div id="s4-workspace"><div id="s4-bodyContainer">',
        '<div id="s4-titlerow" class="s4-pr s4-notdlg s4-titlerowhidetitle"><div class="s4-title '
        's4-lp"><div class="s4-title-inner"><table class="s4-titletable" cellspacing="0"><tbody>'
        '<tr><td class="s4-titlelogo"><a href="/dongtram/"><img id="ctl00_onetidHeadbnnr2" src="'
        f'/SiteAssets/banner-dong-tram.jpg" alt="Huyện {ph.DISTRICT}" /></a></td><td class="s4-'
        f'titletext"><h1 name="onetidProjectPropertyTitle"><a href="{web}">Huyện {ph.DISTRICT}'
        '</a></h1><span class="s4-titlesep"> &gt; </span><h2><span id="ctl00_PlaceHolderPage'
        f'TitleInTitleArea_ctl00">{_slot("pagetitle")}</span></h2></td></tr></tbody></table>'
        "</div></div></div>",
        '<div id="s4-topheader2" class="s4-pr s4-notdlg"><a name="startNavigation"></a>'
        '<div class="s4-lp s4-toplinks">',
        mega_menu(rng),
        "</div></div>",
        '<div id="s4-leftpanel" class="s4-notdlg"><div id="s4-leftpanel-content"><div class="ms-'
        f'quicklaunchouter"><div class="ms-quickLaunch"><ul class="root static">{quick}</ul>'
        "</div></div>",
        side_boxes(),
        "</div></div>",
        '<div class="s4-ca s4-ca-dlgNoRibbon" id="MSO_ContentDiv"><table id="MSO_ContentTable" '
        'width="100%" border="0" cellspacing="0" cellpadding="0" class="ms-propertysheet"><tr>'
        '<td class="ms-bodyareacell" valign="top"><a name="mainContent"></a><div class="s4-ba">',
        _slot("main"),
        "</div></td></tr></table></div>",
        footer(),
        "</div></div>",
        '<div class="aspNetHidden"><input type="hidden" name="__EVENTVALIDATION" id="__EVENT'
        f'VALIDATION" value="{_slot("ev")}" /></div>',
        _tail_script(rng, 14),
        "</form>\n</body>\n</html>\n",
    ]
    return "\n".join(parts).split("\x00")


def fill(shell: list[str], values: Mapping[str, str]) -> str:
    """Render a shell: odd parts are slot names, even parts literal text."""
    return "".join(part if i % 2 == 0 else values.get(part, "") for i, part in enumerate(shell))


def page_values(
    vs: ViewState,
    path: str,
    *,
    title: str,
    page_title: str,
    main: str,
    recent: str,
    origin: str,
    page: int = 0,
    item_id: int = 0,
    list_id: str = "",
    action: str = "",
) -> dict[str, str]:
    """Slot values for one page; `path` is the request path (viewstate and digests key on it)."""
    return {
        "title": esc(title),
        "pagetitle": esc(page_title),
        "main": main,
        "recent": recent,
        "vs": vs.encode(path, page),
        "ev": event_validation(path),
        "digest": request_digest(path),
        "action": esc(action or "./" + path.rsplit("/", 1)[-1]),
        "source": quote(path, safe=""),
        "origin": origin,
        "reqpath": path.replace("/", "\\u002f"),
        "itemid": str(item_id),
        "listid": list_id or "8C3A6B2E-1F4D-4E59-9A0B-6D7C2E1F0A11",
    }
