"""Word segmentation (tách từ): the trained ``vtb_crf`` segmenter and its registration."""

from __future__ import annotations

import json
import shutil
import threading

import pytest
from pipeline.nlp.language import DEFAULT_SEGMENTER
from pipeline.nlp.segmenter import (
    FEATURES_VERSION,
    SEGMENTERS,
    ModelFeatures,
    VtbCRFSegmenter,
    get_segmenter,
    is_standalone_unit,
    segmentation_features,
    syllable_key,
)
from pipeline.evaluate.segmentation import ours_tokenizer
from pipeline.nlp.tokenizer import WORDS_SPAN_KEY
from pipeline.resources import resource_path

SENTENCE = (
    "Chỉ thị số 07/2007/CT-UBND ngày 02/5/2007 của Ủy ban nhân dân tỉnh Gia Lai "
    "về tăng cường công tác bảo đảm an ninh trật tự."
)


@pytest.fixture(scope="module")
def segmenter():
    return get_segmenter("vtb_crf")


@pytest.fixture(scope="module")
def tokenizer():
    return ours_tokenizer("vtb_crf")  # as build_nlp makes it


def words_of(tokenizer, text: str) -> list[str]:
    doc = tokenizer(text)
    return [span.text for span in doc.spans[WORDS_SPAN_KEY]]


def test_vtb_crf_is_registered_and_the_default():
    assert "vtb_crf" in SEGMENTERS
    assert DEFAULT_SEGMENTER == "vtb_crf"


def test_segmenter_is_built_once_per_process(segmenter):
    assert get_segmenter("vtb_crf") is segmenter


def test_known_words_are_grouped(tokenizer):
    words = words_of(tokenizer, SENTENCE)
    for word in ("Ủy ban nhân dân", "Gia Lai", "an ninh", "tăng cường", "Chỉ thị"):
        assert word in words, words
    # function words stay alone
    assert "của" in words and "về" in words


@pytest.mark.parametrize(
    "text, word",
    [
        ("Bộ Công an yêu cầu bảo đảm an ninh mạng.", "an ninh"),
        ("Đoàn công tác đến tỉnh Gia Lai hôm qua.", "Gia Lai"),
        ("Uỷ ban nhân dân huyện họp.", "Uỷ ban nhân dân"),  # old tone placement
        ("Ông Nguyễn Văn Hùng phát biểu.", "Nguyễn Văn Hùng"),
    ],
)
def test_words_in_context(tokenizer, text, word):
    assert word in words_of(tokenizer, text)


@pytest.mark.parametrize(
    "unit",
    ["07/2007/CT-UBND", "749/QĐ-TTg", "12-NQ/TU", "02/5/2007", "5/2021", "TT&TT", "KH&CN", "TP.HCM",
     "1.234", "vanphong@mic.gov.vn"],
)
def test_protected_units_are_whole_words(tokenizer, unit):
    words = words_of(tokenizer, f"Sở {unit} của tỉnh Gia Lai triển khai.")
    assert unit in words, words


def test_units_with_inner_punctuation_stand_alone(segmenter):
    assert is_standalone_unit("TP.HCM") and is_standalone_unit("TT&TT")
    assert not is_standalone_unit("Covid-19") and not is_standalone_unit("an") and not is_standalone_unit(".")
    starts = segmenter(["Sở", "TT&TT", "tỉnh", "Gia", "Lai"])
    assert starts[:3] == [True, True, True]


def test_empty_and_blank_input(segmenter, tokenizer):
    assert segmenter([]) == []
    assert words_of(tokenizer, "") == []
    assert words_of(tokenizer, "   \n\n ") == []


def test_output_shape(segmenter):
    syllables = "Thủ tướng chủ trì hội nghị trực tuyến với 63 tỉnh , thành phố .".split()
    starts = segmenter(syllables)
    assert len(starts) == len(syllables)
    assert starts[0] is True
    assert segmenter(["an"]) == [True]


def test_tone_placement_variants_share_a_key():
    assert syllable_key("hoà") == syllable_key("hòa") == "hoa2"
    assert syllable_key("Thuỷ") == syllable_key("thủy")
    assert syllable_key("Ðặng") == syllable_key("Đặng")  # U+00D0 typed for Đ
    assert syllable_key("an") == "an"


def test_features_use_the_lexicon(segmenter):
    features = segmentation_features(["bảo", "đảm", "an", "ninh"], segmenter.lexicon)
    assert len(features) == 4
    assert "U[-1,0]" in features[3] and "P[-1,0]" in features[3]  # "an ninh" is a known word
    assert "Umm=00" in features[3]


# Hard cases for the model's restricted features: an unseen name, a Bahnar
# name with an apostrophe, codes kept whole, old tone placement, capitals,
# numbers, a one-syllable sentence and a sentence of punctuation.
FEATURE_SENTENCES = [
    SENTENCE.split(),
    "Bà Y Niê Kđăm , Phó Chủ tịch UBND huyện Krông Pắc , trao quà cho H'Linh Niê .".split(),
    "Ông Ngạc Thế Quýnh nói : “ Uỷ ban sẽ hoà giải ngay trong quý IV / 2026 ” .".split(),
    "TP.HCM TT&TT Covid-19 đã tăng 12,5 % so với năm 2025".split(),
    "KẾ HOẠCH TRIỂN KHAI CHUYỂN ĐỔI SỐ".split(),
    ["Hà"],
    ["-", "–", "…"],
]


@pytest.mark.parametrize("syllables", FEATURE_SENTENCES, ids=lambda syllables: " ".join(syllables)[:30])
def test_model_features_are_the_weighted_features_in_order(segmenter, syllables):
    weighted = {attribute for attribute, _label in segmenter._tagger().info().state_features}
    full = segmentation_features(syllables, segmenter.lexicon)
    assert segmenter.features(syllables) == [[a for a in row if a in weighted] for row in full]
    # crfsuite gives the same tags either way
    tagger = segmenter._tagger()
    assert tagger.tag(segmenter.features(syllables)) == tagger.tag(full)
    assert sum(map(len, segmenter.features(syllables))) < sum(map(len, full))


def test_model_features_keep_only_the_attributes_given():
    features = ModelFeatures({"b", "k0=an", "k-1,0=an ninh", "s0=l", "w=ninh"}, {})
    assert features(["an", "ninh", "Hà"]) == [["b", "k0=an", "s0=l"], ["b", "w=ninh", "k-1,0=an ninh", "s0=l"], ["b"]]
    assert ModelFeatures(set(), {})(["an", "ninh"]) == [[], []]


def test_model_files_are_small_and_versioned():
    folder = resource_path("segmenter")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["features_version"] == FEATURES_VERSION
    assert "test" not in meta["training_data"]
    size = sum(path.stat().st_size for path in folder.iterdir() if path.is_file())
    assert size < 5_000_000


def test_a_model_trained_with_other_features_is_refused(tmp_path):
    folder = resource_path("segmenter")
    for name in ("vtb_crf.crfsuite", "lexicon.tsv", "meta.json"):
        shutil.copy(folder / name, tmp_path / name)
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    meta["features_version"] = "something-else"
    (tmp_path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ValueError, match="retrain"):
        VtbCRFSegmenter(tmp_path)


def test_threads_get_the_same_answers(segmenter):
    sentences = [SENTENCE.split(), "Sở TT&TT tỉnh Kon Tum họp bàn về an ninh mạng .".split()] * 20
    expected = [segmenter(sentence) for sentence in sentences]
    results: dict[int, list] = {}

    def run(index: int) -> None:
        results[index] = [segmenter(sentence) for sentence in sentences]

    threads = [threading.Thread(target=run, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results.values())
