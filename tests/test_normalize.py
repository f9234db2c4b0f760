"""Tests for pipeline.clean.normalize."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from pipeline.clean.normalize import (
    fix_tone_placement,
    is_vietnamese_syllable,
    normalize_text,
    strip_tones,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "samples" / "mic-gov-vn-000.txt"


# --------------------------------------------------------------------------
# Tone placement
# --------------------------------------------------------------------------

# old placement (or a misplaced mark) -> the placement of current news text
TONE_FIXES = [
    ("Uỷ", "Ủy"),
    ("uỷ", "ủy"),
    ("UỶ", "ỦY"),
    ("hoà", "hòa"),
    ("Hoà", "Hòa"),
    ("HOÀ", "HÒA"),
    ("thuỷ", "thủy"),
    ("Thuỷ", "Thủy"),
    ("khoẻ", "khỏe"),
    ("hoá", "hóa"),
    ("Hoá", "Hóa"),
    ("oà", "òa"),
    ("uý", "úy"),
    ("Thuý", "Thúy"),
    ("tuỳ", "tùy"),
    ("luỹ", "lũy"),
    ("thuỵ", "thụy"),
    ("hoạ", "họa"),
    ("loã", "lõa"),
    ("xoè", "xòe"),
    ("hoè", "hòe"),
    # misplaced marks in closed syllables, triphthongs, qu/gi onsets
    ("qúy", "quý"),
    ("qúa", "quá"),
    ("gìa", "già"),
    ("giưã", "giữa"),
    ("hóan", "hoán"),
    ("hòang", "hoàng"),
    ("Hùynh", "Huỳnh"),
    ("ngòai", "ngoài"),
    ("xóay", "xoáy"),
    ("khủyu", "khuỷu"),
    ("khụya", "khuỵa"),
    ("ngừơi", "người"),
    ("cưú", "cứu"),
    ("thủơ", "thuở"),
    ("tủân", "tuẩn"),
    ("Nguỹên", "Nguyễn"),
]

# already right: must not move
TONE_KEEPS = [
    "quý", "quá", "quốc", "quyết", "Quỳnh", "quỹ", "quạ",
    "hoàn", "hoàng", "toán", "thuyền", "khuya", "khuỵa", "huỳnh", "khuých",
    "giữa", "già", "gì", "gìn", "giếng", "giường", "giữ",
    "người", "cứu", "mùa", "mía", "hài", "túi", "chịu", "ngoài", "xoáy", "khuỷu",
    "Huệ", "Nguyễn", "hòa", "thủy", "khỏe", "hóa", "Ủy", "úy", "Tuấn", "khuấy",
    "thuở", "oan", "hoạch", "Việt", "Đảng", "Hường",
    # not Vietnamese syllables: untouched
    "café", "José", "Pokémon", "résumé", "naïve", "Hoàa",
]


@pytest.mark.parametrize("old,new", TONE_FIXES)
def test_tone_placement_fixed(old, new):
    assert normalize_text(old) == new
    assert fix_tone_placement(old) == new


@pytest.mark.parametrize("old,new", TONE_FIXES)
def test_tone_placement_target_is_stable(old, new):
    assert normalize_text(new) == new


@pytest.mark.parametrize("word", TONE_KEEPS)
def test_tone_placement_kept(word):
    assert normalize_text(word) == word


def test_tone_placement_in_running_text():
    text = "Tỉnh uỷ Thanh Hoá chỉ đạo: giữ gìn sức khoẻ, quý trọng hoà bình; thuỷ lợi, quá trình hoàn thành."
    assert normalize_text(text) == (
        "Tỉnh ủy Thanh Hóa chỉ đạo: giữ gìn sức khỏe, quý trọng hòa bình; thủy lợi, quá trình hoàn thành."
    )


def test_tone_placement_is_rule_based_for_unlisted_syllables():
    # syllables that are unlikely to be in any word list still follow the rules
    assert normalize_text("ngoẻo") == "ngoẻo"
    assert normalize_text("ngỏeo") == "ngoẻo"
    assert normalize_text("khoắng") == "khoắng"
    assert normalize_text("hoẵng") == "hoẵng"
    assert normalize_text("toé") == "tóe"


def test_syllable_helpers():
    assert is_vietnamese_syllable("Huệ")
    assert is_vietnamese_syllable("NGUYỄN")
    assert is_vietnamese_syllable("quý")
    assert not is_vietnamese_syllable("PV")
    assert not is_vietnamese_syllable("BBT")
    assert not is_vietnamese_syllable("John")
    assert not is_vietnamese_syllable("café")
    assert strip_tones("Hoàng") == "Hoang"
    assert strip_tones("Nguyễn") == "Nguyên"


# --------------------------------------------------------------------------
# Unicode, entities, invisible characters
# --------------------------------------------------------------------------


def test_nfd_input_becomes_nfc_with_modern_tones():
    text = "Uỷ ban nhân dân tỉnh Thanh Hoá và Huế"
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    out = normalize_text(decomposed)
    assert out == "Ủy ban nhân dân tỉnh Thanh Hóa và Huế"
    assert unicodedata.is_normalized("NFC", out)


def test_precomposed_letter_with_combining_tone():
    # windows-1258 style: base letter with shape mark + separate tone mark
    assert normalize_text("Vi\u00ea\u0323t Nam th\u01a1\u0300i") == "Việt Nam thời"


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("a&nbsp;b", "a b"),
        ("&quot;Đổi mới&quot;", '"Đổi mới"'),
        ("Thông tin &amp; Truyền thông", "Thông tin & Truyền thông"),
        ("H&#7897;i ngh&#7883;", "Hội nghị"),
        ("H&#x1ED9;i", "Hội"),
        ("&amp;quot;x&amp;quot;", '"x"'),  # double escaped
        ("a &lt; b &gt; c", "a < b > c"),
        ("AT&T và &foo; giữ nguyên", "AT&T và &foo; giữ nguyên"),
        ("&#8211; gạch", "- gạch"),
    ],
)
def test_entities(raw, clean):
    assert normalize_text(raw) == clean


def test_invisible_and_control_characters_removed():
    text = "\ufeffUỷ\u200b ban\u00ad nhân\u200d dân\u200e tỉnh\x00\x07 Gia\x1f Lai\x7f"
    assert normalize_text(text) == "Ủy ban nhân dân tỉnh Gia Lai"
    assert normalize_text("đồng\u00adchí") == "đồngchí"  # soft hyphen is only a break hint


def test_spaces_quotes_dashes():
    assert normalize_text("(Mic.gov.vn) -\u00a0") == "(Mic.gov.vn) -"
    assert normalize_text("10\u202f000 đồng") == "10 000 đồng"
    assert normalize_text("\u201cĐổi mới\u201d và \u2018sáng tạo\u2019") == "\"Đổi mới\" và 'sáng tạo'"
    assert normalize_text("Hà Nội \u2013 Hải Phòng") == "Hà Nội - Hải Phòng"
    assert normalize_text("Hà Nội \u2014 Hải Phòng") == "Hà Nội - Hải Phòng"
    assert normalize_text("Hà Nội\u2014Hải Phòng") == "Hà Nội - Hải Phòng"
    assert normalize_text("nhiệt độ \u22125 độ") == "nhiệt độ -5 độ"
    assert normalize_text("giai đoạn 2010\u20132015") == "giai đoạn 2010-2015"
    # ordinary hyphens inside words and numbers stay
    assert normalize_text("Chỉ thị số 07/2007/CT-UBND ngày 02-5-2007") == (
        "Chỉ thị số 07/2007/CT-UBND ngày 02-5-2007"
    )
    assert normalize_text("\u00d0ồng chí") == "Đồng chí"


def test_whitespace_and_lines():
    raw = "  Tiêu đề  \r\n\r\n\r\n\r\n Đoạn\t\tmột   có  khoảng trắng.  \r\n   \t \nĐoạn hai.\rĐoạn ba.\u2028Dòng\n\n\n"
    assert normalize_text(raw) == "Tiêu đề\n\nĐoạn một có khoảng trắng.\n\nĐoạn hai.\nĐoạn ba.\nDòng"
    assert normalize_text("") == ""
    assert normalize_text(" \n\t \u00a0\u200b") == ""


# --------------------------------------------------------------------------
# Idempotence and cost
# --------------------------------------------------------------------------

_PIECES = list("aăâeêioôơuưyAĂÊÔƠƯĐđbcdghklmnpqrstvx .,;:!?()0123456789") + [
    "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b",
    "&", "amp;", "#", "x", "38;", ";", "nbsp;", "lt;", "#8203;", "#x200B;", "#13;", "&am", "p;",
    "quot;", "#7897;", "\u200b", "\u00ad", "\ufeff", "\x00", "\r", "\r\n", "\n", "\n\n\n", "\t",
    "\u00a0", "\u202f", "\u2000", "\u201c", "\u201d", "\u2018", "\u2019", "\u2013", "\u2014",
    "\u2212", "-", "\u037e", "\u2028", "\u2029", "\x85", "\u0340", "\u034f", "\u00d0",
    "qu", "gi", "oà", "uỷ", "hoá", "khoẻ", "thuỷ", "Uỷ", "ngừơi", "  ", "é", "ï",
]


def _random_texts(n: int, seed: int = 20240601):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))


def _random_vietnamese(n: int, seed: int = 7):
    """Random syllable soup: onsets, vowel clusters, codas and tones."""
    rng = random.Random(seed)
    onsets = ["", "b", "ch", "đ", "g", "gi", "h", "kh", "ng", "nh", "qu", "th", "tr", "x", "Q", "Gi", "TH"]
    nuclei = ["a", "oa", "oe", "uy", "ua", "ia", "ươ", "uô", "iê", "uyê", "oai", "uya", "ưa", "u", "y", "ê"]
    codas = ["", "", "n", "ng", "c", "t", "nh", "i", "u"]
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    for _ in range(n):
        words = []
        for _ in range(rng.randint(1, 12)):
            word = rng.choice(onsets) + rng.choice(nuclei) + rng.choice(codas)
            k = rng.randrange(len(word) + 1)
            word = word[:k] + rng.choice(tones) + word[k:]
            words.append(word)
        yield rng.choice([" ", "  ", "\n", " \u00a0"]).join(words)


def test_idempotent_on_sample_and_examples():
    texts = [SAMPLE.read_text(encoding="utf-8")] + [old for old, _ in TONE_FIXES] + TONE_KEEPS
    for text in texts:
        once = normalize_text(text)
        assert normalize_text(once) == once


def test_idempotent_on_random_strings():
    for text in _random_texts(4000):
        once = normalize_text(text)
        assert normalize_text(once) == once, repr(text)
        assert unicodedata.is_normalized("NFC", once)


def test_idempotent_on_random_vietnamese_and_nfd():
    for text in _random_vietnamese(3000):
        once = normalize_text(text)
        assert normalize_text(once) == once, repr(text)
        assert normalize_text(unicodedata.normalize("NFD", text)) == once, repr(text)


def test_long_inputs_give_the_result_of_their_parts():
    # A long scrape is normalised paragraph by paragraph: 320 copies of the
    # sample give 320 copies of its normalised form.  (Speed is measured by
    # benchmarks/throughput.py, not here.)
    base = SAMPLE.read_text(encoding="utf-8")
    once = normalize_text(base)
    assert normalize_text("\n\n".join([base] * 320)) == "\n\n".join([once] * 320)


def test_adversarial_inputs():
    # Inputs that would make a backtracking pattern explode; each must come
    # back whole and correct.
    assert normalize_text("&amp;" * 100_000) == "&" * 100_000
    assert normalize_text("a" * 500_000) == "a" * 500_000
    assert normalize_text("&" * 200_000 + "#" * 1000) == "&" * 200_000 + "#" * 1000
    assert normalize_text(" \n" * 200_000) == ""
    assert normalize_text("\u2014 " * 100_000) == " ".join(["-"] * 100_000)
