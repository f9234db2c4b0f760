"""Vietnamese dates (pipeline/nlp/dates.py)."""

from __future__ import annotations

import pytest

from pipeline.nlp.dates import find_dates, parse_vietnamese_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("02/5/2007", "2007-05-02"),
        ("2-5-2007", "2007-05-02"),
        ("2.5.2007", "2007-05-02"),
        ("ngày 02/05/2007", "2007-05-02"),
        ("ngày 2 tháng 5 năm 2007", "2007-05-02"),
        ("Ngày 20 tháng 11, năm 2023", "2023-11-20"),
        ("29/2/2024", "2024-02-29"),  # a leap day
        (" 15/8/1945 ", "1945-08-15"),
    ],
)
def test_parse_full_dates(text, expected):
    assert parse_vietnamese_date(text) == expected
    assert parse_vietnamese_date(text, default_year=1999) == expected  # a written year wins


@pytest.mark.parametrize("text, expected", [("ngày 2/5", "2024-05-02"), ("(12/8)", "2024-08-12"),
                                            ("ngày 2 tháng 5", "2024-05-02"), ("3/9", "2024-09-03")])
def test_parse_dates_without_year(text, expected):
    assert parse_vietnamese_date(text, default_year=2024) == expected
    assert parse_vietnamese_date(text) is None  # no year, none given


@pytest.mark.parametrize(
    "text",
    ["31/2/2024", "29/2/2023", "1/13/2020", "32/1/2020", "0/5/2020", "2/5-2007", "12/8/0200", "hôm qua", "", "2007"],
)
def test_parse_invalid(text):
    assert parse_vietnamese_date(text, default_year=2024) is None


def test_find_dates_in_a_sentence():
    text = "Chiều 14/10, Sở triển khai Chỉ thị số 07/2007/CT-UBND ngày 02/5/2007 và Nghị quyết ngày 2 tháng 5 năm 2019."
    found = [(text[start:end], iso) for start, end, iso in find_dates(text, default_year=2025)]
    assert found == [("14/10", "2025-10-14"), ("02/5/2007", "2007-05-02"), ("ngày 2 tháng 5 năm 2019", "2019-05-02")]


def test_find_dates_event_dates_in_parentheses_and_after_time_words():
    text = "Hà Nội (12/8) - Sáng 3-9, hội nghị khai mạc; tối 15/9 bế mạc."
    found = [(text[start:end], iso) for start, end, iso in find_dates(text, default_year=2024)]
    assert found == [("12/8", "2024-08-12"), ("3-9", "2024-09-03"), ("15/9", "2024-09-15")]


def test_find_dates_keeps_unresolvable_dates_with_none():
    text = "Văn bản ghi ngày 31/2/2024; hội nghị (12/8)."
    assert [(text[s:e], iso) for s, e, iso in find_dates(text)] == [("31/2/2024", None), ("12/8", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Tỷ lệ đạt 3/4 kế hoạch.",  # a fraction
        "Giai đoạn 2021-2025 và 2026 - 2030.",  # ranges of years
        "Số hiệu 07/2007/CT-UBND và 12-NQ/TU.",  # document numbers
        "Có (1-2) người và (3/4 số phiếu).",  # a range, an unclosed parenthesis
        "Tháng 9/2025 doanh thu tăng 1.234.567 đồng.",  # a month, a number
    ],
)
def test_find_dates_negatives(text):
    assert find_dates(text) == []


def test_find_dates_on_a_megabyte_line_completes():
    line = "1/1/1/" * 170_000 + "ngày 1 tháng " * 10_000 + "(1/" * 100_000
    assert isinstance(find_dates(line), list)  # linear patterns; no timing asserted
