"""Our own Vietnamese phrase bank for the made-up province of Vân Lĩnh.

Every name here is invented: the province, its districts and communes are fiction, so the demo
can never be mistaken for (or aimed at) a real portal. Text is combined deterministically by
`portal_archive_demo.data`.
"""

from __future__ import annotations

PROVINCE = "Vân Lĩnh"
PORTAL_NAME = f"Cổng thông tin điện tử tỉnh {PROVINCE}"
DISTRICT = "Đông Tràm"
DISTRICT_SLUG = "dongtram"
DISTRICTS = ("Đông Tràm", "Lâm Khê", "Ngọc Vân", "Hòa Sa", "Tràm Giang", "Yên Lĩnh")
COMMUNES = (
    "Vân Khê",
    "Tràm Hạ",
    "Lĩnh Đông",
    "Phú Giang Thượng",
    "Hòa Mộc",
    "Yên Tràm",
    "Sa Lộc",
    "Khê Nam",
)
RIVER = "sông Tràm Giang"
ADDRESS = "Số 18 đường Lĩnh Nam, phường Vân Khê, thành phố Vân Lĩnh, tỉnh Vân Lĩnh"
PHONE = "0299.3812.456"

SUBJECTS = (
    "Ban Thường vụ Tỉnh ủy",
    "UBND tỉnh Vân Lĩnh",
    "Đảng ủy xã {commune}",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Hội Liên hiệp Phụ nữ huyện {district}",
    "Đoàn đại biểu Quốc hội tỉnh",
    "Sở Giáo dục và Đào tạo",
    "Công an huyện {district}",
    "Ủy ban MTTQ Việt Nam tỉnh",
    "Trung tâm Y tế huyện {district}",
    "Hội Nông dân tỉnh",
    "Sở Thông tin và Truyền thông",
    "UBND huyện {district}",
    "Tỉnh đoàn Vân Lĩnh",
)
ACTIONS = (
    "tổ chức hội nghị sơ kết công tác",
    "triển khai kế hoạch",
    "tổng kết công tác",
    "phát động phong trào thi đua về",
    "kiểm tra tiến độ",
    "ra quân hưởng ứng",
    "ký kết chương trình phối hợp về",
    "tập huấn nghiệp vụ về",
    "đối thoại với nhân dân về",
    "đẩy mạnh",
)
TOPICS = (
    "xây dựng chính quyền thân thiện",
    "chuyển đổi số năm {year}",
    "xây dựng nông thôn mới nâng cao",
    "cải cách hành chính",
    "phòng chống thiên tai và tìm kiếm cứu nạn",
    "bảo vệ môi trường lưu vực sông Tràm Giang",
    "giữ gìn an ninh trật tự, hòa bình ở cơ sở",
    "phát triển kinh tế tập thể",
    "chăm sóc sức khỏe người cao tuổi",
    "khuyến học, khuyến tài",
    "phát triển du lịch cộng đồng",
    "bảo đảm an toàn giao thông dịp lễ",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "đào tạo nghề cho lao động nông thôn",
)
PERSONS = (
    ("Lê Văn Thành", "Phó Bí thư Tỉnh ủy"),
    ("Nguyễn Thị Hồng Nhung", "Phó Chủ tịch UBND tỉnh"),
    ("Phạm Quốc Đạt", "Chủ tịch UBND huyện Đông Tràm"),
    ("Trịnh Minh Khôi", "Giám đốc Sở Thông tin và Truyền thông"),
    ("Đỗ Thu Trang", "Bí thư Đảng ủy xã Vân Khê"),
    ("Vũ Đình Lâm", "Trưởng Ban Dân vận Tỉnh ủy"),
)
ATTENDEES = (
    "lãnh đạo các sở, ban, ngành của tỉnh",
    "đại diện Thường trực HĐND, UBND huyện",
    "các đồng chí trong Ban Chấp hành Đảng bộ xã",
    "hơn 200 đoàn viên, hội viên và nhân dân địa phương",
    "cán bộ, công chức các phòng chuyên môn",
)
OPENINGS = (
    "Sáng ngày",
    "Chiều ngày",
    "Ngày",
)
SENTENCES = (
    "Thời gian qua, {subject} đã chủ động tham mưu nhiều giải pháp thiết thực về {topic}.",
    "Theo báo cáo, toàn {area} đã hoàn thành {percent}% chỉ tiêu đề ra, vượt kế hoạch năm.",
    "Nhiều mô hình hay, cách làm sáng tạo được nhân rộng, tạo sức lan tỏa trong cộng đồng.",
    "Đảng ủy, chính quyền các cấp luôn xác định đây là nhiệm vụ trọng tâm, thường xuyên.",
    "Bên cạnh kết quả đạt được, công tác {topic} vẫn còn một số hạn chế cần sớm khắc phục.",
    "Việc phối hợp giữa các đơn vị có lúc chưa chặt chẽ, nguồn lực đầu tư còn khó khăn.",
    "Phát biểu tại buổi làm việc, đồng chí {person}, {position}, ghi nhận những nỗ lực của "
    "tập thể cán bộ, đảng viên.",
    "Đồng chí đề nghị các địa phương tiếp tục quán triệt phương châm xây dựng chính quyền "
    "thân thiện, gần dân, vì dân.",
    "Người dân {commune} phấn khởi khi con đường mới được đưa vào sử dụng, đi lại thuận tiện hơn.",
    "Dịp này, {count} tập thể và cá nhân có thành tích xuất sắc được tặng giấy khen.",
    "Các đại biểu đã thảo luận, đóng góp nhiều ý kiến tâm huyết, sát với thực tiễn địa phương.",
    "Mục tiêu đến cuối năm {year} là nâng tỷ lệ hồ sơ trực tuyến toàn trình lên trên {percent}%.",
    "Nhờ sự vào cuộc quyết liệt của cả hệ thống chính trị, đời sống nhân dân ngày càng được "
    "cải thiện.",
    "Ban Chỉ đạo yêu cầu các đơn vị rà soát, đánh giá đúng thực trạng và đề xuất giải pháp "
    "khả thi.",
    "Công tác tuyên truyền được đổi mới về nội dung lẫn hình thức, phù hợp với từng đối tượng.",
    "Những năm gần đây, vùng đất ven {river} đã đổi thay rõ rệt, đường làng ngõ xóm khang trang.",
    "Hội nghị cũng đã thống nhất phương hướng, nhiệm vụ trọng tâm trong thời gian tới.",
    "Các thành viên tổ công tác đã kiểm tra thực tế tại {count} hộ gia đình trên địa bàn.",
    "Lực lượng chức năng duy trì trực ban nghiêm túc, bảo đảm an ninh, hòa bình cho nhân dân.",
    "Tổng kinh phí thực hiện hơn {count} triệu đồng, chủ yếu từ nguồn xã hội hóa.",
)
CAPTIONS = (
    "Quang cảnh hội nghị",
    "Đồng chí {person} phát biểu chỉ đạo",
    "Trao giấy khen cho các tập thể, cá nhân xuất sắc",
    "Các đại biểu tham quan mô hình sản xuất tại xã {commune}",
    "Lực lượng đoàn viên ra quân dọn vệ sinh môi trường",
    "Người dân {commune} làm thủ tục hành chính tại bộ phận một cửa",
    "Toàn cảnh công trình sau khi hoàn thành",
)
AUTHORS = (
    "Minh Anh",
    "Thu Hà",
    "Nguyễn Văn Đức",
    "Trần Thị Lan Phương",
    "Hoàng Nam - Bích Ngọc",
    "Phòng Văn hóa - Thông tin huyện Đông Tràm",
    "Ban Biên tập",
)
SOURCES = (
    "Báo Vân Lĩnh",
    "Đài Phát thanh - Truyền hình Vân Lĩnh",
    "Trung tâm Văn hóa - Thể thao huyện Đông Tràm",
)
NEWS_CATEGORIES = (
    "Tin tức - Sự kiện",
    "Thông tin cần biết",
    "Chính trị - Xã hội",
    "Kinh tế",
    "Văn hóa - Xã hội",
)
PUBLISHING_CATEGORY = "Tin hoạt động"
DISPFORM_CATEGORIES = ("Tin địa phương", "Nông nghiệp - Nông thôn", "Giáo dục - Y tế")
ITEMID_CATEGORIES = ("Tin hoạt động", "Chỉ đạo điều hành")
LACVIET_CATEGORIES = ("Tin hoạt động", "tin nổi bật", "Thông tin cần biết", "Tin địa phương")
PRESS_CATEGORY = "Thông cáo báo chí"
CHITIET_CATEGORIES = ("Tin chuyên ngành", "Tin tức - Sự kiện", "Khoa học - Công nghệ")
PHOTOGRAPHERS = ("Minh Anh", "Quốc Huy", "Thanh Tâm", "Ngọc Vân - TTVH")
TRANSLATIONS = (("tieng Anh", "Bản tiếng Anh"), ("tieng Trung", "Bản tiếng Trung"))
PRESS_CONTACT = (
    "Phòng Thông tin - Báo chí, Văn phòng UBND tỉnh Vân Lĩnh",
    "Điện thoại: 0299.3812.460",
    "Thư điện tử: baochi@vanlinh.example.vn",
)
PRESS_NOTES = (
    "Cổng thông tin điện tử tỉnh Vân Lĩnh đăng tải thông cáo báo chí của UBND tỉnh.",
    "Ảnh và tài liệu kèm theo được phép sử dụng với ghi chú nguồn.",
)
DOC_KINDS = (
    ("Ke hoach", "Kế hoạch số {n}/KH-UBND"),
    ("Quyet dinh", "Quyết định số {n}/QĐ-UBND"),
    ("Cong van", "Công văn số {n}/UBND-VX"),
    ("Thong bao", "Thông báo số {n}/TB-VP"),
)
IMAGE_BASES = (
    "Hoi nghi",
    "Toan canh hoi nghi",
    "Le khanh thanh",
    "Dong chi Bi thu phat bieu",
    "Trao giay khen",
    "Nong dan thu hoach lua",
    "Cau Dong Tram",
    "Mot cua dien tu",
    "Ra quan ve sinh",
    "Kiem tra cong trinh",
    "Doan vien tinh nguyen",
    "Lang nghe Hoa Moc",
)
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
POLL_OPTIONS = ("Rất hài lòng", "Hài lòng", "Chưa hài lòng", "Ý kiến khác")
WEB_LINKS = (
    ("Cổng Dịch vụ công tỉnh", "/Trang/DichVuCong.aspx"),
    ("Báo Vân Lĩnh điện tử", "/Trang/LienKet.aspx?site=bao"),
    ("Sơ đồ cổng thông tin", "/Trang/Old/SoDoWebsite.aspx"),
    ("Thư viện điện tử (cũ)", "/thuvien/Pages/default.aspx"),
)
MENU = (
    (
        "Giới thiệu",
        (
            "Tổng quan",
            "Lịch sử",
            "Địa lý tự nhiên",
            "Dân số",
            "Văn hóa",
            "Du lịch",
            "Bản đồ hành chính",
            "Tiềm năng đầu tư",
        ),
    ),
    (
        "Chính quyền",
        (
            "Tỉnh ủy",
            "HĐND tỉnh",
            "UBND tỉnh",
            "Các sở, ban, ngành",
            "Huyện, thị xã",
            "Danh bạ điện thoại",
            "Thư điện tử công vụ",
        ),
    ),
    (
        "Tin tức - Sự kiện",
        (
            "Tin hoạt động",
            "Chỉ đạo điều hành",
            "Thông tin cần biết",
            "Kinh tế",
            "Văn hóa - Xã hội",
            "Chính trị - Xã hội",
            "Tin địa phương",
        ),
    ),
    (
        "Văn bản",
        (
            "Văn bản pháp quy",
            "Văn bản chỉ đạo",
            "Dự thảo lấy ý kiến",
            "Công báo",
            "Quy hoạch",
            "Thống kê",
        ),
    ),
    (
        "Công dân",
        (
            "Thủ tục hành chính",
            "Hỏi đáp",
            "Phản ánh kiến nghị",
            "Tuyển dụng",
            "Đất đai",
            "Giáo dục",
            "Y tế",
        ),
    ),
    (
        "Doanh nghiệp",
        ("Thông tin đầu tư", "Đấu thầu", "Dự án", "Khu công nghiệp", "Hỗ trợ doanh nghiệp"),
    ),
)
