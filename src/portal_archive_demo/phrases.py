"""Our own Vietnamese phrase banks: the made-up province of Vân Lĩnh, and the golden corpus.

Every name here is invented: the province, its districts and communes are fiction, so the demo
can never be mistaken for (or aimed at) a real portal. Text is combined deterministically by
`portal_archive_demo.data`. The banks at the end (our own writing too) feed the golden corpus
generators, `portal_archive_demo.golden`; their content and order fix the golden pages' bytes.
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
# Real places (facts, not text) that the invented province's delegations visit: one article in
# seven says so, so that the demo archive's entities and map have real units to show.
PARTNERS = (
    "xã Trác Văn, thị xã Duy Tiên, tỉnh Hà Nam",
    "xã Yên Bắc, thị xã Duy Tiên, tỉnh Hà Nam",
    "phường Lam Hạ, thành phố Phủ Lý, tỉnh Hà Nam",
    "xã Nhân Thịnh, huyện Lý Nhân, tỉnh Hà Nam",
    "thị trấn Kiện Khê, huyện Thanh Liêm, tỉnh Hà Nam",
    "xã Liên Sơn, huyện Kim Bảng, tỉnh Hà Nam",
)
PARTNER_VISIT = (
    "Dịp này, đoàn công tác đã đến thăm và trao đổi kinh nghiệm với {partner}, nơi có nhiều "
    "cách làm hay trong xây dựng nông thôn mới."
)
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

# --- The golden corpus (`portal_archive_demo.golden`): banks of its own, kept as first written ---
# golden.families: a province portal's news, in Vietnamese and English pages alike.
CORPUS_SENTENCES = (
    "Ủy ban nhân dân tỉnh đã tổ chức hội nghị tổng kết công tác cải cách hành chính năm qua",
    "Các đại biểu đã thảo luận sôi nổi về giải pháp nâng cao chất lượng dịch vụ công trực tuyến",
    "Đồng chí Phó Chủ tịch đề nghị các sở, ngành tiếp tục rà soát thủ tục hành chính",
    "Người dân được hướng dẫn nộp hồ sơ qua cổng dịch vụ công của tỉnh",
    "Nhiều tuyến đường giao thông nông thôn đã được đầu tư nâng cấp trong những tháng đầu năm",
    "Hội nghị đã biểu dương những tập thể và cá nhân có thành tích xuất sắc",
    "Ngành giáo dục chuẩn bị chu đáo cho kỳ thi tốt nghiệp trung học phổ thông",
    "Đoàn công tác đã kiểm tra tiến độ thi công dự án đê điều trước mùa mưa bão",
    "Lãnh đạo huyện đề nghị các xã đẩy mạnh chuyển đổi số trong quản lý đất đai",
    "Chương trình xây dựng nông thôn mới tiếp tục đạt được nhiều kết quả quan trọng",
    "Sở Y tế khuyến cáo người dân chủ động phòng chống dịch bệnh mùa hè",
    "Đến nay toàn tỉnh đã có hơn hai nghìn hộ gia đình được hỗ trợ sửa chữa nhà ở",
    "Hoạt động du lịch cộng đồng góp phần nâng cao đời sống của đồng bào địa phương",
    "Các doanh nghiệp được tạo điều kiện tiếp cận nguồn vốn ưu đãi để mở rộng sản xuất",
    "Công tác đảm bảo an ninh trật tự được triển khai đồng bộ trên địa bàn",
    "Buổi làm việc kết thúc với nhiều ý kiến đóng góp thiết thực của cử tri",
)
CORPUS_TITLES = (
    "Hội nghị tổng kết công tác cải cách hành chính năm 2022 của tỉnh",
    "Đẩy mạnh chuyển đổi số trong quản lý nhà nước ở cấp xã",
    "Kiểm tra tiến độ thi công công trình đê điều trước mùa mưa bão",
    "Trao bằng khen cho các tập thể có thành tích xuất sắc trong phong trào thi đua",
    "Hướng dẫn người dân nộp hồ sơ trực tuyến qua Cổng dịch vụ công",
    "Ngành giáo dục sẵn sàng cho kỳ thi tốt nghiệp trung học phổ thông",
    "Phát triển du lịch cộng đồng gắn với bảo tồn văn hóa truyền thống",
    "Tiếp xúc cử tri trước kỳ họp thứ năm Hội đồng nhân dân tỉnh",
    "Hỗ trợ doanh nghiệp nhỏ và vừa tiếp cận nguồn vốn ưu đãi",
)
CORPUS_AUTHORS = ("Minh Anh", "Thu Hà", "Nguyễn Văn Đức", "Trần Thị Lan", "Hoàng Đạt", "Phạm Quỳnh")
CORPUS_CATEGORIES = (
    "Tin tức - Sự kiện",
    "Thông tin cần biết",
    "Chỉ đạo điều hành",
    "Hoạt động địa phương",
)
CORPUS_CAPTIONS = (
    "Quang cảnh hội nghị",
    "Đồng chí Chủ tịch phát biểu chỉ đạo tại buổi làm việc",
    "Đoàn công tác kiểm tra thực tế tại công trình",
    "Các đại biểu tham quan mô hình sản xuất",
)
CORPUS_RELATED = (
    "Khai mạc hội chợ nông sản an toàn",
    "Tập huấn kỹ năng số cho cán bộ xã",
    "Hội thao ngành y tế năm nay",
)
# Chrome phrases: none of them may appear in any extracted field (checked by the floors test).
CHROME_PHRASES = (
    "Skip Ribbon Commands", "Skip to main content", "Bỏ qua lệnh Ribbon",
    "Chuyển tới nội dung chính", "Thăm dò ý kiến", "Liên kết website", "Tin mới", "Các tin khác",
    "Tin liên quan", "Tin cùng chuyên mục", "In bài viết", "Gửi email", "Quay lại",
    "Bản quyền thuộc", "Giới thiệu chung", "Sơ đồ cổng", "Từ khóa", "Turn on more accessible mode",
    "Khai mạc hội chợ nông sản", "Tập huấn kỹ năng số", "Hội thao ngành y tế",
)  # fmt: skip
CORPUS_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
# golden.shapes: a district's and a port authority's news.
SHAPE_SENTENCES = (
    "Năm nay toàn huyện đã hoàn thành vượt kế hoạch trồng mới hơn ba trăm héc-ta rừng phòng hộ.",
    "Các tổ công tác được thành lập để hướng dẫn bà con chăm sóc cây giống ngay từ đầu mùa mưa.",
    "Nhiều hộ dân ở vùng sâu đã mạnh dạn chuyển sang trồng cây ăn quả có giá trị kinh tế cao.",
    "Chính quyền xã thường xuyên tổ chức đối thoại để lắng nghe ý kiến của người dân về quy hoạch.",
    "Trạm y tế xã được đầu tư thêm trang thiết bị phục vụ khám chữa bệnh ban đầu.",
    "Lực lượng thanh niên tình nguyện giúp các gia đình neo đơn sửa sang lại nhà cửa trước mùa lũ.",
    "Tuyến đường liên thôn dài gần bốn cây số đã được bê tông hóa bằng nguồn vốn xã hội hóa.",
    "Hội Nông dân phối hợp với ngân hàng chính sách giải ngân nguồn vốn vay ưu đãi cho hội viên.",
    "Đến cuối quý hai, tỷ lệ hồ sơ được giải quyết đúng hạn tại bộ phận một cửa đạt trên chín "
    "mươi phần trăm.",
    "Nhà trường đã chuẩn bị đầy đủ phòng học, bàn ghế và sách giáo khoa cho năm học mới.",
    "Cán bộ khuyến nông trực tiếp xuống đồng ruộng để hướng dẫn kỹ thuật phòng trừ sâu bệnh.",
    "Các điểm du lịch cộng đồng đón hàng nghìn lượt khách trong dịp nghỉ lễ vừa qua.",
    "Ban quản lý dự án cam kết bàn giao mặt bằng sạch cho đơn vị thi công trước tháng mười.",
    "Người dân được phổ biến quy định mới về cấp giấy chứng nhận quyền sử dụng đất.",
    "Hợp tác xã dịch vụ nông nghiệp đã ký hợp đồng bao tiêu sản phẩm với ba doanh nghiệp chế biến.",
    "Công an xã tăng cường tuần tra vào ban đêm nhằm giữ vững an ninh trật tự tại các thôn.",
    "Hệ thống kênh mương nội đồng được nạo vét, bảo đảm đủ nước tưới cho vụ hè thu.",
    "Các lớp dạy nghề ngắn hạn giúp lao động nông thôn có thêm cơ hội tìm việc làm ổn định.",
    "Ngày hội văn hóa các dân tộc thu hút đông đảo nghệ nhân và học sinh tham gia biểu diễn.",
    "Đoàn kiểm tra ghi nhận nhiều cách làm sáng tạo trong công tác giảm nghèo bền vững.",
    "Mỗi thôn đều có tổ an toàn thực phẩm kiểm tra định kỳ các quầy hàng ở chợ phiên.",
    "Ủy ban nhân dân huyện yêu cầu các phòng chuyên môn rà soát lại danh mục dự án chậm tiến độ.",
    "Bệnh viện tuyến huyện đã triển khai thành công kỹ thuật mổ nội soi đầu tiên.",
    "Các gia đình chính sách được tặng quà và thăm hỏi nhân dịp kỷ niệm ngày truyền thống.",
    "Mô hình nuôi cá lồng trên lòng hồ mang lại thu nhập ổn định cho hơn năm mươi hộ.",
    "Sở Tài chính đã thẩm định xong phương án hỗ trợ kinh phí cho các xã đặc biệt khó khăn.",
    "Những tấm gương người tốt việc tốt được biểu dương kịp thời tại hội nghị cuối năm.",
    "Thư viện huyện mở thêm phòng đọc điện tử phục vụ học sinh vào buổi tối.",
    "Đội ngũ giáo viên tham gia bồi dưỡng phương pháp dạy học theo chương trình mới.",
    "Nhiều sản phẩm đặc sản địa phương đã được cấp chứng nhận đạt chuẩn ba sao.",
    "Trung tâm y tế khuyến cáo người dân đeo khẩu trang khi đến nơi đông người.",
    "Kế hoạch sắp xếp lại các điểm trường lẻ được thông qua sau nhiều lần lấy ý kiến.",
    "Bà con dân tộc thiểu số được cấp miễn phí thẻ bảo hiểm y tế theo chính sách của Nhà nước.",
    "Phòng Tài nguyên và Môi trường xử lý nghiêm các trường hợp khai thác cát trái phép.",
    "Chương trình sữa học đường được triển khai tại tất cả các trường mầm non trên địa bàn.",
    "Các doanh nghiệp vận tải cam kết không tăng giá vé trong dịp cao điểm.",
    "Mạng lưới điện hạ thế đã kéo đến tận các buôn xa trung tâm nhất.",
    "Hội Liên hiệp Phụ nữ tổ chức tập huấn kỹ năng khởi nghiệp cho chị em vùng nông thôn.",
    "Qua rà soát, số hộ nghèo trên địa bàn đã giảm gần một nửa so với đầu nhiệm kỳ.",
    "Công trình nước sạch tập trung bảo đảm nguồn nước sinh hoạt cho gần hai nghìn nhân khẩu.",
    "Lãnh đạo tỉnh đề nghị các địa phương tiếp tục cải thiện chỉ số năng lực cạnh tranh.",
    "Các câu lạc bộ thể dục thể thao phát triển mạnh ở khu dân cư.",
    "Đội xung kích phòng chống thiên tai thường xuyên diễn tập theo phương án được giao.",
    "Nông dân bắt đầu áp dụng nhật ký điện tử để theo dõi quá trình sản xuất.",
    "Bưu điện văn hóa xã trở thành điểm hỗ trợ người dân nộp hồ sơ trực tuyến.",
    "Một số tuyến phố được chỉnh trang vỉa hè và lắp đặt hệ thống đèn chiếu sáng mới.",
    "Quỹ khuyến học dòng họ trao học bổng cho các em học sinh vượt khó học giỏi.",
    "Các chốt kiểm dịch động vật được duy trì tại những cửa ngõ ra vào huyện.",
)
SHAPE_EN_SENTENCES = (
    "The new digital clearance service was tested with twelve shipping lines over three months.",
    "Average waiting time for container release fell from two days to under six hours.",
    "Port operators will be able to exchange documents with customs through a single window.",
    "The pilot also showed that paper forms could be removed entirely for transit cargo.",
    "Training sessions for freight forwarders will start in the coming quarter.",
    "The authority plans to extend the service to the two inland container depots next year.",
    "Data exchanged through the platform is encrypted and stored within the country.",
    "Small exporters are expected to benefit most from lower handling fees.",
    "Feedback from the pilot participants has been used to simplify the registration steps.",
    "An independent audit of the system will be published before the full launch.",
)
