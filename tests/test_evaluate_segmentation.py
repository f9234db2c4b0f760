"""Word-segmentation scores against CoNLL-U (pipeline.evaluate.segmentation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluate.segmentation import (
    check_protected_units,
    evaluate_segmentation,
    read_conllu_words,
    score_sentence,
    sentence_text,
    word_spans,
)

BENCHMARKS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
VTB_TEST = BENCHMARKS / "ud-vi-vtb" / "vi_vtb-ud-test.conllu"

# Two sentences, 12 gold words, 20 syllables (multi-syllable FORMs hold spaces, as in UD VTB).
TINY = """# sent_id = s1
# text = Ủy ban nhân dân tỉnh Gia Lai bảo đảm an ninh .
1\tỦy ban nhân dân\tủy ban nhân dân\tNOUN\tN\t_\t4\tnsubj\t_\t_
2\ttỉnh\ttỉnh\tNOUN\tN\t_\t1\tnmod\t_\t_
3\tGia Lai\tGia Lai\tPROPN\tNp\t_\t2\tflat:name\t_\t_
4\tbảo đảm\tbảo đảm\tVERB\tV\t_\t0\troot\t_\t_
5\tan ninh\tan ninh\tNOUN\tN\t_\t4\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# sent_id = s2
# text = Số của tôi là 10 . 000 .
1\tSố\tsố\tNOUN\tN\t_\t4\tnsubj\t_\t_
2\tcủa\tcủa\tADP\tE\t_\t3\tcase\t_\t_
3\ttôi\ttôi\tPRON\tP\t_\t1\tnmod\t_\t_
4\tlà\tlà\tAUX\tV\t_\t0\troot\t_\t_
5\t10 . 000\t10 . 000\tNUM\tM\t_\t4\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

"""


@pytest.fixture()
def tiny(tmp_path) -> Path:
    path = tmp_path / "tiny.conllu"
    path.write_text(TINY, encoding="utf-8")
    return path


def test_reads_forms_and_builds_the_input_text(tiny):
    sentences = read_conllu_words(tiny)
    assert sentences[0] == ["Ủy ban nhân dân", "tỉnh", "Gia Lai", "bảo đảm", "an ninh", "."]
    assert sentence_text(sentences[1]) == "Số của tôi là 10 . 000 ."


def test_word_spans_ignore_spaces():
    assert word_spans(["Gia Lai", "tỉnh", " ", "."]) == [(0, 6), (6, 10), (10, 11)]


def test_syllable_baseline_has_known_figures(tiny):
    # Every syllable a word: sentence 1 gets "tỉnh" and "." right (2 of 12 predicted),
    # sentence 2 "Số", "của", "tôi", "là" and the final "." (5 of 8): 7 correct, 20 predicted, 12 gold.
    row = evaluate_segmentation(tiny, systems=("ours:syllables",)).iloc[0]
    assert (row.correct, row.predicted, row.gold) == (7, 20, 12)
    assert row.precision == pytest.approx(35.0)
    assert row.recall == pytest.approx(58.33)
    assert row.f1 == pytest.approx(43.75)
    assert (row.sentences, row.syllables) == (2, 20)


def test_ours_groups_the_tiny_treebank(tiny):
    # The default segmenter (vtb_crf) gets sentence 1 right; "10 . 000" is written with spaces, so
    # the tokenizer gives three tokens and the gold word is missed: 11 correct of 14 predicted.
    table = evaluate_segmentation(tiny, systems=("ours",))
    row = table.iloc[0]
    assert row.system == "ours"
    assert (row.correct, row.predicted, row.gold) == (11, 14, 12)
    assert row.f1 == pytest.approx(84.62)


def test_protected_unit_counts_as_one_group():
    # "TP.HCM" is one token in ours; it is right when the gold has it as one word ...
    assert score_sentence(["Tại", "TP.HCM", "."], ["Tại", "TP.HCM", "."]) == (3, 3, 3)
    # ... and a system that splits it gets neither piece right.
    assert score_sentence(["Tại", "TP.HCM", "."], ["Tại", "TP.", "HCM", "."]) == (2, 4, 3)
    # A unit the gold splits is one wrong prediction, not two right ones.
    assert score_sentence(["ngày", "2", "/", "5"], ["ngày", "2/5"]) == (1, 2, 4)


def test_a_prediction_that_loses_text_is_an_error():
    with pytest.raises(ValueError, match="non-space characters"):
        score_sentence(["Gia Lai", "."], ["Gia Lai"])


def test_other_systems_run_on_the_same_text(tiny):
    pytest.importorskip("pyvi")
    table = evaluate_segmentation(tiny, systems=("underthesea", "pyvi"))
    assert list(table.system) == ["underthesea", "pyvi"]
    assert (table.gold == 12).all()
    assert table.f1.between(0, 100).all()


def test_unknown_system_is_refused(tiny):
    with pytest.raises(ValueError, match="unknown segmentation system"):
        evaluate_segmentation(tiny, systems=("nltk",))


def test_protected_units_stay_whole_in_ours():
    table = check_protected_units(systems=("ours", "underthesea"))
    ours = table[table.system == "ours"]
    assert ours.whole.all(), ours[~ours.whole]
    assert len(ours) >= 10
    # underthesea's own tokenizer splits document numbers such as 07/2007/CT-UBND
    underthesea = table[table.system == "underthesea"].set_index("unit")
    assert not underthesea.loc["07/2007/CT-UBND", "whole"]


@pytest.mark.skipif(not VTB_TEST.exists(), reason="UD VTB test split not in ../shared/benchmarks")
def test_ours_is_at_least_as_good_as_pyvi_on_ud_vtb_test():
    pytest.importorskip("pyvi")
    table = evaluate_segmentation(VTB_TEST, systems=("ours", "pyvi")).set_index("system")
    assert table.loc["ours", "gold"] == 11692
    assert table.loc["ours", "f1"] >= table.loc["pyvi", "f1"], table
