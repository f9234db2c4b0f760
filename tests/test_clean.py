"""Tests for pipeline.clean (clean_record / clean_text)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import pipeline.clean as clean_module
from pipeline.article import PARAGRAPH_SEPARATOR, STATUS_ERROR, STATUS_OK, RawRecord
from pipeline.clean import NO_TEXT_ERROR, clean_record, clean_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "samples" / "mic-gov-vn-000.txt"

SAMPLE_TITLE = 'Hội nghị "Đảm bảo an toàn, an ninh trong hoạt động bưu chính, viễn thông và Internet"'
LEAD_START = "Ủy ban nhân dân tỉnh Gia Lai tổ chức Hội nghị đảm bảo an toàn mạng lưới"


def record(text, **kwargs) -> RawRecord:
    fields = dict(article_id="r1", source_path="corpus/r1.txt", text=text, kind="txt")
    fields.update(kwargs)
    return RawRecord(**fields)


@pytest.fixture(scope="module")
def sample_article():
    raw = SAMPLE.read_text(encoding="utf-8")
    return clean_record(
        record(raw, article_id="mic-gov-vn-000", source_path=str(SAMPLE), url="https://mic.gov.vn/x.htm",
               published="2008-05-20", encoding="utf-8")
    )


def test_sample_article_is_clean(sample_article):
    a = sample_article
    assert a.status == STATUS_OK and a.error is None
    assert a.title == SAMPLE_TITLE
    assert a.source == "Mic.gov.vn"
    assert a.author == "Trần Thị Huệ"
    # the duplicated lead appears once
    assert a.text.count(LEAD_START) == 1
    assert a.n_duplicate_paragraphs == 1
    assert a.n_paragraphs == 4 == len(a.paragraphs)
    # old tone placement gone, new one there
    assert "Uỷ" not in a.text and "uỷ" not in a.text
    assert "Tỉnh ủy" in a.text
    # no tag, no footer; title first, byline last
    assert "(Mic.gov.vn)" not in a.text
    assert "ĐÁNH GIÁ" not in a.text
    assert a.text.startswith(SAMPLE_TITLE + PARAGRAPH_SEPARATOR + LEAD_START)
    assert a.text.endswith("trên địa bàn tỉnh Gia Lai." + PARAGRAPH_SEPARATOR + "Trần Thị Huệ")
    # metadata carried over
    assert a.url == "https://mic.gov.vn/x.htm"
    assert a.published == "2008-05-20"
    assert a.encoding == "utf-8"
    assert a.article_id == "mic-gov-vn-000"
    assert a.content_hash == hashlib.sha1(a.text.encode("utf-8")).hexdigest()


def test_text_splits_back_into_title_paragraphs_byline(sample_article):
    a = sample_article
    assert a.text.split(PARAGRAPH_SEPARATOR) == [a.title, *a.paragraphs, "Trần Thị Huệ"]


def test_cleaning_is_stable(sample_article):
    again = clean_text(sample_article.text, "again")
    assert again.text == sample_article.text
    assert again.content_hash == sample_article.content_hash
    assert (again.title, again.author, again.n_duplicate_paragraphs) == (sample_article.title, "Trần Thị Huệ", 0)


def test_error_record_becomes_failed_article():
    a = clean_record(record(None, error="cannot decode bytes", kind="txt", title="T"))
    assert a.status == STATUS_ERROR
    assert a.error == "cannot decode bytes"
    assert a.title == "T"
    assert a.text == ""


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n \u200b ",
        "Chỉ có tiêu đề",
        "Tiêu đề\n\n(TTXVN) -\n\nChia sẻ\n\nĐÁNH GIÁ BÀI VIẾT( 0)",
        "Tiêu đề\n\nTrần Thị Huệ",
    ],
)
def test_no_body_is_an_error(text):
    a = clean_text(text)
    assert a.status == STATUS_ERROR
    assert a.error == NO_TEXT_ERROR


def test_metadata_title_and_author_used_when_text_has_none():
    body = "Sáng nay, Bộ Y tế tổ chức họp báo về tình hình dịch bệnh.\n\nCác chuyên gia khuyến cáo người dân tiêm vắc-xin."
    a = clean_record(record(body, title="  Bộ Y tế   họp báo  ", author="Hoàng  Minh"))
    assert a.ok
    assert a.title == "Bộ Y tế họp báo"
    assert a.author == "Hoàng Minh"
    assert a.text.startswith("Bộ Y tế họp báo" + PARAGRAPH_SEPARATOR + "Sáng nay")
    assert a.n_paragraphs == 2


def test_text_byline_wins_over_metadata_author():
    text = "Tiêu đề bài viết\n\nNội dung bài viết về hội nghị.\n\nThu Hà"
    a = clean_record(record(text, author="Ban biên tập"))
    assert a.author == "Thu Hà"


def test_metadata_title_matching_the_first_line_is_not_repeated():
    text = "Hội nghị tổng kết năm 2023\n\nNội dung bài viết về hội nghị."
    a = clean_record(record(text, title="Hội nghị tổng kết năm 2023"))
    assert a.text == "Hội nghị tổng kết năm 2023\n\nNội dung bài viết về hội nghị."


def test_title_repeated_as_first_paragraph_counts_as_duplicate():
    text = "Hội nghị tổng kết năm 2023\n\nHội nghị tổng kết năm 2023\n\nNội dung bài viết về hội nghị."
    a = clean_text(text)
    assert a.text == "Hội nghị tổng kết năm 2023\n\nNội dung bài viết về hội nghị."
    assert a.n_duplicate_paragraphs == 1


def test_tag_on_first_paragraph_and_initials_byline():
    text = (
        "Thủ tướng làm việc với tỉnh Gia Lai\n\n"
        "(Chinhphu.vn) \u2013 Chiều 10/3, Thủ tướng làm việc với Ban Thường vụ Tỉnh uỷ Gia Lai.\n\n"
        "Thủ tướng đề nghị tỉnh phát huy tiềm năng, lợi thế.\n\n"
        "PV"
    )
    a = clean_text(text, "cp")
    assert a.source == "Chinhphu.vn"
    assert a.author is None
    assert a.text == (
        "Thủ tướng làm việc với tỉnh Gia Lai\n\n"
        "Chiều 10/3, Thủ tướng làm việc với Ban Thường vụ Tỉnh ủy Gia Lai.\n\n"
        "Thủ tướng đề nghị tỉnh phát huy tiềm năng, lợi thế."
    )


def test_two_author_byline_kept_as_written():
    text = "Tiêu đề\n\nNội dung chính của bài viết.\n\nMinh Anh \u2013 Thu Hà"
    a = clean_text(text)
    assert a.author == "Minh Anh - Thu Hà"
    assert a.text.endswith(PARAGRAPH_SEPARATOR + "Minh Anh - Thu Hà")


def test_html_entities_and_nfd_in_record():
    import unicodedata

    text = unicodedata.normalize("NFD", "Tiêu đề &amp; tin tức\n\nH&#7897;i ngh&#7883;&nbsp;tỉnh Thanh Hoá.")
    a = clean_text(text)
    assert a.text == "Tiêu đề & tin tức\n\nHội nghị tỉnh Thanh Hóa."


def test_exception_inside_becomes_error_article(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(clean_module, "parse_structure", boom)
    a = clean_text("Tiêu đề\n\nNội dung.", "boom")
    assert a.status == STATUS_ERROR
    assert a.article_id == "boom"
    assert "RuntimeError" in a.error and "parser exploded" in a.error


def test_clean_text_convenience():
    a = clean_text("Tiêu đề\n\nNội dung bài viết.")
    assert a.article_id == "text"
    assert a.ok
    assert a.title == "Tiêu đề"
    assert a.paragraphs == ["Nội dung bài viết."]
    b = clean_text("Nội dung không có tiêu đề.", "x", title="Tiêu đề từ metadata")
    assert b.title == "Tiêu đề từ metadata"
    assert b.text == "Tiêu đề từ metadata\n\nNội dung không có tiêu đề."


def test_sentence_only_text_has_no_title():
    a = clean_text("Thủ tướng Phạm Minh Chính chủ trì hội nghị trực tuyến với các địa phương.")
    assert a.ok
    assert a.title is None
    assert a.text == "Thủ tướng Phạm Minh Chính chủ trì hội nghị trực tuyến với các địa phương."


def test_random_articles_never_crash_and_keep_the_text_contract():
    import random

    pool = [
        "Tiêu đề bài viết về hội nghị", "(Mic.gov.vn) -", "(TTXVN) - Sáng nay hội nghị khai mạc.",
        "Uỷ ban nhân dân tỉnh tổ chức hội nghị về an toàn thông tin mạng lưới bưu chính viễn thông.",
        "Hội nghị đã đánh giá tình hình thực hiện công tác trong thời gian qua và đề ra nhiệm vụ.",
        "Chia sẻ", "Facebook", "ĐÁNH GIÁ BÀI VIẾT( 0)", "Tin liên quan", "Trần Thị Huệ", "PV", "H.T.",
        "Minh Anh - Thu Hà", "", "", "&amp; &nbsp; \u200b", "\u201cTrích dẫn\u201d \u2013 ý kiến", "Hội nghị",
        "1.234", "(1) - mục", "Ảnh: TTXVN", "\x00\r", "   ", "hoà bình, khoẻ mạnh, thuỷ lợi.",
    ]
    rng = random.Random(5)
    for i in range(1500):
        lines = [rng.choice(pool) for _ in range(rng.randint(0, 12))]
        text = rng.choice(["\n", "\n\n", "\r\n\r\n"]).join(lines)
        a = clean_text(text, f"t{i}")
        if not a.ok:
            assert a.error == NO_TEXT_ERROR, a.error
            continue
        pieces = a.text.split(PARAGRAPH_SEPARATOR)
        expected = ([a.title] if a.title else []) + a.paragraphs
        assert pieces[: len(expected)] == expected
        assert len(pieces) - len(expected) in (0, 1)  # the byline
        assert (len(pieces) > len(expected)) == (a.author is not None)
        assert a.n_paragraphs == len(a.paragraphs) > 0
        assert "Uỷ" not in a.text and "\u200b" not in a.text
        assert a.content_hash == hashlib.sha1(a.text.encode("utf-8")).hexdigest()


GOLD = Path(__file__).resolve().parents[1] / "corpus" / "gold"


@pytest.mark.skipif(not GOLD.is_dir(), reason="no gold corpus")
def test_dev_gold_title_author_source():
    import json

    from pipeline.clean.normalize import normalize_text

    checked = 0
    for path in sorted(GOLD.glob("dev-*.jsonl")):  # never tune on the held-out part
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            gold = json.loads(line)
            meta = gold.get("meta") or {}
            a = clean_text(gold["text"], gold["id"])
            assert a.ok, gold["id"]
            for key in ("title", "author", "source"):
                if key in meta:
                    expected = normalize_text(meta[key]) if meta[key] else None
                    assert getattr(a, key) == expected, (gold["id"], key)
            checked += 1
    assert checked > 0
