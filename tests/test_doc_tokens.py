"""The shared token view must say exactly what the Doc says."""

import pytest
from spacy.tokens import Doc

from pipeline.nlp.doc_tokens import doc_tokens
from pipeline.nlp.language import get_nlp
from pipeline.nlp.tokenizer import WORDS_SPAN_KEY

TEXTS = [
    "Sáng 12/8, Phó Chủ tịch UBND tỉnh Gia Lai Nguyễn Văn An dự hội nghị.\n\nÔng An đề nghị Sở TT&TT…",
    "Quyết định số 749/QĐ-TTg  ngày 03/6/2020 của Thủ tướng Chính phủ.  Uỷ ban nhân dân tỉnh   triển khai.",
    "  \n  Tin mới\n\n(Mic.gov.vn) - Bộ TT&TT tổ chức diễn tập.\n",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_view_recorded_by_the_tokenizer_matches_the_doc(text):
    doc = get_nlp().make_doc(text)
    view = doc_tokens(doc)
    assert view.texts == [token.text for token in doc]
    assert view.spaces == [token.whitespace_ == " " for token in doc]
    assert view.is_space == [token.is_space for token in doc]
    assert view.sentence_bounds == [(sent.start, sent.end) for sent in doc.sents] if len(doc) else view.sentence_bounds == []
    for sent_index, (start, end) in enumerate(view.sentence_bounds):
        for i in range(start, end):
            assert view.sentence_index(i) == sent_index
            assert view.sentence_of_token[i] == (start, end)
    assert view.word_bounds == [(word.start, word.end) for word in doc.spans[WORDS_SPAN_KEY]]


def test_a_doc_from_another_tokenizer_gets_the_view_computed():
    nlp = get_nlp()
    words = ["Giám", "đốc", "Sở", "phát", "biểu", ".", "Hội", "nghị", "bế", "mạc", "."]
    starts = [True] + [False] * 5 + [True] + [False] * 4
    doc = Doc(nlp.vocab, words=words, sent_starts=starts)
    view = doc_tokens(doc)
    assert view.texts == words
    assert view.sentence_bounds == [(0, 6), (6, 11)]
    assert view.word_bounds == []
    assert view.word_end == list(range(1, 12))
    assert doc_tokens(doc) is view  # computed once


def test_word_end_points_past_the_whole_word():
    doc = get_nlp().make_doc("Ủy ban nhân dân tỉnh Gia Lai")
    view = doc_tokens(doc)
    # Gia Lai is one word: both syllables end where "Lai" ends
    assert view.word_end[view.texts.index("Gia")] == view.word_end[view.texts.index("Lai")] == len(doc)
