"""Every selector the extractor uses, grouped by concern, as XPath 1.0 text.

Selectors match classes, stable ids and structure, never SharePoint's generated
`ctl00_ctlNN_g_<guid>` ids (the `ctlNN` number differs from site to site).
"""

from __future__ import annotations


def has_class(name: str) -> str:
    """XPath predicate body: the element carries the whole class `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def class_part(fragment: str) -> str:
    """XPath predicate body: some class contains `fragment` (integrators vary the spelling)."""
    return f"contains(@class, '{fragment}')"


# --- Where the main content lives (generic fallback) ------------------------------------------
# 2013 "seattle"/"oslo" use DeltaPlaceHolderMain, 2010 "v4" uses MSO_ContentTable; custom master
# pages usually keep the PlaceHolderMain content placeholder id somewhere.
MAIN_REGION = (
    "//*[@id='DeltaPlaceHolderMain']",
    "//*[@id='MSO_ContentTable']",
    "//*[contains(@id, 'PlaceHolderMain')]",
    "//*[@id='contentBox']",
    "//body",
)
RICH_TEXT = f".//div[{has_class('ms-rtestate-field')}]"
# Candidates for the text-density search when a page has no rich-text field.
DENSITY_CANDIDATES = ".//div | .//td | .//article | .//section"
HEADINGS = ".//h1 | .//h2 | .//h3"

# --- Chrome: removed from the article region before any field is read -----------------------
# Elements that never carry article text, whatever page they are on.
CHROME_TAGS = (
    "script",
    "style",
    "noscript",
    "link",
    "meta",
    "input",
    "select",
    "textarea",
    "button",
    "iframe",
    "object",
    "embed",
    "nav",
    "footer",
)
CHROME = (
    # Accessibility links: moved off-screen, not hidden, so text extraction would keep them.
    f".//*[{has_class('s4-skipribbonshortcut')}]",
    f".//a[{class_part('ms-Skipto')}]",
    ".//*[@id='TurnOnAccessibility' or @id='TurnOffAnimation']",
    ".//a[@name='mainContent' or @id='mainContent' or @name='startNavigation']",
    # Ribbon, suite bar, navigation, title row.
    ".//*[@id='s4-ribbonrow' or @id='suiteBar' or @id='RibbonContainer']",
    ".//*[@id='ms-designer-ribbon']",
    ".//*[@id='DeltaTopNavigation' or @id='sideNavBox' or @id='s4-titlerow']",
    f".//*[{class_part('ms-core-navigation')} or {class_part('ms-quicklaunch')}]",
    f".//*[{class_part('breadcrumb')} or {class_part('ms-sitemapdirectional')}]",
    # Web-part titles: read for the category first, then dropped.
    f".//*[{has_class('ms-webpart-titleText')} or {has_class('ms-WPTitle')}]",
    f".//*[{has_class('ms-webpart-chrome-title')}]",
    # Hidden things.
    ".//*[@hidden or @aria-hidden='true']",
    ".//*[contains(translate(@style, ' ', ''), 'display:none')]",
    f".//*[{has_class('ms-hide')} or {has_class('hidden')}]",
    # Related lists, tags, tool links: by their containers' classes ...
    f".//*[{class_part('related')} or {class_part('other-news')} or {class_part('othernews')}]",
    f".//*[{class_part('tinkhac')} or {class_part('tin-khac')} or {class_part('lienquan')}]",
    f".//*[{class_part('lien-quan')} or {class_part('cungchuyenmuc')}]",
    f".//*[{class_part('tandan-other')}]",
    f".//*[{class_part('tags')} or {class_part('tag-list')} or {class_part('keywords')}]",
    f".//*[{class_part('tool')} or {class_part('print')} or {class_part('share')}]",
    f".//*[{class_part('email')} or {class_part('goback')} or {class_part('back-link')}]",
    f".//*[{class_part('footer')} or contains(@id, 'footer') or contains(@id, 'Footer')]",
    # SharePoint list-form toolbars and "created by" blocks.
    f".//*[{class_part('ms-formtoolbar')} or @id='onetidinfoblock' or {class_part('ms-toolbar')}]",
)
# The same rules as plain data, for `body.remove_chrome`'s single Python pass over the region:
# libxml2 evaluates each XPath predicate on every element (27 passes, ~0.5 ms a page), while one
# walk reading each element's attributes once costs a fraction of that. `CHROME` above stays the
# readable specification; tests/unit/test_extract_chrome.py holds the two equal.
CHROME_CLASSES = frozenset(  # whole class tokens
    {"s4-skipribbonshortcut", "ms-webpart-titleText", "ms-WPTitle", "ms-webpart-chrome-title"}
    | {"ms-hide", "hidden"}
)
CHROME_CLASS_PARTS = (  # substrings of the class attribute, case-sensitive like XPath's contains()
    "ms-core-navigation", "ms-quicklaunch", "breadcrumb", "ms-sitemapdirectional",
    "related", "other-news", "othernews", "tinkhac", "tin-khac", "lienquan", "lien-quan",
    "cungchuyenmuc", "tandan-other", "tags", "tag-list", "keywords", "tool", "print", "share",
    "email", "goback", "back-link", "footer", "ms-formtoolbar", "ms-toolbar",
)  # fmt: skip
CHROME_IDS = frozenset(
    {"TurnOnAccessibility", "TurnOffAnimation", "s4-ribbonrow", "suiteBar", "RibbonContainer"}
    | {"ms-designer-ribbon", "DeltaTopNavigation", "sideNavBox", "s4-titlerow", "onetidinfoblock"}
)
CHROME_ID_PARTS = ("footer", "Footer")
CHROME_HIDDEN_STYLE = "display:none"  # in the style attribute with spaces removed
# Links only: skip links by class part, name or id.
CHROME_LINK_CLASS_PARTS = ("ms-Skipto",)
CHROME_LINK_NAMES = frozenset({"mainContent", "startNavigation"})
CHROME_LINK_IDS = frozenset({"mainContent"})
# Script and mail links are not chrome: their words stay, only the link goes (`body.remove_chrome`).
CHROME_LINK_HREF_PREFIXES = ("javascript:", "mailto:")

# Containers the structural link-density rule may remove (related boxes without a class).
LINK_LIST_CONTAINERS = ".//ul | .//ol | .//div | .//table"
LINK_DENSITY_LIMIT = 0.6
LINK_LIST_MIN_LINKS = 2
# A related list's heading ("Các tin khác", "Tin liên quan"): a short element right before it.
LIST_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "div", "strong", "b", "span"})
LIST_HEADING_MAX_CHARS = 60

# --- Pages that are not articles, by structure ------------------------------------------------
NOT_ARTICLE = (
    f".//*[{class_part('ms-acal-')}]",  # calendar views
    # Search results (not the search box: `ms-srch-sb` sits in every 2013 page's chrome).
    f".//*[{class_part('ms-srch-result')} or {class_part('ms-srch-item')}]",
    f".//*[{class_part('srch-result')}]",
    ".//*[@id='SearchResults' or @id='searchResults']",
)
# A visible text field or text area inside the content zone means a form (contact, search).
FORM_FIELDS = ".//textarea | .//input[@type='text' or @type='email' or @type='search']"

# --- Category -----------------------------------------------------------------------------------
# The title of the web part that contains the article.
_WP_TITLE = (
    f"descendant::*[{has_class('ms-webpart-titleText')} or {has_class('ms-WPTitle')}"
    f" or {has_class('ms-webpart-title')}]"
)
WEBPART_TITLE = (
    f"ancestor-or-self::*[{has_class('ms-webpart-chrome')}][1]/{_WP_TITLE}",
    # 2010: web parts sit in zone cells, the title in the row above the body.
    f"ancestor-or-self::td[starts-with(@id, 'MSOZoneCell_')][1]/{_WP_TITLE}",
)
BREADCRUMB_ITEMS = (
    f"//*[{class_part('breadcrumb')} or {class_part('ms-sitemapdirectional')}"
    " or contains(@id, 'TitleBreadcrumb') or contains(@id, 'siteMapPath')]"
    "//*[self::a or self::span][not(*)]"
)
# The navigation's current item: the section, when nothing else names it.
NAV_CURRENT = (
    f"//li[{has_class('current')} or {has_class('selected')} or {has_class('active')}]"
    f"[ancestor::*[{class_part('nav')} or {class_part('Nav')} or {class_part('menu')}"
    " or contains(@id, 'nav') or contains(@id, 'Nav') or contains(@id, 'menu')]]"
)
# Web-part titles that name the part, not the section.
NON_SECTION_TITLES = ("chi tiết", "nội dung", "detail", "news detail", "xem tin")
BREADCRUMB_HOME = ("trang chủ", "home", "trang nhất")
# A list's root folder, as a news web part prints it when an item has no folder.
ROOT_FOLDER_NAMES = ("root", "thư mục gốc")

# --- Images and captions --------------------------------------------------------------------------
# Decorative images: logos, icons, spacers, SharePoint's own layout images.
DECORATIVE_IMAGE = r"(logo|icon|spacer|blank\.gif|pixel|/_layouts/|/_catalogs/masterpage/|bullet)"
DECORATIVE_MAX_PX = 24
CAPTION_CLASS = "caption"
CAPTION_MAX_CHARS = 300
FIGCAPTION = "ancestor::figure[1]//figcaption"

# --- Attachments ----------------------------------------------------------------------------
ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar")

# --- Labels (text that names a field) -----------------------------------------------------------
DATE_LABELS = (
    r"Ngày\s+đăng",
    r"Đăng\s+ngày",
    r"Ngày\s+cập\s+nhật",
    r"Cập\s+nhật(?:\s+lúc)?",
    r"Gửi\s+lúc",
    r"Ngày\s+xuất\s+bản",
    r"Thời\s+gian\s+đăng",
    r"Ngày(?=\s*:)",
    r"Posted(?:\s+on)?",
    r"Published(?:\s+on)?",
    r"Date",
)
VIEW_LABELS = (
    r"Số\s+lượt\s+người\s+xem",
    r"Lượt\s+người\s+xem",
    r"Lượt\s+xem",
    r"Số\s+lượt\s+xem",
    r"Lượt\s+đọc",
    r"Số\s+lần\s+xem",
    r"Views?",
    r"Hits",
)
AUTHOR_LABELS = (
    r"Tác\s+giả",
    r"Người\s+(?:viết|đưa|đăng)\s+tin",
    r"Người\s+viết",
    r"Người\s+đăng",
    r"Phóng\s+viên",
    r"Bài\s+và\s+ảnh",
    r"Tin\s+và\s+ảnh",
    r"Tin,\s*ảnh",
    r"Bài,\s*ảnh",
    r"Author",
    r"Posted\s+by",
    r"By",
)
# Class or id words of a by-line element.
AUTHOR_CLASS_WORDS = ("author", "byline", "by-line", "tacgia", "tac-gia", "butdanh", "nguoiviet")
# A photo-and-text credit names the reporter, with or without a colon: "Tin ảnh Minh Anh".
AUTHOR_CREDITS = (
    r"Tin\s+(?:và\s+)?ảnh",
    r"Ảnh\s+và\s+tin",
    r"Bài\s+và\s+ảnh",
    r"Tin,\s*ảnh",
    r"Bài,\s*ảnh",
)
# "Nguồn:", "Nguồn tin:", "Nguồn tin từ:", "Theo:": the credited origin.
SOURCE_LABEL = r"(?:Nguồn(?:\s+tin)?(?:\s+từ)?|Theo|Source)"
SOURCE_NOTE = r"\(?\s*" + SOURCE_LABEL + r"\s*:[^)]*\)?"
CATEGORY_LABELS = (r"Chuyên\s+mục", r"Danh\s+mục", r"Loại\s+tin", r"Category")

# --- Form tables (DispForm.aspx): label text -> field -----------------------------------------
FORM_ROW = f".//table[{has_class('ms-formtable')}]//tr"
FORM_LABEL = f".//td[{has_class('ms-formlabel')}]"
FORM_BODY = f".//td[{has_class('ms-formbody')}]"
FORM_FIELD_LABELS = {
    "title": ("tiêu đề", "title", "tên bài viết", "tên tin"),
    "published": (
        "ngày đăng",
        "ngày xuất bản",
        "ngày tạo tin",
        "published",
        "publish date",
        "date",
    ),
    "summary": ("tóm tắt", "trích yếu", "mô tả", "summary", "description", "lead"),
    "body": ("nội dung", "body", "content", "page content", "article content"),
    "author": ("tác giả", "người viết", "author", "byline"),
    "category": ("chuyên mục", "danh mục", "loại tin", "category"),
    "views": ("lượt xem", "số lượt xem", "views"),
    "attachments": ("tệp đính kèm", "đính kèm", "attachments", "file đính kèm"),
}

# --- Title -------------------------------------------------------------------------------------
# Headings that are never the article's own: title row copies, web-part titles, navigation.
NOT_A_TITLE = (
    "ancestor-or-self::*[@id='s4-titlerow' or @id='pageTitle' or contains(@id, 'PageTitle')"
    f" or {has_class('ms-webpart-titleText')} or {has_class('ms-WPTitle')}"
    f" or {has_class('ms-webpart-chrome-title')} or self::nav or {class_part('breadcrumb')}]"
)
# `NOT_A_TITLE` as data, for `extractor._not_a_title`'s walk up the ancestors (the XPath took
# ~60 µs a heading); tests/unit/test_extract_chrome.py holds the two equal.
NOT_A_TITLE_IDS = frozenset({"s4-titlerow", "pageTitle"})
NOT_A_TITLE_ID_PARTS = ("PageTitle",)
NOT_A_TITLE_CLASSES = frozenset({"ms-webpart-titleText", "ms-WPTitle", "ms-webpart-chrome-title"})
NOT_A_TITLE_CLASS_PARTS = ("breadcrumb",)
NOT_A_TITLE_TAGS = frozenset({"nav"})
