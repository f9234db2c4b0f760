"""ORG entities (pipeline/nlp/organisations.py): heads, names, place qualifiers,
offices, acronyms, back-references, generic mentions and canonical forms.

Every sentence is written for these tests (none is taken from the corpus).
"""

from __future__ import annotations

import pytest

from pipeline.nlp.language import build_nlp


@pytest.fixture(scope="module")
def org_nlp():
    # the directives component runs first in the pipeline (earlier entities win)
    return build_nlp(components=("vn_directives", "vn_organisations"))


def orgs(nlp, text: str) -> list[str]:
    return [ent.text for ent in nlp(text).ents if ent.label_ == "ORG"]


def org_ents(nlp, text: str):
    return [ent for ent in nlp(text).ents if ent.label_ == "ORG"]


# --------------------------------------------------------------------------
# Ministries, departments and their units, with the place written with them
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # ministries: full name, "&" and abbreviations
        ("Bộ Thông tin và Truyền thông vừa công bố danh sách.", ["Bộ Thông tin và Truyền thông"]),
        ("Văn bản của Bộ Thông tin & Truyền thông gửi các tỉnh.", ["Bộ Thông tin & Truyền thông"]),
        ("Bộ TT&TT và Bộ KH&CN thống nhất phương án.", ["Bộ TT&TT", "Bộ KH&CN"]),
        ("Bộ Công an, Bộ Quốc phòng cùng tham gia.", ["Bộ Công an", "Bộ Quốc phòng"]),
        # a comma enumeration inside a name needs its closing "và"
        ("Sở Văn hóa, Thể thao và Du lịch tỉnh Nam Định tổ chức lễ hội.", ["Sở Văn hóa, Thể thao và Du lịch tỉnh Nam Định"]),
        ("Cục Xuất bản, In và Phát hành kiểm tra 12 nhà in.", ["Cục Xuất bản, In và Phát hành"]),
        # a comma between two units: two ORGs (apposition)
        ("Cục Tần số vô tuyến điện, Bộ TT&TT cảnh báo.", ["Cục Tần số vô tuyến điện", "Bộ TT&TT"]),
        # lower-case continuation of the name (only the first syllable capitalised)
        ("Trung tâm Giám sát an toàn không gian mạng quốc gia phát hiện mã độc.", ["Trung tâm Giám sát an toàn không gian mạng quốc gia"]),
        ("Phòng Bảo vệ an ninh kinh tế thuộc Công an tỉnh Phú Yên đã vào cuộc.", ["Phòng Bảo vệ an ninh kinh tế", "Công an tỉnh Phú Yên"]),
        # "và" and a comma inside the name; the name stops at "thuộc"
        (
            "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao thuộc Công an tỉnh Bình Định bắt giữ hai đối tượng.",
            ["Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", "Công an tỉnh Bình Định"],
        ),
        # "về" only in names that take it
        (
            "Cục Cảnh sát quản lý hành chính về trật tự xã hội hướng dẫn cấp căn cước.",
            ["Cục Cảnh sát quản lý hành chính về trật tự xã hội"],
        ),
        ("Sở Nội vụ về việc tuyển dụng công chức đã có văn bản.", ["Sở Nội vụ"]),
        # a verb after a complete name is not part of it
        ("Sở Y tế thông tin về ca bệnh mới.", ["Sở Y tế"]),
        ("Cục Viễn thông quản lý các doanh nghiệp di động.", ["Cục Viễn thông"]),
        ("Trung tâm Kiểm soát bệnh tật xây dựng kế hoạch tiêm chủng.", ["Trung tâm Kiểm soát bệnh tật"]),
        # "-" inside names
        ("Sở Lao động - Thương binh và Xã hội tỉnh Hòa Bình chi trả trợ cấp.", ["Sở Lao động - Thương binh và Xã hội tỉnh Hòa Bình"]),
        ("Tập đoàn Công nghiệp - Viễn thông Quân đội đầu tư 5G.", ["Tập đoàn Công nghiệp - Viễn thông Quân đội"]),
        ("Phòng Tài chính - Kế hoạch huyện Krông Búk thẩm định.", ["Phòng Tài chính - Kế hoạch huyện Krông Búk"]),
        # a number or roman numeral closing the name
        ("Phòng Kỹ thuật nghiệp vụ II được khen thưởng.", ["Phòng Kỹ thuật nghiệp vụ II"]),
        ("Bộ Tư lệnh 86 phối hợp diễn tập.", ["Bộ Tư lệnh 86"]),
        # names that hold their parent are one ORG, as written
        ("Thanh tra Sở Thông tin và Truyền thông tỉnh Phú Thọ ra quyết định xử phạt.", ["Thanh tra Sở Thông tin và Truyền thông tỉnh Phú Thọ"]),
        ("Đại diện Văn phòng UBND tỉnh Cao Bằng báo cáo.", ["Văn phòng UBND tỉnh Cao Bằng"]),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy Sóc Trăng tổ chức tọa đàm.", ["Ban Tuyên giáo và Dân vận Tỉnh ủy Sóc Trăng"]),
        ("Ban thường vụ Huyện ủy Mang Yang họp định kỳ.", ["Ban thường vụ Huyện ủy Mang Yang"]),
        ("Ngân hàng Nhà nước chi nhánh tỉnh Kiên Giang giám sát.", ["Ngân hàng Nhà nước chi nhánh tỉnh Kiên Giang"]),
    ],
)
def test_named_units(org_nlp, text, expected):
    assert orgs(org_nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("UBND tỉnh Kon Tum giao nhiệm vụ cho các sở.", ["UBND tỉnh Kon Tum"]),
        ("Ủy ban nhân dân huyện Đak Pơ và HĐND huyện Đak Pơ họp liên tịch.", ["Ủy ban nhân dân huyện Đak Pơ", "HĐND huyện Đak Pơ"]),
        ("UBND xã Ia Sao đã hỗ trợ người dân.", ["UBND xã Ia Sao"]),
        ("Công an tỉnh phối hợp với Bưu điện tỉnh Phú Yên.", ["Công an tỉnh", "Bưu điện tỉnh Phú Yên"]),
        ("Công an TP. Hà Nội và Công an TP.HCM trao đổi kinh nghiệm.", ["Công an TP. Hà Nội", "Công an TP.HCM"]),
        ("Bộ Chỉ huy Quân sự tỉnh và Bộ chỉ huy Bộ đội Biên phòng tỉnh Lai Châu tham gia.", ["Bộ Chỉ huy Quân sự tỉnh", "Bộ chỉ huy Bộ đội Biên phòng tỉnh Lai Châu"]),
        ("Sở TT&TT Quảng Bình và VNPT Quảng Bình ký kết hợp tác.", ["Sở TT&TT Quảng Bình", "VNPT Quảng Bình"]),
        ("MobiFone tỉnh Kon Tum lắp thêm trạm.", ["MobiFone tỉnh Kon Tum"]),
        ("Viễn thông Hà Giang đã khắc phục sự cố.", ["Viễn thông Hà Giang"]),
        ("Sở Khoa học và Công nghệ thành phố chủ trì.", ["Sở Khoa học và Công nghệ thành phố"]),
        ("Ủy ban MTTQ Việt Nam tỉnh phát động quyên góp.", ["Ủy ban MTTQ Việt Nam tỉnh"]),
        ("Công an phường 7 quận 10 tiếp nhận tin báo.", ["Công an phường 7 quận 10"]),
        ("Tỉnh ủy Bạc Liêu ban hành nghị quyết; Thành ủy cũng chỉ đạo.", ["Tỉnh ủy Bạc Liêu", "Thành ủy"]),
        ("Đảng ủy xã Ea Hiao lãnh đạo thực hiện.", ["Đảng ủy xã Ea Hiao"]),
    ],
)
def test_bodies_named_by_their_place(org_nlp, text, expected):
    assert orgs(org_nlp, text) == expected


# --------------------------------------------------------------------------
# Titles, people and offices
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # a title is never part of the ORG
        ("Phó Chủ tịch UBND tỉnh Trà Vinh dự hội nghị.", ["UBND tỉnh Trà Vinh"]),
        ("Ông Lý, Giám đốc Sở TT&TT, phát biểu.", ["Sở TT&TT"]),
        ("Bộ trưởng Bộ Tài chính ký quyết định.", ["Bộ Tài chính"]),
        # a person's name after the ORG is not part of it
        ("Phó Chủ tịch UBND tỉnh Nguyễn Thị Lan chủ trì.", ["UBND tỉnh"]),
        ("Thứ trưởng Bộ TT&TT Phan Tâm làm việc với tỉnh.", ["Bộ TT&TT"]),
        ("Giám đốc Sở Tài chính Lê Văn Hòa cho biết.", ["Sở Tài chính"]),
        ("Bí thư Tỉnh ủy Cà Mau Nguyễn Hồ Hải dự lễ.", ["Tỉnh ủy Cà Mau"]),
        # a title that holds the unit's head noun: the unit as written
        ("Bà Mai, Chánh Văn phòng UBND tỉnh, đọc quyết định.", ["Văn phòng UBND tỉnh"]),
        ("Anh Tùng, Trưởng phòng Tin học - Thống kê, trình bày.", ["phòng Tin học - Thống kê"]),
        ("Chánh Thanh tra Sở cho biết đã xử phạt.", ["Thanh tra Sở"]),
        # offices acting in their own name
        ("Thực hiện Quyết định số 88/QĐ-TTg của Thủ tướng Chính phủ, tỉnh triển khai.", ["Thủ tướng Chính phủ"]),
        ("Theo Quyết định số 310/QĐ-UBND của Chủ tịch UBND tỉnh, ông được bổ nhiệm.", ["Chủ tịch UBND tỉnh"]),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bến Tre được trao cho 5 tập thể.", ["Chủ tịch Ủy ban nhân dân tỉnh Bến Tre"]),
        ("Chủ tịch UBND tỉnh vừa ký quyết định thành lập tổ công tác.", ["Chủ tịch UBND tỉnh"]),
        ("Huân chương Lao động hạng Ba của Chủ tịch nước được trao cho đơn vị.", ["Chủ tịch nước"]),
        # the same words as a title: only the body is an ORG
        ("Ông Hải, Chủ tịch UBND tỉnh, kiểm tra công trình.", ["UBND tỉnh"]),
        ("Thủ tướng Chính phủ Phạm Minh Chính chủ trì phiên họp.", ["Chính phủ"]),
        ("Phó Thủ tướng Chính phủ dự lễ khánh thành.", ["Chính phủ"]),
        ("Chủ tịch nước Lương Cường gửi thư khen.", []),
    ],
)
def test_titles_people_and_offices(org_nlp, text, expected):
    assert orgs(org_nlp, text) == expected


# --------------------------------------------------------------------------
# Acronyms
# --------------------------------------------------------------------------


def test_acronym_in_parentheses_is_its_own_org_and_is_remembered(org_nlp):
    text = (
        "Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC) và Cục Cảnh sát hình sự (C02) "
        "phối hợp xử lý. Đại diện C02 cho biết vụ việc đã được chuyển hồ sơ."
    )
    assert orgs(org_nlp, text) == [
        "Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam",
        "VNCERT/CC",
        "Cục Cảnh sát hình sự",
        "C02",
        "C02",
    ]


def test_acronym_after_a_non_org_and_sector_abbreviations_are_not_orgs(org_nlp):
    assert orgs(org_nlp, "Tấn công từ chối dịch vụ (DDoS) gia tăng.") == []
    assert orgs(org_nlp, "Sở Khoa học và Công nghệ (KH&CN) tỉnh Lâm Đồng đã đầu tư.") == ["Sở Khoa học và Công nghệ"]


def test_known_acronyms_and_foreign_names_in_parentheses(org_nlp):
    assert orgs(org_nlp, "Viettel, VNPT và MobiFone đã tắt sóng 2G.") == ["Viettel", "VNPT", "MobiFone"]
    assert orgs(org_nlp, "Tổng công ty Bưu điện Việt Nam (Vietnam Post) mở thêm bưu cục.") == [
        "Tổng công ty Bưu điện Việt Nam",
        "Vietnam Post",
    ]


# --------------------------------------------------------------------------
# Back-references
# --------------------------------------------------------------------------


def test_bare_heads_are_references(org_nlp):
    ents = org_ents(org_nlp, "Giám đốc Sở cho biết, Sở sẽ báo cáo Bộ trước ngày 30/6; Tập đoàn cũng cam kết hỗ trợ.")
    assert [(e.text, e._.is_reference) for e in ents] == [("Sở", True), ("Sở", True), ("Bộ", True), ("Tập đoàn", True)]


def test_named_orgs_are_not_references(org_nlp):
    ents = org_ents(org_nlp, "Sở Tư pháp tỉnh Lạng Sơn và Công an tỉnh phối hợp.")
    assert [(e.text, e._.is_reference) for e in ents] == [("Sở Tư pháp tỉnh Lạng Sơn", False), ("Công an tỉnh", False)]


@pytest.mark.parametrize(
    "text",
    [
        "Bộ trưởng yêu cầu rà soát lại quy trình.",
        "Sở hữu trí tuệ là lĩnh vực quan trọng.",
        "Ban hành quy chế là việc cần làm ngay.",
        "Các tỉnh Nam Trung Bộ chịu ảnh hưởng của bão.",
        "Đài truyền thanh xã phát bản tin cảnh báo.",
        "Trung tâm thương mại mới khai trương.",
    ],
)
def test_words_that_start_like_a_head_are_no_reference(org_nlp, text):
    assert orgs(org_nlp, text) == []


# --------------------------------------------------------------------------
# Not organisations
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # generic and plural mentions
        "Lãnh đạo các sở, ban, ngành dự hội nghị.",
        "Sở, ngành liên quan phối hợp thực hiện.",
        "UBND các huyện báo cáo trước ngày 20.",
        "UBND cấp xã chịu trách nhiệm kiểm tra.",
        "Các Sở TT&TT trên cả nước rà soát thuê bao.",
        "Sở TT&TT các tỉnh, thành phố tăng cường kiểm tra.",
        "Sở TT&TT 63 tỉnh, thành phố tham dự trực tuyến.",
        "Phòng Văn hóa và Thông tin các huyện tổ chức tuyên truyền.",
        "Trung tâm Văn hóa, Thông tin và Thể thao của các huyện được nâng cấp.",
        "UBND xã phối hợp với Công an huyện kiểm tra.",
        "Hỗ trợ các doanh nghiệp viễn thông trên địa bàn.",
        # events, a festival committee, documents
        "Hội nghị tổng kết diễn ra sáng nay.",
        "Hội thảo khoa học thu hút nhiều chuyên gia.",
        "Ban Tổ chức đã trao giải cho các đội.",
        "Ban Giám khảo chọn 10 tác phẩm.",
        "Bộ Chỉ số chuyển đổi số cấp tỉnh được công bố.",
        "Chính phủ điện tử là mục tiêu của tỉnh.",
        # titles alone, ordinary words, places and streets
        "Phó Chủ tịch phát biểu kết luận.",
        "Cơ quan báo chí Trung ương thường trú tại tỉnh.",
        "Lực lượng công an đã có mặt kịp thời.",
        "Đoàn công tác thăm huyện đảo Trường Sa.",
        "Trụ sở nằm trên đường Trường Chinh.",
        "Du khách đến Hội An ngày càng đông.",
        "Viễn thông, Internet phát triển mạnh.",
    ],
)
def test_not_organisations(org_nlp, text):
    assert orgs(org_nlp, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # a branch named by where it is
        (
            "Chi nhánh Công ty TNHH Giải pháp Mạng Ánh Dương tại Cần Thơ bị xử phạt.",
            ["Chi nhánh Công ty TNHH Giải pháp Mạng Ánh Dương tại Cần Thơ"],
        ),
        ("Agribank Chi nhánh tỉnh Gia Lai hỗ trợ vốn vay.", ["Agribank Chi nhánh tỉnh Gia Lai"]),
        # one office of two bodies sharing their place
        ("Văn phòng HĐND và UBND huyện Krông Pa tiếp nhận đơn thư.", ["Văn phòng HĐND và UBND huyện Krông Pa"]),
        # a place inside a company's name, and the name's own place after a place word
        ("Công ty cổ phần Đầu tư Hà Nội Xanh ký hợp đồng.", ["Công ty cổ phần Đầu tư Hà Nội Xanh"]),
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh phát động chiến dịch.", ["Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"]),
        # a lower-case enumeration closed by a dash before the parent unit
        (
            "Bà Hạnh, Phó Trưởng phòng Quản lý văn hóa, gia đình - Sở Văn hóa và Thể thao, phát biểu.",
            ["phòng Quản lý văn hóa, gia đình", "Sở Văn hóa và Thể thao"],
        ),
        # "số" in a name only before a number
        ("Trường Tiểu học số 2 Ia Grai khai giảng năm học mới.", ["Trường Tiểu học số 2 Ia Grai"]),
        ("Sở Y tế số hóa hồ sơ bệnh án.", ["Sở Y tế"]),
        # a company name stops before the next word the segmenter holds together
        ("Công ty TNHH Viễn thông Kim Phát lưu giữ 800 SIM.", ["Công ty TNHH Viễn thông Kim Phát"]),
        # a verb after a capitalised sector noun is the sentence's verb
        ("Trung tâm Viễn thông hỗ trợ doanh nghiệp chuyển đổi số.", ["Trung tâm Viễn thông"]),
        # ... but a name describing an action keeps it
        ("Trung tâm Hỗ trợ phát triển doanh nghiệp tỉnh tổ chức tập huấn.", ["Trung tâm Hỗ trợ phát triển doanh nghiệp tỉnh"]),
        ("Cơ quan Cảnh sát điều tra Công an tỉnh đang xác minh.", ["Cơ quan Cảnh sát điều tra Công an tỉnh"]),
        # coordination after a complete name: two bodies, not one name
        ("Bộ Công an và Quân đội tham gia cứu hộ.", ["Bộ Công an"]),
    ],
)
def test_branches_joint_offices_and_long_names(org_nlp, text, expected):
    assert orgs(org_nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Căn cứ biên bản kiểm tra, Chánh Thanh tra Sở đã ký quyết định xử phạt.", ["Chánh Thanh tra Sở"]),
        ("Cửa hàng bị Chánh Thanh tra Bộ Công Thương xử phạt 30 triệu đồng.", ["Chánh Thanh tra Bộ Công Thương"]),
        ("Ông Minh, Chánh Thanh tra Sở, chủ trì cuộc họp.", ["Thanh tra Sở"]),
    ],
)
def test_chanh_thanh_tra_acts_in_its_own_name(org_nlp, text, expected):
    assert orgs(org_nlp, text) == expected


def test_bare_commune_committee_after_the_commune_was_named(org_nlp):
    # the sentence named the commune: "UBND xã" is that commune's committee
    assert orgs(org_nlp, "Tại xã Ia Khươl, cán bộ UBND xã đã hướng dẫn người dân.") == ["UBND xã"]
    # nothing named: each commune's committee, a generic mention
    assert orgs(org_nlp, "Đại diện UBND xã cho biết sẽ hỗ trợ người dân.") == []


def test_ban_to_chuc_of_a_party_committee_is_an_org(org_nlp):
    assert orgs(org_nlp, "Ban Tổ chức Tỉnh ủy thẩm định hồ sơ.") == ["Ban Tổ chức Tỉnh ủy"]


def test_directive_already_on_the_doc_is_not_overlapped(org_nlp):
    doc = org_nlp("Chỉ thị số 12/CT-UBND của UBND tỉnh Quảng Trị về bảo đảm an toàn thông tin.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Chỉ thị số 12/CT-UBND", "DIRECTIVE"),
        ("UBND tỉnh Quảng Trị", "ORG"),
    ]


# --------------------------------------------------------------------------
# Canonical forms
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("Sở TT&TT tỉnh Điện Biên báo cáo.", "Sở Thông tin và Truyền thông tỉnh Điện Biên"),
        ("Theo UBND tỉnh Thanh Hoá, tiến độ đạt 90%.", "Ủy ban nhân dân tỉnh Thanh Hóa"),
        ("Bộ Thông tin & Truyền thông cảnh báo.", "Bộ Thông tin và Truyền thông"),
        ("Bộ KH&CN công bố kết quả.", "Bộ Khoa học và Công nghệ"),
        ("Công an TP. Cần Thơ điều tra.", "Công an thành phố Cần Thơ"),
        ("Ủy ban MTTQ Việt Nam tỉnh vận động.", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("Ban thường vụ Tỉnh uỷ họp.", "Ban Thường vụ Tỉnh ủy"),
        ("HĐND huyện Chư Prông thông qua nghị quyết.", "Hội đồng nhân dân huyện Chư Prông"),
        ("Ông Kha, Trưởng phòng Tin học - Thống kê, trình bày.", "Phòng Tin học - Thống kê"),
    ],
)
def test_canonical_forms(org_nlp, text, canonical):
    ents = org_ents(org_nlp, text)
    assert len(ents) == 1
    assert ents[0]._.canonical == canonical


def test_long_repetitive_input_is_read_in_one_pass(org_nlp):
    """Linear reading: a long run of heads, capitals and connectors finishes
    and gives one ORG per repeated unit (no timing asserted)."""
    text = ", ".join(["Sở Văn hóa và Thể thao"] * 2000) + ". " + " ".join(["Thông"] * 5000) + "."
    found = orgs(org_nlp, text)
    assert found == ["Sở Văn hóa và Thể thao"] * 2000


# --------------------------------------------------------------------------
# Generalisation fixes (names with family-name syllables, shared places,
# foreign bodies, governing bodies, steering committees, representative
# offices, unit codes); sentences written for these tests
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # a proper name holding family-name syllables is not cut, even after a title
        ("Bà Trần Thị Hoa, Phó Giám đốc Công ty Hoàng Long cho biết đơn hàng tăng.", ["Công ty Hoàng Long"]),
        ("Giám đốc Bệnh viện Trưng Vương Nguyễn Văn Lộc tiếp đoàn.", ["Bệnh viện Trưng Vương"]),
        ("Hiệu trưởng Trường THCS Lê Lợi phát động phong trào.", ["Trường THCS Lê Lợi"]),
        # ... but a full name closing the run of capitals is a person
        ("Tổng Giám đốc Tập đoàn Hòa Phát Trần Đình Long phát biểu.", ["Tập đoàn Hòa Phát"]),
        # a former district (or an unseen place) before a person's name
        ("Phó Chủ tịch UBND huyện Lục Yên Hoàng Văn Tuấn kiểm tra đê.", ["UBND huyện Lục Yên"]),
        ("Đại diện UBND huyện Kim Sơn Lê Thị Mai trao quà.", ["UBND huyện Kim Sơn"]),
        # a foreign body: "và" + an item closing with its country
        ("Bộ Ngoại giao và Thương mại Australia tài trợ dự án.", ["Bộ Ngoại giao và Thương mại Australia"]),
        ("Bộ Y tế và Bộ Tài chính thống nhất phương án.", ["Bộ Y tế", "Bộ Tài chính"]),
        # a country after " - " inside a name is no person (Hàn, Triều are family names)
        ("Trung tâm Đào tạo nhân lực Việt Nam - Hàn Quốc khai giảng khóa mới.", ["Trung tâm Đào tạo nhân lực Việt Nam - Hàn Quốc"]),
        # a steering committee named by the programme it steers
        ("Ban Chỉ đạo Chương trình 135 tỉnh Hà Giang họp sơ kết.", ["Ban Chỉ đạo Chương trình 135 tỉnh Hà Giang"]),
        ("Ban Tổ chức Hội nghị thông báo lịch làm việc.", []),
        # "Thường trực" after "Trưởng ban" is part of the title
        ("Ông Võ Minh, Phó Trưởng ban Thường trực Ban Tuyên giáo Tỉnh ủy dự họp.", ["Ban Tuyên giáo Tỉnh ủy"]),
        # a company's governing body, named by its back-reference or acronym
        ("Nghị quyết của Hội đồng quản trị Tập đoàn về việc chia cổ tức.", ["Hội đồng quản trị Tập đoàn"]),
        ("Ông Phạm Hùng, Chủ tịch Hội đồng thành viên EVN dự lễ.", ["Hội đồng thành viên EVN"]),
        # representative offices: "tại" + a region or a country
        ("Văn phòng đại diện Báo Lao Động tại Tây Nguyên tổ chức tọa đàm.", ["Văn phòng đại diện Báo Lao Động tại Tây Nguyên"]),
        ("Cơ quan thường trú Thông tấn xã Việt Nam khu vực Tây Nguyên đưa tin.", ["Cơ quan thường trú Thông tấn xã Việt Nam khu vực Tây Nguyên"]),
        # a noun that is also a predicate modifies the noun before it
        ("Viện Xã hội thông tin quốc gia công bố báo cáo.", ["Viện Xã hội thông tin quốc gia"]),
        ("Trung tâm Kiểm soát bệnh tật thông tin về ổ dịch.", ["Trung tâm Kiểm soát bệnh tật"]),
    ],
)
def test_generalisation_fixes(org_nlp, text, expected):
    assert orgs(org_nlp, text) == expected


def test_police_unit_code_after_title_holding_the_head(org_nlp):
    text = "Thiếu tá Lê Văn Bình, Phó Trưởng phòng PC06, Công an tỉnh Lạng Sơn cho biết."
    assert orgs(org_nlp, text) == ["PC06", "Công an tỉnh Lạng Sơn"]
    assert orgs(org_nlp, "Trưởng phòng Cảnh sát kinh tế phát biểu.") == ["phòng Cảnh sát kinh tế"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("HĐND và UBND tỉnh Bình Phước tổ chức hội nghị.", [("HĐND", "Hội đồng nhân dân tỉnh Bình Phước"), ("UBND tỉnh Bình Phước", "Ủy ban nhân dân tỉnh Bình Phước")]),
        ("Thường trực HĐND, UBND huyện Đắk Glei kiểm tra.", [("HĐND", "Hội đồng nhân dân huyện Đắk Glei"), ("UBND huyện Đắk Glei", "Ủy ban nhân dân huyện Đắk Glei")]),
        ("HĐND và UBND các cấp cần vào cuộc.", []),
    ],
)
def test_bodies_sharing_a_place(org_nlp, text, expected):
    assert [(e.text, e._.canonical) for e in org_ents(org_nlp, text)] == expected


# --------------------------------------------------------------------------
# A bare standing board after a membership title is a back-reference
# --------------------------------------------------------------------------


def test_bare_standing_board_after_member_title_is_a_reference(org_nlp):
    text = "Bà Lê Thị Thu, Ủy viên Ban Thường vụ, Phó Chủ tịch UBND tỉnh Bắc Giang dự buổi lễ."
    ents = org_ents(org_nlp, text)
    assert [(e.text, e._.is_reference) for e in ents] == [
        ("Ban Thường vụ", True),
        ("UBND tỉnh Bắc Giang", False),
    ]


def test_bare_executive_committee_after_member_title_is_a_reference(org_nlp):
    ents = org_ents(org_nlp, "Ông Cao Văn Đức, Ủy viên Ban Chấp hành, Chánh Văn phòng Huyện ủy, đọc báo cáo.")
    assert [(e.text, e._.is_reference) for e in ents][0] == ("Ban Chấp hành", True)


def test_bare_standing_board_without_member_title_is_no_org(org_nlp):
    assert orgs(org_nlp, "Ban Thường vụ họp định kỳ vào thứ Hai hằng tuần.") == []
    assert "Ban Thường vụ" not in orgs(org_nlp, "Hội nghị đã bầu Ban Thường vụ khóa mới gồm 15 người.")


# --------------------------------------------------------------------------
# Branches, Party organs, army units, numbered regional units
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # branch heads whose name holds another body (Chi hội, Chi đoàn, Chi bộ)
        ("Chi hội Luật gia Công an tỉnh nhận giấy khen.", ["Chi hội Luật gia Công an tỉnh"]),
        ("Anh Tạ Minh Quân, Bí thư Chi đoàn Công ty cổ phần Thủy sản Phố Hiến, phát biểu.", ["Chi đoàn Công ty cổ phần Thủy sản Phố Hiến"]),
        ("Chi bộ Trường THCS Thanh Bình tổ chức đại hội.", ["Chi bộ Trường THCS Thanh Bình"]),
        # a trade opens the name of a head inside the name
        ("Hội nghị bầu Ban Chấp hành Hội Luật gia tỉnh nhiệm kỳ mới.", ["Ban Chấp hành Hội Luật gia tỉnh"]),
        ("Văn phòng Hội Nhà báo tỉnh tiếp nhận hồ sơ.", ["Văn phòng Hội Nhà báo tỉnh"]),
        # the Party's organs inside a state body; the Central Committee
        ("Đảng đoàn HĐND tỉnh và Ban cán sự đảng UBND tỉnh họp liên tịch.", ["Đảng đoàn HĐND tỉnh", "Ban cán sự đảng UBND tỉnh"]),
        ("Ông Hầu Văn Tỉnh, Ủy viên Trung ương Đảng, dự lễ.", ["Trung ương Đảng"]),
        # army units: a number first (Vùng), a number after the name
        ("Đại diện Vùng 4 Hải quân dự lễ ra quân.", ["Vùng 4 Hải quân"]),
        ("Vùng cao còn nhiều khó khăn.", []),
        ("Hải đoàn Biên phòng 18 tuần tra vùng biển.", ["Hải đoàn Biên phòng 18"]),
        # a brand's or company's regional unit with its number
        ("Lãnh đạo Viettel Nghệ An, MobiFone khu vực 6 cùng dự.", ["Viettel Nghệ An", "MobiFone khu vực 6"]),
        ("Công ty Dịch vụ MobiFone Khu vực 3 khai trương cửa hàng.", ["Công ty Dịch vụ MobiFone Khu vực 3"]),
        # international bodies known by their Vietnamese name
        ("UBND tỉnh phối hợp với Quỹ Nhi đồng Liên hợp quốc (UNICEF) triển khai dự án.", ["UBND tỉnh", "Quỹ Nhi đồng Liên hợp quốc", "UNICEF"]),
        ("Chương trình Phát triển Liên hợp quốc tài trợ hội thảo.", ["Chương trình Phát triển Liên hợp quốc"]),
        # a closed sector name with a dash part; a steering committee's exercise
        ("Phó Vụ trưởng Vụ Báo chí - Xuất bản làm việc với tỉnh.", ["Vụ Báo chí - Xuất bản"]),
        ("Ông Đàm Văn Kiên, Trưởng Ban Chỉ đạo diễn tập, kết luận.", ["Ban Chỉ đạo diễn tập"]),
    ],
)
def test_branch_party_army_and_regional_units(org_nlp, text, expected):
    assert orgs(org_nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a concept that is no body may be a unit's name (phòng Chính phủ số)
        ("Ông Hà Quang Vinh, Trưởng phòng Kinh tế số, Sở Tài chính, phát biểu.", ["phòng Kinh tế số", "Sở Tài chính"]),
        ("Bà Kha Thị Lụa, Phó Trưởng phòng Chính phủ số, báo cáo.", ["phòng Chính phủ số"]),
        ("Xây dựng Chính phủ số là nhiệm vụ trọng tâm.", []),
        # noun + "số" in a company's name; a place inside it is no person
        ("Công ty TNHH Nền tảng số Phương Nam ký kết hợp tác.", ["Công ty TNHH Nền tảng số Phương Nam"]),
    ],
)
def test_digital_concepts_in_unit_names(org_nlp, text, expected):
    assert orgs(org_nlp, text) == expected


def test_unit_code_after_title_then_its_parent(org_nlp):
    text = "Trung tá Vi Thị Hằng, Phó Trưởng phòng PC02 Công an tỉnh, cho biết."
    assert orgs(org_nlp, text) == ["PC02", "Công an tỉnh"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ông Mạc Văn Lực, Bí thư Huyện ủy Bảo Lâm, phát biểu.", ["Huyện ủy Bảo Lâm"]),
        ("Bí thư Thành ủy Vĩnh Yên chủ trì hội nghị.", ["Thành ủy Vĩnh Yên"]),
        ("Bí thư Đảng ủy Tân Phú kiểm tra công trình.", ["Đảng ủy Tân Phú"]),
        # a person's name after the committee, not a district
        ("Bí thư Huyện ủy Vũ Quang Huy kiểm tra công trình.", ["Huyện ủy"]),
    ],
)
def test_party_committee_with_its_district_written_directly(org_nlp, text, expected):
    assert orgs(org_nlp, text) == expected


def test_quantifier_and_unit_word_after_a_head_is_generic(org_nlp):
    assert orgs(org_nlp, "Đại diện Ban Dân vận một số huyện ủy cùng dự.") == []
    assert orgs(org_nlp, "Sau khi hợp nhất Hội Luật gia hai tỉnh, hội có 900 hội viên.") == []


def test_bare_unit_refers_to_the_one_named_in_the_paragraph_or_title(org_nlp):
    # named in an earlier sentence of the same paragraph
    text = "Đoàn làm việc tại xã Nậm Tăm. Tiếp đoàn có ông Lò Văn Chung, Bí thư Đảng ủy xã."
    assert orgs(org_nlp, text) == ["Đảng ủy xã"]
    # named in the title: the article is about that district
    text = (
        "Lãnh đạo tỉnh làm việc với huyện Mường Tè\n\n"
        "Báo cáo của UBND huyện cho biết 80% hồ sơ được nộp trực tuyến. Công an huyện đã cấp 5.000 căn cước."
    )
    assert orgs(org_nlp, text) == ["UBND huyện", "Công an huyện"]
    # named in another paragraph only: each district's, a generic mention
    text = "Tin tổng hợp\n\nĐoàn đến huyện Mường Tè.\n\nĐại diện UBND huyện cho biết sẽ hỗ trợ người dân."
    assert orgs(org_nlp, text) == []


# --------------------------------------------------------------------------
# dev-h constructions: lower-case words after the name's first capital,
# lower-case names anchored by "quốc gia" or a place, communes not in the
# gazetteer, a capitalised unit word opening the title, company names
# holding a family name, a title holder's name after a complete body
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bà Đinh Thu Trang, Trưởng phòng Quản lý báo in, Cục Báo chí đã trả lời.", ["phòng Quản lý báo in", "Cục Báo chí"]),
        ("Phòng Viễn thông di động thuộc Sở Khoa học và Công nghệ tỉnh Nghệ An kiểm tra 20 cửa hàng.",
         ["Phòng Viễn thông di động", "Sở Khoa học và Công nghệ tỉnh Nghệ An"]),
        ("Ban Thông tin liên lạc thuộc Bộ Chỉ huy Quân sự tỉnh bảo đảm đường truyền.",
         ["Ban Thông tin liên lạc", "Bộ Chỉ huy Quân sự tỉnh"]),
        # a predicate after the name stays out of it
        ("Ban Thông tin liên lạc với các xã biên giới hằng tuần.", ["Ban Thông tin"]),
        ("Sở Tư pháp tổ chức tập huấn cho cán bộ.", ["Sở Tư pháp"]),
        ("Phòng Văn hóa phối hợp với đoàn viên thanh niên dọn vệ sinh.", ["Phòng Văn hóa"]),
    ],
)
def test_lower_case_name_words_after_the_first_capital(org_nlp, text, expected):
    assert orgs(org_nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tỉnh kết nối kho dữ liệu với Trung tâm dữ liệu quốc gia trong năm nay.", ["Trung tâm dữ liệu quốc gia"]),
        ("Hồ sơ được tiếp nhận tại Trung tâm phục vụ hành chính công tỉnh Hà Tĩnh.",
         ["Trung tâm phục vụ hành chính công tỉnh Hà Tĩnh"]),
        # generic: each commune's centre, no ORG and no bare "Trung tâm"
        ("Toàn tỉnh đã khai trương Trung tâm phục vụ hành chính công cấp xã.", []),
    ],
)
def test_lower_case_name_anchored_by_quoc_gia_or_a_place(org_nlp, text, expected):
    assert orgs(org_nlp, text) == expected


def test_commune_name_longer_than_a_listed_one(org_nlp):
    text = "Giấy khen được trao cho Công an xã Phong Thạnh Tây và UBND xã Vĩnh Trạch Đông (tỉnh Cà Mau)."
    assert orgs(org_nlp, text) == ["Công an xã Phong Thạnh Tây", "UBND xã Vĩnh Trạch Đông"]


def test_bare_unit_refers_to_the_unit_opening_the_title(org_nlp):
    text = (
        "Xã Tân Tiến hoàn thành phổ cập chữ ký số\n\n"
        "Tháng 8/2025, Đảng ủy xã ban hành Nghị quyết số 12-NQ/ĐU về chuyển đổi số."
    )
    assert orgs(org_nlp, text) == ["Đảng ủy xã"]


def test_company_name_holding_a_family_name_without_a_title(org_nlp):
    text = "Công ty TNHH Giải pháp Số Lê Minh Khang bị xử phạt 30 triệu đồng."
    assert orgs(org_nlp, text) == ["Công ty TNHH Giải pháp Số Lê Minh Khang"]
    # after a title the full name closing the run is the title holder
    text = "Giám đốc Công ty TNHH Giải pháp Số Lê Minh Khang cho biết."
    assert orgs(org_nlp, text) == ["Công ty TNHH Giải pháp Số"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Phó Trưởng Ban Dân vận Tỉnh ủy A Thiên phát biểu tại buổi làm việc.", ["Ban Dân vận Tỉnh ủy"]),
        ("Phó Bí thư Tỉnh ủy Y Biêr Niê kiểm tra công trình.", ["Tỉnh ủy"]),
        # a district written directly after a local Party committee stays
        ("Ông Y Kông, Trưởng Ban Tuyên giáo Huyện ủy Krông Bông, phát biểu.", ["Ban Tuyên giáo Huyện ủy Krông Bông"]),
    ],
)
def test_title_holder_name_after_a_complete_body(org_nlp, text, expected):
    assert orgs(org_nlp, text) == expected
