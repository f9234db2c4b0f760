"""LOC entities (pipeline/nlp/places.py) and the gazetteer, on sentences written for the tests."""

from __future__ import annotations

import csv

import pytest

from pipeline.nlp.language import build_nlp
from pipeline.nlp.places import load_gazetteer
from pipeline.resources import resource_path


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(segmenter="syllables", components=("vn_places",))


def places(nlp, text):
    return [(ent.text, ent._.canonical) for ent in nlp(text).ents if ent.label_ == "LOC"]


# ---------------------------------------------------------------- gazetteer


def test_gazetteer_file_holds_both_systems():
    with open(resource_path("gazetteers", "places.tsv"), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    provinces = {(r["name"], r["status"]) for r in rows if r["level"] == "province"}
    assert sum(1 for _, status in provinces if status == "current") == 34
    assert sum(1 for _, status in provinces if status == "former") == 63
    assert ("Quảng Bình", "former") in provinces and ("Quảng Bình", "current") not in provinces
    assert ("Hồ Chí Minh", "current") in provinces
    levels = {r["level"] for r in rows}
    assert levels == {"province", "district", "commune"}
    assert any(r["name"] == "Mèo Vạc" and r["level"] == "district" for r in rows)
    assert any(r["name"] == "Trấn Biên" and r["unit_type"] == "phường" for r in rows)
    # names are stored without unit word and with modern tone placement
    assert not any(r["name"].startswith(("Tỉnh ", "Huyện ", "Xã ")) for r in rows)
    assert any(r["name"] == "Hòa Bình" for r in rows) and not any(r["name"] == "Hoà Bình" for r in rows)


def test_gazetteer_knows_units_abolished_before_2025():
    gazetteer = load_gazetteer()
    assert gazetteer.province_of("Thừa Thiên Huế") == "Thừa Thiên Huế"
    assert gazetteer.province_of("Hà Tây") == "Hà Tây"
    assert gazetteer.province_of("Huế") == "Huế"
    assert gazetteer.province_of("Mèo Vạc") is None  # a district, not a province


# ---------------------------------------------------------- provinces, cities


@pytest.mark.parametrize(
    "text, expected",
    [
        # provinces with and without their unit word; the span leaves it out
        ("Đoàn công tác làm việc tại tỉnh Điện Biên.", [("Điện Biên", "Điện Biên")]),
        ("Lai Châu và Cao Bằng đẩy mạnh chuyển đổi số.", [("Lai Châu", "Lai Châu"), ("Cao Bằng", "Cao Bằng")]),
        # names of before the 2025 merger, and of before 2008
        ("Trước đây tỉnh Hà Giang, tỉnh Quảng Bình và tỉnh Hà Tây còn tồn tại.",
         [("Hà Giang", "Hà Giang"), ("Quảng Bình", "Quảng Bình"), ("Hà Tây", "Hà Tây")]),
        ("Sáp nhập Bình Phước vào Đồng Nai từ ngày 1/7/2025.", [("Bình Phước", "Bình Phước"), ("Đồng Nai", "Đồng Nai")]),
        # the variants of Hồ Chí Minh City
        ("Hội thảo diễn ra tại TP.HCM.", [("TP.HCM", "Hồ Chí Minh")]),
        ("Hội thảo diễn ra tại TP. Hồ Chí Minh.", [("Hồ Chí Minh", "Hồ Chí Minh")]),
        ("Ủy ban nhân dân Thành phố Hồ Chí Minh cho biết.", [("Hồ Chí Minh", "Hồ Chí Minh")]),
        ("Nhiều doanh nghiệp ở TP HCM tham gia.", [("HCM", "Hồ Chí Minh")]),
        ("Người dân Sài Gòn đón năm mới.", [("Sài Gòn", "Sài Gòn")]),
        # hyphenated names, spaced or not
        ("Tỉnh Thừa Thiên - Huế và tỉnh Bà Rịa-Vũng Tàu ký kết hợp tác.",
         [("Thừa Thiên - Huế", "Thừa Thiên Huế"), ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu")]),
        ("Đại biểu Bà Rịa - Vũng Tàu phát biểu.", [("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu")]),
        ("Thủ đô Hà Nội đón khách.", [("Hà Nội", "Hà Nội")]),
    ],
)
def test_provinces(nlp, text, expected):
    assert places(nlp, text) == expected


# ---------------------------------------------------------- districts, communes


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mạng 5G đã phủ sóng Sìn Hồ, Mường Tè và Phong Thổ.",
         [("Sìn Hồ", "Sìn Hồ"), ("Mường Tè", "Mường Tè"), ("Phong Thổ", "Phong Thổ")]),
        # a district named like a common syllable needs its unit word
        ("Hội nghị tổ chức tại thành phố Vinh; ông Vinh phát biểu.", [("Vinh", "Vinh")]),
        ("Huyện Lắk có 11 xã.", [("Lắk", "Lắk")]),
        # numbered districts keep their unit word
        ("Bưu điện Quận 1 và quận 10 được nâng cấp.", [("Quận 1", "Quận 1"), ("quận 10", "Quận 10")]),
        # communes need their unit word ...
        ("Trạm phát sóng mới ở xã Mường Nhé và phường Hải Châu.", [("Mường Nhé", "Mường Nhé"), ("Hải Châu", "Hải Châu")]),
        # ... or a list that began with a place, or a plural place noun and "như"
        ("Các huyện Bảo Lâm, Bảo Lạc và xã Cốc Pàng được hỗ trợ.",
         [("Bảo Lâm", "Bảo Lâm"), ("Bảo Lạc", "Bảo Lạc"), ("Cốc Pàng", "Cốc Pàng")]),
        ("Các xã biên giới như Pà Vầy Sủ, Thàng Tín đều có sóng.",
         [("Pà Vầy Sủ", "Pà Vầy Sủ"), ("Thàng Tín", "Thàng Tín")]),
        ("Đoàn đã đến làm việc ở Nậm Khắt.", [("Nậm Khắt", "Nậm Khắt")]),
        # a commune of the 2025 reorganisation, and an unseen one after its unit word
        ("Lễ ra mắt phường Xuân Hương - Đà Lạt và đặc khu Côn Đảo.",
         [("Xuân Hương - Đà Lạt", "Xuân Hương - Đà Lạt"), ("Côn Đảo", "Côn Đảo")]),
        ("Người dân xã Ia Hrú Mới được cấp căn cước.", [("Ia Hrú Mới", "Ia Hrú Mới")]),
        # villages: no gazetteer lists them, their unit word says what they are
        ("Loa được lắp ở thôn Khuổi Phầy, bản Sáng Nhù và buôn Ea Bông.",
         [("Khuổi Phầy", "Khuổi Phầy"), ("Sáng Nhù", "Sáng Nhù"), ("Ea Bông", "Ea Bông")]),
        ("Bản Kế hoạch và bản Dự thảo được gửi lấy ý kiến.", []),
        # Đắk / Đăk spellings
        ("Huyện Đăk Tô và huyện Đắk Glei.", [("Đăk Tô", "Đắk Tô"), ("Đắk Glei", "Đắk Glei")]),
    ],
)
def test_districts_and_communes(nlp, text, expected):
    assert places(nlp, text) == expected


# -------------------------------------------------------- countries, regions


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Việt Nam hợp tác với Nhật Bản, Hàn Quốc và Hoa Kỳ.",
         [("Việt Nam", "Việt Nam"), ("Nhật Bản", "Nhật Bản"), ("Hàn Quốc", "Hàn Quốc"), ("Hoa Kỳ", "Hoa Kỳ")]),
        ("Đoàn đã thăm Singapore, Thái Lan, Úc và Mỹ.",
         [("Singapore", "Singapore"), ("Thái Lan", "Thái Lan"), ("Úc", "Australia"), ("Mỹ", "Hoa Kỳ")]),
        ("Hàng hóa xuất sang Lào, Campuchia, Trung Quốc.",
         [("Lào", "Lào"), ("Campuchia", "Campuchia"), ("Trung Quốc", "Trung Quốc")]),
        ("Chuyên gia đến từ Pháp, Đức và nước Anh.", [("Pháp", "Pháp"), ("Đức", "Đức"), ("Anh", "Anh")]),
        ("Đoàn làm việc tại thủ đô Tokyo, thành phố Fukuyama và Bắc Kinh.",
         [("Tokyo", "Tokyo"), ("Fukuyama", "Fukuyama"), ("Bắc Kinh", "Bắc Kinh")]),
        ("Tàu đi qua Thái Bình Dương.", [("Thái Bình Dương", "Thái Bình Dương")]),  # not Thái Bình province
        ("Mô hình được nhân rộng ra khu vực Tây Nguyên và Đồng bằng sông Cửu Long.",
         [("Tây Nguyên", "Tây Nguyên"), ("Đồng bằng sông Cửu Long", "Đồng bằng sông Cửu Long")]),
    ],
)
def test_countries_and_regions(nlp, text, expected):
    assert places(nlp, text) == expected


# ------------------------------------------------------------------ negatives


@pytest.mark.parametrize(
    "text",
    [
        "Tư tưởng Hồ Chí Minh soi đường.",  # a person without a unit word
        "Ông Nguyễn Thái Bình và anh Hà Nam đến dự.",  # given names
        "Cửa hàng nằm trên đường Lê Lợi, gần chợ Bến Thành.",  # streets, landmarks
        "Anh Tuấn cho biết. Đức tính cần cù được đề cao.",  # pronoun, word at a sentence start
        "Trung tâm đặt tại Trung tâm Hành chính công.",  # a common noun, not a commune
        "Xã hội hóa nguồn lực cho giáo dục.",  # "xã" in "xã hội"
        "Kết quả được công bố trong 5 tháng đầu năm tại tỉnh 5 tháng.",  # numbers are no province
        "Công ty Tân Tiến Phát đặt trụ sở tại đây.",  # a commune name inside a company name
        "Dịch vụ của VNPT Điện Biên được mở rộng.",  # part of a company name
    ],
)
def test_negatives(nlp, text):
    assert places(nlp, text) == []


def test_names_inside_an_earlier_entity_are_not_tagged_again(nlp):
    doc = nlp.make_doc("UBND tỉnh Sơn La họp tại Sơn La.")
    from spacy.tokens import Span

    doc.ents = [Span(doc, 0, 4, label="ORG")]  # as vn_organisations would leave it
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("UBND tỉnh Sơn La", "ORG"), ("Sơn La", "LOC")]


# ------------------------------------------- islands, parks, villages, lists


@pytest.mark.parametrize(
    "text, expected",
    [
        # islands and archipelagos, industrial parks and economic zones are places
        ("Tàu cập đảo Hòn Mê và quần đảo Nam Du.", ["Hòn Mê", "Nam Du"]),
        ("Nhà máy nằm trong khu công nghiệp Quang Minh.", ["Quang Minh"]),
        # a state farm's town: the lists write "NT ..." / "Nông Trường ..."
        ("Đoàn thăm thị trấn Nông trường Việt Lâm.", ["Nông trường Việt Lâm"]),
        # the unit word of the first item holds for the list
        ("Sóng 5G đã phủ các xã của huyện Hương Sơn, Vũ Quang.", ["Hương Sơn", "Vũ Quang"]),
        # names the gazetteer lacks that continue a list of places
        ("Tại các xã vùng cao như Tân Hợp, Nà Phiêng, Khâu Mạ vẫn còn khó khăn.", ["Tân Hợp", "Nà Phiêng", "Khâu Mạ"]),
        ("Mạng được phủ tới các điểm đảo như Hòn Rái, Hòn Sơn Rái.", ["Hòn Rái", "Hòn Sơn Rái"]),
        ("Các xã Ia Mơr, Ia Khai và Ia Tơi được hỗ trợ.", ["Ia Mơr", "Ia Khai", "Ia Tơi"]),
    ],
)
def test_islands_parks_and_lists(nlp, text, expected):
    assert [name for name, _ in places(nlp, text)] == expected


def test_unseen_list_needs_a_place_list(nlp):
    # no list introducer, no plural unit word: a name after a place is no LOC
    assert [name for name, _ in places(nlp, "Ông Lục đến xã Tân Hợp, Khâu Mạ nói.")] == ["Tân Hợp"]


def test_country_ending_an_award_name_is_no_place():
    nlp = build_nlp(components=("vn_places",))
    text = "Ông Vi trao Kỷ niệm chương Vì sự nghiệp Khoa học Việt Nam cho 5 hội viên."
    assert places(nlp, text) == []
    assert [name for name, _ in places(nlp, "Đoàn sẽ đến Việt Nam vào tháng tới.")] == ["Việt Nam"]


def test_one_syllable_village_names():
    nlp = build_nlp(components=("vn_places",))
    assert [name for name, _ in places(nlp, "Điểm trường ở bản Khoang, xã Mường Lầm.")] == ["Khoang", "Mường Lầm"]
    assert [name for name, _ in places(nlp, "Nhiều hộ ở buôn Tơng đã hiến đất.")] == ["Tơng"]
    # a syllable starting an ordinary word is no village (bản = a copy)
    assert places(nlp, "Sở gửi bản Hướng dẫn tới các xã.") == []
