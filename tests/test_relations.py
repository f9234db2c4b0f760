"""Relation extraction (pipeline/nlp/relations.py).

Unit tests build Docs with the tokenizer only and set the entities by hand, as
the NER components would (``doc.ents``, ``span._.canonical``,
``span._.entity_key``), so that they test the relation rules alone.  The
sentences are written for these tests (not taken from the corpus).  The
end-to-end tests at the bottom run the whole pipeline and check only what the
NER certainly gives (documents and dates), plus the sample article against
its gold relations.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from pipeline.nlp.language import build_nlp
from pipeline.nlp.relations import RelationExtractor, article_year

REPO = Path(__file__).resolve().parents[1]


def entity_key(label, canonical):
    """The key the canonical component gives (pipeline.nlp.canonical.entity_key)."""
    return f"{label}:{canonical}"


@pytest.fixture(scope="module")
def tokenizer_only():
    return build_nlp(segmenter="syllables", components=())


@pytest.fixture(scope="module")
def extractor():
    return RelationExtractor(None)


def make_doc(nlp, text, entities):
    """``entities``: (surface, label[, canonical]) in text order; a short
    reference gives the canonical form of its full entity (same key)."""
    doc = nlp(text)
    spans, cursor = [], 0
    for surface, label, *rest in entities:
        start = text.index(surface, cursor)
        span = doc.char_span(start, start + len(surface), label=label, alignment_mode="strict")
        assert span is not None, surface
        canonical = rest[0] if rest else surface
        span._.canonical = canonical
        span._.entity_key = entity_key(label, canonical)
        span._.is_reference = bool(rest)
        spans.append(span)
        cursor = start + len(surface)
    doc.ents = spans
    return doc


def triples(rows, relation=None):
    """(subject, relation, object, title or award) of the rows, in order."""
    return [
        (r["subject"], r["relation"], r["object"], r["title"] or r["award"])
        for r in rows
        if relation is None or r["relation"] == relation
    ]


def run(nlp, extractor, text, entities, relation=None):
    return triples(extractor.extract(make_doc(nlp, text, entities)), relation)


# --------------------------------------------------------------------------
# holds_position
# --------------------------------------------------------------------------


def test_title_organisation_name(tokenizer_only, extractor):
    text = "Thứ trưởng Bộ Tài chính Nguyễn Đức An phát biểu khai mạc hội thảo."
    assert run(tokenizer_only, extractor, text, [("Bộ Tài chính", "ORG"), ("Nguyễn Đức An", "PER")]) == [
        ("Nguyễn Đức An", "holds_position", "Bộ Tài chính", "Thứ trưởng")
    ]


def test_name_dash_two_positions(tokenizer_only, extractor):
    text = (
        "Đồng chí Trần Văn Bình - Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực "
        "UBND tỉnh Quảng Ngãi chủ trì buổi làm việc."
    )
    entities = [("Trần Văn Bình", "PER"), ("Ban Thường vụ Tỉnh ủy", "ORG"), ("UBND tỉnh Quảng Ngãi", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Trần Văn Bình", "holds_position", "Ban Thường vụ Tỉnh ủy", "Ủy viên"),
        ("Trần Văn Bình", "holds_position", "UBND tỉnh Quảng Ngãi", "Phó Chủ tịch Thường trực"),
    ]


def test_name_comma_position(tokenizer_only, extractor):
    text = "Ông Phạm Minh Quân, Giám đốc Sở Tư pháp cho biết đơn vị đã số hóa toàn bộ hồ sơ."
    assert run(tokenizer_only, extractor, text, [("Phạm Minh Quân", "PER"), ("Sở Tư pháp", "ORG")]) == [
        ("Phạm Minh Quân", "holds_position", "Sở Tư pháp", "Giám đốc")
    ]


def test_implicit_province_uses_the_full_entity_key(tokenizer_only, extractor):
    text = (
        "UBND tỉnh Hà Nam tổ chức hội nghị trực tuyến. "
        "Bà Vũ Thị Lan, Phó Chủ tịch UBND tỉnh đề nghị các sở tăng cường phối hợp."
    )
    entities = [
        ("UBND tỉnh Hà Nam", "ORG", "Ủy ban nhân dân tỉnh Hà Nam"),
        ("Vũ Thị Lan", "PER"),
        ("UBND tỉnh", "ORG", "Ủy ban nhân dân tỉnh Hà Nam"),
    ]
    rows = extractor.extract(make_doc(tokenizer_only, text, entities))
    assert triples(rows) == [("Vũ Thị Lan", "holds_position", "UBND tỉnh", "Phó Chủ tịch")]
    assert rows[0]["object_key"] == entity_key("ORG", "Ủy ban nhân dân tỉnh Hà Nam")
    assert rows[0]["subject_key"] == entity_key("PER", "Vũ Thị Lan")


def test_title_with_the_unit_head_names_the_unit(tokenizer_only, extractor):
    text = "Ông Hoàng Anh Tuấn, Chánh Văn phòng UBND tỉnh cho biết lịch tiếp công dân đã được công khai."
    # the organisation component tagged the unit ...
    assert run(tokenizer_only, extractor, text, [("Hoàng Anh Tuấn", "PER"), ("Văn phòng UBND tỉnh", "ORG")]) == [
        ("Hoàng Anh Tuấn", "holds_position", "Văn phòng UBND tỉnh", "Chánh Văn phòng")
    ]
    # ... or only the committee: the unit is made explicit all the same, with
    # the key the canonical component gives "Văn phòng UBND tỉnh"
    entities = [("Hoàng Anh Tuấn", "PER"), ("UBND tỉnh", "ORG", "Ủy ban nhân dân tỉnh Hà Nam")]
    rows = extractor.extract(make_doc(tokenizer_only, text, entities))
    assert triples(rows) == [("Hoàng Anh Tuấn", "holds_position", "Văn phòng UBND tỉnh", "Chánh Văn phòng")]
    assert rows[0]["object_key"] == "ORG:Văn phòng Ủy ban nhân dân tỉnh Hà Nam"


def test_section_head_title(tokenizer_only, extractor):
    text = "Bà Đỗ Thu Hà, Trưởng phòng Quản lý đô thị thuộc UBND huyện Gia Lâm trình bày tham luận."
    entities = [("Đỗ Thu Hà", "PER"), ("phòng Quản lý đô thị", "ORG"), ("UBND huyện Gia Lâm", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Đỗ Thu Hà", "holds_position", "phòng Quản lý đô thị", "Trưởng phòng"),
        ("phòng Quản lý đô thị", "part_of", "UBND huyện Gia Lâm", None),
    ]


def test_military_rank_is_not_a_title(tokenizer_only, extractor):
    text = "Thượng tá Lê Hoàng Nam, Phó Trưởng phòng Cảnh sát giao thông, Công an tỉnh Bình Phước cho biết như vậy."
    entities = [("Lê Hoàng Nam", "PER"), ("phòng Cảnh sát giao thông", "ORG"), ("Công an tỉnh Bình Phước", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Lê Hoàng Nam", "holds_position", "phòng Cảnh sát giao thông", "Phó Trưởng phòng"),
        ("phòng Cảnh sát giao thông", "part_of", "Công an tỉnh Bình Phước", None),
    ]


def test_title_without_organisation_gives_no_row(tokenizer_only, extractor):
    text = "Tổng Bí thư Tô Lâm gửi thư chúc mừng. Giám đốc Hoàng Văn Tùng cho biết đơn vị sẵn sàng."
    assert run(tokenizer_only, extractor, text, [("Tô Lâm", "PER"), ("Hoàng Văn Tùng", "PER")]) == []


def test_past_position_keeps_nguyen(tokenizer_only, extractor):
    text = "Ông Vũ Đình Khôi, nguyên Giám đốc Bưu điện tỉnh Ninh Bình, được điều động giữ chức Giám đốc Bưu điện tỉnh Nam Định."
    entities = [("Vũ Đình Khôi", "PER"), ("Bưu điện tỉnh Ninh Bình", "ORG"), ("Bưu điện tỉnh Nam Định", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Vũ Đình Khôi", "holds_position", "Bưu điện tỉnh Ninh Bình", "nguyên Giám đốc"),
        ("Vũ Đình Khôi", "holds_position", "Bưu điện tỉnh Nam Định", "Giám đốc"),
    ]


def test_position_verb_and_pronoun(tokenizer_only, extractor):
    text = (
        "Bà Ngô Thị Thu Trang sinh năm 1980, từng giữ chức Phó Giám đốc Sở Y tế tỉnh Hòa Bình. "
        "Trước khi được điều động, bà là Phó Chánh Thanh tra Sở Xây dựng."
    )
    entities = [("Ngô Thị Thu Trang", "PER"), ("Sở Y tế tỉnh Hòa Bình", "ORG"), ("Thanh tra Sở Xây dựng", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Ngô Thị Thu Trang", "holds_position", "Sở Y tế tỉnh Hòa Bình", "Phó Giám đốc"),
        ("Ngô Thị Thu Trang", "holds_position", "Thanh tra Sở Xây dựng", "Phó Chánh Thanh tra"),
    ]


def test_title_organisation_comma_honorific_name(tokenizer_only, extractor):
    text = "Phó Chủ tịch UBND thành phố Cần Thơ, ông Lâm Văn Hòa, đề nghị các quận khẩn trương triển khai."
    assert run(tokenizer_only, extractor, text, [("UBND thành phố Cần Thơ", "ORG"), ("Lâm Văn Hòa", "PER")]) == [
        ("Lâm Văn Hòa", "holds_position", "UBND thành phố Cần Thơ", "Phó Chủ tịch")
    ]


def test_issuer_office_before_a_name_is_no_position(tokenizer_only, extractor):
    text = "Theo Quyết định số 210/QĐ-TCT của Tổng Giám đốc Tổng công ty, ông Bùi Minh Đức được giao phụ trách đơn vị."
    entities = [("Quyết định số 210/QĐ-TCT", "DIRECTIVE"), ("Tổng công ty", "ORG"), ("Bùi Minh Đức", "PER")]
    assert run(tokenizer_only, extractor, text, entities, "holds_position") == []


def test_committee_led_by(tokenizer_only, extractor):
    text = "Huyện đã thành lập Ban Chỉ đạo chuyển đổi số do đồng chí Lò Văn Sơn, Bí thư Huyện ủy làm Trưởng ban."
    entities = [("Ban Chỉ đạo chuyển đổi số", "ORG"), ("Lò Văn Sơn", "PER"), ("Huyện ủy", "ORG")]
    assert sorted(run(tokenizer_only, extractor, text, entities)) == [
        ("Lò Văn Sơn", "holds_position", "Ban Chỉ đạo chuyển đổi số", "Trưởng ban"),
        ("Lò Văn Sơn", "holds_position", "Huyện ủy", "Bí thư"),
    ]


def test_office_tagged_as_organisation_in_a_position(tokenizer_only, extractor):
    # NER may tag the office "Chủ tịch UBND tỉnh"; in an apposition it is title + ORG
    text = "Dự lễ có đồng chí Đào Minh Tú - Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh."
    entities = [("Đào Minh Tú", "PER"), ("Tỉnh ủy", "ORG"), ("Chủ tịch UBND tỉnh", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Đào Minh Tú", "holds_position", "Tỉnh ủy", "Phó Bí thư"),
        ("Đào Minh Tú", "holds_position", "UBND tỉnh", "Chủ tịch"),
    ]


# --------------------------------------------------------------------------
# issued_by / issued_on
# --------------------------------------------------------------------------


def test_directive_date_issuer(tokenizer_only, extractor):
    text = "Thực hiện Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ, tỉnh đã xây dựng kế hoạch."
    entities = [("Quyết định số 749/QĐ-TTg", "DIRECTIVE"), ("Thủ tướng Chính phủ", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Quyết định số 749/QĐ-TTg", "issued_on", "2020-06-03", None),
        ("Quyết định số 749/QĐ-TTg", "issued_by", "Thủ tướng Chính phủ", None),
    ]


def test_directive_issuer_then_dashed_date(tokenizer_only, extractor):
    text = "Sở đã triển khai Kế hoạch 5731/KH-UBND của UBND tỉnh ngày 3-8-2022 về chuyển đổi số."
    entities = [("Kế hoạch 5731/KH-UBND", "DIRECTIVE"), ("UBND tỉnh", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Kế hoạch 5731/KH-UBND", "issued_by", "UBND tỉnh", None),
        ("Kế hoạch 5731/KH-UBND", "issued_on", "2022-08-03", None),
    ]


def test_verbal_date(tokenizer_only, extractor):
    text = "Thông tư số 12/2019/TT-BYT ngày 2 tháng 5 năm 2019 của Bộ Y tế có hiệu lực từ tháng 7."
    entities = [("Thông tư số 12/2019/TT-BYT", "DIRECTIVE"), ("Bộ Y tế", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Thông tư số 12/2019/TT-BYT", "issued_on", "2019-05-02", None),
        ("Thông tư số 12/2019/TT-BYT", "issued_by", "Bộ Y tế", None),
    ]


def test_day_month_takes_the_article_year(tokenizer_only, extractor):
    text = (
        "Hôm nay (12/8), UBND tỉnh Sóc Trăng ban hành Kế hoạch số 77/KH-UBND về phòng, chống thiên tai. "
        "Đến cuối tháng 7/2023, toàn tỉnh đã hoàn thành 80% chỉ tiêu năm 2023."
    )
    entities = [("UBND tỉnh Sóc Trăng", "ORG"), ("Kế hoạch số 77/KH-UBND", "DIRECTIVE")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Kế hoạch số 77/KH-UBND", "issued_by", "UBND tỉnh Sóc Trăng", None),
        ("Kế hoạch số 77/KH-UBND", "issued_on", "2023-08-12", None),
    ]


def test_parenthesised_date_after_the_number(tokenizer_only, extractor):
    text = "Chủ tịch UBND huyện đã ký Quyết định số 88/QĐ-UBND (25/3) của UBND huyện Tam Nông. Năm 2024 là năm bản lề."
    entities = [("Quyết định số 88/QĐ-UBND", "DIRECTIVE"), ("UBND huyện Tam Nông", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Quyết định số 88/QĐ-UBND", "issued_on", "2024-03-25", None),
        ("Quyết định số 88/QĐ-UBND", "issued_by", "UBND huyện Tam Nông", None),
    ]


def test_clause_date_and_issuing_subject(tokenizer_only, extractor):
    text = "Ngày 15/9/2021, Sở Giáo dục và Đào tạo đã ban hành Công văn số 1234/SGDĐT-VP hướng dẫn dạy học trực tuyến."
    entities = [("Sở Giáo dục và Đào tạo", "ORG"), ("Công văn số 1234/SGDĐT-VP", "DIRECTIVE")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Công văn số 1234/SGDĐT-VP", "issued_by", "Sở Giáo dục và Đào tạo", None),
        ("Công văn số 1234/SGDĐT-VP", "issued_on", "2021-09-15", None),
    ]


def test_no_date_from_the_number_and_no_issuer_from_the_suffix(tokenizer_only, extractor):
    text = "Chỉ thị số 07/2007/CT-UBND vẫn còn hiệu lực; theo Nghị định 15/2020/NĐ-CP, doanh nghiệp bị xử phạt."
    entities = [("Chỉ thị số 07/2007/CT-UBND", "DIRECTIVE"), ("Nghị định 15/2020/NĐ-CP", "DIRECTIVE")]
    assert run(tokenizer_only, extractor, text, entities) == []


def test_signer_is_not_the_issuer(tokenizer_only, extractor):
    text = "Kế hoạch số 45/KH-UBND do Phó Chủ tịch UBND tỉnh Trần Văn Nam ký ban hành."
    entities = [("Kế hoạch số 45/KH-UBND", "DIRECTIVE"), ("UBND tỉnh", "ORG"), ("Trần Văn Nam", "PER")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Trần Văn Nam", "holds_position", "UBND tỉnh", "Phó Chủ tịch")
    ]


def test_issued_by_done_by(tokenizer_only, extractor):
    text = "Quy chế kèm theo Quyết định số 22/QĐ-STTTT do Sở Thông tin và Truyền thông ban hành có hiệu lực ngay."
    entities = [("Quyết định số 22/QĐ-STTTT", "DIRECTIVE"), ("Sở Thông tin và Truyền thông", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Quyết định số 22/QĐ-STTTT", "issued_by", "Sở Thông tin và Truyền thông", None)
    ]


def test_minister_signing_for_the_ministry(tokenizer_only, extractor):
    text = "Ngày 20/10/2023, Bộ trưởng Bộ Nội vụ đã ký ban hành Thông tư số 9/2023/TT-BNV."
    entities = [("Bộ Nội vụ", "ORG"), ("Thông tư số 9/2023/TT-BNV", "DIRECTIVE")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Thông tư số 9/2023/TT-BNV", "issued_by", "Bộ Nội vụ", None),
        ("Thông tư số 9/2023/TT-BNV", "issued_on", "2023-10-20", None),
    ]


# --------------------------------------------------------------------------
# part_of
# --------------------------------------------------------------------------


def test_part_of_links(tokenizer_only, extractor):
    text = (
        "Trung tâm Dữ liệu và Trung tâm Lưu trữ thuộc Sở Nội vụ phối hợp với Phòng Cảnh sát kinh tế "
        "(trực thuộc Công an tỉnh) và Cục Tin học hóa, Bộ TT&TT."
    )
    entities = [
        ("Trung tâm Dữ liệu", "ORG"), ("Trung tâm Lưu trữ", "ORG"), ("Sở Nội vụ", "ORG"),
        ("Phòng Cảnh sát kinh tế", "ORG"), ("Công an tỉnh", "ORG"), ("Cục Tin học hóa", "ORG"), ("Bộ TT&TT", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Trung tâm Dữ liệu", "part_of", "Sở Nội vụ", None),
        ("Trung tâm Lưu trữ", "part_of", "Sở Nội vụ", None),
        ("Phòng Cảnh sát kinh tế", "part_of", "Công an tỉnh", None),
        ("Cục Tin học hóa", "part_of", "Bộ TT&TT", None),
    ]


def test_parent_in_parentheses_and_abbreviation(tokenizer_only, extractor):
    text = (
        "Trung tâm Lưu trữ lịch sử (Sở Nội vụ) và Trung tâm Giám sát an toàn thông tin (SOC) "
        "cùng tham gia; Viễn thông Hà Nam (VNPT Hà Nam) hỗ trợ kỹ thuật."
    )
    entities = [
        ("Trung tâm Lưu trữ lịch sử", "ORG"), ("Sở Nội vụ", "ORG"), ("Trung tâm Giám sát an toàn thông tin", "ORG"),
        ("SOC", "ORG"), ("Viễn thông Hà Nam", "ORG"), ("VNPT Hà Nam", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [("Trung tâm Lưu trữ lịch sử", "part_of", "Sở Nội vụ", None)]


def test_coordination_is_no_apposition(tokenizer_only, extractor):
    text = "Đại diện Bộ Công an, Bộ Quốc phòng, Sở Y tế, Cục Quản lý Dược và Văn phòng UBND tỉnh dự họp."
    entities = [
        ("Bộ Công an", "ORG"), ("Bộ Quốc phòng", "ORG"), ("Sở Y tế", "ORG"), ("Cục Quản lý Dược", "ORG"),
        ("Văn phòng UBND tỉnh", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == []


# --------------------------------------------------------------------------
# awarded
# --------------------------------------------------------------------------


def test_nested_recipient_list(tokenizer_only, extractor):
    text = (
        "Thay mặt UBND tỉnh, đồng chí Nguyễn Văn Khánh đã trao bằng khen cho 05 tập thể: Bưu điện tỉnh; "
        "03 đơn vị thuộc Sở Y tế (Trung tâm Y tế huyện Mỹ Đức, Bệnh viện Đa khoa tỉnh; Trung tâm Kiểm soát bệnh tật); "
        "Đài Phát thanh và Truyền hình tỉnh và 04 cá nhân (cán bộ thuộc Sở Y tế) đã có thành tích xuất sắc."
    )
    entities = [
        ("UBND tỉnh", "ORG"), ("Nguyễn Văn Khánh", "PER"), ("Bưu điện tỉnh", "ORG"), ("Sở Y tế", "ORG"),
        ("Trung tâm Y tế huyện Mỹ Đức", "ORG"), ("Bệnh viện Đa khoa tỉnh", "ORG"), ("Trung tâm Kiểm soát bệnh tật", "ORG"),
        ("Đài Phát thanh và Truyền hình tỉnh", "ORG"), ("Sở Y tế", "ORG"),
    ]
    rows = run(tokenizer_only, extractor, text, entities)
    assert [r for r in rows if r[1] == "awarded"] == [
        ("Nguyễn Văn Khánh", "awarded", "Bưu điện tỉnh", "bằng khen"),
        ("Nguyễn Văn Khánh", "awarded", "Trung tâm Y tế huyện Mỹ Đức", "bằng khen"),
        ("Nguyễn Văn Khánh", "awarded", "Bệnh viện Đa khoa tỉnh", "bằng khen"),
        ("Nguyễn Văn Khánh", "awarded", "Trung tâm Kiểm soát bệnh tật", "bằng khen"),
        ("Nguyễn Văn Khánh", "awarded", "Đài Phát thanh và Truyền hình tỉnh", "bằng khen"),
    ]
    assert [r for r in rows if r[1] == "part_of"] == [
        ("Trung tâm Y tế huyện Mỹ Đức", "part_of", "Sở Y tế", None),
        ("Bệnh viện Đa khoa tỉnh", "part_of", "Sở Y tế", None),
        ("Trung tâm Kiểm soát bệnh tật", "part_of", "Sở Y tế", None),
    ]


def test_granting_body_when_nobody_is_named(tokenizer_only, extractor):
    text = "Cờ thi đua của UBND tỉnh được trao cho Trường THPT Chuyên Lê Quý Đôn."
    entities = [("UBND tỉnh", "ORG"), ("Trường THPT Chuyên Lê Quý Đôn", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("UBND tỉnh", "awarded", "Trường THPT Chuyên Lê Quý Đôn", "Cờ thi đua")
    ]


def test_named_person_over_granting_office(tokenizer_only, extractor):
    text = (
        "Thừa ủy quyền của Chủ tịch nước, đồng chí Phạm Thị Lan đã trao Huân chương Lao động hạng Nhì "
        "cho Công ty Điện lực Hải Dương vì đã có thành tích xuất sắc."
    )
    entities = [("Chủ tịch nước", "ORG"), ("Phạm Thị Lan", "PER"), ("Công ty Điện lực Hải Dương", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Phạm Thị Lan", "awarded", "Công ty Điện lực Hải Dương", "Huân chương Lao động hạng Nhì")
    ]


def test_person_recipients_with_their_positions(tokenizer_only, extractor):
    text = (
        "Đồng chí Lê Thị Hoa trao Giấy khen của Giám đốc Sở cho 02 cá nhân: ông Đỗ Văn Hải, Trưởng phòng "
        "Kế hoạch - Tài chính; bà Mai Thanh Hương, chuyên viên Văn phòng Sở."
    )
    entities = [
        ("Lê Thị Hoa", "PER"), ("Đỗ Văn Hải", "PER"), ("phòng Kế hoạch - Tài chính", "ORG"),
        ("Mai Thanh Hương", "PER"), ("Văn phòng Sở", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Đỗ Văn Hải", "holds_position", "phòng Kế hoạch - Tài chính", "Trưởng phòng"),
        ("Mai Thanh Hương", "holds_position", "Văn phòng Sở", "chuyên viên"),
        ("Lê Thị Hoa", "awarded", "Đỗ Văn Hải", "Giấy khen"),
        ("Lê Thị Hoa", "awarded", "Mai Thanh Hương", "Giấy khen"),
    ]


def test_unnamed_recipients_give_no_row(tokenizer_only, extractor):
    text = "Giám đốc Sở Nguyễn Văn Cường trao Giấy khen cho 12 tập thể và 20 cá nhân thuộc Sở."
    entities = [("Sở", "ORG"), ("Nguyễn Văn Cường", "PER"), ("Sở", "ORG")]
    assert run(tokenizer_only, extractor, text, entities, "awarded") == []


def test_two_awards_in_one_sentence(tokenizer_only, extractor):
    text = (
        "Đồng chí Hà Văn Tú cũng trao Cờ thi đua của UBND tỉnh cho Công an huyện Tân Lạc và Bằng khen "
        "của Chủ tịch UBND tỉnh cho Trường Tiểu học Mãn Đức."
    )
    entities = [
        ("Hà Văn Tú", "PER"), ("UBND tỉnh", "ORG"), ("Công an huyện Tân Lạc", "ORG"), ("Chủ tịch UBND tỉnh", "ORG"),
        ("Trường Tiểu học Mãn Đức", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities, "awarded") == [
        ("Hà Văn Tú", "awarded", "Công an huyện Tân Lạc", "Cờ thi đua"),
        ("Hà Văn Tú", "awarded", "Trường Tiểu học Mãn Đức", "Bằng khen"),
    ]


def test_short_references_resolve_to_the_full_entity(tokenizer_only, extractor):
    text = (
        "Ông Lê Việt Hưng - Phó Chủ tịch UBND tỉnh Kon Tum dự hội nghị. "
        "Dịp này, ông Hưng đã trao bằng khen cho Sở Tài chính. "
        "Sau đó, đồng chí Phó Chủ tịch trao bằng khen cho Kho bạc Nhà nước tỉnh."
    )
    entities = [
        ("Lê Việt Hưng", "PER"), ("UBND tỉnh Kon Tum", "ORG"),
        ("Hưng", "PER", "Lê Việt Hưng"), ("Sở Tài chính", "ORG"), ("Kho bạc Nhà nước tỉnh", "ORG"),
    ]
    rows = extractor.extract(make_doc(tokenizer_only, text, entities))
    awarded = [r for r in rows if r["relation"] == "awarded"]
    assert [(r["subject"], r["object"]) for r in awarded] == [("Hưng", "Sở Tài chính"), ("Hưng", "Kho bạc Nhà nước tỉnh")]
    assert {r["subject_key"] for r in awarded} == {entity_key("PER", "Lê Việt Hưng")}


# --------------------------------------------------------------------------
# Row contract
# --------------------------------------------------------------------------


def test_row_fields_and_deduplication(tokenizer_only, extractor):
    text = (
        "Hội nghị do UBND tỉnh Lào Cai tổ chức. "
        "Ông Giàng A Lử, Giám đốc Sở Tài chính phát biểu. Ông Giàng A Lử, Giám đốc Sở Tài chính kết luận."
    )
    entities = [
        ("UBND tỉnh Lào Cai", "ORG"), ("Giàng A Lử", "PER"), ("Sở Tài chính", "ORG"),
        ("Giàng A Lử", "PER"), ("Sở Tài chính", "ORG"),
    ]
    doc = make_doc(tokenizer_only, text, entities)
    rows = extractor.extract(doc)
    assert len(rows) == 1
    row = rows[0]
    assert set(row) == {
        "subject", "subject_label", "subject_key", "relation", "object", "object_label", "object_key",
        "title", "award", "evidence", "sentence_id", "start", "end", "confidence",
    }
    assert row["evidence"] == "Ông Giàng A Lử, Giám đốc Sở Tài chính phát biểu."
    assert text[row["start"] : row["end"]] == row["evidence"]
    assert row["sentence_id"] == 1
    assert (row["subject_label"], row["object_label"]) == ("PER", "ORG")
    assert 0.0 < row["confidence"] <= 1.0


def test_date_row_fields(tokenizer_only, extractor):
    text = "Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ quy định về bảo vệ dữ liệu cá nhân."
    doc = make_doc(tokenizer_only, text, [("Nghị định số 13/2023/NĐ-CP", "DIRECTIVE"), ("Chính phủ", "ORG")])
    date_row = [r for r in extractor.extract(doc) if r["relation"] == "issued_on"][0]
    assert (date_row["object"], date_row["object_label"], date_row["object_key"]) == ("2023-04-17", "DATE", None)


def test_article_year():
    assert article_year("Chiều 14/8 ... ngày 12/8/2025 ... sinh năm 1982 ... đến năm 2030") == 2025
    assert article_year("Không có năm nào.") is None


def test_long_line_of_digits_and_capitals(tokenizer_only, extractor):
    text = "Quyết định số 12/QĐ-UBND ngày " + "1/2/3-ABC/" * 2000 + " của UBND tỉnh."
    doc = make_doc(tokenizer_only, text, [("Quyết định số 12/QĐ-UBND", "DIRECTIVE"), ("UBND tỉnh", "ORG")])
    assert triples(extractor.extract(doc), "issued_on") == []


# --------------------------------------------------------------------------
# End to end (whole pipeline)
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def full_nlp():
    from pipeline.nlp.language import get_nlp

    return get_nlp()


def _clean(text: str) -> str:
    try:
        from pipeline.clean import clean_text

        return clean_text(text).text
    except ImportError:  # pragma: no cover
        return unicodedata.normalize("NFC", text)


def test_end_to_end_directive_and_date(full_nlp):
    text = _clean(
        "Tỉnh tổ chức hội nghị\n\nSở Nội vụ đã triển khai Chỉ thị số 05/CT-UBND ngày 14/3/2022 về cải cách hành chính."
    )
    rows = full_nlp(text)._.relations
    assert ("issued_on", "2022-03-14") in {(r["relation"], r["object"]) for r in rows}


def test_end_to_end_verbal_date(full_nlp):
    text = _clean("Thông báo\n\nTheo Công văn số 315/BTTTT-CVT ngày 5 tháng 9 năm 2023, các doanh nghiệp phải rà soát.")
    rows = full_nlp(text)._.relations
    assert [(r["subject"], r["object"]) for r in rows if r["relation"] == "issued_on"] == [
        ("Công văn số 315/BTTTT-CVT", "2023-09-05")
    ]


def test_end_to_end_sample_article(full_nlp, sample_text):
    """The sample article gives exactly its gold relations."""
    from pipeline.evaluate.schema import scoring_key

    gold = json.loads((REPO / "corpus" / "gold" / "dev-sample.jsonl").read_text(encoding="utf-8").splitlines()[0])
    doc = full_nlp(_clean(sample_text))

    def key(row, label_of_object=None):
        qualifier = row.get("title") or row.get("award")
        return (
            row["relation"],
            scoring_key(row["subject"]),
            scoring_key(row["object"]),
            scoring_key(qualifier) if qualifier else None,
        )

    # a predicted end may name its entity by another alias (UBND tỉnh for UBND tỉnh Gia Lai)
    aliases = {}
    for ent in doc.ents:
        aliases.setdefault(ent._.entity_key, set()).add(scoring_key(ent.text))
    gold_rows = {key(r) for r in gold["relations"]}
    predicted = set()
    for row in doc._.relations:
        subjects = aliases.get(row["subject_key"], set()) | {scoring_key(row["subject"])}
        objects = aliases.get(row["object_key"], set()) | {scoring_key(row["object"])}
        match = [g for g in gold_rows if g[0] == row["relation"] and g[1] in subjects and g[2] in objects]
        predicted.add(match[0] if len(match) == 1 else key(row))
    assert predicted == gold_rows


def test_recipient_as_subject(tokenizer_only, extractor):
    text = (
        "Năm 2022, Công ty Cấp nước Hòa Bình vinh dự được Chủ tịch nước tặng thưởng Huân chương Lao động hạng Ba. "
        "Trường Tiểu học Kim Đồng được tặng Bằng khen của Bộ Giáo dục và Đào tạo."
    )
    entities = [
        ("Công ty Cấp nước Hòa Bình", "ORG"), ("Chủ tịch nước", "ORG"), ("Trường Tiểu học Kim Đồng", "ORG"),
        ("Bộ Giáo dục và Đào tạo", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Chủ tịch nước", "awarded", "Công ty Cấp nước Hòa Bình", "Huân chương Lao động hạng Ba"),
        ("Bộ Giáo dục và Đào tạo", "awarded", "Trường Tiểu học Kim Đồng", "Bằng khen"),
    ]


def test_coordinated_documents_share_the_stated_issuer(tokenizer_only, extractor):
    text = (
        "Hội nghị công bố Quyết định số 501/QĐ-UBND ngày 2/4/2024 của Chủ tịch UBND tỉnh về việc bổ nhiệm "
        "ông Trịnh Văn Hòa; Quyết định số 502/QĐ-UBND về việc điều động bà Lã Thị Hằng."
    )
    entities = [
        ("Quyết định số 501/QĐ-UBND", "DIRECTIVE"), ("Chủ tịch UBND tỉnh", "ORG"), ("Trịnh Văn Hòa", "PER"),
        ("Quyết định số 502/QĐ-UBND", "DIRECTIVE"), ("Lã Thị Hằng", "PER"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Quyết định số 501/QĐ-UBND", "issued_on", "2024-04-02", None),
        ("Quyết định số 501/QĐ-UBND", "issued_by", "Chủ tịch UBND tỉnh", None),
        ("Quyết định số 502/QĐ-UBND", "issued_by", "Chủ tịch UBND tỉnh", None),
    ]


def test_positions_without_organisation_before_the_one_with(tokenizer_only, extractor):
    text = "Dự hội nghị có ông Nông Văn Chí, Tỉnh ủy viên, Giám đốc Sở Nông nghiệp và Phát triển nông thôn."
    entities = [("Nông Văn Chí", "PER"), ("Sở Nông nghiệp và Phát triển nông thôn", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Nông Văn Chí", "holds_position", "Sở Nông nghiệp và Phát triển nông thôn", "Giám đốc")
    ]


def test_issuing_verbs(tokenizer_only, extractor):
    text = (
        "Bộ Y tế vừa có Công văn số 4471/BYT-KCB gửi các địa phương. "
        "Thủ tướng Chính phủ đã ký Quyết định số 1520/QĐ-TTg, được ban hành ngày 6/12/2023."
    )
    entities = [
        ("Bộ Y tế", "ORG"), ("Công văn số 4471/BYT-KCB", "DIRECTIVE"), ("Thủ tướng Chính phủ", "ORG"),
        ("Quyết định số 1520/QĐ-TTg", "DIRECTIVE"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Công văn số 4471/BYT-KCB", "issued_by", "Bộ Y tế", None),
        ("Quyết định số 1520/QĐ-TTg", "issued_on", "2023-12-06", None),
        ("Quyết định số 1520/QĐ-TTg", "issued_by", "Thủ tướng Chính phủ", None),
    ]


def test_office_or_body_as_giver(tokenizer_only, extractor):
    text = (
        "Bộ trưởng Bộ Y tế đã tặng Bằng khen cho Bệnh viện Bạch Mai và 05 cá nhân. "
        "Chủ tịch UBND tỉnh tặng Bằng khen cho Trạm Y tế xã Tân Lập. "
        "Phó Chủ tịch UBND tỉnh trao Giấy khen cho Trạm Y tế xã Hòa Bình."
    )
    entities = [
        ("Bộ Y tế", "ORG"), ("Bệnh viện Bạch Mai", "ORG"), ("UBND tỉnh", "ORG"), ("Trạm Y tế xã Tân Lập", "ORG"),
        ("UBND tỉnh", "ORG"), ("Trạm Y tế xã Hòa Bình", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Bộ Y tế", "awarded", "Bệnh viện Bạch Mai", "Bằng khen"),
        ("Chủ tịch UBND tỉnh", "awarded", "Trạm Y tế xã Tân Lập", "Bằng khen"),
        ("UBND tỉnh", "awarded", "Trạm Y tế xã Hòa Bình", "Giấy khen"),
    ]


def test_list_of_people_with_positions(tokenizer_only, extractor):
    text = "Dự có ông Đặng Văn Lộc, Giám đốc Sở Công Thương, ông Vi Văn Kiên, Phó Giám đốc Sở Tài chính."
    entities = [("Đặng Văn Lộc", "PER"), ("Sở Công Thương", "ORG"), ("Vi Văn Kiên", "PER"), ("Sở Tài chính", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Đặng Văn Lộc", "holds_position", "Sở Công Thương", "Giám đốc"),
        ("Vi Văn Kiên", "holds_position", "Sở Tài chính", "Phó Giám đốc"),
    ]


# --------------------------------------------------------------------------
# Constructions that generalise beyond the first dev batches (new sentences)
# --------------------------------------------------------------------------

# part_of --------------------------------------------------------------------


def test_part_of_thuoc_and_truc_thuoc_variants(tokenizer_only, extractor):
    text = (
        "Chi cục Kiểm lâm trực thuộc Sở Nông nghiệp và Môi trường đã phối hợp với Đội Quản lý thị trường số 2 "
        "thuộc Chi cục Quản lý thị trường tỉnh Hưng Yên kiểm tra 14 cơ sở."
    )
    entities = [
        ("Chi cục Kiểm lâm", "ORG"), ("Sở Nông nghiệp và Môi trường", "ORG"), ("Đội Quản lý thị trường số 2", "ORG"),
        ("Chi cục Quản lý thị trường tỉnh Hưng Yên", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Chi cục Kiểm lâm", "part_of", "Sở Nông nghiệp và Môi trường", None),
        ("Đội Quản lý thị trường số 2", "part_of", "Chi cục Quản lý thị trường tỉnh Hưng Yên", None),
    ]


def test_part_of_link_after_a_descriptive_apposition(tokenizer_only, extractor):
    text = (
        "Trung tâm Giám định chất lượng xây dựng, đơn vị sự nghiệp trực thuộc Sở Xây dựng, đã kiểm tra 30 công "
        "trình; Sở Tư pháp, cơ quan chuyên môn thuộc UBND tỉnh Bến Tre, tham gia thẩm định."
    )
    entities = [
        ("Trung tâm Giám định chất lượng xây dựng", "ORG"), ("Sở Xây dựng", "ORG"), ("Sở Tư pháp", "ORG"),
        ("UBND tỉnh Bến Tre", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Trung tâm Giám định chất lượng xây dựng", "part_of", "Sở Xây dựng", None),
        ("Sở Tư pháp", "part_of", "UBND tỉnh Bến Tre", None),
    ]


def test_sub_units_in_parentheses_after_their_parent(tokenizer_only, extractor):
    text = (
        "Sở Tài chính (Phòng Quản lý giá và công sản) chủ trì thẩm định phương án; Công an huyện Lục Nam "
        "(Đội Cảnh sát giao thông, Đội An ninh) bố trí lực lượng. Tập đoàn Công nghiệp - Viễn thông Quân đội "
        "(Viettel) và Bộ Chỉ huy Quân sự tỉnh (cũ) cùng phối hợp."
    )
    entities = [
        ("Sở Tài chính", "ORG"), ("Phòng Quản lý giá và công sản", "ORG"), ("Công an huyện Lục Nam", "ORG"),
        ("Đội Cảnh sát giao thông", "ORG"), ("Đội An ninh", "ORG"),
        ("Tập đoàn Công nghiệp - Viễn thông Quân đội", "ORG"), ("Viettel", "ORG"), ("Bộ Chỉ huy Quân sự tỉnh", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Phòng Quản lý giá và công sản", "part_of", "Sở Tài chính", None),
        ("Đội Cảnh sát giao thông", "part_of", "Công an huyện Lục Nam", None),
        ("Đội An ninh", "part_of", "Công an huyện Lục Nam", None),
    ]


def test_apposition_with_a_dash_and_after_a_coordinated_unit(tokenizer_only, extractor):
    text = (
        "Đội Cảnh sát hình sự - Công an thị xã Sơn Tây đã bắt giữ ba đối tượng. Tham gia còn có Sở Xây dựng "
        "và Phòng Cảnh sát môi trường, Công an tỉnh Vĩnh Phúc; Cục Hải quan - Bộ Tài chính gửi văn bản góp ý."
    )
    entities = [
        ("Đội Cảnh sát hình sự", "ORG"), ("Công an thị xã Sơn Tây", "ORG"), ("Sở Xây dựng", "ORG"),
        ("Phòng Cảnh sát môi trường", "ORG"), ("Công an tỉnh Vĩnh Phúc", "ORG"), ("Cục Hải quan", "ORG"),
        ("Bộ Tài chính", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Đội Cảnh sát hình sự", "part_of", "Công an thị xã Sơn Tây", None),
        ("Phòng Cảnh sát môi trường", "part_of", "Công an tỉnh Vĩnh Phúc", None),
        ("Cục Hải quan", "part_of", "Bộ Tài chính", None),
    ]


def test_dash_between_units_of_the_same_level_is_no_link(tokenizer_only, extractor):
    text = "Lễ ký kết giữa Sở Y tế - Sở Tài chính và Bưu điện tỉnh - Viettel Phú Thọ diễn ra sáng nay."
    entities = [("Sở Y tế", "ORG"), ("Sở Tài chính", "ORG"), ("Bưu điện tỉnh", "ORG"), ("Viettel Phú Thọ", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == []


def test_sub_unit_of_its_parent(tokenizer_only, extractor):
    text = (
        "Phòng Thanh tra - Pháp chế của Sở Khoa học và Công nghệ chủ trì, Trung tâm Dữ liệu và Trung tâm Lưu trữ "
        "của Bộ Tài chính phối hợp. Bệnh viện Đa khoa tỉnh đã tiếp nhận hồ sơ của Sở Y tế; Sở Nội vụ của tỉnh "
        "cũng góp ý."
    )
    entities = [
        ("Phòng Thanh tra - Pháp chế", "ORG"), ("Sở Khoa học và Công nghệ", "ORG"), ("Trung tâm Dữ liệu", "ORG"),
        ("Trung tâm Lưu trữ", "ORG"), ("Bộ Tài chính", "ORG"), ("Bệnh viện Đa khoa tỉnh", "ORG"), ("Sở Y tế", "ORG"),
        ("Sở Nội vụ", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Phòng Thanh tra - Pháp chế", "part_of", "Sở Khoa học và Công nghệ", None),
        ("Trung tâm Dữ liệu", "part_of", "Bộ Tài chính", None),
        ("Trung tâm Lưu trữ", "part_of", "Bộ Tài chính", None),
    ]


def test_list_of_units_under_one_parent(tokenizer_only, extractor):
    text = (
        "Các đơn vị trực thuộc Sở Nông nghiệp và Môi trường gồm: Chi cục Kiểm lâm, Chi cục Thủy lợi và "
        "Trung tâm Khuyến nông đã ký cam kết. Tổng công ty Bưu điện Việt Nam chỉ đạo các đơn vị thành viên như "
        "Bưu điện tỉnh Yên Bái, Bưu điện tỉnh Lào Cai (VNPost Lào Cai) cùng tham gia. Công an tỉnh Hải Dương và "
        "02 đơn vị thuộc: Phòng Cảnh sát hình sự, Phòng An ninh kinh tế nhận nhiệm vụ."
    )
    entities = [
        ("Sở Nông nghiệp và Môi trường", "ORG"), ("Chi cục Kiểm lâm", "ORG"), ("Chi cục Thủy lợi", "ORG"),
        ("Trung tâm Khuyến nông", "ORG"), ("Tổng công ty Bưu điện Việt Nam", "ORG"), ("Bưu điện tỉnh Yên Bái", "ORG"),
        ("Bưu điện tỉnh Lào Cai", "ORG"), ("VNPost Lào Cai", "ORG", "Bưu điện tỉnh Lào Cai"),
        ("Công an tỉnh Hải Dương", "ORG"), ("Phòng Cảnh sát hình sự", "ORG"), ("Phòng An ninh kinh tế", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Chi cục Kiểm lâm", "part_of", "Sở Nông nghiệp và Môi trường", None),
        ("Chi cục Thủy lợi", "part_of", "Sở Nông nghiệp và Môi trường", None),
        ("Trung tâm Khuyến nông", "part_of", "Sở Nông nghiệp và Môi trường", None),
        ("Bưu điện tỉnh Yên Bái", "part_of", "Tổng công ty Bưu điện Việt Nam", None),
        ("Bưu điện tỉnh Lào Cai", "part_of", "Tổng công ty Bưu điện Việt Nam", None),
        ("Phòng Cảnh sát hình sự", "part_of", "Công an tỉnh Hải Dương", None),
        ("Phòng An ninh kinh tế", "part_of", "Công an tỉnh Hải Dương", None),
    ]


def test_list_without_a_parent_link_gives_no_part_of(tokenizer_only, extractor):
    text = "Hội thảo có sự tham gia của các đơn vị gồm Cục Viễn thông, Sở Y tế và Viettel Hà Nam."
    entities = [("Cục Viễn thông", "ORG"), ("Sở Y tế", "ORG"), ("Viettel Hà Nam", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == []


# awarded --------------------------------------------------------------------


def test_recipients_as_subject_with_the_giver_after_duoc(tokenizer_only, extractor):
    text = (
        "Năm 2024, Trường Cao đẳng Kỹ thuật Quy Nhơn được Bộ trưởng Bộ Lao động - Thương binh và Xã hội tặng "
        "Bằng khen. Trạm Y tế xã Hương Sơn và Trung tâm Y tế huyện Hương Khê được Chủ tịch UBND tỉnh tặng "
        "Bằng khen vì thành tích phòng, chống dịch."
    )
    entities = [
        ("Trường Cao đẳng Kỹ thuật Quy Nhơn", "ORG"), ("Bộ Lao động - Thương binh và Xã hội", "ORG"),
        ("Trạm Y tế xã Hương Sơn", "ORG"), ("Trung tâm Y tế huyện Hương Khê", "ORG"), ("Chủ tịch UBND tỉnh", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Bộ Lao động - Thương binh và Xã hội", "awarded", "Trường Cao đẳng Kỹ thuật Quy Nhơn", "Bằng khen"),
        ("Chủ tịch UBND tỉnh", "awarded", "Trạm Y tế xã Hương Sơn", "Bằng khen"),
        ("Chủ tịch UBND tỉnh", "awarded", "Trung tâm Y tế huyện Hương Khê", "Bằng khen"),
    ]


def test_recipient_receives_the_award_of_a_body(tokenizer_only, extractor):
    text = (
        "Bưu điện huyện Kỳ Anh vinh dự đón nhận Cờ thi đua của Tổng công ty Bưu điện Việt Nam. "
        "Công ty Điện lực Quảng Trị nhận Huân chương Lao động hạng Nhì do Chủ tịch nước trao tặng."
    )
    entities = [
        ("Bưu điện huyện Kỳ Anh", "ORG"), ("Tổng công ty Bưu điện Việt Nam", "ORG"),
        ("Công ty Điện lực Quảng Trị", "ORG"), ("Chủ tịch nước", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Tổng công ty Bưu điện Việt Nam", "awarded", "Bưu điện huyện Kỳ Anh", "Cờ thi đua"),
        ("Chủ tịch nước", "awarded", "Công ty Điện lực Quảng Trị", "Huân chương Lao động hạng Nhì"),
    ]


def test_order_of_the_state_president_handed_over(tokenizer_only, extractor):
    text = (
        "Phó Thủ tướng Lê Văn Minh đã trao Huân chương Lao động hạng Ba của Chủ tịch nước cho Viện Khoa học "
        "Thủy lợi. Lễ trao Huân chương Độc lập hạng Nhì của Chủ tịch nước cho Báo Nông thôn Ngày nay diễn ra "
        "trang trọng."
    )
    entities = [
        ("Lê Văn Minh", "PER"), ("Chủ tịch nước", "ORG"), ("Viện Khoa học Thủy lợi", "ORG"),
        ("Chủ tịch nước", "ORG"), ("Báo Nông thôn Ngày nay", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities, "awarded") == [
        ("Lê Văn Minh", "awarded", "Viện Khoa học Thủy lợi", "Huân chương Lao động hạng Ba"),
        ("Chủ tịch nước", "awarded", "Báo Nông thôn Ngày nay", "Huân chương Độc lập hạng Nhì"),
    ]


def test_recipient_list_with_semicolons_and_parent_parentheses(tokenizer_only, extractor):
    text = (
        "Dịp này, bà Lương Thị Hạnh trao Giấy khen cho 04 tập thể: Phòng Hành chính - Tổng hợp (Văn phòng Sở); "
        "Trung tâm Chuyển đổi số (thuộc Sở Khoa học và Công nghệ); Đội Quản lý thị trường số 3 (Chi cục Quản lý "
        "thị trường) và Bưu cục Tân Kỳ vì có thành tích xuất sắc."
    )
    entities = [
        ("Lương Thị Hạnh", "PER"), ("Phòng Hành chính - Tổng hợp", "ORG"), ("Văn phòng Sở", "ORG"),
        ("Trung tâm Chuyển đổi số", "ORG"), ("Sở Khoa học và Công nghệ", "ORG"), ("Đội Quản lý thị trường số 3", "ORG"),
        ("Chi cục Quản lý thị trường", "ORG"), ("Bưu cục Tân Kỳ", "ORG"),
    ]
    rows = run(tokenizer_only, extractor, text, entities)
    assert [r for r in rows if r[1] == "awarded"] == [
        ("Lương Thị Hạnh", "awarded", "Phòng Hành chính - Tổng hợp", "Giấy khen"),
        ("Lương Thị Hạnh", "awarded", "Trung tâm Chuyển đổi số", "Giấy khen"),
        ("Lương Thị Hạnh", "awarded", "Đội Quản lý thị trường số 3", "Giấy khen"),
        ("Lương Thị Hạnh", "awarded", "Bưu cục Tân Kỳ", "Giấy khen"),
    ]
    assert sorted(r for r in rows if r[1] == "part_of") == [
        ("Phòng Hành chính - Tổng hợp", "part_of", "Văn phòng Sở", None),
        ("Trung tâm Chuyển đổi số", "part_of", "Sở Khoa học và Công nghệ", None),
        ("Đội Quản lý thị trường số 3", "part_of", "Chi cục Quản lý thị trường", None),
    ]


def test_recipients_with_units_listed_under_their_parent(tokenizer_only, extractor):
    text = (
        "Chủ tịch UBND tỉnh tặng Bằng khen cho Công an tỉnh và 02 đơn vị thuộc: Phòng Tham mưu, Phòng Hậu cần "
        "vì đã có thành tích trong công tác bảo đảm an ninh."
    )
    entities = [
        ("Chủ tịch UBND tỉnh", "ORG"), ("Công an tỉnh", "ORG"), ("Phòng Tham mưu", "ORG"), ("Phòng Hậu cần", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Phòng Tham mưu", "part_of", "Công an tỉnh", None),
        ("Phòng Hậu cần", "part_of", "Công an tỉnh", None),
        ("Chủ tịch UBND tỉnh", "awarded", "Công an tỉnh", "Bằng khen"),
        ("Chủ tịch UBND tỉnh", "awarded", "Phòng Tham mưu", "Bằng khen"),
        ("Chủ tịch UBND tỉnh", "awarded", "Phòng Hậu cần", "Bằng khen"),
    ]


def test_giver_named_in_an_earlier_clause(tokenizer_only, extractor):
    text = (
        "Thay mặt lãnh đạo Bộ, Thứ trưởng Bộ Khoa học và Công nghệ Võ Thành Nam đã trao Bằng khen của Bộ trưởng "
        "cho Cục Bưu điện Trung ương. Ông Đinh Tiến Dũng, Phó Chủ tịch UBND tỉnh, thay mặt lãnh đạo tỉnh trao "
        "Bằng khen cho Sở Nội vụ. Bằng khen của UBND tỉnh được ông Trịnh Văn Lực trao cho Hợp tác xã Thành Công."
    )
    entities = [
        ("Bộ Khoa học và Công nghệ", "ORG"), ("Võ Thành Nam", "PER"), ("Cục Bưu điện Trung ương", "ORG"),
        ("Đinh Tiến Dũng", "PER"), ("UBND tỉnh", "ORG"), ("Sở Nội vụ", "ORG"), ("UBND tỉnh", "ORG"),
        ("Trịnh Văn Lực", "PER"), ("Hợp tác xã Thành Công", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities, "awarded") == [
        ("Võ Thành Nam", "awarded", "Cục Bưu điện Trung ương", "Bằng khen"),
        ("Đinh Tiến Dũng", "awarded", "Sở Nội vụ", "Bằng khen"),
        ("Trịnh Văn Lực", "awarded", "Hợp tác xã Thành Công", "Bằng khen"),
    ]


def test_award_recipients_continue_after_the_count(tokenizer_only, extractor):
    text = (
        "Sở Nội vụ tặng Giấy khen cho 9 tập thể, 14 cá nhân có thành tích xuất sắc, trong đó có Trung tâm "
        "Lưu trữ lịch sử và Phòng Công chức, viên chức."
    )
    entities = [("Sở Nội vụ", "ORG"), ("Trung tâm Lưu trữ lịch sử", "ORG"), ("Phòng Công chức, viên chức", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Sở Nội vụ", "awarded", "Trung tâm Lưu trữ lịch sử", "Giấy khen"),
        ("Sở Nội vụ", "awarded", "Phòng Công chức, viên chức", "Giấy khen"),
    ]


# holds_position -------------------------------------------------------------


def test_list_of_people_after_a_colon(tokenizer_only, extractor):
    text = (
        "Tiếp đoàn có các bà: Lý Thị Hồng, Giám đốc Sở Nội vụ; Quan Thị Mỹ, Phó Giám đốc Sở Tài chính và ông "
        "Chu Văn Phúc, Trưởng Ban Quản lý dự án đầu tư xây dựng tỉnh."
    )
    entities = [
        ("Lý Thị Hồng", "PER"), ("Sở Nội vụ", "ORG"), ("Quan Thị Mỹ", "PER"), ("Sở Tài chính", "ORG"),
        ("Chu Văn Phúc", "PER"), ("Ban Quản lý dự án đầu tư xây dựng tỉnh", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Lý Thị Hồng", "holds_position", "Sở Nội vụ", "Giám đốc"),
        ("Quan Thị Mỹ", "holds_position", "Sở Tài chính", "Phó Giám đốc"),
        ("Chu Văn Phúc", "holds_position", "Ban Quản lý dự án đầu tư xây dựng tỉnh", "Trưởng Ban"),
    ]


def test_acting_former_and_in_charge_titles(tokenizer_only, extractor):
    text = (
        "Ông Kha Văn Tâm, Quyền Giám đốc Sở Xây dựng, và bà Lục Thị Ngân, nguyên Phó Giám đốc Sở Xây dựng, "
        "cùng dự. Bà Triệu Thu Hà, Phó Giám đốc phụ trách Sở Ngoại vụ chủ trì."
    )
    entities = [
        ("Kha Văn Tâm", "PER"), ("Sở Xây dựng", "ORG"), ("Lục Thị Ngân", "PER"), ("Sở Xây dựng", "ORG"),
        ("Triệu Thu Hà", "PER"), ("Sở Ngoại vụ", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Kha Văn Tâm", "holds_position", "Sở Xây dựng", "Quyền Giám đốc"),
        ("Lục Thị Ngân", "holds_position", "Sở Xây dựng", "nguyên Phó Giám đốc"),
        ("Triệu Thu Hà", "holds_position", "Sở Ngoại vụ", "Phó Giám đốc phụ trách"),
    ]


def test_position_stated_later_for_a_person_named_earlier(tokenizer_only, extractor):
    text = (
        "Bà Mạc Thị Thoa phát biểu khai mạc lớp tập huấn. Theo bà Thoa, Giám đốc Trung tâm Kiểm soát bệnh tật "
        "tỉnh, số ca mắc đã giảm. Ông Hứa Văn Dũng cho biết huyện sẽ hỗ trợ. Ông Dũng hiện là Chủ tịch UBND "
        "huyện Bình Liêu."
    )
    entities = [
        ("Mạc Thị Thoa", "PER"), ("Thoa", "PER", "Mạc Thị Thoa"), ("Trung tâm Kiểm soát bệnh tật tỉnh", "ORG"),
        ("Hứa Văn Dũng", "PER"), ("Dũng", "PER", "Hứa Văn Dũng"), ("UBND huyện Bình Liêu", "ORG"),
    ]
    rows = extractor.extract(make_doc(tokenizer_only, text, entities))
    assert [(r["subject_key"], r["object"], r["title"]) for r in rows] == [
        (entity_key("PER", "Mạc Thị Thoa"), "Trung tâm Kiểm soát bệnh tật tỉnh", "Giám đốc"),
        (entity_key("PER", "Hứa Văn Dũng"), "UBND huyện Bình Liêu", "Chủ tịch"),
    ]


def test_enterprise_titles(tokenizer_only, extractor):
    text = (
        "Bà Doãn Thị Lệ - Phó Tổng Giám đốc Tổng công ty Viễn thông MobiFone cho biết như vậy. Chủ tịch HĐQT "
        "Công ty Cổ phần Nhựa Tiền Phong Lê Quang Hưng và ông Đàm Quốc Khánh, Giám đốc Chi nhánh Viettel "
        "Bắc Giang cùng ký biên bản."
    )
    entities = [
        ("Doãn Thị Lệ", "PER"), ("Tổng công ty Viễn thông MobiFone", "ORG"),
        ("Công ty Cổ phần Nhựa Tiền Phong", "ORG"), ("Lê Quang Hưng", "PER"), ("Đàm Quốc Khánh", "PER"),
        ("Chi nhánh Viettel Bắc Giang", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Doãn Thị Lệ", "holds_position", "Tổng công ty Viễn thông MobiFone", "Phó Tổng Giám đốc"),
        ("Lê Quang Hưng", "holds_position", "Công ty Cổ phần Nhựa Tiền Phong", "Chủ tịch HĐQT"),
        ("Đàm Quốc Khánh", "holds_position", "Chi nhánh Viettel Bắc Giang", "Giám đốc"),
    ]


def test_position_inside_a_led_by_clause(tokenizer_only, extractor):
    text = (
        "Đoàn kiểm tra liên ngành do ông Khổng Minh Đức, Phó Chánh Thanh tra Sở Công Thương, làm Trưởng đoàn "
        "đã làm việc tại 12 cơ sở. Đoàn công tác của Bộ Nội vụ do ông Hầu Văn Lý làm Trưởng đoàn."
    )
    entities = [
        ("Khổng Minh Đức", "PER"), ("Thanh tra Sở Công Thương", "ORG"), ("Bộ Nội vụ", "ORG"), ("Hầu Văn Lý", "PER"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Khổng Minh Đức", "holds_position", "Thanh tra Sở Công Thương", "Phó Chánh Thanh tra"),
    ]


def test_issuer_with_a_former_province_note_then_date(tokenizer_only, extractor):
    text = "Nay bãi bỏ Kế hoạch số 21/KH-UBND của UBND tỉnh Bắc Kạn (cũ) ban hành ngày 9 tháng 2 năm 2024."
    entities = [("Kế hoạch số 21/KH-UBND", "DIRECTIVE"), ("UBND tỉnh Bắc Kạn", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Kế hoạch số 21/KH-UBND", "issued_by", "UBND tỉnh Bắc Kạn", None),
        ("Kế hoạch số 21/KH-UBND", "issued_on", "2024-02-09", None),
    ]


def test_central_directorate_is_not_under_a_province_body(tokenizer_only, extractor):
    text = "Buổi làm việc giữa Cục Bưu điện Trung ương - Sở Khoa học và Công nghệ diễn ra sáng 4/6."
    entities = [("Cục Bưu điện Trung ương", "ORG"), ("Sở Khoa học và Công nghệ", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == []


def test_unit_name_holding_its_parent_is_no_apposition_child(tokenizer_only, extractor):
    text = "Đại diện Văn phòng UBND tỉnh, Sở Nội vụ và Sở Tài chính cùng dự."
    entities = [("Văn phòng UBND tỉnh", "ORG"), ("Sở Nội vụ", "ORG"), ("Sở Tài chính", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == []


def test_licence_handed_over_is_no_award(tokenizer_only, extractor):
    text = (
        "Sở Tài chính trao Giấy chứng nhận đăng ký doanh nghiệp cho Công ty Cổ phần Hoàng Long. "
        "Công ty TNHH Minh Phát nhận Giấy chứng nhận đầu tư của Ban Quản lý Khu kinh tế."
    )
    entities = [
        ("Sở Tài chính", "ORG"), ("Công ty Cổ phần Hoàng Long", "ORG"), ("Công ty TNHH Minh Phát", "ORG"),
        ("Ban Quản lý Khu kinh tế", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities, "awarded") == []


def test_coordinated_unit_and_person_receive_from_an_office(tokenizer_only, extractor):
    text = "Đội Cảnh sát cơ động và ông Phùng Văn Tài được Giám đốc Công an tỉnh tặng Giấy khen."
    entities = [("Đội Cảnh sát cơ động", "ORG"), ("Phùng Văn Tài", "PER"), ("Công an tỉnh", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Công an tỉnh", "awarded", "Đội Cảnh sát cơ động", "Giấy khen"),
        ("Công an tỉnh", "awarded", "Phùng Văn Tài", "Giấy khen"),
    ]


def test_fronted_position(tokenizer_only, extractor):
    text = (
        "Bà Đồng Thị Vân Anh dự buổi làm việc. Là Phó Giám đốc Sở Y tế phụ trách lĩnh vực dược, bà Vân Anh "
        "đề nghị siết chặt kiểm tra. Trên cương vị Chủ tịch UBND xã Tân Hòa, ông Thạch Sên đã vận động người dân."
    )
    entities = [
        ("Đồng Thị Vân Anh", "PER"), ("Sở Y tế", "ORG"), ("Vân Anh", "PER", "Đồng Thị Vân Anh"),
        ("UBND xã Tân Hòa", "ORG"), ("Thạch Sên", "PER"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Vân Anh", "holds_position", "Sở Y tế", "Phó Giám đốc"),
        ("Thạch Sên", "holds_position", "UBND xã Tân Hòa", "Chủ tịch"),
    ]


def test_long_lines_for_the_list_and_apposition_rules(tokenizer_only, extractor):
    # bounded patterns: runs of list cues, digits and dashes must not blow up
    text = "các đơn vị thuộc " * 3000 + "1" * 20000 + " - " * 3000 + "Sở Y tế gồm: " + "(" * 3000 + "."
    doc = make_doc(tokenizer_only, text, [("Sở Y tế", "ORG")])
    assert extractor.extract(doc) == []


def test_elided_giver_and_apposition_parent_of_a_recipient(tokenizer_only, extractor):
    text = (
        "Tại buổi lễ, ông Vàng Seo Dìn trao Huân chương Lao động hạng Nhì cho Bệnh viện Đa khoa tỉnh; trao Bằng "
        "khen của Thủ tướng Chính phủ cho 02 tập thể: Sở Tư pháp, Đội Cảnh sát cơ động - Công an tỉnh và 04 cá nhân."
    )
    entities = [
        ("Vàng Seo Dìn", "PER"), ("Bệnh viện Đa khoa tỉnh", "ORG"), ("Thủ tướng Chính phủ", "ORG"), ("Sở Tư pháp", "ORG"),
        ("Đội Cảnh sát cơ động", "ORG"), ("Công an tỉnh", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Đội Cảnh sát cơ động", "part_of", "Công an tỉnh", None),
        ("Vàng Seo Dìn", "awarded", "Bệnh viện Đa khoa tỉnh", "Huân chương Lao động hạng Nhì"),
        ("Vàng Seo Dìn", "awarded", "Sở Tư pháp", "Bằng khen"),
        ("Vàng Seo Dìn", "awarded", "Đội Cảnh sát cơ động", "Bằng khen"),
    ]


def test_no_recipients_from_the_reason_of_an_award(tokenizer_only, extractor):
    text = (
        "Chủ tịch UBND tỉnh tặng Bằng khen cho Sở Nội vụ vì đã có thành tích trong phối hợp với các đơn vị, "
        "trong đó có Sở Y tế."
    )
    entities = [("Chủ tịch UBND tỉnh", "ORG"), ("Sở Nội vụ", "ORG"), ("Sở Y tế", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Chủ tịch UBND tỉnh", "awarded", "Sở Nội vụ", "Bằng khen"),
    ]


def test_contest_prizes_with_a_count_and_authors_with_their_newsrooms(tokenizer_only, extractor):
    text = (
        "Thay mặt Ban tổ chức, bà Hà Thị Nguyệt trao 3 giải B cho: tập thể Phòng Thời sự, Đài Phát thanh và "
        "Truyền hình Yên Bái (phóng sự \"Đường lên bản\"); tác giả Triệu Văn Sáng, Báo Yên Bái (bài \"Mùa lúa mới\") "
        "và nhóm tác giả Hoàng Thu Trà - Vi Văn Định (Cơ quan thường trú Báo Lao Động)."
    )
    entities = [
        ("Ban tổ chức", "ORG"), ("Hà Thị Nguyệt", "PER"), ("Phòng Thời sự", "ORG"),
        ("Đài Phát thanh và Truyền hình Yên Bái", "ORG"), ("Triệu Văn Sáng", "PER"), ("Báo Yên Bái", "ORG"),
        ("Hoàng Thu Trà", "PER"), ("Vi Văn Định", "PER"), ("Cơ quan thường trú Báo Lao Động", "ORG"),
    ]
    rows = run(tokenizer_only, extractor, text, entities)
    assert [r for r in rows if r[1] == "awarded"] == [
        ("Hà Thị Nguyệt", "awarded", "Phòng Thời sự", "giải B"),
        ("Hà Thị Nguyệt", "awarded", "Triệu Văn Sáng", "giải B"),
        ("Hà Thị Nguyệt", "awarded", "Hoàng Thu Trà", "giải B"),
        ("Hà Thị Nguyệt", "awarded", "Vi Văn Định", "giải B"),
    ]
    assert [r for r in rows if r[1] == "part_of"] == [
        ("Phòng Thời sự", "part_of", "Đài Phát thanh và Truyền hình Yên Bái", None),
    ]


def test_solutions_are_no_prizes(tokenizer_only, extractor):
    text = "Sở Tài chính trao đổi về giải pháp cho Công ty Xăng dầu Phú Yên và tặng quà cho Trường Tiểu học Hòa Hiệp."
    entities = [("Sở Tài chính", "ORG"), ("Công ty Xăng dầu Phú Yên", "ORG"), ("Trường Tiểu học Hòa Hiệp", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == []


def test_member_school_of_a_university_in_parentheses(tokenizer_only, extractor):
    text = "Trường Đại học Kinh tế (Đại học Huế) và Học viện Ngân hàng (NHB) ký kết hợp tác."
    entities = [
        ("Trường Đại học Kinh tế", "ORG"), ("Đại học Huế", "ORG"), ("Học viện Ngân hàng", "ORG"), ("NHB", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [("Trường Đại học Kinh tế", "part_of", "Đại học Huế", None)]


def test_career_list_after_a_colon_for_a_person_named_earlier(tokenizer_only, extractor):
    text = (
        "Ông Mai Xuân Thu được bổ nhiệm làm Giám đốc Sở Nội vụ. Trước đó, ông từng giữ các chức vụ: Chánh Văn phòng "
        "Sở Nội vụ, Phó Giám đốc Sở và được giao phụ trách Sở từ tháng 3."
    )
    entities = [
        ("Mai Xuân Thu", "PER"), ("Sở Nội vụ", "ORG"), ("Văn phòng Sở Nội vụ", "ORG"), ("Sở", "ORG", "Sở Nội vụ"),
        ("Sở", "ORG", "Sở Nội vụ"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Mai Xuân Thu", "holds_position", "Sở Nội vụ", "Giám đốc"),
        ("Mai Xuân Thu", "holds_position", "Văn phòng Sở Nội vụ", "Chánh Văn phòng"),
        ("Mai Xuân Thu", "holds_position", "Sở", "Phó Giám đốc"),
    ]


# --------------------------------------------------------------------------
# holds_position: bare standing board, unit codes, a title shared by a list
# --------------------------------------------------------------------------


def test_member_of_the_bare_standing_board(tokenizer_only, extractor):
    text = "Bà Lý Thị Mai - Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy trao quyết định."
    entities = [
        ("Lý Thị Mai", "PER"),
        ("Ban Thường vụ", "ORG", "Ban Thường vụ Tỉnh ủy"),
        ("Ủy ban Kiểm tra Tỉnh ủy", "ORG"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Lý Thị Mai", "holds_position", "Ban Thường vụ", "Ủy viên"),
        ("Lý Thị Mai", "holds_position", "Ủy ban Kiểm tra Tỉnh ủy", "Chủ nhiệm"),
    ]


def test_unit_code_after_a_section_head_title_is_the_unit(tokenizer_only, extractor):
    text = "Thiếu tá Ngô Văn Khải, Phó Trưởng phòng PC08 cho biết số vụ vi phạm đã giảm."
    assert run(tokenizer_only, extractor, text, [("Ngô Văn Khải", "PER"), ("PC08", "ORG")]) == [
        ("Ngô Văn Khải", "holds_position", "PC08", "Phó Trưởng phòng")
    ]


def test_plural_title_before_a_list_takes_the_previous_sentence_organisation(tokenizer_only, extractor):
    text = (
        "Ông Lưu Quang Hòa được bổ nhiệm giữ chức Giám đốc Trung tâm Y tế huyện Lục Yên. "
        "Các Phó Giám đốc gồm: bà Hà Thị Nga, nguyên Trưởng khoa Nội; ông Vương Đình Tú; ông Lục Văn Sơn."
    )
    entities = [
        ("Lưu Quang Hòa", "PER"),
        ("Trung tâm Y tế huyện Lục Yên", "ORG"),
        ("Hà Thị Nga", "PER"),
        ("Vương Đình Tú", "PER"),
        ("Lục Văn Sơn", "PER"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Lưu Quang Hòa", "holds_position", "Trung tâm Y tế huyện Lục Yên", "Giám đốc"),
        ("Hà Thị Nga", "holds_position", "Trung tâm Y tế huyện Lục Yên", "Phó Giám đốc"),
        ("Vương Đình Tú", "holds_position", "Trung tâm Y tế huyện Lục Yên", "Phó Giám đốc"),
        ("Lục Văn Sơn", "holds_position", "Trung tâm Y tế huyện Lục Yên", "Phó Giám đốc"),
    ]


def test_plural_title_with_its_organisation_before_a_comma_list(tokenizer_only, extractor):
    text = "Các Phó Chánh Thanh tra Bộ Xây dựng gồm ông Kha Minh Trí, bà Doãn Thu Trang và ông Mạc Đăng Khoa."
    entities = [
        ("Bộ Xây dựng", "ORG"),
        ("Kha Minh Trí", "PER"),
        ("Doãn Thu Trang", "PER"),
        ("Mạc Đăng Khoa", "PER"),
    ]
    rows = run(tokenizer_only, extractor, text, entities, "holds_position")
    assert {(s, o, t) for s, _, o, t in rows} == {
        (name, "Bộ Xây dựng", "Phó Chánh Thanh tra") for name in ("Kha Minh Trí", "Doãn Thu Trang", "Mạc Đăng Khoa")
    }


def test_plural_title_without_a_known_organisation_gives_no_row(tokenizer_only, extractor):
    text = "Hội nghị bầu lại các Phó Chủ tịch. Các Phó Chủ tịch gồm: ông Kha Minh Trí; bà Doãn Thu Trang."
    entities = [("Kha Minh Trí", "PER"), ("Doãn Thu Trang", "PER")]
    assert run(tokenizer_only, extractor, text, entities) == []


def test_party_committee_member_title_gives_a_row_and_the_chain_goes_on(tokenizer_only, extractor):
    # "Huyện ủy viên": a member of the district party committee (cấp ủy viên), the committee tagged as ORG
    text = "Đến dự có bà Lục Thị Hạnh, Huyện ủy viên, Giám đốc Trung tâm Y tế huyện Bảo Lâm."
    entities = [("Lục Thị Hạnh", "PER"), ("Huyện ủy", "ORG"), ("Trung tâm Y tế huyện Bảo Lâm", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Lục Thị Hạnh", "holds_position", "Huyện ủy", "Huyện ủy viên"),
        ("Lục Thị Hạnh", "holds_position", "Trung tâm Y tế huyện Bảo Lâm", "Giám đốc"),
    ]


def test_committee_named_alone_is_no_member_title(tokenizer_only, extractor):
    text = "Ông Đàm Văn Lợi, Phó Bí thư Huyện ủy, dự buổi làm việc."
    entities = [("Đàm Văn Lợi", "PER"), ("Huyện ủy", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Đàm Văn Lợi", "holds_position", "Huyện ủy", "Phó Bí thư")
    ]


def test_titles_joined_by_kiem_are_one_title(tokenizer_only, extractor):
    text = (
        "Ông Mạc Quang Vinh, Phó Chủ tịch Hội đồng quản trị kiêm Giám đốc Công ty cổ phần Thủy sản Sông Gianh, "
        "cho biết. Phó Chỉ huy trưởng kiêm Tham mưu trưởng Bộ Chỉ huy Quân sự tỉnh Lò Văn Khải phát biểu."
    )
    entities = [
        ("Mạc Quang Vinh", "PER"), ("Công ty cổ phần Thủy sản Sông Gianh", "ORG"),
        ("Bộ Chỉ huy Quân sự tỉnh", "ORG"), ("Lò Văn Khải", "PER"),
    ]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Mạc Quang Vinh", "holds_position", "Công ty cổ phần Thủy sản Sông Gianh",
         "Phó Chủ tịch Hội đồng quản trị kiêm Giám đốc"),
        ("Lò Văn Khải", "holds_position", "Bộ Chỉ huy Quân sự tỉnh", "Phó Chỉ huy trưởng kiêm Tham mưu trưởng"),
    ]


def test_positions_after_a_position_verb_in_apposition(tokenizer_only, extractor):
    text = "Ông Vi Văn Sơn hiện là Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Văn Lãng."
    entities = [("Vi Văn Sơn", "PER"), ("Huyện ủy", "ORG"), ("UBND huyện Văn Lãng", "ORG")]
    assert run(tokenizer_only, extractor, text, entities) == [
        ("Vi Văn Sơn", "holds_position", "Huyện ủy", "Phó Bí thư"),
        ("Vi Văn Sơn", "holds_position", "UBND huyện Văn Lãng", "Chủ tịch"),
    ]


def test_position_after_a_verb_chain_that_names_the_next_person_is_theirs(tokenizer_only, extractor):
    text = "Bà Tạ Thu Hà là Giám đốc Sở Tài chính, Phó Chủ tịch UBND tỉnh Hứa Văn Nam cho biết."
    entities = [("Tạ Thu Hà", "PER"), ("Sở Tài chính", "ORG"), ("UBND tỉnh", "ORG"), ("Hứa Văn Nam", "PER")]
    assert run(tokenizer_only, extractor, text, entities, "holds_position") == [
        ("Hứa Văn Nam", "holds_position", "UBND tỉnh", "Phó Chủ tịch"),
        ("Tạ Thu Hà", "holds_position", "Sở Tài chính", "Giám đốc"),
    ]


def test_title_patterns_prefer_the_longest_title():
    """The word-trie pattern of titles matches as a longest-first list would."""
    import re

    from pipeline.nlp.relations import _words_regex

    titles = ["Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực", "Giám đốc", "Phó Giám đốc", "Chủ tịch nước"]
    pattern = re.compile(_words_regex(titles), re.IGNORECASE)
    assert pattern.match("Phó Chủ tịch Thường trực UBND tỉnh").group() == "Phó Chủ tịch Thường trực"
    assert pattern.match("phó  chủ tịch UBND").group() == "phó  chủ tịch"
    assert pattern.match("Chủ tịch nước Lương Cường").group() == "Chủ tịch nước"
    assert pattern.match("Chủ tịch UBND").group() == "Chủ tịch"
    assert pattern.match("Phó Bí thư") is None


# --------------------------------------------------------------------------
# a person speaking for an organisation; lists that share a link; awards
# whose recipients follow in the next sentence
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,person,org,title",
    [
        ("Về phía Cục Bưu điện Trung ương có bà Khúc Thị Lan, Phó Cục trưởng.",
         "Khúc Thị Lan", "Cục Bưu điện Trung ương", "Phó Cục trưởng"),
        ("Đại diện MobiFone Nam Định, ông Phùng Văn Thắng, Giám đốc, cho biết sẽ lắp thêm 30 trạm.",
         "Phùng Văn Thắng", "MobiFone Nam Định", "Giám đốc"),
        ("Đoàn công tác của Bộ Nội vụ do Thứ trưởng Âu Minh Trí làm trưởng đoàn đã làm việc tại tỉnh.",
         "Âu Minh Trí", "Bộ Nội vụ", "Thứ trưởng"),
        ("Đại diện Sở Tài chính có ông Giang Văn Lợi - Phó Giám đốc phụ trách.",
         "Giang Văn Lợi", "Sở Tài chính", "Phó Giám đốc phụ trách"),
    ],
)
def test_person_speaking_for_an_organisation(tokenizer_only, extractor, text, person, org, title):
    rows = run(tokenizer_only, extractor, text, [(org, "ORG"), (person, "PER")], "holds_position")
    assert rows == [(person, "holds_position", org, title)]


def test_speaking_for_a_body_with_a_position_elsewhere_is_not_that_body(tokenizer_only, extractor):
    text = "Đại diện Ban Tổ chức có ông Lạc Văn Hòa, Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch."
    entities = [("Ban Tổ chức", "ORG"), ("Lạc Văn Hòa", "PER"), ("Sở Văn hóa, Thể thao và Du lịch", "ORG")]
    assert run(tokenizer_only, extractor, text, entities, "holds_position") == [
        ("Lạc Văn Hòa", "holds_position", "Sở Văn hóa, Thể thao và Du lịch", "Phó Giám đốc")
    ]


def test_a_list_opened_by_a_colon_shares_the_link_after_it(tokenizer_only, extractor):
    text = "Dự lễ có lãnh đạo các đơn vị: Vụ Pháp chế, Cục Tần số vô tuyến điện, Viện Chiến lược thuộc Bộ Công Thương."
    entities = [("Vụ Pháp chế", "ORG"), ("Cục Tần số vô tuyến điện", "ORG"), ("Viện Chiến lược", "ORG"),
                ("Bộ Công Thương", "ORG")]
    assert run(tokenizer_only, extractor, text, entities, "part_of") == [
        ("Vụ Pháp chế", "part_of", "Bộ Công Thương", None),
        ("Cục Tần số vô tuyến điện", "part_of", "Bộ Công Thương", None),
        ("Viện Chiến lược", "part_of", "Bộ Công Thương", None),
    ]


def test_a_link_in_parentheses_belongs_to_its_own_item(tokenizer_only, extractor):
    text = "Bằng khen được trao cho 03 tập thể: Bưu điện huyện Yên Thế, Trung tâm Khai thác (thuộc Bưu điện tỉnh), Viettel Yên Thế."
    entities = [("Bưu điện huyện Yên Thế", "ORG"), ("Trung tâm Khai thác", "ORG"), ("Bưu điện tỉnh", "ORG"),
                ("Viettel Yên Thế", "ORG")]
    assert run(tokenizer_only, extractor, text, entities, "part_of") == [
        ("Trung tâm Khai thác", "part_of", "Bưu điện tỉnh", None)
    ]


def test_branch_of_after_a_dash(tokenizer_only, extractor):
    text = "Làm việc với đoàn có VNPT Yên Bái, Viettel Yên Bái - chi nhánh của Tập đoàn Viettel và Bưu điện tỉnh."
    entities = [("VNPT Yên Bái", "ORG"), ("Viettel Yên Bái", "ORG"), ("Tập đoàn Viettel", "ORG"), ("Bưu điện tỉnh", "ORG")]
    assert run(tokenizer_only, extractor, text, entities, "part_of") == [
        ("Viettel Yên Bái", "part_of", "Tập đoàn Viettel", None)
    ]


def test_recipients_listed_in_the_next_sentence(tokenizer_only, extractor):
    text = (
        "Dịp này, đồng chí Ninh Văn Quý trao Bằng khen cho 03 tập thể và 02 cá nhân có thành tích xuất sắc. "
        "Các tập thể gồm: Phòng PC02; Trung tâm Giám sát; VNPT Hòa Bình. "
        "Trong số các cá nhân được khen thưởng có ông Đinh Công Sứ."
    )
    entities = [("Ninh Văn Quý", "PER"), ("Phòng PC02", "ORG"), ("Trung tâm Giám sát", "ORG"),
                ("VNPT Hòa Bình", "ORG"), ("Đinh Công Sứ", "PER")]
    assert run(tokenizer_only, extractor, text, entities, "awarded") == [
        ("Ninh Văn Quý", "awarded", "Phòng PC02", "Bằng khen"),
        ("Ninh Văn Quý", "awarded", "Trung tâm Giám sát", "Bằng khen"),
        ("Ninh Văn Quý", "awarded", "VNPT Hòa Bình", "Bằng khen"),
        ("Ninh Văn Quý", "awarded", "Đinh Công Sứ", "Bằng khen"),
    ]


def test_a_list_sentence_after_an_award_with_named_recipients_adds_nothing(tokenizer_only, extractor):
    text = (
        "Ông Ninh Văn Quý trao Bằng khen cho VNPT Hòa Bình. "
        "Các đơn vị gồm: Sở Tư pháp; Sở Y tế đã báo cáo kết quả."
    )
    entities = [("Ninh Văn Quý", "PER"), ("VNPT Hòa Bình", "ORG"), ("Sở Tư pháp", "ORG"), ("Sở Y tế", "ORG")]
    assert run(tokenizer_only, extractor, text, entities, "awarded") == [
        ("Ninh Văn Quý", "awarded", "VNPT Hòa Bình", "Bằng khen")
    ]


def test_award_name_that_starts_with_a_capitalised_boundary_word(tokenizer_only, extractor):
    text = "Ông Tạ Quang Vinh trao Kỷ niệm chương Vì sự nghiệp Xây dựng cho bà Mạc Thị Thu."
    entities = [("Tạ Quang Vinh", "PER"), ("Mạc Thị Thu", "PER")]
    assert run(tokenizer_only, extractor, text, entities, "awarded") == [
        ("Tạ Quang Vinh", "awarded", "Mạc Thị Thu", "Kỷ niệm chương Vì sự nghiệp Xây dựng")
    ]


def test_issuer_in_a_relative_clause_with_ma(tokenizer_only, extractor):
    text = "Xã triển khai Kế hoạch số 31/KH-UBND mà UBND huyện Mường Khương ban hành ngày 14/3/2024."
    entities = [("Kế hoạch số 31/KH-UBND", "DIRECTIVE"), ("UBND huyện Mường Khương", "ORG")]
    rows = run(tokenizer_only, extractor, text, entities)
    assert ("Kế hoạch số 31/KH-UBND", "issued_by", "UBND huyện Mường Khương", None) in rows
    assert ("Kế hoạch số 31/KH-UBND", "issued_on", "2024-03-14", None) in rows


def test_a_descending_chain_of_units_is_apposition_not_a_list(tokenizer_only, extractor):
    text = "Sở phối hợp với Trung tâm Giám sát an toàn không gian mạng, Cục An toàn thông tin, Bộ Công an tổ chức tập huấn."
    entities = [("Sở", "ORG"), ("Trung tâm Giám sát an toàn không gian mạng", "ORG"), ("Cục An toàn thông tin", "ORG"),
                ("Bộ Công an", "ORG")]
    assert run(tokenizer_only, extractor, text, entities, "part_of") == [
        ("Trung tâm Giám sát an toàn không gian mạng", "part_of", "Cục An toàn thông tin", None),
        ("Cục An toàn thông tin", "part_of", "Bộ Công an", None),
    ]


def test_units_of_one_level_in_a_list_are_no_chain(tokenizer_only, extractor):
    text = "Dự họp có đại diện Phòng Tư pháp, Phòng Nội vụ, Sở Nội vụ và các xã."
    entities = [("Phòng Tư pháp", "ORG"), ("Phòng Nội vụ", "ORG"), ("Sở Nội vụ", "ORG")]
    assert run(tokenizer_only, extractor, text, entities, "part_of") == []
