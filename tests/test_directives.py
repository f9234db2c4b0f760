"""DIRECTIVE entities (pipeline/nlp/directives.py), on sentences written for the tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.language import build_nlp


@pytest.fixture(scope="module")
def nlp():
    # the syllable segmenter: word segmentation plays no part in this component
    return build_nlp(segmenter="syllables", components=("vn_directives",))


def directives(nlp, text):
    return [(ent.text, ent._.canonical) for ent in nlp(text).ents if ent.label_ == "DIRECTIVE"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # every number format, with and without "số"
        ("Thực hiện Chỉ thị số 07/2007/CT-UBND ngày 02/5/2007 của UBND tỉnh Kon Tum.",
         [("Chỉ thị số 07/2007/CT-UBND", "Chỉ thị 07/2007/CT-UBND")]),
        ("Theo Quyết định 749/QĐ-TTg, các bộ phải hoàn thành.",
         [("Quyết định 749/QĐ-TTg", "Quyết định 749/QĐ-TTg")]),
        ("Ban Thường vụ ban hành Nghị quyết 12-NQ/TU về chuyển đổi số.",
         [("Nghị quyết 12-NQ/TU", "Nghị quyết 12-NQ/TU")]),
        ("Văn phòng Trung ương có Hướng dẫn số 36-HD/VPTW.",
         [("Hướng dẫn số 36-HD/VPTW", "Hướng dẫn 36-HD/VPTW")]),
        ("Bộ gửi Công văn số 3115/BTTTT-CVT tới các doanh nghiệp.",
         [("Công văn số 3115/BTTTT-CVT", "Công văn 3115/BTTTT-CVT")]),
        ("Quốc hội thông qua Luật số 24/2018/QH14.",
         [("Luật số 24/2018/QH14", "Luật 24/2018/QH14")]),
        ("Chính phủ ban hành Nghị định 15/2020/NĐ-CP.",
         [("Nghị định 15/2020/NĐ-CP", "Nghị định 15/2020/NĐ-CP")]),
        ("Văn phòng Chính phủ ra Thông báo số 45/TB-VPCP.",
         [("Thông báo số 45/TB-VPCP", "Thông báo 45/TB-VPCP")]),
        ("Thủ tướng ký Công điện 06/CĐ-TTg về ứng phó bão.",
         [("Công điện 06/CĐ-TTg", "Công điện 06/CĐ-TTg")]),
        ("Bộ trưởng ban hành Thông tư số 01/2025/TT-BKHCN.",
         [("Thông tư số 01/2025/TT-BKHCN", "Thông tư 01/2025/TT-BKHCN")]),
        ("UBND tỉnh ban hành Quyết định số 1234a/QĐ-UBND.",
         [("Quyết định số 1234a/QĐ-UBND", "Quyết định 1234a/QĐ-UBND")]),
        ("Hai bộ ban hành Thông tư liên tịch số 03/2016/TTLT-BTTTT-BNV.",
         [("Thông tư liên tịch số 03/2016/TTLT-BTTTT-BNV", "Thông tư liên tịch 03/2016/TTLT-BTTTT-BNV")]),
        ("Tỉnh ủy có Kết luận số 88-KL/TU.", [("Kết luận số 88-KL/TU", "Kết luận 88-KL/TU")]),
        # the type word in lower case, as running text often writes it
        ("Sở đã tham mưu ban hành quyết định số 27/QĐ-SKHCN.",
         [("quyết định số 27/QĐ-SKHCN", "Quyết định 27/QĐ-SKHCN")]),
        # a plain number: only for types cited that way, or after "số"
        ("Tỉnh đẩy mạnh Đề án 06 tại cấp xã.", [("Đề án 06", "Đề án 06")]),
        ("Nguồn vốn Chương trình 135 được phân bổ.", [("Chương trình 135", "Chương trình 135")]),
        ("Thực hiện nghiêm Chỉ thị 16 ngày 31/3/2020.", [("Chỉ thị 16", "Chỉ thị 16")]),
        ("UBND huyện có Kế hoạch số 58 về việc này.", [("Kế hoạch số 58", "Kế hoạch 58")]),
    ],
)
def test_type_and_number(nlp, text, expected):
    assert directives(nlp, text) == expected


def test_numbers_without_type_word(nlp):
    text = "Căn cứ Nghị định số 13/2023/NĐ-CP và 53/2022/NĐ-CP; văn bản gửi kèm số 812/STTTT-BCVT."
    assert directives(nlp, text) == [
        ("Nghị định số 13/2023/NĐ-CP", "Nghị định 13/2023/NĐ-CP"),
        ("53/2022/NĐ-CP", "Nghị định 53/2022/NĐ-CP"),
        ("812/STTTT-BCVT", "812/STTTT-BCVT"),  # after "số": a number whose code names no type
    ]


def test_party_and_assembly_numbers_alone(nlp):
    text = "Hội nghị quán triệt 45-NQ/TW, 202/2025/QH15 và 08-QĐi/TW."
    assert directives(nlp, text) == [
        ("45-NQ/TW", "Nghị quyết 45-NQ/TW"),
        ("202/2025/QH15", "202/2025/QH15"),  # QH: a law or a resolution, the code does not say
        ("08-QĐi/TW", "Quy định 08-QĐi/TW"),
    ]


def test_generic_type_word_takes_the_type_of_the_code(nlp):
    text = "Tỉnh ủy ban hành văn bản số 12-CT/TU và văn bản số 401/UBND-KT."
    assert directives(nlp, text) == [
        ("văn bản số 12-CT/TU", "Chỉ thị 12-CT/TU"),
        ("văn bản số 401/UBND-KT", "Văn bản 401/UBND-KT"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Doanh nghiệp phải tuân thủ Luật An ninh mạng.", [("Luật An ninh mạng", "Luật An ninh mạng")]),
        ("Dự thảo Luật Viễn thông (sửa đổi) đã được trình.",
         [("Luật Viễn thông (sửa đổi)", "Luật Viễn thông")]),
        # the year qualifies the mention, it is no part of the name
        ("Luật Giao dịch điện tử năm 2023 có hiệu lực.", [("Luật Giao dịch điện tử", "Luật Giao dịch điện tử")]),
        ("Hành vi này bị xử lý theo Bộ luật Hình sự.", [("Bộ luật Hình sự", "Bộ luật Hình sự")]),
        # a name from the lexicon may hold a comma or "và"
        ("Sửa đổi Luật Cán bộ, công chức và Luật Viên chức.",
         [("Luật Cán bộ, công chức", "Luật Cán bộ, công chức"), ("Luật Viên chức", "Luật Viên chức")]),
        # an unseen name: generic rule up to a boundary word
        ("Luật Hóa chất quy định rõ trách nhiệm của doanh nghiệp.", [("Luật Hóa chất", "Luật Hóa chất")]),
        ("Pháp lệnh Chống nước ngoài trừng phạt của Ủy ban Thường vụ.",
         [("Pháp lệnh Chống nước ngoài trừng phạt", "Pháp lệnh Chống nước ngoài trừng phạt")]),
        # a number written after the name belongs to the mention
        ("Luật An ninh mạng số 24/2018/QH14 quy định nhiều nội dung.",
         [("Luật An ninh mạng số 24/2018/QH14", "Luật An ninh mạng")]),
        # an amending law names the laws after it
        ("Quốc hội thông qua Luật Sửa đổi, bổ sung một số điều của Luật Đất đai.",
         [("Luật Đất đai", "Luật Đất đai")]),
    ],
)
def test_laws_by_name(nlp, text, expected):
    assert directives(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch tổ chức hội nghị đã được thống nhất.",
        "Sở xây dựng kế hoạch phát triển hạ tầng số.",
        "Triển khai Chương trình chuyển đổi số quốc gia đến năm 2025.",
        "Tỉnh thực hiện Kế hoạch 5 năm và Chương trình 3 năm về đào tạo.",
        "Đề án 2030 về nhân lực số được bàn thảo.",
        "Luật sư Nguyễn Văn Bình tham dự buổi làm việc.",
        "Ông tốt nghiệp Trường Đại học Luật Hà Nội năm 2010.",
        "Mạng 5G/LTE phủ sóng 95% dân số; tỷ lệ đạt 3/4 kế hoạch.",
        "Tổng đài 1900/CSKH hỗ trợ khách hàng.",
        "Theo Quyết định 2 lần điều chỉnh, nội dung không đổi.",
    ],
)
def test_negatives(nlp, text):
    assert directives(nlp, text) == []


def test_directive_wins_over_later_components():
    nlp = build_nlp(segmenter="syllables", components=("vn_directives", "vn_places"))
    doc = nlp("UBND tỉnh Gia Lai ban hành Chỉ thị số 05/CT-UBND.")
    assert [(ent.text, ent.label_) for ent in doc.ents] == [
        ("Gia Lai", "LOC"),
        ("Chỉ thị số 05/CT-UBND", "DIRECTIVE"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "07/2007/CT-UBND" * 70_000,  # one megabyte-long document number
        "1/" * 500_000,
        "Quyết định số 1/QĐ-" * 55_000,
        "Luật " + "A" * 1_000_000,
        "12-NQ/TU/" * 115_000,
        "".join("0123456789/-QĐCTUBND."[(i * 7 + i // 3) % 21] for i in range(1_000_000)),
    ],
)
def test_megabyte_line_of_digits_slashes_capitals_completes(nlp, line):
    nlp.max_length = max(nlp.max_length, len(line) + 1)
    doc = nlp(line)  # must come back (linear-time patterns); no timing asserted
    assert doc.text == line
    assert all(ent.label_ == "DIRECTIVE" for ent in doc.ents)
