"""Short references linked to the full entity (pipeline.nlp.references).

The PER part runs the real people recogniser; the ORG part sets the ORG
entities by hand (as the organisations component would) so that it tests the
linking alone.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from pipeline.nlp.language import build_nlp


@pytest.fixture(scope="module")
def people_nlp():
    return build_nlp(components=("vn_people", "vn_references", "vn_canonical"))


@pytest.fixture(scope="module")
def linker_nlp():
    return build_nlp(segmenter="syllables", components=("vn_references", "vn_canonical"))


def per_mentions(doc):
    return [(ent.text, ent._.is_reference, ent._.entity_key) for ent in doc.ents if ent.label_ == "PER"]


def test_given_name_after_honorific_links_to_full_name(people_nlp):
    doc = people_nlp("Ông Đàm Quang Hưởng, Giám đốc Sở, phát biểu. Ông Hưởng đề nghị các đơn vị phối hợp.")
    assert per_mentions(doc) == [
        ("Đàm Quang Hưởng", False, "PER:Đàm Quang Hưởng"),
        ("Hưởng", True, "PER:Đàm Quang Hưởng"),
    ]


def test_reference_after_title_links_to_full_name(people_nlp):
    doc = people_nlp(
        "Phó Chủ tịch Thường trực UBND tỉnh Gia Lai Lê Việt Hường chủ trì. "
        "Phó Chủ tịch Hường yêu cầu các sở khẩn trương triển khai."
    )
    assert per_mentions(doc) == [
        ("Lê Việt Hường", False, "PER:Lê Việt Hường"),
        ("Hường", True, "PER:Lê Việt Hường"),
    ]


def test_most_recent_matching_person_wins(people_nlp):
    doc = people_nlp(
        "Ông Trần Văn Nam và ông Phạm Hoài Nam cùng dự. Ông Phạm Hoài Nam phát biểu trước. Sau đó, ông Nam kết luận."
    )
    mentions = per_mentions(doc)
    assert mentions[-1] == ("Nam", True, "PER:Phạm Hoài Nam")


def test_reference_before_the_only_full_name(people_nlp):
    doc = people_nlp("Theo bà Nhàn, dự án đã xong. Bà Dương Thị Thanh Nhàn là Trưởng phòng Kế hoạch.")
    assert per_mentions(doc) == [
        ("Nhàn", True, "PER:Dương Thị Thanh Nhàn"),
        ("Dương Thị Thanh Nhàn", False, "PER:Dương Thị Thanh Nhàn"),
    ]


def test_foreign_family_name_reference(people_nlp):
    doc = people_nlp("Bà Lee Soo-jin, chuyên gia của KISA, trình bày. Bà Lee cho rằng cần diễn tập thường xuyên.")
    assert per_mentions(doc) == [
        ("Lee Soo-jin", False, "PER:Lee Soo-jin"),
        ("Lee", True, "PER:Lee Soo-jin"),
    ]


def test_capitals_byline_gets_title_case_key(people_nlp):
    doc = people_nlp("Tin hội nghị\n\nBà Châu Ngọc Hân phát biểu.\n\nCHÂU NGỌC HÂN")
    assert [(ent.text, ent._.entity_key) for ent in doc.ents] == [
        ("Châu Ngọc Hân", "PER:Châu Ngọc Hân"),
        ("CHÂU NGỌC HÂN", "PER:Châu Ngọc Hân"),
    ]


def test_unlinked_reference_keeps_its_own_key(people_nlp):
    doc = people_nlp("Chị Mai cho biết, gia đình đã dùng dịch vụ công trực tuyến.")
    assert per_mentions(doc) == [("Mai", True, "PER:Mai")]


def test_last_two_syllables_link_to_the_full_name(people_nlp):
    doc = people_nlp(
        "Ông Quách Minh Tuấn và ông Lê Anh Tuấn cùng dự. Theo ông Minh Tuấn, dự án đã xong. "
        "Bà Hoàng Thị Hương Giang phát biểu. Bà Hương Giang đề nghị hỗ trợ thêm."
    )
    assert per_mentions(doc) == [
        ("Quách Minh Tuấn", False, "PER:Quách Minh Tuấn"),
        ("Lê Anh Tuấn", False, "PER:Lê Anh Tuấn"),
        ("Minh Tuấn", True, "PER:Quách Minh Tuấn"),
        ("Hoàng Thị Hương Giang", False, "PER:Hoàng Thị Hương Giang"),
        ("Hương Giang", True, "PER:Hoàng Thị Hương Giang"),
    ]


def test_short_form_after_a_title_links_to_the_full_name(people_nlp):
    doc = people_nlp("Ông Tạ Văn Hải dự họp. Sau đó, Phó Chủ tịch Văn Hải kết luận.")
    assert per_mentions(doc) == [
        ("Tạ Văn Hải", False, "PER:Tạ Văn Hải"),
        ("Văn Hải", True, "PER:Tạ Văn Hải"),
    ]


def test_ede_name_referred_to_by_its_given_name(people_nlp):
    doc = people_nlp(
        "Ông Y Khoa Niê, Phó Chủ tịch UBND xã, cho biết. Theo ông Y Khoa, xã đã phủ sóng. "
        "Ông Khoa đề nghị doanh nghiệp hỗ trợ."
    )
    assert per_mentions(doc) == [
        ("Y Khoa Niê", False, "PER:Y Khoa Niê"),
        ("Y Khoa", True, "PER:Y Khoa Niê"),
        ("Khoa", True, "PER:Y Khoa Niê"),
    ]


def test_given_name_links_to_a_name_in_capitals(people_nlp):
    doc = people_nlp("Ông ĐOÀN VĂN KHÁNH, Giám đốc Sở, phát biểu. Ông Khánh đề nghị các xã phối hợp.")
    assert per_mentions(doc) == [
        ("ĐOÀN VĂN KHÁNH", False, "PER:Đoàn Văn Khánh"),
        ("Khánh", True, "PER:Đoàn Văn Khánh"),
    ]
    assert doc.ents[1]._.canonical == "Đoàn Văn Khánh"


def test_family_name_ong_reference(people_nlp):
    doc = people_nlp("Đoàn do ông Ông Văn Lực làm trưởng đoàn. Ông Lực đề nghị tăng cường hợp tác.")
    assert per_mentions(doc) == [
        ("Ông Văn Lực", False, "PER:Ông Văn Lực"),
        ("Lực", True, "PER:Ông Văn Lực"),
    ]


def test_many_people_and_references_stay_linked(people_nlp):
    text = " ".join(f"Ông Nguyễn Văn {name} phát biểu. Ông {name} đề nghị." for name in ["Bình", "Cường", "Dũng"] * 200)
    doc = people_nlp(text)
    mentions = per_mentions(doc)
    assert len(mentions) == 1200
    assert all(key == f"PER:Nguyễn Văn {text}" for text, is_ref, key in mentions if is_ref)


# --------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------


def with_orgs(nlp, text, orgs, *, references=(), province=None):
    """A Doc of ``text`` whose ORG entities are the given substrings (in order)."""
    doc = nlp.make_doc(text)
    doc._.province = province
    spans, position = [], 0
    for org in orgs:
        start = text.index(org, position)
        spans.append(doc.char_span(start, start + len(org), label="ORG"))
        position = start + len(org)
    doc.ents = spans
    for ent in doc.ents:
        if ent.start in {span.start for span in spans if span.text in references}:
            ent._.is_reference = True
    for name, component in nlp.pipeline:
        doc = component(doc)
    return doc


def org_keys(doc):
    return [(ent.text, ent._.is_reference, ent._.entity_key) for ent in doc.ents]


def test_bare_department_links_to_the_department(linker_nlp):
    text = "Sở Thông tin và Truyền thông tỉnh Phú Yên tổ chức hội nghị. Sở đề nghị các doanh nghiệp phối hợp."
    doc = with_orgs(linker_nlp, text, ["Sở Thông tin và Truyền thông tỉnh Phú Yên", "Sở"], references=("Sở",), province="Phú Yên")
    key = "ORG:Sở Thông tin và Truyền thông tỉnh Phú Yên"
    assert org_keys(doc) == [("Sở Thông tin và Truyền thông tỉnh Phú Yên", False, key), ("Sở", True, key)]
    assert doc.ents[1]._.canonical == "Sở Thông tin và Truyền thông tỉnh Phú Yên"


def test_bare_head_takes_the_most_recent_one_before(linker_nlp):
    text = "Cục Báo chí và Cục Viễn thông phối hợp. Năm 2024, Cục đã cấp 12 giấy phép."
    doc = with_orgs(linker_nlp, text, ["Cục Báo chí", "Cục Viễn thông", "Cục"], references=("Cục",))
    assert org_keys(doc)[-1] == ("Cục", True, "ORG:Cục Viễn thông")


def test_bare_head_prefers_the_unit_the_article_is_about(linker_nlp):
    text = (
        "Sở Thông tin và Truyền thông tổ chức lễ. Lãnh đạo Sở Thông tin và Truyền thông trao quyết định "
        "cho ông A, nguyên cán bộ Sở Tài chính. Tân Giám đốc Sở cam kết."
    )
    doc = with_orgs(
        linker_nlp,
        text,
        ["Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông", "Sở Tài chính", "Sở"],
        references=("Sở",),
    )
    assert org_keys(doc)[-1] == ("Sở", True, "ORG:Sở Thông tin và Truyền thông")


def test_unit_word_reference_links_to_the_named_committee(linker_nlp):
    text = "UBND tỉnh Phú Yên ban hành kế hoạch. Thay mặt UBND tỉnh, Phó Chủ tịch trao bằng khen."
    doc = with_orgs(linker_nlp, text, ["UBND tỉnh Phú Yên", "UBND tỉnh"], province="Phú Yên")
    key = "ORG:Ủy ban nhân dân tỉnh Phú Yên"
    assert org_keys(doc) == [("UBND tỉnh Phú Yên", False, key), ("UBND tỉnh", True, key)]


def test_unit_word_reference_without_full_name_gets_the_province(linker_nlp):
    text = "Công an tỉnh đã xử lý 12 trường hợp."
    doc = with_orgs(linker_nlp, text, ["Công an tỉnh"], province="Phú Yên")
    assert [(ent._.canonical, ent._.entity_key) for ent in doc.ents] == [
        ("Công an tỉnh Phú Yên", "ORG:Công an tỉnh Phú Yên")
    ]


def test_name_without_its_place_links_to_the_full_name(linker_nlp):
    text = "Sở TT&TT tỉnh Phú Yên chủ trì. Lãnh đạo Sở Thông tin và Truyền thông cho biết kết quả."
    doc = with_orgs(linker_nlp, text, ["Sở TT&TT tỉnh Phú Yên", "Sở Thông tin và Truyền thông"])
    key = "ORG:Sở Thông tin và Truyền thông tỉnh Phú Yên"
    assert org_keys(doc) == [("Sở TT&TT tỉnh Phú Yên", False, key), ("Sở Thông tin và Truyền thông", True, key)]


def test_different_unit_with_a_longer_name_is_not_linked(linker_nlp):
    text = "Trung tâm Công nghệ thông tin và Trung tâm Công nghệ thông tin và Truyền thông cùng dự."
    doc = with_orgs(linker_nlp, text, ["Trung tâm Công nghệ thông tin", "Trung tâm Công nghệ thông tin và Truyền thông"])
    assert [ent._.is_reference for ent in doc.ents] == [False, False]
    assert doc.ents[0]._.entity_key == "ORG:Trung tâm Công nghệ thông tin"


def test_two_candidates_after_and_none_before_stay_unlinked(linker_nlp):
    text = "Bộ cho biết, Bộ Công an và Bộ Quốc phòng sẽ phối hợp."
    doc = with_orgs(linker_nlp, text, ["Bộ", "Bộ Công an", "Bộ Quốc phòng"], references=("Bộ",))
    assert org_keys(doc)[0] == ("Bộ", True, "ORG:Bộ")


def test_acronym_in_parentheses_links_to_the_full_name(linker_nlp):
    text = "Trung tâm Giám sát an toàn không gian mạng quốc gia (NCSC) điều phối. NCSC ghi nhận 12 sự cố."
    doc = with_orgs(linker_nlp, text, ["Trung tâm Giám sát an toàn không gian mạng quốc gia", "NCSC", "NCSC"])
    key = "ORG:Trung tâm Giám sát an toàn không gian mạng quốc gia"
    assert [ent._.entity_key for ent in doc.ents] == [key, key, key]


def test_bare_standing_board_links_to_the_full_board(linker_nlp):
    text = (
        "Ban Thường vụ Tỉnh ủy ban hành kế hoạch. "
        "Ông Đặng Văn Tâm, Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy phát biểu."
    )
    doc = with_orgs(
        linker_nlp, text, ["Ban Thường vụ Tỉnh ủy", "Ban Thường vụ", "Ban Dân vận Tỉnh ủy"], references=("Ban Thường vụ",)
    )
    assert org_keys(doc)[1] == ("Ban Thường vụ", True, "ORG:Ban Thường vụ Tỉnh ủy")


def test_bare_standing_board_without_full_board_is_the_board_of_the_named_committee(linker_nlp):
    text = "Thành ủy Cần Thơ tổ chức hội nghị. Bà Võ Thị Ngân, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức phát biểu."
    doc = with_orgs(linker_nlp, text, ["Thành ủy Cần Thơ", "Ban Thường vụ"], references=("Ban Thường vụ",))
    assert org_keys(doc)[1] == ("Ban Thường vụ", True, "ORG:Ban Thường vụ Thành ủy Cần Thơ")
    assert doc.ents[1]._.canonical == "Ban Thường vụ Thành ủy Cần Thơ"


def test_bare_standing_board_with_no_committee_named_stays_unlinked(linker_nlp):
    text = "Bà Võ Thị Ngân, Ủy viên Ban Thường vụ, Giám đốc Sở Nội vụ phát biểu."
    doc = with_orgs(linker_nlp, text, ["Ban Thường vụ", "Sở Nội vụ"], references=("Ban Thường vụ",))
    assert org_keys(doc)[0] == ("Ban Thường vụ", True, "ORG:Ban Thường vụ")
