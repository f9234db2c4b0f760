"""The article's province (pipeline/nlp/context.py), on articles written for the tests."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.nlp.context import ArticleContext
from pipeline.nlp.language import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(segmenter="syllables", components=("vn_places", "vn_article_context"))


def province(nlp, text, orgs=()):
    """Run the pipeline; ``orgs`` are ORG phrases marked first, as vn_organisations would."""
    doc = nlp.make_doc(text)
    spans = []
    for phrase in orgs:
        start = text.index(phrase)
        spans.append(doc.char_span(start, start + len(phrase), label="ORG"))
    doc.ents = spans
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc._.province


def test_the_province_of_the_title_and_the_body(nlp):
    text = (
        "Điện Biên: Phủ sóng 4G cho các bản vùng cao\n\n"
        "Sở Khoa học và Công nghệ tỉnh Điện Biên cho biết, các huyện Mường Nhé, Nậm Pồ đã có sóng. "
        "Đoàn công tác của tỉnh Lai Châu đến học tập kinh nghiệm."
    )
    assert province(nlp, text) == "Điện Biên"


def test_votes_of_org_names(nlp):
    text = (
        "Hội nghị tổng kết công tác chuyển đổi số\n\n"
        "UBND tỉnh Hưng Yên tổ chức hội nghị. Sở Tài chính Hưng Yên báo cáo kết quả; "
        "đại diện Hà Nội tham dự."
    )
    assert province(nlp, text, orgs=("UBND tỉnh Hưng Yên", "Sở Tài chính Hưng Yên")) == "Hưng Yên"


def test_a_post_merger_article(nlp):
    # Hà Giang was merged into Tuyên Quang in 2025; the article names both
    text = (
        "Tuyên Quang: Bưu điện tỉnh sơ kết 6 tháng\n\n"
        "Sau khi hợp nhất tỉnh Hà Giang và tỉnh Tuyên Quang, Bưu điện tỉnh Tuyên Quang có hơn 200 bưu cục."
    )
    assert province(nlp, text, orgs=("Bưu điện tỉnh Tuyên Quang",)) == "Tuyên Quang"


def test_variant_names_vote_for_their_province(nlp):
    text = "TP.HCM diễn tập an toàn thông tin\n\nCác đơn vị của TP. Hồ Chí Minh và Bình Dương tham gia."
    assert province(nlp, text) == "Hồ Chí Minh"


def test_no_province_without_a_clear_margin(nlp):
    text = (
        "Giao ban báo chí khu vực Tây Nguyên\n\n"
        "Đại diện Gia Lai, Kon Tum, Đắk Lắk và Lâm Đồng báo cáo; tỉnh Gia Lai và tỉnh Kon Tum đề xuất."
    )
    assert province(nlp, text) is None


def test_no_province_in_a_national_article(nlp):
    text = "Bộ Khoa học và Công nghệ ban hành thông tư mới\n\nThông tư áp dụng trên toàn quốc từ tháng 7."
    assert province(nlp, text) is None


def test_a_district_does_not_vote(nlp):
    text = "Xã vùng cao đón sóng 5G\n\nCác huyện Mường Nhé và Mường Chà có sóng; huyện Mường Nhé dẫn đầu."
    assert province(nlp, text) is None


def test_decide_rule():
    assert ArticleContext.decide(Counter()) is None
    assert ArticleContext.decide(Counter({"Gia Lai": 1})) is None  # one passing mention is not enough
    assert ArticleContext.decide(Counter({"Gia Lai": 4, "Kon Tum": 2})) == "Gia Lai"
    assert ArticleContext.decide(Counter({"Gia Lai": 4, "Kon Tum": 3})) is None
