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
