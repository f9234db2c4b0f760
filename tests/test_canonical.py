"""Canonical forms and entity keys (pipeline.nlp.canonical)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from pipeline.nlp.canonical import canonical_form, expand_abbreviations, fill_province
from pipeline.nlp.language import build_nlp


@pytest.mark.parametrize(
    "text, province, expected",
    [
        ("UBND tỉnh Kon Tum", None, "Ủy ban nhân dân tỉnh Kon Tum"),
        ("Uỷ ban nhân dân tỉnh Kon Tum", None, "Ủy ban nhân dân tỉnh Kon Tum"),
        ("HĐND  huyện Đăk Hà", None, "Hội đồng nhân dân huyện Đăk Hà"),
        ("Bộ TT&TT", None, "Bộ Thông tin và Truyền thông"),
        ("Bộ TT & TT", None, "Bộ Thông tin và Truyền thông"),
        ("Bộ Thông tin & Truyền thông", None, "Bộ Thông tin và Truyền thông"),
        ("Sở TTTT tỉnh Phú Yên", None, "Sở Thông tin và Truyền thông tỉnh Phú Yên"),
        ("Sở KH&CN TP.HCM", None, "Sở Khoa học và Công nghệ thành phố Hồ Chí Minh"),
        ("Công an tỉnh", "Kon Tum", "Công an tỉnh Kon Tum"),
        ("UBND tỉnh", "Kon Tum", "Ủy ban nhân dân tỉnh Kon Tum"),
        ("UBND tỉnh", "tỉnh Kon Tum", "Ủy ban nhân dân tỉnh Kon Tum"),
        ("Sở Khoa học và Công nghệ thành phố", "Đà Nẵng", "Sở Khoa học và Công nghệ thành phố Đà Nẵng"),
        ("UBND thành phố", "Kon Tum", "Ủy ban nhân dân thành phố"),  # a city inside the province
        ("UBND tỉnh", "Đà Nẵng", "Ủy ban nhân dân tỉnh"),  # Đà Nẵng is no tỉnh
        ("UBND tỉnh", None, "Ủy ban nhân dân tỉnh"),
        ("Công an tỉnh Kon Tum", "Gia Lai", "Công an tỉnh Kon Tum"),
        ("Sở", "Kon Tum", "Sở"),
        ("VNPT", None, "VNPT"),
        ("phòng Hành chính - Tổng hợp", None, "Phòng Hành chính - Tổng hợp"),
    ],
)
def test_org(text, province, expected):
    assert canonical_form(text, "ORG", province=province) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ngô Thị Thuỷ", "Ngô Thị Thủy"),
        ("NGÔ THỊ THUỶ", "Ngô Thị Thủy"),
        ("KSOR H'BLIN", "Ksor H'Blin"),
        ("Park  Ji-hoon", "Park Ji-hoon"),
        ("Y Thul Adrơng", "Y Thul Adrơng"),
        ("ÔNG VĂN LỰC", "Ông Văn Lực"),
        ("RƠ MAH HLEM", "Rơ Mah Hlem"),
        ("H'HOA BYĂ", "H'Hoa Byă"),
        ("KIM SOO-YEON", "Kim Soo-yeon"),
        ("Tôn Nữ Thị  Minh Châu", "Tôn Nữ Thị Minh Châu"),
    ],
)
def test_per(text, expected):
    assert canonical_form(text, "PER") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chỉ thị số 07/2007/CT-UBND", "Chỉ thị 07/2007/CT-UBND"),
        ("Quyết định số: 1520/QĐ-UBND", "Quyết định 1520/QĐ-UBND"),
        ("Nghị định 13/2023/NĐ-CP", "Nghị định 13/2023/NĐ-CP"),
        ("Nghị quyết số 05-NQ/TU ngày 30/6/2021", "Nghị quyết 05-NQ/TU"),
        ("kế hoạch số 58/KH-UBND", "Kế hoạch 58/KH-UBND"),
        ("Luật An ninh mạng", "Luật An ninh mạng"),
        ("Luật Giao dịch điện tử năm 2023", "Luật Giao dịch điện tử năm 2023"),
    ],
)
def test_directive(text, expected):
    assert canonical_form(text, "DIRECTIVE") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("tỉnh Kon Tum", "Kon Tum"),
        ("Thành phố Hà Nội", "Hà Nội"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("huyện Krông Pa", "Krông Pa"),
        ("xã Ia Ka", "Ia Ka"),
        ("Nhật Bản", "Nhật Bản"),
        ("Hoà Bình", "Hòa Bình"),
    ],
)
def test_loc(text, expected):
    assert canonical_form(text, "LOC") == expected


def test_canonical_form_is_idempotent():
    for text, label in [("UBND tỉnh", "ORG"), ("TRẦN VĂN AN", "PER"), ("Chỉ thị số 1/CT-TTg", "DIRECTIVE"), ("TP.HCM", "LOC")]:
        once = canonical_form(text, label, province="Kon Tum")
        assert canonical_form(once, label, province="Kon Tum") == once


def test_helpers():
    assert expand_abbreviations("UBND và HĐND tỉnh") == "Ủy ban nhân dân và Hội đồng nhân dân tỉnh"
    assert expand_abbreviations("UBNDX") == "UBNDX"  # not inside a longer word
    assert fill_province("Bưu điện tỉnh", "Kon Tum") == "Bưu điện tỉnh Kon Tum"
    assert fill_province("Bưu điện tỉnh Kon Tum", "Kon Tum") == "Bưu điện tỉnh Kon Tum"


def test_long_input_is_linear():
    text = "1/" * 200_000 + "A" * 1000
    assert canonical_form(text, "DIRECTIVE")
    assert canonical_form("TT&" * 100_000, "ORG")


# --------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def canonical_nlp():
    return build_nlp(segmenter="syllables", components=("vn_canonical",))


def test_component_sets_canonical_and_keys(canonical_nlp):
    doc = canonical_nlp.make_doc("Bà NGÔ THỊ THUỶ, Giám đốc Bưu điện tỉnh, ký Chỉ thị số 12/CT-BĐT.")
    doc._.province = "Kon Tum"
    per = Span(doc, 1, 4, label="PER")
    org = Span(doc, 7, 10, label="ORG")
    directive = Span(doc, 12, 16, label="DIRECTIVE")
    assert (per.text, org.text, directive.text) == ("NGÔ THỊ THUỶ", "Bưu điện tỉnh", "Chỉ thị số 12/CT-BĐT")
    doc.ents = [per, org, directive]
    doc = canonical_nlp.get_pipe("vn_canonical")(doc)
    got = [(ent._.canonical, ent._.entity_key) for ent in doc.ents]
    assert got == [
        ("Ngô Thị Thủy", "PER:Ngô Thị Thủy"),
        ("Bưu điện tỉnh Kon Tum", "ORG:Bưu điện tỉnh Kon Tum"),
        ("Chỉ thị 12/CT-BĐT", "DIRECTIVE:Chỉ thị 12/CT-BĐT"),
    ]


def test_component_keeps_an_earlier_canonical_and_linked_references(canonical_nlp):
    doc = canonical_nlp.make_doc("Tập đoàn VNPT và Sở TT&TT phối hợp. Sở cho biết.")
    vnpt = Span(doc, 0, 3, label="ORG")
    department = Span(doc, 4, 6, label="ORG")
    reference = Span(doc, 9, 10, label="ORG")
    assert (vnpt.text, department.text, reference.text) == ("Tập đoàn VNPT", "Sở TT&TT", "Sở")
    doc.ents = [vnpt, department, reference]
    vnpt, department, reference = doc.ents
    vnpt._.canonical = "Tập đoàn Bưu chính Viễn thông Việt Nam"  # set by an earlier component
    department._.canonical = "Sở TT&TT"  # not final: the abbreviation is still there
    reference._.is_reference = True
    reference._.entity_key = "ORG:Sở Thông tin và Truyền thông"
    doc = canonical_nlp.get_pipe("vn_canonical")(doc)
    vnpt, department, reference = doc.ents
    assert vnpt._.canonical == "Tập đoàn Bưu chính Viễn thông Việt Nam"
    assert department._.entity_key == "ORG:Sở Thông tin và Truyền thông"
    assert (reference._.canonical, reference._.entity_key) == ("Sở Thông tin và Truyền thông", "ORG:Sở Thông tin và Truyền thông")
