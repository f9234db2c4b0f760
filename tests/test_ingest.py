"""Tests of the INGEST stage: readers, encoding detection, ids, bad input."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import logging
import re
import unicodedata
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.article import PARAGRAPH_SEPARATOR, RawRecord
from pipeline.ingest import SUPPORTED_EXTENSIONS, read_records, record_from_text
from pipeline.ingest.encoding import (
    DecodeError,
    decode_bytes,
    encode_cp1258,
    encode_tcvn3,
    is_vietnamese_syllable,
)

SAMPLE = Path("/work/shared/samples/mic-gov-vn-000.txt")

# A Vietnamese paragraph with every tone on many vowels, ă â ê ô ơ ư đ and
# capital base letters -- but no capital *toned* letter, which TCVN3 lacks.
SENTENCE = (
    "Chiều 12/3, tại Hà Nội, Bộ Thông tin và Truyền thông tổ chức hội nghị "
    "tổng kết công tác năm 2023. Đồng chí Nguyễn Mạnh Hùng, Bộ trưởng, chủ trì; "
    "tham dự có đại diện các sở, ban, ngành của 63 tỉnh, thành phố. "
    "Ông nhấn mạnh: cần đẩy mạnh chuyển đổi số, bảo đảm an toàn thông tin mạng, "
    "phát triển hạ tầng bưu chính, viễn thông và nâng cao chất lượng dịch vụ."
)
TITLE = "Hội nghị tổng kết công tác năm 2023 của Bộ Thông tin và Truyền thông"

ALL_TONED_LOWER = "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"


def collect(paths, **kwargs) -> tuple[list[RawRecord], list[str]]:
    messages: list[str] = []
    records = list(read_records(paths, on_message=messages.append, **kwargs))
    return records, messages


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------
# the TCVN3 table


def test_tcvn3_table_reproduces_the_classic_abc_mojibake():
    # TCVN3 bytes shown as Windows-1252: the well-known look of ABC documents
    assert encode_tcvn3("Cộng hòa xã hội chủ nghĩa Việt Nam").decode("cp1252") == (
        "Céng hßa x· héi chñ nghÜa ViÖt Nam"
    )
    assert encode_tcvn3("Độc lập - Tự do - Hạnh phúc").decode("cp1252") == "§éc lËp - Tù do - H¹nh phóc"


def test_tcvn3_table_covers_every_lowercase_toned_vowel_and_base_letter():
    letters = ALL_TONED_LOWER + "ăâêôơưđĂÂÊÔƠƯĐ"
    encoded = encode_tcvn3(letters)
    assert len(encoded) == len(letters) == 74
    assert len(set(encoded)) == 74  # one byte each, all different
    assert all(0xA1 <= b <= 0xFE for b in encoded)
    assert encode_tcvn3("ĂÂÊÔƠƯĐ") == bytes(range(0xA1, 0xA8))
    assert encode_tcvn3("ăâêôơưđ") == bytes(range(0xA8, 0xAF))
    assert decode_bytes(b"Ti\xd5ng Vi\xd6t: " + encoded) == ("Tiếng Việt: " + letters, "tcvn3")


def test_tcvn3_has_no_capital_toned_letters():
    with pytest.raises(ValueError, match="no TCVN3 code"):
        encode_tcvn3("Ủy ban")


def test_tcvn3_round_trip_of_a_paragraph():
    data = encode_tcvn3(SENTENCE)
    assert data.isascii() is False
    text, encoding = decode_bytes(data)
    assert (text, encoding) == (SENTENCE, "tcvn3")


def test_tcvn3_words_typed_in_the_capital_font_become_capitals():
    # ABC "H" fonts draw lowercase codes as capitals: HéI NGHÞ is "HỘI NGHỊ"
    text, encoding = decode_bytes(b"H\xe9I NGH\xde \xa7\xb6NG B\xe9 T\xd8NH H\xb5 N\xe9i")
    assert encoding == "tcvn3"
    assert text == "HỘI NGHỊ ĐẢNG Bộ TỈNH Hà Nội"  # one capital: Title case, left alone


# --------------------------------------------------------------------------
# decode_bytes


@pytest.mark.parametrize(
    ("encode", "expected_encoding"),
    [
        (lambda s: s.encode("utf-8"), "utf-8"),
        (lambda s: s.encode("utf-8-sig"), "utf-8-sig"),
        (lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"), "utf-16-le"),
        (lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"), "utf-16-be"),
        (lambda s: s.encode("utf-32"), "utf-32-le"),
        (encode_cp1258, "cp1258"),
        (encode_tcvn3, "tcvn3"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-bom", "cp1258", "tcvn3"],
)
def test_decode_bytes_recognises_each_encoding(encode, expected_encoding):
    text, encoding = decode_bytes(encode(SENTENCE))
    assert encoding == expected_encoding
    assert text == SENTENCE
    assert "\ufeff" not in text


def test_cp1258_bytes_written_by_hand_decode_to_nfc():
    # Windows-1258: precomposed ê (0xEA) + combining dot below (0xF2); đ (0xF0),
    # ư (0xFD), ơ (0xF5), precomposed ù (0xF9) and ú (0xFA)
    data = b"Vi\xea\xf2t Nam \xf0\xfd\xf5\xf2c m\xf9a l\xfaa"
    text, encoding = decode_bytes(data)
    assert encoding == "cp1258"
    assert text == "Việt Nam được mùa lúa"
    assert text == unicodedata.normalize("NFC", text)
    assert not any(unicodedata.combining(c) for c in text)


def test_cp1258_from_nfd_encoding():
    # the way a Windows program writes cp1258: NFD, with the vowel marks that
    # cp1258 has precomposed (ê ơ ư ă â ô) kept, tone marks combining
    data = encode_cp1258(SENTENCE)
    assert b"\xf2" in data or b"\xec" in data  # combining tone marks are used
    assert data.decode("cp1258") != SENTENCE  # not NFC as Python decodes it ...
    assert decode_bytes(data) == (SENTENCE, "cp1258")  # ... but decode_bytes is


@pytest.mark.parametrize("word", ["có", "Hà", "thế", "được", "Việt Nam", "Hội nghị"])
def test_short_legacy_texts_are_told_apart(word):
    assert decode_bytes(encode_cp1258(word)) == (word, "cp1258")
    assert decode_bytes(encode_tcvn3(word)) == (word, "tcvn3")


def test_syllable_checker():
    for word in ["Việt", "nghiêng", "quyết", "khuya", "giữa", "hoà", "hòa", "NGHỊ", "Đảng", "tháp"]:
        assert is_vietnamese_syllable(word), word
    # mojibake of TCVN3 read as cp1258, cp1258 read as TCVN3, wrong tone on a
    # stopped rhyme, mixed case
    for word in ["Hµ", "c¸c", "Néi", "Viờũt", "thàp", "thƠ", "hOa"]:
        assert not is_vietnamese_syllable(word), word


def test_empty_bytes_decode_to_empty_text():
    assert decode_bytes(b"") == ("", "utf-8")


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"binary data: NUL byte at offset 8"),
        (bytes(range(1, 9)) * 20 + "Hà Nội".encode(), r"binary data: \d+ control bytes"),
        ("Hà Nộ".encode("utf-8")[:-1], r"truncated UTF-8: multi-byte sequence cut at byte offset 5"),
        (
            "Hà Nội là thủ đô".encode("utf-8")[:3] + b"\xff" + "Hà Nội là thủ đô".encode("utf-8")[3:],
            r"invalid UTF-8: byte 0xff at offset 3",
        ),
        (codecs.BOM_UTF16_LE + "Hà Nội".encode("utf-16-le")[:-1], r"truncated utf-16-le text"),
        ("Le café est très bon, déjà vu à Paris".encode("cp1252"), r"not Vietnamese in Windows-1258 or TCVN3"),
        # VNI-Windows, a legacy encoding we do not read: an error, not mojibake
        (
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc".encode("cp1252"),
            r"not Vietnamese in Windows-1258 or TCVN3 \(well-formed syllables: .*%",
        ),
    ],
    ids=["png", "control-bytes", "truncated-utf8", "damaged-utf8", "truncated-utf16", "french-cp1252", "vni"],
)
def test_decode_bytes_errors(data, pattern):
    with pytest.raises(DecodeError, match=pattern):
        decode_bytes(data)


def test_truncated_utf8_in_a_long_file_names_the_offset():
    data = SENTENCE.encode("utf-8")
    cut = data.rindex("ụ".encode("utf-8")) + 1  # inside the 3-byte "ụ"
    with pytest.raises(DecodeError) as info:
        decode_bytes(data[:cut])
    assert info.value.reason == "truncated"
    assert f"byte offset {cut - 1}" in str(info.value)


# --------------------------------------------------------------------------
# text files


def test_reads_the_sample_article(tmp_path):
    path = write(tmp_path / "mic-gov-vn-000.txt", SAMPLE.read_bytes())
    records, messages = collect([path])
    assert messages == []
    [record] = records
    assert record.ok and record.kind == "txt" and record.encoding == "utf-8"
    assert record.article_id == "mic-gov-vn-000"
    assert record.source_path == str(path)
    assert record.text.startswith('Hội nghị "Đảm bảo an toàn, an ninh trong hoạt động bưu chính')
    assert "Đồng chí Lê Việt Hường" in record.text
    assert record.text == SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "encode", "expected_encoding"),
    [
        ("utf8", lambda s: s.encode("utf-8"), "utf-8"),
        ("utf8bom", lambda s: s.encode("utf-8-sig"), "utf-8-sig"),
        ("utf16", lambda s: s.encode("utf-16"), "utf-16-le"),  # Python writes a LE BOM
        ("cp1258", encode_cp1258, "cp1258"),
        ("tcvn3", encode_tcvn3, "tcvn3"),
    ],
)
def test_text_files_in_each_encoding(tmp_path, name, encode, expected_encoding):
    article = f"{TITLE.replace('Hội', 'hội')}\r\n\r\n{SENTENCE}\r\n"
    write(tmp_path / f"{name}.txt", encode(article))
    records, _ = collect([tmp_path])
    [record] = records
    assert record.ok, record.error
    assert record.encoding == expected_encoding
    assert record.article_id == name
    assert record.text == article.replace("\r\n", "\n")  # newlines normalised, nothing else


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        (b"", r"empty article \(empty file\)"),
        (b"  \r\n\t\n   \n", r"empty article \(only whitespace\)"),
        ("\u00a0\u200b\n\ufeff ".encode("utf-8"), r"empty article \(only whitespace\)"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)), r"cannot decode: binary data: NUL byte at offset 7"),
        (
            (SENTENCE + " Hà Nộ").encode("utf-8")[:-1],
            rf"cannot decode: truncated UTF-8: multi-byte sequence cut at byte offset {len((SENTENCE + ' Hà N').encode())}",
        ),
    ],
    ids=["empty", "whitespace", "invisible", "binary", "truncated-utf8"],
)
def test_bad_text_files_become_error_records(tmp_path, data, pattern):
    path = write(tmp_path / "bad.txt", data)
    records, _ = collect([path])
    [record] = records
    assert not record.ok and record.text is None
    assert record.kind == "txt" and record.article_id == "bad"
    assert record.error.startswith(str(path) + ": ")
    assert re.search(pattern, record.error), record.error


def test_five_megabyte_article(tmp_path):
    paragraph = SAMPLE.read_text(encoding="utf-8").strip()
    body = PARAGRAPH_SEPARATOR.join(f"{i}. {paragraph}" for i in range(1500))
    assert len(body.encode("utf-8")) > 5_000_000
    write(tmp_path / "big.txt", body)
    tcvn3_body = body.lower()  # TCVN3 has no capital toned letters
    write(tmp_path / "big-tcvn3.txt", encode_tcvn3(tcvn3_body))
    write(tmp_path / "big.jsonl", json.dumps({"id": "big-row", "text": body}, ensure_ascii=False) + "\n")
    write(tmp_path / "big.csv", "id,text\nbig-cell," + '"' + body.replace('"', '""') + '"\n')
    records, messages = collect([tmp_path])
    assert messages == []
    assert [r.article_id for r in records] == ["big-tcvn3", "big-cell", "big-row", "big"]
    for record in records:
        assert record.ok, record.error
    assert records[0].text == tcvn3_body and records[0].encoding == "tcvn3"
    assert records[1].text == records[2].text == records[3].text == body


# --------------------------------------------------------------------------
# HTML

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{TITLE} | Cổng thông tin</title>
<meta property="og:title" content="{TITLE}">
<meta name="author" content="Trần Thị Huệ">
<meta property="article:published_time" content="2023-12-28T08:30:00+07:00">
<link rel="canonical" href="https://mic.gov.vn/tin-tuc/hoi-nghi-tong-ket.htm">
</head><body>
<nav><a href="/">Trang chủ</a> | <a href="/tin-tuc">Tin tức</a> | <a href="/lien-he">Liên hệ</a></nav>
<article>
<h1>{TITLE}</h1>
<p>{SENTENCE}</p>
<p>Hội nghị đã đánh giá tình hình thực hiện công tác bảo đảm an toàn mạng lưới, an toàn và an ninh thông tin trong thời gian qua.</p>
<p>Tại hội nghị, Bộ trưởng đã trao bằng khen cho 04 tập thể và 03 cá nhân có thành tích xuất sắc.</p>
</article>
<footer>Bản quyền thuộc Bộ Thông tin và Truyền thông. Ghi rõ nguồn khi phát hành lại.</footer>
</body></html>
"""


def test_html_page(tmp_path):
    path = write(tmp_path / "trang.html", HTML_PAGE)
    records, _ = collect([path])
    [record] = records
    assert record.ok, record.error
    assert record.kind == "html" and record.article_id == "trang"
    assert record.title == TITLE
    assert record.author == "Trần Thị Huệ"
    assert record.published == "2023-12-28"
    assert record.url == "https://mic.gov.vn/tin-tuc/hoi-nghi-tong-ket.htm"
    paragraphs = record.text.split(PARAGRAPH_SEPARATOR)
    assert SENTENCE in paragraphs
    assert paragraphs[-1].startswith("Tại hội nghị, Bộ trưởng đã trao bằng khen")
    assert all(p == p.strip() and "\n" not in p for p in paragraphs)
    assert "Trang chủ" not in record.text and "Bản quyền" not in record.text
    assert "<p>" not in record.text


def test_htm_page_in_a_legacy_encoding(tmp_path):
    page = HTML_PAGE.replace('charset="utf-8"', 'charset="windows-1258"')
    write(tmp_path / "cu.htm", encode_cp1258(page))
    [record], _ = collect([tmp_path])
    assert record.ok and record.encoding == "cp1258" and record.kind == "html"
    assert record.title == TITLE and SENTENCE in record.text


def test_html_without_main_text(tmp_path):
    write(tmp_path / "rong.html", "<html><head><title>Trống</title></head><body></body></html>")
    [record], _ = collect([tmp_path])
    assert not record.ok and record.kind == "html"
    assert "empty article (no main text found in the HTML page)" in record.error


# --------------------------------------------------------------------------
# JSONL, CSV, Parquet


def test_jsonl_with_bad_lines_keeps_every_record(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": SENTENCE, "title": TITLE, "url": "https://mic.gov.vn/a1",
                    "published": "2023-12-28", "author": ["Trần Thị Huệ", "Lê Văn Nam"]}, ensure_ascii=False),
        '{"id": "a2", "text": "Hà Nội mùa thu", ',  # malformed
        "",  # blank line: not a record
        json.dumps({"id": "a3", "title": "Bài không có nội dung"}, ensure_ascii=False),  # no text
        json.dumps({"text": "Đà Nẵng phát triển du lịch biển."}, ensure_ascii=False),  # no id
        json.dumps(["không", "phải", "đối tượng"], ensure_ascii=False),
        json.dumps({"id": 7, "text": 12345}),
        json.dumps({"id": "a8", "text": "   "}),
        json.dumps({"id": "a9", "text": None}),
    ]
    path = write(tmp_path / "dump.jsonl", "\n".join(lines) + "\n")
    records, messages = collect([path])
    assert messages == []
    assert len(records) == 8  # every non-blank line is one record
    by_id = {r.article_id: r for r in records}
    assert list(by_id) == ["a1", "dump-2", "a3", "dump-5", "dump-6", "7", "a8", "a9"]
    assert all(r.kind == "jsonl" and r.source_path == str(path) for r in records)

    good = by_id["a1"]
    assert good.ok and good.text == SENTENCE and good.title == TITLE
    assert good.url == "https://mic.gov.vn/a1" and good.published == "2023-12-28"
    assert good.author == "Trần Thị Huệ, Lê Văn Nam"
    assert by_id["dump-5"].ok and by_id["dump-5"].text == "Đà Nẵng phát triển du lịch biển."

    assert by_id["dump-2"].error.startswith(f"{path}: line 2: malformed JSON")
    assert by_id["a3"].error == f"{path}: line 4: record without text"
    assert by_id["a3"].title == "Bài không có nội dung"  # metadata kept on the error row
    assert by_id["dump-6"].error == f"{path}: line 6: expected a JSON object, got list"
    assert by_id["7"].error == f"{path}: line 7: text is not a string (got int)"
    assert by_id["a8"].error == f"{path}: line 8: empty article (only whitespace)"
    assert by_id["a9"].error == f"{path}: line 9: record without text (text is null)"


def test_jsonl_with_a_line_of_broken_utf8_loses_only_that_line(tmp_path):
    good = json.dumps({"id": "tot", "text": "Cần Thơ"}, ensure_ascii=False).encode("utf-8")
    bad = b'{"id": "hong", "text": "C\xe1\xba n"}'
    path = write(tmp_path / "mixed.jsonl", good + b"\n" + bad + b"\n" + good.replace(b"tot", b"tot2") + b"\n")
    records, _ = collect([path])
    assert [r.article_id for r in records] == ["tot", "mixed-2", "tot2"]
    assert records[0].text == records[2].text == "Cần Thơ"
    offset = bad.index(b"\xe1")
    assert records[1].error.startswith(f"{path}: line 2: invalid UTF-8: byte 0xe1 at offset {offset} of the line")


def test_empty_dump_is_an_error_row(tmp_path):
    write(tmp_path / "trong.jsonl", b"\n\n")
    write(tmp_path / "trong.csv", b"id,text\n")
    records, _ = collect([tmp_path])
    assert [(r.article_id, r.kind) for r in records] == [("trong", "csv"), ("trong-2", "jsonl")]
    assert records[0].error.endswith("no records (a header but no rows)")
    assert records[1].error.endswith("no records (only blank lines)")


def test_csv(tmp_path):
    rows = [
        'id,title,text,published',
        f'c1,"{TITLE}","{SENTENCE}",2023-12-28',
        ',Hai dòng,"Dòng thứ nhất về Huế.\r\nDòng thứ hai về Đà Lạt.",',  # no id, multi-line cell
        'c3,Thừa cột,"Quá nhiều trường",2023-01-01,thừa',
        'c4,Không có văn bản',
        'c5,Rỗng,"",2023',
    ]
    path = write(tmp_path / "bang.csv", ("\r\n".join(rows) + "\r\n").encode("utf-8-sig"))
    records, messages = collect([path])
    assert messages == []
    assert [r.article_id for r in records] == ["c1", "bang-2", "c3", "c4", "c5"]
    assert all(r.kind == "csv" and r.encoding == "utf-8-sig" for r in records)
    c1, two, c3, c4, c5 = records
    assert c1.ok and c1.text == SENTENCE and c1.title == TITLE and c1.published == "2023-12-28"
    assert two.ok and two.text == "Dòng thứ nhất về Huế.\nDòng thứ hai về Đà Lạt."
    assert c3.error == f"{path}: row 3 (line 5): 5 fields but the header has 4"
    assert c4.error == f"{path}: row 4 (line 6): record without text"
    assert c5.error == f"{path}: row 5 (line 7): empty article (no text at all)"


def test_csv_without_text_column(tmp_path):
    path = write(tmp_path / "sai.csv", "id,noi_dung\n1,Hà Nội\n")
    [record], _ = collect([path])
    assert record.article_id == "sai" and record.kind == "csv"
    assert record.error == f"{path}: no 'text' column (header: id, noi_dung)"


def test_csv_in_tcvn3(tmp_path):
    path = write(tmp_path / "abc.csv", b"id,text\nv1," + encode_tcvn3(SENTENCE).replace(b",", b";") + b"\n")
    [record], _ = collect([path])
    assert record.ok and record.encoding == "tcvn3"
    assert record.text == SENTENCE.replace(",", ";")


def test_parquet(tmp_path):
    table = pa.table({
        "id": ["p1", None, "p3", "p4"],
        "text": [SENTENCE, "Quảng Ninh đón khách quốc tế.", None, "  "],
        "title": [TITLE, None, "Thiếu nội dung", None],
        "published": pa.array(
            [dt.datetime(2023, 12, 28, 8, 30), None, None, dt.datetime(2024, 1, 2)], pa.timestamp("s")
        ),
        "views": [1, 2, 3, 4],  # other columns are ignored
    })
    path = tmp_path / "kho.parquet"
    pq.write_table(table, path)
    records, _ = collect([path])
    assert [r.article_id for r in records] == ["p1", "kho-2", "p3", "p4"]
    p1, two, p3, p4 = records
    assert p1.ok and p1.text == SENTENCE and p1.title == TITLE and p1.published == "2023-12-28T08:30:00"
    assert two.ok and two.text == "Quảng Ninh đón khách quốc tế." and two.published is None
    assert p3.error == f"{path}: row 3: record without text (text is null)" and p3.title == "Thiếu nội dung"
    assert p4.error == f"{path}: row 4: empty article (only whitespace)"
    assert all(r.kind == "parquet" for r in records)


def test_parquet_with_non_string_text_and_no_text_column(tmp_path):
    pq.write_table(pa.table({"id": ["n1", "n2"], "text": [1, 2]}), tmp_path / "so.parquet")
    pq.write_table(pa.table({"id": ["x"], "body": ["Hà Nội"]}), tmp_path / "thieu.parquet")
    write(tmp_path / "hong.parquet", b"PAR1 not really parquet")
    records, _ = collect([tmp_path])
    assert [r.article_id for r in records] == ["hong", "n1", "n2", "thieu"]
    assert "not a readable Parquet file" in records[0].error
    assert records[1].error.endswith("row 1: text is not a string (got int)")
    assert records[2].error.endswith("row 2: text is not a string (got int)")
    assert records[3].error.endswith("no 'text' column (columns: id, body)")


# --------------------------------------------------------------------------
# paths, folders, ids


def test_duplicate_ids_are_made_unique_and_reported(tmp_path):
    write(tmp_path / "a" / "tin.txt", "Tin thứ nhất về Hà Nội.")
    write(tmp_path / "b" / "tin.txt", "Tin thứ hai về Huế.")
    write(tmp_path / "c" / "tin.html", HTML_PAGE)
    write(tmp_path / "d.jsonl", "\n".join([
        json.dumps({"id": "tin-2", "text": "Bài có sẵn id tin-2."}, ensure_ascii=False),
        json.dumps({"id": "tin", "text": "Tin thứ tư về Cần Thơ."}, ensure_ascii=False),
    ]))
    records, messages = collect([tmp_path])
    assert [(r.article_id, r.requested_id) for r in records] == [
        ("tin", None), ("tin-2", "tin"), ("tin-3", "tin"), ("tin-2-2", "tin-2"), ("tin-4", "tin"),
    ]
    assert [r.text.split(" về ")[-1] for r in records if r.kind != "html"] == [
        "Hà Nội.", "Huế.", "Bài có sẵn id tin-2.", "Cần Thơ."
    ]
    assert len(messages) == 4
    assert messages[0] == (
        f"duplicate article id 'tin' in {tmp_path / 'b' / 'tin.txt'} "
        f"(first used by {tmp_path / 'a' / 'tin.txt'}); renamed to 'tin-2'"
    )
    # deterministic: a second run gives the same ids
    again, _ = collect([tmp_path])
    assert [r.article_id for r in again] == [r.article_id for r in records]


def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    for name in ["z.txt", "a/b/y.txt", "a/x.txt", "a/c.TXT", "m.jsonl"]:
        write(tmp_path / name, json.dumps({"text": f"Bài {name} ở Việt Nam."}) if name.endswith("jsonl")
              else f"Bài {name} ở Việt Nam.")
    write(tmp_path / "ghi-chu.md", "không đọc")
    write(tmp_path / "anh.png", b"\x89PNG\r\n")
    write(tmp_path / ".an" / "bi-mat.txt", "ẩn")
    write(tmp_path / ".DS_Store", b"\x00")
    records, messages = collect([tmp_path])
    assert [r.source_path for r in records] == [
        str(tmp_path / p) for p in ["a/b/y.txt", "a/c.TXT", "a/x.txt", "m.jsonl", "z.txt"]
    ]
    assert [r.article_id for r in records] == ["y", "c", "x", "m-1", "z"]
    assert all(r.ok for r in records)
    assert sorted(messages) == sorted([
        f"skipping hidden folder {tmp_path / '.an'}",
        f"skipping hidden file {tmp_path / '.DS_Store'}",
        f"skipping {tmp_path / 'anh.png'}: unsupported file type ('.png'; supported: "
        ".csv, .htm, .html, .jsonl, .parquet, .txt)",
        f"skipping {tmp_path / 'ghi-chu.md'}: unsupported file type ('.md'; supported: "
        ".csv, .htm, .html, .jsonl, .parquet, .txt)",
    ])


def test_missing_and_unsupported_paths_become_error_records(tmp_path):
    good = write(tmp_path / "tot.txt", "Hải Phòng")
    pdf = write(tmp_path / "van-ban.pdf", b"%PDF-1.4")
    missing = tmp_path / "khong-co.txt"
    records, messages = collect([missing, good, pdf, str(tmp_path / "thu-muc-khong-co")])
    assert messages == []
    assert [(r.article_id, r.kind, r.ok) for r in records] == [
        ("khong-co", "missing", False), ("tot", "txt", True),
        ("van-ban", "unsupported", False), ("thu-muc-khong-co", "missing", False),
    ]
    assert records[0].error == f"{missing}: no such file or folder"
    assert records[2].error == (
        f"{pdf}: unsupported file type ('.pdf'; supported: .csv, .htm, .html, .jsonl, .parquet, .txt)"
    )
    assert all(r.text is None for r in records if not r.ok)


def test_a_file_named_twice_is_read_once(tmp_path):
    path = write(tmp_path / "mot.txt", "Một bài về Nghệ An.")
    records, messages = collect([path, tmp_path])
    assert [r.article_id for r in records] == ["mot"]
    assert messages == [f"skipping {path}: already read"]


def test_single_path_argument_and_default_messages_go_to_logging(tmp_path, caplog):
    write(tmp_path / "x.txt", "Lào Cai")
    write(tmp_path / "y.doc", "không hỗ trợ")
    with caplog.at_level(logging.WARNING, logger="pipeline.ingest"):
        records = list(read_records(tmp_path))
    assert [r.article_id for r in records] == ["x"]
    assert "unsupported file type ('.doc'" in caplog.text


def test_empty_folder_is_reported(tmp_path):
    (tmp_path / "rong").mkdir()
    records, messages = collect([tmp_path / "rong"])
    assert records == []
    assert messages == [f"no supported files in folder {tmp_path / 'rong'}"]


def test_every_record_present_comes_out_once(tmp_path):
    write(tmp_path / "1.txt", SENTENCE)
    write(tmp_path / "2.txt", b"")
    write(tmp_path / "3.html", HTML_PAGE)
    write(tmp_path / "4.jsonl", '{"text": "Hà Giang"}\n{oops\n\n{"id": 99}\n')
    write(tmp_path / "5.csv", "text\nLạng Sơn\n\"\"\n")
    pq.write_table(pa.table({"text": ["Cà Mau", None]}), tmp_path / "6.parquet")
    write(tmp_path / "7.txt", encode_tcvn3(SENTENCE))
    write(tmp_path / "8.txt", b"\x00\x01")
    records, messages = collect([tmp_path, tmp_path / "9.txt", tmp_path / "10.docx"])
    # 1 + 1 + 1 + 3 (non-blank lines) + 2 rows + 2 rows + 1 + 1 + missing + unsupported
    assert len(records) == 14
    assert len({r.article_id for r in records}) == 14
    assert messages == []
    assert sum(r.ok for r in records) == 6  # 1.txt, 3.html, Hà Giang, Lạng Sơn, Cà Mau, 7.txt
    for record in records:
        assert record.ok == (record.error is None) == (record.text is not None)
        if not record.ok:
            assert record.error.startswith(record.source_path), record.error


def test_a_failing_reader_becomes_an_error_record(tmp_path, monkeypatch):
    import pipeline.ingest as ingest

    def broken(path, source, notify):
        yield record_from_text("Bài đầu tiên vẫn đọc được.", "dau", source_path=source)
        raise RuntimeError("lỗi bất ngờ")

    monkeypatch.setitem(ingest.READERS, ".txt", (broken, "txt"))
    path = write(tmp_path / "hong.txt", "Hà Nội")
    records, _ = collect([path, write(tmp_path / "sau.jsonl", '{"text": "Sau đó"}')])
    assert [r.article_id for r in records] == ["dau", "hong", "sau-1"]
    assert records[1].error == f"{path}: unexpected error after 1 record(s): RuntimeError: lỗi bất ngờ"
    assert records[2].ok


def test_supported_extensions():
    assert SUPPORTED_EXTENSIONS == (".csv", ".htm", ".html", ".jsonl", ".parquet", ".txt")


# --------------------------------------------------------------------------
# record_from_text


def test_record_from_text():
    record = record_from_text("Thủ tướng Phạm Minh Chính\r\nlàm việc tại Bắc Ninh.", "bai-1",
                              title="Tin nhanh", url="https://chinhphu.vn/1")
    assert record.ok and record.kind == "text" and record.article_id == "bai-1"
    assert record.text == "Thủ tướng Phạm Minh Chính\nlàm việc tại Bắc Ninh."
    assert record.title == "Tin nhanh" and record.url == "https://chinhphu.vn/1"
    assert record.source_path == "<text>"
    from_bytes = record_from_text(encode_tcvn3(SENTENCE))
    assert from_bytes.text == SENTENCE and from_bytes.encoding == "tcvn3"
    assert record_from_text(encode_cp1258(SENTENCE)).text == SENTENCE


def test_record_from_text_errors():
    blank = record_from_text(" \n\t ")
    assert not blank.ok and blank.error == "<text>: empty article (only whitespace)"
    binary = record_from_text(b"\x00\x01\x02", source_path="api")
    assert not binary.ok and binary.error.startswith("api: cannot decode: binary data")
    with pytest.raises(TypeError, match="unknown metadata"):
        record_from_text("Hà Nội", nguon="x")
