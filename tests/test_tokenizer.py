"""The syllable tokenizer: protected units, offsets, sentences, words."""

from __future__ import annotations

import pytest
import spacy

from pipeline.nlp.tokenizer import WORDS_SPAN_KEY


@pytest.fixture(scope="module")
def tokenizer_nlp():
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vn_pipeline.syllable_tokenizer"}}})


@pytest.mark.parametrize(
    "unit",
    [
        "07/2007/CT-UBND", "749/QĐ-TTg", "12-NQ/TU", "36-HD/VPTW", "3115/BTTTT-CVT", "24/2018/QH14",
        "15/2020/NĐ-CP", "45/TB-VPCP", "02/5/2007", "2-5-2007", "TT&TT", "KH&CN", "TP.HCM",
        "1.234", "stttt@gialai.gov.vn", "https://mic.gov.vn/tin-tuc/abc.htm", "www.mic.gov.vn",
    ],
)
def test_protected_units_stay_whole(tokenizer_nlp, unit):
    doc = tokenizer_nlp(f"Theo văn bản {unit} của Sở, đề nghị thực hiện.")
    assert unit in [token.text for token in doc]


def test_text_and_offsets_are_preserved(tokenizer_nlp):
    text = "  Hội nghị  tại Kon Tum.\n\nÔng Nguyễn Văn Nam   phát biểu. \n"
    doc = tokenizer_nlp(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text


def test_sentences_split_at_paragraphs_and_full_stops(tokenizer_nlp):
    doc = tokenizer_nlp("Sở TT&TT tỉnh Kon Tum họp. Bà Y Nhi chủ trì\n\nTin vui cho TP.HCM. 12 đơn vị tham gia.")
    sentences = [sentence.text.strip() for sentence in doc.sents]
    assert sentences == ["Sở TT&TT tỉnh Kon Tum họp.", "Bà Y Nhi chủ trì", "Tin vui cho TP.HCM.", "12 đơn vị tham gia."]


def test_words_group_syllables(tokenizer_nlp):
    doc = tokenizer_nlp("Ủy ban nhân dân tỉnh Quảng Ngãi tăng cường an ninh mạng.")
    words = [span.text for span in doc.spans[WORDS_SPAN_KEY]]
    assert "Quảng Ngãi" in words
    assert "tăng cường" in words
    assert "Ủy ban nhân dân" in words
    assert all(" " not in word or word.replace(" ", "").isalpha() for word in words)


def test_long_line_of_digits_slashes_and_capitals_completes(tokenizer_nlp):
    # Linear-time patterns: a pathological 200 kB line is tokenised, not hung on.
    text = ("1/" * 20000) + ("ABC-" * 10000) + ("9" * 40000)
    doc = tokenizer_nlp(text)
    assert doc.text == text


def test_ellipsis_is_one_token(tokenizer_nlp):
    doc = tokenizer_nlp("Các đơn vị như Sở, ngành... đã tham gia.")
    assert "..." in [token.text for token in doc]
