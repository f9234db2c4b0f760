"""Tests for pipeline.clean.dedup."""

from __future__ import annotations

import random
from pathlib import Path

from pipeline.article import STATUS_ERROR, Article
from pipeline.clean import clean_text, dedup
from pipeline.clean.dedup import (
    PAIRWISE_LIMIT,
    NearDuplicateIndex,
    flag_near_duplicate_articles,
    remove_duplicate_paragraphs,
    shingle_hashes,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "samples" / "mic-gov-vn-000.txt"

LEAD = (
    "Ủy ban nhân dân tỉnh Gia Lai tổ chức Hội nghị đảm bảo an toàn mạng lưới, an toàn và an ninh "
    "thông tin trong hoạt động bưu chính, viễn thông và Internet."
)
OTHER = (
    "Hội nghị đã đánh giá tình hình thực hiện công tác đảm bảo an toàn mạng lưới trong thời gian qua, "
    "phương hướng, nhiệm vụ và giải pháp thực hiện trong thời gian tới."
)
THIRD = "Tại Hội nghị, đồng chí Lê Việt Hường đã trao bằng khen cho 04 tập thể và 03 cá nhân có thành tích xuất sắc."


# --------------------------------------------------------------------------
# Paragraphs
# --------------------------------------------------------------------------


def test_exact_duplicates_first_kept_order_preserved():
    kept, removed = remove_duplicate_paragraphs([LEAD, OTHER, LEAD, THIRD, OTHER])
    assert kept == [LEAD, OTHER, THIRD]
    assert removed == 2


def test_case_and_space_insensitive():
    kept, removed = remove_duplicate_paragraphs([LEAD, "  " + LEAD.upper().replace(" ", "   ") + " ", OTHER])
    assert kept == [LEAD, OTHER]
    assert removed == 1


def test_punctuation_and_spacing_differences():
    variant = LEAD.replace(",", "").replace(".", " .").replace("Internet", "Internet!")
    kept, removed = remove_duplicate_paragraphs([LEAD, variant])
    assert kept == [LEAD]
    assert removed == 1


def test_near_duplicate_with_a_few_words_edited():
    edited = LEAD.replace("tổ chức", "đã tổ chức").replace("mạng lưới", "mạng")
    assert edited != LEAD
    kept, removed = remove_duplicate_paragraphs([LEAD, OTHER, edited])
    assert kept == [LEAD, OTHER]
    assert removed == 1


def test_different_paragraphs_on_the_same_topic_are_kept():
    similar_topic = (
        "Ủy ban nhân dân tỉnh Kon Tum tổ chức Hội nghị tổng kết công tác chuyển đổi số "
        "trong hoạt động của các cơ quan nhà nước năm 2023."
    )
    kept, removed = remove_duplicate_paragraphs([LEAD, similar_topic, OTHER, THIRD])
    assert kept == [LEAD, similar_topic, OTHER, THIRD]
    assert removed == 0


def test_short_paragraphs_are_compared_exactly():
    kept, removed = remove_duplicate_paragraphs(["Hội nghị", LEAD, "Hội nghị", "hội  nghị", "Hội nghị.", "Hội thảo"])
    assert kept == ["Hội nghị", LEAD, "Hội nghị.", "Hội thảo"]
    assert removed == 2


def test_empty_input_and_empty_paragraphs():
    assert remove_duplicate_paragraphs([]) == ([], 0)
    assert remove_duplicate_paragraphs(["", "  ", LEAD]) == ([LEAD], 0)


def test_many_paragraphs_use_lsh(monkeypatch):
    def no_pairwise(similarity):
        raise AssertionError("compared pairwise")

    monkeypatch.setattr(dedup, "_PairwiseCandidates", no_pairwise)
    rng = random.Random(3)
    vocabulary = (LEAD + " " + OTHER + " " + THIRD).replace(",", "").replace(".", "").split()
    paragraphs = [" ".join(rng.choice(vocabulary) for _ in range(25)) + f" số {i}" for i in range(3000)]
    originals = list(paragraphs)
    # near duplicates: one word replaced, appended later
    edited = []
    for i in range(0, 3000, 100):
        words = paragraphs[i].split()
        words[5] = "thaythế"
        edited.append(" ".join(words))
    exact = [paragraphs[i] for i in range(50, 3000, 100)]
    assert len(paragraphs) > PAIRWISE_LIMIT
    kept, removed = remove_duplicate_paragraphs(paragraphs + edited + exact)
    assert kept == originals
    assert removed == len(edited) + len(exact)


# --------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------

DIFFERENT_STORY = """Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng 3

(Chinhphu.vn) - Sáng 5/4, Thủ tướng Phạm Minh Chính chủ trì phiên họp Chính phủ thường kỳ tháng 3 và hội nghị trực tuyến Chính phủ với các địa phương.

Phiên họp thảo luận về tình hình kinh tế - xã hội quý I, việc thực hiện các nghị quyết của Quốc hội, giải ngân vốn đầu tư công và các chương trình mục tiêu quốc gia.

Theo báo cáo của Bộ Kế hoạch và Đầu tư, tăng trưởng GDP quý I ước đạt 5,66%, cao hơn cùng kỳ các năm 2020 đến 2023; lạm phát được kiểm soát, các cân đối lớn của nền kinh tế được bảo đảm.

Thủ tướng yêu cầu các bộ, ngành, địa phương tiếp tục tháo gỡ khó khăn cho sản xuất kinh doanh, thúc đẩy tiêu dùng, xuất khẩu và thu hút đầu tư, đồng thời bảo đảm an sinh xã hội.

Ngọc Lan"""


def _sample_text() -> str:
    return clean_text(SAMPLE.read_text(encoding="utf-8"), "sample").text


def _republished(text: str) -> str:
    """The same story republished by another site with a few edits."""
    return (
        text.replace("Hội nghị \"Đảm bảo", "Gia Lai: Hội nghị \"Bảo đảm", 1)
        .replace("hơn 100 đại biểu", "hơn 120 đại biểu")
        .replace("thời gian tới", "thời gian sắp tới", 1)
        .replace("04 tập thể", "bốn tập thể")
        .replace("Trần Thị Huệ", "Minh Anh (tổng hợp)")
    )


def test_shingle_hashes():
    tokens = "ủy ban nhân dân tỉnh gia lai".split()
    hashes = shingle_hashes(tokens, 3)
    assert len(hashes) == 5 and len(set(hashes.tolist())) == 5
    assert int(hashes.max()) < 2**32
    # a shingle's hash depends on its words and their order only
    assert shingle_hashes(tokens[1:4], 3).tolist() == [hashes[1]]
    assert shingle_hashes(["nhân", "ban", "dân"], 3)[0] != shingle_hashes(["ban", "nhân", "dân"], 3)[0]
    # fewer words than the shingle size: one shingle; no word: none
    assert len(shingle_hashes(["Hà", "Nội"], 3)) == 1
    assert len(shingle_hashes([], 3)) == 0


def test_index_flags_republished_story_not_different_one():
    original = _sample_text()
    index = NearDuplicateIndex()
    assert index.check_and_add("a", original) is None
    assert index.check_and_add("b", DIFFERENT_STORY) is None
    assert index.check_and_add("c", _republished(original)) == "a"
    assert len(index) == 3


def test_index_returns_the_first_seen():
    original = _sample_text()
    index = NearDuplicateIndex()
    assert index.check_and_add("first", original) is None
    assert index.check_and_add("second", original) == "first"
    assert index.check_and_add("third", _republished(original)) == "first"


def test_index_is_deterministic():
    texts = [_sample_text(), DIFFERENT_STORY, _republished(_sample_text()), DIFFERENT_STORY.replace("5,66%", "5,7%")]
    results = []
    for _ in range(2):
        index = NearDuplicateIndex()
        results.append([index.check_and_add(str(i), t) for i, t in enumerate(texts)])
    assert results[0] == results[1] == [None, None, "0", "1"]


def test_index_ignores_empty_texts_and_short_texts_work():
    index = NearDuplicateIndex()
    assert index.check_and_add("empty", "") is None
    assert index.check_and_add("punct", " ... !!") is None
    assert len(index) == 0
    assert index.check_and_add("x", "Hà Nội") is None
    assert index.check_and_add("y", "Hà  Nội!") == "x"


def test_flag_near_duplicate_articles():
    original = clean_text(SAMPLE.read_text(encoding="utf-8"), "a1")
    different = clean_text(DIFFERENT_STORY, "a2")
    broken = Article(article_id="a3", source_path="x", status=STATUS_ERROR, error="unreadable")
    republished = clean_text(_republished(SAMPLE.read_text(encoding="utf-8")), "a4")
    copy_of_different = clean_text(DIFFERENT_STORY.replace("Ngọc Lan", "PV"), "a5")
    articles = [original, different, broken, republished, copy_of_different]
    assert all(a.ok for a in articles if a is not broken)
    assert flag_near_duplicate_articles(articles) == 2
    assert [a.duplicate_of for a in articles] == [None, None, None, "a1", "a2"]
    assert broken.status == STATUS_ERROR


def test_random_texts_of_the_same_words_are_not_flagged():
    rng = random.Random(11)
    words = DIFFERENT_STORY.split() + _sample_text().split()
    articles = [
        Article(article_id=f"n{i}", source_path="x", text=" ".join(rng.choice(words) for _ in range(200)))
        for i in range(1500)
    ]
    assert flag_near_duplicate_articles(articles) == 0
    assert all(article.duplicate_of is None for article in articles)
