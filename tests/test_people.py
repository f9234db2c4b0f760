"""PER recognition (pipeline.nlp.people): names, cues, bylines, negatives.

Sentences are written for these tests (not taken from the corpus); the names
are invented.
"""

from __future__ import annotations

import pytest

from pipeline.nlp.language import build_nlp
from pipeline.nlp.people import is_name_syllable


@pytest.fixture(scope="module")
def people_nlp():
    return build_nlp(components=("vn_people",))


def people(nlp, text):
    doc = nlp(text)
    return [(ent.text, ent._.is_reference) for ent in doc.ents if ent.label_ == "PER"]


def names(nlp, text):
    return [name for name, _ in people(nlp, text)]


# --------------------------------------------------------------------------
# Titles and honorifics are not part of the name
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Phó Chủ tịch Thường trực UBND tỉnh Kon Tum Nguyễn Hữu Tháp kết luận hội nghị.", ["Nguyễn Hữu Tháp"]),
        ("Đồng chí Võ Ngọc Thanh - Ủy viên Ban Thường vụ Tỉnh ủy phát biểu.", ["Võ Ngọc Thanh"]),
        ("Giám đốc Sở Đặng Thị Kim Oanh báo cáo kết quả.", ["Đặng Thị Kim Oanh"]),
        ("Phó Giám đốc Sở Lạc Văn Đông được giao phụ trách.", ["Lạc Văn Đông"]),
        ("Bộ trưởng Bộ Nội vụ Phùng Quang Toản ký quyết định.", ["Phùng Quang Toản"]),
        ("Thứ trưởng Bộ TT&TT Tống Văn Hải dự lễ.", ["Tống Văn Hải"]),
        ("Cục trưởng Cục Bưu điện Trung ương Khúc Minh Trí cho biết.", ["Khúc Minh Trí"]),
        ("Chánh Văn phòng UBND tỉnh Doãn Thu Hà điều hành phiên họp.", ["Doãn Thu Hà"]),
        ("Đại tá Trịnh Văn Quyết, Giám đốc Công an tỉnh, chỉ đạo.", ["Trịnh Văn Quyết"]),
        ("Thượng tá Lưu Đức Tài, Phó Trưởng phòng An ninh mạng, báo cáo.", ["Lưu Đức Tài"]),
        ("PGS.TS. Nghiêm Xuân Bách trình bày tham luận.", ["Nghiêm Xuân Bách"]),
        ("Thạc sĩ Cấn Thị Ngọc trao đổi kinh nghiệm.", ["Cấn Thị Ngọc"]),
        ("Theo bà Diệp Thị Ánh Tuyết, kết quả còn thấp.", ["Diệp Thị Ánh Tuyết"]),
        ("Tổng Bí thư Tô Văn Lâm gặp gỡ cử tri.", ["Tô Văn Lâm"]),
    ],
)
def test_title_or_honorific_is_not_in_the_span(people_nlp, text, expected):
    assert names(people_nlp, text) == expected


def test_field_of_study_after_a_degree_is_not_a_name(people_nlp):
    text = "Ông Khổng Minh Đạo sinh năm 1980, thạc sĩ Khoa học máy tính, cử nhân Luật Kinh Tế."
    assert names(people_nlp, text) == ["Khổng Minh Đạo"]


def test_title_alone_is_not_a_name(people_nlp):
    text = "Đồng chí Phó Chủ tịch đề nghị các sở, ngành phối hợp chặt chẽ. Đồng chí nhấn mạnh yêu cầu."
    assert names(people_nlp, text) == []


def test_capitalised_honorific_at_sentence_start(people_nlp):
    assert names(people_nlp, "Ông Hầu A Lềnh và Bà Sầm Thị Nhung nhận giấy khen.") == ["Hầu A Lềnh", "Sầm Thị Nhung"]


# --------------------------------------------------------------------------
# Names with no cue: a known family name starts them
# --------------------------------------------------------------------------


def test_unseen_names_in_a_list(people_nlp):
    text = "Danh sách khen thưởng gồm Lều Thị Bích, Ung Văn Kiên và Mẫn Đức Hòa."
    assert names(people_nlp, text) == ["Lều Thị Bích", "Ung Văn Kiên", "Mẫn Đức Hòa"]


def test_name_at_paragraph_start(people_nlp):
    assert names(people_nlp, "Trương Mỹ Duyên là cán bộ trẻ của phường.") == ["Trương Mỹ Duyên"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tại buổi lễ, Y Ngông Niê Kdăm nhận bằng khen.", ["Y Ngông Niê Kdăm"]),
        ("Chị H'Bla Êban, giáo viên của buôn, chia sẻ.", ["H'Bla Êban"]),
        ("Già làng Ksor Nhoa kể lại câu chuyện.", ["Ksor Nhoa"]),
        ("Ông Rơ Mah Tuấn và bà Siu H'Mai đã ký cam kết.", ["Rơ Mah Tuấn", "Siu H'Mai"]),
        ("Anh Kpă Ban được tuyên dương.", ["Kpă Ban"]),
        ("Tham dự có Lò Văn Puộc, Quàng Thị Xuân và Giàng A Chứ.", ["Lò Văn Puộc", "Quàng Thị Xuân", "Giàng A Chứ"]),
        ("Sư cả Thạch Sa Rây chủ trì lễ, có Danh Út cùng dự.", ["Thạch Sa Rây", "Danh Út"]),
        ("Bà Tôn Nữ Thị Hạnh và ông Âu Dương Lâm tham gia.", ["Tôn Nữ Thị Hạnh", "Âu Dương Lâm"]),
    ],
)
def test_ethnic_minority_and_compound_family_names(people_nlp, text, expected):
    assert names(people_nlp, text) == expected


# --------------------------------------------------------------------------
# Foreign names: only with a cue
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ông John Smith, Giám đốc quốc gia của tổ chức, phát biểu.", ["John Smith"]),
        ("Chuyên gia Kim Ji-young trình bày mô hình.", ["Kim Ji-young"]),
        ("Tham dự có Ms. Sarah Lee và ông Park Ji-hoon.", ["Sarah Lee", "Park Ji-hoon"]),
        ("Maria Gonzalez - Trưởng đại diện tổ chức tại Việt Nam cho biết.", ["Maria Gonzalez"]),
        ("Tiến sĩ Tanaka Hiroshi đánh giá cao kết quả.", ["Tanaka Hiroshi"]),
    ],
)
def test_foreign_names_with_a_cue(people_nlp, text, expected):
    assert names(people_nlp, text) == expected


def test_foreign_name_repeated_without_cue(people_nlp):
    text = "Ông Michael Brown, chuyên gia an ninh mạng, phát biểu. Theo Michael Brown, cần chia sẻ dữ liệu."
    assert names(people_nlp, text) == ["Michael Brown", "Michael Brown"]


def test_foreign_words_without_cue_are_not_names(people_nlp):
    assert names(people_nlp, "Hệ thống dùng nền tảng Microsoft Azure và Google Cloud.") == []


def test_company_with_its_place_after_a_title_is_not_a_name(people_nlp):
    assert names(people_nlp, "Giám đốc MobiFone Kon Tum cho biết, mạng đã ổn định.") == []


# --------------------------------------------------------------------------
# Places, streets and organisations that look like names
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Đoàn công tác đã đến tỉnh Lâm Đồng và tỉnh Cao Bằng.",
        "Hội nghị được tổ chức tại Hà Nội, Thái Nguyên và Hà Tĩnh.",
        "Sở Khoa học và Công nghệ TP. Hồ Chí Minh và thành phố Hồ Chí Minh phối hợp.",
        "Tuyến cáp quang dọc đường Lê Lợi, phố Trần Hưng Đạo và đường Quang Trung được nâng cấp.",
        "Học sinh Trường THPT Lê Quý Đôn đạt giải.",
        "Sở Y Tế và Sở Văn Hóa cùng kiểm tra.",
        "Đồng bào Ê Đê, Gia Rai ở Tây Nguyên được hỗ trợ điện thoại.",
        "Bà Rịa - Vũng Tàu là địa phương đi đầu.",
        "Du khách đến Hồ Gươm và Cô Tô ngày càng đông.",
        "Đoàn Thanh niên tổ chức ra quân.",
        "Hàn Quốc và Thái Lan cử chuyên gia sang hỗ trợ.",
        "Vũ Quang, Hương Khê được hỗ trợ xóa vùng lõm sóng.",
        "Tuyến phố Bà Triệu được lát đá; lễ hội Bà Chúa Xứ thu hút du khách.",
        "Giải Búa liềm vàng và Giải Báo chí Quốc gia được tổ chức.",
    ],
)
def test_place_and_organisation_names_are_not_people(people_nlp, text):
    assert names(people_nlp, text) == []


def test_president_ho_chi_minh_with_title_is_a_person(people_nlp):
    text = "Làm theo lời dạy của Chủ tịch Hồ Chí Minh, cán bộ TP. Hồ Chí Minh ra quân."
    assert names(people_nlp, text) == ["Hồ Chí Minh"]


def test_name_after_province_in_title(people_nlp):
    text = "Chủ tịch UBND tỉnh Hà Giang Nguyễn Văn Sơn và Bí thư Tỉnh ủy Lâm Đồng Y Thanh Hà Niê Kdăm dự."
    assert names(people_nlp, text) == ["Nguyễn Văn Sơn", "Y Thanh Hà Niê Kdăm"]


# --------------------------------------------------------------------------
# Short references
# --------------------------------------------------------------------------


def test_given_name_after_honorific_is_a_reference(people_nlp):
    text = "Ông Lương Thế Hiển phát biểu khai mạc. Theo ông Hiển, bà Huệ và anh Tuấn đã hoàn thành nhiệm vụ."
    assert people(people_nlp, text) == [
        ("Lương Thế Hiển", False),
        ("Hiển", True),
        ("Huệ", True),
        ("Tuấn", True),
    ]


def test_given_name_after_title_needs_the_full_name_in_the_article(people_nlp):
    with_full = "Phó Chủ tịch UBND tỉnh Mạc Thị Hường chủ trì. Phó Chủ tịch Hường yêu cầu các sở khẩn trương."
    assert people(people_nlp, with_full) == [("Mạc Thị Hường", False), ("Hường", True)]
    without_full = "Giám đốc Sở cho biết. Phó Chủ tịch Hường yêu cầu các sở khẩn trương."
    assert people(people_nlp, without_full) == []


def test_country_after_a_title_is_not_a_reference(people_nlp):
    text = "Đại sứ Anh tại Việt Nam dự lễ. Phát biểu có chị Thu Anh, đoàn viên của chi đoàn.\n\nMinh Anh"
    assert people(people_nlp, text) == [("Thu Anh", False), ("Minh Anh", False)]


def test_foreign_reference_by_family_name(people_nlp):
    text = "Ông Park Min-soo, Trưởng nhóm chuyên gia, tham dự. Ông Park đánh giá cao sự phối hợp."
    assert people(people_nlp, text) == [("Park Min-soo", False), ("Park", True)]


def test_honorific_plus_place_is_not_a_reference(people_nlp):
    assert names(people_nlp, "Tỉnh Bà Rịa ngày trước có nhiều làng chài.") == []


# --------------------------------------------------------------------------
# Bylines
# --------------------------------------------------------------------------


BODY = "Hội nghị tổng kết công tác năm\n\nSáng 10/1, Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết."


@pytest.mark.parametrize(
    "byline, expected",
    [
        ("Hồ Thị Lệ Thu", ["Hồ Thị Lệ Thu"]),
        ("NGUYỄN THỊ THANH XUÂN", ["NGUYỄN THỊ THANH XUÂN"]),
        ("Minh Khuê - Thu Trang", ["Minh Khuê", "Thu Trang"]),
        ("Bảo Ngọc", ["Bảo Ngọc"]),
        ("Tin, ảnh: Hải Đăng", ["Hải Đăng"]),
        # a prefixed Ê Đê given name is a whole name in one token
        ("Bảo Trâm - H'Yơn", ["Bảo Trâm", "H'Yơn"]),
    ],
)
def test_bylines(people_nlp, byline, expected):
    assert names(people_nlp, f"{BODY}\n\n{byline}") == expected


@pytest.mark.parametrize("byline", ["H.T.", "PV", "T.H - V.A", "BBT"])
def test_initials_bylines_are_not_people(people_nlp, byline):
    assert names(people_nlp, f"{BODY}\n\n{byline}") == []


def test_last_body_paragraph_is_not_a_byline(people_nlp):
    assert names(people_nlp, f"{BODY}\n\nHội nghị kết thúc vào buổi chiều cùng ngày.") == []


# --------------------------------------------------------------------------
# Helpers and robustness
# --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Hường", "A", "H'Xíu", "Ji-hoon", "McCarthy", "Êban"])
def test_name_syllables(text):
    assert is_name_syllable(text)


@pytest.mark.parametrize("text", ["UBND", "VNPT", "VNeID", "A05", "hường", "5G", "TT&TT"])
def test_not_name_syllables(text):
    assert not is_name_syllable(text)


def test_long_capitalised_line_is_handled(people_nlp):
    text = " ".join(["Nguyễn Văn"] * 2000) + " / 12/2020/QĐ-UBND " * 200
    doc = people_nlp(text)
    assert all(len(ent) <= 5 for ent in doc.ents)


def test_long_line_in_capitals_and_long_lists_are_handled(people_nlp):
    doc = people_nlp(" ".join(["ÔNG NGUYỄN VĂN"] * 3000) + " ông Ông Văn Lực," * 500 + " Sa Văn Thảo," * 500)
    assert all(len(ent) <= 5 for ent in doc.ents)


# --------------------------------------------------------------------------
# Names in capitals inside body text
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Phát biểu tại buổi làm việc, ông PHẠM VĂN KHẢI, Giám đốc Sở Xây dựng, đề nghị rà soát.", ["PHẠM VĂN KHẢI"]),
        ("Bà ĐINH THỊ THU HƯƠNG cho biết tiến độ đã vượt kế hoạch.", ["ĐINH THỊ THU HƯƠNG"]),
        ("Đồng chí LÒ VĂN PHƯƠNG được bầu giữ chức Bí thư.", ["LÒ VĂN PHƯƠNG"]),
        ("Trung tá VŨ ĐỨC MẠNH, Đội trưởng Đội An ninh mạng, báo cáo.", ["VŨ ĐỨC MẠNH"]),
        ("Khen thưởng ông ĐẶNG VĂN TÁM và bà KSOR H'NGÂN vì thành tích xuất sắc.", ["ĐẶNG VĂN TÁM", "KSOR H'NGÂN"]),
        ("TRỊNH THỊ LOAN, Phó Chủ tịch Hội Nông dân xã, phát biểu.", ["TRỊNH THỊ LOAN"]),
        ("Danh sách gồm BÀ QUÁCH THỊ NGA và ông ÔNG VĂN LỰC.", ["QUÁCH THỊ NGA", "ÔNG VĂN LỰC"]),
    ],
)
def test_names_in_capitals_with_a_cue(people_nlp, text, expected):
    assert names(people_nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "TĂNG CƯỜNG QUẢN LÝ NHÀ NƯỚC VỀ THÔNG TIN ĐIỆN TỬ",
        "ÔNG PHẠM VĂN KHẢI ĐƯỢC BẦU LÀM CHỦ TỊCH UBND TỈNH",
        "Giám đốc SỞ XÂY DỰNG ký văn bản gửi các xã.",
        "Văn bản gửi LÊ VĂN TÁM và các đơn vị liên quan.",
    ],
)
def test_capitals_without_a_cue_are_not_names(people_nlp, text):
    assert names(people_nlp, text) == []


# --------------------------------------------------------------------------
# Ward and district names that are also given names
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chủ tịch Hoàng Mai chủ trì buổi tiếp công dân.", ["Hoàng Mai"]),
        ("Ông Thanh Xuân, cán bộ địa chính, đo đạc lại thửa đất.", ["Thanh Xuân"]),
        ("Thượng tá Hồng Hà, Phó Trưởng Công an xã, cho biết.", ["Hồng Hà"]),
        ("Tân Lập, Phó Giám đốc Trung tâm Y tế, trình bày báo cáo.", ["Tân Lập"]),
        ("Chị Hồng Phong được tặng giấy khen.", ["Hồng Phong"]),
    ],
)
def test_ward_names_introduced_as_people(people_nlp, text, expected):
    assert names(people_nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Người dân ở Hoàng Mai và Thanh Xuân được cấp căn cước.",
        "Các xã Tân Lập, Hồng Phong, nhân viên bưu điện đến tận nhà hỗ trợ.",
        "Đại sứ Thái Lan và Bí thư Hà Giang dự lễ khánh thành.",
        "Chủ tịch UBND phường Hoàng Mai kiểm tra công trình.",
    ],
)
def test_ward_and_province_names_stay_places(people_nlp, text):
    assert names(people_nlp, text) == []


# --------------------------------------------------------------------------
# News grammar around names
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Đoàn kiểm tra do ông Bạch Văn Lực, Phó Giám đốc Sở Nội vụ, làm Trưởng đoàn.", ["Bạch Văn Lực"]),
        ("Đoàn công tác do đồng chí Cù Thị Hậu làm trưởng đoàn đã thăm hỏi các hộ.", ["Cù Thị Hậu"]),
        ("Đoàn giám sát do Phó Chủ tịch HĐND tỉnh Lương Quốc Đoàn làm Trưởng đoàn.", ["Lương Quốc Đoàn"]),
        ("Theo bà Giáp Thị Nụ, số hộ dùng dịch vụ công trực tuyến tăng mạnh.", ["Giáp Thị Nụ"]),
        ("Lã Văn Khôi cho biết, cả thôn đã có cáp quang.", ["Lã Văn Khôi"]),
        ("Thân Đức Hải cho biết thêm, tổ công nghệ số đã đến từng nhà.", ["Thân Đức Hải"]),
    ],
)
def test_names_in_common_news_constructions(people_nlp, text, expected):
    assert names(people_nlp, text) == expected


def test_list_of_people_with_positions(people_nlp):
    text = (
        "Tham dự có các ông: Mạc Văn Đông, Giám đốc Sở Tài chính; Khổng Minh Tâm, Phó Giám đốc Sở Nội vụ; "
        "và bà Lục Thị Yến, Chánh Văn phòng UBND tỉnh."
    )
    assert names(people_nlp, text) == ["Mạc Văn Đông", "Khổng Minh Tâm", "Lục Thị Yến"]


def test_list_with_unknown_family_names_found_by_the_middle_name(people_nlp):
    text = "Được khen thưởng có các ông, bà: Sa Văn Thảo, Trưởng thôn; Khà Thị Hoa, Chi hội trưởng; Đèo Văn Long."
    assert names(people_nlp, text) == ["Sa Văn Thảo", "Khà Thị Hoa", "Đèo Văn Long"]


@pytest.mark.parametrize(
    "text",
    [
        "Tuyến đê Sông Văn Úc được gia cố trước mùa mưa bão.",
        "Khu vực Phường Văn Miếu và Đường Văn Cao được chỉnh trang.",
        "Ngày Văn Hóa Các Dân Tộc được tổ chức tại làng văn hóa.",
        "Chiến dịch Văn Minh Đô Thị được phát động.",
        "Tại Siêu Thị Điện Máy, khách hàng xếp hàng từ sớm.",
        "Vấn đề Thành Thị Nông Thôn được đưa ra thảo luận.",
    ],
)
def test_middle_name_rule_leaves_places_and_common_words(people_nlp, text):
    assert names(people_nlp, text) == []


def test_function_word_before_a_family_name_van(people_nlp):
    assert names(people_nlp, "Theo Văn Thị Bạch Mai, mô hình đã được nhân rộng.") == ["Văn Thị Bạch Mai"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Khổng Văn Hiệp, Lục Thị Gấm, Giáp Văn Toàn và Thân Thị Lụa được biểu dương.", ["Khổng Văn Hiệp", "Lục Thị Gấm", "Giáp Văn Toàn", "Thân Thị Lụa"]),
        ("Chu Minh Khải, Lã Thị Lành, Mạc Văn Quế và Tăng Thị Hoa nhận giấy khen.", ["Chu Minh Khải", "Lã Thị Lành", "Mạc Văn Quế", "Tăng Thị Hoa"]),
        ("Nông Văn Sinh, Hầu A Lử, Vi Thị Đào và Sùng Mí Chơ tham gia tổ công nghệ số.", ["Nông Văn Sinh", "Hầu A Lử", "Vi Thị Đào", "Sùng Mí Chơ"]),
        ("Giàng A Pử, Thào Thị Dế, Lầu Mí Sính và Mùa A Thào được tặng điện thoại.", ["Giàng A Pử", "Thào Thị Dế", "Lầu Mí Sính", "Mùa A Thào"]),
        ("Ksor Bưih, Rơ Mah Blin, Nay Y Phôn và Siu Thị Nguyệt dự lễ.", ["Ksor Bưih", "Rơ Mah Blin", "Nay Y Phôn", "Siu Thị Nguyệt"]),
        ("Điểu Brơi, Danh Sô Phon và Thạch Thị Sa Rươne nhận học bổng.", ["Điểu Brơi", "Danh Sô Phon", "Thạch Thị Sa Rươne"]),
        ("Phàn Văn Sơn, Lỳ Thị Xá và Chẩu Văn Lâm được kết nạp.", ["Phàn Văn Sơn", "Lỳ Thị Xá", "Chẩu Văn Lâm"]),
    ],
)
def test_rare_and_ethnic_minority_family_names(people_nlp, text, expected):
    assert names(people_nlp, text) == expected


# --------------------------------------------------------------------------
# The family name Ông and the modifiers nguyên, tân, quyền
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Đoàn do ông Ông Văn Lực làm trưởng đoàn.", ["Ông Văn Lực"]),
        ("Bà Ông Thị Nhàn nhận quà của Hội Chữ thập đỏ.", ["Ông Thị Nhàn"]),
        ("Ông Ông Văn Lực phát biểu tại hội nghị.", ["Ông Văn Lực"]),
        ("Phó Chủ tịch UBND tỉnh Ông Văn Lực kiểm tra tiến độ.", ["Ông Văn Lực"]),
        ("Hồ sơ do Ông Thị Nhàn lập đã được duyệt.", ["Ông Thị Nhàn"]),
        ("Ông Lê Văn Sáu phát biểu tại hội nghị.", ["Lê Văn Sáu"]),
        ("Tham dự có Ông Trần Quang Vũ, Giám đốc Sở.", ["Trần Quang Vũ"]),
    ],
)
def test_family_name_ong_after_an_honorific(people_nlp, text, expected):
    assert names(people_nlp, text) == expected


def test_family_name_ong_opening_a_sentence_joins_its_full_name(people_nlp):
    text = "Chủ tịch Ông Văn Lực chủ trì. Ông Văn Lực đề nghị các xã phối hợp. Ông Lực kết luận."
    assert people(people_nlp, text) == [("Ông Văn Lực", False), ("Ông Văn Lực", False), ("Lực", True)]


def test_modifiers_are_titles_only_before_a_title(people_nlp):
    text = "Tân Giám đốc Sở Đỗ Văn Hòa nhận nhiệm vụ; nguyên Bộ trưởng Lê Minh Trí dự. Theo ông Tân và chị Nguyên, việc đã xong."
    assert people(people_nlp, text) == [("Đỗ Văn Hòa", False), ("Lê Minh Trí", False), ("Tân", True), ("Nguyên", True)]


# --------------------------------------------------------------------------
# Organisation names after a title; settlement heads
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Giám đốc Công ty Minh Phát thừa nhận sai phạm.", []),
        ("Tổng Giám đốc Tập đoàn Hoàng Long Phạm Văn Tuấn phát biểu.", ["Phạm Văn Tuấn"]),
        ("Hiệu trưởng Trường THPT Lê Hồng Phong Nguyễn Thị Lan nhận bằng khen.", ["Nguyễn Thị Lan"]),
        ("Phó Giám đốc Sacombank Chi nhánh Long An cho biết.", []),
        ("Bà Hà Thị Thu, nhân viên Quầy Bưu điện phường, nhận giấy khen.", ["Hà Thị Thu"]),
    ],
)
def test_organisation_names_after_a_title(people_nlp, text, expected):
    assert names(people_nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ông Vàng A Sử, trưởng bản Nậm Khao, cho biết bản đã có sóng.", ["Vàng A Sử"]),
        ("Bà Lò Thị Ón, trưởng thôn Nà Pồng, vận động bà con.", ["Lò Thị Ón"]),
        ("Trưởng thôn Hoàng Văn Tám cho biết cả thôn đã có điện.", ["Hoàng Văn Tám"]),
        ("Phó trưởng bản Lù Văn Chín kiểm tra tuyến cáp.", ["Lù Văn Chín"]),
    ],
)
def test_settlement_head_titles(people_nlp, text, expected):
    assert names(people_nlp, text) == expected


# --------------------------------------------------------------------------
# Multi-syllable short references
# --------------------------------------------------------------------------


def test_last_syllables_after_an_honorific_are_a_reference(people_nlp):
    text = "Ông Đào Minh Tuấn phát biểu. Theo ông Minh Tuấn, cần đẩy mạnh chuyển đổi số. Bà Thu Hà cũng đồng tình."
    assert people(people_nlp, text) == [("Đào Minh Tuấn", False), ("Minh Tuấn", True), ("Thu Hà", False)]


def test_ede_name_by_prefix_and_given_name(people_nlp):
    text = "Ông Y Khoa Niê, Phó Chủ tịch xã, phát biểu. Theo ông Y Khoa, xã đã phủ sóng. Phó Chủ tịch Khoa đề nghị hỗ trợ."
    assert people(people_nlp, text) == [("Y Khoa Niê", False), ("Y Khoa", True), ("Khoa", True)]


def test_family_name_that_is_an_ethnic_group_before_a_middle_name(people_nlp):
    # Thái, Mông are ethnic groups and family names: before Văn/Thị, a family name
    text = "Tham dự có các đồng chí: Thái Văn Lộc - Phó Bí thư Huyện ủy; Mông Thị Hằng - Chủ tịch Hội Phụ nữ."
    assert names(people_nlp, text) == ["Thái Văn Lộc", "Mông Thị Hằng"]


def test_ethnic_group_before_a_name_is_not_part_of_it(people_nlp):
    assert names(people_nlp, "Già làng người Thái Lò Văn Pọm kể chuyện bản.") == ["Lò Văn Pọm"]
    assert names(people_nlp, "Đồng bào Thái ở Mai Châu đón Tết sớm.") == []


def test_family_name_that_is_an_ethnic_group_right_after_an_honorific(people_nlp):
    # after "chị"/"bà" the name follows at once: Thái is the family name, not the group
    assert names(people_nlp, "Chị Thái Hồng Nhung, giáo viên trường tiểu học, kể lại.") == ["Thái Hồng Nhung"]
    assert names(people_nlp, "Bà Mông Hồng Vân cho biết sẽ tiếp tục hỗ trợ.") == ["Mông Hồng Vân"]
