//! The generated sample's vocabulary: pieces of city-news Vietnamese written for this
//! project, put together by `generate` into headlines, bodies and reader comments.

pub const PLACES: &[&str] = &[
    "Ba Đình",
    "Hoàn Kiếm",
    "Tây Hồ",
    "Long Biên",
    "Cầu Giấy",
    "Đống Đa",
    "Hai Bà Trưng",
    "Hoàng Mai",
    "Thanh Xuân",
    "Nam Từ Liêm",
    "Bắc Từ Liêm",
    "Hà Đông",
    "Sơn Tây",
    "Gia Lâm",
    "Đông Anh",
    "Sóc Sơn",
    "Thanh Trì",
    "Mê Linh",
    "Ba Vì",
    "Chương Mỹ",
    "Đan Phượng",
    "Hoài Đức",
    "Mỹ Đức",
    "Phú Xuyên",
    "Phúc Thọ",
    "Quốc Oai",
    "Thạch Thất",
    "Thanh Oai",
    "Thường Tín",
    "Ứng Hòa",
];

pub const BODIES: &[&str] = &[
    "UBND quận",
    "UBND huyện",
    "Công an quận",
    "Trung tâm Y tế quận",
    "Phòng Quản lý đô thị quận",
    "Hội Liên hiệp Phụ nữ quận",
    "Quận đoàn",
    "Ban Quản lý dự án quận",
    "Phòng Giáo dục và Đào tạo quận",
    "Ủy ban Mặt trận Tổ quốc quận",
    "Đội Quản lý trật tự xây dựng quận",
    "Ban Chỉ huy quân sự quận",
];

pub const CITY_BODIES: &[&str] = &[
    "Sở Giao thông vận tải",
    "Sở Y tế",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Sở Văn hóa và Thể thao",
    "Công an thành phố",
    "Sở Giáo dục và Đào tạo",
    "Công ty Thoát nước",
    "Tổng công ty Điện lực thành phố",
    "Ban An toàn giao thông thành phố",
];

pub const DEEDS: &[&str] = &[
    "ra quân chỉnh trang",
    "khởi công cải tạo",
    "kiểm tra đột xuất",
    "hoàn thành nâng cấp",
    "tổng kết việc mở rộng",
    "khánh thành",
    "đưa vào sử dụng",
    "lấy ý kiến người dân về",
    "tạm dừng thi công",
    "phát động phong trào giữ gìn",
    "đẩy nhanh tiến độ",
    "rà soát lại",
    "bàn giao mặt bằng cho",
    "xử lý dứt điểm vi phạm tại",
];

pub const WORKS: &[&str] = &[
    "tuyến phố đi bộ",
    "vỉa hè ven hồ",
    "hệ thống thoát nước",
    "chợ dân sinh",
    "nhà văn hóa tổ dân phố",
    "trạm bơm tiêu úng",
    "điểm trông giữ xe",
    "vườn hoa cộng đồng",
    "tuyến đường gom",
    "cầu đi bộ",
    "trường mầm non",
    "trạm y tế phường",
    "sân chơi cho trẻ em",
    "bãi tập kết rác",
    "ngõ xóm",
    "đường ống cấp nước sạch",
    "hàng cây xanh",
    "bến xe buýt",
    "lớp học bơi miễn phí",
    "khu tập thể cũ",
];

pub const OUTCOMES: &[&str] = &[
    "trước mùa mưa bão",
    "theo đúng tiến độ đề ra",
    "sau nhiều năm chờ đợi",
    "với sự đồng thuận của người dân",
    "nhằm bảo đảm an toàn cho người đi bộ",
    "góp phần cải thiện môi trường sống",
    "để đón năm học mới",
    "trong dịp cuối năm",
    "bằng nguồn vốn xã hội hóa",
    "mà không cần giải phóng mặt bằng",
];

pub const OPENERS: &[&str] = &[
    "Sáng nay",
    "Chiều qua",
    "Trong tuần qua",
    "Từ đầu năm đến nay",
    "Theo kế hoạch",
    "Tối cùng ngày",
    "Ngay sau cuộc họp",
    "Trong hai tháng gần đây",
    "Đầu tuần này",
    "Dịp này",
];

pub const FACTS: &[&str] = &[
    "đã có hơn {big} hộ dân đăng ký tham gia",
    "tổng kinh phí dự kiến khoảng {n} tỷ đồng",
    "lực lượng chức năng đã lập biên bản {n} trường hợp vi phạm",
    "có {n} tuyến ngõ được mở rộng thêm từ 1 đến 2m",
    "khoảng {big} người dân đã gửi ý kiến qua đường dây nóng",
    "đơn vị thi công huy động {n} công nhân làm việc cả ngày đêm",
    "mỗi ngày có hàng nghìn lượt xe qua lại khu vực này",
    "việc ùn tắc thường xảy ra vào giờ cao điểm sáng và chiều",
    "nhiều hộ kinh doanh đã tự giác thu dọn hàng hóa lấn chiếm",
    "người dân phải đi vòng gần {n}km để ra đường chính",
];

pub const FOLLOW_UPS: &[&str] = &[
    "Đại diện đơn vị cho biết sẽ tiếp tục theo dõi và báo cáo kết quả trong tháng tới.",
    "Lãnh đạo địa phương đề nghị các tổ dân phố phối hợp tuyên truyền tới từng hộ gia đình.",
    "Theo ghi nhận của phóng viên, nhiều đoạn vỉa hè đã thông thoáng hơn hẳn so với trước.",
    "Một số hộ dân vẫn còn băn khoăn về phương án bồi thường và thời gian hoàn thành.",
    "Cơ quan chức năng khuyến cáo người dân chủ động lựa chọn lộ trình phù hợp trong thời gian thi công.",
    "Kết quả kiểm tra sẽ được công khai tại trụ sở UBND phường và trên trang thông tin điện tử.",
    "Các trường hợp tái phạm sẽ bị xử lý nghiêm theo quy định của pháp luật.",
    "Chương trình dự kiến được nhân rộng ra các phường lân cận trong năm tới.",
];

pub const QUOTES: &[&str] = &[
    "Chúng tôi sẽ làm đến nơi đến chốn, không để người dân phải chờ thêm",
    "Mọi việc đều được bàn bạc công khai với bà con trước khi triển khai",
    "Khó khăn lớn nhất là mặt bằng chật hẹp, xe cơ giới khó vào",
    "Bà con rất ủng hộ vì con ngõ rộng ra thì ai cũng được hưởng lợi",
    "Chúng tôi đã có phương án phân luồng để hạn chế ảnh hưởng tới việc đi lại",
];

pub const ROLES: &[&str] = &[
    "Chủ tịch UBND phường",
    "Phó Chủ tịch UBND quận",
    "Tổ trưởng tổ dân phố",
    "Trưởng Công an phường",
    "Giám đốc Ban Quản lý dự án",
    "Bí thư chi bộ",
    "Trưởng phòng Quản lý đô thị",
];

pub const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Trịnh",
];

pub const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc", "Quang", "Thanh", "Hoài", "Xuân", "Bảo",
];

pub const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh",
    "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng",
    "Trang", "Trung", "Tuấn", "Vân", "Yến", "Đạt",
];

pub const TAGS: &[&str] = &[
    "Đô thị",
    "Giao thông",
    "Dân vận",
    "Y tế",
    "Giáo dục",
    "Môi trường",
    "An ninh trật tự",
    "Văn hóa",
    "Thể thao",
    "Xây dựng",
    "Kinh tế",
    "Nông thôn mới",
    "Chợ",
    "Ngập úng",
    "Cây xanh",
    "Du lịch",
    "Điện lực",
    "Nước sạch",
    "Phòng cháy",
    "Lễ hội",
    "Người cao tuổi",
    "Thiếu nhi",
    "Việc làm",
    "Nhà ở",
];

pub const CREDITS: &[&str] = &[
    "Ảnh: Nhóm PV",
    "Ảnh: Minh Đức",
    "Ảnh: Thu Hà",
    "Ảnh: CTV",
    "Ảnh: Hoàng Long",
];

pub const COMMENT_TITLES: &[&str] = &[
    "Rất đồng tình",
    "Cần kiểm tra lại",
    "Ý kiến của người dân",
    "Cảm ơn phóng viên",
    "Góp ý thêm",
    "Bao giờ làm xong?",
    "Mong sớm được giải quyết",
    "Đề nghị làm rõ",
    "Hoan nghênh",
    "Phản ánh thêm",
    "Tôi ở ngay khu này",
    "Một câu hỏi",
];

pub const COMMENT_LINES: &[&str] = &[
    "tôi sống ở {place} đã hơn {n} năm, đoạn này đúng là rất khổ",
    "mong chính quyền sớm vào cuộc giải quyết dứt điểm",
    "cảm ơn các anh chị phóng viên đã phản ánh kịp thời",
    "mỗi sáng đưa con đi học đều phải chen chúc ở đây",
    "đề nghị công khai tiến độ để người dân cùng giám sát",
    "làm được như thế này là rất đáng ghi nhận",
    "nhưng mới làm xong vài tháng đã thấy xuống cấp",
    "khu nhà tôi cũng đang gặp tình trạng tương tự",
    "không biết bao giờ mới đến lượt phường tôi",
    "xin hỏi người dân muốn góp ý thì liên hệ ở đâu",
    "trời mưa to là nước lại ngập đến đầu gối",
    "ban quản lý nên lắp thêm đèn chiếu sáng vào buổi tối",
];

pub const LINKS: &[&str] = &[
    "https://hanoi.gov.vn",
    "http://rao-vat-gia-re.example",
    "https://www.facebook.com/groups/cudanphuong",
    "http://vay-tien-nhanh.example/dang-ky",
    "https://dichvucong.gov.vn",
];

pub const SUSPECT: &[&str] = &["lừa đảo", "chạy án", "tham nhũng", "bảo kê"];

pub const BANNED: &[&str] = &["đồ ngu", "câm mồm", "cút đi"];
