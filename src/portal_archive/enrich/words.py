"""The word lists the tagger's rules read: type words of administrative units, honorifics,
titles, organisation head words, surnames. Lower-case tuples are matched word by word."""

from __future__ import annotations

from portal_archive.enrich.gazetteer import COMMUNE, DISTRICT, PROVINCE


def _words(text: str) -> list[str]:
    return text.split()


def _phrases(text: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(p.split()) for p in text.split("|"))


# Type word -> the levels it names, most likely first ("thành phố" is a province (Hà Nội) or
# a district (Phủ Lý)). Units change type (a "huyện" became a "thị xã"): the level is what
# counts, not the exact type the gazetteer has.
TYPE_WORDS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("xã",): (COMMUNE,),
    ("phường",): (COMMUNE,),
    ("thị", "trấn"): (COMMUNE,),
    ("huyện",): (DISTRICT,),
    ("quận",): (DISTRICT,),
    ("thị", "xã"): (DISTRICT,),
    ("thành", "phố"): (PROVINCE, DISTRICT),
    ("tp",): (PROVINCE, DISTRICT),
    ("tp", "."): (PROVINCE, DISTRICT),
    ("tỉnh",): (PROVINCE,),
    # Party committees name their unit: "Huyện ủy Thanh Liêm", "Tỉnh ủy Hà Nam".
    ("tỉnh", "ủy"): (PROVINCE,),
    ("thành", "ủy"): (PROVINCE, DISTRICT),
    ("huyện", "ủy"): (DISTRICT,),
    ("thị", "ủy"): (DISTRICT,),
}

HONORIFICS = frozenset(["ông", "bà", "anh", "chị", "cô", "thầy", "em", "cháu", "cụ"])

# Ranks and callings written before a name ("Đại tá Vũ Minh Quang").
RANKS = _phrases(
    "đồng chí|đ / c|đại tá|thượng tá|trung tá|thiếu tá|đại úy|thượng úy|trung úy|thiếu úy"
    "|thiếu tướng|trung tướng|đại tướng|bác sĩ|tiến sĩ|thạc sĩ|kỹ sư|nghệ nhân|nhà báo"
    "|nhà giáo|kiểm sát viên|thí sinh|luật sư|giáo sư|phó giáo sư"
)

# How positions begin ("Phó Chủ tịch UBND tỉnh", "Giám đốc Sở Xây dựng").
TITLES = _phrases(
    "chủ tịch|phó chủ tịch|bí thư|phó bí thư|giám đốc|phó giám đốc|tổng giám đốc|trưởng"
    "|phó trưởng|trưởng ban|phó trưởng ban|trưởng phòng|phó trưởng phòng|hiệu trưởng"
    "|phó hiệu trưởng|thứ trưởng|bộ trưởng|ủy viên|chỉ huy trưởng|chi cục trưởng|cục trưởng"
    "|đội trưởng|đại biểu|đại biểu quốc hội|chánh|chánh văn phòng|chủ nhiệm|phó chủ nhiệm"
    "|kiểm sát viên|kỹ sư|nghệ nhân|nông dân|cán bộ|giảng viên|học sinh|sinh viên|công nhân"
    "|trưởng thôn|tổng biên tập|phó tổng biên tập|chánh án|viện trưởng|chủ nhiệm hợp tác xã"
    "|thủ tướng|phó thủ tướng|chính trị viên|tư lệnh|phó tư lệnh|trưởng đoàn|phó trưởng đoàn"
    "|cục trưởng|phó cục trưởng|phó chánh thanh tra|chánh thanh tra|phó chánh|thường trực"
    "|phó viện trưởng|phó chánh án|phó chủ tịch thường trực|phó bí thư thường trực"
    "|mẹ việt nam anh hùng|ủy viên ban thường vụ|ủy viên thường trực|tỉnh ủy viên|huyện ủy viên"
    "|hội viên|tuv|uvtvtu|uvtv|uvbtv|uvtw|ubtv|pbt|pct|ct|bt|pgđ|gđ|đbqh|huv"
)

# Abbreviated titles and bodies of positions ("PCT UBND huyện"), and what they stand for: a
# position keeps the words it was written with, its expansion goes in a column of its own.
ABBREVIATIONS: dict[str, str] = {
    "TUV": "Tỉnh ủy viên",
    "HUV": "Huyện ủy viên",
    "UVTVTU": "Ủy viên Ban Thường vụ Tỉnh ủy",
    "UVTVHU": "Ủy viên Ban Thường vụ Huyện ủy",
    "UVBTV": "Ủy viên Ban Thường vụ",
    "UVTV": "Ủy viên Ban Thường vụ",
    "UVTW": "Ủy viên Trung ương Đảng",
    "UVBCH": "Ủy viên Ban Chấp hành",
    "PBT": "Phó Bí thư",
    "BT": "Bí thư",
    "PCT": "Phó Chủ tịch",
    "CT": "Chủ tịch",
    "PGĐ": "Phó Giám đốc",
    "GĐ": "Giám đốc",
    "ĐBQH": "Đại biểu Quốc hội",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "HĐTV": "Hội đồng thành viên",
    "HĐQT": "Hội đồng quản trị",
    "CĐCS": "Công đoàn cơ sở",
    "TAND": "Tòa án nhân dân",
    "VKSND": "Viện Kiểm sát nhân dân",
    "KSND": "Kiểm sát nhân dân",
    "CHQS": "Chỉ huy Quân sự",
    "BCHQS": "Ban Chỉ huy Quân sự",
    "LĐLĐ": "Liên đoàn Lao động",
    "TNCS": "Thanh niên Cộng sản",
    "LĐ-TBXH": "Lao động - Thương binh và Xã hội",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "TB&XH": "Thương binh và Xã hội",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "PTNT": "Phát triển nông thôn",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo",
    "TN&MT": "Tài nguyên và Môi trường",
    "TNMT": "Tài nguyên và Môi trường",
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "VH-TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "TT&TT": "Thông tin và Truyền thông",
    "TTTT": "Thông tin và Truyền thông",
    "GTVT": "Giao thông vận tải",
}

# Second syllables of the sixty-year cycle's names: "xuân Đinh Dậu" is a year, not a person.
CYCLE_YEARS = frozenset(_words("Tý Sửu Dần Mão Mẹo Thìn Tỵ Tị Ngọ Mùi Thân Dậu Tuất Hợi"))

# "Trường" heads a school's name only before one of these ("Trường THCS…", "Trường Đại học…"):
# "Trường Sơn" is a mountain range.
SCHOOL_KINDS = frozenset(
    _words(
        "thcs thpt th tiểu mầm mẫu đại cao trung chính phổ dân ptdtnt ptdtbt pt quân nghiệp"
        " năng thể kỹ sư nghề bồi ptth"
    )
)

# Organisations begin with these (capitalised in the text).
ORG_HEADS = _phrases(
    "ủy ban|ban chỉ đạo|ban chỉ huy|ban chỉ huy quân sự|bộ chỉ huy bộ đội biên phòng|trạm y tế"
    "|đoàn đbqh|tiểu đoàn|đồn biên phòng|bộ đội biên phòng|tand|vksnd"
    "|tòa án nhân dân|viện kiểm sát nhân dân|đoàn kiểm toán|kiểm toán nhà nước"
    "|ủy ban nhân dân|ủy ban mặt trận tổ quốc việt nam|ủy ban mặt trận tổ quốc|hội đồng nhân dân"
    "|ubnd|hđnd|mttq|sở|bộ|ban|phòng|trung tâm|công an|bệnh viện|trường|hội|tỉnh ủy|huyện ủy"
    "|thành ủy|thị ủy|đảng ủy|đảng bộ|tỉnh đoàn|đoàn thanh niên|đoàn đại biểu quốc hội|công ty"
    "|hợp tác xã|ngân hàng|tổng cục|cục|chi cục|báo|đài|liên đoàn|viện|viện kiểm sát|học viện"
    "|kho bạc|quỹ|văn phòng|thanh tra|tòa án|khu công nghiệp|cụm công nghiệp|tập đoàn|đại học"
    "|bộ chỉ huy|bộ chỉ huy quân sự|ban quản lý"
)

# Heads that name an organisation on their own.
ORG_WHOLE = _phrases(
    "ủy ban mặt trận tổ quốc việt nam|đoàn đại biểu quốc hội|đoàn kiểm toán|kiểm toán nhà nước"
    "|tòa án nhân dân cấp cao|tòa án nhân dân tối cao|viện kiểm sát nhân dân cấp cao"
    "|viện kiểm sát nhân dân tối cao|bộ chỉ huy quân sự|ban chỉ huy quân sự"
    "|bộ chỉ huy bộ đội biên phòng|đoàn đbqh"
)

# Heads written as acronyms: an upper-case head word is a heading's shouting otherwise.
ORG_ACRONYMS = frozenset(["ubnd", "hđnd", "mttq", "tand", "vksnd"])

# Heads of bodies named by a description and their unit ("Ban chỉ đạo phòng chống dịch tỉnh").
ORG_DESCRIBED = _phrases("ban chỉ đạo|ban chỉ huy|trung tâm|ủy ban|ban quản lý|ban tổ chức")

# Capitalised words before a bare province name that do not make it part of another name.
ORG_HEAD_WORDS = frozenset(
    ["Báo", "Đài", "Sở", "UBND", "HĐND", "Tỉnh", "Công", "Đoàn", "Hội", "Ban"]
)

# Lower-case words that go on an organisation's name after its capitalised words.
ORG_TAILS = _phrases(
    "nông thôn|vận tải|xã hội|phòng cháy chữa cháy|hành chính công|nhân dân|việc làm"
    "|thanh niên|liệt sĩ|nhà nước|của quốc hội|trung ương|cấp cao|tối cao|đảng|nhà trường"
)

# Words that end an organisation's name even right after a capitalised word.
STOP = frozenset(
    [
        "đã",
        "đang",
        "sẽ",
        "là",
        "có",
        "được",
        "cho",
        "và",
        "của",
        "với",
        "tại",
        "về",
        "trong",
        "để",
        "đến",
        "từ",
        "các",
        "những",
        "do",
        "vừa",
        "đề",
        "cùng",
        "trao",
        "ra",
        "vào",
        "khi",
        "nhằm",
        "theo",
        "ở",
    ]
)

# Places that are not administrative units, by their head word ("thôn Yên Lạc", "chùa Tam
# Chúc"). Villages are below the communes the gazetteer knows.
PLACE_HEADS = _phrases(
    "thôn|xóm|làng|bản|ấp|bon|buôn|chùa|đền|đình|sông|núi|hồ|đảo|khu kinh tế|khu du lịch|chợ|thác"
    "|cửa khẩu|tổ dân phố"
)
# Heads of villages, capitalised after a comma or a colon too ("Địa chỉ: Thôn 5, xã…").
VILLAGE_HEADS = _phrases("thôn|xóm|bon|buôn|ấp|bản|tổ dân phố")

# Regions of the country, named after "các tỉnh" as if they were one.
REGIONS = _phrases(
    "tây nguyên|tây bắc|đông bắc|tây nam bộ|đông nam bộ|nam bộ|bắc bộ|trung bộ|nam trung bộ"
    "|bắc trung bộ|duyên hải nam trung bộ|đồng bằng sông cửu long|đồng bằng sông hồng"
)

COUNTRIES = _phrases(
    "việt nam|lào|campuchia|trung quốc|nhật bản|hàn quốc|thái lan|hoa kỳ|singapore|ấn độ"
    "|liên bang nga|australia|canada|indonesia|malaysia|philippines|myanmar|cuba"
)

# First syllables of place names in the Central Highlands' languages ("Đắk Mil", "Ea Súp"):
# their tones are written many ways.
MINORITY_SYLLABLES = frozenset(_words("đắk ea cư krông buôn nâm ia chư kon bu yang lắk glong"))

# Words before a country's name that make it an attribute, not a place: its currency,
# language, people, goods, and bodies named after it ("Cộng sản", "Phụ nữ", "Nhà giáo").
COUNTRY_ATTRIBUTES = frozenset(["tiền", "tiếng", "người", "hàng", "sản", "nữ", "giáo"])

# Words before a unit named after a person that make it a road or a body, not the person.
EPONYM_NOT_PERSON = frozenset(["đường", "tp", "tncs", "phố", "quảng", "lăng", "bảo", "cầu"])

# The commonest Vietnamese surnames (over 99% of people).
SURNAMES = frozenset(
    _words(
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào "
        "Lương Trịnh Mai Tạ Cao Lưu Hà Vương Tô Thái Chu Quách Lâm Triệu Tống Kiều Nông "
        "Lã Lại Khúc Đoàn Giang Từ Kim Âu Đàm Phí Nghiêm Trương Lò Giàng Hứa Mạc Thân "
        "Diệp Doãn Mẫn Quan Tăng Lục Hầu Bạch Ninh Đồng Viên Phùng Khổng La Thạch Vi "
        "Hoàng "
    )
)

CLAUSE_ENDS = frozenset([".", ",", ";", ":", "!", "?", "(", ")"])
