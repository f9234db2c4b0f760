"""Tests for pipeline.clean.structure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.clean.normalize import normalize_text
from pipeline.clean.structure import ArticleParts, noise_patterns, parse_byline, parse_structure
from pipeline.resources import resource_path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "samples" / "mic-gov-vn-000.txt"

TITLE = "Thủ tướng chủ trì hội nghị trực tuyến với các địa phương"
P1 = (
    "Sáng 12/3, tại trụ sở Chính phủ, Thủ tướng Phạm Minh Chính chủ trì hội nghị trực tuyến "
    "với 63 tỉnh, thành phố về thúc đẩy giải ngân vốn đầu tư công."
)
P2 = (
    "Theo báo cáo của Bộ Kế hoạch và Đầu tư, tỷ lệ giải ngân hai tháng đầu năm đạt 8,4% kế hoạch, "
    "cao hơn cùng kỳ năm trước."
)
P3 = "Thủ tướng yêu cầu các bộ, ngành và địa phương quyết liệt tháo gỡ khó khăn, vướng mắc."


def parse(text: str, **kwargs) -> ArticleParts:
    return parse_structure(normalize_text(text), **kwargs)


def article(*lines: str) -> str:
    return "\n\n".join(lines)


# --------------------------------------------------------------------------
# The real sample
# --------------------------------------------------------------------------


def test_sample_article():
    parts = parse(SAMPLE.read_text(encoding="utf-8"))
    assert parts.title == (
        'Hội nghị "Đảm bảo an toàn, an ninh trong hoạt động bưu chính, viễn thông và Internet"'
    )
    assert parts.source == "Mic.gov.vn"
    assert parts.author == "Trần Thị Huệ"
    assert parts.byline == "Trần Thị Huệ"
    assert parts.footer == ["ĐÁNH GIÁ BÀI VIẾT( 0)"]
    assert len(parts.paragraphs) == 5  # the duplicated lead is still there: dedup is a later step
    assert parts.paragraphs[0].startswith("Ủy ban nhân dân tỉnh Gia Lai")
    assert parts.paragraphs[-1].startswith("Tại Hội nghị, thay mặt UBND tỉnh")
    joined = "\n".join(parts.paragraphs)
    assert "Mic.gov.vn" not in joined
    assert "ĐÁNH GIÁ" not in joined
    assert "Trần Thị Huệ" not in joined


# --------------------------------------------------------------------------
# Title
# --------------------------------------------------------------------------


def test_first_line_is_title():
    parts = parse(article(TITLE, P1, P2))
    assert parts.title == TITLE
    assert parts.paragraphs == [P1, P2]


def test_metadata_title_when_text_starts_with_it():
    parts = parse(article(TITLE, P1, P2), title=TITLE.upper())
    assert parts.title == TITLE  # the line as written in the text
    assert parts.paragraphs == [P1, P2]


def test_metadata_title_with_site_name_matches_the_first_line():
    parts = parse(article(TITLE, P1), title=TITLE + " - Báo Chính phủ")
    assert parts.title == TITLE
    assert parts.paragraphs == [P1]


def test_metadata_title_when_text_does_not_start_with_it():
    parts = parse(article(P3, P1, P2), title=TITLE)
    assert parts.title == TITLE
    assert parts.paragraphs == [P3, P1, P2]


def test_sentence_first_line_is_not_a_title():
    parts = parse(article(P1, P2))
    assert parts.title is None
    assert parts.paragraphs == [P1, P2]


def test_empty_text():
    parts = parse("")
    assert parts == ArticleParts()


# --------------------------------------------------------------------------
# Paragraphs
# --------------------------------------------------------------------------


def test_single_newlines_make_one_paragraph_per_line():
    parts = parse("\n".join([TITLE, P1, P2, P3]))
    assert parts.title == TITLE
    assert parts.paragraphs == [P1, P2, P3]


def test_blank_lines_separate_paragraphs_and_lines_stay_inside():
    parts = parse(f"{TITLE}\n\n{P1}\n{P2}\n\n{P3}")
    assert parts.paragraphs == [f"{P1}\n{P2}", P3]


def test_title_followed_by_single_newline_in_blank_line_text():
    parts = parse(f"{TITLE}\n{P1}\n\n{P2}")
    assert parts.title == TITLE
    assert parts.paragraphs == [P1, P2]


# --------------------------------------------------------------------------
# Source tag
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag,source",
    [
        ("(Mic.gov.vn) -", "Mic.gov.vn"),
        ("(Chinhphu.vn) -", "Chinhphu.vn"),
        ("(TTXVN) -", "TTXVN"),
        ("(Baochinhphu.vn)-", "Baochinhphu.vn"),
        ("(Sở TT&TT) \u2013", "Sở TT&TT"),
        ("(Dân trí) -", "Dân trí"),
        ("(NLĐO) \u2013", "NLĐO"),
        ("(VOV.VN) -", "VOV.VN"),
    ],
)
def test_source_tag_on_the_same_line_as_the_first_paragraph(tag, source):
    parts = parse(article(TITLE, f"{tag} {P1}", P2))
    assert parts.source == source
    assert parts.paragraphs == [P1, P2]


@pytest.mark.parametrize("tag", ["(Mic.gov.vn) -", "(Mic.gov.vn) - \u00a0", "(TTXVN)", "(Chinhphu.vn)"])
def test_source_tag_alone_on_a_line(tag):
    parts = parse(article(TITLE, tag, P1, P2))
    assert parts.source in {"Mic.gov.vn", "TTXVN", "Chinhphu.vn"}
    assert parts.paragraphs == [P1, P2]


@pytest.mark.parametrize("tag,source", [("(Baothaibinh.com.vn)", "Baothaibinh.com.vn"), ("(TTXVN)", "TTXVN")])
def test_source_tag_without_a_dash_before_the_first_sentence(tag, source):
    parts = parse(article(TITLE, f"{tag} {P1}", P2))
    assert parts.source == source
    assert parts.paragraphs == [P1, P2]


def test_a_parenthesis_without_a_dash_is_a_source_only_when_it_looks_like_one():
    line = "(Ảnh minh họa) Lãnh đạo tỉnh dự lễ khai trương."
    parts = parse(article(TITLE, line, P2))
    assert parts.source is None
    assert parts.paragraphs[0] == line


def test_source_tag_after_a_dateline_keeps_the_place():
    parts = parse(article(TITLE, f"Hà Nội, 12/3 (TTXVN) - {P1}"))
    assert parts.source == "TTXVN"
    assert parts.paragraphs == [f"Hà Nội, 12/3 - {P1}"]


@pytest.mark.parametrize(
    "line",
    [
        "(1) - Mục thứ nhất của kế hoạch.",
        "(Ảnh minh họa)",
        "Đại diện Bộ Y tế (MOH) - ông Nguyễn Văn A cho biết như vậy.",
        "(theo báo cáo) - số liệu tăng.",
    ],
)
def test_not_a_source_tag(line):
    parts = parse(article(TITLE, line, P2))
    assert parts.source is None
    assert parts.paragraphs[0] == normalize_text(line)


def test_tag_far_in_the_body_is_text():
    parts = parse(article(TITLE, P1, P2, f"(TTXVN) - {P3}"))
    assert parts.source is None
    assert parts.paragraphs[-1] == f"(TTXVN) - {P3}"


# --------------------------------------------------------------------------
# Footer and widgets
# --------------------------------------------------------------------------

FOOTER_LINES = [
    "ĐÁNH GIÁ BÀI VIẾT( 0)",
    "Đánh giá bài viết (12)",
    "Chia sẻ",
    "Chia sẻ:",
    "In bài",
    "In bài viết",
    "Lượt xem: 1.234",
    "Số lượt xem: 56",
    "Bình chọn",
    "Tin liên quan",
    "Các tin khác:",
    "Tin cùng chuyên mục",
    "Facebook",
    "Twitter",
    "Zalo",
    "Gửi email",
    "Quay lại",
    "Đầu trang",
    "Về đầu trang",
    "Facebook Twitter Zalo",
    "Chia sẻ | Facebook | Zalo | In",
    "Bản in",
    "Cỡ chữ",
    "A A A",
    "Lưu bài viết",
    "Bình luận (0)",
    "Gửi bình luận",
    "Từ khóa: Gia Lai, an ninh mạng",
    "https://mic.gov.vn/tin-tuc.htm",
    "----------",
    "© Bản quyền thuộc Bộ Thông tin và Truyền thông",
]


@pytest.mark.parametrize("noise", FOOTER_LINES)
def test_footer_line_removed_at_the_end(noise):
    parts = parse(article(TITLE, P1, P2, "Trần Thị Huệ", noise))
    assert parts.paragraphs == [P1, P2]
    assert parts.author == "Trần Thị Huệ"
    assert parts.footer == [normalize_text(noise)]


def test_whole_footer_block_removed():
    parts = parse(article(TITLE, P1, P2, "Minh Anh", "Chia sẻ", "Facebook", "Zalo", "In bài", "Lượt xem: 1.234",
                          "ĐÁNH GIÁ BÀI VIẾT( 0)", "Đầu trang"))
    assert parts.paragraphs == [P1, P2]
    assert parts.author == "Minh Anh"
    assert len(parts.footer) == 7


def test_widget_lines_removed_anywhere():
    parts = parse("\n".join([TITLE, "Chia sẻ", P1, "Facebook", "Twitter", P2, "In bài", P3]))
    assert parts.title == TITLE
    assert parts.paragraphs == [P1, P2, P3]
    assert parts.footer == ["Chia sẻ", "Facebook", "Twitter", "In bài"]


def test_related_news_section_is_cut():
    related = ["Tin liên quan", "Gia Lai tăng cường an ninh mạng", "Hội nghị về bưu chính viễn thông năm 2024"]
    parts = parse(article(TITLE, P1, P2, "Thu Hà", *related))
    assert parts.paragraphs == [P1, P2]
    assert parts.author == "Thu Hà"
    assert parts.footer == related


def test_related_box_in_the_middle_only_loses_its_marker():
    long_paragraph = P1 + " " + P2 + " " + P3
    parts = parse(article(TITLE, P1, "Tin liên quan", "Gia Lai tăng cường an ninh mạng", long_paragraph))
    assert parts.paragraphs == [P1, "Gia Lai tăng cường an ninh mạng", long_paragraph]
    assert parts.footer == ["Tin liên quan"]


def test_body_sentences_with_widget_words_are_kept():
    body = [
        "Ông chia sẻ về kinh nghiệm triển khai chuyển đổi số tại địa phương.",
        "Facebook đã gỡ bỏ hàng nghìn bài viết sai sự thật trong tháng 3.",
        "Đánh giá bài viết của học sinh được giáo viên thực hiện hằng tuần.",
        "In bài phát biểu, đồng chí nhấn mạnh vai trò của doanh nghiệp.",
    ]
    parts = parse(article(TITLE, *body))
    assert parts.paragraphs == body
    assert parts.footer == []


def test_noise_pattern_file_is_anchored_and_compiles():
    patterns = noise_patterns()
    assert len(patterns.line) >= 15 and len(patterns.cut) >= 2
    for pattern in patterns.line + patterns.cut:
        assert pattern.pattern.startswith("^") and pattern.pattern.endswith("$")
    assert resource_path("patterns", "footer_noise.txt").name == "footer_noise.txt"


def test_noise_patterns_on_adversarial_lines():
    # Near misses that would make a backtracking pattern explode: none is
    # footer noise except the rule of dashes.
    patterns = noise_patterns()
    lines = [
        "a " * 100, "facebook " * 22, "Facebook | " * 18, "1" * 200, "- " * 100, "chia sẻ " * 25,
        "đánh giá bài viết" + " " * 180 + "(", "lượt xem:" + "1." * 95 + "x", "in " * 66 + "x",
    ]
    matched = [line for line in lines if any(p.match(line[:200]) for p in patterns.line + patterns.cut)]
    assert matched == ["- " * 100]


# --------------------------------------------------------------------------
# Bylines
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "byline,author",
    [
        ("Trần Thị Huệ", "Trần Thị Huệ"),
        ("Minh Anh", "Minh Anh"),
        ("Nguyễn Thị Minh Khai", "Nguyễn Thị Minh Khai"),
        ("TRẦN THỊ HUỆ", "TRẦN THỊ HUỆ"),
        ("ĐỖ THUỲ LINH", "ĐỖ THÙY LINH"),
        ("MINH ANH", "MINH ANH"),
        ("Minh Anh - Thu Hà", "Minh Anh - Thu Hà"),
        ("Minh Anh \u2013 Thu Hà", "Minh Anh - Thu Hà"),
        ("Quang Huy và Thanh Tâm", "Quang Huy và Thanh Tâm"),
        ("Ngọc Lan, Hoàng Minh", "Ngọc Lan, Hoàng Minh"),
        ("Minh Anh (tổng hợp)", "Minh Anh"),
        ("Thu Hà (theo TTXVN)", "Thu Hà"),
        ("Tin, ảnh: Ngọc Lan", "Ngọc Lan"),
        ("Bài và ảnh: Quốc Tuấn", "Quốc Tuấn"),
        ("Phạm Quỳnh", "Phạm Quỳnh"),
    ],
)
def test_person_byline(byline, author):
    parts = parse(article(TITLE, P1, P2, byline, "Chia sẻ"))
    assert parts.author == author
    assert parts.byline == normalize_text(byline)
    assert parts.paragraphs == [P1, P2]
    assert parts.footer == ["Chia sẻ"]


@pytest.mark.parametrize("byline", ["H.T.", "PV", "BBT", "T.H - V.A", "Nhóm PV", "PV (tổng hợp)", "H.T"])
def test_initials_byline_goes_to_footer(byline):
    parts = parse(article(TITLE, P1, P2, byline))
    assert parts.author is None
    assert parts.byline is None
    assert parts.paragraphs == [P1, P2]
    assert parts.footer == [byline]


def test_initials_after_a_name():
    parts = parse(article(TITLE, P1, "Minh Anh", "PV"))
    assert parts.author == "Minh Anh"
    assert parts.footer == ["PV"]


@pytest.mark.parametrize(
    "line",
    [
        "Hội nghị kết thúc lúc 17 giờ cùng ngày.",
        "Theo Báo Chính phủ",
        "Ủy Ban Nhân Dân",
        "Hùng",
        "Minh Anh.",
        "Cổng Thông tin điện tử tỉnh Gia Lai",
        "John Smith",
    ],
)
def test_not_a_byline(line):
    parts = parse(article(TITLE, P1, line))
    assert parts.author is None
    assert parts.byline is None
    assert parts.paragraphs[-1] == line


def test_parse_byline_kinds():
    assert parse_byline("Trần Thị Huệ") == ("name", "Trần Thị Huệ")
    assert parse_byline("Tin, ảnh: Minh Anh - Thu Hà (tổng hợp)") == ("name", "Minh Anh - Thu Hà")
    assert parse_byline("PV") == ("initials", None)
    assert parse_byline("Hội nghị đã thành công tốt đẹp.") is None


def test_footer_order_is_text_order():
    parts = parse("\n".join([TITLE, "Chia sẻ", P1, P2, "H.T.", "Đầu trang"]))
    assert parts.footer == ["Chia sẻ", "H.T.", "Đầu trang"]


def test_structure_of_a_very_long_text():
    lines = [TITLE] + [f"{P1} Đoạn số {i}." for i in range(20_000)] + ["Trần Thị Huệ", "Chia sẻ"]
    parts = parse_structure("\n\n".join(lines))
    assert len(parts.paragraphs) == 20_000
    assert parts.author == "Trần Thị Huệ"


def test_word_boundary_regex_sanity():
    # the source tag is not taken from inside the title line
    parts = parse(article("Thông cáo (TTXVN) - phiên họp Chính phủ", P1))
    assert parts.title == "Thông cáo (TTXVN) - phiên họp Chính phủ"
    assert parts.source is None
    assert not re.search(r"TTXVN", "\n".join(parts.paragraphs))


def test_ethnic_minority_bylines_are_names():
    # Ê Đê / Jrai names are not Vietnamese (Kinh) syllables throughout but
    # start with a known surname or name prefix (Y, H', Ksor).
    from pipeline.clean.structure import parse_byline

    assert parse_byline("H'Lin Niê") == ("name", "H'Lin Niê")
    assert parse_byline("Ksor H'Xíu") == ("name", "Ksor H'Xíu")
    assert parse_byline("Kbuôr Xíu Ktla") is None  # no known surname, not Kinh syllables


def test_prefixed_given_name_alone_is_a_byline_name():
    # an Ê Đê/Jrai given name with its prefix is two syllables in one token
    # and a name by itself, alone or beside another author
    assert parse_byline("Bảo Trâm - H'Yơn") == ("name", "Bảo Trâm - H'Yơn")
    assert parse_byline("K'Brơi") == ("name", "K'Brơi")
    assert parse_byline("Bảo Trâm - Yơn") is None  # one bare syllable is no name
    assert parse_byline("Q'Abc") is None  # no known name prefix
